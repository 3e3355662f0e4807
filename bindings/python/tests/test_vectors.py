"""TickTick's captured vectors (tests/data/vectors, the shared captures vendored in the repository)
pass exactly through the installed package: every action gives its expected batch body, key order
included, and applying the captured responses sets the new etags."""

from __future__ import annotations

import json
from typing import Any, Callable

import ticktick_recur as tr
from conftest import VECTORS, load_vector, same_json


def action_vectors() -> list[tuple[str, dict[str, Any]]]:
    found = []
    for path in sorted(VECTORS.glob("*.json")):
        vector = json.loads(path.read_text(encoding="utf-8"))
        if "action" in vector:
            found.append((path.name, vector))
    assert len(found) >= 3, f"the action vectors are missing from {VECTORS}"
    return found


def call(action: dict[str, Any]) -> Callable[[Any], Any]:
    """The package's function for a vector's action (its fields are the npm option names)."""
    kind, at = action["kind"], action["at"]
    if kind in ("complete", "wontDo"):
        fn = tr.complete if kind == "complete" else tr.wont_do
        return lambda task: fn(task, at=at, user_id=action["userId"], id_seed=action.get("idSeed"))
    if kind == "skipDate":
        return lambda task: tr.skip_date(task, date=action["date"], at=at)
    simple = {"pin": tr.pin, "unpin": tr.unpin, "skip": tr.skip}[kind]
    return lambda task: simple(task, at=at)


def test_every_action_vector_gives_exactly_its_batch_body() -> None:
    for name, vector in action_vectors():
        body = call(vector["action"])(vector["task"])
        assert body == vector["expect"], name
        assert same_json(body, vector["expect"]), f"{name}: key order"


def test_a_task_given_as_json_text_gives_the_same_body() -> None:
    for name, vector in action_vectors():
        text = json.dumps(vector["task"], indent=2, ensure_ascii=False)
        assert same_json(call(vector["action"])(text), vector["expect"]), name


def test_applying_a_vector_response_sets_the_new_etags() -> None:
    applied = 0
    for name, vector in action_vectors():
        if "response" not in vector:
            continue
        held = vector["expect"]["add"] + vector["expect"]["update"]
        result = tr.apply_response(held, vector["response"])
        assert result["errors"] == {}, name
        assert len(result["tasks"]) == len(held)
        for task, before in zip(result["tasks"], held):
            assert task["etag"] == vector["response"]["id2etag"][task["id"]], name
            # Only the etag changed.
            assert same_json({**task, "etag": None}, {**before, "etag": None}), name
        applied += 1
    assert applied >= 2


def test_created_tasks_come_back_unchanged_and_report_their_recurrence() -> None:
    bodies = load_vector("create-bodies.json")["bodies"]
    tasks = [body["add"][0] for body in bodies]
    assert len(tasks) == 3
    back = tr.apply_response(tasks, {})["tasks"]
    assert same_json(back, tasks)

    weekly, count_from_completion, daily = tasks
    start, end = "2026-01-01T00:00:00Z", "2026-12-31T00:00:00Z"
    # Saturdays 18:00 in Istanbul until 2026-02-27.
    assert [o["startDate"] for o in tr.occurrences(weekly, from_=start, to=end)] == [
        f"2026-{d}T15:00:00.000+0000" for d in ["01-17", "01-24", "01-31", "02-07", "02-14", "02-21"]
    ]
    # Repeating from the completion date: only the current occurrence is predictable.
    assert tr.occurrences(count_from_completion, from_=start, to=end) == [
        {"startDate": "2026-01-17T15:00:00.000+0000", "dueDate": None}
    ]
    assert tr.next_occurrence(count_from_completion, at="2026-01-19T10:00:00Z") == {
        "startDate": "2026-01-20T15:00:00.000+0000",
        "dueDate": None,
    }
    assert tr.next_occurrence(daily, at="2026-01-17T13:16:24Z") == {
        "startDate": "2026-01-18T14:00:00.000+0000",
        "dueDate": "2026-01-18T15:00:00.000+0000",
    }
