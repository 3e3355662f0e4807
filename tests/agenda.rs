//! Named cases of the agenda and of the task list reader (BEHAVIOUR.md §8): the three list forms,
//! the order, the limit, the series' rules (exDate, TT_SKIP, COUNT, repeatFrom), errors that name the
//! task, and the skip-ahead of old series.

use serde_json::{json, Value};
use ticktick_recur::agenda::{agenda, AgendaError, ListForm, TaskList, Window};
use ticktick_recur::parse_instant;
use ticktick_recur::task::{occurrences, Task};

fn window(from: &str, to: &str) -> Window {
    Window::new(parse_instant(from).unwrap(), parse_instant(to).unwrap())
}

fn march() -> Window {
    window("2026-03-01T00:00:00Z", "2026-03-31T23:59:59Z")
}

fn tasks(values: &[Value]) -> Vec<Task> {
    values
        .iter()
        .map(|v| Task::from_value(v.clone()).unwrap())
        .collect()
}

/// The agenda as the command line prints it.
fn entries(values: &[Value], w: &Window) -> Vec<Value> {
    let all = agenda(&tasks(values), w).unwrap();
    serde_json::from_value(serde_json::to_value(all).unwrap()).unwrap()
}

fn starts(values: &[Value], w: &Window) -> Vec<(String, String)> {
    entries(values, w)
        .into_iter()
        .map(|e| {
            let start = e["startDate"].as_str().or(e["dueDate"].as_str()).unwrap();
            (e["id"].as_str().unwrap().to_owned(), start.to_owned())
        })
        .collect()
}

fn daily(id: &str, start: &str) -> Value {
    json!({"id": id, "startDate": start, "repeatFlag": "RRULE:FREQ=DAILY;INTERVAL=1"})
}

// ---- The list forms ----

/// One task, an array, and TickTick's sync answer give the same agenda.
#[test]
fn the_three_list_forms_read_alike() {
    let a =
        r#"{"id": "a", "startDate": "2026-03-02T09:00:00Z", "repeatFlag": "RRULE:FREQ=WEEKLY"}"#;
    let b = r#"{"id": "b", "startDate": "2026-03-03T09:00:00Z"}"#;
    let one = TaskList::from_json(a).unwrap();
    let array_text = format!("[{a}, {b}]");
    let array = TaskList::from_json(&array_text).unwrap();
    let sync_text = format!(
        r#"{{"checkPoint": 1, "syncTaskBean": {{"update": [{a}, {b}], "delete": [], "add": [], "empty": false}},
            "projectProfiles": [], "tags": []}}"#
    );
    let sync = TaskList::from_json(&sync_text).unwrap();
    assert_eq!((one.form(), one.len()), (ListForm::Task, 1));
    assert_eq!((array.form(), array.len()), (ListForm::Array, 2));
    assert_eq!((sync.form(), sync.len()), (ListForm::SyncAnswer, 2));
    assert_eq!(
        array.agenda(&march()).unwrap(),
        sync.agenda(&march()).unwrap()
    );
    assert_eq!(one.agenda(&march()).unwrap().len(), 5);
    assert_eq!(array.agenda(&march()).unwrap().len(), 6);
    // Reading the list whole gives the same tasks.
    assert_eq!(
        agenda(&sync.read_all().unwrap(), &march()).unwrap(),
        sync.agenda(&march()).unwrap()
    );
    assert!(TaskList::from_json("[]").unwrap().is_empty());
}

#[test]
fn text_that_is_not_a_list_is_refused() {
    let cases = [
        (
            "",
            "invalid task list JSON at line 1 column 0: EOF while parsing a value",
        ),
        (
            "[{\"id\": \"a\"}",
            "invalid task list JSON at line 1 column 12: EOF while parsing a list",
        ),
        (
            "42",
            r#"expected a task object, an array of task objects or a sync answer ({"syncTaskBean": {"update": [...]}}), got a number"#,
        ),
        (
            r#"{"syncTaskBean": {"delete": []}}"#,
            "invalid task list JSON at line 1 column 31: missing field `update`",
        ),
        (
            r#"{"syncTaskBean": {"update": []}, "syncTaskBean": {"update": []}}"#,
            "invalid task list JSON at line 1 column 47: duplicate field `syncTaskBean`",
        ),
    ];
    for (text, message) in cases {
        let err = TaskList::from_json(text).unwrap_err();
        assert_eq!(err.to_string(), message, "{text:?}");
    }
}

/// A task's JSON error is placed in the whole text, and names the task.
#[test]
fn a_task_error_names_its_position_id_and_place_in_the_text() {
    let text = "[\n  {\"id\": \"a\"},\n  {\"id\": \"b\",\n   \"status\": 0, \"status\": 2}\n]";
    let err = TaskList::from_json(text).unwrap().read_all().unwrap_err();
    assert_eq!(
        err.to_string(),
        r#"task [1] (id "b"): invalid task JSON at line 4 column 24: duplicate key "status""#
    );
    let err = TaskList::from_json(r#"[{"id": "a"}, 7]"#)
        .unwrap()
        .read_all()
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "task [1]: a task must be a JSON object, got a number"
    );
}

// ---- Order and limit ----

/// Ordered by start, then by the task's position in the list; each entry carries the task's id, the
/// occurrence's dates (the due date kept at its distance from the start) and `isAllDay`.
#[test]
fn entries_are_ordered_by_start_then_position() {
    let values = [
        json!({"id": "b", "startDate": "2026-03-02T09:00:00.000+0000", "dueDate": "2026-03-02T10:00:00.000+0000",
            "repeatFlag": "RRULE:FREQ=WEEKLY;INTERVAL=1"}),
        json!({"id": "a", "startDate": "2026-03-09T09:00:00.000+0000"}),
        json!({"id": "c", "startDate": "2026-03-08T23:00:00.000+0000", "timeZone": "Europe/Berlin", "isAllDay": true}),
    ];
    let got = entries(
        &values,
        &window("2026-03-05T00:00:00Z", "2026-03-12T00:00:00Z"),
    );
    assert_eq!(
        got,
        [
            json!({"id": "c", "startDate": "2026-03-08T23:00:00.000+0000", "dueDate": null, "isAllDay": true}),
            json!({"id": "b", "startDate": "2026-03-09T09:00:00.000+0000", "dueDate": "2026-03-09T10:00:00.000+0000", "isAllDay": false}),
            json!({"id": "a", "startDate": "2026-03-09T09:00:00.000+0000", "dueDate": null, "isAllDay": false}),
        ]
    );
}

/// A task with only a due date is placed by it (its occurrence's start, BEHAVIOUR.md §3).
#[test]
fn a_task_without_a_start_is_placed_by_its_due_date() {
    let values = [
        json!({"id": "start", "startDate": "2026-03-10T12:00:00.000+0000"}),
        json!({"id": "due", "dueDate": "2026-03-10T11:00:00.000+0000"}),
    ];
    let got = entries(&values, &march());
    assert_eq!(got[0]["id"], "due");
    assert_eq!(got[0]["startDate"], Value::Null);
    assert_eq!(got[0]["dueDate"], "2026-03-10T11:00:00.000+0000");
}

/// The limit keeps the earliest entries of the whole list, not the first tasks' ones.
#[test]
fn the_limit_keeps_the_earliest_of_the_whole_list() {
    let values = [
        daily("late", "2026-03-01T20:00:00.000+0000"),
        daily("early", "2026-03-01T06:00:00.000+0000"),
        json!({"id": "once", "startDate": "2026-03-01T07:00:00.000+0000"}),
    ];
    let all = agenda(&tasks(&values), &march()).unwrap();
    assert_eq!(all.len(), 63);
    for limit in [0, 1, 2, 3, 4, 40, 62, 63, 1000] {
        let some = agenda(&tasks(&values), &march().with_limit(limit)).unwrap();
        assert_eq!(some, all[..limit.min(63)], "limit {limit}");
    }
    let first: Vec<_> = starts(&values, &march().with_limit(4))
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    assert_eq!(first, ["early", "once", "late", "early"]);
}

/// Two runs give the same bytes.
#[test]
fn output_is_the_same_every_run() {
    let values: Vec<Value> = (0..50)
        .map(|i| {
            daily(
                &format!("t{}", i % 7),
                &format!("2026-03-0{}T0{}:00:00Z", 1 + i % 9, i % 10),
            )
        })
        .collect();
    let once = serde_json::to_string(&agenda(&tasks(&values), &march()).unwrap()).unwrap();
    let again = serde_json::to_string(&agenda(&tasks(&values), &march()).unwrap()).unwrap();
    assert_eq!(once, again);
}

// ---- The series ----

/// Each task contributes exactly its calendar occurrences: exDate, TT_SKIP, COUNT, UNTIL and
/// `repeatFrom "1"` (the current occurrence only) as `occurrences` has them.
#[test]
fn each_task_contributes_its_occurrences() {
    let values = [
        json!({"id": "ex", "startDate": "2026-03-01T08:00:00Z", "repeatFlag": "RRULE:FREQ=DAILY",
            "exDate": ["20260303", "20260310"]}),
        json!({"id": "skip", "startDate": "2026-03-02T08:00:00Z", "repeatFlag": "RRULE:FREQ=DAILY;TT_SKIP=WEEKEND"}),
        json!({"id": "count", "startDate": "2026-03-04T08:00:00Z", "repeatFlag": "RRULE:FREQ=WEEKLY;COUNT=2"}),
        json!({"id": "until", "startDate": "2026-03-04T08:00:00Z", "repeatFlag": "RRULE:FREQ=DAILY;UNTIL=20260306"}),
        json!({"id": "done", "startDate": "2026-03-04T08:00:00Z", "repeatFlag": "RRULE:FREQ=DAILY", "repeatFrom": "1"}),
        json!({"id": "undated", "repeatFlag": "RRULE:FREQ=DAILY"}),
    ];
    let count = |id: &str| {
        starts(&values, &march())
            .iter()
            .filter(|(i, _)| i == id)
            .count()
    };
    assert_eq!(count("ex"), 29);
    assert_eq!(count("skip"), 22);
    assert_eq!(count("count"), 2);
    assert_eq!(count("until"), 3);
    assert_eq!(count("done"), 1);
    assert_eq!(count("undated"), 0);
    let tasks = tasks(&values);
    let w = march();
    let mut merged: Vec<_> = tasks
        .iter()
        .flat_map(|t| occurrences(t, w.from, w.to, w.limit).unwrap())
        .map(|d| d.start_date.or(d.due_date).unwrap())
        .collect();
    merged.sort();
    let got: Vec<_> = agenda(&tasks, &w)
        .unwrap()
        .iter()
        .map(|e| e.start())
        .collect();
    assert_eq!(got, merged);
}

/// A series begun in 2000 and one begun this year give the same March (the skip-ahead answers both
/// from the period around the window).
#[test]
fn an_old_series_gives_the_same_window_as_a_new_one() {
    for flag in [
        "RRULE:FREQ=DAILY;INTERVAL=1",
        "RRULE:FREQ=WEEKLY;INTERVAL=1;BYDAY=MO,TH",
        "RRULE:FREQ=MONTHLY;INTERVAL=1;BYDAY=-1FR",
        "RRULE:FREQ=YEARLY;INTERVAL=1",
    ] {
        let old = json!({"id": "t", "startDate": "2000-03-31T15:00:00Z", "timeZone": "Europe/Istanbul",
            "repeatFlag": flag, "repeatFrom": "0"});
        let new = json!({"id": "t", "startDate": "2025-03-31T15:00:00Z", "timeZone": "Europe/Istanbul",
            "repeatFlag": flag, "repeatFrom": "0"});
        let (a, b) = (starts(&[old], &march()), starts(&[new], &march()));
        assert_eq!(a, b, "{flag}");
        assert!(!a.is_empty() || flag.contains("YEARLY"), "{flag}");
    }
}

// ---- Errors ----

/// One bad task among thousands fails the call, naming it.
#[test]
fn a_bad_task_fails_the_whole_call_and_is_named() {
    let mut values: Vec<Value> = (0..3000)
        .map(|i| daily(&format!("t{i}"), "2026-03-01T08:00:00Z"))
        .collect();
    values[2041] = json!({"id": "bad", "startDate": "2026-03-01T08:00:00Z", "repeatFlag": "RRULE:FREQ=DAILY;BYDAY=XX"});
    let err = agenda(&tasks(&values), &march()).unwrap_err();
    assert_eq!(
        err.to_string(),
        r#"task [2041] (id "bad"): invalid repeatFlag "RRULE:FREQ=DAILY;BYDAY=XX" at byte 23: unknown weekday "XX""#
    );
    let AgendaError::Task { task, .. } = err else {
        panic!("{err:?}");
    };
    assert_eq!((task.position, task.id.as_deref()), (2041, Some("bad")));
    values[2041] = json!({"startDate": "2026-03-01T08:00:00Z", "timeZone": "Mars/Olympus"});
    let err = agenda(&tasks(&values), &march()).unwrap_err();
    assert_eq!(
        err.to_string(),
        r#"task [2041]: task field "timeZone": unknown time zone "Mars/Olympus""#
    );
}
