//! `LUNAR:` repeats (BEHAVIOUR.md §6) through every surface of the crate: the series, a task's next
//! occurrence and calendar view, every action, and the command line. Dates come from the Hong Kong
//! Observatory's tables (lunar-python, the differential test's oracle, gives the same).

use std::io::Write;
use std::process::{Command, Stdio};

use chrono::{DateTime, NaiveDate, Utc};
use icu_calendar::cal::ChineseTraditional;
use icu_calendar::types::RataDie;
use icu_calendar::Date;
use proptest::prelude::*;
use serde_json::{json, Value};
use ticktick_recur::task::{
    complete, next_occurrence, occurrences, skip, skip_date, wont_do, Close, Task,
};
use ticktick_recur::{
    format_instant, parse_instant, Error, IdSeed, ObjectIdGenerator, Occurrence, RepeatFlag,
    Series, Zone, LUNAR_RANGE,
};

fn at(text: &str) -> DateTime<Utc> {
    parse_instant(text).unwrap()
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn series(flag: &str, start: &str, zone: &str) -> Result<Series, Error> {
    let rule = flag.parse::<RepeatFlag>()?.validate()?;
    Series::new(&rule, at(start), zone.parse()?)
}

/// The local dates of the first `n` occurrences.
fn dates(s: &Series, n: usize) -> Vec<NaiveDate> {
    s.iter().take(n).map(|o| o.unwrap().date()).collect()
}

fn task(v: Value) -> Task {
    Task::from_value(v).unwrap()
}

/// An all-day task in Asia/Shanghai on local date `start` (midnight there is 16:00Z the day before).
fn shanghai_all_day(flag: &str, start: NaiveDate, repeat_from: &str) -> Task {
    let midnight = "Asia/Shanghai"
        .parse::<Zone>()
        .unwrap()
        .instant(start.and_hms_opt(0, 0, 0).unwrap());
    task(json!({
        "id": "696b8b6f2c6f3277d1cc4331", "status": 0, "isAllDay": true,
        "startDate": format_instant(midnight), "dueDate": format_instant(midnight),
        "timeZone": "Asia/Shanghai", "repeatFlag": flag, "repeatFrom": repeat_from,
        "exDate": [], "modifiedTime": "2026-01-01T00:00:00.000+0000", "x-unknown": {"kept": [1, 2]}
    }))
}

/// The local date in Shanghai of a task's next start after closing at `done`.
fn next_date(t: &Task, done: &str) -> Option<NaiveDate> {
    let zone = "Asia/Shanghai".parse::<Zone>().unwrap();
    next_occurrence(t, at(done))
        .unwrap()
        .map(|d| zone.local(d.start_date.unwrap()).date())
}

/// The lunar year, month number, leap flag, day and month length of a local date.
fn lunar(d: NaiveDate) -> (i32, u8, bool, u8, u8) {
    let days = i64::from(chrono::Datelike::num_days_from_ce(&d));
    let l = Date::from_rata_die(RataDie::new(days), ChineseTraditional::new());
    let month = l.month();
    (
        l.year().extended_year(),
        month.number(),
        month.to_input().is_leap(),
        l.day_of_month().0,
        l.days_in_month(),
    )
}

// ---- The named cases of BEHAVIOUR.md §6 ----

#[test]
fn mid_autumn_2026_repeats_on_2027_09_15() {
    let flag = "LUNAR:FREQ=YEARLY;INTERVAL=1;BYMONTH=8;BYMONTHDAY=15";
    let t = shanghai_all_day(flag, date(2026, 9, 25), "2");
    assert_eq!(
        next_date(&t, "2026-09-25T04:00:00Z"),
        Some(date(2027, 9, 15))
    );
    let s = series(flag, "2026-09-24T16:00:00Z", "Asia/Shanghai")
        .unwrap()
        .all_day(true);
    assert_eq!(
        dates(&s, 3),
        [date(2026, 9, 25), date(2027, 9, 15), date(2028, 10, 3)]
    );
}

#[test]
fn day_30_falls_back_to_29_in_a_short_month() {
    // Lunar 2023-12-30 is 2024-02-09; 2024's twelfth month has 29 days.
    let flag = "LUNAR:FREQ=YEARLY;INTERVAL=1;BYMONTH=12;BYMONTHDAY=30";
    let t = shanghai_all_day(flag, date(2024, 2, 9), "2");
    assert_eq!(
        next_date(&t, "2024-02-09T04:00:00Z"),
        Some(date(2025, 1, 28))
    );
    assert_eq!(lunar(date(2025, 1, 28)), (2024, 12, false, 29, 29));
}

#[test]
fn a_task_begun_in_a_leap_month_repeats_in_the_regular_month() {
    // 2025-07-25 is the first day of 2025's leap sixth month (闰六月); the flag says BYMONTH=6.
    assert_eq!(lunar(date(2025, 7, 25)), (2025, 6, true, 1, 29));
    let flag = "LUNAR:FREQ=YEARLY;INTERVAL=1;BYMONTH=6;BYMONTHDAY=1";
    let t = shanghai_all_day(flag, date(2025, 7, 25), "2");
    // Not the leap month's twin, nor 2025's regular sixth month (before the start): 2026's.
    assert_eq!(
        next_date(&t, "2025-07-25T04:00:00Z"),
        Some(date(2026, 7, 14))
    );
    let s = series(flag, "2025-07-24T16:00:00Z", "Asia/Shanghai")
        .unwrap()
        .all_day(true);
    // The start itself is not an occurrence: it lies in the leap month.
    assert_eq!(dates(&s, 2), [date(2026, 7, 14), date(2027, 7, 4)]);
}

#[test]
fn the_2033_leap_eleventh_month() {
    // GB/T 33661-2017 puts 2033's leap month after the eleventh; tables computed the old way put it
    // after the seventh, which moves Mid-Autumn 2033 to 2033-10-07 and the eleventh month to
    // 2033-12-22.
    assert_eq!(lunar(date(2033, 12, 22)), (2033, 11, true, 1, 29));
    let mid_autumn = series(
        "LUNAR:FREQ=YEARLY;BYMONTH=8;BYMONTHDAY=15",
        "2033-01-01T00:00:00Z",
        "Asia/Shanghai",
    )
    .unwrap();
    assert_eq!(dates(&mid_autumn, 1), [date(2033, 9, 8)]);
    let eleventh = series(
        "LUNAR:FREQ=YEARLY;BYMONTH=11;BYMONTHDAY=1",
        "2033-01-01T00:00:00Z",
        "Asia/Shanghai",
    )
    .unwrap();
    assert_eq!(
        dates(&eleventh, 2),
        [date(2033, 11, 22), date(2034, 12, 11)]
    );
    // A monthly rule counts the leap month as a month of its own.
    let monthly = series(
        "LUNAR:FREQ=MONTHLY;BYMONTHDAY=1",
        "2033-11-22T00:00:00Z",
        "UTC",
    )
    .unwrap();
    assert_eq!(
        dates(&monthly, 3),
        [date(2033, 11, 22), date(2033, 12, 22), date(2034, 1, 20)]
    );
}

#[test]
fn the_lunar_date_is_the_local_date_of_the_tasks_zone() {
    // 2026-09-24T20:00Z is lunar 8-15 in Shanghai (04:00 on the 25th) and lunar 8-14 in Berlin
    // (22:00 on the 24th).
    let flag = "LUNAR:FREQ=YEARLY;BYMONTH=8;BYMONTHDAY=15";
    let shanghai = series(flag, "2026-09-24T20:00:00Z", "Asia/Shanghai").unwrap();
    let berlin = series(flag, "2026-09-24T20:00:00Z", "Europe/Berlin").unwrap();
    let instants = |s: &Series| -> Vec<String> {
        s.iter_unbounded()
            .take(2)
            .map(|o| format_instant(o.instant()))
            .collect()
    };
    assert_eq!(
        instants(&shanghai),
        [
            "2026-09-24T20:00:00.000+0000",
            "2027-09-14T20:00:00.000+0000"
        ]
    );
    // Berlin: 22:00 local on lunar 8-15, in summer time (UTC+2) both years.
    assert_eq!(
        instants(&berlin),
        [
            "2026-09-25T20:00:00.000+0000",
            "2027-09-15T20:00:00.000+0000"
        ]
    );
    // A timed Berlin task moves by its own local dates.
    let t = task(json!({
        "id": "a", "status": 0, "startDate": "2026-09-25T16:00:00.000+0000",
        "dueDate": "2026-09-25T17:00:00.000+0000", "timeZone": "Europe/Berlin",
        "repeatFlag": flag, "repeatFrom": "2"
    }));
    let next = next_occurrence(&t, at("2026-09-25T18:00:00Z"))
        .unwrap()
        .unwrap();
    assert_eq!(
        next.start_date.map(format_instant).as_deref(),
        Some("2027-09-15T16:00:00.000+0000")
    );
    assert_eq!(
        next.due_date.map(format_instant).as_deref(),
        Some("2027-09-15T17:00:00.000+0000")
    );
}

// ---- Monthly rules ----

#[test]
fn monthly_rules_count_leap_months_and_clamp_day_30() {
    // From 2025-06-24, the last day of lunar 2025's fifth month (29 days), every month on day 30:
    // the sixth month (30 days), its leap twin (29 days: day 29), the seventh, the eighth.
    assert_eq!(lunar(date(2025, 6, 24)), (2025, 5, false, 29, 29));
    let s = series(
        "LUNAR:FREQ=MONTHLY;INTERVAL=1;BYMONTHDAY=30",
        "2025-06-24T01:00:00Z",
        "UTC",
    )
    .unwrap();
    let got = dates(&s, 5);
    let lunars: Vec<_> = got.iter().map(|&d| lunar(d)).collect();
    assert_eq!(
        lunars.iter().map(|l| (l.1, l.2, l.3)).collect::<Vec<_>>(),
        [
            (5, false, 29),
            (6, false, 30),
            (6, true, 29),
            (7, false, 30),
            (8, false, 29)
        ]
    );
    // INTERVAL=2 takes every second one of the same months.
    let every_other = series(
        "LUNAR:FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=30",
        "2025-06-24T01:00:00Z",
        "UTC",
    )
    .unwrap();
    assert_eq!(dates(&every_other, 3), [got[0], got[2], got[4]]);
}

// ---- COUNT, UNTIL, exDate, repeatFrom ----

#[test]
fn count_until_and_exdates_work_as_for_rrules() {
    let s = series(
        "LUNAR:FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=1;COUNT=3",
        "2026-02-17T01:00:00Z",
        "UTC",
    )
    .unwrap();
    assert_eq!(
        dates(&s, 10),
        [date(2026, 2, 17), date(2027, 2, 6), date(2028, 1, 26)]
    );
    // An exDate is not an occurrence and does not count.
    let s = s.exdates([date(2027, 2, 6)]);
    assert_eq!(
        dates(&s, 10),
        [date(2026, 2, 17), date(2028, 1, 26), date(2029, 2, 13)]
    );
    // COUNT counts the occurrences before a jump.
    let after: Vec<_> = s
        .iter_after(at("2028-06-01T00:00:00Z"))
        .map(|o| o.unwrap().date())
        .collect();
    assert_eq!(after, [date(2029, 2, 13)]);
    let s = series(
        "LUNAR:FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=1;UNTIL=20280126",
        "2026-02-17T01:00:00Z",
        "UTC",
    )
    .unwrap();
    assert_eq!(dates(&s, 10).len(), 3, "UNTIL=yyyyMMdd includes that day");
}

#[test]
fn complete_moves_the_task_and_counts_down_in_place() {
    let flag = "LUNAR:FREQ=YEARLY;INTERVAL=1;BYMONTH=8;BYMONTHDAY=15;COUNT=3";
    let t = shanghai_all_day(flag, date(2026, 9, 25), "2");
    let close = Close {
        at: at("2026-09-25T04:00:00Z"),
        user_id: 130208689,
    };
    let mut ids = ObjectIdGenerator::from_seed("2c6f3277d1cc4341".parse::<IdSeed>().unwrap());
    let body = complete(&t, &close, &mut ids).unwrap();
    let (closed, parent) = (&body.add[0], &body.update[0]);
    assert_eq!(closed.status(), 2);
    assert_eq!(closed.get("repeatFlag").unwrap(), &Value::Null);
    assert_eq!(
        parent.get("startDate").unwrap(),
        "2027-09-14T16:00:00.000+0000"
    );
    assert_eq!(
        parent.repeat_flag(),
        Some("LUNAR:FREQ=YEARLY;INTERVAL=1;BYMONTH=8;BYMONTHDAY=15;COUNT=2")
    );
    assert_eq!(parent.get("x-unknown").unwrap(), &json!({"kept": [1, 2]}));
    let body = wont_do(&t, &close, &mut ids).unwrap();
    assert_eq!(body.add[0].status(), -1);
    // The last occurrence closes the task itself, flag unchanged.
    let last = shanghai_all_day(
        "LUNAR:FREQ=YEARLY;BYMONTH=8;BYMONTHDAY=15;COUNT=1",
        date(2026, 9, 25),
        "2",
    );
    let body = complete(&last, &close, &mut ids).unwrap();
    assert!(body.add.is_empty());
    assert_eq!(body.update[0].status(), 2);
}

#[test]
fn skip_and_skip_date() {
    let flag = "LUNAR:FREQ=MONTHLY;INTERVAL=1;BYMONTHDAY=1";
    let t = shanghai_all_day(flag, date(2026, 2, 17), "0");
    let body = skip(&t, at("2026-02-17T04:00:00Z")).unwrap();
    assert_eq!(
        body.update[0].get("startDate").unwrap(),
        "2026-03-18T16:00:00.000+0000",
        "lunar 2026-02-01 is 2026-03-19"
    );
    assert_eq!(body.update[0].repeat_flag(), Some(flag));
    // The second month's first day can be skipped by date; a day without occurrence cannot.
    let body = skip_date(&t, date(2026, 3, 19), at("2026-02-17T04:00:00Z")).unwrap();
    assert_eq!(body.update[0].get("exDate").unwrap(), &json!(["20260319"]));
    assert!(skip_date(&t, date(2026, 3, 20), at("2026-02-17T04:00:00Z")).is_err());
    // With the exDate, the task moves past it.
    let mut skipped = t.clone();
    skipped.set("exDate", json!(["20260319"])).unwrap();
    assert_eq!(
        next_date(&skipped, "2026-02-17T04:00:00Z"),
        Some(date(2026, 4, 17))
    );
}

#[test]
fn repeat_from_modes() {
    let flag = "LUNAR:FREQ=YEARLY;INTERVAL=1;BYMONTH=8;BYMONTHDAY=15";
    // Due Mid-Autumn 2024 (2024-09-17), completed on 2026-05-01 (lunar 2026-03-15).
    let t = |mode| shanghai_all_day(flag, date(2024, 9, 17), mode);
    let done = "2026-05-01T04:00:00Z";
    // "0": the next one after the due date, even in the past.
    assert_eq!(next_date(&t("0"), done), Some(date(2025, 10, 6)));
    // "2": the first one after the completion.
    assert_eq!(next_date(&t("2"), done), Some(date(2026, 9, 25)));
    // "1": the first one a lunar year or more after the completion (lunar 2027-03-15).
    assert_eq!(next_date(&t("1"), done), Some(date(2027, 9, 15)));
    // "1" completed just before the festival: a year later is just before next year's.
    assert_eq!(
        next_date(&t("1"), "2026-09-20T04:00:00Z"),
        Some(date(2027, 9, 15))
    );
    // "1" completed just after it: the festival a year on has passed, so the year after.
    assert_eq!(
        next_date(&t("1"), "2026-09-26T04:00:00Z"),
        Some(date(2028, 10, 3))
    );
    // COUNT in the default mode jumps nothing, as "0" does.
    let counted = shanghai_all_day(&format!("{flag};COUNT=5"), date(2024, 9, 17), "2");
    assert_eq!(next_date(&counted, done), Some(date(2025, 10, 6)));
    // "1" with a monthly rule counts lunar months from the completion.
    let monthly = shanghai_all_day("LUNAR:FREQ=MONTHLY;BYMONTHDAY=10", date(2026, 2, 26), "1");
    // Completed on lunar 2026-03-15: a month later is 4-15, and the next 10th is 5-10 (2026-06-24).
    assert_eq!(next_date(&monthly, done), Some(date(2026, 6, 24)));
}

#[test]
fn the_calendar_view_lists_lunar_occurrences() {
    let t = shanghai_all_day(
        "LUNAR:FREQ=MONTHLY;INTERVAL=1;BYMONTHDAY=30",
        date(2026, 11, 8),
        "2",
    );
    let all = occurrences(
        &t,
        at("2026-11-01T00:00:00Z"),
        at("2027-02-28T00:00:00Z"),
        10,
    )
    .unwrap();
    let zone = "Asia/Shanghai".parse::<Zone>().unwrap();
    let days: Vec<_> = all
        .iter()
        .map(|d| zone.local(d.start_date.unwrap()).date())
        .collect();
    // Lunar 2026-09-30, 10-30, 11-30, 12-29 (the twelfth month has 29 days), 2027-01-30.
    assert_eq!(
        days,
        [
            date(2026, 11, 8),
            date(2026, 12, 8),
            date(2027, 1, 7),
            date(2027, 2, 5),
        ]
    );
}

#[test]
fn the_agenda_and_reminders_list_lunar_occurrences() {
    use ticktick_recur::agenda::{agenda, reminders, Window};
    // Mid-Autumn, all-day in Shanghai, reminded at 09:00 on the day; a Berlin task every lunar
    // month's 1st at 18:00.
    let mut festival = shanghai_all_day(
        "LUNAR:FREQ=YEARLY;INTERVAL=1;BYMONTH=8;BYMONTHDAY=15",
        date(2026, 9, 25),
        "2",
    );
    festival
        .set(
            "reminders",
            json!([{"id": "r1", "trigger": "TRIGGER:P0DT9H0M0S"}]),
        )
        .unwrap();
    let monthly = task(json!({
        "id": "m", "status": 0, "startDate": "2026-09-11T16:00:00.000+0000",
        "timeZone": "Europe/Berlin", "repeatFlag": "LUNAR:FREQ=MONTHLY;BYMONTHDAY=1"
    }));
    let window = Window::new(at("2026-09-01T00:00:00Z"), at("2027-10-01T00:00:00Z"));
    let entries = agenda(&[festival.clone(), monthly], &window).unwrap();
    let festival_days: Vec<String> = entries
        .iter()
        .filter(|e| e.id() == Some("696b8b6f2c6f3277d1cc4331"))
        .map(|e| format_instant(e.start()))
        .collect();
    assert_eq!(
        festival_days,
        [
            "2026-09-24T16:00:00.000+0000",
            "2027-09-14T16:00:00.000+0000"
        ]
    );
    // Lunar 2026-08-01 is 2026-09-11 (18:00 in Berlin, summer time); then 2026-10-10.
    let monthly_days: Vec<String> = entries
        .iter()
        .filter(|e| e.id() == Some("m"))
        .take(2)
        .map(|e| format_instant(e.start()))
        .collect();
    assert_eq!(
        monthly_days,
        [
            "2026-09-11T16:00:00.000+0000",
            "2026-10-10T16:00:00.000+0000"
        ]
    );
    let fired: Vec<String> = reminders(&[festival], &window)
        .unwrap()
        .iter()
        .map(|r| format_instant(r.fire_time()))
        .collect();
    assert_eq!(
        fired,
        [
            "2026-09-25T01:00:00.000+0000",
            "2027-09-15T01:00:00.000+0000"
        ]
    );
}

// ---- The calendar's range ----

#[test]
fn outside_the_calendar_is_a_clear_error() {
    assert_eq!(LUNAR_RANGE, date(1900, 1, 31)..=date(2101, 1, 28));
    let e = series(
        "LUNAR:FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=1",
        "1899-06-01T00:00:00Z",
        "UTC",
    )
    .unwrap_err();
    assert_eq!(
        e.to_string(),
        r#"rule "LUNAR:FREQ=YEARLY;INTERVAL=1;BYMONTH=1;BYMONTHDAY=1" needs the Chinese calendar on 1899-06-01, outside the dates it is known for (1900-01-31 to 2101-01-28)"#
    );
    // A series that runs off the end: its occurrences, then the error, once.
    let s = series(
        "LUNAR:FREQ=YEARLY;BYMONTH=8;BYMONTHDAY=15",
        "2099-01-01T00:00:00Z",
        "UTC",
    )
    .unwrap();
    let all: Vec<Result<Occurrence, Error>> = s.iter().collect();
    assert_eq!(all.len(), 3);
    assert_eq!(all[1].as_ref().unwrap().date(), date(2100, 9, 18));
    assert!(
        matches!(&all[2], Err(Error::LunarRange { date: d, .. }) if *d == date(2101, 1, 29)),
        "{:?}",
        all[2]
    );
    assert_eq!(
        s.iter_unbounded().count(),
        2,
        "the unchecked walk just ends"
    );
    assert!(matches!(
        s.after(at("2150-01-01T00:00:00Z")),
        Err(Error::LunarRange { .. })
    ));
    // A task whose next occurrence lies past the range says so.
    let t = shanghai_all_day(
        "LUNAR:FREQ=YEARLY;BYMONTH=8;BYMONTHDAY=15",
        date(2100, 9, 18),
        "2",
    );
    let e = next_occurrence(&t, at("2100-09-18T04:00:00Z")).unwrap_err();
    assert!(matches!(e, Error::LunarRange { .. }), "{e}");
    // One whose UNTIL comes first simply ends.
    let t = shanghai_all_day(
        "LUNAR:FREQ=YEARLY;BYMONTH=8;BYMONTHDAY=15;UNTIL=21001231",
        date(2100, 9, 18),
        "2",
    );
    assert_eq!(
        next_occurrence(&t, at("2100-09-18T04:00:00Z")).unwrap(),
        None
    );
}

// ---- Properties ----

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Every yearly occurrence is the lunar month and day asked for (the 29th when the month is
    /// short), never in a leap month, one INTERVAL of lunar years after the last; the first is the
    /// first such date on or after the start; and jumping ahead agrees with the walk. A series whose
    /// next lunar year lies past [`LUNAR_RANGE`] ends with the typed range error, once, naming the
    /// range's first day past its end (BEHAVIOUR.md §6: never a guess).
    #[test]
    fn yearly_occurrences_are_the_lunar_date_asked_for(
        month in 1u8..=12,
        day in 1u8..=30,
        interval in 1u32..=3,
        start_day in 0i64..(2090 - 1950) * 365,
        zone in prop::sample::select(vec!["Asia/Shanghai", "Europe/Berlin", "America/New_York", "UTC"]),
        hour in 0u32..24,
        all_day in any::<bool>(),
    ) {
        let flag = format!("LUNAR:FREQ=YEARLY;INTERVAL={interval};BYMONTH={month};BYMONTHDAY={day}");
        let zone: Zone = zone.parse().unwrap();
        let local = date(1950, 1, 1) + chrono::Days::new(start_day as u64);
        let start = zone.instant(local.and_hms_opt(hour, 0, 0).unwrap());
        let rule = flag.parse::<RepeatFlag>().unwrap().validate().unwrap();
        let s = Series::new(&rule, start, zone).unwrap().all_day(all_day);
        let walked: Vec<Result<Occurrence, Error>> = s.iter().take(4).collect();
        let got: Vec<Occurrence> = walked.iter().map_while(|o| o.as_ref().ok().copied()).collect();
        let (last_lunar_year, ..) = lunar(*LUNAR_RANGE.end());
        let past_the_range = LUNAR_RANGE.end().succ_opt().unwrap();
        let mut year = None;
        for o in &got {
            let (y, m, leap, d, len) = lunar(o.date());
            prop_assert_eq!((m, leap), (month, false), "{}", o.date());
            prop_assert_eq!(d, day.min(len), "{}", o.date());
            prop_assert!(o.local() >= s.start());
            prop_assert_eq!(o.local().time(), s.start().time());
            if let Some(last) = year {
                prop_assert_eq!(y, last + interval as i32);
            }
            year = Some(y);
        }
        // The start lies in lunar 2089 at the latest, so the first occurrence is in lunar 2092 at
        // the latest and the third in 2098: at least three occurrences lie within the range.
        prop_assert!(got.len() >= 3, "{:?}", walked);
        if got.len() < 4 {
            // The next lunar year is past the range: the typed error, and nothing after it.
            let due = year.unwrap() + interval as i32;
            prop_assert!(due > last_lunar_year, "{:?}", walked);
            prop_assert!(
                matches!(&walked[got.len()], Err(Error::LunarRange { date: d, .. }) if *d == past_the_range),
                "{:?}",
                walked
            );
            prop_assert_eq!(s.iter().count(), got.len() + 1);
            let after_last = s.after(got[got.len() - 1].instant());
            prop_assert!(matches!(&after_last, Err(Error::LunarRange { .. })), "{:?}", after_last);
        }
        // Nothing on the rule's month and day between the start and the first occurrence, in
        // the start's own lunar year.
        let (start_year, ..) = lunar(s.start().date());
        let first = got[0].date();
        let mut d = s.start().date();
        while d < first {
            let (y, m, leap, dd, len) = lunar(d);
            prop_assert!(!(y == start_year && m == month && !leap && dd == day.min(len)), "{d} skipped");
            d = d.succ_opt().unwrap();
        }
        for w in got.windows(2) {
            let just_before = w[1].instant() - chrono::TimeDelta::seconds(1);
            prop_assert_eq!(s.after(just_before).unwrap(), Some(w[1]));
            prop_assert_eq!(s.after(w[0].instant()).unwrap(), Some(w[1]));
        }
    }

    /// Every monthly occurrence is the day asked for (or the month's last), `interval` lunar months
    /// (leap months counted) after the last.
    #[test]
    fn monthly_occurrences_step_by_lunar_months(
        day in 1u8..=30,
        interval in 1u32..=4,
        start_day in 0i64..(2090 - 1950) * 365,
        count in prop::option::of(1u32..6),
    ) {
        let mut flag = format!("LUNAR:FREQ=MONTHLY;INTERVAL={interval};BYMONTHDAY={day}");
        if let Some(c) = count {
            flag.push_str(&format!(";COUNT={c}"));
        }
        let zone = Zone::UTC;
        let local = date(1950, 1, 1) + chrono::Days::new(start_day as u64);
        let start = zone.instant(local.and_hms_opt(9, 30, 0).unwrap());
        let rule = flag.parse::<RepeatFlag>().unwrap().validate().unwrap();
        let s = Series::new(&rule, start, zone).unwrap();
        let got: Vec<NaiveDate> = dates(&s, 6);
        prop_assert_eq!(got.len(), count.map_or(6, |c| c as usize));
        for &o in &got {
            let (.., d, len) = lunar(o);
            prop_assert_eq!(d, day.min(len));
        }
        for w in got.windows(2) {
            let mut firsts = 0;
            let mut d = w[0];
            while d < w[1] {
                d = d.succ_opt().unwrap();
                if lunar(d).3 == 1 {
                    firsts += 1;
                }
            }
            prop_assert_eq!(firsts, interval, "{} to {}", w[0], w[1]);
        }
        // Jumping ahead agrees with the walk, COUNT included.
        for (i, &o) in got.iter().enumerate() {
            let from = zone.instant(o.and_hms_opt(12, 0, 0).unwrap());
            // With COUNT the series ends there: ask for one more than it has.
            let want = got.len() - i - usize::from(count.is_none());
            let rest: Vec<NaiveDate> = s
                .iter_after(from)
                .map(|o| o.unwrap().date())
                .take(want)
                .collect();
            prop_assert_eq!(&rest[..], &got[i + 1..], "after {}", o);
        }
    }
}

// ---- The command line ----

fn cli(args: &[&str], stdin: &str) -> (i32, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_ticktick-recur"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let _ = child.stdin.take().unwrap().write_all(stdin.as_bytes());
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn the_command_line_expands_and_completes_lunar_tasks() {
    let (code, out, err) = cli(
        &[
            "expand",
            "LUNAR:FREQ=YEARLY;INTERVAL=1;BYMONTH=8;BYMONTHDAY=15",
            "--start",
            "2026-09-24T16:00:00Z",
            "--tz",
            "Asia/Shanghai",
            "--all-day",
            "--limit",
            "2",
        ],
        "",
    );
    assert_eq!((code, err.as_str()), (0, ""));
    assert_eq!(
        out,
        "2026-09-24T16:00:00.000+0000\n2027-09-14T16:00:00.000+0000\n"
    );
    let t = shanghai_all_day(
        "LUNAR:FREQ=YEARLY;INTERVAL=1;BYMONTH=12;BYMONTHDAY=30",
        date(2024, 2, 9),
        "2",
    );
    let (code, out, err) = cli(
        &[
            "complete",
            "-",
            "--at",
            "2024-02-09T04:00:00Z",
            "--user",
            "1",
        ],
        &t.to_json(),
    );
    assert_eq!(code, 0, "{err}");
    let body: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        body["update"][0]["startDate"],
        "2025-01-27T16:00:00.000+0000"
    );
    let (code, out, _) = cli(&["next", "-", "--at", "2024-02-09T04:00:00Z"], &t.to_json());
    assert_eq!(code, 0);
    assert!(out.contains("2025-01-27T16:00:00.000+0000"), "{out}");
    let (code, out, err) = cli(
        &[
            "expand",
            "LUNAR:FREQ=MONTHLY;BYMONTHDAY=1",
            "--start",
            "2101-06-01T00:00:00Z",
        ],
        "",
    );
    assert_eq!((code, out.as_str()), (2, ""));
    assert_eq!(
        err,
        "error: rule \"LUNAR:FREQ=MONTHLY;INTERVAL=1;BYMONTHDAY=1\" needs the Chinese calendar on 2101-06-01, outside the dates it is known for (1900-01-31 to 2101-01-28)\n"
    ); // A series that runs off the range's end: the error, no partial list; with COUNT it ends first.
    let flag = "LUNAR:FREQ=YEARLY;BYMONTH=8;BYMONTHDAY=15";
    let (code, out, err) = cli(&["expand", flag, "--start", "2099-01-01T00:00:00Z"], "");
    assert_eq!((code, out.as_str()), (2, ""));
    assert!(
        err.contains("needs the Chinese calendar on 2101-01-29"),
        "{err}"
    );
    let counted = format!("{flag};COUNT=2");
    let (code, out, _) = cli(&["expand", &counted, "--start", "2099-01-01T00:00:00Z"], "");
    assert_eq!(
        (code, out.as_str()),
        (
            0,
            "2099-09-29T00:00:00.000+0000\n2100-09-18T00:00:00.000+0000\n"
        )
    );
}
