//! `complete/*`: TickTick's batch body for completing the current occurrence of a task, from the task's
//! JSON text to the body's JSON text (read, compute the next occurrence, build both records, write).
//!
//! `captured_daily_task` is the daily 17:00 Europe/Istanbul task captured from TickTick's web app
//! (`examples/daily-task.json`), completed at 2026-01-17T13:16:24Z (16:16 in Istanbul, before that
//! day's 17:00): the parent moves to 2026-01-18 17:00 (14:00Z). The expected body is the captured
//! won't-do body (`tests/data/vectors/wont-do-daily-instance.json`) with the closed copy's `status` 2
//! instead of -1: TickTick's client builds both the same way. The `rrule` crate has nothing
//! equivalent, so this area measures ticktick-recur alone.

use std::hint::black_box;

use chrono::{DateTime, Utc};
use criterion::{BenchmarkId, Criterion};
use serde_json::Value;
use ticktick_recur::task::{complete, Close, Task};
use ticktick_recur::{IdSeed, ObjectIdGenerator};

use crate::{utc, OURS};

const TASK: &str = include_str!("../../examples/daily-task.json");
const VECTOR: &str = include_str!("../../tests/data/vectors/wont-do-daily-instance.json");

/// Task JSON text in, batch body JSON text out, ids drawn from `seed` as TickTick's web client would.
fn complete_text(text: &str, at: DateTime<Utc>, seed: IdSeed) -> String {
    let task = Task::from_json(text).unwrap();
    let close = Close {
        at,
        user_id: 130208689,
    };
    let mut ids = ObjectIdGenerator::from_seed(seed);
    complete(&task, &close, &mut ids).unwrap().to_json()
}

pub fn benches(c: &mut Criterion) {
    let vector: Value = serde_json::from_str(VECTOR).unwrap();
    let at = utc("2026-01-17T13:16:24Z");
    let seed: IdSeed = "2c6f3277d1cc4341".parse().unwrap();
    assert_eq!(
        serde_json::from_str::<Value>(TASK).unwrap(),
        vector["task"],
        "examples/daily-task.json is the captured task"
    );
    let mut expected = vector["expect"].clone();
    expected["add"][0]["status"] = 2.into();
    assert_eq!(
        expected["update"][0]["startDate"],
        "2026-01-18T14:00:00.000+0000"
    );

    let body: Value = serde_json::from_str(&complete_text(TASK, at, seed)).unwrap();
    assert_eq!(body, expected, "complete on the captured daily task");

    let mut group = c.benchmark_group("complete");
    group.bench_function(BenchmarkId::new("captured_daily_task", OURS), |b| {
        b.iter(|| complete_text(black_box(TASK), black_box(at), black_box(seed)))
    });
    group.finish();
}
