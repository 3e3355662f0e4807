//! The fast way's JSON-text form, in the module built for Node only (feature `text-reader`): tasks
//! come as their `JSON.stringify` text and are read by the core's own text reader
//! ([`Task::from_json`]), as the command line reads them. The package's JavaScript sends only values
//! whose text the exact way would read the same (`plain` and `jsonText` in `pkg/src/wrap.mjs`); a
//! text the core refuses gives `undefined`, and the call is asked again the exact way, whose error is
//! the one the user sees.
//!
//! The reader makes the module about 49 KB (gzipped) larger than the tape ([`crate::tape`]) does, so
//! the browsers' module, held to a size budget, keeps the tape.

use ticktick_recur::agenda::{agenda, reminders};
use ticktick_recur::task::Task;
use ticktick_recur::Zone;
use wasm_bindgen::prelude::*;

use crate::error::Failure;
use crate::list::{window, ListCall};
use crate::options::{Given, Options};
use crate::{answer, apply_response, json, json_text, run, Form, TaskCall, TaskInput};

/// A function taking a task, the fast way, its task's JSON text read by the core's text reader and
/// its batch body given in `form`. Gives `undefined` when the core refuses the text.
pub(crate) fn task_in(call: TaskCall, text: &str, options: &Given, form: Form) -> JsValue {
    answer(|| run(call, TaskInput::Json(text), options, form))
}

/// `agenda` or `reminders`, the fast way: the tasks as the JSON text of an array, each option
/// `undefined` when not given. Gives `undefined` when a task cannot be read, the answer fails, or a
/// required option is missing (the exact way then gives the error in the words of the list's form).
#[wasm_bindgen(js_name = listText, skip_typescript)]
#[allow(clippy::too_many_arguments, reason = "one argument per option")]
pub fn list_text(
    call: ListCall,
    text: &str,
    from: Option<String>,
    to: Option<String>,
    limit: Option<u32>,
    default_time_zone: Option<String>,
    holidays: JsValue,
) -> JsValue {
    let options = Given {
        from,
        to,
        limit,
        default_time_zone,
        holidays: Some(holidays),
        ..Given::default()
    };
    answer(|| {
        let o: &dyn Options = &options;
        let window = window(o)?;
        let zone = o.zone("defaultTimeZone")?.unwrap_or(Zone::UTC);
        let calendar = o.holidays("holidays")?;
        let tasks: Vec<Task> = tasks_from_text(text)?
            .into_iter()
            .map(|task| {
                let task = task.with_default_zone(zone);
                match &calendar {
                    Some(calendar) => task.with_holidays(calendar.clone()),
                    None => task,
                }
            })
            .collect();
        let text = match call {
            ListCall::Agenda => agenda(&tasks, &window).map(|entries| json_text(&entries)),
            ListCall::Reminders => reminders(&tasks, &window).map(|entries| json_text(&entries)),
        };
        text.map_err(|_| Failure::exact_way())?
    })
}

/// `applyResponse` the fast way: the tasks as the JSON text of an array, the response as given (read
/// as the exact way reads it). Gives `undefined` when a task cannot be read (the exact way's error
/// then names the task).
#[wasm_bindgen(js_name = applyResponseText, skip_typescript)]
pub fn apply_response_text(tasks: &str, response: JsValue) -> JsValue {
    answer(|| apply_response(tasks_from_text(tasks)?, json::json(&response)?))
}

/// The tasks of a JSON array as `JSON.stringify` writes it, each read by the core's text reader.
/// [`Failure::exact_way`] when one cannot be read, or the text is not such an array.
fn tasks_from_text(text: &str) -> Result<Vec<Task>, Failure> {
    let elements = elements(text).ok_or_else(Failure::exact_way)?;
    let mut tasks = Vec::with_capacity(elements.len());
    for element in elements {
        tasks.push(Task::from_json(element).map_err(|_| Failure::exact_way())?);
    }
    Ok(tasks)
}

/// The texts of the elements of a JSON array written without whitespace (as `JSON.stringify` writes
/// it), found by their commas outside strings and nested values; `None` when the text is not one
/// array. Each element is then read, and so checked, on its own.
fn elements(text: &str) -> Option<Vec<&str>> {
    let inner = text.strip_prefix('[')?.strip_suffix(']')?;
    let mut elements = Vec::new();
    if inner.is_empty() {
        return Some(elements);
    }
    let (mut depth, mut start, mut string, mut escaped) = (0usize, 0, false, false);
    for (i, byte) in inner.bytes().enumerate() {
        if string {
            match byte {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => string = false,
                _ => {}
            }
            continue;
        }
        match byte {
            b'"' => string = true,
            b'[' | b'{' => depth += 1,
            b']' | b'}' => depth = depth.checked_sub(1)?,
            // At a comma, an ASCII byte: both sides are whole characters.
            b',' if depth == 0 => {
                elements.push(inner.get(start..i)?);
                start = i + 1;
            }
            _ => {}
        }
    }
    elements.push(inner.get(start..)?);
    Some(elements)
}

#[cfg(test)]
mod tests {
    use super::elements;

    #[test]
    fn elements_are_cut_at_top_level_commas_only() {
        assert_eq!(elements("[]"), Some(vec![]));
        assert_eq!(
            elements(r#"[{"a":[1,2]},{"b":"x,\"y],"},3]"#),
            Some(vec![r#"{"a":[1,2]}"#, r#"{"b":"x,\"y],"}"#, "3"])
        );
        assert_eq!(elements(r#"{"a":1}"#), None);
        assert_eq!(elements("[1]]"), None);
    }
}
