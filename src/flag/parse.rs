//! Splitting a `repeatFlag` into its parts.

use super::{FlagError, FlagKind, RepeatFlag};

impl RepeatFlag {
    /// Splits `text` into its prefix and `KEY=VALUE` parts, keeping the text byte for byte.
    ///
    /// # Errors
    ///
    /// A [`FlagError`] with the byte offset of an unknown prefix or a part that is not `KEY=VALUE`.
    pub fn parse(text: &str) -> Result<RepeatFlag, FlagError> {
        let _ = (text, FlagKind::None);
        todo!()
    }

    /// The flag with its `COUNT` value replaced in place by `count`; every other byte unchanged.
    ///
    /// # Errors
    ///
    /// [`FlagErrorKind::MissingKey`](super::FlagErrorKind::MissingKey) when the flag has no `COUNT`.
    pub fn with_count(&self, count: u32) -> Result<RepeatFlag, FlagError> {
        let _ = count;
        todo!()
    }

    /// The flag with its `CYCLE` value replaced in place by `cycle`; every other byte unchanged.
    ///
    /// # Errors
    ///
    /// [`FlagErrorKind::MissingKey`](super::FlagErrorKind::MissingKey) when the flag has no `CYCLE`.
    pub fn with_cycle(&self, cycle: u32) -> Result<RepeatFlag, FlagError> {
        let _ = cycle;
        todo!()
    }

    /// Checks the flag against RFC 5545 and TickTick's extensions, once, producing the rule the
    /// expander takes.
    ///
    /// # Errors
    ///
    /// A [`FlagError`] naming the offending part and its byte offset.
    pub fn validate(&self) -> Result<crate::Recurrence, FlagError> {
        crate::rule::validate(self)
    }
}
