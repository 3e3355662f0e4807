//! `Series` over arbitrary flags, starts, zones and windows: at most a few occurrences taken, each
//! after the window's start, ascending, the same from the checked and unchecked walks, never a panic
//! and never a long search (the checked walks are bounded).
#![no_main]

use arbitrary::{Arbitrary, Unstructured};
use chrono::{DateTime, NaiveDate, Utc};
use libfuzzer_sys::fuzz_target;
use ticktick_recur::{RepeatFlag, Series, Zone};

#[derive(Debug, Arbitrary)]
struct Params {
    start: i64,
    after: Option<i64>,
    zone: u16,
    all_day: bool,
    exdates: Vec<i32>,
    take: u8,
}

/// Seconds clamped into chrono's range, so that every value is a usable instant.
fn instant(s: i64) -> DateTime<Utc> {
    let (min, max) = (
        DateTime::<Utc>::MIN_UTC.timestamp(),
        DateTime::<Utc>::MAX_UTC.timestamp(),
    );
    // Half of the inputs near the present, the rest anywhere.
    let s = if s % 2 == 0 { s.clamp(min, max) } else { 1_768_655_784 + s % 4_000_000_000 };
    DateTime::from_timestamp(s, 0).unwrap_or_default()
}

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let Ok(p) = Params::arbitrary(&mut u) else {
        return;
    };
    let Ok(text) = std::str::from_utf8(u.take_rest()) else {
        return;
    };
    let Ok(recurrence) = RepeatFlag::parse(text).and_then(|f| f.validate()) else {
        return;
    };
    let zone = Zone::all()
        .nth(usize::from(p.zone) % Zone::all().len())
        .unwrap_or(Zone::UTC);
    let Ok(series) = Series::new(&recurrence, instant(p.start), zone) else {
        return;
    };
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default();
    let exdates = p
        .exdates
        .iter()
        .take(16)
        .filter_map(|&d| epoch.checked_add_signed(chrono::TimeDelta::days(i64::from(d))));
    let series = series.all_day(p.all_day).exdates(exdates);
    let take = usize::from(p.take % 16);
    let after = p.after.map(instant);
    // The checked walks are bounded; the unchecked ones are exact however long an input makes them,
    // so they are compared only where the checked walk answered.
    let checked: Result<Vec<_>, _> = match after {
        Some(t) => series.iter_after(t).take(take).collect(),
        None => series.iter().take(take).collect(),
    };
    let Ok(got) = checked else {
        return;
    };
    let unchecked: Vec<_> = match after {
        Some(t) => series.iter_after_unbounded(t).take(take).collect(),
        None => series.iter_unbounded().take(take).collect(),
    };
    assert_eq!(unchecked, got);
    assert!(got.len() <= take);
    for pair in got.windows(2) {
        assert!(pair[0].local() < pair[1].local(), "{pair:?}");
    }
    if let Some(t) = after {
        for o in &got {
            assert!(o.instant() > t, "{o:?} not after {t}");
        }
        if take > 0 {
            assert_eq!(series.after_unbounded(t), got.first().copied());
        }
    }
});
