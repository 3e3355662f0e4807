//! TickTick's `LUNAR:` rules on the Chinese lunisolar calendar (BEHAVIOUR.md §6).
//!
//! The calendar is ICU4X's `ChineseTraditional` (`icu_calendar`): GB/T 33661-2017, precomputed by
//! its authors for the lunar years 1900 to 2100 and checked against the Purple Mountain and Hong
//! Kong Observatories' tables. Outside those years ICU falls back to an approximation, so this module
//! refuses them ([`OutOfRange`]) rather than guess.
//!
//! Dates are days since 1970-01-01 ([`epoch_day`]); ICU counts days from 0001-01-01 (its `RataDie`),
//! an offset away. A yearly rule falls on the regular (never the leap) month `m` of every
//! INTERVAL-th lunar year, a monthly rule on every INTERVAL-th lunar month, leap months counted; the
//! day is `d`, or the month's last when the month is shorter (29 days).
//!
//! Walks jump: the period (lunar year or month) around a date is computed from that date's lunar
//! date, and the n-th month after another from the mean length of a lunar month, corrected by one
//! conversion, so "the first occurrence after T" costs a few conversions whatever the series' age.

use std::ops::RangeInclusive;

use chrono::{NaiveDate, NaiveDateTime};
use icu_calendar::cal::ChineseTraditional;
use icu_calendar::types::{Month, RataDie};
use icu_calendar::Date;

use super::civil::{date_of, epoch_day, EPOCH_CE_DAY};
use crate::rule::{Frequency, LunarRule, Until};
use crate::Zone;

/// The local dates `LUNAR:` rules are computed on: the lunar years 1900 to 2100, from lunar
/// 1900-01-01 (1900-01-31) to lunar 2100-12-29 (2101-01-28), the years ICU4X's Chinese calendar holds
/// precomputed under GB/T 33661-2017. A rule that needs a date outside them is refused with
/// [`Error::LunarRange`](crate::Error::LunarRange).
pub const LUNAR_RANGE: RangeInclusive<NaiveDate> = date(1900, 1, 31)..=date(2101, 1, 28);

/// The first and last lunar years of [`LUNAR_RANGE`].
const FIRST_YEAR: i32 = 1900;
const LAST_YEAR: i32 = 2100;

/// [`LUNAR_RANGE`] as days since 1970-01-01.
const FIRST_DAY: i64 = -25_537;
const LAST_DAY: i64 = 47_874;

/// The mean length of a lunar month (the synodic month), in billionths of a day.
const MEAN_MONTH_NANODAYS: i64 = 29_530_588_853;

/// A month with more months than this between it and another cannot have both in range.
const MAX_MONTHS: i64 = 13 * (LAST_YEAR - FIRST_YEAR + 1) as i64;

const fn date(year: i32, month: u32, day: u32) -> NaiveDate {
    match NaiveDate::from_ymd_opt(year, month, day) {
        Some(d) => d,
        None => NaiveDate::MIN,
    }
}

/// A date the Chinese calendar is not known for: outside [`LUNAR_RANGE`]. For a date that could not
/// be computed at all (a month of lunar year 2101), the first day past the range in that direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct OutOfRange {
    pub(crate) date: NaiveDate,
}

impl OutOfRange {
    fn day(day: i64) -> OutOfRange {
        OutOfRange {
            date: date_of(day).unwrap_or(if day < FIRST_DAY {
                NaiveDate::MIN
            } else {
                NaiveDate::MAX
            }),
        }
    }

    /// Past the range's end (`later`) or before its beginning.
    fn beyond(later: bool) -> OutOfRange {
        OutOfRange::day(if later { LAST_DAY + 1 } else { FIRST_DAY - 1 })
    }
}

/// One day of the Chinese calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct LunarDay {
    /// The lunar year, named by the Gregorian year it begins in.
    pub(crate) year: i32,
    /// The month's number, 1..=12 (a leap month takes the number of the month before it).
    pub(crate) month: u8,
    /// Whether the month is a leap month (闰月).
    pub(crate) leap: bool,
    /// The day of the month, 1..=30.
    pub(crate) day: u8,
    /// The length of the month: 29 or 30.
    pub(crate) month_len: u8,
}

impl LunarDay {
    /// Days since 1970-01-01 of the first day of this day's month.
    fn month_first(self, day: i64) -> i64 {
        day - i64::from(self.day) + 1
    }
}

/// The lunar date of day `day` (days since 1970-01-01).
pub(crate) fn lunar_day(day: i64) -> Result<LunarDay, OutOfRange> {
    if !(FIRST_DAY..=LAST_DAY).contains(&day) {
        return Err(OutOfRange::day(day));
    }
    let date = Date::from_rata_die(RataDie::new(day + EPOCH_CE_DAY), ChineseTraditional::new());
    let month = date.month();
    Ok(LunarDay {
        year: date.year().extended_year(),
        month: month.number(),
        leap: month.to_input().is_leap(),
        day: date.day_of_month().0,
        month_len: date.days_in_month(),
    })
}

/// The first day (days since 1970-01-01) and the length of month `month` of lunar year `year`: the
/// regular month, or its leap twin when `leap` (an error when the year has none).
fn month_of(year: i32, month: u8, leap: bool) -> Result<(i64, u8), OutOfRange> {
    if !(FIRST_YEAR..=LAST_YEAR).contains(&year) {
        return Err(OutOfRange::beyond(year > LAST_YEAR));
    }
    let code = if leap {
        Month::leap(month)
    } else {
        Month::new(month)
    };
    let first = Date::try_new_chinese_traditional(year, code, 1)
        .map_err(|_| OutOfRange::beyond(year > LAST_YEAR))?;
    Ok((
        first.to_rata_die().to_i64_date() - EPOCH_CE_DAY,
        first.days_in_month(),
    ))
}

/// The first day and the length of the `n`-th lunar month after the month beginning on day `first`
/// (leap months counted; `n` may be negative).
///
/// New moons stray from their mean spacing by well under two days, and a month's first day is the
/// day of its new moon: `first` plus `n` mean months lands within three days of the month's first
/// day, so the day 15 days later lies inside that month (29 or 30 days long), and its lunar date
/// names the month's first day.
fn month_after(first: i64, n: i64) -> Result<(i64, u8), OutOfRange> {
    if n.abs() > MAX_MONTHS {
        return Err(OutOfRange::beyond(n > 0));
    }
    let offset = (n * MEAN_MONTH_NANODAYS + 500_000_000).div_euclid(1_000_000_000);
    let middle = first + offset + 15;
    let lunar = lunar_day(middle)?;
    Ok((lunar.month_first(middle), lunar.month_len))
}

/// How many lunar months the month beginning on day `to` lies after the one beginning on `from`.
fn months_between(from: i64, to: i64) -> i64 {
    ((to - from) * 1_000_000_000 + MEAN_MONTH_NANODAYS / 2).div_euclid(MEAN_MONTH_NANODAYS)
}

/// Day `day` of a month of `len` days beginning on day `first`: its last day when it has no `day`.
fn clamped(first: i64, len: u8, day: u8) -> i64 {
    first + i64::from(day.min(len)) - 1
}

/// The date `years` lunar years after `date`: the same month and day, a leap month becoming its
/// regular twin in a year without it and day 30 becoming the month's last (as ECMAScript Temporal
/// and ICU4X add years with overflow constrained).
pub(crate) fn years_later(date: NaiveDate, years: i64) -> Result<NaiveDate, OutOfRange> {
    let day = epoch_day(date);
    let lunar = lunar_day(day)?;
    let year =
        i32::try_from(i64::from(lunar.year) + years).map_err(|_| OutOfRange::beyond(years > 0))?;
    let (first, len) =
        month_of(year, lunar.month, lunar.leap).or_else(|_| month_of(year, lunar.month, false))?;
    to_date(clamped(first, len, lunar.day))
}

/// The date `months` lunar months after `date`, leap months counted; day 30 becomes the month's last.
pub(crate) fn months_later(date: NaiveDate, months: i64) -> Result<NaiveDate, OutOfRange> {
    let day = epoch_day(date);
    let lunar = lunar_day(day)?;
    let (first, len) = month_after(lunar.month_first(day), months)?;
    to_date(clamped(first, len, lunar.day))
}

/// The first date on or after `date` that the rule's month and day fall on, in any lunar year (a
/// yearly rule) or month (a monthly rule), whatever its INTERVAL.
pub(crate) fn first_on_or_after(
    rule: &LunarRule,
    date: NaiveDate,
) -> Result<NaiveDate, OutOfRange> {
    let day = epoch_day(date);
    let lunar = lunar_day(day)?;
    let found = match rule.month {
        Some(month) => {
            let (first, len) = month_of(lunar.year, month, false)?;
            let here = clamped(first, len, rule.day);
            if here >= day {
                here
            } else {
                let (first, len) = month_of(lunar.year + 1, month, false)?;
                clamped(first, len, rule.day)
            }
        }
        None => {
            let here = clamped(lunar.month_first(day), lunar.month_len, rule.day);
            if here >= day {
                here
            } else {
                let (first, len) = month_after(lunar.month_first(day), 1)?;
                clamped(first, len, rule.day)
            }
        }
    };
    to_date(found)
}

fn to_date(day: i64) -> Result<NaiveDate, OutOfRange> {
    date_of(day).ok_or(OutOfRange::day(day))
}

/// Where a lunar series' periods are counted from.
#[derive(Debug, Clone, Copy)]
enum Origin {
    /// Yearly: regular month `month` of the lunar years `year`, `year + interval`, ...
    Years { year: i32, month: u8 },
    /// Monthly: the month beginning on day `first` and every `interval`-th month after it.
    Months { first: i64 },
}

/// A `LUNAR:` rule anchored at a series' start: its periods (lunar years or months, the start's
/// first) and the one occurrence each holds.
#[derive(Debug, Clone)]
pub(super) struct Lunar {
    origin: Origin,
    interval: i64,
    day: u8,
    count: Option<u32>,
    until: Option<Until>,
    start: NaiveDateTime,
    zone: Zone,
}

impl Lunar {
    /// The rule `rule` begun at wall-clock time `start` in `zone`; an error when the start's date is
    /// outside [`LUNAR_RANGE`].
    pub(super) fn new(
        rule: &LunarRule,
        start: NaiveDateTime,
        zone: Zone,
    ) -> Result<Lunar, OutOfRange> {
        let day = epoch_day(start.date());
        let lunar = lunar_day(day)?;
        let origin = match (rule.freq, rule.month) {
            (Frequency::Yearly, Some(month)) => Origin::Years {
                year: lunar.year,
                month,
            },
            _ => Origin::Months {
                first: lunar.month_first(day),
            },
        };
        Ok(Lunar {
            origin,
            interval: i64::from(rule.interval),
            day: rule.day,
            count: rule.count,
            until: rule.until,
            start,
            zone,
        })
    }

    /// The day (days since 1970-01-01) of period `k`'s occurrence; period 0 holds the start.
    pub(super) fn occurrence(&self, k: i64) -> Result<i64, OutOfRange> {
        let n = k.saturating_mul(self.interval);
        let (first, len) = match self.origin {
            Origin::Years { year, month } => {
                let year = i32::try_from(i64::from(year).saturating_add(n))
                    .map_err(|_| OutOfRange::beyond(n > 0))?;
                month_of(year, month, false)?
            }
            Origin::Months { first } => month_after(first, n)?,
        };
        Ok(clamped(first, len, self.day))
    }

    /// The period whose lunar year or month holds day `day`: negative before the start's.
    fn period_of(&self, day: i64) -> Result<i64, OutOfRange> {
        let lunar = lunar_day(day)?;
        let n = match self.origin {
            Origin::Years { year, .. } => i64::from(lunar.year - year),
            Origin::Months { first } => months_between(first, lunar.month_first(day)),
        };
        Ok(n.div_euclid(self.interval))
    }

    /// Whether day `day` holds period `k`'s occurrence for some `k` in `0..below`.
    fn holds_occurrence(&self, day: i64, below: i64) -> bool {
        self.period_of(day)
            .is_ok_and(|k| (0..below).contains(&k) && self.occurrence(k) == Ok(day))
    }

    /// Whether an occurrence at `local` is past `UNTIL`.
    fn past_until(&self, local: NaiveDateTime) -> bool {
        match self.until {
            None => false,
            Some(Until::Date(last)) => local.date() > last,
            Some(Until::Local(last)) => local > last,
            Some(Until::Utc(last)) => self.zone.instant(local).naive_utc() > last,
        }
    }

    /// Whether `UNTIL` ends the series within [`LUNAR_RANGE`], so that running past the range is
    /// the series' end rather than an error.
    fn ends_in_range(&self) -> bool {
        let last = match self.until {
            None => return false,
            Some(Until::Date(d)) => d,
            Some(Until::Local(t)) => t.date(),
            // The instant's local date is at most a day later.
            Some(Until::Utc(t)) => t.date().succ_opt().unwrap_or(NaiveDate::MAX),
        };
        last < *LUNAR_RANGE.end()
    }

    /// A walk over the occurrences from the start, `COUNT` counted from there.
    pub(super) fn walk(&self) -> Walk {
        Walk {
            k: 0,
            known: None,
            left: self.count,
            state: State::Going,
        }
    }

    /// A walk that begins at the period holding day `from` (days since 1970-01-01): every
    /// occurrence on `from` or later comes out of it. With `COUNT`, the occurrences of the periods
    /// before are counted by arithmetic, less those on `exdates` (days since 1970-01-01,
    /// ascending), as the walk counts them.
    pub(super) fn walk_from(&self, from: i64, exdates: &[i64]) -> Walk {
        let start_day = epoch_day(self.start.date());
        if from <= start_day {
            return self.walk();
        }
        // Past the range, every period within it comes before `from`.
        let mut k = match self.period_of(from.min(LAST_DAY)) {
            Ok(k) if from > LAST_DAY => k + 1,
            Ok(k) => k.max(0),
            Err(_) => 0,
        };
        // The period holding `from` may have its occurrence before it: then the next period's is
        // the first on or after it (periods are a lunar month or more apart).
        let mut known = None;
        if let Ok(day) = self.occurrence(k) {
            if day < from {
                k += 1;
            } else {
                known = Some(day);
            }
        }
        let left = self.count.map(|count| {
            // Period 0's occurrence may precede the start; no other can.
            let before_start = self.occurrence(0).is_ok_and(|day| day < start_day);
            let lo = exdates.partition_point(|&d| d < start_day);
            let removed = exdates
                .get(lo..)
                .unwrap_or_default()
                .iter()
                .filter(|&&d| self.holds_occurrence(d, k))
                .count();
            let passed = k - i64::from(before_start) - removed as i64;
            u32::try_from(i64::from(count) - passed.max(0)).unwrap_or(0)
        });
        Walk {
            k,
            known,
            left,
            state: State::Going,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Going,
    Ended,
    /// The next occurrence needs a date outside [`LUNAR_RANGE`].
    Failed(OutOfRange),
}

/// A walk over a [`Lunar`] series: the next period, and how many occurrences `COUNT` has left.
#[derive(Debug, Clone)]
pub(super) struct Walk {
    k: i64,
    /// Period `k`'s occurrence, when already worked out.
    known: Option<i64>,
    left: Option<u32>,
    state: State,
}

impl Walk {
    /// The next occurrence at or after the start, before `UNTIL` and within `COUNT`; one that `kept`
    /// refuses (an exDate) is handed out too, for the caller to drop, but not counted.
    pub(super) fn next(
        &mut self,
        lunar: &Lunar,
        kept: impl Fn(NaiveDateTime) -> bool,
    ) -> Option<NaiveDateTime> {
        loop {
            if self.state != State::Going {
                return None;
            }
            if self.left == Some(0) {
                self.state = State::Ended;
                return None;
            }
            let day = match self
                .known
                .take()
                .map_or_else(|| lunar.occurrence(self.k), Ok)
            {
                Ok(day) => day,
                Err(e) => {
                    self.state = if lunar.ends_in_range() {
                        State::Ended
                    } else {
                        State::Failed(e)
                    };
                    return None;
                }
            };
            self.k += 1;
            let Some(local) = date_of(day).map(|d| d.and_time(lunar.start.time())) else {
                self.state = State::Ended;
                return None;
            };
            if local < lunar.start {
                continue;
            }
            if lunar.past_until(local) {
                self.state = State::Ended;
                return None;
            }
            if kept(local) {
                self.left = self.left.map(|n| n - 1);
            }
            return Some(local);
        }
    }

    /// The date the walk stopped at because the calendar is not known there.
    pub(super) fn failed(&self) -> Option<OutOfRange> {
        match self.state {
            State::Failed(e) => Some(e),
            _ => None,
        }
    }

    /// Ends the walk (once its failure has been reported).
    pub(super) fn end(&mut self) {
        self.state = State::Ended;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn lunar(text: &str) -> LunarRule {
        match text
            .parse::<crate::RepeatFlag>()
            .unwrap()
            .validate()
            .unwrap()
        {
            crate::Recurrence::Lunar(rule) => rule,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn the_range_is_what_icu_precomputes() {
        assert_eq!(epoch_day(*LUNAR_RANGE.start()), FIRST_DAY);
        assert_eq!(epoch_day(*LUNAR_RANGE.end()), LAST_DAY);
        let first = lunar_day(FIRST_DAY).unwrap();
        assert_eq!((first.year, first.month, first.day), (1900, 1, 1));
        let last = lunar_day(LAST_DAY).unwrap();
        assert_eq!((last.year, last.month, last.leap), (2100, 12, false));
        assert_eq!(last.day, last.month_len, "the last day of lunar 2100");
        assert_eq!(
            lunar_day(FIRST_DAY - 1),
            Err(OutOfRange {
                date: d(1900, 1, 30)
            })
        );
        assert_eq!(
            lunar_day(LAST_DAY + 1),
            Err(OutOfRange {
                date: d(2101, 1, 29)
            })
        );
        assert!(month_of(2101, 1, false).is_err());
        assert!(month_of(1899, 12, false).is_err());
        // ICU's own year length agrees with the range's end.
        let (first_2100, _) = month_of(2100, 1, false).unwrap();
        let year = Date::try_new_chinese_traditional(2100, Month::new(1), 1).unwrap();
        assert_eq!(first_2100 + i64::from(year.days_in_year()) - 1, LAST_DAY);
    }

    #[test]
    fn named_dates() {
        let at = |y, m, day| lunar_day(epoch_day(d(y, m, day))).unwrap();
        assert_eq!(
            at(2026, 9, 25),
            LunarDay {
                year: 2026,
                month: 8,
                leap: false,
                day: 15,
                month_len: 29
            }
        );
        // 2024-02-09 is lunar 2023-12-30, New Year's Eve.
        assert_eq!(
            at(2024, 2, 9),
            LunarDay {
                year: 2023,
                month: 12,
                leap: false,
                day: 30,
                month_len: 30
            }
        );
        // 2025's leap sixth month and 2033's leap eleventh month (old tables put a leap seventh).
        assert_eq!(
            at(2025, 7, 25),
            LunarDay {
                year: 2025,
                month: 6,
                leap: true,
                day: 1,
                month_len: 29
            }
        );
        assert_eq!(
            at(2033, 12, 22),
            LunarDay {
                year: 2033,
                month: 11,
                leap: true,
                day: 1,
                month_len: 29
            }
        );
        assert!(
            month_of(2033, 7, true).is_err(),
            "no leap seventh month in 2033"
        );
    }

    /// The jump by mean months lands on the month a month-by-month walk reaches, for every month
    /// of the range from three origins (the first month, a leap month, 2033's leap month) and from
    /// every month to the range's ends.
    #[test]
    fn month_jumps_agree_with_walking() {
        let (first, _) = month_of(1900, 1, false).unwrap();
        let leap_2025 = month_of(2025, 6, true).unwrap().0;
        let leap_2033 = month_of(2033, 11, true).unwrap().0;
        let mut months = vec![first];
        while lunar_day(*months.last().unwrap() + 29).is_ok() {
            let last = *months.last().unwrap();
            let next = last + i64::from(lunar_day(last).unwrap().month_len);
            if next > LAST_DAY {
                break;
            }
            months.push(next);
        }
        assert_eq!(
            months.len(),
            2486,
            "lunar months in 1900-2100, as lunar-python counts"
        );
        for origin in [first, leap_2025, leap_2033] {
            let at = months.iter().position(|&m| m == origin).unwrap() as i64;
            for (i, &month) in months.iter().enumerate() {
                let n = i as i64 - at;
                assert_eq!(month_after(origin, n).unwrap().0, month, "{origin} + {n}");
                assert_eq!(months_between(origin, month), n);
            }
        }
        for (i, &month) in months.iter().enumerate() {
            assert_eq!(month_after(month, -(i as i64)).unwrap().0, first);
            let to_end = (months.len() - 1 - i) as i64;
            assert_eq!(
                month_after(month, to_end).unwrap().0,
                *months.last().unwrap()
            );
            assert!(month_after(month, to_end + 1).is_err());
        }
    }

    #[test]
    fn adding_lunar_years_and_months() {
        // Lunar 2023-12-30 + 1 year: 2024's twelfth month has 29 days.
        assert_eq!(years_later(d(2024, 2, 9), 1), Ok(d(2025, 1, 28)));
        // The leap sixth month of 2025 + 1 year: 2026 has no leap month, so its regular sixth.
        assert_eq!(years_later(d(2025, 7, 25), 1), Ok(d(2026, 7, 14)));
        // Months count leap months: the regular sixth month of 2025, then its leap twin.
        assert_eq!(months_later(d(2025, 6, 25), 1), Ok(d(2025, 7, 25)));
        assert_eq!(months_later(d(2025, 6, 25), 2), Ok(d(2025, 8, 23)));
        assert!(years_later(d(2100, 6, 1), 1).is_err());
        assert!(months_later(d(2101, 1, 1), 1).is_err());
        // ICU4X's own date arithmetic (constrained) agrees on every month of a stretch.
        use icu_calendar::options::DateAddOptions;
        use icu_calendar::types::DateDuration;
        for n in 0..400 {
            let day = epoch_day(d(2020, 1, 1)) + n * 7;
            let date =
                Date::from_rata_die(RataDie::new(day + EPOCH_CE_DAY), ChineseTraditional::new());
            for (years, months) in [(1, 0), (3, 0), (0, 1), (0, 13), (0, 40)] {
                let duration = DateDuration {
                    years,
                    months,
                    ..DateDuration::default()
                };
                let icu = date
                    .try_added_with_options(duration, DateAddOptions::default())
                    .unwrap()
                    .to_rata_die()
                    .to_i64_date()
                    - EPOCH_CE_DAY;
                let ours = if years > 0 {
                    years_later(date_of(day).unwrap(), i64::from(years))
                } else {
                    months_later(date_of(day).unwrap(), i64::from(months))
                };
                assert_eq!(
                    ours.map(epoch_day),
                    Ok(icu),
                    "day {day} + {years}y {months}m"
                );
            }
        }
    }

    #[test]
    fn first_on_or_after_a_date() {
        let mid_autumn = lunar("LUNAR:FREQ=YEARLY;BYMONTH=8;BYMONTHDAY=15");
        assert_eq!(
            first_on_or_after(&mid_autumn, d(2026, 9, 25)),
            Ok(d(2026, 9, 25))
        );
        assert_eq!(
            first_on_or_after(&mid_autumn, d(2026, 9, 26)),
            Ok(d(2027, 9, 15))
        );
        let thirtieth = lunar("LUNAR:FREQ=MONTHLY;BYMONTHDAY=30");
        // Lunar 2026-08 has 29 days: its last is 2026-10-09; 2026-09 has 30.
        assert_eq!(
            first_on_or_after(&thirtieth, d(2026, 9, 25)),
            Ok(d(2026, 10, 9))
        );
        assert_eq!(
            first_on_or_after(&thirtieth, d(2026, 10, 10)),
            Ok(d(2026, 11, 8))
        );
    }

    #[test]
    fn walking_from_a_date_counts_what_came_before() {
        let rule = lunar("LUNAR:FREQ=YEARLY;INTERVAL=2;BYMONTH=1;BYMONTHDAY=1;COUNT=10");
        // Begun after lunar New Year 2000: the first occurrence is 2002's.
        let start = d(2000, 3, 1).and_hms_opt(9, 0, 0).unwrap();
        let series = Lunar::new(&rule, start, Zone::UTC).unwrap();
        // An exDate on an occurrence (lunar New Year 2004) and one on no occurrence.
        let exdates = [epoch_day(d(2004, 1, 22)), epoch_day(d(2005, 1, 1))];
        let kept = |t: NaiveDateTime| !exdates.contains(&epoch_day(t.date()));
        let mut from_start = series.walk();
        let all: Vec<_> = std::iter::from_fn(|| from_start.next(&series, kept)).collect();
        let dates: Vec<_> = all.iter().map(NaiveDateTime::date).collect();
        assert_eq!(
            dates.len(),
            11,
            "ten counted and the exDate handed out: {dates:?}"
        );
        assert_eq!(dates[0], d(2002, 2, 12));
        assert_eq!(dates[1], d(2004, 1, 22));
        assert_eq!(dates[10], d(2022, 2, 1));
        for (i, o) in all.iter().enumerate() {
            for from in [epoch_day(o.date()), epoch_day(o.date()) - 40] {
                let mut walk = series.walk_from(from, &exdates);
                let rest: Vec<_> = std::iter::from_fn(|| walk.next(&series, kept))
                    .filter(|t| epoch_day(t.date()) >= from)
                    .collect();
                assert_eq!(rest, all[i..], "from occurrence {i}, day {from}");
            }
        }
    }

    #[test]
    fn running_past_the_range() {
        let rule = lunar("LUNAR:FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=1");
        let start = d(2099, 1, 1).and_hms_opt(0, 0, 0).unwrap();
        let series = Lunar::new(&rule, start, Zone::UTC).unwrap();
        let mut walk = series.walk();
        assert!(walk.next(&series, |_| true).is_some());
        assert!(walk.next(&series, |_| true).is_some());
        assert_eq!(walk.next(&series, |_| true), None);
        assert_eq!(
            walk.failed(),
            Some(OutOfRange {
                date: d(2101, 1, 29)
            })
        );
        let until = lunar("LUNAR:FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=1;UNTIL=21000601");
        let series = Lunar::new(&until, start, Zone::UTC).unwrap();
        let mut walk = series.walk();
        assert_eq!(
            std::iter::from_fn(|| walk.next(&series, |_| true)).count(),
            1
        );
        assert_eq!(walk.failed(), None);
        let early = d(1899, 12, 31).and_hms_opt(0, 0, 0).unwrap();
        assert_eq!(
            Lunar::new(&rule, early, Zone::UTC).err(),
            Some(OutOfRange { date: early.date() })
        );
    }
}
