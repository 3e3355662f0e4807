"""Bad input raises ``ticktick_recur.Error`` (a ``ValueError``) whose message is the text the command
line prints after ``error: `` (less its own prefix: ``<stdin>: `` or clap's ``invalid value ... for
'--at <T>': ``), or ``TypeError`` for a value of the wrong Python type. A panic inside the engine is
an exception too, and the module stays usable after any of them."""

from __future__ import annotations

import math
import re
from datetime import date, datetime
from typing import Any, Callable

import pytest

import ticktick_recur as tr
from conftest import AT, DAILY, cyclic, json_error, run_cli

LAST_OF_COUNT = {"id": "a", "startDate": "2026-01-17T14:00:00.000+0000",
                 "repeatFlag": "RRULE:FREQ=DAILY;COUNT=1"}
UNKNOWN_ZONE = {**DAILY, "id": "a", "timeZone": "Mars/Olympus"}

# (what, call, message, the same input on the command line: (args, stdin task))
CORE_CASES: list[tuple[str, Callable[[], Any], str | None, tuple[list[str], Any]]] = [
    ("a bad flag", lambda: tr.expand("RRULE:FREQ=DAILY;BYDAY=XX", start="2026-01-01T00:00:00Z"),
     'invalid repeatFlag "RRULE:FREQ=DAILY;BYDAY=XX" at byte 23: unknown weekday "XX"',
     (["expand", "RRULE:FREQ=DAILY;BYDAY=XX", "--start", "2026-01-01T00:00:00Z"], None)),
    ("a rule that never occurs",
     lambda: tr.expand("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", start="2026-01-01T00:00:00Z"),
     'rule "RRULE:FREQ=YEARLY;INTERVAL=1;BYMONTH=2;BYMONTHDAY=30" can never produce an occurrence',
     (["expand", "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", "--start", "2026-01-01T00:00:00Z"], None)),
    ("an unknown zone", lambda: tr.expand("FREQ=DAILY", start="2026-01-01T00:00:00Z",
                                          time_zone="Mars/Olympus"),
     'unknown time zone "Mars/Olympus"',
     (["expand", "FREQ=DAILY", "--start", "2026-01-01T00:00:00Z", "--tz", "Mars/Olympus"], None)),
    ("a task in an unknown zone", lambda: tr.next_occurrence(UNKNOWN_ZONE, at=AT),
     'task field "timeZone": unknown time zone "Mars/Olympus"',
     (["next", "-", "--at", AT], UNKNOWN_ZONE)),
    ("a task field of the wrong JSON type", lambda: tr.next_occurrence({"startDate": 5}, at=AT),
     'task field "startDate": expected an instant string, got 5',
     (["next", "-", "--at", AT], {"startDate": 5})),
    ("task text that is not an object", lambda: tr.pin("[]", at=AT),
     "a task must be a JSON object, got an array", (["pin", "-", "--at", AT], "[]")),
    ("task text that is not JSON", lambda: tr.pin('{"id": "a",}', at=AT),
     "invalid task JSON at line 1 column 12: trailing comma", (["pin", "-", "--at", AT], '{"id": "a",}')),
    ("task text that repeats a key", lambda: tr.pin('{"id": "a", "id": "b"}', at=AT),
     None, (["pin", "-", "--at", AT], '{"id": "a", "id": "b"}')),
    ("a bad instant", lambda: tr.pin(DAILY, at="yesterday"),
     'invalid instant "yesterday": expected RFC 3339 or yyyy-MM-ddTHH:mm:ss.SSS+0000',
     (["pin", "-", "--at", "yesterday"], DAILY)),
    ("a bad date", lambda: tr.skip_date(DAILY, at=AT, date="2026-01-20"),
     'invalid date "2026-01-20": expected yyyyMMdd',
     (["skip-date", "-", "--at", AT, "--date", "2026-01-20"], DAILY)),
    ("a bad id seed", lambda: tr.complete(DAILY, at=AT, user_id=1, id_seed="2c6f3277d1cc434"),
     'invalid hex "2c6f3277d1cc434": expected 16 hex digits',
     (["complete", "-", "--at", AT, "--user", "1", "--id-seed", "2c6f3277d1cc434"], DAILY)),
    ("a skip past the series' end", lambda: tr.skip(LAST_OF_COUNT, at=AT),
     'cannot skip task "a": its series has no occurrence after the current one',
     (["skip", "-", "--at", AT], LAST_OF_COUNT)),
    ("a task without id", lambda: tr.pin({}, at=AT), 'task field "id" is missing',
     (["pin", "-", "--at", AT], {})),
    ("a date to skip before the current one", lambda: tr.skip_date(DAILY, at=AT, date="20260101"),
     "cannot skip a date of task \"696b8b6f2c6f3277d1cc4331\": 20260101 is not after the current "
     "occurrence's date 20260117",
     (["skip-date", "-", "--at", AT, "--date", "20260101"], DAILY)),
    ("a closed task", lambda: tr.complete({**DAILY, "status": 2}, at=AT, user_id=1),
     'cannot complete task "696b8b6f2c6f3277d1cc4331": it is already closed (status 2)',
     (["complete", "-", "--at", AT, "--user", "1"], {**DAILY, "status": 2})),
    ("a bad option and a bad task: the option first, as on the command line",
     lambda: tr.pin("[]", at="yesterday"),
     'invalid instant "yesterday": expected RFC 3339 or yyyy-MM-ddTHH:mm:ss.SSS+0000',
     (["pin", "-", "--at", "yesterday"], "[]")),
]


def works() -> None:
    """A good call, to show the module still works."""
    assert tr.expand("RRULE:FREQ=MONTHLY;BYDAY=-1FR", start="2000-01-28T15:00:00Z",
                     time_zone="Europe/Istanbul", after="2026-01-17T00:00:00Z", limit=1) == [
        "2026-01-30T14:00:00.000+0000"
    ]


def cli_message(args: list[str], task: Any) -> str:
    run = run_cli(args, task)
    assert run.returncode == 2, run.stderr
    assert run.stdout == ""
    line = run.stderr.rstrip("\n")
    assert "\n" not in line and line.startswith("error: "), line
    return line[len("error: "):]


@pytest.mark.parametrize("what,call,message,on_cli", CORE_CASES, ids=[c[0] for c in CORE_CASES])
def test_bad_input_raises_error_with_the_command_lines_message(
    what: str, call: Callable[[], Any], message: str | None, on_cli: tuple[list[str], Any]
) -> None:
    with pytest.raises(tr.Error) as caught:
        call()
    assert type(caught.value) is tr.Error
    assert isinstance(caught.value, ValueError)
    got = str(caught.value)
    if message is not None:
        assert got == message
    printed = cli_message(*on_cli)
    assert printed.endswith(got), f"{what}:\n  cli:    {printed}\n  python: {got}"
    prefix = printed[: len(printed) - len(got)]
    assert re.fullmatch(r"|<stdin>: |invalid value '[^']*' for '[^']*': ", prefix), what
    works()


# What only Python can get wrong: (what, call, class, message)
PYTHON_CASES: list[tuple[str, Callable[[], Any], type[Exception], str]] = [
    ("a flag that is not a str", lambda: tr.expand(5, start=AT),  # type: ignore[arg-type]
     TypeError, "flag: expected a str, got int"),
    ("a time of the wrong type", lambda: tr.pin(DAILY, at=1768657424),  # type: ignore[arg-type]
     TypeError, "at: expected a str or an aware datetime, got int"),
    ("a naive datetime", lambda: tr.pin(DAILY, at=datetime(2026, 1, 17, 13, 0)),
     TypeError, "at: a naive datetime has no time zone (2026-01-17 13:00:00): give it a tzinfo, "
     "or pass a str"),
    ("a datetime for a date", lambda: tr.skip_date(DAILY, at=AT,
                                                   date=datetime(2026, 1, 20, 0, 0)),
     TypeError, "date: expected a yyyyMMdd str or a date, got datetime"),
    ("a task that is a list", lambda: tr.pin([], at=AT),  # type: ignore[arg-type]
     TypeError, "task: expected a dict or a JSON str, got list"),
    ("a task holding a datetime", lambda: tr.pin({"id": "a", "startDate": datetime(2026, 1, 1)},
                                                 at=AT),
     TypeError, "task: Object of type datetime is not JSON serializable"),
    ("a task holding a cycle", lambda: tr.pin(cyclic(), at=AT), tr.Error,
     "task: Circular reference detected"),
    ("a task holding NaN", lambda: tr.pin({"id": "a", "sortOrder": math.nan}, at=AT), tr.Error,
     f"task: {json_error(math.nan)}"),
    ("a limit of the wrong type", lambda: tr.expand("FREQ=DAILY", start=AT, limit="5"),  # type: ignore[arg-type]
     TypeError, "limit: expected an int, got str"),
    ("a bool for a limit", lambda: tr.expand("FREQ=DAILY", start=AT, limit=True),
     TypeError, "limit: expected an int, got bool"),
    ("a negative limit", lambda: tr.occurrences(DAILY, from_=AT, to=AT, limit=-1), tr.Error,
     "limit: expected a non-negative int, got -1"),
    ("a negative user id", lambda: tr.complete(DAILY, at=AT, user_id=-5), tr.Error,
     "user_id: expected a non-negative int, got -5"),
    ("a user id beyond 64 bits", lambda: tr.complete(DAILY, at=AT, user_id=2**64), tr.Error,
     "user_id: expected a non-negative int, got 18446744073709551616"),
    ("an int for all_day", lambda: tr.expand("FREQ=DAILY", start=AT, all_day=1),  # type: ignore[arg-type]
     TypeError, "all_day: expected a bool, got int"),
    ("ex_dates as one string", lambda: tr.expand("FREQ=DAILY", start=AT, ex_dates="20260118"),
     TypeError, "ex_dates: expected an iterable of yyyyMMdd str or date, got str"),
    ("a bad date among ex_dates", lambda: tr.expand("FREQ=DAILY", start=AT,
                                                    ex_dates=[date(2026, 1, 1), 20260118]),  # type: ignore[list-item]
     TypeError, "ex_dates[1]: expected a yyyyMMdd str or a date, got int"),
    ("a zone of the wrong type", lambda: tr.expand("FREQ=DAILY", start=AT, time_zone=3),  # type: ignore[arg-type]
     TypeError, "time_zone: expected an IANA zone name (str) or a ZoneInfo, got int"),
    ("a holiday calendar this build lacks", lambda: tr.expand("FREQ=DAILY", start=AT,
                                                              holidays="us"),  # type: ignore[arg-type]
     tr.Error, 'holidays: unknown holiday calendar "us": expected "cn", "none" or a list of days'),
    ("holidays of the wrong type", lambda: tr.skip(DAILY, at=AT, holidays=1),  # type: ignore[arg-type]
     TypeError, 'holidays: expected "cn", "none", None or a list of days, got int'),
    ("a holiday calendar with an unknown day type",
     lambda: tr.expand("FREQ=DAILY", start=AT, holidays=[{"date": "2026-10-01", "type": 5}]),
     tr.Error, "holidays: invalid holiday calendar at [0].type: unknown day type 5: expected 0 (rest day) or "
     "1 (make-up workday)"),
    ("an id seed of the wrong type", lambda: tr.complete(DAILY, at=AT, user_id=1, id_seed=5),  # type: ignore[arg-type]
     TypeError, "id_seed: expected a str, got int"),
    ("tasks that are one task", lambda: tr.apply_response(DAILY, {}),
     TypeError, "tasks: expected a list of tasks, got dict"),
    ("a bad task among several", lambda: tr.apply_response([DAILY, {"startDate": 5}], {}), tr.Error,
     'tasks[1]: task field "startDate": expected an instant string, got 5'),
    ("a task of the wrong type among several", lambda: tr.apply_response([DAILY, 5], {}),  # type: ignore[list-item]
     TypeError, "tasks[1]: expected a dict or a JSON str, got int"),
    ("a response of the wrong type", lambda: tr.apply_response([DAILY], []),  # type: ignore[arg-type]
     TypeError, "response: expected a dict, got list"),
    ("a response of the wrong shape", lambda: tr.apply_response([DAILY], {"id2etag": {"a": 5}}),
     TypeError, 'response["id2etag"]["a"]: expected a str, got int'),
    ("a response field that is not a dict", lambda: tr.apply_response([DAILY], {"id2error": []}),
     TypeError, 'response["id2error"]: expected a dict of str, got list'),
]


@pytest.mark.parametrize("what,call,kind,message", PYTHON_CASES, ids=[c[0] for c in PYTHON_CASES])
def test_python_only_mistakes_name_the_argument(
    what: str, call: Callable[[], Any], kind: type[Exception], message: str
) -> None:
    with pytest.raises(Exception) as caught:
        call()
    assert type(caught.value) is kind, f"{what}: {caught.value!r}"
    assert str(caught.value) == message
    works()


def test_json_errors_keep_their_cause() -> None:
    with pytest.raises(TypeError) as caught:
        tr.pin({"id": "a", "when": date(2026, 1, 1)}, at=AT)
    assert isinstance(caught.value.__cause__, TypeError)


def test_missing_and_unknown_keywords_are_type_errors() -> None:
    with pytest.raises(TypeError, match="at"):
        tr.pin(DAILY)  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="timezone"):
        tr.expand("FREQ=DAILY", start=AT, timezone="UTC")  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        tr.expand("FREQ=DAILY", AT)  # type: ignore[call-arg]


def test_error_is_a_value_error_named_in_the_package() -> None:
    assert issubclass(tr.Error, ValueError)
    assert tr.Error.__module__ == "ticktick_recur" and tr.Error.__name__ == "Error"
    assert tr.Error.__doc__ and "command line" in tr.Error.__doc__


@pytest.mark.parametrize("detached", [False, True])
def test_a_panic_is_an_error_and_the_module_stays_usable(detached: bool) -> None:
    from ticktick_recur import _native

    for _ in range(3):
        with pytest.raises(tr.Error) as caught:
            _native._panic_for_testing(detached)
        assert re.fullmatch(
            r"internal error at \S*src[/\\]lib\.rs:\d+: panic forced for testing", str(caught.value)
        ), str(caught.value)
        works()
        with pytest.raises(tr.Error):
            CORE_CASES[0][1]()
        works()


def test_an_ordinary_error_keeps_the_id_counter_going() -> None:
    def counter() -> int:
        return int(tr.complete(DAILY, at=AT, user_id=1)["add"][0]["id"][18:], 16)

    first = counter()
    with pytest.raises(tr.Error):
        tr.pin({}, at=AT)
    assert counter() == (first + 1) % 0x1000000
