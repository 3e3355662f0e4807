//! Benchmarks of `ticktick-recur`, one module per area, each measured beside the `rrule` crate on the
//! same input in the same run wherever that crate has an equivalent (it has none for task actions).
//!
//! Names read `area/case/library`, for example `next/daily_since_2000_istanbul/ticktick-recur` and
//! `next/daily_since_2000_istanbul/rrule`. Every benchmark checks its answer once, against a value worked
//! out by hand and against the other library, before it is measured; a benchmark of a wrong answer fails
//! instead of reporting a time. `cargo test --release --benches` runs each of them once as a test.
//!
//! ```text
//! cargo bench --bench bench -- --warm-up-time 1 --measurement-time 3
//! ```

use chrono::{DateTime, Utc};
use criterion::{criterion_group, criterion_main};

mod agenda;
mod complete;
mod expand;
mod generate;
mod holidays;
mod lunar;
mod next;

/// The library under test, as it appears in benchmark names.
const OURS: &str = "ticktick-recur";
/// The peer measured beside it.
const PEER: &str = "rrule";

/// An instant written in RFC 3339.
fn utc(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .unwrap_or_else(|e| panic!("bad instant {text:?} in a benchmark: {e}"))
        .with_timezone(&Utc)
}

/// The `rrule` crate's start `local` (`yyyyMMddTHHmmss`) in `zone`, in its own `DTSTART;TZID=` syntax,
/// followed by the rule: the text its `RRuleSet` parses.
fn rrule_set_text(zone: &str, local: &str, rule: &str) -> String {
    format!("DTSTART;TZID={zone}:{local}\nRRULE:{rule}")
}

criterion_group!(
    benches,
    next::benches,
    lunar::benches,
    expand::benches,
    complete::benches,
    agenda::benches,
    holidays::benches
);
criterion_main!(benches);
