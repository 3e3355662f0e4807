//! Named cases of reminders (BEHAVIOUR.md §8): each trigger form TickTick writes, timed and all-day,
//! across DST changes; snoozed reminders, checklist items, exDates, TT_SKIP, COUNT, closed tasks; the
//! order, the limit, and errors that name the task and the reminder.

use serde_json::{json, Value};
use ticktick_recur::agenda::{reminders, ReminderSource, TaskList, Window};
use ticktick_recur::parse_instant;
use ticktick_recur::task::Task;

fn window(from: &str, to: &str) -> Window {
    Window::new(parse_instant(from).unwrap(), parse_instant(to).unwrap())
}

fn tasks(values: &[Value]) -> Vec<Task> {
    values
        .iter()
        .map(|v| Task::from_value(v.clone()).unwrap())
        .collect()
}

/// The reminders as the command line prints them.
fn list(values: &[Value], from: &str, to: &str) -> Vec<Value> {
    let entries = reminders(&tasks(values), &window(from, to)).unwrap();
    serde_json::from_value(serde_json::to_value(entries).unwrap()).unwrap()
}

/// (reminderId, fireTime) of each reminder.
fn fires(values: &[Value], from: &str, to: &str) -> Vec<(Value, String)> {
    list(values, from, to)
        .into_iter()
        .map(|r| {
            (
                r["reminderId"].clone(),
                r["fireTime"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

/// Fire times only.
fn times(values: &[Value], from: &str, to: &str) -> Vec<String> {
    fires(values, from, to)
        .into_iter()
        .map(|(_, t)| t)
        .collect()
}

fn triggers(texts: &[&str]) -> Value {
    Value::Array(
        texts
            .iter()
            .enumerate()
            .map(|(i, t)| json!({"id": format!("r{i}"), "trigger": t}))
            .collect(),
    )
}

// ---- Timed tasks: exact hours and minutes, nominal days ----

/// Every timed trigger of BEHAVIOUR.md §8 on a task at 09:00 in New York (13:00Z), in fire order;
/// equal fire times keep the reminders' order.
#[test]
fn timed_triggers_fire_their_duration_before_the_start() {
    let task = json!({
        "id": "t", "startDate": "2026-03-10T13:00:00.000+0000", "timeZone": "America/New_York",
        "reminders": triggers(&["TRIGGER:PT0S", "TRIGGER:-PT0S", "TRIGGER:-PT5M", "TRIGGER:-PT30M",
            "TRIGGER:-PT1H", "TRIGGER:-PT60M", "TRIGGER:-PT1440M", "TRIGGER:-PT90M"]),
    });
    let got = fires(&[task], "2026-03-01T00:00:00Z", "2026-03-31T00:00:00Z");
    let want = [
        ("r6", "2026-03-09T13:00:00.000+0000"),
        ("r7", "2026-03-10T11:30:00.000+0000"),
        ("r4", "2026-03-10T12:00:00.000+0000"),
        ("r5", "2026-03-10T12:00:00.000+0000"),
        ("r3", "2026-03-10T12:30:00.000+0000"),
        ("r2", "2026-03-10T12:55:00.000+0000"),
        ("r0", "2026-03-10T13:00:00.000+0000"),
        ("r1", "2026-03-10T13:00:00.000+0000"),
    ];
    let want: Vec<(Value, String)> = want
        .iter()
        .map(|(id, t)| (json!(id), (*t).to_owned()))
        .collect();
    assert_eq!(got, want);
}

/// RFC 5545 section 3.3.6 across New York's spring-forward (2026-03-08 02:00 EST -> 03:00 EDT): a
/// task at 03:00 EDT (07:00Z). `-PT30M` is exactly 30 minutes before the instant (01:30 EST), not
/// 02:30 wall-clock time (which does not exist); `-PT1440M` is exactly 24 hours; `-P1D` is a nominal
/// day, 03:00 the day before (EST).
#[test]
fn minutes_are_exact_and_days_nominal_across_a_dst_change() {
    let task = json!({
        "id": "t", "startDate": "2026-03-08T07:00:00.000+0000", "timeZone": "America/New_York",
        "reminders": triggers(&["TRIGGER:-PT30M", "TRIGGER:-PT1440M", "TRIGGER:-P1D"]),
    });
    let got = fires(&[task], "2026-03-01T00:00:00Z", "2026-03-31T00:00:00Z");
    assert_eq!(
        got,
        [
            (json!("r1"), "2026-03-07T07:00:00.000+0000".to_owned()),
            (json!("r2"), "2026-03-07T08:00:00.000+0000".to_owned()),
            (json!("r0"), "2026-03-08T06:30:00.000+0000".to_owned()),
        ]
    );
}

/// A daily 09:00 task reminded 30 minutes before: 08:30 local on both sides of the change, so the
/// UTC fire time moves by an hour with the start.
#[test]
fn a_daily_reminder_follows_its_occurrences_across_a_dst_change() {
    let task = json!({
        "id": "t", "startDate": "2026-03-06T14:00:00.000+0000", "timeZone": "America/New_York",
        "repeatFlag": "RRULE:FREQ=DAILY;INTERVAL=1",
        "reminders": triggers(&["TRIGGER:-PT30M"]),
    });
    assert_eq!(
        times(&[task], "2026-03-07T00:00:00Z", "2026-03-09T23:59:59Z"),
        [
            "2026-03-07T13:30:00.000+0000",
            "2026-03-08T12:30:00.000+0000",
            "2026-03-09T12:30:00.000+0000",
        ]
    );
}

// ---- All-day tasks: wall-clock times of the day ----

/// An all-day task on 10 March in Berlin (starts 2026-03-09T23:00Z, CET): `P0DT9H0M0S` is 09:00 on
/// the day, `-P0DT15H0M0S` 09:00 the day before, `-P1DT15H0M0S` 09:00 two days before, and a custom
/// `-P0DT2H30M0S` 21:30 the day before.
#[test]
fn all_day_triggers_name_wall_clock_times() {
    let task = json!({
        "id": "t", "startDate": "2026-03-09T23:00:00.000+0000", "timeZone": "Europe/Berlin",
        "isAllDay": true,
        "reminders": triggers(&["TRIGGER:P0DT9H0M0S", "TRIGGER:-P0DT15H0M0S",
            "TRIGGER:-P1DT15H0M0S", "TRIGGER:-P0DT2H30M0S"]),
    });
    assert_eq!(
        fires(&[task], "2026-03-01T00:00:00Z", "2026-03-31T00:00:00Z"),
        [
            (json!("r2"), "2026-03-08T08:00:00.000+0000".to_owned()),
            (json!("r1"), "2026-03-09T08:00:00.000+0000".to_owned()),
            (json!("r3"), "2026-03-09T20:30:00.000+0000".to_owned()),
            (json!("r0"), "2026-03-10T08:00:00.000+0000".to_owned()),
        ]
    );
}

/// All-day reminders stay 09:00 in Berlin across its spring-forward (Sunday 2026-03-29, CET -> CEST)
/// and its fall-back (Sunday 2026-10-25, CEST -> CET): a daily all-day task reminded on the day and
/// the day before, so both fire times move by an hour in UTC with the offset.
#[test]
fn all_day_reminders_stay_at_nine_in_a_dst_zone() {
    let spring = json!({
        "id": "spring", "startDate": "2026-03-26T23:00:00.000+0000", "timeZone": "Europe/Berlin",
        "isAllDay": true, "repeatFlag": "RRULE:FREQ=DAILY;INTERVAL=1",
        "reminders": triggers(&["TRIGGER:P0DT9H0M0S"]),
    });
    assert_eq!(
        times(&[spring], "2026-03-27T00:00:00Z", "2026-03-30T23:59:59Z"),
        [
            "2026-03-27T08:00:00.000+0000",
            "2026-03-28T08:00:00.000+0000",
            "2026-03-29T07:00:00.000+0000",
            "2026-03-30T07:00:00.000+0000",
        ]
    );
    let autumn = json!({
        "id": "autumn", "startDate": "2026-10-23T22:00:00.000+0000", "timeZone": "Europe/Berlin",
        "isAllDay": true, "repeatFlag": "RRULE:FREQ=DAILY;INTERVAL=1",
        "reminders": triggers(&["TRIGGER:-P0DT15H0M0S"]),
    });
    // Occurrences on 24, 25, 26 October, each reminded at 09:00 the day before.
    assert_eq!(
        times(&[autumn], "2026-10-23T00:00:00Z", "2026-10-25T23:59:59Z"),
        [
            "2026-10-23T07:00:00.000+0000",
            "2026-10-24T07:00:00.000+0000",
            "2026-10-25T08:00:00.000+0000",
        ]
    );
}

/// TickTick's older all-day triggers (BEHAVIOUR.md §8): `TRIGGER:PT0S` means `P0DT9H0M0S` (09:00 on
/// the day) and `TRIGGER:-P{n}D` means `-P{n-1}DT15H0M0S` (09:00, n days before), here across
/// Berlin's spring-forward.
#[test]
fn legacy_all_day_triggers_read_as_ticktick_reads_them() {
    let with = |texts: &[&str]| {
        json!({
            "id": "t", "startDate": "2026-03-29T22:00:00.000+0000", "timeZone": "Europe/Berlin",
            "isAllDay": true, "reminders": triggers(texts),
        })
    };
    let (from, to) = ("2026-03-20T00:00:00Z", "2026-03-31T00:00:00Z");
    let legacy = times(
        &[with(&["TRIGGER:PT0S", "TRIGGER:-P1D", "TRIGGER:-P2D"])],
        from,
        to,
    );
    let current = times(
        &[with(&[
            "TRIGGER:P0DT9H0M0S",
            "TRIGGER:-P0DT15H0M0S",
            "TRIGGER:-P1DT15H0M0S",
        ])],
        from,
        to,
    );
    assert_eq!(legacy, current);
    assert_eq!(
        legacy,
        [
            "2026-03-28T08:00:00.000+0000",
            "2026-03-29T07:00:00.000+0000",
            "2026-03-30T07:00:00.000+0000",
        ]
    );
}

/// A reminder belongs to its occurrence even when that occurrence starts after the window: an
/// all-day task on 1 April reminded two days before fires on 30 March.
#[test]
fn a_reminder_fires_in_the_window_for_an_occurrence_after_it() {
    let task = json!({
        "id": "t", "startDate": "2026-03-31T22:00:00.000+0000", "dueDate": "2026-04-01T22:00:00.000+0000",
        "timeZone": "Europe/Berlin", "isAllDay": true,
        "reminders": triggers(&["TRIGGER:-P1DT15H0M0S", "TRIGGER:P0DT9H0M0S"]),
    });
    let got = list(&[task], "2026-03-01T00:00:00Z", "2026-03-31T23:59:59Z");
    assert_eq!(
        got,
        [json!({
            "id": "t", "reminderId": "r0", "trigger": "TRIGGER:-P1DT15H0M0S",
            "fireTime": "2026-03-30T07:00:00.000+0000",
            "startDate": "2026-03-31T22:00:00.000+0000", "dueDate": "2026-04-01T22:00:00.000+0000",
        })]
    );
}

/// A task with a due date and no start date: its occurrence starts at the due date (BEHAVIOUR.md §3).
#[test]
fn a_task_without_a_start_reminds_from_its_due_date() {
    let task = json!({
        "id": "t", "dueDate": "2026-03-10T12:00:00.000+0000",
        "reminders": triggers(&["TRIGGER:-PT1H"]),
    });
    let got = list(&[task], "2026-03-01T00:00:00Z", "2026-03-31T00:00:00Z");
    assert_eq!(got[0]["fireTime"], "2026-03-10T11:00:00.000+0000");
    assert_eq!(got[0]["startDate"], Value::Null);
    assert_eq!(got[0]["dueDate"], "2026-03-10T12:00:00.000+0000");
}

// ---- Snoozes, checklist items ----

/// `remindTime` is a snoozed one-off reminder at that instant: `reminderId` and `trigger` null, the
/// task's current dates as its occurrence.
#[test]
fn a_snoozed_reminder_fires_once_at_remind_time() {
    let task = json!({
        "id": "t", "startDate": "2026-03-10T13:00:00.000+0000", "dueDate": "2026-03-10T14:00:00.000+0000",
        "repeatFlag": "RRULE:FREQ=DAILY;INTERVAL=1", "remindTime": "2026-03-10T13:10:00.000+0000",
    });
    assert_eq!(
        list(
            std::slice::from_ref(&task),
            "2026-03-01T00:00:00Z",
            "2026-03-31T00:00:00Z"
        ),
        [json!({
            "id": "t", "reminderId": null, "trigger": null, "fireTime": "2026-03-10T13:10:00.000+0000",
            "startDate": "2026-03-10T13:00:00.000+0000", "dueDate": "2026-03-10T14:00:00.000+0000",
        })]
    );
    assert!(list(&[task], "2026-03-11T00:00:00Z", "2026-03-31T00:00:00Z").is_empty());
}

/// A checklist item with its own `startDate` reminds at that instant; a checked item does not, nor
/// does an item without a date.
#[test]
fn checklist_items_remind_at_their_own_start() {
    let task = json!({
        "id": "t", "startDate": "2026-03-12T08:00:00.000+0000",
        "items": [
            {"id": "i0", "title": "passport", "status": 0, "startDate": "2026-03-11T17:00:00.000+0000"},
            {"id": "i1", "title": "charger", "status": 1, "startDate": "2026-03-11T17:30:00.000+0000"},
            {"id": "i2", "title": "tickets", "status": 0},
        ],
    });
    let tasks = tasks(&[task]);
    let got = reminders(
        &tasks,
        &window("2026-03-01T00:00:00Z", "2026-03-31T00:00:00Z"),
    )
    .unwrap();
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].source(), ReminderSource::ChecklistItem { index: 0 });
    assert_eq!(
        serde_json::to_value(&got[0]).unwrap(),
        json!({
            "id": "t", "reminderId": null, "trigger": null, "fireTime": "2026-03-11T17:00:00.000+0000",
            "startDate": "2026-03-12T08:00:00.000+0000", "dueDate": null,
        })
    );
}

// ---- The series: exDate, TT_SKIP, COUNT, repeatFrom ----

/// A daily task with 10 March in `exDate` has no occurrence that day, so no reminder for it: neither
/// its own at 08:00 on the 10th nor the one a day before, on the 9th.
#[test]
fn an_ex_date_has_no_reminder() {
    let task = json!({
        "id": "t", "startDate": "2026-03-08T08:00:00.000+0000", "repeatFlag": "RRULE:FREQ=DAILY;INTERVAL=1",
        "exDate": ["20260310"], "reminders": triggers(&["TRIGGER:PT0S", "TRIGGER:-P1D"]),
    });
    let got: Vec<(Value, Value, Value)> =
        list(&[task], "2026-03-09T00:00:00Z", "2026-03-11T23:59:59Z")
            .into_iter()
            .map(|r| {
                (
                    r["reminderId"].clone(),
                    r["fireTime"].clone(),
                    r["startDate"].clone(),
                )
            })
            .collect();
    let row = |id: &str, fire: &str, start: &str| {
        (
            json!(id),
            json!(format!("2026-03-{fire}:00:00.000+0000")),
            json!(format!("2026-03-{start}:00:00.000+0000")),
        )
    };
    assert_eq!(
        got,
        [
            row("r0", "09T08", "09T08"),
            row("r1", "10T08", "11T08"),
            row("r0", "11T08", "11T08"),
            row("r1", "11T08", "12T08"),
        ]
    );
}

/// `TT_SKIP=WEEKEND` drops Saturday and Sunday occurrences, and their reminders with them.
#[test]
fn skipped_weekends_have_no_reminder() {
    // Friday 13 March 2026 to Tuesday 17 March.
    let task = json!({
        "id": "t", "startDate": "2026-03-13T08:00:00.000+0000",
        "repeatFlag": "RRULE:FREQ=DAILY;INTERVAL=1;TT_SKIP=WEEKEND",
        "reminders": triggers(&["TRIGGER:-PT15M"]),
    });
    assert_eq!(
        times(&[task], "2026-03-13T00:00:00Z", "2026-03-17T23:59:59Z"),
        [
            "2026-03-13T07:45:00.000+0000",
            "2026-03-16T07:45:00.000+0000",
            "2026-03-17T07:45:00.000+0000",
        ]
    );
}

/// `COUNT=3` counted from the current occurrence: three reminders, then the series ends.
#[test]
fn reminders_end_with_the_series_count() {
    let task = json!({
        "id": "t", "startDate": "2026-03-10T08:00:00.000+0000",
        "repeatFlag": "RRULE:FREQ=DAILY;INTERVAL=1;COUNT=3",
        "reminders": triggers(&["TRIGGER:PT0S"]),
    });
    assert_eq!(
        times(&[task], "2026-03-01T00:00:00Z", "2026-03-31T00:00:00Z"),
        [
            "2026-03-10T08:00:00.000+0000",
            "2026-03-11T08:00:00.000+0000",
            "2026-03-12T08:00:00.000+0000",
        ]
    );
}

/// A task repeating from its completion date reminds for its current occurrence only: the later ones
/// depend on when it is completed (BEHAVIOUR.md §4).
#[test]
fn a_task_repeating_from_completion_reminds_once() {
    let task = json!({
        "id": "t", "startDate": "2026-03-10T08:00:00.000+0000", "repeatFrom": "1",
        "repeatFlag": "RRULE:FREQ=DAILY;INTERVAL=1", "reminders": triggers(&["TRIGGER:PT0S"]),
    });
    assert_eq!(
        times(&[task], "2026-03-01T00:00:00Z", "2026-03-31T00:00:00Z"),
        ["2026-03-10T08:00:00.000+0000"]
    );
}

/// Closed tasks (completed, won't do) do not remind: no trigger, no snooze, no checklist item.
#[test]
fn closed_tasks_are_silent() {
    for status in [2, -1] {
        let task = json!({
            "id": "t", "status": status, "startDate": "2026-03-10T08:00:00.000+0000",
            "repeatFlag": "RRULE:FREQ=DAILY;INTERVAL=1", "reminders": triggers(&["TRIGGER:PT0S"]),
            "remindTime": "2026-03-10T09:00:00.000+0000",
            "items": [{"id": "i", "status": 0, "startDate": "2026-03-10T10:00:00.000+0000"}],
        });
        assert!(list(&[task], "2026-03-01T00:00:00Z", "2026-03-31T00:00:00Z").is_empty());
    }
}

// ---- Order, limit ----

/// Fire time first, then the task's position in the list, then the task's own order.
#[test]
fn equal_fire_times_follow_the_list_order() {
    let at_nine = |id: &str, trigger: &str, start: &str| json!({"id": id, "startDate": start, "reminders": [{"id": format!("{id}-r"), "trigger": trigger}]});
    let list_of = [
        at_nine("a", "TRIGGER:-PT1H", "2026-03-10T10:00:00.000+0000"),
        at_nine("b", "TRIGGER:PT0S", "2026-03-10T09:00:00.000+0000"),
        at_nine("c", "TRIGGER:-PT2H", "2026-03-10T11:00:00.000+0000"),
        at_nine("d", "TRIGGER:PT0S", "2026-03-10T08:00:00.000+0000"),
    ];
    let ids: Vec<Value> = list(&list_of, "2026-03-01T00:00:00Z", "2026-03-31T00:00:00Z")
        .into_iter()
        .map(|r| r["id"].clone())
        .collect();
    assert_eq!(ids, [json!("d"), json!("a"), json!("b"), json!("c")]);
}

/// The limit keeps the earliest reminders of the whole list, not the first tasks' ones.
#[test]
fn the_limit_keeps_the_earliest_of_the_whole_list() {
    let daily = |id: &str, start: &str| {
        json!({"id": id, "startDate": start, "repeatFlag": "RRULE:FREQ=DAILY",
            "reminders": [{"id": format!("{id}-r"), "trigger": "TRIGGER:PT0S"}]})
    };
    let values = [
        daily("late", "2026-03-01T20:00:00.000+0000"),
        daily("early", "2026-03-01T06:00:00.000+0000"),
    ];
    let tasks = tasks(&values);
    let w = window("2026-03-01T00:00:00Z", "2026-03-31T23:59:59Z");
    let all = reminders(&tasks, &w).unwrap();
    assert_eq!(all.len(), 62);
    for limit in [0, 1, 2, 3, 10, 61, 62, 100] {
        let some = reminders(&tasks, &w.with_limit(limit)).unwrap();
        assert_eq!(some, all[..limit.min(62)], "limit {limit}");
    }
    let first: Vec<_> = reminders(&tasks, &w.with_limit(3))
        .unwrap()
        .iter()
        .map(|r| r.id().unwrap().to_owned())
        .collect();
    assert_eq!(first, ["early", "late", "early"]);
}

/// The limit stays exact when one task has more occurrences than the reader asks for at once.
#[test]
fn the_limit_is_exact_for_a_task_with_thousands_of_occurrences() {
    let values = [
        json!({"id": "minutely", "startDate": "2026-03-01T00:00:00.000+0000",
            "repeatFlag": "RRULE:FREQ=MINUTELY;INTERVAL=5",
            "reminders": [{"id": "r", "trigger": "TRIGGER:-PT1M"}, {"id": "s", "trigger": "TRIGGER:PT1M"}]}),
        json!({"id": "daily", "startDate": "2026-03-01T12:00:00.000+0000", "repeatFlag": "RRULE:FREQ=DAILY",
            "reminders": [{"id": "d", "trigger": "TRIGGER:PT0S"}]}),
    ];
    let tasks = tasks(&values);
    let w = window("2026-03-01T00:00:00Z", "2026-03-10T00:00:00Z");
    let all = reminders(&tasks, &w.with_limit(usize::MAX)).unwrap();
    // 9 days of 288 occurrences for each trigger (one a minute before its occurrence, from 00:05 on
    // 1 March to 00:00 on 10 March; one a minute after, from 00:00 on 1 March to 23:55 on 9 March),
    // and 9 daily ones.
    assert_eq!(all.len(), 2 * 9 * 288 + 9);
    assert!(all.windows(2).all(|p| p[0].fire_time() <= p[1].fire_time()));
    for limit in [1, 500, 3000, 5000] {
        let some = reminders(&tasks, &w.with_limit(limit)).unwrap();
        assert_eq!(some, all[..limit], "limit {limit}");
    }
}

// ---- Errors ----

/// An unreadable trigger fails the call, naming the task's position and id, the reminder's id and
/// position, and the text; a closed task's triggers are read too.
#[test]
fn a_bad_trigger_names_the_task_and_the_reminder() {
    let mut values: Vec<Value> = (0..5000)
        .map(|i| {
            json!({"id": format!("ok{i}"), "startDate": "2026-03-10T08:00:00.000+0000",
            "reminders": [{"id": "fine", "trigger": "TRIGGER:-PT5M"}]})
        })
        .collect();
    values[3217] = json!({"id": "bad", "status": 2, "startDate": "2026-03-10T08:00:00.000+0000",
        "reminders": [{"id": "fine", "trigger": "TRIGGER:PT0S"}, {"id": "r9", "trigger": "TRIGGER:-PT5MIN"}]});
    let err = reminders(
        &tasks(&values),
        &window("2026-03-01T00:00:00Z", "2026-03-31T00:00:00Z"),
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        r#"task [3217] (id "bad"): reminder "r9" (reminders[1]): invalid trigger "TRIGGER:-PT5MIN" at byte 13: unexpected text after the duration"#
    );
}

#[test]
fn reminders_without_a_readable_trigger_are_errors() {
    let w = window("2026-03-01T00:00:00Z", "2026-03-31T00:00:00Z");
    let cases = [
        (
            json!({"id": "x"}),
            r#"task [0] (id "t"): reminder "x" (reminders[0]): no trigger"#,
        ),
        (
            json!({"trigger": null}),
            r#"task [0] (id "t"): reminder (reminders[0]): no trigger"#,
        ),
        (
            json!({"id": "x", "trigger": 5}),
            r#"task [0] (id "t"): reminder "x" (reminders[0]): trigger: expected a string, got 5"#,
        ),
        (
            json!({"id": "x", "trigger": "TRIGGER;VALUE=DATE-TIME:20260310T080000Z"}),
            r#"task [0] (id "t"): reminder "x" (reminders[0]): invalid trigger "TRIGGER;VALUE=DATE-TIME:20260310T080000Z" at byte 0: expected "TRIGGER:" then an RFC 5545 duration such as "-PT30M""#,
        ),
    ];
    for (reminder, message) in cases {
        let task = json!({"id": "t", "startDate": "2026-03-10T08:00:00.000+0000", "reminders": [reminder]});
        let err = reminders(&tasks(&[task]), &w).unwrap_err();
        assert_eq!(err.to_string(), message);
    }
}

#[test]
fn an_unreadable_remind_time_is_an_error() {
    let task =
        json!({"id": "t", "startDate": "2026-03-10T08:00:00.000+0000", "remindTime": "soon"});
    let err = reminders(
        &tasks(&[task]),
        &window("2026-03-01T00:00:00Z", "2026-03-31T00:00:00Z"),
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        r#"task [0] (id "t"): task field "remindTime": invalid instant "soon": expected RFC 3339 or yyyy-MM-ddTHH:mm:ss.SSS+0000"#
    );
}

/// Through a sync answer, the error names the task's place in it.
#[test]
fn errors_name_the_task_by_its_place_in_a_sync_answer() {
    let text = r#"{"syncTaskBean": {"update": [{"id": "a"}, {"id": "b", "startDate": "2026-03-10T08:00:00Z",
        "reminders": [{"id": "r", "trigger": "TRIGGER:-P"}]}]}}"#;
    let err = TaskList::from_json(text)
        .unwrap()
        .reminders(&window("2026-03-01T00:00:00Z", "2026-03-31T00:00:00Z"))
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        r#"task syncTaskBean.update[1] (id "b"): reminder "r" (reminders[0]): invalid trigger "TRIGGER:-P" at byte 10: expected a number of weeks or days, or "T""#
    );
}
