//! Civil time as integers: wall-clock seconds and day numbers since 1970-01-01, the dates they
//! name, and the bounds of chrono's calendar.
//!
//! The walk works in these integers rather than in chrono's types: comparing, stepping and
//! offsetting them is integer arithmetic, and a day number becomes a date only when an occurrence
//! is handed out ([`Dates`]).

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, NaiveTime, Utc};

/// Seconds in each sub-daily unit.
pub(super) const HOUR: i64 = 3_600;
pub(super) const MINUTE: i64 = 60;
/// Seconds in a day.
pub(super) const DAY: i64 = 86_400;
/// `num_days_from_ce` of 1970-01-01.
pub(super) const EPOCH_CE_DAY: i64 = 719_163;
/// Days since 1970-01-01 of chrono's first and last dates (-262143-01-01 and +262142-12-31).
const FIRST_DAY: i64 = -96_465_292;
pub(super) const LAST_DAY: i64 = 95_026_236;
/// The wall-clock seconds of chrono's calendar: those whose day [`in_calendar`] accepts.
pub(super) const CALENDAR: std::ops::Range<i64> = FIRST_DAY * DAY..(LAST_DAY + 1) * DAY;

/// A wall-clock time in a zone: seconds since 1970-01-01T00:00:00 of the zone's clock. Not an
/// instant: the zone's gap and fold policy turns it into one ([`UnixSecs`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(super) struct WallSecs(pub(super) i64);

impl WallSecs {
    /// The wall-clock time `t`.
    #[inline]
    pub(super) fn of(t: NaiveDateTime) -> WallSecs {
        WallSecs(wall(t))
    }

    /// The day it lies on.
    #[inline]
    pub(super) fn day(self) -> EpochDay {
        EpochDay(self.0.div_euclid(DAY))
    }

    /// Seconds since its day's midnight.
    #[inline]
    pub(super) fn time_of_day(self) -> i64 {
        self.0.rem_euclid(DAY)
    }

    /// Whether it lies in chrono's calendar ([`CALENDAR`]).
    #[inline]
    pub(super) fn in_calendar(self) -> bool {
        CALENDAR.contains(&self.0)
    }

    /// `secs` seconds earlier, the earliest representable time if that is too early.
    #[inline]
    pub(super) fn saturating_sub(self, secs: i64) -> WallSecs {
        WallSecs(self.0.saturating_sub(secs))
    }

    /// The same reading taken as an instant: for a walk that resolves no instant, where only
    /// wall-clock times matter.
    #[inline]
    pub(super) fn as_if_utc(self) -> UnixSecs {
        UnixSecs(self.0)
    }
}

impl std::ops::Add<i64> for WallSecs {
    type Output = WallSecs;
    /// `secs` seconds later on the same clock.
    #[inline]
    fn add(self, secs: i64) -> WallSecs {
        WallSecs(self.0 + secs)
    }
}

impl std::ops::Sub<i64> for WallSecs {
    type Output = WallSecs;
    /// `secs` seconds earlier on the same clock.
    #[inline]
    fn sub(self, secs: i64) -> WallSecs {
        WallSecs(self.0 - secs)
    }
}

impl std::ops::Sub for WallSecs {
    type Output = i64;
    /// The seconds from `earlier` to `self` on the same clock.
    #[inline]
    fn sub(self, earlier: WallSecs) -> i64 {
        self.0 - earlier.0
    }
}

/// A day: days since 1970-01-01.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(super) struct EpochDay(pub(super) i64);

impl crate::rule::Blank for EpochDay {
    const BLANK: Self = EpochDay(0);
}

/// The matching days of a period: a month's few inline, a year's on the heap.
pub(super) type PeriodDays = crate::rule::Few<EpochDay, 8>;

impl EpochDay {
    /// The day of date `d`.
    #[inline]
    pub(super) fn of(d: NaiveDate) -> EpochDay {
        EpochDay(epoch_day(d))
    }

    /// Its date; `None` beyond chrono's calendar.
    #[inline]
    pub(super) fn date(self) -> Option<NaiveDate> {
        date_of(self.0)
    }

    /// Whether it lies in chrono's calendar.
    #[inline]
    pub(super) fn in_calendar(self) -> bool {
        in_calendar(self.0)
    }

    /// The wall-clock time `secs` seconds after its midnight.
    #[inline]
    pub(super) fn at(self, secs: i64) -> WallSecs {
        WallSecs(self.0 * DAY + secs)
    }

    /// Its midnight.
    #[inline]
    pub(super) fn midnight(self) -> WallSecs {
        self.at(0)
    }

    /// The day after.
    #[inline]
    pub(super) fn next(self) -> EpochDay {
        EpochDay(self.0 + 1)
    }
}

impl std::ops::Add<i64> for EpochDay {
    type Output = EpochDay;
    /// `days` days later.
    #[inline]
    fn add(self, days: i64) -> EpochDay {
        EpochDay(self.0 + days)
    }
}

/// An instant: Unix seconds, since 1970-01-01T00:00:00Z.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(super) struct UnixSecs(pub(super) i64);

impl UnixSecs {
    /// The day it lies on, on the UTC clock.
    #[inline]
    pub(super) fn day(self) -> EpochDay {
        EpochDay(self.0.div_euclid(DAY))
    }

    /// Whether it lies in chrono's calendar ([`CALENDAR`]).
    #[inline]
    pub(super) fn in_calendar(self) -> bool {
        CALENDAR.contains(&self.0)
    }

    /// Whether it lies before chrono's calendar begins.
    #[inline]
    pub(super) fn before_calendar(self) -> bool {
        self.0 < CALENDAR.start
    }
}

/// A wall-clock time as seconds since 1970-01-01T00:00:00 of the same clock: cheap to compare, step
/// and offset. (An instant in Unix seconds is the same arithmetic on the UTC clock.)
pub(super) fn wall(t: NaiveDateTime) -> i64 {
    t.and_utc().timestamp()
}

/// The wall-clock time `w` seconds after 1970-01-01T00:00:00; chrono's first second beyond its range.
#[cfg(test)]
pub(super) fn naive(w: i64) -> NaiveDateTime {
    at(date_of(w.div_euclid(DAY)), w)
}

/// The time `w` seconds after 1970-01-01T00:00:00, whose date is `date`; chrono's first second when
/// there is no date (beyond chrono's calendar).
#[inline]
pub(super) fn at(date: Option<NaiveDate>, w: i64) -> NaiveDateTime {
    // Below 86,400, so the conversion is exact.
    let time = NaiveTime::from_num_seconds_from_midnight_opt(w.rem_euclid(DAY) as u32, 0);
    match (date, time) {
        (Some(date), Some(time)) => date.and_time(time),
        _ => NaiveDateTime::MIN,
    }
}

/// Days since 1970-01-01.
pub(super) fn epoch_day(d: NaiveDate) -> i64 {
    i64::from(d.num_days_from_ce()) - EPOCH_CE_DAY
}

/// The date `n` days after 1970-01-01; `None` beyond chrono's calendar.
pub(super) fn date_of(n: i64) -> Option<NaiveDate> {
    let (year, ordinal) = year_and_ordinal(n)?;
    NaiveDate::from_yo_opt(year, ordinal)
}

/// The year and the day of the year (1-based) of day `n` since 1970-01-01, for days of chrono's
/// calendar: integer arithmetic with no table and no division by a variable (C. Neri and L. Schneider,
/// "Euclidean affine functions and their application to calendar algorithms", Software: Practice and
/// Experience, 2023). This runs once per occurrence a caller turns into a date, so it is kept lean.
fn year_and_ordinal(n: i64) -> Option<(i32, u32)> {
    /// 400-year cycles added so that every day of chrono's calendar counts from a non-negative
    /// origin: 1 March of the year -280,000.
    const CYCLES: u64 = 700;
    /// Days from 0000-03-01 to 1970-01-01.
    const MARCH_0000: u64 = 719_468;
    if !in_calendar(n) {
        return None;
    }
    // In range, so non-negative and below 2^28: none of the arithmetic below can overflow.
    let n = u64::try_from(n + (MARCH_0000 + 146_097 * CYCLES) as i64).ok()?;
    let n1 = 4 * n + 3;
    let century = n1 / 146_097;
    let n2 = n1 % 146_097 / 4 * 4 + 3;
    let p2 = 2_939_745 * n2;
    let year_of_century = p2 >> 32;
    // Days since 1 March of the computational year, which runs from March to February.
    let day_of_year = (p2 & 0xFFFF_FFFF) / 2_939_745 / 4;
    let january = day_of_year >= 306;
    let year = i64::try_from(100 * century + year_of_century).ok()? - (400 * CYCLES) as i64
        + i64::from(january);
    let year = i32::try_from(year).ok()?;
    let ordinal = if january {
        day_of_year - 305
    } else {
        day_of_year + 60 + u64::from(is_leap(year))
    };
    Some((year, u32::try_from(ordinal).ok()?))
}

/// Turns days since 1970-01-01 into dates, by arithmetic alone for days in the year of the last one
/// converted: a walk meets day after day of the same year.
#[derive(Debug, Clone, Copy)]
pub(super) struct Dates {
    /// The year last converted: its 1 January, as a date and as days since 1970-01-01, and its length.
    jan1: NaiveDate,
    first: i64,
    len: i32,
}

impl Dates {
    pub(super) fn new() -> Dates {
        Dates {
            jan1: NaiveDate::default(),
            first: 0,
            len: 365,
        }
    }

    /// The date of day `day`; `None` beyond chrono's calendar.
    #[inline(always)]
    pub(super) fn date(&mut self, day: EpochDay) -> Option<NaiveDate> {
        let n = day.0;
        let offset = n.wrapping_sub(self.first);
        if (0..i64::from(self.len)).contains(&offset) {
            // Below 366, so the ordinal fits.
            return self.jan1.with_ordinal(offset as u32 + 1);
        }
        self.change_year(n)
    }

    /// Once a year of a walk: kept out of line so that [`Dates::date`] stays small.
    #[inline(never)]
    fn change_year(&mut self, n: i64) -> Option<NaiveDate> {
        let (year, ordinal) = year_and_ordinal(n)?;
        let date = NaiveDate::from_yo_opt(year, ordinal)?;
        self.jan1 = date.with_ordinal(1)?;
        self.first = n - i64::from(ordinal) + 1;
        self.len = days_in_year(year);
        Some(date)
    }
}

/// Turns Unix seconds into instants, their dates by [`Dates`]: the instants a walk hands out lie on
/// nearby days, so that most cost an addition rather than a calendar computation.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Instants(Dates);

impl Default for Instants {
    fn default() -> Self {
        Instants::new()
    }
}

impl Instants {
    pub(crate) fn new() -> Instants {
        Instants(Dates::new())
    }

    /// Instants that know the year of instant `secs` (Unix seconds) already: the walks of a list's
    /// tasks about one window start from a copy.
    pub(crate) fn near(secs: i64) -> Instants {
        let mut instants = Instants::new();
        let _ = instants.at(secs, 0);
        instants
    }

    /// The dates they convert days with.
    pub(super) fn dates(self) -> Dates {
        self.0
    }

    /// The instant `secs` seconds and `nanos` nanoseconds after 1970-01-01T00:00:00Z: exactly
    /// `DateTime::from_timestamp(secs, nanos)`, `None` where it gives none.
    #[inline]
    pub(crate) fn at(&mut self, secs: i64, nanos: u32) -> Option<DateTime<Utc>> {
        let date = self.0.date(EpochDay(secs.div_euclid(DAY)))?;
        // Below 86,400, so the conversion is exact.
        let time =
            NaiveTime::from_num_seconds_from_midnight_opt(secs.rem_euclid(DAY) as u32, nanos)?;
        Some(date.and_time(time).and_utc())
    }
}

/// Whether day `n` (days since 1970-01-01) lies within the calendar's range: the same answer as
/// `date_of(n).is_some()`, without building the date.
pub(super) fn in_calendar(n: i64) -> bool {
    (FIRST_DAY..=LAST_DAY).contains(&n)
}

/// The date with day number `n` (days from the common era, 1 = 0001-01-01).
pub(super) fn day(n: i64) -> Option<NaiveDate> {
    NaiveDate::from_num_days_from_ce_opt(i32::try_from(n).ok()?)
}

pub(super) fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 31,
    }
}

pub(super) fn days_in_year(year: i32) -> i32 {
    if is_leap(year) {
        366
    } else {
        365
    }
}

fn is_leap(year: i32) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// chrono's own conversion, which [`date_of`] replaces on the hot path.
    fn chrono_date_of(n: i64) -> Option<NaiveDate> {
        day(n + EPOCH_CE_DAY)
    }

    #[test]
    fn calendar_bounds_are_chronos() {
        for w in [
            CALENDAR.start - 1,
            CALENDAR.start,
            CALENDAR.end - 1,
            CALENDAR.end,
        ] {
            assert_eq!(CALENDAR.contains(&w), in_calendar(w.div_euclid(DAY)), "{w}");
        }
        assert_eq!(epoch_day(NaiveDate::MIN), FIRST_DAY);
        assert_eq!(epoch_day(NaiveDate::MAX), LAST_DAY);
        for n in [FIRST_DAY, LAST_DAY] {
            assert_eq!(date_of(n), chrono_date_of(n));
            assert!(date_of(n).is_some());
        }
        for n in [FIRST_DAY - 1, LAST_DAY + 1, i64::MIN, i64::MAX] {
            assert_eq!(date_of(n), None, "{n}");
            assert!(!in_calendar(n));
        }
    }

    #[test]
    fn date_of_agrees_with_chrono_over_whole_cycles() {
        // Four 400-year cycles around the epoch, every day, and the ends of the calendar.
        let around = -2 * 146_097..2 * 146_097;
        let ends = (FIRST_DAY..FIRST_DAY + 800).chain(LAST_DAY - 800..=LAST_DAY);
        for n in around.chain(ends) {
            assert_eq!(date_of(n), chrono_date_of(n), "day {n}");
        }
    }

    #[test]
    fn naive_agrees_with_chrono() {
        for w in [
            0,
            -1,
            DAY - 1,
            951_782_400 + 12 * 3_600, // 2000-02-29T12:00:00
            FIRST_DAY * DAY,
            LAST_DAY * DAY + DAY - 1,
        ] {
            let expected = chrono::DateTime::from_timestamp(w, 0).map(|t| t.naive_utc());
            assert_eq!(Some(naive(w)), expected, "{w}");
        }
        assert_eq!(naive(LAST_DAY * DAY + DAY), NaiveDateTime::MIN);
        assert_eq!(naive(FIRST_DAY * DAY - 1), NaiveDateTime::MIN);
    }

    #[test]
    fn instants_agree_with_chrono() {
        let mut instants = Instants::new();
        let seconds = [
            0,
            -1,
            59,
            DAY - 1,
            951_782_400 + 12 * 3_600,
            1_772_323_200,
            1_772_323_200 + 40 * DAY,
            1_772_323_200 - 400 * DAY,
            FIRST_DAY * DAY,
            FIRST_DAY * DAY - 1,
            LAST_DAY * DAY + DAY - 1,
            LAST_DAY * DAY + DAY,
            i64::MIN,
            i64::MAX,
        ];
        for secs in seconds {
            for nanos in [
                0,
                1,
                999_999_999,
                1_000_000_000,
                1_999_999_999,
                2_000_000_000,
            ] {
                assert_eq!(
                    instants.at(secs, nanos),
                    DateTime::from_timestamp(secs, nanos),
                    "{secs} {nanos}"
                );
            }
        }
    }

    #[cfg(not(target_arch = "wasm32"))]
    mod props {
        use proptest::prelude::*;

        use super::*;

        proptest! {
            #![proptest_config(ProptestConfig { cases: 1024, ..ProptestConfig::default() })]

            #[test]
            fn date_of_agrees_with_chrono(n in FIRST_DAY - 10..LAST_DAY + 10) {
                prop_assert_eq!(date_of(n), chrono_date_of(n));
            }

            /// Instants one after the other, near and far apart, as a walk's are.
            #[test]
            fn instants_agree_with_chrono_in_runs(
                start in FIRST_DAY * DAY - DAY..LAST_DAY * DAY + 2 * DAY,
                steps in proptest::collection::vec(-400 * DAY..400 * DAY, 1..20),
                nanos in 0u32..1_000_000_000,
            ) {
                let mut instants = Instants::new();
                let mut secs = start;
                for step in steps {
                    prop_assert_eq!(instants.at(secs, nanos), DateTime::from_timestamp(secs, nanos));
                    secs = secs.saturating_add(step);
                }
            }
        }
    }
}
