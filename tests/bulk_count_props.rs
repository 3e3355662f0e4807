//! With COUNT, the occurrences before the instant asked about are counted a day at a time (and for
//! sub-daily rules through a prefix count over the cycle of period start times), not one by one.
//! These properties check that counting against the plain walk from the start, over rules whose
//! COUNT runs out days or weeks after their start, with intervals that do not divide a day, BY-parts,
//! TT_SKIP and exDates; and that the checked walk agrees with the unchecked one.

use chrono::{DateTime, Days, NaiveDate};
use proptest::prelude::*;
use ticktick_recur::{Occurrence, RepeatFlag, Series, Zone};

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
    ) {
        let rule = flag.parse::<RepeatFlag>().unwrap().validate().unwrap();
        let zone: Zone = zone.parse().unwrap();
        let start = DateTime::from_timestamp(start, 0).unwrap();
        let Ok(series) = Series::new(&rule, start, zone) else { return Ok(()) };
        let first: NaiveDate = zone.local(start).date();
        let series = series.exdates(exdates.iter().map(|&d| first + Days::new(d)));
        let t = start + chrono::TimeDelta::hours(ahead_hours);
        let walked: Vec<Occurrence> = series
            .iter()
            .filter(|o| o.instant() > t)
            .take(3)
            .collect();
        let jumped: Vec<Occurrence> = series.iter_after(t).take(3).collect();
        prop_assert_eq!(&walked, &jumped, "{} from {} in {}", flag, start, zone);
        let checked: Vec<Occurrence> = series
            .try_iter_after(t)
            .take(3)
            .collect::<Result<_, _>>()
            .unwrap();
        prop_assert_eq!(&checked, &jumped);
    }
}
