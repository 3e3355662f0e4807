//! The task object, kept losslessly: typed access to the fields the engine reads, every other field
//! (unknown ones included) carried untouched and in its original key order.

use std::fmt;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

use super::error::{FieldProblem, TaskError};
use crate::{format_instant, parse_instant, HolidayCalendar, Recurrence, RepeatFlag, Zone};

/// Field names as TickTick spells them.
pub(crate) mod key {
    pub const ID: &str = "id";
    pub const ETAG: &str = "etag";
    pub const START_DATE: &str = "startDate";
    pub const DUE_DATE: &str = "dueDate";
    pub const TIME_ZONE: &str = "timeZone";
    pub const IS_ALL_DAY: &str = "isAllDay";
    pub const IS_FLOATING: &str = "isFloating";
    pub const REPEAT_FLAG: &str = "repeatFlag";
    pub const REPEAT_FROM: &str = "repeatFrom";
    pub const REPEAT_TASK_ID: &str = "repeatTaskId";
    pub const EX_DATE: &str = "exDate";
    pub const ITEMS: &str = "items";
    pub const REMINDERS: &str = "reminders";
    pub const STATUS: &str = "status";
    pub const ATTACHMENTS: &str = "attachments";
    pub const COMPLETED_TIME: &str = "completedTime";
    pub const COMPLETED_USER_ID: &str = "completedUserId";
    pub const MODIFIED_TIME: &str = "modifiedTime";
    pub const CREATED_TIME: &str = "createdTime";
    pub const PINNED_TIME: &str = "pinnedTime";
    pub const REMIND_TIME: &str = "remindTime";
    pub const PROGRESS: &str = "progress";
    pub const FOCUS_SUMMARIES: &str = "focusSummaries";
    pub const TITLE: &str = "title";
}

/// The JSON shape a checked field takes; `null` is always allowed and means absent.
#[derive(Clone, Copy)]
enum Shape {
    String,
    Instant,
    Bool,
    Integer,
    RepeatFrom,
    Dates,
    Objects,
    Array,
    /// Checklist items: objects whose `id`, `startDate` and `status` are checked too.
    Items,
}

/// Every field whose type is checked when a task is read or set; all others are carried as they are.
const CHECKED: &[(&str, Shape)] = &[
    (key::ID, Shape::String),
    (key::ETAG, Shape::String),
    (key::START_DATE, Shape::Instant),
    (key::DUE_DATE, Shape::Instant),
    (key::TIME_ZONE, Shape::String),
    (key::IS_ALL_DAY, Shape::Bool),
    (key::IS_FLOATING, Shape::Bool),
    (key::REPEAT_FLAG, Shape::String),
    (key::REPEAT_FROM, Shape::RepeatFrom),
    (key::EX_DATE, Shape::Dates),
    (key::ITEMS, Shape::Items),
    (key::REMINDERS, Shape::Objects),
    (key::STATUS, Shape::Integer),
    (key::ATTACHMENTS, Shape::Array),
];

/// The fields of a checklist item whose type is checked.
const ITEM_CHECKED: &[(&str, Shape)] = &[
    (key::ID, Shape::String),
    (key::START_DATE, Shape::Instant),
    (key::STATUS, Shape::Integer),
];

/// Which occurrence comes next when the current one is closed (the task's `repeatFrom`).
///
/// ```
/// use ticktick_recur::task::{RepeatFrom, Task};
/// let task = Task::from_json(r#"{"repeatFrom": 1}"#)?;
/// assert_eq!(task.repeat_from(), RepeatFrom::CompletionDate);
/// assert_eq!(Task::from_json("{}")?.repeat_from(), RepeatFrom::Default);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RepeatFrom {
    /// `"0"`: the first occurrence strictly after the current start, even if it is in the past.
    DueDate,
    /// `"1"`: the completion's local date plus one interval, at the original time of day.
    CompletionDate,
    /// `"2"`, `null`, `""` or missing: the first occurrence strictly after both the current start and
    /// the completion instant.
    Default,
}

impl RepeatFrom {
    /// The wire value: `"0"`, `"1"` or `"2"`.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            RepeatFrom::DueDate => "0",
            RepeatFrom::CompletionDate => "1",
            RepeatFrom::Default => "2",
        }
    }

    /// Reads a `repeatFrom` value: `"0"`/`0`, `"1"`/`1`, `"2"`/`2`, and `""`, `null` or absent for the
    /// default. `None` for anything else.
    #[must_use]
    pub fn from_json(value: Option<&Value>) -> Option<RepeatFrom> {
        let code = match value {
            None | Some(Value::Null) => return Some(RepeatFrom::Default),
            Some(Value::String(s)) if s.is_empty() => return Some(RepeatFrom::Default),
            Some(Value::String(s)) => s.parse::<u8>().ok().filter(|_| s.len() == 1)?,
            Some(Value::Number(n)) => u8::try_from(n.as_u64()?).ok()?,
            Some(_) => return None,
        };
        match code {
            0 => Some(RepeatFrom::DueDate),
            1 => Some(RepeatFrom::CompletionDate),
            2 => Some(RepeatFrom::Default),
            _ => None,
        }
    }
}

/// A TickTick task object, kept losslessly.
///
/// Reading checks the type of every field the engine uses (dates, zone, flags, `exDate`, checklist
/// items, ...) and keeps every field, unknown ones included, in its original order; writing gives the
/// same JSON back. Instants may be TickTick's wire form or RFC 3339; the ones this crate writes are
/// always the wire form.
///
/// ```
/// use ticktick_recur::task::Task;
/// let task = Task::from_json(r#"{
///     "id": "696b8b6f2c6f3277d1cc4331",
///     "startDate": "2026-01-17T14:00:00.000+0000",
///     "timeZone": "Europe/Istanbul",
///     "repeatFlag": "RRULE:FREQ=DAILY;INTERVAL=1",
///     "someFutureField": {"kept": true}
/// }"#)?;
/// assert_eq!(task.id(), Some("696b8b6f2c6f3277d1cc4331"));
/// assert_eq!(task.zone()?.name(), "Europe/Istanbul");
/// assert_eq!(task.get("someFutureField").unwrap()["kept"], true);
/// assert!(task.to_json().starts_with(r#"{"id":"#));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, PartialEq)]
pub struct Task {
    fields: Map<String, Value>,
    default_zone: Zone,
    holidays: Option<HolidayCalendar>,
}

impl Task {
    /// Reads a task from JSON text.
    ///
    /// An object with the same key twice, at any depth, is refused: JSON readers disagree on which
    /// value counts, and the task could not be written back as it was given.
    ///
    /// # Errors
    ///
    /// [`TaskError::InvalidJson`] for text that is not JSON or repeats a key,
    /// [`TaskError::NotAnObject`] for JSON that is not an object, [`TaskError::InvalidField`] for a
    /// field of the wrong type.
    ///
    /// ```
    /// use ticktick_recur::task::Task;
    /// let err = Task::from_json(r#"{"id": "a", "status": 0, "status": 2}"#).unwrap_err();
    /// assert_eq!(err.to_string(), r#"invalid task JSON at line 1 column 33: duplicate key "status""#);
    /// ```
    pub fn from_json(text: &str) -> Result<Task, TaskError> {
        let value = serde_json::from_str::<Strict>(text)
            .map(|s| s.0)
            .map_err(|e| TaskError::InvalidJson {
                line: e.line(),
                column: e.column(),
                message: json_message(&e),
            })?;
        Task::from_value(value)
    }

    /// Reads a task from a JSON value.
    ///
    /// # Errors
    ///
    /// [`TaskError::NotAnObject`] when the value is not an object, [`TaskError::InvalidField`] for a
    /// field of the wrong type.
    pub fn from_value(value: Value) -> Result<Task, TaskError> {
        match value {
            Value::Object(fields) => Task::from_map(fields),
            other => Err(TaskError::NotAnObject {
                got: json_kind(&other),
            }),
        }
    }

    /// Reads a task from a JSON object's fields.
    ///
    /// # Errors
    ///
    /// [`TaskError::InvalidField`] for a field of the wrong type.
    pub fn from_map(fields: Map<String, Value>) -> Result<Task, TaskError> {
        for (name, value) in &fields {
            check(name, value)?;
        }
        Ok(Task {
            fields,
            default_zone: Zone::UTC,
            holidays: None,
        })
    }

    /// The zone to use when the task has no `timeZone` (UTC unless set).
    #[must_use]
    pub fn with_default_zone(mut self, zone: Zone) -> Task {
        self.default_zone = zone;
        self
    }

    /// The holiday calendar that `TT_SKIP=HOLIDAY` and `TT_WORKDAY` consult (none unless set).
    #[must_use]
    pub fn with_holidays(mut self, calendar: HolidayCalendar) -> Task {
        self.holidays = Some(calendar);
        self
    }

    /// The task as a JSON value, fields in their original order.
    #[must_use]
    pub fn to_value(&self) -> Value {
        Value::Object(self.fields.clone())
    }

    /// The task as compact JSON text, fields in their original order.
    #[must_use]
    pub fn to_json(&self) -> String {
        Value::Object(self.fields.clone()).to_string()
    }

    /// All fields, in their original order.
    #[must_use]
    pub fn fields(&self) -> &Map<String, Value> {
        &self.fields
    }

    /// The fields, giving up the task.
    #[must_use]
    pub fn into_map(self) -> Map<String, Value> {
        self.fields
    }

    /// One field's value, as given.
    #[must_use]
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.fields.get(name)
    }

    /// Sets one field: in place when it exists, otherwise appended. Returns the old value.
    ///
    /// # Errors
    ///
    /// [`TaskError::InvalidField`] when the value has the wrong type for a field the engine reads; the
    /// task is then unchanged.
    pub fn set(&mut self, name: &str, value: Value) -> Result<Option<Value>, TaskError> {
        check(name, &value)?;
        Ok(self.fields.insert(name.to_owned(), value))
    }

    /// Removes one field, keeping the order of the others. Returns its value.
    pub fn remove(&mut self, name: &str) -> Option<Value> {
        self.fields.shift_remove(name)
    }

    /// The task's `id`.
    #[must_use]
    pub fn id(&self) -> Option<&str> {
        self.string(key::ID)
    }

    /// The task's `etag`.
    #[must_use]
    pub fn etag(&self) -> Option<&str> {
        self.string(key::ETAG)
    }

    /// The task's `status`: 0 open, 2 completed, -1 won't do (0 when absent).
    #[must_use]
    pub fn status(&self) -> i64 {
        self.fields
            .get(key::STATUS)
            .and_then(Value::as_i64)
            .unwrap_or(0)
    }

    /// The task's `startDate`.
    #[must_use]
    pub fn start_date(&self) -> Option<DateTime<Utc>> {
        self.instant(key::START_DATE)
    }

    /// The task's `dueDate`.
    #[must_use]
    pub fn due_date(&self) -> Option<DateTime<Utc>> {
        self.instant(key::DUE_DATE)
    }

    /// The task's `timeZone` name, when it has a non-empty one.
    #[must_use]
    pub fn time_zone(&self) -> Option<&str> {
        self.string(key::TIME_ZONE).filter(|z| !z.is_empty())
    }

    /// The zone the task's dates live in: its `timeZone`, or the default zone
    /// ([`Task::with_default_zone`], UTC unless set) when it has none.
    ///
    /// # Errors
    ///
    /// [`TaskError::InvalidField`] when `timeZone` names no zone this build knows.
    pub fn zone(&self) -> Result<Zone, TaskError> {
        match self.time_zone() {
            None => Ok(self.default_zone),
            Some(name) => name.parse().map_err(|_| TaskError::InvalidField {
                field: key::TIME_ZONE.to_owned(),
                problem: FieldProblem::UnknownZone {
                    name: name.to_owned(),
                },
            }),
        }
    }

    /// The holiday calendar given with [`Task::with_holidays`].
    #[must_use]
    pub fn holidays(&self) -> Option<&HolidayCalendar> {
        self.holidays.as_ref()
    }

    /// The task's `isAllDay` (false when absent or null).
    #[must_use]
    pub fn is_all_day(&self) -> bool {
        self.flag_bool(key::IS_ALL_DAY)
    }

    /// The task's `isFloating` (false when absent or null).
    #[must_use]
    pub fn is_floating(&self) -> bool {
        self.flag_bool(key::IS_FLOATING)
    }

    /// The task's `repeatFlag` text, exactly as given (`None` when absent or null).
    #[must_use]
    pub fn repeat_flag(&self) -> Option<&str> {
        self.string(key::REPEAT_FLAG)
    }

    /// The task's `repeatFlag`, parsed and validated; [`Recurrence::NotRecurring`] when it is absent,
    /// `null`, `""` or `FREQ=NONE`.
    ///
    /// # Errors
    ///
    /// [`Error::Flag`](crate::Error::Flag) when the flag is malformed.
    ///
    /// ```
    /// use ticktick_recur::{task::Task, Recurrence};
    /// let task = Task::from_json(r#"{"repeatFlag": null}"#)?;
    /// assert_eq!(task.recurrence()?, Recurrence::NotRecurring);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn recurrence(&self) -> Result<Recurrence, crate::Error> {
        Ok(self
            .parsed_flag()?
            .map_or(Ok(Recurrence::NotRecurring), |f| f.validate())?)
    }

    /// The task's `repeatFrom` (see [`RepeatFrom`] for the values accepted).
    #[must_use]
    pub fn repeat_from(&self) -> RepeatFrom {
        RepeatFrom::from_json(self.fields.get(key::REPEAT_FROM)).unwrap_or(RepeatFrom::Default)
    }

    /// The task's `exDate`: local dates on which no occurrence happens.
    #[must_use]
    pub fn ex_dates(&self) -> Vec<NaiveDate> {
        self.array(key::EX_DATE)
            .iter()
            .filter_map(|d| d.as_str().and_then(crate::instant::compact_date))
            .collect()
    }

    /// The task's checklist `items`, as given.
    #[must_use]
    pub fn items(&self) -> &[Value] {
        self.array(key::ITEMS)
    }

    /// The task's `reminders`, as given.
    #[must_use]
    pub fn reminders(&self) -> &[Value] {
        self.array(key::REMINDERS)
    }

    /// The parsed flag; `None` when the task does not repeat.
    pub(crate) fn parsed_flag(&self) -> Result<Option<RepeatFlag>, crate::Error> {
        match self.repeat_flag() {
            None | Some("") => Ok(None),
            Some(text) => {
                let flag = RepeatFlag::parse(text)?;
                Ok(flag.is_recurring().then_some(flag))
            }
        }
    }

    /// Sets a field in place, or inserts it right after the first of `after` that exists (appended when
    /// none does). For fields the crate writes itself, whose types are right by construction.
    pub(crate) fn put(&mut self, name: &str, value: Value, after: &[&str]) {
        if let Some(slot) = self.fields.get_mut(name) {
            *slot = value;
            return;
        }
        let anchor = after
            .iter()
            .find_map(|a| self.fields.keys().position(|k| k == a));
        match anchor {
            Some(i) => {
                self.fields.shift_insert(i + 1, name.to_owned(), value);
            }
            None => {
                self.fields.insert(name.to_owned(), value);
            }
        }
    }

    /// Sets an instant field in wire form (see [`Task::put`]).
    pub(crate) fn put_instant(&mut self, name: &str, t: DateTime<Utc>, after: &[&str]) {
        self.put(name, Value::String(format_instant(t)), after);
    }

    pub(crate) fn fields_mut(&mut self) -> &mut Map<String, Value> {
        &mut self.fields
    }

    fn string(&self, name: &str) -> Option<&str> {
        self.fields.get(name).and_then(Value::as_str)
    }

    fn flag_bool(&self, name: &str) -> bool {
        self.fields
            .get(name)
            .and_then(Value::as_bool)
            .unwrap_or(false)
    }

    fn instant(&self, name: &str) -> Option<DateTime<Utc>> {
        self.string(name).and_then(|s| parse_instant(s).ok())
    }

    fn array(&self, name: &str) -> &[Value] {
        self.fields
            .get(name)
            .and_then(Value::as_array)
            .map_or(&[], Vec::as_slice)
    }
}

impl fmt::Debug for Task {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Task")
            .field("fields", &self.fields)
            .field("default_zone", &self.default_zone)
            .field("holidays", &self.holidays)
            .finish()
    }
}

impl fmt::Display for Task {
    /// The task as compact JSON, fields in their original order (same as [`Task::to_json`]).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_json())
    }
}

impl std::str::FromStr for Task {
    type Err = TaskError;

    /// Same as [`Task::from_json`].
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Task::from_json(text)
    }
}

impl Serialize for Task {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.fields.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Task {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(deserializer)?;
        Task::from_value(value).map_err(serde::de::Error::custom)
    }
}

/// A JSON value read with every object's keys unique, at any depth.
struct Strict(Value);

impl<'de> Deserialize<'de> for Strict {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(StrictVisitor).map(Strict)
    }
}

struct StrictVisitor;

impl<'de> serde::de::Visitor<'de> for StrictVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut list = Vec::new();
        while let Some(Strict(v)) = seq.next_element()? {
            list.push(v);
        }
        Ok(Value::Array(list))
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut fields = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            if fields.contains_key(&key) {
                return Err(serde::de::Error::custom(format!("duplicate key {key:?}")));
            }
            let Strict(value) = map.next_value()?;
            fields.insert(key, value);
        }
        Ok(Value::Object(fields))
    }
}

/// Checks one field of a task against [`CHECKED`].
fn check(name: &str, value: &Value) -> Result<(), TaskError> {
    match CHECKED.iter().find(|(k, _)| *k == name) {
        Some((_, shape)) => check_shape(name, *shape, value),
        None => Ok(()),
    }
}

fn check_shape(path: &str, shape: Shape, value: &Value) -> Result<(), TaskError> {
    let invalid = |problem| TaskError::InvalidField {
        field: path.to_owned(),
        problem,
    };
    let wrong = |expected| {
        invalid(FieldProblem::WrongType {
            expected,
            got: json_excerpt(value),
        })
    };
    if value.is_null() {
        return Ok(());
    }
    match shape {
        Shape::String => value.as_str().map(drop).ok_or_else(|| wrong("a string")),
        Shape::Bool => value
            .as_bool()
            .map(drop)
            .ok_or_else(|| wrong("true or false")),
        Shape::Integer => value.as_i64().map(drop).ok_or_else(|| wrong("an integer")),
        Shape::Instant => {
            let text = value.as_str().ok_or_else(|| wrong("an instant string"))?;
            parse_instant(text).map(drop).map_err(|_| {
                invalid(FieldProblem::InvalidInstant {
                    text: text.to_owned(),
                })
            })
        }
        Shape::RepeatFrom => RepeatFrom::from_json(Some(value)).map(drop).ok_or_else(|| {
            invalid(FieldProblem::InvalidRepeatFrom {
                got: json_excerpt(value),
            })
        }),
        Shape::Array => value.as_array().map(drop).ok_or_else(|| wrong("an array")),
        Shape::Dates => {
            let dates = value
                .as_array()
                .ok_or_else(|| wrong("an array of yyyyMMdd strings"))?;
            for (i, d) in dates.iter().enumerate() {
                let at = format!("{path}[{i}]");
                let text = d.as_str().ok_or_else(|| TaskError::InvalidField {
                    field: at.clone(),
                    problem: FieldProblem::WrongType {
                        expected: "a yyyyMMdd string",
                        got: json_excerpt(d),
                    },
                })?;
                if crate::instant::compact_date(text).is_none() {
                    return Err(TaskError::InvalidField {
                        field: at,
                        problem: FieldProblem::InvalidDate {
                            text: text.to_owned(),
                        },
                    });
                }
            }
            Ok(())
        }
        Shape::Objects | Shape::Items => {
            let list = value
                .as_array()
                .ok_or_else(|| wrong("an array of objects"))?;
            for (i, entry) in list.iter().enumerate() {
                let at = format!("{path}[{i}]");
                let object = entry.as_object().ok_or_else(|| TaskError::InvalidField {
                    field: at.clone(),
                    problem: FieldProblem::WrongType {
                        expected: "an object",
                        got: json_excerpt(entry),
                    },
                })?;
                if matches!(shape, Shape::Items) {
                    for (name, shape) in ITEM_CHECKED {
                        if let Some(v) = object.get(*name) {
                            check_shape(&format!("{at}.{name}"), *shape, v)?;
                        }
                    }
                }
            }
            Ok(())
        }
    }
}

/// A value as JSON, shortened to keep error messages on one readable line.
fn json_excerpt(value: &Value) -> String {
    const MAX: usize = 40;
    let text = value.to_string();
    match text.char_indices().nth(MAX) {
        Some((cut, _)) => format!("{}...", &text[..cut]),
        None => text,
    }
}

fn json_kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// serde_json's message without its own ` at line L column C` suffix (the error carries those).
fn json_message(e: &serde_json::Error) -> String {
    let text = e.to_string();
    match text.rfind(" at line ") {
        Some(i) => text[..i].to_owned(),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn put_inserts_after_the_anchor_or_appends() {
        let mut t = Task::from_value(json!({"a": 1, "isAllDay": false, "b": 2})).unwrap();
        t.put("pinnedTime", json!("x"), &["isAllDay"]);
        t.put("z", json!(0), &["missing"]);
        t.put("a", json!(5), &["b"]);
        let keys: Vec<_> = t.fields().keys().map(String::as_str).collect();
        assert_eq!(keys, ["a", "isAllDay", "pinnedTime", "b", "z"]);
        assert_eq!(t.get("a"), Some(&json!(5)));
    }

    #[test]
    fn remove_keeps_order() {
        let mut t = Task::from_value(json!({"a": 1, "b": 2, "c": 3, "d": 4})).unwrap();
        t.remove("b");
        let keys: Vec<_> = t.fields().keys().map(String::as_str).collect();
        assert_eq!(keys, ["a", "c", "d"]);
    }

    #[test]
    fn excerpts_are_short() {
        let long = Value::String("x".repeat(100));
        assert_eq!(json_excerpt(&long).chars().count(), 43);
    }
}
