//! A rule bound to its start: missing BY-parts filled from the start as RFC 5545 says, every filter
//! in a form that is cheap to test, and the arithmetic that maps a period index to its dates.

use std::sync::OnceLock;

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, Timelike};

use crate::rule::{Frequency, Rule, Until, Weekday, Workday};

/// Seconds in each sub-daily unit.
pub(super) const HOUR: i64 = 3_600;
const MINUTE: i64 = 60;

/// Bit set of small numbers (hours, minutes, seconds, weekdays, month days).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Bits(u64);

impl Bits {
    const ALL: Bits = Bits(u64::MAX);

    fn of(values: impl IntoIterator<Item = u32>) -> Bits {
        Bits(values.into_iter().fold(0, |acc, v| acc | (1u64 << v)))
    }

    #[inline]
    pub(super) fn has(self, v: u32) -> bool {
        self.0 >> v & 1 == 1
    }

    /// Whether every number below `n` is in the set.
    fn covers(self, n: u32) -> bool {
        (0..n).all(|v| self.has(v))
    }

    /// The set's only member below `n`, if it has exactly one.
    fn single(self, n: u32) -> Option<u32> {
        let mut members = self.members(n);
        match (members.next(), members.next()) {
            (Some(v), None) => Some(v),
            _ => None,
        }
    }

    /// The members below `n` (at most 64), ascending.
    fn members(self, below: u32) -> impl Iterator<Item = u32> {
        let mut rest = if below >= 64 {
            self.0
        } else {
            self.0 & ((1 << below) - 1)
        };
        std::iter::from_fn(move || {
            let v = rest.trailing_zeros();
            rest &= rest.checked_sub(1)?;
            Some(v)
        })
    }
}

/// The day-level filters of a rule, tested one candidate day at a time.
#[derive(Debug, Clone)]
pub(super) struct DayFilter {
    /// Bit `m` for month `m` (1..=12); `None` when any month matches.
    months: Option<Bits>,
    /// Bit `d` for `BYMONTHDAY=d`; and bit `d` of `neg_month_days` for `BYMONTHDAY=-d`.
    month_days: Option<(Bits, Bits)>,
    year_days: Vec<i16>,
    /// Weekdays without an ordinal, bit 0 for Monday.
    weekdays: Bits,
    /// `(ordinal, weekday)` entries of `BYDAY`, for MONTHLY and YEARLY, and the weekdays they name.
    nth_weekdays: Vec<(i8, Weekday)>,
    nth_weekday_set: Bits,
    has_weekdays: bool,
    week_nos: Vec<i8>,
    week_start: Weekday,
    /// Whether ordinals count within the month (MONTHLY, or YEARLY with BYMONTH) or the year.
    nth_in_month: bool,
}

/// What the day filters need to know of a month, to test its days by arithmetic.
#[derive(Debug, Clone, Copy)]
pub(super) struct MonthFacts {
    year: i32,
    /// 1..=12.
    month: u32,
    len: u32,
    /// Days since 1970-01-01 of the month's first day.
    first_day: i64,
    /// The first day's weekday, 0 for Monday.
    first_weekday: u32,
    /// The first day's day of the year, 1-based.
    first_ordinal: u32,
    year_len: u32,
}

impl MonthFacts {
    /// The month that `d` lies in.
    fn containing(d: NaiveDate) -> MonthFacts {
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
    fn next(&self) -> MonthFacts {
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
    fn is_trivial(&self) -> bool {
        self.weekdays_only() && !self.has_weekdays
    }

    /// Whether plain weekdays (BYDAY without ordinals) are the only filter, if any.
    fn weekdays_only(&self) -> bool {
        self.months.is_none()
            && self.month_days.is_none()
            && self.year_days.is_empty()
            && self.nth_weekdays.is_empty()
            && self.week_nos.is_empty()
    }

    #[inline]
    pub(super) fn month_ok(&self, month: u32) -> bool {
        self.months.is_none_or(|m| m.has(month))
    }

    /// The first day after `d`, which failed the filters, that could pass them: the next day, or the
    /// first day of the next allowed month when `d`'s month is not allowed.
    pub(super) fn next_day_to_try(&self, d: NaiveDate) -> Option<NaiveDate> {
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
    pub(super) fn matches(&self, d: NaiveDate) -> bool {
        self.month_ok(d.month()) && self.matches_in(&MonthFacts::containing(d), d.day())
    }

    /// The days of `month` that BYMONTHDAY and the weekdays of BYDAY leave to try, as bits `1..=len`:
    /// every day that passes [`DayFilter::matches_in`] and, for most rules, no other.
    fn candidates(&self, month: &MonthFacts) -> u64 {
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
            let on = Bits(self.weekdays.0 | self.nth_weekday_set.0)
                .members(7)
                .fold(0, |acc, wd| {
                    acc | EVERY_SEVENTH << ((wd + 7 - month.first_weekday) % 7)
                });
            days &= on;
        }
        days
    }

    /// Whether day `day` (1-based) of `month`, a month [`DayFilter::month_ok`] allows, passes the
    /// other day-level filters: arithmetic on the month's facts, no date built.
    #[inline]
    pub(super) fn matches_in(&self, month: &MonthFacts, day: u32) -> bool {
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

/// A rule bound to its start, ready to be expanded period by period.
#[derive(Debug, Clone)]
pub(super) struct Plan {
    pub(super) freq: Frequency,
    pub(super) interval: i64,
    pub(super) start: NaiveDateTime,
    pub(super) days: DayFilter,
    pub(super) hours: Bits,
    pub(super) minutes: Bits,
    pub(super) seconds: Bits,
    /// Every time of day a day-based period expands to, as seconds from midnight, ascending.
    pub(super) times: Vec<i64>,
    /// The start as wall-clock seconds (see [`wall`]).
    pub(super) start_wall: i64,
    /// The last wall-clock second `UNTIL` allows (a date-only `UNTIL` allows its whole day).
    pub(super) until_wall: Option<i64>,
    /// The last instant `UNTIL=...Z` allows, in Unix seconds.
    pub(super) until_utc: Option<i64>,
    pub(super) set_pos: Vec<i32>,
    pub(super) skip_weekends: bool,
    pub(super) skip_holidays: bool,
    pub(super) workday: Option<Workday>,
    pub(super) count: Option<u32>,
    /// Day number of the first day of period 0 (the start's day, week, month or year).
    origin_day: i64,
    /// Month index (`year * 12 + month0`) of the start.
    origin_month: i64,
    /// The start truncated to the frequency's unit, for sub-daily rules.
    origin_time: NaiveDateTime,
    /// For sub-daily rules, which periods BYHOUR, BYMINUTE and BYSECOND let through; made when
    /// first needed (counting occurrences in bulk, or jumping over periods they refuse).
    allowed: OnceLock<Option<AllowedPeriods>>,
}

/// The candidates of a [`Plan::stride`] rule: period `k`'s is `first + k * step` (wall-clock
/// seconds), `offset` seconds after the period's start.
#[derive(Debug, Clone, Copy)]
pub(super) struct Stride {
    pub(super) first: i64,
    pub(super) step: i64,
    pub(super) offset: i64,
}

/// Which periods of a sub-daily rule begin at a time of day its BYHOUR, BYMINUTE and BYSECOND allow.
///
/// Period `k` begins at the origin's time of day plus `k` times the period length, modulo a day, so
/// the answer repeats every `cycle = 86,400 / gcd(length, 86,400)` periods (at most 86,400).
#[derive(Debug, Clone)]
struct AllowedPeriods {
    cycle: i64,
    /// The allowed periods of one cycle (`0..cycle`), ascending.
    indices: Vec<u32>,
    /// Candidates in each allowed period: the BYMINUTE x BYSECOND times of an hourly period, the
    /// BYSECOND seconds of a minutely one, 1 for a secondly one.
    weight: u64,
}

impl AllowedPeriods {
    /// How many periods of `0..n` are allowed.
    fn below(&self, n: i64) -> Option<u64> {
        let full = u64::try_from(n.div_euclid(self.cycle)).ok()?;
        let rest = n.rem_euclid(self.cycle);
        let partial = self.indices.partition_point(|&i| i64::from(i) < rest) as u64;
        full.checked_mul(self.indices.len() as u64)?
            .checked_add(partial)
    }

    /// The first allowed period at or after `k`; `None` when no period is ever allowed.
    fn next_from(&self, k: i64) -> Option<i64> {
        let rest = k.rem_euclid(self.cycle);
        let base = k - rest;
        let i = self.indices.partition_point(|&i| i64::from(i) < rest);
        match self.indices.get(i) {
            Some(&j) => Some(base + i64::from(j)),
            None => Some(base + self.cycle + i64::from(*self.indices.first()?)),
        }
    }
}

impl Plan {
    pub(super) fn new(rule: &Rule, start: NaiveDateTime, all_day: bool) -> Plan {
        let freq = rule.freq;
        let no_day_parts = rule.by_week_no.is_empty()
            && rule.by_year_day.is_empty()
            && rule.by_month_day.is_empty()
            && rule.by_day.is_empty();
        // RFC 5545: without day parts, a YEARLY rule takes the start's month and day, a MONTHLY one
        // the start's day, a WEEKLY one the start's weekday.
        let implied = |f: Frequency| no_day_parts && freq == f;
        let mut months = Bits::of(rule.by_month.iter().map(|&m| u32::from(m)));
        if implied(Frequency::Yearly) && rule.by_month.is_empty() {
            months = Bits::of([start.month()]);
        }
        let mut month_days = (
            Bits::of(
                rule.by_month_day
                    .iter()
                    .filter(|&&d| d > 0)
                    .map(|&d| d as u32),
            ),
            Bits::of(
                rule.by_month_day
                    .iter()
                    .filter(|&&d| d < 0)
                    .map(|&d| d.unsigned_abs().into()),
            ),
        );
        if implied(Frequency::Yearly) || implied(Frequency::Monthly) {
            month_days.0 = Bits::of([start.day()]);
        }
        let allows_ordinals = matches!(freq, Frequency::Monthly | Frequency::Yearly);
        let mut weekdays = Bits::of(
            rule.by_day
                .iter()
                .filter(|w| w.ordinal.is_none() || !allows_ordinals)
                .map(|w| w.weekday.days_from_monday() as u32),
        );
        if implied(Frequency::Weekly) {
            weekdays = Bits::of([start.weekday().num_days_from_monday()]);
        }
        let nth_weekdays: Vec<(i8, Weekday)> = if allows_ordinals {
            rule.by_day
                .iter()
                .filter_map(|w| w.ordinal.map(|n| (n, w.weekday)))
                .collect()
        } else {
            Vec::new()
        };
        let days = DayFilter {
            months: (months != Bits(0)).then_some(months),
            month_days: (month_days != (Bits(0), Bits(0))).then_some(month_days),
            year_days: rule.by_year_day.clone(),
            weekdays,
            nth_weekday_set: Bits::of(
                nth_weekdays
                    .iter()
                    .map(|(_, w)| u32::from(w.days_from_monday())),
            ),
            nth_weekdays,
            has_weekdays: weekdays != Bits(0) || !rule.by_day.is_empty(),
            week_nos: rule.by_week_no.clone(),
            week_start: rule.week_start,
            nth_in_month: freq == Frequency::Monthly || !rule.by_month.is_empty(),
        };

        // A unit at or above the frequency's own is a filter that lets everything through when absent;
        // a unit below it takes the start's value when absent. All-day series live at midnight.
        let unit = |by: &[u8], own: Frequency, of_start: u32| {
            if all_day {
                Bits::of([0])
            } else if !by.is_empty() {
                Bits::of(by.iter().map(|&v| v as u32))
            } else if freq <= own {
                Bits::ALL
            } else {
                Bits::of([of_start])
            }
        };
        let hours = unit(&rule.by_hour, Frequency::Hourly, start.hour());
        let minutes = unit(&rule.by_minute, Frequency::Minutely, start.minute());
        let seconds = unit(&rule.by_second, Frequency::Secondly, start.second());
        let times = if freq >= Frequency::Daily {
            hours
                .members(24)
                .flat_map(|h| {
                    minutes.members(60).flat_map(move |m| {
                        seconds
                            .members(60)
                            .map(move |s| i64::from(h * 3_600 + m * 60 + s))
                    })
                })
                .collect()
        } else {
            Vec::new()
        };

        let start_day = i64::from(start.date().num_days_from_ce());
        let origin_day = match freq {
            Frequency::Yearly => i64::from(
                NaiveDate::from_ymd_opt(start.year(), 1, 1).map_or(0, |d| d.num_days_from_ce()),
            ),
            Frequency::Monthly => start_day - i64::from(start.day0()),
            Frequency::Weekly => {
                let wd = i64::from(start.weekday().num_days_from_monday());
                start_day - (wd - i64::from(rule.week_start.days_from_monday())).rem_euclid(7)
            }
            _ => start_day,
        };
        let origin_time = match freq {
            Frequency::Hourly => start.with_minute(0).and_then(|t| t.with_second(0)),
            Frequency::Minutely => start.with_second(0),
            _ => Some(start),
        }
        .unwrap_or(start);
        Plan {
            freq,
            interval: i64::from(rule.interval),
            start,
            days,
            hours,
            minutes,
            seconds,
            times,
            start_wall: wall(start),
            until_wall: match rule.until {
                Some(Until::Date(d)) => Some(epoch_day(d) * DAY + DAY - 1),
                Some(Until::Local(t)) => Some(wall(t)),
                _ => None,
            },
            until_utc: match rule.until {
                Some(Until::Utc(t)) => Some(wall(t)),
                _ => None,
            },
            set_pos: rule.by_set_pos.clone(),
            skip_weekends: rule.skip.weekends,
            skip_holidays: rule.skip.holidays,
            workday: rule.workday,
            count: rule.count,
            origin_day,
            origin_month: i64::from(start.year()) * 12 + i64::from(start.month0()),
            origin_time: origin_time.with_nanosecond(0).unwrap_or(origin_time),
            allowed: OnceLock::new(),
        }
    }

    /// How many candidates the sub-daily periods `lo..=hi` hold, their days' filters aside: periods
    /// whose time of day BYHOUR, BYMINUTE and BYSECOND allow, times the candidates each holds. `None`
    /// for day-based rules, a negative `lo`, or a count beyond `u64`.
    pub(super) fn allowed_between(&self, lo: i64, hi: i64) -> Option<u64> {
        if self.freq >= Frequency::Daily || lo < 0 {
            return None;
        }
        if hi < lo {
            return Some(0);
        }
        let a = self.allowed_periods()?;
        a.below(hi.checked_add(1)?)?
            .checked_sub(a.below(lo)?)?
            .checked_mul(a.weight)
    }

    /// The first sub-daily period at or after `k` whose time of day BYHOUR, BYMINUTE and BYSECOND
    /// allow, found by arithmetic however many periods lie between; `None` for day-based rules and
    /// a grid that never meets an allowed time.
    pub(super) fn next_allowed_period(&self, k: i64) -> Option<i64> {
        if self.freq >= Frequency::Daily {
            return None;
        }
        self.allowed_periods()?.next_from(k)
    }

    fn allowed_periods(&self) -> Option<&AllowedPeriods> {
        self.allowed
            .get_or_init(|| self.find_allowed_periods())
            .as_ref()
    }

    /// Works out [`AllowedPeriods`]: from the allowed times of day when they are fewer than the
    /// periods of a cycle (each maps to at most one period by a modular inverse), otherwise by
    /// testing each period of the cycle.
    fn find_allowed_periods(&self) -> Option<AllowedPeriods> {
        let length = i64::try_from(i128::from(self.interval) * i128::from(self.unit_seconds()))
            .ok()?
            .rem_euclid(DAY);
        let g = i64::try_from(gcd(i128::from(length), i128::from(DAY))).ok()?;
        let cycle = DAY / g;
        let origin = i64::from(self.origin_time.num_seconds_from_midnight());
        let count = |b: Bits, below: u32| b.members(below).count() as u64;
        let (minutes, seconds) = (count(self.minutes, 60), count(self.seconds, 60));
        let weight = match self.freq {
            Frequency::Hourly => minutes * seconds,
            Frequency::Minutely => seconds,
            _ => 1,
        };
        let times = count(self.hours, 24)
            * match self.freq {
                Frequency::Hourly => 1,
                Frequency::Minutely => minutes,
                _ => minutes * seconds,
            };
        let mut indices: Vec<u32> = if times < cycle as u64 {
            // Period `j` begins at `origin + j * length` (mod a day): a time of day `t` is met by
            // `j = (t - origin) / g * inverse(length / g) mod cycle` when `g` divides `t - origin`.
            let inverse = modular_inverse(length / g, cycle)?;
            self.allowed_times_of_day()
                .filter(|t| (t - origin).rem_euclid(g) == 0)
                .filter_map(|t| {
                    let j = i128::from((t - origin).rem_euclid(DAY) / g) * i128::from(inverse);
                    u32::try_from(j.rem_euclid(i128::from(cycle))).ok()
                })
                .collect()
        } else {
            (0..cycle)
                .filter(|&j| self.time_of_day_allowed((origin + j * length).rem_euclid(DAY)))
                .filter_map(|j| u32::try_from(j).ok())
                .collect()
        };
        indices.sort_unstable();
        Some(AllowedPeriods {
            cycle,
            indices,
            weight,
        })
    }

    /// The times of day (seconds from midnight) a sub-daily period may begin at: every allowed hour
    /// (HOURLY), hour and minute (MINUTELY), or hour, minute and second (SECONDLY).
    fn allowed_times_of_day(&self) -> impl Iterator<Item = i64> + '_ {
        // A period begins at a whole hour (HOURLY) or minute (MINUTELY).
        let zero = Bits(1);
        let (minutes, seconds) = match self.freq {
            Frequency::Hourly => (zero, zero),
            Frequency::Minutely => (self.minutes, zero),
            _ => (self.minutes, self.seconds),
        };
        self.hours.members(24).flat_map(move |h| {
            minutes.members(60).flat_map(move |m| {
                seconds
                    .members(60)
                    .map(move |s| i64::from(h) * HOUR + i64::from(m) * MINUTE + i64::from(s))
            })
        })
    }

    /// Whether a sub-daily period beginning at second `tod` of the day passes BYHOUR, BYMINUTE (below
    /// HOURLY) and BYSECOND (SECONDLY).
    pub(super) fn time_of_day_allowed(&self, tod: i64) -> bool {
        let (h, m, s) = (
            (tod / 3_600) as u32,
            (tod / 60 % 60) as u32,
            (tod % 60) as u32,
        );
        self.hours.has(h)
            && (self.freq == Frequency::Hourly || self.minutes.has(m))
            && (self.freq != Frequency::Secondly || self.seconds.has(s))
    }

    /// Whether the day filters let every day through (DAILY and sub-daily fast paths).
    pub(super) fn every_day(&self) -> bool {
        self.days.is_trivial()
    }

    /// How many candidates every period has, when that is the same for every period: then the
    /// occurrences before period `k` can be counted by multiplication. `None` when periods differ
    /// (months, years, day filters, BYSETPOS, TT_SKIP, TT_WORKDAY).
    pub(super) fn per_period(&self) -> Option<u64> {
        if self.skip_weekends || self.skip_holidays || self.workday.is_some() {
            return None;
        }
        if !self.set_pos.is_empty() {
            return None;
        }
        let weekdays_only = self.days.weekdays_only();
        let count = |b: Bits, below: u32| b.members(below).count() as u64;
        let all = |b: Bits| b == Bits::ALL;
        let times = self.times.len() as u64;
        match self.freq {
            Frequency::Daily if self.every_day() => Some(times),
            Frequency::Weekly if weekdays_only => {
                Some(u64::from(self.days.weekdays.0.count_ones()) * times)
            }
            Frequency::Hourly if self.every_day() && all(self.hours) => {
                Some(count(self.minutes, 60) * count(self.seconds, 60))
            }
            Frequency::Minutely if self.every_day() && all(self.hours) && all(self.minutes) => {
                Some(count(self.seconds, 60))
            }
            Frequency::Secondly
                if self.every_day()
                    && all(self.hours)
                    && all(self.minutes)
                    && all(self.seconds) =>
            {
                Some(1)
            }
            _ => None,
        }
    }

    /// Whether the candidates of a run of periods are counted by [`Plan::allowed_between`] alone: a
    /// sub-daily rule with no day filter, TT_SKIP, TT_WORKDAY or BYSETPOS, whose periods each hold
    /// the same candidates when their time of day is allowed (exDates aside).
    pub(super) fn counts_by_time_of_day(&self) -> bool {
        self.freq < Frequency::Daily
            && self.every_day()
            && !self.skip_weekends
            && !self.skip_holidays
            && self.workday.is_none()
            && self.set_pos.is_empty()
    }

    /// The candidates as an arithmetic progression, when every period holds exactly one candidate
    /// at the same offset from the period's start and no filter thins the periods themselves: DAILY
    /// with no day filter and one time of day, WEEKLY on one weekday at one time, sub-daily rules
    /// with one candidate per period and no day, hour (or minute, second) filter. TickTick's own
    /// schedules are nearly all of this kind, and the walk steps them by addition
    /// ([`Cursor`](super::cursor::Cursor)).
    ///
    /// Not with BYSETPOS or TT_WORKDAY, nor with TT_SKIP=WEEKEND when the step is whole weeks (the
    /// general walk then proves when every candidate falls on a weekend).
    pub(super) fn stride(&self) -> Option<Stride> {
        if !self.set_pos.is_empty() || self.workday.is_some() {
            return None;
        }
        let one_time = || match self.times[..] {
            [time] => Some(time),
            _ => None,
        };
        let all_day_long = |units: &[(Bits, u32)]| units.iter().all(|&(b, n)| b.covers(n));
        let origin_day = self.origin_day - EPOCH_CE_DAY;
        let (offset, step) = match self.freq {
            Frequency::Yearly | Frequency::Monthly => return None,
            Frequency::Weekly => {
                let d = &self.days;
                let weekday = d.weekdays.single(7).filter(|_| d.weekdays_only())?;
                let from_week_start =
                    (i64::from(weekday) - i64::from(d.week_start.days_from_monday())).rem_euclid(7);
                (from_week_start * DAY + one_time()?, 7 * self.interval * DAY)
            }
            Frequency::Daily if self.every_day() => (one_time()?, self.interval * DAY),
            Frequency::Daily => return None,
            _ if !self.every_day() => return None,
            Frequency::Hourly if all_day_long(&[(self.hours, 24)]) => {
                let minute = self.minutes.single(60)?;
                let second = self.seconds.single(60)?;
                (i64::from(minute * 60 + second), self.interval * HOUR)
            }
            Frequency::Minutely if all_day_long(&[(self.hours, 24), (self.minutes, 60)]) => {
                (i64::from(self.seconds.single(60)?), self.interval * MINUTE)
            }
            Frequency::Secondly
                if all_day_long(&[(self.hours, 24), (self.minutes, 60), (self.seconds, 60)]) =>
            {
                (0, self.interval)
            }
            _ => return None,
        };
        if self.skip_weekends && step % (7 * DAY) == 0 {
            return None;
        }
        let origin = if self.freq >= Frequency::Daily {
            origin_day * DAY
        } else {
            wall(self.origin_time)
        };
        Some(Stride {
            first: origin + offset,
            step,
            offset,
        })
    }

    /// For the day-based rules [`Plan::per_period`] counts: how many candidates period 0 holds at or
    /// after the start, by arithmetic (a week of every second holds 604,800).
    pub(super) fn in_first_period(&self) -> Option<u64> {
        let start_day = i64::from(self.start.date().num_days_from_ce());
        let time = i64::from(self.start.num_seconds_from_midnight());
        let per_day = self.times.len() as u64;
        let later_on_start_day = per_day - self.times.partition_point(|&t| t < time) as u64;
        match self.freq {
            Frequency::Daily => Some(later_on_start_day),
            Frequency::Weekly => Some(
                (self.origin_day..self.origin_day + 7)
                    .filter(|&d| self.days.weekdays.has((d - 1).rem_euclid(7) as u32))
                    .map(|d| match d.cmp(&start_day) {
                        std::cmp::Ordering::Less => 0,
                        std::cmp::Ordering::Equal => later_on_start_day,
                        std::cmp::Ordering::Greater => per_day,
                    })
                    .sum(),
            ),
            _ => None,
        }
    }

    /// How long a walk may go without a candidate before the rule provably never produces one again,
    /// in seconds.
    ///
    /// The Gregorian calendar, weekdays included, repeats every 400 years: 146,097 days, 4,800
    /// months. Periods `INTERVAL` apart meet every phase of that cycle they will ever meet within
    /// `lcm(INTERVAL, cycle)` of it, so nothing found by then means nothing ever.
    pub(super) fn cycle_seconds(&self) -> i64 {
        const DAYS: i128 = 146_097;
        const SECONDS: i128 = DAYS * DAY as i128;
        let n = i128::from(self.interval);
        let seconds = match self.freq {
            Frequency::Yearly => lcm(n, 400) / 400 * SECONDS,
            Frequency::Monthly => lcm(n, 4_800) / 4_800 * SECONDS,
            Frequency::Weekly => lcm(7 * n, DAYS) * DAY as i128,
            Frequency::Daily => lcm(n, DAYS) * DAY as i128,
            _ => lcm(n * i128::from(self.unit_seconds()), SECONDS),
        };
        i64::try_from(seconds).unwrap_or(i64::MAX)
    }

    /// Whether some BYSETPOS position can exist: a period holds at most (days in the longest period) x
    /// (times of day) candidates, one for a SECONDLY rule, so `BYSETPOS=3` on a one-candidate period
    /// selects nothing, ever.
    pub(super) fn set_pos_reachable(&self) -> bool {
        if self.set_pos.is_empty() {
            return true;
        }
        let count = |b: Bits, below: u32| b.members(below).count() as i64;
        let most = match self.freq {
            Frequency::Yearly => 366 * self.times.len() as i64,
            Frequency::Monthly => 31 * self.times.len() as i64,
            Frequency::Weekly => 7 * self.times.len() as i64,
            Frequency::Daily => self.times.len() as i64,
            Frequency::Hourly => count(self.minutes, 60) * count(self.seconds, 60),
            Frequency::Minutely => count(self.seconds, 60),
            Frequency::Secondly => 1,
        };
        self.set_pos.iter().any(|&p| i64::from(p).abs() <= most)
    }

    /// Whether some period of a DAILY or sub-daily rule begins on a day its day filters (and
    /// TT_SKIP=WEEKEND) allow, at a time of day BYHOUR, BYMINUTE and BYSECOND allow: `false` means
    /// the rule never produces a candidate. Other frequencies are left to the walk (`true`).
    ///
    /// Periods begin on the grid `origin + k * L` of wall-clock seconds (`L` is `INTERVAL` units),
    /// and the filters repeat every 146,097 days (400 Gregorian years, 20,871 whole weeks). Over
    /// `k >= 0` the grid meets, in every such cycle, exactly the seconds congruent to the origin
    /// modulo `g = gcd(L, 146,097 days)`. On day `e` (days since 1970-01-01) those are the times of
    /// day congruent to `origin - e * DAY` modulo `g`, which depend on `e` only modulo
    /// `q = g / gcd(g, DAY)`, a divisor of 146,097. So one pass over `lcm(q, p)` days, `p` being
    /// the filters' own period (1 day with no day filter, 7 for weekday filters or TT_SKIP=WEEKEND
    /// alone, else 146,097), trying each allowed day's class of times once, decides it exactly: a
    /// 7-hour grid from a Thursday midnight, say, meets 00:00 only on Thursdays. (As for the walk
    /// that probes a new series, no holiday calendar applies yet: Saturdays and Sundays are
    /// weekend days.)
    pub(super) fn grid_reachable(&self) -> bool {
        const CYCLE_DAYS: i64 = 146_097;
        let unit = match self.freq {
            // Every period is a day the filters allow.
            Frequency::Daily if self.every_day() && !self.skip_weekends => return true,
            Frequency::Daily => DAY,
            f if f < Frequency::Daily => self.unit_seconds(),
            _ => return true,
        };
        let d = &self.days;
        let weekdays_only = d.weekdays_only();
        let filter_days = if self.every_day() && !self.skip_weekends {
            1
        } else if weekdays_only {
            7
        } else {
            CYCLE_DAYS
        };
        let period = i128::from(self.interval) * i128::from(unit);
        let Ok(g) = i64::try_from(gcd(period, i128::from(CYCLE_DAYS * DAY))) else {
            return true;
        };
        let q = g / gcd(i128::from(g), i128::from(DAY)) as i64;
        let days = lcm(i128::from(q), i128::from(filter_days)) as i64;
        let origin = if self.freq == Frequency::Daily {
            (self.origin_day - EPOCH_CE_DAY) * DAY
        } else {
            wall(self.origin_time)
        };
        // Which classes of days (`e mod q`) meet an allowed time, worked out once each. With
        // `g >= DAY` a day meets one time at most, checked directly.
        let mut classes: Vec<Option<bool>> = if g < DAY {
            vec![None; usize::try_from(q).unwrap_or(0)]
        } else {
            Vec::new()
        };
        let first = epoch_day(self.start.date());
        let mut e = first;
        while e < first + days {
            let c = (origin - e * DAY).rem_euclid(g);
            let meets = match usize::try_from((e - first).rem_euclid(q))
                .ok()
                .and_then(|i| classes.get_mut(i))
            {
                Some(known) => *known.get_or_insert_with(|| self.grid_meets_a_time(c, g)),
                None => c < DAY && self.period_start_allowed(c),
            };
            let weekend = self.skip_weekends && (e + 3).rem_euclid(7) >= 5;
            if !meets || weekend {
                e += 1;
                continue;
            }
            let Some(date) = date_of(e) else {
                return true;
            };
            if d.matches(date) {
                return true;
            }
            // Past the rest of a month BYMONTH leaves out.
            e = d
                .next_day_to_try(date)
                .map_or(e + 1, |next| epoch_day(next).max(e + 1));
        }
        false
    }

    /// Whether a period may begin at second `tod` of a day (DAILY periods begin at midnight).
    fn period_start_allowed(&self, tod: i64) -> bool {
        if self.freq == Frequency::Daily {
            tod == 0
        } else {
            self.time_of_day_allowed(tod)
        }
    }

    /// Whether some second of the day congruent to `c` modulo `g` (below a day) may begin a period:
    /// the allowed hours, then their allowed minutes and seconds, each level going straight to the
    /// grid's points.
    fn grid_meets_a_time(&self, c: i64, g: i64) -> bool {
        let on_grid = |t: i64| (t - c).rem_euclid(g) == 0;
        if self.freq == Frequency::Daily {
            return on_grid(0);
        }
        for h in self.hours.members(24) {
            let hour = i64::from(h) * HOUR;
            if self.freq == Frequency::Hourly {
                if on_grid(hour) {
                    return true;
                }
                continue;
            }
            for m in self.minutes.members(60) {
                let minute = hour + i64::from(m) * MINUTE;
                let found = match self.freq {
                    Frequency::Minutely => on_grid(minute),
                    _ if g >= MINUTE => {
                        let s = (c - minute).rem_euclid(g);
                        s < MINUTE && self.seconds.has(s as u32)
                    }
                    _ => self
                        .seconds
                        .members(60)
                        .any(|s| on_grid(minute + i64::from(s))),
                };
                if found {
                    return true;
                }
            }
        }
        false
    }

    /// Seconds in one period of a sub-daily rule.
    pub(super) fn unit_seconds(&self) -> i64 {
        match self.freq {
            Frequency::Hourly => HOUR,
            Frequency::Minutely => MINUTE,
            _ => 1,
        }
    }

    /// The index of the period containing wall-clock time `t` (negative before the start's period).
    pub(super) fn period_of(&self, t: NaiveDateTime) -> i64 {
        let day = i64::from(t.date().num_days_from_ce());
        let units = match self.freq {
            Frequency::Yearly => i64::from(t.year()) - i64::from(self.start.year()),
            Frequency::Monthly => {
                i64::from(t.year()) * 12 + i64::from(t.month0()) - self.origin_month
            }
            Frequency::Weekly => (day - self.origin_day).div_euclid(7),
            Frequency::Daily => day - self.origin_day,
            _ => (t - self.origin_time)
                .num_seconds()
                .div_euclid(self.unit_seconds()),
        };
        units.div_euclid(self.interval)
    }

    /// The first period that begins at or after wall-clock time `t`.
    pub(super) fn first_period_from(&self, t: NaiveDateTime) -> i64 {
        let k = self.period_of(t);
        if self.period_start(k).is_some_and(|s| s < t) {
            k + 1
        } else {
            k
        }
    }

    /// The wall-clock time period `k` begins at; `None` beyond the calendar's range.
    pub(super) fn period_start(&self, k: i64) -> Option<NaiveDateTime> {
        let step = k.checked_mul(self.interval)?;
        match self.freq {
            Frequency::Yearly => {
                let year = i32::try_from(i64::from(self.start.year()).checked_add(step)?).ok()?;
                NaiveDate::from_ymd_opt(year, 1, 1).map(midnight)
            }
            Frequency::Monthly => {
                let m = self.origin_month.checked_add(step)?;
                let year = i32::try_from(m.div_euclid(12)).ok()?;
                NaiveDate::from_ymd_opt(year, m.rem_euclid(12) as u32 + 1, 1).map(midnight)
            }
            Frequency::Weekly => {
                day(self.origin_day.checked_add(step.checked_mul(7)?)?).map(midnight)
            }
            Frequency::Daily => day(self.origin_day.checked_add(step)?).map(midnight),
            _ => {
                let secs = step.checked_mul(self.unit_seconds())?;
                self.origin_time
                    .checked_add_signed(chrono::TimeDelta::try_seconds(secs)?)
            }
        }
    }

    /// The calendar days of the day-based period that begins on `first`, ascending, into `out`
    /// (for TT_WORKDAY, which consults the holiday calendar day by day).
    pub(super) fn period_days(&self, first: NaiveDate, out: &mut Vec<NaiveDate>) {
        out.clear();
        match self.freq {
            Frequency::Yearly => {
                let year = first.year();
                if self.days.months.is_some() {
                    for month in 1..=12 {
                        if let Some(d) = NaiveDate::from_ymd_opt(year, month, 1)
                            .filter(|_| self.days.month_ok(month))
                        {
                            push_days(out, d, days_in_month(year, month));
                        }
                    }
                } else {
                    push_days(out, first, days_in_year(year) as u32);
                }
            }
            Frequency::Monthly => {
                if self.days.month_ok(first.month()) {
                    push_days(out, first, days_in_month(first.year(), first.month()));
                }
            }
            Frequency::Weekly => push_days(out, first, 7),
            _ => out.push(first),
        }
    }

    /// The days of the day-based period that begins on `first` which pass the day filters, ascending,
    /// appended to `out` as days since 1970-01-01; and how many days the period has (in the months
    /// BYMONTH allows): the same days [`Plan::period_days`] lists, tested month by month by
    /// arithmetic.
    pub(super) fn matching_days(&self, first: NaiveDate, out: &mut Vec<i64>) -> u64 {
        let mut month = MonthFacts::containing(first);
        let days = &self.days;
        let push_month = |month: &MonthFacts, from: u32, to: u32, out: &mut Vec<i64>| {
            // Days `from..=to`, of those the cheap filters leave.
            let mut left = days.candidates(month) & (((1u64 << (to + 1 - from)) - 1) << from);
            while left != 0 {
                let day = left.trailing_zeros();
                left &= left - 1;
                let n = month.first_day + i64::from(day) - 1;
                if in_calendar(n) && days.matches_in(month, day) {
                    out.push(n);
                }
            }
        };
        match self.freq {
            Frequency::Yearly => {
                let mut examined = 0;
                loop {
                    if days.month_ok(month.month) {
                        push_month(&month, 1, month.len, out);
                        examined += u64::from(month.len);
                    }
                    if month.month == 12 {
                        return examined;
                    }
                    month = month.next();
                }
            }
            Frequency::Monthly => {
                if !days.month_ok(month.month) {
                    return 0;
                }
                push_month(&month, 1, month.len, out);
                u64::from(month.len)
            }
            Frequency::Weekly => {
                // Seven days from `first`, into the next month when the week straddles two, stopping
                // at the calendar's last day.
                let from = first.day();
                let to = (from + 6).min(month.len);
                if days.month_ok(month.month) {
                    push_month(&month, from, to, out);
                }
                let rest = from + 6 - to;
                if rest > 0 {
                    month = month.next();
                    if days.month_ok(month.month) {
                        push_month(&month, 1, rest, out);
                    }
                }
                let last = epoch_day(first) + 6;
                7 - (last - LAST_DAY).clamp(0, 7) as u64
            }
            _ => {
                if days.matches(first) {
                    out.push(epoch_day(first));
                }
                1
            }
        }
    }
}

/// Seconds in a day.
pub(super) const DAY: i64 = 86_400;
/// `num_days_from_ce` of 1970-01-01.
const EPOCH_CE_DAY: i64 = 719_163;
/// Days since 1970-01-01 of chrono's first and last dates (-262143-01-01 and +262142-12-31).
const FIRST_DAY: i64 = -96_465_292;
const LAST_DAY: i64 = 95_026_236;
/// The wall-clock seconds of chrono's calendar: those whose day [`in_calendar`] accepts.
pub(super) const CALENDAR: std::ops::Range<i64> = FIRST_DAY * DAY..(LAST_DAY + 1) * DAY;

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
    len: i64,
}

impl Dates {
    pub(super) fn new() -> Dates {
        Dates {
            jan1: NaiveDate::default(),
            first: 0,
            len: 365,
        }
    }

    /// The date `n` days after 1970-01-01; `None` beyond chrono's calendar.
    #[inline]
    pub(super) fn date(&mut self, n: i64) -> Option<NaiveDate> {
        let offset = n.wrapping_sub(self.first);
        if (0..self.len).contains(&offset) {
            // Below 366, so the ordinal fits.
            return self.jan1.with_ordinal(offset as u32 + 1);
        }
        self.change_year(n)
    }

    fn change_year(&mut self, n: i64) -> Option<NaiveDate> {
        let (year, ordinal) = year_and_ordinal(n)?;
        let date = NaiveDate::from_yo_opt(year, ordinal)?;
        self.jan1 = date.with_ordinal(1)?;
        self.first = n - i64::from(ordinal) + 1;
        self.len = i64::from(days_in_year(year));
        Some(date)
    }
}

/// Whether day `n` (days since 1970-01-01) lies within the calendar's range: the same answer as
/// `date_of(n).is_some()`, without building the date.
pub(super) fn in_calendar(n: i64) -> bool {
    (FIRST_DAY..=LAST_DAY).contains(&n)
}

fn gcd(mut a: i128, mut b: i128) -> i128 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a.abs().max(1)
}

/// The inverse of `a` modulo `m` (`a` and `m` coprime, `m >= 1`).
fn modular_inverse(a: i64, m: i64) -> Option<i64> {
    let (mut old_r, mut r) = (i128::from(a).rem_euclid(i128::from(m)), i128::from(m));
    let (mut old_s, mut s) = (1i128, 0i128);
    while r != 0 {
        let q = old_r / r;
        (old_r, r) = (r, old_r - q * r);
        (old_s, s) = (s, old_s - q * s);
    }
    if m == 1 {
        return Some(0);
    }
    (old_r == 1).then(|| i64::try_from(old_s.rem_euclid(i128::from(m))).ok())?
}

fn lcm(a: i128, b: i128) -> i128 {
    a / gcd(a, b) * b
}

/// Pushes `first` and the `n - 1` days after it, stopping at the calendar's last day. (chrono's
/// `iter_days` never yields that last day itself.)
fn push_days(out: &mut Vec<NaiveDate>, first: NaiveDate, n: u32) {
    let mut day = Some(first);
    for _ in 0..n {
        let Some(d) = day else { break };
        out.push(d);
        day = d.succ_opt();
    }
}

fn midnight(d: NaiveDate) -> NaiveDateTime {
    d.and_time(NaiveTime::MIN)
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

    #[cfg(not(target_arch = "wasm32"))]
    mod props {
        use proptest::prelude::*;

        use super::*;
        use crate::{Recurrence, RepeatFlag};

        /// YEARLY, MONTHLY and WEEKLY rules with every kind of day filter.
        fn day_rule() -> impl Strategy<Value = String> {
            let freq = prop::sample::select(vec!["YEARLY", "MONTHLY", "WEEKLY"]);
            let part = prop_oneof![
                proptest::sample::subsequence((1u32..=12).collect::<Vec<_>>(), 1..4)
                    .prop_map(|m| format!(";BYMONTH={}", join(&m))),
                proptest::sample::subsequence(
                    (-31i32..=31).filter(|&d| d != 0).collect::<Vec<_>>(),
                    1..4
                )
                .prop_map(|d| format!(";BYMONTHDAY={}", join(&d))),
                proptest::sample::subsequence(
                    (-366i32..=366).filter(|&d| d != 0).collect::<Vec<_>>(),
                    1..4
                )
                .prop_map(|d| format!(";BYYEARDAY={}", join(&d))),
                proptest::sample::subsequence(
                    (-53i32..=53).filter(|&d| d != 0).collect::<Vec<_>>(),
                    1..4
                )
                .prop_map(|d| format!(";BYWEEKNO={}", join(&d))),
                proptest::sample::subsequence(vec!["MO", "TU", "WE", "TH", "FR", "SA", "SU"], 1..3)
                    .prop_map(|d| format!(";BYDAY={}", d.join(","))),
                (
                    (-5i32..=5).prop_filter("nonzero", |&n| n != 0),
                    prop::sample::select(vec!["MO", "FR", "SU"])
                )
                    .prop_map(|(n, d)| format!(";BYDAY={n}{d}")),
                prop::sample::select(vec!["MO", "TH", "SU"]).prop_map(|d| format!(";WKST={d}")),
            ];
            (freq, proptest::collection::vec(part, 0..3))
                .prop_map(|(freq, parts)| with_parts(format!("RRULE:FREQ={freq}"), parts))
        }

        /// DAILY and sub-daily rules with weekday, hour, minute and second filters and
        /// TT_SKIP=WEEKEND, with intervals that make sparse grids.
        fn grid_rule() -> impl Strategy<Value = String> {
            let freq = prop::sample::select(vec!["DAILY", "HOURLY", "MINUTELY", "SECONDLY"]);
            let interval = prop_oneof![
                1u32..30,
                prop::sample::select(vec![
                    7u32, 14, 48, 60, 120, 168, 336, 1_440, 3_600, 10_080, 25_200, 86_400
                ]),
                1u32..1_000_000,
            ];
            let part = prop_oneof![
                proptest::sample::subsequence(vec!["MO", "TU", "WE", "TH", "FR", "SA", "SU"], 1..3)
                    .prop_map(|d| format!(";BYDAY={}", d.join(","))),
                proptest::sample::subsequence((0u32..24).collect::<Vec<_>>(), 1..3)
                    .prop_map(|h| format!(";BYHOUR={}", join(&h))),
                proptest::sample::subsequence((0u32..60).collect::<Vec<_>>(), 1..3)
                    .prop_map(|m| format!(";BYMINUTE={}", join(&m))),
                proptest::sample::subsequence((0u32..60).collect::<Vec<_>>(), 1..3)
                    .prop_map(|m| format!(";BYSECOND={}", join(&m))),
                Just(";TT_SKIP=WEEKEND".to_owned()),
            ];
            (freq, interval, proptest::collection::vec(part, 0..4)).prop_map(|(freq, n, parts)| {
                with_parts(format!("RRULE:FREQ={freq};INTERVAL={n}"), parts)
            })
        }

        /// `head` followed by each part whose key has not appeared yet (a key may be given once).
        fn with_parts(mut flag: String, parts: Vec<String>) -> String {
            let mut seen: Vec<String> = Vec::new();
            for part in parts {
                let key = part.split('=').next().unwrap_or_default().to_owned();
                if !seen.contains(&key) {
                    seen.push(key);
                    flag.push_str(&part);
                }
            }
            flag
        }

        fn join<T: ToString>(values: &[T]) -> String {
            values
                .iter()
                .map(T::to_string)
                .collect::<Vec<_>>()
                .join(",")
        }

        proptest! {
            #![proptest_config(ProptestConfig { cases: 1024, ..ProptestConfig::default() })]

            #[test]
            fn date_of_agrees_with_chrono(n in FIRST_DAY - 10..LAST_DAY + 10) {
                prop_assert_eq!(date_of(n), chrono_date_of(n));
            }

            /// The grid analysis against brute force: with weekday filters alone, which period starts
            /// are allowed repeats every week, so walking the grid through `lcm(L, 1 week)` seconds
            /// finds every (weekday, time of day) it will ever meet.
            #[test]
            fn grid_reachable_agrees_with_walking_the_grid_for_a_week(
                flag in grid_rule(),
                start in 0i64..5_000_000_000,
            ) {
                let Ok(Recurrence::Rule(rule)) = flag.parse::<RepeatFlag>().and_then(|f| f.validate())
                else {
                    return Ok(());
                };
                let start = naive(start);
                let plan = Plan::new(&rule, start, false);
                let unit = if plan.freq == Frequency::Daily { DAY } else { plan.unit_seconds() };
                let length = plan.interval * unit;
                let week = 7 * DAY;
                let origin = wall(plan.period_start(0).unwrap_or(start));
                // Distinct period starts modulo a week.
                let periods = week / gcd(i128::from(length), i128::from(week)) as i64;
                let walked = (0..periods).any(|k| {
                    let t = origin + k * length;
                    let (day, tod) = (t.div_euclid(DAY), t.rem_euclid(DAY));
                    let weekday = (day + 3).rem_euclid(7) as u32;
                    let day_ok = !plan.days.has_weekdays || plan.days.weekdays.has(weekday);
                    let weekend = plan.skip_weekends && weekday >= 5;
                    let time_ok = if plan.freq == Frequency::Daily {
                        !plan.times.is_empty()
                    } else {
                        plan.time_of_day_allowed(tod)
                    };
                    day_ok && !weekend && time_ok
                });
                prop_assert_eq!(plan.grid_reachable(), walked, "{} from {}", flag, start);
            }

            /// The allowed periods of a sub-daily grid, found by modular inverse or by testing the
            /// cycle, against testing period starts one by one: the next allowed period from `k`,
            /// and how many are allowed in a stretch of periods.
            #[test]
            fn allowed_periods_agree_with_testing_each_period(
                flag in grid_rule(),
                start in 0i64..5_000_000_000,
                k in 0i64..200_000,
                span in 0i64..3_000,
            ) {
                let Ok(Recurrence::Rule(rule)) = flag.parse::<RepeatFlag>().and_then(|f| f.validate())
                else {
                    return Ok(());
                };
                let plan = Plan::new(&rule, naive(start), false);
                if plan.freq == Frequency::Daily {
                    return Ok(());
                }
                let allowed = |j: i64| {
                    let begin = wall(plan.period_start(j).unwrap());
                    plan.time_of_day_allowed(begin.rem_euclid(DAY))
                };
                let a = plan.allowed_periods().unwrap();
                prop_assert!(a.cycle <= DAY);
                // Periods beyond the calendar's end have no start to test.
                prop_assume!(plan.period_start(k + a.cycle.max(span)).is_some());
                let scanned = (k..=k + a.cycle).find(|&j| allowed(j));
                prop_assert_eq!(plan.next_allowed_period(k), scanned, "{} from {}", flag, start);
                let counted = (k..k + span).filter(|&j| allowed(j)).count() as u64 * a.weight;
                prop_assert_eq!(plan.allowed_between(k, k + span - 1), Some(counted));
            }

            /// The days of a period tested month by month by arithmetic are the period's calendar
            /// days that pass [`DayFilter::matches`], and as many days are examined.
            #[test]
            fn matching_days_are_the_period_days_that_match(
                flag in day_rule(),
                start in -25_000i64..50_000,
                k in 0i64..600,
            ) {
                let Ok(Recurrence::Rule(rule)) = flag.parse::<RepeatFlag>().and_then(|f| f.validate())
                else {
                    return Ok(());
                };
                let start = date_of(start).unwrap_or_default().and_hms_opt(9, 0, 0).unwrap_or_default();
                let plan = Plan::new(&rule, start, false);
                let Some(first) = plan.period_start(k).map(|t| t.date()) else { return Ok(()) };
                let mut days = Vec::new();
                plan.period_days(first, &mut days);
                let expected: Vec<i64> =
                    days.iter().filter(|&&d| plan.days.matches(d)).map(|&d| epoch_day(d)).collect();
                let mut matching = Vec::new();
                let examined = plan.matching_days(first, &mut matching);
                prop_assert_eq!(matching, expected, "{} period {} from {}", flag, k, first);
                prop_assert_eq!(examined, days.len() as u64);
            }
        }
    }

    /// A week that runs past the calendar's last day has only the days up to it.
    #[test]
    fn matching_days_stop_at_the_calendars_end() {
        let Ok(crate::Recurrence::Rule(rule)) = "RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR,SA,SU"
            .parse::<crate::RepeatFlag>()
            .and_then(|f| f.validate())
        else {
            panic!("a valid rule");
        };
        let first = NaiveDate::MAX - chrono::Days::new(3);
        let plan = Plan::new(&rule, first.and_hms_opt(0, 0, 0).unwrap(), false);
        let mut days = Vec::new();
        assert_eq!(plan.matching_days(first, &mut days), 4);
        assert_eq!(days, (LAST_DAY - 3..=LAST_DAY).collect::<Vec<_>>());
    }
}
