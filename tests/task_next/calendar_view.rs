//! The calendar view: where a task will be.

use serde_json::json;
use ticktick_recur::task::{occurrences, Task, TaskDates};

use crate::{at, guide_task, task, wire};

fn window(t: &Task, from: &str, to: &str, limit: usize) -> Vec<String> {
    occurrences(t, at(from), at(to), limit)
        .unwrap()
        .into_iter()
        .map(|d| wire(d.start_date.or(d.due_date)).unwrap())
        .collect()
}

#[test]
fn occurrences_list_the_series_from_the_current_start_inclusive_bounds() {
    let t = guide_task("0");
    assert_eq!(
        window(&t, "2026-06-15T07:00:00Z", "2026-06-21T07:00:00Z", 100),
        [
            "2026-06-15T07:00:00.000+0000",
            "2026-06-17T07:00:00.000+0000",
            "2026-06-19T07:00:00.000+0000",
            "2026-06-21T07:00:00.000+0000"
        ]
    );
    assert_eq!(
        window(&t, "2026-06-16T00:00:00Z", "2026-06-20T00:00:00Z", 100),
        [
            "2026-06-17T07:00:00.000+0000",
            "2026-06-19T07:00:00.000+0000"
        ]
    );
    assert!(window(&t, "2026-01-01T00:00:00Z", "2026-06-15T06:59:59Z", 100).is_empty());
}

#[test]
fn occurrences_stop_at_the_limit() {
    let t = guide_task("2");
    assert_eq!(
        window(&t, "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z", 2).len(),
        2
    );
}

#[test]
fn occurrences_of_a_task_repeating_from_completion_show_only_the_current_one() {
    let t = guide_task("1");
    assert_eq!(
        window(&t, "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z", 100),
        ["2026-06-15T07:00:00.000+0000"]
    );
}

#[test]
fn occurrences_honour_count_from_the_current_start() {
    let mut t = guide_task("0");
    t.set("repeatFlag", json!("RRULE:FREQ=DAILY;INTERVAL=2;COUNT=3"))
        .unwrap();
    assert_eq!(
        window(&t, "2026-06-16T00:00:00Z", "2027-01-01T00:00:00Z", 100),
        [
            "2026-06-17T07:00:00.000+0000",
            "2026-06-19T07:00:00.000+0000"
        ]
    );
}

#[test]
fn occurrences_of_a_task_that_does_not_repeat_are_its_own_dates() {
    let t = task(json!({
        "startDate": "2026-06-15T07:00:00.000+0000", "dueDate": "2026-06-15T08:00:00.000+0000"
    }));
    let all = occurrences(
        &t,
        at("2026-06-01T00:00:00Z"),
        at("2026-07-01T00:00:00Z"),
        10,
    )
    .unwrap();
    assert_eq!(
        all,
        [TaskDates {
            start_date: Some(at("2026-06-15T07:00:00Z")),
            due_date: Some(at("2026-06-15T08:00:00Z")),
        }]
    );
}

#[test]
fn occurrences_carry_the_due_date_at_its_distance() {
    let t = task(json!({
        "startDate": "2026-03-07T14:00:00.000+0000", "dueDate": "2026-03-07T15:00:00.000+0000",
        "timeZone": "America/New_York", "repeatFlag": "RRULE:FREQ=DAILY", "repeatFrom": "0"
    }));
    let all = occurrences(
        &t,
        at("2026-03-08T00:00:00Z"),
        at("2026-03-08T23:00:00Z"),
        10,
    )
    .unwrap();
    assert_eq!(
        serde_json::to_value(&all).unwrap(),
        json!([{"startDate": "2026-03-08T13:00:00.000+0000", "dueDate": "2026-03-08T14:00:00.000+0000"}])
    );
}
