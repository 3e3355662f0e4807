//! The reminder trigger reader on arbitrary text, and the fire times of what it accepts: never a
//! panic; an error's offset lies on a character boundary of the text; an accepted trigger's canonical
//! text reads back as the same trigger; and its fire time, for any start in any zone, timed or all
//! day, is the one BEHAVIOUR.md §8 defines, worked out here on chrono's dates (the engine takes a
//! faster path on wall-clock seconds near the present).
//!
//! The input is a few bytes of parameters (the occurrence's start, the zone, all-day), then the
//! trigger's text.
#![no_main]

use arbitrary::{Arbitrary, Unstructured};
use chrono::{DateTime, NaiveDateTime, NaiveTime, TimeDelta, Utc};
use libfuzzer_sys::fuzz_target;
use ticktick_recur::agenda::Trigger;
use ticktick_recur::Zone;

#[derive(Debug, Arbitrary)]
struct Params {
    /// Seconds from 2026-03-01T00:00:00Z, so that most starts are near the present.
    near: i32,
    /// A start anywhere in chrono's range instead, when given.
    far: Option<i64>,
    /// Nanoseconds of the start, rarely non-zero.
    nanos: u32,
    zone: u16,
    all_day: bool,
}

/// `local` moved by `days` calendar days, then by `seconds`.
fn shift(local: NaiveDateTime, days: i64, seconds: i64) -> Option<NaiveDateTime> {
    local
        .checked_add_signed(TimeDelta::try_days(days)?)?
        .checked_add_signed(TimeDelta::try_seconds(seconds)?)
}

/// The fire time by BEHAVIOUR.md §8, on chrono's dates.
fn expected(
    t: &Trigger,
    text: &str,
    start: DateTime<Utc>,
    zone: Zone,
    all_day: bool,
) -> Option<DateTime<Utc>> {
    let sign = if t.is_negative() { -1 } else { 1 };
    let days = sign * i64::try_from(t.days()).ok()?;
    let mut seconds = sign * i64::try_from(t.seconds()).ok()?;
    if all_day {
        // TickTick's older all-day triggers: whole days (`-P1D`), or a zero duration without days
        // (`PT0S`), fire at 09:00.
        let time_only = text.contains("PT");
        if !t.has_time() || (time_only && seconds == 0) {
            seconds = 9 * 3600;
        }
        let midnight = zone.local(start).date().and_time(NaiveTime::MIN);
        return Some(zone.instant(shift(midnight, days, seconds)?));
    }
    let base = if days == 0 {
        start
    } else {
        zone.instant(shift(zone.local(start), days, 0)?)
    };
    base.checked_add_signed(TimeDelta::try_seconds(seconds)?)
}

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let Ok(p) = Params::arbitrary(&mut u) else {
        return;
    };
    let Ok(text) = std::str::from_utf8(u.take_rest()) else {
        return;
    };
    let trigger: Trigger = match text.parse() {
        Ok(t) => t,
        Err(e) => {
            assert!(
                e.offset() <= text.len() && text.is_char_boundary(e.offset()),
                "{text:?}"
            );
            assert_eq!(e.text(), text);
            assert!(e.to_string().contains(&format!("{text:?}")), "{e}");
            return;
        }
    };
    let canonical = trigger.to_string();
    assert_eq!(canonical.parse::<Trigger>(), Ok(trigger), "{text:?}");
    assert_eq!(
        canonical
            .parse::<Trigger>()
            .map(|t| t.to_string())
            .as_deref(),
        Ok(canonical.as_str())
    );

    let base = DateTime::from_timestamp(1_772_323_200, 0).unwrap_or_default();
    let start = match p.far.and_then(|s| DateTime::from_timestamp(s, 0)) {
        Some(t) => t,
        None => base + TimeDelta::seconds(i64::from(p.near)),
    };
    // A start with a fraction of a second, as a task's startDate may carry milliseconds.
    let start = match p.nanos % 16 {
        0 => start
            .checked_add_signed(TimeDelta::nanoseconds(i64::from(p.nanos % 1_000_000_000)))
            .unwrap_or(start),
        _ => start,
    };
    let zones = Zone::all().len();
    let Some(zone) = Zone::all().nth(usize::from(p.zone) % zones) else {
        return;
    };
    let got = trigger.fire_time(start, zone, p.all_day);
    let want = expected(&trigger, &canonical, start, zone, p.all_day);
    assert_eq!(
        got,
        want,
        "{text:?} from {start} in {} (all day: {})",
        zone.name(),
        p.all_day
    );
});
