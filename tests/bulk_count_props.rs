//! With COUNT, the occurrences before the instant asked about are counted a day at a time (and for
//! sub-daily rules through the allowed periods of the cycle of period start times), not one by one.
//! These properties check that counting against the plain walk from the start, over rules whose
//! COUNT runs out days or weeks after their start, with intervals that do not divide a day, BY-parts,
//! TT_SKIP, exDates and all-day series; and that the checked walk agrees with the unchecked one. The
//! forgetting curve and CUSTOM dates jump ahead too, checked the same way.

use chrono::{DateTime, Days, NaiveDate, Utc};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use ticktick_recur::{Occurrence, RepeatFlag, Series, Zone};

/// The first `n` occurrences after `t` of `flag` from `start` in `zone` (exDates as days after the
/// start's date): found by jumping ahead, by the checked jump, and by walking from the start, all
/// the same. A rule `Series::new` refuses passes.
fn jumping_agrees_with_walking(
    flag: &str,
    zone: &str,
    start: DateTime<Utc>,
    exdates: &[u64],
    all_day: bool,
    t: DateTime<Utc>,
    n: usize,
) -> Result<(), TestCaseError> {
    let rule = flag.parse::<RepeatFlag>().unwrap().validate().unwrap();
    let zone: Zone = zone.parse().unwrap();
    let Ok(series) = Series::new(&rule, start, zone) else {
        return Ok(());
    };
    let first: NaiveDate = zone.local(start).date();
    let series = series
        .all_day(all_day)
        .exdates(exdates.iter().map(|&d| first + Days::new(d)));
    let walked: Vec<Occurrence> = series
        .iter_unbounded()
        .filter(|o| o.instant() > t)
        .take(n)
        .collect();
    let jumped: Vec<Occurrence> = series.iter_after_unbounded(t).take(n).collect();
    prop_assert_eq!(
        &walked,
        &jumped,
        "{} from {} in {}, all-day {}",
        flag,
        start,
        zone,
        all_day
    );
    let checked: Vec<Occurrence> = series
        .iter_after(t)
        .take(n)
        .collect::<Result<_, _>>()
        .unwrap();
    prop_assert_eq!(&checked, &jumped);
    Ok(())
}

fn flag_strategy() -> impl Strategy<Value = String> {
    let sub_daily = (
        prop::sample::select(vec!["HOURLY", "MINUTELY", "SECONDLY"]),
        prop::sample::select(vec![1u32, 2, 5, 7, 13, 25, 90, 1441]),
        prop::option::of(prop::sample::subsequence(
            (0u32..24).collect::<Vec<_>>(),
            1..6,
        )),
    )
        .prop_map(|(f, interval, hours)| {
            // Few candidates a day, so that walking weeks of them stays quick.
            let fine = match f {
                "SECONDLY" => ";BYMINUTE=0,31;BYSECOND=0,17,59",
                "MINUTELY" => ";BYMINUTE=0,7,30,59",
                _ => "",
            };
            let hours = hours
                .map(|h| {
                    let list: Vec<String> = h.iter().map(u32::to_string).collect();
                    format!(";BYHOUR={}", list.join(","))
                })
                .unwrap_or_default();
            format!("RRULE:FREQ={f};INTERVAL={interval}{fine}{hours}")
        });
    let day_based = (
        prop::sample::select(vec!["DAILY", "WEEKLY", "MONTHLY", "YEARLY"]),
        1u32..4,
        prop::sample::select(vec![
            "",
            ";BYDAY=MO,WE,FR",
            ";BYDAY=SA,SU",
            ";BYHOUR=8,20;BYMINUTE=0,30",
        ]),
    )
        .prop_map(|(f, interval, by)| format!("RRULE:FREQ={f};INTERVAL={interval}{by}"));
    (
        prop_oneof![3 => sub_daily, 1 => day_based],
        100u32..5000,
        prop::option::of(Just(";TT_SKIP=WEEKEND")),
        prop::option::of(prop::sample::select(vec![
            ";BYMONTH=1,2,3",
            ";BYMONTHDAY=1,2,3,15,-1",
        ])),
    )
        .prop_map(|(base, count, skip, days)| {
            let days = if base.contains("WEEKLY") { None } else { days };
            format!(
                "{base};COUNT={count}{}{}",
                skip.unwrap_or(""),
                days.unwrap_or("")
            )
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 500, ..ProptestConfig::default() })]

    #[test]
    fn counting_ahead_agrees_with_the_walk(
        flag in flag_strategy(),
        zone in prop::sample::select(vec!["UTC", "America/New_York", "Australia/Lord_Howe", "Pacific/Apia"]),
        start in 946_684_800i64..1_800_000_000,
        ahead_hours in 0i64..2_000,
        exdates in prop::collection::vec(0u64..60, 0..4),
        all_day in prop::bool::weighted(0.2),
    ) {
        let start = DateTime::from_timestamp(start, 0).unwrap();
        let t = start + chrono::TimeDelta::hours(ahead_hours);
        jumping_agrees_with_walking(&flag, zone, start, &exdates, all_day, t, 3)?;
    }
}

fn curve_or_dates() -> impl Strategy<Value = String> {
    let curve = (0u32..9, prop::option::of(1u32..60)).prop_map(|(cycle, count)| {
        let count = count.map(|c| format!(";COUNT={c}")).unwrap_or_default();
        format!("ERULE:NAME=FORGETTINGCURVE;CYCLE={cycle}{count}")
    });
    let dates = prop::collection::btree_set(0u64..1500, 1..12).prop_map(|days| {
        let base = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        let days: Vec<String> = days
            .iter()
            .map(|&d| (base + Days::new(d)).format("%Y%m%d").to_string())
            .collect();
        format!("ERULE:NAME=CUSTOM;BYDATE={}", days.join(","))
    });
    prop_oneof![3 => curve, 1 => dates]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 500, ..ProptestConfig::default() })]

    /// The forgetting curve skips its points before the instant asked about by arithmetic once its
    /// gaps are steady, counting them toward COUNT unless an exDate removes them; CUSTOM dates are
    /// found by binary search. Both against the walk from the start.
    #[test]
    fn curves_and_date_lists_jump_ahead_as_they_walk(
        flag in curve_or_dates(),
        zone in prop::sample::select(vec!["UTC", "America/New_York", "Pacific/Apia", "Asia/Kolkata"]),
        start_day in 0i64..1200,
        start_second in 0i64..86_400,
        ahead_days in 0i64..1500,
        ahead_second in 0i64..86_400,
        exdates in prop::collection::vec(0u64..900, 0..12),
        all_day in prop::bool::weighted(0.2),
    ) {
        let start = DateTime::from_timestamp(1_767_225_600 + start_day * 86_400 + start_second, 0)
            .unwrap();
        let t = start + chrono::TimeDelta::days(ahead_days) + chrono::TimeDelta::seconds(ahead_second);
        jumping_agrees_with_walking(&flag, zone, start, &exdates, all_day, t, 5)?;
    }
}
