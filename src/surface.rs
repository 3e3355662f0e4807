//! What every front end (the command line, the npm and Python packages) computes the same way: the
//! `expand` query from a flag's text, and the one-line form of an error.
//!
//! A front end reads its own arguments into an [`ExpandRequest`], asks it for its
//! [`instants`](ExpandRequest::instants) and prints them in its own way; a failure carries the
//! message the command line prints after `error: `, in one line by [`error_line`].

use std::fmt::Display;
use std::sync::Arc;

use chrono::{DateTime, NaiveDate, Utc};

use crate::{Error, HolidayCalendar, Occurrence, Recurrence, Series, Window, Zone};

/// How many occurrences an [`ExpandRequest`] gives unless told otherwise (`expand --limit`'s
/// default).
pub const EXPAND_LIMIT: usize = 100;

/// The occurrences of a `repeatFlag` given as text, as `ticktick-recur expand` prints them.
///
/// Occurrences begin at the start (itself included when it matches the rule), or strictly after
/// [`after`](ExpandRequest::after); they stop after [`until`](ExpandRequest::until) (inclusive) or
/// [`limit`](ExpandRequest::limit) occurrences ([`EXPAND_LIMIT`] unless set). The zone is UTC unless
/// set.
///
/// ```
/// use ticktick_recur::{format_instant, parse_instant, ExpandRequest};
///
/// let start = parse_instant("2000-01-28T15:00:00Z")?;
/// let request = ExpandRequest::new("RRULE:FREQ=MONTHLY;BYDAY=-1FR", start)
///     .zone("Europe/Istanbul".parse()?)
///     .after(Some(parse_instant("2026-01-17T00:00:00Z")?))
///     .limit(2);
/// let firsts: Vec<String> = request.instants()?.into_iter().map(format_instant).collect();
/// assert_eq!(firsts, ["2026-01-30T14:00:00.000+0000", "2026-02-27T14:00:00.000+0000"]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
#[must_use = "a request does nothing until asked for its instants"]
pub struct ExpandRequest<'a> {
    flag: &'a str,
    start: DateTime<Utc>,
    zone: Zone,
    all_day: bool,
    after: Option<DateTime<Utc>>,
    until: Option<DateTime<Utc>>,
    limit: usize,
    ex_dates: Vec<NaiveDate>,
    holidays: Option<HolidayCalendar>,
}

impl<'a> ExpandRequest<'a> {
    /// The occurrences of `flag` (`RRULE:`, `ERULE:`, `LUNAR:` or a bare `FREQ=...`) begun at
    /// `start`, in UTC, at most [`EXPAND_LIMIT`] of them.
    pub fn new(flag: &'a str, start: DateTime<Utc>) -> Self {
        ExpandRequest {
            flag,
            start,
            zone: Zone::UTC,
            all_day: false,
            after: None,
            until: None,
            limit: EXPAND_LIMIT,
            ex_dates: Vec::new(),
            holidays: None,
        }
    }

    /// The IANA zone the series lives in.
    pub fn zone(mut self, zone: Zone) -> Self {
        self.zone = zone;
        self
    }

    /// Whether occurrences are local dates (the start becomes local midnight).
    pub fn all_day(mut self, all_day: bool) -> Self {
        self.all_day = all_day;
        self
    }

    /// Only occurrences strictly after this instant; from the start when `None`.
    pub fn after(mut self, after: Option<DateTime<Utc>>) -> Self {
        self.after = after;
        self
    }

    /// No occurrence after this instant (an occurrence at it is included); no bound when `None`.
    pub fn until(mut self, until: Option<DateTime<Utc>>) -> Self {
        self.until = until;
        self
    }

    /// At most this many occurrences.
    pub fn limit(mut self, limit: usize) -> Self {
        self.limit = limit;
        self
    }

    /// Local dates without occurrences (a task's `exDate`).
    pub fn ex_dates(mut self, dates: impl IntoIterator<Item = NaiveDate>) -> Self {
        self.ex_dates = dates.into_iter().collect();
        self
    }

    /// The calendar that `TT_SKIP=HOLIDAY` and `TT_WORKDAY` consult; none when `None`.
    pub fn holidays(mut self, calendar: Option<HolidayCalendar>) -> Self {
        self.holidays = calendar;
        self
    }

    /// The occurrences' instants, ascending.
    ///
    /// # Errors
    ///
    /// As [`ExpandRequest::for_each`].
    pub fn instants(&self) -> Result<Vec<DateTime<Utc>>, Error> {
        let mut instants = Vec::with_capacity(self.limit.min(EXPAND_LIMIT));
        self.for_each(|o| instants.push(o.instant()))?;
        Ok(instants)
    }

    /// Calls `each` with the occurrences, ascending: for a front end that writes them in its own
    /// form (the npm package writes wire-form lines or Unix milliseconds) without a list of instants
    /// first.
    ///
    /// # Errors
    ///
    /// [`Error::Flag`] for a flag that does not parse or validate, [`Error::NeverOccurs`] for a rule
    /// without occurrences, [`Error::LunarRange`] for a `LUNAR:` rule that needs a date outside the
    /// Chinese calendar's range, and [`Error::SearchLimit`] when an occurrence lies beyond the
    /// search limit (`each` has then seen those before it). Their messages are the command line's.
    ///
    /// ```
    /// use ticktick_recur::{parse_instant, ExpandRequest};
    ///
    /// let request = ExpandRequest::new("FREQ=DAILY", parse_instant("2026-01-17T09:00:00Z")?).limit(3);
    /// let mut millis = Vec::new();
    /// request.for_each(|o| millis.push(o.timestamp_millis()))?;
    /// assert_eq!(millis, [1_768_640_400_000, 1_768_726_800_000, 1_768_813_200_000]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn for_each(&self, each: impl FnMut(Occurrence)) -> Result<(), Error> {
        self.with_series(|series| series.try_each_in(self.window(), each))?
    }

    /// Hands each occurrence's instant to `f` as it is found, ascending (for a front end that
    /// prints them as they come); stops at the first error, `f`'s or the engine's.
    ///
    /// The search for the occurrence after the last one asked for is never made.
    ///
    /// # Errors
    ///
    /// `f`'s error, or the engine's as for [`ExpandRequest::instants`].
    pub fn try_for_each<E: From<Error>>(
        &self,
        mut f: impl FnMut(DateTime<Utc>) -> Result<(), E>,
    ) -> Result<(), E> {
        self.with_series(|series| series.each_in(self.window(), |o| f(o.instant())))?
    }

    /// `then` of the series the request expands: the flag parsed and validated, anchored at the
    /// start.
    fn with_series<R>(&self, then: impl FnOnce(&Series) -> R) -> Result<R, Error> {
        // The rule is read straight into the place the series shares it from: a rule is a few
        // hundred bytes, and each move of it is a copy (in WebAssembly a call out of the module).
        // A new `Arc` is never shared, so it always has a place to write to.
        let mut recurrence = Arc::new(Recurrence::NotRecurring);
        if let Some(place) = Arc::get_mut(&mut recurrence) {
            crate::rule::validate_text_into(self.flag, place)?;
        }
        let options = (self.all_day, &self.ex_dates[..], self.holidays.as_ref());
        Series::of_request(recurrence, self.start, self.zone, options, then)
    }

    /// Which occurrences the request asks for.
    fn window(&self) -> Window {
        Window {
            after: self.after,
            until: self.until,
            limit: self.limit,
        }
    }
}

/// An error's message as front ends print it: on one line, each run of whitespace one space.
///
/// ```
/// use ticktick_recur::error_line;
/// assert_eq!(error_line(&"rule \"FREQ=DAILY;\n  X\" is bad"), "rule \"FREQ=DAILY; X\" is bad");
/// ```
#[must_use]
pub fn error_line(message: &dyn Display) -> String {
    message
        .to_string()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{format_instant, parse_instant};

    fn wire(request: &ExpandRequest<'_>) -> Result<Vec<String>, String> {
        request
            .instants()
            .map(|all| all.into_iter().map(format_instant).collect())
            .map_err(|e| error_line(&e))
    }

    fn at(text: &str) -> DateTime<Utc> {
        parse_instant(text).unwrap()
    }

    #[test]
    fn the_start_counts_when_it_matches_and_after_is_strict() {
        let request = ExpandRequest::new("FREQ=DAILY", at("2026-01-17T09:00:00Z")).limit(2);
        assert_eq!(
            wire(&request).unwrap(),
            [
                "2026-01-17T09:00:00.000+0000",
                "2026-01-18T09:00:00.000+0000"
            ]
        );
        let request = request.after(Some(at("2026-01-18T09:00:00Z")));
        assert_eq!(
            wire(&request).unwrap(),
            [
                "2026-01-19T09:00:00.000+0000",
                "2026-01-20T09:00:00.000+0000"
            ]
        );
    }

    #[test]
    fn until_is_inclusive_and_limit_zero_gives_nothing() {
        let start = at("2026-01-17T09:00:00Z");
        let request =
            ExpandRequest::new("FREQ=DAILY", start).until(Some(at("2026-01-19T09:00:00Z")));
        assert_eq!(wire(&request).unwrap().len(), 3);
        assert_eq!(wire(&request.limit(0)).unwrap(), Vec::<String>::new());
    }

    #[test]
    fn ex_dates_all_day_and_zone_apply() {
        let request = ExpandRequest::new("FREQ=DAILY;COUNT=3", at("2026-01-17T21:30:00Z"))
            .zone("Europe/Istanbul".parse().unwrap())
            .all_day(true)
            .ex_dates([NaiveDate::from_ymd_opt(2026, 1, 19).unwrap()]);
        // 00:30 on the 18th in Istanbul: all-day from local midnight; the 19th is removed and
        // does not count.
        assert_eq!(
            wire(&request).unwrap(),
            [
                "2026-01-17T21:00:00.000+0000",
                "2026-01-19T21:00:00.000+0000",
                "2026-01-20T21:00:00.000+0000"
            ]
        );
    }

    #[test]
    fn holidays_reach_the_series() {
        let d = |day| NaiveDate::from_ymd_opt(2026, 10, day).unwrap();
        let request = ExpandRequest::new("FREQ=DAILY;TT_SKIP=HOLIDAY", at("2026-10-01T09:00:00Z"))
            .limit(2)
            .holidays(HolidayCalendar::new([d(1), d(2)], []).ok());
        assert_eq!(
            wire(&request).unwrap(),
            [
                "2026-10-03T09:00:00.000+0000",
                "2026-10-04T09:00:00.000+0000"
            ]
        );
    }

    #[test]
    fn try_for_each_streams_and_stops_at_the_callers_error() {
        let request = ExpandRequest::new("FREQ=DAILY", at("2026-01-17T09:00:00Z"));
        let mut seen = Vec::new();
        let stopped = request.try_for_each(|t| {
            seen.push(t);
            if seen.len() == 3 {
                return Err(Error::InvalidDate {
                    text: "stop".to_owned(),
                });
            }
            Ok(())
        });
        assert!(matches!(stopped, Err(Error::InvalidDate { .. })));
        assert_eq!(seen.len(), 3);
        assert_eq!(
            request.instants().unwrap().get(..3),
            Some(&seen[..]),
            "the same instants as collected"
        );
    }

    #[test]
    fn errors_are_the_command_lines() {
        let start = at("2026-01-01T00:00:00Z");
        assert_eq!(
            wire(&ExpandRequest::new("RRULE:FREQ=DAILY;BYDAY=XX", start)).unwrap_err(),
            r#"invalid repeatFlag "RRULE:FREQ=DAILY;BYDAY=XX" at byte 23: unknown weekday "XX""#
        );
        assert_eq!(
            wire(&ExpandRequest::new(
                "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30",
                start
            ))
            .unwrap_err(),
            r#"rule "RRULE:FREQ=YEARLY;INTERVAL=1;BYMONTH=2;BYMONTHDAY=30" can never produce an occurrence"#
        );
    }
}
