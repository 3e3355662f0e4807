"""``LUNAR:`` repeats (docs/BEHAVIOUR.md §6) through the installed package: the flag goes through the
same functions as any other. The same cases run through the Rust API and the command line
(tests/lunar.rs) and the npm package (pkg/test/lunar.test.mjs)."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from typing import Any

import pytest

import ticktick_recur as tr
from conftest import run_cli

MID_AUTUMN = "LUNAR:FREQ=YEARLY;INTERVAL=1;BYMONTH=8;BYMONTHDAY=15"


def shanghai_all_day(flag: str, day: date, repeat_from: str = "2") -> dict[str, Any]:
    """An all-day Asia/Shanghai task on local date ``day``: midnight there is 16:00Z the day before."""
    midnight = f"{(day - timedelta(days=1)).isoformat()}T16:00:00.000+0000"
    return {
        "id": "696b8b6f2c6f3277d1cc4331", "status": 0, "isAllDay": True,
        "startDate": midnight, "dueDate": midnight, "timeZone": "Asia/Shanghai",
        "repeatFlag": flag, "repeatFrom": repeat_from, "exDate": [],
        "modifiedTime": "2026-01-01T00:00:00.000+0000", "x-unknown": {"kept": [1, 2]},
    }


def test_mid_autumn_2026_repeats_on_2027_09_15() -> None:
    got = tr.expand(MID_AUTUMN, start="2026-09-24T16:00:00Z", time_zone="Asia/Shanghai",
                    all_day=True, limit=3)
    assert got == ["2026-09-24T16:00:00.000+0000", "2027-09-14T16:00:00.000+0000",
                   "2028-10-02T16:00:00.000+0000"]


def test_day_30_falls_back_to_29_and_leap_months_are_never_chosen() -> None:
    # Lunar 2023-12-30 is 2024-02-09; the twelfth month of lunar 2024 has 29 days.
    task = shanghai_all_day("LUNAR:FREQ=YEARLY;INTERVAL=1;BYMONTH=12;BYMONTHDAY=30", date(2024, 2, 9))
    assert tr.next_occurrence(task, at="2024-02-09T04:00:00Z") == {
        "startDate": "2025-01-27T16:00:00.000+0000", "dueDate": "2025-01-27T16:00:00.000+0000",
    }
    # 2025-07-25 begins 2025's leap sixth month: the next sixth month is 2026's (2026-07-14).
    leap = shanghai_all_day("LUNAR:FREQ=YEARLY;INTERVAL=1;BYMONTH=6;BYMONTHDAY=1", date(2025, 7, 25))
    moved = tr.next_occurrence(leap, at="2025-07-25T04:00:00Z")
    assert moved is not None
    assert moved["startDate"] == "2026-07-13T16:00:00.000+0000"


def test_monthly_rules_count_2033s_leap_eleventh_month() -> None:
    assert tr.expand("LUNAR:FREQ=MONTHLY;BYMONTHDAY=1", start=datetime.fromisoformat(
        "2033-11-22T00:00:00+00:00"), limit=3) == [
        "2033-11-22T00:00:00.000+0000", "2033-12-22T00:00:00.000+0000", "2034-01-20T00:00:00.000+0000"]


def test_complete_counts_down_in_place_as_the_command_line_does() -> None:
    task = shanghai_all_day(f"{MID_AUTUMN};COUNT=3", date(2026, 9, 25))
    body = tr.complete(task, at="2026-09-25T04:00:00Z", user_id=130208689, id_seed="2c6f3277d1cc4341")
    closed, parent = body["add"][0], body["update"][0]
    assert closed["status"] == 2 and closed["repeatFlag"] is None
    assert parent["startDate"] == "2027-09-14T16:00:00.000+0000"
    assert parent["repeatFlag"] == f"{MID_AUTUMN};COUNT=2"
    assert parent["x-unknown"] == {"kept": [1, 2]}
    cli = run_cli(["complete", "-", "--at", "2026-09-25T04:00:00Z", "--user", "130208689",
                   "--id-seed", "2c6f3277d1cc4341"], task)
    assert cli.returncode == 0, cli.stderr
    assert tr.complete(task, at="2026-09-25T04:00:00Z", user_id=130208689,
                       id_seed="2c6f3277d1cc4341") == json.loads(cli.stdout)


def test_skip_skip_date_and_the_calendar_view() -> None:
    task = shanghai_all_day("LUNAR:FREQ=MONTHLY;INTERVAL=1;BYMONTHDAY=1", date(2026, 2, 17), "0")
    # Lunar 2026-02-01 is 2026-03-19.
    assert tr.skip(task, at="2026-02-17T04:00:00Z")["update"][0]["startDate"] == \
        "2026-03-18T16:00:00.000+0000"
    assert tr.skip_date(task, date="20260319", at="2026-02-17T04:00:00Z")["update"][0]["exDate"] == \
        ["20260319"]
    starts = [d["startDate"] for d in tr.occurrences(task, from_="2026-02-01T00:00:00Z",
                                                     to="2026-05-01T00:00:00Z")]
    assert starts == ["2026-02-16T16:00:00.000+0000", "2026-03-18T16:00:00.000+0000",
                      "2026-04-16T16:00:00.000+0000"]


def test_outside_the_calendars_range_is_a_clear_error() -> None:
    with pytest.raises(tr.Error) as caught:
        tr.expand("LUNAR:FREQ=MONTHLY;BYMONTHDAY=1", start="2101-06-01T00:00:00Z")
    assert str(caught.value) == (
        'rule "LUNAR:FREQ=MONTHLY;INTERVAL=1;BYMONTHDAY=1" needs the Chinese calendar on 2101-06-01, '
        "outside the dates it is known for (1900-01-31 to 2101-01-28)"
    )
