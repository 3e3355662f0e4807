//! The batch payloads of every action, field by field: one named test per rule of BEHAVIOUR.md §5.

use chrono::{DateTime, Utc};
use serde_json::{json, Map, Value};
use ticktick_recur::task::{
    apply_response, complete, pin, skip, skip_date, unpin, wont_do, Action, BatchBody, Close,
    Response, Task,
};
use ticktick_recur::{parse_date, parse_instant, IdSeed, ObjectIdGenerator};

const AT: &str = "2026-03-07T20:00:00.000+0000";
const USER: u64 = 130208689;

fn at(text: &str) -> DateTime<Utc> {
    parse_instant(text).unwrap()
}

fn task(v: Value) -> Task {
    Task::from_value(v).unwrap()
}

fn ids() -> ObjectIdGenerator {
    ObjectIdGenerator::from_seed("2c6f3277d1000001".parse::<IdSeed>().unwrap())
}

fn close() -> Close {
    Close {
        at: at(AT),
        user_id: USER,
    }
}

/// A daily 09:00 New York task with reminders, a checklist, and fields the engine never reads.
fn parent() -> Value {
    json!({
        "id": "6940c3d51263b74715346b00",
        "projectId": "6940c3d51263b74715346bd6",
        "title": "water the plants",
        "items": [
            {"id": "6940c3d51263b74715346b01", "title": "fern", "status": 1,
             "startDate": "2026-03-07T14:30:00.000+0000", "sortOrder": 0},
            {"id": "6940c3d51263b74715346b02", "title": "cactus", "status": 0, "startDate": null}
        ],
        "reminders": [
            {"id": "6940c3d51263b74715346b03", "trigger": "TRIGGER:PT0S"},
            {"id": "6940c3d51263b74715346b04", "trigger": "TRIGGER:-PT5M"}
        ],
        "exDate": [],
        "startDate": "2026-03-07T14:00:00.000+0000",
        "dueDate": "2026-03-07T15:00:00.000+0000",
        "timeZone": "America/New_York",
        "isAllDay": false,
        "isFloating": false,
        "repeatFlag": "RRULE:FREQ=DAILY;INTERVAL=1",
        "repeatFrom": "0",
        "focusSummaries": [{"pomoCount": 1}],
        "progress": 40,
        "remindTime": "2026-03-07T14:00:00.000+0000",
        "status": 0,
        "etag": "q1j2ogah",
        "createdTime": "2026-03-01T10:00:00.000+0000",
        "modifiedTime": "2026-03-06T10:00:00.000+0000",
        "tags": ["home"],
        "sortOrder": -3298535473152_i64,
        "futureField": {"nested": [1, 2, {"deep": null}]},
        "kind": null
    })
}

fn with(mut v: Value, changes: Value) -> Value {
    for (k, x) in changes.as_object().unwrap() {
        v[k] = x.clone();
    }
    v
}

fn obj(t: &Task) -> &Map<String, Value> {
    t.fields()
}

/// The fields of `after` that differ from `before`, or were added or removed.
fn changed(before: &Map<String, Value>, after: &Map<String, Value>) -> Vec<String> {
    let mut keys: Vec<String> = before
        .iter()
        .filter(|(k, v)| after.get(*k) != Some(v))
        .map(|(k, _)| k.clone())
        .chain(after.keys().filter(|k| !before.contains_key(*k)).cloned())
        .collect();
    keys.sort();
    keys
}

fn body_json(body: &BatchBody) -> Value {
    body.to_value()
}

// ---- Complete / won't do with a next occurrence: one add and one update ----

#[test]
fn completing_a_recurring_task_gives_one_add_and_one_update() {
    let body = complete(&task(parent()), &close(), &mut ids()).unwrap();
    assert_eq!(body.add.len(), 1);
    assert_eq!(body.update.len(), 1);
    let v = body_json(&body);
    for empty in [
        "delete",
        "addAttachments",
        "updateAttachments",
        "deleteAttachments",
    ] {
        assert_eq!(v[empty], json!([]), "{empty}");
    }
}

#[test]
fn closed_copy_gets_new_ids_task_first_then_items_then_reminders() {
    let body = complete(&task(parent()), &close(), &mut ids()).unwrap();
    let add = &body.add[0];
    // 2026-03-07T20:00:00Z is 0x69ac83c0 Unix seconds.
    assert_eq!(add.id(), Some("69ac83c02c6f3277d1000001"));
    let item_ids: Vec<_> = add.items().iter().map(|r| r["id"].clone()).collect();
    assert_eq!(
        item_ids,
        [
            json!("69ac83c02c6f3277d1000002"),
            json!("69ac83c02c6f3277d1000003")
        ]
    );
    let reminder_ids: Vec<_> = add.reminders().iter().map(|r| r["id"].clone()).collect();
    assert_eq!(
        reminder_ids,
        [
            json!("69ac83c02c6f3277d1000004"),
            json!("69ac83c02c6f3277d1000005")
        ]
    );
}

#[test]
fn closed_copy_fields() {
    let before = task(parent());
    let body = complete(&before, &close(), &mut ids()).unwrap();
    let add = obj(&body.add[0]);
    assert_eq!(add["status"], json!(2));
    assert_eq!(add["completedTime"], json!(AT));
    assert_eq!(add["completedUserId"], json!(USER));
    assert!(add["completedUserId"].is_number());
    assert_eq!(add["repeatTaskId"], json!("6940c3d51263b74715346b00"));
    assert_eq!(add["repeatFlag"], Value::Null);
    assert_eq!(add["attachments"], json!([]));
    assert_eq!(add["remindTime"], Value::Null);
    assert!(!add.contains_key("etag"));
    assert!(!add.contains_key("focusSummaries"));
    // The occurrence being closed keeps its dates, and the checklist its statuses.
    assert_eq!(add["startDate"], json!("2026-03-07T14:00:00.000+0000"));
    assert_eq!(add["dueDate"], json!("2026-03-07T15:00:00.000+0000"));
    assert_eq!(add["items"][0]["status"], json!(1));
    assert_eq!(
        add["items"][0]["startDate"],
        json!("2026-03-07T14:30:00.000+0000")
    );
    // Nothing else changes.
    assert_eq!(
        changed(obj(&before), add),
        [
            "attachments",
            "completedTime",
            "completedUserId",
            "etag",
            "focusSummaries",
            "id",
            "items",
            "remindTime",
            "reminders",
            "repeatFlag",
            "repeatTaskId",
            "status"
        ]
    );
}

#[test]
fn closed_copy_keeps_the_parents_attachments() {
    let attachments = json!([{"id": "a1", "fileName": "plan.pdf"}]);
    let t = task(with(parent(), json!({"attachments": attachments.clone()})));
    let body = complete(&t, &close(), &mut ids()).unwrap();
    assert_eq!(body.add[0].get("attachments"), Some(&attachments));
    let t = task(with(parent(), json!({"attachments": null})));
    let body = complete(&t, &close(), &mut ids()).unwrap();
    assert_eq!(body.add[0].get("attachments"), Some(&json!([])));
}

#[test]
fn closed_copy_puts_new_fields_where_the_web_client_does() {
    let body = complete(&task(parent()), &close(), &mut ids()).unwrap();
    let keys: Vec<&str> = obj(&body.add[0]).keys().map(String::as_str).collect();
    let pos = |k: &str| keys.iter().position(|x| *x == k).unwrap();
    assert_eq!(pos("attachments"), pos("isFloating") + 1);
    assert_eq!(pos("completedUserId"), pos("attachments") + 1);
    assert_eq!(pos("completedTime"), pos("title") + 1);
    assert_eq!(keys.last(), Some(&"repeatTaskId"));
}

#[test]
fn parent_update_moves_to_the_next_occurrence() {
    let before = task(parent());
    let body = complete(&before, &close(), &mut ids()).unwrap();
    let update = obj(&body.update[0]);
    // 09:00 New York stays 09:00 across the March change: 14:00Z -> 13:00Z.
    assert_eq!(update["startDate"], json!("2026-03-08T13:00:00.000+0000"));
    assert_eq!(update["dueDate"], json!("2026-03-08T14:00:00.000+0000"));
    assert_eq!(update["modifiedTime"], json!(AT));
    assert_eq!(update["status"], json!(0));
    assert_eq!(update["remindTime"], Value::Null);
    assert_eq!(update["progress"], json!(0));
    assert_eq!(update["repeatFlag"], json!("RRULE:FREQ=DAILY;INTERVAL=1"));
    assert_eq!(update["etag"], json!("q1j2ogah"));
    assert_eq!(update["reminders"], parent()["reminders"]);
    assert_eq!(update["focusSummaries"], parent()["focusSummaries"]);
    assert_eq!(
        changed(obj(&before), update),
        [
            "dueDate",
            "items",
            "modifiedTime",
            "progress",
            "remindTime",
            "startDate"
        ]
    );
}

#[test]
fn checklist_items_keep_their_ids_reset_and_move_by_the_wall_clock_delta() {
    let body = complete(&task(parent()), &close(), &mut ids()).unwrap();
    let items = body.update[0].items();
    assert_eq!(items[0]["id"], json!("6940c3d51263b74715346b01"));
    assert_eq!(items[1]["id"], json!("6940c3d51263b74715346b02"));
    assert_eq!(items[0]["status"], json!(0));
    assert_eq!(items[1]["status"], json!(0));
    // 09:30 EST -> 09:30 EDT the next day.
    assert_eq!(items[0]["startDate"], json!("2026-03-08T13:30:00.000+0000"));
    assert_eq!(items[1]["startDate"], Value::Null);
    assert_eq!(items[0]["title"], json!("fern"));
    assert_eq!(items[0]["sortOrder"], json!(0));
}

#[test]
fn wont_do_closes_with_status_minus_one() {
    let body = wont_do(&task(parent()), &close(), &mut ids()).unwrap();
    assert_eq!(body.add[0].status(), -1);
    assert_eq!(body.update[0].status(), 0);
    let single = task(with(parent(), json!({"repeatFlag": null})));
    let body = wont_do(&single, &close(), &mut ids()).unwrap();
    assert!(body.add.is_empty());
    assert_eq!(body.update[0].status(), -1);
}

// ---- The flag's in-place edits ----

#[test]
fn count_counts_down_to_the_last_occurrence_then_the_parent_closes_itself() {
    let mut t = task(with(
        parent(),
        json!({"repeatFlag": "RRULE:FREQ=DAILY;INTERVAL=1;COUNT=3"}),
    ));
    let mut flags = Vec::new();
    for _ in 0..2 {
        let body = complete(&t, &close(), &mut ids()).unwrap();
        assert_eq!(body.add.len(), 1);
        assert_eq!(body.add[0].repeat_flag(), None);
        t = body.update[0].clone();
        flags.push(t.repeat_flag().unwrap().to_owned());
    }
    assert_eq!(
        flags,
        [
            "RRULE:FREQ=DAILY;INTERVAL=1;COUNT=2",
            "RRULE:FREQ=DAILY;INTERVAL=1;COUNT=1"
        ]
    );
    assert_eq!(
        t.get("startDate"),
        Some(&json!("2026-03-09T13:00:00.000+0000"))
    );
    // COUNT=1: the current occurrence is the last.
    let before = t.clone();
    let last = Close {
        at: at("2026-03-09T20:00:00Z"),
        user_id: USER,
    };
    let body = complete(&t, &last, &mut ids()).unwrap();
    assert!(body.add.is_empty());
    let update = obj(&body.update[0]);
    assert_eq!(
        changed(obj(&before), update),
        ["completedTime", "completedUserId", "modifiedTime", "status"]
    );
    assert_eq!(update["status"], json!(2));
    assert_eq!(
        update["completedTime"],
        json!("2026-03-09T20:00:00.000+0000")
    );
    assert_eq!(
        update["modifiedTime"],
        json!("2026-03-09T20:00:00.000+0000")
    );
    assert_eq!(update["completedUserId"], json!(USER));
    assert_eq!(
        update["repeatFlag"],
        json!("RRULE:FREQ=DAILY;INTERVAL=1;COUNT=1")
    );
}

#[test]
fn flag_is_resent_byte_for_byte_but_for_count() {
    let flag = "RRULE:COUNT=5;FREQ=WEEKLY;WKST=SU;BYDAY=SA,SU;X-UNKNOWN=kept";
    let t = task(with(
        parent(),
        json!({"repeatFlag": flag, "startDate": "2026-03-07T14:00:00.000+0000"}),
    ));
    let body = complete(&t, &close(), &mut ids()).unwrap();
    assert_eq!(
        body.update[0].repeat_flag(),
        Some("RRULE:COUNT=4;FREQ=WEEKLY;WKST=SU;BYDAY=SA,SU;X-UNKNOWN=kept")
    );
}

#[test]
fn forgetting_curve_cycle_rises_by_one_on_completion() {
    let t = task(with(
        parent(),
        json!({"repeatFlag": "ERULE:NAME=FORGETTINGCURVE;CYCLE=2;COUNT=4", "timeZone": "UTC",
               "startDate": "2026-01-01T09:00:00.000+0000", "dueDate": null, "items": []}),
    ));
    let body = complete(&t, &close(), &mut ids()).unwrap();
    let update = &body.update[0];
    assert_eq!(
        update.repeat_flag(),
        Some("ERULE:NAME=FORGETTINGCURVE;CYCLE=3;COUNT=3")
    );
    assert_eq!(
        update.get("startDate"),
        Some(&json!("2026-01-03T09:00:00.000+0000"))
    );
}

#[test]
fn forgetting_curve_walks_its_gaps_through_completions() {
    let mut t = task(with(
        parent(),
        json!({"repeatFlag": "ERULE:NAME=FORGETTINGCURVE;CYCLE=0", "timeZone": "UTC",
               "startDate": "2026-01-01T09:00:00.000+0000", "dueDate": null, "repeatFrom": "2"}),
    ));
    let mut days = Vec::new();
    for _ in 0..7 {
        t = complete(&t, &close(), &mut ids()).unwrap().update[0].clone();
        days.push(t.get("startDate").unwrap().as_str().unwrap()[..10].to_owned());
    }
    // Days 1, 2, 4, 7, 15, 30, 45 after Jan 1.
    assert_eq!(
        days,
        [
            "2026-01-02",
            "2026-01-03",
            "2026-01-05",
            "2026-01-08",
            "2026-01-16",
            "2026-01-31",
            "2026-02-15"
        ]
    );
    assert_eq!(t.repeat_flag(), Some("ERULE:NAME=FORGETTINGCURVE;CYCLE=7"));
}

/// A completion that jumps exDates still raises CYCLE by exactly one (BEHAVIOUR.md §5).
#[test]
fn forgetting_curve_completion_raises_cycle_by_one_past_exdates() {
    let t = task(with(
        parent(),
        json!({"repeatFlag": "ERULE:NAME=FORGETTINGCURVE;CYCLE=2", "timeZone": "UTC",
               "startDate": "2026-01-01T09:00:00.000+0000", "dueDate": null, "exDate": ["20260103"]}),
    ));
    let update = complete(&t, &close(), &mut ids()).unwrap().update[0].clone();
    // Jan 1 + 2 = Jan 3 (excluded), + 3 = Jan 6.
    assert_eq!(
        update.get("startDate"),
        Some(&json!("2026-01-06T09:00:00.000+0000"))
    );
    assert_eq!(
        update.repeat_flag(),
        Some("ERULE:NAME=FORGETTINGCURVE;CYCLE=3")
    );
}

// ---- The last occurrence, and tasks that do not repeat ----

#[test]
fn a_task_that_does_not_repeat_closes_itself() {
    for flag in [json!(null), json!(""), json!("RRULE:FREQ=NONE")] {
        let before = task(with(parent(), json!({"repeatFlag": flag})));
        let body = complete(&before, &close(), &mut ids()).unwrap();
        assert!(body.add.is_empty());
        assert_eq!(
            changed(obj(&before), obj(&body.update[0])),
            [
                "completedTime",
                "completedUserId",
                "modifiedTime",
                "remindTime",
                "status"
            ]
        );
        assert_eq!(body.update[0].get("remindTime"), Some(&Value::Null));
    }
}

#[test]
fn an_undated_recurring_task_closes_itself() {
    let t = task(with(parent(), json!({"startDate": null, "dueDate": null})));
    let body = complete(&t, &close(), &mut ids()).unwrap();
    assert!(body.add.is_empty());
    assert_eq!(body.update[0].status(), 2);
    assert_eq!(
        body.update[0].repeat_flag(),
        Some("RRULE:FREQ=DAILY;INTERVAL=1")
    );
}

#[test]
fn custom_dates_running_out_close_the_parent() {
    let t = task(with(
        parent(),
        json!({"repeatFlag": "ERULE:NAME=CUSTOM;BYDATE=20260306,20260307", "timeZone": "UTC"}),
    ));
    let body = complete(&t, &close(), &mut ids()).unwrap();
    assert!(body.add.is_empty());
    assert_eq!(body.update[0].status(), 2);
    assert_eq!(
        body.update[0].repeat_flag(),
        Some("ERULE:NAME=CUSTOM;BYDATE=20260306,20260307")
    );
}

#[test]
fn passing_until_closes_the_parent() {
    let t = task(with(
        parent(),
        json!({"repeatFlag": "RRULE:FREQ=DAILY;UNTIL=20260307"}),
    ));
    let body = complete(&t, &close(), &mut ids()).unwrap();
    assert!(body.add.is_empty());
    assert_eq!(body.update[0].status(), 2);
}

/// [chosen] only an open task can be closed or skipped.
#[test]
fn chosen_closing_a_closed_task_is_refused() {
    let t = task(with(parent(), json!({"status": 2})));
    let e = complete(&t, &close(), &mut ids()).unwrap_err();
    insta::assert_snapshot!(e, @r#"cannot complete task "6940c3d51263b74715346b00": it is already closed (status 2)"#);
    let e = skip(&t, at(AT)).unwrap_err();
    insta::assert_snapshot!(e, @r#"cannot skip task "6940c3d51263b74715346b00": it is already closed (status 2)"#);
}

#[test]
fn closing_when_the_next_start_equals_the_current_start_is_refused() {
    let t = task(with(
        parent(),
        json!({"repeatFlag": "RRULE:FREQ=DAILY;INTERVAL=2", "repeatFrom": "1",
               "startDate": "2026-03-09T14:00:00.000+0000", "dueDate": null}),
    ));
    let e = wont_do(&t, &close(), &mut ids()).unwrap_err();
    insta::assert_snapshot!(e, @r#"cannot mark as won't do task "6940c3d51263b74715346b00": the next start would equal the current start 2026-03-09T14:00:00.000+0000"#);
}

#[test]
fn actions_need_the_task_id() {
    let mut v = parent();
    v.as_object_mut().unwrap().remove("id");
    let t = task(v);
    for action in all_actions() {
        let e = action.apply(&t, &mut ids()).unwrap_err();
        assert_eq!(e.to_string(), r#"task field "id" is missing"#, "{action:?}");
    }
}

// ---- Skip the current occurrence ----

#[test]
fn skip_moves_the_parent_with_no_closed_copy() {
    let before = task(with(
        parent(),
        json!({"repeatFlag": "RRULE:FREQ=DAILY;INTERVAL=1;COUNT=5"}),
    ));
    let body = skip(&before, at(AT)).unwrap();
    assert!(body.add.is_empty());
    assert_eq!(body.update.len(), 1);
    let update = obj(&body.update[0]);
    assert_eq!(update["startDate"], json!("2026-03-08T13:00:00.000+0000"));
    assert_eq!(update["dueDate"], json!("2026-03-08T14:00:00.000+0000"));
    assert_eq!(update["modifiedTime"], json!(AT));
    assert_eq!(update["progress"], json!(0));
    assert_eq!(update["items"][0]["status"], json!(0));
    assert_eq!(
        update["items"][0]["startDate"],
        json!("2026-03-08T13:30:00.000+0000")
    );
    // No exDate, COUNT unchanged, and nothing else touched.
    assert_eq!(
        changed(obj(&before), update),
        ["dueDate", "items", "modifiedTime", "progress", "startDate"]
    );
}

#[test]
fn skip_forgetting_curve_cycle_rises_by_one_plus_the_exdates_jumped() {
    let t = task(with(
        parent(),
        json!({"repeatFlag": "ERULE:NAME=FORGETTINGCURVE;CYCLE=2", "timeZone": "UTC",
               "startDate": "2026-01-01T09:00:00.000+0000", "dueDate": null}),
    ));
    let update = skip(&t, at(AT)).unwrap().update[0].clone();
    assert_eq!(
        update.repeat_flag(),
        Some("ERULE:NAME=FORGETTINGCURVE;CYCLE=3")
    );
    let t = task(with(
        t.to_value(),
        json!({"exDate": ["20260103", "20260106"]}),
    ));
    let update = skip(&t, at(AT)).unwrap().update[0].clone();
    // Jan 3 and Jan 6 are excluded: Jan 6 + 8 = Jan 14, three steps on.
    assert_eq!(
        update.get("startDate"),
        Some(&json!("2026-01-14T09:00:00.000+0000"))
    );
    assert_eq!(
        update.repeat_flag(),
        Some("ERULE:NAME=FORGETTINGCURVE;CYCLE=5")
    );
}

#[test]
fn skip_with_no_next_occurrence_is_refused() {
    let t = task(with(
        parent(),
        json!({"repeatFlag": "RRULE:FREQ=DAILY;INTERVAL=1;COUNT=1"}),
    ));
    let e = skip(&t, at(AT)).unwrap_err();
    insta::assert_snapshot!(e, @r#"cannot skip task "6940c3d51263b74715346b00": its series has no occurrence after the current one"#);
}

#[test]
fn skip_of_a_task_that_does_not_repeat_or_has_no_dates_is_refused() {
    let t = task(with(parent(), json!({"repeatFlag": null})));
    insta::assert_snapshot!(skip(&t, at(AT)).unwrap_err(), @r#"cannot skip task "6940c3d51263b74715346b00": it does not repeat"#);
    let t = task(with(parent(), json!({"startDate": null, "dueDate": null})));
    insta::assert_snapshot!(skip(&t, at(AT)).unwrap_err(), @r#"cannot skip task "6940c3d51263b74715346b00": it has neither startDate nor dueDate"#);
}

/// Skip moves where a completion at `at` would (BEHAVIOUR.md §5): the default mode jumps past `at`.
#[test]
fn skip_in_default_mode_moves_past_at_as_a_completion_would() {
    let t = task(with(parent(), json!({"repeatFrom": "2"})));
    // 2026-03-20T00:00Z is 20:00 on 19 March in New York: 09:00 on 20 March is next.
    let update = skip(&t, at("2026-03-20T00:00:00Z")).unwrap().update[0].clone();
    assert_eq!(
        update.get("startDate"),
        Some(&json!("2026-03-20T13:00:00.000+0000"))
    );
}

/// Skip moves where a completion at `at` would (BEHAVIOUR.md §5): from the completion date, one
/// interval from `at`'s local date.
#[test]
fn skip_from_completion_moves_one_interval_from_the_skips_local_date() {
    let t = task(with(
        parent(),
        json!({"repeatFrom": "1", "repeatFlag": "RRULE:FREQ=WEEKLY;BYDAY=MO"}),
    ));
    // 19 March in New York, plus one week.
    let update = skip(&t, at("2026-03-20T00:00:00Z")).unwrap().update[0].clone();
    assert_eq!(
        update.get("startDate"),
        Some(&json!("2026-03-26T13:00:00.000+0000"))
    );
}

// ---- Skip one future occurrence by date ----

#[test]
fn skip_date_appends_the_date_and_changes_nothing_else() {
    let before = task(with(parent(), json!({"exDate": ["20260310"]})));
    let body = skip_date(&before, parse_date("20260309").unwrap(), at(AT)).unwrap();
    assert!(body.add.is_empty());
    let update = obj(&body.update[0]);
    assert_eq!(update["exDate"], json!(["20260310", "20260309"]));
    assert_eq!(update["modifiedTime"], json!(AT));
    assert_eq!(changed(obj(&before), update), ["exDate", "modifiedTime"]);
}

#[test]
fn skip_date_never_adds_a_date_twice() {
    let before = task(with(parent(), json!({"exDate": ["20260309"]})));
    let body = skip_date(&before, parse_date("20260309").unwrap(), at(AT)).unwrap();
    assert_eq!(body.update[0].get("exDate"), Some(&json!(["20260309"])));
    assert_eq!(
        changed(obj(&before), obj(&body.update[0])),
        ["modifiedTime"]
    );
}

#[test]
fn skip_date_creates_the_exdate_list() {
    let mut v = parent();
    v.as_object_mut().unwrap().remove("exDate");
    let body = skip_date(&task(v), parse_date("20260309").unwrap(), at(AT)).unwrap();
    assert_eq!(body.update[0].get("exDate"), Some(&json!(["20260309"])));
    let body = skip_date(
        &task(with(parent(), json!({"exDate": null}))),
        parse_date("20260309").unwrap(),
        at(AT),
    )
    .unwrap();
    assert_eq!(body.update[0].get("exDate"), Some(&json!(["20260309"])));
}

/// [chosen] the date must be after the current occurrence and carry an occurrence.
#[test]
fn chosen_skip_date_refuses_dates_that_are_not_future_occurrences() {
    let t = task(with(
        parent(),
        json!({"repeatFlag": "RRULE:FREQ=WEEKLY;BYDAY=SA"}),
    ));
    let e = skip_date(&t, parse_date("20260307").unwrap(), at(AT)).unwrap_err();
    insta::assert_snapshot!(e, @r#"cannot skip a date of task "6940c3d51263b74715346b00": 20260307 is not after the current occurrence's date 20260307"#);
    let e = skip_date(&t, parse_date("20260309").unwrap(), at(AT)).unwrap_err();
    insta::assert_snapshot!(e, @r#"cannot skip a date of task "6940c3d51263b74715346b00": its series has no occurrence on 20260309"#);
    assert!(skip_date(&t, parse_date("20260314").unwrap(), at(AT)).is_ok());
    // Repeating from the completion date, future dates are unknown: any later date is accepted.
    let t = task(with(t.to_value(), json!({"repeatFrom": "1"})));
    assert!(skip_date(&t, parse_date("20260309").unwrap(), at(AT)).is_ok());
}

#[test]
fn skip_date_uses_the_local_date_in_the_task_zone() {
    // 20:00 in Los Angeles on Mar 8 is 04:00Z (PDT: 03:00Z) on Mar 9.
    let t = task(with(
        parent(),
        json!({"timeZone": "America/Los_Angeles", "startDate": "2026-03-07T04:00:00.000+0000",
               "dueDate": null}),
    ));
    assert!(skip_date(&t, parse_date("20260308").unwrap(), at(AT)).is_ok());
}

// ---- Pin and unpin ----

#[test]
fn pin_sets_pinned_time_and_modified_time_only() {
    let before = task(parent());
    let body = pin(&before, at("2026-03-07T13:53:44Z")).unwrap();
    let update = obj(&body.update[0]);
    assert_eq!(update["pinnedTime"], json!("2026-03-07T13:53:44.000+0000"));
    assert_eq!(
        update["modifiedTime"],
        json!("2026-03-07T13:53:44.000+0000")
    );
    assert_eq!(
        changed(obj(&before), update),
        ["modifiedTime", "pinnedTime"]
    );
    // As the web client writes it: right after isAllDay.
    let keys: Vec<&str> = update.keys().map(String::as_str).collect();
    let pos = |k: &str| keys.iter().position(|x| *x == k).unwrap();
    assert_eq!(pos("pinnedTime"), pos("isAllDay") + 1);
}

#[test]
fn unpin_sets_pinned_time_null_in_place() {
    let before = task(with(
        parent(),
        json!({"pinnedTime": "2026-03-07T13:53:44.000+0000"}),
    ));
    let body = unpin(&before, at(AT)).unwrap();
    let update = obj(&body.update[0]);
    assert_eq!(update["pinnedTime"], Value::Null);
    assert_eq!(
        changed(obj(&before), update),
        ["modifiedTime", "pinnedTime"]
    );
    let before_keys: Vec<_> = obj(&before).keys().collect();
    let after_keys: Vec<_> = update.keys().collect();
    assert_eq!(before_keys, after_keys);
}

// ---- Every action ----

fn all_actions() -> Vec<Action> {
    vec![
        Action::Complete(close()),
        Action::WontDo(close()),
        Action::Skip { at: at(AT) },
        Action::SkipDate {
            date: parse_date("20260310").unwrap(),
            at: at(AT),
        },
        Action::Pin { at: at(AT) },
        Action::Unpin { at: at(AT) },
    ]
}

#[test]
fn unknown_fields_survive_every_action() {
    let t = task(parent());
    for action in all_actions() {
        let body = action.apply(&t, &mut ids()).unwrap();
        for out in body.add.iter().chain(&body.update) {
            assert_eq!(
                out.get("futureField"),
                Some(&parent()["futureField"]),
                "{action:?}"
            );
            assert_eq!(out.get("kind"), Some(&Value::Null), "{action:?}");
            assert_eq!(out.get("tags"), Some(&json!(["home"])), "{action:?}");
            // Key order: the parent's keys keep their relative order.
            let keys: Vec<&String> = out
                .fields()
                .keys()
                .filter(|k| parent().get(k.as_str()).is_some())
                .collect();
            let original: Vec<&String> = obj(&t).keys().filter(|k| out.get(k).is_some()).collect();
            assert_eq!(keys, original, "{action:?}");
        }
    }
}

#[test]
fn actions_leave_the_given_task_unchanged() {
    let t = task(parent());
    for action in all_actions() {
        let _ = action.apply(&t, &mut ids()).unwrap();
        assert_eq!(t.to_value(), parent());
    }
}

// ---- The server's response ----

#[test]
fn response_sets_new_etags_and_reports_errors() {
    let body = complete(&task(parent()), &close(), &mut ids()).unwrap();
    let mut held: Vec<Task> = body.update.into_iter().chain(body.add).collect();
    let response: Response = serde_json::from_value(json!({
        "id2etag": {"6940c3d51263b74715346b00": "8nlrfpks", "unheld": "x"},
        "id2error": {"69ac83c02c6f3277d1000001": "EXCEED_QUOTA"}
    }))
    .unwrap();
    let errors = apply_response(&mut held, &response);
    assert_eq!(held[0].etag(), Some("8nlrfpks"));
    assert_eq!(held[1].etag(), None);
    assert_eq!(errors.len(), 1);
    assert_eq!(errors["69ac83c02c6f3277d1000001"], "EXCEED_QUOTA");
}

#[test]
fn response_adds_the_etag_a_new_task_lacked() {
    let body = complete(&task(parent()), &close(), &mut ids()).unwrap();
    let mut held = body.add;
    let response: Response =
        serde_json::from_str(r#"{"id2etag": {"69ac83c02c6f3277d1000001": "imm8jglm"}}"#).unwrap();
    assert!(apply_response(&mut held, &response).is_empty());
    assert_eq!(held[0].etag(), Some("imm8jglm"));
}

#[test]
fn ids_of_one_completion_are_ordered_and_share_the_process_part() {
    let mut gen = ObjectIdGenerator::new();
    let body = complete(&task(parent()), &close(), &mut gen).unwrap();
    let add = &body.add[0];
    let mut all: Vec<String> = vec![add.id().unwrap().to_owned()];
    all.extend(
        add.items()
            .iter()
            .map(|r| r["id"].as_str().unwrap().to_owned()),
    );
    all.extend(
        add.reminders()
            .iter()
            .map(|r| r["id"].as_str().unwrap().to_owned()),
    );
    for id in &all {
        assert_eq!(id.len(), 24);
        assert!(id.starts_with("69ac83c0"), "{id}");
        assert_eq!(id[8..18], all[0][8..18]);
    }
}
