//! # ticktick-recur
//!
//! TickTick recurring tasks, computed exactly.
//!
//! The pipeline, one module a stage:
//!
//! 1. **parse** the `repeatFlag` text into parts, keeping it byte for byte ([`RepeatFlag`]);
//! 2. **validate** it once against RFC 5545 and TickTick's extensions ([`Recurrence`], [`Rule`]);
//! 3. **expand** it in wall-clock time of an IANA zone ([`Series`], [`Zone`]), jumping straight to the
//!    period of interest instead of walking the series from its start;
//! 4. apply TickTick's **task** semantics (`repeatFrom`, COUNT, exDate, ...) and build the batch body
//!    that TickTick's own clients send.
//!
//! ```
//! use ticktick_recur::{parse_instant, RepeatFlag, Series, Zone};
//!
//! let flag: RepeatFlag = "RRULE:FREQ=MONTHLY;INTERVAL=1;BYDAY=-1FR".parse()?;
//! let rule = flag.validate()?;
//! let zone: Zone = "Europe/Istanbul".parse()?;
//! let series = Series::new(&rule, parse_instant("2000-01-28T17:00:00+02:00")?, zone)?;
//! let next = series.after(parse_instant("2026-01-17T00:00:00Z")?).unwrap();
//! assert_eq!(next.local().to_string(), "2026-01-30 17:00:00");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! ## Bad input and bounded work
//!
//! Every entry point answers any input with a value or a typed [`Error`], never a panic. Each search
//! for an occurrence is bounded: periods are never expanded into lists of their candidates (a year of
//! every second is its days times its times of day), BYSETPOS and seeking within a period are
//! arithmetic, COUNT is counted a day at a time, and a sub-daily walk goes from a time of day BYHOUR,
//! BYMINUTE or BYSECOND refuse straight to the next one they allow. What arithmetic cannot skip is
//! limited to [`SEARCH_STEPS`] steps per occurrence (under 10 ms in a release build): [`Series::new`]
//! refuses a rule whose first occurrence lies beyond that with [`Error::SearchLimit`], and the
//! checked walks ([`Series::try_after`], [`Series::try_iter`], [`Series::try_iter_after`]), which the
//! task actions and the command line use, report it as that error. The unchecked walks
//! ([`Series::iter`], [`Series::after`], ...) stay exact however long an input makes them.
#![deny(missing_docs)]
#![forbid(unsafe_code)]
// No panics outside tests: a recurrence library is fed strings from servers and users, and must
// answer every input with a result or a typed error. Where an invariant makes a panic impossible, the
// site says so in an `#[allow]` with its reason.
#![cfg_attr(
    not(test),
    warn(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic
    )
)]

mod error;
mod expand;
mod flag;
mod instant;
mod objectid;
mod rule;
pub mod task;
mod zone;

pub use error::{internal_error_text, Error};
#[doc(hidden)]
pub use expand::{listed_days, table_bytes};
pub use expand::{
    CheckedOccurrences, HolidayCalendar, HolidayError, Occurrence, Occurrences, Series,
    SEARCH_STEPS,
};
pub use flag::{FlagError, FlagErrorKind, FlagKind, RepeatFlag};
pub use instant::{format_date, format_instant, parse_date, parse_instant};
pub use objectid::{HexError, IdSeed, ObjectId, ObjectIdGenerator};
pub use rule::{
    Frequency, LunarRule, Recurrence, Rule, SkipDays, Until, Weekday, WeekdayNum, Workday,
};
pub use zone::{Zone, TZDATA_VERSION};
