//! The body of `POST /api/v2/batch/task`, and the server's answer to it.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::model::{Json, Name};
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
