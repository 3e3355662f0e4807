//! Differential test of `LUNAR:` rules against lunar-python (6tail's `lunar`, pinned in
//! `tests/oracle/requirements.txt`), an implementation of the Chinese calendar independent of the
//! ICU4X tables the crate uses: it computes new moons and solar terms astronomically.
//!
//! `tests/oracle/lunar_oracle.py` prints, in one run of `python3` (override with the `PYTHON3`
//! environment variable), every month of the lunar years 1950 to 2100: its number, whether it is a
//! leap month, its first day and its length. From that table this test derives what every rule must
//! give and compares it with the crate's answers, for every start in 1950-2099:
//!
//! - yearly rules, every regular month and every day 1-30 of each lunar year: the start and the next
//!   three years' dates (the 29th where the month is short, never the leap month), and past lunar
//!   2100 the range error;
//! - yearly rules begun on every day of every leap month: the regular month of the next year;
//! - monthly rules, every month (leap months included) and every day 1-30, INTERVAL 1, 2 or 3 in
//!   turn: the next four, leap months counted.
//!
//! The two calendars disagree on one month, lunar 2057's ninth ([`DIFFERENCES`]): the test moves
//! the oracle's month to the crate's first day after checking that the oracle says what is written
//! there, so every other date of 1950-2100 must agree exactly.
//!
//! Starts take turns among zones (all-day Asia/Shanghai, timed Europe/Berlin, America/New_York and
//! UTC): the lunar date is always the task's local date. The test fails, saying what to install, when
//! python3 or lunar-python is missing: it is never skipped.

use std::process::Command;

use chrono::{NaiveDate, NaiveTime};
use serde_json::Value;
use ticktick_recur::{Error, RepeatFlag, Series, Zone, LUNAR_RANGE};

const FIRST_YEAR: i32 = 1950;
const LAST_START_YEAR: i32 = 2099;
/// The last lunar year the crate computes ([`LUNAR_RANGE`]).
const LAST_YEAR: i32 = 2100;

/// One lunar month as the oracle gives it.
#[derive(Debug, Clone, Copy)]
struct Month {
    year: i32,
    number: u8,
    leap: bool,
    first: NaiveDate,
    days: u8,
}

impl Month {
    /// Day `d` of the month, or its last when it is shorter.
    fn day(&self, d: u8) -> NaiveDate {
        self.first + chrono::Days::new(u64::from(d.min(self.days)) - 1)
    }
}

/// The months where lunar-python and the crate's calendar disagree: (lunar year, month, lunar-python's
/// first day, the crate's first day). Lunar 2057's ninth month begins with a new moon close to
/// midnight Beijing time (ICU4X's documentation names 2057 among the years whose lunar events fall
/// near local midnight): GB/T 33661-2017 as ICU4X computes it, like the Hong Kong Observatory's
/// table, begins the month on 2057-09-28; lunar-python, like .NET's `ChineseLunisolarCalendar`,
/// on 2057-09-29. The eighth month is a day longer or shorter to match.
const DIFFERENCES: [(i32, u8, &str, &str); 1] = [(2057, 9, "2057-09-29", "2057-09-28")];

fn oracle() -> Vec<Month> {
    let root = env!("CARGO_MANIFEST_DIR");
    let python = std::env::var("PYTHON3").unwrap_or_else(|_| "python3".to_owned());
    let output = Command::new(&python)
        .arg("tests/oracle/lunar_oracle.py")
        .arg(FIRST_YEAR.to_string())
        .arg(LAST_YEAR.to_string())
        .current_dir(root)
        .output()
        .unwrap_or_else(|e| {
            panic!(
                "cannot run {python:?} ({e}): the lunar oracle needs python 3 with \
                 `pip install -r tests/oracle/requirements.txt`"
            )
        });
    assert!(
        output.status.success(),
        "the lunar oracle failed ({}):\n{}\nInstall its requirements: \
         pip install -r tests/oracle/requirements.txt",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    let answer: Value =
        serde_json::from_slice(&output.stdout).expect("the oracle prints one JSON object");
    eprintln!("lunar oracle: lunar-python {}", answer["lunar_python"]);
    let mut months = Vec::new();
    for year in answer["years"].as_array().unwrap() {
        for m in year["months"].as_array().unwrap() {
            months.push(Month {
                year: year["year"].as_i64().unwrap() as i32,
                number: m["month"].as_u64().unwrap() as u8,
                leap: m["leap"].as_bool().unwrap(),
                first: m["first"].as_str().unwrap().parse().unwrap(),
                days: m["days"].as_u64().unwrap() as u8,
            });
        }
    }
    // The table is the calendar without a gap: each month begins where the last ended.
    let continuous = |months: &[Month]| {
        for w in months.windows(2) {
            assert_eq!(
                w[0].first + chrono::Days::new(u64::from(w[0].days)),
                w[1].first,
                "{:?} then {:?}",
                w[0],
                w[1]
            );
        }
    };
    continuous(&months);
    for (year, number, theirs, ours) in DIFFERENCES {
        let (theirs, ours): (NaiveDate, NaiveDate) =
            (theirs.parse().unwrap(), ours.parse().unwrap());
        let i = months
            .iter()
            .position(|m| m.year == year && m.number == number && !m.leap)
            .unwrap();
        assert_eq!(months[i].first, theirs, "lunar-python's {year}-{number}");
        let shift = (theirs - ours).num_days();
        months[i].first = ours;
        months[i].days = (i64::from(months[i].days) + shift) as u8;
        months[i - 1].days = (i64::from(months[i - 1].days) - shift) as u8;
    }
    continuous(&months);
    assert_eq!(
        months.last().map(|m| m.day(30)),
        Some(*LUNAR_RANGE.end()),
        "the oracle's lunar 2100 ends where the crate's range does"
    );
    months
}

/// The zones starts take turns in: (zone, all-day, wall-clock time of day).
const ZONES: [(&str, bool, u32); 4] = [
    ("Asia/Shanghai", true, 0),
    ("Europe/Berlin", false, 18),
    ("America/New_York", false, 9),
    ("UTC", false, 23),
];

/// The local dates of the first `n` results of the rule begun on local date `start`, in the zone of
/// turn `turn`; an `Err` stands for the range error.
fn ours(flag: &str, start: NaiveDate, turn: usize, n: usize) -> Vec<Result<NaiveDate, String>> {
    let (name, all_day, hour) = ZONES[turn % ZONES.len()];
    let zone: Zone = name.parse().unwrap();
    let rule = flag.parse::<RepeatFlag>().unwrap().validate().unwrap();
    let time = NaiveTime::from_hms_opt(hour, 0, 0).unwrap();
    let series = Series::new(&rule, zone.instant(start.and_time(time)), zone)
        .unwrap()
        .all_day(all_day);
    series
        .iter()
        .take(n)
        .map(|o| match o {
            Ok(o) => {
                assert_eq!(
                    o.local().time(),
                    series.start().time(),
                    "{flag} from {start}"
                );
                Ok(o.date())
            }
            Err(e @ Error::LunarRange { .. }) => Err(e.to_string()),
            Err(e) => panic!("{flag} from {start}: {e}"),
        })
        .collect()
}

/// What a walk past lunar 2100 must end with.
fn range_error(flag: &str) -> Result<NaiveDate, String> {
    let rule = flag.parse::<RepeatFlag>().unwrap().validate().unwrap();
    Err(format!(
        "rule {:?} needs the Chinese calendar on 2101-01-29, outside the dates it is known for \
         (1900-01-31 to 2101-01-28)",
        rule.to_string()
    ))
}

#[test]
fn lunar_rules_agree_with_lunar_python() {
    let months = oracle();
    let regular = |year: i32, number: u8| {
        months
            .iter()
            .find(|m| m.year == year && m.number == number && !m.leap)
    };
    let mut cases = 0;
    let mut mismatches = Vec::new();
    let mut check = |flag: &str, start: NaiveDate, expected: Vec<Result<NaiveDate, String>>| {
        let got = ours(flag, start, cases, expected.len());
        cases += 1;
        if got != expected && mismatches.len() < 20 {
            mismatches.push(format!(
                "{flag} from {start}:\n  ours   {got:?}\n  oracle {expected:?}"
            ));
        }
    };

    // Yearly, from every regular month and day: the start, then three more years.
    for year in FIRST_YEAR..=LAST_START_YEAR {
        for number in 1..=12 {
            for d in 1..=30 {
                let flag = format!("LUNAR:FREQ=YEARLY;INTERVAL=1;BYMONTH={number};BYMONTHDAY={d}");
                let start = regular(year, number).unwrap().day(d);
                let expected = (year..year + 4)
                    .map(|y| match regular(y, number) {
                        Some(m) => Ok(m.day(d)),
                        None => range_error(&flag),
                    })
                    .take_while({
                        let mut ended = false;
                        move |r| !std::mem::replace(&mut ended, r.is_err())
                    })
                    .collect();
                check(&flag, start, expected);
            }
        }
    }
    // Yearly, from every day of every leap month: never the leap month, so the next year's regular
    // month.
    let leap_months: Vec<Month> = months
        .iter()
        .filter(|m| m.leap && m.year <= LAST_START_YEAR)
        .copied()
        .collect();
    assert!(leap_months.len() > 50, "{} leap months", leap_months.len());
    for leap in &leap_months {
        for d in 1..=30 {
            let flag = format!("LUNAR:FREQ=YEARLY;BYMONTH={};BYMONTHDAY={d}", leap.number);
            let next = regular(leap.year + 1, leap.number).unwrap();
            check(&flag, leap.day(d), vec![Ok(next.day(d))]);
        }
    }
    // Monthly, from every month and day, leap months counted.
    let last_start = months
        .iter()
        .rposition(|m| m.year == LAST_START_YEAR)
        .unwrap();
    for (i, month) in months.iter().enumerate().take(last_start + 1) {
        for d in 1..=30u8 {
            let interval = 1 + (i + usize::from(d)) % 3;
            let flag = format!("LUNAR:FREQ=MONTHLY;INTERVAL={interval};BYMONTHDAY={d}");
            let mut expected = Vec::new();
            for k in 0..5 {
                match months.get(i + k * interval) {
                    Some(m) => expected.push(Ok(m.day(d))),
                    None => {
                        expected.push(range_error(&flag));
                        break;
                    }
                }
            }
            check(&flag, month.day(d), expected);
        }
    }
    eprintln!("{cases} rules compared");
    assert!(
        mismatches.is_empty(),
        "{} rules differ from lunar-python, first ones:\n{}",
        mismatches.len(),
        mismatches.join("\n")
    );
    assert!(cases > 100_000, "{cases} cases");
}
