//! What one expansion query asks of a series: the occurrences after an instant (or from the start),
//! up to an instant, at most so many. The command line's `expand` and the packages' `expand` ask
//! exactly this.

use chrono::{DateTime, Utc};

use super::{Inner, Occurrence, Series, SEARCH_STEPS};
use crate::Error;

/// Which occurrences of a series a query asks for ([`Series::try_each_in`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    /// Only occurrences strictly after this instant; from the start when `None`.
    pub after: Option<DateTime<Utc>>,
    /// None after this instant (an occurrence at it is included); no bound when `None`.
    pub until: Option<DateTime<Utc>>,
    /// At most this many occurrences.
    pub limit: usize,
}

impl Series {
    /// Calls `each` with the occurrences in `window`, in series order, each found within a bounded
    /// amount of work as by [`Series::try_iter`]. The walk stops as soon as the window is full: no
    /// occurrence beyond the `limit`-th is sought.
    ///
    /// This is [`Series::try_iter`] (or [`Series::try_iter_after`]) cut to the window, without an
    /// iterator's `Result` per occurrence: the fastest way to list many.
    ///
    /// # Errors
    ///
    /// [`Error::SearchLimit`] when an occurrence in the window cannot be found within
    /// [`SEARCH_STEPS`] steps; `each` has then seen the occurrences before it.
    ///
    /// ```
    /// use ticktick_recur::{format_instant, parse_instant, RepeatFlag, Series, Window};
    /// let rule = "RRULE:FREQ=MONTHLY;BYDAY=-1FR".parse::<RepeatFlag>()?.validate()?;
    /// let start = parse_instant("2000-01-28T15:00:00Z")?;
    /// let series = Series::new(&rule, start, "Europe/Istanbul".parse()?)?;
    /// let window = Window { after: Some(parse_instant("2026-01-17T00:00:00Z")?), until: None, limit: 2 };
    /// let mut next_two = Vec::new();
    /// series.try_each_in(window, |o| next_two.push(format_instant(o.instant())))?;
    /// assert_eq!(next_two, ["2026-01-30T14:00:00.000+0000", "2026-02-27T14:00:00.000+0000"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn try_each_in(
        &self,
        window: Window,
        mut each: impl FnMut(Occurrence),
    ) -> Result<(), Error> {
        if window.limit == 0 {
            return Ok(());
        }
        // An occurrence is a whole second: it is after `until` exactly when it is after `until`'s
        // whole second.
        let until = window.until.map(|t| t.timestamp());
        let mut left = window.limit;
        let mut walk = self.walk(window.after, Some(SEARCH_STEPS));
        for occurrence in walk.by_ref() {
            if until.is_some_and(|until| occurrence.utc > until) {
                return Ok(());
            }
            each(occurrence);
            left -= 1;
            if left == 0 {
                return Ok(());
            }
        }
        match &walk.inner {
            Inner::Rule(cursor) if cursor.exhausted() => Err(self.search_limit()),
            _ => Ok(()),
        }
    }
}

impl Occurrence {
    /// The instant as Unix milliseconds (what a JavaScript `Date` holds).
    ///
    /// ```
    /// use ticktick_recur::{parse_instant, RepeatFlag, Series, Zone};
    /// let rule = "RRULE:FREQ=DAILY".parse::<RepeatFlag>()?.validate()?;
    /// let start = parse_instant("2026-01-17T14:00:00Z")?;
    /// let series = Series::new(&rule, start, Zone::UTC)?;
    /// let first = series.iter().next().unwrap();
    /// assert_eq!(first.timestamp_millis(), start.timestamp_millis());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[inline]
    #[must_use]
    pub fn timestamp_millis(&self) -> i64 {
        self.utc * 1000
    }

    /// Appends the instant in TickTick's wire form to `out`, as
    /// [`format_instant`](crate::format_instant)`(self.instant())` writes it, without a new string.
    ///
    /// ```
    /// use ticktick_recur::{parse_instant, RepeatFlag, Series, Zone};
    /// let rule = "RRULE:FREQ=DAILY".parse::<RepeatFlag>()?.validate()?;
    /// let series = Series::new(&rule, parse_instant("2026-01-17T14:00:00Z")?, Zone::UTC)?;
    /// let mut text = String::new();
    /// series.iter().next().unwrap().write_instant(&mut text);
    /// assert_eq!(text, "2026-01-17T14:00:00.000+0000");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[inline]
    pub fn write_instant(&self, out: &mut String) {
        crate::instant::write_instant(out, self.instant());
    }
}
