//! The holiday calendar readers (TickTick's feed, holiday-cn's years) on arbitrary text, and on
//! calendars built from a structure and written as either format: never a panic; an accepted calendar
//! lists each day once as one kind, covers sorted years, reads back the same from its own feed, and
//! the "working days" preset and its `OFFICIAL_WORKDAY` counterpart keep exactly the working days
//! and the others (BEHAVIOUR.md §7).
#![no_main]

use arbitrary::{Arbitrary, Unstructured};
use chrono::{Datelike, Days, NaiveDate};
use libfuzzer_sys::fuzz_target;
use ticktick_recur::{listed_days, HolidayCalendar, RepeatFlag, Series};

/// A calendar as a structure: days near 2026, some with bad dates or types.
#[derive(Debug, Arbitrary)]
struct Built {
    holiday_cn: bool,
    days: Vec<(u16, u8, bool)>,
    year: i16,
}

impl Built {
    fn text(&self) -> String {
        let base = NaiveDate::from_ymd_opt(2020, 1, 1).unwrap_or_default();
        let date = |n: u16, compact: bool| {
            let d = base + Days::new(u64::from(n % 4_000));
            d.format(if compact { "%Y%m%d" } else { "%Y-%m-%d" }).to_string()
        };
        if self.holiday_cn {
            let days: Vec<String> = self
                .days
                .iter()
                .map(|&(n, _, off)| format!(r#"{{"name":"x","date":"{}","isOffDay":{off}}}"#, date(n, false)))
                .collect();
            format!(r#"{{"year":{},"days":[{}]}}"#, self.year, days.join(","))
        } else {
            let days: Vec<String> = self
                .days
                .iter()
                .map(|&(n, kind, compact)| {
                    format!(r#"{{"date":"{}","type":{}}}"#, date(n, compact), kind % 3)
                })
                .collect();
            format!("[{}]", days.join(","))
        }
    }
}

fn check(text: &str) {
    let calendar = match HolidayCalendar::from_json(text) {
        Ok(calendar) => calendar,
        Err(e) => {
            let message = e.to_string();
            assert!(message.starts_with("invalid holiday calendar"), "{message}");
            return;
        }
    };
    let years = calendar.covered_years();
    assert!(years.windows(2).all(|w| w[0] < w[1]), "{years:?}");
    let days = listed_days(&calendar);
    assert!(days.windows(2).all(|w| w[0].0 < w[1].0));
    for &(date, rest) in &days {
        assert_eq!(calendar.is_holiday(date), rest);
        assert_eq!(calendar.is_make_up_workday(date), !rest);
    }
    // Its own feed reads back as the same days.
    let feed: Vec<String> = days
        .iter()
        .map(|(d, rest)| format!(r#"{{"date":"{d}","type":{}}}"#, u8::from(!rest)))
        .collect();
    let again = HolidayCalendar::from_json(&format!("[{}]", feed.join(",")))
        .unwrap_or_else(|e| panic!("its own feed: {e}"));
    assert_eq!(listed_days(&again), days);
    // The presets around the first listed day.
    let Some(&(first, _)) = days.first() else {
        return;
    };
    let start = first - Days::new(3);
    let Some(start_utc) = start.and_hms_opt(1, 0, 0).map(|t| t.and_utc()) else {
        return;
    };
    for (skip, working) in [("HOLIDAY,WEEKEND", true), ("OFFICIAL_WORKDAY", false)] {
        let flag = format!("RRULE:FREQ=DAILY;TT_SKIP={skip}");
        let Ok(rule) = flag.parse::<RepeatFlag>().and_then(|f| f.validate()) else {
            panic!("{flag}");
        };
        let Ok(series) = Series::new(&rule, start_utc, "Asia/Shanghai".parse().unwrap_or_default())
        else {
            return;
        };
        let series = series.holidays(calendar.clone());
        let got: Vec<NaiveDate> = series
            .iter()
            .take(20)
            .map_while(Result::ok)
            .map(|o| o.date())
            .collect();
        let Some(&last) = got.last() else {
            continue;
        };
        let expected: Vec<NaiveDate> = start
            .iter_days()
            .take_while(|&d| d <= last)
            .filter(|&d| calendar.is_working_day(d) == working)
            .collect();
        assert_eq!(got, expected, "{flag} from {start} ({})", start.year());
    }
}

fuzz_target!(|data: &[u8]| {
    if data.first() == Some(&b'#') {
        let mut u = Unstructured::new(data.get(1..).unwrap_or_default());
        if let Ok(built) = Built::arbitrary(&mut u) {
            check(&built.text());
        }
    } else if let Ok(text) = std::str::from_utf8(data) {
        check(text);
    }
});
