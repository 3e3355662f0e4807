//! Differential test of the built-in mainland China calendar against the PyPI package
//! `chinesecalendar` (`tests/oracle/holiday_oracle.py`), an independent reading of the State
//! Council's notices, for every day of 2010-2026 (BEHAVIOUR.md §7):
//!
//! - the "working days" preset (`TT_SKIP=HOLIDAY,WEEKEND`) keeps exactly its working days, and
//!   `TT_SKIP=OFFICIAL_WORKDAY` exactly the other days;
//! - `TT_WORKDAY=1` / `-1` fall on its first / last working day of every month;
//! - `TT_SKIP=HOLIDAY` drops the rest days of holiday-cn; where the two sources name different
//!   holidays (weekend days inside a holiday block, which both count as rest days but only one
//!   names), the day is in [`NAMED_DIFFERENTLY`] with the reason.
//!
//! The oracle runs once in `python3` (override with `PYTHON3`); it needs `chinesecalendar`
//! (`tests/oracle/requirements.txt`). This test fails, saying what to install, when it is missing:
//! it is never skipped.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

use chrono::{Datelike, NaiveDate, Weekday};
use serde_json::Value;
use ticktick_recur::{parse_instant, HolidayCalendar, RepeatFlag, Series};

const FIRST_YEAR: i32 = 2010;
const LAST_YEAR: i32 = 2026;

/// Days the two sources name differently for `TT_SKIP=HOLIDAY` alone. Every one is a Saturday or
/// Sunday inside or beside a holiday block: a rest day either way, so the working days, the presets
/// and `TT_WORKDAY` agree on it. `true`: holiday-cn lists it as a rest day and chinesecalendar names
/// no festival for it; `false`: chinesecalendar names a festival and holiday-cn lists nothing (an
/// ordinary weekend day, also a rest day).
const NAMED_DIFFERENTLY: [(&str, bool); 12] = [
    // Dragon Boat 2011 (06-04 to 06-06): holiday-cn lists the Sunday in the block.
    ("2011-06-05", true),
    // Dragon Boat 2012 (06-22 to 06-24): holiday-cn lists the Saturday in the block.
    ("2012-06-23", true),
    // Qingming 2014 (04-05 to 04-07): holiday-cn lists the Saturday and the Monday, not the Sunday.
    ("2014-04-06", false),
    // The 2015 victory day holiday (09-03 to 09-05): holiday-cn lists the Saturday.
    ("2015-09-05", true),
    // Qingming 2019 (04-05 to 04-07), Dragon Boat 2019 (06-07 to 06-09), Mid-Autumn 2019 (09-13
    // to 09-15): chinesecalendar names the weekends, holiday-cn lists only the Friday.
    ("2019-04-06", false),
    ("2019-04-07", false),
    ("2019-06-08", false),
    ("2019-06-09", false),
    ("2019-09-14", false),
    ("2019-09-15", false),
    // New Year 2024 (2023-12-30 to 2024-01-01): holiday-cn lists only 2024-01-01.
    ("2023-12-30", false),
    ("2023-12-31", false),
];

fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

fn oracle() -> Value {
    let python = std::env::var("PYTHON3").unwrap_or_else(|_| "python3".to_owned());
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/oracle/holiday_oracle.py");
    let out = Command::new(&python)
        .arg(script)
        .arg(FIRST_YEAR.to_string())
        .arg(LAST_YEAR.to_string())
        .output()
        .unwrap_or_else(|e| panic!("cannot run {python}: {e}; install python3 or set PYTHON3"));
    assert!(
        out.status.success(),
        "the chinesecalendar oracle failed: {}\ninstall it with: python3 -m pip install -r \
         tests/oracle/requirements.txt",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn dates(v: &Value) -> Vec<NaiveDate> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|d| date(d.as_str().unwrap()))
        .collect()
}

/// The local dates of every occurrence of `flag` in the compared years, with the built-in calendar.
fn ours(flag: &str) -> Vec<NaiveDate> {
    let rule = flag.parse::<RepeatFlag>().unwrap().validate().unwrap();
    let start = parse_instant(&format!("{FIRST_YEAR}-01-01T01:00:00Z")).unwrap();
    let series = Series::new(&rule, start, "Asia/Shanghai".parse().unwrap())
        .unwrap()
        .holidays(HolidayCalendar::china());
    series
        .iter()
        .map(|o| o.unwrap().date())
        .take_while(|d| d.year() <= LAST_YEAR)
        .collect()
}

fn every_day() -> impl Iterator<Item = NaiveDate> {
    date(&format!("{FIRST_YEAR}-01-01"))
        .iter_days()
        .take_while(|d| d.year() <= LAST_YEAR)
}

#[test]
fn the_built_in_calendar_agrees_with_chinesecalendar() {
    let oracle = oracle();
    assert_eq!(
        oracle["version"], "1.11.0",
        "tests/oracle/requirements.txt pins it"
    );
    let working = dates(&oracle["working"]);

    // The working days preset, in both orders, and its complement.
    for flag in [
        "RRULE:FREQ=DAILY;INTERVAL=1;TT_SKIP=HOLIDAY,WEEKEND",
        "RRULE:FREQ=DAILY;INTERVAL=1;TT_SKIP=WEEKEND,HOLIDAY",
    ] {
        assert_eq!(ours(flag), working, "{flag}");
    }
    let rest: Vec<NaiveDate> = every_day()
        .filter(|d| working.binary_search(d).is_err())
        .collect();
    assert_eq!(
        ours("RRULE:FREQ=DAILY;INTERVAL=1;TT_SKIP=OFFICIAL_WORKDAY"),
        rest
    );
    assert_eq!(working.len() + rest.len(), every_day().count());

    // TT_WORKDAY in both of its forms.
    let first = dates(&oracle["first"]);
    let last = dates(&oracle["last"]);
    assert_eq!(first.len(), 12 * (LAST_YEAR - FIRST_YEAR + 1) as usize);
    assert_eq!(
        ours("RRULE:FREQ=MONTHLY;INTERVAL=1;BYMONTHDAY=1;TT_WORKDAY=1"),
        first
    );
    for flag in [
        "RRULE:FREQ=MONTHLY;INTERVAL=1;BYMONTHDAY=-1;TT_WORKDAY=-1",
        "RRULE:FREQ=MONTHLY;INTERVAL=1;BYMONTHDAY=1;TT_WORKDAY=-1",
    ] {
        assert_eq!(ours(flag), last, "{flag}");
    }

    // TT_SKIP=HOLIDAY alone: the days it drops against the days chinesecalendar names, apart from
    // the allow-listed weekend days (each of which must still differ, or leave the list).
    let kept: BTreeSet<NaiveDate> = ours("RRULE:FREQ=DAILY;INTERVAL=1;TT_SKIP=HOLIDAY")
        .into_iter()
        .collect();
    let dropped: BTreeSet<NaiveDate> = every_day().filter(|d| !kept.contains(d)).collect();
    let named: BTreeSet<NaiveDate> = dates(&oracle["holidays"]).into_iter().collect();
    let mut differ: Vec<(NaiveDate, bool)> = dropped
        .symmetric_difference(&named)
        .map(|&d| (d, dropped.contains(&d)))
        .collect();
    differ.sort();
    let mut allowed: Vec<(NaiveDate, bool)> = NAMED_DIFFERENTLY
        .iter()
        .map(|&(d, ours)| (date(d), ours))
        .collect();
    allowed.sort();
    assert_eq!(differ, allowed);
    for (d, _) in allowed {
        assert!(
            matches!(d.weekday(), Weekday::Sat | Weekday::Sun),
            "{d} is not a weekend day"
        );
        assert!(working.binary_search(&d).is_err(), "{d} is a working day");
    }
}
