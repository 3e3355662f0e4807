//! Named cases: where the rrule crate is wrong, both answers, and ours checked against the rule.

use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, TimeDelta, Timelike, Utc};
use ticktick_recur::{Error, RepeatFlag, Series, Zone};

use crate::support::{local, ours, show, utc};
use crate::theirs;

/// Sao Paulo started DST at midnight on 2018-11-04 (00:00 became 01:00). A daily 00:30 series has an
/// occurrence that day; its wall-clock time does not exist, so it moves forward by the gap's length
/// to 01:30 -02:00. The rrule crate loses the whole day.
#[test]
fn rrule_crate_drops_an_occurrence_in_a_gap_at_midnight() {
    let flag = "RRULE:FREQ=DAILY;COUNT=6";
    let start = local("2018-11-01T00:30:00");
    let ours: Vec<_> = ours(flag, "America/Sao_Paulo", start, 10)
        .unwrap()
        .into_iter()
        .map(|(_, t)| t)
        .collect();
    let theirs = theirs(flag, "America/Sao_Paulo", start, 10, false).unwrap();
    let expected: Vec<_> = [
        "2018-11-01T00:30:00-03:00",
        "2018-11-02T00:30:00-03:00",
        "2018-11-03T00:30:00-03:00",
        "2018-11-04T01:30:00-02:00", // 00:30 does not exist: shifted forward by the 1 h gap
        "2018-11-05T00:30:00-02:00",
        "2018-11-06T00:30:00-02:00",
    ]
    .map(utc)
    .to_vec();
    assert_eq!(show(&ours), show(&expected), "ours");
    assert_eq!(
        show(&theirs),
        show(&[
            expected[0],
            expected[1],
            expected[2],
            expected[4],
            expected[5],
            utc("2018-11-07T00:30:00-02:00")
        ]),
        "the rrule crate skips 2018-11-04 and makes up the COUNT a day later"
    );
}

/// Pacific/Apia skipped Friday 2011-12-30 (it jumped from UTC-10 to UTC+14). A daily 09:00 series
/// keeps that occurrence, moved forward by the 24-hour gap: it falls on the instant of 31 December
/// 09:00, as python-dateutil with zoneinfo also says. The rrule crate drops it.
#[test]
fn rrule_crate_drops_the_day_apia_skipped() {
    let flag = "RRULE:FREQ=DAILY;COUNT=5";
    let start = local("2011-12-28T09:00:00");
    let ours = ours(flag, "Pacific/Apia", start, 10).unwrap();
    let theirs = theirs(flag, "Pacific/Apia", start, 10, false).unwrap();
    let locals: Vec<String> = ours.iter().map(|(l, _)| l.to_string()).collect();
    let instants: Vec<_> = ours.iter().map(|&(_, t)| t).collect();
    assert_eq!(
        locals,
        [
            "2011-12-28 09:00:00",
            "2011-12-29 09:00:00",
            "2011-12-30 09:00:00",
            "2011-12-31 09:00:00",
            "2012-01-01 09:00:00"
        ],
        "ours, wall-clock"
    );
    assert_eq!(
        show(&instants),
        show(&[
            utc("2011-12-28T09:00:00-10:00"),
            utc("2011-12-29T09:00:00-10:00"),
            utc("2011-12-30T09:00:00-10:00"), // = 2011-12-31T09:00:00+14:00: moved by the 24 h gap
            utc("2011-12-31T09:00:00+14:00"),
            utc("2012-01-01T09:00:00+14:00"),
        ]),
        "ours, instants"
    );
    assert_eq!(
        show(&theirs),
        show(&[
            utc("2011-12-28T09:00:00-10:00"),
            utc("2011-12-29T09:00:00-10:00"),
            utc("2011-12-31T09:00:00+14:00"),
            utc("2012-01-01T09:00:00+14:00"),
            utc("2012-01-02T09:00:00+14:00"),
        ]),
        "the rrule crate loses 2011-12-30"
    );
}

/// 02:30 on 2026-03-08 does not exist in New York. The rrule crate refuses such a DTSTART. Our series
/// starts at an instant (TickTick's `startDate`), so the wall-clock start is first resolved by the
/// policy, 02:30 -> 03:30 EDT, and the series keeps that time of day.
#[test]
fn rrule_crate_refuses_a_start_inside_a_gap() {
    let flag = "RRULE:FREQ=DAILY;COUNT=3";
    let start = local("2026-03-08T02:30:00");
    let err = theirs(flag, "America/New_York", start, 3, false).unwrap_err();
    assert!(
        err.contains("not a valid datetime"),
        "the rrule crate: {err}"
    );
    let zone: Zone = "America/New_York".parse().unwrap();
    assert_eq!(zone.instant(start), utc("2026-03-08T03:30:00-04:00"));
    let ours: Vec<_> = ours(flag, "America/New_York", start, 5)
        .unwrap()
        .into_iter()
        .map(|(_, t)| t)
        .collect();
    assert_eq!(
        show(&ours),
        show(&[
            utc("2026-03-08T03:30:00-04:00"),
            utc("2026-03-09T03:30:00-04:00"),
            utc("2026-03-10T03:30:00-04:00"),
        ])
    );
}

/// Lord Howe's clocks went from 02:00 to 02:30 on 1989-10-29. A monthly rule with `BYMINUTE=0` from
/// 02:30 that day has a candidate at 02:00, which is before DTSTART in wall-clock time and so not an
/// occurrence (RFC 5545; python-dateutil gives 1989-11-29 02:00 as the only occurrence, as we do). The
/// rrule crate moves 02:00 forward by the gap first, to the start's own instant, and keeps it.
#[test]
fn rrule_crate_keeps_a_gap_time_before_the_start() {
    let flag = "RRULE:FREQ=MONTHLY;COUNT=1;BYMINUTE=0";
    let (zone, start) = ("Australia/Lord_Howe", local("1989-10-29T02:30:00"));
    let theirs = theirs(flag, zone, start, 1, false).unwrap();
    assert_eq!(show(&theirs), show(&[utc("1989-10-29T02:30:00+11:00")]));
    let ours: Vec<_> = ours(flag, zone, start, 5)
        .unwrap()
        .into_iter()
        .map(|(_, t)| t)
        .collect();
    assert_eq!(show(&ours), show(&[utc("1989-11-29T02:00:00+11:00")]));
}

/// 01:30 on 2026-11-01 happens twice in New York. The rrule crate refuses such a DTSTART; we take the
/// earlier instant (EDT) and keep 01:30 on the following days.
#[test]
fn rrule_crate_refuses_an_ambiguous_start() {
    let flag = "RRULE:FREQ=DAILY;COUNT=3";
    let start = local("2026-11-01T01:30:00");
    let err = theirs(flag, "America/New_York", start, 3, false).unwrap_err();
    assert!(err.contains("ambiguous"), "the rrule crate: {err}");
    let ours: Vec<_> = ours(flag, "America/New_York", start, 5)
        .unwrap()
        .into_iter()
        .map(|(_, t)| t)
        .collect();
    assert_eq!(
        show(&ours),
        show(&[
            utc("2026-11-01T01:30:00-04:00"), // the earlier of the two 01:30s
            utc("2026-11-02T01:30:00-05:00"),
            utc("2026-11-03T01:30:00-05:00"),
        ])
    );
}

/// A rule that can never occur (the 30th of February). The rrule crate's `all` loops 100,000 times,
/// logs a warning and returns an empty list with no error; ours says so up front, as a typed error.
#[test]
fn rrule_crate_gives_up_silently_after_100000_iterations() {
    let flag = "RRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30";
    let start = local("2020-01-01T09:00:00");
    let theirs = theirs(flag, "UTC", start, 3, false).unwrap();
    assert!(theirs.is_empty(), "the rrule crate: {:?}", show(&theirs));
    let rule = flag.parse::<RepeatFlag>().unwrap().validate().unwrap();
    let t = Zone::UTC.instant(start);
    assert!(
        matches!(
            Series::new(&rule, t, Zone::UTC),
            Err(Error::NeverOccurs { .. })
        ),
        "ours must refuse a rule that never occurs with Error::NeverOccurs"
    );
}

/// RFC 5545 allows `-5FR` in a monthly rule (the fifth Friday from the end, in months that have five
/// Fridays). The rrule crate limits monthly ordinals to -4..=5.
#[test]
fn rrule_crate_rejects_the_fifth_last_weekday_of_the_month() {
    let flag = "RRULE:FREQ=MONTHLY;BYDAY=-5FR;COUNT=3";
    let start = local("2026-01-01T09:00:00");
    let err = theirs(flag, "UTC", start, 3, false).unwrap_err();
    assert!(err.contains("-4..=5"), "the rrule crate: {err}");
    let ours: Vec<_> = ours(flag, "UTC", start, 5)
        .unwrap()
        .into_iter()
        .map(|(l, _)| l.to_string())
        .collect();
    // January, May and July 2026 have five Fridays; the fifth from the end is the first.
    assert_eq!(
        ours,
        [
            "2026-01-02 09:00:00",
            "2026-05-01 09:00:00",
            "2026-07-03 09:00:00"
        ]
    );
}

/// RFC 5545 allows BYSETPOS from -366 to 366. Every day of the month at two hours makes a set of 56
/// to 62 members, so `BYSETPOS=-40` is meaningful; the rrule crate caps monthly BYSETPOS at 31.
/// (python-dateutil gives the answer below.)
#[test]
fn rrule_crate_rejects_a_bysetpos_beyond_31_in_a_monthly_rule() {
    let flag = "RRULE:FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR,SA,SU;BYHOUR=1,2;BYSETPOS=-40;COUNT=3";
    let start = local("2026-01-01T00:00:00");
    let err = theirs(flag, "UTC", start, 3, false).unwrap_err();
    assert!(err.contains("-31..=31"), "the rrule crate: {err}");
    let ours: Vec<_> = ours(flag, "UTC", start, 5)
        .unwrap()
        .into_iter()
        .map(|(l, _)| l.to_string())
        .collect();
    // The set of month m is (day 1 01:00, day 1 02:00, ..., last day 02:00); -40 is the 40th from the
    // end: in a 31-day month (62 members) the 23rd, day 12 01:00; in February 2026 (56 members) the
    // 17th, day 9 01:00.
    let nth_from_end = |days: u32, month: u32| {
        let pos = 2 * days as usize - 40; // zero-based index
        let day = pos / 2 + 1;
        let hour = pos % 2 + 1;
        format!("2026-{month:02}-{day:02} {hour:02}:00:00")
    };
    assert_eq!(
        ours,
        [
            nth_from_end(31, 1),
            nth_from_end(28, 2),
            nth_from_end(31, 3)
        ]
    );
}

/// Every minute of 01:00-01:59 on Mondays, from Friday 1971-01-01 00:00 in New York. The rrule crate,
/// even unlimited, finds nothing: it cannot skip the days a MINUTELY (or SECONDLY) rule filters out
/// while it also filters the hour. python-dateutil gives the answer below.
#[test]
fn rrule_crate_finds_nothing_when_a_minutely_rule_must_skip_days() {
    let flag = "RRULE:FREQ=MINUTELY;COUNT=3;BYDAY=MO;BYHOUR=1";
    let start = local("1971-01-01T00:00:00");
    let theirs = theirs(flag, "America/New_York", start, 3, true).unwrap();
    assert!(theirs.is_empty(), "the rrule crate: {:?}", show(&theirs));
    let ours: Vec<_> = ours(flag, "America/New_York", start, 5)
        .unwrap()
        .into_iter()
        .map(|(_, t)| t)
        .collect();
    assert_eq!(
        show(&ours),
        show(&[
            utc("1971-01-04T01:00:00-05:00"),
            utc("1971-01-04T01:01:00-05:00"),
            utc("1971-01-04T01:02:00-05:00"),
        ])
    );
}

/// Every 7 minutes from Sunday 1971-01-10 00:00 in New York, on the 1st of the month, at minute 0.
/// Minute 0 comes every 60 steps (7 hours), so the grid's hours on 1 February are 04:00, 11:00 and
/// 18:00 (checked below by walking it; python-dateutil agrees). The rrule crate, after skipping to the
/// 1st, restarts the grid at midnight and answers 1 March 00:00, which is not on it.
#[test]
fn rrule_crate_loses_the_interval_grid_when_a_minutely_rule_skips_days() {
    let flag = "RRULE:FREQ=MINUTELY;INTERVAL=7;COUNT=3;BYMONTHDAY=1;BYMINUTE=0";
    let start = local("1971-01-10T00:00:00");
    let theirs = theirs(flag, "America/New_York", start, 3, false).unwrap();
    assert_eq!(
        show(&theirs[..1]),
        show(&[utc("1971-03-01T00:00:00-05:00")]),
        "the rrule crate"
    );
    let walked: Vec<String> = (0..)
        .map(|k: i64| start + TimeDelta::minutes(7 * k))
        .filter(|t| t.day() == 1 && t.minute() == 0)
        .take(3)
        .map(|t| t.to_string())
        .collect();
    assert_eq!(
        walked,
        [
            "1971-02-01 04:00:00",
            "1971-02-01 11:00:00",
            "1971-02-01 18:00:00"
        ]
    );
    let ours: Vec<String> = ours(flag, "America/New_York", start, 5)
        .unwrap()
        .into_iter()
        .map(|(l, _)| l.to_string())
        .collect();
    assert_eq!(ours, walked);
}

/// Every 7 seconds during minute 0 of each hour, from 1971-01-01 00:00:00 in New York. The grid
/// gives 00:00:56, then (3598 = 7 x 514) 00:59:58 and 01:00:05: the tenth occurrence is 01:00:05, as
/// python-dateutil also says. The rrule crate restarts the grid after skipping to 01:00 and answers
/// 01:00:03.
#[test]
fn rrule_crate_loses_the_interval_grid_when_a_secondly_rule_skips_minutes() {
    let flag = "RRULE:FREQ=SECONDLY;INTERVAL=7;COUNT=10;BYMINUTE=0";
    let start = local("1971-01-01T00:00:00");
    let theirs = theirs(flag, "America/New_York", start, 10, false).unwrap();
    assert_eq!(
        show(&theirs[9..]),
        show(&[utc("1971-01-01T01:00:03-05:00")]),
        "the rrule crate"
    );
    let ours: Vec<String> = ours(flag, "America/New_York", start, 20)
        .unwrap()
        .into_iter()
        .map(|(l, _)| l.format("%H:%M:%S").to_string())
        .collect();
    assert_eq!(
        ours,
        [
            "00:00:00", "00:00:07", "00:00:14", "00:00:21", "00:00:28", "00:00:35", "00:00:42",
            "00:00:49", "00:00:56", "01:00:05"
        ]
    );
}

/// 2019 has 52 ISO weeks, so its week -52 is its week 1, which starts on Monday 2018-12-31.
/// `BYWEEKNO=1;BYDAY=MO` finds that Monday in both engines; `BYWEEKNO=-52;BYDAY=MO` finds it only in
/// ours. The rrule crate inherits python-dateutil's gap here (dateutil's source says "TODO: Check
/// -numweeks for next year"). The random rules keep negative week numbers within -51..=-1.
#[test]
fn rrule_crate_misses_week_one_named_by_a_negative_number() {
    let flag = "RRULE:FREQ=YEARLY;COUNT=3;BYWEEKNO=-52;BYDAY=MO";
    let start = local("2018-03-16T09:00:00");
    let theirs = theirs(flag, "UTC", start, 3, false).unwrap();
    assert_eq!(
        show(&theirs),
        show(&[
            utc("2020-01-06T09:00:00Z"),
            utc("2021-01-04T09:00:00Z"),
            utc("2022-01-03T09:00:00Z"),
        ]),
        "the rrule crate"
    );
    let week_one = theirs_or_ours_week_one();
    assert_eq!(week_one, "2018-12-31 09:00:00", "BYWEEKNO=1 in ours");
    let ours: Vec<String> = ours(flag, "UTC", start, 5)
        .unwrap()
        .into_iter()
        .map(|(l, _)| l.to_string())
        .collect();
    assert_eq!(
        ours,
        [
            "2018-12-31 09:00:00", // week 1 = week -52 of 2019
            "2020-01-06 09:00:00", // 2020 has 53 weeks: week -52 is week 2
            "2021-01-04 09:00:00", // 2021 has 52 weeks: week -52 is week 1
        ]
    );
}

/// 1982 began on a Friday, so its week 1 began on Monday 4 January and it has 52 weeks: week 52 runs
/// from 27 December 1982 to 2 January 1983. `BYWEEKNO=52` therefore takes 1 and 2 January 1983 as
/// well. python-dateutil (and the rrule crate, its port) count the weeks of the previous year with
/// `52 + (days % 7) / 4` where that year's week 1 began late, which gives 1982 53 weeks: they skip
/// those two days, and would give them to `BYWEEKNO=53`.
#[test]
fn rrule_crate_counts_a_late_starting_years_weeks_as_53() {
    let flag = "RRULE:FREQ=YEARLY;COUNT=8;BYWEEKNO=52";
    let (zone, start) = ("UTC", local("1982-01-01T00:00:00"));
    let days = |list: Vec<DateTime<Utc>>| -> Vec<String> {
        list.iter()
            .map(|t| t.format("%Y-%m-%d").to_string())
            .collect()
    };
    let theirs = days(theirs(flag, zone, start, 8, false).unwrap());
    let ours = days(
        ours(flag, zone, start, 8)
            .unwrap()
            .into_iter()
            .map(|(_, t)| t)
            .collect(),
    );
    let week_52: Vec<String> = (27..=31)
        .map(|d| format!("1982-12-{d}"))
        .chain(["1983-01-01".into(), "1983-01-02".into()])
        .collect();
    assert_eq!(ours[..7], week_52[..]);
    assert_eq!(ours[7], "1983-12-26");
    assert_eq!(theirs[..5], week_52[..5]);
    assert_eq!(theirs[5..], ["1983-12-26", "1983-12-27", "1983-12-28"]);
    // The ISO week of both January days, by chrono.
    for day in ["1983-01-01", "1983-01-02"] {
        let date: NaiveDate = day.parse().unwrap();
        assert_eq!((date.iso_week().year(), date.iso_week().week()), (1982, 52));
    }
}

/// Every 12 years, the second of 10 January and 9 September when they are the 22nd day from the end
/// of their month and its second Tuesday or fourth-last Friday: 2200, 3400, ... every 1,200 years,
/// the calendar repeating every 400. The rrule crate finds them up to 9400 and then ends the series;
/// 10600 has the calendar of 2200 and is on the 12-year grid, so it is the eighth occurrence.
#[test]
fn rrule_crate_loses_occurrences_after_the_year_9999() {
    let flag = "RRULE:FREQ=YEARLY;INTERVAL=12;COUNT=8;BYMONTH=1,9;BYMONTHDAY=-22;BYDAY=-4FR,2TU;\
                BYSETPOS=2";
    let (zone, start) = ("America/New_York", local("1984-01-01T00:00:00"));
    let years =
        |list: &[String]| -> Vec<String> { list.iter().map(|t| t[..5].to_owned()).collect() };
    let theirs = show(&theirs(flag, zone, start, 8, true).unwrap());
    let ours: Vec<String> = ours(flag, zone, start, 8)
        .unwrap()
        .into_iter()
        .map(|(local, _)| local.to_string())
        .collect();
    let expected = [
        "2200-", "3400-", "4600-", "5800-", "7000-", "8200-", "9400-", "+1060",
    ];
    assert_eq!(years(&theirs), expected[..7]);
    assert_eq!(years(&ours), expected);
    assert_eq!(ours[7], "+10600-09-09 00:00:00");
    assert_eq!(ours[0], "2200-09-09 00:00:00");
    let (a, b) = (
        NaiveDate::from_ymd_opt(2200, 9, 9).unwrap(),
        NaiveDate::from_ymd_opt(10600, 9, 9).unwrap(),
    );
    assert_eq!(a.weekday(), b.weekday());
    assert_eq!((10600 - 1984) % 12, 0);
}

/// The first Monday of `BYWEEKNO=1` from 2018-03-16 09:00 UTC, in both engines.
fn theirs_or_ours_week_one() -> String {
    let flag = "RRULE:FREQ=YEARLY;COUNT=1;BYWEEKNO=1;BYDAY=MO";
    let start = local("2018-03-16T09:00:00");
    let theirs = theirs(flag, "UTC", start, 1, false).unwrap();
    assert_eq!(show(&theirs), show(&[utc("2018-12-31T09:00:00Z")]));
    ours(flag, "UTC", start, 1).unwrap()[0].0.to_string()
}

/// A SECONDLY rule with BYSETPOS and a negative BYMONTHDAY as the only other part: every second of
/// the last day of each month. The rrule crate says BYSETPOS needs another BYxxx part: it stores
/// negative month days apart and forgets them in that check (other frequencies get BY-parts filled
/// in from the start first, which hides it).
#[test]
fn rrule_crate_rejects_bysetpos_beside_a_negative_bymonthday() {
    let flag = "RRULE:FREQ=SECONDLY;BYMONTHDAY=-1;BYSETPOS=1;COUNT=3";
    let start = local("2026-01-01T00:00:00");
    let err = theirs(flag, "UTC", start, 3, false).unwrap_err();
    assert!(err.contains("BYSETPOS"), "the rrule crate: {err}");
    let ours: Vec<String> = ours(flag, "UTC", start, 5)
        .unwrap()
        .into_iter()
        .map(|(l, _)| l.to_string())
        .collect();
    assert_eq!(
        ours,
        [
            "2026-01-31 00:00:00",
            "2026-01-31 00:00:01",
            "2026-01-31 00:00:02"
        ]
    );
}

/// `BYDAY=MO,-1MO` in a yearly rule: every Monday, and the last Monday of the year (which is one of
/// them). RFC 5545's BYDAY is a list of days, each of which the rule expands to; libical reads it so,
/// and so do we. python-dateutil and the rrule crate intersect plain and ordinal entries instead and
/// give only the last Monday. The random comparison does not mix the two kinds of entry.
#[test]
fn rrule_crate_intersects_plain_and_ordinal_weekdays() {
    let flag = "RRULE:FREQ=YEARLY;COUNT=3;BYDAY=MO,-1MO";
    let start = local("1971-01-01T09:00:00");
    let theirs = theirs(flag, "UTC", start, 3, false).unwrap();
    assert_eq!(
        show(&theirs),
        show(&[
            utc("1971-12-27T09:00:00Z"),
            utc("1972-12-25T09:00:00Z"),
            utc("1973-12-31T09:00:00Z"),
        ]),
        "the rrule crate: the last Monday of each year only"
    );
    let ours: Vec<_> = ours(flag, "UTC", start, 5)
        .unwrap()
        .into_iter()
        .map(|(_, t)| t)
        .collect();
    assert_eq!(
        show(&ours),
        show(&[
            utc("1971-01-04T09:00:00Z"),
            utc("1971-01-11T09:00:00Z"),
            utc("1971-01-18T09:00:00Z"),
        ]),
        "ours: every Monday"
    );
}

/// Every 1439 minutes at 00:00 on Mondays, from 2020-01-01 00:01 UTC. Stepping 1439 minutes moves the
/// time of day back one minute each step, so 00:00 comes every 1440 steps (1439 days), and the
/// weekday of those midnights moves by four: the first Monday is 2023-12-11. The rrule crate, even
/// unlimited, finds none; the answer below is checked by walking the steps.
#[test]
fn rrule_crate_misses_a_sparse_minutely_rule() {
    let flag = "RRULE:FREQ=MINUTELY;INTERVAL=1439;BYHOUR=0;BYMINUTE=0;BYDAY=MO";
    let start = local("2020-01-01T00:01:00");
    let theirs = theirs(flag, "UTC", start, 3, true).unwrap();
    assert!(theirs.is_empty(), "the rrule crate: {:?}", show(&theirs));
    let walked: Vec<String> = (0..)
        .map(|k: i64| start + TimeDelta::minutes(1439 * k))
        .filter(|t| t.time() == NaiveTime::MIN && t.weekday() == chrono::Weekday::Mon)
        .take(3)
        .map(|t| t.to_string())
        .collect();
    assert_eq!(
        walked,
        [
            "2023-12-11 00:00:00",
            "2051-07-10 00:00:00",
            "2079-02-06 00:00:00"
        ]
    );
    let ours: Vec<String> = ours(flag, "UTC", start, 3)
        .unwrap()
        .into_iter()
        .map(|(l, _)| l.to_string())
        .collect();
    assert_eq!(ours, walked);
}
