//! The compiled zone table (`build.rs`, `src/zone/`) against chrono-tz, which carries the same tz
//! database release: the same names, the same offset at every instant, and the same instant for every
//! wall-clock time around every transition (chrono-tz's answer, with gaps shifted forward by the offset in
//! force before them and folds taking the earlier instant, as `Zone` documents).
//!
//! Every zone is sampled daily from 1800 to 2100 and every change found is located to the second. Slow
//! in a debug build (seconds in release); the test suite runs in release.

use chrono::{DateTime, LocalResult, NaiveDateTime, Offset, TimeDelta, TimeZone, Utc};
use chrono_tz::Tz;
use ticktick_recur::{Zone, TZDATA_VERSION};

const FROM: i64 = -5_364_662_400; // 1800-01-01T00:00:00Z
const TO: i64 = 4_133_980_800; // 2101-01-01T00:00:00Z
const DAY: i64 = 86_400;

fn utc(t: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(t, 0).unwrap()
}

fn wall(t: i64) -> NaiveDateTime {
    utc(t).naive_utc()
}

fn chrono_offset(tz: Tz, t: i64) -> i64 {
    i64::from(
        tz.offset_from_utc_datetime(&wall(t))
            .fix()
            .local_minus_utc(),
    )
}

fn our_offset(zone: Zone, t: i64) -> i64 {
    (zone.local(utc(t)) - wall(t)).num_seconds()
}

/// The documented policy, on chrono-tz: the earlier instant of a fold; in a gap, the offset of the
/// last time that exists before it (found an hour at a time), applied to the wall-clock time.
fn chrono_instant(tz: Tz, local: NaiveDateTime) -> DateTime<Utc> {
    match tz.from_local_datetime(&local) {
        LocalResult::Single(t) => t.with_timezone(&Utc),
        LocalResult::Ambiguous(a, b) => a.with_timezone(&Utc).min(b.with_timezone(&Utc)),
        LocalResult::None => {
            for hours in 1..=48 {
                let probe = local - TimeDelta::hours(hours);
                let offset = match tz.from_local_datetime(&probe) {
                    LocalResult::Single(t) => t.offset().fix(),
                    LocalResult::Ambiguous(_, later) => later.offset().fix(),
                    LocalResult::None => continue,
                };
                let shift = TimeDelta::seconds(i64::from(offset.local_minus_utc()));
                return (local - shift).and_utc();
            }
            panic!("{tz}: no time exists within two days before {local}");
        }
    }
}

#[test]
fn the_table_is_the_release_chrono_tz_carries() {
    assert_eq!(TZDATA_VERSION, chrono_tz::IANA_TZDB_VERSION);
}

#[test]
fn the_same_names() {
    let ours: Vec<&str> = Zone::all().map(|zone| zone.name()).collect();
    let mut theirs: Vec<&str> = chrono_tz::TZ_VARIANTS.iter().map(|tz| tz.name()).collect();
    theirs.sort_unstable();
    assert_eq!(ours, theirs);
    for name in theirs {
        assert_eq!(name.parse::<Zone>().unwrap().name(), name);
    }
}

/// Locates the change of offset in `(lo, hi]` to the second, by chrono-tz.
fn transition(tz: Tz, mut lo: i64, mut hi: i64) -> i64 {
    let after = chrono_offset(tz, hi);
    while hi - lo > 1 {
        let mid = lo + (hi - lo) / 2;
        if chrono_offset(tz, mid) == after {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    hi
}

#[test]
#[cfg_attr(
    debug_assertions,
    ignore = "samples every zone daily for three centuries; run in release"
)]
fn every_zone_has_chrono_tz_offsets_and_instants() {
    let mut transitions = 0;
    for tz in chrono_tz::TZ_VARIANTS {
        let zone: Zone = tz.name().parse().unwrap();
        let mut previous = chrono_offset(tz, FROM);
        let mut t = FROM;
        while t < TO {
            let next = t + DAY;
            let offset = chrono_offset(tz, next);
            assert_eq!(our_offset(zone, next), offset, "{tz} at {}", utc(next));
            if offset != previous {
                transitions += 1;
                let at = transition(tz, t, next);
                assert_eq!(
                    our_offset(zone, at - 1),
                    previous,
                    "{tz} at {}",
                    utc(at - 1)
                );
                assert_eq!(our_offset(zone, at), offset, "{tz} at {}", utc(at));
                // Every 7 minutes of wall-clock time from 3 hours before to 3 hours after the change,
                // and each second at its edges.
                let edge = at + previous.min(offset);
                let walls = (-26..=26)
                    .map(|k| edge + k * 7 * 60)
                    .chain([-1, 0, 1].map(|s| at + previous + s))
                    .chain([-1, 0, 1].map(|s| at + offset + s));
                for w in walls {
                    let local = wall(w);
                    assert_eq!(
                        zone.instant(local),
                        chrono_instant(tz, local),
                        "{tz} at wall-clock {local}"
                    );
                }
            }
            previous = offset;
            t = next;
        }
    }
    // Sanity: the walk saw the database's transitions, not a constant table.
    assert!(transitions > 30_000, "only {transitions} transitions seen");
}
