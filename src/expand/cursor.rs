//! Walking a plan period by period, applying BYSETPOS, the start, UNTIL, COUNT, TT_SKIP and exDates.
//!
//! Candidates are wall-clock seconds ([`wall`]): comparing, stepping and offsetting them is integer
//! arithmetic, which keeps a long expansion at a few nanoseconds of bookkeeping per occurrence. Rules
//! whose periods hold one candidate each at the same offset ([`Plan::stride`]: DAILY, WEEKLY on one
//! day, HOURLY, ...) skip the period machinery altogether: their candidates are stepped by addition,
//! then judged and charged exactly as the general walk judges and charges them.
//!
//! # Bounded work
//!
//! A day-based period (a day, week, month or year) is never expanded into a list of all its
//! candidates: it is kept as its matching days times the plan's times of day, so a yearly rule with
//! every second of the day (31.6 million candidates a year) costs one entry per day. BYSETPOS picks
//! positions in that product by arithmetic, and a walk that begins inside a period seeks to its first
//! candidate by binary search. A day whose occurrences are all dropped (TT_SKIP, exDate, holiday) is
//! passed over whole, and a sub-daily walk goes from a period whose time of day BYHOUR, BYMINUTE or
//! BYSECOND refuse straight to the next allowed one, however far ([`Plan::next_allowed_period`]).
//! With COUNT, the occurrences before the instant asked about are counted by arithmetic where the
//! rule allows ([`Series::jump`]), otherwise a day at a time, not one by one.
//!
//! What remains is bounded by a budget of [`SEARCH_STEPS`] steps (a day examined, a period
//! expanded, a candidate judged) per occurrence searched for. A search that exhausts it ends with
//! [`Error::SearchLimit`](crate::Error::SearchLimit) through the checked API, never by quietly
//! returning fewer occurrences.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

use super::civil::{date_of, epoch_day, in_calendar, wall, Dates, CALENDAR, DAY, HOUR};
use super::holidays::weekday;
use super::plan::{Plan, Stride};
use super::{Occurrence, Series};
use crate::rule::{Frequency, Workday};
use crate::zone::Resolver;

/// The most steps one search for an occurrence may take: a day examined or a candidate judged counts
/// one, a period expanded four, a period whose start is computed from the calendar sixteen. Under
/// 10 ms of work in a release build even on a busy machine; every rule TickTick writes needs a few
/// hundred at most.
pub const SEARCH_STEPS: u64 = 1 << 19;

/// The weight, in steps, of expanding a period (on top of the days it examines), and the extra weight
/// of a period whose start is computed from the calendar rather than stepped from the last one: such
/// periods cost tens of times a day's check.
const PERIOD_STEPS: u64 = 4;
const CALENDAR_STEPS: u64 = 12;

/// A margin, wider than any offset between wall-clock time and UTC and any gap shift, that keeps
/// candidates counted in bulk clear of the instants they are compared with.
const MARGIN: i64 = 3 * DAY;

/// What to do with one candidate.
enum Verdict {
    Yield(Occurrence),
    Skip,
    /// The candidate's whole day is removed (TT_SKIP, an exDate or a holiday): skip the rest of it.
    SkipDay,
    End,
}

/// The state of a walk over a [`Plan`].
#[derive(Debug)]
pub(super) struct Cursor<'a> {
    series: &'a Series,
    plan: &'a Plan,
    /// The next period to expand.
    k: i64,
    /// The current period: when `product`, every time of `plan.times` on each day of `period_days`
    /// (days since 1970, ascending); otherwise the wall-clock seconds in `walls`, ascending.
    product: bool,
    period_days: Vec<i64>,
    walls: Vec<i64>,
    /// The flat index of the current period's next candidate.
    pos: usize,
    /// Scratch space for the calendar days of a period.
    days: Vec<NaiveDate>,
    /// Occurrences of the series met so far, for COUNT.
    emitted: u64,
    /// Only occurrences strictly after this instant (Unix seconds) are yielded.
    after: Option<i64>,
    /// Candidates before this wall-clock second are neither yielded nor counted: the start, or (when
    /// nothing needs counting) the earliest wall-clock time whose instant can be after `after`.
    floor: i64,
    /// Candidates before this wall-clock second are counted toward COUNT without being judged one by
    /// one: they are surely before `after` and before UNTIL. `i64::MIN` when nothing is counted so.
    bulk_before: i64,
    /// Whether COUNT and UNTIL apply (off when probing whether a rule can occur at all).
    bounded: bool,
    /// Whether any day can be dropped: TT_SKIP, an exDate or a holiday.
    drops_days: bool,
    /// The start (wall-clock seconds) of the last period that had a candidate, or of the walk.
    alive: i64,
    /// How long a walk may go without a candidate before the rule provably never produces one
    /// again ([`Plan::cycle_seconds`]), worked out when first needed.
    cycle: Option<i64>,
    /// The last period expanded and its first day, to step DAILY and WEEKLY periods cheaply.
    last_period: Option<(i64, i64)>,
    resolver: Resolver,
    /// Whether instants are resolved (off when only wall-clock times matter: see
    /// [`Cursor::unbounded`]).
    instants: bool,
    /// Converts the days of the occurrences made into dates.
    dates: Dates,
    /// The fast path: the rule's candidates as an arithmetic progression ([`Plan::stride`]).
    stride: Option<Stride>,
    /// Whether no period has been expanded yet: the general walk works out the first one's start
    /// from the calendar, and the fast path charges for it likewise.
    fresh: bool,
    done: bool,
    /// Steps left for the current search, and the allowance each search starts with.
    steps_left: u64,
    steps_per_search: u64,
    /// Whether the walk ended because a search ran out of steps.
    exhausted: bool,
}

impl<'a> Cursor<'a> {
    pub(super) fn new(series: &'a Series, plan: &'a Plan, k: i64, after: Option<i64>) -> Self {
        Cursor {
            series,
            plan,
            k,
            product: false,
            period_days: Vec::new(),
            walls: Vec::new(),
            pos: 0,
            days: Vec::new(),
            emitted: 0,
            after,
            floor: plan.start_wall,
            bulk_before: i64::MIN,
            bounded: true,
            drops_days: plan.skip.any(series.holidays.is_some()) || !series.exdates.is_empty(),
            alive: plan.period_start(k).map_or(plan.start_wall, wall),
            cycle: None,
            last_period: None,
            resolver: Resolver::new(series.zone),
            instants: true,
            dates: Dates::new(),
            stride: plan.stride().filter(|_| series.fast_paths),
            fresh: true,
            done: false,
            steps_left: u64::MAX,
            steps_per_search: u64::MAX,
            exhausted: false,
        }
    }

    /// A walk that begins at period `k` with the `emitted` occurrences of the periods before it
    /// already counted toward COUNT.
    pub(super) fn counted(mut self, emitted: u64) -> Self {
        self.emitted = emitted;
        self.done = self.plan.count.is_some_and(|c| emitted >= u64::from(c));
        self
    }

    /// A walk that ignores COUNT and UNTIL and resolves no instant (each occurrence's instant is
    /// left equal to its wall-clock time): does the rule produce anything at all, and where?
    pub(super) fn unbounded(mut self) -> Self {
        self.bounded = false;
        self.instants = false;
        self
    }

    /// Limits each search for an occurrence to `steps` steps; a walk that runs out ends, and
    /// [`Cursor::exhausted`] says so.
    pub(super) fn limited(mut self, steps: u64) -> Self {
        self.steps_left = steps;
        self.steps_per_search = steps;
        self
    }

    /// Candidates with a wall-clock time before `scan` cannot have an instant after `after`: skip
    /// them by arithmetic, counting them toward COUNT when that applies.
    pub(super) fn scanning_from(mut self, scan: i64) -> Self {
        let counts = self.bounded && self.plan.count.is_some();
        if counts {
            let mut limit = scan.saturating_sub(MARGIN);
            if let Some(u) = self.plan.until_wall {
                limit = limit.min(u);
            }
            if let Some(u) = self.plan.until_utc {
                limit = limit.min(u.saturating_sub(MARGIN));
            }
            self.bulk_before = limit;
            // Sub-daily periods before `limit` are counted a day at a time, by the general walk.
            if self.plan.freq < Frequency::Daily {
                self.stride = None;
            }
        } else {
            self.floor = self.floor.max(scan);
        }
        self
    }

    /// Whether the walk ended because a search ran out of steps.
    pub(super) fn exhausted(&self) -> bool {
        self.exhausted
    }

    /// Takes `n` steps from the current search's allowance; `false` (and the walk ends) when it is
    /// spent.
    fn spend(&mut self, n: u64) -> bool {
        if self.steps_left < n {
            self.steps_left = 0;
            self.exhausted = true;
            self.done = true;
            return false;
        }
        self.steps_left -= n;
        true
    }

    /// How many candidates the current period has.
    fn len(&self) -> usize {
        if self.product {
            self.period_days.len().saturating_mul(self.plan.times.len())
        } else {
            self.walls.len()
        }
    }

    /// The current period's candidate at flat index `i`.
    fn candidate(&self, i: usize) -> Option<i64> {
        if self.product {
            let per_day = self.plan.times.len();
            // One time of day (the common case) needs no division.
            let (d, t) = if per_day == 1 {
                (i, 0)
            } else {
                (i.checked_div(per_day)?, i % per_day)
            };
            let day = *self.period_days.get(d)?;
            let time = *self.plan.times.get(t)?;
            Some(day * DAY + time)
        } else {
            self.walls.get(i).copied()
        }
    }

    /// Moves to the first candidate of the current period at or after wall-clock second `w`.
    fn seek(&mut self, w: i64) {
        let at = if self.product {
            let (day, time) = (w.div_euclid(DAY), w.rem_euclid(DAY));
            let d = self.period_days.partition_point(|&x| x < day);
            let t = if self.period_days.get(d) == Some(&day) {
                self.plan.times.partition_point(|&x| x < time)
            } else {
                0
            };
            d.saturating_mul(self.plan.times.len()).saturating_add(t)
        } else {
            self.walls.partition_point(|&x| x < w)
        };
        self.pos = self.pos.max(at);
    }

    /// Moves past every candidate on the day of the candidate just taken (at `pos - 1`).
    fn skip_day(&mut self, day: i64) {
        if self.product {
            let per_day = self.plan.times.len().max(1);
            self.pos = self.pos.div_ceil(per_day) * per_day;
        } else if self.plan.freq < Frequency::Daily {
            // A sub-daily period holds one hour at most: move the walk to the next day.
            self.pos = self.walls.len();
            self.move_past_day(day);
        } else {
            self.seek((day + 1) * DAY);
        }
    }

    /// [`Iterator::next`] on the general path: the current period's candidates, then the next
    /// period's.
    fn next_in_periods(&mut self) -> Option<Occurrence> {
        loop {
            if self.done {
                return None;
            }
            if self.pos < self.len() {
                let Some(local) = self.candidate(self.pos) else {
                    self.pos = self.len();
                    continue;
                };
                self.pos += 1;
                if !self.spend(1) {
                    return None;
                }
                let day = local.div_euclid(DAY);
                match self.judge(local, day) {
                    Verdict::Yield(o) => {
                        self.steps_left = self.steps_per_search;
                        return Some(o);
                    }
                    Verdict::Skip => continue,
                    Verdict::SkipDay => {
                        self.skip_day(day);
                        continue;
                    }
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

    /// Moves a sub-daily walk to the first period that begins after `day`.
    fn move_past_day(&mut self, day: i64) {
        if let Some(next) = date_of(day + 1) {
            let k = self.plan.first_period_from(next.and_time(NaiveTime::MIN));
            self.k = self.k.max(k);
        }
    }

    /// [`Iterator::next`] on the fast path: period after period, its one candidate by addition,
    /// judged as the general walk judges it, after spending the steps the general walk spends on
    /// expanding the period.
    fn next_in_stride(&mut self, stride: Stride) -> Option<Occurrence> {
        let plan = self.plan;
        let day_based = plan.freq >= Frequency::Daily;
        loop {
            if self.done {
                return None;
            }
            // A sub-daily period's start is always computed from the calendar, a day-based one's only
            // when it does not follow the last one.
            let calendar = !day_based || std::mem::take(&mut self.fresh);
            let cost = PERIOD_STEPS + if calendar { CALENDAR_STEPS } else { 0 };
            if !self.spend(cost) {
                return None;
            }
            let k = self.k;
            self.k = k + 1;
            // The period's start, and a day-based period's candidate, must lie in the calendar.
            let local = k
                .checked_mul(stride.step)
                .and_then(|x| x.checked_add(stride.first))
                .filter(|&w| {
                    let begin = w - stride.offset;
                    CALENDAR.contains(&begin) && (!day_based || CALENDAR.contains(&w))
                });
            let Some(local) = local else {
                // Past the calendar's last day the series ends.
                self.done = true;
                return None;
            };
            // A weekly period's days are each examined.
            if plan.freq == Frequency::Weekly && !self.spend(7) {
                return None;
            }
            let day = local.div_euclid(DAY);
            if self.dropped(day) {
                if !day_based {
                    self.move_past_day(day);
                }
                continue;
            }
            if local < self.floor {
                continue;
            }
            if !self.spend(1) {
                return None;
            }
            match self.judge(local, day) {
                Verdict::Yield(o) => {
                    self.steps_left = self.steps_per_search;
                    return Some(o);
                }
                Verdict::Skip => {}
                // The next candidate is on a later day, except in a sub-daily walk.
                Verdict::SkipDay if !day_based => self.move_past_day(day),
                Verdict::SkipDay => {}
                Verdict::End => {
                    self.done = true;
                    return None;
                }
            }
        }
    }

    /// Expands periods until one has candidates; `false` once the series can produce nothing more.
    fn fill(&mut self) -> bool {
        let plan = self.plan;
        loop {
            if self.done || !self.spend(PERIOD_STEPS) {
                return false;
            }
            let k = self.k;
            self.k = k + 1;
            self.walls.clear();
            self.period_days.clear();
            self.pos = 0;
            let begin = if plan.freq >= Frequency::Daily {
                // Past the calendar's last day the series ends (candidates there have no date).
                let Some(first) = self.first_day(k).filter(|&d| in_calendar(d)) else {
                    return false;
                };
                self.expand_days(first);
                first * DAY
            } else {
                if !self.spend(CALENDAR_STEPS) {
                    return false;
                }
                let Some(begin) = plan.period_start(k) else {
                    return false;
                };
                if self.count_day_in_bulk(k, begin) {
                    continue;
                }
                self.product = false;
                self.expand_sub_daily(begin);
                wall(begin)
            };
            if self.exhausted {
                return false;
            }
            if !plan.set_pos.is_empty() {
                self.select_positions();
            }
            let live = if self.product {
                !plan.times.is_empty() && self.period_days.iter().any(|&d| !self.dropped(d))
            } else {
                self.walls.iter().any(|&w| !self.dropped(w.div_euclid(DAY)))
            };
            if live {
                self.alive = begin;
                if self.floor > begin {
                    self.seek(self.floor);
                }
                return true;
            }
            let cycle = *self.cycle.get_or_insert_with(|| plan.cycle_seconds());
            if begin - self.alive > cycle {
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
            _ => {
                if !self.spend(CALENDAR_STEPS) {
                    return None;
                }
                epoch_day(self.plan.period_start(k)?.date())
            }
        };
        self.last_period = Some((k, first));
        Some(first)
    }

    /// The matching days of the day-based period beginning on `first`, into `period_days`.
    fn expand_days(&mut self, first: i64) {
        let plan = self.plan;
        self.product = true;
        if plan.freq == Frequency::Daily && plan.every_day() {
            self.period_days.push(first);
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
        if plan.freq == Frequency::Daily && plan.workday.is_none() {
            self.period_days.push(epoch_day(first));
            self.spend(1);
            return;
        }
        let Some(which) = plan.workday else {
            let examined = plan.matching_days(first, &mut self.period_days);
            self.spend(examined);
            return;
        };
        plan.period_days(first, &mut self.days);
        if !self.spend(self.days.len() as u64) {
            return;
        }
        // Monday to Friday without a calendar; with one, its rest and make-up days too.
        let holidays = self.series.holidays.as_ref();
        let working = |d: &NaiveDate| {
            let day = epoch_day(*d);
            holidays.map_or(weekday(day) < 5, |c| c.is_working(day))
        };
        let pick = match which {
            Workday::First => self.days.iter().find(|d| working(d)),
            Workday::Last => self.days.iter().rfind(|d| working(d)),
        };
        self.period_days.extend(pick.map(|&d| epoch_day(d)));
    }

    /// Replaces the current period by the candidates at the 1-based positions of BYSETPOS (negative
    /// from the end), ascending: arithmetic on the flat index, whatever the period's size.
    fn select_positions(&mut self) {
        let n = self.len();
        let mut picked: Vec<i64> = self
            .plan
            .set_pos
            .iter()
            .filter_map(|&p| {
                let p = isize::try_from(p).ok()?;
                let i = if p > 0 {
                    p.checked_sub(1)?
                } else {
                    isize::try_from(n).ok()?.checked_add(p)?
                };
                self.candidate(usize::try_from(i).ok()?)
            })
            .collect();
        picked.sort_unstable();
        picked.dedup();
        self.product = false;
        self.period_days.clear();
        self.walls = picked;
        self.pos = 0;
    }

    /// With COUNT, a sub-daily period `k` that begins a day lying wholly before the instant asked
    /// about: counts that day's occurrences at once and moves the walk to the next day.
    fn count_day_in_bulk(&mut self, k: i64, begin: NaiveDateTime) -> bool {
        let plan = self.plan;
        // Period 0 may begin before the start; its day is walked one by one.
        if k == 0 || self.bulk_before == i64::MIN {
            return false;
        }
        let day = wall(begin).div_euclid(DAY);
        let Some(date) = date_of(day) else {
            return false;
        };
        let next_midnight = (day + 1) * DAY;
        if next_midnight > self.bulk_before {
            return false;
        }
        let Some(next) = date_of(day + 1).map(|d| d.and_time(NaiveTime::MIN)) else {
            return false;
        };
        let Some(per_day) = plan.allowed_between(k, plan.first_period_from(next) - 1) else {
            return false;
        };
        if per_day > 0 && plan.days.matches(date) && !self.dropped(day) {
            self.alive = wall(begin);
            if !self.series.excluded(day) {
                self.emitted = self.emitted.saturating_add(per_day);
                if plan.count.is_some_and(|c| self.emitted >= u64::from(c)) {
                    self.done = true;
                }
            }
        }
        self.k = self.k.max(plan.first_period_from(next));
        true
    }

    /// Expands a sub-daily period beginning at `begin`; when its day, hour or minute cannot match,
    /// moves the walk past them in one step.
    fn expand_sub_daily(&mut self, begin: NaiveDateTime) {
        let plan = self.plan;
        let skip_to = |t: NaiveDateTime| plan.first_period_from(t);
        let day = wall(begin).div_euclid(DAY);
        if (!plan.every_day() && !plan.days.matches(begin.date())) || self.dropped(day) {
            let next = if plan.every_day() {
                begin.date().succ_opt()
            } else {
                plan.days.next_day_to_try(begin.date())
            };
            if let Some(next) = next {
                self.k = self.k.max(skip_to(next.and_time(NaiveTime::MIN)));
            }
            return;
        }
        let local = wall(begin);
        if !plan.time_of_day_allowed(local.rem_euclid(DAY)) {
            // `self.k` is already the next period: go straight to the next one whose time of day
            // passes BYHOUR, BYMINUTE and BYSECOND, however far.
            self.k = plan.next_allowed_period(self.k).unwrap_or(self.k);
            return;
        }
        let hour = local - local.rem_euclid(HOUR);
        match plan.freq {
            Frequency::Hourly => {
                for minute in (0..60).filter(|&v| plan.minutes.has(v)) {
                    for second in (0..60).filter(|&v| plan.seconds.has(v)) {
                        self.walls.push(hour + i64::from(minute * 60 + second));
                    }
                }
            }
            Frequency::Minutely => {
                for second in (0..60).filter(|&v| plan.seconds.has(v)) {
                    self.walls.push(local + i64::from(second));
                }
            }
            _ => self.walls.push(local),
        }
    }

    /// Whether `TT_SKIP` drops day `day` (days since 1970-01-01), the calendar consulted where it
    /// can change the answer ([`SkipMasks::drops`](super::skip::SkipMasks::drops)).
    #[inline]
    fn dropped(&self, day: i64) -> bool {
        self.plan.skip.drops(day, self.series.holidays.as_ref())
    }

    /// With COUNT, a day of a day-based period lying wholly before the instant asked about: counts
    /// its remaining candidates at once. `None` when the candidate must be judged alone.
    fn count_rest_of_day_in_bulk(&mut self, day: i64) -> Option<Verdict> {
        let last_time = *self.plan.times.last()?;
        let stride = self.stride.is_some();
        if !(self.product || stride) || day * DAY + last_time >= self.bulk_before {
            return None;
        }
        let per_day = self.plan.times.len();
        // On the fast path a day has one candidate; otherwise `pos` has moved past the candidate being
        // judged.
        let rest = if stride {
            1
        } else {
            (per_day - self.pos.saturating_sub(1) % per_day) as u64
        };
        if self.dropped(day) || self.series.excluded(day) {
            return Some(Verdict::SkipDay);
        }
        self.emitted = self.emitted.saturating_add(rest);
        if self
            .plan
            .count
            .is_some_and(|c| self.emitted >= u64::from(c))
        {
            self.done = true;
        }
        Some(Verdict::SkipDay)
    }

    /// What to do with the candidate at wall-clock second `local`, on day `day` (days since
    /// 1970-01-01).
    #[inline(always)]
    fn judge(&mut self, local: i64, day: i64) -> Verdict {
        let plan = self.plan;
        if local < plan.start_wall {
            return Verdict::Skip;
        }
        if local < self.bulk_before {
            if let Some(verdict) = self.count_rest_of_day_in_bulk(day) {
                return verdict;
            }
        }
        let instant = if self.instants {
            self.resolver.instant(local)
        } else {
            local
        };
        if self.bounded
            && (plan.until_wall.is_some_and(|u| local > u)
                || plan.until_utc.is_some_and(|u| instant > u))
        {
            return Verdict::End;
        }
        // An instant outside chrono's calendar has no date: the series begins after it (a start in
        // the calendar's first hours, in a zone ahead of UTC) or ends before it.
        if !CALENDAR.contains(&instant) {
            return if instant < CALENDAR.start {
                Verdict::Skip
            } else {
                Verdict::End
            };
        }
        if self.drops_days && (self.dropped(day) || self.series.excluded(day)) {
            return Verdict::SkipDay;
        }
        self.emitted = self.emitted.saturating_add(1);
        if self.bounded && plan.count.is_some_and(|c| self.emitted >= u64::from(c)) {
            self.done = true;
        }
        if self.after.is_some_and(|a| instant <= a) {
            return Verdict::Skip;
        }
        Verdict::Yield(Occurrence::new(local, day, instant, &mut self.dates))
    }
}

impl Iterator for Cursor<'_> {
    type Item = Occurrence;

    #[inline]
    fn next(&mut self) -> Option<Occurrence> {
        match self.stride {
            Some(stride) => self.next_in_stride(stride),
            None => self.next_in_periods(),
        }
    }
}
