//! Errors in a `repeatFlag`, with the byte offset they were found at.

use std::fmt;

/// A malformed or invalid `repeatFlag`: what is wrong, and the byte offset in the flag where it is.
///
/// ```
/// use ticktick_recur::RepeatFlag;
/// let err = "RRULE:FREQ=DAILY;BYDAY=XX".parse::<RepeatFlag>()?.validate().unwrap_err();
/// assert_eq!(err.to_string(), r#"invalid repeatFlag "RRULE:FREQ=DAILY;BYDAY=XX" at byte 23: unknown weekday "XX""#);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlagError {
    pub(crate) flag: String,
    pub(crate) offset: usize,
    pub(crate) kind: FlagErrorKind,
}

impl FlagError {
    pub(crate) fn new(flag: &str, offset: usize, kind: FlagErrorKind) -> Self {
        FlagError {
            flag: flag.to_owned(),
            offset,
            kind,
        }
    }

    /// The whole flag, as given.
    #[must_use]
    pub fn flag(&self) -> &str {
        &self.flag
    }

    /// The byte offset in the flag where the problem is.
    #[must_use]
    pub fn offset(&self) -> usize {
        self.offset
    }

    /// What is wrong.
    #[must_use]
    pub fn kind(&self) -> &FlagErrorKind {
        &self.kind
    }
}

/// What is wrong with a `repeatFlag`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum FlagErrorKind {
    /// The prefix is not `RRULE:`, `ERULE:` or `LUNAR:` (and the text is not a bare `FREQ=...`).
    UnknownPrefix {
        /// The text before the first `:`.
        prefix: String,
    },
    /// A part is not `KEY=VALUE`.
    MalformedPart {
        /// The part as written.
        part: String,
    },
    /// A key appears twice.
    DuplicateKey {
        /// The key.
        key: String,
    },
    /// A required key is missing (`FREQ`, `NAME`, `BYDATE`, `CYCLE`, ...).
    MissingKey {
        /// The key.
        key: &'static str,
    },
    /// A value is empty or not of the expected form.
    InvalidValue {
        /// The key.
        key: String,
        /// The value as written.
        value: String,
        /// What was expected, for example `"an integer"`.
        expected: &'static str,
    },
    /// A number is outside its allowed range.
    OutOfRange {
        /// The key.
        key: String,
        /// The value as written.
        value: String,
        /// The smallest allowed value.
        min: i64,
        /// The largest allowed value.
        max: i64,
    },
    /// `FREQ` names no frequency.
    UnknownFrequency {
        /// The value as written.
        value: String,
    },
    /// A weekday code is not `MO`..`SU`.
    UnknownWeekday {
        /// The code as written.
        value: String,
    },
    /// `ERULE:NAME=` names no known rule.
    UnknownRuleName {
        /// The value as written.
        value: String,
    },
    /// Two parts that cannot appear together (`COUNT` and `UNTIL`).
    Conflict {
        /// The first key.
        first: &'static str,
        /// The second key.
        second: &'static str,
    },
    /// A part that RFC 5545 forbids with this frequency (`BYWEEKNO` outside `YEARLY`, ...).
    NotAllowedWithFrequency {
        /// The key.
        key: &'static str,
        /// The frequency as written.
        freq: &'static str,
    },
    /// `BYDAY` ordinals (`1MO`) with a frequency or part that forbids them.
    OrdinalNotAllowed {
        /// The entry as written.
        value: String,
        /// Why, for example `"with FREQ=WEEKLY"`.
        reason: &'static str,
    },
    /// A control character (a NUL byte, a tab, a line break, ...), which no flag contains.
    ControlCharacter {
        /// The character.
        ch: char,
    },
    /// `BYSETPOS` without another `BYxxx` part to pick positions from (RFC 5545 section 3.3.10).
    SetPosWithoutBy,
}

impl fmt::Display for FlagErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FlagErrorKind::UnknownPrefix { prefix } => write!(
                f,
                "unknown prefix {prefix:?}: expected RRULE:, ERULE: or LUNAR:"
            ),
            FlagErrorKind::MalformedPart { part } => {
                write!(f, "part {part:?} is not KEY=VALUE")
            }
            FlagErrorKind::DuplicateKey { key } => write!(f, "{key} appears more than once"),
            FlagErrorKind::MissingKey { key } => write!(f, "{key} is missing"),
            FlagErrorKind::InvalidValue {
                key,
                value,
                expected,
            } => write!(f, "{key}={value:?} is not {expected}"),
            FlagErrorKind::OutOfRange {
                key,
                value,
                min,
                max,
            } => write!(f, "{key} value {value} is out of range {min}..={max}"),
            FlagErrorKind::UnknownFrequency { value } => write!(f, "unknown FREQ {value:?}"),
            FlagErrorKind::UnknownWeekday { value } => write!(f, "unknown weekday {value:?}"),
            FlagErrorKind::UnknownRuleName { value } => {
                write!(
                    f,
                    "unknown ERULE NAME {value:?}: expected CUSTOM or FORGETTINGCURVE"
                )
            }
            FlagErrorKind::Conflict { first, second } => {
                write!(f, "{first} and {second} cannot both be given")
            }
            FlagErrorKind::NotAllowedWithFrequency { key, freq } => {
                write!(f, "{key} is not allowed with FREQ={freq}")
            }
            FlagErrorKind::OrdinalNotAllowed { value, reason } => {
                write!(f, "BYDAY ordinal {value:?} is not allowed {reason}")
            }
            FlagErrorKind::ControlCharacter { ch } => {
                write!(f, "control character {ch:?} is not allowed")
            }
            FlagErrorKind::SetPosWithoutBy => {
                write!(f, "BYSETPOS needs another BYxxx part to pick from")
            }
        }
    }
}

impl fmt::Display for FlagError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "invalid repeatFlag {:?} at byte {}: {}",
            self.flag, self.offset, self.kind
        )
    }
}

impl std::error::Error for FlagError {}
