//! RFC 5545 and TickTick checks, from a parsed flag to a [`Recurrence`].
//!
//! Every check happens here, once: ranges, the combinations RFC 5545 section 3.3.10 forbids, and
//! TickTick's extensions. Errors carry the byte offset, in the whole flag, of the offending value or
//! list entry (or of the key, for a part not allowed in combination with others).
//!
//! Keys, `FREQ` values, weekday codes, `ERULE` names and `TT_SKIP` words are ASCII case-insensitive.
//! Integers may carry a leading `+` (and leading zeros); a number too large for any integer type is
//! out of range like any other, never a panic. Unknown keys (`X-...`, `BYEASTER`, `RSCALE`, ...) stay
//! in the flag's text and are ignored.
//!
//! The checks, by kind of flag and by what they look at:
//!
//! - [`rrule`]: an `RRULE:` flag, key by key, then the combinations RFC 5545 forbids; TickTick's
//!   `TT_SKIP`, `TT_WORKDAY` and `TT_TIMES` parts are among its keys.
//! - [`erule`]: TickTick's `ERULE:` flags (`CUSTOM` dates and the `FORGETTINGCURVE`).
//! - [`lunar`]: TickTick's `LUNAR:` flags (dates of the Chinese lunisolar calendar).
//! - [`parts`]: finding a flag's parts and checking one part's value, with the errors that name it.
//! - [`values`]: reading one value's text (integers, `UNTIL`, weekday codes, `FREQ` names).

mod erule;
mod lunar;
mod parts;
mod rrule;
mod values;

use super::Recurrence;
use crate::flag::{FlagError, FlagKind, RepeatFlag};

/// The largest `INTERVAL` accepted, for every frequency.
///
/// A million is far beyond any schedule TickTick offers, yet leaves room for intervals written in
/// small units (`FREQ=SECONDLY;INTERVAL=604800` is weekly). Bounding it keeps the expander's
/// arithmetic simple: `interval` times a period count below 2^31 fits an `i64` with a wide margin, and
/// so does `interval` times the seconds in a year.
pub(crate) const MAX_INTERVAL: u32 = 1_000_000;

/// Checks a parsed flag and produces what it means.
pub(crate) fn validate(flag: &RepeatFlag) -> Result<Recurrence, FlagError> {
    let checker = Checker { flag };
    match flag.kind() {
        FlagKind::None => Ok(Recurrence::NotRecurring),
        FlagKind::RRule => checker.rrule().map(Recurrence::Rule),
        FlagKind::ERule => checker.erule(),
        FlagKind::Lunar => checker.lunar().map(Recurrence::Lunar),
    }
}

/// Checks one flag; every error it makes names that flag.
struct Checker<'a> {
    flag: &'a RepeatFlag,
}

/// Shorthands for the tests of every check: a flag's meaning, its rule, its error, and the values
/// rules are made of.
#[cfg(test)]
mod testing {
    use chrono::{NaiveDate, NaiveDateTime};

    use crate::flag::{FlagError, RepeatFlag};
    use crate::rule::{Frequency, Recurrence, Rule, SkipDays, Weekday, WeekdayNum};

    pub(super) fn recurrence(text: &str) -> Recurrence {
        RepeatFlag::parse(text)
            .and_then(|flag| flag.validate())
            .unwrap_or_else(|e| panic!("{e}"))
    }

    pub(super) fn rule(text: &str) -> Rule {
        match recurrence(text) {
            Recurrence::Rule(rule) => rule,
            other => panic!("{text}: {other:?}"),
        }
    }

    pub(super) fn err(text: &str) -> FlagError {
        match RepeatFlag::parse(text).and_then(|flag| flag.validate()) {
            Ok(r) => panic!("{text} was accepted as {r:?}"),
            Err(e) => e,
        }
    }

    /// The rule every flag starts from: `freq`, and every default.
    pub(super) fn base(freq: Frequency) -> Rule {
        Rule {
            freq,
            interval: 1,
            count: None,
            until: None,
            week_start: Weekday::Monday,
            by_second: vec![],
            by_minute: vec![],
            by_hour: vec![],
            by_day: vec![],
            by_month_day: vec![],
            by_year_day: vec![],
            by_week_no: vec![],
            by_month: vec![],
            by_set_pos: vec![],
            skip: SkipDays::default(),
            skip_other: Vec::new(),
            workday: None,
            times: None,
        }
    }

    pub(super) fn day(weekday: Weekday) -> WeekdayNum {
        WeekdayNum {
            ordinal: None,
            weekday,
        }
    }

    pub(super) fn nth(n: i8, weekday: Weekday) -> WeekdayNum {
        WeekdayNum {
            ordinal: Some(n),
            weekday,
        }
    }

    pub(super) fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    pub(super) fn datetime(y: i32, m: u32, d: u32, h: u32, min: u32, s: u32) -> NaiveDateTime {
        date(y, m, d).and_hms_opt(h, min, s).unwrap()
    }
}

#[cfg(test)]
mod tests {
    use super::testing::recurrence;
    use super::*;

    #[test]
    fn not_recurring() {
        for text in ["", "RRULE:FREQ=NONE", "FREQ=NONE"] {
            assert_eq!(recurrence(text), Recurrence::NotRecurring, "{text:?}");
        }
    }
}
