//! Where a task goes next, and where it will be: one named test per rule of BEHAVIOUR.md §3-4.

use chrono::{DateTime, NaiveDate, Utc};
use serde_json::{json, Value};
use ticktick_recur::task::{next_occurrence, occurrences, RepeatFrom, Task, TaskDates};
use ticktick_recur::{format_instant, parse_instant, Error, HolidayCalendar, Zone};

fn task(v: Value) -> Task {
    Task::from_value(v).unwrap()
}

fn at(text: &str) -> DateTime<Utc> {
    parse_instant(text).unwrap()
}

fn wire(t: Option<DateTime<Utc>>) -> Option<String> {
    t.map(format_instant)
}

/// The next `startDate` (or `dueDate` for a task without start) after closing at `done`.
fn next(t: &Task, done: &str) -> Option<String> {
    next_occurrence(t, at(done))
        .unwrap()
        .map(|d| wire(d.start_date.or(d.due_date)).unwrap())
}

/// The task moved to `dates`, as the update would hold it: for walking a series.
fn moved(t: &Task, dates: TaskDates) -> Task {
    let mut t = t.clone();
    if let Some(s) = dates.start_date {
        t.set("startDate", json!(format_instant(s))).unwrap();
    }
    if let Some(d) = dates.due_date {
        t.set("dueDate", json!(format_instant(d))).unwrap();
    }
    t
}

/// `count` successive next starts from the task, each closed at `done`.
fn walk(t: &Task, done: &str, count: usize) -> Vec<String> {
    let mut t = t.clone();
    let mut starts = Vec::new();
    for _ in 0..count {
        let Some(dates) = next_occurrence(&t, at(done)).unwrap() else {
            break;
        };
        starts.push(wire(dates.start_date.or(dates.due_date)).unwrap());
        t = moved(&t, dates);
    }
    starts
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

// ---- The guide's example: due Jun 15, every 2 days, checked off on Jun 18 (BEHAVIOUR.md §4) ----

fn guide_task(repeat_from: &str) -> Task {
    task(json!({
        "id": "guide", "status": 0,
        "startDate": "2026-06-15T07:00:00.000+0000", "dueDate": "2026-06-15T07:00:00.000+0000",
        "timeZone": "Europe/Berlin", "isAllDay": false,
        "repeatFlag": "RRULE:FREQ=DAILY;INTERVAL=2", "repeatFrom": repeat_from
    }))
}

const GUIDE_DONE: &str = "2026-06-18T10:00:00Z";

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

// ---- Time zones, all-day, floating (BEHAVIOUR.md §3) ----

#[test]
fn new_york_0900_stays_0900_across_the_march_change() {
    let t = task(json!({
        "startDate": "2026-03-07T14:00:00.000+0000", "dueDate": "2026-03-07T15:00:00.000+0000",
        "timeZone": "America/New_York", "repeatFlag": "RRULE:FREQ=DAILY", "repeatFrom": "0"
    }));
    let dates = next_occurrence(&t, at("2026-03-07T20:00:00Z"))
        .unwrap()
        .unwrap();
    assert_eq!(
        wire(dates.start_date).as_deref(),
        Some("2026-03-08T13:00:00.000+0000")
    );
    assert_eq!(
        wire(dates.due_date).as_deref(),
        Some("2026-03-08T14:00:00.000+0000")
    );
}

#[test]
fn all_day_task_across_europes_march_change() {
    // Berlin all-day, Mar 28 -> Mar 29 (the change day) -> Mar 30; due is the next local midnight.
    let t = task(json!({
        "startDate": "2026-03-27T23:00:00.000+0000", "dueDate": "2026-03-28T23:00:00.000+0000",
        "timeZone": "Europe/Berlin", "isAllDay": true,
        "repeatFlag": "RRULE:FREQ=DAILY;INTERVAL=1", "repeatFrom": "0"
    }));
    let first = next_occurrence(&t, at("2026-03-28T12:00:00Z"))
        .unwrap()
        .unwrap();
    assert_eq!(
        wire(first.start_date).as_deref(),
        Some("2026-03-28T23:00:00.000+0000")
    );
    assert_eq!(
        wire(first.due_date).as_deref(),
        Some("2026-03-29T22:00:00.000+0000")
    );
    let second = next_occurrence(&moved(&t, first), at("2026-03-29T12:00:00Z"))
        .unwrap()
        .unwrap();
    assert_eq!(
        wire(second.start_date).as_deref(),
        Some("2026-03-29T22:00:00.000+0000")
    );
}

#[test]
fn floating_task_uses_wall_clock_time_of_its_zone() {
    let t = task(json!({
        "startDate": "2026-03-28T08:00:00.000+0000", "timeZone": "Europe/London", "isFloating": true,
        "repeatFlag": "RRULE:FREQ=DAILY", "repeatFrom": "0"
    }));
    // 08:00 London both days: 08:00Z in GMT, 07:00Z in BST.
    assert_eq!(
        walk(&t, "2026-03-28T09:00:00Z", 2),
        [
            "2026-03-29T07:00:00.000+0000",
            "2026-03-30T07:00:00.000+0000"
        ]
    );
}

#[test]
fn due_keeps_its_wall_clock_distance_from_start() {
    // Start 23:00, due 01:00 next day (2 hours) in Berlin, across the March change.
    let t = task(json!({
        "startDate": "2026-03-28T22:00:00.000+0000", "dueDate": "2026-03-29T00:00:00.000+0000",
        "timeZone": "Europe/Berlin", "repeatFlag": "RRULE:FREQ=DAILY", "repeatFrom": "0"
    }));
    let dates = next_occurrence(&t, at("2026-03-29T00:00:00Z"))
        .unwrap()
        .unwrap();
    // Mar 29 23:00 CEST = 21:00Z; due Mar 30 01:00 CEST = 23:00Z.
    assert_eq!(
        wire(dates.start_date).as_deref(),
        Some("2026-03-29T21:00:00.000+0000")
    );
    assert_eq!(
        wire(dates.due_date).as_deref(),
        Some("2026-03-29T23:00:00.000+0000")
    );
}

#[test]
fn null_due_date_stays_null() {
    let t = task(json!({
        "startDate": "2026-01-17T15:00:00.000+0000", "dueDate": null, "timeZone": "Europe/Istanbul",
        "repeatFlag": "RRULE:FREQ=DAILY", "repeatFrom": "0"
    }));
    let dates = next_occurrence(&t, at("2026-01-17T16:00:00Z"))
        .unwrap()
        .unwrap();
    assert_eq!(dates.due_date, None);
    assert_eq!(
        wire(dates.start_date).as_deref(),
        Some("2026-01-18T15:00:00.000+0000")
    );
}

#[test]
fn due_date_is_the_series_start_when_start_date_is_null() {
    let t = task(json!({
        "startDate": null, "dueDate": "2026-01-17T15:00:00.000+0000", "timeZone": "Europe/Istanbul",
        "repeatFlag": "RRULE:FREQ=WEEKLY", "repeatFrom": "0"
    }));
    let dates = next_occurrence(&t, at("2026-01-17T16:00:00Z"))
        .unwrap()
        .unwrap();
    assert_eq!(dates.start_date, None);
    assert_eq!(
        wire(dates.due_date).as_deref(),
        Some("2026-01-24T15:00:00.000+0000")
    );
}

#[test]
fn task_without_dates_has_no_occurrences() {
    let t = task(json!({"repeatFlag": "RRULE:FREQ=DAILY", "startDate": null, "dueDate": null}));
    assert_eq!(
        next_occurrence(&t, at("2026-01-17T16:00:00Z")).unwrap(),
        None
    );
    let all = occurrences(
        &t,
        at("2000-01-01T00:00:00Z"),
        at("2100-01-01T00:00:00Z"),
        10,
    )
    .unwrap();
    assert!(all.is_empty());
}

#[test]
fn not_recurring_flags_have_no_next_occurrence() {
    for flag in [
        json!(null),
        json!(""),
        json!("RRULE:FREQ=NONE"),
        json!("FREQ=NONE"),
    ] {
        let t = task(json!({"startDate": "2026-01-17T15:00:00.000+0000", "repeatFlag": flag}));
        assert_eq!(
            next_occurrence(&t, at("2026-01-17T16:00:00Z")).unwrap(),
            None,
            "{flag}"
        );
    }
}

#[test]
fn missing_time_zone_uses_the_default_zone_else_utc() {
    let t = task(json!({
        "startDate": "2026-03-07T14:00:00.000+0000", "repeatFlag": "RRULE:FREQ=DAILY", "repeatFrom": "0"
    }));
    assert_eq!(
        next(&t, "2026-03-07T20:00:00Z").as_deref(),
        Some("2026-03-08T14:00:00.000+0000")
    );
    let ny: Zone = "America/New_York".parse().unwrap();
    assert_eq!(
        next(&t.with_default_zone(ny), "2026-03-07T20:00:00Z").as_deref(),
        Some("2026-03-08T13:00:00.000+0000")
    );
}

#[test]
fn a_task_time_zone_wins_over_the_default_zone() {
    let t = task(json!({
        "startDate": "2026-03-07T14:00:00.000+0000", "timeZone": "UTC",
        "repeatFlag": "RRULE:FREQ=DAILY", "repeatFrom": "0"
    }))
    .with_default_zone("America/New_York".parse().unwrap());
    assert_eq!(
        next(&t, "2026-03-07T20:00:00Z").as_deref(),
        Some("2026-03-08T14:00:00.000+0000")
    );
}

// ---- COUNT, UNTIL, exDate, TT_SKIP, TT_WORKDAY ----

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

// ---- ERULE: forgetting curve and custom dates ----

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

// ---- The calendar view ----

fn window(t: &Task, from: &str, to: &str, limit: usize) -> Vec<String> {
    occurrences(t, at(from), at(to), limit)
        .unwrap()
        .into_iter()
        .map(|d| wire(d.start_date.or(d.due_date)).unwrap())
        .collect()
}

#[test]
fn occurrences_list_the_series_from_the_current_start_inclusive_bounds() {
    let t = guide_task("0");
    assert_eq!(
        window(&t, "2026-06-15T07:00:00Z", "2026-06-21T07:00:00Z", 100),
        [
            "2026-06-15T07:00:00.000+0000",
            "2026-06-17T07:00:00.000+0000",
            "2026-06-19T07:00:00.000+0000",
            "2026-06-21T07:00:00.000+0000"
        ]
    );
    assert_eq!(
        window(&t, "2026-06-16T00:00:00Z", "2026-06-20T00:00:00Z", 100),
        [
            "2026-06-17T07:00:00.000+0000",
            "2026-06-19T07:00:00.000+0000"
        ]
    );
    assert!(window(&t, "2026-01-01T00:00:00Z", "2026-06-15T06:59:59Z", 100).is_empty());
}

#[test]
fn occurrences_stop_at_the_limit() {
    let t = guide_task("2");
    assert_eq!(
        window(&t, "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z", 2).len(),
        2
    );
}

#[test]
fn occurrences_of_a_task_repeating_from_completion_show_only_the_current_one() {
    let t = guide_task("1");
    assert_eq!(
        window(&t, "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z", 100),
        ["2026-06-15T07:00:00.000+0000"]
    );
}

#[test]
fn occurrences_honour_count_from_the_current_start() {
    let mut t = guide_task("0");
    t.set("repeatFlag", json!("RRULE:FREQ=DAILY;INTERVAL=2;COUNT=3"))
        .unwrap();
    assert_eq!(
        window(&t, "2026-06-16T00:00:00Z", "2027-01-01T00:00:00Z", 100),
        [
            "2026-06-17T07:00:00.000+0000",
            "2026-06-19T07:00:00.000+0000"
        ]
    );
}

#[test]
fn occurrences_of_a_task_that_does_not_repeat_are_its_own_dates() {
    let t = task(json!({
        "startDate": "2026-06-15T07:00:00.000+0000", "dueDate": "2026-06-15T08:00:00.000+0000"
    }));
    let all = occurrences(
        &t,
        at("2026-06-01T00:00:00Z"),
        at("2026-07-01T00:00:00Z"),
        10,
    )
    .unwrap();
    assert_eq!(
        all,
        [TaskDates {
            start_date: Some(at("2026-06-15T07:00:00Z")),
            due_date: Some(at("2026-06-15T08:00:00Z")),
        }]
    );
}

#[test]
fn occurrences_carry_the_due_date_at_its_distance() {
    let t = task(json!({
        "startDate": "2026-03-07T14:00:00.000+0000", "dueDate": "2026-03-07T15:00:00.000+0000",
        "timeZone": "America/New_York", "repeatFlag": "RRULE:FREQ=DAILY", "repeatFrom": "0"
    }));
    let all = occurrences(
        &t,
        at("2026-03-08T00:00:00Z"),
        at("2026-03-08T23:00:00Z"),
        10,
    )
    .unwrap();
    assert_eq!(
        serde_json::to_value(&all).unwrap(),
        json!([{"startDate": "2026-03-08T13:00:00.000+0000", "dueDate": "2026-03-08T14:00:00.000+0000"}])
    );
}
