//! What one expansion query asks of a series: the occurrences after an instant (or from the start),
//! up to an instant, at most so many. The command line's `expand` and the packages' `expand` ask
//! exactly this.

use chrono::{DateTime, Utc};

use super::{CheckedOccurrences, Occurrence, Series};
use crate::Error;

impl Series {
    /// The occurrences strictly after `after` (from the start when `None`), none after `until`
    /// (an occurrence at `until` is included; no bound when `None`), at most `limit` of them, each
    /// found within a bounded amount of work as by [`Series::try_iter`].
    ///
    /// The walk stops as soon as the window is full: no occurrence beyond the `limit`-th is sought.
    ///
    /// # Errors
    ///
    /// The iterator yields [`Error::SearchLimit`] once, then ends, when an occurrence in the window
    /// cannot be found within [`SEARCH_STEPS`](crate::SEARCH_STEPS) steps.
    ///
    /// ```
    /// use ticktick_recur::{format_instant, parse_instant, RepeatFlag, Series};
    /// let rule = "RRULE:FREQ=MONTHLY;BYDAY=-1FR".parse::<RepeatFlag>()?.validate()?;
    /// let start = parse_instant("2000-01-28T15:00:00Z")?;
    /// let series = Series::new(&rule, start, "Europe/Istanbul".parse()?)?;
    /// let after = parse_instant("2026-01-17T00:00:00Z")?;
    /// let next_two = series
    ///     .try_window(Some(after), None, 2)
    ///     .map(|o| o.map(|o| format_instant(o.instant())))
    ///     .collect::<Result<Vec<_>, _>>()?;
    /// assert_eq!(next_two, ["2026-01-30T14:00:00.000+0000", "2026-02-27T14:00:00.000+0000"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn try_window(
        &self,
        after: Option<DateTime<Utc>>,
        until: Option<DateTime<Utc>>,
        limit: usize,
    ) -> Window<'_> {
        Window {
            occurrences: match after {
                Some(after) => self.try_iter_after(after),
                None => self.try_iter(),
            },
            // An occurrence is a whole second: it is after `until` exactly when it is after
            // `until`'s whole second.
            until: until.map(|t| t.timestamp()),
            left: limit,
        }
    }
}

/// Iterator over the occurrences of a [`Series`] in a window: from [`Series::try_window`].
#[derive(Debug)]
pub struct Window<'a> {
    occurrences: CheckedOccurrences<'a>,
    /// Unix seconds.
    until: Option<i64>,
    left: usize,
}

impl Iterator for Window<'_> {
    type Item = Result<Occurrence, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.left == 0 {
            return None;
        }
        match self.occurrences.next() {
            Some(Ok(o)) if self.until.is_none_or(|until| o.utc <= until) => {
                self.left -= 1;
                Some(Ok(o))
            }
            Some(Err(e)) => {
                self.left = 0;
                Some(Err(e))
            }
            _ => {
                self.left = 0;
                None
            }
        }
    }
}

impl std::iter::FusedIterator for Window<'_> {}

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
}
