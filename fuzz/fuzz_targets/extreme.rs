//! Valid but extreme rules, built from their parts: huge INTERVAL and COUNT, every BY-part at its
//! limits, starts at chrono's range edges, UNTIL before the start. Each rule goes through the text
//! parser and validator, then the expander (a few occurrences) and the task actions.
#![no_main]

use arbitrary::Arbitrary;
use chrono::{DateTime, TimeDelta, Utc};
use libfuzzer_sys::fuzz_target;
use serde_json::json;
use ticktick_recur::task::{self, Action, Close, Task};
use ticktick_recur::{format_instant, IdSeed, ObjectIdGenerator, RepeatFlag, Series, Zone};

#[derive(Debug, Arbitrary)]
enum Freq {
    Secondly,
    Minutely,
    Hourly,
    Daily,
    Weekly,
    Monthly,
    Yearly,
}

/// A number at an edge of its range, or any number (taken into range by the validator's limits).
#[derive(Debug, Arbitrary)]
enum Num {
    One,
    Max,
    Prime,
    Any(u32),
}

/// A BY-list: every allowed value, the extremes, or a few values.
#[derive(Debug, Arbitrary)]
enum List {
    All,
    Ends,
    NegativeEnds,
    Some(Vec<u16>),
}

#[derive(Debug, Arbitrary)]
enum UntilSpec {
    BeforeStart,
    FarFuture,
    Date(u16, u8, u8),
    Utc(u16, u8, u8, u8, u8, u8),
}

#[derive(Debug, Arbitrary)]
enum Start {
    Min,
    Max,
    NearMin(u32),
    NearMax(u32),
    Epoch,
    Now(i32),
    Any(i64),
}

#[derive(Debug, Arbitrary)]
struct Spec {
    freq: Freq,
    interval: Option<Num>,
    count: Option<Num>,
    until: Option<UntilSpec>,
    wkst: Option<u8>,
    second: Option<List>,
    minute: Option<List>,
    hour: Option<List>,
    day: Option<(List, Option<i8>)>,
    month_day: Option<List>,
    year_day: Option<List>,
    week_no: Option<List>,
    month: Option<List>,
    set_pos: Option<List>,
    skip_weekend: bool,
    start: Start,
    zone: u16,
    all_day: bool,
    after: Option<Start>,
}

const DAYS: [&str; 7] = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];

fn num(n: &Num, max: u32) -> u32 {
    match n {
        Num::One => 1,
        Num::Max => max,
        Num::Prime => 999_983.min(max),
        Num::Any(v) => v % max + 1,
    }
}

/// A list of values in `lo..=hi` (and their negatives when `signed`).
fn list(l: &List, lo: i32, hi: i32, signed: bool) -> String {
    let values: Vec<i32> = match l {
        List::All => (lo..=hi).collect(),
        List::Ends => vec![lo, hi],
        List::NegativeEnds if signed => vec![-hi, -1],
        List::NegativeEnds => vec![hi],
        List::Some(v) => v
            .iter()
            .take(8)
            .map(|&x| {
                let x = lo + i32::from(x) % (hi - lo + 1);
                if signed && x % 2 == 1 { -x } else { x }
            })
            .collect(),
    };
    values.iter().map(i32::to_string).collect::<Vec<_>>().join(",")
}

fn start(s: &Start) -> DateTime<Utc> {
    let (min, max) = (DateTime::<Utc>::MIN_UTC, DateTime::<Utc>::MAX_UTC);
    match s {
        Start::Min => min,
        Start::Max => max,
        Start::NearMin(n) => min + TimeDelta::seconds(i64::from(*n)),
        Start::NearMax(n) => max - TimeDelta::seconds(i64::from(*n)),
        Start::Epoch => DateTime::UNIX_EPOCH,
        Start::Now(n) => {
            DateTime::from_timestamp(1_768_655_784 + i64::from(*n) * 60, 0).unwrap_or_default()
        }
        Start::Any(n) => {
            DateTime::from_timestamp(n.clamp(&min.timestamp(), &max.timestamp()).to_owned(), 0)
                .unwrap_or_default()
        }
    }
}

fn flag(spec: &Spec, start: DateTime<Utc>) -> String {
    let name = match spec.freq {
        Freq::Secondly => "SECONDLY",
        Freq::Minutely => "MINUTELY",
        Freq::Hourly => "HOURLY",
        Freq::Daily => "DAILY",
        Freq::Weekly => "WEEKLY",
        Freq::Monthly => "MONTHLY",
        Freq::Yearly => "YEARLY",
    };
    let mut parts = vec![format!("FREQ={name}")];
    if let Some(n) = &spec.interval {
        parts.push(format!("INTERVAL={}", num(n, 1_000_000)));
    }
    if let Some(n) = &spec.count {
        parts.push(format!("COUNT={}", num(n, u32::MAX)));
    } else if let Some(u) = &spec.until {
        let text = match u {
            UntilSpec::BeforeStart => (start.checked_sub_signed(TimeDelta::days(1)).unwrap_or(start))
                .format("%Y%m%d")
                .to_string(),
            UntilSpec::FarFuture => "99991231T235959Z".to_owned(),
            UntilSpec::Date(y, m, d) => format!("{:04}{:02}{:02}", y % 10_000, m % 13, d % 32),
            UntilSpec::Utc(y, m, d, h, mi, s) => format!(
                "{:04}{:02}{:02}T{:02}{:02}{:02}Z",
                y % 10_000,
                m % 13,
                d % 32,
                h % 24,
                mi % 60,
                s % 60
            ),
        };
        parts.push(format!("UNTIL={text}"));
    }
    if let Some(w) = spec.wkst {
        parts.push(format!("WKST={}", DAYS[usize::from(w % 7)]));
    }
    for (key, l, lo, hi, signed) in [
        ("BYSECOND", &spec.second, 0, 59, false),
        ("BYMINUTE", &spec.minute, 0, 59, false),
        ("BYHOUR", &spec.hour, 0, 23, false),
        ("BYMONTHDAY", &spec.month_day, 1, 31, true),
        ("BYYEARDAY", &spec.year_day, 1, 366, true),
        ("BYWEEKNO", &spec.week_no, 1, 53, true),
        ("BYMONTH", &spec.month, 1, 12, false),
        ("BYSETPOS", &spec.set_pos, 1, 366, true),
    ] {
        if let Some(l) = l {
            parts.push(format!("{key}={}", list(l, lo, hi, signed)));
        }
    }
    if let Some((l, ordinal)) = &spec.day {
        let days: Vec<String> = list(l, 0, 6, false)
            .split(',')
            .filter_map(|d| d.parse::<usize>().ok())
            .map(|d| match ordinal {
                Some(n) => format!("{}{}", i32::from(*n) % 54, DAYS[d % 7]),
                None => DAYS[d % 7].to_owned(),
            })
            .collect();
        parts.push(format!("BYDAY={}", days.join(",")));
    }
    if spec.skip_weekend {
        parts.push("TT_SKIP=WEEKEND".to_owned());
    }
    format!("RRULE:{}", parts.join(";"))
}

fuzz_target!(|spec: Spec| {
    let t0 = start(&spec.start);
    let text = flag(&spec, t0);
    let Ok(recurrence) = RepeatFlag::parse(&text).and_then(|f| f.validate()) else {
        return;
    };
    let zone = Zone::all()
        .nth(usize::from(spec.zone) % Zone::all().len())
        .unwrap_or(Zone::UTC);
    let after = spec.after.as_ref().map(start);
    if let Ok(series) = Series::new(&recurrence, t0, zone) {
        let series = series.all_day(spec.all_day);
        // The checked walks are bounded; the unchecked ones, exact however long an input makes
        // them, are compared where the checked walk answered.
        let checked: Result<Vec<_>, _> = match after {
            Some(t) => series.iter_after(t).take(5).collect(),
            None => series.iter().take(5).collect(),
        };
        if let Ok(got) = checked {
            let unchecked: Vec<_> = match after {
                Some(t) => series.iter_after_unbounded(t).take(5).collect(),
                None => series.iter_unbounded().take(5).collect(),
            };
            assert_eq!(unchecked, got, "{text}");
            for pair in got.windows(2) {
                assert!(pair[0].local() < pair[1].local(), "{text}: {pair:?}");
            }
        }
    }

    // The same rule on a task, through the actions.
    let t = json!({
        "id": "696b8b6f2c6f3277d1cc4331",
        "startDate": format_instant(t0),
        "dueDate": format_instant(t0),
        "timeZone": zone.name(),
        "isAllDay": spec.all_day,
        "repeatFlag": text,
        "repeatFrom": "2",
        "status": 0,
    });
    let Ok(task) = Task::from_value(t) else {
        return;
    };
    let at = after.unwrap_or(t0);
    let _ = task::next_occurrence(&task, at);
    let close = Close { at, user_id: 1 };
    let seed = IdSeed::new([1, 2, 3, 4, 5], 6);
    for action in [Action::Complete(close), Action::Skip { at }] {
        if let Ok(body) = action.apply(&task, &mut ObjectIdGenerator::from_seed(seed)) {
            let _ = body.to_json();
        }
    }
    let to = at.checked_add_signed(TimeDelta::days(400)).unwrap_or(at);
    let _ = task::occurrences(&task, at, to, 10);
});
