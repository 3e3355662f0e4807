//! Nothing lost: for any valid task, with unknown fields of every JSON type (nested, and inside
//! checklist items and reminders too), and any action, every input field appears in the output
//! unchanged, in its order, unless BEHAVIOUR.md §5 says the action changes it. The allowed changes
//! are listed per action below, down to the fields of items and reminders and the bytes of the flag.

use chrono::{DateTime, TimeDelta, Utc};
use proptest::prelude::*;
use serde_json::{json, Map, Value};
use ticktick_recur::task::{Action, Close, Task};
use ticktick_recur::{format_instant, ObjectIdGenerator};

const FLAGS: &[&str] = &[
    "RRULE:FREQ=DAILY;INTERVAL=1",
    "RRULE:FREQ=DAILY;INTERVAL=3;COUNT=5",
    "RRULE:FREQ=WEEKLY;INTERVAL=1;WKST=SU;BYDAY=SA;X-UNKNOWN=kept",
    "RRULE:FREQ=MONTHLY;BYDAY=-1FR;COUNT=1",
    "RRULE:FREQ=DAILY;INTERVAL=1;TT_SKIP=WEEKEND",
    "RRULE:FREQ=DAILY;UNTIL=20260301",
    "ERULE:NAME=FORGETTINGCURVE;CYCLE=0",
    "ERULE:NAME=FORGETTINGCURVE;CYCLE=3;COUNT=3",
    "ERULE:NAME=CUSTOM;BYDATE=20250319,20260320,20270101",
    "",
];

const ZONES: &[&str] = &[
    "UTC",
    "America/New_York",
    "Australia/Lord_Howe",
    "Pacific/Apia",
];

/// Any JSON value: every type, nested, with numbers at the edges and awkward strings.
fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<u64>().prop_map(|n| json!(n)),
        (-1e300f64..1e300).prop_map(|f| json!(f)),
        "\\PC{0,8}".prop_map(Value::String),
        Just(json!("\u{0}\u{1f}\"\\\u{2028}é")),
    ];
    leaf.prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::vec(("[a-zA-Z_]{1,6}", inner), 0..4)
                .prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

/// Unknown fields: names no TickTick field has.
fn extras() -> impl Strategy<Value = Extra> {
    prop::collection::vec(("x[A-Z][a-zA-Z]{0,6}", any_json()), 0..4)
}

/// Unknown fields to add to an object.
type Extra = Vec<(String, Value)>;

fn minutes(m: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(m * 60, 0).unwrap()
}

#[allow(clippy::too_many_arguments)]
fn build(
    flag: &str,
    zone: &str,
    all_day: bool,
    start: i64,
    due: Option<i64>,
    items: Vec<(Option<i64>, Extra)>,
    reminders: Vec<Extra>,
    top: Extra,
) -> Task {
    let start_t = minutes(start);
    let mut fields = Map::new();
    for (k, v) in top {
        fields.insert(k, v);
    }
    let items: Vec<Value> = items
        .into_iter()
        .enumerate()
        .map(|(i, (offset, extra))| {
            let mut item = Map::new();
            item.insert("id".into(), json!(format!("item{i}")));
            item.insert("status".into(), json!(1));
            if let Some(m) = offset {
                item.insert(
                    "startDate".into(),
                    json!(format_instant(start_t + TimeDelta::minutes(m))),
                );
            }
            for (k, v) in extra {
                item.insert(k, v);
            }
            Value::Object(item)
        })
        .collect();
    let reminders: Vec<Value> = reminders
        .into_iter()
        .enumerate()
        .map(|(i, extra)| {
            let mut r = Map::new();
            r.insert("id".into(), json!(format!("rem{i}")));
            r.insert("trigger".into(), json!("TRIGGER:PT0S"));
            for (k, v) in extra {
                r.insert(k, v);
            }
            Value::Object(r)
        })
        .collect();
    let own = json!({
        "id": "6940c3d51263b74715346b00",
        "items": items,
        "reminders": reminders,
        "exDate": ["20240105"],
        "startDate": format_instant(start_t),
        "dueDate": due.map(|m| format_instant(start_t + TimeDelta::minutes(m))),
        "isAllDay": all_day,
        "repeatFrom": "0",
        "repeatFlag": flag,
        "progress": 30,
        "status": 0,
        "etag": "abcdefgh",
        "timeZone": zone,
        "focusSummaries": [{"x": 1}],
        "modifiedTime": "2024-01-01T00:00:00.000+0000",
        "title": "generated",
    });
    for (k, v) in own.as_object().unwrap() {
        fields.insert(k.clone(), v.clone());
    }
    Task::from_map(fields).unwrap()
}

fn task() -> impl Strategy<Value = Task> {
    (
        (
            prop::sample::select(FLAGS),
            prop::sample::select(ZONES),
            any::<bool>(),
            28_401_120i64..30_504_960,
            prop::option::of(0i64..3000),
        ),
        prop::collection::vec((prop::option::of(-600i64..600), extras()), 0..3),
        prop::collection::vec(extras(), 0..3),
        extras(),
    )
        .prop_map(
            |((flag, zone, all_day, start, due), items, reminders, top)| {
                build(flag, zone, all_day, start, due, items, reminders, top)
            },
        )
}

/// How an output task may differ from the input, field by field.
#[derive(Clone, Copy, PartialEq)]
enum Change {
    /// The field may take any value (or appear).
    Any,
    /// The field is removed.
    Removed,
    /// Each object keeps every field but those named, which may change.
    EachObject(&'static [&'static str]),
    /// The flag keeps every byte but the digits of COUNT and CYCLE.
    FlagCountCycle,
    /// The array keeps its entries and may gain more at its end.
    Appended,
}

/// BEHAVIOUR.md §5, per action and output.
fn allowed(action: &Action, is_add: bool, closes_itself: bool) -> Vec<(&'static str, Change)> {
    use Change::*;
    match action {
        Action::Complete(_) | Action::WontDo(_) if is_add => vec![
            ("id", Any),
            ("status", Any),
            ("completedTime", Any),
            ("completedUserId", Any),
            ("repeatTaskId", Any),
            ("repeatFlag", Any),
            ("attachments", Any),
            ("remindTime", Any),
            ("reminders", EachObject(&["id"])),
            ("items", EachObject(&["id"])),
            ("etag", Removed),
            ("focusSummaries", Removed),
        ],
        Action::Complete(_) | Action::WontDo(_) if closes_itself => vec![
            ("status", Any),
            ("completedTime", Any),
            ("completedUserId", Any),
            ("modifiedTime", Any),
            ("remindTime", Any),
        ],
        Action::Complete(_) | Action::WontDo(_) => vec![
            ("startDate", Any),
            ("dueDate", Any),
            ("modifiedTime", Any),
            ("status", Any),
            ("remindTime", Any),
            ("progress", Any),
            ("repeatFlag", FlagCountCycle),
            ("items", EachObject(&["status", "startDate"])),
        ],
        Action::Skip { .. } => vec![
            ("startDate", Any),
            ("dueDate", Any),
            ("modifiedTime", Any),
            ("progress", Any),
            ("repeatFlag", FlagCountCycle),
            ("items", EachObject(&["status", "startDate"])),
        ],
        Action::SkipDate { .. } => vec![("exDate", Appended), ("modifiedTime", Any)],
        _ => vec![("pinnedTime", Any), ("modifiedTime", Any)],
    }
}

/// The flag's text with the digits of its COUNT and CYCLE values blanked out.
fn without_count_and_cycle(flag: &str) -> String {
    flag.split(';')
        .map(|part| match part.split_once('=') {
            Some((k, _)) if k.eq_ignore_ascii_case("COUNT") || k.eq_ignore_ascii_case("CYCLE") => {
                format!("{k}=#")
            }
            _ => part.to_owned(),
        })
        .collect::<Vec<_>>()
        .join(";")
}

fn check_field(
    key: &str,
    change: Option<Change>,
    before: &Value,
    after: Option<&Value>,
) -> Result<(), TestCaseError> {
    match (change, after) {
        (None, after) => prop_assert_eq!(after, Some(before), "{} changed", key),
        (Some(Change::Any), _) => {}
        (Some(Change::Removed), after) => prop_assert_eq!(after, None, "{} kept", key),
        (Some(Change::FlagCountCycle), after) => {
            let (a, b) = (before.as_str(), after.and_then(Value::as_str));
            prop_assert_eq!(
                a.map(without_count_and_cycle),
                b.map(without_count_and_cycle)
            );
        }
        (Some(Change::Appended), after) => {
            let a = before.as_array().cloned().unwrap_or_default();
            let b = after.and_then(Value::as_array).cloned().unwrap_or_default();
            prop_assert!(
                b.len() >= a.len() && b[..a.len()] == a[..],
                "{} not appended",
                key
            );
        }
        (Some(Change::EachObject(may)), after) => {
            let a = before.as_array().cloned().unwrap_or_default();
            let b = after.and_then(Value::as_array).cloned().unwrap_or_default();
            prop_assert_eq!(a.len(), b.len(), "{} length", key);
            for (x, y) in a.iter().zip(&b) {
                let (x, y) = (x.as_object().unwrap(), y.as_object().unwrap());
                for (k, v) in x {
                    if !may.contains(&k.as_str()) {
                        prop_assert_eq!(y.get(k), Some(v), "{}.{} changed", key, k);
                    }
                }
                for k in y.keys() {
                    prop_assert!(
                        x.contains_key(k) || may.contains(&k.as_str()),
                        "{}.{} added",
                        key,
                        k
                    );
                }
                let order = |o: &Map<String, Value>, other: &Map<String, Value>| -> Vec<String> {
                    o.keys()
                        .filter(|k| other.contains_key(*k))
                        .cloned()
                        .collect()
                };
                prop_assert_eq!(order(x, y), order(y, x), "{} order", key);
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn every_field_survives_unless_the_action_changes_it(
        task in task(),
        at_minutes in -4000i64..90_000,
        date_days in 1u64..10,
    ) {
        let start = task.start_date().unwrap();
        let at = start + TimeDelta::minutes(at_minutes);
        let close = Close { at, user_id: 42 };
        let date = ticktick_recur::Zone::UTC.local(start).date() + chrono::Days::new(date_days);
        for action in [
            Action::Complete(close),
            Action::WontDo(close),
            Action::Skip { at },
            Action::SkipDate { date, at },
            Action::Pin { at },
            Action::Unpin { at },
        ] {
            let body = match action.apply(&task, &mut ObjectIdGenerator::new()) {
                Ok(body) => body,
                // Pinning applies to every task with an id: the property is never vacuous.
                Err(e) if matches!(action, Action::Pin { .. } | Action::Unpin { .. }) => {
                    return Err(TestCaseError::fail(format!("{action:?}: {e}")));
                }
                Err(_) => continue,
            };
            let closes_itself = body.add.is_empty();
            let outputs = body.add.iter().map(|t| (t, true)).chain(body.update.iter().map(|t| (t, false)));
            for (out, is_add) in outputs {
                let may = allowed(&action, is_add, closes_itself);
                let change = |k: &str| may.iter().find(|(n, _)| *n == k).map(|(_, c)| *c);
                for (key, value) in task.fields() {
                    check_field(key, change(key), value, out.get(key))?;
                }
                for key in out.fields().keys() {
                    prop_assert!(task.get(key).is_some() || change(key).is_some(), "{:?} added {}", action, key);
                }
                let kept: Vec<&String> = task.fields().keys().filter(|k| out.get(k).is_some()).collect();
                let order: Vec<&String> = out.fields().keys().filter(|k| task.get(k).is_some()).collect();
                prop_assert_eq!(kept, order, "{:?} reordered fields", action);
            }
        }
    }
}
