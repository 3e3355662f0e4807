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
use crate::flag::{split, FewParts, FlagError, FlagKind, Part, PartList, RepeatFlag};

/// The largest `INTERVAL` accepted, for every frequency.
///
/// A million is far beyond any schedule TickTick offers, yet leaves room for intervals written in
/// small units (`FREQ=SECONDLY;INTERVAL=604800` is weekly). Bounding it keeps the expander's
/// arithmetic simple: `interval` times a period count below 2^31 fits an `i64` with a wide margin, and
/// so does `interval` times the seconds in a year.
pub(crate) const MAX_INTERVAL: u32 = 1_000_000;

/// Checks a parsed flag and produces what it means.
pub(crate) fn validate(flag: &RepeatFlag) -> Result<Recurrence, FlagError> {
    check(flag.as_str(), flag.kind(), &flag.parts)
}

/// [`RepeatFlag::parse`] then [`RepeatFlag::validate`], with their errors, for a flag read once
/// ([`validate_text_into`], giving the recurrence).
#[cfg(test)]
pub(crate) fn validate_text(text: &str) -> Result<Recurrence, FlagError> {
    let mut recurrence = Recurrence::NotRecurring;
    validate_text_into(text, &mut recurrence)?;
    Ok(recurrence)
}

/// [`RepeatFlag::parse`] then [`RepeatFlag::validate`], with their errors, for a flag read once:
/// its parts stay on the stack, its text is not copied, and its recurrence is written into `out`
/// (which holds nothing meaningful after an error). A rule is a few hundred bytes, and each move of
/// it is a copy (in WebAssembly a call out of the module), so it is made where the caller keeps it.
pub(crate) fn validate_text_into(text: &str, out: &mut Recurrence) -> Result<(), FlagError> {
    let mut parts = FewParts::default();
    let kind = split(text, &mut parts)?;
    check_into(text, kind, parts.as_slice(), out)
}

/// Checks the flag `text` of grammar `kind`, split into `parts`.
fn check(text: &str, kind: FlagKind, parts: &[Part]) -> Result<Recurrence, FlagError> {
    let mut recurrence = Recurrence::NotRecurring;
    check_into(text, kind, parts, &mut recurrence)?;
    Ok(recurrence)
}

/// [`check`], written into `out` (which holds nothing meaningful after an error).
fn check_into(
    text: &str,
    kind: FlagKind,
    parts: &[Part],
    out: &mut Recurrence,
) -> Result<(), FlagError> {
    let checker = Checker { text, parts };
    match kind {
        FlagKind::None => *out = Recurrence::NotRecurring,
        FlagKind::RRule => checker.rrule_into(out)?,
        FlagKind::ERule => *out = checker.erule()?,
        FlagKind::Lunar => *out = Recurrence::Lunar(checker.lunar()?),
    }
    Ok(())
}

/// Checks one flag; every error it makes names that flag.
struct Checker<'a> {
    /// The flag's text.
    text: &'a str,
    /// Its `KEY=VALUE` parts, in order.
    parts: &'a [Part],
}

/// Shorthands for the tests of every check: a flag's meaning, its rule, its error, and the values
/// rules are made of.
#[cfg(test)]
mod testing {
    use chrono::{NaiveDate, NaiveDateTime};

    use crate::flag::{FlagError, RepeatFlag};
    use crate::rule::{Few, Frequency, Recurrence, Rule, SkipDays, Weekday, WeekdayNum};

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
            by_day: Few::new(),
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
    fn reading_a_flag_once_agrees_with_parsing_it() {
        let many = (0..30).map(|i| format!(";X-{i}=v")).collect::<String>();
        for text in [
            "",
            "RRULE:FREQ=NONE",
            "RRULE:FREQ=MONTHLY;INTERVAL=1;BYDAY=-1FR",
            "FREQ=DAILY;;INTERVAL=2;",
            "ERULE:NAME=CUSTOM;BYDATE=20260319,20260320",
            "LUNAR:FREQ=YEARLY;BYMONTH=8;BYMONTHDAY=15",
            "RRULE:FREQ=DAILY;COUNT",
            "RRULE:FREQ=DAILY;COUNT=2;count=3",
            "XRULE:FREQ=DAILY",
            "RRULE:FREQ=WEEKLY;BYMONTHDAY=1",
            "RRULE:INTERVAL=2",
            "RRULE:FREQ=DAILY\0",
            &format!("RRULE:FREQ=DAILY{many};COUNT=3"),
            &format!("RRULE:FREQ=DAILY{many};x-29=again"),
            &format!("RRULE:FREQ=DAILY{many};BYDAY=XX"),
        ] {
            let parsed = RepeatFlag::parse(text).and_then(|flag| flag.validate());
            assert_eq!(validate_text(text), parsed, "{text}");
        }
    }

    #[test]
    fn not_recurring() {
        for text in ["", "RRULE:FREQ=NONE", "FREQ=NONE"] {
            assert_eq!(recurrence(text), Recurrence::NotRecurring, "{text:?}");
        }
    }
}
