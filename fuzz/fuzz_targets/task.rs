//! A task's JSON through every action: each answer is a valid batch body (or valid dates), each
//! failure an `Err`, never a panic. An accepted task holds what serde_json reads from its text, and
//! reads the same from its member names and the JSON array of its values.
//!
//! The input is a few bytes of parameters (the action's instant, user, date, id seed, window), then
//! the task's JSON text.
#![no_main]

use arbitrary::{Arbitrary, Unstructured};
use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use libfuzzer_sys::fuzz_target;
use serde_json::Value;
use ticktick_recur::task::{self, Action, BatchBody, Close, Task, TaskNames};
use ticktick_recur::{IdSeed, ObjectIdGenerator};

#[derive(Debug, Arbitrary)]
struct Params {
    /// Seconds from 2026-01-17T13:16:24Z, so that most instants are near the tasks' dates.
    at: i32,
    far: Option<i64>,
    user: u64,
    date_days: i16,
    process: [u8; 5],
    counter: u32,
    window_minutes: u32,
    limit: u8,
}

fn instant(p: &Params) -> DateTime<Utc> {
    let base = DateTime::from_timestamp(1_768_655_784, 0).unwrap_or_default();
    match p.far.and_then(|s| DateTime::from_timestamp(s, 0)) {
        Some(t) => t,
        None => base + TimeDelta::seconds(i64::from(p.at)),
    }
}

/// A body is valid when every task in it reads back as a task and has an id, and the JSON text reads
/// back as the same body.
fn check_body(body: &BatchBody) {
    let text = body.to_json();
    let back: BatchBody = serde_json::from_str(&text).expect("a body reads back");
    assert_eq!(&back, body);
    for t in body.add.iter().chain(&body.update) {
        assert!(t.id().is_some(), "{text}");
        Task::from_value(t.to_value()).expect("a task in a body reads back");
    }
    assert!(!body.update.is_empty(), "{text}");
    for added in &body.add {
        let id = added.id().unwrap_or_default();
        assert!(
            id.len() == 24 && id.bytes().all(|b| b.is_ascii_hexdigit()),
            "{id}"
        );
    }
}

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let Ok(p) = Params::arbitrary(&mut u) else {
        return;
    };
    let Ok(json) = std::str::from_utf8(u.take_rest()) else {
        return;
    };
    let Ok(task) = Task::from_json(json) else {
        return;
    };
    // The text reader keeps what serde_json reads from the same text, and writes it back.
    let value: Value = serde_json::from_str(json).expect("serde_json reads an accepted task");
    assert_eq!(task.to_value(), value, "{json}");
    let written: Value = serde_json::from_str(&task.to_json()).expect("a task is written as JSON");
    assert_eq!(written, value, "{json}");
    // The same task from its member names and the JSON array of its values.
    if let Value::Object(members) = &value {
        let names = TaskNames::new(members.keys());
        let values = Value::from(members.values().cloned().collect::<Vec<_>>()).to_string();
        let from_values =
            Task::from_values_json(&names, &values).expect("a task reads from its values");
        assert_eq!(from_values.to_value(), value, "{json}");
        let written: Value = serde_json::from_str(&from_values.to_json()).expect("written as JSON");
        assert_eq!(written, value, "{json}");
    }
    let at = instant(&p);
    let close = Close {
        at,
        user_id: p.user,
    };
    let date = NaiveDate::from_ymd_opt(2026, 1, 17)
        .and_then(|d| d.checked_add_signed(TimeDelta::days(i64::from(p.date_days))))
        .unwrap_or_default();
    let seed = IdSeed::new(p.process, p.counter);
    for action in [
        Action::Complete(close),
        Action::WontDo(close),
        Action::Skip { at },
        Action::SkipDate { date, at },
        Action::Pin { at },
        Action::Unpin { at },
    ] {
        if let Ok(body) = action.apply(&task, &mut ObjectIdGenerator::from_seed(seed)) {
            check_body(&body);
        }
    }
    if let Ok(Some(next)) = task::next_occurrence(&task, at) {
        let v = serde_json::to_value(next).expect("dates serialise");
        assert!(matches!(v, Value::Object(_)));
    }
    let window = TimeDelta::minutes(i64::from(p.window_minutes % 5_000_000));
    let to = at.checked_add_signed(window).unwrap_or(at);
    if let Ok(list) = task::occurrences(&task, at, to, usize::from(p.limit % 50)) {
        assert!(list.len() <= usize::from(p.limit % 50));
        for d in &list {
            if let Some(s) = d.start_date.or(d.due_date) {
                assert!(s >= at && s <= to, "{s} outside [{at}, {to}]");
            }
        }
    }
});
