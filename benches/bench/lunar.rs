//! `next/lunar_*` and `next_from_flag/lunar_*`: the first occurrence of a `LUNAR:` rule strictly
//! after an instant, for series begun in 1990, beside the RRULE figures of `next.rs`. No Rust crate
//! computes TickTick's lunar flags, so there is no peer to measure against.
//!
//! Two series begun 1990-05-28 09:00 Asia/Shanghai (00:00Z: China kept daylight time, UTC+9, in the
//! summers of 1986-1991; lunar 1990-05-05, the Dragon Boat festival), asked after 2026-01-17T00:00Z
//! (lunar 2025-11-29); 09:00 is 01:00Z in 2026:
//!
//! - `LUNAR:FREQ=YEARLY;BYMONTH=5;BYMONTHDAY=5`: lunar 2026-05-05 is 2026-06-19, so 01:00Z that day;
//! - `LUNAR:FREQ=MONTHLY;BYMONTHDAY=5`: the 5th of lunar 2025's twelfth month, 2026-01-23 (lunar
//!   2025-12-01 is 2026-01-19), after 431 earlier months.
//!
//! The answers are lunar-python's (the differential test's oracle) and the Hong Kong Observatory's.

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion};
use ticktick_recur::{RepeatFlag, Series, Zone};

use crate::{utc, OURS};

struct Case {
    name: &'static str,
    flag: &'static str,
    expected: &'static str,
}

const CASES: [Case; 2] = [
    Case {
        name: "lunar_yearly_since_1990_shanghai",
        flag: "LUNAR:FREQ=YEARLY;INTERVAL=1;BYMONTH=5;BYMONTHDAY=5",
        expected: "2026-06-19T01:00:00Z",
    },
    Case {
        name: "lunar_monthly_since_1990_shanghai",
        flag: "LUNAR:FREQ=MONTHLY;INTERVAL=1;BYMONTHDAY=5",
        expected: "2026-01-23T01:00:00Z",
    },
];

const ZONE: &str = "Asia/Shanghai";
const START: &str = "1990-05-28T00:00:00Z";
const AFTER: &str = "2026-01-17T00:00:00Z";

pub fn benches(c: &mut Criterion) {
    let start = utc(START);
    let after = utc(AFTER);
    let zone: Zone = ZONE.parse().unwrap();

    let mut prepared = c.benchmark_group("next");
    for case in &CASES {
        let rule = case.flag.parse::<RepeatFlag>().unwrap().validate().unwrap();
        let series = Series::new(&rule, start, zone).unwrap();
        assert_eq!(
            series.after_unbounded(after).map(|o| o.instant()),
            Some(utc(case.expected)),
            "{}",
            case.name
        );
        prepared.bench_function(BenchmarkId::new(case.name, OURS), |b| {
            b.iter(|| black_box(&series).after_unbounded(black_box(after)))
        });
    }
    prepared.finish();

    let mut from_flag = c.benchmark_group("next_from_flag");
    for case in &CASES {
        let from_text = |flag: &str, zone: &str| {
            let rule = flag.parse::<RepeatFlag>().unwrap().validate().unwrap();
            let zone: Zone = zone.parse().unwrap();
            let series = Series::new(&rule, black_box(start), zone).unwrap();
            series.after_unbounded(black_box(after)).unwrap().instant()
        };
        assert_eq!(
            from_text(case.flag, ZONE),
            utc(case.expected),
            "{}",
            case.name
        );
        from_flag.bench_function(BenchmarkId::new(case.name, OURS), |b| {
            b.iter(|| from_text(black_box(case.flag), black_box(ZONE)))
        });
    }
    from_flag.finish();
}
