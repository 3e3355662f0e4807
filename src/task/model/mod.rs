//! The task object, kept losslessly: typed access to the fields the engine reads, every other field
//! (unknown ones included) carried untouched and in its original key order.
//!
//! A task read from text keeps that text, without its insignificant whitespace, and each field as a
//! span of it: fields the engine never reads are neither parsed into values nor copied, and are
//! written back as they came. The fields the engine reads are typed once, when read or set. Values
//! as serde_json sees them ([`Task::get`], [`Task::fields`]) are built on first request.
//!
//! Where each part lives:
//! - `names`: the field names the crate knows;
//! - `store`: the text, the spans of its fields and the heap;
//! - `typed`: the fields the engine reads, typed;
//! - `shape`: the type checks of those fields, and their errors;
//! - `read`: reading a task from text;
//! - `edit`: setting and removing fields in place;
//! - `lists`: editing the objects of checklist items and reminders;
//! - `recipe`: writing a task as the members it keeps from the task it was copied from, and new values;
//! - `repeat_from`: the `repeatFrom` values;
//! - `serde`: serde's traits, and the strict reader behind error messages.

mod edit;
mod lists;
mod names;
mod read;
mod recipe;
mod repeat_from;
mod serde;
mod shape;
mod store;
mod typed;
mod values;

use std::fmt;
use std::sync::OnceLock;

use chrono::{DateTime, NaiveDate, Utc};
use serde_json::{Map, Value};

use self::serde::Strict;
use super::error::{FieldProblem, TaskError};
use super::json::{self, Span};
use crate::{HolidayCalendar, Recurrence, RepeatFlag, Zone};
use names::NAMES;
use shape::{check, json_kind, json_message};
use store::{Field, Heap, Key, Slot, Store, ABSENT};
use typed::Typed;

pub(crate) use names::Name;
pub use recipe::RecipeShape;
pub use repeat_from::RepeatFrom;
pub(crate) use store::Json;
pub use values::TaskNames;

/// A TickTick task object, kept losslessly.
///
/// Reading checks the type of every field the engine uses (dates, zone, flags, `exDate`, checklist
/// items, ...) and keeps every field, unknown ones included, in its original order; writing gives the
/// same JSON back. Instants may be TickTick's wire form or RFC 3339; the ones this crate writes are
/// always the wire form.
///
/// [`Task::to_json`] writes each field the crate did not change as it was read (numbers and string
/// escapes as given, whitespace left out), so that nothing is lost, not even the last digit of a
/// number; [`Task::get`], [`Task::fields`] and serialisation with serde see the same values as
/// serde_json values.
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
pub struct Task {
    /// The compact JSON text the task was read from, and the values the crate keeps on the heap.
    store: Store,
    /// The fields, in order.
    fields: Vec<Field>,
    /// Where each field of a [`Name`] is in `fields`, counting from 1; 0 when the task does not
    /// have it (so that moving the fields after a position moves no absent field, without a test).
    index: [u32; NAMES],
    /// The fields the engine reads, typed.
    typed: Typed,
    default_zone: Zone,
    holidays: Option<HolidayCalendar>,
    /// The fields as serde_json values, built on first request and dropped on every change.
    values: OnceLock<Map<String, Value>>,
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
        match Task::read(text) {
            Some(task) => task,
            // serde_json says exactly what is wrong, and where.
            None => {
                let value = serde_json::from_str::<Strict>(text)
                    .map(|s| s.0)
                    .map_err(|e| TaskError::InvalidJson {
                        line: e.line(),
                        column: e.column(),
                        message: json_message(&e),
                    })?;
                Task::from_value(value)
            }
        }
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
        let mut task = Task::without_text(fields.len());
        for (name, value) in fields {
            let key = match Name::of(&name) {
                Some(known) => Key::Known(known),
                None => Key::Heap(task.store.alloc(Heap::Name(name.into_boxed_str()))),
            };
            let value = Slot::Heap(task.store.alloc(Heap::Value(Box::new(value))));
            task.push(key, ABSENT, value);
        }
        task.type_fields()?;
        Ok(task)
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
        Value::Object(self.fields().clone())
    }

    /// The task as compact JSON text, fields in their original order.
    #[must_use]
    pub fn to_json(&self) -> String {
        let mut out = String::with_capacity(self.json_len_guess());
        self.write_json(&mut out);
        out
    }

    /// Writes the task as compact JSON text. Fields the crate did not change are copied from the text
    /// they were read from, consecutive ones in one piece.
    pub(crate) fn write_json(&self, out: &mut String) {
        let text = &self.store.text;
        // A task read from its values keeps no names in its text: each member is written whole.
        let runs = self.store.names.is_none();
        out.push('{');
        // Members of the text not written yet, and written when the next field does not follow.
        let mut pending: Option<Span> = None;
        for (i, field) in self.fields.iter().enumerate() {
            if let Some(member) = field.member().filter(|_| runs) {
                match &mut pending {
                    // One comma between them in the compact text.
                    Some(run) if run.end + 1 == member.start => run.end = member.end,
                    _ => {
                        if let Some(run) = pending.take() {
                            out.push_str(run.of(text));
                        }
                        if i > 0 {
                            out.push(',');
                        }
                        pending = Some(member);
                    }
                }
                continue;
            }
            if let Some(run) = pending.take() {
                out.push_str(run.of(text));
            }
            if i > 0 {
                out.push(',');
            }
            match &field.key {
                Key::Known(name) => out.push_str(name.member_start()),
                key => {
                    json::write_string(out, self.store.name(key));
                    out.push(':');
                }
            }
            self.store.write(field.value, out);
        }
        if let Some(run) = pending {
            out.push_str(run.of(text));
        }
        out.push('}');
    }

    /// About how long the task's JSON text is.
    pub(crate) fn json_len_guess(&self) -> usize {
        self.store.text.len() + 32 * self.store.heap.len() + 256
    }

    /// All fields, in their original order.
    #[must_use]
    pub fn fields(&self) -> &Map<String, Value> {
        self.values.get_or_init(|| self.build_values())
    }

    fn build_values(&self) -> Map<String, Value> {
        let mut map = Map::with_capacity(self.fields.len());
        for field in &self.fields {
            let value = self.store.value(field.value).into_owned();
            map.insert(self.store.name(&field.key).to_owned(), value);
        }
        map
    }

    /// The fields, giving up the task.
    #[must_use]
    pub fn into_map(mut self) -> Map<String, Value> {
        match self.values.take() {
            Some(map) => map,
            None => self.build_values(),
        }
    }

    /// One field's value, as given.
    #[must_use]
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.fields().get(name)
    }

    /// Sets one field: in place when it exists, otherwise appended. Returns the old value.
    ///
    /// # Errors
    ///
    /// [`TaskError::InvalidField`] when the value has the wrong type for a field the engine reads; the
    /// task is then unchanged.
    pub fn set(&mut self, name: &str, value: Value) -> Result<Option<Value>, TaskError> {
        check(name, &value)?;
        let at = self.position_of(name);
        let old = at.and_then(|i| self.value_at(i));
        let value = Json::Value(Box::new(value));
        match (Name::of(name), at) {
            (Some(known), _) => self.put(known, value, &[]),
            (None, Some(at)) => self.replace(at, value),
            (None, None) => {
                let key = Key::Heap(self.store.alloc(Heap::Name(name.into())));
                let value = self.store.keep(value);
                self.push(key, ABSENT, value);
                self.forget_values();
            }
        }
        Ok(old)
    }

    /// Removes one field, keeping the order of the others. Returns its value.
    pub fn remove(&mut self, name: &str) -> Option<Value> {
        let at = self.position_of(name)?;
        let old = self.value_at(at);
        self.remove_at(at);
        old
    }

    /// The task's `id`.
    #[must_use]
    pub fn id(&self) -> Option<&str> {
        self.store.string(self.typed.id.as_ref())
    }

    /// The task's `etag`.
    #[must_use]
    pub fn etag(&self) -> Option<&str> {
        self.store.string(self.typed.etag.as_ref())
    }

    /// The task's `status`: 0 open, 2 completed, -1 won't do (0 when absent).
    #[must_use]
    pub fn status(&self) -> i64 {
        self.typed.status
    }

    /// The task's `startDate`.
    #[must_use]
    pub fn start_date(&self) -> Option<DateTime<Utc>> {
        self.typed.start_date
    }

    /// The task's `dueDate`.
    #[must_use]
    pub fn due_date(&self) -> Option<DateTime<Utc>> {
        self.typed.due_date
    }

    /// The task's `timeZone` name, when it has a non-empty one.
    #[must_use]
    pub fn time_zone(&self) -> Option<&str> {
        self.store
            .string(self.typed.time_zone.as_ref())
            .filter(|z| !z.is_empty())
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
                field: Name::TimeZone.as_str().to_owned(),
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
        self.typed.is_all_day
    }

    /// The task's `isFloating` (false when absent or null).
    #[must_use]
    pub fn is_floating(&self) -> bool {
        self.typed.is_floating
    }

    /// The task's `repeatFlag` text, exactly as given (`None` when absent or null).
    #[must_use]
    pub fn repeat_flag(&self) -> Option<&str> {
        self.store.string(self.typed.repeat_flag.as_ref())
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
        self.typed.repeat_from
    }

    /// The task's `exDate`: local dates on which no occurrence happens.
    #[must_use]
    pub fn ex_dates(&self) -> Vec<NaiveDate> {
        self.typed.ex_dates.clone()
    }

    /// The task's checklist `items`, as given.
    #[must_use]
    pub fn items(&self) -> &[Value] {
        self.array(Name::Items)
    }

    /// The task's `reminders`, as given.
    #[must_use]
    pub fn reminders(&self) -> &[Value] {
        self.array(Name::Reminders)
    }

    /// Reads the first bytes of the task's rule, zone, id and exDates, where it keeps them: a walk over
    /// a list calls this for the next task while it works on this one, so that the memory they lie
    /// in (elsewhere for each task) is on its way by the time it is needed.
    pub(crate) fn warm(&self) {
        for field in [
            &self.typed.repeat_flag,
            &self.typed.time_zone,
            &self.typed.id,
        ] {
            if let Some(text) = self.store.string(field.as_ref()) {
                std::hint::black_box(text.as_bytes().first().copied());
            }
        }
        std::hint::black_box(self.typed.ex_dates.first().copied());
    }

    /// The task's `exDate`, without copying it.
    pub(crate) fn ex_date_list(&self) -> &[NaiveDate] {
        &self.typed.ex_dates
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

    fn array(&self, name: Name) -> &[Value] {
        self.fields()
            .get(name.as_str())
            .and_then(Value::as_array)
            .map_or(&[], Vec::as_slice)
    }
}

impl Clone for Task {
    /// A copy of the task; its serde_json values are built again when asked for.
    fn clone(&self) -> Task {
        Task {
            store: self.store.clone(),
            fields: {
                // Room for the fields an action adds, so that adding them does not move the others.
                let mut fields = Vec::with_capacity(self.fields.len() + 8);
                fields.extend_from_slice(&self.fields);
                fields
            },
            index: self.index,
            typed: self.typed.clone(),
            default_zone: self.default_zone,
            holidays: self.holidays.clone(),
            values: OnceLock::new(),
        }
    }
}

impl PartialEq for Task {
    /// Tasks are equal when their fields have equal values (in any order) and their default zones
    /// and holiday calendars are equal.
    fn eq(&self, other: &Task) -> bool {
        self.default_zone == other.default_zone
            && self.holidays == other.holidays
            && self.fields() == other.fields()
    }
}

impl fmt::Debug for Task {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Task")
            .field("fields", self.fields())
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
