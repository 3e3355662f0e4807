//! The day filter: which days a rule keeps.
//!
//! `BYMONTH`, `BYMONTHDAY`, `BYYEARDAY`, `BYDAY` (with and without ordinals) and `BYWEEKNO`, and the
//! values RFC 5545 implies from the start when a rule gives none ([`Plan::boxed`](super::Plan::boxed)),
//! tested a candidate day at a time by arithmetic on the facts of its month, without building a
//! date. `TT_SKIP` and `TT_WORKDAY` are applied by the walk
//! ([`Cursor`](crate::expand::cursor::Cursor)), which has the holiday calendar.

use chrono::{Datelike, NaiveDate};

use super::bits::Bits;
use crate::expand::civil::{days_in_month, days_in_year, epoch_day, EPOCH_CE_DAY};
use crate::rule::{Few, Weekday};

/// The day-level filters of a rule, tested one candidate day at a time.
#[derive(Debug, Clone)]
pub(in crate::expand) struct DayFilter {
    /// Bit `m` for month `m` (1..=12); `None` when any month matches.
    pub(super) months: Option<Bits>,
    /// Bit `d` for `BYMONTHDAY=d`; and bit `d` of `neg_month_days` for `BYMONTHDAY=-d`.
    pub(super) month_days: Option<(Bits, Bits)>,
    pub(super) year_days: Vec<i16>,
    /// Weekdays without an ordinal, bit 0 for Monday.
    pub(super) weekdays: Bits,
    /// `(ordinal, weekday)` entries of `BYDAY`, for MONTHLY and YEARLY, and the weekdays they name.
    pub(super) nth_weekdays: Few<(i8, Weekday), 2>,
    pub(super) nth_weekday_set: Bits,
    pub(super) has_weekdays: bool,
    pub(super) week_nos: Vec<i8>,
    pub(super) week_start: Weekday,
    /// Whether ordinals count within the month (MONTHLY, or YEARLY with BYMONTH) or the year.
    pub(super) nth_in_month: bool,
}

/// The bit of the `n`-th weekday `wd` (0 for Monday) of `month`, counted from its end when `n` is
/// negative, as [`DayFilter::candidates`] sets days; 0 when the month has no such day.
fn nth_day(month: &MonthFacts, n: i8, wd: u32) -> u64 {
    let first = 1 + (wd + 7 - month.first_weekday) % 7;
    let last = first + (month.len - first) / 7 * 7;
    let day = match n {
        1.. => i64::from(first) + 7 * (i64::from(n) - 1),
        ..=-1 => i64::from(last) - 7 * (-i64::from(n) - 1),
        0 => return 0,
    };
    if (1..=i64::from(month.len)).contains(&day) {
        1 << day
    } else {
        0
    }
}

/// What the day filters need to know of a month, to test its days by arithmetic.
#[derive(Debug, Clone, Copy)]
pub(in crate::expand) struct MonthFacts {
    pub(super) year: i32,
    /// 1..=12.
    pub(super) month: u32,
    pub(super) len: u32,
    /// Days since 1970-01-01 of the month's first day.
    pub(super) first_day: i64,
    /// The first day's weekday, 0 for Monday.
    pub(super) first_weekday: u32,
    /// The first day's day of the year, 1-based.
    pub(super) first_ordinal: u32,
    pub(super) year_len: u32,
}

impl MonthFacts {
    /// The month that `d` lies in.
    pub(super) fn containing(d: NaiveDate) -> MonthFacts {
        let (year, day0) = (d.year(), d.day0());
        MonthFacts {
            year,
            month: d.month(),
            len: days_in_month(year, d.month()),
            first_day: epoch_day(d) - i64::from(day0),
            first_weekday: (d.weekday().num_days_from_monday() + 7 - day0 % 7) % 7,
            first_ordinal: d.ordinal() - day0,
            year_len: days_in_year(year) as u32,
        }
    }

    /// The month after this one.
    pub(super) fn next(&self) -> MonthFacts {
        let (year, month) = if self.month == 12 {
            (self.year + 1, 1)
        } else {
            (self.year, self.month + 1)
        };
        MonthFacts {
            year,
            month,
            len: days_in_month(year, month),
            first_day: self.first_day + i64::from(self.len),
            first_weekday: (self.first_weekday + self.len) % 7,
            first_ordinal: if month == 1 {
                1
            } else {
                self.first_ordinal + self.len
            },
            year_len: days_in_year(year) as u32,
        }
    }
}

/// Where week 1 of a year and of its neighbours begin, as day numbers from the common era.
#[derive(Debug, Clone, Copy)]
struct YearFacts {
    year: i32,
    week1: i32,
    next_week1: i32,
    prev_week1: i32,
}

impl DayFilter {
    pub(super) fn is_trivial(&self) -> bool {
        self.weekdays_only() && !self.has_weekdays
    }

    /// Whether plain weekdays (BYDAY without ordinals) are the only filter, if any.
    pub(super) fn weekdays_only(&self) -> bool {
        self.months.is_none()
            && self.month_days.is_none()
            && self.year_days.is_empty()
            && self.nth_weekdays.is_empty()
            && self.week_nos.is_empty()
    }

    #[inline]
    pub(in crate::expand) fn month_ok(&self, month: u32) -> bool {
        self.months.is_none_or(|m| m.has(month))
    }

    /// The first day after `d`, which failed the filters, that could pass them: the next day, or the
    /// first day of the next allowed month when `d`'s month is not allowed.
    pub(in crate::expand) fn next_day_to_try(&self, d: NaiveDate) -> Option<NaiveDate> {
        if self.month_ok(d.month()) {
            return d.succ_opt();
        }
        let mut first = d.with_day(1)?;
        for _ in 0..12 {
            first = first.checked_add_months(chrono::Months::new(1))?;
            if self.month_ok(first.month()) {
                break;
            }
        }
        Some(first)
    }

    /// Whether `d` passes every day-level filter.
    pub(in crate::expand) fn matches(&self, d: NaiveDate) -> bool {
        self.month_ok(d.month()) && self.matches_in(&MonthFacts::containing(d), d.day())
    }

    /// The days of `month` that BYMONTHDAY and the weekdays of BYDAY leave to try, as bits `1..=len`:
    /// every day that passes [`DayFilter::matches_in`] and, for most rules, no other.
    pub(super) fn candidates(&self, month: &MonthFacts) -> u64 {
        let mut days = ((1u64 << month.len) - 1) << 1;
        if let Some((pos, neg)) = self.month_days {
            let from_end = neg
                .members(32)
                .filter(|&n| n <= month.len)
                .fold(0, |acc, n| acc | 1 << (month.len + 1 - n));
            days &= pos.0 | from_end;
        }
        if self.has_weekdays {
            /// Days 1, 8, 15, 22 and 29: a weekday's days when the month begins on it.
            const EVERY_SEVENTH: u64 = 0x1020_4081 << 1;
            let every = |acc, wd| acc | EVERY_SEVENTH << ((wd + 7 - month.first_weekday) % 7);
            let on = if self.nth_in_month {
                // An n-th weekday of the month is one day of it, or none.
                let nth = self.nth_weekdays.iter().fold(0, |acc, &(n, wd)| {
                    acc | nth_day(month, n, wd.days_from_monday() as u32)
                });
                self.weekdays.members(7).fold(nth, every)
            } else {
                Bits(self.weekdays.0 | self.nth_weekday_set.0)
                    .members(7)
                    .fold(0, every)
            };
            days &= on;
        }
        days
    }

    /// Whether day `day` (1-based) of `month`, a month [`DayFilter::month_ok`] allows, passes the
    /// other day-level filters: arithmetic on the month's facts, no date built.
    #[inline]
    pub(in crate::expand) fn matches_in(&self, month: &MonthFacts, day: u32) -> bool {
        if let Some((pos, neg)) = self.month_days {
            if !pos.has(day) && !neg.has(month.len + 1 - day) {
                return false;
            }
        }
        let ordinal = month.first_ordinal + day - 1;
        if !self.year_days.is_empty() {
            let len = month.year_len as i16;
            let yd = ordinal as i16;
            if !self.year_days.iter().any(|&n| n == yd || n == yd - len - 1) {
                return false;
            }
        }
        if self.has_weekdays && !self.weekday_matches(month, day, ordinal) {
            return false;
        }
        if !self.week_nos.is_empty() {
            let ce_day = month.first_day + i64::from(day) - 1 + EPOCH_CE_DAY;
            if !self.week_no_matches(month.year, ce_day as i32) {
                return false;
            }
        }
        true
    }

    fn weekday_matches(&self, month: &MonthFacts, day: u32, ordinal: u32) -> bool {
        let wd = (month.first_weekday + day - 1) % 7;
        if self.weekdays.has(wd) {
            return true;
        }
        if !self.nth_weekday_set.has(wd) {
            return false;
        }
        // The n-th such weekday from the start and from the end of the month (or year).
        let (index, len) = if self.nth_in_month {
            (day as i32, month.len as i32)
        } else {
            (ordinal as i32, month.year_len as i32)
        };
        let from_start = ((index - 1) / 7 + 1) as i8;
        let from_end = -(((len - index) / 7 + 1) as i8);
        self.nth_weekdays
            .iter()
            .any(|&(n, w)| w.days_from_monday() as u32 == wd && (n == from_start || n == from_end))
    }

    /// Whether the day `day` (days from the common era) of `year` is in a week BYWEEKNO names.
    fn week_no_matches(&self, year: i32, day: i32) -> bool {
        let facts = self.year_facts(year);
        // The week-numbering year a day belongs to may be the calendar year before or after.
        let (week1, next_week1) = if day < facts.week1 {
            (facts.prev_week1, facts.week1)
        } else if day >= facts.next_week1 {
            let after = self.week1_of(facts.year + 2);
            (facts.next_week1, after)
        } else {
            (facts.week1, facts.next_week1)
        };
        let week = ((day - week1) / 7 + 1) as i8;
        let weeks = ((next_week1 - week1) / 7) as i8;
        self.week_nos
            .iter()
            .any(|&n| n == week || n == week - weeks - 1)
    }

    fn year_facts(&self, year: i32) -> YearFacts {
        YearFacts {
            year,
            week1: self.week1_of(year),
            next_week1: self.week1_of(year + 1),
            prev_week1: self.week1_of(year - 1),
        }
    }

    /// The first day of week 1 of `year`: weeks begin on the week start, and week 1 is the first
    /// with at least four days in the year (RFC 5545 `BYWEEKNO`).
    fn week1_of(&self, year: i32) -> i32 {
        let jan1 = NaiveDate::from_ymd_opt(year, 1, 1).map_or(0, |d| d.num_days_from_ce());
        let jan1_wd = (jan1 - 1).rem_euclid(7); // day 1 of the common era was a Monday
        let offset = (jan1_wd - self.week_start.days_from_monday() as i32).rem_euclid(7);
        if offset <= 3 {
            jan1 - offset
        } else {
            jan1 + 7 - offset
        }
    }
}
