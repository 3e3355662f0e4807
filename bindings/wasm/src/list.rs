//! `agenda` and `reminders` (SURFACES.md §2, BEHAVIOUR.md §8): a whole task list over a window.
//!
//! The list takes the command line's three forms (an array of tasks, one task, TickTick's sync
//! answer) and is read by the core's [`TaskList`], one task at a time, so a bad task fails the call
//! with the command line's message (`task [3] (id "..."): ...`) and nothing is returned in part.
//!
//! - The fast way: the list as its `JSON.stringify` text, which the package's JavaScript writes only
//!   for values that text holds exactly (plain objects and arrays, strings, finite numbers, booleans,
//!   null, `Date`s); the options one by one, `holidays` as the value given.
//! - The exact way: the list and the option object as JavaScript values, read as `JSON.stringify`
//!   reads them ([`json`](crate::json)), each refusal with its own message.

use serde_json::Value;
use ticktick_recur::agenda::{AgendaError, TaskList, Window, DEFAULT_LIMIT};
use ticktick_recur::task::TaskError;
use ticktick_recur::Zone;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::error::Failure;
use crate::options::{Given, Object, Options};
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
        let text = list_text(&tasks)?;
        run(call, &text, &window, &options, false)
    })
}

/// `agenda` or `reminders`, the fast way: the list as JSON text, each option `undefined` when not
/// given. Gives `undefined` when the text cannot be read or a required option is missing (the
/// wrapper then takes the exact way).
#[wasm_bindgen(js_name = listFast, skip_typescript)]
pub fn list_fast(
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
    answer(|| run(call, text, &window(&options)?, &options, true))
}

/// The window from the options `from`, `to` and `limit`, read in that order as the command line
/// reads `--from`, `--to` and `--limit`.
fn window(o: &dyn Options) -> Result<Window, Failure> {
    let from = o.required_instant("from")?;
    let to = o.required_instant("to")?;
    let limit = o.count("limit")?.unwrap_or(DEFAULT_LIMIT);
    Ok(Window::new(from, to).with_limit(limit))
}

/// A list given as a JavaScript value, as JSON text. The elements of an array are read one by one,
/// so that a value JSON cannot hold is named by its task's position (`task [3]: ...`).
fn list_text(tasks: &JsValue) -> Result<String, Failure> {
    if tasks.is_undefined() {
        return Err(AgendaError::NotAList { got: "undefined" }.into());
    }
    let value = match tasks.dyn_ref::<js_sys::Array>() {
        Some(array) => {
            let mut list = Vec::with_capacity(array.length() as usize);
            for (i, task) in array.iter().enumerate() {
                let task = match json::json(&task) {
                    Ok(task) => task,
                    // An array element JSON has no value for is written as null.
                    Err(_) if task.is_undefined() || task.is_function() || task.is_symbol() => {
                        Value::Null
                    }
                    Err(e) => return Err(e.within(&format!("task [{i}]"))),
                };
                list.push(task);
            }
            Value::Array(list)
        }
        None => json::json(tasks)?,
    };
    serde_json::to_string(&value).map_err(|_| Failure::type_error("cannot convert the task list"))
}

/// Reads the list and answers: the zone and calendar options first, then the tasks one by one.
/// The fast way (`fast`) leaves JSON the core refuses to the exact way: `JSON.stringify` wrote it,
/// yet serde_json does not read it (a lone surrogate, nesting deeper than it reads).
fn run(
    call: ListCall,
    text: &str,
    window: &Window,
    o: &dyn Options,
    fast: bool,
) -> Result<JsValue, Failure> {
    let zone = o.zone("defaultTimeZone")?.unwrap_or(Zone::UTC);
    let calendar = o.holidays("holidays")?;
    let failure = |e: AgendaError| {
        if fast && refused(&e) {
            Failure::exact_way()
        } else {
            Failure::from(e)
        }
    };
    let list = TaskList::from_json(text).map_err(failure)?.with_default_zone(zone);
    let list = match calendar {
        Some(calendar) => list.with_holidays(calendar),
        None => list,
    };
    match call {
        ListCall::Agenda => json_text(&list.agenda(window).map_err(failure)?),
        ListCall::Reminders => json_text(&list.reminders(window).map_err(failure)?),
    }
}

/// Whether the list's JSON text, or a task's, could not be read.
fn refused(e: &AgendaError) -> bool {
    match e {
        AgendaError::InvalidJson { .. } => true,
        AgendaError::Task { error, .. } => matches!(
            error.as_ref(),
            ticktick_recur::Error::Task(TaskError::InvalidJson { .. })
        ),
        _ => false,
    }
}
