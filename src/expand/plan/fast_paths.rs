//! What arithmetic a plan allows in place of walking: periods that all hold as many candidates
//! (counted by multiplication), sub-daily runs counted from the allowed times of day, and candidates
//! that form an arithmetic progression ([`Stride`], stepped by addition).

use chrono::{Datelike, Timelike};

use super::bits::Bits;
use super::Plan;
use crate::expand::civil::{wall, EpochDay, WallSecs, DAY, EPOCH_CE_DAY, HOUR, MINUTE};
use crate::rule::Frequency;

/// The candidates of a [`Plan::stride`] rule: period `k`'s is `first + k * step` (wall-clock
/// seconds), `offset` seconds after the period's start.
#[derive(Debug, Clone, Copy)]
pub(in crate::expand) struct Stride {
    first: i64,
    /// Positive.
    step: i64,
    offset: i64,
    /// The periods whose `k * step` holds in an `i64`: a comparison where `checked_mul` would cost a
    /// 128-bit multiplication on 32-bit targets (WebAssembly), once per occurrence.
    k_range: (i64, i64),
    /// When `step` is whole days: `first`'s day (since 1970-01-01) and the days in `step`, which give
    /// each candidate's day by addition instead of a 64-bit division (slow in WebAssembly).
    days: Option<(i64, i64)>,
}

impl Stride {
    /// Candidates `first + k * step` (`step` positive), `offset` seconds after their periods' starts.
    fn new(first: i64, step: i64, offset: i64) -> Stride {
        Stride {
            first,
            step,
            offset,
            // Division truncates toward zero: both bounds are within the range.
            k_range: (i64::MIN / step, i64::MAX / step),
            days: (step % DAY == 0).then(|| (first.div_euclid(DAY), step / DAY)),
        }
    }

    /// Period `k`'s candidate and the period's start; `None` when they overflow.
    #[inline]
    pub(in crate::expand) fn at(self, k: i64) -> Option<(WallSecs, WallSecs)> {
        let (min, max) = self.k_range;
        if k < min || k > max {
            return None;
        }
        let candidate = (k * self.step).checked_add(self.first)?;
        Some((WallSecs(candidate), WallSecs(candidate - self.offset)))
    }

    /// The day of period `k`'s candidate `candidate` (as [`Stride::at`] gave it).
    #[inline]
    pub(in crate::expand) fn day(self, k: i64, candidate: WallSecs) -> EpochDay {
        match self.days {
            // Within `k_range`, `k * step_days` is smaller than `k * step`.
            Some((first_day, step_days)) => EpochDay(first_day + k * step_days),
            None => candidate.day(),
        }
    }
}

impl Plan {
    /// How many candidates every period has, when that is the same for every period: then the
    /// occurrences before period `k` can be counted by multiplication. `None` when periods differ
    /// (months, years, day filters, BYSETPOS, TT_SKIP, TT_WORKDAY).
    pub(in crate::expand) fn per_period(&self) -> Option<u64> {
        if self.skip.any(true) || self.workday.is_some() {
            return None;
        }
        if !self.set_pos.is_empty() {
            return None;
        }
        let weekdays_only = self.days.weekdays_only();
        let count = |b: Bits, below: u32| b.members(below).count() as u64;
        let all = |b: Bits| b == Bits::ALL;
        let times = self.times.len() as u64;
        match self.freq {
            Frequency::Daily if self.every_day() => Some(times),
            Frequency::Weekly if weekdays_only => {
                Some(u64::from(self.days.weekdays.0.count_ones()) * times)
            }
            Frequency::Hourly if self.every_day() && all(self.hours) => {
                Some(count(self.minutes, 60) * count(self.seconds, 60))
            }
            Frequency::Minutely if self.every_day() && all(self.hours) && all(self.minutes) => {
                Some(count(self.seconds, 60))
            }
            Frequency::Secondly
                if self.every_day()
                    && all(self.hours)
                    && all(self.minutes)
                    && all(self.seconds) =>
            {
                Some(1)
            }
            _ => None,
        }
    }

    /// Whether the candidates of a run of periods are counted by [`Plan::allowed_between`] alone: a
    /// sub-daily rule with no day filter, TT_SKIP, TT_WORKDAY or BYSETPOS, whose periods each hold
    /// the same candidates when their time of day is allowed (exDates aside).
    pub(in crate::expand) fn counts_by_time_of_day(&self) -> bool {
        self.freq < Frequency::Daily
            && self.every_day()
            && !self.skip.any(true)
            && self.workday.is_none()
            && self.set_pos.is_empty()
    }

    /// The candidates as an arithmetic progression, when every period holds exactly one candidate
    /// at the same offset from the period's start and no filter thins the periods themselves: DAILY
    /// with no day filter and one time of day, WEEKLY on one weekday at one time, sub-daily rules
    /// with one candidate per period and no day, hour (or minute, second) filter. TickTick's own
    /// schedules are nearly all of this kind, and the walk steps them by addition
    /// ([`Cursor`](crate::expand::cursor::Cursor)). Worked out once, by [`Plan::boxed`]
    /// ([`Plan::stride`]).
    ///
    /// Not with BYSETPOS or TT_WORKDAY, nor with TT_SKIP=WEEKEND or OFFICIAL_WORKDAY when the step is
    /// whole weeks (the general walk then proves when every candidate falls on a dropped weekday).
    pub(super) fn find_stride(&self) -> Option<Stride> {
        if !self.set_pos.is_empty() || self.workday.is_some() {
            return None;
        }
        let one_time = || match self.times[..] {
            [time] => Some(time),
            _ => None,
        };
        let all_day_long = |units: &[(Bits, u32)]| units.iter().all(|&(b, n)| b.covers(n));
        let origin_day = self.origin_day - EPOCH_CE_DAY;
        let (offset, step) = match self.freq {
            Frequency::Yearly | Frequency::Monthly => return None,
            Frequency::Weekly => {
                let d = &self.days;
                let weekday = d.weekdays.single(7).filter(|_| d.weekdays_only())?;
                let from_week_start =
                    (i64::from(weekday) - i64::from(d.week_start.days_from_monday())).rem_euclid(7);
                (from_week_start * DAY + one_time()?, 7 * self.interval * DAY)
            }
            Frequency::Daily if self.every_day() => (one_time()?, self.interval * DAY),
            Frequency::Daily => return None,
            _ if !self.every_day() => return None,
            Frequency::Hourly if all_day_long(&[(self.hours, 24)]) => {
                let minute = self.minutes.single(60)?;
                let second = self.seconds.single(60)?;
                (i64::from(minute * 60 + second), self.interval * HOUR)
            }
            Frequency::Minutely if all_day_long(&[(self.hours, 24), (self.minutes, 60)]) => {
                (i64::from(self.seconds.single(60)?), self.interval * MINUTE)
            }
            Frequency::Secondly
                if all_day_long(&[(self.hours, 24), (self.minutes, 60), (self.seconds, 60)]) =>
            {
                (0, self.interval)
            }
            _ => return None,
        };
        if self.skip.ordinary() != 0 && step % (7 * DAY) == 0 {
            return None;
        }
        let origin = if self.freq >= Frequency::Daily {
            origin_day * DAY
        } else {
            wall(self.origin_time)
        };
        if step <= 0 {
            return None;
        }
        Some(Stride::new(origin + offset, step, offset))
    }

    /// For the day-based rules [`Plan::per_period`] counts: how many candidates period 0 holds at or
    /// after the start, by arithmetic (a week of every second holds 604,800).
    pub(in crate::expand) fn in_first_period(&self) -> Option<u64> {
        let start_day = i64::from(self.start.date().num_days_from_ce());
        let time = i64::from(self.start.num_seconds_from_midnight());
        let per_day = self.times.len() as u64;
        let later_on_start_day = per_day - self.times.partition_point(|&t| t < time) as u64;
        match self.freq {
            Frequency::Daily => Some(later_on_start_day),
            Frequency::Weekly => Some(
                (self.origin_day..self.origin_day + 7)
                    .filter(|&d| self.days.weekdays.has((d - 1).rem_euclid(7) as u32))
                    .map(|d| match d.cmp(&start_day) {
                        std::cmp::Ordering::Less => 0,
                        std::cmp::Ordering::Equal => later_on_start_day,
                        std::cmp::Ordering::Greater => per_day,
                    })
                    .sum(),
            ),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Stride;

    /// `at` answers exactly as `checked_mul` then `checked_add` would, at the edges of `i64`, and
    /// `day` as dividing the candidate.
    #[test]
    fn stride_bounds_agree_with_checked_arithmetic() {
        for step in [1, 7, 86_400, 604_800, 3_600 * 7, i64::MAX / 3, i64::MAX] {
            for first in [0, 1, -1, 86_400 * 20_000, i64::MAX - 5, i64::MIN + 5] {
                let stride = Stride::new(first, step, 0);
                let edges = [
                    i64::MAX / step,
                    i64::MIN / step,
                    0,
                    1,
                    -1,
                    i64::MAX,
                    i64::MIN,
                ];
                for edge in edges {
                    for k in [edge.saturating_sub(1), edge, edge.saturating_add(1)] {
                        let expected = k.checked_mul(step).and_then(|c| c.checked_add(first));
                        assert_eq!(
                            stride.at(k).map(|(c, _)| c.0),
                            expected,
                            "{k} * {step} + {first}"
                        );
                        if let Some((candidate, _)) = stride.at(k) {
                            assert_eq!(
                                stride.day(k, candidate),
                                candidate.day(),
                                "{k} * {step} + {first}"
                            );
                        }
                    }
                }
            }
        }
    }
}
