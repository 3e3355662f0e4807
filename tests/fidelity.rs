//! Where the library follows TickTick's own client rather than the first reading of the captures: one
//! named test per rule, each citing its section of docs/BEHAVIOUR.md, through the Rust API.
//!
//! The cases live in `tests/data/fidelity.json`, shared with the command line's tests (`tests/cli.rs`)
//! and the npm package's (`pkg/test/fidelity.test.mjs`), so the three surfaces answer the same
//! questions; each test here runs its cases and then checks what only the Rust API can show.

use std::path::Path;

use chrono::{DateTime, Utc};
use serde_json::{json, Map, Value};
use ticktick_recur::task::{self, next_occurrence, occurrences, Action, Close, Task};
use ticktick_recur::{format_instant, parse_instant, ObjectIdGenerator, RepeatFlag, Series, Zone};

/// Every named test below, in the order of the cases file.
const TESTS: [&str; 7] = [
    "skip_moves_where_a_completion_at_the_same_instant_would",
    "forgetting_curve_completion_raises_cycle_by_exactly_one",
    "task_until_instant_includes_its_whole_local_day",
    "count_in_default_mode_jumps_no_occurrence",
    "all_day_default_mode_compares_dates",
    "closing_the_last_occurrence_clears_remind_time",
    "closed_copy_ids_task_then_items_then_reminders",
];

fn all_cases() -> Vec<Value> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/fidelity.json");
    let file: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    file["cases"].as_array().unwrap().clone()
}

/// The cases of one named test (at least one).
fn cases(test: &str) -> Vec<Value> {
    let cases: Vec<Value> = all_cases()
        .into_iter()
        .filter(|c| c["test"] == test)
        .collect();
    assert!(!cases.is_empty(), "no case for {test}");
    cases
}

fn text<'a>(v: &'a Value, key: &str) -> &'a str {
    v[key]
        .as_str()
        .unwrap_or_else(|| panic!("{key} missing in {v}"))
}

fn instant(v: &Value, key: &str) -> DateTime<Utc> {
    parse_instant(text(v, key)).unwrap()
}

/// The case's call through the Rust API, its answer as the JSON the other surfaces give.
fn answer(case: &Value) -> Value {
    let call = &case["call"];
    let kind = text(call, "kind");
    if kind == "expand" {
        let rule = RepeatFlag::parse(text(call, "flag"))
            .unwrap()
            .validate()
            .unwrap();
        let zone: Zone = text(call, "timeZone").parse().unwrap();
        let series = Series::new(&rule, instant(call, "start"), zone).unwrap();
        let starts: Vec<String> = series
            .iter()
            .take(100)
            .map(|o| format_instant(o.unwrap().instant()))
            .collect();
        return json!(starts);
    }
    let task = Task::from_value(case["task"].clone()).unwrap();
    match kind {
        "nextOccurrence" => json!(next_occurrence(&task, instant(call, "at")).unwrap()),
        "occurrences" => {
            json!(occurrences(&task, instant(call, "from"), instant(call, "to"), 100).unwrap())
        }
        _ => {
            let at = instant(call, "at");
            let close = || Close {
                at,
                user_id: call["userId"].as_u64().unwrap(),
            };
            let action = match kind {
                "complete" => Action::Complete(close()),
                "wontDo" => Action::WontDo(close()),
                "skip" => Action::Skip { at },
                other => panic!("unknown call {other}"),
            };
            let mut ids = match call.get("idSeed") {
                Some(seed) => ObjectIdGenerator::from_seed(seed.as_str().unwrap().parse().unwrap()),
                None => ObjectIdGenerator::new(),
            };
            action.apply(&task, &mut ids).unwrap().to_value()
        }
    }
}

/// Runs every case of `test` and checks each expected value.
fn run(test: &str) {
    for case in cases(test) {
        let got = answer(&case);
        for (pointer, want) in case["expect"].as_object().unwrap() {
            assert_eq!(
                got.pointer(pointer),
                Some(want),
                "{test}: {} ({pointer}) in {got}",
                text(&case, "name")
            );
        }
    }
}

/// The task of the first case of `test` whose name contains `name`.
fn case_task(test: &str, name: &str) -> Value {
    cases(test)
        .into_iter()
        .find(|c| text(c, "name").contains(name))
        .unwrap_or_else(|| panic!("no case {name:?} in {test}"))["task"]
        .clone()
}

fn with(mut v: Value, changes: Value) -> Task {
    for (k, x) in changes.as_object().unwrap() {
        v[k] = x.clone();
    }
    Task::from_value(v).unwrap()
}

fn at(text: &str) -> DateTime<Utc> {
    parse_instant(text).unwrap()
}

/// The fields of `after` that differ from `before`, or were added or removed, sorted.
fn changed(before: &Map<String, Value>, after: &Map<String, Value>) -> Vec<String> {
    let mut keys: Vec<String> = before
        .iter()
        .filter(|(k, v)| after.get(*k) != Some(v))
        .map(|(k, _)| k.clone())
        .chain(after.keys().filter(|k| !before.contains_key(*k)).cloned())
        .collect();
    keys.sort();
    keys
}

#[test]
fn every_case_belongs_to_a_named_test() {
    for case in all_cases() {
        assert!(TESTS.contains(&text(&case, "test")), "{case}");
        assert!(text(&case, "section").starts_with('§'), "{case}");
        let evidence = text(&case, "evidence");
        assert!(
            ["capture", "client", "client-fallback", "chosen"].contains(&evidence),
            "{case}"
        );
    }
}

/// BEHAVIOUR.md §5, "Skip the current occurrence" [client]: TickTick's skip calls the very function a
/// completion uses, with the skip's instant as the completion's. Skip adds nothing, writes no exDate
/// and leaves COUNT and `remindTime` alone.
#[test]
fn skip_moves_where_a_completion_at_the_same_instant_would() {
    run("skip_moves_where_a_completion_at_the_same_instant_would");
    let guide = case_task(
        "skip_moves_where_a_completion_at_the_same_instant_would",
        "skipped on 18 June",
    );
    // Every mode, at instants before, between and after occurrences: skip lands where next does.
    for repeat_from in ["0", "1", "2"] {
        for flag in [
            "RRULE:FREQ=DAILY;INTERVAL=2",
            "RRULE:FREQ=DAILY;INTERVAL=2;COUNT=9",
        ] {
            let before = with(
                guide.clone(),
                json!({"repeatFrom": repeat_from, "repeatFlag": flag}),
            );
            for when in [
                "2026-06-15T06:30:00Z",
                "2026-06-16T12:00:00Z",
                "2026-06-18T10:00:00Z",
                "2026-07-30T23:00:00Z",
            ] {
                let next = next_occurrence(&before, at(when)).unwrap().unwrap();
                let body = task::skip(&before, at(when)).unwrap();
                assert!(body.add.is_empty());
                let update = body.update[0].fields();
                let start = format_instant(next.start_date.unwrap());
                assert_eq!(
                    update["startDate"],
                    json!(start),
                    "{repeat_from} {flag} {when}"
                );
                assert_eq!(
                    changed(before.fields(), update),
                    ["dueDate", "modifiedTime", "progress", "startDate"],
                    "{repeat_from} {flag} {when}"
                );
            }
        }
    }
}

/// BEHAVIOUR.md §5, the update [client]: a completion raises a forgetting curve's CYCLE by exactly
/// one, even when the move jumps exDates; only a skip adds the exDates it jumped.
#[test]
fn forgetting_curve_completion_raises_cycle_by_exactly_one() {
    run("forgetting_curve_completion_raises_cycle_by_exactly_one");
    let curve = case_task(
        "forgetting_curve_completion_raises_cycle_by_exactly_one",
        "CYCLE=2",
    );
    // Two exDates in a row: the completion still adds one, the skip three.
    let t = with(curve, json!({"exDate": ["20260103", "20260106"]}));
    let close = Close {
        at: at("2026-01-02T10:00:00Z"),
        user_id: 1,
    };
    let done = task::complete(&t, &close, &mut ObjectIdGenerator::new()).unwrap();
    let skipped = task::skip(&t, close.at).unwrap();
    for (body, cycle) in [(&done, 3), (&skipped, 5)] {
        let update = &body.update[0];
        assert_eq!(
            update.get("startDate"),
            Some(&json!("2026-01-14T09:00:00.000+0000"))
        );
        assert_eq!(
            update.repeat_flag(),
            Some(format!("ERULE:NAME=FORGETTINGCURVE;CYCLE={cycle}").as_str())
        );
    }
}

/// BEHAVIOUR.md §3 [client]: on a task, `UNTIL=...Z` is the instant's local date in the task's zone,
/// and that whole day is included, for every question about the task's series (next, the calendar
/// view, completion, skip, each mode); `expand` keeps RFC 5545's instant.
#[test]
fn task_until_instant_includes_its_whole_local_day() {
    run("task_until_instant_includes_its_whole_local_day");
    let shanghai = case_task(
        "task_until_instant_includes_its_whole_local_day",
        "calendar view",
    );
    // Walking the series with next gives the calendar view's occurrences, in every mode.
    for repeat_from in ["0", "2"] {
        let mut t = with(shanghai.clone(), json!({"repeatFrom": repeat_from}));
        let mut walked = vec![format_instant(t.start_date().unwrap())];
        while let Some(dates) = next_occurrence(&t, at("2026-03-01T00:00:00Z")).unwrap() {
            let start = format_instant(dates.start_date.unwrap());
            walked.push(start.clone());
            t = with(t.to_value(), json!({"startDate": start}));
        }
        let view: Vec<String> = occurrences(
            &with(shanghai.clone(), json!({"repeatFrom": repeat_from})),
            at("2026-01-01T00:00:00Z"),
            at("2026-12-31T00:00:00Z"),
            100,
        )
        .unwrap()
        .iter()
        .map(|d| format_instant(d.start_date.unwrap()))
        .collect();
        assert_eq!(walked, view, "{repeat_from}");
        assert_eq!(walked.len(), 3);
    }
    // Where the instant's UTC date is the day before its local date, the local date counts.
    let late = with(
        shanghai,
        json!({"repeatFlag": "RRULE:FREQ=DAILY;UNTIL=20260309T230000Z"}),
    );
    let view = occurrences(
        &late,
        at("2026-01-01T00:00:00Z"),
        at("2026-12-31T00:00:00Z"),
        100,
    )
    .unwrap();
    assert_eq!(view.len(), 3, "23:00Z on 9 March is 07:00 on 10 March");
}

/// BEHAVIOUR.md §4, refinements of the default mode [client-fallback]: with COUNT, the default mode
/// jumps no occurrence, so each completion consumes exactly one and COUNT-1 stays true.
#[test]
fn count_in_default_mode_jumps_no_occurrence() {
    run("count_in_default_mode_jumps_no_occurrence");
    let t = Task::from_value(case_task(
        "count_in_default_mode_jumps_no_occurrence",
        "COUNT=3 from 15 June",
    ))
    .unwrap();
    // Completed long after the end: the three occurrences are still consumed one by one.
    let mut t = t;
    let mut starts = Vec::new();
    let close = Close {
        at: at("2026-12-01T00:00:00Z"),
        user_id: 1,
    };
    loop {
        let body = task::complete(&t, &close, &mut ObjectIdGenerator::new()).unwrap();
        starts.push(body.update[0].get("startDate").unwrap().clone());
        if body.add.is_empty() {
            break;
        }
        t = body.update[0].clone();
    }
    assert_eq!(
        starts,
        [
            "2026-06-17T07:00:00.000+0000",
            "2026-06-19T07:00:00.000+0000",
            "2026-06-19T07:00:00.000+0000"
        ]
    );
    assert_eq!(t.repeat_flag(), Some("RRULE:FREQ=DAILY;INTERVAL=2;COUNT=1"));
}

/// BEHAVIOUR.md §4, refinements of the default mode [client-fallback]: an all-day task compares dates:
/// an all-day occurrence on the completion's local date is not in the past. Timed tasks keep the
/// instant comparison [chosen].
#[test]
fn all_day_default_mode_compares_dates() {
    run("all_day_default_mode_compares_dates");
    let all_day = case_task(
        "all_day_default_mode_compares_dates",
        "all-day, due 1 October",
    );
    // Overdue by three days, completed late on the fourth: that day, in every zone's reading.
    let t = with(all_day.clone(), json!({}));
    let next = next_occurrence(&t, at("2026-10-04T21:59:59Z"))
        .unwrap()
        .unwrap();
    assert_eq!(
        format_instant(next.start_date.unwrap()),
        "2026-10-03T22:00:00.000+0000"
    );
    // One second later it is 5 October in Rome.
    let next = next_occurrence(&t, at("2026-10-04T22:00:00Z"))
        .unwrap()
        .unwrap();
    assert_eq!(
        format_instant(next.start_date.unwrap()),
        "2026-10-04T22:00:00.000+0000"
    );
    // "From the due date" still moves one occurrence on, all-day or not.
    let from_due = with(all_day, json!({"repeatFrom": "0"}));
    let next = next_occurrence(&from_due, at("2026-10-04T08:00:00Z"))
        .unwrap()
        .unwrap();
    assert_eq!(
        format_instant(next.start_date.unwrap()),
        "2026-10-01T22:00:00.000+0000"
    );
}

/// BEHAVIOUR.md §5, no next occurrence [client]: closing the last occurrence, or a task that does not
/// repeat, clears `remindTime` too, and changes nothing else but the close's own fields.
#[test]
fn closing_the_last_occurrence_clears_remind_time() {
    run("closing_the_last_occurrence_clears_remind_time");
    for case in cases("closing_the_last_occurrence_clears_remind_time") {
        let before = Task::from_value(case["task"].clone()).unwrap();
        let close = Close {
            at: at("2026-03-07T20:00:00Z"),
            user_id: 1,
        };
        let body = task::complete(&before, &close, &mut ObjectIdGenerator::new()).unwrap();
        assert_eq!(
            changed(before.fields(), body.update[0].fields()),
            [
                "completedTime",
                "completedUserId",
                "modifiedTime",
                "remindTime",
                "status"
            ],
            "{}",
            text(&case, "name")
        );
    }
}

/// BEHAVIOUR.md §5, the add [client]: the closed copy's new ids are issued to the task, then to its
/// checklist items in order, then to its reminders in order.
#[test]
fn closed_copy_ids_task_then_items_then_reminders() {
    run("closed_copy_ids_task_then_items_then_reminders");
    // Without items the reminders follow the task id directly.
    let t = with(
        case_task("closed_copy_ids_task_then_items_then_reminders", "task id"),
        json!({"items": []}),
    );
    let close = Close {
        at: at("2026-03-07T20:00:00Z"),
        user_id: 1,
    };
    let mut ids = ObjectIdGenerator::from_seed("2c6f3277d1000001".parse().unwrap());
    let body = task::complete(&t, &close, &mut ids).unwrap();
    let reminders: Vec<Value> = body.add[0]
        .reminders()
        .iter()
        .map(|r| r["id"].clone())
        .collect();
    assert_eq!(
        reminders,
        ["69ac83c02c6f3277d1000002", "69ac83c02c6f3277d1000003"]
    );
}
