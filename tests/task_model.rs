//! The task model reads anything TickTick sends and writes it back unchanged; ids are BSON ObjectIds.

use serde_json::{json, Value};
use ticktick_recur::task::{FieldProblem, RepeatFrom, Task, TaskError};
use ticktick_recur::{parse_instant, IdSeed, ObjectId, ObjectIdGenerator, Zone};

#[test]
fn unknown_fields_and_key_order_survive_a_round_trip() {
    let text = r#"{"zeta":1,"id":"a","alpha":{"b":[1,2.5,null,true],"a":"x"},"startDate":"2026-01-17T14:00:00.000+0000","big":-3298535473152,"unicode":"çà ✓"}"#;
    let task = Task::from_json(text).unwrap();
    assert_eq!(task.to_json(), text);
    assert_eq!(serde_json::to_string(&task).unwrap(), text);
    let back: Task = serde_json::from_str(text).unwrap();
    assert_eq!(back, task);
}

#[test]
fn rfc3339_instants_are_accepted_and_left_as_given() {
    let task = Task::from_json(
        r#"{"startDate": "2026-01-17T17:00:00+03:00", "dueDate": "2026-01-17T15:00:00.123Z"}"#,
    )
    .unwrap();
    assert_eq!(
        task.start_date(),
        Some(parse_instant("2026-01-17T14:00:00Z").unwrap())
    );
    assert_eq!(
        task.due_date(),
        Some(parse_instant("2026-01-17T15:00:00.123Z").unwrap())
    );
    assert_eq!(
        task.get("startDate"),
        Some(&json!("2026-01-17T17:00:00+03:00"))
    );
}

#[test]
fn typed_accessors() {
    let task = Task::from_json(
        r#"{"id": "x", "etag": "e", "status": -1, "isAllDay": true, "isFloating": null,
            "timeZone": "Europe/Rome", "repeatFlag": "RRULE:FREQ=DAILY", "repeatFrom": "1",
            "exDate": ["20260101", "20260102"], "items": [{"id": "i"}], "reminders": []}"#,
    )
    .unwrap();
    assert_eq!(task.id(), Some("x"));
    assert_eq!(task.etag(), Some("e"));
    assert_eq!(task.status(), -1);
    assert!(task.is_all_day());
    assert!(!task.is_floating());
    assert_eq!(task.time_zone(), Some("Europe/Rome"));
    assert_eq!(task.zone().unwrap().name(), "Europe/Rome");
    assert_eq!(task.repeat_flag(), Some("RRULE:FREQ=DAILY"));
    assert_eq!(task.repeat_from(), RepeatFrom::CompletionDate);
    assert_eq!(task.ex_dates().len(), 2);
    assert_eq!(task.items().len(), 1);
    assert!(task.reminders().is_empty());
}

#[test]
fn repeat_from_accepts_strings_numbers_null_empty_and_missing() {
    let cases = [
        (json!("0"), RepeatFrom::DueDate),
        (json!(0), RepeatFrom::DueDate),
        (json!("1"), RepeatFrom::CompletionDate),
        (json!(1), RepeatFrom::CompletionDate),
        (json!("2"), RepeatFrom::Default),
        (json!(2), RepeatFrom::Default),
        (json!(null), RepeatFrom::Default),
        (json!(""), RepeatFrom::Default),
    ];
    for (value, expected) in cases {
        let task = Task::from_value(json!({ "repeatFrom": value })).unwrap();
        assert_eq!(task.repeat_from(), expected, "{value}");
    }
    assert_eq!(
        Task::from_json("{}").unwrap().repeat_from(),
        RepeatFrom::Default
    );
    for bad in [
        json!("3"),
        json!(3),
        json!("01"),
        json!(true),
        json!(-1),
        json!(1.5),
    ] {
        let e = Task::from_value(json!({ "repeatFrom": bad })).unwrap_err();
        assert!(
            matches!(e, TaskError::InvalidField { ref field, problem: FieldProblem::InvalidRepeatFrom { .. } } if field == "repeatFrom"),
            "{bad}: {e}"
        );
    }
}

#[test]
fn wrong_types_name_the_field_and_the_problem() {
    let cases = [
        (
            json!({"startDate": 5}),
            r#"task field "startDate": expected an instant string, got 5"#,
        ),
        (
            json!({"dueDate": "tomorrow"}),
            r#"task field "dueDate": invalid instant "tomorrow": expected RFC 3339 or yyyy-MM-ddTHH:mm:ss.SSS+0000"#,
        ),
        (
            json!({"isAllDay": "yes"}),
            r#"task field "isAllDay": expected true or false, got "yes""#,
        ),
        (
            json!({"timeZone": 3}),
            r#"task field "timeZone": expected a string, got 3"#,
        ),
        (
            json!({"repeatFlag": ["RRULE:FREQ=DAILY"]}),
            r#"task field "repeatFlag": expected a string, got ["RRULE:FREQ=DAILY"]"#,
        ),
        (
            json!({"repeatFrom": "3"}),
            r#"task field "repeatFrom": expected "0", "1", "2", "" or null, got "3""#,
        ),
        (
            json!({"exDate": "20260101"}),
            r#"task field "exDate": expected an array of yyyyMMdd strings, got "20260101""#,
        ),
        (
            json!({"exDate": ["20260101", "2026-01-02"]}),
            r#"task field "exDate[1]": invalid date "2026-01-02": expected yyyyMMdd"#,
        ),
        (
            json!({"exDate": [20260101]}),
            r#"task field "exDate[0]": expected a yyyyMMdd string, got 20260101"#,
        ),
        (
            json!({"items": [{"id": "a"}, 7]}),
            r#"task field "items[1]": expected an object, got 7"#,
        ),
        (
            json!({"items": [{"startDate": false}]}),
            r#"task field "items[0].startDate": expected an instant string, got false"#,
        ),
        (
            json!({"reminders": {}}),
            r#"task field "reminders": expected an array of objects, got {}"#,
        ),
        (
            json!({"status": "done"}),
            r#"task field "status": expected an integer, got "done""#,
        ),
        (
            json!({"id": 12}),
            r#"task field "id": expected a string, got 12"#,
        ),
        (
            json!({"startDate": "x".repeat(60)}),
            r#"task field "startDate": invalid instant "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx": expected RFC 3339 or yyyy-MM-ddTHH:mm:ss.SSS+0000"#,
        ),
        (
            json!({"items": [{"title": "y".repeat(60)}], "status": ["z".repeat(60)]}),
            r#"task field "status": expected an integer, got ["zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz..."#,
        ),
    ];
    for (value, message) in cases {
        let e = Task::from_value(value.clone()).unwrap_err();
        assert_eq!(e.to_string(), message, "{value}");
    }
}

#[test]
fn null_means_absent_for_every_checked_field() {
    let task = Task::from_json(
        r#"{"id": null, "etag": null, "startDate": null, "dueDate": null, "timeZone": null,
            "isAllDay": null, "isFloating": null, "repeatFlag": null, "repeatFrom": null,
            "exDate": null, "items": null, "reminders": null, "status": null, "attachments": null}"#,
    )
    .unwrap();
    assert_eq!(task.id(), None);
    assert_eq!(task.start_date(), None);
    assert!(task.ex_dates().is_empty());
    assert_eq!(task.status(), 0);
}

#[test]
fn text_that_is_not_a_task_object_is_refused() {
    let e = Task::from_json("[1]").unwrap_err();
    assert_eq!(e.to_string(), "a task must be a JSON object, got an array");
    let e = Task::from_json("{\"id\": \"a\",\n  \"x\": }").unwrap_err();
    assert!(matches!(e, TaskError::InvalidJson { line: 2, .. }), "{e:?}");
    assert!(
        e.to_string()
            .starts_with("invalid task JSON at line 2 column "),
        "{e}"
    );
}

#[test]
fn missing_time_zone_falls_back_to_the_default_zone_then_utc() {
    let task = Task::from_json(r#"{"timeZone": ""}"#).unwrap();
    assert_eq!(task.zone().unwrap(), Zone::UTC);
    let berlin: Zone = "Europe/Berlin".parse().unwrap();
    assert_eq!(task.with_default_zone(berlin).zone().unwrap(), berlin);
}

#[test]
fn unknown_time_zone_is_a_field_error() {
    let task = Task::from_json(r#"{"timeZone": "Mars/Olympus"}"#).unwrap();
    let e = task.zone().unwrap_err();
    assert_eq!(
        e.to_string(),
        r#"task field "timeZone": unknown time zone "Mars/Olympus""#
    );
}

#[test]
fn set_checks_types_and_keeps_order() {
    let mut task = Task::from_json(r#"{"a": 1, "startDate": null, "b": 2}"#).unwrap();
    assert!(task.set("startDate", json!(5)).is_err());
    assert_eq!(task.get("startDate"), Some(&Value::Null));
    task.set("startDate", json!("2026-01-17T14:00:00Z"))
        .unwrap();
    task.set("c", json!(3)).unwrap();
    assert_eq!(
        task.to_json(),
        r#"{"a":1,"startDate":"2026-01-17T14:00:00Z","b":2,"c":3}"#
    );
    assert_eq!(task.remove("a"), Some(json!(1)));
    assert_eq!(
        task.to_json(),
        r#"{"startDate":"2026-01-17T14:00:00Z","b":2,"c":3}"#
    );
}

// ---- ObjectIds ----

#[test]
fn seeded_ids_match_the_contract_example() {
    let mut ids = ObjectIdGenerator::from_seed("2c6f3277d1cc4341".parse().unwrap());
    let at = parse_instant("2026-01-17T13:16:24Z").unwrap();
    assert_eq!(ids.next_id(at).to_string(), "696b8ba82c6f3277d1cc4341");
    assert_eq!(ids.next_id(at).to_string(), "696b8ba82c6f3277d1cc4342");
}

#[test]
fn an_id_carries_the_seconds_of_its_instant() {
    let mut ids = ObjectIdGenerator::new();
    let at = parse_instant("2026-01-17T13:16:24.999Z").unwrap();
    let id = ids.next_id(at);
    assert_eq!(i64::from(id.seconds()), at.timestamp());
    let parsed: ObjectId = id.to_string().parse().unwrap();
    assert_eq!(parsed, id);
}

#[test]
fn random_generators_differ_and_count_up() {
    let at = parse_instant("2026-01-17T13:16:24Z").unwrap();
    let (mut a, mut b) = (ObjectIdGenerator::new(), ObjectIdGenerator::new());
    let (a1, a2, b1) = (a.next_id(at), a.next_id(at), b.next_id(at));
    assert_ne!(a1.process(), b1.process());
    assert_eq!(a1.process(), a2.process());
    assert_eq!((a1.counter() + 1) & 0xff_ffff, a2.counter());
}

#[test]
fn bad_seeds_are_refused() {
    for bad in [
        "",
        "2c6f3277d1cc434",
        "2c6f3277d1cc43411",
        "2c6f3277d1cc434g",
    ] {
        let e = bad.parse::<IdSeed>().unwrap_err();
        assert_eq!(
            e.to_string(),
            format!("invalid hex {bad:?}: expected 16 hex digits")
        );
    }
}
