//! Differential tests against the `rrule` crate (0.14, a dev-dependency): random RFC 5545 rules in
//! DST-heavy zones, expanded by both engines and compared as UTC instants.
//!
//! The `rrule` crate is a port of python-dateutil and shares our reading of RFC 5545, so any
//! disagreement is either a bug here or one of its known defects. Those defects are excluded from the
//! random comparison, precisely and by name, and each one has a named test (`named.rs`) that shows both
//! answers and checks that ours is the right one (BEHAVIOUR.md §3: a wall-clock time in a DST
//! gap moves forward by the gap's length, one in a fold takes the earlier instant; RFC 5545 for the
//! rest):
//!
//! - it drops an occurrence whose wall-clock time does not exist (or is ambiguous) on a day whose
//!   midnight does not exist either (Sao Paulo's DST started at midnight; Apia skipped 2011-12-30);
//! - it refuses a DTSTART inside a gap or a fold;
//! - it keeps a candidate whose wall-clock time lies in a gap just before DTSTART's (moved forward by
//!   the gap, it lands at or after the start's instant), where RFC 5545 and python-dateutil drop
//!   every candidate earlier than DTSTART;
//! - it gives up silently (an empty result, no error) after 100,000 loop iterations;
//! - it rejects `BYDAY=-5FR` with `FREQ=MONTHLY`, `BYSETPOS` beyond its guess of the set's size, and
//!   `BYSETPOS` whose only companion is a negative `BYMONTHDAY`;
//! - it misses week 1 when BYWEEKNO names it by a negative number (-52 in a 52-week year), a gap it
//!   inherits from python-dateutil;
//! - it loses occurrences after the year 9999 (python-dateutil's `MAXYEAR`), where ours go on to
//!   the end of chrono's calendar;
//! - it counts the previous year's weeks wrongly when that year's week 1 began after 1 January
//!   (python-dateutil's formula again), so the January days of that year's last week are found by
//!   the wrong week number (1983-01-01 is in week 52 of 1982, which it calls 53);
//! - it cannot skip whole periods in a `MINUTELY` or `SECONDLY` rule: it finds nothing when a day
//!   filter meets a coarser time filter (`BYDAY=MO;BYHOUR=1`), and it loses the `INTERVAL` grid after
//!   skipping days, hours or minutes.
//!
//! One disagreement is a reading of RFC 5545, not a defect: python-dateutil and the rrule crate
//! intersect plain and ordinal BYDAY entries (`MO,-1MO` is the last Monday), we take their union
//! (every Monday), as libical does. The named test shows it; the random rules do not mix the two.
//! Likewise they apply WEEKLY BYSETPOS in the first week from the start rather than from WKST, so
//! WEEKLY rules with BYSETPOS start on WKST.
//!
//! A rule our engine does not finish in 20 s fails the test by name (without shrinking).
//!
//! Zones: America/New_York, Europe/London, Australia/Lord_Howe (30-minute DST), America/Sao_Paulo
//! (DST at midnight until 2019), Africa/Cairo, Pacific/Apia (skipped a day), Europe/Istanbul,
//! Asia/Kolkata, UTC. Dates stay within 1970-2037. Each property runs 64 cases unless
//! `PROPTEST_CASES` says otherwise.

#[path = "../support/mod.rs"]
mod support;

mod named;
mod random;

use chrono::{DateTime, NaiveDateTime, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use rrule::RRuleSet;

/// The `rrule` crate's answer for the same rule: `all(take)`, which stops after 100,000 idle loop
/// iterations, or the unlimited iterator when `unlimited`.
pub(crate) fn theirs(
    flag: &str,
    zone: &str,
    start: NaiveDateTime,
    take: usize,
    unlimited: bool,
) -> Result<Vec<DateTime<Utc>>, String> {
    let rule = flag.strip_prefix("RRULE:").unwrap_or(flag);
    let text = format!(
        "DTSTART;TZID={zone}:{}\nRRULE:{rule}",
        start.format("%Y%m%dT%H%M%S")
    );
    let set: RRuleSet = text.parse().map_err(|e| format!("{e}"))?;
    let dates: Vec<_> = if unlimited {
        set.into_iter().take(take).collect()
    } else {
        set.all(u16::try_from(take).expect("take fits u16")).dates
    };
    Ok(dates.into_iter().map(|d| d.with_timezone(&Utc)).collect())
}

/// Whether the `rrule` crate drops an occurrence at this wall-clock time: it builds the instant with
/// `single()` and, failing that, as midnight plus the time of day; when midnight does not exist (or
/// is ambiguous) either, the occurrence is lost.
pub(crate) fn rrule_crate_drops(tz: Tz, local: NaiveDateTime) -> bool {
    let midnight = local.date().and_time(NaiveTime::MIN);
    tz.from_local_datetime(&local).single().is_none()
        && tz.from_local_datetime(&midnight).single().is_none()
}
