//! The worst inputs for the engine's work, with their answers: shared by `tests/worst_case.rs`
//! (which checks the answers) and `examples/worst_case.rs` (which times them against their bound).

#![allow(
    dead_code,
    reason = "shared by a test and an example, each using part of it"
)]

use chrono::{DateTime, Datelike, TimeDelta, Utc};
use ticktick_recur::task::{self, Close, Task};
use ticktick_recur::{
    format_instant, parse_instant, IdSeed, ObjectIdGenerator, RepeatFlag, Series, Zone,
};

/// One worst input: what it is, the call made, and the answer expected (`error: ...` for an error).
pub struct Case {
    pub name: &'static str,
    pub run: fn() -> Result<String, String>,
    pub expect: &'static str,
}

/// Every call must finish under this in a release build.
pub const BOUND_MS: f64 = 10.0;

fn at(s: &str) -> DateTime<Utc> {
    parse_instant(s).expect("test instants are valid")
}

fn list(lo: u32, hi: u32) -> String {
    (lo..=hi)
        .map(|v| v.to_string())
        .collect::<Vec<_>>()
        .join(",")
}

fn all_seconds() -> String {
    format!(
        "BYHOUR={};BYMINUTE={};BYSECOND={}",
        list(0, 23),
        list(0, 59),
        list(0, 59)
    )
}

fn series(flag: &str, start: DateTime<Utc>, zone: &str) -> Result<Series, String> {
    let rule = flag
        .parse::<RepeatFlag>()
        .and_then(|f| f.validate())
        .map_err(|e| e.to_string())?;
    let zone: Zone = zone
        .parse()
        .map_err(|e: ticktick_recur::Error| e.to_string())?;
    Series::new(&rule, start, zone).map_err(|e| e.to_string())
}

/// The first `n` occurrences strictly after `after`, local times joined by spaces.
fn next_n(
    flag: &str,
    start: DateTime<Utc>,
    after: DateTime<Utc>,
    n: usize,
) -> Result<String, String> {
    let s = series(flag, start, "UTC")?;
    let mut out = Vec::new();
    for o in s.iter_after(after).take(n) {
        out.push(o.map_err(|e| e.to_string())?.local().to_string());
    }
    Ok(out.join(" "))
}

fn task_next(flag: &str, start: &str, at_: &str) -> Result<String, String> {
    let t = Task::from_value(serde_json::json!({
        "id": "696b8b6f2c6f3277d1cc4331", "status": 0, "timeZone": "Europe/Berlin",
        "startDate": start, "repeatFlag": flag, "repeatFrom": "2",
    }))
    .map_err(|e| e.to_string())?;
    let close = Close {
        at: at(at_),
        user_id: 1,
    };
    let mut ids = ObjectIdGenerator::from_seed(IdSeed::new([1, 2, 3, 4, 5], 0));
    let body = task::complete(&t, &close, &mut ids).map_err(|e| e.to_string())?;
    Ok(body.update[0]
        .get("startDate")
        .and_then(|v| v.as_str())
        .unwrap_or("null")
        .to_owned())
}

fn err(r: Result<String, String>) -> Result<String, String> {
    r.map_err(|e| format!("error: {e}")).or_else(Ok)
}

pub const CASES: &[Case] = &[
    Case {
        name: "YEARLY;BYDAY=MO..SU;BYHOUR=0..23;BYMINUTE=0..59;BYSECOND=0..59;BYSETPOS=-1 (31.6M candidates a year): next after 2026-06-01",
        run: || {
            let flag = format!("RRULE:FREQ=YEARLY;BYDAY=MO,TU,WE,TH,FR,SA,SU;{};BYSETPOS=-1", all_seconds());
            next_n(&flag, at("2000-01-01T00:00:00Z"), at("2026-06-01T00:00:00Z"), 2)
        },
        expect: "2026-12-31 23:59:59 2027-12-31 23:59:59",
    },
    Case {
        name: "YEARLY with every second of the day, started on 31 Dec 23:59:58: the next 2",
        run: || {
            let flag = format!("RRULE:FREQ=YEARLY;BYMONTH=1,12;{}", all_seconds());
            next_n(&flag, at("2026-12-31T23:59:58Z"), at("2026-12-31T23:59:58Z"), 2)
        },
        expect: "2026-12-31 23:59:59 2027-01-31 00:00:00",
    },
    Case {
        name: "WEEKLY with every second, COUNT=4294967295, from 2000: next after 2026-01-17",
        run: || {
            let flag = format!("RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR,SA,SU;COUNT=4294967295;{}", all_seconds());
            next_n(&flag, at("2000-01-01T00:00:00Z"), at("2026-01-17T12:00:00Z"), 1)
        },
        expect: "2026-01-17 12:00:01",
    },
    Case {
        name: "MONTHLY with every second and BYSETPOS=1,-1, COUNT=4294967295, from 2000: next after 2026-01-17",
        run: || {
            let flag = format!("RRULE:FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR,SA,SU;COUNT=4294967295;BYSETPOS=1,-1;{}", all_seconds());
            next_n(&flag, at("2000-01-01T00:00:00Z"), at("2026-01-17T12:00:00Z"), 2)
        },
        expect: "2026-01-31 23:59:59 2026-02-01 00:00:00",
    },
    Case {
        name: "SECONDLY;BYMONTH=1;COUNT=4000000000 from 2000 (counted a day at a time): next after 2026-06-01",
        run: || next_n("RRULE:FREQ=SECONDLY;BYMONTH=1;COUNT=4000000000", at("2000-01-01T00:00:00Z"), at("2026-06-01T00:00:00Z"), 1),
        expect: "2027-01-01 00:00:00",
    },
    Case {
        name: "SECONDLY;BYMONTH=1;COUNT=70000000 from 2000: the count runs out in 2026, so no next after 2026-06-01",
        run: || next_n("RRULE:FREQ=SECONDLY;BYMONTH=1;COUNT=70000000", at("2000-01-01T00:00:00Z"), at("2026-06-01T00:00:00Z"), 1),
        expect: "",
    },
    Case {
        name: "MINUTELY;INTERVAL=7;BYHOUR=9;COUNT=4000000000 from 2000 (period phases drift): next after 2026-01-17",
        run: || next_n("RRULE:FREQ=MINUTELY;INTERVAL=7;BYHOUR=9;COUNT=4000000000", at("2000-01-01T00:00:00Z"), at("2026-01-17T12:00:00Z"), 2),
        expect: "2026-01-18 09:01:00 2026-01-18 09:08:00",
    },
    Case {
        name: "SECONDLY;INTERVAL=1000000 (the largest) from 2000: next after 2200",
        run: || next_n("RRULE:FREQ=SECONDLY;INTERVAL=1000000", at("2000-01-01T00:00:00Z"), at("2200-01-01T00:00:00Z"), 1),
        expect: "2200-01-07 13:20:00",
    },
    Case {
        name: "HOURLY;INTERVAL=1000000;BYHOUR=13 from 2000 (114 years a period): next after 2026",
        run: || next_n("RRULE:FREQ=HOURLY;INTERVAL=1000000;BYHOUR=13", at("2000-01-01T13:00:00Z"), at("2026-01-01T00:00:00Z"), 1),
        expect: "2342-03-29 13:00:00",
    },
    Case {
        name: "SECONDLY;INTERVAL=999983;BYMONTH=2;BYMONTHDAY=30 (never): Series::new",
        run: || err(next_n("RRULE:FREQ=SECONDLY;INTERVAL=999983;BYMONTH=2;BYMONTHDAY=30", at("2000-01-01T00:00:00Z"), at("2000-01-01T00:00:00Z"), 1)),
        expect: "error: rule \"RRULE:FREQ=SECONDLY;INTERVAL=999983;BYMONTH=2;BYMONTHDAY=30\" can never produce an occurrence",
    },
    Case {
        name: "SECONDLY;INTERVAL=999983 on 29 Feb at 00:00:00 only (the grid meets midnight 96 times before the calendar ends, never on 29 Feb): Series::new",
        run: || err(next_n("RRULE:FREQ=SECONDLY;INTERVAL=999983;BYMONTH=2;BYMONTHDAY=29;BYHOUR=0;BYMINUTE=0;BYSECOND=0", at("2000-01-01T00:00:00Z"), at("2000-01-01T00:00:00Z"), 1)),
        expect: "error: rule \"RRULE:FREQ=SECONDLY;INTERVAL=999983;BYMONTH=2;BYMONTHDAY=29;BYHOUR=0;BYMINUTE=0;BYSECOND=0\" can never produce an occurrence",
    },
    Case {
        name: "SECONDLY;INTERVAL=999983 on 1 March at 00:00:00 only (the 6th midnight the grid meets, 16,427 years on)",
        run: || next_n("RRULE:FREQ=SECONDLY;INTERVAL=999983;BYMONTH=3;BYMONTHDAY=1;BYHOUR=0;BYMINUTE=0;BYSECOND=0", at("2000-01-01T00:00:00Z"), at("2000-01-01T00:00:00Z"), 1),
        expect: "+18427-03-01 00:00:00",
    },
    Case {
        name: "YEARLY;BYMONTH=2;BYMONTHDAY=30 (never): Series::new",
        run: || err(next_n("RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", at("2000-01-01T00:00:00Z"), at("2000-01-01T00:00:00Z"), 1)),
        expect: "error: rule \"RRULE:FREQ=YEARLY;INTERVAL=1;BYMONTH=2;BYMONTHDAY=30\" can never produce an occurrence",
    },
    Case {
        name: "YEARLY;BYWEEKNO=53;BYMONTH=6 (never): Series::new",
        run: || err(next_n("RRULE:FREQ=YEARLY;BYWEEKNO=53;BYMONTH=6", at("2000-01-01T00:00:00Z"), at("2000-01-01T00:00:00Z"), 1)),
        expect: "error: rule \"RRULE:FREQ=YEARLY;INTERVAL=1;BYMONTH=6;BYWEEKNO=53\" can never produce an occurrence",
    },
    Case {
        name: "WEEKLY;BYDAY=SA,SU;TT_SKIP=WEEKEND (never): Series::new",
        run: || err(next_n("RRULE:FREQ=WEEKLY;BYDAY=SA,SU;TT_SKIP=WEEKEND", at("2000-01-01T00:00:00Z"), at("2000-01-01T00:00:00Z"), 1)),
        expect: "error: rule \"RRULE:FREQ=WEEKLY;INTERVAL=1;BYDAY=SA,SU;TT_SKIP=WEEKEND\" can never produce an occurrence",
    },
    Case {
        name: "DAILY;INTERVAL=997;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO (36,496 years apart): next 2 after 2026",
        run: || next_n("RRULE:FREQ=DAILY;INTERVAL=997;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO", at("2000-01-01T00:00:00Z"), at("2026-01-01T00:00:00Z"), 2),
        expect: "+46472-02-29 00:00:00 +82968-02-29 00:00:00",
    },
    Case {
        name: "FORGETTINGCURVE;CYCLE=2 (no COUNT) from 2102: next 2 after the year 200000 (4.8 million points on)",
        run: || {
            let s = series("ERULE:NAME=FORGETTINGCURVE;CYCLE=2", at("2102-08-22T12:07:09Z"), "Asia/Famagusta")?;
            let far = at("2026-01-01T00:00:00Z").with_year(200_000).ok_or("no such date")?;
            let mut out = Vec::new();
            for o in s.iter_after(far).take(2) {
                out.push(o.map_err(|e| e.to_string())?.local().to_string());
            }
            Ok(out.join(" "))
        },
        expect: "+200000-01-02 14:07:09 +200000-01-17 14:07:09",
    },
    Case {
        name: "all-day SECONDLY;COUNT=4294967295 from chrono's first instant (one a day): next 2 after 1970",
        run: || {
            let s = series("RRULE:FREQ=SECONDLY;COUNT=4294967295", DateTime::<Utc>::MIN_UTC, "Europe/Berlin")?.all_day(true);
            let mut out = Vec::new();
            for o in s.iter_after(DateTime::<Utc>::UNIX_EPOCH).take(2) {
                out.push(o.map_err(|e| e.to_string())?.local().to_string());
            }
            Ok(out.join(" "))
        },
        expect: "1970-01-02 00:00:00 1970-01-03 00:00:00",
    },
    Case {
        name: "DAILY from chrono's first instant: next after 2026-01-17",
        run: || next_n("RRULE:FREQ=DAILY", DateTime::<Utc>::MIN_UTC, at("2026-01-17T12:00:00Z"), 1),
        expect: "2026-01-18 00:00:00",
    },
    Case {
        name: "YEARLY;COUNT=4294967295 from chrono's first instant: next after 2026",
        run: || err(next_n("RRULE:FREQ=YEARLY;COUNT=4294967295", DateTime::<Utc>::MIN_UTC, at("2026-01-17T12:00:00Z"), 1)),
        expect: "error: rule \"RRULE:FREQ=YEARLY;INTERVAL=1;COUNT=4294967295\" needs more than 524288 steps to find its next occurrence: its occurrences are too sparse to search for",
    },
    Case {
        name: "DAILY a day before chrono's last instant: the rest of the calendar",
        run: || next_n("RRULE:FREQ=DAILY", DateTime::<Utc>::MAX_UTC - TimeDelta::days(2), DateTime::<Utc>::MAX_UTC - TimeDelta::days(2), 5),
        expect: "+262142-12-30 23:59:59 +262142-12-31 23:59:59",
    },
    Case {
        name: "SECONDLY with 5,000 exDates in a row: next after the start",
        run: || {
            let s = series("RRULE:FREQ=SECONDLY", at("2026-01-01T00:00:00Z"), "UTC")?;
            let first = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or_default();
            let s = s.exdates(first.iter_days().take(5000));
            let next = s.after(at("2026-01-01T00:00:00Z")).map_err(|e| e.to_string())?;
            Ok(next.map(|o| o.local().to_string()).unwrap_or_default())
        },
        expect: "2039-09-10 00:00:00",
    },
    Case {
        // A completion of a COUNT task jumps no occurrence (BEHAVIOUR.md §4); the calendar view still
        // counts COUNT from the task's start to its window.
        name: "occurrences: SECONDLY;BYMONTH=1;COUNT=4000000000 task from 2000, the window from 2026-06-01",
        run: || {
            let t = Task::from_value(serde_json::json!({
                "id": "a", "startDate": "2000-01-01T00:00:00.000+0000", "timeZone": "Europe/Berlin",
                "repeatFlag": "RRULE:FREQ=SECONDLY;BYMONTH=1;COUNT=4000000000",
            })).map_err(|e| e.to_string())?;
            let all = task::occurrences(&t, at("2026-06-01T00:00:00Z"), at("2027-06-01T00:00:00Z"), 1).map_err(|e| e.to_string())?;
            Ok(all.first().and_then(|d| d.start_date).map(format_instant).unwrap_or_default())
        },
        expect: "2026-12-31T23:00:00.000+0000",
    },
    Case {
        name: "complete: YEARLY all-seconds BYSETPOS=-1 task, completed 2026-06-01",
        run: || task_next(&format!("RRULE:FREQ=YEARLY;BYDAY=MO,TU,WE,TH,FR,SA,SU;{};BYSETPOS=-1", all_seconds()), "2025-12-31T22:59:59.000+0000", "2026-06-01T00:00:00Z"),
        expect: "2026-12-31T22:59:59.000+0000",
    },
    Case {
        name: "occurrences: a year of a SECONDLY task, limit 100",
        run: || {
            let t = Task::from_value(serde_json::json!({
                "id": "a", "startDate": "2026-01-01T00:00:00.000+0000", "repeatFlag": "RRULE:FREQ=SECONDLY;COUNT=4000000000",
            })).map_err(|e| e.to_string())?;
            let all = task::occurrences(&t, at("2026-06-01T00:00:00Z"), at("2027-06-01T00:00:00Z"), 100).map_err(|e| e.to_string())?;
            Ok(format!("{} from {}", all.len(), all.first().and_then(|d| d.start_date).map(format_instant).unwrap_or_default()))
        },
        expect: "100 from 2026-06-01T00:00:00.000+0000",
    },
];
