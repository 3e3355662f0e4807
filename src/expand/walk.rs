//! Walking a series: the iterators over its occurrences, and the steps of a walk.

use chrono::{DateTime, Days, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta, Utc};

use super::civil::{EpochDay, UnixSecs, WallSecs};
use super::cursor::Cursor;
use super::lunar;
use super::plan::{self, Plan};
use super::{Occurrence, Series};
use crate::zone::Resolver;
use crate::{Error, Recurrence};

impl Series {
    pub(super) fn walk(&self, after: Option<DateTime<Utc>>, steps: Option<u64>) -> Occurrences<'_> {
        let after_utc = after.map(|t| UnixSecs(t.timestamp()));
        let inner = match (&*self.recurrence, &self.plan) {
            // A rule that can never produce an occurrence (made so by `all_day`; `new` refuses the
            // others).
            (Recurrence::Rule(_), Some(_)) if !self.reachable => Inner::Once(None),
            (Recurrence::Rule(_), Some(plan)) => {
                let mut cursor = match after {
                    Some(t) => {
                        let mut resolver = self.resolver.clone();
                        let scan = self.scan_from_with(t, &mut resolver);
                        // The zone's offsets around `t` are where the walk begins.
                        resolver.reuse_span();
                        let (k, emitted) = self.jump(plan, scan);
                        Cursor::new(self, plan, k, after_utc)
                            .resolving_with(resolver)
                            .counted(emitted)
                            .scanning_from(WallSecs::of(scan))
                    }
                    None => Cursor::new(self, plan, 0, None),
                };
                if let Some(steps) = steps {
                    cursor = cursor.limited(steps);
                }
                Inner::Rule(cursor)
            }
            (Recurrence::Custom(dates), _) => {
                // Dates before the start are not occurrences; dates well before `after` cannot be
                // after it (CUSTOM has no COUNT to count them for).
                let mut from = self.start.date();
                if let Some(t) = after {
                    let scan = self.scan_from(t).date();
                    from = from.max(scan.checked_sub_days(Days::new(2)).unwrap_or(scan));
                }
                let first = dates.partition_point(|&d| d < from);
                Inner::Dates(dates.get(first..).unwrap_or_default().iter())
            }
            (Recurrence::Lunar(_), _) => match &self.lunar {
                Some(lunar) => Inner::Lunar(match after {
                    // Occurrences two days or more before the wall-clock time at `after` cannot be
                    // after it.
                    Some(t) => {
                        let from = plan::epoch_day(self.scan_from(t).date()) - 2;
                        lunar.walk_from(from, &self.exdates)
                    }
                    None => lunar.walk(),
                }),
                None => Inner::Once(None),
            },
            (Recurrence::ForgettingCurve { cycle, count }, _) => {
                let curve = Curve {
                    next: Some(self.start),
                    cycle: *cycle,
                    left: *count,
                };
                Inner::Curve(match after {
                    // Points two days or more before the wall-clock time at `after` cannot be after it.
                    Some(t) => {
                        let scan = self.scan_from(t);
                        let until = scan.checked_sub_days(Days::new(2)).unwrap_or(scan);
                        curve.skip_before(until, &self.exdates)
                    }
                    None => curve,
                })
            }
            _ => Inner::Once(Some(self.start)),
        };
        Occurrences {
            series: self,
            after: after_utc,
            inner,
        }
    }

    /// The period to begin a walk that scans from `scan` ([`Series::scan_from`]) at, and how many
    /// occurrences the periods before it hold. Without COUNT that count does not matter; with COUNT
    /// it is arithmetic where [`Series::held_by`] can tell, else the walk begins at the start.
    pub(super) fn jump(&self, plan: &Plan, scan: NaiveDateTime) -> (i64, u64) {
        let k = plan.period_of(scan).max(0);
        if plan.count.is_none() || k == 0 {
            return (k, 0);
        }
        let Some(later) = self.held_by(plan, 1, k - 1) else {
            return (0, 0);
        };
        // The first period may hold fewer: those before the start are not occurrences.
        let in_first = plan.in_first_period().unwrap_or_else(|| {
            // Sub-daily: a period holds an hour's candidates at most.
            let first_end = plan.period_start(1).map(WallSecs::of);
            Cursor::new(self, plan, 0, None)
                .unbounded()
                .take_while(|o| first_end.is_none_or(|end| o.wall < end))
                .count() as u64
        });
        (k, later.saturating_add(in_first))
    }

    /// How many occurrences the periods `lo..=hi` (all after period 0) hold, by arithmetic: a
    /// multiplication when every period holds as many, or for a sub-daily rule with no day filter
    /// the periods whose time of day its BYHOUR, BYMINUTE and BYSECOND allow, less those on
    /// exDates. `None` when only a walk can tell.
    pub(super) fn held_by(&self, plan: &Plan, lo: i64, hi: i64) -> Option<u64> {
        if let (Some(per_period), true) = (plan.per_period(), self.exdates.is_empty()) {
            return Some(per_period.saturating_mul(u64::try_from(hi - lo + 1).ok()?));
        }
        if !plan.counts_by_time_of_day() {
            return None;
        }
        let mut held = plan.allowed_between(lo, hi)?;
        for &day in &self.exdates {
            let from = |day: i64| {
                plan::date_of(day).map(|d| plan.first_period_from(d.and_time(NaiveTime::MIN)))
            };
            let first = from(day)?.max(lo);
            let last = from(day + 1).map_or(hi, |next| (next - 1).min(hi));
            if first <= last {
                held = held.saturating_sub(plan.allowed_between(first, last)?);
            }
        }
        Some(held)
    }

    /// The wall-clock time from which every occurrence with an instant after `t` is found.
    ///
    /// Wall-clock times before `t`'s map to instants before `t`, except times in a spring-forward gap
    /// that ended less than a gap's length ago: they are shifted forward past it. Starting one gap
    /// length earlier covers them.
    pub(super) fn scan_from(&self, t: DateTime<Utc>) -> NaiveDateTime {
        self.scan_from_with(t, &mut self.resolver.clone())
    }

    /// [`Series::scan_from`] with `resolver`, which then knows the zone's offsets at `t`.
    pub(super) fn scan_from_with(
        &self,
        t: DateTime<Utc>,
        resolver: &mut Resolver,
    ) -> NaiveDateTime {
        /// The calendar's first second.
        const FIRST: i64 = DateTime::<Utc>::MIN_UTC.timestamp();
        let u = t.timestamp();
        // 25 hours before `t`, when the calendar has it.
        let before = u - 25 * 3_600;
        let day_before = if before >= FIRST {
            resolver.offset(before)
        } else {
            resolver.offset(u)
        };
        let now = resolver.offset(u);
        // The wall-clock time at `t` (its offset `now`), less the gap.
        let shift = now - (now - day_before).max(0);
        crate::zone::shifted(t, shift)
    }

    /// Whether occurrences on `day` are removed by an exDate.
    #[inline]
    pub(super) fn excluded(&self, day: EpochDay) -> bool {
        !self.exdates.is_empty() && self.exdates.binary_search(&day.0).is_ok()
    }

    /// Whether an occurrence at `local` survives the exDates.
    pub(super) fn kept(&self, local: NaiveDateTime) -> bool {
        !self.excluded(EpochDay::of(local.date()))
    }

    pub(super) fn occurrence(&self, local: NaiveDateTime) -> Occurrence {
        let wall = WallSecs::of(local);
        let utc = UnixSecs(self.zone.instant(local).timestamp());
        Occurrence::new(wall, wall.day(), utc, &mut plan::Dates::new())
    }
}

/// The forgetting curve's gap in days after an occurrence at cycle `n`: 1, 1, 2, 3, 8, then 15.
fn forgetting_gap(cycle: u32) -> i64 {
    match cycle {
        0 | 1 => 1,
        2 => 2,
        3 => 3,
        4 => 8,
        _ => 15,
    }
}

/// Iterator over a [`Series`]' occurrences, in series order, without a bound on the work of each
/// step: from [`Series::iter_unbounded`] and [`Series::iter_after_unbounded`].
#[derive(Debug)]
pub struct Occurrences<'a> {
    pub(super) series: &'a Series,
    /// Only occurrences strictly after this instant.
    pub(super) after: Option<UnixSecs>,
    pub(super) inner: Inner<'a>,
}

#[derive(Debug)]
#[allow(
    clippy::large_enum_variant,
    reason = "one per iterator, matched on every step; boxing the cursor would add an indirection"
)]
pub(super) enum Inner<'a> {
    Rule(Cursor<'a>),
    Dates(std::slice::Iter<'a, NaiveDate>),
    Curve(Curve),
    Lunar(lunar::Walk),
    Once(Option<NaiveDateTime>),
}

/// A walk along the forgetting curve: the next point, the cycle it is at, and how many occurrences
/// `COUNT` has left.
#[derive(Debug, Clone, Copy)]
pub(super) struct Curve {
    next: Option<NaiveDateTime>,
    cycle: u32,
    left: Option<u32>,
}

impl Curve {
    /// The cycle from which every gap is the same ([`forgetting_gap`]).
    const STEADY: u32 = 5;

    /// The walk moved past every point before `until`, by arithmetic once the gaps are steady: the
    /// points passed over count toward `COUNT` unless an exDate (days since 1970-01-01, ascending)
    /// removes their day, as the walk counts them.
    fn skip_before(mut self, until: NaiveDateTime, exdates: &[i64]) -> Curve {
        let mut passed: u64 = 0;
        let mut excluded: u64 = 0;
        let is_excluded =
            |t: NaiveDateTime| exdates.binary_search(&plan::epoch_day(t.date())).is_ok();
        // The first gaps, one at a time.
        while let Some(point) = self
            .next
            .filter(|&p| p < until && self.cycle < Curve::STEADY)
        {
            passed += 1;
            excluded += u64::from(is_excluded(point));
            self.next = point.checked_add_signed(TimeDelta::days(forgetting_gap(self.cycle)));
            self.cycle += 1;
        }
        // Then points `gap` days apart: those before `until` all at once.
        if let Some(point) = self.next.filter(|&p| p < until) {
            let gap = forgetting_gap(self.cycle);
            let span = (until - point).num_seconds();
            let n = (span + gap * plan::DAY - 1) / (gap * plan::DAY);
            let first = plan::epoch_day(point.date());
            let last = first + (n - 1) * gap;
            let lo = exdates.partition_point(|&d| d < first);
            let hi = exdates.partition_point(|&d| d <= last);
            let on_curve = exdates
                .get(lo..hi)
                .unwrap_or_default()
                .iter()
                .filter(|&&d| (d - first) % gap == 0)
                .count();
            passed += n as u64;
            excluded += on_curve as u64;
            self.next = n
                .checked_mul(gap)
                .and_then(TimeDelta::try_days)
                .and_then(|d| point.checked_add_signed(d));
            self.cycle = self
                .cycle
                .saturating_add(u32::try_from(n).unwrap_or(u32::MAX));
        }
        let counted = passed - excluded;
        self.left = self
            .left
            .map(|left| u32::try_from(u64::from(left).saturating_sub(counted)).unwrap_or(0));
        self
    }
}

impl Iterator for Occurrences<'_> {
    type Item = Occurrence;

    fn next(&mut self) -> Option<Occurrence> {
        let series = self.series;
        loop {
            let local = match &mut self.inner {
                Inner::Rule(cursor) => return cursor.next(),
                Inner::Dates(dates) => dates.next()?.and_time(series.start.time()),
                Inner::Once(once) => once.take()?,
                Inner::Lunar(walk) => {
                    let lunar = series.lunar.as_ref()?;
                    walk.next(lunar, |local| series.kept(local))?
                }
                Inner::Curve(Curve { next, cycle, left }) => {
                    let local = (*next)?;
                    if *left == Some(0) {
                        return None;
                    }
                    *next = local.checked_add_signed(TimeDelta::days(forgetting_gap(*cycle)));
                    *cycle = cycle.saturating_add(1);
                    if series.kept(local) {
                        *left = left.map(|n| n - 1);
                    }
                    local
                }
            };
            if !series.kept(local) {
                continue;
            }
            let occurrence = series.occurrence(local);
            // Past the calendar's last instant the series ends (a time on its last day in a zone
            // behind UTC); before its first, none has begun.
            if !occurrence.utc.in_calendar() {
                if occurrence.utc.before_calendar() {
                    continue;
                }
                return None;
            }
            if self.after.is_none_or(|a| occurrence.utc > a) {
                return Some(occurrence);
            }
        }
    }
}

impl std::iter::FusedIterator for Occurrences<'_> {}

/// Iterator over a [`Series`]' occurrences, each found within
/// [`SEARCH_STEPS`](crate::SEARCH_STEPS) steps: from [`Series::iter`] and [`Series::iter_after`].
///
/// Yields `Err(`[`Error::SearchLimit`]`)` once, then ends, when a search runs out of steps.
#[derive(Debug)]
pub struct CheckedOccurrences<'a>(pub(super) Occurrences<'a>);

impl Iterator for CheckedOccurrences<'_> {
    type Item = Result<Occurrence, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        if let Some(o) = self.0.next() {
            return Some(Ok(o));
        }
        match &mut self.0.inner {
            Inner::Rule(cursor) if cursor.exhausted() => {
                // Report it once: the next call finds a fresh walk's state and ends.
                self.0.inner = Inner::Once(None);
                Some(Err(self.0.series.search_limit()))
            }
            Inner::Lunar(walk) => {
                let e = walk.failed()?;
                walk.end();
                Some(Err(self.0.series.lunar_range(e)))
            }
            _ => None,
        }
    }
}

impl std::iter::FusedIterator for CheckedOccurrences<'_> {}
