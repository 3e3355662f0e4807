//! Expansion of a validated recurrence into occurrences, in wall-clock time of a zone.

mod civil;
mod cursor;
mod holidays;
pub(crate) mod lunar;
mod plan;
mod skip;
#[cfg(test)]
mod tests;
mod window;

use std::sync::Arc;

use chrono::{DateTime, Days, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta, Utc};

pub use holidays::{listed_days, table_bytes, HolidayCalendar, HolidayError};

pub use cursor::SEARCH_STEPS;
pub use lunar::LUNAR_RANGE;
pub(crate) use skip::drops_date;
pub use window::Window;

pub(crate) use civil::Instants;
use civil::{EpochDay, UnixSecs, WallSecs};
use cursor::Cursor;
use lunar::{Lunar, OutOfRange};
use plan::Plan;

use crate::zone::Resolver;
use crate::{Error, Recurrence, Zone};

/// What [`Error::Unsupported`] says of a rule with a `TT_SKIP` value this crate does not know.
pub(crate) const UNSUPPORTED_SKIP: &str =
    "TT_SKIP values other than WEEKEND, HOLIDAY and OFFICIAL_WORKDAY";

/// One occurrence of a series: its wall-clock time in the series' zone and the instant that is, both
/// to the second.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Occurrence {
    /// The wall-clock time in the zone.
    wall: WallSecs,
    /// The instant.
    utc: UnixSecs,
    /// The dates of `wall` and `utc` (`None` beyond chrono's calendar), worked out once when the
    /// occurrence is made: a walk converts its days by addition ([`plan::Dates`]).
    local_date: Option<NaiveDate>,
    utc_date: Option<NaiveDate>,
}

impl Occurrence {
    /// The occurrence at wall-clock time `wall`, which lies on `wall_day`, and instant `utc`.
    #[inline(always)]
    fn new(
        wall: WallSecs,
        wall_day: EpochDay,
        utc: UnixSecs,
        dates: &mut plan::Dates,
    ) -> Occurrence {
        // The instant's day on the UTC clock is usually the wall-clock time's day on the zone's:
        // then it takes no division and no second date.
        let midnight = wall_day.midnight().0;
        let utc_day = if (midnight..midnight + plan::DAY).contains(&utc.0) {
            wall_day
        } else {
            utc.day()
        };
        let local_date = dates.date(wall_day);
        Occurrence {
            wall,
            utc,
            local_date,
            utc_date: if utc_day == wall_day {
                local_date
            } else {
                dates.date(utc_day)
            },
        }
    }

    /// The wall-clock time in the series' zone.
    #[inline]
    #[must_use]
    pub fn local(&self) -> NaiveDateTime {
        plan::at(self.local_date, self.wall.0)
    }

    /// The local calendar date.
    #[inline]
    #[must_use]
    pub fn date(&self) -> NaiveDate {
        self.local().date()
    }

    /// The instant, resolved from the wall-clock time by [`Zone`]'s gap and fold policy.
    #[inline]
    #[must_use]
    pub fn instant(&self) -> DateTime<Utc> {
        plan::at(self.utc_date, self.utc.0).and_utc()
    }

    /// The instant's Unix seconds, without building it (an occurrence's instant is to the second).
    #[inline]
    pub(crate) fn unix_seconds(&self) -> i64 {
        self.utc.0
    }
}

/// A recurrence anchored at a start in a zone: the set of its occurrences.
///
/// Occurrences are computed in wall-clock time of the zone and come in series order (ascending
/// wall-clock time); each carries the instant [`Zone`]'s gap and fold policy gives it.
///
/// - The start (DTSTART) is an occurrence only when it matches the rule, as in python-dateutil.
/// - `COUNT` counts occurrences from the start. Dates removed by [`Series::exdates`] and days dropped
///   by `TT_SKIP` are not counted, as TickTick counts: they never become an occurrence.
/// - `UNTIL=yyyyMMdd` includes that whole local day; `UNTIL=...Z` is an instant; a floating `UNTIL`
///   is a wall-clock time.
/// - All-day series ([`Series::all_day`]) live at local midnight; `BYHOUR`, `BYMINUTE` and `BYSECOND`
///   do not apply to them (RFC 5545 section 3.3.10 for DATE values).
///
/// ```
/// use ticktick_recur::{parse_instant, RepeatFlag, Series, Zone};
/// let rule = "RRULE:FREQ=DAILY;INTERVAL=1".parse::<RepeatFlag>()?.validate()?;
/// let ny: Zone = "America/New_York".parse()?;
/// let series = Series::new(&rule, parse_instant("2026-03-07T14:00:00Z")?, ny)?;
/// let firsts = series
///     .iter()
///     .take(2)
///     .map(|o| o.map(|o| o.instant().to_rfc3339()))
///     .collect::<Result<Vec<_>, _>>()?;
/// // 09:00 in New York on both days: the second is in daylight time.
/// assert_eq!(firsts, ["2026-03-07T14:00:00+00:00", "2026-03-08T13:00:00+00:00"]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct Series {
    /// Shared with the other series of a list's tasks that have the same rule.
    recurrence: Arc<Recurrence>,
    start: NaiveDateTime,
    zone: Zone,
    all_day: bool,
    /// The exDates as days since 1970-01-01, ascending.
    exdates: Vec<i64>,
    holidays: Option<HolidayCalendar>,
    plan: Option<Box<Plan>>,
    /// A `LUNAR:` rule's periods, counted from the start.
    lunar: Option<Lunar>,
    /// Whether the plan's grid and BYSETPOS can meet an occurrence at all ([`Plan::grid_reachable`],
    /// [`Plan::set_pos_reachable`]).
    reachable: bool,
    /// Whether walks take the fast path where the rule allows it; off only to test that path against
    /// the general one.
    fast_paths: bool,
    /// The zone's resolver each walk starts from: it may know the zone's offsets where the walk goes.
    resolver: Resolver,
    /// The dates each walk starts from: they may know the year the walk is in.
    instants: Instants,
}

impl Series {
    /// The series of `recurrence` whose first occurrence (DTSTART) is `start`, in `zone`.
    ///
    /// A [`Recurrence::NotRecurring`] series has exactly one occurrence, its start.
    ///
    /// # Errors
    ///
    /// [`Error::NeverOccurs`] when the rule can never produce an occurrence (the 30th of February),
    /// [`Error::LunarRange`] for a `LUNAR:` rule begun on a local date outside [`LUNAR_RANGE`].
    /// [`Error::Unsupported`] for a `TT_SKIP` value other than `WEEKEND`, `HOLIDAY` and
    /// `OFFICIAL_WORKDAY` (BEHAVIOUR.md §2: the flag is valid and kept, but its days are unknown).
    pub fn new(recurrence: &Recurrence, start: DateTime<Utc>, zone: Zone) -> Result<Series, Error> {
        Series::with_fast_paths(recurrence.clone(), start, zone, true)
    }

    /// [`Series::new`], with the walks' fast path on or off (off only to test it against the general
    /// walk).
    fn with_fast_paths(
        recurrence: Recurrence,
        start: DateTime<Utc>,
        zone: Zone,
        fast_paths: bool,
    ) -> Result<Series, Error> {
        let known = (Resolver::new(zone), Instants::new());
        let mut series =
            Series::begin(Arc::new(recurrence), zone.local(start), zone, known, false)?;
        series.fast_paths = fast_paths;
        Ok(series)
    }

    /// A task's series in one go: [`Series::new`] of a shared rule from the wall-clock time `start`
    /// in `zone` (`known`: a resolver of its wall-clock times and dates to start from), then [`Series::all_day`], [`Series::exdates`] and
    /// [`Series::holidays`] as given, with the same errors, planned once.
    pub(crate) fn of_task(
        recurrence: Arc<Recurrence>,
        start: NaiveDateTime,
        zone: Zone,
        known: (Resolver, Instants),
        all_day: bool,
        exdates: &[NaiveDate],
        holidays: Option<&HolidayCalendar>,
    ) -> Result<Series, Error> {
        let mut series = Series::begin(recurrence, start, zone, known, all_day)?;
        if !exdates.is_empty() {
            series.exdates = exdates.iter().map(|&d| plan::epoch_day(d)).collect();
            crate::sort::sort(&mut series.exdates);
            series.exdates.dedup();
        }
        series.holidays = holidays.cloned();
        Ok(series)
    }

    /// The series of an [`ExpandRequest`](crate::ExpandRequest) in one go: [`Series::new`] of
    /// `recurrence` (handed over), then [`Series::exdates`], [`Series::holidays`] and
    /// [`Series::all_day`] as given, with the same errors, without moving the series from one to
    /// the next.
    pub(crate) fn of_request(
        recurrence: Recurrence,
        start: DateTime<Utc>,
        zone: Zone,
        all_day: bool,
        exdates: &[NaiveDate],
        holidays: Option<&HolidayCalendar>,
    ) -> Result<Series, Error> {
        let known = (Resolver::new(zone), Instants::new());
        let mut series =
            Series::begin(Arc::new(recurrence), zone.local(start), zone, known, false)?;
        if !exdates.is_empty() {
            series.exdates = exdates.iter().map(|&d| plan::epoch_day(d)).collect();
            crate::sort::sort(&mut series.exdates);
            series.exdates.dedup();
        }
        series.holidays = holidays.cloned();
        // Only when asked: making a series all-day plans it again.
        Ok(if all_day {
            series.all_day(true)
        } else {
            series
        })
    }

    /// The series of `recurrence` from the wall-clock time `start`, checked as [`Series::new`]
    /// checks it (the rule as given, not all-day), then made all-day when asked, as
    /// [`Series::all_day`] makes it.
    fn begin(
        recurrence: Arc<Recurrence>,
        start: NaiveDateTime,
        zone: Zone,
        (resolver, instants): (Resolver, Instants),
        all_day: bool,
    ) -> Result<Series, Error> {
        // BEHAVIOUR.md §2: a TT_SKIP value this crate does not know is kept, never guessed at.
        if let Recurrence::Rule(rule) = &*recurrence {
            if rule.skip.unsupported {
                return Err(Error::Unsupported {
                    rule: recurrence.to_string(),
                    what: UNSUPPORTED_SKIP,
                });
            }
        }
        let mut series = Series {
            recurrence,
            start,
            zone,
            all_day: false,
            exdates: Vec::new(),
            holidays: None,
            plan: None,
            lunar: None,
            reachable: true,
            fast_paths: true,
            resolver,
            instants,
        };
        series.replan();
        if let (Recurrence::Lunar(rule), None) = (&*series.recurrence, &series.lunar) {
            // Only a start outside the calendar's range leaves a lunar rule without periods.
            let date = series.start.date();
            return Err(Error::LunarRange {
                rule: rule.to_string(),
                date,
            });
        }
        if let Some(plan) = &series.plan {
            let never = || Error::NeverOccurs {
                rule: series.recurrence.to_string(),
            };
            if !series.reachable {
                return Err(never());
            }
            // A rule every period of which holds a candidate meets one in the first two periods,
            // in the calendar when the third begins in it: the probe would find it at once.
            let surely = plan.occurs_every_period() && plan.has_period(2);
            if !surely {
                let mut probe = Cursor::new(&series, plan, 0, None)
                    .unbounded()
                    .limited(SEARCH_STEPS);
                if probe.next().is_none() {
                    return Err(if probe.exhausted() {
                        series.search_limit()
                    } else {
                        never()
                    });
                }
            }
        }
        if all_day {
            series.all_day = true;
            series.start = series.start.date().and_time(NaiveTime::MIN);
            match &mut series.plan {
                // The plan at midnight: the same days, the times of day made midnight's alone.
                Some(plan) => {
                    plan.at_midnight();
                    series.reachable = plan.set_pos_reachable() && plan.grid_reachable();
                }
                None => series.replan(),
            }
        }
        Ok(series)
    }

    /// The error of a search that ran out of steps.
    fn search_limit(&self) -> Error {
        Error::SearchLimit {
            rule: self.recurrence.to_string(),
            steps: SEARCH_STEPS,
        }
    }

    /// The error of a lunar walk that needs a date outside the calendar's range.
    fn lunar_range(&self, e: OutOfRange) -> Error {
        Error::LunarRange {
            rule: self.recurrence.to_string(),
            date: e.date,
        }
    }

    fn replan(&mut self) {
        self.plan = match &*self.recurrence {
            Recurrence::Rule(rule) => Some(Plan::boxed(rule, self.start, self.all_day)),
            _ => None,
        };
        self.lunar = match &*self.recurrence {
            Recurrence::Lunar(rule) => Lunar::new(rule, self.start, self.zone).ok(),
            _ => None,
        };
        self.reachable = self
            .plan
            .as_ref()
            .is_none_or(|p| p.set_pos_reachable() && p.grid_reachable());
    }

    /// Makes the series all-day: its start becomes local midnight of its local date, and every
    /// occurrence a local date at midnight.
    ///
    /// A rule can lose every occurrence this way (`FREQ=HOURLY;INTERVAL=168;TT_SKIP=WEEKEND` begun on
    /// a Saturday meets midnight on Saturdays only): such a series then has none, and its walks,
    /// checked or not, end at once.
    #[must_use]
    pub fn all_day(mut self, all_day: bool) -> Self {
        self.all_day = all_day;
        if all_day {
            self.start = self.start.date().and_time(NaiveTime::MIN);
        }
        self.replan();
        self
    }

    /// Removes every occurrence on these local dates (the task's `exDate`).
    #[must_use]
    pub fn exdates(mut self, dates: impl IntoIterator<Item = NaiveDate>) -> Self {
        self.exdates = dates.into_iter().map(plan::epoch_day).collect();
        crate::sort::sort(&mut self.exdates);
        self.exdates.dedup();
        self
    }

    /// Supplies the calendar that `TT_SKIP` and `TT_WORKDAY` consult (BEHAVIOUR.md §7): its rest days
    /// are holidays, its make-up workdays working days. Cloning a calendar copies a pointer.
    ///
    /// Whether a rule can occur at all is decided by [`Series::new`] without a calendar: a rule
    /// whose only occurrences would be days a calendar makes (`BYDAY=SA;TT_SKIP=WEEKEND`, kept on
    /// make-up Saturdays alone) is refused there as never occurring.
    #[must_use]
    pub fn holidays(mut self, calendar: HolidayCalendar) -> Self {
        self.holidays = Some(calendar);
        self
    }

    /// The zone the series lives in.
    #[must_use]
    pub fn zone(&self) -> Zone {
        self.zone
    }

    /// The start (DTSTART) as a wall-clock time in the series' zone.
    #[must_use]
    pub fn start(&self) -> NaiveDateTime {
        self.start
    }

    /// Whether the series is all-day.
    #[must_use]
    pub fn is_all_day(&self) -> bool {
        self.all_day
    }

    /// The recurrence the series expands.
    #[must_use]
    pub fn recurrence(&self) -> &Recurrence {
        &self.recurrence
    }

    /// The occurrences from the start, ascending, each found within a bounded amount of work
    /// ([`SEARCH_STEPS`](crate::SEARCH_STEPS) steps, about 10 ms at worst).
    ///
    /// # Errors
    ///
    /// The iterator yields [`Error::SearchLimit`] once, then ends, when the next occurrence cannot be
    /// found within the limit (a rule whose occurrences are centuries apart in a way arithmetic
    /// cannot skip). [`Series::iter_unbounded`] walks on instead, however long it takes.
    ///
    /// ```
    /// use ticktick_recur::{parse_instant, RepeatFlag, Series};
    /// let rule = "RRULE:FREQ=DAILY;COUNT=3".parse::<RepeatFlag>()?.validate()?;
    /// let series = Series::new(&rule, parse_instant("2026-01-17T09:00:00Z")?, "UTC".parse()?)?;
    /// let all = series.iter().collect::<Result<Vec<_>, _>>()?;
    /// assert_eq!(all.len(), 3);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn iter(&self) -> CheckedOccurrences<'_> {
        CheckedOccurrences(self.walk(None, Some(SEARCH_STEPS)))
    }

    /// The occurrences whose instant is strictly after `t`, in series order, each found within a
    /// bounded amount of work.
    ///
    /// The walk begins at the period around `t`, computed arithmetically: its cost does not grow with
    /// the number of occurrences before `t`. With `COUNT`, the occurrences before `t` must be
    /// counted: by multiplication when every period holds as many, from the allowed times of day for
    /// a sub-daily rule without day filters, otherwise a day at a time (the cost then grows with the
    /// days before `t` or until `COUNT` runs out, whichever is fewer).
    ///
    /// # Errors
    ///
    /// As [`Series::iter`].
    ///
    /// ```
    /// use ticktick_recur::{format_instant, parse_instant, RepeatFlag, Series};
    /// let rule = "RRULE:FREQ=MONTHLY;BYDAY=-1FR".parse::<RepeatFlag>()?.validate()?;
    /// let series = Series::new(&rule, parse_instant("2000-01-28T15:00:00Z")?, "Europe/Istanbul".parse()?)?;
    /// let next_two = series
    ///     .iter_after(parse_instant("2026-01-17T00:00:00Z")?)
    ///     .take(2)
    ///     .map(|o| o.map(|o| format_instant(o.instant())))
    ///     .collect::<Result<Vec<_>, _>>()?;
    /// assert_eq!(next_two, ["2026-01-30T14:00:00.000+0000", "2026-02-27T14:00:00.000+0000"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn iter_after(&self, t: DateTime<Utc>) -> CheckedOccurrences<'_> {
        CheckedOccurrences(self.walk(Some(t), Some(SEARCH_STEPS)))
    }

    /// The first occurrence whose instant is strictly after `t`, found within a bounded amount of
    /// work; `None` when the series ends before.
    ///
    /// # Errors
    ///
    /// [`Error::SearchLimit`] when the occurrence cannot be found within
    /// [`SEARCH_STEPS`](crate::SEARCH_STEPS) steps.
    ///
    /// ```
    /// use ticktick_recur::{parse_instant, RepeatFlag, Series};
    /// let rule = "RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29".parse::<RepeatFlag>()?.validate()?;
    /// let series = Series::new(&rule, parse_instant("2024-02-29T09:00:00Z")?, "UTC".parse()?)?;
    /// let next = series.after(parse_instant("2024-03-01T00:00:00Z")?)?.ok_or("the series ended")?;
    /// assert_eq!(next.local().to_string(), "2028-02-29 09:00:00");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn after(&self, t: DateTime<Utc>) -> Result<Option<Occurrence>, Error> {
        self.iter_after(t).next().transpose()
    }

    /// As [`Series::iter`], without the bound on each search: exact however long an input makes
    /// it. For rules from outside, whose occurrences may be arbitrarily sparse, prefer
    /// [`Series::iter`].
    pub fn iter_unbounded(&self) -> Occurrences<'_> {
        self.walk(None, None)
    }

    /// As [`Series::iter_after`], without the bound on each search.
    pub fn iter_after_unbounded(&self, t: DateTime<Utc>) -> Occurrences<'_> {
        self.walk(Some(t), None)
    }

    /// As [`Series::after`], without the bound on the search.
    ///
    /// ```
    /// use ticktick_recur::{parse_instant, RepeatFlag, Series, Zone};
    /// let rule = "RRULE:FREQ=WEEKLY;BYDAY=SA".parse::<RepeatFlag>()?.validate()?;
    /// let series = Series::new(&rule, parse_instant("2000-01-01T15:00:00Z")?, "Europe/Istanbul".parse()?)?;
    /// let next = series.after_unbounded(parse_instant("2026-01-17T00:00:00Z")?);
    /// assert_eq!(next.map(|o| o.local().to_string()).as_deref(), Some("2026-01-17 17:00:00"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn after_unbounded(&self, t: DateTime<Utc>) -> Option<Occurrence> {
        self.iter_after_unbounded(t).next()
    }

    fn walk(&self, after: Option<DateTime<Utc>>, steps: Option<u64>) -> Occurrences<'_> {
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
    fn jump(&self, plan: &Plan, scan: NaiveDateTime) -> (i64, u64) {
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
    fn held_by(&self, plan: &Plan, lo: i64, hi: i64) -> Option<u64> {
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
    fn scan_from(&self, t: DateTime<Utc>) -> NaiveDateTime {
        self.scan_from_with(t, &mut self.resolver.clone())
    }

    /// [`Series::scan_from`] with `resolver`, which then knows the zone's offsets at `t`.
    fn scan_from_with(&self, t: DateTime<Utc>, resolver: &mut Resolver) -> NaiveDateTime {
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
    fn excluded(&self, day: EpochDay) -> bool {
        !self.exdates.is_empty() && self.exdates.binary_search(&day.0).is_ok()
    }

    /// Whether an occurrence at `local` survives the exDates.
    fn kept(&self, local: NaiveDateTime) -> bool {
        !self.excluded(EpochDay::of(local.date()))
    }

    fn occurrence(&self, local: NaiveDateTime) -> Occurrence {
        let wall = WallSecs::of(local);
        let utc = UnixSecs(self.zone.instant(local).timestamp());
        Occurrence::new(wall, wall.day(), utc, &mut plan::Dates::new())
    }
}

/// The forgetting curve's gap in days after an occurrence at cycle `n`: 1, 1, 2, 3, 8, then 15.
pub(crate) fn forgetting_gap(cycle: u32) -> i64 {
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
    series: &'a Series,
    /// Only occurrences strictly after this instant.
    after: Option<UnixSecs>,
    inner: Inner<'a>,
}

#[derive(Debug)]
#[allow(
    clippy::large_enum_variant,
    reason = "one per iterator, matched on every step; boxing the cursor would add an indirection"
)]
enum Inner<'a> {
    Rule(Cursor<'a>),
    Dates(std::slice::Iter<'a, NaiveDate>),
    Curve(Curve),
    Lunar(lunar::Walk),
    Once(Option<NaiveDateTime>),
}

/// A walk along the forgetting curve: the next point, the cycle it is at, and how many occurrences
/// `COUNT` has left.
#[derive(Debug, Clone, Copy)]
struct Curve {
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
pub struct CheckedOccurrences<'a>(Occurrences<'a>);

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
