//! The command line as scripts use it (SURFACES.md §1): outputs, exit codes, one-line errors.

use std::path::Path;

mod cli_support;
use cli_support::{bad, daily, ok, run};

use serde_json::{json, Value};

fn vector(name: &str) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/vectors")
        .join(name);
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

// ---- Outputs ----

#[test]
fn readme_command_runs_on_the_bundled_example() {
    let out = ok(
        &[
            "wont-do",
            "examples/daily-task.json",
            "--at",
            "2026-01-17T13:16:24Z",
            "--user",
            "130208689",
            "--id-seed",
            "2c6f3277d1cc4341",
        ],
        "",
    );
    let printed: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(printed, vector("wont-do-daily-instance.json")["expect"]);
}

#[test]
fn bundled_examples_are_the_vector_tasks() {
    for (file, name) in [
        ("examples/daily-task.json", "wont-do-daily-instance.json"),
        ("examples/weekly-task.json", "pin-task.json"),
        ("examples/pinned-task.json", "unpin-task.json"),
    ] {
        let text =
            std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(file)).unwrap();
        let task: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(task, vector(name)["task"], "{file}");
    }
}

#[test]
fn json_is_pretty_by_default_and_compact_on_request() {
    let args = ["pin", "-", "--at", "2026-01-17T13:53:44Z"];
    let pretty = ok(&args, &daily());
    assert!(
        pretty.starts_with("{\n  \"add\": [],\n  \"update\": [\n"),
        "{pretty}"
    );
    assert!(pretty.ends_with("}\n"));
    let compact = ok(&[&args[..], &["--compact"]].concat(), &daily());
    assert_eq!(compact.lines().count(), 1);
    assert!(compact.ends_with("}\n"));
    let a: Value = serde_json::from_str(&pretty).unwrap();
    let b: Value = serde_json::from_str(&compact).unwrap();
    assert_eq!(a, b);
}

#[test]
fn expand_prints_one_wire_instant_per_line() {
    let out = ok(
        &[
            "expand",
            "FREQ=DAILY;INTERVAL=1",
            "--start",
            "2026-03-07T09:00:00-05:00",
            "--tz",
            "America/New_York",
            "--limit",
            "3",
        ],
        "",
    );
    assert_eq!(
        out,
        "2026-03-07T14:00:00.000+0000\n2026-03-08T13:00:00.000+0000\n2026-03-09T13:00:00.000+0000\n"
    );
}

#[test]
fn expand_after_is_strict_and_until_inclusive() {
    let out = ok(
        &[
            "expand",
            "RRULE:FREQ=DAILY",
            "--start",
            "2026-01-01T09:00:00.000+0000",
            "--after",
            "2026-01-02T09:00:00Z",
            "--until",
            "2026-01-04T09:00:00Z",
        ],
        "",
    );
    assert_eq!(
        out,
        "2026-01-03T09:00:00.000+0000\n2026-01-04T09:00:00.000+0000\n"
    );
}

#[test]
fn expand_default_limit_is_100() {
    let out = ok(
        &["expand", "FREQ=HOURLY", "--start", "2026-01-01T00:00:00Z"],
        "",
    );
    assert_eq!(out.lines().count(), 100);
}

#[test]
fn expand_with_exdates_and_all_day() {
    let out = ok(
        &[
            "expand",
            "RRULE:FREQ=DAILY;COUNT=3",
            "--start",
            "2026-10-01T22:00:00.000+0000",
            "--tz",
            "Europe/Rome",
            "--all-day",
            "--exdate",
            "20261003,20261005",
        ],
        "",
    );
    assert_eq!(
        out,
        "2026-10-01T22:00:00.000+0000\n2026-10-03T22:00:00.000+0000\n2026-10-05T22:00:00.000+0000\n"
    );
}

#[test]
fn next_prints_the_dates_or_null() {
    let out = ok(
        &["next", "-", "--at", "2026-01-17T13:16:24Z", "--compact"],
        &daily(),
    );
    assert_eq!(
        serde_json::from_str::<Value>(&out).unwrap(),
        json!({"startDate": "2026-01-18T14:00:00.000+0000", "dueDate": "2026-01-18T15:00:00.000+0000"})
    );
    let last = json!({"startDate": "2026-01-17T14:00:00.000+0000", "repeatFlag": "RRULE:FREQ=DAILY;COUNT=1"});
    let out = ok(
        &["next", "-", "--at", "2026-01-17T13:16:24Z"],
        &last.to_string(),
    );
    assert_eq!(out, "null\n");
}

#[test]
fn next_uses_the_default_zone_for_a_task_without_one() {
    let t = json!({"startDate": "2026-03-07T14:00:00.000+0000", "repeatFlag": "RRULE:FREQ=DAILY", "repeatFrom": "0"});
    let out = ok(
        &[
            "next",
            "-",
            "--at",
            "2026-03-07T20:00:00Z",
            "--default-tz",
            "America/New_York",
            "--compact",
        ],
        &t.to_string(),
    );
    assert_eq!(
        out,
        "{\"startDate\":\"2026-03-08T13:00:00.000+0000\",\"dueDate\":null}\n"
    );
}

#[test]
fn occurrences_prints_a_json_array() {
    let out = ok(
        &[
            "occurrences",
            "examples/weekly-task.json",
            "--from",
            "2026-01-20T00:00:00Z",
            "--to",
            "2026-03-01T00:00:00Z",
            "--limit",
            "2",
        ],
        "",
    );
    assert_eq!(
        serde_json::from_str::<Value>(&out).unwrap(),
        json!([
            {"startDate": "2026-01-24T15:00:00.000+0000", "dueDate": null},
            {"startDate": "2026-01-31T15:00:00.000+0000", "dueDate": null}
        ])
    );
}

#[test]
fn every_action_command_prints_a_batch_body() {
    let at = ["--at", "2026-01-17T13:16:24Z"];
    for args in [
        vec!["complete", "-", "--user", "1"],
        vec!["wont-do", "-", "--user", "1"],
        vec!["skip", "-"],
        vec!["skip-date", "-", "--date", "20260120"],
        vec!["pin", "-"],
        vec!["unpin", "-"],
    ] {
        let out = ok(&[&args[..], &at[..]].concat(), &daily());
        let body: Value = serde_json::from_str(&out).unwrap();
        let keys: Vec<&String> = body.as_object().unwrap().keys().collect();
        assert_eq!(
            keys,
            [
                "add",
                "update",
                "delete",
                "addAttachments",
                "updateAttachments",
                "deleteAttachments"
            ],
            "{args:?}"
        );
    }
}

#[test]
fn random_ids_differ_between_runs() {
    let args = [
        "complete",
        "-",
        "--at",
        "2026-01-17T13:16:24Z",
        "--user",
        "1",
        "--compact",
    ];
    let a: Value = serde_json::from_str(&ok(&args, &daily())).unwrap();
    let b: Value = serde_json::from_str(&ok(&args, &daily())).unwrap();
    let id = |v: &Value| v["add"][0]["id"].as_str().unwrap().to_owned();
    assert!(id(&a).starts_with("696b8ba8"));
    assert_ne!(id(&a), id(&b));
}

#[test]
fn help_and_version_succeed() {
    assert!(ok(&["--help"], "").contains("wont-do"));
    assert!(ok(&["complete", "--help"], "").contains("--id-seed"));
    assert!(ok(&["--version"], "").starts_with("ticktick-recur "));
}

// ---- Bad input: status 2, one line, nothing on stdout ----

#[test]
fn malformed_task_json() {
    let e = bad(&["pin", "-", "--at", "2026-01-17T13:53:44Z"], "{\"id\": ");
    assert!(
        e.starts_with("error: <stdin>: invalid task JSON at line 1 column "),
        "{e}"
    );
    let e = bad(&["pin", "-", "--at", "2026-01-17T13:53:44Z"], "[]");
    assert_eq!(
        e,
        "error: <stdin>: a task must be a JSON object, got an array"
    );
}

#[test]
fn wrongly_typed_task_field() {
    let e = bad(
        &["next", "-", "--at", "2026-01-17T13:53:44Z"],
        r#"{"startDate": 5}"#,
    );
    assert_eq!(
        e,
        r#"error: <stdin>: task field "startDate": expected an instant string, got 5"#
    );
}

#[test]
fn missing_task_file() {
    let e = bad(
        &["pin", "no/such/task.json", "--at", "2026-01-17T13:53:44Z"],
        "",
    );
    assert!(
        e.starts_with(r#"error: cannot read task file "no/such/task.json": "#),
        "{e}"
    );
}

#[test]
fn bad_flags() {
    let e = bad(
        &[
            "expand",
            "RRULE:FREQ=DAILY;BYDAY=XX",
            "--start",
            "2026-01-01T00:00:00Z",
        ],
        "",
    );
    assert_eq!(
        e,
        r#"error: invalid repeatFlag "RRULE:FREQ=DAILY;BYDAY=XX" at byte 23: unknown weekday "XX""#
    );
    let e = bad(
        &[
            "expand",
            "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30",
            "--start",
            "2026-01-01T00:00:00Z",
        ],
        "",
    );
    assert_eq!(
        e,
        r#"error: rule "RRULE:FREQ=YEARLY;INTERVAL=1;BYMONTH=2;BYMONTHDAY=30" can never produce an occurrence"#
    );
    let task = json!({"id": "a", "startDate": "2026-01-17T14:00:00.000+0000", "repeatFlag": "RRULE:FREQ=SOMETIMES"});
    let e = bad(
        &["skip", "-", "--at", "2026-01-17T13:53:44Z"],
        &task.to_string(),
    );
    assert!(
        e.starts_with(r#"error: <stdin>: invalid repeatFlag "RRULE:FREQ=SOMETIMES" at byte "#),
        "{e}"
    );
}

#[test]
fn unknown_zones() {
    let e = bad(
        &[
            "expand",
            "FREQ=DAILY",
            "--start",
            "2026-01-01T00:00:00Z",
            "--tz",
            "Mars/Olympus",
        ],
        "",
    );
    assert_eq!(
        e,
        r#"error: invalid value 'Mars/Olympus' for '--tz <ZONE>': unknown time zone "Mars/Olympus""#
    );
    let task = json!({"id": "a", "startDate": "2026-01-17T14:00:00.000+0000", "timeZone": "Mars/Olympus", "repeatFlag": "RRULE:FREQ=DAILY"});
    let e = bad(
        &["next", "-", "--at", "2026-01-17T13:53:44Z"],
        &task.to_string(),
    );
    assert_eq!(
        e,
        r#"error: <stdin>: task field "timeZone": unknown time zone "Mars/Olympus""#
    );
}

#[test]
fn missing_at() {
    let e = bad(&["complete", "examples/daily-task.json", "--user", "1"], "");
    assert_eq!(
        e,
        "error: the following required arguments were not provided: --at <T>"
    );
}

#[test]
fn bad_instants_and_dates() {
    let e = bad(&["pin", "-", "--at", "yesterday"], "");
    assert_eq!(
        e,
        r#"error: invalid value 'yesterday' for '--at <T>': invalid instant "yesterday": expected RFC 3339 or yyyy-MM-ddTHH:mm:ss.SSS+0000"#
    );
    let e = bad(
        &[
            "skip-date",
            "-",
            "--at",
            "2026-01-17T13:53:44Z",
            "--date",
            "2026-01-20",
        ],
        "",
    );
    assert_eq!(
        e,
        r#"error: invalid value '2026-01-20' for '--date <yyyyMMdd>': invalid date "2026-01-20": expected yyyyMMdd"#
    );
}

#[test]
fn bad_id_seed() {
    let e = bad(
        &[
            "complete",
            "-",
            "--at",
            "2026-01-17T13:53:44Z",
            "--user",
            "1",
            "--id-seed",
            "2c6f3277d1cc434",
        ],
        &daily(),
    );
    assert_eq!(
        e,
        r#"error: invalid value '2c6f3277d1cc434' for '--id-seed <HEX16>': invalid hex "2c6f3277d1cc434": expected 16 hex digits"#
    );
}

#[test]
fn bad_user_id() {
    let e = bad(
        &[
            "complete",
            "-",
            "--at",
            "2026-01-17T13:53:44Z",
            "--user",
            "me",
        ],
        &daily(),
    );
    assert!(
        e.starts_with("error: invalid value 'me' for '--user <ID>'"),
        "{e}"
    );
}

#[test]
fn impossible_actions() {
    let last = json!({"id": "a", "startDate": "2026-01-17T14:00:00.000+0000", "repeatFlag": "RRULE:FREQ=DAILY;COUNT=1"});
    let e = bad(
        &["skip", "-", "--at", "2026-01-17T13:53:44Z"],
        &last.to_string(),
    );
    assert_eq!(
        e,
        r#"error: <stdin>: cannot skip task "a": its series has no occurrence after the current one"#
    );
    let e = bad(&["pin", "-", "--at", "2026-01-17T13:53:44Z"], "{}");
    assert_eq!(e, r#"error: <stdin>: task field "id" is missing"#);
    let e = bad(
        &[
            "skip-date",
            "-",
            "--at",
            "2026-01-17T13:53:44Z",
            "--date",
            "20260101",
        ],
        &daily(),
    );
    assert_eq!(
        e,
        r#"error: <stdin>: cannot skip a date of task "696b8b6f2c6f3277d1cc4331": 20260101 is not after the current occurrence's date 20260117"#
    );
}

#[test]
fn usage_errors() {
    assert_eq!(
        bad(&["frobnicate"], ""),
        "error: unrecognized subcommand 'frobnicate'"
    );
    assert_eq!(
        bad(&[], ""),
        "error: a command is required: one of expand, next, occurrences, complete, wont-do, skip, skip-date, pin, unpin, agenda, reminders (see --help)"
    );
    assert_eq!(
        bad(&["pin", "-", "--at", "2026-01-17T13:53:44Z", "--bogus"], ""),
        "error: unexpected argument '--bogus' found"
    );
    bad(&["expand"], "");
}

// ---- TickTick's own client where the library once answered otherwise (tests/data/fidelity.json) ----

/// Runs every case of the named test in `tests/data/fidelity.json` through the command line (the same
/// cases `tests/fidelity.rs` runs through the Rust API), checking each expected value.
fn fidelity(test: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/fidelity.json");
    let file: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let cases: Vec<&Value> = file["cases"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["test"] == test)
        .collect();
    assert!(!cases.is_empty(), "no case for {test}");
    for case in cases {
        let call = &case["call"];
        let s = |key: &str| call[key].as_str().unwrap().to_owned();
        let mut args: Vec<String> = match call["kind"].as_str().unwrap() {
            "expand" => vec!["expand".into(), s("flag"), "--start".into(), s("start")],
            "nextOccurrence" => vec!["next".into(), "-".into(), "--at".into(), s("at")],
            "occurrences" => ["occurrences", "-", "--from", &s("from"), "--to", &s("to")]
                .map(String::from)
                .to_vec(),
            "skip" => vec!["skip".into(), "-".into(), "--at".into(), s("at")],
            kind => vec![
                if kind == "wontDo" { "wont-do" } else { kind }.to_owned(),
                "-".into(),
                "--at".into(),
                s("at"),
                "--user".into(),
                call["userId"].to_string(),
                "--id-seed".into(),
                s("idSeed"),
            ],
        };
        if call.get("timeZone").is_some() {
            args.extend(["--tz".into(), s("timeZone")]);
        }
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = ok(&args, &case["task"].to_string());
        let got: Value = if call["kind"] == "expand" {
            out.lines().collect()
        } else {
            serde_json::from_str(&out).unwrap()
        };
        for (pointer, want) in case["expect"].as_object().unwrap() {
            assert_eq!(
                got.pointer(pointer),
                Some(want),
                "{test}: {} ({pointer}) in {got}",
                case["name"]
            );
        }
    }
}

/// BEHAVIOUR.md §5, skip the current occurrence [client].
#[test]
fn skip_moves_where_a_completion_at_the_same_instant_would() {
    fidelity("skip_moves_where_a_completion_at_the_same_instant_would");
}

/// BEHAVIOUR.md §5, the update [client].
#[test]
fn forgetting_curve_completion_raises_cycle_by_exactly_one() {
    fidelity("forgetting_curve_completion_raises_cycle_by_exactly_one");
}

/// BEHAVIOUR.md §3 [client]; `expand` keeps RFC 5545's instant.
#[test]
fn task_until_instant_includes_its_whole_local_day() {
    fidelity("task_until_instant_includes_its_whole_local_day");
}

/// BEHAVIOUR.md §4, refinements of the default mode [client-fallback].
#[test]
fn count_in_default_mode_jumps_no_occurrence() {
    fidelity("count_in_default_mode_jumps_no_occurrence");
}

/// BEHAVIOUR.md §4, refinements of the default mode [client-fallback].
#[test]
fn all_day_default_mode_compares_dates() {
    fidelity("all_day_default_mode_compares_dates");
}

/// BEHAVIOUR.md §5, no next occurrence [client].
#[test]
fn closing_the_last_occurrence_clears_remind_time() {
    fidelity("closing_the_last_occurrence_clears_remind_time");
}

/// BEHAVIOUR.md §5, the add [client].
#[test]
fn closed_copy_ids_task_then_items_then_reminders() {
    fidelity("closed_copy_ids_task_then_items_then_reminders");
}

/// Pacific/Apia skipped 2011-12-30: that day's 10:00 is shifted forward by the 24-hour gap onto the
/// 31st's instant. `expand` prints one line per occurrence of the rule, so that instant appears on
/// two lines: COUNT=5 prints five lines, as python-dateutil lists five (README, assumptions).
#[test]
fn expand_prints_apias_shifted_occurrence_on_its_own_line() {
    let out = ok(
        &[
            "expand",
            "RRULE:FREQ=DAILY;COUNT=5",
            "--start",
            "2011-12-28T20:00:00Z",
            "--tz",
            "Pacific/Apia",
        ],
        "",
    );
    assert_eq!(
        out.lines().collect::<Vec<_>>(),
        [
            "2011-12-28T20:00:00.000+0000",
            "2011-12-29T20:00:00.000+0000",
            "2011-12-30T20:00:00.000+0000",
            "2011-12-30T20:00:00.000+0000",
            "2011-12-31T20:00:00.000+0000"
        ]
    );
}

/// The task shapes of `tests/data/task-shapes/` (see its README) through every command that takes a
/// task: each is read, `next` gives the answer `shapes.json` lists (`null` when the task does not move,
/// whatever the reason), and each action applies or refuses with a reason, never a field error; an
/// empty date stays empty in every task of a batch body.
#[test]
fn every_task_shape_through_the_command_line() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/task-shapes");
    let index: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("shapes.json")).unwrap()).unwrap();
    let at = index["at"].as_str().unwrap();
    let (from, to) = (
        index["from"].as_str().unwrap(),
        index["to"].as_str().unwrap(),
    );
    for shape in index["shapes"].as_array().unwrap() {
        let file = shape["file"].as_str().unwrap();
        let text = std::fs::read_to_string(dir.join(file)).unwrap();
        let task: Value = serde_json::from_str(&text).unwrap();
        let next = ok(&["next", "-", "--at", at, "--compact"], &text);
        let next: Value = serde_json::from_str(&next).unwrap();
        assert_eq!(next, shape["next"], "{file}");
        let all = ok(&["occurrences", "-", "--from", from, "--to", to], &text);
        assert!(
            serde_json::from_str::<Value>(&all).unwrap().is_array(),
            "{file}"
        );
        let skip_date = next["startDate"]
            .as_str()
            .or(next["dueDate"].as_str())
            .map(|t| t.get(..10).unwrap().replace('-', ""));
        let mut commands: Vec<Vec<&str>> = vec![
            vec![
                "complete",
                "-",
                "--at",
                at,
                "--user",
                "1",
                "--id-seed",
                "2c6f3277d1cc4341",
            ],
            vec!["wont-do", "-", "--at", at, "--user", "1"],
            vec!["skip", "-", "--at", at],
            vec!["pin", "-", "--at", at],
            vec!["unpin", "-", "--at", at],
        ];
        if let Some(date) = &skip_date {
            commands.push(vec!["skip-date", "-", "--at", at, "--date", date]);
        }
        for args in commands {
            let r = run(&args, &text);
            if r.code != 0 {
                // The date is the next start's UTC date: near midnight it may not be a local one.
                let refused = r.stderr.contains("it does not repeat")
                    || r.stderr.contains("it has neither startDate nor dueDate")
                    || r.stderr.contains("has no occurrence on");
                assert!(refused, "{file} {args:?}: {}", r.stderr);
                continue;
            }
            let body: Value = serde_json::from_str(&r.stdout).unwrap();
            let tasks = body["add"].as_array().unwrap().iter();
            for out in tasks.chain(body["update"].as_array().unwrap()) {
                for name in ["startDate", "dueDate", "repeatFirstDate", "reminder"] {
                    if task.get(name) == Some(&json!("")) {
                        assert_eq!(out[name], "", "{file} {args:?}: {name}");
                    }
                }
                assert_eq!(out["title"], task["title"], "{file} {args:?}");
            }
        }
    }
}

#[test]
fn next_refuses_what_is_not_a_task() {
    let args = ["next", "-", "--at", "2026-01-17T13:16:24Z"];
    assert_eq!(
        bad(&args, "{}"),
        "error: <stdin>: not a task: the object is empty"
    );
    let wrapped = json!({"task": {"id": "a", "startDate": "2026-01-17T14:00:00.000+0000", "repeatFlag": "RRULE:FREQ=DAILY"}});
    assert_eq!(
        bad(&args, &wrapped.to_string()),
        r#"error: <stdin>: not a task: the object has none of the fields a task has (id, title, startDate, dueDate, repeatFlag, ...), only "task""#
    );
    let window = [
        "occurrences",
        "-",
        "--from",
        "2026-01-01T00:00:00Z",
        "--to",
        "2026-02-01T00:00:00Z",
    ];
    assert!(bad(&window, &wrapped.to_string()).contains("not a task"));
    // A task that does not move prints null, whatever the reason (SURFACES.md §1).
    for undated in [
        json!({"id": "a", "dueDate": "", "repeatFlag": "RRULE:FREQ=DAILY"}),
        json!({"id": "a", "startDate": "2026-01-17T14:00:00.000+0000"}),
        json!({"title": "x"}),
    ] {
        assert_eq!(ok(&args, &undated.to_string()), "null\n");
    }
}
