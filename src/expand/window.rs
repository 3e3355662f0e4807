//! What one expansion query asks of a series: the occurrences after an instant (or from the start),
//! up to an instant, at most so many. The command line's `expand` and the packages' `expand` ask
//! exactly this.

use chrono::{DateTime, Utc};

use super::{Inner, Occurrence, Series, UnixSecs, SEARCH_STEPS};
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
    /// amount of work as by [`Series::iter`]. The walk stops as soon as the window is full: no
    /// occurrence beyond the `limit`-th is sought.
    ///
    /// This is [`Series::iter`] (or [`Series::iter_after`]) cut to the window, without an
    /// iterator's `Result` per occurrence: the fastest way to list many.
    ///
    /// # Errors
    ///
    /// [`Error::SearchLimit`] when an occurrence in the window cannot be found within
    /// [`SEARCH_STEPS`] steps, [`Error::LunarRange`] when a `LUNAR:` rule's next one lies beyond
    /// the Chinese calendar's range; `each` has then seen the occurrences before it.
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
        self.each_in(window, |o| {
            each(o);
            Ok(())
        })
    }

    /// [`Series::try_each_in`] with a callback that can fail: the walk stops at the callback's
    /// first error and returns it. Every front end's expansion loop is this one
    /// ([`ExpandRequest`](crate::ExpandRequest)).
    pub(crate) fn each_in<E: From<Error>>(
        &self,
        window: Window,
        mut each: impl FnMut(Occurrence) -> Result<(), E>,
    ) -> Result<(), E> {
        if window.limit == 0 {
            return Ok(());
        }
        // An occurrence is a whole second: it is after `until` exactly when it is after `until`'s
        // whole second.
        let until = window.until.map(|t| UnixSecs(t.timestamp()));
        let mut left = window.limit;
        let mut walk = self.walk(window.after, Some(SEARCH_STEPS));
        let mut take = |occurrence: Occurrence| -> Result<bool, E> {
            if until.is_some_and(|until| occurrence.utc > until) {
                return Ok(false);
            }
            each(occurrence)?;
            left -= 1;
            Ok(left > 0)
        };
        // A rule's walk is its cursor's: stepped here directly, the step is compiled into this loop,
        // and so is what is done with each occurrence.
        if let Inner::Rule(cursor) = &mut walk.inner {
            for occurrence in cursor.by_ref() {
                if until.is_some_and(|until| occurrence.utc > until) {
                    return Ok(());
                }
                each(occurrence)?;
                left -= 1;
                if left == 0 {
                    return Ok(());
                }
            }
        } else {
            for occurrence in walk.by_ref() {
                if !take(occurrence)? {
                    return Ok(());
                }
            }
        }
        match &walk.inner {
            Inner::Rule(cursor) if cursor.exhausted() => Err(self.search_limit().into()),
            Inner::Lunar(lunar) => lunar
                .failed()
                .map_or(Ok(()), |e| Err(self.lunar_range(e).into())),
            _ => Ok(()),
        }
    }
}

impl Occurrence {
    /// The instant as Unix seconds.
    ///
    /// ```
    /// use ticktick_recur::{parse_instant, RepeatFlag, Series, Zone};
    /// let rule = "RRULE:FREQ=DAILY".parse::<RepeatFlag>()?.validate()?;
    /// let start = parse_instant("2026-01-17T14:00:00Z")?;
    /// let series = Series::new(&rule, start, Zone::UTC)?;
    /// assert_eq!(series.iter().next().unwrap()?.timestamp(), start.timestamp());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[inline]
    #[must_use]
    pub fn timestamp(&self) -> i64 {
        self.utc.0
    }

    /// The instant as Unix milliseconds (what a JavaScript `Date` holds).
    ///
    /// ```
    /// use ticktick_recur::{parse_instant, RepeatFlag, Series, Zone};
    /// let rule = "RRULE:FREQ=DAILY".parse::<RepeatFlag>()?.validate()?;
    /// let start = parse_instant("2026-01-17T14:00:00Z")?;
    /// let series = Series::new(&rule, start, Zone::UTC)?;
    /// let first = series.iter().next().unwrap()?;
    /// assert_eq!(first.timestamp_millis(), start.timestamp_millis());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[inline]
    #[must_use]
    pub fn timestamp_millis(&self) -> i64 {
        self.utc.0 * 1000
    }

    /// Appends the instant in TickTick's wire form to `out`, as
    /// [`format_instant`](crate::format_instant)`(self.instant())` writes it, without a new string.
    ///
    /// ```
    /// use ticktick_recur::{parse_instant, RepeatFlag, Series, Zone};
    /// let rule = "RRULE:FREQ=DAILY".parse::<RepeatFlag>()?.validate()?;
    /// let series = Series::new(&rule, parse_instant("2026-01-17T14:00:00Z")?, Zone::UTC)?;
    /// let mut text = String::new();
    /// series.iter().next().unwrap()?.write_instant(&mut text);
    /// assert_eq!(text, "2026-01-17T14:00:00.000+0000");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[inline]
    pub fn write_instant(&self, out: &mut String) {
        crate::instant::write_instant(out, self.instant());
    }
}

#[cfg(test)]
mod tests {
    use chrono::{DateTime, TimeDelta, Utc};
    use proptest::prelude::*;

    use super::Window;
    use crate::{format_instant, parse_instant, Error, RepeatFlag, Series, Zone};

    fn series(flag: &str, start: &str, zone: &str) -> Series {
        let rule = flag.parse::<RepeatFlag>().unwrap().validate().unwrap();
        Series::new(&rule, parse_instant(start).unwrap(), zone.parse().unwrap()).unwrap()
    }

    /// The window by the checked iterators: what `try_each_in` must give.
    fn by_iterator(series: &Series, window: Window) -> Result<Vec<DateTime<Utc>>, Error> {
        let walk = match window.after {
            Some(after) => series.iter_after(after),
            None => series.iter(),
        };
        let mut found = Vec::new();
        for occurrence in walk {
            if found.len() == window.limit {
                break;
            }
            let t = occurrence?.instant();
            if window.until.is_some_and(|until| t > until) {
                break;
            }
            found.push(t);
        }
        Ok(found)
    }

    fn each_in(series: &Series, window: Window) -> Result<Vec<DateTime<Utc>>, Error> {
        let mut found = Vec::new();
        series.try_each_in(window, |o| found.push(o.instant()))?;
        Ok(found)
    }

    #[test]
    fn a_window_cuts_the_walk_at_its_limit_and_its_end() {
        let s = series(
            "RRULE:FREQ=DAILY",
            "2026-03-07T14:00:00Z",
            "America/New_York",
        );
        let at = |t: &str| Some(parse_instant(t).unwrap());
        let text = |window| {
            let found = each_in(&s, window).unwrap();
            found.into_iter().map(format_instant).collect::<Vec<_>>()
        };
        // 09:00 in New York: 14:00Z, then 13:00Z from 2026-03-08 (daylight time).
        let all = Window {
            after: None,
            until: None,
            limit: 3,
        };
        assert_eq!(
            text(all),
            [
                "2026-03-07T14:00:00.000+0000",
                "2026-03-08T13:00:00.000+0000",
                "2026-03-09T13:00:00.000+0000"
            ]
        );
        // `after` is exclusive, `until` inclusive, to the second.
        let after = Window {
            after: at("2026-03-08T13:00:00Z"),
            until: at("2026-03-10T13:00:00Z"),
            limit: 9,
        };
        assert_eq!(
            text(after),
            [
                "2026-03-09T13:00:00.000+0000",
                "2026-03-10T13:00:00.000+0000"
            ]
        );
        let until = Window {
            until: at("2026-03-10T12:59:59.999Z"),
            ..after
        };
        assert_eq!(text(until), ["2026-03-09T13:00:00.000+0000"]);
        assert!(text(Window { limit: 0, ..all }).is_empty());
    }

    #[test]
    fn millis_and_wire_form_are_the_instant() {
        let s = series(
            "RRULE:FREQ=MONTHLY;BYDAY=-1FR",
            "2000-01-28T15:00:00Z",
            "Europe/Istanbul",
        );
        let after = Some(parse_instant("2026-01-17T00:00:00Z").unwrap());
        let mut seen = 0;
        s.try_each_in(
            Window {
                after,
                until: None,
                limit: 50,
            },
            |o| {
                let mut text = String::from("x");
                o.write_instant(&mut text);
                assert_eq!(text, format!("x{}", format_instant(o.instant())));
                assert_eq!(o.timestamp_millis(), o.instant().timestamp_millis());
                seen += 1;
            },
        )
        .unwrap();
        assert_eq!(seen, 50);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        /// `try_each_in` is the checked walk cut to the window, occurrence for occurrence.
        #[test]
        fn each_in_agrees_with_the_checked_walk(
            flag in prop::sample::select(vec![
                "RRULE:FREQ=DAILY",
                "RRULE:FREQ=DAILY;INTERVAL=3;COUNT=40",
                "RRULE:FREQ=WEEKLY;BYDAY=MO,FR;TT_SKIP=WEEKEND",
                "RRULE:FREQ=MONTHLY;BYDAY=-1FR",
                "RRULE:FREQ=HOURLY;INTERVAL=5;BYHOUR=1,2,3;UNTIL=20270101T000000Z",
                "RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29",
                "ERULE:NAME=CUSTOM;BYDATE=20260105,20260220,20270301",
                "ERULE:NAME=FORGETTINGCURVE;CYCLE=0;COUNT=8",
            ]),
            zone in prop::sample::select(vec!["UTC", "America/New_York", "Australia/Lord_Howe", "Pacific/Apia"]),
            start in 1_700_000_000i64..1_800_000_000,
            after in prop::option::of(0i64..200_000_000),
            until in prop::option::of(0i64..300_000_000),
            limit in 0usize..60,
        ) {
            let Ok(rule) = flag.parse::<RepeatFlag>().and_then(|f| f.validate()) else {
                return Ok(());
            };
            let start = DateTime::from_timestamp(start, 0).unwrap();
            let zone: Zone = zone.parse().unwrap();
            let Ok(s) = Series::new(&rule, start, zone) else {
                return Ok(());
            };
            let window = Window {
                after: after.map(|a| start + TimeDelta::seconds(a)),
                until: until.map(|u| start + TimeDelta::seconds(u)),
                limit,
            };
            prop_assert_eq!(each_in(&s, window), by_iterator(&s, window));
        }
    }
}
