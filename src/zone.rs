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
    ///
    /// Within a day of the ends of chrono's range, where the wall-clock time may lie beyond what a
    /// `NaiveDateTime` can hold, it is the range's first or last second.
    #[must_use]
    pub fn local(&self, t: DateTime<Utc>) -> NaiveDateTime {
        let offset = self.offset_seconds(t);
        t.naive_utc()
            .checked_add_signed(TimeDelta::seconds(offset))
            .unwrap_or(if offset > 0 {
                NaiveDateTime::MAX
            } else {
                NaiveDateTime::MIN
            })
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
            let Some(probe) = local.checked_sub_signed(TimeDelta::hours(hours)) else {
                break;
            };
            let offset = match self.0.from_local_datetime(&probe) {
                LocalResult::Single(t) => t.offset().fix(),
                LocalResult::Ambiguous(_, later) => later.offset().fix(),
                LocalResult::None => continue,
            };
            let shift = TimeDelta::seconds(i64::from(offset.local_minus_utc()));
            if let Some(utc) = local.checked_sub_signed(shift) {
                return Utc.from_utc_datetime(&utc);
            }
            break;
        }
        // Only at the ends of chrono's range, where no offset can be applied: the wall-clock time
        // read as UTC, the nearest instant there is.
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
        name.parse::<Tz>()
            .map(Zone)
            .map_err(|_| Error::UnknownZone {
                name: name.to_owned(),
            })
    }
}

impl Zone {
    /// The zone's offset from UTC at instant `t`, in seconds.
    pub(crate) fn offset_seconds(&self, t: DateTime<Utc>) -> i64 {
        i64::from(
            self.0
                .offset_from_utc_datetime(&t.naive_utc())
                .fix()
                .local_minus_utc(),
        )
    }
}

/// Resolves a run of nearby wall-clock times quickly, with exactly the result of [`Zone::instant`].
///
/// It keeps a stretch of UTC time over which the zone's offset is known to be constant. A wall-clock
/// time whose candidate instant lies more than [`FOLD_REACH`] inside that stretch can be neither in a
/// gap nor in a fold, so it resolves with one subtraction. Anything else takes the general path.
///
/// The stretch grows lazily, by sampling the offset [`PROBE_STEP`] ahead and bisecting to the second
/// when it changes. Sampling finds every transition because, between 1900 and 2100, no zone keeps an
/// offset for less than 6.96 days (Brazil 2000, Gaza 2040); `tests/zone_spans.rs` re-checks that for
/// every zone. Outside that range every time takes the general path.
#[derive(Debug, Clone)]
pub(crate) struct Resolver {
    zone: Zone,
    span: Option<Span>,
}

/// UTC seconds over which the offset is `offset` seconds: all of `[begin, known]`, and nothing
/// beyond `known` when `known_is_end`.
#[derive(Debug, Clone, Copy)]
struct Span {
    begin: i64,
    known: i64,
    known_is_end: bool,
    offset: i32,
}

/// Largest distance between the instants one wall-clock time can map to: two offsets differ by at most
/// 26 hours (UTC-12 to UTC+14).
const FOLD_REACH: i64 = 26 * 3_600;
/// Sampling step when extending a stretch; shorter than any stretch in [`FAST_RANGE`].
const PROBE_STEP: i64 = 6 * 86_400;
/// 1900-01-01T00:00:00Z to 2100-01-01T00:00:00Z: the range where [`PROBE_STEP`] is known to be safe.
const FAST_RANGE: std::ops::Range<i64> = -2_208_988_800..4_102_444_800;

impl Resolver {
    pub(crate) fn new(zone: Zone) -> Self {
        Resolver { zone, span: None }
    }

    /// The same as [`Zone::instant`], on wall-clock seconds since 1970-01-01T00:00:00 of the zone's
    /// clock, giving Unix seconds.
    #[inline]
    pub(crate) fn instant(&mut self, wall: i64) -> i64 {
        if let Some(u) = self.fast(wall) {
            return u;
        }
        let Some(local) = DateTime::from_timestamp(wall, 0) else {
            return wall;
        };
        let u = self.zone.instant(local.naive_utc()).timestamp();
        self.span = self.zone.span_at(u, self.span);
        u
    }

    fn fast(&mut self, wall: i64) -> Option<i64> {
        let span = self.span.as_mut()?;
        let u = wall - i64::from(span.offset);
        if u < span.begin + FOLD_REACH {
            return None;
        }
        while u >= span.known - FOLD_REACH {
            if span.known_is_end {
                return None;
            }
            self.zone.extend(span)?;
        }
        Some(u)
    }
}

impl Zone {
    fn offset_at(&self, u: i64) -> Option<i32> {
        let t = DateTime::from_timestamp(u, 0)?;
        Some(
            self.0
                .offset_from_utc_datetime(&t.naive_utc())
                .fix()
                .local_minus_utc(),
        )
    }

    /// The stretch that contains instant `u`. It begins where `previous` ended when that was a
    /// transition `u` has passed, else at the last transition within one probe step before `u`.
    fn span_at(&self, u: i64, previous: Option<Span>) -> Option<Span> {
        if !FAST_RANGE.contains(&u) {
            return None;
        }
        let offset = self.offset_at(u)?;
        let begin = match previous {
            Some(p) if p.known_is_end && p.known <= u && u - p.known < PROBE_STEP => p.known,
            _ => {
                let probe = u - PROBE_STEP;
                if self.offset_at(probe)? == offset {
                    probe
                } else {
                    self.transition(probe, u)?
                }
            }
        };
        Some(Span {
            begin,
            known: u,
            known_is_end: false,
            offset,
        })
    }

    /// Extends what is known of a stretch by one probe step, or finds where it ends.
    fn extend(&self, span: &mut Span) -> Option<()> {
        let probe = span.known + PROBE_STEP;
        if !FAST_RANGE.contains(&probe) {
            return None;
        }
        if self.offset_at(probe)? == span.offset {
            span.known = probe;
        } else {
            span.known = self.transition(span.known, probe)? - 1;
            span.known_is_end = true;
        }
        Some(())
    }

    /// The first second of `(lo, hi]` with `hi`'s offset, where `lo` has another. Transitions are more
    /// than a probe step apart, so there is exactly one between them.
    fn transition(&self, mut lo: i64, mut hi: i64) -> Option<i64> {
        let offset = self.offset_at(hi)?;
        while hi - lo > 1 {
            let mid = lo + (hi - lo) / 2;
            if self.offset_at(mid)? == offset {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        Some(hi)
    }
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

    #[test]
    fn unknown_zones_are_named() {
        let err = "Mars/Olympus_Mons".parse::<Zone>().unwrap_err();
        assert_eq!(err.to_string(), r#"unknown time zone "Mars/Olympus_Mons""#);
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

    #[test]
    fn resolver_equals_the_general_path_in_every_zone() {
        for tz in chrono_tz::TZ_VARIANTS {
            // A stride of 1 day 1 hour 7 minutes drifts through every time of day.
            resolver_agrees(
                Zone(tz),
                wall(1960, 1, 1, 0, 0),
                wall(2040, 1, 1, 0, 0),
                90_420,
            );
        }
    }
}
