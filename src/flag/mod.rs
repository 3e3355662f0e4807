//! The `repeatFlag` text: split into parts, kept byte for byte, edited only in place.
//!
//! Parsing never re-serialises: [`RepeatFlag::as_str`] is always the text that was given, except after
//! the two in-place edits TickTick makes itself ([`RepeatFlag::with_count`], [`RepeatFlag::with_cycle`]).

mod error;
mod parse;

use std::ops::Range;

pub use error::{FlagError, FlagErrorKind};
pub(crate) use parse::{body_start, is_name, key_is, split, FewParts, PartList};

/// Which grammar a `repeatFlag` uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FlagKind {
    /// Not recurring: `""`, `RRULE:FREQ=NONE` or `FREQ=NONE`.
    None,
    /// `RRULE:...`, or a bare `FREQ=...` without prefix.
    RRule,
    /// `ERULE:...` (`NAME=CUSTOM`, `NAME=FORGETTINGCURVE`).
    ERule,
    /// `LUNAR:...`: the Chinese lunisolar calendar.
    Lunar,
}

/// One `KEY=VALUE` part of a flag, as byte ranges into the flag's text.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Part {
    pub(crate) key: Range<usize>,
    pub(crate) value: Range<usize>,
}

/// A `repeatFlag` split into its `KEY=VALUE` parts, with its original text kept byte for byte.
///
/// ```
/// use ticktick_recur::RepeatFlag;
/// let flag: RepeatFlag = "RRULE:FREQ=DAILY;INTERVAL=1;COUNT=30".parse()?;
/// assert_eq!(flag.get("COUNT"), Some("30"));
/// assert_eq!(flag.with_count(29)?.as_str(), "RRULE:FREQ=DAILY;INTERVAL=1;COUNT=29");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RepeatFlag {
    pub(crate) text: String,
    pub(crate) kind: FlagKind,
    pub(crate) parts: Vec<Part>,
}

impl RepeatFlag {
    /// The flag's text, exactly as given (or as edited in place).
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Which grammar the flag uses.
    #[must_use]
    pub fn kind(&self) -> FlagKind {
        self.kind
    }

    /// Whether the flag describes a recurrence at all.
    #[must_use]
    pub fn is_recurring(&self) -> bool {
        self.kind != FlagKind::None
    }

    /// The `(KEY, VALUE)` parts in the order they appear, unknown keys included.
    pub fn parts(&self) -> impl Iterator<Item = (&str, &str)> {
        self.parts
            .iter()
            .map(|p| (&self.text[p.key.clone()], &self.text[p.value.clone()]))
    }

    /// The value of the first part named `key` (ASCII case-insensitive).
    #[must_use]
    pub fn get(&self, key: &str) -> Option<&str> {
        self.parts()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .map(|(_, v)| v)
    }
}

impl std::fmt::Display for RepeatFlag {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text)
    }
}

impl std::str::FromStr for RepeatFlag {
    type Err = FlagError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        RepeatFlag::parse(s)
    }
}
