"""The package used from several threads at once: every answer is the one a single thread gets, new
ids never repeat, errors stay in their own call, and a long expansion or agenda lets other threads run
(it releases the GIL)."""

from __future__ import annotations

import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Callable

import pytest

import ticktick_recur as tr
from conftest import AT, DAILY

REMINDERS = [{"id": "r", "trigger": "TRIGGER:-PT30M"}, {"id": "s", "trigger": "TRIGGER:-P1D"}]
CALLS: list[Callable[[], Any]] = [
    lambda: tr.expand("RRULE:FREQ=MONTHLY;BYDAY=-1FR", start="2000-01-28T15:00:00Z",
                      time_zone="Europe/Istanbul", after="2026-01-17T00:00:00Z", limit=3),
    lambda: tr.expand("FREQ=DAILY", start="2026-01-01T14:00:00Z", time_zone="America/New_York",
                      limit=500),
    lambda: tr.next_occurrence(DAILY, at=AT),
    lambda: tr.occurrences(DAILY, from_=AT, to="2026-03-01T00:00:00Z", limit=40),
    lambda: tr.complete(DAILY, at=AT, user_id=7, id_seed="2c6f3277d1cc4341"),
    lambda: tr.skip_date(DAILY, at=AT, date="20260120"),
    lambda: tr.pin(DAILY, at=AT),
    lambda: tr.agenda([DAILY, {**DAILY, "id": "b", "repeatFlag": "RRULE:FREQ=WEEKLY"}], from_=AT,
                      to="2026-03-01T00:00:00Z"),
    lambda: tr.reminders({"syncTaskBean": {"update": [{**DAILY, "reminders": REMINDERS}]}}, from_=AT,
                         to="2026-02-01T00:00:00Z", limit=20),
]


def outcome(call: Callable[[], Any]) -> Any:
    try:
        return ("ok", call())
    except tr.Error as e:
        return ("error", str(e))


def test_answers_from_many_threads_are_the_single_threaded_ones() -> None:
    bad: Callable[[], Any] = lambda: tr.skip({**DAILY, "status": 2}, at=AT)  # noqa: E731
    bad_list: Callable[[], Any] = lambda: tr.reminders(  # noqa: E731
        [DAILY, {**DAILY, "reminders": [{"id": "x", "trigger": "TRIGGER:-PT5X"}]}], from_=AT, to=AT)
    calls = CALLS + [bad, bad_list]
    expected = [outcome(c) for c in calls]
    assert expected[-1][0] == expected[-2][0] == "error"
    jobs = [i % len(calls) for i in range(800)]
    with ThreadPoolExecutor(max_workers=8) as pool:
        got = list(pool.map(lambda i: (i, outcome(calls[i])), jobs))
    for i, answer in got:
        assert answer == expected[i], i


def test_new_ids_never_repeat_across_threads() -> None:
    def ids(_: int) -> list[str]:
        return [tr.complete(DAILY, at=AT, user_id=1)["add"][0]["id"] for _ in range(50)]

    with ThreadPoolExecutor(max_workers=8) as pool:
        all_ids = [i for chunk in pool.map(ids, range(8)) for i in chunk]
    assert len(all_ids) == 400
    assert len(set(all_ids)) == 400


def minutely(n: int) -> list[dict[str, Any]]:
    return [{"id": f"t{i}", "startDate": f"2026-01-01T00:{i:02d}:00.000+0000", "repeatFlag": "RRULE:FREQ=MINUTELY",
             "reminders": REMINDERS} for i in range(n)]


@pytest.mark.parametrize("call,size", [
    # Every second of ten days: 864,000 occurrences, tens of milliseconds of work.
    (lambda: tr.expand("FREQ=SECONDLY", start="2026-01-01T00:00:00Z", limit=864_000), 864_000),
    (lambda: tr.occurrences({"id": "a", "startDate": "2026-01-01T00:00:00.000+0000",
                             "repeatFlag": "RRULE:FREQ=MINUTELY"},
                            from_="2026-01-01T00:00:00Z", to="2027-01-01T00:00:00Z", limit=200_000), 200_000),
    # The first 10,000 of 60 tasks' minutes: each task's 10,000 first, then merged.
    (lambda: tr.agenda(minutely(60), from_="2026-01-01T00:00:00Z", to="2027-01-01T00:00:00Z"), 10_000),
    (lambda: tr.reminders(minutely(30), from_="2026-01-01T00:00:00Z", to="2027-01-01T00:00:00Z"), 10_000),
], ids=["expand", "occurrences", "agenda", "reminders"])
def test_a_long_call_lets_other_threads_run(call: Callable[[], Any], size: int) -> None:
    """A thread woken just before a long call runs Python code while the call is under way, which it
    can only do if the call released the GIL. The switch interval is raised to a second meanwhile, so
    the interpreter itself does not hand the GIL over before the call begins."""
    go = threading.Event()
    ran_at: list[float] = []

    def note_when_run() -> None:
        go.wait()
        ran_at.append(time.perf_counter())

    helper = threading.Thread(target=note_when_run)
    helper.start()
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1.0)
    try:
        began = time.perf_counter()
        go.set()
        result = call()
        ended = time.perf_counter()
    finally:
        sys.setswitchinterval(interval)
        helper.join()
    assert len(result) == size
    assert ran_at and began < ran_at[0] < ended, (
        f"the other thread ran {ran_at[0] - ended:+.4f} s after the call ended"
    )
