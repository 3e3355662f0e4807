//! Named edge cases of the expansion engine, each with where its expectation comes from, and the
//! property that jumping ahead agrees with walking the series from its start.

use chrono::{DateTime, NaiveDate, Utc};
use proptest::prelude::*;
use ticktick_recur::{parse_instant, Error, HolidayCalendar, Occurrence, RepeatFlag, Series, Zone};

fn series(flag: &str, start: &str, zone: &str) -> Series {
    try_series(flag, start, zone).unwrap()
}

fn try_series(flag: &str, start: &str, zone: &str) -> Result<Series, Error> {
    let rule = flag.parse::<RepeatFlag>()?.validate()?;
    Series::new(&rule, parse_instant(start)?, zone.parse()?)
}

fn locals(occurrences: impl Iterator<Item = Occurrence>) -> Vec<String> {
    occurrences
        .map(|o| o.local().format("%Y-%m-%d %H:%M").to_string())
        .collect()
}

fn instants(occurrences: impl Iterator<Item = Occurrence>) -> Vec<String> {
    occurrences
        .map(|o| o.instant().format("%Y-%m-%dT%H:%MZ").to_string())
        .collect()
}

fn at(s: &str) -> DateTime<Utc> {
    parse_instant(s).unwrap()
}

fn date(s: &str) -> NaiveDate {
    ticktick_recur::parse_date(s).unwrap()
}

/// BEHAVIOUR.md §3: a 09:00 task stays at 09:00 local time across New York's March change.
#[test]
fn new_york_nine_oclock_across_the_march_change() {
    let s = series(
        "RRULE:FREQ=DAILY",
        "2026-03-07T14:00:00Z",
        "America/New_York",
    );
    assert_eq!(
        instants(s.iter_unbounded().take(3)),
        [
            "2026-03-07T14:00Z",
            "2026-03-08T13:00Z",
            "2026-03-09T13:00Z"
        ]
    );
}

/// Pacific/Apia skipped 2011-12-30 (from UTC-10 to UTC+14). The 30th's 10:00 does not exist and is
/// shifted forward by the gap (24 hours) onto the same instant as the 31st's, as python-dateutil with
/// zoneinfo does. Asking for the next occurrence after that instant gives 1 January.
#[test]
fn apia_skipped_day() {
    let s = series("RRULE:FREQ=DAILY", "2011-12-28T20:00:00Z", "Pacific/Apia");
    assert_eq!(
        locals(s.iter_unbounded().take(5)),
        [
            "2011-12-28 10:00",
            "2011-12-29 10:00",
            "2011-12-30 10:00",
            "2011-12-31 10:00",
            "2012-01-01 10:00"
        ]
    );
    assert_eq!(
        instants(s.iter_unbounded().take(5)),
        [
            "2011-12-28T20:00Z",
            "2011-12-29T20:00Z",
            "2011-12-30T20:00Z",
            "2011-12-30T20:00Z",
            "2011-12-31T20:00Z"
        ]
    );
    let next = s.after_unbounded(at("2011-12-30T20:00:00Z")).unwrap();
    assert_eq!(next.local().to_string(), "2012-01-01 10:00:00");
}

/// Australia/Lord_Howe moves 30 minutes (UTC+10:30 to +11) at 02:00 on 2026-10-04: 02:15 that day
/// becomes 02:45 (zoneinfo agrees: 15:45Z).
#[test]
fn lord_howe_half_hour_change() {
    let s = series(
        "RRULE:FREQ=DAILY",
        "2026-10-02T15:45:00Z",
        "Australia/Lord_Howe",
    );
    assert_eq!(
        instants(s.iter_unbounded().take(3)),
        [
            "2026-10-02T15:45Z",
            "2026-10-03T15:45Z",
            "2026-10-04T15:15Z"
        ]
    );
}

/// America/Sao_Paulo moved its clocks at midnight (2018-11-04 00:00 became 01:00): an all-day series
/// lives at local midnight, which that day is 01:00.
#[test]
fn sao_paulo_midnight_change_all_day() {
    let s = series(
        "RRULE:FREQ=DAILY",
        "2018-11-03T03:00:00Z",
        "America/Sao_Paulo",
    )
    .all_day(true);
    assert_eq!(
        instants(s.iter_unbounded().take(3)),
        [
            "2018-11-03T03:00Z",
            "2018-11-04T03:00Z",
            "2018-11-05T02:00Z"
        ]
    );
}

/// RFC 5545 §3.3.10: an HOURLY series steps wall-clock hours; in New York's November fold 01:30 is
/// taken at its earlier instant (EDT), so the hour is not produced twice.
#[test]
fn hourly_across_the_fold_takes_the_earlier_instant() {
    let s = series(
        "RRULE:FREQ=HOURLY",
        "2026-11-01T04:30:00Z",
        "America/New_York",
    );
    assert_eq!(
        instants(s.iter_unbounded().take(3)),
        [
            "2026-11-01T04:30Z",
            "2026-11-01T05:30Z",
            "2026-11-01T07:30Z"
        ]
    );
}

/// RFC 5545 §3.3.10: an invalid date (29 February in a common year) is ignored, not moved.
#[test]
fn leap_day_yearly_skips_common_years() {
    let s = series("RRULE:FREQ=YEARLY", "2024-02-29T09:00:00Z", "UTC");
    assert_eq!(
        locals(s.iter_unbounded().take(3)),
        ["2024-02-29 09:00", "2028-02-29 09:00", "2032-02-29 09:00"]
    );
}

/// ISO years with 53 weeks: 2015, 2020, 2026 (python `date.isocalendar`).
#[test]
fn monday_of_week_53() {
    let s = series(
        "RRULE:FREQ=YEARLY;BYWEEKNO=53;BYDAY=MO",
        "2015-01-01T09:00:00Z",
        "UTC",
    );
    assert_eq!(
        locals(s.iter_unbounded().take(3)),
        ["2015-12-28 09:00", "2020-12-28 09:00", "2026-12-28 09:00"]
    );
}

/// SURFACES.md §1: a rule that can produce no occurrence at all is a bad flag.
#[test]
fn rules_that_can_never_occur_are_errors() {
    for flag in [
        "RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30",
        "RRULE:FREQ=MONTHLY;BYMONTH=4,6,9,11;BYMONTHDAY=31",
        "RRULE:FREQ=WEEKLY;BYDAY=SA,SU;TT_SKIP=WEEKEND",
        "RRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=-30",
        "RRULE:FREQ=MONTHLY;BYDAY=5MO;BYMONTHDAY=1,2,3,4,5,6,7",
        // Periods that can never land where the rule allows: even seconds against an odd BYSECOND,
        // odd hours (03:00 in Istanbul) against an even BYHOUR, a weekly step from a Thursday against
        // Tuesdays, years four apart from 2026 against 29 February.
        "RRULE:FREQ=SECONDLY;INTERVAL=2;BYSECOND=1",
        "RRULE:FREQ=MINUTELY;INTERVAL=120;BYHOUR=2",
        "RRULE:FREQ=HOURLY;INTERVAL=168;BYDAY=TU",
        "RRULE:FREQ=DAILY;INTERVAL=7;BYDAY=TU",
        "RRULE:FREQ=YEARLY;INTERVAL=4;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO;COUNT=3",
        // BYSETPOS beyond what any period holds: a SECONDLY period has one candidate.
        "RRULE:FREQ=SECONDLY;COUNT=1;BYMONTH=10;BYSETPOS=3",
        "RRULE:FREQ=DAILY;BYHOUR=9,17;BYSETPOS=-3",
    ] {
        let err = try_series(flag, "2026-01-01T00:00:00Z", "Europe/Istanbul").unwrap_err();
        assert!(matches!(err, Error::NeverOccurs { .. }), "{flag}: {err}");
    }
    let err = try_series(
        "RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30",
        "2026-01-01T00:00:00Z",
        "UTC",
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        r#"rule "RRULE:FREQ=YEARLY;INTERVAL=1;BYMONTH=2;BYMONTHDAY=30" can never produce an occurrence"#
    );
}

/// A 7-hour grid repeats every week (7 x 24 hours = 168 hours), so from a Thursday midnight it meets
/// 00:00 only on Thursdays: `BYDAY=TU;BYHOUR=0` can never occur, and saying so must not take the
/// search budget. From Thursday 01:00 the grid meets Tuesday 00:00, 119 = 7 x 17 hours later, then
/// every week. (Worked out by hand; 2026-01-01 is a Thursday.)
#[test]
fn a_sub_daily_grid_that_never_meets_its_day_and_hour_never_occurs() {
    let flag = "RRULE:FREQ=HOURLY;INTERVAL=7;BYDAY=TU;BYHOUR=0";
    for zone in ["UTC", "America/New_York", "Australia/Lord_Howe"] {
        let err = try_series(flag, &local_utc(zone, "2026-01-01T00:00:00"), zone).unwrap_err();
        assert!(matches!(err, Error::NeverOccurs { .. }), "{zone}: {err}");
    }
    let s = series(flag, "2026-01-01T01:00:00Z", "UTC");
    assert_eq!(
        locals(s.iter_unbounded().take(3)),
        ["2026-01-06 00:00", "2026-01-13 00:00", "2026-01-20 00:00"]
    );
}

/// The instant of wall-clock time `local` (`yyyy-MM-ddTHH:mm:ss`) in `zone`, in RFC 3339.
fn local_utc(zone: &str, local: &str) -> String {
    let zone: Zone = zone.parse().unwrap();
    let local = chrono::NaiveDateTime::parse_from_str(local, "%Y-%m-%dT%H:%M:%S").unwrap();
    zone.instant(local).to_rfc3339()
}

/// More grids that can never land where the rule allows, each found by the same analysis: minutes,
/// seconds and days whose step is a whole number of weeks (or 7 hours) from a Thursday
/// (2026-01-01) against other weekdays, with and without a month or a day of the month; grids that
/// meet only Saturdays, which TT_SKIP=WEEKEND drops (from Saturday 2026-01-03); and a grid 773 days
/// apart (146,097 = 3^3 x 7 x 773), which meets one day in 773 of the 400-year cycle: from
/// 2026-01-01 it meets 29 February only in 2356 and every 400 years after, always a Wednesday
/// (python `datetime.date`), never a Monday.
#[test]
fn periodic_grids_that_miss_their_filters_never_occur() {
    for (flag, start) in [
        (
            "RRULE:FREQ=MINUTELY;INTERVAL=420;BYDAY=MO;BYHOUR=0;BYMINUTE=0",
            "2026-01-01T00:00:00Z",
        ),
        (
            "RRULE:FREQ=SECONDLY;INTERVAL=25200;BYDAY=TU;BYHOUR=0;BYMINUTE=0;BYSECOND=0",
            "2026-01-01T00:00:00Z",
        ),
        (
            "RRULE:FREQ=HOURLY;INTERVAL=7;BYMONTH=3;BYDAY=TU;BYHOUR=0",
            "2026-01-01T00:00:00Z",
        ),
        (
            "RRULE:FREQ=HOURLY;INTERVAL=7;BYMONTHDAY=13;BYDAY=FR;BYHOUR=0",
            "2026-01-01T00:00:00Z",
        ),
        (
            "RRULE:FREQ=DAILY;INTERVAL=14;BYDAY=SA,SU",
            "2026-01-01T09:00:00Z",
        ),
        (
            "RRULE:FREQ=DAILY;INTERVAL=7;TT_SKIP=WEEKEND",
            "2026-01-03T09:00:00Z",
        ),
        (
            "RRULE:FREQ=HOURLY;INTERVAL=336;TT_SKIP=WEEKEND",
            "2026-01-03T09:00:00Z",
        ),
        (
            "RRULE:FREQ=HOURLY;INTERVAL=18552;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO",
            "2026-01-01T09:00:00Z",
        ),
    ] {
        // Proved, not given up on: a search that ran out of steps would be `SearchLimit`.
        let err = try_series(flag, start, "UTC").unwrap_err();
        assert!(matches!(err, Error::NeverOccurs { .. }), "{flag}: {err}");
    }
    let s = series(
        "RRULE:FREQ=HOURLY;INTERVAL=18552;BYMONTH=2;BYMONTHDAY=29",
        "2026-01-01T09:00:00Z",
        "UTC",
    );
    assert_eq!(
        locals(s.iter_unbounded().take(2)),
        ["2356-02-29 09:00", "2756-02-29 09:00"]
    );
}

/// 29 February on a Monday happens in 2044 and 2072 (python `date.weekday`): rare, but found.
#[test]
fn rare_rules_are_found_from_every_frequency() {
    for flag in [
        "RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO",
        "RRULE:FREQ=MONTHLY;BYMONTHDAY=29;BYDAY=MO;BYMONTH=2",
        "RRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO",
        "RRULE:FREQ=HOURLY;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO;BYHOUR=17;BYMINUTE=0;BYSECOND=0",
        "RRULE:FREQ=SECONDLY;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO;BYHOUR=17;BYMINUTE=0;BYSECOND=0",
    ] {
        let s = series(flag, "2000-01-01T15:00:00Z", "Europe/Istanbul");
        let found = locals(s.iter_after_unbounded(at("2026-01-17T00:00:00Z")).take(2));
        assert_eq!(found, ["2044-02-29 17:00", "2072-02-29 17:00"], "{flag}");
    }
}

/// BEHAVIOUR.md §2: TT_SKIP drops weekend days, it does not move them.
#[test]
fn weekend_days_are_dropped_not_moved() {
    let s = series(
        "RRULE:FREQ=DAILY;TT_SKIP=WEEKEND",
        "2026-01-16T06:00:00Z",
        "Europe/Istanbul",
    );
    assert_eq!(
        locals(s.iter_unbounded().take(3)),
        ["2026-01-16 09:00", "2026-01-19 09:00", "2026-01-20 09:00"]
    );
    // A make-up workday on a Saturday is a working day; a holiday is dropped with HOLIDAY.
    let cal = HolidayCalendar::new([date("20260120")], [date("20260117")]).unwrap();
    let s = series(
        "RRULE:FREQ=DAILY;TT_SKIP=HOLIDAY,WEEKEND",
        "2026-01-16T06:00:00Z",
        "Europe/Istanbul",
    )
    .holidays(cal);
    assert_eq!(
        locals(s.iter_unbounded().take(4)),
        [
            "2026-01-16 09:00",
            "2026-01-17 09:00",
            "2026-01-19 09:00",
            "2026-01-21 09:00"
        ]
    );
}

/// BEHAVIOUR.md §2: TT_WORKDAY=-1 is the last working day of the month (2026: 30 Jan Fri, 27 Feb Fri,
/// 31 Mar Tue, 30 Apr Thu, 29 May Fri).
#[test]
fn last_working_day_of_the_month() {
    for flag in [
        "RRULE:FREQ=MONTHLY;INTERVAL=1;BYMONTHDAY=-1;TT_WORKDAY=-1",
        "RRULE:FREQ=MONTHLY;INTERVAL=1;BYMONTHDAY=1;TT_WORKDAY=-1",
    ] {
        let s = series(flag, "2026-01-30T07:00:00Z", "Europe/Berlin");
        assert_eq!(
            locals(s.iter_unbounded().take(5)),
            [
                "2026-01-30 08:00",
                "2026-02-27 08:00",
                "2026-03-31 08:00",
                "2026-04-30 08:00",
                "2026-05-29 08:00"
            ],
            "{flag}"
        );
    }
    // A holiday on the last weekday moves it one day earlier.
    let s = series(
        "RRULE:FREQ=MONTHLY;BYMONTHDAY=-1;TT_WORKDAY=-1",
        "2026-03-01T07:00:00Z",
        "Europe/Berlin",
    )
    .holidays(HolidayCalendar::new([date("20260331")], []).unwrap());
    assert_eq!(locals(s.iter_unbounded().take(1)), ["2026-03-30 08:00"]);
}

/// TT_WORKDAY=1: the first working day; 1 Feb 2026 is a Sunday, unless it is a make-up workday.
#[test]
fn first_working_day_of_the_month() {
    let flag = "RRULE:FREQ=MONTHLY;INTERVAL=1;BYMONTHDAY=1;TT_WORKDAY=1";
    let s = series(flag, "2026-02-01T00:00:00Z", "UTC");
    assert_eq!(
        locals(s.iter_unbounded().take(2)),
        ["2026-02-02 00:00", "2026-03-02 00:00"]
    );
    let s = series(flag, "2026-02-01T00:00:00Z", "UTC")
        .holidays(HolidayCalendar::new([], [date("20260201")]).unwrap());
    assert_eq!(
        locals(s.iter_unbounded().take(2)),
        ["2026-02-01 00:00", "2026-03-02 00:00"]
    );
}

/// BEHAVIOUR.md §2: CUSTOM dates at the start's time of day, and nothing after the last one.
#[test]
fn custom_dates_run_out() {
    let s = series(
        "ERULE:NAME=CUSTOM;BYDATE=20260319,20260320,20260402",
        "2026-03-19T06:00:00Z",
        "Europe/Istanbul",
    );
    assert_eq!(
        locals(s.iter_unbounded()),
        ["2026-03-19 09:00", "2026-03-20 09:00", "2026-04-02 09:00"]
    );
    assert_eq!(s.after_unbounded(at("2026-04-02T06:00:00Z")), None);
    let s = s.exdates([date("20260320")]);
    assert_eq!(
        locals(s.iter_unbounded()),
        ["2026-03-19 09:00", "2026-04-02 09:00"]
    );
}

/// BEHAVIOUR.md §2: the forgetting curve lands on days 0, 1, 2, 4, 7, 15, 30, 45.
#[test]
fn forgetting_curve_days() {
    let s = series(
        "ERULE:NAME=FORGETTINGCURVE;CYCLE=0",
        "2026-01-01T09:00:00Z",
        "UTC",
    );
    let first = s.iter_unbounded().next().unwrap().date();
    let days: Vec<i64> = s
        .iter_unbounded()
        .take(8)
        .map(|o| (o.date() - first).num_days())
        .collect();
    assert_eq!(days, [0, 1, 2, 4, 7, 15, 30, 45]);
    // From cycle 3 with COUNT=2: the current one and one more, 3 days later.
    let s = series(
        "ERULE:NAME=FORGETTINGCURVE;CYCLE=3;COUNT=2",
        "2026-01-01T09:00:00Z",
        "UTC",
    );
    assert_eq!(
        locals(s.iter_unbounded()),
        ["2026-01-01 09:00", "2026-01-04 09:00"]
    );
}

/// BEHAVIOUR.md §1: an exDate removes every occurrence on that local calendar day; removed days do
/// not count toward COUNT, as TickTick never makes them an occurrence.
#[test]
fn exdates_remove_whole_local_days() {
    let s = series(
        "RRULE:FREQ=DAILY;BYHOUR=9,18;COUNT=4",
        "2026-01-17T06:00:00Z",
        "Europe/Istanbul",
    )
    .exdates([date("20260118")]);
    assert_eq!(
        locals(s.iter_unbounded()),
        [
            "2026-01-17 09:00",
            "2026-01-17 18:00",
            "2026-01-19 09:00",
            "2026-01-19 18:00"
        ]
    );
}

/// BEHAVIOUR.md §3: `UNTIL=yyyyMMdd` includes that whole local day; `UNTIL=...Z` is an instant.
#[test]
fn date_until_includes_the_whole_local_day() {
    let s = series(
        "RRULE:FREQ=DAILY;UNTIL=20260120",
        "2026-01-17T20:30:00Z",
        "Europe/Istanbul",
    );
    assert_eq!(
        locals(s.iter_unbounded()).last().unwrap(),
        "2026-01-20 23:30"
    );
    assert_eq!(s.iter_unbounded().count(), 4);
    let s = series(
        "RRULE:FREQ=DAILY;UNTIL=20260120T203000Z",
        "2026-01-17T20:30:00Z",
        "Europe/Istanbul",
    );
    assert_eq!(s.iter_unbounded().count(), 4);
    let s = series(
        "RRULE:FREQ=DAILY;UNTIL=20260120T202959Z",
        "2026-01-17T20:30:00Z",
        "Europe/Istanbul",
    );
    assert_eq!(s.iter_unbounded().count(), 3);
}

/// The captured weekly task (BEHAVIOUR.md §9): Saturdays at 18:00 Istanbul until 27 February 2026.
#[test]
fn captured_weekly_until_task() {
    let s = series(
        "RRULE:FREQ=WEEKLY;INTERVAL=1;WKST=SU;UNTIL=20260227;BYDAY=SA",
        "2026-01-17T15:00:00.000+0000",
        "Europe/Istanbul",
    );
    assert_eq!(
        instants(s.iter_unbounded()),
        [
            "2026-01-17T15:00Z",
            "2026-01-24T15:00Z",
            "2026-01-31T15:00Z",
            "2026-02-07T15:00Z",
            "2026-02-14T15:00Z",
            "2026-02-21T15:00Z"
        ]
    );
}

/// The start is an occurrence only when it matches the rule (python-dateutil; SURFACES.md §1).
#[test]
fn a_start_off_the_rule_is_not_an_occurrence() {
    // 2026-01-16 is a Friday.
    let s = series(
        "RRULE:FREQ=WEEKLY;BYDAY=SA",
        "2026-01-16T15:00:00Z",
        "Europe/Istanbul",
    );
    assert_eq!(locals(s.iter_unbounded().take(1)), ["2026-01-17 18:00"]);
}

#[test]
fn lunar_rules_expand_on_the_chinese_calendar() {
    // Mid-Autumn (lunar 8-15) at 08:00 in Shanghai; tests/lunar.rs has the rest.
    let s = try_series(
        "LUNAR:FREQ=YEARLY;INTERVAL=1;BYMONTH=8;BYMONTHDAY=15",
        "2026-01-01T00:00:00Z",
        "Asia/Shanghai",
    )
    .unwrap();
    assert_eq!(
        locals(s.iter_unbounded().take(2)),
        ["2026-09-25 08:00", "2027-09-15 08:00"]
    );
}

#[test]
fn not_recurring_is_the_start_alone() {
    for flag in ["", "RRULE:FREQ=NONE", "FREQ=NONE"] {
        let s = series(flag, "2026-01-17T15:00:00Z", "UTC");
        assert_eq!(locals(s.iter_unbounded()), ["2026-01-17 15:00"], "{flag:?}");
    }
}

fn flag_strategy() -> impl Strategy<Value = String> {
    let freq = prop_oneof![
        Just("YEARLY"),
        Just("MONTHLY"),
        Just("WEEKLY"),
        Just("DAILY"),
        Just("HOURLY"),
        Just("MINUTELY"),
    ];
    let part = prop_oneof![
        (1u32..5).prop_map(|n| format!(";INTERVAL={n}")),
        (1u32..40).prop_map(|n| format!(";COUNT={n}")),
        proptest::sample::subsequence(vec!["MO", "TU", "WE", "TH", "FR", "SA", "SU"], 1..4)
            .prop_map(|d| format!(";BYDAY={}", d.join(","))),
        (1u32..=12).prop_map(|m| format!(";BYMONTH={m}")),
        (-3i32..=3)
            .prop_filter("nonzero", |&d| d != 0)
            .prop_map(|p| format!(";BYSETPOS={p}")),
        Just(";TT_SKIP=WEEKEND".to_string()),
        (0u32..24).prop_map(|h| format!(";BYHOUR={h}")),
    ];
    (freq, proptest::collection::vec(part, 0..3)).prop_map(|(f, parts)| {
        let mut flag = format!("RRULE:FREQ={f}");
        let mut seen = Vec::new();
        for p in parts {
            let key = p.split('=').next().unwrap().to_string();
            if !seen.contains(&key) {
                seen.push(key);
                flag.push_str(&p);
            }
        }
        flag
    })
}

fn zone_strategy() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "UTC",
        "America/New_York",
        "Europe/London",
        "Australia/Lord_Howe",
        "America/Sao_Paulo",
        "Africa/Cairo",
        "Pacific/Apia",
        "Europe/Istanbul",
    ])
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Jumping to the period around `t` gives exactly what walking from the start gives.
    #[test]
    fn skip_ahead_agrees_with_the_walk(
        flag in flag_strategy(),
        zone in zone_strategy(),
        start in 946_684_800i64..1_800_000_000,
        ahead in 0i64..400_000_000,
    ) {
        let rule = flag.parse::<RepeatFlag>().unwrap().validate();
        prop_assume!(rule.is_ok());
        let rule = rule.unwrap();
        let zone: Zone = zone.parse().unwrap();
        let start = DateTime::from_timestamp(start, 0).unwrap();
        let Ok(series) = Series::new(&rule, start, zone) else { return Ok(()) };
        // Up to four months ahead; a week for minutely rules, whose walk is long.
        let reach = if flag.contains("MINUTELY") { ahead / 660 } else { ahead / 37 };
        let t = start + chrono::TimeDelta::seconds(reach);
        let walked: Vec<Occurrence> =
            series.iter_unbounded().filter(|o| o.instant() > t).take(5).collect();
        let jumped: Vec<Occurrence> = series.iter_after_unbounded(t).take(5).collect();
        prop_assert_eq!(&walked, &jumped, "{} from {} in {}", flag, start, zone);
        prop_assert_eq!(series.after_unbounded(t), walked.first().copied());
    }

    /// Occurrences come in ascending wall-clock order, never before the start.
    #[test]
    fn occurrences_ascend_from_the_start(
        flag in flag_strategy(),
        zone in zone_strategy(),
        start in 946_684_800i64..1_800_000_000,
    ) {
        let rule = flag.parse::<RepeatFlag>().unwrap().validate();
        prop_assume!(rule.is_ok());
        let zone: Zone = zone.parse().unwrap();
        let start = DateTime::from_timestamp(start, 0).unwrap();
        let Ok(series) = Series::new(&rule.unwrap(), start, zone) else { return Ok(()) };
        let all: Vec<Occurrence> = series.iter_unbounded().take(50).collect();
        for pair in all.windows(2) {
            prop_assert!(pair[0].local() < pair[1].local());
        }
        if let Some(first) = all.first() {
            prop_assert!(first.local() >= zone.local(start));
        }
    }
}
