//! COUNT, UNTIL, exDate, TT_SKIP and TT_WORKDAY.

use serde_json::json;
use ticktick_recur::task::TaskDates;
use ticktick_recur::HolidayCalendar;

use crate::{at, date, guide_task, moved, next, task, walk, GUIDE_DONE};

#[test]
fn count_counts_from_the_current_start() {
    let flag = |n: u32| {
        task(json!({
            "startDate": "2026-01-17T15:00:00.000+0000", "timeZone": "UTC",
            "repeatFlag": format!("RRULE:FREQ=DAILY;INTERVAL=1;COUNT={n}"), "repeatFrom": "0"
        }))
    };
    assert_eq!(next(&flag(1), "2026-01-17T16:00:00Z"), None);
    assert_eq!(
        next(&flag(2), "2026-01-17T16:00:00Z").as_deref(),
        Some("2026-01-18T15:00:00.000+0000")
    );
}

/// With COUNT, the default mode jumps no occurrence (BEHAVIOUR.md §4).
#[test]
fn count_in_default_mode_moves_one_occurrence() {
    // COUNT=3 from Jun 15: Jun 15, 17, 19. Done on Jun 18 or Jun 20: Jun 17, the next of the three.
    let mut t = guide_task("2");
    t.set("repeatFlag", json!("RRULE:FREQ=DAILY;INTERVAL=2;COUNT=3"))
        .unwrap();
    for done in [GUIDE_DONE, "2026-06-20T10:00:00Z"] {
        assert_eq!(
            next(&t, done).as_deref(),
            Some("2026-06-17T07:00:00.000+0000")
        );
    }
}

#[test]
fn until_date_includes_the_whole_last_local_day() {
    // 20:00 in Los Angeles is 04:00Z the next day; UNTIL=20260120 still includes Jan 20 20:00 local.
    let t = task(json!({
        "startDate": "2026-01-20T04:00:00.000+0000", "timeZone": "America/Los_Angeles",
        "repeatFlag": "RRULE:FREQ=DAILY;UNTIL=20260120", "repeatFrom": "0"
    }));
    assert_eq!(
        walk(&t, "2026-01-01T00:00:00Z", 5),
        ["2026-01-21T04:00:00.000+0000"]
    );
}

/// On a task, `UNTIL=...Z` is its local date in the task's zone (BEHAVIOUR.md §3).
#[test]
fn until_instant_on_a_task_is_its_local_date() {
    // 03:59:59Z on Jan 21 is 19:59:59 on Jan 20 in Los Angeles: Jan 20 20:00 local still occurs.
    let t = task(json!({
        "startDate": "2026-01-20T04:00:00.000+0000", "timeZone": "America/Los_Angeles",
        "repeatFlag": "RRULE:FREQ=DAILY;UNTIL=20260121T035959Z", "repeatFrom": "0"
    }));
    assert_eq!(
        walk(&t, "2026-01-01T00:00:00Z", 5),
        ["2026-01-21T04:00:00.000+0000"]
    );
}

#[test]
fn exdates_are_skipped_by_every_mode() {
    for (mode, done) in [
        ("0", "2026-01-17T16:00:00Z"),
        ("2", "2026-01-17T16:00:00Z"),
        ("1", "2026-01-17T16:00:00Z"),
    ] {
        let t = task(json!({
            "startDate": "2026-01-17T15:00:00.000+0000", "timeZone": "UTC",
            "repeatFlag": "RRULE:FREQ=DAILY", "repeatFrom": mode, "exDate": ["20260118", "20260119"]
        }));
        assert_eq!(
            next(&t, done).as_deref(),
            Some("2026-01-20T15:00:00.000+0000"),
            "mode {mode}"
        );
    }
}

#[test]
fn exdate_is_a_local_date_in_the_task_zone() {
    // 23:00 in Tokyo on Jan 18 is 14:00Z the same day; exDate 20260118 removes it.
    let t = task(json!({
        "startDate": "2026-01-17T14:00:00.000+0000", "timeZone": "Asia/Tokyo",
        "repeatFlag": "RRULE:FREQ=DAILY", "repeatFrom": "0", "exDate": ["20260118"]
    }));
    assert_eq!(
        next(&t, "2026-01-17T16:00:00Z").as_deref(),
        Some("2026-01-19T14:00:00.000+0000")
    );
}

#[test]
fn weekends_are_dropped_not_moved() {
    let t = task(json!({
        "startDate": "2026-01-15T09:00:00.000+0000", "timeZone": "UTC",
        "repeatFlag": "RRULE:FREQ=DAILY;INTERVAL=1;TT_SKIP=WEEKEND", "repeatFrom": "0"
    }));
    assert_eq!(
        walk(&t, "2026-01-01T00:00:00Z", 3),
        [
            "2026-01-16T09:00:00.000+0000",
            "2026-01-19T09:00:00.000+0000",
            "2026-01-20T09:00:00.000+0000"
        ]
    );
}

#[test]
fn holidays_are_dropped_only_with_a_calendar() {
    let t = task(json!({
        "startDate": "2026-09-30T09:00:00.000+0000", "timeZone": "UTC",
        "repeatFlag": "RRULE:FREQ=DAILY;INTERVAL=1;TT_SKIP=HOLIDAY,WEEKEND", "repeatFrom": "0"
    }));
    assert_eq!(
        next(&t, "2026-09-30T10:00:00Z").as_deref(),
        Some("2026-10-01T09:00:00.000+0000")
    );
    // Oct 1-2 holidays, Saturday Oct 10 a make-up workday.
    let calendar =
        HolidayCalendar::new([date(2026, 10, 1), date(2026, 10, 2)], [date(2026, 10, 10)]).unwrap();
    let t = t.with_holidays(calendar);
    assert_eq!(
        next(&t, "2026-09-30T10:00:00Z").as_deref(),
        Some("2026-10-05T09:00:00.000+0000")
    );
    let t9 = moved(
        &t,
        TaskDates {
            start_date: Some(at("2026-10-09T09:00:00Z")),
            due_date: None,
        },
    );
    assert_eq!(
        next(&t9, "2026-10-09T10:00:00Z").as_deref(),
        Some("2026-10-10T09:00:00.000+0000")
    );
}

#[test]
fn last_working_day_of_the_month() {
    for flag in [
        "RRULE:FREQ=MONTHLY;INTERVAL=1;BYMONTHDAY=-1;TT_WORKDAY=-1",
        "RRULE:FREQ=MONTHLY;INTERVAL=1;BYMONTHDAY=1;TT_WORKDAY=-1",
    ] {
        let t = task(json!({
            "startDate": "2026-01-30T09:00:00.000+0000", "timeZone": "UTC",
            "repeatFlag": flag, "repeatFrom": "0"
        }));
        // Feb 28 and May 31 2026 are weekend days.
        assert_eq!(
            walk(&t, "2026-01-01T00:00:00Z", 4),
            [
                "2026-02-27T09:00:00.000+0000",
                "2026-03-31T09:00:00.000+0000",
                "2026-04-30T09:00:00.000+0000",
                "2026-05-29T09:00:00.000+0000"
            ],
            "{flag}"
        );
    }
}

#[test]
fn first_working_day_of_the_month() {
    let t = task(json!({
        "startDate": "2026-01-01T09:00:00.000+0000", "timeZone": "UTC",
        "repeatFlag": "RRULE:FREQ=MONTHLY;INTERVAL=1;BYMONTHDAY=1;TT_WORKDAY=1", "repeatFrom": "0"
    }));
    assert_eq!(
        walk(&t, "2026-01-01T00:00:00Z", 3),
        [
            "2026-02-02T09:00:00.000+0000",
            "2026-03-02T09:00:00.000+0000",
            "2026-04-01T09:00:00.000+0000"
        ]
    );
}
