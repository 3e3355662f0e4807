"""The shapes of the values ``ticktick_recur`` takes and returns.

Tasks are the objects TickTick's API sends (a ``dict``, or its JSON text); results are the JSON-shaped
values the command line prints: ``dict``, ``list``, ``str``, ready for ``json=`` in an HTTP client.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any, Literal, TypeAlias, TypedDict
from zoneinfo import ZoneInfo

#: A task object as TickTick's API sends it, or its JSON text. Unknown fields are kept, in order.
Task: TypeAlias = dict[str, Any] | str

#: An instant: RFC 3339 (``2026-01-17T13:16:24Z``, ``+03:00``) or TickTick's wire form
#: (``2026-01-17T13:16:24.000+0000``), or an aware ``datetime``.
Instant: TypeAlias = str | datetime.datetime

#: A local date: ``yyyyMMdd`` or a ``date``.
LocalDate: TypeAlias = str | datetime.date

#: An IANA zone: its name, or a ``ZoneInfo``.
TimeZone: TypeAlias = str | ZoneInfo

#: A day of TickTick's holiday feed: ``date`` (``yyyy-MM-dd`` or ``yyyyMMdd``), ``type`` 0 (a rest day)
#: or 1 (a make-up workday), and optionally ``name``.
HolidayDay: TypeAlias = dict[str, Any]

#: The holiday calendar that ``TT_SKIP`` and ``TT_WORKDAY`` consult (docs/BEHAVIOUR.md §7): ``None`` or
#: ``"none"`` (no day is a holiday), ``"cn"`` (mainland China's, built in: the State Council's notices
#: 2007-2026), or a calendar of your own: a list of TickTick feed days, or holiday-cn's per-year data
#: (a ``{"year", "days"}`` dict or a list of them).
Holidays: TypeAlias = Literal["none", "cn"] | list[HolidayDay] | dict[str, Any] | None


class TaskDates(TypedDict):
    """Where an occurrence of a task starts and is due (wire form), as the task's fields."""

    startDate: str | None
    dueDate: str | None


#: A task list, as the command line's ``TASKS`` file holds it: a list of tasks, one task, TickTick's
#: sync answer (``{"syncTaskBean": {"update": [...]}}``), or the JSON text of any of those.
TaskList: TypeAlias = Iterable[Task] | dict[str, Any] | str


class AgendaEntry(TypedDict):
    """One occurrence of one task in an agenda: the task's ``id``, the occurrence's dates (wire
    form, ``None`` for a date the task does not have) and whether the task is all-day."""

    id: str | None
    startDate: str | None
    dueDate: str | None
    isAllDay: bool


class ReminderEntry(TypedDict):
    """One reminder firing: the task's ``id``, the reminder's ``id`` and ``trigger`` (both ``None``
    for a snoozed ``remindTime`` and for a checklist item), when it fires, and the dates of the
    occurrence it belongs to."""

    id: str | None
    reminderId: str | None
    trigger: str | None
    fireTime: str
    startDate: str | None
    dueDate: str | None


class BatchBody(TypedDict):
    """The body of ``POST /api/v2/batch/task``, as TickTick's own clients send it."""

    add: list[dict[str, Any]]
    update: list[dict[str, Any]]
    delete: list[dict[str, Any]]
    addAttachments: list[dict[str, Any]]
    updateAttachments: list[dict[str, Any]]
    deleteAttachments: list[dict[str, Any]]


class BatchResponse(TypedDict, total=False):
    """The server's answer to a batch."""

    id2etag: dict[str, str]
    id2error: dict[str, str]


class AppliedResponse(TypedDict):
    """The tasks with their new etags, and the server's errors by task id."""

    tasks: list[dict[str, Any]]
    errors: dict[str, str]


__all__ = [
    "AgendaEntry",
    "AppliedResponse",
    "BatchBody",
    "BatchResponse",
    "Holidays",
    "Instant",
    "LocalDate",
    "ReminderEntry",
    "Task",
    "TaskDates",
    "TaskList",
    "TimeZone",
]
