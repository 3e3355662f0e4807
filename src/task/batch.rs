//! The body of `POST /api/v2/batch/task`, and the server's answer to it.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::model::{Json, Name, RecipeShape};
use super::Task;

/// The body of `POST /api/v2/batch/task`: tasks to add, update and delete, and attachment changes.
///
/// Serialises to the six arrays TickTick's clients always send, in their order:
/// `{"add":[],"update":[],"delete":[],"addAttachments":[],"updateAttachments":[],"deleteAttachments":[]}`.
///
/// ```
/// use ticktick_recur::task::BatchBody;
/// assert_eq!(
///     BatchBody::default().to_json(),
///     r#"{"add":[],"update":[],"delete":[],"addAttachments":[],"updateAttachments":[],"deleteAttachments":[]}"#
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BatchBody {
    /// New tasks (the closed copy of a recurring task's occurrence).
    #[serde(default)]
    pub add: Vec<Task>,
    /// Changed tasks, whole.
    #[serde(default)]
    pub update: Vec<Task>,
    /// Tasks to delete, as TickTick's `{taskId, projectId}` objects.
    #[serde(default)]
    pub delete: Vec<Value>,
    /// Attachments to add.
    #[serde(default)]
    pub add_attachments: Vec<Value>,
    /// Attachments to update.
    #[serde(default)]
    pub update_attachments: Vec<Value>,
    /// Attachments to delete.
    #[serde(default)]
    pub delete_attachments: Vec<Value>,
}

impl BatchBody {
    /// A body that only updates these tasks.
    #[must_use]
    pub fn updating(tasks: Vec<Task>) -> BatchBody {
        BatchBody {
            update: tasks,
            ..BatchBody::default()
        }
    }

    /// The body as a JSON value.
    #[must_use]
    pub fn to_value(&self) -> Value {
        serde_json::to_value(self).unwrap_or(Value::Null)
    }

    /// The body as compact JSON text.
    ///
    /// The tasks are written as [`Task::to_json`] writes them: each field the action did not change
    /// as it was read.
    #[must_use]
    pub fn to_json(&self) -> String {
        let tasks = self.add.iter().chain(&self.update);
        let mut out = String::with_capacity(tasks.map(Task::json_len_guess).sum::<usize>() + 96);
        for (i, (name, tasks)) in [("add", &self.add), ("update", &self.update)]
            .into_iter()
            .enumerate()
        {
            out.push_str(if i == 0 { "{\"" } else { ",\"" });
            out.push_str(name);
            out.push_str("\":[");
            for (j, task) in tasks.iter().enumerate() {
                if j > 0 {
                    out.push(',');
                }
                task.write_json(&mut out);
            }
            out.push(']');
        }
        for (name, values) in [
            ("delete", &self.delete),
            ("addAttachments", &self.add_attachments),
            ("updateAttachments", &self.update_attachments),
            ("deleteAttachments", &self.delete_attachments),
        ] {
            out.push_str(",\"");
            out.push_str(name);
            out.push_str("\":");
            if values.is_empty() {
                out.push_str("[]");
            } else {
                let _ = write!(out, "{}", Value::Array(values.clone()));
            }
        }
        out.push('}');
        out
    }
}

impl BatchBody {
    /// Writes the body as a recipe for rebuilding it from `given`, the task it was computed from, by
    /// a program that still holds that task as a value: its shape into `shape`, its new values
    /// after what `values` holds. Returns whether `shape` already held this body's shape.
    ///
    /// `shape` may hold the shape of an earlier recipe: it is compared with this body's as the
    /// latter is written, and its text rewritten only when they differ, so that asking for bodies of
    /// one shape in a row writes no shape.
    ///
    /// The shape is a JSON array of two arrays, the tasks of `add` and of `update`, each task an
    /// array with one string per member, in order: its name after `=` when the member is `given`'s
    /// member of that name, unchanged, or after `+` when it has a new value. The values are a JSON
    /// array of the new values, in the shape's order, followed by `delete`, `addAttachments`,
    /// `updateAttachments` and `deleteAttachments`. Rebuilt so, the body equals
    /// [`BatchBody::to_json`]'s, members in the same order. `given` must be the task the action was
    /// applied to; a member of another task is always a new value.
    ///
    /// ```
    /// use ticktick_recur::task::{pin, RecipeShape, Task};
    /// let task = Task::from_json(r#"{"id":"a","title":"t","pinnedTime":null}"#)?;
    /// let body = pin(&task, "2026-01-17T13:16:24Z".parse()?)?;
    /// let (mut shape, mut values) = (RecipeShape::default(), String::new());
    /// assert!(!body.write_recipe(&task, &mut shape, &mut values));
    /// assert_eq!(
    ///     shape.as_str(),
    ///     r#"[[],[["=id","=title","+pinnedTime","+modifiedTime"]]]"#
    /// );
    /// assert_eq!(
    ///     values,
    ///     r#"["2026-01-17T13:16:24.000+0000","2026-01-17T13:16:24.000+0000",[],[],[],[]]"#
    /// );
    /// values.clear();
    /// assert!(body.write_recipe(&task, &mut shape, &mut values));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn write_recipe(&self, given: &Task, shape: &mut RecipeShape, values: &mut String) -> bool {
        values.reserve(512);
        values.push('[');
        let mut marks = shape.marks();
        for tasks in [&self.add, &self.update] {
            for task in tasks {
                task.write_recipe(given, &mut marks, values);
            }
            marks.end_list();
        }
        let same = marks.finish() || shape.rewrite(|text| self.write_shape(given, text));
        let lists = [
            &self.delete,
            &self.add_attachments,
            &self.update_attachments,
            &self.delete_attachments,
        ];
        if lists.iter().all(|list| list.is_empty()) {
            values.push_str("[],[],[],[]]");
            return same;
        }
        for (i, list) in lists.into_iter().enumerate() {
            if i > 0 {
                values.push(',');
            }
            if list.is_empty() {
                values.push_str("[]");
            } else {
                let _ = write!(values, "{}", Value::Array(list.clone()));
            }
        }
        values.push(']');
        same
    }

    /// Writes the shape of the body's recipe (see [`BatchBody::write_recipe`]) as text.
    fn write_shape(&self, given: &Task, out: &mut String) {
        out.push_str("[[");
        for (i, tasks) in [&self.add, &self.update].into_iter().enumerate() {
            if i > 0 {
                out.push_str(",[");
            }
            for (j, task) in tasks.iter().enumerate() {
                if j > 0 {
                    out.push(',');
                }
                task.write_shape(given, out);
            }
            out.push(']');
        }
        out.push(']');
    }
}

/// The server's answer to a batch: each accepted task's new etag, and each refused task's error.
///
/// ```
/// use ticktick_recur::task::Response;
/// let r: Response = serde_json::from_str(r#"{"id2etag": {"a": "wxbn3q91"}, "id2error": {}}"#)?;
/// assert_eq!(r.id2etag["a"], "wxbn3q91");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Response {
    /// Task id to its new etag.
    #[serde(default)]
    pub id2etag: BTreeMap<String, String>,
    /// Task id to the server's error message.
    #[serde(default)]
    pub id2error: BTreeMap<String, String>,
}

/// Applies the server's answer to the tasks the caller holds: each task named in `id2etag` takes its
/// new `etag` (added at the end when it had none). Returns `id2error`: those tasks keep their old etag.
///
/// ```
/// use ticktick_recur::task::{apply_response, Response, Task};
/// let mut tasks = [Task::from_json(r#"{"id": "a", "etag": "old"}"#)?];
/// let response: Response = serde_json::from_str(r#"{"id2etag": {"a": "new"}, "id2error": {}}"#)?;
/// let errors = apply_response(&mut tasks, &response);
/// assert!(errors.is_empty());
/// assert_eq!(tasks[0].etag(), Some("new"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[must_use = "the returned map holds the tasks the server refused"]
pub fn apply_response(tasks: &mut [Task], response: &Response) -> BTreeMap<String, String> {
    for task in tasks.iter_mut() {
        let Some(id) = task.id() else { continue };
        if response.id2error.contains_key(id) {
            continue;
        }
        if let Some(etag) = response.id2etag.get(id) {
            task.put(Name::Etag, Json::Str(etag.as_str().into()), &[]);
        }
    }
    response.id2error.clone()
}

#[cfg(test)]
mod tests {
    use serde_json::{Map, Value};

    use super::{BatchBody, Json, Name};
    use crate::task::{complete, pin, skip, skip_date, unpin, wont_do, Close, RecipeShape, Task};
    use crate::{parse_instant, ObjectIdGenerator};

    /// The body's text rebuilt from its recipe and the given task's values, as the npm package
    /// rebuilds it.
    fn rebuilt(shape: &str, values: &str, given: &Task) -> String {
        let shape: Vec<Vec<Vec<String>>> = serde_json::from_str(shape).unwrap();
        let values: Vec<Value> = serde_json::from_str(values).unwrap();
        let mut values = values.into_iter();
        let lists: Vec<Value> = shape
            .into_iter()
            .map(|tasks| {
                let tasks = tasks.into_iter().map(|members| {
                    let mut task = Map::new();
                    for member in members {
                        let (mark, name) = member.split_at(1);
                        let value = match mark {
                            "=" => given.get(name).unwrap().clone(),
                            "+" => values.next().unwrap(),
                            _ => unreachable!("mark {mark}"),
                        };
                        task.insert(name.to_owned(), value);
                    }
                    Value::Object(task)
                });
                Value::Array(tasks.collect())
            })
            .collect();
        assert_eq!(lists.len(), 2);
        let mut body = Map::new();
        for (name, list) in ["add", "update"].into_iter().zip(lists) {
            body.insert(name.to_owned(), list);
        }
        for name in [
            "delete",
            "addAttachments",
            "updateAttachments",
            "deleteAttachments",
        ] {
            body.insert(name.to_owned(), values.next().unwrap());
        }
        assert!(values.next().is_none());
        Value::Object(body).to_string()
    }

    #[test]
    fn recipes_rebuild_each_actions_body() {
        let at = parse_instant("2026-01-17T13:16:24Z").unwrap();
        let close = Close { at, user_id: 7 };
        let date = "2026-01-20".parse().unwrap();
        let mut bodies = 0;
        let mut last = RecipeShape::default();
        for file in ["daily-task.json", "weekly-task.json", "pinned-task.json"] {
            let path = format!("{}/examples/{file}", env!("CARGO_MANIFEST_DIR"));
            let task = Task::from_json(&std::fs::read_to_string(path).unwrap()).unwrap();
            let ids = || ObjectIdGenerator::from_seed("2c6f3277d1cc4341".parse().unwrap());
            for body in [
                complete(&task, &close, &mut ids()),
                wont_do(&task, &close, &mut ids()),
                skip(&task, at),
                skip_date(&task, date, at),
                pin(&task, at),
                unpin(&task, at),
            ]
            .into_iter()
            .flatten()
            {
                let (mut shape, mut values) = (RecipeShape::default(), String::new());
                assert!(!body.write_recipe(&task, &mut shape, &mut values));
                assert!(shape.as_str().contains("\"="), "{shape}");
                assert_eq!(rebuilt(shape.as_str(), &values, &task), body.to_json());
                // Again, over the same shape, and over the last body's.
                values.clear();
                assert!(body.write_recipe(&task, &mut shape, &mut values));
                assert_eq!(rebuilt(shape.as_str(), &values, &task), body.to_json());
                values.clear();
                body.write_recipe(&task, &mut last, &mut values);
                assert_eq!(rebuilt(last.as_str(), &values, &task), body.to_json());
                bodies += 1;
            }
        }
        assert!(bodies >= 12, "{bodies}");
    }

    /// The shape and values of `body`'s recipe written over no shape.
    fn fresh(body: &BatchBody, given: &Task) -> (String, String) {
        let (mut shape, mut values) = (RecipeShape::default(), String::new());
        assert!(!body.write_recipe(given, &mut shape, &mut values));
        (shape.as_str().to_owned(), values)
    }

    /// Bodies of many shapes made from `given`, each with its shape's text.
    fn bodies(given: &Task) -> Vec<(BatchBody, &'static str)> {
        let read = |text: &str| Task::from_json(text).unwrap();
        let changed = |change: &dyn Fn(&mut Task)| {
            let mut task = given.clone();
            change(&mut task);
            BatchBody::updating(vec![task])
        };
        vec![
            (
                BatchBody::updating(vec![given.clone()]),
                r#"[[],[["=id","=k\"ey","=naïve","=x","=status"]]]"#,
            ),
            (
                changed(&|task| task.put(Name::Status, Json::Int(2), &[])),
                r#"[[],[["=id","=k\"ey","=naïve","=x","+status"]]]"#,
            ),
            (
                changed(&|task| {
                    task.set("x", 4.into()).unwrap();
                }),
                r#"[[],[["=id","=k\"ey","=naïve","+x","=status"]]]"#,
            ),
            (
                changed(&|task| {
                    task.remove("status");
                }),
                r#"[[],[["=id","=k\"ey","=naïve","=x"]]]"#,
            ),
            (
                changed(&|task| {
                    task.set("new\nname", 1.into()).unwrap();
                }),
                r#"[[],[["=id","=k\"ey","=naïve","=x","=status","+new\nname"]]]"#,
            ),
            (
                BatchBody {
                    add: vec![given.clone()],
                    ..BatchBody::updating(vec![given.clone()])
                },
                r#"[[["=id","=k\"ey","=naïve","=x","=status"]],[["=id","=k\"ey","=naïve","=x","=status"]]]"#,
            ),
            (
                BatchBody::updating(vec![given.clone(), given.clone()]),
                r#"[[],[["=id","=k\"ey","=naïve","=x","=status"],["=id","=k\"ey","=naïve","=x","=status"]]]"#,
            ),
            (BatchBody::default(), "[[],[]]"),
            (
                BatchBody::updating(vec![read(
                    r#"{"id":"a","k\"ey":1,"naïve":2,"x":3,"status":0}"#,
                )]),
                r#"[[],[["+id","+k\"ey","+naïve","+x","+status"]]]"#,
            ),
            (
                BatchBody::updating(vec![read(
                    r#"{"id":"a","k\"ez":1,"naïve":2,"x":3,"status":0}"#,
                )]),
                r#"[[],[["+id","+k\"ez","+naïve","+x","+status"]]]"#,
            ),
            (
                BatchBody::updating(vec![read(
                    r#"{"id":"a","k\"ey":1,"naïvf":2,"x":3,"status":0}"#,
                )]),
                r#"[[],[["+id","+k\"ey","+naïvf","+x","+status"]]]"#,
            ),
            (
                BatchBody::updating(vec![read(
                    r#"{"id":"a","k\"ey":1,"naïve":2,"y":3,"status":0}"#,
                )]),
                r#"[[],[["+id","+k\"ey","+naïve","+y","+status"]]]"#,
            ),
            // The name `x` written with an escape: kept otherwise, with the same shape's text.
            (
                BatchBody::updating(vec![read(
                    r#"{"id":"a","k\"ey":1,"naïve":2,"\u0078":3,"status":0}"#,
                )]),
                r#"[[],[["+id","+k\"ey","+naïve","+x","+status"]]]"#,
            ),
        ]
    }

    /// The task the bodies of [`bodies`] are made from.
    fn given() -> Task {
        Task::from_json(r#"{"id":"a","k\"ey":1,"naïve":2,"x":3,"status":0}"#).unwrap()
    }

    #[test]
    fn a_shape_held_is_told_and_not_written_again() {
        let given = given();
        for (body, text) in bodies(&given) {
            let (mut shape, mut values) = (RecipeShape::default(), String::new());
            assert!(!body.write_recipe(&given, &mut shape, &mut values));
            assert_eq!(shape.as_str(), text);
            let at = shape.as_str().as_ptr();
            for _ in 0..2 {
                values.clear();
                assert!(body.write_recipe(&given, &mut shape, &mut values));
                assert_eq!(shape.as_str(), text);
                assert_eq!(shape.as_str().as_ptr(), at, "written again: {text}");
            }
        }
    }

    #[test]
    fn a_shape_written_over_another_is_told_apart_and_right() {
        let given = given();
        let bodies = bodies(&given);
        for (before, before_text) in &bodies {
            for (body, text) in &bodies {
                let (mut shape, mut values) = (RecipeShape::default(), String::new());
                before.write_recipe(&given, &mut shape, &mut values);
                values.clear();
                let same = body.write_recipe(&given, &mut shape, &mut values);
                assert_eq!(same, before_text == text, "{before_text} then {text}");
                assert_eq!(shape.as_str(), *text);
                assert_eq!(values, fresh(body, &given).1);
                // And back.
                values.clear();
                let same = before.write_recipe(&given, &mut shape, &mut values);
                assert_eq!(same, before_text == text, "{text} then {before_text}");
                assert_eq!(shape.as_str(), *before_text);
            }
        }
        // All shapes differ but the last two.
        let (last, others) = bodies.split_last().unwrap();
        for (i, (_, text)) in others.iter().enumerate() {
            assert!(others.iter().skip(i + 1).all(|(_, other)| other != text));
        }
        assert_eq!(others.iter().filter(|(_, text)| *text == last.1).count(), 1);
    }

    #[test]
    fn shapes_in_turn_are_each_written_and_told() {
        let given = given();
        let bodies = bodies(&given);
        let (mut shape, mut values) = (RecipeShape::default(), String::new());
        let mut last = "";
        for _ in 0..3 {
            for (body, text) in bodies.iter().chain(bodies.iter().rev()) {
                values.clear();
                let same = body.write_recipe(&given, &mut shape, &mut values);
                assert_eq!(same, last == *text, "{last} then {text}");
                assert_eq!(shape.as_str(), *text);
                let value = |text: &str| serde_json::from_str::<Value>(text).unwrap();
                assert_eq!(
                    value(&rebuilt(shape.as_str(), &values, &given)),
                    value(&body.to_json())
                );
                last = text;
            }
        }
    }

    #[test]
    fn a_shape_given_as_text_is_compared_as_text() {
        let given = given();
        for (body, text) in bodies(&given) {
            let mut values = String::new();
            let mut shape = RecipeShape::from(text.to_owned());
            assert!(body.write_recipe(&given, &mut shape, &mut values));
            assert!(body.write_recipe(&given, &mut shape, &mut values));
            let mut shape = RecipeShape::from(format!("{text} "));
            assert!(!body.write_recipe(&given, &mut shape, &mut values));
            assert_eq!(shape.as_str(), text);
            assert_eq!(shape.to_string(), text);
        }
    }
}
