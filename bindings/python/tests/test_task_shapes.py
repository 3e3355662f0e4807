"""The task shapes of tests/data/task-shapes/ (see its README) through the installed package, as dicts
and as their JSON text: each is read and written back unchanged, ``next_occurrence`` gives the answer
shapes.json lists, ``occurrences`` invents no date, every action applies or refuses with a reason, an
empty date stays empty and fields an action does not set come back as they went in; the agenda and the
reminders read them all. tests/task_shapes.rs, tests/cli.rs and pkg/test/shapes.test.mjs run the same
files through the Rust API, the command line and the npm package."""

from __future__ import annotations

import json
import re
from typing import Any, Callable

import pytest

import ticktick_recur as tr
from conftest import ROOT, run_cli, same_json

DIR = ROOT / "tests" / "data" / "task-shapes"
INDEX: dict[str, Any] = json.loads((DIR / "shapes.json").read_text(encoding="utf-8"))
AT: str = INDEX["at"]
FROM: str = INDEX["from"]
TO: str = INDEX["to"]

# The fields each action may set; every other field comes back as it went in.
CLOSE_SETS = {"id", "startDate", "dueDate", "modifiedTime", "progress", "items", "reminders", "repeatFlag",
              "status", "remindTime", "completedTime", "completedUserId", "attachments", "repeatTaskId",
              "etag", "focusSummaries"}
SETS = {
    "complete": CLOSE_SETS,
    "wont_do": CLOSE_SETS,
    "skip": {"startDate", "dueDate", "modifiedTime", "progress", "items", "repeatFlag"},
    "skip_date": {"exDate", "modifiedTime"},
    "pin": {"pinnedTime", "modifiedTime"},
    "unpin": {"pinnedTime", "modifiedTime"},
}
# Refusing is an answer (an undated or non-repeating task cannot be skipped; the date to skip is the
# next start's UTC date, which near midnight may not be a local one); a field error is not.
REFUSALS = re.compile("it does not repeat|it has neither startDate nor dueDate|has no occurrence on")


def shapes() -> list[tuple[str, str, dict[str, Any]]]:
    """(file, text, what shapes.json expects of it) for each shape."""
    return [(s["file"], (DIR / s["file"]).read_text(encoding="utf-8"), s) for s in INDEX["shapes"]]


NAMES = [s["file"] for s in INDEX["shapes"]]


def test_every_fixture_is_listed_once() -> None:
    files = sorted(p.name for p in DIR.glob("*.json") if p.name != "shapes.json")
    assert sorted(NAMES) == files
    assert len(files) >= 14


@pytest.mark.parametrize("file,text,expect", shapes(), ids=NAMES)
def test_each_shape_is_read_and_written_back_unchanged(file: str, text: str, expect: dict[str, Any]) -> None:
    task = json.loads(text)
    for given in (task, text):
        back = tr.apply_response([given], {})
        assert back["errors"] == {}
        assert same_json(back["tasks"][0], task), file


@pytest.mark.parametrize("file,text,expect", shapes(), ids=NAMES)
def test_next_and_occurrences_of_each_shape(file: str, text: str, expect: dict[str, Any]) -> None:
    task: dict[str, Any] = json.loads(text)
    for given in (task, text):
        assert tr.next_occurrence(given, at=AT) == expect["next"], file
    assert (expect["next"] is None) == (expect["why"] != "moves"), file
    all = tr.occurrences(task, from_=FROM, to=TO)
    assert same_json(all, json.loads(run_cli(["occurrences", "-", "--from", FROM, "--to", TO], text).stdout))
    # A dated task shows at least its own dates in the window, which holds every current date.
    dated = any(task.get(k) for k in ("startDate", "dueDate"))
    assert bool(all) == dated, file
    for dates in all:
        # A date the task does not have ("" or null) is not invented.
        for key in ("startDate", "dueDate"):
            assert (dates[key] is not None) == bool(task.get(key)), f"{file}: {key}"


def calls(task: dict[str, Any], next: dict[str, Any] | None) -> dict[str, Callable[[], tr.BatchBody]]:
    every: dict[str, Callable[[], tr.BatchBody]] = {
        "complete": lambda: tr.complete(task, at=AT, user_id=130208689, id_seed="2c6f3277d1cc4341"),
        "wont_do": lambda: tr.wont_do(task, at=AT, user_id=1),
        "skip": lambda: tr.skip(task, at=AT),
        "pin": lambda: tr.pin(task, at=AT),
        "unpin": lambda: tr.unpin(task, at=AT),
    }
    when = next and (next["startDate"] or next["dueDate"])
    if when:
        date = when[:10].replace("-", "")
        every["skip_date"] = lambda: tr.skip_date(task, at=AT, date=date)
    return every


def test_every_action_on_every_shape_keeps_what_it_does_not_set() -> None:
    applied = 0
    for file, text, expect in shapes():
        task: dict[str, Any] = json.loads(text)
        for name, call in calls(task, expect["next"]).items():
            try:
                body = call()
            except tr.Error as e:
                assert REFUSALS.search(str(e)), f"{file} {name}: {e}"
                continue
            applied += 1
            for out in [*body["add"], *body["update"]]:
                for key, value in task.items():
                    if key not in SETS[name]:
                        assert same_json(out.get(key), value), f"{file} {name}: {key}"
                # An empty date stays empty, even where the action may move the dates.
                for key in ("startDate", "dueDate", "repeatFirstDate", "reminder"):
                    if task.get(key) == "":
                        assert out[key] == "", f"{file} {name}: {key}"
                # And so does an item's.
                for old, new in zip(task.get("items") or [], out.get("items") or []):
                    if old.get("startDate") == "":
                        assert new["startDate"] == "", f"{file} {name}: an item's startDate"
                # Written back, it reads again.
                tr.next_occurrence(out, at=AT)
    assert applied > 50, applied


def test_floats_keep_their_value_and_kind() -> None:
    text = (DIR / "float-numbers.json").read_text(encoding="utf-8")
    for given in (json.loads(text), text):
        out = tr.skip(given, at=AT)["update"][0]
        assert out["sortOrder"] == -1.099511627776e12
        for key, value in (("priority", 3.0), ("deleted", 0.0), ("status", 0.0)):
            assert type(out[key]) is float and out[key] == value, key
        assert type(out["repeatFrom"]) is int and out["repeatFrom"] == 2


def test_an_item_with_an_empty_start_keeps_it_and_the_other_moves() -> None:
    task = json.loads((DIR / "items-empty-dates.json").read_text(encoding="utf-8"))
    items = tr.skip(task, at=AT)["update"][0]["items"]
    assert items[0]["startDate"] == "" and items[0]["completedTime"] == ""
    assert items[1]["startDate"] == "2026-01-25T19:00:00.000+0000"


@pytest.mark.parametrize("command", ["agenda", "reminders"])
def test_the_agenda_and_reminders_read_every_shape(command: str) -> None:
    tasks = [json.loads(text) for _, text, _ in shapes()]
    call = tr.agenda if command == "agenda" else tr.reminders
    got = call(tasks, from_=FROM, to=TO)
    printed = run_cli([command, "-", "--from", FROM, "--to", TO], tasks)
    assert printed.returncode == 0, printed.stderr
    assert same_json(got, json.loads(printed.stdout))
    assert got
    if command == "agenda":
        dated = {t["id"] for t in tasks if t.get("startDate") or t.get("dueDate")}
        assert {e["id"] for e in got} == dated


def test_what_is_not_a_task_is_refused() -> None:
    for thing in ({}, {"task": {"id": "a", "startDate": "2026-01-17T14:00:00.000+0000"}}):
        with pytest.raises(tr.Error, match="not a task"):
            tr.next_occurrence(thing, at=AT)
        with pytest.raises(tr.Error, match="not a task"):
            tr.occurrences(thing, from_=FROM, to=TO)
    assert tr.next_occurrence({"id": "a", "dueDate": "", "repeatFlag": "RRULE:FREQ=DAILY"}, at=AT) is None


def test_every_fixture_is_described_in_the_readme() -> None:
    readme = (DIR / "README.md").read_text(encoding="utf-8")
    for file in NAMES:
        assert f"`{file}`" in readme, file
