//! Walking a plan period by period, applying BYSETPOS, the start, UNTIL, COUNT, TT_SKIP and exDates.
//!
//! Candidates are wall-clock seconds ([`wall`]): comparing, stepping and offsetting them is integer
//! arithmetic, which keeps a long expansion at a few nanoseconds of bookkeeping per occurrence.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime, TimeDelta, Timelike};

use super::holidays::is_working_day;
use super::plan::{date_of, epoch_day, wall, Plan, DAY};
use super::{Occurrence, Series};
use crate::rule::{Frequency, Workday};
use crate::zone::Resolver;

/// What to do with one candidate.
enum Verdict {
    Yield(Occurrence),
    Skip,
    End,
}

/// The state of a walk over a [`Plan`].
#[derive(Debug)]
pub(super) struct Cursor<'a> {
    series: &'a Series,
    plan: &'a Plan,
    /// The next period to expand.
    k: i64,
    /// The current period's candidates (wall-clock seconds), ascending, and how many are consumed.
    buf: Vec<i64>,
    pos: usize,
    days: Vec<NaiveDate>,
    /// Occurrences of the series met so far, for COUNT.
    emitted: u64,
    /// Only occurrences strictly after this instant (Unix seconds) are yielded.
    after: Option<i64>,
    /// Whether COUNT and UNTIL apply (off when probing whether a rule can occur at all).
    bounded: bool,
    /// The start (wall-clock seconds) of the last period that had a candidate, or of the walk.
    alive: i64,
    /// How long a walk may go without a candidate before the rule provably never produces one
    /// again ([`Plan::cycle_seconds`]).
    cycle: i64,
    /// The last period expanded and its first day, to step DAILY and WEEKLY periods cheaply.
    last_period: Option<(i64, i64)>,
    resolver: Resolver,
    done: bool,
}

impl<'a> Cursor<'a> {
    pub(super) fn new(series: &'a Series, plan: &'a Plan, k: i64, after: Option<i64>) -> Self {
        Cursor {
            series,
            plan,
            k,
            buf: Vec::new(),
            pos: 0,
            days: Vec::new(),
            emitted: 0,
            after,
            bounded: true,
            alive: plan.period_start(k).map_or(plan.start_wall, wall),
            cycle: plan.cycle_seconds(),
            last_period: None,
            resolver: Resolver::new(series.zone),
            done: false,
        }
    }

    /// A walk that begins at period `k` with the `emitted` occurrences of the periods before it
    /// already counted toward COUNT.
    pub(super) fn counted(mut self, emitted: u64) -> Self {
        self.emitted = emitted;
        self.done = self.plan.count.is_some_and(|c| emitted >= u64::from(c));
        self
    }

    /// A walk that ignores COUNT and UNTIL: does the rule produce anything at all?
    pub(super) fn unbounded(mut self) -> Self {
        self.bounded = false;
        self
    }

    /// Expands periods until one has candidates; `false` once the series can produce nothing more.
    fn fill(&mut self) -> bool {
        let plan = self.plan;
        loop {
            let k = self.k;
            self.k = k + 1;
            self.buf.clear();
            self.pos = 0;
            let begin = if plan.freq >= Frequency::Daily {
                let Some(first) = self.first_day(k) else {
                    return false;
                };
                self.expand_days(first);
                first * DAY
            } else {
                let Some(begin) = plan.period_start(k) else {
                    return false;
                };
                self.expand_sub_daily(begin);
                wall(begin)
            };
            if !plan.set_pos.is_empty() {
                select_positions(&mut self.buf, &plan.set_pos);
            }
            if self
                .buf
                .iter()
                .any(|&w| !self.dropped_as_weekend(w.div_euclid(DAY)))
            {
                self.alive = begin;
                return true;
            }
            if begin - self.alive > self.cycle {
                return false;
            }
        }
    }

    /// The first day (days since 1970) of day-based period `k`. Consecutive DAILY and WEEKLY periods
    /// step from the last one.
    fn first_day(&mut self, k: i64) -> Option<i64> {
        let step = match self.plan.freq {
            Frequency::Daily => Some(self.plan.interval),
            Frequency::Weekly => Some(self.plan.interval * 7),
            _ => None,
        };
        let first = match (self.last_period, step) {
            (Some((last, day)), Some(step)) if last + 1 == k => day + step,
            _ => epoch_day(self.plan.period_start(k)?.date()),
        };
        self.last_period = Some((k, first));
        Some(first)
    }

    fn expand_days(&mut self, first: i64) {
        let plan = self.plan;
        if plan.freq == Frequency::Daily && plan.every_day() {
            let base = first * DAY;
            self.buf.extend(plan.times.iter().map(|&t| base + t));
            return;
        }
        let Some(first) = date_of(first) else {
            return;
        };
        if plan.freq == Frequency::Daily && !plan.days.matches(first) {
            // Jump over the rest of a month the rule cannot match in.
            if let Some(next) = plan.days.next_day_to_try(first) {
                self.k = self
                    .k
                    .max(plan.first_period_from(next.and_time(NaiveTime::MIN)));
            }
            return;
        }
        plan.period_days(first, &mut self.days);
        if let Some(which) = plan.workday {
            let holidays = self.series.holidays.as_ref();
            let pick = match which {
                Workday::First => self.days.iter().find(|&&d| is_working_day(holidays, d)),
                Workday::Last => self.days.iter().rfind(|&&d| is_working_day(holidays, d)),
            };
            self.days = pick.copied().into_iter().collect();
        } else if !plan.every_day() {
            self.days.retain(|&d| plan.days.matches(d));
        }
        for &d in &self.days {
            let base = epoch_day(d) * DAY;
            self.buf.extend(plan.times.iter().map(|&t| base + t));
        }
    }

    /// Expands a sub-daily period beginning at `begin`; when its day, hour or minute cannot match,
    /// moves the walk past them in one step.
    fn expand_sub_daily(&mut self, begin: NaiveDateTime) {
        let plan = self.plan;
        let skip_to = |t: NaiveDateTime| plan.first_period_from(t);
        if !plan.every_day() && !plan.days.matches(begin.date()) {
            if let Some(next) = plan.days.next_day_to_try(begin.date()) {
                self.k = self.k.max(skip_to(next.and_time(NaiveTime::MIN)));
            }
            return;
        }
        let (h, m, s) = (begin.hour(), begin.minute(), begin.second());
        if !plan.hours.has(h) {
            let next_hour = begin
                .with_minute(0)
                .and_then(|t| t.with_second(0))
                .map(|t| t + TimeDelta::hours(1));
            if let Some(t) = next_hour {
                self.k = self.k.max(skip_to(t));
            }
            return;
        }
        let hour = wall(begin) - i64::from(m * 60 + s);
        match plan.freq {
            Frequency::Hourly => {
                for minute in (0..60).filter(|&v| plan.minutes.has(v)) {
                    for second in (0..60).filter(|&v| plan.seconds.has(v)) {
                        self.buf.push(hour + i64::from(minute * 60 + second));
                    }
                }
            }
            Frequency::Minutely => {
                if plan.minutes.has(m) {
                    let minute = hour + i64::from(m * 60);
                    for second in (0..60).filter(|&v| plan.seconds.has(v)) {
                        self.buf.push(minute + i64::from(second));
                    }
                }
            }
            _ => {
                if !plan.minutes.has(m) {
                    let next_minute = begin.with_second(0).map(|t| t + TimeDelta::minutes(1));
                    if let Some(t) = next_minute {
                        self.k = self.k.max(skip_to(t));
                    }
                } else if plan.seconds.has(s) {
                    self.buf.push(wall(begin));
                }
            }
        }
    }

    /// `TT_SKIP=WEEKEND`: Saturdays and Sundays are dropped unless the calendar makes them workdays.
    fn dropped_as_weekend(&self, day: i64) -> bool {
        // 1970-01-01 was a Thursday: day 2 of a week that begins on Saturday.
        self.plan.skip_weekends
            && (day + 5).rem_euclid(7) < 2
            && !self
                .series
                .holidays
                .as_ref()
                .is_some_and(|c| date_of(day).is_some_and(|d| c.is_make_up_workday(d)))
    }

    fn judge(&mut self, local: i64) -> Verdict {
        let plan = self.plan;
        if local < plan.start_wall {
            return Verdict::Skip;
        }
        let instant = self.resolver.instant(local);
        if self.bounded
            && (plan.until_wall.is_some_and(|u| local > u)
                || plan.until_utc.is_some_and(|u| instant > u))
        {
            return Verdict::End;
        }
        let day = local.div_euclid(DAY);
        if self.dropped_as_weekend(day) || self.series.excluded(day, plan.skip_holidays) {
            return Verdict::Skip;
        }
        self.emitted += 1;
        if self.bounded && plan.count.is_some_and(|c| self.emitted >= u64::from(c)) {
            self.done = true;
        }
        if self.after.is_some_and(|a| instant <= a) {
            return Verdict::Skip;
        }
        Verdict::Yield(Occurrence {
            wall: local,
            utc: instant,
        })
    }
}
impl Iterator for Cursor<'_> {
    type Item = Occurrence;

    fn next(&mut self) -> Option<Occurrence> {
        loop {
            if self.done {
                return None;
            }
            if let Some(&local) = self.buf.get(self.pos) {
                self.pos += 1;
                match self.judge(local) {
                    Verdict::Yield(o) => return Some(o),
                    Verdict::Skip => continue,
                    Verdict::End => {
                        self.done = true;
                        return None;
                    }
                }
            }
            if !self.fill() {
                self.done = true;
                return None;
            }
        }
    }
}

/// Keeps the candidates at the 1-based positions `set_pos` (negative from the end), ascending.
fn select_positions(buf: &mut Vec<i64>, set_pos: &[i32]) {
    let n = buf.len() as i64;
    let mut picked: Vec<i64> = set_pos
        .iter()
        .filter_map(|&p| {
            let i = if p > 0 {
                i64::from(p) - 1
            } else {
                n + i64::from(p)
            };
            (0..n).contains(&i).then(|| buf[i as usize])
        })
        .collect();
    picked.sort_unstable();
    picked.dedup();
    *buf = picked;
}
