//! Reading a task from JSON text in one pass, keeping each field as a span of the compact text, and
//! the empty task that fields given as values are pushed onto.

use std::sync::{Arc, OnceLock};

use super::names::NAMES;
use super::store::{no_text, parse_text, Field, Heap, Key, Slot, Store};
use super::typed::Typed;
use super::{Name, Task, TaskNames};
use crate::task::error::TaskError;
use crate::task::json::{self, Span};
use crate::Zone;

/// A task's fields as a reader of its JSON text gives them, member by member: the checks of their
/// keys, and the task made once the text is read.
struct Fields<'a> {
    heap: Vec<Heap>,
    fields: Vec<Field>,
    index: [u32; NAMES],
    /// Other names are compared as they come, up to a few of them; beyond those, or when one has
    /// escapes, all are compared once read.
    others: [&'a str; 16],
    seen: usize,
    compare_later: bool,
}

impl<'a> Fields<'a> {
    fn new() -> Self {
        Fields {
            heap: Vec::new(),
            fields: Vec::with_capacity(32),
            index: [0; NAMES],
            others: [""; 16],
            seen: 0,
            compare_later: false,
        }
    }

    /// Takes a member; `None` for a key seen before.
    #[inline(always)]
    fn member(&mut self, chars: &'a str, member: json::Member) -> Option<()> {
        let key = if member.escaped {
            let name = json::unescape(chars).into_owned();
            match Name::of(&name) {
                Some(known) => Key::Known(known),
                None => {
                    self.heap.push(Heap::Name(name.into_boxed_str()));
                    Key::Heap(u32::try_from(self.heap.len() - 1).ok()?)
                }
            }
        } else {
            match Name::of(chars) {
                Some(known) => Key::Known(known),
                None => Key::Text(member.key),
            }
        };
        // Fewer fields than bytes of text, which is shorter than 4 GiB.
        let at = self.fields.len() as u32;
        match key {
            Key::Known(name) => {
                let slot = self.index.get_mut(name as usize)?;
                // A field the crate knows, seen twice.
                if *slot != 0 {
                    return None;
                }
                *slot = at + 1;
            }
            Key::Text(_) => {
                let seen = self.seen;
                if self.others.iter().take(seen).any(|&other| other == chars) {
                    return None;
                }
                match self.others.get_mut(seen) {
                    Some(other) => *other = chars,
                    None => self.compare_later = true,
                }
                self.seen += 1;
            }
            Key::Heap(_) | Key::Names(_) => self.compare_later = true,
        }
        let value = if member.plain {
            Slot::Str(member.value)
        } else {
            Slot::Text(member.value)
        };
        self.fields.push(Field {
            key,
            // The member begins with the key's opening quote.
            member: member.key.start.saturating_sub(1),
            value,
        });
        Some(())
    }

    /// Takes the value of a member whose key is known beforehand (a task read from its values, whose
    /// names are all different): its span of the text, and whether it is a string without escapes.
    #[inline]
    fn value(&mut self, key: Key, value: Span, plain: bool) -> Option<()> {
        if let Key::Known(name) = key {
            // Fewer fields than bytes of text, which is shorter than 4 GiB.
            *self.index.get_mut(name as usize)? = self.fields.len() as u32 + 1;
        }
        self.fields.push(Field {
            key,
            member: value.start,
            value: if plain {
                Slot::Str(value)
            } else {
                Slot::Text(value)
            },
        });
        Some(())
    }

    /// The task of the fields taken, read from `text`, its compact text, and named in `names` when
    /// read from its values; `None` for names repeated.
    #[inline(never)]
    fn task(self, text: String, names: Option<Arc<str>>) -> Option<Result<Task, TaskError>> {
        let store = Store {
            text: Arc::from(text),
            names,
            heap: self.heap,
            parse: parse_text,
        };
        if self.compare_later {
            let names = self.fields.iter().filter_map(|f| match &f.key {
                Key::Known(_) => None,
                key => Some(store.name(key)),
            });
            if !json::all_different(names) {
                return None;
            }
        }
        let mut task = Task {
            store,
            fields: self.fields,
            index: self.index,
            typed: Typed::default(),
            default_zone: Zone::UTC,
            holidays: None,
            values: OnceLock::new(),
        };
        Some(task.type_fields().map(|()| task))
    }
}

impl Task {
    /// Reads a task with [`json::read_object`]; `None` for text it refuses, or an object that repeats
    /// a key.
    pub(super) fn read(input: &str) -> Option<Result<Task, TaskError>> {
        let mut fields = Fields::new();
        let text = json::read_object(input, |chars, member| fields.member(chars, member))?;
        fields.task(text, None)
    }

    /// Reads the task whose member names are `names` and whose values are the elements of the JSON
    /// array `values`, with [`json::read_values`]; `None` as for [`Task::read`], and for an array
    /// of more or fewer values than names.
    pub(super) fn read_values(names: &TaskNames, values: &str) -> Option<Result<Task, TaskError>> {
        let keys = names.keys()?;
        let mut fields = Fields::new();
        let (text, count) = json::read_values(values, |at, value, plain| {
            fields.value(*keys.get(at)?, value, plain)
        })?;
        if count != keys.len() {
            return None;
        }
        fields.task(text, Some(names.text()))
    }

    /// An empty task that keeps no text, with room for `capacity` fields.
    pub(super) fn without_text(capacity: usize) -> Task {
        Task {
            store: Store {
                text: Arc::default(),
                names: None,
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
    pub(super) fn push(&mut self, key: Key, member: u32, value: Slot) {
        if let Key::Known(name) = key {
            if let Some(at) = self.index.get_mut(name as usize) {
                *at = u32::try_from(self.fields.len() + 1).unwrap_or(0);
            }
        }
        self.fields.push(Field { key, member, value });
    }

    /// Refuses an object that has none of the fields the crate knows ([`TaskError::NotATask`]): `{}`,
    /// or a wrapper such as `{"task": {...}}`, which would otherwise read as an undated task that
    /// does not repeat.
    pub(crate) fn check_is_task(&self) -> Result<(), TaskError> {
        if self.index.iter().any(|&at| at != 0) {
            return Ok(());
        }
        /// How many keys the error quotes.
        const QUOTED: usize = 5;
        let keys = self.fields.iter().take(QUOTED);
        Err(TaskError::NotATask {
            keys: keys.map(|f| self.store.name(&f.key).to_owned()).collect(),
        })
    }

    /// Checks and types the fields the engine reads, in order: the first wrong one is reported.
    pub(super) fn type_fields(&mut self) -> Result<(), TaskError> {
        for field in &self.fields {
            if let Key::Known(name) = field.key {
                if name.shape().is_some() {
                    self.typed.read(name, field.value, &self.store)?;
                }
            }
        }
        Ok(())
    }
}
