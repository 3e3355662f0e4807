//! The task object, kept losslessly: typed access to the fields the engine reads, every other field
//! (unknown ones included) carried untouched and in its original key order.
//!
//! A task read from text keeps that text, without its insignificant whitespace, and each field as a
//! span of it: fields the engine never reads are neither parsed into values nor copied, and are
//! written back as they came. The fields the engine reads are typed once, when read or set. Values
//! as serde_json sees them ([`Task::get`], [`Task::fields`]) are built on first request.

use std::borrow::Cow;
use std::fmt::{self, Write as _};
use std::sync::{Arc, OnceLock};

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

use super::error::{FieldProblem, TaskError};
use super::json::{self, Span};
use crate::instant::{compact_date, write_instant, write_integer};
use crate::{
    format_instant, parse_instant, HolidayCalendar, ObjectId, Recurrence, RepeatFlag, Zone,
};

/// The fields the crate reads or writes, by the names TickTick gives them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Name {
    Id,
    Etag,
    StartDate,
    DueDate,
    TimeZone,
    IsAllDay,
    IsFloating,
    RepeatFlag,
    RepeatFrom,
    RepeatTaskId,
    ExDate,
    Items,
    Reminders,
    Status,
    Attachments,
    CompletedTime,
    CompletedUserId,
    ModifiedTime,
    CreatedTime,
    PinnedTime,
    RemindTime,
    Progress,
    FocusSummaries,
    Title,
}

/// How many [`Name`]s there are.
const NAMES: usize = 24;

impl Name {
    /// The field's name as TickTick spells it.
    #[inline]
    pub(crate) const fn as_str(self) -> &'static str {
        match self {
            Name::Id => "id",
            Name::Etag => "etag",
            Name::StartDate => "startDate",
            Name::DueDate => "dueDate",
            Name::TimeZone => "timeZone",
            Name::IsAllDay => "isAllDay",
            Name::IsFloating => "isFloating",
            Name::RepeatFlag => "repeatFlag",
            Name::RepeatFrom => "repeatFrom",
            Name::RepeatTaskId => "repeatTaskId",
            Name::ExDate => "exDate",
            Name::Items => "items",
            Name::Reminders => "reminders",
            Name::Status => "status",
            Name::Attachments => "attachments",
            Name::CompletedTime => "completedTime",
            Name::CompletedUserId => "completedUserId",
            Name::ModifiedTime => "modifiedTime",
            Name::CreatedTime => "createdTime",
            Name::PinnedTime => "pinnedTime",
            Name::RemindTime => "remindTime",
            Name::Progress => "progress",
            Name::FocusSummaries => "focusSummaries",
            Name::Title => "title",
        }
    }

    /// The start of a member of this name in compact JSON: `"name":`.
    #[inline]
    const fn member_start(self) -> &'static str {
        match self {
            Name::Id => "\"id\":",
            Name::Etag => "\"etag\":",
            Name::StartDate => "\"startDate\":",
            Name::DueDate => "\"dueDate\":",
            Name::TimeZone => "\"timeZone\":",
            Name::IsAllDay => "\"isAllDay\":",
            Name::IsFloating => "\"isFloating\":",
            Name::RepeatFlag => "\"repeatFlag\":",
            Name::RepeatFrom => "\"repeatFrom\":",
            Name::RepeatTaskId => "\"repeatTaskId\":",
            Name::ExDate => "\"exDate\":",
            Name::Items => "\"items\":",
            Name::Reminders => "\"reminders\":",
            Name::Status => "\"status\":",
            Name::Attachments => "\"attachments\":",
            Name::CompletedTime => "\"completedTime\":",
            Name::CompletedUserId => "\"completedUserId\":",
            Name::ModifiedTime => "\"modifiedTime\":",
            Name::CreatedTime => "\"createdTime\":",
            Name::PinnedTime => "\"pinnedTime\":",
            Name::RemindTime => "\"remindTime\":",
            Name::Progress => "\"progress\":",
            Name::FocusSummaries => "\"focusSummaries\":",
            Name::Title => "\"title\":",
        }
    }

    /// The field of this name, if the crate knows it.
    #[inline]
    fn of(name: &str) -> Option<Name> {
        // The length, first and last letters tell the names apart; one comparison confirms, with a
        // name of known length, which the compiler makes a few loads rather than a call.
        let bytes = name.as_bytes();
        let is = |known: Name| (known.as_str().as_bytes() == bytes).then_some(known);
        match (bytes.len(), bytes.first()?, bytes.last()?) {
            (2, b'i', b'd') => is(Name::Id),
            (4, b'e', b'g') => is(Name::Etag),
            (9, b's', b'e') => is(Name::StartDate),
            (7, b'd', b'e') => is(Name::DueDate),
            (8, b't', b'e') => is(Name::TimeZone),
            (8, b'i', b'y') => is(Name::IsAllDay),
            (10, b'i', b'g') => is(Name::IsFloating),
            (10, b'r', b'g') => is(Name::RepeatFlag),
            (10, b'r', b'm') => is(Name::RepeatFrom),
            (12, b'r', b'd') => is(Name::RepeatTaskId),
            (6, b'e', b'e') => is(Name::ExDate),
            (5, b'i', b's') => is(Name::Items),
            (9, b'r', b's') => is(Name::Reminders),
            (6, b's', b's') => is(Name::Status),
            (11, b'a', b's') => is(Name::Attachments),
            (13, b'c', b'e') => is(Name::CompletedTime),
            (15, b'c', b'd') => is(Name::CompletedUserId),
            (12, b'm', b'e') => is(Name::ModifiedTime),
            (11, b'c', b'e') => is(Name::CreatedTime),
            (10, b'p', b'e') => is(Name::PinnedTime),
            (10, b'r', b'e') => is(Name::RemindTime),
            (8, b'p', b's') => is(Name::Progress),
            (14, b'f', b's') => is(Name::FocusSummaries),
            (5, b't', b'e') => is(Name::Title),
            _ => None,
        }
    }

    /// The JSON shape of a field whose type is checked when a task is read or set; all others are
    /// carried as they are.
    #[inline]
    fn shape(self) -> Option<Shape> {
        Some(match self {
            Name::Id | Name::Etag | Name::TimeZone | Name::RepeatFlag => Shape::String,
            Name::StartDate | Name::DueDate => Shape::Instant,
            Name::IsAllDay | Name::IsFloating => Shape::Bool,
            Name::RepeatFrom => Shape::RepeatFrom,
            Name::ExDate => Shape::Dates,
            Name::Items => Shape::Items,
            Name::Reminders => Shape::Objects,
            Name::Status => Shape::Integer,
            Name::Attachments => Shape::Array,
            _ => return None,
        })
    }
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

/// The fields of a checklist item whose type is checked.
const ITEM_CHECKED: &[(&str, Shape)] = &[
    ("id", Shape::String),
    ("startDate", Shape::Instant),
    ("status", Shape::Integer),
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

/// A [`Field::member`] of a field not read from text.
const ABSENT: u32 = u32::MAX;

/// One field: small and `Copy`, so that copying a task copies its fields in one go.
#[derive(Clone, Copy)]
struct Field {
    key: Key,
    /// Where the member (`"key":value`) begins in the text when it was read from text; [`ABSENT`]
    /// otherwise.
    member: u32,
    value: Slot,
}

impl Field {
    /// The member's span of the text, while its value is still the one read.
    #[inline]
    fn member(&self) -> Option<Span> {
        match self.value {
            Slot::Text(value) | Slot::Str(value) if self.member != ABSENT => Some(Span {
                start: self.member,
                end: value.end,
            }),
            _ => None,
        }
    }
}

/// A field's name as kept.
#[derive(Clone, Copy)]
enum Key {
    /// A field the crate knows.
    Known(Name),
    /// Characters of the text, without escapes.
    Text(Span),
    /// A name on the heap.
    Heap(u32),
}

/// A field's value as kept: JSON text where it was read, typed where the crate wrote it.
#[derive(Clone, Copy)]
enum Slot {
    /// A value of the text.
    Text(Span),
    /// A string of the text without escapes, quotes included.
    Str(Span),
    Null,
    EmptyArray,
    Id(ObjectId),
    Instant(DateTime<Utc>),
    Int(i64),
    UInt(u64),
    /// A value on the heap.
    Heap(u32),
}

/// What a task keeps on the heap: names and values that are not spans of its text.
#[derive(Clone)]
enum Heap {
    /// An entry no field uses any more, to be reused.
    Free,
    /// A field's name.
    Name(Box<str>),
    /// A serde_json value.
    Value(Box<Value>),
    /// Compact JSON text (an edited list).
    Json(String),
    /// A string's characters.
    Str(Box<str>),
}

/// A value the crate writes into a task.
pub(crate) enum Json {
    /// `null`.
    Null,
    /// `[]`.
    EmptyArray,
    /// An ObjectId, written as a string.
    Id(ObjectId),
    /// An instant, written as a string in TickTick's wire form.
    Instant(DateTime<Utc>),
    /// An integer.
    Int(i64),
    /// A non-negative integer.
    UInt(u64),
    /// A string.
    Str(Box<str>),
    /// A serde_json value.
    Value(Box<Value>),
}

/// The text a task was read from, and its heap.
#[derive(Clone)]
struct Store {
    text: Arc<String>,
    heap: Vec<Heap>,
    /// Turns JSON text this task keeps into a value: serde_json's reader for a task read from text,
    /// nothing for a task built from values, which keeps no text. Programs that never read task text
    /// (the npm package's WebAssembly) so carry no JSON reader.
    parse: fn(&str) -> Option<Value>,
}

/// The [`Store::parse`] of a task that keeps no text.
fn no_text(_: &str) -> Option<Value> {
    None
}

/// The [`Store::parse`] of a task read from text: its text was validated, or made by the crate.
fn parse_text(text: &str) -> Option<Value> {
    serde_json::from_str(text).ok()
}

impl Store {
    /// Keeps a value: small ones in the slot, others on the heap.
    fn keep(&mut self, value: Json) -> Slot {
        match value {
            Json::Null => Slot::Null,
            Json::EmptyArray => Slot::EmptyArray,
            Json::Id(id) => Slot::Id(id),
            Json::Instant(t) => Slot::Instant(t),
            Json::Int(n) => Slot::Int(n),
            Json::UInt(n) => Slot::UInt(n),
            Json::Str(s) => Slot::Heap(self.alloc(Heap::Str(s))),
            Json::Value(v) => Slot::Heap(self.alloc(Heap::Value(v))),
        }
    }

    /// A heap entry for `value`: a free one, or a new one.
    fn alloc(&mut self, value: Heap) -> u32 {
        let free = self.heap.iter().position(|h| matches!(h, Heap::Free));
        let at = free.unwrap_or(self.heap.len());
        match self.heap.get_mut(at) {
            Some(slot) => *slot = value,
            None => self.heap.push(value),
        }
        u32::try_from(at).unwrap_or(u32::MAX)
    }

    /// Frees the heap entry of a slot no field uses any more.
    fn release(&mut self, slot: Slot) {
        if let Slot::Heap(at) = slot {
            self.release_at(at);
        }
    }

    /// Frees a heap entry no field uses any more.
    fn release_at(&mut self, at: u32) {
        if let Some(entry) = self.heap.get_mut(at as usize) {
            *entry = Heap::Free;
        }
    }

    fn heap(&self, at: u32) -> Option<&Heap> {
        self.heap.get(at as usize)
    }

    fn name<'a>(&'a self, key: &'a Key) -> &'a str {
        match key {
            Key::Known(name) => name.as_str(),
            Key::Text(span) => span.of(&self.text),
            Key::Heap(at) => match self.heap(*at) {
                Some(Heap::Name(name)) => name,
                _ => "",
            },
        }
    }

    /// The value's JSON text, when it is kept as text.
    #[inline]
    fn json_text(&self, slot: Slot) -> Option<&str> {
        match slot {
            Slot::Text(span) | Slot::Str(span) => Some(span.of(&self.text)),
            Slot::Null => Some("null"),
            Slot::EmptyArray => Some("[]"),
            Slot::Heap(at) => match self.heap(at)? {
                Heap::Json(text) => Some(text),
                _ => None,
            },
            _ => None,
        }
    }

    /// The value as a serde_json value.
    fn value(&self, slot: Slot) -> Cow<'_, Value> {
        match slot {
            Slot::Null => return Cow::Owned(Value::Null),
            Slot::EmptyArray => return Cow::Owned(Value::Array(Vec::new())),
            _ => {}
        }
        if let Some(text) = self.json_text(slot) {
            return Cow::Owned((self.parse)(text).unwrap_or(Value::Null));
        }
        Cow::Owned(match slot {
            Slot::Id(id) => Value::String(id.to_string()),
            Slot::Instant(t) => Value::String(format_instant(t)),
            Slot::Int(n) => Value::from(n),
            Slot::UInt(n) => Value::from(n),
            Slot::Heap(at) => match self.heap(at) {
                Some(Heap::Value(v)) => return Cow::Borrowed(v),
                Some(Heap::Str(s) | Heap::Name(s)) => Value::String(s.to_string()),
                _ => Value::Null,
            },
            Slot::Text(_) | Slot::Str(_) | Slot::Null | Slot::EmptyArray => Value::Null,
        })
    }

    /// Writes the value as JSON text.
    fn write(&self, slot: Slot, out: &mut String) {
        if let Some(text) = self.json_text(slot) {
            out.push_str(text);
            return;
        }
        match slot {
            Slot::Id(id) => {
                out.push('"');
                out.push_str(std::str::from_utf8(&id.hex()).unwrap_or_default());
                out.push('"');
            }
            Slot::Instant(t) => {
                out.push('"');
                write_instant(out, t);
                out.push('"');
            }
            Slot::Int(n) => write_integer(out, n < 0, n.unsigned_abs()),
            Slot::UInt(n) => write_integer(out, false, n),
            Slot::Heap(at) => match self.heap(at) {
                Some(Heap::Value(v)) => {
                    let _ = write!(out, "{v}");
                }
                Some(Heap::Str(s) | Heap::Name(s)) => json::write_string(out, s),
                _ => out.push_str("null"),
            },
            Slot::Text(_) | Slot::Str(_) | Slot::Null | Slot::EmptyArray => {}
        }
    }

    fn is_null(&self, slot: Slot) -> bool {
        match slot {
            Slot::Heap(at) => match self.heap(at) {
                Some(Heap::Value(v)) => v.is_null(),
                _ => self.json_text(slot) == Some("null"),
            },
            _ => self.json_text(slot) == Some("null"),
        }
    }

    fn string<'a>(&'a self, s: Option<&'a Str>) -> Option<&'a str> {
        match s? {
            Str::Text(span) => Some(span.of(&self.text)),
            Str::Owned(s) => Some(s),
            Str::Hex(digits) => std::str::from_utf8(digits).ok(),
        }
    }
}

/// A string field's characters.
#[derive(Clone)]
enum Str {
    /// Characters of the text, without escapes.
    Text(Span),
    Owned(Box<str>),
    /// The hex digits of an ObjectId.
    Hex([u8; 24]),
}

/// The fields the engine reads, typed once when they are read or set.
#[derive(Clone)]
struct Typed {
    id: Option<Str>,
    etag: Option<Str>,
    time_zone: Option<Str>,
    repeat_flag: Option<Str>,
    start_date: Option<DateTime<Utc>>,
    due_date: Option<DateTime<Utc>>,
    is_all_day: bool,
    is_floating: bool,
    repeat_from: RepeatFrom,
    status: i64,
    ex_dates: Vec<NaiveDate>,
}

impl Default for Typed {
    fn default() -> Self {
        Typed {
            id: None,
            etag: None,
            time_zone: None,
            repeat_flag: None,
            start_date: None,
            due_date: None,
            is_all_day: false,
            is_floating: false,
            repeat_from: RepeatFrom::Default,
            status: 0,
            ex_dates: Vec::new(),
        }
    }
}

impl Typed {
    fn string_mut(&mut self, name: Name) -> Option<&mut Option<Str>> {
        match name {
            Name::Id => Some(&mut self.id),
            Name::Etag => Some(&mut self.etag),
            Name::TimeZone => Some(&mut self.time_zone),
            Name::RepeatFlag => Some(&mut self.repeat_flag),
            _ => None,
        }
    }

    fn instant_mut(&mut self, name: Name) -> Option<&mut Option<DateTime<Utc>>> {
        match name {
            Name::StartDate => Some(&mut self.start_date),
            Name::DueDate => Some(&mut self.due_date),
            _ => None,
        }
    }

    fn bool_mut(&mut self, name: Name) -> Option<&mut bool> {
        match name {
            Name::IsAllDay => Some(&mut self.is_all_day),
            Name::IsFloating => Some(&mut self.is_floating),
            _ => None,
        }
    }

    /// Types the field `name` from its value: checks its shape, and keeps what the engine reads.
    fn read(&mut self, name: Name, slot: Slot, store: &Store) -> Result<(), TaskError> {
        if self.read_fast(name, slot, store).is_some() {
            return Ok(());
        }
        let value = store.value(slot);
        if let Some(shape) = name.shape() {
            check_shape(name.as_str(), shape, &value)?;
        }
        self.read_value(name, &value);
        Ok(())
    }

    /// The common cases, from the value's text or the type the crate wrote it with; `None` for
    /// anything else, which [`Typed::read`] then reads as a serde_json value.
    fn read_fast(&mut self, name: Name, slot: Slot, store: &Store) -> Option<()> {
        if name.shape().is_none() {
            return Some(());
        }
        match slot {
            Slot::Text(span) => self.read_text(name, span.of(&store.text), None),
            Slot::Str(span) => self.read_text(name, span.of(&store.text), Some(span)),
            Slot::Instant(t) => {
                *self.instant_mut(name)? = Some(t);
                Some(())
            }
            Slot::Int(n) if name == Name::Status => {
                self.status = n;
                Some(())
            }
            Slot::Id(id) => {
                *self.string_mut(name)? = Some(Str::Hex(id.hex()));
                Some(())
            }
            Slot::Heap(at) => match store.heap(at)? {
                Heap::Str(s) => {
                    *self.string_mut(name)? = Some(Str::Owned(s.clone()));
                    Some(())
                }
                Heap::Json(text) => self.read_text(name, text, None),
                _ => None,
            },
            _ => self.read_text(name, store.json_text(slot)?, None),
        }
    }

    /// A field from its JSON text; `plain` is its span when it is a string of the task's text
    /// without escapes.
    fn read_text(&mut self, name: Name, raw: &str, plain: Option<Span>) -> Option<()> {
        let null = raw == "null";
        match name {
            Name::Id | Name::Etag | Name::TimeZone | Name::RepeatFlag => {
                let value = if null {
                    None
                } else {
                    Some(match plain {
                        Some(s) => Str::Text(Span {
                            start: s.start + 1,
                            end: s.end.saturating_sub(1),
                        }),
                        None => Str::Owned(json::plain_string(raw)?.into()),
                    })
                };
                *self.string_mut(name)? = value;
            }
            Name::StartDate | Name::DueDate => {
                let value = if null {
                    None
                } else {
                    let chars = match plain {
                        Some(_) => json::string_chars(raw)?,
                        None => json::plain_string(raw)?,
                    };
                    Some(parse_instant(chars).ok()?)
                };
                *self.instant_mut(name)? = value;
            }
            Name::IsAllDay | Name::IsFloating => {
                *self.bool_mut(name)? = match raw {
                    "true" => true,
                    "false" | "null" => false,
                    _ => return None,
                };
            }
            Name::RepeatFrom => {
                self.repeat_from = match raw {
                    "\"0\"" | "0" => RepeatFrom::DueDate,
                    "\"1\"" | "1" => RepeatFrom::CompletionDate,
                    "\"2\"" | "2" | "\"\"" | "null" => RepeatFrom::Default,
                    _ => return None,
                };
            }
            Name::Status => self.status = if null { 0 } else { small_integer(raw)? },
            Name::ExDate => {
                let mut dates = Vec::new();
                if !null {
                    if !raw.starts_with('[') {
                        return None;
                    }
                    for date in json::elements(raw) {
                        dates.push(compact_date(json::plain_string(date)?)?);
                    }
                }
                self.ex_dates = dates;
            }
            // Lists are read here when they are null or plainly right, as serde_json values otherwise.
            Name::Items if !(null || raw == "[]") => return None,
            Name::Reminders if !(null || all_objects(raw)) => return None,
            Name::Attachments if !(null || raw.starts_with('[')) => return None,
            _ => {}
        }
        Some(())
    }

    /// A field from its value, already checked (`null` for a field the task does not have).
    fn read_value(&mut self, name: Name, value: &Value) {
        if let Some(slot) = self.string_mut(name) {
            *slot = value.as_str().map(|s| Str::Owned(s.into()));
        } else if let Some(slot) = self.instant_mut(name) {
            *slot = value.as_str().and_then(|s| parse_instant(s).ok());
        } else if let Some(slot) = self.bool_mut(name) {
            *slot = value.as_bool().unwrap_or(false);
        } else {
            match name {
                Name::RepeatFrom => {
                    self.repeat_from =
                        RepeatFrom::from_json(Some(value)).unwrap_or(RepeatFrom::Default);
                }
                Name::Status => self.status = value.as_i64().unwrap_or(0),
                Name::ExDate => {
                    self.ex_dates = value
                        .as_array()
                        .into_iter()
                        .flatten()
                        .filter_map(|d| d.as_str().and_then(compact_date))
                        .collect();
                }
                _ => {}
            }
        }
    }
}

/// Whether the JSON text is an array of objects only.
fn all_objects(raw: &str) -> bool {
    raw.starts_with('[') && json::elements(raw).all(|e| e.starts_with('{'))
}

/// An integer of at most 18 characters, as serde_json reads it into an `i64` (`-0` is a double
/// there).
fn small_integer(raw: &str) -> Option<i64> {
    let digits = raw.strip_prefix('-').unwrap_or(raw);
    let plain = !digits.is_empty()
        && raw.len() <= 18
        && digits.bytes().all(|b| b.is_ascii_digit())
        && raw != "-0";
    plain.then(|| raw.parse().ok()).flatten()
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

    /// Reads a task with [`json::read_object`]; `None` for text it refuses, or an object that repeats
    /// a key.
    fn read(input: &str) -> Option<Result<Task, TaskError>> {
        let mut heap = Vec::new();
        let mut fields: Vec<Field> = Vec::with_capacity(32);
        let mut index = [0; NAMES];
        // Other names are compared as they come, up to a few of them; beyond those, or when one
        // has escapes, all are compared once read.
        let mut others = [""; 16];
        let mut seen = 0;
        let mut compare_later = false;
        let text = json::read_object(input, |chars, member| {
            let key = if member.escaped {
                let name = json::unescape(chars).into_owned();
                match Name::of(&name) {
                    Some(known) => Key::Known(known),
                    None => {
                        heap.push(Heap::Name(name.into_boxed_str()));
                        Key::Heap(u32::try_from(heap.len() - 1).ok()?)
                    }
                }
            } else {
                match Name::of(chars) {
                    Some(known) => Key::Known(known),
                    None => Key::Text(member.key),
                }
            };
            // Fewer fields than bytes of text, which is shorter than 4 GiB.
            let at = fields.len() as u32;
            match key {
                Key::Known(name) => {
                    let slot = index.get_mut(name as usize)?;
                    // A field the crate knows, seen twice.
                    if *slot != 0 {
                        return None;
                    }
                    *slot = at + 1;
                }
                Key::Text(_) => {
                    if others.iter().take(seen).any(|&other| other == chars) {
                        return None;
                    }
                    match others.get_mut(seen) {
                        Some(other) => *other = chars,
                        None => compare_later = true,
                    }
                    seen += 1;
                }
                Key::Heap(_) => compare_later = true,
            }
            let value = if member.plain {
                Slot::Str(member.value)
            } else {
                Slot::Text(member.value)
            };
            fields.push(Field {
                key,
                // The member begins with the key's opening quote.
                member: member.key.start.saturating_sub(1),
                value,
            });
            Some(())
        })?;
        let store = Store {
            text: Arc::new(text),
            heap,
            parse: parse_text,
        };
        if compare_later {
            let names = fields.iter().filter_map(|f| match &f.key {
                Key::Known(_) => None,
                key => Some(store.name(key)),
            });
            if !json::all_different(names) {
                return None;
            }
        }
        let mut task = Task {
            store,
            fields,
            index,
            typed: Typed::default(),
            default_zone: Zone::UTC,
            holidays: None,
            values: OnceLock::new(),
        };
        Some(task.type_fields().map(|()| task))
    }

    /// An empty task that keeps no text, with room for `capacity` fields.
    fn without_text(capacity: usize) -> Task {
        Task {
            store: Store {
                text: Arc::default(),
                heap: Vec::new(),
                parse: no_text,
            },
            fields: Vec::with_capacity(capacity),
            index: [0; NAMES],
            typed: Typed::default(),
            default_zone: Zone::UTC,
            holidays: None,
            values: OnceLock::new(),
        }
    }

    /// Appends a field the task does not have yet.
    fn push(&mut self, key: Key, member: u32, value: Slot) {
        if let Key::Known(name) = key {
            if let Some(at) = self.index.get_mut(name as usize) {
                *at = u32::try_from(self.fields.len() + 1).unwrap_or(0);
            }
        }
        self.fields.push(Field { key, member, value });
    }

    /// Checks and types the fields the engine reads, in order: the first wrong one is reported.
    fn type_fields(&mut self) -> Result<(), TaskError> {
        for field in &self.fields {
            if let Key::Known(name) = field.key {
                if name.shape().is_some() {
                    self.typed.read(name, field.value, &self.store)?;
                }
            }
        }
        Ok(())
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
        out.push('{');
        // Members of the text not written yet, and written when the next field does not follow.
        let mut pending: Option<Span> = None;
        for (i, field) in self.fields.iter().enumerate() {
            if let Some(member) = field.member() {
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

    /// The task's `exDate`, without copying it.
    pub(crate) fn ex_date_list(&self) -> &[NaiveDate] {
        &self.typed.ex_dates
    }

    /// Sets a field to the value of a field of `other`, a task that shares this task's text (a copy
    /// of it): the text itself when it is kept as text, without copying it.
    pub(crate) fn put_from(&mut self, name: Name, other: &Task, from: Name, after: &[Name]) {
        let Some(field) = other.position(from).and_then(|i| other.fields.get(i)) else {
            return;
        };
        match field.value {
            slot @ (Slot::Text(_) | Slot::Str(_))
                if Arc::ptr_eq(&self.store.text, &other.store.text) =>
            {
                self.put_slot(name, slot, after);
            }
            slot => {
                let value = other.store.value(slot).into_owned();
                self.put(name, Json::Value(Box::new(value)), after);
            }
        }
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
    pub(crate) fn put(&mut self, name: Name, value: Json, after: &[Name]) {
        let value = self.store.keep(value);
        self.put_slot(name, value, after);
    }

    /// [`Task::put`] of a value already kept.
    fn put_slot(&mut self, name: Name, value: Slot, after: &[Name]) {
        if let Some(at) = self.position(name) {
            self.replace_slot(at, value);
            return;
        }
        let at = after
            .iter()
            .find_map(|a| self.position(*a))
            .map_or(self.fields.len(), |i| i + 1);
        let field = Field {
            key: Key::Known(name),
            member: ABSENT,
            value,
        };
        self.fields.insert(at, field);
        let at = u32::try_from(at).unwrap_or(u32::MAX - 1);
        for i in &mut self.index {
            *i += u32::from(*i > at);
        }
        if let Some(i) = self.index.get_mut(name as usize) {
            *i = at + 1;
        }
        self.retype_with(name, value);
        self.forget_values();
    }

    /// Replaces the value of the field at `at`.
    fn replace(&mut self, at: usize, value: Json) {
        let value = self.store.keep(value);
        self.replace_slot(at, value);
    }

    /// [`Task::replace`] with a value already kept.
    fn replace_slot(&mut self, at: usize, value: Slot) {
        let Some(old) = self.fields.get(at).map(|f| f.value) else {
            return;
        };
        self.store.release(old);
        let Some(field) = self.fields.get_mut(at) else {
            return;
        };
        field.value = value;
        if let Key::Known(name) = field.key {
            self.retype_with(name, value);
        }
        self.forget_values();
    }

    /// Removes a field the crate knows, if the task has it.
    pub(crate) fn remove_known(&mut self, name: Name) {
        if let Some(at) = self.position(name) {
            self.remove_at(at);
        }
    }

    /// Whether a field is absent or null.
    pub(crate) fn is_null(&self, name: Name) -> bool {
        self.position(name)
            .and_then(|i| self.fields.get(i))
            .is_none_or(|f| self.store.is_null(f.value))
    }

    /// One field's value as a serde_json value.
    pub(crate) fn value_of(&self, name: Name) -> Option<Value> {
        self.position(name).and_then(|i| self.value_at(i))
    }

    /// Gives each object of the list `list` (reminders, checklist items) a new `id` from `next`, in
    /// order: in place of its own, or appended.
    pub(crate) fn renew_ids(&mut self, list: Name, mut next: impl FnMut() -> ObjectId) {
        let id = Name::Id.as_str();
        self.edit_objects(list, |object| match object {
            Object::Value(object) => {
                object.insert(id.to_owned(), Value::String(next().to_string()));
            }
            Object::Text(object, out) => {
                let mut quoted = *b"\"000000000000000000000000\"";
                let digits = quoted.iter_mut().skip(1);
                digits.zip(next().hex()).for_each(|(d, h)| *d = h);
                let quoted = std::str::from_utf8(&quoted).unwrap_or_default();
                // TickTick writes an object's id first, as a plain string: replaced in one piece.
                match json::leading_plain_string(object, id) {
                    Some(rest) => {
                        out.push_str("{\"id\":");
                        out.push_str(quoted);
                        out.push_str(rest);
                    }
                    None => write_object(out, object, (id, quoted), |_, _| None),
                }
            }
        });
    }

    /// Every checklist item open again (`status` 0), and its `startDate`, when it has one, moved by
    /// `moved`.
    pub(crate) fn reopen_items(&mut self, moved: impl Fn(DateTime<Utc>) -> DateTime<Utc>) {
        let start = Name::StartDate.as_str();
        let status = Name::Status.as_str();
        self.edit_objects(Name::Items, |item| match item {
            Object::Value(item) => {
                item.insert(status.to_owned(), Value::from(0));
                let item_start = item
                    .get(start)
                    .and_then(Value::as_str)
                    .and_then(|s| parse_instant(s).ok());
                if let Some(t) = item_start {
                    item.insert(start.to_owned(), Value::String(format_instant(moved(t))));
                }
            }
            Object::Text(item, out) => {
                write_object(out, item, (status, "0"), |name, value| {
                    if name != start {
                        return None;
                    }
                    let chars = json::string_chars(value)?;
                    let t = parse_instant(&json::unescape(chars)).ok()?;
                    let mut text = String::with_capacity(30);
                    text.push('"');
                    write_instant(&mut text, moved(t));
                    text.push('"');
                    Some(text)
                });
            }
        });
    }

    /// Edits each object of a list field, kept as a serde_json value or as text (the edit then writes
    /// the edited object).
    fn edit_objects(&mut self, list: Name, mut edit: impl FnMut(Object<'_>)) {
        let Some(field) = self.position(list).and_then(|at| self.fields.get_mut(at)) else {
            return;
        };
        let store = &mut self.store;
        if let Slot::Heap(at) = field.value {
            if let Some(Heap::Value(value)) = store.heap.get_mut(at as usize) {
                let objects = value.as_array_mut().into_iter().flatten();
                for object in objects.filter_map(Value::as_object_mut) {
                    edit(Object::Value(object));
                }
                self.forget_values();
                return;
            }
        }
        let Some(array) = store.json_text(field.value) else {
            return;
        };
        if !array.starts_with('[') || array == "[]" {
            return;
        }
        let mut out = String::with_capacity(array.len() + 64);
        out.push('[');
        for (i, element) in json::elements(array).enumerate() {
            if i > 0 {
                out.push(',');
            }
            if element.starts_with('{') {
                edit(Object::Text(element, &mut out));
            } else {
                out.push_str(element);
            }
        }
        out.push(']');
        let old = field.value;
        store.release(old);
        field.value = Slot::Heap(store.alloc(Heap::Json(out)));
        self.forget_values();
    }

    /// Where a field of a known name is in `fields`.
    #[inline]
    fn position(&self, name: Name) -> Option<usize> {
        let at = self.index.get(name as usize)?.checked_sub(1)?;
        Some(at as usize)
    }

    /// Where the field `name` is in `fields`.
    fn position_of(&self, name: &str) -> Option<usize> {
        match Name::of(name) {
            Some(known) => self.position(known),
            None => self
                .fields
                .iter()
                .position(|f| !matches!(f.key, Key::Known(_)) && self.store.name(&f.key) == name),
        }
    }

    fn value_at(&self, at: usize) -> Option<Value> {
        let field = self.fields.get(at)?;
        Some(self.store.value(field.value).into_owned())
    }

    fn remove_at(&mut self, at: usize) {
        if at >= self.fields.len() {
            return;
        }
        let removed = self.fields.remove(at);
        self.store.release(removed.value);
        if let Key::Heap(name) = removed.key {
            self.store.release_at(name);
        }
        let at = u32::try_from(at).unwrap_or(u32::MAX - 1);
        for i in &mut self.index {
            *i -= u32::from(*i > at + 1);
        }
        if let Key::Known(name) = removed.key {
            if let Some(i) = self.index.get_mut(name as usize) {
                *i = 0;
            }
            self.retype(name);
        }
        self.forget_values();
    }

    /// Drops the serde_json values after a change.
    fn forget_values(&mut self) {
        if self.values.get().is_some() {
            self.values = OnceLock::new();
        }
    }

    /// Types a known field again after it took the value `slot`.
    fn retype_with(&mut self, name: Name, slot: Slot) {
        if name.shape().is_some() && self.typed.read(name, slot, &self.store).is_err() {
            self.typed.read_value(name, &Value::Null);
        }
    }

    /// Types a known field again after it changed.
    fn retype(&mut self, name: Name) {
        if name.shape().is_none() {
            return;
        }
        let value = self.position(name).and_then(|i| self.fields.get(i));
        let read = value.map(|f| self.typed.read(name, f.value, &self.store));
        if !matches!(read, Some(Ok(()))) {
            self.typed.read_value(name, &Value::Null);
        }
    }

    fn array(&self, name: Name) -> &[Value] {
        self.fields()
            .get(name.as_str())
            .and_then(Value::as_array)
            .map_or(&[], Vec::as_slice)
    }
}

/// One object of a list being edited.
enum Object<'a> {
    /// An object of a serde_json value.
    Value(&'a mut Map<String, Value>),
    /// An object's validated compact text, and where to write it edited.
    Text(&'a str, &'a mut String),
}

/// Writes a validated compact JSON object with the member `set` set (in place when the object has
/// it, else appended) and the members for which `change(name, value)` gives new value text changed.
fn write_object(
    out: &mut String,
    object: &str,
    set: (&str, &str),
    mut change: impl FnMut(&str, &str) -> Option<String>,
) {
    out.push('{');
    let mut found = false;
    for (i, (key, value)) in json::members(object).enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push('"');
        out.push_str(key);
        out.push_str("\":");
        let name = if key.bytes().any(|b| b == b'\\') {
            json::unescape(key)
        } else {
            Cow::Borrowed(key)
        };
        if name == set.0 {
            found = true;
            out.push_str(set.1);
        } else if let Some(new) = change(&name, value) {
            out.push_str(&new);
        } else {
            out.push_str(value);
        }
    }
    if !found {
        if object != "{}" {
            out.push(',');
        }
        json::write_string(out, set.0);
        out.push(':');
        out.push_str(set.1);
    }
    out.push('}');
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

impl Serialize for Task {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.fields().serialize(serializer)
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

/// Checks one field of a task against its [`Shape`], if it has one.
fn check(name: &str, value: &Value) -> Result<(), TaskError> {
    match Name::of(name).and_then(Name::shape) {
        Some(shape) => check_shape(name, shape, value),
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

    fn keys(t: &Task) -> Vec<&str> {
        t.fields().keys().map(String::as_str).collect()
    }

    #[test]
    fn put_inserts_after_the_anchor_or_appends() {
        for mut t in [
            Task::from_value(json!({"a": 1, "isAllDay": false, "b": 2})).unwrap(),
            Task::from_json(r#"{"a": 1, "isAllDay": false, "b": 2}"#).unwrap(),
        ] {
            t.put(Name::PinnedTime, Json::Str("x".into()), &[Name::IsAllDay]);
            t.put(Name::Progress, Json::Int(0), &[Name::Title]);
            t.put(
                Name::IsAllDay,
                Json::Value(Box::new(json!(true))),
                &[Name::Title],
            );
            assert_eq!(keys(&t), ["a", "isAllDay", "pinnedTime", "b", "progress"]);
            assert_eq!(t.get("isAllDay"), Some(&json!(true)));
            assert!(t.is_all_day());
            assert_eq!(
                t.to_json(),
                r#"{"a":1,"isAllDay":true,"pinnedTime":"x","b":2,"progress":0}"#
            );
        }
    }

    #[test]
    fn remove_keeps_order_and_the_index() {
        let mut t = Task::from_json(r#"{"a": 1, "id": "x", "c": 3, "status": 2}"#).unwrap();
        assert_eq!(t.remove("a"), Some(json!(1)));
        assert_eq!(keys(&t), ["id", "c", "status"]);
        t.remove_known(Name::Id);
        assert_eq!(t.id(), None);
        assert_eq!(t.status(), 2);
        t.put(Name::Status, Json::Int(0), &[]);
        assert_eq!(t.to_json(), r#"{"c":3,"status":0}"#);
        assert_eq!(t.status(), 0);
    }

    #[test]
    fn typed_fields_follow_every_change() {
        let mut t =
            Task::from_json(r#"{"id": "a", "startDate": null, "exDate": ["20260101"]}"#).unwrap();
        assert_eq!(t.ex_dates().len(), 1);
        t.set("exDate", json!(["20260102", "20260103"])).unwrap();
        assert_eq!(t.ex_dates().len(), 2);
        t.put(Name::Id, Json::Id(ObjectId::from_bytes([0xab; 12])), &[]);
        assert_eq!(t.id(), Some("abababababababababababab"));
        let at = parse_instant("2026-01-17T14:00:00Z").unwrap();
        t.put(Name::StartDate, Json::Instant(at), &[]);
        assert_eq!(t.start_date(), Some(at));
        assert_eq!(
            t.get("startDate"),
            Some(&json!("2026-01-17T14:00:00.000+0000"))
        );
        t.remove("startDate");
        assert_eq!(t.start_date(), None);
    }

    #[test]
    fn list_edits_as_text_and_as_values_agree() {
        let text = r#"{"items":[{"id":"i1","status":1,"startDate":"2026-01-17T14:00:00Z","x":[1]},{"x":{}},{}],"reminders":[{"trigger":"T"},{"\u0069d":"r","z":null}]}"#;
        let from_text = Task::from_json(text).unwrap();
        let from_value = Task::from_value(serde_json::from_str(text).unwrap()).unwrap();
        let mut results = Vec::new();
        for mut t in [from_text, from_value] {
            let mut counter = 0u8;
            let mut next = || {
                counter += 1;
                ObjectId::from_bytes([counter; 12])
            };
            t.renew_ids(Name::Reminders, &mut next);
            t.renew_ids(Name::Items, &mut next);
            t.reopen_items(|d| d + chrono::TimeDelta::days(1));
            results.push(t.to_value());
        }
        assert_eq!(results[0], results[1]);
        assert_eq!(
            results[0]["items"][0],
            json!({"id": "030303030303030303030303", "status": 0,
                   "startDate": "2026-01-18T14:00:00.000+0000", "x": [1]})
        );
        assert_eq!(
            results[0]["items"][2],
            json!({"id": "050505050505050505050505", "status": 0})
        );
        assert_eq!(results[0]["reminders"][1]["id"], "020202020202020202020202");
    }

    #[test]
    fn names_round_trip() {
        let all = [
            Name::Id,
            Name::Etag,
            Name::StartDate,
            Name::DueDate,
            Name::TimeZone,
            Name::IsAllDay,
            Name::IsFloating,
            Name::RepeatFlag,
            Name::RepeatFrom,
            Name::RepeatTaskId,
            Name::ExDate,
            Name::Items,
            Name::Reminders,
            Name::Status,
            Name::Attachments,
            Name::CompletedTime,
            Name::CompletedUserId,
            Name::ModifiedTime,
            Name::CreatedTime,
            Name::PinnedTime,
            Name::RemindTime,
            Name::Progress,
            Name::FocusSummaries,
            Name::Title,
        ];
        assert_eq!(all.len(), NAMES);
        for near in [
            "",
            "i",
            "ix",
            "iD",
            "startdate",
            "startDatE",
            "repeatFlog",
            "reminderz",
        ] {
            assert_eq!(Name::of(near), None, "{near}");
        }
        for (i, name) in all.into_iter().enumerate() {
            assert_eq!(name as usize, i);
            assert_eq!(Name::of(name.as_str()), Some(name));
            let mut other = name.as_str().to_owned();
            other.insert(1, 'x');
            assert_eq!(Name::of(&other), None);
            assert_eq!(Name::of(&name.as_str().to_uppercase()), None);
            assert_eq!(name.member_start(), format!("\"{}\":", name.as_str()));
        }
    }

    #[test]
    fn small_integers_are_what_serde_json_reads_as_integers() {
        assert_eq!(small_integer("0"), Some(0));
        assert_eq!(small_integer("-1"), Some(-1));
        assert_eq!(
            small_integer("123456789012345678"),
            Some(123_456_789_012_345_678)
        );
        for other in ["-0", "1.0", "1e2", "", "-", "1234567890123456789", "x"] {
            assert_eq!(small_integer(other), None, "{other}");
        }
    }

    #[test]
    fn excerpts_are_short() {
        let long = Value::String("x".repeat(100));
        assert_eq!(json_excerpt(&long).chars().count(), 43);
    }
}
