//! Walking a plan period by period, applying BYSETPOS, the start, UNTIL, COUNT, TT_SKIP and exDates.

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, TimeDelta, Timelike, Utc};

use super::holidays::is_working_day;
use super::plan::Plan;
use super::{Occurrence, Series};
use crate::rule::{Frequency, Until, Workday};

/// The Gregorian calendar repeats every 400 years (146,097 days, a whole number of weeks), so a rule
/// that has produced nothing for `400 x INTERVAL` years of periods never will again.
const CYCLE_DAYS: i64 = 146_097;

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
    /// The current period's candidates, ascending, and how many have been consumed.
    buf: Vec<NaiveDateTime>,
    pos: usize,
    days: Vec<NaiveDate>,
    /// Occurrences of the series met so far, for COUNT.
    emitted: u64,
    /// Only occurrences strictly after this instant are yielded.
    after: Option<DateTime<Utc>>,
    /// Whether COUNT and UNTIL apply (off when probing whether a rule can occur at all).
    bounded: bool,
    /// The start of the last period that had a candidate, or of the walk.
    alive: NaiveDateTime,
    cycle: TimeDelta,
    done: bool,
}

impl<'a> Cursor<'a> {
    pub(super) fn new(series: &'a Series, plan: &'a Plan, k: i64, after: Option<DateTime<Utc>>) -> Self {
        let cycle_days = CYCLE_DAYS.saturating_mul(plan.interval).min(TimeDelta::MAX.num_days());
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
            alive: plan.period_start(k).unwrap_or(plan.start),
            cycle: TimeDelta::try_days(cycle_days).unwrap_or(TimeDelta::MAX),
            done: false,
        }
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
            let Some(begin) = plan.period_start(k) else {
                return false;
            };
            if begin - self.alive > self.cycle {
                return false;
            }
            self.k = k + 1;
            self.buf.clear();
            self.pos = 0;
            if plan.freq >= Frequency::Daily {
                if plan.period_days(k, &mut self.days).is_none() {
                    return false;
                }
                self.expand_days();
            } else if !self.expand_sub_daily(begin) {
                continue;
            }
            if !plan.set_pos.is_empty() {
                select_positions(&mut self.buf, &plan.set_pos);
            }
            if self.buf.iter().any(|&t| !self.dropped_as_weekend(t.date())) {
                self.alive = begin;
                return true;
            }
        }
    }

    fn expand_days(&mut self) {
        let plan = self.plan;
        if let Some(which) = plan.workday {
            self.days.retain(|d| is_working_day(self.series.holidays.as_ref(), *d));
            let keep = match which {
                Workday::First => self.days.first(),
                Workday::Last => self.days.last(),
            };
            self.days = keep.copied().into_iter().collect();
        } else if !plan.every_day() {
            self.days.retain(|&d| plan.days.matches(d));
        }
        for &d in &self.days {
            self.buf.extend(plan.times.iter().map(|&t| d.and_time(t)));
        }
    }

    /// Expands a sub-daily period beginning at `begin`; when its day, hour or minute cannot match,
    /// moves the walk past them in one step and returns `false`.
    fn expand_sub_daily(&mut self, begin: NaiveDateTime) -> bool {
        let plan = self.plan;
        let skip_to = |t: NaiveDateTime| plan.first_period_from(t);
        if !plan.every_day() && !plan.days.matches(begin.date()) {
            if let Some(next) = begin.date().succ_opt() {
                self.k = self.k.max(skip_to(next.and_time(chrono::NaiveTime::MIN)));
            }
            return false;
        }
        let (h, m, s) = (begin.hour(), begin.minute(), begin.second());
        if !plan.hours.has(h) {
            let next_hour = begin.with_minute(0).and_then(|t| t.with_second(0)).map(|t| t + TimeDelta::hours(1));
            if let Some(t) = next_hour {
                self.k = self.k.max(skip_to(t));
            }
            return false;
        }
        match plan.freq {
            Frequency::Hourly => {
                for minute in (0..60).filter(|&v| plan.minutes.has(v)) {
                    for second in (0..60).filter(|&v| plan.seconds.has(v)) {
                        if let Some(t) = begin.with_minute(minute).and_then(|t| t.with_second(second)) {
                            self.buf.push(t);
                        }
                    }
                }
            }
            Frequency::Minutely => {
                if !plan.minutes.has(m) {
                    return false;
                }
                for second in (0..60).filter(|&v| plan.seconds.has(v)) {
                    if let Some(t) = begin.with_second(second) {
                        self.buf.push(t);
                    }
                }
            }
            _ => {
                if !plan.minutes.has(m) {
                    let next_minute = begin.with_second(0).map(|t| t + TimeDelta::minutes(1));
                    if let Some(t) = next_minute {
                        self.k = self.k.max(skip_to(t));
                    }
                    return false;
                }
                if plan.seconds.has(s) {
                    self.buf.push(begin);
                }
            }
        }
        !self.buf.is_empty()
    }

    /// `TT_SKIP=WEEKEND`: Saturdays and Sundays are dropped unless the calendar makes them workdays.
    fn dropped_as_weekend(&self, d: NaiveDate) -> bool {
        self.plan.skip_weekends
            && d.weekday().number_from_monday() > 5
            && !self
                .series
                .holidays
                .as_ref()
                .is_some_and(|c| c.is_make_up_workday(d))
    }

    fn judge(&mut self, local: NaiveDateTime) -> Verdict {
        let plan = self.plan;
        if local < plan.start {
            return Verdict::Skip;
        }
        let instant = self.series.zone.instant(local);
        if self.bounded {
            let past_until = match plan.until {
                None => false,
                Some(Until::Date(d)) => local.date() > d,
                Some(Until::Local(t)) => local > t,
                Some(Until::Utc(t)) => instant.naive_utc() > t,
            };
            if past_until {
                return Verdict::End;
            }
        }
        let date = local.date();
        if self.dropped_as_weekend(date)
            || (plan.skip_holidays
                && self.series.holidays.as_ref().is_some_and(|c| c.is_holiday(date)))
            || self.series.exdates.binary_search(&date).is_ok()
        {
            return Verdict::Skip;
        }
        self.emitted += 1;
        if self.bounded && plan.count.is_some_and(|c| self.emitted >= u64::from(c)) {
            self.done = true;
        }
        if self.after.is_some_and(|a| instant <= a) {
            return Verdict::Skip;
        }
        Verdict::Yield(Occurrence { local, instant })
    }
}

impl Iterator for Cursor<'_> {
    type Item = Occurrence;

    fn next(&mut self) -> Option<Occurrence> {
        loop {
            if let Some(&local) = self.buf.get(self.pos) {
                self.pos += 1;
                match self.judge(local) {
                    Verdict::Yield(o) => return Some(o),
                    Verdict::Skip if self.done => return None,
                    Verdict::Skip => continue,
                    Verdict::End => {
                        self.done = true;
                        return None;
                    }
                }
            }
            if self.done || !self.fill() {
                self.done = true;
                return None;
            }
        }
    }
}

/// Keeps the candidates at the 1-based positions `set_pos` (negative from the end), ascending.
fn select_positions(buf: &mut Vec<NaiveDateTime>, set_pos: &[i32]) {
    let n = buf.len() as i64;
    let mut picked: Vec<NaiveDateTime> = set_pos
        .iter()
        .filter_map(|&p| {
            let i = if p > 0 { i64::from(p) - 1 } else { n + i64::from(p) };
            (0..n).contains(&i).then(|| buf[i as usize])
        })
        .collect();
    picked.sort_unstable();
    picked.dedup();
    *buf = picked;
}
