//! `holidays/*`: the "working days" preset (`TT_SKIP=HOLIDAY,WEEKEND`, BEHAVIOUR.md §7) with the
//! built-in mainland China calendar, for a series begun 2010-01-04 09:00 Asia/Shanghai (01:00Z).
//! The `rrule` crate has no holiday calendar, so there is no peer.
//!
//! - `next/working_days_since_2010_shanghai`: the first occurrence after 2026-09-30T12:00Z, on a
//!   prepared series: 2026-10-01 to 10-07 are National Day, so 2026-10-08 01:00Z (eight days
//!   looked at);
//! - `next_from_flag/working_days_since_2010_shanghai`: the same from the flag text, start and zone
//!   name, the built-in calendar attached (a pointer copy);
//! - `calendar/from_json_holiday_cn_2007_2026`: reading the twenty holiday-cn files (80 KB of JSON)
//!   as one caller calendar.

use std::hint::black_box;

use chrono::{DateTime, Utc};
use criterion::Criterion;
use ticktick_recur::{HolidayCalendar, RepeatFlag, Series, Zone};

use crate::{utc, OURS};

const FLAG: &str = "RRULE:FREQ=DAILY;INTERVAL=1;TT_SKIP=HOLIDAY,WEEKEND";
const ZONE: &str = "Asia/Shanghai";
const START: &str = "2010-01-04T01:00:00Z";
const AFTER: &str = "2026-09-30T12:00:00Z";
const EXPECTED: &str = "2026-10-08T01:00:00Z";
const NAME: &str = "working_days_since_2010_shanghai";

fn from_flag(flag: &str, zone: &str, start: DateTime<Utc>, after: DateTime<Utc>) -> DateTime<Utc> {
    let rule = flag.parse::<RepeatFlag>().unwrap().validate().unwrap();
    let zone: Zone = zone.parse().unwrap();
    let series = Series::new(&rule, start, zone)
        .unwrap()
        .holidays(HolidayCalendar::china());
    series.after(after).unwrap().unwrap().instant()
}

/// The holiday-cn files as one JSON array.
fn holiday_cn_text() -> String {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/data/holiday-cn");
    let years: Vec<String> = (2007..=2026)
        .map(|y| std::fs::read_to_string(format!("{dir}/{y}.json")).unwrap())
        .collect();
    format!("[{}]", years.join(","))
}

pub fn benches(c: &mut Criterion) {
    let (start, after, expected) = (utc(START), utc(AFTER), utc(EXPECTED));
    let rule = FLAG.parse::<RepeatFlag>().unwrap().validate().unwrap();
    let series = Series::new(&rule, start, ZONE.parse().unwrap())
        .unwrap()
        .holidays(HolidayCalendar::china());
    assert_eq!(
        series.after(after).unwrap().map(|o| o.instant()),
        Some(expected)
    );
    assert_eq!(from_flag(FLAG, ZONE, start, after), expected);

    let mut next = c.benchmark_group("next");
    next.bench_function(format!("{NAME}/{OURS}"), |b| {
        b.iter(|| black_box(&series).after(black_box(after)))
    });
    next.finish();

    let mut flag = c.benchmark_group("next_from_flag");
    flag.bench_function(format!("{NAME}/{OURS}"), |b| {
        b.iter(|| {
            from_flag(
                black_box(FLAG),
                black_box(ZONE),
                black_box(start),
                black_box(after),
            )
        })
    });
    flag.finish();

    let text = holiday_cn_text();
    let read = HolidayCalendar::from_json(&text).unwrap();
    assert_eq!(read, HolidayCalendar::china());
    let mut calendar = c.benchmark_group("calendar");
    calendar.bench_function(format!("from_json_holiday_cn_2007_2026/{OURS}"), |b| {
        b.iter(|| HolidayCalendar::from_json(black_box(&text)).unwrap())
    });
    calendar.finish();
}
