//! The walks' fast path ([`Plan::stride`](super::plan::Plan::stride)) against the general walk: the
//! same occurrences and the same errors, at the same places, whatever the series' zone, start, end,
//! TT_SKIP, exDates and holidays.

use chrono::{DateTime, NaiveDate, TimeDelta};
use proptest::prelude::*;

use super::{HolidayCalendar, Occurrence, Series};
use crate::{Error, Recurrence, RepeatFlag, Zone};

/// Rules of every kind the fast path takes, and close neighbours it must leave to the general walk
/// (a second time of day, a filter on hours, BYSETPOS, a whole-week step with TT_SKIP=WEEKEND).
fn flag_strategy() -> impl Strategy<Value = String> {
    let freq = prop_oneof![
        3 => Just("DAILY"),
        3 => Just("WEEKLY"),
        2 => Just("HOURLY"),
        1 => Just("MINUTELY"),
        1 => Just("SECONDLY"),
    ];
    let interval = prop_oneof![
        4 => 1u32..4,
        2 => 4u32..30,
        1 => prop::sample::select(vec![7u32, 14, 24, 25, 60, 168, 1_440, 3_600, 86_400, 604_800]),
    ];
    let part = prop_oneof![
        (1u32..60).prop_map(|n| format!(";COUNT={n}")),
        (2026i32..2031).prop_map(|y| format!(";UNTIL={y}0301")),
        (0u32..24).prop_map(|h| format!(";UNTIL=20270615T{h:02}0000Z")),
        prop::sample::select(vec![
            "WEEKEND",
            "HOLIDAY",
            "HOLIDAY,WEEKEND",
            "OFFICIAL_WORKDAY",
            "OFFICIAL_WORKDAY,HOLIDAY",
        ])
        .prop_map(|s| format!(";TT_SKIP={s}")),
        proptest::sample::subsequence(vec!["MO", "TU", "WE", "TH", "FR", "SA", "SU"], 1..3)
            .prop_map(|d| format!(";BYDAY={}", d.join(","))),
        prop::sample::select(vec!["MO", "WE", "SU"]).prop_map(|d| format!(";WKST={d}")),
        proptest::sample::subsequence((0u32..24).collect::<Vec<_>>(), 1..3).prop_map(|h| {
            let h: Vec<String> = h.iter().map(u32::to_string).collect();
            format!(";BYHOUR={}", h.join(","))
        }),
        (0u32..60).prop_map(|m| format!(";BYMINUTE={m}")),
        Just(";BYMINUTE=0,30;BYSETPOS=-1".to_owned()),
    ];
    (freq, interval, proptest::collection::vec(part, 0..4)).prop_map(|(freq, n, parts)| {
        let mut flag = format!("RRULE:FREQ={freq};INTERVAL={n}");
        let mut seen: Vec<String> = Vec::new();
        let ends = |k: &str| k == ";UNTIL" || k == ";COUNT";
        for part in parts {
            let key = part.split('=').next().unwrap_or_default().to_owned();
            // Each key once, and COUNT or UNTIL, not both.
            let taken = seen.contains(&key) || (ends(&key) && seen.iter().any(|k| ends(k)));
            if !taken {
                seen.push(key);
                flag.push_str(&part);
            }
        }
        flag
    })
}

fn zone_strategy() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "UTC",
        "America/New_York",
        "Australia/Lord_Howe",
        "America/Sao_Paulo",
        "Pacific/Apia",
        "Europe/Istanbul",
        "Asia/Kathmandu",
    ])
}

/// A few days around 2026, as days since 2026-01-01.
fn days_strategy() -> impl Strategy<Value = Vec<i64>> {
    proptest::collection::vec(-20i64..400, 0..4)
}

fn day(n: i64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or_default() + TimeDelta::days(n)
}

/// Up to `n` results of a checked walk, the error included.
fn results(
    walk: impl Iterator<Item = Result<Occurrence, Error>>,
    n: usize,
) -> Vec<Result<Occurrence, Error>> {
    walk.take(n).collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn the_fast_path_walks_as_the_general_walk(
        flag in flag_strategy(),
        zone in zone_strategy(),
        start in 1_735_689_600i64..1_830_000_000,
        ahead in 0i64..60_000_000,
        all_day in prop::bool::weighted(0.2),
        exdates in days_strategy(),
        holidays in days_strategy(),
        make_up in days_strategy(),
    ) {
        let Ok(Recurrence::Rule(rule)) = flag.parse::<RepeatFlag>().and_then(|f| f.validate()) else {
            return Ok(());
        };
        let recurrence = Recurrence::Rule(rule);
        let zone: Zone = zone.parse().unwrap_or_default();
        let start = DateTime::from_timestamp(start, 0).unwrap_or_default();
        let build = |fast| {
            Series::with_fast_paths(recurrence.clone(), start, zone, fast).map(|s| {
                s.all_day(all_day)
                    .exdates(exdates.iter().map(|&n| day(n)))
                    .holidays(HolidayCalendar::new(
                        holidays.iter().map(|&n| day(n)),
                        make_up.iter().filter(|n| !holidays.contains(n)).map(|&n| day(n)),
                    ).unwrap_or_default())
            })
        };
        let (fast, general) = (build(true), build(false));
        let (fast, general) = match (fast, general) {
            (Ok(fast), Ok(general)) => (fast, general),
            (fast, general) => {
                prop_assert_eq!(fast.err(), general.err(), "{}", flag);
                return Ok(());
            }
        };
        let context = format!("{flag} from {start} in {zone}, all-day {all_day}");
        prop_assert_eq!(results(fast.iter(), 30), results(general.iter(), 30), "{}", context);
        // Sub-daily rules are asked about a shorter way ahead: their walks are long.
        let reach = if flag.contains("LY;") && !flag.contains("DAILY") && !flag.contains("WEEKLY")
            && !flag.contains("MONTHLY") && !flag.contains("YEARLY") { ahead / 100 } else { ahead };
        let t = start + TimeDelta::seconds(reach);
        prop_assert_eq!(
            results(fast.iter_after(t), 10),
            results(general.iter_after(t), 10),
            "{} after {}", context, t
        );
    }
}

/// The fast path's figures against hand-worked ones: a daily 09:00 in New York across the March
/// change; every other week's Tuesday from Thursday 1 January 2026 (the first week's Tuesday is
/// before the start, the second week is skipped); an hourly at :15 from 22:40.
#[test]
fn fast_path_examples() {
    let locals = |flag: &str, start: &str, zone: &str, n: usize| -> Vec<String> {
        let rule = flag
            .parse::<RepeatFlag>()
            .and_then(|f| f.validate())
            .unwrap();
        let start = crate::parse_instant(start).unwrap();
        let series = Series::new(&rule, start, zone.parse().unwrap()).unwrap();
        assert!(
            matches!(&series.plan, Some(plan) if plan.stride().is_some()),
            "{flag}"
        );
        series
            .iter_unbounded()
            .take(n)
            .map(|o| format!("{} {}", o.local(), o.instant().format("%H:%MZ")))
            .collect()
    };
    assert_eq!(
        locals(
            "RRULE:FREQ=DAILY",
            "2026-03-07T14:00:00Z",
            "America/New_York",
            2
        ),
        ["2026-03-07 09:00:00 14:00Z", "2026-03-08 09:00:00 13:00Z"]
    );
    assert_eq!(
        locals(
            "RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=TU",
            "2026-01-01T10:00:00Z",
            "UTC",
            2
        ),
        ["2026-01-13 10:00:00 10:00Z", "2026-01-27 10:00:00 10:00Z"]
    );
    assert_eq!(
        locals(
            "RRULE:FREQ=HOURLY;BYMINUTE=15",
            "2026-01-01T22:40:00Z",
            "UTC",
            2
        ),
        ["2026-01-01 23:15:00 23:15Z", "2026-01-02 00:15:00 00:15Z"]
    );
}

/// A search through many removed days costs the fast path the steps it costs the general walk, so
/// both run out of steps at the same place. Of the 524,288 steps a search may spend, a daily rule
/// spends 5 a day (4 to expand the day, 1 to judge its candidate) plus 12 to find its first day from
/// the calendar: `17 + 5n` to pass `n` removed days and find the next, at most 524,288 for `n` up to
/// 104,854. A weekly one on one weekday spends 12 a week (4, 7 days examined, 1): `24 + 12n`, up to
/// `n` = 43,688.
#[test]
fn both_paths_run_out_of_steps_at_the_same_place() {
    let start = crate::parse_instant("2026-01-01T09:00:00Z").unwrap();
    for (flag, days_apart, found, lost) in [
        ("RRULE:FREQ=DAILY", 1, 104_854, 104_855),
        ("RRULE:FREQ=WEEKLY;BYDAY=TH", 7, 43_688, 43_689),
    ] {
        let rule = flag
            .parse::<RepeatFlag>()
            .and_then(|f| f.validate())
            .unwrap();
        for (removed, expect_found) in [(found, true), (lost, false)] {
            let walks: Vec<_> = [true, false]
                .map(|fast| {
                    let series = Series::with_fast_paths(rule.clone(), start, Zone::UTC, fast)
                        .unwrap()
                        .exdates((0..removed).map(|n| day(n * days_apart)));
                    results(series.iter(), 2)
                })
                .into();
            assert_eq!(walks[0], walks[1], "{flag} with {removed} days removed");
            assert_eq!(
                walks[0].first().is_some_and(Result::is_ok),
                expect_found,
                "{flag} with {removed} days removed: {:?}",
                walks[0].first()
            );
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// A task's series made in one go is the series [`Series::new`] makes, then made all-day, given
    /// its exDates and its calendar: the same plan, the same errors.
    #[test]
    fn a_task_series_is_the_series_built_step_by_step(
        flag in prop_oneof![
            flag_strategy(),
            prop::sample::select(vec![
                "RRULE:FREQ=MONTHLY;BYMONTHDAY=31",
                "RRULE:FREQ=MONTHLY;BYDAY=-1FR;BYHOUR=7,19",
                "RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29;BYSETPOS=-1",
                "RRULE:FREQ=DAILY;BYHOUR=1,2;BYSETPOS=-2",
                "RRULE:FREQ=HOURLY;INTERVAL=168;TT_SKIP=WEEKEND",
                "RRULE:FREQ=YEARLY;BYWEEKNO=53;BYDAY=SU",
                "RRULE:FREQ=WEEKLY;BYDAY=SA;TT_SKIP=WEEKEND",
                "ERULE:NAME=FORGETTINGCURVE;CYCLE=2",
                "LUNAR:FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=1",
            ]).prop_map(str::to_owned),
        ],
        start in 0i64..4_000_000_000,
        zone in prop::sample::select(vec!["UTC", "America/New_York", "Australia/Lord_Howe", "Asia/Kolkata"]),
        all_day in any::<bool>(),
        removed in proptest::collection::vec(0i64..2_000, 0..3),
    ) {
        let Ok(rule) = flag.parse::<RepeatFlag>().and_then(|f| f.validate()) else {
            return Ok(());
        };
        let zone: Zone = zone.parse().unwrap();
        let start = DateTime::from_timestamp(start, 0).unwrap();
        let exdates: Vec<NaiveDate> = removed.iter().map(|&n| day(n)).collect();
        let calendar = HolidayCalendar::china();
        // (`all_day(false)` would plan the series again, for nothing.)
        let by_steps = Series::new(&rule, start, zone).map(|s| {
            let s = if all_day { s.all_day(true) } else { s };
            s.exdates(exdates.iter().copied())
                .holidays(calendar.clone())
        });
        let at_once = Series::of_task(
            std::sync::Arc::new(rule),
            zone.local(start),
            zone,
            (crate::zone::Resolver::new(zone), super::Instants::new()),
            all_day,
            &exdates,
            Some(&calendar),
        );
        prop_assert_eq!(format!("{at_once:?}"), format!("{by_steps:?}"));
    }
}
