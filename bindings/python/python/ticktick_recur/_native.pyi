"""The extension module: the engine's functions (re-exported by ``ticktick_recur``)."""

from collections.abc import Iterable, Mapping
from typing import Any

from ._types import (
    AgendaEntry,
    AppliedResponse,
    BatchBody,
    Holidays,
    Instant,
    LocalDate,
    ReminderEntry,
    Task,
    TaskDates,
    TaskList,
    TimeZone,
)

__version__: str

class Error(ValueError):
    """Bad input: a flag, time, zone, date or task the engine cannot use, or an action the task
    refuses. The message is the one the command line prints after ``error:``."""

def expand(
    flag: str,
    *,
    start: Instant,
    time_zone: TimeZone = "UTC",
    all_day: bool = False,
    after: Instant | None = None,
    until: Instant | None = None,
    limit: int = 100,
    ex_dates: Iterable[LocalDate] = (),
    holidays: Holidays = None,
) -> list[str]:
    """The occurrence starts of a ``repeatFlag`` (``RRULE:``, ``ERULE:``, ``LUNAR:`` or a bare
    ``FREQ=...``), ascending, in TickTick's wire form.

    Occurrences begin at ``start`` (itself included when it matches the rule), or strictly after
    ``after``; they stop after ``until`` (inclusive) or ``limit`` occurrences. ``all_day`` makes them
    local dates (local midnight); ``ex_dates`` are local dates without occurrences."""

def next_occurrence(
    task: Task,
    *,
    at: Instant,
    holidays: Holidays = None,
    default_time_zone: TimeZone = "UTC",
) -> TaskDates | None:
    """The dates the task moves to when its current occurrence is closed at ``at`` (its
    ``repeatFrom`` applied), or ``None`` when its series ends there."""

def occurrences(
    task: Task,
    *,
    from_: Instant,
    to: Instant,
    limit: int = 100,
    holidays: Holidays = None,
    default_time_zone: TimeZone = "UTC",
) -> list[TaskDates]:
    """The task's occurrences that start in ``[from_, to]``, at most ``limit`` (calendar view)."""

def complete(
    task: Task,
    *,
    at: Instant,
    user_id: int,
    id_seed: str | None = None,
    holidays: Holidays = None,
    default_time_zone: TimeZone = "UTC",
) -> BatchBody:
    """The batch body that completes the task's current occurrence. ``id_seed`` (16 hex digits)
    makes the new ids reproducible; without it they come from a per-process generator."""

def wont_do(
    task: Task,
    *,
    at: Instant,
    user_id: int,
    id_seed: str | None = None,
    holidays: Holidays = None,
    default_time_zone: TimeZone = "UTC",
) -> BatchBody:
    """The batch body that marks the task's current occurrence as won't do (status -1)."""

def skip(
    task: Task,
    *,
    at: Instant,
    holidays: Holidays = None,
    default_time_zone: TimeZone = "UTC",
) -> BatchBody:
    """The batch body that skips the task's current occurrence."""

def skip_date(
    task: Task,
    *,
    date: LocalDate,
    at: Instant,
    holidays: Holidays = None,
    default_time_zone: TimeZone = "UTC",
) -> BatchBody:
    """The batch body that skips one future occurrence, by its local date."""

def pin(task: Task, *, at: Instant) -> BatchBody:
    """The batch body that pins the task."""

def unpin(task: Task, *, at: Instant) -> BatchBody:
    """The batch body that unpins the task."""

def apply_response(tasks: Iterable[Task], response: Mapping[str, Any]) -> AppliedResponse:
    """Applies the server's answer to a batch (``{"id2etag": {...}, "id2error": {...}}``): each task
    named in ``id2etag`` takes its new etag; those in ``id2error`` keep theirs and are reported in
    ``errors``."""

def agenda(
    tasks: TaskList,
    *,
    from_: Instant,
    to: Instant,
    limit: int = 10_000,
    holidays: Holidays = None,
    default_time_zone: TimeZone = "UTC",
) -> list[AgendaEntry]:
    """Every occurrence of every task that starts in ``[from_, to]``, ordered by start, then by the
    task's position in the list; the first ``limit``. ``tasks`` is a list of tasks, one task,
    TickTick's sync answer (``{"syncTaskBean": {"update": [...]}}``) or the JSON text of one of
    those. One task that cannot be read or expanded fails the call, naming its place and id."""

def reminders(
    tasks: TaskList,
    *,
    from_: Instant,
    to: Instant,
    limit: int = 10_000,
    holidays: Holidays = None,
    default_time_zone: TimeZone = "UTC",
) -> list[ReminderEntry]:
    """Every reminder that fires in ``[from_, to]`` (each trigger of each occurrence of an open
    task, a snoozed ``remindTime``, a checklist item's ``startDate``), ordered by fire time, then by
    the task's position in the list; the first ``limit``. ``tasks`` as for :func:`agenda`."""

def _panic_for_testing(detached: bool = False) -> None: ...
