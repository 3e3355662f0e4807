//! What can go wrong with a task list: the list itself, or one of its tasks (named by position and
//! id), or one of a task's reminders.

use std::fmt;

use super::list::ListForm;
use super::trigger::TriggerError;
use crate::Error;

/// Which task of a list: its position and its id.
///
/// Written as the task's place in the input (`task [3]`, `task syncTaskBean.update[3]`, or `task`
/// for a single task object) followed by its id when it has one: `task [3] (id "6970...")`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskRef {
    /// The task's position in the list, counting from 0.
    pub position: usize,
    /// The task's `id`, when it has one that could be read.
    pub id: Option<String>,
    form: ListForm,
}

impl TaskRef {
    pub(crate) fn new(form: ListForm, position: usize, id: Option<&str>) -> TaskRef {
        TaskRef {
            position,
            id: id.map(str::to_owned),
            form,
        }
    }
}

impl fmt::Display for TaskRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.form {
            ListForm::Task => f.write_str("task")?,
            ListForm::Array => write!(f, "task [{}]", self.position)?,
            ListForm::SyncAnswer => write!(f, "task syncTaskBean.update[{}]", self.position)?,
        }
        match &self.id {
            Some(id) => write!(f, " (id {id:?})"),
            None => Ok(()),
        }
    }
}

/// What is wrong with one of a task's reminders.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ReminderProblem {
    /// The reminder has no `trigger` string.
    MissingTrigger,
    /// The `trigger` is not a string.
    TriggerNotAString {
        /// The value found, as JSON.
        got: String,
    },
    /// The `trigger` is not an RFC 5545 duration after `TRIGGER:`.
    InvalidTrigger(Box<TriggerError>),
}

impl fmt::Display for ReminderProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReminderProblem::MissingTrigger => f.write_str("no trigger"),
            ReminderProblem::TriggerNotAString { got } => {
                write!(f, "trigger: expected a string, got {got}")
            }
            ReminderProblem::InvalidTrigger(e) => e.fmt(f),
        }
    }
}

/// A task list that cannot be read, or a task in it that cannot be expanded.
///
/// ```
/// use ticktick_recur::agenda::{reminders, TaskList, Window};
/// use ticktick_recur::parse_instant;
/// let list = TaskList::from_json(r#"[{"id": "a"}, {"id": "b", "startDate": "2026-03-01T09:00:00Z",
///     "reminders": [{"id": "r", "trigger": "TRIGGER:-PT5"}]}]"#)?;
/// let window = Window::new(parse_instant("2026-03-01T00:00:00Z")?, parse_instant("2026-03-02T00:00:00Z")?);
/// let err = reminders(&list.read_all()?, &window).unwrap_err();
/// assert_eq!(err.to_string(), r#"task [1] (id "b"): reminder "r" (reminders[0]): invalid trigger "TRIGGER:-PT5" at byte 12: expected "H", "M" or "S" after a number"#);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum AgendaError {
    /// The text is not JSON, or not JSON of one of the forms a list takes.
    InvalidJson {
        /// The line of the problem, counting from 1.
        line: usize,
        /// The column of the problem, counting from 1.
        column: usize,
        /// What the JSON reader found wrong.
        message: String,
    },
    /// The JSON is neither a task object, an array, nor a sync answer.
    NotAList {
        /// The JSON kind found instead (`"a string"`, `"a number"`, ...).
        got: &'static str,
    },
    /// A task cannot be read, or its occurrences cannot be computed.
    Task {
        /// Which task.
        task: TaskRef,
        /// What went wrong (boxed, so that a `Result` carrying this error stays small).
        error: Box<Error>,
    },
    /// One of a task's reminders cannot be read.
    Reminder {
        /// Which task.
        task: TaskRef,
        /// The reminder's position in the task's `reminders`, counting from 0.
        index: usize,
        /// The reminder's `id`, when it has one.
        id: Option<String>,
        /// What is wrong.
        problem: ReminderProblem,
    },
}

impl fmt::Display for AgendaError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AgendaError::InvalidJson {
                line,
                column,
                message,
            } => write!(
                f,
                "invalid task list JSON at line {line} column {column}: {message}"
            ),
            AgendaError::NotAList { got } => write!(
                f,
                "expected a task object, an array of task objects or a sync answer \
                 ({{\"syncTaskBean\": {{\"update\": [...]}}}}), got {got}"
            ),
            AgendaError::Task { task, error } => write!(f, "{task}: {error}"),
            AgendaError::Reminder {
                task,
                index,
                id,
                problem,
            } => {
                write!(f, "{task}: reminder ")?;
                if let Some(id) = id {
                    write!(f, "{id:?} ")?;
                }
                write!(f, "(reminders[{index}]): {problem}")
            }
        }
    }
}

impl std::error::Error for AgendaError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            AgendaError::Task { error, .. } => Some(error.as_ref()),
            AgendaError::Reminder {
                problem: ReminderProblem::InvalidTrigger(e),
                ..
            } => Some(e.as_ref()),
            _ => None,
        }
    }
}
