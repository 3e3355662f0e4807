//! `ticktick-recur agenda` and `ticktick-recur reminders` as scripts use them (SURFACES.md §1):
//! the bundled task list, the three input forms, the limit, and one-line errors without partial
//! output.

use serde_json::{json, Value};

mod cli_support;
use cli_support::{bad, ok, run};

/// A command's answer, read as JSON.
fn ok_json(args: &[&str], stdin: &str) -> Value {
    serde_json::from_str(&ok(args, stdin)).unwrap()
}

const WEEK: [&str; 4] = [
    "--from",
    "2026-03-23T00:00:00Z",
    "--to",
    "2026-03-31T23:59:59Z",
];

fn with_week<'a>(args: &[&'a str]) -> Vec<&'a str> {
    args.iter().copied().chain(WEEK).collect()
}

/// The README's quick start on the bundled list.
#[test]
fn agenda_of_the_bundled_list() {
    let out = ok_json(&with_week(&["agenda", "examples/task-list.json"]), "");
    let rows: Vec<(&str, &str)> = out
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["id"].as_str().unwrap(), e["startDate"].as_str().unwrap()))
        .collect();
    let standup = "69a1f0c12c6f3277d1cc5101";
    assert_eq!(
        rows,
        [
            (standup, "2026-03-23T08:30:00.000+0000"),
            (standup, "2026-03-24T08:30:00.000+0000"),
            (standup, "2026-03-25T08:30:00.000+0000"),
            (standup, "2026-03-26T08:30:00.000+0000"),
            ("69a1f0c12c6f3277d1cc5108", "2026-03-28T23:00:00.000+0000"),
            ("69a1f0c12c6f3277d1cc5106", "2026-03-29T22:00:00.000+0000"),
            (standup, "2026-03-30T07:30:00.000+0000"),
            (standup, "2026-03-31T07:30:00.000+0000"),
            ("69a1f0c12c6f3277d1cc5103", "2026-03-31T22:00:00.000+0000"),
        ]
    );
    assert_eq!(
        out[0],
        json!({"id": standup, "startDate": "2026-03-23T08:30:00.000+0000",
            "dueDate": "2026-03-23T08:45:00.000+0000", "isAllDay": false})
    );
}

#[test]
fn reminders_of_the_bundled_list() {
    let out = ok_json(&with_week(&["reminders", "examples/task-list.json"]), "");
    let all = out.as_array().unwrap();
    assert_eq!(all.len(), 11);
    for entry in all {
        let keys: Vec<&str> = entry
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(
            keys,
            [
                "id",
                "reminderId",
                "trigger",
                "fireTime",
                "startDate",
                "dueDate"
            ]
        );
    }
    // The snoozed reminder, then the checklist item, each with null reminderId and trigger.
    assert_eq!(
        all[1],
        json!({"id": "69a1f0c12c6f3277d1cc5106", "reminderId": null, "trigger": null,
            "fireTime": "2026-03-23T13:00:00.000+0000", "startDate": "2026-03-22T22:00:00.000+0000",
            "dueDate": null})
    );
    assert_eq!(all[5]["fireTime"], "2026-03-27T17:00:00.000+0000");
    assert_eq!(all[5]["reminderId"], Value::Null);
    // A legacy all-day trigger: 09:00 in Berlin the day before.
    assert_eq!(
        all[6],
        json!({"id": "69a1f0c12c6f3277d1cc5108", "reminderId": "69a1f0c12c6f3277d1cc5109",
            "trigger": "TRIGGER:-P1D", "fireTime": "2026-03-28T08:00:00.000+0000",
            "startDate": "2026-03-28T23:00:00.000+0000", "dueDate": null})
    );
    let fires: Vec<&str> = all
        .iter()
        .map(|e| e["fireTime"].as_str().unwrap())
        .collect();
    let mut sorted = fires.clone();
    sorted.sort_unstable();
    assert_eq!(fires, sorted);
}

/// A file, standard input, a single task and a sync answer, pretty or compact.
#[test]
fn every_input_form_and_output_form() {
    let file = ok_json(&with_week(&["agenda", "examples/task-list.json"]), "");
    let list = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/task-list.json"),
    )
    .unwrap();
    assert_eq!(ok_json(&with_week(&["agenda", "-"]), &list), file);
    let sync =
        format!(r#"{{"checkPoint": 0, "syncTaskBean": {{"update": {list}, "delete": []}}}}"#);
    assert_eq!(ok_json(&with_week(&["agenda", "-"]), &sync), file);
    let one: Value = serde_json::from_str::<Value>(&list).unwrap()[3].clone();
    let single = ok_json(&with_week(&["agenda", "-"]), &one.to_string());
    assert_eq!(single.as_array().unwrap().len(), 1);
    let r = run(
        &with_week(&["agenda", "examples/task-list.json", "--compact"]),
        "",
    );
    assert_eq!(r.stdout.lines().count(), 1);
    assert_eq!(serde_json::from_str::<Value>(&r.stdout).unwrap(), file);
}

/// `--limit N` prints the first N entries of the whole answer; the default is 10,000.
#[test]
fn limit_keeps_the_first_entries() {
    let all = ok_json(&with_week(&["reminders", "examples/task-list.json"]), "");
    for n in ["0", "1", "5", "11", "50"] {
        let some = ok_json(
            &with_week(&["reminders", "examples/task-list.json", "--limit", n]),
            "",
        );
        let n: usize = n.parse().unwrap();
        assert_eq!(
            some.as_array().unwrap()[..],
            all.as_array().unwrap()[..n.min(11)]
        );
    }
    let many: Vec<Value> = (0..3)
        .map(|i| json!({"id": format!("t{i}"), "startDate": "2026-01-01T00:00:00Z", "repeatFlag": "RRULE:FREQ=HOURLY"}))
        .collect();
    let out = ok_json(
        &[
            "agenda",
            "-",
            "--from",
            "2026-01-01T00:00:00Z",
            "--to",
            "2026-12-31T00:00:00Z",
            "--compact",
        ],
        &Value::Array(many).to_string(),
    );
    assert_eq!(out.as_array().unwrap().len(), 10_000);
}

/// A task without `timeZone` lives in `--default-tz`.
#[test]
fn default_zone_for_tasks_without_one() {
    let task = r#"{"id": "t", "startDate": "2026-03-02T23:00:00Z", "isAllDay": true,
        "reminders": [{"id": "r", "trigger": "TRIGGER:P0DT9H0M0S"}]}"#;
    let out = ok_json(
        &[
            "reminders",
            "-",
            "--from",
            "2026-03-01T00:00:00Z",
            "--to",
            "2026-03-31T00:00:00Z",
            "--default-tz",
            "Europe/Berlin",
        ],
        task,
    );
    assert_eq!(out[0]["fireTime"], "2026-03-03T08:00:00.000+0000");
}

/// Errors: one line naming the file, the task's place and id (and the reminder's), no partial output.
#[test]
fn errors_name_the_file_and_the_task() {
    let mut tasks: Vec<Value> = (0..2000)
        .map(|i| {
            json!({"id": format!("t{i}"), "startDate": "2026-03-24T08:00:00Z",
            "reminders": [{"id": "fine", "trigger": "TRIGGER:-PT5M"}]})
        })
        .collect();
    tasks[1500]["reminders"][0]["trigger"] = json!("TRIGGER:-PT5X");
    let text = Value::Array(tasks).to_string();
    assert_eq!(
        bad(&with_week(&["reminders", "-"]), &text),
        r#"error: <stdin>: task [1500] (id "t1500"): reminder "fine" (reminders[0]): invalid trigger "TRIGGER:-PT5X" at byte 12: expected "H", "M" or "S" after a number"#
    );
    let flag = r#"[{"id": "a"}, {"id": "b", "startDate": "2026-03-24T08:00:00Z", "repeatFlag": "RRULE:FREQ=SOMETIMES"}]"#;
    assert!(bad(&with_week(&["agenda", "-"]), flag).starts_with(
        r#"error: <stdin>: task [1] (id "b"): invalid repeatFlag "RRULE:FREQ=SOMETIMES""#
    ));
    assert_eq!(
        bad(&with_week(&["agenda", "-"]), "[1, 2"),
        "error: <stdin>: invalid task list JSON at line 1 column 5: EOF while parsing a list"
    );
    assert_eq!(
        bad(&with_week(&["agenda", "no/such/file.json"]), ""),
        r#"error: cannot read task list file "no/such/file.json": No such file or directory (os error 2)"#
    );
    assert!(bad(
        &[
            "agenda",
            "examples/task-list.json",
            "--from",
            "yesterday",
            "--to",
            "2026-03-31T00:00:00Z"
        ],
        ""
    )
    .contains("invalid instant \"yesterday\""));
}
