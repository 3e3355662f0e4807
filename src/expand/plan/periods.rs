//! Period arithmetic: the index of the period a time lies in, the time a period begins, and the
//! days of a day-based period (those the day filter keeps, month by month).

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime};

use super::day_filter::MonthFacts;
use super::Plan;
use crate::expand::civil::{
    day, days_in_month, days_in_year, epoch_day, in_calendar, EpochDay, PeriodDays, HOUR, LAST_DAY,
    MINUTE,
};
use crate::expand::holidays::weekday;
use crate::rule::Frequency;

impl Plan {
    /// Seconds in one period of a sub-daily rule.
    pub(in crate::expand) fn unit_seconds(&self) -> i64 {
        match self.freq {
            Frequency::Hourly => HOUR,
            Frequency::Minutely => MINUTE,
            _ => 1,
        }
    }

    /// The index of the period containing wall-clock time `t` (negative before the start's period).
    pub(in crate::expand) fn period_of(&self, t: NaiveDateTime) -> i64 {
        let day = i64::from(t.date().num_days_from_ce());
        let units = match self.freq {
            Frequency::Yearly => i64::from(t.year()) - i64::from(self.start.year()),
            Frequency::Monthly => {
                i64::from(t.year()) * 12 + i64::from(t.month0()) - self.origin_month
            }
            Frequency::Weekly => (day - self.origin_day).div_euclid(7),
            Frequency::Daily => day - self.origin_day,
            _ => (t - self.origin_time)
                .num_seconds()
                .div_euclid(self.unit_seconds()),
        };
        units.div_euclid(self.interval)
    }

    /// The first period that begins at or after wall-clock time `t`.
    pub(in crate::expand) fn first_period_from(&self, t: NaiveDateTime) -> i64 {
        let k = self.period_of(t);
        if self.period_start(k).is_some_and(|s| s < t) {
            k + 1
        } else {
            k
        }
    }

    /// Whether the calendar has the start of period `k`: `period_start(k).is_some()`, without
    /// building the date for YEARLY and MONTHLY rules (the first of every month of a year in the
    /// calendar's range is in the calendar).
    pub(in crate::expand) fn has_period(&self, k: i64) -> bool {
        let year = match self.freq {
            Frequency::Yearly => k
                .checked_mul(self.interval)
                .and_then(|step| i64::from(self.start.year()).checked_add(step)),
            Frequency::Monthly => k
                .checked_mul(self.interval)
                .and_then(|step| self.origin_month.checked_add(step))
                .map(|m| m.div_euclid(12)),
            _ => return self.period_start(k).is_some(),
        };
        let range = i64::from(NaiveDate::MIN.year())..=i64::from(NaiveDate::MAX.year());
        year.is_some_and(|year| range.contains(&year))
    }

    /// The wall-clock time period `k` begins at; `None` beyond the calendar's range.
    pub(in crate::expand) fn period_start(&self, k: i64) -> Option<NaiveDateTime> {
        let step = k.checked_mul(self.interval)?;
        match self.freq {
            Frequency::Yearly => {
                let year = i32::try_from(i64::from(self.start.year()).checked_add(step)?).ok()?;
                NaiveDate::from_ymd_opt(year, 1, 1).map(midnight)
            }
            Frequency::Monthly => {
                let m = self.origin_month.checked_add(step)?;
                let year = i32::try_from(m.div_euclid(12)).ok()?;
                NaiveDate::from_ymd_opt(year, m.rem_euclid(12) as u32 + 1, 1).map(midnight)
            }
            Frequency::Weekly => {
                day(self.origin_day.checked_add(step.checked_mul(7)?)?).map(midnight)
            }
            Frequency::Daily => day(self.origin_day.checked_add(step)?).map(midnight),
            _ => {
                let secs = step.checked_mul(self.unit_seconds())?;
                self.origin_time
                    .checked_add_signed(chrono::TimeDelta::try_seconds(secs)?)
            }
        }
    }

    /// The calendar days of the day-based period that begins on `first`, ascending, into `out`
    /// (for TT_WORKDAY, which consults the holiday calendar day by day).
    pub(in crate::expand) fn period_days(&self, first: NaiveDate, out: &mut Vec<NaiveDate>) {
        out.clear();
        match self.freq {
            Frequency::Yearly => {
                let year = first.year();
                if self.days.months.is_some() {
                    for month in 1..=12 {
                        if let Some(d) = NaiveDate::from_ymd_opt(year, month, 1)
                            .filter(|_| self.days.month_ok(month))
                        {
                            push_days(out, d, days_in_month(year, month));
                        }
                    }
                } else {
                    push_days(out, first, days_in_year(year) as u32);
                }
            }
            Frequency::Monthly => {
                if self.days.month_ok(first.month()) {
                    push_days(out, first, days_in_month(first.year(), first.month()));
                }
            }
            Frequency::Weekly => push_days(out, first, 7),
            _ => out.push(first),
        }
    }

    /// [`Plan::matching_days`] of a WEEKLY period that begins on day `first`, when weekdays are the
    /// rule's only day filter: each day by its weekday alone, no month examined. `None` for other
    /// rules.
    pub(in crate::expand) fn matching_week_days(
        &self,
        first: EpochDay,
        out: &mut PeriodDays,
    ) -> Option<u64> {
        if self.freq != Frequency::Weekly || !self.days.weekdays_only() {
            return None;
        }
        let first_weekday = weekday(first.0);
        for i in 0..7 {
            let n = first.0 + i64::from(i);
            let kept = !self.days.has_weekdays || self.days.weekdays.has((first_weekday + i) % 7);
            if kept && in_calendar(n) {
                out.push(EpochDay(n));
            }
        }
        Some(7 - (first.0 + 6 - LAST_DAY).clamp(0, 7) as u64)
    }

    /// The days of the day-based period that begins on `first` which pass the day filters, ascending,
    /// appended to `out`; and how many days the period has (in the months
    /// BYMONTH allows): the same days [`Plan::period_days`] lists, tested month by month by
    /// arithmetic.
    pub(in crate::expand) fn matching_days(&self, first: NaiveDate, out: &mut PeriodDays) -> u64 {
        let mut month = MonthFacts::containing(first);
        let days = &self.days;
        let push_month = |month: &MonthFacts, from: u32, to: u32, out: &mut PeriodDays| {
            // Days `from..=to`, of those the cheap filters leave.
            let mut left = days.candidates(month) & (((1u64 << (to + 1 - from)) - 1) << from);
            while left != 0 {
                let day = left.trailing_zeros();
                left &= left - 1;
                let n = month.first_day + i64::from(day) - 1;
                if in_calendar(n) && days.matches_in(month, day) {
                    out.push(EpochDay(n));
                }
            }
        };
        match self.freq {
            Frequency::Yearly => {
                let mut examined = 0;
                loop {
                    if days.month_ok(month.month) {
                        push_month(&month, 1, month.len, out);
                        examined += u64::from(month.len);
                    }
                    if month.month == 12 {
                        return examined;
                    }
                    month = month.next();
                }
            }
            Frequency::Monthly => {
                if !days.month_ok(month.month) {
                    return 0;
                }
                push_month(&month, 1, month.len, out);
                u64::from(month.len)
            }
            Frequency::Weekly => {
                // Seven days from `first`, into the next month when the week straddles two, stopping
                // at the calendar's last day.
                let from = first.day();
                let to = (from + 6).min(month.len);
                if days.month_ok(month.month) {
                    push_month(&month, from, to, out);
                }
                let rest = from + 6 - to;
                if rest > 0 {
                    month = month.next();
                    if days.month_ok(month.month) {
                        push_month(&month, 1, rest, out);
                    }
                }
                let last = epoch_day(first) + 6;
                7 - (last - LAST_DAY).clamp(0, 7) as u64
            }
            _ => {
                if days.matches(first) {
                    out.push(EpochDay::of(first));
                }
                1
            }
        }
    }
}

/// Pushes `first` and the `n - 1` days after it, stopping at the calendar's last day. (chrono's
/// `iter_days` never yields that last day itself.)
fn push_days(out: &mut Vec<NaiveDate>, first: NaiveDate, n: u32) {
    let mut day = Some(first);
    for _ in 0..n {
        let Some(d) = day else { break };
        out.push(d);
        day = d.succ_opt();
    }
}

fn midnight(d: NaiveDate) -> NaiveDateTime {
    d.and_time(NaiveTime::MIN)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(not(target_arch = "wasm32"))]
    mod props {
        use proptest::prelude::*;

        use super::*;
        use crate::expand::civil::date_of;
        use crate::expand::plan::testing::day_rule;
        use crate::{Recurrence, RepeatFlag};

        proptest! {
            #![proptest_config(ProptestConfig { cases: 1024, ..ProptestConfig::default() })]

            /// Whether the calendar has a period's start is what building that start says.
            #[test]
            fn has_period_is_whether_the_period_starts_in_the_calendar(
                freq in prop::sample::select(vec!["YEARLY", "MONTHLY", "WEEKLY", "DAILY", "HOURLY"]),
                interval in prop_oneof![1u32..30, 999_000u32..=1_000_000],
                start in prop_oneof![-25_000i64..50_000, LAST_DAY - 800..=LAST_DAY],
                k in prop_oneof![0i64..4, 0i64..3_000_000, i64::MAX - 3..=i64::MAX],
            ) {
                let flag = format!("RRULE:FREQ={freq};INTERVAL={interval}");
                let Ok(Recurrence::Rule(rule)) = flag.parse::<RepeatFlag>().and_then(|f| f.validate())
                else {
                    return Ok(());
                };
                let Some(start) = date_of(start).and_then(|d| d.and_hms_opt(9, 0, 0)) else {
                    return Ok(());
                };
                let plan = Plan::new(&rule, start, false);
                prop_assert_eq!(plan.has_period(k), plan.period_start(k).is_some(), "{} period {}", flag, k);
            }

            /// A week's days by their weekdays alone are the ones tested month by month.
            #[test]
            fn week_days_are_the_matching_days(
                days in proptest::sample::subsequence(vec!["MO", "TU", "WE", "TH", "FR", "SA", "SU"], 0..4),
                week_start in prop::sample::select(vec!["MO", "WE", "SU"]),
                start in -25_000i64..50_000,
                k in 0i64..600,
            ) {
                let by_day = if days.is_empty() { String::new() } else { format!(";BYDAY={}", days.join(",")) };
                let flag = format!("RRULE:FREQ=WEEKLY;INTERVAL=2;WKST={week_start}{by_day}");
                let Ok(Recurrence::Rule(rule)) = flag.parse::<RepeatFlag>().and_then(|f| f.validate())
                else {
                    return Ok(());
                };
                let start = date_of(start).unwrap_or_default().and_hms_opt(9, 0, 0).unwrap_or_default();
                let plan = Plan::new(&rule, start, false);
                let Some(first) = plan.period_start(k).map(|t| t.date()) else { return Ok(()) };
                let (mut by_weekday, mut by_month) = (PeriodDays::new(), PeriodDays::new());
                let examined = plan.matching_week_days(EpochDay::of(first), &mut by_weekday);
                prop_assert_eq!(examined, Some(plan.matching_days(first, &mut by_month)));
                prop_assert_eq!(by_weekday, by_month, "{}", flag);
            }

            /// The days of a period tested month by month by arithmetic are the period's calendar
            /// days that pass [`DayFilter::matches`], and as many days are examined.
            #[test]
            fn matching_days_are_the_period_days_that_match(
                flag in day_rule(),
                start in -25_000i64..50_000,
                k in 0i64..600,
            ) {
                let Ok(Recurrence::Rule(rule)) = flag.parse::<RepeatFlag>().and_then(|f| f.validate())
                else {
                    return Ok(());
                };
                let start = date_of(start).unwrap_or_default().and_hms_opt(9, 0, 0).unwrap_or_default();
                let plan = Plan::new(&rule, start, false);
                let Some(first) = plan.period_start(k).map(|t| t.date()) else { return Ok(()) };
                let mut days = Vec::new();
                plan.period_days(first, &mut days);
                let expected: Vec<EpochDay> =
                    days.iter().filter(|&&d| plan.days.matches(d)).map(|&d| EpochDay::of(d)).collect();
                let mut matching = PeriodDays::new();
                let examined = plan.matching_days(first, &mut matching);
                prop_assert_eq!(matching.to_vec(), expected, "{} period {} from {}", flag, k, first);
                prop_assert_eq!(examined, days.len() as u64);
            }
        }
    }

    /// A week that runs past the calendar's last day has only the days up to it.
    #[test]
    fn matching_days_stop_at_the_calendars_end() {
        let Ok(crate::Recurrence::Rule(rule)) = "RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR,SA,SU"
            .parse::<crate::RepeatFlag>()
            .and_then(|f| f.validate())
        else {
            panic!("a valid rule");
        };
        let first = NaiveDate::MAX - chrono::Days::new(3);
        let plan = Plan::new(&rule, first.and_hms_opt(0, 0, 0).unwrap(), false);
        let mut days = PeriodDays::new();
        assert_eq!(plan.matching_days(first, &mut days), 4);
        assert_eq!(
            days.to_vec(),
            (LAST_DAY - 3..=LAST_DAY).map(EpochDay).collect::<Vec<_>>()
        );
    }
}
