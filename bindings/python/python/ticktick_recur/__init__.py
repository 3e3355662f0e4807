"""TickTick recurring tasks, computed exactly.

TickTick's own clients compute recurrence on the device: completing one occurrence of a repeating task
sends a closed copy of the occurrence and the parent moved to the next one, in one batch. A plain
``status: 2`` update ends the whole series instead. This package parses TickTick's ``repeatFlag``,
expands it in the task's IANA zone, applies TickTick's task semantics and builds the exact batch body.

>>> import ticktick_recur as tr
>>> tr.expand("RRULE:FREQ=MONTHLY;BYDAY=-1FR", start="2000-01-28T15:00:00Z",
...           time_zone="Europe/Istanbul", after="2026-01-17T00:00:00Z", limit=2)
['2026-01-30T14:00:00.000+0000', '2026-02-27T14:00:00.000+0000']

Bad input raises :class:`Error` (a ``ValueError``) with the command line's message, or ``TypeError``
for a value of the wrong type.
"""

from ._native import (
    Error,
    __version__,
    agenda,
    apply_response,
    complete,
    expand,
    next_occurrence,
    occurrences,
    pin,
    reminders,
    skip,
    skip_date,
    unpin,
    wont_do,
)
from ._types import (
    AgendaEntry,
    AppliedResponse,
    BatchBody,
    BatchResponse,
    Holidays,
    Instant,
    LocalDate,
    ReminderEntry,
    Task,
    TaskDates,
    TaskList,
    TimeZone,
)

__all__ = [
    "AgendaEntry",
    "AppliedResponse",
    "BatchBody",
    "BatchResponse",
    "Error",
    "Holidays",
    "Instant",
    "LocalDate",
    "ReminderEntry",
    "Task",
    "TaskDates",
    "TaskList",
    "TimeZone",
    "__version__",
    "agenda",
    "apply_response",
    "complete",
    "expand",
    "next_occurrence",
    "occurrences",
    "pin",
    "reminders",
    "skip",
    "skip_date",
    "unpin",
    "wont_do",
]
