"""``agenda`` and ``reminders`` (SURFACES.md §3, BEHAVIOUR.md §8) through the installed package: the
command line's answers on the same input (its binary runs beside each case), every trigger form, snoozes,
checklist items, exDates, TT_SKIP with the built-in holiday calendar, LUNAR, closed tasks, COUNT, the
three input forms, the limit, and errors that name the task. tests/agenda.rs and tests/reminders.rs
run the same cases through the Rust API."""

from __future__ import annotations

import json
import math
import random
from collections.abc import Iterator
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Callable, cast
from zoneinfo import ZoneInfo

import pytest

import ticktick_recur as tr
from conftest import ROOT, cyclic, json_error, run_cli, same_json

MARCH = ("2026-03-01T00:00:00Z", "2026-03-31T00:00:00Z")
WEEK = ("2026-03-23T00:00:00Z", "2026-03-31T23:59:59Z")
BUNDLED = ROOT / "examples" / "task-list.json"
STANDUP = "69a1f0c12c6f3277d1cc5101"


def on_cli(command: str, tasks: Any, window: tuple[str, str], *options: str) -> Any:
    """What the command line prints for ``tasks`` (JSON on its standard input)."""
    run = run_cli([command, "-", "--from", window[0], "--to", window[1], "--compact", *options], tasks)
    assert run.returncode == 0, run.stderr
    assert run.stderr == ""
    return json.loads(run.stdout)


def both(command: str, tasks: Any, window: tuple[str, str] = MARCH, *, limit: int | None = None,
         holidays: str | None = None, default_time_zone: str | None = None) -> list[dict[str, Any]]:
    """The package's answer, checked to be the command line's on the same input (values and key
    order)."""
    call = tr.agenda if command == "agenda" else tr.reminders
    kwargs: dict[str, Any] = {}
    options: list[str] = []
    if limit is not None:
        kwargs["limit"] = limit
        options += ["--limit", str(limit)]
    if holidays is not None:
        kwargs["holidays"] = holidays
        options += ["--holidays", holidays]
    if default_time_zone is not None:
        kwargs["default_time_zone"] = default_time_zone
        options += ["--default-tz", default_time_zone]
    got = cast("list[dict[str, Any]]", call(tasks, from_=window[0], to=window[1], **kwargs))
    printed = on_cli(command, tasks, window, *options)
    assert same_json(got, printed), f"python: {got[:3]}\ncli:    {printed[:3]}"
    return got


def triggers(*texts: str) -> list[dict[str, str]]:
    return [{"id": f"r{i}", "trigger": t} for i, t in enumerate(texts)]


def fires(entries: list[dict[str, Any]]) -> list[tuple[str | None, str]]:
    return [(e["reminderId"], e["fireTime"]) for e in entries]


# ---- The bundled list, the input forms, the shape of the answers ----


def test_the_agenda_of_the_bundled_list_is_the_command_lines() -> None:
    tasks = json.loads(BUNDLED.read_text(encoding="utf-8"))
    got = both("agenda", tasks, WEEK)
    assert [(e["id"], e["startDate"]) for e in got] == [
        (STANDUP, "2026-03-23T08:30:00.000+0000"),
        (STANDUP, "2026-03-24T08:30:00.000+0000"),
        (STANDUP, "2026-03-25T08:30:00.000+0000"),
        (STANDUP, "2026-03-26T08:30:00.000+0000"),
        ("69a1f0c12c6f3277d1cc5108", "2026-03-28T23:00:00.000+0000"),
        ("69a1f0c12c6f3277d1cc5106", "2026-03-29T22:00:00.000+0000"),
        (STANDUP, "2026-03-30T07:30:00.000+0000"),
        (STANDUP, "2026-03-31T07:30:00.000+0000"),
        ("69a1f0c12c6f3277d1cc5103", "2026-03-31T22:00:00.000+0000"),
    ]
    assert got[0] == {"id": STANDUP, "startDate": "2026-03-23T08:30:00.000+0000",
                      "dueDate": "2026-03-23T08:45:00.000+0000", "isAllDay": False}
    # The file the command line reads, by its path, gives the same.
    run = run_cli(["agenda", str(BUNDLED), "--from", WEEK[0], "--to", WEEK[1]])
    assert json.loads(run.stdout) == got


def test_the_reminders_of_the_bundled_list_are_the_command_lines() -> None:
    tasks = json.loads(BUNDLED.read_text(encoding="utf-8"))
    got = both("reminders", tasks, WEEK)
    assert len(got) == 11
    for entry in got:
        assert list(entry) == ["id", "reminderId", "trigger", "fireTime", "startDate", "dueDate"]
    # The snoozed reminder: no reminderId, no trigger.
    assert got[1] == {"id": "69a1f0c12c6f3277d1cc5106", "reminderId": None, "trigger": None,
                      "fireTime": "2026-03-23T13:00:00.000+0000",
                      "startDate": "2026-03-22T22:00:00.000+0000", "dueDate": None}
    # A legacy all-day trigger: 09:00 in Berlin the day before.
    assert got[6] == {"id": "69a1f0c12c6f3277d1cc5108", "reminderId": "69a1f0c12c6f3277d1cc5109",
                      "trigger": "TRIGGER:-P1D", "fireTime": "2026-03-28T08:00:00.000+0000",
                      "startDate": "2026-03-28T23:00:00.000+0000", "dueDate": None}
    assert [e["fireTime"] for e in got] == sorted(e["fireTime"] for e in got)


def test_every_input_form_gives_the_same_answer() -> None:
    text = BUNDLED.read_text(encoding="utf-8")
    tasks: list[dict[str, Any]] = json.loads(text)
    expected = tr.agenda(tasks, from_=WEEK[0], to=WEEK[1])
    sync = {"checkPoint": 0, "syncTaskBean": {"update": tasks, "delete": []}, "projectProfiles": []}

    def generator() -> Iterator[dict[str, Any]]:
        yield from tasks

    forms: list[tr.TaskList] = [
        tuple(tasks), generator(), sync, text, "\ufeff" + text, json.dumps(sync),
        [json.dumps(t) for t in tasks], [tasks[0], json.dumps(tasks[1]), tasks[2], json.dumps(tasks[3])],
    ]
    for form in forms:
        assert tr.agenda(form, from_=WEEK[0], to=WEEK[1]) == expected, type(form)
    # One task: the list of that task.
    assert tr.agenda(tasks[3], from_=WEEK[0], to=WEEK[1]) == [e for e in expected if e["id"] == tasks[3]["id"]]
    assert tr.agenda([], from_=WEEK[0], to=WEEK[1]) == []
    assert tr.reminders({"syncTaskBean": {"update": []}}, from_=WEEK[0], to=WEEK[1]) == []


def test_answers_are_plain_json_shaped_values() -> None:
    tasks = json.loads(BUNDLED.read_text(encoding="utf-8"))
    for call in (tr.agenda, tr.reminders):
        got = call(tasks, from_=WEEK[0], to=WEEK[1])
        assert type(got) is list and got
        assert all(type(e) is dict for e in got)
        assert json.loads(json.dumps(got)) == got


def test_times_may_be_aware_datetimes_and_the_callers_tasks_are_untouched() -> None:
    tasks = json.loads(BUNDLED.read_text(encoding="utf-8"))
    before = json.dumps(tasks)
    berlin = ZoneInfo("Europe/Berlin")
    got = tr.reminders(tasks, from_=datetime(2026, 3, 23, 1, 0, tzinfo=berlin),
                       to=datetime(2026, 3, 31, 23, 59, 59, tzinfo=timezone.utc))
    assert got == tr.reminders(tasks, from_=WEEK[0], to=WEEK[1])
    assert json.dumps(tasks) == before


def test_the_limit_keeps_the_earliest_entries_of_the_whole_list() -> None:
    def daily(id: str, start: str) -> dict[str, Any]:
        return {"id": id, "startDate": start, "repeatFlag": "RRULE:FREQ=DAILY",
                "reminders": [{"id": f"{id}-r", "trigger": "TRIGGER:PT0S"}]}

    tasks = [daily("late", "2026-03-01T20:00:00.000+0000"), daily("early", "2026-03-01T06:00:00.000+0000")]
    window = ("2026-03-01T00:00:00Z", "2026-03-31T23:59:59Z")
    all = both("reminders", tasks, window)
    assert len(all) == 62
    for limit in [0, 1, 3, 61, 62, 100]:
        assert both("reminders", tasks, window, limit=limit) == all[:limit]
    assert [e["id"] for e in all[:3]] == ["early", "late", "early"]
    # The default is the command line's: 10,000.
    hourly = [{"id": f"t{i}", "startDate": "2026-01-01T00:00:00Z", "repeatFlag": "RRULE:FREQ=HOURLY"}
              for i in range(3)]
    assert len(tr.agenda(hourly, from_="2026-01-01T00:00:00Z", to="2026-12-31T00:00:00Z")) == 10_000


def test_default_time_zone_is_for_tasks_without_one() -> None:
    task = {"id": "t", "startDate": "2026-03-02T23:00:00Z", "isAllDay": True,
            "reminders": [{"id": "r", "trigger": "TRIGGER:P0DT9H0M0S"}]}
    got = both("reminders", task, default_time_zone="Europe/Berlin")
    assert got[0]["fireTime"] == "2026-03-03T08:00:00.000+0000"
    assert tr.reminders(task, from_=MARCH[0], to=MARCH[1], default_time_zone=ZoneInfo("Europe/Berlin")) == got
    # Without it, the task lives in UTC: all day on 2 March there.
    assert both("reminders", task)[0]["fireTime"] == "2026-03-02T09:00:00.000+0000"


# ---- Each trigger form (BEHAVIOUR.md §8) ----


def test_timed_triggers_fire_their_duration_before_the_start() -> None:
    task = {"id": "t", "startDate": "2026-03-10T13:00:00.000+0000", "timeZone": "America/New_York",
            "reminders": triggers("TRIGGER:PT0S", "TRIGGER:-PT0S", "TRIGGER:-PT5M", "TRIGGER:-PT30M",
                                  "TRIGGER:-PT1H", "TRIGGER:-PT60M", "TRIGGER:-PT1440M", "TRIGGER:-PT90M")}
    assert fires(both("reminders", task)) == [
        ("r6", "2026-03-09T13:00:00.000+0000"),
        ("r7", "2026-03-10T11:30:00.000+0000"),
        ("r4", "2026-03-10T12:00:00.000+0000"),
        ("r5", "2026-03-10T12:00:00.000+0000"),
        ("r3", "2026-03-10T12:30:00.000+0000"),
        ("r2", "2026-03-10T12:55:00.000+0000"),
        ("r0", "2026-03-10T13:00:00.000+0000"),
        ("r1", "2026-03-10T13:00:00.000+0000"),
    ]


def test_minutes_are_exact_and_days_nominal_across_a_dst_change() -> None:
    # 03:00 EDT on New York's spring-forward day.
    task = {"id": "t", "startDate": "2026-03-08T07:00:00.000+0000", "timeZone": "America/New_York",
            "reminders": triggers("TRIGGER:-PT30M", "TRIGGER:-PT1440M", "TRIGGER:-P1D")}
    assert fires(both("reminders", task)) == [
        ("r1", "2026-03-07T07:00:00.000+0000"),
        ("r2", "2026-03-07T08:00:00.000+0000"),
        ("r0", "2026-03-08T06:30:00.000+0000"),
    ]


def test_all_day_triggers_name_wall_clock_times() -> None:
    # All day on 10 March in Berlin.
    task = {"id": "t", "startDate": "2026-03-09T23:00:00.000+0000", "timeZone": "Europe/Berlin",
            "isAllDay": True, "reminders": triggers("TRIGGER:P0DT9H0M0S", "TRIGGER:-P0DT15H0M0S",
                                                    "TRIGGER:-P1DT15H0M0S", "TRIGGER:-P0DT2H30M0S")}
    assert fires(both("reminders", task)) == [
        ("r2", "2026-03-08T08:00:00.000+0000"),
        ("r1", "2026-03-09T08:00:00.000+0000"),
        ("r3", "2026-03-09T20:30:00.000+0000"),
        ("r0", "2026-03-10T08:00:00.000+0000"),
    ]


def test_legacy_all_day_triggers_read_as_ticktick_reads_them() -> None:
    def with_triggers(*texts: str) -> dict[str, Any]:
        return {"id": "t", "startDate": "2026-03-29T22:00:00.000+0000", "timeZone": "Europe/Berlin",
                "isAllDay": True, "reminders": triggers(*texts)}

    window = ("2026-03-20T00:00:00Z", "2026-03-31T00:00:00Z")
    legacy = both("reminders", with_triggers("TRIGGER:PT0S", "TRIGGER:-P1D", "TRIGGER:-P2D"), window)
    current = both("reminders", with_triggers("TRIGGER:P0DT9H0M0S", "TRIGGER:-P0DT15H0M0S",
                                              "TRIGGER:-P1DT15H0M0S"), window)
    assert [e["fireTime"] for e in legacy] == [e["fireTime"] for e in current] == [
        "2026-03-28T08:00:00.000+0000", "2026-03-29T07:00:00.000+0000", "2026-03-30T07:00:00.000+0000"]


def test_a_daily_reminder_follows_its_occurrences_across_a_dst_change() -> None:
    task = {"id": "t", "startDate": "2026-03-06T14:00:00.000+0000", "timeZone": "America/New_York",
            "repeatFlag": "RRULE:FREQ=DAILY;INTERVAL=1", "reminders": triggers("TRIGGER:-PT30M")}
    got = both("reminders", task, ("2026-03-07T00:00:00Z", "2026-03-09T23:59:59Z"))
    assert [e["fireTime"] for e in got] == [
        "2026-03-07T13:30:00.000+0000", "2026-03-08T12:30:00.000+0000", "2026-03-09T12:30:00.000+0000"]


def test_a_reminder_fires_in_the_window_for_an_occurrence_after_it() -> None:
    task = {"id": "t", "startDate": "2026-03-31T22:00:00.000+0000",
            "dueDate": "2026-04-01T22:00:00.000+0000", "timeZone": "Europe/Berlin", "isAllDay": True,
            "reminders": triggers("TRIGGER:-P1DT15H0M0S", "TRIGGER:P0DT9H0M0S")}
    assert both("reminders", task, ("2026-03-01T00:00:00Z", "2026-03-31T23:59:59Z")) == [
        {"id": "t", "reminderId": "r0", "trigger": "TRIGGER:-P1DT15H0M0S",
         "fireTime": "2026-03-30T07:00:00.000+0000", "startDate": "2026-03-31T22:00:00.000+0000",
         "dueDate": "2026-04-01T22:00:00.000+0000"}]


# ---- Snoozes, checklist items ----


def test_a_snoozed_reminder_fires_once_at_remind_time() -> None:
    task = {"id": "t", "startDate": "2026-03-10T13:00:00.000+0000", "dueDate": "2026-03-10T14:00:00.000+0000",
            "repeatFlag": "RRULE:FREQ=DAILY;INTERVAL=1", "remindTime": "2026-03-10T13:10:00.000+0000"}
    assert both("reminders", task) == [
        {"id": "t", "reminderId": None, "trigger": None, "fireTime": "2026-03-10T13:10:00.000+0000",
         "startDate": "2026-03-10T13:00:00.000+0000", "dueDate": "2026-03-10T14:00:00.000+0000"}]
    assert both("reminders", task, ("2026-03-11T00:00:00Z", "2026-03-31T00:00:00Z")) == []


def test_an_open_checklist_item_with_a_start_reminds_then() -> None:
    task = {"id": "t", "startDate": "2026-03-12T08:00:00.000+0000", "items": [
        {"id": "i0", "title": "passport", "status": 0, "startDate": "2026-03-11T17:00:00.000+0000"},
        {"id": "i1", "title": "charger", "status": 1, "startDate": "2026-03-11T17:30:00.000+0000"},
        {"id": "i2", "title": "tickets", "status": 0}]}
    assert both("reminders", task) == [
        {"id": "t", "reminderId": None, "trigger": None, "fireTime": "2026-03-11T17:00:00.000+0000",
         "startDate": "2026-03-12T08:00:00.000+0000", "dueDate": None}]


# ---- The series: exDate, TT_SKIP and holidays, LUNAR, COUNT, closed tasks ----


def test_an_ex_date_has_no_occurrence_and_no_reminder() -> None:
    task = {"id": "t", "startDate": "2026-03-08T08:00:00.000+0000", "repeatFlag": "RRULE:FREQ=DAILY;INTERVAL=1",
            "exDate": ["20260310"], "reminders": triggers("TRIGGER:PT0S", "TRIGGER:-P1D")}
    window = ("2026-03-09T00:00:00Z", "2026-03-11T23:59:59Z")
    assert [e["startDate"][:10] for e in both("agenda", task, window)] == ["2026-03-09", "2026-03-11"]
    assert [(e["reminderId"], e["fireTime"][:13], e["startDate"][:13])
            for e in both("reminders", task, window)] == [
        ("r0", "2026-03-09T08", "2026-03-09T08"),
        ("r1", "2026-03-10T08", "2026-03-11T08"),
        ("r0", "2026-03-11T08", "2026-03-11T08"),
        ("r1", "2026-03-11T08", "2026-03-12T08"),
    ]


WORKDAYS = {"id": "w", "status": 0, "startDate": "2026-09-28T01:00:00.000+0000",
            "dueDate": "2026-09-28T02:00:00.000+0000", "timeZone": "Asia/Shanghai",
            "repeatFlag": "RRULE:FREQ=DAILY;INTERVAL=1;TT_SKIP=HOLIDAY,WEEKEND",
            "reminders": triggers("TRIGGER:-PT15M")}
AUTUMN = ("2026-09-27T00:00:00Z", "2026-10-12T23:59:59Z")


def test_tt_skip_with_the_built_in_holidays() -> None:
    """National Day 2026 (1-7 October) is skipped, and Saturday 10 October, a make-up workday, is
    not (BEHAVIOUR.md §7)."""
    days = ["2026-09-28", "2026-09-29", "2026-09-30", "2026-10-08", "2026-10-09", "2026-10-10", "2026-10-12"]
    got = both("agenda", WORKDAYS, AUTUMN, holidays="cn")
    assert [e["startDate"][:10] for e in got] == days
    fired = both("reminders", WORKDAYS, AUTUMN, holidays="cn")
    assert [e["fireTime"] for e in fired] == [f"{d}T00:45:00.000+0000" for d in days]
    # Without a calendar only the weekends are skipped.
    plain = both("agenda", WORKDAYS, AUTUMN, holidays="none")
    assert plain == tr.agenda(WORKDAYS, from_=AUTUMN[0], to=AUTUMN[1])
    assert [e["startDate"][:10] for e in plain][3:6] == ["2026-10-01", "2026-10-02", "2026-10-05"]


def test_holidays_of_your_own_are_the_command_lines_calendar_file(tmp_path: Path) -> None:
    feed = [{"date": "2026-10-01", "type": 0, "name": "国庆节"}, {"date": "20261002", "type": 0}]
    path = tmp_path / "feed.json"
    path.write_text(json.dumps(feed, ensure_ascii=False), encoding="utf-8")
    for command, call in (("agenda", tr.agenda), ("reminders", tr.reminders)):
        got = call([WORKDAYS], from_=AUTUMN[0], to=AUTUMN[1], holidays=feed)
        assert same_json(got, on_cli(command, [WORKDAYS], AUTUMN, "--holidays", str(path)))
    dates = [str(e["startDate"])[:10] for e in tr.agenda(WORKDAYS, from_=AUTUMN[0], to=AUTUMN[1], holidays=feed)]
    assert "2026-10-01" not in dates and "2026-10-05" in dates


def shanghai_all_day(flag: str, day: date) -> dict[str, Any]:
    midnight = f"{(day - timedelta(days=1)).isoformat()}T16:00:00.000+0000"
    return {"id": "festival", "status": 0, "isAllDay": True, "startDate": midnight, "dueDate": midnight,
            "timeZone": "Asia/Shanghai", "repeatFlag": flag, "repeatFrom": "2"}


def test_lunar_series_in_the_agenda_and_reminders() -> None:
    festival = {**shanghai_all_day("LUNAR:FREQ=YEARLY;INTERVAL=1;BYMONTH=8;BYMONTHDAY=15", date(2026, 9, 25)),
                "reminders": [{"id": "r1", "trigger": "TRIGGER:P0DT9H0M0S"}]}
    monthly = {"id": "m", "status": 0, "startDate": "2026-09-11T16:00:00.000+0000",
               "timeZone": "Europe/Berlin", "repeatFlag": "LUNAR:FREQ=MONTHLY;BYMONTHDAY=1"}
    window = ("2026-09-01T00:00:00Z", "2027-10-01T00:00:00Z")
    got = both("agenda", [festival, monthly], window)
    assert [e["startDate"] for e in got if e["id"] == "festival"] == [
        "2026-09-24T16:00:00.000+0000", "2027-09-14T16:00:00.000+0000"]
    # Lunar 2026-08-01 is 11 September 2026, 18:00 in Berlin; lunar 2026-09-01 is 10 October.
    assert [e["startDate"] for e in got if e["id"] == "m"][:2] == [
        "2026-09-11T16:00:00.000+0000", "2026-10-10T16:00:00.000+0000"]
    assert [e["fireTime"] for e in both("reminders", [festival], window)] == [
        "2026-09-25T01:00:00.000+0000", "2027-09-15T01:00:00.000+0000"]


def test_the_series_ends_with_its_count() -> None:
    task = {"id": "t", "startDate": "2026-03-10T08:00:00.000+0000",
            "repeatFlag": "RRULE:FREQ=DAILY;INTERVAL=1;COUNT=3", "reminders": triggers("TRIGGER:PT0S")}
    three = ["2026-03-10T08:00:00.000+0000", "2026-03-11T08:00:00.000+0000", "2026-03-12T08:00:00.000+0000"]
    assert [e["startDate"] for e in both("agenda", task)] == three
    assert [e["fireTime"] for e in both("reminders", task)] == three


@pytest.mark.parametrize("status", [2, -1])
def test_closed_tasks_do_not_remind(status: int) -> None:
    task = {"id": "t", "status": status, "startDate": "2026-03-10T08:00:00.000+0000",
            "repeatFlag": "RRULE:FREQ=DAILY;INTERVAL=1", "reminders": triggers("TRIGGER:PT0S"),
            "remindTime": "2026-03-10T09:00:00.000+0000",
            "items": [{"id": "i", "status": 0, "startDate": "2026-03-10T10:00:00.000+0000"}]}
    assert both("reminders", task) == []
    open_task = {**task, "status": 0}
    assert len(both("reminders", open_task)) == 21 + 1 + 1
    both("agenda", task)


def test_a_task_repeating_from_completion_shows_its_current_occurrence_only() -> None:
    task = {"id": "t", "startDate": "2026-03-10T08:00:00.000+0000", "repeatFrom": "1",
            "repeatFlag": "RRULE:FREQ=DAILY;INTERVAL=1", "reminders": triggers("TRIGGER:PT0S")}
    assert [e["startDate"] for e in both("agenda", task)] == ["2026-03-10T08:00:00.000+0000"]
    assert [e["fireTime"] for e in both("reminders", task)] == ["2026-03-10T08:00:00.000+0000"]


# ---- The command line's answers on a list of many shapes ----

ZONES = ["UTC", "Europe/Berlin", "America/New_York", "Asia/Shanghai", "Australia/Lord_Howe",
         "Asia/Kolkata", "Pacific/Apia", "America/Sao_Paulo"]
FLAGS = [None, "RRULE:FREQ=DAILY;INTERVAL=1", "RRULE:FREQ=DAILY;INTERVAL=3;TT_SKIP=WEEKEND",
         "RRULE:FREQ=WEEKLY;INTERVAL=1;BYDAY=MO,WE,FR", "RRULE:FREQ=MONTHLY;INTERVAL=1;BYDAY=-1FR",
         "RRULE:FREQ=MONTHLY;INTERVAL=1;BYMONTHDAY=31", "RRULE:FREQ=YEARLY;INTERVAL=1;COUNT=4",
         "RRULE:FREQ=WEEKLY;INTERVAL=2;UNTIL=20260320T000000Z", "RRULE:FREQ=HOURLY;INTERVAL=7",
         "RRULE:FREQ=DAILY;INTERVAL=1;TT_SKIP=HOLIDAY", "LUNAR:FREQ=MONTHLY;BYMONTHDAY=15",
         "ERULE:NAME=CUSTOM;BYDATE=20260303,20260317,20260402"]
TIMED = ["TRIGGER:PT0S", "TRIGGER:-PT5M", "TRIGGER:-PT30M", "TRIGGER:-PT1H", "TRIGGER:-PT1440M", "TRIGGER:-P1D"]
ALL_DAY = ["TRIGGER:P0DT9H0M0S", "TRIGGER:-P0DT15H0M0S", "TRIGGER:-P1DT15H0M0S", "TRIGGER:-P1D", "TRIGGER:PT0S"]


def many_tasks(count: int, seed: int) -> list[dict[str, Any]]:
    """Tasks of every shape the agenda reads, drawn from a seeded generator."""
    rng = random.Random(seed)
    tasks = []
    for i in range(count):
        all_day = rng.random() < 0.3
        zone = ZoneInfo(rng.choice(ZONES))
        day = datetime(2026, 1, 1) + timedelta(days=rng.randrange(-800, 100))
        local = day.replace(hour=0, minute=0) if all_day else day.replace(hour=rng.randrange(24),
                                                                         minute=rng.choice([0, 15, 30]))
        start = local.replace(tzinfo=zone).astimezone(timezone.utc)
        task: dict[str, Any] = {"id": f"{i:024x}", "title": f"task {i}", "timeZone": zone.key,
                                "isAllDay": all_day, "status": 0 if rng.random() < 0.9 else 2}
        wire = start.strftime("%Y-%m-%dT%H:%M:%S.000+0000")
        if rng.random() < 0.9:
            task["startDate"] = wire
        task["dueDate"] = (start + timedelta(hours=rng.choice([0, 1, 24]))).strftime("%Y-%m-%dT%H:%M:%S.000+0000")
        flag = rng.choice(FLAGS)
        if flag:
            task["repeatFlag"] = flag
            task["repeatFrom"] = rng.choice(["0", "0", "1", "2"])
        if rng.random() < 0.2:
            task["exDate"] = [f"202603{d:02d}" for d in rng.sample(range(1, 29), 3)]
        forms = ALL_DAY if all_day else TIMED
        task["reminders"] = [{"id": f"r{i}-{k}", "trigger": rng.choice(forms)} for k in range(rng.randrange(3))]
        if rng.random() < 0.1:
            task["remindTime"] = f"2026-03-{rng.randrange(1, 31):02d}T10:00:00.000+0000"
        if rng.random() < 0.1:
            task["items"] = [{"id": f"i{i}", "status": rng.choice([0, 1]),
                              "startDate": f"2026-03-{rng.randrange(1, 31):02d}T07:00:00.000+0000"}]
        tasks.append(task)
    return tasks


@pytest.mark.parametrize("command", ["agenda", "reminders"])
def test_a_list_of_many_shapes_gives_the_command_lines_answer(command: str) -> None:
    tasks = many_tasks(400, seed=20261128)
    got = both(command, tasks, ("2026-02-25T00:00:00Z", "2026-04-05T00:00:00Z"), holidays="cn")
    assert len(got) > 1000
    sync = {"syncTaskBean": {"update": tasks}}
    assert both(command, sync, ("2026-03-01T00:00:00Z", "2026-03-02T00:00:00Z"), limit=50)
    assert both(command, sync, ("2026-03-29T00:00:00Z", "2026-03-31T00:00:00Z"),
                default_time_zone="Asia/Tokyo")


# ---- Errors ----


def cli_error(command: str, tasks: Any, window: tuple[str, str] = MARCH) -> str:
    """The command line's message for ``tasks``, less its ``error: <stdin>: ``. The command line reads
    the JSON text the package reads: the standard library's, compact, so that a place in it is the
    same."""
    text = tasks if isinstance(tasks, str) else json.dumps(tasks, separators=(",", ":"), ensure_ascii=False)
    run = run_cli([command, "-", "--from", window[0], "--to", window[1]], text)
    assert run.returncode == 2 and run.stdout == "", run.stderr
    line = run.stderr.rstrip("\n")
    assert "\n" not in line
    assert line.startswith("error: <stdin>: "), line
    return line[len("error: <stdin>: "):]


def still_works() -> None:
    assert tr.agenda({"id": "a", "startDate": "2026-03-10T08:00:00Z"}, from_=MARCH[0], to=MARCH[1]) == [
        {"id": "a", "startDate": "2026-03-10T08:00:00.000+0000", "dueDate": None, "isAllDay": False}]


def test_a_bad_task_among_thousands_is_named_and_nothing_is_returned() -> None:
    tasks: list[dict[str, Any]] = [{"id": f"ok{i}", "startDate": "2026-03-10T08:00:00.000+0000",
                                    "reminders": [{"id": "fine", "trigger": "TRIGGER:-PT5M"}]} for i in range(5000)]
    tasks[3217] = {"id": "bad", "status": 2, "startDate": "2026-03-10T08:00:00.000+0000",
                   "reminders": [{"id": "fine", "trigger": "TRIGGER:PT0S"},
                                 {"id": "r9", "trigger": "TRIGGER:-PT5MIN"}]}
    message = ('task [3217] (id "bad"): reminder "r9" (reminders[1]): invalid trigger "TRIGGER:-PT5MIN" '
               "at byte 13: unexpected text after the duration")
    with pytest.raises(tr.Error) as caught:
        tr.reminders(tasks, from_=MARCH[0], to=MARCH[1])
    assert str(caught.value) == message == cli_error("reminders", tasks)
    still_works()
    # The agenda does not read triggers: the same list has an agenda.
    assert len(tr.agenda(tasks, from_=MARCH[0], to=MARCH[1])) == 5000
    tasks[4321] = {"id": "flag", "startDate": "2026-03-10T08:00:00Z", "repeatFlag": "RRULE:FREQ=SOMETIMES",
                   "reminders": [{"id": "r", "trigger": "TRIGGER:PT0S"}]}
    for command, call in (("agenda", tr.agenda), ("reminders", tr.reminders)):
        with pytest.raises(tr.Error) as caught:
            call({"syncTaskBean": {"update": tasks[4000:]}}, from_=MARCH[0], to=MARCH[1])
        assert str(caught.value).startswith('task syncTaskBean.update[321] (id "flag"): invalid repeatFlag')
        assert str(caught.value) == cli_error(command, {"syncTaskBean": {"update": tasks[4000:]}})
        still_works()


BOTH = ("agenda", "reminders")
REMINDERS = ("reminders",)

# (what, tasks, message, the commands that read what is wrong): the command line prints the same
# after "error: <stdin>: ". The agenda reads no reminder; the reminders expand only a task that has one.
CORE_ERRORS: list[tuple[str, Any, str, tuple[str, ...]]] = [
    ("a field of the wrong JSON type", [{"id": "a"}, {"id": "b", "startDate": 7}],
     'task [1] (id "b"): task field "startDate": expected an instant string, got 7', BOTH),
    ("an unknown zone", {"id": "a", "startDate": "2026-03-10T08:00:00Z", "timeZone": "Mars/Olympus"},
     'task (id "a"): task field "timeZone": unknown time zone "Mars/Olympus"', ("agenda",)),
    ("a rule that never occurs", [{"id": "a", "startDate": "2026-03-10T08:00:00Z",
                                   "repeatFlag": "RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30",
                                   "reminders": [{"id": "r", "trigger": "TRIGGER:PT0S"}]}],
     'task [0] (id "a"): rule "RRULE:FREQ=YEARLY;INTERVAL=1;BYMONTH=2;BYMONTHDAY=30" can never produce an '
     "occurrence", BOTH),
    ("an unreadable remindTime", [{"id": "t", "startDate": "2026-03-10T08:00:00Z", "remindTime": "soon"}],
     'task [0] (id "t"): task field "remindTime": invalid instant "soon": expected RFC 3339 or '
     "yyyy-MM-ddTHH:mm:ss.SSS+0000", REMINDERS),
    ("a reminder without trigger", [{"id": "t", "startDate": "2026-03-10T08:00:00Z", "reminders": [{"id": "x"}]}],
     'task [0] (id "t"): reminder "x" (reminders[0]): no trigger', REMINDERS),
    ("list text that is not JSON", "[1, 2", "invalid task list JSON at line 1 column 5: EOF while parsing a list",
     BOTH),
    ("list text that is not a list", "7",
     'expected a task object, an array of task objects or a sync answer ({"syncTaskBean": {"update": [...]}}), '
     "got a number", BOTH),
    ("a sync answer without its list", {"syncTaskBean": {"delete": []}},
     "invalid task list JSON at line 1 column 29: missing field `update`", BOTH),
]


@pytest.mark.parametrize("what,tasks,message,commands", CORE_ERRORS, ids=[c[0] for c in CORE_ERRORS])
def test_bad_lists_raise_the_command_lines_message(
    what: str, tasks: Any, message: str, commands: tuple[str, ...]
) -> None:
    for command, call in (("agenda", tr.agenda), ("reminders", tr.reminders)):
        if command not in commands:
            assert same_json(call(tasks, from_=MARCH[0], to=MARCH[1]), on_cli(command, tasks, MARCH))
            continue
        with pytest.raises(tr.Error) as caught:
            call(tasks, from_=MARCH[0], to=MARCH[1])
        assert type(caught.value) is tr.Error
        assert str(caught.value) == message
        assert cli_error(command, tasks) == message
        still_works()


def test_dicts_are_read_as_the_json_text_the_standard_library_writes() -> None:
    """The list's dicts are written as JSON by the package itself when they hold only the plain JSON
    types, and by ``json`` otherwise: either way the text ``json.dumps`` gives, compact with non-ASCII
    kept. A place in the text, as the end of this sync answer that lacks its list, shows it."""
    plain = ["Çay ☕ \n\t\"\\ \x01\x1f\x7f \u2028", 2**70, -5, 0, 1.5, 1e16, 0.1, -0.0, 1e-7, True, False, None,
             (1, [2, {"k": ()}]), {"ключ": {}, "": []}]
    answer = {"syncTaskBean": {"delete": plain}}
    message = cli_error("agenda", answer)
    assert message.startswith("invalid task list JSON at line 1 column ")
    with pytest.raises(tr.Error) as caught:
        tr.agenda(answer, from_=MARCH[0], to=MARCH[1])
    assert str(caught.value) == message
    # Values that are not plain (subclasses, keys that are not str) go through json: the same answer.
    from collections import OrderedDict
    from enum import IntEnum

    class Kind(IntEnum):
        TEXT = 0

    task = {"id": "a", "startDate": "2026-03-10T08:00:00Z", "kind": "TEXT", "priority": 0}
    odd = OrderedDict(task, kind=Kind.TEXT, priority=Kind.TEXT)
    odd_keys: dict[Any, Any] = {**task, 5: "five", None: "none"}
    expected = tr.agenda([task], from_=MARCH[0], to=MARCH[1])
    assert tr.agenda([odd], from_=MARCH[0], to=MARCH[1]) == expected
    assert tr.agenda([odd_keys], from_=MARCH[0], to=MARCH[1]) == expected
    assert tr.agenda(odd, from_=MARCH[0], to=MARCH[1]) == expected


GOOD = {"id": "a", "startDate": "2026-03-10T08:00:00Z"}

# What only Python can get wrong: (what, call, class, message)
PYTHON_ERRORS: list[tuple[str, Callable[[], Any], type[Exception], str]] = [
    ("tasks of the wrong type", lambda: tr.agenda(5, from_=MARCH[0], to=MARCH[1]),  # type: ignore[arg-type]
     TypeError, "tasks: expected a list of tasks, a task dict, a sync answer dict or a JSON str, got int"),
    ("tasks as bytes", lambda: tr.reminders(b"[]", from_=MARCH[0], to=MARCH[1]),  # type: ignore[arg-type]
     TypeError, "tasks: expected a list of tasks, a task dict, a sync answer dict or a JSON str, got bytes"),
    ("a task of the wrong type among several",
     lambda: tr.agenda([GOOD, 5], from_=MARCH[0], to=MARCH[1]),  # type: ignore[list-item]
     TypeError, "tasks[1]: expected a dict or a JSON str, got int"),
    ("a task holding a datetime among several",
     lambda: tr.agenda([GOOD, GOOD, {"id": "b", "startDate": datetime(2026, 3, 1)}], from_=MARCH[0], to=MARCH[1]),
     TypeError, "tasks[2]: Object of type datetime is not JSON serializable"),
    ("a task holding a cycle", lambda: tr.reminders([cyclic()], from_=MARCH[0], to=MARCH[1]),
     tr.Error, "tasks[0]: Circular reference detected"),
    ("a task holding NaN", lambda: tr.agenda([GOOD, {"id": "b", "sortOrder": math.nan}], from_=MARCH[0],
                                             to=MARCH[1]),
     tr.Error, f"tasks[1]: {json_error(math.nan)}"),
    ("a task's JSON text that is not JSON", lambda: tr.agenda([GOOD, '{"id": "a",}'], from_=MARCH[0], to=MARCH[1]),
     tr.Error, "tasks[1]: invalid task JSON at line 1 column 12: trailing comma"),
    ("a task's JSON text with more after it",
     lambda: tr.agenda([GOOD, '{"id": "a"} {}'], from_=MARCH[0], to=MARCH[1]),
     tr.Error, "tasks[1]: invalid task JSON at line 1 column 13: trailing characters"),
    ("a time of the wrong type", lambda: tr.agenda([GOOD], from_=1, to=MARCH[1]),  # type: ignore[arg-type]
     TypeError, "from_: expected a str or an aware datetime, got int"),
    ("a naive datetime", lambda: tr.reminders([GOOD], from_=MARCH[0], to=datetime(2026, 3, 31)),
     TypeError, "to: a naive datetime has no time zone (2026-03-31 00:00:00): give it a tzinfo, or pass a str"),
    ("a bad instant", lambda: tr.agenda([GOOD], from_="March", to=MARCH[1]),
     tr.Error, 'invalid instant "March": expected RFC 3339 or yyyy-MM-ddTHH:mm:ss.SSS+0000'),
    ("a bool for a limit", lambda: tr.agenda([GOOD], from_=MARCH[0], to=MARCH[1], limit=True),
     TypeError, "limit: expected an int, got bool"),
    ("a negative limit", lambda: tr.reminders([GOOD], from_=MARCH[0], to=MARCH[1], limit=-1),
     tr.Error, "limit: expected a non-negative int, got -1"),
    ("holidays of the wrong type", lambda: tr.agenda([GOOD], from_=MARCH[0], to=MARCH[1], holidays=1),  # type: ignore[arg-type]
     TypeError, 'holidays: expected "cn", "none", None or a list of days, got int'),
    ("a holiday calendar this build lacks",
     lambda: tr.reminders([GOOD], from_=MARCH[0], to=MARCH[1], holidays="us"),  # type: ignore[arg-type]
     tr.Error, 'holidays: unknown holiday calendar "us": expected "cn", "none" or a list of days'),
    ("an unknown default zone",
     lambda: tr.agenda([GOOD], from_=MARCH[0], to=MARCH[1], default_time_zone="Mars/Olympus"),
     tr.Error, 'unknown time zone "Mars/Olympus"'),
    ("a bad time and a bad list: the time first, as on the command line",
     lambda: tr.agenda("[1, 2", from_="March", to=MARCH[1]),
     tr.Error, 'invalid instant "March": expected RFC 3339 or yyyy-MM-ddTHH:mm:ss.SSS+0000'),
]


@pytest.mark.parametrize("what,call,kind,message", PYTHON_ERRORS, ids=[c[0] for c in PYTHON_ERRORS])
def test_python_mistakes_name_the_argument(
    what: str, call: Callable[[], Any], kind: type[Exception], message: str
) -> None:
    with pytest.raises(Exception) as caught:
        call()
    assert type(caught.value) is kind, f"{what}: {caught.value!r}"
    assert str(caught.value) == message
    still_works()


def test_missing_and_positional_window_are_type_errors() -> None:
    with pytest.raises(TypeError, match="to"):
        tr.agenda([GOOD], from_=MARCH[0])  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        tr.reminders([GOOD], MARCH[0], MARCH[1])  # type: ignore[call-arg]
    assert "limit=10000" in getattr(tr.agenda, "__text_signature__", "")
    assert tr.reminders.__doc__ and "fire time" in tr.reminders.__doc__
