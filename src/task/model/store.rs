//! How a task keeps its fields: the compact text it was read from, each field as a span of it, and a
//! small heap for the names and values that are not spans of that text.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use serde_json::Value;

use super::Name;
use crate::instant::{write_instant, write_integer};
use crate::task::json::{self, Span};
use crate::{format_instant, ObjectId};

/// A [`Field::member`] of a field not read from text.
pub(super) const ABSENT: u32 = u32::MAX;

/// One field: small and `Copy`, so that copying a task copies its fields in one go.
#[derive(Clone, Copy)]
pub(super) struct Field {
    pub(super) key: Key,
    /// Where the member (`"key":value`) begins in the text when it was read from text (where the
    /// value begins for a task read from its values, whose text holds no names); [`ABSENT`]
    /// otherwise.
    pub(super) member: u32,
    pub(super) value: Slot,
}

impl Field {
    /// The member's span of the text, while its value is still the one read.
    #[inline]
    pub(super) fn member(&self) -> Option<Span> {
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
pub(super) enum Key {
    /// A field the crate knows.
    Known(Name),
    /// Characters of the text, without escapes.
    Text(Span),
    /// Characters of [`Store::names`], escapes undone: a task read from its values.
    Names(Span),
    /// A name on the heap.
    Heap(u32),
}

/// A field's value as kept: JSON text where it was read, typed where the crate wrote it.
#[derive(Clone, Copy)]
pub(super) enum Slot {
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
pub(super) enum Heap {
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
pub(super) struct Store {
    pub(super) text: Arc<str>,
    /// The names of a task read from the JSON array of its values ([`Task::from_values_json`]),
    /// whose text then holds no names.
    ///
    /// [`Task::from_values_json`]: super::Task::from_values_json
    pub(super) names: Option<Arc<str>>,
    pub(super) heap: Vec<Heap>,
    /// Turns JSON text this task keeps into a value: serde_json's reader for a task read from text,
    /// nothing for a task built from values, which keeps no text. Programs that never read task text
    /// (the npm package's WebAssembly) so carry no JSON reader.
    pub(super) parse: fn(&str) -> Option<Value>,
}

/// The [`Store::parse`] of a task that keeps no text.
pub(super) fn no_text(_: &str) -> Option<Value> {
    None
}

/// The [`Store::parse`] of a task read from text: its text was validated, or made by the crate.
pub(super) fn parse_text(text: &str) -> Option<Value> {
    serde_json::from_str(text).ok()
}

impl Store {
    /// Keeps a value: small ones in the slot, others on the heap.
    pub(super) fn keep(&mut self, value: Json) -> Slot {
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
    pub(super) fn alloc(&mut self, value: Heap) -> u32 {
        let free = self.heap.iter().position(|h| matches!(h, Heap::Free));
        let at = free.unwrap_or(self.heap.len());
        match self.heap.get_mut(at) {
            Some(slot) => *slot = value,
            None => self.heap.push(value),
        }
        u32::try_from(at).unwrap_or(u32::MAX)
    }

    /// Frees the heap entry of a slot no field uses any more.
    pub(super) fn release(&mut self, slot: Slot) {
        if let Slot::Heap(at) = slot {
            self.release_at(at);
        }
    }

    /// Frees a heap entry no field uses any more.
    pub(super) fn release_at(&mut self, at: u32) {
        if let Some(entry) = self.heap.get_mut(at as usize) {
            *entry = Heap::Free;
        }
    }

    pub(super) fn heap(&self, at: u32) -> Option<&Heap> {
        self.heap.get(at as usize)
    }

    pub(super) fn name<'a>(&'a self, key: &'a Key) -> &'a str {
        match key {
            Key::Known(name) => name.as_str(),
            Key::Text(span) => span.of(&self.text),
            Key::Names(span) => self.names.as_deref().map_or("", |names| span.of(names)),
            Key::Heap(at) => match self.heap(*at) {
                Some(Heap::Name(name)) => name,
                _ => "",
            },
        }
    }

    /// The value's JSON text, when it is kept as text.
    #[inline]
    pub(super) fn json_text(&self, slot: Slot) -> Option<&str> {
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
    pub(super) fn value(&self, slot: Slot) -> Cow<'_, Value> {
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
    pub(super) fn write(&self, slot: Slot, out: &mut String) {
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

    pub(super) fn is_null(&self, slot: Slot) -> bool {
        match slot {
            Slot::Heap(at) => match self.heap(at) {
                Some(Heap::Value(v)) => v.is_null(),
                _ => self.json_text(slot) == Some("null"),
            },
            _ => self.json_text(slot) == Some("null"),
        }
    }

    pub(super) fn string<'a>(&'a self, s: Option<&'a Str>) -> Option<&'a str> {
        match s? {
            Str::Text(span) => Some(span.of(&self.text)),
            Str::Owned(s) => Some(s),
            Str::Hex(digits) => std::str::from_utf8(digits).ok(),
        }
    }
}

/// A string field's characters.
#[derive(Clone)]
pub(super) enum Str {
    /// Characters of the text, without escapes.
    Text(Span),
    Owned(Box<str>),
    /// The hex digits of an ObjectId.
    Hex([u8; 24]),
}
