//! The task shapes TickTick and the public integrations send (`tests/data/task-shapes/`): empty strings
//! for absent dates, `null` lists, legacy fields, subtask links, numbers as floats. Each is read, written
//! back unchanged, and run through `next`, `occurrences` and every action with the Rust API; fields an
//! action does not set keep their exact value. The command line's and the npm package's tests run the
//! same files.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde_json::{Map, Value};
use ticktick_recur::task::{
    advance, next_occurrence, occurrences, Action, Close, Next, Refusal, Task, TaskDates, TaskError,
};
use ticktick_recur::{parse_instant, Error, ObjectIdGenerator};

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/task-shapes")
}

/// The index of the shapes, with the instants every run uses.
fn index() -> Value {
    let text = std::fs::read_to_string(dir().join("shapes.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn instant(index: &Value, key: &str) -> DateTime<Utc> {
    parse_instant(index[key].as_str().unwrap()).unwrap()
}

/// Each shape: its file name, its text and what the index expects of it.
fn shapes() -> Vec<(String, String, Value)> {
    let index = index();
    let listed: Vec<Value> = index["shapes"].as_array().unwrap().clone();
    let mut files: Vec<String> = std::fs::read_dir(dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".json") && n != "shapes.json")
        .collect();
    files.sort();
    let mut names: Vec<String> = listed
        .iter()
        .map(|s| s["file"].as_str().unwrap().to_owned())
        .collect();
    names.sort();
    assert_eq!(files, names, "every fixture is listed in shapes.json, once");
    listed
        .into_iter()
        .map(|s| {
            let file = s["file"].as_str().unwrap().to_owned();
            let text = std::fs::read_to_string(dir().join(&file)).unwrap();
            (file, text, s)
        })
        .collect()
}

/// The fields each action may set; every other field of the task must come out as it went in.
fn set_by(action: &Action) -> &'static [&'static str] {
    match action {
        Action::Complete(_) | Action::WontDo(_) => &[
            "id",
            "startDate",
            "dueDate",
            "modifiedTime",
            "progress",
            "items",
            "reminders",
            "repeatFlag",
            "status",
            "remindTime",
            "completedTime",
            "completedUserId",
            "attachments",
            "repeatTaskId",
            "etag",
            "focusSummaries",
        ],
        Action::Skip { .. } => &[
            "startDate",
            "dueDate",
            "modifiedTime",
            "progress",
            "items",
            "repeatFlag",
        ],
        Action::SkipDate { .. } => &["exDate", "modifiedTime"],
        Action::Pin { .. } | Action::Unpin { .. } => &["pinnedTime", "modifiedTime"],
        _ => unreachable!("an action this test does not know"),
    }
}

/// Every action, at the index's instant; skip-date on the local date of the task's next occurrence.
fn actions(task: &Task, at: DateTime<Utc>) -> Vec<Action> {
    let close = Close {
        at,
        user_id: 130_208_689,
    };
    let mut all = vec![
        Action::Complete(close),
        Action::WontDo(close),
        Action::Skip { at },
        Action::Pin { at },
        Action::Unpin { at },
    ];
    if let Some(TaskDates {
        start_date,
        due_date,
    }) = next_occurrence(task, at).unwrap()
    {
        let start = start_date.or(due_date).unwrap();
        let date = task.zone().unwrap().local(start).date();
        all.push(Action::SkipDate { date, at });
    }
    all
}

fn fields(task: &Task) -> &Map<String, Value> {
    task.fields()
}

#[test]
fn every_shape_is_read_and_written_back_unchanged() {
    for (file, text, _) in shapes() {
        let task = Task::from_json(&text).unwrap_or_else(|e| panic!("{file}: {e}"));
        let compact =
            serde_json::to_string(&serde_json::from_str::<Value>(&text).unwrap()).unwrap();
        // serde_json rewrites floats (`-1.099511627776E12`), so the compact text is compared where it
        // has none, and the values everywhere.
        if !file.starts_with("float") {
            assert_eq!(task.to_json(), compact, "{file}");
        }
        let value: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(task.to_value(), value, "{file}");
        // Built from values (as the npm package reads a task) the same.
        let from_value = Task::from_value(value.clone()).unwrap();
        assert_eq!(from_value.to_value(), value, "{file}");
    }
}

#[test]
fn floats_keep_their_digits() {
    let text = std::fs::read_to_string(dir().join("float-numbers.json")).unwrap();
    let task = Task::from_json(&text).unwrap();
    assert_eq!(task.status(), 0);
    let index = index();
    let at = instant(&index, "at");
    let body = Action::Skip { at }
        .apply(&task, &mut ObjectIdGenerator::new())
        .unwrap();
    let out = body.update[0].to_json();
    for member in [
        r#""sortOrder":-1.099511627776E12"#,
        r#""priority":3.0"#,
        r#""deleted":0e0"#,
        r#""status":0.0"#,
        r#""repeatFrom":2"#,
    ] {
        assert!(out.contains(member), "{member} in {out}");
    }
}

#[test]
fn next_and_occurrences_of_every_shape() {
    let index = index();
    let (at, from, to) = (
        instant(&index, "at"),
        instant(&index, "from"),
        instant(&index, "to"),
    );
    for (file, text, expect) in shapes() {
        let task = Task::from_json(&text).unwrap();
        let next = advance(&task, at).unwrap_or_else(|e| panic!("{file}: {e}"));
        let why = match next {
            Next::Moves(_) => "moves",
            Next::Ends => "ends",
            Next::NotRecurring => "not-recurring",
            Next::Undated => "undated",
            _ => unreachable!("a Next this test does not know"),
        };
        assert_eq!(why, expect["why"], "{file}");
        assert_eq!(
            serde_json::to_value(next.dates()).unwrap(),
            expect["next"],
            "{file}"
        );
        assert_eq!(next_occurrence(&task, at).unwrap(), next.dates(), "{file}");
        let all = occurrences(&task, from, to, 100).unwrap();
        // A dated task shows at least its own dates in the window, which holds every current date.
        let dated = task.start_date().or(task.due_date()).is_some();
        assert_eq!(!all.is_empty(), dated, "{file}");
        for dates in &all {
            // A date the task does not have ("" or null) is not invented.
            assert_eq!(
                dates.start_date.is_some(),
                task.start_date().is_some(),
                "{file}"
            );
            assert_eq!(
                dates.due_date.is_some(),
                task.due_date().is_some(),
                "{file}"
            );
        }
    }
}

#[test]
fn every_action_on_every_shape_keeps_what_it_does_not_set() {
    let index = index();
    let at = instant(&index, "at");
    let mut applied = 0;
    for (file, text, _) in shapes() {
        let task = Task::from_json(&text).unwrap();
        let before = fields(&task).clone();
        for action in actions(&task, at) {
            let body = match action.apply(&task, &mut ObjectIdGenerator::new()) {
                Ok(body) => body,
                // Refusing is an answer (an undated or non-repeating task cannot be skipped); a field
                // error is not.
                Err(Error::Task(TaskError::Refused { reason, .. })) => {
                    assert!(
                        matches!(reason, Refusal::NotRecurring | Refusal::Undated),
                        "{file} {action:?}: {reason}"
                    );
                    continue;
                }
                Err(e) => panic!("{file} {action:?}: {e}"),
            };
            applied += 1;
            let set = set_by(&action);
            for out in body.add.iter().chain(&body.update) {
                let after = fields(out);
                for (name, value) in &before {
                    if set.contains(&name.as_str()) {
                        continue;
                    }
                    assert_eq!(after.get(name), Some(value), "{file} {action:?}: {name}");
                }
                // An empty date stays empty, even where the action may move the dates.
                for name in ["startDate", "dueDate"] {
                    if before.get(name) == Some(&Value::from("")) {
                        assert_eq!(after[name], "", "{file} {action:?}: {name}");
                    }
                }
                // And so does an item's.
                let items = |t: &Map<String, Value>| t.get("items").cloned();
                if let (Some(Value::Array(old)), Some(Value::Array(new))) =
                    (items(&before), items(after))
                {
                    for (o, n) in old.iter().zip(&new) {
                        if o["startDate"] == "" {
                            assert_eq!(
                                n["startDate"], "",
                                "{file} {action:?}: an item's startDate"
                            );
                        }
                    }
                }
                // Written back, it reads again.
                Task::from_json(&out.to_json()).unwrap_or_else(|e| panic!("{file}: {e}"));
            }
        }
    }
    assert!(applied > 50, "{applied} actions applied");
}

#[test]
fn an_item_with_an_empty_start_keeps_it_and_the_other_moves() {
    let text = std::fs::read_to_string(dir().join("items-empty-dates.json")).unwrap();
    let task = Task::from_json(&text).unwrap();
    let at = instant(&index(), "at");
    let body = Action::Skip { at }
        .apply(&task, &mut ObjectIdGenerator::new())
        .unwrap();
    let items = &body.update[0].fields()["items"];
    assert_eq!(items[0]["startDate"], "");
    assert_eq!(items[0]["completedTime"], "");
    assert_eq!(items[1]["startDate"], "2026-01-25T19:00:00.000+0000");
}

#[test]
fn empty_instants_read_as_absent() {
    let task = Task::from_json(r#"{"id": "a", "startDate": "", "dueDate": ""}"#).unwrap();
    assert_eq!((task.start_date(), task.due_date()), (None, None));
    let mut set = Task::from_json(r#"{"id": "a"}"#).unwrap();
    set.set("dueDate", Value::from("")).unwrap();
    assert_eq!(set.due_date(), None);
    assert_eq!(set.to_json(), r#"{"id":"a","dueDate":""}"#);
    // Anything else that is not an instant is still refused.
    let e = Task::from_json(r#"{"dueDate": " "}"#).unwrap_err();
    assert!(e.to_string().contains(r#"invalid instant " ""#), "{e}");
    let e = Task::from_json(r#"{"items": [{"startDate": "soon"}]}"#).unwrap_err();
    assert!(
        e.to_string()
            .starts_with(r#"task field "items[0].startDate""#),
        "{e}"
    );
    // A fraction that is not zero is no integer.
    let e = Task::from_json(r#"{"status": 2.5}"#).unwrap_err();
    assert_eq!(
        e.to_string(),
        r#"task field "status": expected an integer, got 2.5"#
    );
    assert_eq!(Task::from_json(r#"{"status": 2.0}"#).unwrap().status(), 2);
    // Reminders are objects or trigger strings, nothing else.
    let e = Task::from_json(r#"{"reminders": [7]}"#).unwrap_err();
    assert_eq!(
        e.to_string(),
        r#"task field "reminders[0]": expected an object or a string, got 7"#
    );
}

#[test]
fn things_that_are_not_tasks_are_refused() {
    let at = instant(&index(), "at");
    for (text, message) in [
        ("{}", "not a task: the object is empty"),
        (
            r#"{"task": {"id": "a", "startDate": "2026-01-17T14:00:00.000+0000"}}"#,
            r#"not a task: the object has none of the fields a task has (id, title, startDate, dueDate, repeatFlag, ...), only "task""#,
        ),
    ] {
        let task = Task::from_json(text).unwrap();
        for e in [
            advance(&task, at).unwrap_err(),
            next_occurrence(&task, at).unwrap_err(),
            occurrences(&task, at, at, 10).unwrap_err(),
        ] {
            assert!(
                matches!(e, Error::Task(TaskError::NotATask { .. })),
                "{text}: {e:?}"
            );
            assert_eq!(e.to_string(), message);
        }
    }
    // One field a task has is enough: a task with a title only is undated and does not repeat.
    let title = Task::from_json(r#"{"title": "x", "task": {}}"#).unwrap();
    assert_eq!(advance(&title, at).unwrap(), Next::NotRecurring);
}

#[test]
fn advance_tells_why_a_task_does_not_move() {
    let at = instant(&index(), "at");
    let case = |text: &str| advance(&Task::from_json(text).unwrap(), at).unwrap();
    let last = r#"{"startDate": "2026-01-17T14:00:00.000+0000", "repeatFlag": "RRULE:FREQ=DAILY;COUNT=1"}"#;
    assert_eq!(case(last), Next::Ends);
    assert_eq!(case(last).refusal(), Some(Refusal::SeriesEnds));
    let past_until = r#"{"startDate": "2026-01-17T14:00:00.000+0000", "repeatFlag": "RRULE:FREQ=DAILY;UNTIL=20260117"}"#;
    assert_eq!(case(past_until), Next::Ends);
    let once = r#"{"startDate": "2026-01-17T14:00:00.000+0000"}"#;
    assert_eq!(case(once), Next::NotRecurring);
    assert_eq!(case(once).refusal(), Some(Refusal::NotRecurring));
    assert_eq!(
        case(r#"{"dueDate": "", "repeatFlag": "RRULE:FREQ=DAILY"}"#),
        Next::Undated
    );
    assert_eq!(
        case(r#"{"dueDate": null, "repeatFlag": "RRULE:FREQ=DAILY"}"#).refusal(),
        Some(Refusal::Undated)
    );
    // Neither dated nor repeating: not recurring, as skip refuses it.
    assert_eq!(case(r#"{"id": "a", "startDate": ""}"#), Next::NotRecurring);
    let moves =
        case(r#"{"startDate": "2026-01-17T14:00:00.000+0000", "repeatFlag": "RRULE:FREQ=DAILY"}"#);
    assert_eq!(moves.refusal(), None);
    assert!(matches!(moves, Next::Moves(_)));
}
