//! A task written as a recipe for rebuilding it from the task it was made from, instead of as whole
//! JSON text: which of its members are the given task's, unchanged, and the JSON text of the others.
//!
//! A program that still holds the given task as a value (the npm package holds the JavaScript object
//! it was passed) copies those members from it instead of reading their text again.

use std::sync::Arc;

use super::store::Key;
use super::Task;
use crate::task::json;

impl Task {
    /// How many fields the task has.
    pub(crate) fn len(&self) -> usize {
        self.fields.len()
    }

    /// Writes the task's recipe: into `shape` a JSON array with one string per member, in order, its
    /// name marked by a first character (`=` or `+`); into `values` the JSON text of each
    /// new value, each followed by a comma.
    ///
    /// A member is marked `=` when it is a member of `given`'s text, which this task shares because
    /// it was copied from `given`, still with the value read.
    pub(crate) fn write_recipe(&self, given: &Task, shape: &mut String, values: &mut String) {
        let shared = Arc::ptr_eq(&self.store.text, &given.store.text);
        shape.push('[');
        for (i, field) in self.fields.iter().enumerate() {
            let given = shared && field.member().is_some();
            if !given {
                self.store.write(field.value, values);
                values.push(',');
            }
            // The comma, the name's opening quote and its mark in one piece.
            let start = match (i, given) {
                (0, true) => "\"=",
                (0, false) => "\"+",
                (_, true) => ",\"=",
                (_, false) => ",\"+",
            };
            match &field.key {
                // Names without escapes, and without characters that need them.
                Key::Known(_) | Key::Text(_) => {
                    shape.push_str(start);
                    shape.push_str(self.store.name(&field.key));
                    shape.push('"');
                }
                Key::Heap(_) => {
                    shape.push_str(start);
                    let at = shape.len();
                    json::write_string(shape, self.store.name(&field.key));
                    // Without its opening quote.
                    shape.remove(at);
                }
            }
        }
        shape.push(']');
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    use super::super::{Json, Name};
    use super::Task;

    /// The recipe of `task` made from `given`: its shape and values, both as JSON values.
    fn recipe(task: &Task, given: &Task) -> (Value, Value) {
        let (mut shape, mut values) = (String::new(), String::from("["));
        task.write_recipe(given, &mut shape, &mut values);
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
}
