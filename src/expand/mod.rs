//! Expansion of a validated recurrence into occurrences, in wall-clock time of a zone.

mod civil;
mod cursor;
mod holidays;
pub(crate) mod lunar;
mod plan;
mod skip;
#[cfg(test)]
mod tests;
mod walk;
mod window;

use std::sync::Arc;

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, Utc};

pub use holidays::{listed_days, table_bytes, HolidayCalendar, HolidayError};

pub use cursor::SEARCH_STEPS;
pub use lunar::LUNAR_RANGE;
pub(crate) use skip::drops_date;
use walk::Inner;
pub use walk::{CheckedOccurrences, Occurrences};
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

    /// The series of an [`ExpandRequest`](crate::ExpandRequest) in one go, handed to `then`:
    /// [`Series::new`] of `recurrence` (shared with no one), then [`Series::exdates`],
    /// [`Series::holidays`] and [`Series::all_day`] as given, with the same errors. The series is
    /// made where it is used and never moved: it is a few hundred bytes, and a query from a flag's
    /// text is over in a microsecond or two.
    pub(crate) fn of_request<R>(
        recurrence: Arc<Recurrence>,
        start: DateTime<Utc>,
        zone: Zone,
        (all_day, exdates, holidays): (bool, &[NaiveDate], Option<&HolidayCalendar>),
        then: impl FnOnce(&Series) -> R,
    ) -> Result<R, Error> {
        let known = (Resolver::new(zone), Instants::new());
        let mut series = Series::unplanned(recurrence, zone.local(start), zone, known);
        series.prepare(false)?;
        if !exdates.is_empty() {
            series.exdates = exdates.iter().map(|&d| plan::epoch_day(d)).collect();
            crate::sort::sort(&mut series.exdates);
            series.exdates.dedup();
        }
        series.holidays = holidays.cloned();
        // Only when asked: making a series all-day plans it again.
        if all_day {
            series.make_all_day(true);
        }
        Ok(then(&series))
    }

    /// The series of `recurrence` from the wall-clock time `start`, checked as [`Series::new`]
    /// checks it (the rule as given, not all-day), then made all-day when asked, as
    /// [`Series::all_day`] makes it.
    fn begin(
        recurrence: Arc<Recurrence>,
        start: NaiveDateTime,
        zone: Zone,
        known: (Resolver, Instants),
        all_day: bool,
    ) -> Result<Series, Error> {
        let mut series = Series::unplanned(recurrence, start, zone, known);
        series.prepare(all_day)?;
        Ok(series)
    }

    /// The series of `recurrence` from the wall-clock time `start`, not yet planned nor checked:
    /// [`Series::prepare`] does both.
    fn unplanned(
        recurrence: Arc<Recurrence>,
        start: NaiveDateTime,
        zone: Zone,
        (resolver, instants): (Resolver, Instants),
    ) -> Series {
        Series {
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
        }
    }

    /// Plans an [`unplanned`](Series::unplanned) series and checks it as [`Series::new`] does (the
    /// rule as given, not all-day), then makes it all-day when asked, as [`Series::all_day`] does:
    /// in place, so that a series is never moved out of a `Result` (it is a few hundred bytes).
    fn prepare(&mut self, all_day: bool) -> Result<(), Error> {
        let series = self;
        // BEHAVIOUR.md §2: a TT_SKIP value this crate does not know is kept, never guessed at.
        if let Recurrence::Rule(rule) = &*series.recurrence {
            if rule.skip.unsupported {
                return Err(Error::Unsupported {
                    rule: series.recurrence.to_string(),
                    what: UNSUPPORTED_SKIP,
                });
            }
        }
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
                let mut probe = Cursor::new(series, plan, 0, None)
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
        Ok(())
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
        self.make_all_day(all_day);
        self
    }

    /// [`Series::all_day`] in place.
    fn make_all_day(&mut self, all_day: bool) {
        self.all_day = all_day;
        if all_day {
            self.start = self.start.date().and_time(NaiveTime::MIN);
        }
        self.replan();
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
}
