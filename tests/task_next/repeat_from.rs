//! The guide's example (due Jun 15, every 2 days, checked off on Jun 18) and the details of
//! `repeatFrom` (BEHAVIOUR.md §4).

use serde_json::json;
use ticktick_recur::task::{next_occurrence, RepeatFrom};
use ticktick_recur::Error;

use crate::{at, guide_task, next, task, GUIDE_DONE};

#[test]
fn guide_from_due_date_is_jun_17() {
    assert_eq!(
        next(&guide_task("0"), GUIDE_DONE).as_deref(),
        Some("2026-06-17T07:00:00.000+0000")
    );
}

#[test]
fn guide_default_is_jun_19() {
    assert_eq!(
        next(&guide_task("2"), GUIDE_DONE).as_deref(),
        Some("2026-06-19T07:00:00.000+0000")
    );
}

#[test]
fn guide_from_completion_date_is_jun_20() {
    assert_eq!(
        next(&guide_task("1"), GUIDE_DONE).as_deref(),
        Some("2026-06-20T07:00:00.000+0000")
    );
}

#[test]
fn guide_dates_move_together() {
    let dates = next_occurrence(&guide_task("1"), at(GUIDE_DONE))
        .unwrap()
        .unwrap();
    assert_eq!(dates.start_date, dates.due_date);
}

#[test]
fn repeat_from_null_empty_and_missing_mean_default() {
    for value in [json!(null), json!(""), json!(2), json!("2")] {
        let mut t = guide_task("2");
        t.set("repeatFrom", value.clone()).unwrap();
        assert_eq!(t.repeat_from(), RepeatFrom::Default, "{value}");
        assert_eq!(
            next(&t, GUIDE_DONE).as_deref(),
            Some("2026-06-19T07:00:00.000+0000")
        );
    }
    let mut t = guide_task("2");
    t.remove("repeatFrom");
    assert_eq!(
        next(&t, GUIDE_DONE).as_deref(),
        Some("2026-06-19T07:00:00.000+0000")
    );
}

#[test]
fn repeat_from_numbers_are_accepted() {
    let mut t = guide_task("2");
    t.set("repeatFrom", json!(0)).unwrap();
    assert_eq!(
        next(&t, GUIDE_DONE).as_deref(),
        Some("2026-06-17T07:00:00.000+0000")
    );
    t.set("repeatFrom", json!(1)).unwrap();
    assert_eq!(
        next(&t, GUIDE_DONE).as_deref(),
        Some("2026-06-20T07:00:00.000+0000")
    );
}

// ---- repeatFrom details ----

#[test]
fn from_due_date_moves_to_the_next_occurrence_even_in_the_past() {
    let t = guide_task("0");
    assert_eq!(
        next(&t, "2027-01-01T00:00:00Z").as_deref(),
        Some("2026-06-17T07:00:00.000+0000")
    );
}

/// [chosen] repeatFrom "2" compares with the completion instant, not its date.
#[test]
fn chosen_default_mode_compares_the_completion_instant_not_its_date() {
    let t = task(json!({
        "startDate": "2026-06-15T18:00:00.000+0000", "timeZone": "UTC",
        "repeatFlag": "RRULE:FREQ=DAILY", "repeatFrom": "2"
    }));
    // Completed on Jun 16 at 10:00: the occurrence at 18:00 that day is still ahead.
    assert_eq!(
        next(&t, "2026-06-16T10:00:00Z").as_deref(),
        Some("2026-06-16T18:00:00.000+0000")
    );
    // Completed exactly at an occurrence: strictly after, so the one after it.
    assert_eq!(
        next(&t, "2026-06-16T18:00:00Z").as_deref(),
        Some("2026-06-17T18:00:00.000+0000")
    );
}

#[test]
fn default_mode_completed_before_the_start_moves_one_occurrence() {
    let t = task(json!({
        "startDate": "2026-01-17T14:00:00.000+0000", "dueDate": "2026-01-17T15:00:00.000+0000",
        "timeZone": "Europe/Istanbul", "repeatFlag": "RRULE:FREQ=DAILY;INTERVAL=1", "repeatFrom": "2"
    }));
    assert_eq!(
        next(&t, "2026-01-17T13:16:24Z").as_deref(),
        Some("2026-01-18T14:00:00.000+0000")
    );
}

#[test]
fn from_completion_ignores_byday() {
    // Mon/Wed/Fri, done on Tuesday: one week after Tuesday, not the next listed weekday.
    let t = task(json!({
        "startDate": "2026-01-19T09:00:00.000+0000", "timeZone": "UTC",
        "repeatFlag": "RRULE:FREQ=WEEKLY;BYDAY=MO,WE,FR", "repeatFrom": "1"
    }));
    assert_eq!(
        next(&t, "2026-01-20T17:00:00Z").as_deref(),
        Some("2026-01-27T09:00:00.000+0000")
    );
}

#[test]
fn from_completion_ignores_bymonthday_and_bysetpos() {
    let t = task(json!({
        "startDate": "2026-01-30T09:00:00.000+0000", "timeZone": "UTC",
        "repeatFlag": "RRULE:FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1", "repeatFrom": "1"
    }));
    assert_eq!(
        next(&t, "2026-02-10T12:00:00Z").as_deref(),
        Some("2026-03-10T09:00:00.000+0000")
    );
}

#[test]
fn from_completion_uses_the_local_date_in_the_task_zone() {
    // 23:30Z on Jun 18 is already Jun 19 in Tokyo.
    let t = task(json!({
        "startDate": "2026-06-15T00:00:00.000+0000", "timeZone": "Asia/Tokyo",
        "repeatFlag": "RRULE:FREQ=DAILY;INTERVAL=2", "repeatFrom": "1"
    }));
    assert_eq!(
        next(&t, "2026-06-18T23:30:00Z").as_deref(),
        Some("2026-06-21T00:00:00.000+0000")
    );
}

#[test]
fn from_completion_keeps_the_original_time_of_day_across_dst() {
    // 09:00 New York; done late on Mar 7 (EST): next is Mar 8 09:00 EDT.
    let t = task(json!({
        "startDate": "2026-03-05T14:00:00.000+0000", "timeZone": "America/New_York",
        "repeatFlag": "RRULE:FREQ=DAILY", "repeatFrom": "1"
    }));
    assert_eq!(
        next(&t, "2026-03-08T04:30:00Z").as_deref(),
        Some("2026-03-08T13:00:00.000+0000")
    );
}

/// [chosen] months are added to the completion date by clamping to the month's end.
#[test]
fn chosen_from_completion_clamps_to_the_month_end() {
    let t = task(json!({
        "startDate": "2026-01-31T09:00:00.000+0000", "timeZone": "UTC",
        "repeatFlag": "RRULE:FREQ=MONTHLY", "repeatFrom": "1"
    }));
    assert_eq!(
        next(&t, "2026-01-31T10:00:00Z").as_deref(),
        Some("2026-02-28T09:00:00.000+0000")
    );
}

/// [chosen] a sub-daily rule repeating from completion adds to the completion's wall-clock time.
#[test]
fn chosen_from_completion_sub_daily_adds_to_the_completion_time() {
    let t = task(json!({
        "startDate": "2026-01-31T09:00:00.000+0000", "timeZone": "UTC",
        "repeatFlag": "RRULE:FREQ=HOURLY;INTERVAL=2", "repeatFrom": "1"
    }));
    assert_eq!(
        next(&t, "2026-01-31T10:17:00Z").as_deref(),
        Some("2026-01-31T12:17:00.000+0000")
    );
}

#[test]
fn from_completion_drops_weekend_days() {
    let t = task(json!({
        "startDate": "2026-01-15T09:00:00.000+0000", "timeZone": "UTC",
        "repeatFlag": "RRULE:FREQ=DAILY;INTERVAL=1;TT_SKIP=WEEKEND", "repeatFrom": "1"
    }));
    // Done on Friday Jan 16: Saturday and Sunday are dropped.
    assert_eq!(
        next(&t, "2026-01-16T12:00:00Z").as_deref(),
        Some("2026-01-19T09:00:00.000+0000")
    );
}

#[test]
fn from_completion_skips_exdates() {
    let t = task(json!({
        "startDate": "2026-06-15T07:00:00.000+0000", "timeZone": "Europe/Berlin",
        "repeatFlag": "RRULE:FREQ=DAILY;INTERVAL=2", "repeatFrom": "1", "exDate": ["20260620"]
    }));
    assert_eq!(
        next(&t, GUIDE_DONE).as_deref(),
        Some("2026-06-22T07:00:00.000+0000")
    );
}

#[test]
fn from_completion_ends_at_until() {
    let t = task(json!({
        "startDate": "2026-06-15T07:00:00.000+0000", "timeZone": "Europe/Berlin",
        "repeatFlag": "RRULE:FREQ=DAILY;INTERVAL=2;UNTIL=20260619", "repeatFrom": "1"
    }));
    assert_eq!(next(&t, GUIDE_DONE), None);
}

#[test]
fn from_completion_that_can_never_land_is_an_error() {
    // Weekly from a Saturday, weekends dropped: every candidate is a Saturday.
    let t = task(json!({
        "startDate": "2026-01-17T09:00:00.000+0000", "timeZone": "UTC",
        "repeatFlag": "RRULE:FREQ=WEEKLY;TT_SKIP=WEEKEND", "repeatFrom": "1"
    }));
    let e = next_occurrence(&t, at("2026-01-17T10:00:00Z")).unwrap_err();
    assert!(matches!(e, Error::NeverOccurs { .. }), "{e}");
    assert_eq!(
        e.to_string(),
        r#"rule "RRULE:FREQ=WEEKLY;INTERVAL=1;TT_SKIP=WEEKEND" can never produce an occurrence"#
    );
}

#[test]
fn next_start_equal_to_the_current_start_is_refused() {
    // Every 2 days from completion, done two days before the current start: nothing would move.
    let t = task(json!({
        "id": "t", "startDate": "2026-06-20T07:00:00.000+0000", "timeZone": "Europe/Berlin",
        "repeatFlag": "RRULE:FREQ=DAILY;INTERVAL=2", "repeatFrom": "1"
    }));
    let e = next_occurrence(&t, at(GUIDE_DONE)).unwrap_err();
    assert_eq!(
        e.to_string(),
        r#"cannot advance task "t": the next start would equal the current start 2026-06-20T07:00:00.000+0000"#
    );
}
