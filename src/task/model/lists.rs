//! Edits of the objects of a list field (checklist items, reminders): new ids, items reopened, made on
//! the list's compact text when it is kept as text, on serde_json values otherwise.

use std::borrow::Cow;

use chrono::{DateTime, Utc};
use serde_json::{Map, Value};

use super::store::{Heap, Slot};
use super::{Name, Task};
use crate::instant::write_instant;
use crate::task::json;
use crate::{format_instant, parse_instant, ObjectId};

impl Task {
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

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

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
}
