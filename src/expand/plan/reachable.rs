//! Whether a rule can produce an occurrence at all, and how long a walk may search before it
//! provably never will: the grid of a DAILY or sub-daily rule against its filters, the positions
//! `BYSETPOS` asks for against the candidates a period can hold, and the 400-year cycle of the
//! calendar.

use super::arith::{gcd, lcm};
use super::bits::Bits;
use super::Plan;
use crate::expand::civil::{date_of, epoch_day, wall, DAY, EPOCH_CE_DAY, HOUR, MINUTE};
use crate::rule::Frequency;

impl Plan {
    /// How long a walk may go without a candidate before the rule provably never produces one again,
    /// in seconds.
    ///
    /// The Gregorian calendar, weekdays included, repeats every 400 years: 146,097 days, 4,800
    /// months. Periods `INTERVAL` apart meet every phase of that cycle they will ever meet within
    /// `lcm(INTERVAL, cycle)` of it, so nothing found by then means nothing ever.
    pub(in crate::expand) fn cycle_seconds(&self) -> i64 {
        const DAYS: i128 = 146_097;
        const SECONDS: i128 = DAYS * DAY as i128;
        let n = i128::from(self.interval);
        let seconds = match self.freq {
            Frequency::Yearly => lcm(n, 400) / 400 * SECONDS,
            Frequency::Monthly => lcm(n, 4_800) / 4_800 * SECONDS,
            Frequency::Weekly => lcm(7 * n, DAYS) * DAY as i128,
            Frequency::Daily => lcm(n, DAYS) * DAY as i128,
            _ => lcm(n * i128::from(self.unit_seconds()), SECONDS),
        };
        i64::try_from(seconds).unwrap_or(i64::MAX)
    }

    /// Whether every period, whole, holds a candidate: DAILY rules without a day filter, WEEKLY and
    /// MONTHLY rules whose only day filter is `BYDAY` (any weekday, or for MONTHLY an ordinal from
    /// -4 to 4: every month has four of each weekday), with a time of day, and nothing that removes
    /// candidates (`BYSETPOS`, `TT_SKIP`, `TT_WORKDAY`). Such a rule meets a candidate within the
    /// two periods from its start, wherever the calendar has them. `false` says nothing.
    pub(in crate::expand) fn occurs_every_period(&self) -> bool {
        let d = &self.days;
        let days = match self.freq {
            Frequency::Daily => self.every_day(),
            Frequency::Weekly => d.weekdays_only(),
            Frequency::Monthly => {
                d.months.is_none()
                    && d.month_days.is_none()
                    && d.year_days.is_empty()
                    && d.week_nos.is_empty()
                    && (d.weekdays != Bits(0)
                        || d.nth_weekdays
                            .iter()
                            .any(|&(n, _)| n != 0 && (-4..=4).contains(&n)))
            }
            _ => false,
        };
        days && !self.times.is_empty()
            && self.set_pos.is_empty()
            && self.workday.is_none()
            && !self.skip.any(false)
    }

    /// Whether some BYSETPOS position can exist: a period holds at most (days in the longest period) x
    /// (times of day) candidates, one for a SECONDLY rule, so `BYSETPOS=3` on a one-candidate period
    /// selects nothing, ever.
    pub(in crate::expand) fn set_pos_reachable(&self) -> bool {
        if self.set_pos.is_empty() {
            return true;
        }
        let count = |b: Bits, below: u32| b.members(below).count() as i64;
        let most = match self.freq {
            Frequency::Yearly => 366 * self.times.len() as i64,
            Frequency::Monthly => 31 * self.times.len() as i64,
            Frequency::Weekly => 7 * self.times.len() as i64,
            Frequency::Daily => self.times.len() as i64,
            Frequency::Hourly => count(self.minutes, 60) * count(self.seconds, 60),
            Frequency::Minutely => count(self.seconds, 60),
            Frequency::Secondly => 1,
        };
        self.set_pos.iter().any(|&p| i64::from(p).abs() <= most)
    }

    /// Whether some period of a DAILY or sub-daily rule begins on a day its day filters (and
    /// TT_SKIP=WEEKEND) allow, at a time of day BYHOUR, BYMINUTE and BYSECOND allow: `false` means
    /// the rule never produces a candidate. Other frequencies are left to the walk (`true`).
    ///
    /// Periods begin on the grid `origin + k * L` of wall-clock seconds (`L` is `INTERVAL` units),
    /// and the filters repeat every 146,097 days (400 Gregorian years, 20,871 whole weeks). Over
    /// `k >= 0` the grid meets, in every such cycle, exactly the seconds congruent to the origin
    /// modulo `g = gcd(L, 146,097 days)`. On day `e` (days since 1970-01-01) those are the times of
    /// day congruent to `origin - e * DAY` modulo `g`, which depend on `e` only modulo
    /// `q = g / gcd(g, DAY)`, a divisor of 146,097. So one pass over `lcm(q, p)` days, `p` being
    /// the filters' own period (1 day with no day filter, 7 for weekday filters or TT_SKIP alone,
    /// else 146,097), trying each allowed day's class of times once, decides it exactly: a
    /// 7-hour grid from a Thursday midnight, say, meets 00:00 only on Thursdays. (As for the walk
    /// that probes a new series, no holiday calendar applies yet: every day is ordinary, and
    /// TT_SKIP drops the same weekdays each week.)
    pub(in crate::expand) fn grid_reachable(&self) -> bool {
        const CYCLE_DAYS: i64 = 146_097;
        // The weekdays TT_SKIP drops without a calendar; all seven: no day is ever kept.
        let skipped = self.skip.ordinary();
        if skipped == 0x7f {
            return false;
        }
        let unit = match self.freq {
            // Every period is a day the filters allow.
            Frequency::Daily if self.every_day() && skipped == 0 => return true,
            Frequency::Daily => DAY,
            f if f < Frequency::Daily => self.unit_seconds(),
            _ => return true,
        };
        let d = &self.days;
        let weekdays_only = d.weekdays_only();
        let filter_days = if self.every_day() && skipped == 0 {
            1
        } else if weekdays_only {
            7
        } else {
            CYCLE_DAYS
        };
        let period = i128::from(self.interval) * i128::from(unit);
        let Ok(g) = i64::try_from(gcd(period, i128::from(CYCLE_DAYS * DAY))) else {
            return true;
        };
        let q = g / gcd(i128::from(g), i128::from(DAY)) as i64;
        let days = lcm(i128::from(q), i128::from(filter_days)) as i64;
        let origin = if self.freq == Frequency::Daily {
            (self.origin_day - EPOCH_CE_DAY) * DAY
        } else {
            wall(self.origin_time)
        };
        // Which classes of days (`e mod q`) meet an allowed time, worked out once each. With
        // `g >= DAY` a day meets one time at most, checked directly.
        let mut classes: Vec<Option<bool>> = if g < DAY {
            vec![None; usize::try_from(q).unwrap_or(0)]
        } else {
            Vec::new()
        };
        let first = epoch_day(self.start.date());
        let mut e = first;
        while e < first + days {
            let c = (origin - e * DAY).rem_euclid(g);
            let meets = match usize::try_from((e - first).rem_euclid(q))
                .ok()
                .and_then(|i| classes.get_mut(i))
            {
                Some(known) => *known.get_or_insert_with(|| self.grid_meets_a_time(c, g)),
                None => c < DAY && self.period_start_allowed(c),
            };
            let dropped = skipped & (1 << (e + 3).rem_euclid(7)) != 0;
            if !meets || dropped {
                e += 1;
                continue;
            }
            let Some(date) = date_of(e) else {
                return true;
            };
            if d.matches(date) {
                return true;
            }
            // Past the rest of a month BYMONTH leaves out.
            e = d
                .next_day_to_try(date)
                .map_or(e + 1, |next| epoch_day(next).max(e + 1));
        }
        false
    }

    /// Whether a period may begin at second `tod` of a day (DAILY periods begin at midnight).
    fn period_start_allowed(&self, tod: i64) -> bool {
        if self.freq == Frequency::Daily {
            tod == 0
        } else {
            self.time_of_day_allowed(tod)
        }
    }

    /// Whether some second of the day congruent to `c` modulo `g` (below a day) may begin a period:
    /// the allowed hours, then their allowed minutes and seconds, each level going straight to the
    /// grid's points.
    fn grid_meets_a_time(&self, c: i64, g: i64) -> bool {
        let on_grid = |t: i64| (t - c).rem_euclid(g) == 0;
        if self.freq == Frequency::Daily {
            return on_grid(0);
        }
        for h in self.hours.members(24) {
            let hour = i64::from(h) * HOUR;
            if self.freq == Frequency::Hourly {
                if on_grid(hour) {
                    return true;
                }
                continue;
            }
            for m in self.minutes.members(60) {
                let minute = hour + i64::from(m) * MINUTE;
                let found = match self.freq {
                    Frequency::Minutely => on_grid(minute),
                    _ if g >= MINUTE => {
                        let s = (c - minute).rem_euclid(g);
                        s < MINUTE && self.seconds.has(s as u32)
                    }
                    _ => self
                        .seconds
                        .members(60)
                        .any(|s| on_grid(minute + i64::from(s))),
                };
                if found {
                    return true;
                }
            }
        }
        false
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::expand::civil::{date_of, naive, LAST_DAY};
    use crate::expand::cursor::{Cursor, SEARCH_STEPS};
    use crate::expand::plan::testing::{day_rule, grid_rule};
    use crate::expand::Series;
    use crate::{Recurrence, RepeatFlag, Zone};

    fn plan(flag: &str) -> Plan {
        let Ok(Recurrence::Rule(rule)) = flag.parse::<RepeatFlag>().and_then(|f| f.validate())
        else {
            panic!("{flag} is a valid rule");
        };
        Plan::new(&rule, naive(1_768_640_400), false)
    }

    #[test]
    fn rules_occurring_every_period() {
        for flag in [
            "RRULE:FREQ=MONTHLY;INTERVAL=1;BYDAY=-1FR",
            "RRULE:FREQ=MONTHLY;BYDAY=4MO,5TU",
            "RRULE:FREQ=MONTHLY;INTERVAL=3;BYDAY=WE;BYHOUR=9,17",
            "RRULE:FREQ=WEEKLY",
            "RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=SA,SU",
            "RRULE:FREQ=DAILY;INTERVAL=1",
            "RRULE:FREQ=DAILY;INTERVAL=3;BYHOUR=8,20",
        ] {
            assert!(plan(flag).occurs_every_period(), "{flag}");
        }
        for flag in [
            // Not every month has a fifth Friday, or a 31st.
            "RRULE:FREQ=MONTHLY;BYDAY=5FR",
            "RRULE:FREQ=MONTHLY",
            "RRULE:FREQ=MONTHLY;BYDAY=-1FR;BYMONTH=2",
            "RRULE:FREQ=MONTHLY;BYDAY=-1FR;BYSETPOS=2",
            "RRULE:FREQ=MONTHLY;BYDAY=-1FR;TT_SKIP=WEEKEND",
            "RRULE:FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13",
            "RRULE:FREQ=WEEKLY;BYMONTH=1",
            "RRULE:FREQ=YEARLY;BYDAY=MO",
            "RRULE:FREQ=DAILY;BYDAY=MO",
            "RRULE:FREQ=DAILY;TT_SKIP=WEEKEND",
            "RRULE:FREQ=HOURLY",
        ] {
            assert!(!plan(flag).occurs_every_period(), "{flag}");
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 1024, ..ProptestConfig::default() })]

        /// A new series of a rule that occurs in every period, whose third period the calendar
        /// has, is not probed for a first occurrence: the probe finds one, from any start.
        #[test]
        fn the_probe_finds_rules_occurring_every_period(
            flag in prop_oneof![
                day_rule(),
                grid_rule(),
                Just("RRULE:FREQ=DAILY".to_owned()),
                (
                    prop::sample::select(vec!["MONTHLY", "WEEKLY"]),
                    proptest::sample::subsequence(
                        vec!["MO", "1TU", "-1FR", "4WE", "-4TH", "5SA", "-5SU", "+2MO", "3SU"],
                        1..3,
                    ),
                )
                    .prop_map(|(freq, days)| format!("RRULE:FREQ={freq};BYDAY={}", days.join(","))),
            ],
            more in prop::sample::select(vec![
                "", ";INTERVAL=5", ";INTERVAL=999999", ";BYHOUR=23;BYMINUTE=59", ";BYSECOND=60",
                ";TT_SKIP=WEEKEND", ";BYSETPOS=-1", ";TT_WORKDAY=1",
            ]),
            day in prop_oneof![-25_000i64..50_000, LAST_DAY - 800..=LAST_DAY],
            second in 0i64..86_400,
        ) {
            let flag = format!("{flag}{more}");
            let Ok(recurrence) = flag.parse::<RepeatFlag>().and_then(|f| f.validate()) else {
                return Ok(());
            };
            let Some(start) = date_of(day).map(|d| naive(d.and_hms_opt(0, 0, 0).unwrap().and_utc().timestamp() + second)) else {
                return Ok(());
            };
            let Ok(series) = Series::new(&recurrence, start.and_utc(), Zone::UTC) else {
                return Ok(());
            };
            let Some(plan) = series.plan.as_deref() else {
                return Ok(());
            };
            if plan.occurs_every_period() && plan.period_start(2).is_some() {
                let mut probe = Cursor::new(&series, plan, 0, None).unbounded().limited(SEARCH_STEPS);
                prop_assert!(probe.next().is_some(), "{} from {}", flag, start);
            }
        }

        /// The grid analysis against brute force: with weekday filters alone, which period starts
        /// are allowed repeats every week, so walking the grid through `lcm(L, 1 week)` seconds
        /// finds every (weekday, time of day) it will ever meet.
        #[test]
        fn grid_reachable_agrees_with_walking_the_grid_for_a_week(
            flag in grid_rule(),
            start in 0i64..5_000_000_000,
        ) {
            let Ok(Recurrence::Rule(rule)) = flag.parse::<RepeatFlag>().and_then(|f| f.validate())
            else {
                return Ok(());
            };
            let start = naive(start);
            let plan = Plan::new(&rule, start, false);
            let unit = if plan.freq == Frequency::Daily { DAY } else { plan.unit_seconds() };
            let length = plan.interval * unit;
            let week = 7 * DAY;
            let origin = wall(plan.period_start(0).unwrap_or(start));
            // Distinct period starts modulo a week.
            let periods = week / gcd(i128::from(length), i128::from(week)) as i64;
            let walked = (0..periods).any(|k| {
                let t = origin + k * length;
                let (day, tod) = (t.div_euclid(DAY), t.rem_euclid(DAY));
                let weekday = (day + 3).rem_euclid(7) as u32;
                let day_ok = !plan.days.has_weekdays || plan.days.weekdays.has(weekday);
                let weekend = plan.skip.ordinary() & (1 << weekday) != 0;
                let time_ok = if plan.freq == Frequency::Daily {
                    !plan.times.is_empty()
                } else {
                    plan.time_of_day_allowed(tod)
                };
                day_ok && !weekend && time_ok
            });
            prop_assert_eq!(plan.grid_reachable(), walked, "{} from {}", flag, start);
        }
    }
}
