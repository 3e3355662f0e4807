//! IANA time zones and the one policy for wall-clock times that do not exist or exist twice.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, NaiveDateTime, NaiveTime, TimeDelta, Timelike, Utc};

use crate::Error;

mod table;
mod windows;

pub use table::TZDATA_VERSION;

/// An IANA time zone (`Europe/Istanbul`, `America/New_York`, `UTC`, ...), from the tz database release
/// [`TZDATA_VERSION`] compiled into the crate (the one chrono-tz 0.10 carries), links included.
///
/// All recurrence arithmetic happens in wall-clock time of the zone; instants are derived from wall-clock
/// times with one fixed, documented policy (RFC 5545 section 3.3.5, python-dateutil with zoneinfo):
///
/// - **gap** (a spring-forward hole, such as 02:30 on the day New York moves to daylight time): the time
///   is shifted forward by the length of the gap, so 02:30 becomes 03:30 daylight time;
/// - **fold** (a fall-back overlap, such as 01:30 on the day New York returns to standard time): the
///   earlier of the two instants is taken, 01:30 daylight time.
///
/// Offsets are known from 1800 to 2100; after 2100 a zone keeps the offset it has then.
///
/// ```
/// use ticktick_recur::Zone;
/// let ny: Zone = "America/New_York".parse()?;
/// let gap = chrono::NaiveDate::from_ymd_opt(2026, 3, 8).unwrap().and_hms_opt(2, 30, 0).unwrap();
/// assert_eq!(ny.instant(gap).to_rfc3339(), "2026-03-08T07:30:00+00:00");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Zone(u16);

impl Zone {
    /// Coordinated Universal Time.
    pub const UTC: Zone = Zone(table::UTC);

    /// The IANA name of the zone.
    #[must_use]
    pub fn name(&self) -> &'static str {
        table::name(self.0)
    }

    /// Every zone this build knows, links (`US/Eastern`, ...) included, in name order.
    ///
    /// ```
    /// use ticktick_recur::Zone;
    /// assert!(Zone::all().any(|zone| zone.name() == "Pacific/Apia"));
    /// ```
    pub fn all() -> impl ExactSizeIterator<Item = Zone> {
        (0..table::len()).map(Zone)
    }

    /// The wall-clock time at instant `t`.
    ///
    /// Within a day of the ends of chrono's range, where the wall-clock time may lie beyond what a
    /// `NaiveDateTime` can hold, it is the range's first or last second.
    #[must_use]
    pub fn local(&self, t: DateTime<Utc>) -> NaiveDateTime {
        shifted(t, self.offset_seconds(t))
    }

    /// The instant of wall-clock time `local`, gaps shifted forward and folds resolved to the earlier
    /// instant (see the type's documentation).
    ///
    /// Within a day of the ends of chrono's range, where the instant may lie beyond what a `DateTime`
    /// can hold, it is the wall-clock time read as UTC.
    #[must_use]
    pub fn instant(&self, local: NaiveDateTime) -> DateTime<Utc> {
        let wall = local.and_utc().timestamp();
        DateTime::from_timestamp(self.instant_seconds(wall), local.nanosecond())
            .unwrap_or_else(|| local.and_utc())
    }

    /// [`Zone::instant`] on wall-clock seconds since 1970-01-01T00:00:00 of the zone's clock, giving
    /// Unix seconds.
    pub(crate) fn instant_seconds(&self, wall: i64) -> i64 {
        table::timeline(self.0).instant(wall)
    }

    /// The zone's offset from UTC at instant `t`, in seconds.
    pub(crate) fn offset_seconds(&self, t: DateTime<Utc>) -> i64 {
        table::timeline(self.0).offset(t.timestamp())
    }

    /// The largest difference between two UTC offsets the zone has ever had, in seconds: two
    /// wall-clock times some distance apart are instants that distance apart, give or take this.
    pub(crate) fn offset_spread(&self) -> i64 {
        table::timeline(self.0).spread()
    }
}

impl Default for Zone {
    fn default() -> Self {
        Zone::UTC
    }
}

impl fmt::Debug for Zone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Zone({})", self.name())
    }
}

impl fmt::Display for Zone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Zone {
    type Err = Error;

    /// Reads an IANA zone name, ignoring ASCII case (`europe/istanbul` is `Europe/Istanbul`), as jiff
    /// does: the tz database keeps its names distinct ignoring case, so the match is never ambiguous.
    ///
    /// # Errors
    ///
    /// [`Error::UnknownZone`] for a name the database does not hold; for a Windows zone name
    /// (`Eastern Standard Time`), it suggests the IANA zone the name stands for (`America/New_York`).
    ///
    /// ```
    /// use ticktick_recur::{Error, Zone};
    /// assert_eq!("europe/istanbul".parse::<Zone>()?.name(), "Europe/Istanbul");
    /// let e = "Eastern Standard Time".parse::<Zone>().unwrap_err();
    /// assert_eq!(e.to_string(), r#"unknown time zone "Eastern Standard Time": did you mean "America/New_York"?"#);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    fn from_str(name: &str) -> Result<Self, Self::Err> {
        if let Some(zone) = table::find(name) {
            return Ok(Zone(zone));
        }
        if let Some(zone) = Zone::all().find(|zone| zone.name().eq_ignore_ascii_case(name)) {
            return Ok(zone);
        }
        Err(Error::UnknownZone {
            name: name.to_owned(),
            suggestion: windows::iana(name).and_then(table::find).map(Zone),
        })
    }
}

/// Resolves a run of nearby wall-clock times quickly, with exactly the result of [`Zone::instant`].
///
/// It keeps the stretch of UTC time over which the zone's offset is constant around the last answer. A
/// wall-clock time whose candidate instant lies more than the largest offset difference inside that
/// stretch can be neither in a gap nor in a fold, so it resolves with one subtraction. Anything else
/// takes the general path, which moves the stretch.
///
/// It also answers the zone's offset at an instant ([`Resolver::offset`]) from the whole stretch of
/// constant offset the last such instant lay in: the instants of one task's occurrences lie in a few
/// such stretches, so each is looked up in the zone's table once, not once per instant.
#[derive(Debug, Clone)]
pub(crate) struct Resolver {
    zone: Zone,
    /// Candidate instants in `[begin, end)` resolve with `offset`.
    begin: i64,
    end: i64,
    offset: i64,
    /// Instants in `[span.begin, span.end)` have the offset `span.offset`.
    span: table::Span,
}

impl Resolver {
    pub(crate) fn new(zone: Zone) -> Self {
        Resolver {
            zone,
            begin: i64::MAX,
            end: i64::MIN,
            offset: 0,
            span: table::Span {
                begin: i64::MAX,
                end: i64::MIN,
                offset: 0,
            },
        }
    }

    /// The zone's offset from UTC at instant `u` (Unix seconds), in seconds: the same as
    /// [`Zone::offset_seconds`].
    #[inline]
    pub(crate) fn offset(&mut self, u: i64) -> i64 {
        if self.span.begin <= u && u < self.span.end {
            return self.span.offset;
        }
        self.span = table::timeline(self.zone.0).span(u);
        self.span.offset
    }

    /// Lets [`Resolver::instant`] use the span [`Resolver::offset`] found last, as if it had resolved
    /// a wall-clock time there itself, unless it knows a span of its own.
    pub(crate) fn reuse_span(&mut self) {
        if self.begin > self.end && self.span.begin <= self.span.end {
            self.begin = self.span.begin.saturating_add(table::REACH);
            self.end = self.span.end.saturating_sub(table::REACH);
            self.offset = self.span.offset;
        }
    }

    /// The same as [`Zone::instant`], on wall-clock seconds since 1970-01-01T00:00:00 of the zone's
    /// clock, giving Unix seconds.
    #[inline]
    pub(crate) fn instant(&mut self, wall: i64) -> i64 {
        let u = wall.wrapping_sub(self.offset);
        if self.begin <= u && u < self.end {
            return u;
        }
        self.resolve(wall)
    }

    fn resolve(&mut self, wall: i64) -> i64 {
        let timeline = table::timeline(self.zone.0);
        let u = timeline.instant(wall);
        let span = timeline.span(u);
        self.begin = span.begin.saturating_add(table::REACH);
        self.end = span.end.saturating_sub(table::REACH);
        self.offset = span.offset;
        u
    }
}

/// `t` read on a clock `seconds` ahead of UTC; past the range a `NaiveDateTime` can hold, its first
/// or last second.
pub(crate) fn shifted(t: DateTime<Utc>, seconds: i64) -> NaiveDateTime {
    let naive = t.naive_utc();
    // A shift of less than a day, off a leap second: the time of day moved, the date at most a day.
    if naive.nanosecond() < 1_000_000_000 && seconds.unsigned_abs() < 86_400 {
        let second = i64::from(naive.num_seconds_from_midnight()) + seconds;
        let date = naive.date();
        let (date, second) = match second {
            ..0 => (date.pred_opt(), second + 86_400),
            86_400.. => (date.succ_opt(), second - 86_400),
            _ => (Some(date), second),
        };
        let time = u32::try_from(second)
            .ok()
            .and_then(|s| NaiveTime::from_num_seconds_from_midnight_opt(s, naive.nanosecond()));
        if let (Some(date), Some(time)) = (date, time) {
            return date.and_time(time);
        }
    }
    naive
        .checked_add_signed(TimeDelta::seconds(seconds))
        .unwrap_or(if seconds > 0 {
            NaiveDateTime::MAX
        } else {
            NaiveDateTime::MIN
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn wall(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .and_then(|d| d.and_hms_opt(h, min, 0))
            .unwrap()
    }

    #[test]
    fn gap_shifts_forward_by_its_length() {
        let ny: Zone = "America/New_York".parse().unwrap();
        // 2026-03-08 02:30 does not exist in New York: it is 03:30 EDT, 07:30Z.
        assert_eq!(
            ny.instant(wall(2026, 3, 8, 2, 30)).to_rfc3339(),
            "2026-03-08T07:30:00+00:00"
        );
        // Lord Howe moves 30 minutes: 02:15 on 2026-10-04 is 02:45 +11, 15:45Z the day before.
        let lh: Zone = "Australia/Lord_Howe".parse().unwrap();
        assert_eq!(
            lh.instant(wall(2026, 10, 4, 2, 15)).to_rfc3339(),
            "2026-10-03T15:45:00+00:00"
        );
        // Apia skipped 2011-12-30 entirely: 10:00 that day is 10:00 on the 31st (+14).
        let apia: Zone = "Pacific/Apia".parse().unwrap();
        assert_eq!(
            apia.instant(wall(2011, 12, 30, 10, 0)).to_rfc3339(),
            "2011-12-30T20:00:00+00:00"
        );
        // Sao Paulo moved at midnight: 2018-11-04 00:30 is 01:30 -02.
        let sp: Zone = "America/Sao_Paulo".parse().unwrap();
        assert_eq!(
            sp.instant(wall(2018, 11, 4, 0, 30)).to_rfc3339(),
            "2018-11-04T03:30:00+00:00"
        );
    }

    #[test]
    fn fold_takes_the_earlier_instant() {
        let ny: Zone = "America/New_York".parse().unwrap();
        // 2026-11-01 01:30 happens twice in New York; the first is EDT, 05:30Z.
        assert_eq!(
            ny.instant(wall(2026, 11, 1, 1, 30)).to_rfc3339(),
            "2026-11-01T05:30:00+00:00"
        );
        let london: Zone = "Europe/London".parse().unwrap();
        assert_eq!(
            london.instant(wall(2026, 10, 25, 1, 30)).to_rfc3339(),
            "2026-10-25T00:30:00+00:00"
        );
    }

    /// A shift of less than a day gives what chrono's addition gives, across midnight, at the ends
    /// of chrono's range and on a leap second.
    #[test]
    fn shifts_equal_chronos_addition() {
        let leap = NaiveDate::from_ymd_opt(2016, 12, 31)
            .and_then(|d| d.and_hms_nano_opt(23, 59, 59, 1_500_000_000))
            .unwrap()
            .and_utc();
        let mut instants = vec![
            DateTime::<Utc>::MIN_UTC,
            DateTime::<Utc>::MAX_UTC,
            leap,
            DateTime::from_timestamp(0, 0).unwrap(),
        ];
        for k in 0..500_i64 {
            instants.push(
                DateTime::from_timestamp(k * 7_919_993 - 1_000_000_000, 250_000_000).unwrap(),
            );
        }
        for t in instants {
            for seconds in [
                -86_400, -86_399, -57_368, -3_600, -1, 0, 1, 3_600, 50_400, 86_399, 86_400,
            ] {
                let chrono = t
                    .naive_utc()
                    .checked_add_signed(TimeDelta::seconds(seconds))
                    .unwrap_or(if seconds > 0 {
                        NaiveDateTime::MAX
                    } else {
                        NaiveDateTime::MIN
                    });
                assert_eq!(shifted(t, seconds), chrono, "{t} {seconds}");
            }
        }
    }

    #[test]
    fn unknown_zones_are_named() {
        let err = "Mars/Olympus_Mons".parse::<Zone>().unwrap_err();
        insta::assert_snapshot!(err.to_string(), @r#"unknown time zone "Mars/Olympus_Mons""#);
    }

    #[test]
    fn names_are_read_ignoring_case() {
        for (given, name) in [
            ("europe/istanbul", "Europe/Istanbul"),
            ("EUROPE/ISTANBUL", "Europe/Istanbul"),
            (
                "america/argentina/buenos_aires",
                "America/Argentina/Buenos_Aires",
            ),
            ("utc", "UTC"),
            ("us/eastern", "US/Eastern"),
        ] {
            assert_eq!(given.parse::<Zone>().unwrap().name(), name, "{given}");
        }
    }

    #[test]
    fn names_are_distinct_ignoring_case() {
        let mut names: Vec<String> = Zone::all()
            .map(|zone| zone.name().to_ascii_lowercase())
            .collect();
        let count = names.len();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), count);
    }

    #[test]
    fn windows_names_suggest_their_iana_zone() {
        for (given, zone) in [
            ("Eastern Standard Time", "America/New_York"),
            ("eastern standard time", "America/New_York"),
            ("Turkey Standard Time", "Europe/Istanbul"),
            ("China Standard Time", "Asia/Shanghai"),
            ("W. Europe Standard Time", "Europe/Berlin"),
        ] {
            let err = given.parse::<Zone>().unwrap_err();
            assert_eq!(
                err,
                Error::UnknownZone {
                    name: given.to_owned(),
                    suggestion: Some(zone.parse().unwrap()),
                },
            );
        }
        let err = "Eastern Standard Time".parse::<Zone>().unwrap_err();
        insta::assert_snapshot!(err.to_string(), @r#"unknown time zone "Eastern Standard Time": did you mean "America/New_York"?"#);
    }

    /// Walks wall-clock times in `step`-second strides and checks the resolver against the general
    /// path, which it must equal exactly, gaps and folds included.
    fn resolver_agrees(zone: Zone, from: NaiveDateTime, to: NaiveDateTime, step: i64) {
        let mut resolver = Resolver::new(zone);
        let mut t = from.and_utc().timestamp();
        let end = to.and_utc().timestamp();
        while t < end {
            let local = DateTime::from_timestamp(t, 0).unwrap().naive_utc();
            assert_eq!(
                resolver.instant(t),
                zone.instant(local).timestamp(),
                "{zone} at {local}"
            );
            t += step;
        }
    }

    #[test]
    fn resolver_equals_the_general_path_in_dst_heavy_zones() {
        for name in [
            "America/New_York",
            "Europe/London",
            "Australia/Lord_Howe",
            "America/Sao_Paulo",
            "Africa/Cairo",
            "Pacific/Apia",
            "Asia/Gaza",
            "Africa/Casablanca",
            "America/Noronha",
        ] {
            let zone: Zone = name.parse().unwrap();
            // 47 minutes: lands on every part of every gap and fold over the decades.
            resolver_agrees(
                zone,
                wall(1995, 1, 1, 0, 0),
                wall(2026, 1, 1, 0, 0),
                47 * 60,
            );
        }
    }

    /// The offsets the resolver hands out from its stretch are the table's, instant by instant,
    /// walking forward and back over changes of offset.
    #[test]
    fn resolver_offsets_equal_the_zones() {
        for name in [
            "America/New_York",
            "Australia/Lord_Howe",
            "Pacific/Apia",
            "UTC",
        ] {
            let zone: Zone = name.parse().unwrap();
            let mut resolver = Resolver::new(zone);
            let (from, to) = (1_293_840_000_i64, 1_340_000_000_i64);
            let mut u = from;
            let mut step = 37 * 3_600 + 11;
            while u < to {
                let t = DateTime::from_timestamp(u, 0).unwrap();
                assert_eq!(resolver.offset(u), zone.offset_seconds(t), "{zone} at {t}");
                u += step;
                // Now and then a step back, across the change just passed.
                step = if step > 0 {
                    -(step / 3)
                } else {
                    37 * 3_600 + 11
                };
            }
        }
    }

    #[test]
    fn resolver_equals_the_general_path_in_every_zone() {
        for zone in Zone::all() {
            // A stride of 1 day 1 hour 7 minutes drifts through every time of day.
            resolver_agrees(zone, wall(1960, 1, 1, 0, 0), wall(2040, 1, 1, 0, 0), 90_420);
        }
    }
}
