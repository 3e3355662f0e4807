//! What can be wrong with a task object, and why an action may refuse to apply.

use std::fmt;

use chrono::{DateTime, NaiveDate, Utc};
use serde_json::Value;

use crate::{format_date, format_instant};

/// A task object is malformed, or an action cannot apply to it.
///
/// ```
/// use ticktick_recur::task::Task;
/// let err = Task::from_json(r#"{"id": "a", "startDate": 5}"#).unwrap_err();
/// assert_eq!(err.to_string(), r#"task field "startDate": expected an instant string, got 5"#);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum TaskError {
    /// The text is not JSON.
    InvalidJson {
        /// The line of the problem, counting from 1.
        line: usize,
        /// The column of the problem, counting from 1.
        column: usize,
        /// What the JSON reader found wrong.
        message: String,
    },
    /// The JSON is not an object.
    NotAnObject {
        /// The JSON kind found instead (`"an array"`, `"a string"`, ...).
        got: &'static str,
    },
    /// A field has the wrong type or an unreadable value.
    InvalidField {
        /// Where the field is, as TickTick spells it: `startDate`, `exDate[2]`, `items[0].startDate`.
        field: String,
        /// What is wrong.
        problem: FieldProblem,
    },
    /// The object has none of the fields a task has (`id`, `title`, `startDate`, `dueDate`,
    /// `repeatFlag`, ...): `{}`, or a wrapper such as `{"task": {...}}`.
    NotATask {
        /// Its first few keys, as given (empty for `{}`).
        keys: Vec<String>,
    },
    /// A field the action needs is missing or null.
    MissingField {
        /// The field's name.
        field: &'static str,
    },
    /// The action cannot apply to this task.
    Refused {
        /// What was asked.
        action: ActionKind,
        /// The task's id, when it has one.
        id: Option<String>,
        /// Why not.
        reason: Refusal,
    },
}

/// What is wrong with one field of a task.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum FieldProblem {
    /// The JSON type is not the one the field takes.
    WrongType {
        /// What the field takes, for example `"an instant string"`.
        expected: &'static str,
        /// The value found, as (possibly shortened) JSON.
        got: String,
    },
    /// A string that is neither RFC 3339 nor TickTick's wire form.
    InvalidInstant {
        /// The text as given.
        text: String,
    },
    /// A string that is not a `yyyyMMdd` date.
    InvalidDate {
        /// The text as given.
        text: String,
    },
    /// A zone name this build does not know.
    UnknownZone {
        /// The name as given.
        name: String,
    },
    /// A `repeatFrom` other than `"0"`, `"1"`, `"2"`, `0`, `1`, `2`, `""` or `null`.
    InvalidRepeatFrom {
        /// The value found, as JSON.
        got: String,
    },
}

/// What was asked of a task when it refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ActionKind {
    /// Compute the dates the task moves to ([`next_occurrence`](super::next_occurrence)).
    Advance,
    /// [`complete`](super::complete).
    Complete,
    /// [`wont_do`](super::wont_do).
    WontDo,
    /// [`skip`](super::skip).
    Skip,
    /// [`skip_date`](super::skip_date).
    SkipDate,
    /// [`pin`](super::pin).
    Pin,
    /// [`unpin`](super::unpin).
    Unpin,
}

impl ActionKind {
    /// The verb used in messages: `complete`, `mark as won't do`, `skip`, ...
    #[must_use]
    pub fn verb(self) -> &'static str {
        match self {
            ActionKind::Advance => "advance",
            ActionKind::Complete => "complete",
            ActionKind::WontDo => "mark as won't do",
            ActionKind::Skip => "skip",
            ActionKind::SkipDate => "skip a date of",
            ActionKind::Pin => "pin",
            ActionKind::Unpin => "unpin",
        }
    }
}

/// Why an action cannot apply.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Refusal {
    /// The task does not repeat.
    NotRecurring,
    /// The task has neither `startDate` nor `dueDate`, so it has no occurrences.
    Undated,
    /// The task is already closed.
    Closed {
        /// Its `status`.
        status: i64,
    },
    /// The series has no occurrence after the current one.
    SeriesEnds,
    /// The next start would equal the current start: the action would change nothing.
    Unchanged {
        /// The current start.
        start: DateTime<Utc>,
    },
    /// A date to skip is not after the current occurrence's local date.
    NotAfterCurrent {
        /// The date asked for.
        date: NaiveDate,
        /// The current occurrence's local date.
        current: NaiveDate,
    },
    /// No occurrence of the series falls on the date to skip.
    NoOccurrenceOn {
        /// The date asked for.
        date: NaiveDate,
    },
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::NotRecurring => f.write_str("it does not repeat"),
            Refusal::Undated => f.write_str("it has neither startDate nor dueDate"),
            Refusal::Closed { status } => write!(f, "it is already closed (status {status})"),
            Refusal::SeriesEnds => {
                f.write_str("its series has no occurrence after the current one")
            }
            Refusal::Unchanged { start } => write!(
                f,
                "the next start would equal the current start {}",
                format_instant(*start)
            ),
            Refusal::NotAfterCurrent { date, current } => write!(
                f,
                "{} is not after the current occurrence's date {}",
                format_date(*date),
                format_date(*current)
            ),
            Refusal::NoOccurrenceOn { date } => {
                write!(f, "its series has no occurrence on {}", format_date(*date))
            }
        }
    }
}

impl fmt::Display for FieldProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FieldProblem::WrongType { expected, got } => {
                write!(f, "expected {expected}, got {got}")
            }
            FieldProblem::InvalidInstant { text } => write!(
                f,
                "invalid instant {text:?}: expected RFC 3339 or yyyy-MM-ddTHH:mm:ss.SSS+0000"
            ),
            FieldProblem::InvalidDate { text } => {
                write!(f, "invalid date {text:?}: expected yyyyMMdd")
            }
            FieldProblem::UnknownZone { name } => write!(f, "unknown time zone {name:?}"),
            FieldProblem::InvalidRepeatFrom { got } => {
                write!(f, r#"expected "0", "1", "2", "" or null, got {got}"#)
            }
        }
    }
}

impl fmt::Display for TaskError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TaskError::InvalidJson {
                line,
                column,
                message,
            } => write!(
                f,
                "invalid task JSON at line {line} column {column}: {message}"
            ),
            TaskError::NotAnObject { got } => write!(f, "a task must be a JSON object, got {got}"),
            TaskError::InvalidField { field, problem } => {
                write!(f, "task field {field:?}: {problem}")
            }
            TaskError::NotATask { keys } if keys.is_empty() => {
                f.write_str("not a task: the object is empty")
            }
            TaskError::NotATask { keys } => {
                let keys: Vec<String> = keys.iter().map(|k| format!("{k:?}")).collect();
                write!(
                    f,
                    "not a task: the object has none of the fields a task has (id, title, startDate, \
                     dueDate, repeatFlag, ...), only {}",
                    keys.join(", ")
                )
            }
            TaskError::MissingField { field } => write!(f, "task field {field:?} is missing"),
            TaskError::Refused { action, id, reason } => match id {
                Some(id) => write!(f, "cannot {} task {id:?}: {reason}", action.verb()),
                None => write!(f, "cannot {} the task: {reason}", action.verb()),
            },
        }
    }
}

impl std::error::Error for TaskError {}

/// A JSON value as the error messages quote it: its compact text, cut after 40 characters (with
/// `...`) to keep a message on one readable line. [`FieldProblem::WrongType`]'s `got` is one.
///
/// ```
/// use serde_json::json;
/// use ticktick_recur::task::json_excerpt;
/// assert_eq!(json_excerpt(&json!({"a": [1, 2]})), r#"{"a":[1,2]}"#);
/// assert_eq!(json_excerpt(&json!("x".repeat(50))), format!("\"{}...", "x".repeat(39)));
/// ```
#[must_use]
pub fn json_excerpt(value: &Value) -> String {
    const MAX: usize = 40;
    let text = value.to_string();
    match text.char_indices().nth(MAX) {
        Some((cut, _)) => format!("{}...", text.get(..cut).unwrap_or_default()),
        None => text,
    }
}

impl From<TaskError> for crate::Error {
    fn from(e: TaskError) -> Self {
        crate::Error::Task(e)
    }
}
