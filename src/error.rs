//! The crate's error type.

use std::fmt;

pub use crate::flag::FlagError;
use crate::instant::InstantProblem;

/// Everything that can go wrong in this crate.
///
/// Messages are lowercase without a trailing period, and name what was wrong and where, for example
/// `invalid repeatFlag "RRULE:FREQ=DAILY;BYDAY=XX" at byte 23: unknown weekday "XX"`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    /// The `repeatFlag` is malformed or breaks RFC 5545.
    Flag(FlagError),
    /// The time zone is not an IANA zone name known to this build.
    UnknownZone {
        /// The name as given.
        name: String,
        /// The zone the name probably means: the IANA zone of a Windows zone name
        /// (`Eastern Standard Time` is `America/New_York`).
        suggestion: Option<crate::Zone>,
    },
    /// A time argument could not be read as RFC 3339 or TickTick's wire form.
    InvalidInstant {
        /// The text as given.
        text: String,
        /// What is wrong with it.
        problem: InstantProblem,
    },
    /// A date argument could not be read as `yyyyMMdd`.
    InvalidDate {
        /// The text as given.
        text: String,
    },
    /// The rule is well formed but can never produce an occurrence (the 30th of February, say).
    NeverOccurs {
        /// The rule, in canonical text.
        rule: String,
    },
    /// Finding the next occurrence would take more than the documented amount of work: the rule's
    /// occurrences are too sparse, in a way arithmetic cannot skip, to search for within
    /// [`SEARCH_STEPS`](crate::SEARCH_STEPS) steps (about 10 ms).
    SearchLimit {
        /// The rule, in canonical text.
        rule: String,
        /// The steps one search may take.
        steps: u64,
    },
    /// A `LUNAR:` rule needs the Chinese calendar on a local date outside
    /// [`LUNAR_RANGE`](crate::LUNAR_RANGE), the dates the calendar is known for: the series begins
    /// there, or its next occurrence lies beyond the range's end.
    LunarRange {
        /// The rule, in canonical text.
        rule: String,
        /// The date outside the range: the series' start, or the first day past the range.
        date: chrono::NaiveDate,
    },
    /// The rule is valid but this build cannot expand it yet.
    Unsupported {
        /// The rule, in canonical text.
        rule: String,
        /// What is not supported.
        what: &'static str,
    },
    /// A task object is malformed, or the action cannot apply to it.
    Task(crate::task::TaskError),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Flag(e) => e.fmt(f),
            Error::UnknownZone { name, suggestion } => {
                write!(f, "unknown time zone {name:?}")?;
                match suggestion {
                    Some(zone) => write!(f, ": did you mean {:?}?", zone.name()),
                    None => Ok(()),
                }
            }
            Error::InvalidInstant { text, problem } => {
                write!(f, "invalid instant {text:?}: {problem}")
            }
            Error::InvalidDate { text } => write!(f, "invalid date {text:?}: expected yyyyMMdd"),
            Error::NeverOccurs { rule } => {
                write!(f, "rule {rule:?} can never produce an occurrence")
            }
            Error::SearchLimit { rule, steps } => write!(
                f,
                "rule {rule:?} needs more than {steps} steps to find its next occurrence: its \
                 occurrences are too sparse to search for"
            ),
            Error::LunarRange { rule, date } => {
                let range = crate::LUNAR_RANGE;
                write!(
                    f,
                    "rule {rule:?} needs the Chinese calendar on {date}, outside the dates it is \
                     known for ({} to {})",
                    range.start(),
                    range.end()
                )
            }
            Error::Unsupported { rule, what } => {
                write!(f, "rule {rule:?} is valid but not supported yet: {what}")
            }
            Error::Task(e) => e.fmt(f),
        }
    }
}

/// `Flag` and `Task` are transparent: their message is the inner error's, so the inner error is not
/// also this one's source (a reporter walking the chain would print the message twice); the chain
/// goes on with the inner error's own source.
impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Flag(e) => e.source(),
            Error::Task(e) => e.source(),
            _ => None,
        }
    }
}

impl From<FlagError> for Error {
    fn from(e: FlagError) -> Self {
        Error::Flag(e)
    }
}

/// The text a front end (the command line, the npm package) reports a panic with:
/// `internal error at FILE:LINE: MESSAGE`. A panic is a bug; this keeps its report to one line.
#[doc(hidden)]
#[must_use]
pub fn internal_error_text(info: &std::panic::PanicHookInfo<'_>) -> String {
    let payload = info.payload();
    let message = payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_owned());
    let place = info
        .location()
        .map(|l| format!(" at {}:{}", l.file(), l.line()))
        .unwrap_or_default();
    format!("internal error{place}: {message}")
}
