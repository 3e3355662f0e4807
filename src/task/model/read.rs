//! Reading a task from JSON text in one pass, keeping each field as a span of the compact text, and
//! the empty task that fields given as values are pushed onto.

use std::sync::{Arc, OnceLock};

use super::names::NAMES;
use super::store::{no_text, parse_text, Field, Heap, Key, Slot, Store};
use super::typed::Typed;
use super::{Name, Task};
use crate::task::error::TaskError;
use crate::task::json;
use crate::Zone;

impl Task {
    /// Reads a task with [`json::read_object`]; `None` for text it refuses, or an object that repeats
    /// a key.
    pub(super) fn read(input: &str) -> Option<Result<Task, TaskError>> {
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
            text: Arc::from(text),
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
    pub(super) fn without_text(capacity: usize) -> Task {
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
