//! The JSON shape of each field whose type is checked when a task is read or set, the checks
//! themselves, and how a wrong value is quoted in the error.

use serde_json::Value;

use super::{Name, RepeatFrom};
use crate::parse_instant;
use crate::task::error::{json_excerpt, FieldProblem, TaskError};

impl Name {
    /// The JSON shape of a field whose type is checked when a task is read or set; all others are
    /// carried as they are.
    #[inline]
    pub(super) fn shape(self) -> Option<Shape> {
        Some(match self {
            Name::Id | Name::Etag | Name::TimeZone | Name::RepeatFlag => Shape::String,
            Name::StartDate | Name::DueDate => Shape::Instant,
            Name::IsAllDay | Name::IsFloating => Shape::Bool,
            Name::RepeatFrom => Shape::RepeatFrom,
            Name::ExDate => Shape::Dates,
            Name::Items => Shape::Items,
            Name::Reminders => Shape::Reminders,
            Name::Status => Shape::Integer,
            Name::Attachments => Shape::Array,
            _ => return None,
        })
    }
}

/// The JSON shape a checked field takes; `null` is always allowed and means absent, and so does `""`
/// for an instant.
#[derive(Clone, Copy)]
pub(super) enum Shape {
    String,
    Instant,
    Bool,
    Integer,
    RepeatFrom,
    Dates,
    /// Reminders: objects, or trigger strings as the Open API gives them.
    Reminders,
    Array,
    /// Checklist items: objects whose `id`, `startDate` and `status` are checked too.
    Items,
}

/// The fields of a checklist item whose type is checked.
const ITEM_CHECKED: &[(&str, Shape)] = &[
    ("id", Shape::String),
    ("startDate", Shape::Instant),
    ("status", Shape::Integer),
];

/// Checks one field of a task against its [`Shape`], if it has one.
pub(super) fn check(name: &str, value: &Value) -> Result<(), TaskError> {
    match Name::of(name).and_then(Name::shape) {
        Some(shape) => check_shape(name, shape, value),
        None => Ok(()),
    }
}

pub(super) fn check_shape(path: &str, shape: Shape, value: &Value) -> Result<(), TaskError> {
    let invalid = |problem| TaskError::InvalidField {
        field: path.to_owned(),
        problem,
    };
    let wrong = |expected| {
        invalid(FieldProblem::WrongType {
            expected,
            got: json_excerpt(value),
        })
    };
    if value.is_null() {
        return Ok(());
    }
    match shape {
        Shape::String => value.as_str().map(drop).ok_or_else(|| wrong("a string")),
        Shape::Bool => value
            .as_bool()
            .map(drop)
            .ok_or_else(|| wrong("true or false")),
        Shape::Integer => integral(value).map(drop).ok_or_else(|| wrong("an integer")),
        Shape::Instant => {
            let text = value.as_str().ok_or_else(|| wrong("an instant string"))?;
            // TickTick's way of sending a date the task does not have.
            if text.is_empty() {
                return Ok(());
            }
            parse_instant(text).map(drop).map_err(|_| {
                invalid(FieldProblem::InvalidInstant {
                    text: text.to_owned(),
                })
            })
        }
        Shape::RepeatFrom => RepeatFrom::from_json(Some(value)).map(drop).ok_or_else(|| {
            invalid(FieldProblem::InvalidRepeatFrom {
                got: json_excerpt(value),
            })
        }),
        Shape::Array => value.as_array().map(drop).ok_or_else(|| wrong("an array")),
        Shape::Dates => {
            let dates = value
                .as_array()
                .ok_or_else(|| wrong("an array of yyyyMMdd strings"))?;
            for (i, d) in dates.iter().enumerate() {
                let at = format!("{path}[{i}]");
                let text = d.as_str().ok_or_else(|| TaskError::InvalidField {
                    field: at.clone(),
                    problem: FieldProblem::WrongType {
                        expected: "a yyyyMMdd string",
                        got: json_excerpt(d),
                    },
                })?;
                if crate::instant::compact_date(text).is_none() {
                    return Err(TaskError::InvalidField {
                        field: at,
                        problem: FieldProblem::InvalidDate {
                            text: text.to_owned(),
                        },
                    });
                }
            }
            Ok(())
        }
        Shape::Reminders | Shape::Items => {
            let reminders = matches!(shape, Shape::Reminders);
            let entry_is = if reminders {
                "an object or a string"
            } else {
                "an object"
            };
            let list = value
                .as_array()
                .ok_or_else(|| wrong("an array of objects"))?;
            for (i, entry) in list.iter().enumerate() {
                let at = format!("{path}[{i}]");
                if reminders && entry.is_string() {
                    continue;
                }
                let object = entry.as_object().ok_or_else(|| TaskError::InvalidField {
                    field: at.clone(),
                    problem: FieldProblem::WrongType {
                        expected: entry_is,
                        got: json_excerpt(entry),
                    },
                })?;
                if matches!(shape, Shape::Items) {
                    for (name, shape) in ITEM_CHECKED {
                        if let Some(v) = object.get(*name) {
                            check_shape(&format!("{at}.{name}"), *shape, v)?;
                        }
                    }
                }
            }
            Ok(())
        }
    }
}

/// An integer, also when written as a number with a fraction of zero (`2.0`, `2e0`), as JavaScript
/// and some JSON writers give integers.
pub(super) fn integral(value: &Value) -> Option<i64> {
    // 2^63, the first float past i64's range.
    const LIMIT: f64 = 9_223_372_036_854_775_808.0;
    value.as_i64().or_else(|| {
        let x = value.as_f64()?;
        if x.fract() != 0.0 || !(-LIMIT..LIMIT).contains(&x) {
            return None;
        }
        // In range and whole, so the conversion is exact.
        #[allow(clippy::cast_possible_truncation)]
        Some(x as i64)
    })
}

pub(super) fn json_kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// serde_json's message without its own ` at line L column C` suffix (the error carries those).
pub(super) fn json_message(e: &serde_json::Error) -> String {
    let text = e.to_string();
    match text.rfind(" at line ") {
        Some(i) => text[..i].to_owned(),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpts_are_short() {
        let long = Value::String("x".repeat(100));
        assert_eq!(json_excerpt(&long).chars().count(), 43);
    }
}
