//! Validated recurrence rules: the only input the expander accepts.
//!
//! A [`RepeatFlag`](crate::RepeatFlag) is text that has been split into parts; [`RepeatFlag::validate`]
//! checks it against RFC 5545 and TickTick's extensions once and produces a [`Recurrence`]. Nothing
//! downstream re-checks ranges or combinations.

mod display;
mod few;
mod validate;

use chrono::{NaiveDate, NaiveDateTime};

pub(crate) use few::{Blank, Few};
pub(crate) use validate::{validate, validate_text_into};

/// How often a rule repeats (RFC 5545 `FREQ`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Frequency {
    /// `FREQ=SECONDLY`
    Secondly,
    /// `FREQ=MINUTELY`
    Minutely,
    /// `FREQ=HOURLY`
    Hourly,
    /// `FREQ=DAILY`
    Daily,
    /// `FREQ=WEEKLY`
    Weekly,
    /// `FREQ=MONTHLY`
    Monthly,
    /// `FREQ=YEARLY`
    Yearly,
}

/// A day of the week, as RFC 5545 writes it (`MO` .. `SU`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Weekday {
    /// `MO`
    Monday,
    /// `TU`
    Tuesday,
    /// `WE`
    Wednesday,
    /// `TH`
    Thursday,
    /// `FR`
    Friday,
    /// `SA`
    Saturday,
    /// `SU`
    Sunday,
}

impl Weekday {
    /// Days since Monday: Monday is 0, Sunday is 6.
    #[must_use]
    pub const fn days_from_monday(self) -> u8 {
        self as u8
    }

    /// The weekday `n` days after Monday (`n` taken modulo 7).
    #[must_use]
    pub const fn from_days_from_monday(n: u8) -> Weekday {
        match n % 7 {
            0 => Weekday::Monday,
            1 => Weekday::Tuesday,
            2 => Weekday::Wednesday,
            3 => Weekday::Thursday,
            4 => Weekday::Friday,
            5 => Weekday::Saturday,
            _ => Weekday::Sunday,
        }
    }

    /// The two-letter RFC 5545 code (`"MO"` .. `"SU"`).
    #[must_use]
    pub const fn code(self) -> &'static str {
        match self {
            Weekday::Monday => "MO",
            Weekday::Tuesday => "TU",
            Weekday::Wednesday => "WE",
            Weekday::Thursday => "TH",
            Weekday::Friday => "FR",
            Weekday::Saturday => "SA",
            Weekday::Sunday => "SU",
        }
    }
}

impl From<chrono::Weekday> for Weekday {
    fn from(w: chrono::Weekday) -> Self {
        Weekday::from_days_from_monday(w.num_days_from_monday() as u8)
    }
}

/// One `BYDAY` entry: a weekday, optionally with an ordinal (`1MO`, `-1FR`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct WeekdayNum {
    /// `Some(n)` with `n` in `-53..=-1` or `1..=53` for an ordinal entry, `None` for every such weekday.
    pub ordinal: Option<i8>,
    /// The weekday.
    pub weekday: Weekday,
}

/// When a rule ends (`UNTIL`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Until {
    /// `UNTIL=yyyyMMdd`: TickTick's form; includes that whole local day.
    Date(NaiveDate),
    /// `UNTIL=yyyyMMddTHHmmssZ`: an instant in UTC (inclusive).
    Utc(NaiveDateTime),
    /// `UNTIL=yyyyMMddTHHmmss`: a wall-clock time in the series' zone (inclusive).
    Local(NaiveDateTime),
}

/// TickTick's `TT_SKIP`: which days an occurrence is dropped on (not moved from), BEHAVIOUR.md §2
/// and §7. A day dropped for any of the values given is dropped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub struct SkipDays {
    /// `WEEKEND`: Saturdays and Sundays, unless the holiday calendar names them make-up workdays.
    pub weekends: bool,
    /// `HOLIDAY`: the public holidays of the caller-supplied calendar (none when no calendar is given).
    pub holidays: bool,
    /// `OFFICIAL_WORKDAY`: the official working days (Monday to Friday that are not holidays, and
    /// make-up workdays), keeping weekends and holidays; without a calendar, Monday to Friday.
    pub official_workdays: bool,
    /// Some other value was given ([`Rule::unsupported_skip_values`]): the flag is valid and kept,
    /// but expanding it is refused with [`Error::Unsupported`](crate::Error::Unsupported).
    pub unsupported: bool,
}

/// TickTick's `TT_WORKDAY`: snap a monthly rule to the first or last working day of the month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Workday {
    /// `TT_WORKDAY=1`: the first working day of the month.
    First,
    /// `TT_WORKDAY=-1`: the last working day of the month.
    Last,
}

/// A validated RFC 5545 rule with TickTick's RRULE extensions.
///
/// Obtained from [`RepeatFlag::validate`](crate::RepeatFlag::validate); every range and combination
/// has been checked, so expansion cannot meet a malformed rule. BY-parts are sorted and deduplicated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rule {
    pub(crate) freq: Frequency,
    pub(crate) interval: u32,
    pub(crate) count: Option<u32>,
    pub(crate) until: Option<Until>,
    pub(crate) week_start: Weekday,
    pub(crate) by_second: Vec<u8>,
    pub(crate) by_minute: Vec<u8>,
    pub(crate) by_hour: Vec<u8>,
    pub(crate) by_day: Few<WeekdayNum, 6>,
    pub(crate) by_month_day: Vec<i8>,
    pub(crate) by_year_day: Vec<i16>,
    pub(crate) by_week_no: Vec<i8>,
    pub(crate) by_month: Vec<u8>,
    pub(crate) by_set_pos: Vec<i32>,
    pub(crate) skip: SkipDays,
    /// `TT_SKIP` values this crate does not know, as written.
    pub(crate) skip_other: Vec<String>,
    pub(crate) workday: Option<Workday>,
    pub(crate) times: Option<u32>,
}

impl Rule {
    /// The frequency (`FREQ`).
    #[must_use]
    pub fn frequency(&self) -> Frequency {
        self.freq
    }
    /// The interval (`INTERVAL`, 1 when absent).
    #[must_use]
    pub fn interval(&self) -> u32 {
        self.interval
    }
    /// The number of occurrences (`COUNT`), counted from the series' start.
    #[must_use]
    pub fn count(&self) -> Option<u32> {
        self.count
    }
    /// The end (`UNTIL`).
    #[must_use]
    pub fn until(&self) -> Option<Until> {
        self.until
    }
    /// The first day of the week (`WKST`, Monday when absent).
    #[must_use]
    pub fn week_start(&self) -> Weekday {
        self.week_start
    }
    /// `BYSECOND` values, ascending.
    #[must_use]
    pub fn by_second(&self) -> &[u8] {
        &self.by_second
    }
    /// `BYMINUTE` values, ascending.
    #[must_use]
    pub fn by_minute(&self) -> &[u8] {
        &self.by_minute
    }
    /// `BYHOUR` values, ascending.
    #[must_use]
    pub fn by_hour(&self) -> &[u8] {
        &self.by_hour
    }
    /// `BYDAY` entries, in the order given.
    #[must_use]
    pub fn by_day(&self) -> &[WeekdayNum] {
        &self.by_day
    }
    /// `BYMONTHDAY` values, ascending.
    #[must_use]
    pub fn by_month_day(&self) -> &[i8] {
        &self.by_month_day
    }
    /// `BYYEARDAY` values, ascending.
    #[must_use]
    pub fn by_year_day(&self) -> &[i16] {
        &self.by_year_day
    }
    /// `BYWEEKNO` values, ascending.
    #[must_use]
    pub fn by_week_no(&self) -> &[i8] {
        &self.by_week_no
    }
    /// `BYMONTH` values, ascending.
    #[must_use]
    pub fn by_month(&self) -> &[u8] {
        &self.by_month
    }
    /// `BYSETPOS` values, ascending.
    #[must_use]
    pub fn by_set_pos(&self) -> &[i32] {
        &self.by_set_pos
    }
    /// TickTick's `TT_SKIP` days.
    #[must_use]
    pub fn skip(&self) -> SkipDays {
        self.skip
    }
    /// `TT_SKIP` values other than `WEEKEND`, `HOLIDAY` and `OFFICIAL_WORKDAY`, as written: such a
    /// rule is valid (its flag is kept byte for byte) but cannot be expanded.
    #[must_use]
    pub fn unsupported_skip_values(&self) -> &[String] {
        &self.skip_other
    }
    /// TickTick's `TT_WORKDAY`.
    #[must_use]
    pub fn workday(&self) -> Option<Workday> {
        self.workday
    }
    /// TickTick's `TT_TIMES` (habits only; carried, never used for tasks).
    #[must_use]
    pub fn times(&self) -> Option<u32> {
        self.times
    }
}

/// A validated `LUNAR:` rule: dates of the Chinese lunisolar calendar.
///
/// A yearly rule falls on the regular (never the leap) month [`LunarRule::month`] of every
/// INTERVAL-th lunar year; a monthly rule on every INTERVAL-th lunar month, leap months counted. The
/// day is [`LunarRule::day`], or the month's last (29th) when the month is shorter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LunarRule {
    pub(crate) freq: Frequency,
    pub(crate) interval: u32,
    pub(crate) month: Option<u8>,
    pub(crate) day: u8,
    pub(crate) count: Option<u32>,
    pub(crate) until: Option<Until>,
}

impl LunarRule {
    /// `Yearly` or `Monthly`.
    #[must_use]
    pub fn frequency(&self) -> Frequency {
        self.freq
    }
    /// The interval (`INTERVAL`, 1 when absent).
    #[must_use]
    pub fn interval(&self) -> u32 {
        self.interval
    }
    /// The lunar month (`BYMONTH`, 1..=12) of a yearly rule.
    #[must_use]
    pub fn month(&self) -> Option<u8> {
        self.month
    }
    /// The lunar day (`BYMONTHDAY`, 1..=30).
    #[must_use]
    pub fn day(&self) -> u8 {
        self.day
    }
    /// The number of occurrences (`COUNT`), counted from the series' start.
    #[must_use]
    pub fn count(&self) -> Option<u32> {
        self.count
    }
    /// The end (`UNTIL`), a solar date or instant.
    #[must_use]
    pub fn until(&self) -> Option<Until> {
        self.until
    }
}

/// What a `repeatFlag` means once validated.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
#[allow(
    clippy::large_enum_variant,
    reason = "made once per flag and matched by value; boxing the rule would buy nothing"
)]
pub enum Recurrence {
    /// Not recurring: `""`, `RRULE:FREQ=NONE` or `FREQ=NONE`.
    NotRecurring,
    /// `RRULE:` (or a bare `FREQ=...`): an RFC 5545 rule with TickTick's extensions.
    Rule(Rule),
    /// `ERULE:NAME=CUSTOM;BYDATE=...`: an explicit ascending list of local dates.
    Custom(Vec<NaiveDate>),
    /// `ERULE:NAME=FORGETTINGCURVE;CYCLE=n[;COUNT=k]`: spaced repetition.
    ForgettingCurve {
        /// The current cycle `n`.
        cycle: u32,
        /// How many occurrences remain, counted from the current one.
        count: Option<u32>,
    },
    /// `LUNAR:`: dates of the Chinese lunisolar calendar.
    Lunar(LunarRule),
}
