//! Holidays and make-up workdays through the public API (BEHAVIOUR.md §2 and §7): the built-in
//! mainland China calendar on named days of 2025 and 2026 for every `TT_SKIP` combination and
//! `TT_WORKDAY=1/-1`, caller calendars in both JSON formats, coverage, `TT_SKIP=OFFICIAL_WORKDAY` and
//! unknown `TT_SKIP` values, and the property that the "working days" preset keeps exactly the working
//! days. The built-in calendar is checked against `data/holiday-cn/` (the generated file is current).

use std::path::Path;

use chrono::{DateTime, Datelike, Days, NaiveDate, Utc, Weekday};
use proptest::prelude::*;
use ticktick_recur::task::{self, Task};
use ticktick_recur::{parse_instant, Error, HolidayCalendar, HolidayError, RepeatFlag, Series};

const SHANGHAI: &str = "Asia/Shanghai";

fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

fn utc(text: &str) -> DateTime<Utc> {
    parse_instant(text).unwrap()
}

/// A series of `flag` from `start` (09:00 in Shanghai), with `calendar`.
fn series(flag: &str, start: &str, calendar: Option<&HolidayCalendar>) -> Series {
    let rule = flag.parse::<RepeatFlag>().unwrap().validate().unwrap();
    let start = utc(&format!("{start}T01:00:00Z"));
    let s = Series::new(&rule, start, SHANGHAI.parse().unwrap()).unwrap();
    match calendar {
        Some(c) => s.holidays(c.clone()),
        None => s,
    }
}

/// The local dates of the occurrences on or before `last`.
fn dates(s: &Series, last: &str) -> Vec<NaiveDate> {
    let last = date(last);
    s.iter()
        .map(|o| o.unwrap().date())
        .take_while(|&d| d <= last)
        .collect()
}

/// What BEHAVIOUR.md §7 makes of a day, labelled by hand from the State Council's notices.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Day {
    /// A Saturday or Sunday worked (调休, type 1).
    MakeUpWeekend,
    /// Monday to Friday inside a holiday block (type 0).
    HolidayWeekday,
    /// Saturday or Sunday inside a holiday block (type 0).
    HolidayWeekend,
    OrdinaryWeekday,
    OrdinaryWeekend,
}

/// Named days of 2025 and 2026: every 2026 make-up workday, the Spring Festival and National Day
/// blocks of both years, and ordinary days around them.
const NAMED: [(&str, Day); 36] = [
    ("2025-01-26", Day::MakeUpWeekend),
    ("2025-01-27", Day::OrdinaryWeekday),
    ("2025-01-28", Day::HolidayWeekday),
    ("2025-02-01", Day::HolidayWeekend),
    ("2025-02-04", Day::HolidayWeekday),
    ("2025-02-05", Day::OrdinaryWeekday),
    ("2025-02-08", Day::MakeUpWeekend),
    ("2025-02-09", Day::OrdinaryWeekend),
    ("2025-09-27", Day::OrdinaryWeekend),
    ("2025-09-28", Day::MakeUpWeekend),
    ("2025-10-01", Day::HolidayWeekday),
    ("2025-10-04", Day::HolidayWeekend),
    ("2025-10-08", Day::HolidayWeekday),
    ("2025-10-09", Day::OrdinaryWeekday),
    ("2025-10-11", Day::MakeUpWeekend),
    ("2025-10-12", Day::OrdinaryWeekend),
    ("2026-01-01", Day::HolidayWeekday),
    ("2026-01-03", Day::HolidayWeekend),
    ("2026-01-04", Day::MakeUpWeekend),
    ("2026-01-05", Day::OrdinaryWeekday),
    ("2026-02-13", Day::OrdinaryWeekday),
    ("2026-02-14", Day::MakeUpWeekend),
    ("2026-02-15", Day::HolidayWeekend),
    ("2026-02-16", Day::HolidayWeekday),
    ("2026-02-23", Day::HolidayWeekday),
    ("2026-02-24", Day::OrdinaryWeekday),
    ("2026-02-28", Day::MakeUpWeekend),
    ("2026-03-01", Day::OrdinaryWeekend),
    ("2026-05-09", Day::MakeUpWeekend),
    ("2026-09-20", Day::MakeUpWeekend),
    ("2026-09-25", Day::HolidayWeekday),
    ("2026-10-01", Day::HolidayWeekday),
    ("2026-10-03", Day::HolidayWeekend),
    ("2026-10-07", Day::HolidayWeekday),
    ("2026-10-10", Day::MakeUpWeekend),
    ("2026-10-11", Day::OrdinaryWeekend),
];

/// BEHAVIOUR.md §7, value by value: whether a DAILY rule with this `TT_SKIP` keeps the day.
fn kept(skip: &str, day: Day) -> bool {
    use Day::*;
    match skip {
        // Saturdays and Sundays dropped, except make-up workdays.
        "WEEKEND" => !matches!(day, HolidayWeekend | OrdinaryWeekend),
        // Rest days dropped.
        "HOLIDAY" => !matches!(day, HolidayWeekday | HolidayWeekend),
        // The "working days" preset: exactly the official working days.
        "HOLIDAY,WEEKEND" | "WEEKEND,HOLIDAY" => {
            matches!(day, MakeUpWeekend | OrdinaryWeekday)
        }
        // The "official rest days" preset: exactly the days that are not working days.
        "OFFICIAL_WORKDAY" => !matches!(day, MakeUpWeekend | OrdinaryWeekday),
        // Both: the days that are neither rest days nor working days, ordinary weekends.
        "OFFICIAL_WORKDAY,HOLIDAY" => matches!(day, OrdinaryWeekend),
        other => panic!("no expectation for {other}"),
    }
}

#[test]
fn the_named_days_are_labelled_as_the_calendar_says() {
    let cn = HolidayCalendar::china();
    for (text, day) in NAMED {
        let d = date(text);
        let weekend = matches!(d.weekday(), Weekday::Sat | Weekday::Sun);
        let expected = match day {
            Day::MakeUpWeekend => (true, false, true),
            Day::HolidayWeekday => (false, true, false),
            Day::HolidayWeekend => (true, true, false),
            Day::OrdinaryWeekday => (false, false, false),
            Day::OrdinaryWeekend => (true, false, false),
        };
        assert_eq!(
            (weekend, cn.is_holiday(d), cn.is_make_up_workday(d)),
            expected,
            "{text}"
        );
    }
}

/// BEHAVIOUR.md §7: each `TT_SKIP` combination over 2025 and 2026 with the built-in calendar, on
/// every named day.
#[test]
fn every_tt_skip_combination_on_the_named_days_of_2025_and_2026() {
    let cn = HolidayCalendar::china();
    for skip in [
        "WEEKEND",
        "HOLIDAY",
        "HOLIDAY,WEEKEND",
        "WEEKEND,HOLIDAY",
        "OFFICIAL_WORKDAY",
        "OFFICIAL_WORKDAY,HOLIDAY",
    ] {
        let flag = format!("RRULE:FREQ=DAILY;INTERVAL=1;TT_SKIP={skip}");
        let s = series(&flag, "2025-01-01", Some(&cn));
        let all = dates(&s, "2026-12-31");
        for (text, day) in NAMED {
            assert_eq!(
                all.binary_search(&date(text)).is_ok(),
                kept(skip, day),
                "{flag}: {text} ({day:?})"
            );
        }
    }
}

/// The "working days" preset around the 2026 Spring Festival: the make-up Saturdays 02-14 and 02-28
/// are working days, 02-15 to 02-23 are not.
#[test]
fn the_working_days_preset_around_the_2026_spring_festival() {
    let cn = HolidayCalendar::china();
    let s = series(
        "RRULE:FREQ=DAILY;INTERVAL=1;TT_SKIP=HOLIDAY,WEEKEND",
        "2026-02-09",
        Some(&cn),
    );
    let expected: Vec<NaiveDate> = [
        "2026-02-09",
        "2026-02-10",
        "2026-02-11",
        "2026-02-12",
        "2026-02-13",
        "2026-02-14",
        "2026-02-24",
        "2026-02-25",
        "2026-02-26",
        "2026-02-27",
        "2026-02-28",
        "2026-03-02",
        "2026-03-03",
    ]
    .map(date)
    .to_vec();
    assert_eq!(dates(&s, "2026-03-03"), expected);
}

/// The "working days" preset around National Day 2026: 10-01 to 10-07 off, the make-up Sunday 09-20
/// and Saturday 10-10 worked; the Mid-Autumn Friday 09-25 off.
#[test]
fn the_working_days_preset_around_national_day_2026() {
    let cn = HolidayCalendar::china();
    let s = series(
        "RRULE:FREQ=DAILY;INTERVAL=1;TT_SKIP=HOLIDAY,WEEKEND",
        "2026-09-18",
        Some(&cn),
    );
    let expected: Vec<NaiveDate> = [
        "2026-09-18",
        "2026-09-20",
        "2026-09-21",
        "2026-09-22",
        "2026-09-23",
        "2026-09-24",
        "2026-09-28",
        "2026-09-29",
        "2026-09-30",
        "2026-10-08",
        "2026-10-09",
        "2026-10-10",
        "2026-10-12",
    ]
    .map(date)
    .to_vec();
    assert_eq!(dates(&s, "2026-10-12"), expected);
}

/// BEHAVIOUR.md §7: `TT_WORKDAY=1` / `-1` are the first / last official working days of the month,
/// make-up workdays included; both forms of "last" (web `BYMONTHDAY=-1`, desktop `BYMONTHDAY=1`).
#[test]
fn first_and_last_working_days_of_the_month() {
    let cn = HolidayCalendar::china();
    let first = "RRULE:FREQ=MONTHLY;INTERVAL=1;BYMONTHDAY=1;TT_WORKDAY=1";
    let firsts = dates(&series(first, "2025-01-01", Some(&cn)), "2026-12-31");
    for expected in [
        "2025-02-05", // 02-01 to 02-04: Spring Festival
        "2025-10-09", // 10-01 to 10-08: National Day and Mid-Autumn
        "2026-01-04", // a Sunday, worked: 01-01 to 01-03 are the New Year holiday
        "2026-05-06", // 05-01 to 05-05: Labour Day
        "2026-10-08", // 10-01 to 10-07: National Day
        "2026-06-01", // an ordinary Monday
    ] {
        assert!(firsts.contains(&date(expected)), "{expected}: {firsts:?}");
    }
    assert_eq!(firsts.len(), 24);
    for last in [
        "RRULE:FREQ=MONTHLY;INTERVAL=1;BYMONTHDAY=-1;TT_WORKDAY=-1",
        "RRULE:FREQ=MONTHLY;INTERVAL=1;BYMONTHDAY=1;TT_WORKDAY=-1",
    ] {
        let lasts = dates(&series(last, "2025-01-01", Some(&cn)), "2026-12-31");
        for expected in [
            "2025-01-27", // 01-28 to 01-31: Spring Festival
            "2025-09-30", // an ordinary Tuesday
            "2026-02-28", // a Saturday, worked
            "2026-09-30", // an ordinary Wednesday
            "2026-01-30", // an ordinary Friday
        ] {
            assert!(
                lasts.contains(&date(expected)),
                "{last} {expected}: {lasts:?}"
            );
        }
        assert_eq!(lasts.len(), 24, "{last}");
    }
    // Without a calendar, Monday to Friday.
    let plain = dates(&series(first, "2026-01-01", None), "2026-02-28");
    assert_eq!(plain, [date("2026-01-01"), date("2026-02-02")]);
}

/// BEHAVIOUR.md §2: `OFFICIAL_WORKDAY` without a calendar keeps weekends only; `HOLIDAY` drops
/// nothing.
#[test]
fn without_a_calendar_official_workday_keeps_weekends_and_holiday_drops_nothing() {
    let rest = series(
        "RRULE:FREQ=DAILY;INTERVAL=1;TT_SKIP=OFFICIAL_WORKDAY",
        "2026-09-28",
        None,
    );
    assert_eq!(
        dates(&rest, "2026-10-11"),
        ["2026-10-03", "2026-10-04", "2026-10-10", "2026-10-11"].map(date)
    );
    let holiday = series("RRULE:FREQ=DAILY;TT_SKIP=HOLIDAY", "2026-09-28", None);
    assert_eq!(dates(&holiday, "2026-10-11").len(), 14);
}

/// A rule that drops every day without a calendar never occurs: `WEEKEND` and `OFFICIAL_WORKDAY`
/// together, or a weekday rule with `OFFICIAL_WORKDAY`.
#[test]
fn rules_that_drop_every_day_never_occur() {
    for flag in [
        "RRULE:FREQ=DAILY;TT_SKIP=WEEKEND,OFFICIAL_WORKDAY",
        "RRULE:FREQ=HOURLY;INTERVAL=5;TT_SKIP=OFFICIAL_WORKDAY,WEEKEND",
        "RRULE:FREQ=WEEKLY;BYDAY=MO,FR;TT_SKIP=OFFICIAL_WORKDAY",
        "RRULE:FREQ=DAILY;INTERVAL=7;TT_SKIP=OFFICIAL_WORKDAY",
    ] {
        let rule = flag.parse::<RepeatFlag>().unwrap().validate().unwrap();
        // 2026-09-28 is a Monday.
        let err = Series::new(
            &rule,
            utc("2026-09-28T01:00:00Z"),
            SHANGHAI.parse().unwrap(),
        );
        assert!(
            matches!(err, Err(Error::NeverOccurs { .. })),
            "{flag}: {err:?}"
        );
    }
}

/// BEHAVIOUR.md §2: another `TT_SKIP` value parses and is kept byte for byte; expanding it is the
/// typed "not supported" error, through the series and every task path.
#[test]
fn unknown_tt_skip_values_are_kept_and_refused_when_expanded() {
    let text = "RRULE:FREQ=DAILY;INTERVAL=1;TT_SKIP=LUNAR_HOLIDAY";
    let flag: RepeatFlag = text.parse().unwrap();
    assert_eq!(flag.as_str(), text);
    let rule = flag.validate().unwrap();
    let err = Series::new(
        &rule,
        utc("2026-09-28T01:00:00Z"),
        SHANGHAI.parse().unwrap(),
    )
    .unwrap_err();
    assert!(matches!(err, Error::Unsupported { .. }), "{err:?}");
    assert_eq!(
        err.to_string(),
        "rule \"RRULE:FREQ=DAILY;INTERVAL=1;TT_SKIP=LUNAR_HOLIDAY\" is valid but not supported \
         yet: TT_SKIP values other than WEEKEND, HOLIDAY and OFFICIAL_WORKDAY"
    );
    for repeat_from in ["0", "1", "2"] {
        let task = Task::from_json(&format!(
            r#"{{"id":"696b8b6f2c6f3277d1cc4331","status":0,"startDate":"2026-09-28T01:00:00.000+0000",
                "timeZone":"Asia/Shanghai","repeatFlag":"{text}","repeatFrom":"{repeat_from}"}}"#
        ))
        .unwrap();
        let err = task::next_occurrence(&task, utc("2026-09-28T02:00:00Z")).unwrap_err();
        assert!(
            matches!(err, Error::Unsupported { .. }),
            "{repeat_from}: {err:?}"
        );
    }
}

/// A task with the preset and the built-in calendar, completed on the eve of National Day 2026,
/// moves past the holiday; `repeatFrom "1"` (from the completion) skips it the same way.
#[test]
fn a_task_moves_past_national_day() {
    for (repeat_from, expected) in [
        ("2", "2026-10-08"),
        ("1", "2026-10-08"),
        ("0", "2026-10-08"),
    ] {
        let task = Task::from_json(&format!(
            r#"{{"id":"696b8b6f2c6f3277d1cc4331","status":0,"startDate":"2026-09-30T01:00:00.000+0000",
                "timeZone":"Asia/Shanghai","repeatFrom":"{repeat_from}",
                "repeatFlag":"RRULE:FREQ=DAILY;INTERVAL=1;TT_SKIP=HOLIDAY,WEEKEND"}}"#
        ))
        .unwrap()
        .with_holidays(HolidayCalendar::china());
        let next = task::next_occurrence(&task, utc("2026-09-30T10:00:00Z"))
            .unwrap()
            .unwrap();
        let start = next.start_date.unwrap();
        assert_eq!(
            start.with_timezone(&chrono_tz::Asia::Shanghai).date_naive(),
            date(expected),
            "repeatFrom {repeat_from}"
        );
    }
}

#[test]
fn the_built_in_calendar_covers_2007_to_2026() {
    let cn = HolidayCalendar::china();
    assert_eq!(cn.coverage(), Some((2007, 2026)));
    assert_eq!(cn.covered_years(), (2007..=2026).collect::<Vec<_>>());
    assert!(!cn.covers(2006) && !cn.covers(2027));
    // The 2007 notice's make-up days of December 2006 are known though 2006 is not covered.
    assert!(cn.is_make_up_workday(date("2006-12-30")));
    // Small: one 64-day block of three words for each 64 days of 2006 to 2026.
    assert!(ticktick_recur::table_bytes(&cn) < 4_096);
}

/// Coverage (BEHAVIOUR.md §7): an answer that consults a day of an uncovered year is still given,
/// and a tracking handle names the year; a rule that needs no calendar day names none.
#[test]
fn uncovered_years_are_recorded_where_the_answer_consulted_them() {
    let cn = HolidayCalendar::china();
    let preset = "RRULE:FREQ=DAILY;INTERVAL=1;TT_SKIP=HOLIDAY,WEEKEND";
    let after = utc("2027-03-01T00:00:00Z");

    let tracked = cn.tracking();
    let next = series(preset, "2010-01-04", Some(&tracked))
        .after(after)
        .unwrap()
        .unwrap();
    assert_eq!(next.date(), date("2027-03-01"));
    assert_eq!(tracked.uncovered_years(), [2027]);

    // Inside the coverage: nothing recorded.
    let tracked = cn.tracking();
    let _ = series(preset, "2010-01-04", Some(&tracked)).after(utc("2026-03-01T00:00:00Z"));
    assert_eq!(tracked.uncovered_years(), Vec::<i32>::new());

    // No TT_SKIP, or TT_SKIP=WEEKEND on Mondays only: the calendar is never consulted.
    for flag in [
        "RRULE:FREQ=DAILY",
        "RRULE:FREQ=WEEKLY;BYDAY=MO;TT_SKIP=WEEKEND",
    ] {
        let tracked = cn.tracking();
        let _ = series(flag, "2003-01-06", Some(&tracked)).after(after);
        assert_eq!(tracked.uncovered_years(), Vec::<i32>::new(), "{flag}");
    }

    // COUNT counts the occurrences since the start: the years before 2007 are consulted.
    let tracked = cn.tracking();
    let counted = series(
        "RRULE:FREQ=DAILY;COUNT=5000;TT_SKIP=HOLIDAY",
        "2005-06-01",
        Some(&tracked),
    );
    let _ = counted.after(utc("2010-01-01T00:00:00Z"));
    assert_eq!(tracked.uncovered_years(), [2005, 2006]);

    // TT_WORKDAY searches its month.
    let tracked = cn.tracking();
    let first = "RRULE:FREQ=MONTHLY;BYMONTHDAY=1;TT_WORKDAY=1";
    let next = series(first, "2026-11-01", Some(&tracked))
        .after(utc("2026-12-31T00:00:00Z"))
        .unwrap()
        .unwrap();
    assert_eq!(next.date(), date("2027-01-01"));
    assert_eq!(tracked.uncovered_years(), [2027]);

    // Clones share the record; a fresh tracking handle does not.
    let tracked = cn.tracking();
    let _ = series(preset, "2026-12-30", Some(&tracked.clone())).after(after);
    assert_eq!(tracked.uncovered_years(), [2027]);
    assert_eq!(tracked.tracking().uncovered_years(), Vec::<i32>::new());
    assert_eq!(cn.uncovered_years(), Vec::<i32>::new());
}

/// The built-in table equals `data/holiday-cn/*.json` read by the holiday-cn reader: the generated
/// file is current.
#[test]
fn the_built_in_calendar_is_the_data_in_the_repository() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/holiday-cn");
    let mut years: Vec<serde_json::Value> = Vec::new();
    for year in 2007..=2026 {
        let text = std::fs::read_to_string(dir.join(format!("{year}.json"))).unwrap();
        years.push(serde_json::from_str(&text).unwrap());
    }
    let read = HolidayCalendar::from_json(&serde_json::to_string(&years).unwrap()).unwrap();
    assert_eq!(read, HolidayCalendar::china());
    assert_eq!(
        ticktick_recur::listed_days(&read),
        ticktick_recur::listed_days(&HolidayCalendar::china())
    );
    assert!(
        !dir.join("2027.json").exists(),
        "a new notice year: add it to this test's range and the README's coverage"
    );
}

/// The generator itself reproduces the committed file from the data (`--check`).
#[test]
fn the_generated_file_is_what_the_generator_writes() {
    let python = std::env::var("PYTHON3").unwrap_or_else(|_| "python3".to_owned());
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = std::process::Command::new(python)
        .arg(root.join("scripts/gen-holidays-cn"))
        .arg("--check")
        .output()
        .expect("python3 runs scripts/gen-holidays-cn (set PYTHON3 to another interpreter)");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// TickTick's feed and holiday-cn's per-year format give the same calendar for the same days.
#[test]
fn both_formats_read_the_same_days() {
    let feed = HolidayCalendar::from_json(
        r#"[{"date":"2026-10-01","type":0,"name":"国庆节"},{"date":"20261002","type":0},
            {"date":"2026-10-10","type":1,"name":"国庆节"},{"date":"2026-10-01","type":0}]"#,
    )
    .unwrap();
    let holiday_cn = HolidayCalendar::from_json(
        r#"{"year":2026,"papers":[],"days":[
            {"name":"国庆节","date":"2026-10-01","isOffDay":true},
            {"name":"国庆节","date":"2026-10-02","isOffDay":true},
            {"name":"国庆节","date":"2026-10-10","isOffDay":false}]}"#,
    )
    .unwrap();
    assert_eq!(feed, holiday_cn);
    assert_eq!(feed.covered_years(), [2026]);
    let s = series(
        "RRULE:FREQ=DAILY;TT_SKIP=HOLIDAY,WEEKEND",
        "2026-09-30",
        Some(&feed),
    );
    assert_eq!(
        dates(&s, "2026-10-12"),
        [
            "2026-09-30",
            "2026-10-05",
            "2026-10-06",
            "2026-10-07",
            "2026-10-08",
            "2026-10-09",
            "2026-10-10",
            "2026-10-12"
        ]
        .map(date)
    );
    // An empty feed covers nothing.
    let empty = HolidayCalendar::from_json("[]").unwrap();
    assert_eq!(empty.coverage(), None);
}

/// Bad calendars are typed errors naming the place: a bad date, an unknown type, a day of both kinds,
/// a span too wide.
#[test]
fn bad_calendars_are_refused_with_the_place() {
    type Check = fn(&HolidayError) -> bool;
    let cases: [(&str, Check); 5] = [
        (
            r#"[{"date":"2026-13-01","type":0}]"#,
            |e| matches!(e, HolidayError::InvalidDate { at, .. } if at == "[0].date"),
        ),
        (
            r#"[{"date":"2026-10-01","type":0},{"date":"2026-10-02","type":7}]"#,
            |e| matches!(e, HolidayError::UnknownType { at, value } if at == "[1].type" && value == "7"),
        ),
        (
            r#"[{"year":2026,"days":[{"date":"2026-10-01","isOffDay":true}]},{"date":"2026-10-01","type":1}]"#,
            |e| matches!(e, HolidayError::Conflict { .. }),
        ),
        (
            r#"[{"date":"1900-01-01","type":0},{"date":"2200-01-01","type":0}]"#,
            |e| {
                matches!(
                    e,
                    HolidayError::TooWide {
                        first: 1900,
                        last: 2200
                    }
                )
            },
        ),
        (
            r#"{"year":2026,"days":{}}"#,
            |e| matches!(e, HolidayError::Shape { at, .. } if at == ".days"),
        ),
    ];
    for (text, expected) in cases {
        let err = HolidayCalendar::from_json(text).unwrap_err();
        assert!(expected(&err), "{text}: {err:?}");
        assert!(
            err.to_string().starts_with("invalid holiday calendar"),
            "{err}"
        );
    }
    let d = date("2026-10-01");
    assert_eq!(
        HolidayCalendar::new([d], [d]).unwrap_err(),
        HolidayError::Conflict { date: d }
    );
}

/// A calendar made of random rest days and make-up workdays, and whether a day is a working day in
/// it, by BEHAVIOUR.md §7's definition.
fn random_calendar() -> impl Strategy<Value = (Vec<u32>, Vec<u32>)> {
    (
        proptest::collection::vec(0u32..400, 0..60),
        proptest::collection::vec(0u32..400, 0..20),
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// The "working days" preset's occurrences are exactly the working days, from any start, with the
    /// built-in calendar or a random one, and its `OFFICIAL_WORKDAY` counterpart exactly the others.
    #[test]
    fn the_preset_keeps_exactly_the_working_days(
        start in 0u64..8_000,
        (rest, work) in random_calendar(),
        built_in in any::<bool>(),
    ) {
        let first = date("2005-01-01") + Days::new(start);
        let calendar = if built_in {
            HolidayCalendar::china()
        } else {
            let day = |n: &u32| first + Days::new(u64::from(*n));
            let work: Vec<NaiveDate> =
                work.iter().filter(|n| !rest.contains(n)).map(day).collect();
            HolidayCalendar::new(rest.iter().map(day), work).unwrap()
        };
        let begin = first.format("%Y-%m-%d").to_string();
        let last = first + Days::new(120);
        for (skip, working) in [("HOLIDAY,WEEKEND", true), ("OFFICIAL_WORKDAY", false)] {
            let flag = format!("RRULE:FREQ=DAILY;INTERVAL=1;TT_SKIP={skip}");
            let got = dates(&series(&flag, &begin, Some(&calendar)), &last.to_string());
            let expected: Vec<NaiveDate> = first
                .iter_days()
                .take_while(|&d| d <= last)
                .filter(|&d| calendar.is_working_day(d) == working)
                .collect();
            prop_assert_eq!(got, expected, "{} from {}", flag, begin);
        }
    }
}
