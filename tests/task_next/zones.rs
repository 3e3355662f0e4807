//! Time zones, all-day and floating tasks (BEHAVIOUR.md §3).

use serde_json::json;
use ticktick_recur::task::{next_occurrence, occurrences};
use ticktick_recur::Zone;

use crate::{at, moved, next, task, walk, wire};

#[test]
fn new_york_0900_stays_0900_across_the_march_change() {
    let t = task(json!({
        "startDate": "2026-03-07T14:00:00.000+0000", "dueDate": "2026-03-07T15:00:00.000+0000",
        "timeZone": "America/New_York", "repeatFlag": "RRULE:FREQ=DAILY", "repeatFrom": "0"
    }));
    let dates = next_occurrence(&t, at("2026-03-07T20:00:00Z"))
        .unwrap()
        .unwrap();
    assert_eq!(
        wire(dates.start_date).as_deref(),
        Some("2026-03-08T13:00:00.000+0000")
    );
    assert_eq!(
        wire(dates.due_date).as_deref(),
        Some("2026-03-08T14:00:00.000+0000")
    );
}

#[test]
fn all_day_task_across_europes_march_change() {
    // Berlin all-day, Mar 28 -> Mar 29 (the change day) -> Mar 30; due is the next local midnight.
    let t = task(json!({
        "startDate": "2026-03-27T23:00:00.000+0000", "dueDate": "2026-03-28T23:00:00.000+0000",
        "timeZone": "Europe/Berlin", "isAllDay": true,
        "repeatFlag": "RRULE:FREQ=DAILY;INTERVAL=1", "repeatFrom": "0"
    }));
    let first = next_occurrence(&t, at("2026-03-28T12:00:00Z"))
        .unwrap()
        .unwrap();
    assert_eq!(
        wire(first.start_date).as_deref(),
        Some("2026-03-28T23:00:00.000+0000")
    );
    assert_eq!(
        wire(first.due_date).as_deref(),
        Some("2026-03-29T22:00:00.000+0000")
    );
    let second = next_occurrence(&moved(&t, first), at("2026-03-29T12:00:00Z"))
        .unwrap()
        .unwrap();
    assert_eq!(
        wire(second.start_date).as_deref(),
        Some("2026-03-29T22:00:00.000+0000")
    );
}

#[test]
fn floating_task_uses_wall_clock_time_of_its_zone() {
    let t = task(json!({
        "startDate": "2026-03-28T08:00:00.000+0000", "timeZone": "Europe/London", "isFloating": true,
        "repeatFlag": "RRULE:FREQ=DAILY", "repeatFrom": "0"
    }));
    // 08:00 London both days: 08:00Z in GMT, 07:00Z in BST.
    assert_eq!(
        walk(&t, "2026-03-28T09:00:00Z", 2),
        [
            "2026-03-29T07:00:00.000+0000",
            "2026-03-30T07:00:00.000+0000"
        ]
    );
}

#[test]
fn due_keeps_its_wall_clock_distance_from_start() {
    // Start 23:00, due 01:00 next day (2 hours) in Berlin, across the March change.
    let t = task(json!({
        "startDate": "2026-03-28T22:00:00.000+0000", "dueDate": "2026-03-29T00:00:00.000+0000",
        "timeZone": "Europe/Berlin", "repeatFlag": "RRULE:FREQ=DAILY", "repeatFrom": "0"
    }));
    let dates = next_occurrence(&t, at("2026-03-29T00:00:00Z"))
        .unwrap()
        .unwrap();
    // Mar 29 23:00 CEST = 21:00Z; due Mar 30 01:00 CEST = 23:00Z.
    assert_eq!(
        wire(dates.start_date).as_deref(),
        Some("2026-03-29T21:00:00.000+0000")
    );
    assert_eq!(
        wire(dates.due_date).as_deref(),
        Some("2026-03-29T23:00:00.000+0000")
    );
}

#[test]
fn null_due_date_stays_null() {
    let t = task(json!({
        "startDate": "2026-01-17T15:00:00.000+0000", "dueDate": null, "timeZone": "Europe/Istanbul",
        "repeatFlag": "RRULE:FREQ=DAILY", "repeatFrom": "0"
    }));
    let dates = next_occurrence(&t, at("2026-01-17T16:00:00Z"))
        .unwrap()
        .unwrap();
    assert_eq!(dates.due_date, None);
    assert_eq!(
        wire(dates.start_date).as_deref(),
        Some("2026-01-18T15:00:00.000+0000")
    );
}

#[test]
fn due_date_is_the_series_start_when_start_date_is_null() {
    let t = task(json!({
        "startDate": null, "dueDate": "2026-01-17T15:00:00.000+0000", "timeZone": "Europe/Istanbul",
        "repeatFlag": "RRULE:FREQ=WEEKLY", "repeatFrom": "0"
    }));
    let dates = next_occurrence(&t, at("2026-01-17T16:00:00Z"))
        .unwrap()
        .unwrap();
    assert_eq!(dates.start_date, None);
    assert_eq!(
        wire(dates.due_date).as_deref(),
        Some("2026-01-24T15:00:00.000+0000")
    );
}

#[test]
fn task_without_dates_has_no_occurrences() {
    let t = task(json!({"repeatFlag": "RRULE:FREQ=DAILY", "startDate": null, "dueDate": null}));
    assert_eq!(
        next_occurrence(&t, at("2026-01-17T16:00:00Z")).unwrap(),
        None
    );
    let all = occurrences(
        &t,
        at("2000-01-01T00:00:00Z"),
        at("2100-01-01T00:00:00Z"),
        10,
    )
    .unwrap();
    assert!(all.is_empty());
}

#[test]
fn not_recurring_flags_have_no_next_occurrence() {
    for flag in [
        json!(null),
        json!(""),
        json!("RRULE:FREQ=NONE"),
        json!("FREQ=NONE"),
    ] {
        let t = task(json!({"startDate": "2026-01-17T15:00:00.000+0000", "repeatFlag": flag}));
        assert_eq!(
            next_occurrence(&t, at("2026-01-17T16:00:00Z")).unwrap(),
            None,
            "{flag}"
        );
    }
}

#[test]
fn missing_time_zone_uses_the_default_zone_else_utc() {
    let t = task(json!({
        "startDate": "2026-03-07T14:00:00.000+0000", "repeatFlag": "RRULE:FREQ=DAILY", "repeatFrom": "0"
    }));
    assert_eq!(
        next(&t, "2026-03-07T20:00:00Z").as_deref(),
        Some("2026-03-08T14:00:00.000+0000")
    );
    let ny: Zone = "America/New_York".parse().unwrap();
    assert_eq!(
        next(&t.with_default_zone(ny), "2026-03-07T20:00:00Z").as_deref(),
        Some("2026-03-08T13:00:00.000+0000")
    );
}

#[test]
fn a_task_time_zone_wins_over_the_default_zone() {
    let t = task(json!({
        "startDate": "2026-03-07T14:00:00.000+0000", "timeZone": "UTC",
        "repeatFlag": "RRULE:FREQ=DAILY", "repeatFrom": "0"
    }))
    .with_default_zone("America/New_York".parse().unwrap());
    assert_eq!(
        next(&t, "2026-03-07T20:00:00Z").as_deref(),
        Some("2026-03-08T14:00:00.000+0000")
    );
}
