//! [`RepeatFrom`]: the task's `repeatFrom`, which says where the next occurrence is counted from.

use serde_json::Value;

/// Which occurrence comes next when the current one is closed (the task's `repeatFrom`).
///
/// ```
/// use ticktick_recur::task::{RepeatFrom, Task};
/// let task = Task::from_json(r#"{"repeatFrom": 1}"#)?;
/// assert_eq!(task.repeat_from(), RepeatFrom::CompletionDate);
/// assert_eq!(Task::from_json("{}")?.repeat_from(), RepeatFrom::Default);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RepeatFrom {
    /// `"0"`: the first occurrence strictly after the current start, even if it is in the past.
    DueDate,
    /// `"1"`: the completion's local date plus one interval, at the original time of day.
    CompletionDate,
    /// `"2"`, `null`, `""` or missing: the first occurrence strictly after both the current start and
    /// the completion instant.
    Default,
}

impl RepeatFrom {
    /// The wire value: `"0"`, `"1"` or `"2"`.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            RepeatFrom::DueDate => "0",
            RepeatFrom::CompletionDate => "1",
            RepeatFrom::Default => "2",
        }
    }

    /// Reads a `repeatFrom` value: `"0"`/`0`, `"1"`/`1`, `"2"`/`2`, and `""`, `null` or absent for the
    /// default. `None` for anything else.
    #[must_use]
    pub fn from_json(value: Option<&Value>) -> Option<RepeatFrom> {
        let code = match value {
            None | Some(Value::Null) => return Some(RepeatFrom::Default),
            Some(Value::String(s)) if s.is_empty() => return Some(RepeatFrom::Default),
            Some(Value::String(s)) => s.parse::<u8>().ok().filter(|_| s.len() == 1)?,
            Some(Value::Number(n)) => u8::try_from(n.as_u64()?).ok()?,
            Some(_) => return None,
        };
        match code {
            0 => Some(RepeatFrom::DueDate),
            1 => Some(RepeatFrom::CompletionDate),
            2 => Some(RepeatFrom::Default),
            _ => None,
        }
    }
}
