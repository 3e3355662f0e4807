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
//! // `Err` when the search would take more than the documented bound; `None` when the series ends.
//! let next = series.after(parse_instant("2026-01-17T00:00:00Z")?)?.ok_or("the series ended")?;
//! assert_eq!(next.local().to_string(), "2026-01-30 17:00:00");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Dates and instants are [`chrono`]'s types, re-exported as [`ticktick_recur::chrono`](chrono) so
//! that callers need not name the same version in their own `Cargo.toml`.
//!
//! ## Features
//!
//! - `cli` (default): the `ticktick-recur` command line, built on clap. It is on by default so that
//!   `cargo run` and `cargo install` give the binary; a library user turns it off, and compiles no
//!   clap, with `ticktick-recur = { version = "0.1", default-features = false }`.
//! - `zone-filter`: only the zones whose names match the regular expression in the
//!   `TICKTICK_RECUR_ZONES` environment variable at build time (and UTC), for size-constrained
//!   builds.
//!
//! ## Bad input and bounded work
//!
//! Every entry point answers any input with a value or a typed [`Error`], never a panic. Each search
//! for an occurrence is bounded: periods are never expanded into lists of their candidates (a year of
//! every second is its days times its times of day), BYSETPOS and seeking within a period are
//! arithmetic, COUNT is counted a day at a time, and a sub-daily walk goes from a time of day BYHOUR,
//! BYMINUTE or BYSECOND refuse straight to the next one they allow. What arithmetic cannot skip is
//! limited to [`SEARCH_STEPS`] steps per occurrence (under 10 ms in a release build): [`Series::new`]
//! refuses a rule whose first occurrence lies beyond that with [`Error::SearchLimit`], and the walks
//! ([`Series::after`], [`Series::iter`], [`Series::iter_after`]), which the task actions and the
//! command line use, report it as that error. The unbounded walks ([`Series::after_unbounded`],
//! [`Series::iter_unbounded`], [`Series::iter_after_unbounded`]) stay exact however long an input
//! makes them.
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

pub mod agenda;
mod error;
mod expand;
mod flag;
mod instant;
mod objectid;
mod rule;
mod sort;
mod surface;
pub mod task;
mod zone;

/// The date and time library of this crate's API ([`chrono::DateTime`], [`chrono::NaiveDate`], ...),
/// re-exported so that callers use the same version without naming it in their own `Cargo.toml`.
pub use chrono;
pub use error::{internal_error_text, Error};
#[doc(hidden)]
pub use expand::{listed_days, table_bytes};
pub use expand::{
    CheckedOccurrences, HolidayCalendar, HolidayError, Occurrence, Occurrences, Series, Window,
    LUNAR_RANGE, SEARCH_STEPS,
};
pub use flag::{FlagError, FlagErrorKind, FlagKind, RepeatFlag};
pub use instant::{format_date, format_instant, parse_date, parse_instant, InstantProblem};
pub use objectid::{HexError, IdSeed, ObjectId, ObjectIdGenerator};
pub use rule::{
    Frequency, LunarRule, Recurrence, Rule, SkipDays, Until, Weekday, WeekdayNum, Workday,
};
pub use surface::{error_line, ExpandRequest, EXPAND_LIMIT};
pub use zone::{Zone, TZDATA_VERSION};

/// The README's Rust examples, run as documentation tests so that they keep compiling and passing.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
