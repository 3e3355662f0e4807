//! Where a task goes next, and where it will be: one named test per rule of BEHAVIOUR.md §3-4.

use chrono::{DateTime, NaiveDate, Utc};
use serde_json::{json, Value};
use ticktick_recur::task::{next_occurrence, Task, TaskDates};
use ticktick_recur::{format_instant, parse_instant};

mod calendar_view;
mod ends;
mod erule;
mod repeat_from;
mod zones;

pub(crate) fn task(v: Value) -> Task {
    Task::from_value(v).unwrap()
}

pub(crate) fn at(text: &str) -> DateTime<Utc> {
    parse_instant(text).unwrap()
}

pub(crate) fn wire(t: Option<DateTime<Utc>>) -> Option<String> {
    t.map(format_instant)
}

/// The next `startDate` (or `dueDate` for a task without start) after closing at `done`.
pub(crate) fn next(t: &Task, done: &str) -> Option<String> {
    next_occurrence(t, at(done))
        .unwrap()
        .map(|d| wire(d.start_date.or(d.due_date)).unwrap())
}

/// The task moved to `dates`, as the update would hold it: for walking a series.
pub(crate) fn moved(t: &Task, dates: TaskDates) -> Task {
    let mut t = t.clone();
    if let Some(s) = dates.start_date {
        t.set("startDate", json!(format_instant(s))).unwrap();
    }
    if let Some(d) = dates.due_date {
        t.set("dueDate", json!(format_instant(d))).unwrap();
    }
    t
}

/// `count` successive next starts from the task, each closed at `done`.
pub(crate) fn walk(t: &Task, done: &str, count: usize) -> Vec<String> {
    let mut t = t.clone();
    let mut starts = Vec::new();
    for _ in 0..count {
        let Some(dates) = next_occurrence(&t, at(done)).unwrap() else {
            break;
        };
        starts.push(wire(dates.start_date.or(dates.due_date)).unwrap());
        t = moved(&t, dates);
    }
    starts
}

pub(crate) fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// The guide's task (BEHAVIOUR.md §4): due Jun 15 at 09:00 in Berlin, every 2 days.
pub(crate) fn guide_task(repeat_from: &str) -> Task {
    task(json!({
        "id": "guide", "status": 0,
        "startDate": "2026-06-15T07:00:00.000+0000", "dueDate": "2026-06-15T07:00:00.000+0000",
        "timeZone": "Europe/Berlin", "isAllDay": false,
        "repeatFlag": "RRULE:FREQ=DAILY;INTERVAL=2", "repeatFrom": repeat_from
    }))
}

/// When the guide's task is checked off.
pub(crate) const GUIDE_DONE: &str = "2026-06-18T10:00:00Z";
