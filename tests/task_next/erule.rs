//! ERULE: the forgetting curve and custom dates.

use serde_json::json;
use ticktick_recur::task::next_occurrence;
use ticktick_recur::Error;

use crate::{at, next, task, walk};

#[test]
fn forgetting_curve_next_start_is_current_plus_the_cycles_gap() {
    for (cycle, expected) in [
        (0, "2026-01-02"),
        (1, "2026-01-02"),
        (2, "2026-01-03"),
        (3, "2026-01-04"),
        (4, "2026-01-09"),
        (5, "2026-01-16"),
        (9, "2026-01-16"),
    ] {
        let t = task(json!({
            "startDate": "2026-01-01T09:00:00.000+0000", "timeZone": "UTC",
            "repeatFlag": format!("ERULE:NAME=FORGETTINGCURVE;CYCLE={cycle}"), "repeatFrom": "2"
        }));
        assert_eq!(
            next(&t, "2026-03-01T00:00:00Z").as_deref(),
            Some(format!("{expected}T09:00:00.000+0000").as_str()),
            "CYCLE={cycle}"
        );
    }
}

#[test]
fn custom_dates_run_out() {
    let t = task(json!({
        "startDate": "2026-03-19T09:00:00.000+0000", "timeZone": "UTC",
        "repeatFlag": "ERULE:NAME=CUSTOM;BYDATE=20260319,20260320,20260402", "repeatFrom": "2"
    }));
    assert_eq!(
        walk(&t, "2026-01-01T00:00:00Z", 5),
        [
            "2026-03-20T09:00:00.000+0000",
            "2026-04-02T09:00:00.000+0000"
        ]
    );
}

#[test]
fn custom_dates_always_repeat_from_the_due_date() {
    for mode in ["0", "1", "2"] {
        let t = task(json!({
            "startDate": "2026-03-19T09:00:00.000+0000", "timeZone": "UTC",
            "repeatFlag": "ERULE:NAME=CUSTOM;BYDATE=20260319,20260320,20260402", "repeatFrom": mode
        }));
        assert_eq!(
            next(&t, "2026-03-25T00:00:00Z").as_deref(),
            Some("2026-03-20T09:00:00.000+0000"),
            "mode {mode}"
        );
    }
}

#[test]
fn lunar_flags_move_to_the_next_lunar_date() {
    // Lunar New Year at 17:00 in Shanghai: 2027-02-06 after 2026-03-19 (tests/lunar.rs has the rest).
    let t = task(json!({
        "startDate": "2026-03-19T09:00:00.000+0000", "timeZone": "Asia/Shanghai",
        "repeatFlag": "LUNAR:FREQ=YEARLY;INTERVAL=1;BYMONTH=1;BYMONTHDAY=1", "repeatFrom": "0"
    }));
    assert_eq!(
        next(&t, "2026-03-25T00:00:00Z").as_deref(),
        Some("2027-02-06T09:00:00.000+0000")
    );
}

#[test]
fn malformed_flags_are_flag_errors() {
    let t = task(
        json!({"startDate": "2026-03-19T09:00:00.000+0000", "repeatFlag": "RRULE:FREQ=DAILY;BYDAY=XX"}),
    );
    let e = next_occurrence(&t, at("2026-03-25T00:00:00Z")).unwrap_err();
    assert!(matches!(e, Error::Flag(_)), "{e}");
}
