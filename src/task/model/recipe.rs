//! A task written as a recipe for rebuilding it from the task it was made from, instead of as whole
//! JSON text: which of its members are the given task's, unchanged, and the JSON text of the others.
//!
//! A program that still holds the given task as a value (the npm package holds the JavaScript object
//! it was passed) copies those members from it instead of reading their text again.

use std::sync::Arc;

use super::store::Key;
use super::Task;
use crate::task::json;

/// A recipe's shape as it is written: into a text that may hold the shape of an earlier recipe,
/// compared piece by piece with what it holds as long as they agree, and written from where they
/// differ. A caller asking for recipes of one shape in a row so writes nothing, and learns that the
/// shape is the same without comparing it afterwards; reading is also cheaper than copying in
/// WebAssembly, where each copy of a few bytes costs a call.
pub(crate) struct Shape<'a> {
    text: &'a mut String,
    /// How much of `text` agrees with the shape so far, while all of it does; `None` once writing.
    agreed: Option<usize>,
}

impl<'a> Shape<'a> {
    /// A shape written into `text`, compared with what `text` holds first.
    pub(crate) fn over(text: &'a mut String) -> Shape<'a> {
        Shape {
            text,
            agreed: Some(0),
        }
    }

    /// The next piece of the shape.
    pub(crate) fn push(&mut self, piece: &str) {
        if let Some(at) = self.agreed {
            let end = at + piece.len();
            // Compared byte by byte in place: the pieces are a few bytes long, shorter than a call
            // of `memcmp` costs in WebAssembly.
            let held = self.text.as_bytes().get(at..end).unwrap_or_default();
            if held.len() == piece.len() && held.iter().zip(piece.bytes()).all(|(a, b)| *a == b) {
                self.agreed = Some(end);
                return;
            }
            // What agreed so far is whole pieces, so `at` is between characters.
            if self.text.is_char_boundary(at) {
                self.text.truncate(at);
            } else {
                self.text.clear();
            }
            self.agreed = None;
        }
        self.text.push_str(piece);
    }

    /// Ends the shape: whether the text already held it.
    pub(crate) fn finish(self) -> bool {
        match self.agreed {
            Some(at) if at == self.text.len() => true,
            Some(at) => {
                if self.text.is_char_boundary(at) {
                    self.text.truncate(at);
                }
                false
            }
            None => false,
        }
    }
}

impl Task {
    /// Writes the task's recipe: into `shape` a JSON array with one string per member, in order, its
    /// name marked by a first character (`=` or `+`); into `values` the JSON text of each new value,
    /// each followed by a comma.
    ///
    /// A member is marked `=` when it is a member of `given`'s text, which this task shares because
    /// it was copied from `given`, still with the value read.
    pub(crate) fn write_recipe(&self, given: &Task, shape: &mut Shape<'_>, values: &mut String) {
        let shared = Arc::ptr_eq(&self.store.text, &given.store.text);
        shape.push("[");
        for (i, field) in self.fields.iter().enumerate() {
            let given = shared && field.member().is_some();
            if !given {
                self.store.write(field.value, values);
                values.push(',');
            }
            // The comma, the name's opening quote and its mark in one piece.
            shape.push(match (i, given) {
                (0, true) => "\"=",
                (0, false) => "\"+",
                (_, true) => ",\"=",
                (_, false) => ",\"+",
            });
            match &field.key {
                // Names without escapes, and without characters that need them.
                Key::Known(_) | Key::Text(_) => shape.push(self.store.name(&field.key)),
                Key::Heap(_) => {
                    let mut name = String::new();
                    json::write_string(&mut name, self.store.name(&field.key));
                    // Without its opening quote.
                    shape.push(name.get(1..).unwrap_or_default());
                    continue;
                }
            }
            shape.push("\"");
        }
        shape.push("]");
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    use super::super::{Json, Name};
    use super::{Shape, Task};

    /// The recipe of `task` made from `given`: its shape and values, both as JSON values.
    fn recipe(task: &Task, given: &Task) -> (Value, Value) {
        let (mut shape, mut values) = (String::new(), String::from("["));
        let mut written = Shape::over(&mut shape);
        task.write_recipe(given, &mut written, &mut values);
        assert!(!written.finish());
        if values.ends_with(',') {
            values.pop();
        }
        values.push(']');
        let parse = |text: &str| serde_json::from_str::<Value>(text).unwrap();
        (parse(&shape), parse(&values))
    }

    #[test]
    fn members_read_and_kept_are_the_given_tasks() {
        let given =
            Task::from_json(r#"{"id":"a","x":{"b":[1,-0]},"status":0,"k\"ey":"v","naïve":1}"#)
                .unwrap();
        let copy = given.clone();
        assert_eq!(
            recipe(&copy, &given),
            (
                json!(["=id", "=x", "=status", "=k\"ey", "=naïve"]),
                json!([])
            )
        );
    }

    #[test]
    fn members_set_or_added_are_new_values_in_order() {
        let given = Task::from_json(r#"{"id":"a","x":1,"status":0,"y":"\u00e9"}"#).unwrap();
        let mut task = given.clone();
        task.put(Name::Status, Json::Int(2), &[]);
        task.set("x", json!({"n": [1, 2]})).unwrap();
        task.set("new\nname", json!("v")).unwrap();
        assert_eq!(
            recipe(&task, &given),
            (
                json!(["=id", "+x", "+status", "=y", "+new\nname"]),
                json!([{"n": [1, 2]}, 2, "v"])
            )
        );
    }

    #[test]
    fn a_task_read_again_shares_nothing_with_the_given_one() {
        let given = Task::from_json(r#"{"id":"a","x":[true]}"#).unwrap();
        let other = Task::from_json(r#"{"id":"a","x":[true]}"#).unwrap();
        assert_eq!(
            recipe(&other, &given),
            (json!(["+id", "+x"]), json!(["a", [true]]))
        );
    }

    #[test]
    fn a_removed_member_is_left_out() {
        let given = Task::from_json(r#"{"id":"a","x":1,"y":2}"#).unwrap();
        let mut task = given.clone();
        task.remove("x");
        assert_eq!(recipe(&task, &given), (json!(["=id", "=y"]), json!([])));
    }

    #[test]
    fn a_shape_is_compared_with_the_one_held_and_written_from_where_they_differ() {
        let shape = |held: &str, pieces: &[&str]| {
            let mut text = held.to_owned();
            let mut shape = Shape::over(&mut text);
            for piece in pieces {
                shape.push(piece);
            }
            let same = shape.finish();
            (text, same)
        };
        assert_eq!(shape("[ab]", &["[", "ab", "]"]), ("[ab]".into(), true));
        assert_eq!(shape("[ab]", &["[", "ac", "]"]), ("[ac]".into(), false));
        assert_eq!(shape("[ab]", &["[", "a"]), ("[a".into(), false));
        assert_eq!(shape("[a", &["[", "a", "]"]), ("[a]".into(), false));
        assert_eq!(shape("", &["[", "é", "]"]), ("[é]".into(), false));
        assert_eq!(shape("[é]", &["[", "e", "]"]), ("[e]".into(), false));
    }
}
