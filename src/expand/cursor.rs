//! Walking a plan period by period, applying BYSETPOS, the start, UNTIL, COUNT, TT_SKIP and exDates.
//!
//! Candidates are wall-clock seconds ([`WallSecs`]), days are [`EpochDay`]s and instants
//! [`UnixSecs`]: comparing, stepping and offsetting them is integer
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

use super::civil::{epoch_day, Dates, EpochDay, PeriodDays, UnixSecs, WallSecs, DAY, HOUR};
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

/// Whether a walk goes on, and if not, why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// More candidates may come.
    Walking,
    /// The series has nothing more to give.
    Ended,
    /// A search ran out of steps: the walk ended without knowing what comes next.
    OutOfSteps,
}

/// What a walk is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// The series' occurrences: COUNT and UNTIL apply, and each instant is resolved.
    Series,
    /// Whether the rule produces anything at all, and where: COUNT and UNTIL are ignored and no
    /// instant is resolved (each occurrence's instant is left equal to its wall-clock time).
    Probe,
}

/// How the current period's candidates are held.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Layout {
    /// Every time of `plan.times` on each day of `period_days`, day by day.
    Product,
    /// The wall-clock times in `walls`.
    Listed,
}

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
    /// Whether the walk goes on.
    state: State,
    /// What the walk is for.
    mode: Mode,
    /// The next period to expand.
    k: i64,
    /// The current period's candidates, ascending: see [`Layout`].
    layout: Layout,
    period_days: PeriodDays,
    walls: Vec<WallSecs>,
    /// The flat index of the current period's next candidate.
    pos: usize,
    /// Scratch space for the calendar days of a period.
    days: Vec<NaiveDate>,
    /// Occurrences of the series met so far, for COUNT.
    emitted: u64,
    /// Only occurrences strictly after this instant are yielded.
    after: Option<UnixSecs>,
    /// Candidates before this are neither yielded nor counted: the start, or (when nothing needs
    /// counting) the earliest wall-clock time whose instant can be after `after`.
    floor: WallSecs,
    /// Candidates before this are counted toward COUNT without being judged one by one: they are
    /// surely before `after` and before UNTIL. `None` when nothing is counted so.
    bulk_before: Option<WallSecs>,
    /// Whether any day can be dropped: TT_SKIP, an exDate or a holiday.
    drops_days: bool,
    /// The start of the last period that had a candidate; `None` until one has (the walk's first
    /// period, `first_k`, stands for it then, its start worked out only when needed).
    alive: Option<WallSecs>,
    first_k: i64,
    /// How long (seconds) a walk may go without a candidate before the rule provably never
    /// produces one again ([`Plan::cycle_seconds`]), worked out when first needed.
    cycle: Option<i64>,
    /// The last period expanded and its first day, to step DAILY and WEEKLY periods cheaply.
    last_period: Option<(i64, EpochDay)>,
    /// The date of the last period's first day when it was worked out from the calendar, so that
    /// expanding the period need not convert the day back.
    first_date: Option<(EpochDay, NaiveDate)>,
    resolver: Resolver,
    /// Converts the days of the occurrences made into dates.
    dates: Dates,
    /// The fast path: the rule's candidates as an arithmetic progression ([`Plan::stride`]).
    stride: Option<&'a Stride>,
    /// Whether no period has been expanded yet: the general walk works out the first one's start
    /// from the calendar, and the fast path charges for it likewise.
    fresh: bool,
    /// Steps left for the current search, and the allowance each search starts with (`u64::MAX`,
    /// more than any walk takes, when unlimited).
    steps_left: u64,
    steps_per_search: u64,
}

impl<'a> Cursor<'a> {
    pub(super) fn new(series: &'a Series, plan: &'a Plan, k: i64, after: Option<UnixSecs>) -> Self {
        Cursor {
            series,
            plan,
            state: State::Walking,
            mode: Mode::Series,
            k,
            layout: Layout::Listed,
            period_days: PeriodDays::new(),
            walls: Vec::new(),
            pos: 0,
            days: Vec::new(),
            emitted: 0,
            after,
            floor: plan.start_wall,
            bulk_before: None,
            drops_days: plan.skip.any(series.holidays.is_some()) || !series.exdates.is_empty(),
            alive: None,
            first_k: k,
            cycle: None,
            last_period: None,
            first_date: None,
            resolver: series.resolver.clone(),
            dates: series.instants.dates(),
            stride: plan.stride().filter(|_| series.fast_paths),
            fresh: true,
            steps_left: u64::MAX,
            steps_per_search: u64::MAX,
        }
    }

    /// A walk that resolves instants with `resolver` (the series' zone's), which may know the zone's
    /// offsets where the walk begins.
    pub(super) fn resolving_with(mut self, resolver: Resolver) -> Self {
        self.resolver = resolver;
        self
    }

    /// A walk that begins at period `k` with the `emitted` occurrences of the periods before it
    /// already counted toward COUNT.
    pub(super) fn counted(mut self, emitted: u64) -> Self {
        self.emitted = emitted;
        if self.plan.count.is_some_and(|c| emitted >= u64::from(c)) {
            self.end();
        }
        self
    }

    /// A walk that ignores COUNT and UNTIL and resolves no instant (each occurrence's instant is
    /// left equal to its wall-clock time): does the rule produce anything at all, and where?
    pub(super) fn unbounded(mut self) -> Self {
        self.mode = Mode::Probe;
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
    pub(super) fn scanning_from(mut self, scan: WallSecs) -> Self {
        let counts = self.mode == Mode::Series && self.plan.count.is_some();
        if counts {
            let mut limit = scan.saturating_sub(MARGIN);
            if let Some(u) = self.plan.until_wall {
                limit = limit.min(u);
            }
            if let Some(u) = self.plan.until_utc {
                // Every wall-clock time of instant `u` is within the margin of its Unix seconds.
                limit = limit.min(WallSecs(u.0).saturating_sub(MARGIN));
            }
            self.bulk_before = Some(limit);
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
        self.state == State::OutOfSteps
    }

    /// Ends the walk: the series has nothing more to give (a walk that ran out of steps stays so).
    fn end(&mut self) {
        if self.state == State::Walking {
            self.state = State::Ended;
        }
    }

    /// Takes `n` steps from the current search's allowance; `false` (and the walk ends) when it is
    /// spent.
    fn spend(&mut self, n: u64) -> bool {
        if self.steps_left < n {
            self.steps_left = 0;
            self.state = State::OutOfSteps;
            return false;
        }
        self.steps_left -= n;
        true
    }

    /// How many candidates the current period has.
    fn len(&self) -> usize {
        match self.layout {
            Layout::Product => self.period_days.len().saturating_mul(self.plan.times.len()),
            Layout::Listed => self.walls.len(),
        }
    }

    /// The current period's candidate at flat index `i`.
    fn candidate(&self, i: usize) -> Option<WallSecs> {
        match self.layout {
            Layout::Product => {
                let per_day = self.plan.times.len();
                // One time of day (the common case) needs no division.
                let (d, t) = if per_day == 1 {
                    (i, 0)
                } else {
                    (i.checked_div(per_day)?, i % per_day)
                };
                let day = *self.period_days.get(d)?;
                let time = *self.plan.times.get(t)?;
                Some(day.at(time))
            }
            Layout::Listed => self.walls.get(i).copied(),
        }
    }

    /// Moves to the first candidate of the current period at or after `w`.
    fn seek(&mut self, w: WallSecs) {
        let at = match self.layout {
            Layout::Product => {
                let (day, time) = (w.day(), w.time_of_day());
                let d = self.period_days.partition_point(|&x| x < day);
                let t = if self.period_days.get(d) == Some(&day) {
                    self.plan.times.partition_point(|&x| x < time)
                } else {
                    0
                };
                d.saturating_mul(self.plan.times.len()).saturating_add(t)
            }
            Layout::Listed => self.walls.partition_point(|&x| x < w),
        };
        self.pos = self.pos.max(at);
    }

    /// Moves past every candidate on the day of the candidate just taken (at `pos - 1`).
    fn skip_day(&mut self, day: EpochDay) {
        match self.layout {
            Layout::Product => {
                let per_day = self.plan.times.len().max(1);
                self.pos = self.pos.div_ceil(per_day) * per_day;
            }
            Layout::Listed if self.plan.freq < Frequency::Daily => {
                // A sub-daily period holds one hour at most: move the walk to the next day.
                self.pos = self.walls.len();
                self.move_past_day(day);
            }
            Layout::Listed => self.seek(day.next().midnight()),
        }
    }

    /// [`Iterator::next`] on the general path: the current period's candidates, then the next
    /// period's.
    fn next_in_periods(&mut self) -> Option<Occurrence> {
        loop {
            if self.state != State::Walking {
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
                let day = local.day();
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
                        self.end();
                        return None;
                    }
                }
            }
            if !self.fill() {
                self.end();
                return None;
            }
        }
    }

    /// Moves a sub-daily walk to the first period that begins after `day`.
    fn move_past_day(&mut self, day: EpochDay) {
        if let Some(next) = day.next().date() {
            let k = self.plan.first_period_from(next.and_time(NaiveTime::MIN));
            self.k = self.k.max(k);
        }
    }

    /// [`Iterator::next`] on the fast path: period after period, its one candidate by addition,
    /// judged as the general walk judges it, after spending the steps the general walk spends on
    /// expanding the period.
    #[inline(always)]
    fn next_in_stride(&mut self, stride: Stride) -> Option<Occurrence> {
        let plan = self.plan;
        let day_based = plan.freq >= Frequency::Daily;
        loop {
            if self.state != State::Walking {
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
            let local = stride.at(k).filter(|&(candidate, begin)| {
                begin.in_calendar() && (!day_based || candidate.in_calendar())
            });
            let Some((local, _)) = local else {
                // Past the calendar's last day the series ends.
                self.end();
                return None;
            };
            // A weekly period's days are each examined.
            if plan.freq == Frequency::Weekly && !self.spend(7) {
                return None;
            }
            let day = stride.day(k, local);
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
                    self.end();
                    return None;
                }
            }
        }
    }

    /// Expands periods until one has candidates; `false` once the series can produce nothing more.
    fn fill(&mut self) -> bool {
        let plan = self.plan;
        loop {
            if self.state != State::Walking || !self.spend(PERIOD_STEPS) {
                return false;
            }
            let k = self.k;
            self.k = k + 1;
            self.walls.clear();
            self.period_days.clear();
            self.pos = 0;
            let begin = if plan.freq >= Frequency::Daily {
                // Past the calendar's last day the series ends (candidates there have no date).
                let Some(first) = self.first_day(k).filter(|d| d.in_calendar()) else {
                    return false;
                };
                self.expand_days(first);
                first.midnight()
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
                self.layout = Layout::Listed;
                self.expand_sub_daily(begin);
                WallSecs::of(begin)
            };
            if self.state == State::OutOfSteps {
                return false;
            }
            if !plan.set_pos.is_empty() {
                self.select_positions();
            }
            let live = match self.layout {
                Layout::Product => {
                    !plan.times.is_empty() && self.period_days.iter().any(|&d| !self.dropped(d))
                }
                Layout::Listed => self.walls.iter().any(|&w| !self.dropped(w.day())),
            };
            if live {
                self.alive = Some(begin);
                if self.floor > begin {
                    self.seek(self.floor);
                }
                return true;
            }
            let cycle = *self.cycle.get_or_insert_with(|| plan.cycle_seconds());
            let first = self.first_k;
            let alive = *self.alive.get_or_insert_with(|| {
                plan.period_start(first)
                    .map_or(plan.start_wall, WallSecs::of)
            });
            if begin - alive > cycle {
                return false;
            }
        }
    }

    /// The first day of day-based period `k`. Consecutive DAILY and WEEKLY periods step from the
    /// last one.
    fn first_day(&mut self, k: i64) -> Option<EpochDay> {
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
                let date = self.plan.period_start(k)?.date();
                let day = EpochDay::of(date);
                self.first_date = Some((day, date));
                day
            }
        };
        self.last_period = Some((k, first));
        Some(first)
    }

    /// The matching days of the day-based period beginning on `first`, into `period_days`.
    fn expand_days(&mut self, first: EpochDay) {
        let plan = self.plan;
        self.layout = Layout::Product;
        if plan.freq == Frequency::Daily && plan.every_day() {
            self.period_days.push(first);
            return;
        }
        if plan.workday.is_none() {
            if let Some(examined) = plan.matching_week_days(first, &mut self.period_days) {
                self.spend(examined);
                return;
            }
        }
        let known = self.first_date.filter(|&(day, _)| day == first);
        let Some(first) = known.map(|(_, date)| date).or_else(|| first.date()) else {
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
            self.period_days.push(EpochDay::of(first));
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
        self.period_days.extend(pick.map(|&d| EpochDay::of(d)));
    }

    /// Replaces the current period by the candidates at the 1-based positions of BYSETPOS (negative
    /// from the end), ascending: arithmetic on the flat index, whatever the period's size.
    fn select_positions(&mut self) {
        let n = self.len();
        let mut picked: Vec<WallSecs> = self
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
        crate::sort::sort(&mut picked);
        picked.dedup();
        self.layout = Layout::Listed;
        self.period_days.clear();
        self.walls = picked;
        self.pos = 0;
    }

    /// With COUNT, a sub-daily period `k` that begins a day lying wholly before the instant asked
    /// about: counts that day's occurrences at once and moves the walk to the next day.
    fn count_day_in_bulk(&mut self, k: i64, begin: NaiveDateTime) -> bool {
        let plan = self.plan;
        // Period 0 may begin before the start; its day is walked one by one.
        let Some(bulk_before) = self.bulk_before.filter(|_| k != 0) else {
            return false;
        };
        let day = WallSecs::of(begin).day();
        let Some(date) = day.date() else {
            return false;
        };
        if day.next().midnight() > bulk_before {
            return false;
        }
        let Some(next) = day.next().date().map(|d| d.and_time(NaiveTime::MIN)) else {
            return false;
        };
        let Some(per_day) = plan.allowed_between(k, plan.first_period_from(next) - 1) else {
            return false;
        };
        if per_day > 0 && plan.days.matches(date) && !self.dropped(day) {
            self.alive = Some(WallSecs::of(begin));
            if !self.series.excluded(day) {
                self.emitted = self.emitted.saturating_add(per_day);
                if plan.count.is_some_and(|c| self.emitted >= u64::from(c)) {
                    self.end();
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
        let local = WallSecs::of(begin);
        let day = local.day();
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
        if !plan.time_of_day_allowed(local.time_of_day()) {
            // `self.k` is already the next period: go straight to the next one whose time of day
            // passes BYHOUR, BYMINUTE and BYSECOND, however far.
            self.k = plan.next_allowed_period(self.k).unwrap_or(self.k);
            return;
        }
        let hour = local - local.0.rem_euclid(HOUR);
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

    /// Whether `TT_SKIP` drops day `day`, the calendar consulted where it can change the answer
    /// ([`SkipMasks::drops`](super::skip::SkipMasks::drops)).
    #[inline]
    fn dropped(&self, day: EpochDay) -> bool {
        self.plan.skip.drops(day.0, self.series.holidays.as_ref())
    }

    /// With COUNT, a day of a day-based period lying wholly before the instant asked about: counts
    /// its remaining candidates at once. `None` when the candidate must be judged alone.
    fn count_rest_of_day_in_bulk(
        &mut self,
        day: EpochDay,
        bulk_before: WallSecs,
    ) -> Option<Verdict> {
        let last_time = *self.plan.times.last()?;
        let stride = self.stride.is_some();
        if !(self.layout == Layout::Product || stride) || day.at(last_time) >= bulk_before {
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
            self.end();
        }
        Some(Verdict::SkipDay)
    }

    /// What to do with the candidate at `local`, which lies on `day`.
    #[inline(always)]
    fn judge(&mut self, local: WallSecs, day: EpochDay) -> Verdict {
        let plan = self.plan;
        if local < plan.start_wall {
            return Verdict::Skip;
        }
        if let Some(bulk_before) = self.bulk_before.filter(|&b| local < b) {
            if let Some(verdict) = self.count_rest_of_day_in_bulk(day, bulk_before) {
                return verdict;
            }
        }
        let series = self.mode == Mode::Series;
        let instant = if series {
            UnixSecs(self.resolver.instant(local.0))
        } else {
            local.as_if_utc()
        };
        if series
            && (plan.until_wall.is_some_and(|u| local > u)
                || plan.until_utc.is_some_and(|u| instant > u))
        {
            return Verdict::End;
        }
        // An instant outside chrono's calendar has no date: the series begins after it (a start in
        // the calendar's first hours, in a zone ahead of UTC) or ends before it.
        if !instant.in_calendar() {
            return if instant.before_calendar() {
                Verdict::Skip
            } else {
                Verdict::End
            };
        }
        if self.drops_days && (self.dropped(day) || self.series.excluded(day)) {
            return Verdict::SkipDay;
        }
        self.emitted = self.emitted.saturating_add(1);
        if series && plan.count.is_some_and(|c| self.emitted >= u64::from(c)) {
            // A candidate is judged only while the walk goes on.
            self.state = State::Ended;
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
            Some(stride) => self.next_in_stride(*stride),
            None => self.next_in_periods(),
        }
    }
}
