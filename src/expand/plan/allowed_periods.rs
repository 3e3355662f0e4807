//! The allowed-periods index of a sub-daily rule: which of its periods begin at a time of day
//! `BYHOUR`, `BYMINUTE` and `BYSECOND` allow, so that the walk can count them and jump to the next one
//! by arithmetic however many lie between.

use chrono::Timelike;

use super::arith::{gcd, modular_inverse};
use super::bits::Bits;
use super::Plan;
use crate::expand::civil::{DAY, HOUR, MINUTE};
use crate::rule::Frequency;

/// Which periods of a sub-daily rule begin at a time of day its BYHOUR, BYMINUTE and BYSECOND allow.
///
/// Period `k` begins at the origin's time of day plus `k` times the period length, modulo a day, so
/// the answer repeats every `cycle = 86,400 / gcd(length, 86,400)` periods (at most 86,400).
#[derive(Debug, Clone)]
pub(super) struct AllowedPeriods {
    cycle: i64,
    /// The allowed periods of one cycle (`0..cycle`), ascending.
    indices: Vec<u32>,
    /// Candidates in each allowed period: the BYMINUTE x BYSECOND times of an hourly period, the
    /// BYSECOND seconds of a minutely one, 1 for a secondly one.
    weight: u64,
}

impl AllowedPeriods {
    /// How many periods of `0..n` are allowed.
    fn below(&self, n: i64) -> Option<u64> {
        let full = u64::try_from(n.div_euclid(self.cycle)).ok()?;
        let rest = n.rem_euclid(self.cycle);
        let partial = self.indices.partition_point(|&i| i64::from(i) < rest) as u64;
        full.checked_mul(self.indices.len() as u64)?
            .checked_add(partial)
    }

    /// The first allowed period at or after `k`; `None` when no period is ever allowed.
    fn next_from(&self, k: i64) -> Option<i64> {
        let rest = k.rem_euclid(self.cycle);
        let base = k - rest;
        let i = self.indices.partition_point(|&i| i64::from(i) < rest);
        match self.indices.get(i) {
            Some(&j) => Some(base + i64::from(j)),
            None => Some(base + self.cycle + i64::from(*self.indices.first()?)),
        }
    }
}

impl Plan {
    /// How many candidates the sub-daily periods `lo..=hi` hold, their days' filters aside: periods
    /// whose time of day BYHOUR, BYMINUTE and BYSECOND allow, times the candidates each holds. `None`
    /// for day-based rules, a negative `lo`, or a count beyond `u64`.
    pub(in crate::expand) fn allowed_between(&self, lo: i64, hi: i64) -> Option<u64> {
        if self.freq >= Frequency::Daily || lo < 0 {
            return None;
        }
        if hi < lo {
            return Some(0);
        }
        let a = self.allowed_periods()?;
        a.below(hi.checked_add(1)?)?
            .checked_sub(a.below(lo)?)?
            .checked_mul(a.weight)
    }

    /// The first sub-daily period at or after `k` whose time of day BYHOUR, BYMINUTE and BYSECOND
    /// allow, found by arithmetic however many periods lie between; `None` for day-based rules and
    /// a grid that never meets an allowed time.
    pub(in crate::expand) fn next_allowed_period(&self, k: i64) -> Option<i64> {
        if self.freq >= Frequency::Daily {
            return None;
        }
        self.allowed_periods()?.next_from(k)
    }

    fn allowed_periods(&self) -> Option<&AllowedPeriods> {
        self.allowed
            .get_or_init(|| self.find_allowed_periods())
            .as_ref()
    }

    /// Works out [`AllowedPeriods`]: from the allowed times of day when they are fewer than the
    /// periods of a cycle (each maps to at most one period by a modular inverse), otherwise by
    /// testing each period of the cycle.
    fn find_allowed_periods(&self) -> Option<AllowedPeriods> {
        let length = i64::try_from(i128::from(self.interval) * i128::from(self.unit_seconds()))
            .ok()?
            .rem_euclid(DAY);
        let g = i64::try_from(gcd(i128::from(length), i128::from(DAY))).ok()?;
        let cycle = DAY / g;
        let origin = i64::from(self.origin_time.num_seconds_from_midnight());
        let count = |b: Bits, below: u32| b.members(below).count() as u64;
        let (minutes, seconds) = (count(self.minutes, 60), count(self.seconds, 60));
        let weight = match self.freq {
            Frequency::Hourly => minutes * seconds,
            Frequency::Minutely => seconds,
            _ => 1,
        };
        let times = count(self.hours, 24)
            * match self.freq {
                Frequency::Hourly => 1,
                Frequency::Minutely => minutes,
                _ => minutes * seconds,
            };
        let mut indices: Vec<u32> = if times < cycle as u64 {
            // Period `j` begins at `origin + j * length` (mod a day): a time of day `t` is met by
            // `j = (t - origin) / g * inverse(length / g) mod cycle` when `g` divides `t - origin`.
            let inverse = modular_inverse(length / g, cycle)?;
            self.allowed_times_of_day()
                .filter(|t| (t - origin).rem_euclid(g) == 0)
                .filter_map(|t| {
                    let j = i128::from((t - origin).rem_euclid(DAY) / g) * i128::from(inverse);
                    u32::try_from(j.rem_euclid(i128::from(cycle))).ok()
                })
                .collect()
        } else {
            (0..cycle)
                .filter(|&j| self.time_of_day_allowed((origin + j * length).rem_euclid(DAY)))
                .filter_map(|j| u32::try_from(j).ok())
                .collect()
        };
        crate::sort::sort(&mut indices);
        Some(AllowedPeriods {
            cycle,
            indices,
            weight,
        })
    }

    /// The times of day (seconds from midnight) a sub-daily period may begin at: every allowed hour
    /// (HOURLY), hour and minute (MINUTELY), or hour, minute and second (SECONDLY).
    fn allowed_times_of_day(&self) -> impl Iterator<Item = i64> + '_ {
        // A period begins at a whole hour (HOURLY) or minute (MINUTELY).
        let zero = Bits(1);
        let (minutes, seconds) = match self.freq {
            Frequency::Hourly => (zero, zero),
            Frequency::Minutely => (self.minutes, zero),
            _ => (self.minutes, self.seconds),
        };
        self.hours.members(24).flat_map(move |h| {
            minutes.members(60).flat_map(move |m| {
                seconds
                    .members(60)
                    .map(move |s| i64::from(h) * HOUR + i64::from(m) * MINUTE + i64::from(s))
            })
        })
    }

    /// Whether a sub-daily period beginning at second `tod` of the day passes BYHOUR, BYMINUTE (below
    /// HOURLY) and BYSECOND (SECONDLY).
    pub(in crate::expand) fn time_of_day_allowed(&self, tod: i64) -> bool {
        let (h, m, s) = (
            (tod / 3_600) as u32,
            (tod / 60 % 60) as u32,
            (tod % 60) as u32,
        );
        self.hours.has(h)
            && (self.freq == Frequency::Hourly || self.minutes.has(m))
            && (self.freq != Frequency::Secondly || self.seconds.has(s))
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::expand::civil::{naive, wall};
    use crate::expand::plan::testing::grid_rule;
    use crate::{Recurrence, RepeatFlag};

    proptest! {
        #![proptest_config(ProptestConfig { cases: 1024, ..ProptestConfig::default() })]

        /// The allowed periods of a sub-daily grid, found by modular inverse or by testing the
        /// cycle, against testing period starts one by one: the next allowed period from `k`,
        /// and how many are allowed in a stretch of periods.
        #[test]
        fn allowed_periods_agree_with_testing_each_period(
            flag in grid_rule(),
            start in 0i64..5_000_000_000,
            k in 0i64..200_000,
            span in 0i64..3_000,
        ) {
            let Ok(Recurrence::Rule(rule)) = flag.parse::<RepeatFlag>().and_then(|f| f.validate())
            else {
                return Ok(());
            };
            let plan = Plan::new(&rule, naive(start), false);
            if plan.freq == Frequency::Daily {
                return Ok(());
            }
            let allowed = |j: i64| {
                let begin = wall(plan.period_start(j).unwrap());
                plan.time_of_day_allowed(begin.rem_euclid(DAY))
            };
            let a = plan.allowed_periods().unwrap();
            prop_assert!(a.cycle <= DAY);
            // Periods beyond the calendar's end have no start to test.
            prop_assume!(plan.period_start(k + a.cycle.max(span)).is_some());
            let scanned = (k..=k + a.cycle).find(|&j| allowed(j));
            prop_assert_eq!(plan.next_allowed_period(k), scanned, "{} from {}", flag, start);
            let counted = (k..k + span).filter(|&j| allowed(j)).count() as u64 * a.weight;
            prop_assert_eq!(plan.allowed_between(k, k + span - 1), Some(counted));
        }
    }
}
