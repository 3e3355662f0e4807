//! `agenda` and `reminders` (SURFACES.md §2, BEHAVIOUR.md §8): a whole task list over a window.
//!
//! The list takes the command line's three forms (an array of tasks, one task, TickTick's sync
//! answer) and is read by the core's [`TaskValues`], so a bad task fails the call with the command
//! line's message (`task [3] (id "..."): ...`) and nothing is returned in part.
//!
//! - The fast way: the list as a tape ([`tape`](crate::tape)), the options one by one, `holidays`
//!   as the value given.
//! - The exact way: the list and the option object as JavaScript values, read as `JSON.stringify`
//!   reads them ([`json`](crate::json)), each refusal with its own message.

use serde_json::Value;
use ticktick_recur::agenda::{AgendaError, TaskValues, Window, DEFAULT_LIMIT};
use ticktick_recur::Zone;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::error::Failure;
#[cfg(not(feature = "text-reader"))]
use crate::options::Given;
use crate::options::{Object, Options};
#[cfg(not(feature = "text-reader"))]
use crate::tape;
use crate::{answer, json, json_text};

/// The functions of the API that take a task list.
#[wasm_bindgen(skip_typescript)]
#[derive(Debug, Clone, Copy)]
pub enum ListCall {
    Agenda,
    Reminders,
}

/// The options of `agenda` and `reminders`.
const LIST: &[&str] = &["from", "to", "limit", "defaultTimeZone", "holidays"];

/// `agenda` or `reminders`, the exact way; the result as JSON text.
#[wasm_bindgen(js_name = listValues, skip_typescript)]
pub fn list_values(call: ListCall, tasks: JsValue, options: JsValue) -> JsValue {
    answer(|| {
        let options = Object::read(options, LIST)?;
        let window = window(&options)?;
        run(call, list_value(&tasks)?, &window, &options)
    })
}

/// `agenda` or `reminders`, the fast way: the list as a tape, each option `undefined` when not
/// given. Gives `undefined` when the tape cannot be read or a required option is missing (the
/// wrapper then takes the exact way).
#[cfg(not(feature = "text-reader"))]
#[wasm_bindgen(js_name = listFast, skip_typescript)]
#[allow(clippy::too_many_arguments, reason = "one argument per option")]
pub fn list_fast(
    call: ListCall,
    tape: &[f64],
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
        let window = window(&options)?;
        let list = tape::value(tape, text).ok_or_else(Failure::exact_way)?;
        run(call, list, &window, &options)
    })
}

/// The window from the options `from`, `to` and `limit`, read in that order as the command line
/// reads `--from`, `--to` and `--limit`.
pub(crate) fn window(o: &dyn Options) -> Result<Window, Failure> {
    let from = o.required_instant("from")?;
    let to = o.required_instant("to")?;
    let limit = o.count("limit")?.unwrap_or(DEFAULT_LIMIT);
    Ok(Window::new(from, to).with_limit(limit))
}

/// A list given as a JavaScript value, as JSON. The elements of an array are read one by one, so
/// that a value JSON cannot hold is named by its task's position (`task [3]: ...`).
fn list_value(tasks: &JsValue) -> Result<Value, Failure> {
    if tasks.is_undefined() {
        return Err(AgendaError::NotAList { got: "undefined" }.into());
    }
    let Some(array) = tasks.dyn_ref::<js_sys::Array>() else {
        return json::json(tasks);
    };
    let mut list = Vec::with_capacity(array.length() as usize);
    for (i, task) in array.iter().enumerate() {
        let task = match json::json(&task) {
            Ok(task) => task,
            // An array element JSON has no value for is written as null.
            Err(_) if task.is_undefined() || task.is_function() || task.is_symbol() => Value::Null,
            Err(e) => return Err(e.within(&format!("task [{i}]"))),
        };
        list.push(task);
    }
    Ok(Value::Array(list))
}

/// Reads the list and answers: the zone and calendar options first, then the tasks.
fn run(call: ListCall, list: Value, window: &Window, o: &dyn Options) -> Result<JsValue, Failure> {
    let zone = o.zone("defaultTimeZone")?.unwrap_or(Zone::UTC);
    let calendar = o.holidays("holidays")?;
    let list = TaskValues::from_value(list)?.with_default_zone(zone);
    let list = match calendar {
        Some(calendar) => list.with_holidays(calendar),
        None => list,
    };
    match call {
        ListCall::Agenda => json_text(&list.agenda(window)?),
        ListCall::Reminders => json_text(&list.reminders(window)?),
    }
}
