//! Finding, setting and removing a task's fields in place, keeping the index of known fields and
//! the typed fields in step with every change.

use std::sync::{Arc, OnceLock};

use serde_json::Value;

use super::store::{Field, Key, Slot, ABSENT};
use super::{Json, Name, Task};

impl Task {
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
    pub(super) fn replace(&mut self, at: usize, value: Json) {
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

    /// Where a field of a known name is in `fields`.
    #[inline]
    pub(super) fn position(&self, name: Name) -> Option<usize> {
        let at = self.index.get(name as usize)?.checked_sub(1)?;
        Some(at as usize)
    }

    /// Where the field `name` is in `fields`.
    pub(super) fn position_of(&self, name: &str) -> Option<usize> {
        match Name::of(name) {
            Some(known) => self.position(known),
            None => self
                .fields
                .iter()
                .position(|f| !matches!(f.key, Key::Known(_)) && self.store.name(&f.key) == name),
        }
    }

    pub(super) fn value_at(&self, at: usize) -> Option<Value> {
        let field = self.fields.get(at)?;
        Some(self.store.value(field.value).into_owned())
    }

    pub(super) fn remove_at(&mut self, at: usize) {
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
    pub(super) fn forget_values(&mut self) {
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
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{parse_instant, ObjectId};
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
}
