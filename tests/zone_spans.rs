//! The zone resolver samples offsets every 6 days to find transitions (see `src/zone.rs`). That finds
//! every transition only if no zone keeps an offset for less than 6 days between 1900 and 2100. This
//! checks it for every zone of the bundled tz database, sampling every 12 hours.
//!
//! Slow in a debug build (a few seconds in release); the test suite runs in release.

use chrono::{DateTime, Offset, TimeZone};

const FROM: i64 = -2_208_988_800; // 1900-01-01T00:00:00Z
const TO: i64 = 4_102_444_800; // 2100-01-01T00:00:00Z
const STEP: i64 = 12 * 3_600;
const PROBE_STEP: i64 = 6 * 86_400;

#[test]
#[cfg_attr(
    debug_assertions,
    ignore = "samples every zone for two centuries; run in release"
)]
fn no_zone_keeps_an_offset_for_less_than_the_probe_step() {
    let mut shortest = (i64::MAX, "", 0);
    for tz in chrono_tz::TZ_VARIANTS {
        let offset = |t: i64| {
            let utc = DateTime::from_timestamp(t, 0).unwrap().naive_utc();
            tz.offset_from_utc_datetime(&utc).fix().local_minus_utc()
        };
        let mut current = offset(FROM);
        let mut last_change: Option<i64> = None;
        let mut t = FROM;
        while t < TO {
            t += STEP;
            let o = offset(t);
            if o != current {
                if let Some(c) = last_change {
                    if t - c < shortest.0 {
                        shortest = (t - c, tz.name(), t);
                    }
                }
                last_change = Some(t);
                current = o;
            }
        }
    }
    assert!(
        shortest.0 > PROBE_STEP + STEP,
        "{} keeps an offset for only {} hours, ending at {}",
        shortest.1,
        shortest.0 / 3_600,
        DateTime::from_timestamp(shortest.2, 0).unwrap()
    );
}
