//! Reading a caller's calendar from JSON: TickTick's own holiday feed (BEHAVIOUR.md §7) or
//! holiday-cn's per-year files.
//!
//! - TickTick's feed: an array of `{"date": "yyyy-MM-dd" | "yyyyMMdd", "type": 0 | 1, "name": ...}`,
//!   type 0 a rest day, type 1 a make-up workday. It covers every year it names a date in.
//! - holiday-cn: `{"year": 2026, "days": [{"name", "date": "yyyy-MM-dd", "isOffDay": bool}], ...}`,
//!   or an array of such years. It covers its `year`s (a notice may also name days of the year
//!   before; they are used, but that year is not covered by them).
//!
//! Other fields are ignored. A day listed twice with the same kind is one day; with both kinds, an
//! error.

use std::fmt;

use chrono::{Datelike, NaiveDate};
use serde_json::{Map, Value};

use super::DayKind;

/// Why a holiday calendar cannot be read or built.
///
/// Messages name the place in the JSON text as a path from its top (`[3].date`,
/// `[0].days[12].isOffDay`).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum HolidayError {
    /// The text is not JSON.
    Json {
        /// serde_json's account, with its line and column.
        message: String,
    },
    /// A value is not what either format has in its place.
    Shape {
        /// Where, as a path from the top of the JSON text (empty for the top itself).
        at: String,
        /// What the place holds.
        expected: &'static str,
    },
    /// A date is not a date of the form its format uses.
    InvalidDate {
        /// Where, as a path from the top of the JSON text.
        at: String,
        /// The text as given.
        text: String,
    },
    /// A TickTick day `type` is neither 0 (rest day) nor 1 (make-up workday).
    UnknownType {
        /// Where, as a path from the top of the JSON text.
        at: String,
        /// The value, as JSON text.
        value: String,
    },
    /// A day is listed both as a rest day and as a make-up workday.
    Conflict {
        /// The day.
        date: NaiveDate,
    },
    /// The calendar's days and years span more than
    /// [`HolidayCalendar::MAX_SPAN_YEARS`](crate::HolidayCalendar::MAX_SPAN_YEARS) years.
    TooWide {
        /// The first year it names.
        first: i32,
        /// The last year it names.
        last: i32,
    },
}

impl fmt::Display for HolidayError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let place = |at: &str| {
            if at.is_empty() {
                String::new()
            } else {
                format!(" at {at}")
            }
        };
        match self {
            HolidayError::Json { message } => {
                write!(f, "invalid holiday calendar: not JSON: {message}")
            }
            HolidayError::Shape { at, expected } => {
                write!(
                    f,
                    "invalid holiday calendar{}: expected {expected}",
                    place(at)
                )
            }
            HolidayError::InvalidDate { at, text } => write!(
                f,
                "invalid holiday calendar{}: invalid date {text:?}: expected yyyy-MM-dd or yyyyMMdd",
                place(at)
            ),
            HolidayError::UnknownType { at, value } => write!(
                f,
                "invalid holiday calendar{}: unknown day type {value}: expected 0 (rest day) or 1 \
                 (make-up workday)",
                place(at)
            ),
            HolidayError::Conflict { date } => write!(
                f,
                "invalid holiday calendar: {date} is listed both as a rest day and as a make-up \
                 workday"
            ),
            HolidayError::TooWide { first, last } => write!(
                f,
                "invalid holiday calendar: its days span the years {first} to {last}, more than {} \
                 years",
                super::table::MAX_SPAN_YEARS
            ),
        }
    }
}

impl std::error::Error for HolidayError {}

/// Days and covered years gathered from a calendar's text, in the order met: the table sorts them
/// and finds a day of both kinds ([`Table::new`](super::table::Table::new)). Plain vectors keep the
/// code small in the `.wasm`.
#[derive(Debug, Default)]
pub(super) struct Gathered {
    pub(super) days: Vec<(NaiveDate, DayKind)>,
    pub(super) years: Vec<i32>,
}

impl Gathered {
    /// Adds `date` as `kind`.
    pub(super) fn add(&mut self, date: NaiveDate, kind: DayKind) {
        self.days.push((date, kind));
    }
}

/// What a JSON text of either format lists.
pub(super) fn gather(text: &str) -> Result<Gathered, HolidayError> {
    let value: Value = serde_json::from_str(text).map_err(|e| HolidayError::Json {
        message: e.to_string(),
    })?;
    gather_value(&value)
}

/// What a JSON value of either format lists.
pub(super) fn gather_value(value: &Value) -> Result<Gathered, HolidayError> {
    let mut gathered = Gathered::default();
    match value {
        Value::Object(year) => holiday_cn_year(year, "", &mut gathered)?,
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                let at = format!("[{i}]");
                let Value::Object(object) = item else {
                    return Err(shape(&at, EITHER_ITEM));
                };
                // holiday-cn years have `days`; TickTick's days have `date`.
                if object.contains_key("days") {
                    holiday_cn_year(object, &at, &mut gathered)?;
                } else {
                    ticktick_day(object, &at, &mut gathered)?;
                }
            }
        }
        _ => return Err(shape("", TOP)),
    }
    Ok(gathered)
}

const TOP: &str = "an array of days {\"date\", \"type\"} (TickTick's feed), or a holiday-cn year \
                   {\"year\", \"days\"} or an array of them";
const EITHER_ITEM: &str = "an object: a day {\"date\", \"type\"} or a holiday-cn year {\"year\", \
                           \"days\"}";

fn shape(at: &str, expected: &'static str) -> HolidayError {
    HolidayError::Shape {
        at: at.to_owned(),
        expected,
    }
}

/// One day of TickTick's feed.
fn ticktick_day(
    day: &Map<String, Value>,
    at: &str,
    gathered: &mut Gathered,
) -> Result<(), HolidayError> {
    let date = date_field(day, at, true)?;
    let at_type = format!("{at}.type");
    let kind = match day.get("type") {
        None => return Err(shape(&at_type, "0 (rest day) or 1 (make-up workday)")),
        Some(v) if v.as_u64() == Some(0) => DayKind::Rest,
        Some(v) if v.as_u64() == Some(1) => DayKind::Work,
        Some(v) => {
            return Err(HolidayError::UnknownType {
                at: at_type,
                value: v.to_string(),
            })
        }
    };
    gathered.years.push(date.year());
    gathered.add(date, kind);
    Ok(())
}

/// One holiday-cn year: `{"year", "days": [{"date", "isOffDay"}]}`.
fn holiday_cn_year(
    year: &Map<String, Value>,
    at: &str,
    gathered: &mut Gathered,
) -> Result<(), HolidayError> {
    let number = year
        .get("year")
        .and_then(Value::as_i64)
        .and_then(|y| i32::try_from(y).ok())
        .filter(|y| (1..=9999).contains(y))
        .ok_or_else(|| shape(&format!("{at}.year"), "a year from 1 to 9999"))?;
    let Some(Value::Array(days)) = year.get("days") else {
        return Err(shape(&format!("{at}.days"), "an array of days"));
    };
    gathered.years.push(number);
    for (i, day) in days.iter().enumerate() {
        let at = format!("{at}.days[{i}]");
        let Value::Object(day) = day else {
            return Err(shape(&at, "a day {\"date\", \"isOffDay\"}"));
        };
        let date = date_field(day, &at, false)?;
        let kind = match day.get("isOffDay") {
            Some(Value::Bool(true)) => DayKind::Rest,
            Some(Value::Bool(false)) => DayKind::Work,
            _ => return Err(shape(&format!("{at}.isOffDay"), "true or false")),
        };
        gathered.add(date, kind);
    }
    Ok(())
}

/// The `date` field of a day: `yyyy-MM-dd`, or also `yyyyMMdd` when `compact` is allowed.
fn date_field(
    day: &Map<String, Value>,
    at: &str,
    compact: bool,
) -> Result<NaiveDate, HolidayError> {
    let at = format!("{at}.date");
    let Some(Value::String(text)) = day.get("date") else {
        return Err(shape(&at, "a date string"));
    };
    parse_date(text, compact).ok_or(HolidayError::InvalidDate {
        at,
        text: text.clone(),
    })
}

/// `yyyy-MM-dd` (or `yyyyMMdd` when `compact`), four-digit years from 0001.
fn parse_date(text: &str, compact: bool) -> Option<NaiveDate> {
    let b = text.as_bytes();
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        b.get(r)?.iter().try_fold(0u32, |n, &c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    let (y, m, d) = match b.len() {
        10 if b.get(4) == Some(&b'-') && b.get(7) == Some(&b'-') => {
            (digits(0..4)?, digits(5..7)?, digits(8..10)?)
        }
        8 if compact => (digits(0..4)?, digits(4..6)?, digits(6..8)?),
        _ => return None,
    };
    NaiveDate::from_ymd_opt(i32::try_from(y).ok().filter(|&y| y > 0)?, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(text: &str) -> String {
        match gather(text).and_then(super::super::table::Table::new) {
            Ok(t) => panic!("{text} was read: {t:?}"),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn errors_say_what_and_where() {
        insta::assert_snapshot!(error("[1"), @"invalid holiday calendar: not JSON: EOF while parsing a list at line 1 column 2");
        insta::assert_snapshot!(error("3"), @r#"invalid holiday calendar: expected an array of days {"date", "type"} (TickTick's feed), or a holiday-cn year {"year", "days"} or an array of them"#);
        insta::assert_snapshot!(error(r#"[{"date":"2026-02-30","type":0}]"#), @r#"invalid holiday calendar at [0].date: invalid date "2026-02-30": expected yyyy-MM-dd or yyyyMMdd"#);
        insta::assert_snapshot!(error(r#"[{"date":"20261001","type":2}]"#), @"invalid holiday calendar at [0].type: unknown day type 2: expected 0 (rest day) or 1 (make-up workday)");
        insta::assert_snapshot!(error(r#"[{"date":"20261001","type":"0"}]"#), @r#"invalid holiday calendar at [0].type: unknown day type "0": expected 0 (rest day) or 1 (make-up workday)"#);
        insta::assert_snapshot!(error(r#"[{"date":"20261001","type":0},{"date":"2026-10-01","type":1}]"#), @"invalid holiday calendar: 2026-10-01 is listed both as a rest day and as a make-up workday");
        insta::assert_snapshot!(error(r#"{"year":2026,"days":[{"date":"20260101","isOffDay":true}]}"#), @r#"invalid holiday calendar at .days[0].date: invalid date "20260101": expected yyyy-MM-dd or yyyyMMdd"#);
        insta::assert_snapshot!(error(r#"[{"year":2026,"days":[{"date":"2026-01-01","isOffDay":1}]}]"#), @"invalid holiday calendar at [0].days[0].isOffDay: expected true or false");
        insta::assert_snapshot!(error(r#"[{"year":"2026","days":[]}]"#), @"invalid holiday calendar at [0].year: expected a year from 1 to 9999");
        insta::assert_snapshot!(error("[[]]"), @r#"invalid holiday calendar at [0]: expected an object: a day {"date", "type"} or a holiday-cn year {"year", "days"}"#);
    }

    #[test]
    fn dates_of_both_forms() {
        let d = NaiveDate::from_ymd_opt(2026, 10, 1);
        assert_eq!(parse_date("2026-10-01", false), d);
        assert_eq!(parse_date("20261001", true), d);
        for bad in [
            "20261001",
            "2026-1-01",
            "2026-10-1",
            "+2026-10-01",
            "0000-01-01",
            "2026-10-01 ",
            "２０２６-10-01",
            "2026/10/01",
        ] {
            assert_eq!(parse_date(bad, false), None, "{bad}");
        }
    }
}
