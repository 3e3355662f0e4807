//! `next/*`: the first occurrence strictly after an instant, for series begun long before it.
//!
//! Three series started 2000-01-01 17:00 Europe/Istanbul (15:00Z: Istanbul kept EET, UTC+2, in winter
//! until 2016 and UTC+3 all year since), asked for their first occurrence after 2026-01-17T00:00Z:
//!
//! - `DAILY`: 2026-01-17 17:00 +03 = 14:00Z, after 9,513 earlier occurrences (26 years of 365 days,
//!   7 leap days from 2000 to 2024, 16 days of January);
//! - `WEEKLY;BYDAY=SA`: 2000-01-01 and 2026-01-17 are both Saturdays (2026 began on a Thursday), so
//!   again 2026-01-17 14:00Z;
//! - `MONTHLY;BYDAY=-1FR`: 2000-01-01 is not a last Friday (the series' first occurrence is
//!   2000-01-28); the Fridays of January 2026 are the 2nd, 9th, 16th, 23rd and 30th, so 2026-01-30
//!   14:00Z.
//!
//! Two groups: `next` asks a series prepared beforehand (the cost of the query itself), `next_from_flag`
//! starts from the flag text, start and zone name (the whole cost for a caller holding a task).

use std::hint::black_box;

use chrono::{DateTime, Utc};
use criterion::{BenchmarkId, Criterion};
use rrule::RRuleSet;
use ticktick_recur::{RepeatFlag, Series, Zone};

use crate::{rrule_set_text, utc, OURS, PEER};

/// One "first occurrence after" case.
struct Case {
    name: &'static str,
    /// The `repeatFlag` as TickTick writes it.
    flag: &'static str,
    /// The expected answer, worked out by hand (see the module's documentation).
    expected: &'static str,
}

const CASES: [Case; 3] = [
    Case {
        name: "daily_since_2000_istanbul",
        flag: "RRULE:FREQ=DAILY;INTERVAL=1",
        expected: "2026-01-17T14:00:00Z",
    },
    Case {
        name: "weekly_sa_since_2000_istanbul",
        flag: "RRULE:FREQ=WEEKLY;INTERVAL=1;BYDAY=SA",
        expected: "2026-01-17T14:00:00Z",
    },
    Case {
        name: "monthly_last_fr_since_2000_istanbul",
        flag: "RRULE:FREQ=MONTHLY;INTERVAL=1;BYDAY=-1FR",
        expected: "2026-01-30T14:00:00Z",
    },
];

const ZONE: &str = "Europe/Istanbul";
/// 2000-01-01 17:00 in Istanbul, UTC+2 that winter.
const START: &str = "2000-01-01T15:00:00Z";
const START_LOCAL: &str = "20000101T170000";
const AFTER: &str = "2026-01-17T00:00:00Z";

/// Ours, from text: parse the flag, validate it, read the zone, anchor the series, ask it.
fn ours_from_flag(
    flag: &str,
    zone: &str,
    start: DateTime<Utc>,
    after: DateTime<Utc>,
) -> DateTime<Utc> {
    let rule = flag.parse::<RepeatFlag>().unwrap().validate().unwrap();
    let zone: Zone = zone.parse().unwrap();
    let series = Series::new(&rule, start, zone).unwrap();
    series.after_unbounded(after).unwrap().instant()
}

/// The `rrule` crate's first occurrence strictly after `after` (its own `after()` filter is inclusive).
fn peer_after(set: &RRuleSet, after: DateTime<Utc>) -> DateTime<Utc> {
    set.into_iter()
        .find(|t| t.with_timezone(&Utc) > after)
        .unwrap()
        .with_timezone(&Utc)
}

/// The `rrule` crate, from text: parse the set (start, zone and rule), then ask it.
fn peer_from_text(text: &str, after: DateTime<Utc>) -> DateTime<Utc> {
    peer_after(&text.parse::<RRuleSet>().unwrap(), after)
}

pub fn benches(c: &mut Criterion) {
    let start = utc(START);
    let after = utc(AFTER);
    let zone: Zone = ZONE.parse().unwrap();

    let mut prepared = c.benchmark_group("next");
    for case in &CASES {
        let expected = utc(case.expected);
        let rule = case.flag.parse::<RepeatFlag>().unwrap().validate().unwrap();
        let series = Series::new(&rule, start, zone).unwrap();
        let peer_text = rrule_set_text(ZONE, START_LOCAL, case.flag.trim_start_matches("RRULE:"));
        let peer: RRuleSet = peer_text.parse().unwrap();
        assert_eq!(
            peer.get_dt_start().with_timezone(&Utc),
            start,
            "{}: rrule's start",
            case.name
        );

        let ours = series.after_unbounded(after).map(|o| o.instant());
        assert_eq!(
            ours,
            Some(expected),
            "{}: ticktick-recur's answer",
            case.name
        );
        assert_eq!(
            peer_after(&peer, after),
            expected,
            "{}: rrule's answer",
            case.name
        );

        prepared.bench_function(BenchmarkId::new(case.name, OURS), |b| {
            b.iter(|| black_box(&series).after_unbounded(black_box(after)))
        });
        prepared.bench_function(BenchmarkId::new(case.name, PEER), |b| {
            b.iter(|| peer_after(black_box(&peer), black_box(after)))
        });
    }
    prepared.finish();

    let mut from_flag = c.benchmark_group("next_from_flag");
    for case in &CASES {
        let expected = utc(case.expected);
        let peer_text = rrule_set_text(ZONE, START_LOCAL, case.flag.trim_start_matches("RRULE:"));
        assert_eq!(
            ours_from_flag(case.flag, ZONE, start, after),
            expected,
            "{}",
            case.name
        );
        assert_eq!(peer_from_text(&peer_text, after), expected, "{}", case.name);

        from_flag.bench_function(BenchmarkId::new(case.name, OURS), |b| {
            b.iter(|| {
                ours_from_flag(
                    black_box(case.flag),
                    black_box(ZONE),
                    black_box(start),
                    black_box(after),
                )
            })
        });
        from_flag.bench_function(BenchmarkId::new(case.name, PEER), |b| {
            b.iter(|| peer_from_text(black_box(&peer_text), black_box(after)))
        });
    }
    from_flag.finish();
}
