"""Every function of the package (SURFACES.md §3) on plain Python values: the command line's
answers, times as strings or aware datetimes, tasks as dicts or JSON text, JSON-shaped results."""

from __future__ import annotations

import json
import re
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Callable
from zoneinfo import ZoneInfo

import pytest

import ticktick_recur as tr
from conftest import AT, DAILY, ROOT, run_cli, same_json

LAST_FRIDAY = "RRULE:FREQ=MONTHLY;BYDAY=-1FR"
ISTANBUL = ZoneInfo("Europe/Istanbul")


# expand


def test_expand_answers_as_the_command_line_does() -> None:
    cases: list[tuple[list[str], dict[str, Any]]] = [
        (
            [LAST_FRIDAY, "--start", "2000-01-28T15:00:00Z", "--tz", "Europe/Istanbul",
             "--after", "2026-01-17T00:00:00Z", "--limit", "3"],
            dict(start="2000-01-28T15:00:00Z", time_zone="Europe/Istanbul",
                 after="2026-01-17T00:00:00Z", limit=3),
        ),
        (
            ["FREQ=DAILY;COUNT=5", "--start", "2026-03-06T07:30:00Z", "--tz", "America/New_York",
             "--exdate", "20260307,20260309"],
            dict(start="2026-03-06T07:30:00Z", time_zone="America/New_York",
                 ex_dates=["20260307", "20260309"]),
        ),
        (
            ["RRULE:FREQ=WEEKLY;BYDAY=SA,SU", "--start", "2026-01-01T00:00:00+03:00", "--tz",
             "Europe/Istanbul", "--all-day", "--until", "2026-02-01T00:00:00Z"],
            dict(start="2026-01-01T00:00:00+03:00", time_zone="Europe/Istanbul", all_day=True,
                 until="2026-02-01T00:00:00Z"),
        ),
        (["FREQ=HOURLY;INTERVAL=7", "--start", "2026-01-17T13:16:24.000+0000"],
         dict(start="2026-01-17T13:16:24.000+0000")),
    ]
    for args, kwargs in cases:
        cli = run_cli(["expand", *args])
        assert cli.returncode == 0, cli.stderr
        assert tr.expand(args[0], **kwargs) == cli.stdout.splitlines(), args


def test_expand_defaults_utc_and_a_limit_of_100() -> None:
    got = tr.expand("FREQ=DAILY", start="2026-01-17T09:00:00Z")
    assert len(got) == 100
    assert got[:2] == ["2026-01-17T09:00:00.000+0000", "2026-01-18T09:00:00.000+0000"]
    assert all(isinstance(t, str) for t in got)


def test_expand_start_is_included_when_it_matches_and_after_is_strict() -> None:
    start = "2026-01-16T14:00:00Z"  # a Friday, 17:00 in Istanbul
    assert tr.expand("FREQ=WEEKLY;BYDAY=FR", start=start, time_zone="Europe/Istanbul", limit=1) == [
        "2026-01-16T14:00:00.000+0000"
    ]
    assert tr.expand(
        "FREQ=WEEKLY;BYDAY=FR", start=start, time_zone="Europe/Istanbul", after=start, limit=1
    ) == ["2026-01-23T14:00:00.000+0000"]


def test_expand_until_is_inclusive_and_limit_zero_is_empty() -> None:
    start = "2026-01-17T09:00:00Z"
    assert len(tr.expand("FREQ=DAILY", start=start, until="2026-01-20T09:00:00Z")) == 4
    assert tr.expand("FREQ=DAILY", start=start, limit=0) == []
    assert tr.expand("FREQ=DAILY;COUNT=2", start=start, limit=10) == [
        "2026-01-17T09:00:00.000+0000",
        "2026-01-18T09:00:00.000+0000",
    ]


def test_aware_datetimes_are_instants() -> None:
    string = tr.expand(LAST_FRIDAY, start="2000-01-28T15:00:00Z", time_zone="Europe/Istanbul",
                       after="2026-01-17T00:00:00Z", until="2026-06-01T00:00:00Z")
    for zone in (timezone.utc, ISTANBUL, timezone(timedelta(hours=-5, minutes=-30))):
        start = datetime(2000, 1, 28, 15, tzinfo=timezone.utc).astimezone(zone)
        after = datetime(2026, 1, 17, tzinfo=timezone.utc).astimezone(zone)
        until = datetime(2026, 6, 1, tzinfo=timezone.utc).astimezone(zone)
        assert tr.expand(LAST_FRIDAY, start=start, time_zone=ISTANBUL, after=after,
                         until=until) == string, zone


def test_a_datetime_in_a_fold_is_the_instant_its_fold_says() -> None:
    # 01:30 on 2026-11-01 happens twice in New York: EDT (fold=0) then EST (fold=1).
    ny = ZoneInfo("America/New_York")
    first = datetime(2026, 11, 1, 1, 30, tzinfo=ny)
    second = first.replace(fold=1)
    assert tr.expand("FREQ=DAILY", start=first, limit=1) == ["2026-11-01T05:30:00.000+0000"]
    assert tr.expand("FREQ=DAILY", start=second, limit=1) == ["2026-11-01T06:30:00.000+0000"]


def test_fractions_of_a_second_are_read_as_the_command_line_reads_them() -> None:
    precise = datetime(2026, 1, 17, 13, 16, 24, 500_000, tzinfo=timezone.utc)
    text = "2026-01-17T13:16:24.5Z"
    assert tr.expand("FREQ=DAILY", start=precise, limit=2) == tr.expand(
        "FREQ=DAILY", start=text, limit=2
    )


def test_ex_dates_take_strings_dates_and_any_iterable() -> None:
    start = "2026-01-17T09:00:00Z"
    expect = tr.expand("FREQ=DAILY;COUNT=4", start=start, ex_dates=["20260118"])
    # An exDate is not an occurrence, so it does not count.
    assert expect == [f"2026-01-{d}T09:00:00.000+0000" for d in (17, 19, 20, 21)]
    assert tr.expand("FREQ=DAILY;COUNT=4", start=start, ex_dates=(date(2026, 1, 18),)) == expect
    assert tr.expand("FREQ=DAILY;COUNT=4", start=start, ex_dates=iter({"20260118"})) == expect


def test_a_zoneinfo_is_a_zone() -> None:
    assert tr.expand("FREQ=DAILY", start=AT, time_zone=ISTANBUL, limit=3) == tr.expand(
        "FREQ=DAILY", start=AT, time_zone="Europe/Istanbul", limit=3
    )


def test_holidays_none_is_accepted_everywhere() -> None:
    flag = "FREQ=DAILY;TT_SKIP=HOLIDAY"
    plain = tr.expand(flag, start=AT, limit=3)
    assert tr.expand(flag, start=AT, limit=3, holidays="none") == plain
    assert tr.expand(flag, start=AT, limit=3, holidays=None) == plain
    assert tr.next_occurrence(DAILY, at=AT, holidays="none") == tr.next_occurrence(DAILY, at=AT)
    assert tr.occurrences(DAILY, from_=AT, to=AT, holidays="none") == []
    assert tr.skip(DAILY, at=AT, holidays="none") == tr.skip(DAILY, at=AT)



PRESET = "RRULE:FREQ=DAILY;INTERVAL=1;TT_SKIP=HOLIDAY,WEEKEND"
PRESET_TASK: dict[str, Any] = {
    "id": "696b8b6f2c6f3277d1cc4331", "status": 0, "startDate": "2026-09-30T01:00:00.000+0000",
    "dueDate": "2026-09-30T02:00:00.000+0000", "timeZone": "Asia/Shanghai", "repeatFlag": PRESET,
}


def test_holidays_cn_skips_national_day_as_the_command_line_does() -> None:
    """docs/BEHAVIOUR.md §7: the working days preset with the built-in calendar."""
    start = "2026-09-28T01:00:00Z"
    got = tr.expand(PRESET, start=start, time_zone="Asia/Shanghai", limit=7, holidays="cn")
    assert [t[:10] for t in got] == ["2026-09-28", "2026-09-29", "2026-09-30", "2026-10-08", "2026-10-09",
                                     "2026-10-10", "2026-10-12"]
    printed = run_cli(["expand", PRESET, "--start", start, "--tz", "Asia/Shanghai", "--limit", "7",
                       "--holidays", "cn"]).stdout.split()
    assert got == printed
    at = "2026-09-30T03:00:00Z"
    assert tr.next_occurrence(PRESET_TASK, at=at, holidays="cn") == {
        "startDate": "2026-10-08T01:00:00.000+0000", "dueDate": "2026-10-08T02:00:00.000+0000"}
    body = tr.complete(PRESET_TASK, at=at, user_id=1, id_seed="2c6f3277d1cc4341", holidays="cn")
    assert body["update"][0]["startDate"] == "2026-10-08T01:00:00.000+0000"


def test_holidays_of_your_own_in_either_format() -> None:
    """docs/BEHAVIOUR.md §7: TickTick's feed format and holiday-cn's per-year format."""
    at = "2026-09-30T03:00:00Z"
    feed = [{"date": "2026-10-01", "type": 0, "name": "国庆节"}, {"date": "20261002", "type": 0}]
    assert tr.next_occurrence(PRESET_TASK, at=at, holidays=feed) == {
        "startDate": "2026-10-05T01:00:00.000+0000", "dueDate": "2026-10-05T02:00:00.000+0000"}
    year = {"year": 2026, "days": [{"name": "国庆节", "date": f"2026-10-0{d}", "isOffDay": True}
                                   for d in range(1, 8)]}
    for holidays in (year, [year]):
        assert tr.next_occurrence(PRESET_TASK, at=at, holidays=holidays) == {
            "startDate": "2026-10-08T01:00:00.000+0000", "dueDate": "2026-10-08T02:00:00.000+0000"}


HOLIDAY_AT = "2026-09-30T03:00:00Z"
SEED = "2c6f3277d1cc4341"
PRESET_REMINDED: dict[str, Any] = {**PRESET_TASK, "reminders": [{"id": "r", "trigger": "TRIGGER:PT0S"}]}
# Every function that takes holidays= (SURFACES.md §3), with the same call on the command line.
WITH_HOLIDAYS: list[tuple[str, Callable[..., Any], list[str]]] = [
    ("expand", lambda h: tr.expand(PRESET, start="2026-09-28T01:00:00Z", time_zone="Asia/Shanghai", limit=5,
                                   holidays=h),
     ["expand", PRESET, "--start", "2026-09-28T01:00:00Z", "--tz", "Asia/Shanghai", "--limit", "5"]),
    ("next_occurrence", lambda h: tr.next_occurrence(PRESET_TASK, at=HOLIDAY_AT, holidays=h),
     ["next", "-", "--at", HOLIDAY_AT]),
    ("occurrences", lambda h: tr.occurrences(PRESET_TASK, from_="2026-09-28T00:00:00Z",
                                             to="2026-10-12T00:00:00Z", holidays=h),
     ["occurrences", "-", "--from", "2026-09-28T00:00:00Z", "--to", "2026-10-12T00:00:00Z"]),
    ("complete", lambda h: tr.complete(PRESET_TASK, at=HOLIDAY_AT, user_id=1, id_seed=SEED, holidays=h),
     ["complete", "-", "--at", HOLIDAY_AT, "--user", "1", "--id-seed", SEED]),
    ("wont_do", lambda h: tr.wont_do(PRESET_TASK, at=HOLIDAY_AT, user_id=1, id_seed=SEED, holidays=h),
     ["wont-do", "-", "--at", HOLIDAY_AT, "--user", "1", "--id-seed", SEED]),
    ("skip", lambda h: tr.skip(PRESET_TASK, at=HOLIDAY_AT, holidays=h), ["skip", "-", "--at", HOLIDAY_AT]),
    # 1 October is an occurrence without a calendar, a holiday with China's.
    ("skip_date", lambda h: tr.skip_date(PRESET_TASK, date="20261001", at=HOLIDAY_AT, holidays=h),
     ["skip-date", "-", "--date", "20261001", "--at", HOLIDAY_AT]),
    ("agenda", lambda h: tr.agenda(PRESET_TASK, from_="2026-09-28T00:00:00Z", to="2026-10-12T00:00:00Z",
                                   holidays=h),
     ["agenda", "-", "--from", "2026-09-28T00:00:00Z", "--to", "2026-10-12T00:00:00Z"]),
    ("reminders", lambda h: tr.reminders(PRESET_REMINDED, from_="2026-09-28T00:00:00Z",
                                         to="2026-10-12T00:00:00Z", holidays=h),
     ["reminders", "-", "--from", "2026-09-28T00:00:00Z", "--to", "2026-10-12T00:00:00Z"]),
]


@pytest.mark.parametrize("name,call,args", WITH_HOLIDAYS, ids=[c[0] for c in WITH_HOLIDAYS])
def test_every_function_taking_holidays_answers_as_the_command_line(
    name: str, call: Callable[[Any], Any], args: list[str]
) -> None:
    """National Day 2026 changes the answer; "none" and None are no calendar, "cn" the built-in one,
    each the command line's answer (or refusal) with the same --holidays."""
    task = PRESET_REMINDED if name == "reminders" else PRESET_TASK

    def outcome(holidays: str | None) -> Any:
        try:
            return call(holidays)
        except tr.Error as e:
            return f"error: <stdin>: {e}"

    answers = {}
    for holidays in ("none", "cn"):
        cli = run_cli([*args, "--holidays", holidays], task)
        got = outcome(holidays)
        if cli.returncode != 0:
            assert got == cli.stderr.strip(), holidays
        else:
            printed = cli.stdout.split() if name == "expand" else json.loads(cli.stdout)
            assert same_json(got, printed), holidays
        answers[holidays] = got
    assert outcome(None) == answers["none"]
    assert answers["cn"] != answers["none"]


def test_official_workday_and_unknown_tt_skip_values() -> None:
    """docs/BEHAVIOUR.md §2: OFFICIAL_WORKDAY keeps the rest days; another value is not supported."""
    start = "2026-09-28T01:00:00Z"
    rest = tr.expand("RRULE:FREQ=DAILY;TT_SKIP=OFFICIAL_WORKDAY", start=start, time_zone="Asia/Shanghai",
                     limit=3)
    assert [t[:10] for t in rest] == ["2026-10-03", "2026-10-04", "2026-10-10"]
    with pytest.raises(tr.Error, match="is valid but not supported yet: TT_SKIP values other than"):
        tr.expand("RRULE:FREQ=DAILY;TT_SKIP=SOLAR_TERM", start=start)



# next_occurrence and occurrences


def test_next_occurrence_is_the_command_lines() -> None:
    at = "2026-01-17T13:16:24Z"
    cli = run_cli(["next", "-", "--at", at], DAILY)
    assert cli.returncode == 0, cli.stderr
    got = tr.next_occurrence(DAILY, at=at)
    assert got == json.loads(cli.stdout)
    assert got == {"startDate": "2026-01-18T14:00:00.000+0000", "dueDate": "2026-01-18T15:00:00.000+0000"}
    assert tr.next_occurrence(DAILY, at=datetime(2026, 1, 17, 16, 16, 24, tzinfo=ISTANBUL)) == got


def test_next_occurrence_is_none_when_the_series_ends() -> None:
    last = {"id": "a", "startDate": "2026-01-17T14:00:00.000+0000",
            "repeatFlag": "RRULE:FREQ=DAILY;COUNT=1"}
    assert tr.next_occurrence(last, at=AT) is None
    assert run_cli(["next", "-", "--at", AT], last).stdout.strip() == "null"


def test_occurrences_are_the_command_lines() -> None:
    window = ["--from", "2026-01-17T00:00:00Z", "--to", "2026-01-31T00:00:00Z", "--limit", "5"]
    cli = run_cli(["occurrences", "-", *window], DAILY)
    assert cli.returncode == 0, cli.stderr
    got = tr.occurrences(DAILY, from_="2026-01-17T00:00:00Z", to="2026-01-31T00:00:00Z", limit=5)
    assert got == json.loads(cli.stdout)
    assert len(got) == 5 and got[0]["startDate"] == "2026-01-17T14:00:00.000+0000"
    assert len(tr.occurrences(DAILY, from_="2026-01-17T00:00:00Z", to="2026-07-31T00:00:00Z")) == 100


def test_default_time_zone_applies_to_a_task_without_one() -> None:
    floating = {k: v for k, v in DAILY.items() if k != "timeZone"}
    floating["repeatFlag"] = "RRULE:FREQ=WEEKLY;BYDAY=SA"
    # 14:00 UTC on Saturday 2026-01-17 is 23:00 Saturday in Tokyo and 14:00 Saturday in UTC.
    utc = tr.next_occurrence(floating, at=AT)
    tokyo = tr.next_occurrence(floating, at=AT, default_time_zone="Asia/Tokyo")
    assert utc == {"startDate": "2026-01-24T14:00:00.000+0000", "dueDate": "2026-01-24T15:00:00.000+0000"}
    assert tokyo is not None and tokyo["startDate"] == "2026-01-24T14:00:00.000+0000"
    cli = run_cli(["next", "-", "--at", AT, "--default-tz", "Asia/Tokyo"], floating)
    assert tokyo == json.loads(cli.stdout)


# The actions


def test_complete_and_wont_do_are_the_command_lines_bodies() -> None:
    seed = "2c6f3277d1cc4341"
    for fn, command in ((tr.complete, "complete"), (tr.wont_do, "wont-do")):
        cli = run_cli([command, "-", "--at", AT, "--user", "130208689", "--id-seed", seed], DAILY)
        assert cli.returncode == 0, cli.stderr
        body = fn(DAILY, at=AT, user_id=130208689, id_seed=seed)
        assert same_json(body, json.loads(cli.stdout)), command
        assert list(body) == ["add", "update", "delete", "addAttachments", "updateAttachments",
                              "deleteAttachments"]
        assert body["add"][0]["id"] == "696b94682c6f3277d1cc4341"
        assert body["add"][0]["status"] == (2 if command == "complete" else -1)
        assert body["update"][0]["startDate"] == "2026-01-18T14:00:00.000+0000"


def test_ids_without_a_seed_are_new_each_time() -> None:
    ids = [tr.complete(DAILY, at=AT, user_id=1)["add"][0]["id"] for _ in range(3)]
    counters = [int(i[18:], 16) for i in ids]
    assert len(set(ids)) == 3
    assert {i[8:18] for i in ids} == {ids[0][8:18]}, "one process part"
    assert counters[1] == (counters[0] + 1) % 0x1000000
    assert counters[2] == (counters[1] + 1) % 0x1000000


def test_skip_skip_date_pin_and_unpin_are_the_command_lines() -> None:
    calls = [
        (lambda: tr.skip(DAILY, at=AT), ["skip", "-", "--at", AT]),
        (lambda: tr.skip_date(DAILY, date="20260120", at=AT),
         ["skip-date", "-", "--date", "20260120", "--at", AT]),
        (lambda: tr.skip_date(DAILY, date=date(2026, 1, 20), at=AT),
         ["skip-date", "-", "--date", "20260120", "--at", AT]),
        (lambda: tr.pin(DAILY, at=AT), ["pin", "-", "--at", AT]),
        (lambda: tr.unpin({**DAILY, "pinnedTime": "2026-01-17T13:00:00.000+0000"}, at=AT),
         ["unpin", "-", "--at", AT]),
    ]
    call: Callable[[], Any]
    for call, args in calls:
        task = {**DAILY, "pinnedTime": "2026-01-17T13:00:00.000+0000"} if args[0] == "unpin" else DAILY
        cli = run_cli(args, task)
        assert cli.returncode == 0, (args, cli.stderr)
        assert same_json(call(), json.loads(cli.stdout)), args


def test_unknown_fields_key_order_and_numbers_survive() -> None:
    task = {"zUnknown": {"nested": [1, 2.5, None, True]}, **DAILY, "sortOrder": -1099511627776,
            "huge": 123456789012345678901234567890, "title": "Çay ☕", "aUnknown": "x"}
    body = tr.complete(task, at=AT, user_id=1, id_seed="2c6f3277d1cc4341")
    update = body["update"][0]
    assert [k for k in update if k in task] == list(task)
    assert update["zUnknown"] == {"nested": [1, 2.5, None, True]}
    assert update["huge"] == 123456789012345678901234567890
    assert update["sortOrder"] == -1099511627776
    assert update["title"] == "Çay ☕"


def test_results_are_json_ready() -> None:
    body = tr.complete(DAILY, at=AT, user_id=1)
    assert type(body) is dict and type(body["add"]) is list and type(body["add"][0]) is dict
    assert json.loads(json.dumps(body)) == body
    dates = tr.next_occurrence(DAILY, at=AT)
    assert type(dates) is dict
    assert type(tr.occurrences(DAILY, from_=AT, to="2026-01-20T00:00:00Z")) is list


def test_the_caller_s_task_is_not_changed() -> None:
    task = json.loads(json.dumps(DAILY))
    tr.complete(task, at=AT, user_id=1)
    tr.apply_response([task], {"id2etag": {task["id"]: "new"}})
    assert task == DAILY


# apply_response


def test_apply_response_sets_etags_and_reports_errors() -> None:
    a = {"id": "a", "etag": "old", "title": "A"}
    b = {"id": "b", "etag": "old"}
    c = '{"id": "c", "title": "no etag yet"}'
    result = tr.apply_response(
        [a, b, c], {"id2etag": {"a": "new-a", "c": "new-c"}, "id2error": {"b": "EXCEED_QUOTA"}}
    )
    assert result == {
        "tasks": [
            {"id": "a", "etag": "new-a", "title": "A"},
            {"id": "b", "etag": "old"},
            {"id": "c", "title": "no etag yet", "etag": "new-c"},
        ],
        "errors": {"b": "EXCEED_QUOTA"},
    }
    from_generator = tr.apply_response((t for t in [a]), {"id2etag": None})
    assert from_generator["tasks"] == [a] and from_generator["errors"] == {}


def test_every_function_of_surfaces_3_is_exported_and_tested() -> None:
    """The functions docs/SURFACES.md §3 lists, each exported and called by these tests, and each
    taking ``holidays=`` where the list says so, checked against the command line above."""
    surfaces = (ROOT / "docs" / "SURFACES.md").read_text(encoding="utf-8")
    section = re.search(r"^## 3\..*?^```python\n(.*?)^```", surfaces, re.S | re.M)
    assert section, "SURFACES.md §3 has no python block"
    listed = re.findall(r"(?:^|; )([a-z_]+)\(", section.group(1), re.M)
    assert "wont_do takes the same" in section.group(1)
    names = set(listed) | {"wont_do"}
    assert len(names) == 12, names
    tests = "".join(p.read_text(encoding="utf-8") for p in Path(__file__).parent.glob("test_*.py"))
    for name in sorted(names):
        assert name in tr.__all__ and callable(getattr(tr, name)), name
        assert f"tr.{name}(" in tests, f"{name} is not called by the tests"
    takes_holidays = {n for n in names if "holidays" in getattr(tr, n).__text_signature__}
    assert takes_holidays == {c[0] for c in WITH_HOLIDAYS}


def test_the_package_names_what_it_exports() -> None:
    for name in ["expand", "next_occurrence", "occurrences", "complete", "wont_do", "skip",
                 "skip_date", "pin", "unpin", "apply_response", "agenda", "reminders", "Error"]:
        assert name in tr.__all__ and getattr(tr, name) is not None
    assert tr.expand.__doc__ and "wire form" in tr.expand.__doc__
    assert "limit=100" in getattr(tr.expand, "__text_signature__", "")


@pytest.mark.parametrize("flag", ["RRULE:FREQ=DAILY;INTERVAL=1;TT_SKIP=WEEKEND",
                                  "ERULE:NAME=CUSTOM;BYDATE=20260120,20260125",
                                  "RRULE:FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=3"])
def test_ticktick_flags_expand_as_on_the_command_line(flag: str) -> None:
    cli = run_cli(["expand", flag, "--start", "2026-01-17T06:00:00Z", "--tz", "Asia/Shanghai",
                   "--limit", "5"])
    assert cli.returncode == 0, cli.stderr
    assert tr.expand(flag, start="2026-01-17T06:00:00Z", time_zone="Asia/Shanghai",
                     limit=5) == cli.stdout.splitlines()
