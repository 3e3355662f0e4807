//! `expand/*`: listing many consecutive occurrences.
//!
//! `DAILY` at 09:00 America/New_York from 2026-01-01, 1,000 occurrences: the first is 14:00Z (EST,
//! UTC-5); the last, 999 days later, is 2028-09-26 (365 days of 2026, 365 of 2027, then 269 days into
//! leap-year 2028: 244 to the end of August, 25 into September), 13:00Z (EDT, UTC-4). The run crosses
//! six DST changes; 09:00 is never in a gap or a fold, so both libraries must agree on every instant.
//! Throughput is counted in occurrences.
//!
//! `expand_window/*` is the same query as the packages ask it ([`Series::try_each_in`]): from the
//! flag's text, the 1,000 instants as one text of wire-form lines (npm `expand`) or as Unix
//! milliseconds (npm `expandMillis`).

use std::hint::black_box;

use chrono::{DateTime, Utc};
use criterion::{BenchmarkId, Criterion, Throughput};
use rrule::RRuleSet;
use ticktick_recur::{format_instant, RepeatFlag, Series, Window, Zone};

use crate::{rrule_set_text, utc, OURS, PEER};

const N: usize = 1000;
const FLAG: &str = "RRULE:FREQ=DAILY;INTERVAL=1";
const ZONE: &str = "America/New_York";
const START: &str = "2026-01-01T14:00:00Z";
const START_LOCAL: &str = "20260101T090000";
const LAST: &str = "2028-09-26T13:00:00Z";

/// Consumes `N` occurrences, keeping the count and the last one so that none can be skipped.
fn drain(occurrences: impl Iterator<Item = DateTime<Utc>>) -> (usize, Option<DateTime<Utc>>) {
    occurrences
        .take(N)
        .fold((0, None), |(n, _), t| (n + 1, Some(black_box(t))))
}

pub fn benches(c: &mut Criterion) {
    let rule = FLAG.parse::<RepeatFlag>().unwrap().validate().unwrap();
    let zone: Zone = ZONE.parse().unwrap();
    let series = Series::new(&rule, utc(START), zone).unwrap();
    let peer: RRuleSet = rrule_set_text(ZONE, START_LOCAL, "FREQ=DAILY;INTERVAL=1")
        .parse()
        .unwrap();

    let ours: Vec<DateTime<Utc>> = series
        .iter_unbounded()
        .take(N)
        .map(|o| o.instant())
        .collect();
    let theirs: Vec<DateTime<Utc>> = peer
        .into_iter()
        .take(N)
        .map(|t| t.with_timezone(&Utc))
        .collect();
    assert_eq!(ours.len(), N);
    assert_eq!(ours.first(), Some(&utc(START)));
    assert_eq!(ours.last(), Some(&utc(LAST)));
    assert_eq!(
        ours, theirs,
        "ticktick-recur and rrule disagree on the 1,000 occurrences"
    );
    assert_eq!(
        drain(series.iter_unbounded().map(|o| o.instant())),
        (N, Some(utc(LAST)))
    );

    let mut group = c.benchmark_group("expand");
    group.throughput(Throughput::Elements(N as u64));
    group.bench_function(BenchmarkId::new("daily_1000_new_york", OURS), |b| {
        b.iter(|| drain(black_box(&series).iter_unbounded().map(|o| o.instant())))
    });
    group.bench_function(BenchmarkId::new("daily_1000_new_york", PEER), |b| {
        b.iter(|| drain(black_box(&peer).into_iter().map(|t| t.with_timezone(&Utc))))
    });
    group.finish();

    let window = Window {
        after: None,
        until: None,
        limit: N,
    };
    let lines = window_lines(FLAG, utc(START), zone, window);
    let expected: Vec<String> = ours.iter().map(|&t| format_instant(t)).collect();
    assert_eq!(lines, expected.join("\n"));
    let millis = window_millis(FLAG, utc(START), zone, window);
    let expected: Vec<f64> = ours.iter().map(|t| t.timestamp_millis() as f64).collect();
    assert_eq!(millis, expected);

    let mut group = c.benchmark_group("expand_window");
    group.throughput(Throughput::Elements(N as u64));
    group.bench_function(BenchmarkId::new("daily_1000_new_york_lines", OURS), |b| {
        b.iter(|| window_lines(black_box(FLAG), black_box(utc(START)), zone, window))
    });
    group.bench_function(BenchmarkId::new("daily_1000_new_york_millis", OURS), |b| {
        b.iter(|| window_millis(black_box(FLAG), black_box(utc(START)), zone, window))
    });
    group.finish();
}

/// The series of `flag` from its text.
fn from_flag(flag: &str, start: DateTime<Utc>, zone: Zone) -> Series {
    let rule = flag.parse::<RepeatFlag>().unwrap().validate().unwrap();
    Series::new(&rule, start, zone).unwrap()
}

/// The window's instants as wire-form lines, as npm `expand` receives them.
fn window_lines(flag: &str, start: DateTime<Utc>, zone: Zone, window: Window) -> String {
    let mut text = String::new();
    from_flag(flag, start, zone)
        .try_each_in(window, |o| {
            if !text.is_empty() {
                text.push('\n');
            }
            o.write_instant(&mut text);
        })
        .unwrap();
    text
}

/// The window's instants as Unix milliseconds, as npm `expandMillis` receives them.
fn window_millis(flag: &str, start: DateTime<Utc>, zone: Zone, window: Window) -> Vec<f64> {
    let mut millis = Vec::new();
    from_flag(flag, start, zone)
        .try_each_in(window, |o| millis.push(o.timestamp_millis() as f64))
        .unwrap();
    millis
}
