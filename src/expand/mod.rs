//! Expansion of a validated recurrence into occurrences, in wall-clock time of a zone.

mod holidays;

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};

pub use holidays::HolidayCalendar;

use crate::{Error, Recurrence, Zone};

/// One occurrence of a series: its wall-clock time in the series' zone and the instant that is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Occurrence {
    pub(crate) local: NaiveDateTime,
    pub(crate) instant: DateTime<Utc>,
}

impl Occurrence {
    /// The wall-clock time in the series' zone.
    #[must_use]
    pub fn local(&self) -> NaiveDateTime {
        self.local
    }

    /// The local calendar date.
    #[must_use]
    pub fn date(&self) -> NaiveDate {
        self.local.date()
    }

    /// The instant, resolved from the wall-clock time by [`Zone`]'s gap and fold policy.
    #[must_use]
    pub fn instant(&self) -> DateTime<Utc> {
        self.instant
    }
}

/// A recurrence anchored at a start in a zone: the set of its occurrences.
#[derive(Debug, Clone)]
pub struct Series {
    pub(crate) recurrence: Recurrence,
    pub(crate) start: NaiveDateTime,
    pub(crate) zone: Zone,
    pub(crate) all_day: bool,
    pub(crate) exdates: Vec<NaiveDate>,
    pub(crate) holidays: Option<HolidayCalendar>,
}

impl Series {
    /// The series of `recurrence` whose first occurrence (DTSTART) is `start`, in `zone`.
    ///
    /// # Errors
    ///
    /// [`Error::NeverOccurs`] when the rule can never produce an occurrence (the 30th of February),
    /// [`Error::Unsupported`] for `LUNAR:` rules.
    pub fn new(recurrence: &Recurrence, start: DateTime<Utc>, zone: Zone) -> Result<Series, Error> {
        let _ = (recurrence, start, zone);
        todo!()
    }

    /// Makes the series all-day: its start becomes local midnight of its local date.
    #[must_use]
    pub fn all_day(mut self, all_day: bool) -> Self {
        self.all_day = all_day;
        self
    }

    /// Removes every occurrence on these local dates (the task's `exDate`).
    #[must_use]
    pub fn exdates(mut self, dates: impl IntoIterator<Item = NaiveDate>) -> Self {
        self.exdates = dates.into_iter().collect();
        self.exdates.sort_unstable();
        self.exdates.dedup();
        self
    }

    /// Supplies the calendar that `TT_SKIP=HOLIDAY` and `TT_WORKDAY` consult.
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

    /// The occurrences from the start, ascending.
    pub fn iter(&self) -> Occurrences<'_> {
        todo!()
    }

    /// The occurrences strictly after instant `t`, ascending. Does not walk the series from its start.
    pub fn iter_after(&self, t: DateTime<Utc>) -> Occurrences<'_> {
        let _ = t;
        todo!()
    }

    /// The first occurrence strictly after instant `t`.
    #[must_use]
    pub fn after(&self, t: DateTime<Utc>) -> Option<Occurrence> {
        self.iter_after(t).next()
    }
}

/// Iterator over a [`Series`]' occurrences, ascending.
#[derive(Debug)]
pub struct Occurrences<'a> {
    series: &'a Series,
}

impl Iterator for Occurrences<'_> {
    type Item = Occurrence;
    fn next(&mut self) -> Option<Occurrence> {
        let _ = self.series;
        todo!()
    }
}
