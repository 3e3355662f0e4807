//! Tasks read from their values alone: the member names of a shape of task, given once, and each
//! task of that shape as the JSON array of its values, which is shorter to write than the object
//! (JavaScript's JSON.stringify writes an array several times faster than an object).

use std::sync::Arc;

use super::store::Key;
use super::{Name, Task};
use crate::task::error::TaskError;
use crate::task::json::{self, Span};

/// The member names of tasks of one shape, in order, for reading such tasks from the JSON arrays of
/// their values ([`Task::from_values_json`]).
///
/// ```
/// use ticktick_recur::task::{Task, TaskNames};
/// let names = TaskNames::new(["id", "startDate", "repeatFlag", "someFutureField"]);
/// let task = Task::from_values_json(
///     &names,
///     r#"["a", "2026-01-17T14:00:00.000+0000", "RRULE:FREQ=DAILY", {"kept": true}]"#,
/// )?;
/// assert_eq!(
///     task.to_json(),
///     r#"{"id":"a","startDate":"2026-01-17T14:00:00.000+0000","repeatFlag":"RRULE:FREQ=DAILY","someFutureField":{"kept":true}}"#
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
pub struct TaskNames {
    /// The names, back to back.
    text: Arc<str>,
    /// Each name: the field the crate knows, or its span of `text`.
    keys: Vec<Key>,
    /// Whether a name is given twice.
    repeated: bool,
}

impl TaskNames {
    /// The names, in order. A name given twice makes every task read with them refused, as an
    /// object with a repeated key is.
    pub fn new<I>(names: I) -> TaskNames
    where
        I: IntoIterator,
        I::Item: AsRef<str>,
    {
        let mut text = String::new();
        let mut spans = Vec::new();
        for name in names {
            let start = text.len();
            text.push_str(name.as_ref());
            spans.push(Span {
                start: u32::try_from(start).unwrap_or(u32::MAX),
                end: u32::try_from(text.len()).unwrap_or(u32::MAX),
            });
        }
        let repeated = u32::try_from(text.len()).is_err()
            || !json::all_different(spans.iter().map(|span| span.of(&text)));
        let keys = spans
            .iter()
            .map(|&span| match Name::of(span.of(&text)) {
                Some(known) => Key::Known(known),
                None => Key::Names(span),
            })
            .collect();
        TaskNames {
            text: Arc::from(text),
            keys,
            repeated,
        }
    }

    /// The names of a JSON array of strings; `None` for text that is not one.
    ///
    /// ```
    /// use ticktick_recur::task::TaskNames;
    /// let names = TaskNames::from_json(r#"["id", "a\"b"]"#).unwrap();
    /// assert_eq!(names.iter().collect::<Vec<_>>(), ["id", "a\"b"]);
    /// assert!(TaskNames::from_json(r#"["id", 1]"#).is_none());
    /// ```
    pub fn from_json(text: &str) -> Option<TaskNames> {
        let (compact, spans) = spans(text)?;
        let mut names = Vec::with_capacity(spans.len());
        for span in spans {
            names.push(json::unescape(json::string_chars(span.of(&compact))?).into_owned());
        }
        Some(TaskNames::new(names))
    }

    /// How many names there are.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// The names, in order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = &str> {
        self.keys.iter().map(|key| match key {
            Key::Known(name) => name.as_str(),
            Key::Names(span) => span.of(&self.text),
            _ => "",
        })
    }

    /// The key of each name, when they are all different.
    pub(super) fn keys(&self) -> Option<&[Key]> {
        (!self.repeated).then_some(&self.keys)
    }

    /// The names' text, which [`TaskNames::keys`] point into.
    pub(super) fn text(&self) -> Arc<str> {
        Arc::clone(&self.text)
    }
}

impl std::fmt::Debug for TaskNames {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

/// The compact text of a JSON array, and each value's span of it; `None` for text that is not one.
fn spans(values: &str) -> Option<(String, Vec<Span>)> {
    let mut spans = Vec::new();
    let (text, _) = json::read_values(values, |_, span, _| {
        spans.push(span);
        Some(())
    })?;
    Some((text, spans))
}

impl Task {
    /// Reads the task whose members are `names`, in order, with the values of the JSON array
    /// `values`: the task [`Task::from_json`] reads from the object `{"name": value, ...}`, with
    /// the same checks and errors.
    ///
    /// # Errors
    ///
    /// [`TaskError::InvalidJson`] for text that is not a JSON array, an array with more or fewer
    /// values than there are names; otherwise what [`Task::from_json`] gives for the object (a
    /// repeated name among them), its line and column counting in `values` for a value that is not
    /// JSON, else in a text of the object.
    pub fn from_values_json(names: &TaskNames, values: &str) -> Result<Task, TaskError> {
        if let Some(task) = Task::read_values(names, values) {
            return task;
        }
        // Refused: the object's text, for the exact error.
        let invalid = |message: String| TaskError::InvalidJson {
            line: 1,
            column: 1,
            message,
        };
        let Some((text, spans)) = spans(values) else {
            // Not JSON (its error), or JSON but not an array.
            return Err(match Task::from_json(values) {
                Err(TaskError::NotAnObject { got }) => {
                    invalid(format!("expected an array of values, got {got}"))
                }
                Err(e) => e,
                Ok(_) => invalid("expected an array of values, got an object".to_owned()),
            });
        };
        if spans.len() != names.len() {
            return Err(invalid(format!(
                "expected {} values, one per name, got {}",
                names.len(),
                spans.len()
            )));
        }
        let mut object = String::from("{");
        for (i, (name, span)) in names.iter().zip(spans).enumerate() {
            if i > 0 {
                object.push(',');
            }
            json::write_string(&mut object, name);
            object.push(':');
            object.push_str(span.of(&text));
        }
        object.push('}');
        Task::from_json(&object)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    /// The task `from_values_json` reads, against `from_json` of the object, as JSON text or error.
    fn both(
        names: &[&str],
        values: &str,
    ) -> (Result<String, TaskError>, Result<String, TaskError>) {
        let given = Task::from_values_json(&TaskNames::new(names), values).map(|t| t.to_json());
        let array: Result<Vec<&serde_json::value::RawValue>, _> = serde_json::from_str(values);
        let object = match array {
            Ok(array) if array.len() == names.len() => {
                let members: Vec<String> = names
                    .iter()
                    .zip(&array)
                    .map(|(n, v)| format!("{}:{}", Value::from(*n), v.get()))
                    .collect();
                Task::from_json(&format!("{{{}}}", members.join(","))).map(|t| t.to_json())
            }
            _ => Err(TaskError::NotAnObject { got: "no object" }),
        };
        (given, object)
    }

    #[test]
    fn a_task_read_from_its_values_is_the_task_read_from_its_object() {
        let daily = include_str!("../../../examples/daily-task.json");
        let object: serde_json::Map<String, Value> = serde_json::from_str(daily).unwrap();
        let names: Vec<&str> = object.keys().map(String::as_str).collect();
        let values = Value::from(object.values().cloned().collect::<Vec<_>>()).to_string();
        let (given, expected) = both(&names, &values);
        assert_eq!(given.unwrap(), expected.unwrap());
        let pretty = serde_json::to_string_pretty(&object.values().collect::<Vec<_>>()).unwrap();
        assert_eq!(
            Task::from_values_json(&TaskNames::new(&names), &pretty)
                .unwrap()
                .to_json(),
            Task::from_json(daily).unwrap().to_json()
        );

        for (names, values) in [
            (
                &["id", "x\"y\\z\n", "ключ", ""][..],
                r#"["a", 1, [true, null, {"b": -0.5e3}], "é"]"#,
            ),
            (&["id", "status"], r#" [ "a" , 2 ] "#),
            (
                &["id", "items"],
                r#"["a", [{"id": "i", "status": 1, "title": "t\u00e9"}]]"#,
            ),
        ] {
            let (given, expected) = both(names, values);
            assert_eq!(given.unwrap(), expected.unwrap(), "{values}");
        }
    }

    #[test]
    fn actions_on_a_task_read_from_its_values_give_the_same_bodies() {
        use crate::task::{complete, skip, Close, RecipeShape};
        use crate::{parse_instant, IdSeed, ObjectIdGenerator};
        let daily = include_str!("../../../examples/daily-task.json");
        let object: serde_json::Map<String, Value> = serde_json::from_str(daily).unwrap();
        let names = TaskNames::new(object.keys());
        let values = Value::from(object.values().cloned().collect::<Vec<_>>()).to_string();
        let from_values = Task::from_values_json(&names, &values).unwrap();
        let from_object = Task::from_json(daily).unwrap();
        let at = parse_instant("2026-01-17T13:16:24Z").unwrap();
        let seed: IdSeed = "2c6f3277d1cc4341".parse().unwrap();
        let close = Close { at, user_id: 1 };
        let recipe = |task: &Task, body: &crate::task::BatchBody| {
            let (mut shape, mut values) = (RecipeShape::default(), String::new());
            body.write_recipe(task, &mut shape, &mut values);
            format!("{shape}\n{values}")
        };
        for task in [&from_values, &from_object] {
            assert_eq!(task.to_json(), from_object.to_json());
        }
        let bodies = |task: &Task| {
            let completed =
                complete(task, &close, &mut ObjectIdGenerator::from_seed(seed)).unwrap();
            let skipped = skip(task, at).unwrap();
            [
                completed.to_json(),
                recipe(task, &completed),
                skipped.to_json(),
                recipe(task, &skipped),
            ]
        };
        assert_eq!(bodies(&from_values), bodies(&from_object));
        // Members kept from the task are marked so in the recipe, as for the object's.
        assert!(bodies(&from_values)[1].contains("\"=title\""));
    }

    #[test]
    fn refusals_are_the_objects_or_name_the_array() {
        // The same errors as the object's (their places are in another text).
        let unplaced = |e: TaskError| match e {
            TaskError::InvalidJson { message, .. } => message,
            e => e.to_string(),
        };
        for (names, values) in [
            (&["id", "startDate"][..], r#"["a", 5]"#),
            (&["id", "id"], r#"["a", "b"]"#),
            (&["x", "x"], r#"[1, 2]"#),
            (&["id", "x"], r#"["a", {"k": 1, "k": 2}]"#),
        ] {
            let (given, expected) = both(names, values);
            assert_eq!(
                unplaced(given.unwrap_err()),
                unplaced(expected.unwrap_err()),
                "{values}"
            );
        }
        let names = TaskNames::new(["id", "status"]);
        for values in [
            r#"["a"]"#,
            r#"["a", 0, 1]"#,
            "[]",
            r#"{"id": "a"}"#,
            "[\"a\", 0",
            "",
            "[\"a\", 0]x",
        ] {
            let err = Task::from_values_json(&names, values).unwrap_err();
            assert!(
                matches!(err, TaskError::InvalidJson { .. }),
                "{values}: {err}"
            );
        }
        let none = TaskNames::new::<[&str; 0]>([]);
        assert!(none.is_empty());
        assert_eq!(
            Task::from_values_json(&none, " [ ] ").unwrap().to_json(),
            "{}"
        );
        assert!(Task::from_values_json(&none, "[1]").is_err());
    }
}
