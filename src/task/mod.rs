//! TickTick's task semantics: next occurrence by `repeatFrom`, and the batch payloads of actions.

use std::fmt;

/// A task object is malformed, or an action cannot apply to it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum TaskError {
    /// A field has the wrong type or an unreadable value.
    InvalidField {
        /// The field's name, as TickTick spells it.
        field: &'static str,
        /// What is wrong.
        problem: String,
    },
}

impl fmt::Display for TaskError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TaskError::InvalidField { field, problem } => {
                write!(f, "task field {field:?}: {problem}")
            }
        }
    }
}

impl std::error::Error for TaskError {}
