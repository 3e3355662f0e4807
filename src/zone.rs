//! IANA time zones and the one policy for wall-clock times that do not exist or exist twice.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, LocalResult, NaiveDateTime, Offset, TimeDelta, TimeZone, Utc};
use chrono_tz::Tz;

use crate::Error;

/// An IANA time zone (`Europe/Istanbul`, `America/New_York`, `UTC`, ...).
///
/// All recurrence arithmetic happens in wall-clock time of the zone; instants are derived from wall-clock
/// times with one fixed, documented policy (RFC 5545 section 3.3.5, python-dateutil with zoneinfo):
///
/// - **gap** (a spring-forward hole, such as 02:30 on the day New York moves to daylight time): the time
///   is shifted forward by the length of the gap, so 02:30 becomes 03:30 daylight time;
/// - **fold** (a fall-back overlap, such as 01:30 on the day New York returns to standard time): the
///   earlier of the two instants is taken, 01:30 daylight time.
///
/// ```
/// use ticktick_recur::Zone;
/// let ny: Zone = "America/New_York".parse()?;
/// let gap = chrono::NaiveDate::from_ymd_opt(2026, 3, 8).unwrap().and_hms_opt(2, 30, 0).unwrap();
/// assert_eq!(ny.instant(gap).to_rfc3339(), "2026-03-08T07:30:00+00:00");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Zone(Tz);

impl Zone {
    /// Coordinated Universal Time.
    pub const UTC: Zone = Zone(Tz::UTC);

    /// The IANA name of the zone.
    #[must_use]
    pub fn name(&self) -> &'static str {
        self.0.name()
    }

    /// The wall-clock time at instant `t`.
    #[must_use]
    pub fn local(&self, t: DateTime<Utc>) -> NaiveDateTime {
        t.with_timezone(&self.0).naive_local()
    }

    /// The instant of wall-clock time `local`, gaps shifted forward and folds resolved to the earlier
    /// instant (see the type's documentation).
    #[must_use]
    pub fn instant(&self, local: NaiveDateTime) -> DateTime<Utc> {
        match self.0.from_local_datetime(&local) {
            LocalResult::Single(t) => t.with_timezone(&Utc),
            LocalResult::Ambiguous(earlier, later) => {
                let (a, b) = (earlier.with_timezone(&Utc), later.with_timezone(&Utc));
                a.min(b)
            }
            LocalResult::None => self.shift_over_gap(local),
        }
    }

    /// A time in a gap keeps the offset in force just before the gap, which moves it forward by the
    /// gap's length.
    #[cold]
    fn shift_over_gap(&self, local: NaiveDateTime) -> DateTime<Utc> {
        // Gaps last at most a day (Pacific/Apia skipped 2011-12-30), so an hour-by-hour step back reaches
        // a time that exists within 48 steps.
        for hours in 1..=48 {
            let probe = local - TimeDelta::hours(hours);
            let offset = match self.0.from_local_datetime(&probe) {
                LocalResult::Single(t) => t.offset().fix(),
                LocalResult::Ambiguous(_, later) => later.offset().fix(),
                LocalResult::None => continue,
            };
            let utc = local - TimeDelta::seconds(i64::from(offset.local_minus_utc()));
            return Utc.from_utc_datetime(&utc);
        }
        Utc.from_utc_datetime(&local)
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

    /// Reads an IANA zone name, exactly as spelled in the tz database.
    fn from_str(name: &str) -> Result<Self, Self::Err> {
        name.parse::<Tz>().map(Zone).map_err(|_| Error::UnknownZone {
            name: name.to_owned(),
        })
    }
}

impl Zone {
    /// The zone's offset from UTC at instant `t`, in seconds.
    pub(crate) fn offset_seconds(&self, t: DateTime<Utc>) -> i64 {
        i64::from(self.0.offset_from_utc_datetime(&t.naive_utc()).fix().local_minus_utc())
    }
}
