//! `complete/*`: TickTick's batch body for completing an occurrence, from task JSON text to JSON text.
//!
//! Planned: `complete/captured_daily_task` (target under 5 µs) runs on the captured daily task once
//! the task-semantics API exists; the `rrule` crate has no equivalent, so it is measured alone. Until
//! then this area registers no benchmark.

use criterion::Criterion;

pub fn benches(c: &mut Criterion) {
    let _ = c;
}
