//! A rule bound to its start: missing BY-parts filled from the start as RFC 5545 says, every filter
//! in a form that is cheap to test, and the arithmetic that maps a period index to its dates.
//!
//! The parts, each in its own module:
//!
//! - [`day_filter`]: which days a rule keeps (`BYMONTH`, `BYMONTHDAY`, `BYYEARDAY`, `BYDAY`,
//!   `BYWEEKNO`).
//! - [`periods`]: the index of the period a time lies in, where a period begins, and its days.
//! - [`allowed_periods`]: which sub-daily periods `BYHOUR`, `BYMINUTE` and `BYSECOND` let through.
//! - [`fast_paths`]: what a walk can count or step by arithmetic instead of period by period.
//! - [`reachable`]: whether a rule can produce an occurrence at all.

mod allowed_periods;
mod arith;
mod bits;
mod day_filter;
mod fast_paths;
mod periods;
mod reachable;

use std::sync::OnceLock;

use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};

use allowed_periods::AllowedPeriods;
use bits::Bits;
use day_filter::DayFilter;

use super::skip::SkipMasks;
use crate::rule::{Few, Frequency, Rule, Until, Weekday, Workday};

pub(super) use fast_paths::Stride;
// The civil-time arithmetic, where the series has always found it.
pub(super) use super::civil::{
    at, date_of, epoch_day, wall, Dates, EpochDay, UnixSecs, WallSecs, DAY,
};

/// A rule bound to its start, ready to be expanded period by period.
#[derive(Debug, Clone)]
pub(super) struct Plan {
    pub(super) freq: Frequency,
    pub(super) interval: i64,
    pub(super) start: NaiveDateTime,
    pub(super) days: DayFilter,
    pub(super) hours: Bits,
    pub(super) minutes: Bits,
    pub(super) seconds: Bits,
    /// Every time of day a day-based period expands to, as seconds from midnight, ascending.
    pub(super) times: Few<i64, 2>,
    /// The start as a wall-clock time.
    pub(super) start_wall: WallSecs,
    /// The last wall-clock second `UNTIL` allows (a date-only `UNTIL` allows its whole day).
    pub(super) until_wall: Option<WallSecs>,
    /// The last instant `UNTIL=...Z` allows.
    pub(super) until_utc: Option<UnixSecs>,
    pub(super) set_pos: Vec<i32>,
    /// `TT_SKIP`: which days it drops ([`SkipMasks`]).
    pub(super) skip: SkipMasks,
    pub(super) workday: Option<Workday>,
    pub(super) count: Option<u32>,
    /// Day number of the first day of period 0 (the start's day, week, month or year).
    origin_day: i64,
    /// Month index (`year * 12 + month0`) of the start.
    origin_month: i64,
    /// The start truncated to the frequency's unit, for sub-daily rules.
    origin_time: NaiveDateTime,
    /// The candidates as an arithmetic progression, when they are one ([`Plan::find_stride`]).
    stride: Option<Stride>,
    /// For sub-daily rules, which periods BYHOUR, BYMINUTE and BYSECOND let through; made when
    /// first needed (counting occurrences in bulk, or jumping over periods they refuse).
    allowed: OnceLock<Option<AllowedPeriods>>,
}

impl Plan {
    /// [`Plan::boxed`], by value (for tests of the plan alone).
    #[cfg(test)]
    pub(super) fn new(rule: &Rule, start: NaiveDateTime, all_day: bool) -> Plan {
        *Plan::boxed(rule, start, all_day)
    }

    /// The plan of `rule` from `start` (at midnight when `all_day`), on the heap, where a series
    /// keeps it: made there, not moved there.
    pub(super) fn boxed(rule: &Rule, start: NaiveDateTime, all_day: bool) -> Box<Plan> {
        let freq = rule.freq;
        let no_day_parts = rule.by_week_no.is_empty()
            && rule.by_year_day.is_empty()
            && rule.by_month_day.is_empty()
            && rule.by_day.is_empty();
        // RFC 5545: without day parts, a YEARLY rule takes the start's month and day, a MONTHLY one
        // the start's day, a WEEKLY one the start's weekday.
        let implied = |f: Frequency| no_day_parts && freq == f;
        let mut months = Bits::of(rule.by_month.iter().map(|&m| u32::from(m)));
        if implied(Frequency::Yearly) && rule.by_month.is_empty() {
            months = Bits::of([start.month()]);
        }
        let mut month_days = (
            Bits::of(
                rule.by_month_day
                    .iter()
                    .filter(|&&d| d > 0)
                    .map(|&d| d as u32),
            ),
            Bits::of(
                rule.by_month_day
                    .iter()
                    .filter(|&&d| d < 0)
                    .map(|&d| d.unsigned_abs().into()),
            ),
        );
        if implied(Frequency::Yearly) || implied(Frequency::Monthly) {
            month_days.0 = Bits::of([start.day()]);
        }
        let allows_ordinals = matches!(freq, Frequency::Monthly | Frequency::Yearly);
        let mut weekdays = Bits::of(
            rule.by_day
                .iter()
                .filter(|w| w.ordinal.is_none() || !allows_ordinals)
                .map(|w| w.weekday.days_from_monday() as u32),
        );
        if implied(Frequency::Weekly) {
            weekdays = Bits::of([start.weekday().num_days_from_monday()]);
        }
        let nth_weekdays: Few<(i8, Weekday), 2> = if allows_ordinals {
            rule.by_day
                .iter()
                .filter_map(|w| w.ordinal.map(|n| (n, w.weekday)))
                .collect()
        } else {
            Few::new()
        };
        let days = DayFilter {
            months: (months != Bits(0)).then_some(months),
            month_days: (month_days != (Bits(0), Bits(0))).then_some(month_days),
            year_days: copied(&rule.by_year_day),
            weekdays,
            nth_weekday_set: Bits::of(
                nth_weekdays
                    .iter()
                    .map(|(_, w)| u32::from(w.days_from_monday())),
            ),
            nth_weekdays,
            has_weekdays: weekdays != Bits(0) || !rule.by_day.is_empty(),
            week_nos: copied(&rule.by_week_no),
            week_start: rule.week_start,
            nth_in_month: freq == Frequency::Monthly || !rule.by_month.is_empty(),
        };

        // A unit at or above the frequency's own is a filter that lets everything through when absent;
        // a unit below it takes the start's value when absent. All-day series live at midnight.
        let unit = |by: &[u8], own: Frequency, of_start: u32| {
            if all_day {
                Bits::of([0])
            } else if !by.is_empty() {
                Bits::of(by.iter().map(|&v| v as u32))
            } else if freq <= own {
                Bits::ALL
            } else {
                Bits::of([of_start])
            }
        };
        let hours = unit(&rule.by_hour, Frequency::Hourly, start.hour());
        let minutes = unit(&rule.by_minute, Frequency::Minutely, start.minute());
        let seconds = unit(&rule.by_second, Frequency::Secondly, start.second());
        let times = if freq >= Frequency::Daily {
            // Mostly one time of day: the start's, or midnight.
            if let (Some(h), Some(m), Some(s)) =
                (hours.single(24), minutes.single(60), seconds.single(60))
            {
                Few::from_iter([i64::from(h * 3_600 + m * 60 + s)])
            } else {
                hours
                    .members(24)
                    .flat_map(|h| {
                        minutes.members(60).flat_map(move |m| {
                            seconds
                                .members(60)
                                .map(move |s| i64::from(h * 3_600 + m * 60 + s))
                        })
                    })
                    .collect()
            }
        } else {
            Few::new()
        };

        let start_day = i64::from(start.date().num_days_from_ce());
        let origin_day = match freq {
            Frequency::Yearly => i64::from(
                NaiveDate::from_ymd_opt(start.year(), 1, 1).map_or(0, |d| d.num_days_from_ce()),
            ),
            Frequency::Monthly => start_day - i64::from(start.day0()),
            Frequency::Weekly => {
                let wd = i64::from(start.weekday().num_days_from_monday());
                start_day - (wd - i64::from(rule.week_start.days_from_monday())).rem_euclid(7)
            }
            _ => start_day,
        };
        let origin_time = match freq {
            Frequency::Hourly => start.with_minute(0).and_then(|t| t.with_second(0)),
            Frequency::Minutely => start.with_second(0),
            _ => Some(start),
        }
        .unwrap_or(start);
        let mut plan = Box::new(Plan {
            freq,
            interval: i64::from(rule.interval),
            start,
            days,
            hours,
            minutes,
            seconds,
            times,
            start_wall: WallSecs::of(start),
            until_wall: match rule.until {
                Some(Until::Date(d)) => Some(EpochDay::of(d).at(DAY - 1)),
                Some(Until::Local(t)) => Some(WallSecs::of(t)),
                _ => None,
            },
            until_utc: match rule.until {
                // UTC read as a clock: its wall-clock seconds are Unix seconds.
                Some(Until::Utc(t)) => Some(UnixSecs(wall(t))),
                _ => None,
            },
            set_pos: copied(&rule.by_set_pos),
            skip: SkipMasks::new(rule.skip),
            workday: rule.workday,
            count: rule.count,
            origin_day,
            origin_month: i64::from(start.year()) * 12 + i64::from(start.month0()),
            origin_time: origin_time.with_nanosecond(0).unwrap_or(origin_time),
            stride: None,
            allowed: OnceLock::new(),
        });
        plan.stride = plan.find_stride();
        plan
    }

    /// Makes this plan (of a timed series) the plan of the all-day series that starts at midnight of
    /// the same date: exactly what [`Plan::boxed`] makes of the rule with `all_day` set, without
    /// reading the rule again. The day filters, which follow the start's date alone, stay.
    pub(super) fn at_midnight(&mut self) {
        let midnight = self.start.date().and_time(chrono::NaiveTime::MIN);
        self.start = midnight;
        self.start_wall = WallSecs::of(midnight);
        self.origin_time = midnight;
        self.hours = Bits::of([0]);
        self.minutes = Bits::of([0]);
        self.seconds = Bits::of([0]);
        if self.freq >= Frequency::Daily {
            self.times.clear();
            self.times.push(0);
        }
        self.allowed = OnceLock::new();
        self.stride = self.find_stride();
    }

    /// The candidates as an arithmetic progression, for the walk's fast path: DAILY, WEEKLY on one
    /// day, HOURLY on one minute and second, ... ([`Plan::find_stride`]).
    pub(super) fn stride(&self) -> Option<&Stride> {
        self.stride.as_ref()
    }

    /// Whether the day filters let every day through (DAILY and sub-daily fast paths).
    pub(super) fn every_day(&self) -> bool {
        self.days.is_trivial()
    }
}

/// A rule's list as the plan keeps it. Most are empty, and an empty one is made without copying
/// nothing (which in WebAssembly is still a call out of the module).
fn copied<T: Clone>(list: &[T]) -> Vec<T> {
    if list.is_empty() {
        Vec::new()
    } else {
        list.to_vec()
    }
}

/// Rule generators for the property tests of the plan's parts.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod testing {
    use proptest::prelude::*;

    /// YEARLY, MONTHLY and WEEKLY rules with every kind of day filter.
    pub(super) fn day_rule() -> impl Strategy<Value = String> {
        let freq = prop::sample::select(vec!["YEARLY", "MONTHLY", "WEEKLY"]);
        let part = prop_oneof![
            proptest::sample::subsequence((1u32..=12).collect::<Vec<_>>(), 1..4)
                .prop_map(|m| format!(";BYMONTH={}", join(&m))),
            proptest::sample::subsequence(
                (-31i32..=31).filter(|&d| d != 0).collect::<Vec<_>>(),
                1..4
            )
            .prop_map(|d| format!(";BYMONTHDAY={}", join(&d))),
            proptest::sample::subsequence(
                (-366i32..=366).filter(|&d| d != 0).collect::<Vec<_>>(),
                1..4
            )
            .prop_map(|d| format!(";BYYEARDAY={}", join(&d))),
            proptest::sample::subsequence(
                (-53i32..=53).filter(|&d| d != 0).collect::<Vec<_>>(),
                1..4
            )
            .prop_map(|d| format!(";BYWEEKNO={}", join(&d))),
            proptest::sample::subsequence(vec!["MO", "TU", "WE", "TH", "FR", "SA", "SU"], 1..3)
                .prop_map(|d| format!(";BYDAY={}", d.join(","))),
            (
                (-5i32..=5).prop_filter("nonzero", |&n| n != 0),
                prop::sample::select(vec!["MO", "FR", "SU"])
            )
                .prop_map(|(n, d)| format!(";BYDAY={n}{d}")),
            prop::sample::select(vec!["MO", "TH", "SU"]).prop_map(|d| format!(";WKST={d}")),
        ];
        (freq, proptest::collection::vec(part, 0..3))
            .prop_map(|(freq, parts)| with_parts(format!("RRULE:FREQ={freq}"), parts))
    }

    /// DAILY and sub-daily rules with weekday, hour, minute and second filters and
    /// TT_SKIP=WEEKEND or OFFICIAL_WORKDAY, with intervals that make sparse grids.
    pub(super) fn grid_rule() -> impl Strategy<Value = String> {
        let freq = prop::sample::select(vec!["DAILY", "HOURLY", "MINUTELY", "SECONDLY"]);
        let interval = prop_oneof![
            1u32..30,
            prop::sample::select(vec![
                7u32, 14, 48, 60, 120, 168, 336, 1_440, 3_600, 10_080, 25_200, 86_400
            ]),
            1u32..1_000_000,
        ];
        let part = prop_oneof![
            proptest::sample::subsequence(vec!["MO", "TU", "WE", "TH", "FR", "SA", "SU"], 1..3)
                .prop_map(|d| format!(";BYDAY={}", d.join(","))),
            proptest::sample::subsequence((0u32..24).collect::<Vec<_>>(), 1..3)
                .prop_map(|h| format!(";BYHOUR={}", join(&h))),
            proptest::sample::subsequence((0u32..60).collect::<Vec<_>>(), 1..3)
                .prop_map(|m| format!(";BYMINUTE={}", join(&m))),
            proptest::sample::subsequence((0u32..60).collect::<Vec<_>>(), 1..3)
                .prop_map(|m| format!(";BYSECOND={}", join(&m))),
            Just(";TT_SKIP=WEEKEND".to_owned()),
            Just(";TT_SKIP=OFFICIAL_WORKDAY".to_owned()),
        ];
        (freq, interval, proptest::collection::vec(part, 0..4)).prop_map(|(freq, n, parts)| {
            with_parts(format!("RRULE:FREQ={freq};INTERVAL={n}"), parts)
        })
    }

    /// `head` followed by each part whose key has not appeared yet (a key may be given once).
    fn with_parts(mut flag: String, parts: Vec<String>) -> String {
        let mut seen: Vec<String> = Vec::new();
        for part in parts {
            let key = part.split('=').next().unwrap_or_default().to_owned();
            if !seen.contains(&key) {
                seen.push(key);
                flag.push_str(&part);
            }
        }
        flag
    }

    fn join<T: ToString>(values: &[T]) -> String {
        values
            .iter()
            .map(T::to_string)
            .collect::<Vec<_>>()
            .join(",")
    }
}
