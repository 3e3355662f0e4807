//! WebAssembly bindings of `ticktick-recur` for its npm package (`pkg/`, SURFACES.md §2).
//!
//! This crate only converts values, calls the core and maps its errors; the behaviour is the core's and
//! matches the command line's. The package's JavaScript (`pkg/src/wrap.mjs`) defines the API over two
//! ways in:
//!
//! - the fast way, for the common case of plain values: options come one by one as strings, numbers
//!   and booleans, tasks as a tape of numbers and one text ([`tape`]), or in Node's module as their
//!   JSON text (`text.rs`); Node's module also takes `expand`'s strings and a task's text through a
//!   buffer it keeps, without passing strings across (`bytes.rs`), and a task's values on a tape the
//!   JavaScript writes in place (`tape_json.rs`);
//! - the exact way, for anything else: the option object and the task as JavaScript values, read here
//!   as `JSON.stringify` reads them, so that a value JSON cannot hold (a cycle, `NaN`, a `BigInt`)
//!   gets its own message.
//!
//! Both read the options with the same code ([`options::Options`]), so a value gets the same answer or
//! the same error whichever way it came. Results go back as text: JSON, which the package parses, or
//! the instants of `expand` back to back ([`wire`]); `expand`'s Unix milliseconds as a `Float64Array`.
//!
//! Every export returns its result or, for bad input, the `Error` to throw, which the wrapper throws.
//! An export that throws instead was interrupted by a trap or a panic, which leaves the instance in an
//! unknown state: the wrapper then re-instantiates the module (`__wbg_reset_state`), so one bad call
//! never poisons the next.

// The byte form of `expand`, with the text reader in Node's module.
#[cfg(feature = "text-reader")]
mod bytes;
mod error;
mod json;
mod list;
mod options;
#[cfg(feature = "text-reader")]
mod recipe;
// Each module carries one form of the fast way: the tape, or (Node's) JSON text, which takes a
// task's values on a tape too, written as JSON text.
mod tape;
#[cfg(feature = "text-reader")]
mod tape_json;
#[cfg(feature = "text-reader")]
mod text;
mod wire;

use std::cell::RefCell;

use js_sys::{Array, Float64Array};
use serde::Serialize;
use serde_json::Value;
use ticktick_recur::task::{self, Action, Close, Task, TaskError};
use ticktick_recur::{ExpandRequest, IdSeed, ObjectIdGenerator, Zone, EXPAND_LIMIT};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use error::Failure;

/// The module's allocator: Talc, made for WebAssembly, in place of Rust's default (dlmalloc).
#[cfg(all(target_family = "wasm", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
use options::{Given, Object, Options};

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = include_str!("types.d.ts");

/// Runs on every instantiation, re-instantiations included.
#[wasm_bindgen(start, skip_typescript)]
fn start() {
    error::throw_on_panic();
}

/// The options of `expand` and `expandMillis`.
const EXPAND: &[&str] = &[
    "start", "timeZone", "allDay", "after", "until", "limit", "exDates", "holidays",
];

/// `expand` (instants in wire form, as [`wire`] writes them) or `expandMillis` (Unix milliseconds), the exact way.
#[wasm_bindgen(js_name = expandValues, skip_typescript)]
pub fn expand_values(flag: JsValue, options: JsValue, millis: bool) -> JsValue {
    answer(|| {
        let flag = flag.as_string().ok_or_else(|| {
            Failure::type_error(format!(
                "flag: expected a string, got {}",
                error::kind_of(&flag)
            ))
        })?;
        expand(&flag, &Object::read(options, EXPAND)?, millis)
    })
}

/// `expand` or `expandMillis`, the fast way.
#[wasm_bindgen(js_name = expandFast, skip_typescript)]
#[allow(clippy::too_many_arguments, reason = "one argument per option")]
pub fn expand_fast(
    flag: &str,
    start: Option<String>,
    time_zone: Option<String>,
    all_day: Option<bool>,
    after: Option<String>,
    until: Option<String>,
    limit: Option<u32>,
    ex_dates: Option<Vec<String>>,
    millis: bool,
) -> JsValue {
    let options = Given {
        start,
        time_zone,
        all_day,
        after,
        until,
        limit,
        ex_dates,
        ..Given::default()
    };
    answer(|| expand(flag, &options, millis))
}

fn expand(flag: &str, o: &dyn Options, millis: bool) -> Result<JsValue, Failure> {
    let (request, limit) = request(flag, o)?;
    // Instants as Unix milliseconds, or as one text of wire-form instants that the wrapper cuts
    // ([`wire`]): one text conversion instead of one per instant. Room for the limit's worth, up to
    // a few thousand.
    let room = limit.min(4096);
    if millis {
        let mut times = Vec::with_capacity(room);
        request.for_each(|o| times.push(o.timestamp_millis() as f64))?;
        Ok(Float64Array::from(times.as_slice()).into())
    } else {
        let instants = wire::Instants::with_capacity(room);
        Ok(wire_instants(request, instants)?.into_text().into())
    }
}

/// The instants of `request` written after those of `instants` (one copy of the walk for the
/// string form and the byte form of `expand`).
pub(crate) fn wire_instants(
    request: ExpandRequest<'_>,
    mut instants: wire::Instants,
) -> Result<wire::Instants, Failure> {
    request.for_each(|o| instants.push(&o))?;
    Ok(instants)
}

/// The request of `expand` and `expandMillis`, and its limit.
fn request<'a>(flag: &'a str, o: &dyn Options) -> Result<(ExpandRequest<'a>, usize), Failure> {
    // Read in this order, which decides which error a call with several bad options gets.
    let start = o.required_instant("start")?;
    let zone = o.zone("timeZone")?.unwrap_or(Zone::UTC);
    let all_day = o.flag("allDay")?;
    let (after, until) = (o.instant("after")?, o.instant("until")?);
    let limit = o.count("limit")?.unwrap_or(EXPAND_LIMIT);
    let request = ExpandRequest::new(flag, start)
        .zone(zone)
        .all_day(all_day)
        .after(after)
        .until(until)
        .limit(limit)
        .ex_dates(o.dates("exDates")?)
        .holidays(o.holidays("holidays")?);
    Ok((request, limit))
}

/// The functions of the API that take a task.
#[wasm_bindgen(skip_typescript)]
#[derive(Debug, Clone, Copy)]
pub enum TaskCall {
    NextOccurrence,
    Occurrences,
    Complete,
    WontDo,
    Skip,
    SkipDate,
    Pin,
    Unpin,
}

impl TaskCall {
    /// The options the function takes.
    fn options(self) -> &'static [&'static str] {
        match self {
            TaskCall::Pin | TaskCall::Unpin => &["at", "defaultTimeZone"],
            TaskCall::NextOccurrence | TaskCall::Skip => &["at", "defaultTimeZone", "holidays"],
            TaskCall::Occurrences => &["from", "to", "limit", "defaultTimeZone", "holidays"],
            TaskCall::Complete | TaskCall::WontDo => {
                &["at", "userId", "idSeed", "defaultTimeZone", "holidays"]
            }
            TaskCall::SkipDate => &["date", "at", "defaultTimeZone", "holidays"],
        }
    }
}

/// A function taking a task, the exact way; the result as JSON text.
#[wasm_bindgen(js_name = taskValues, skip_typescript)]
pub fn task_values(call: TaskCall, task: JsValue, options: JsValue) -> JsValue {
    answer(|| {
        let options = Object::read(options, call.options())?;
        run(call, TaskInput::Value(task), &options, Form::Json)
    })
}

/// A function taking a task, the fast way: the task as a tape ([`tape`]), each option `undefined`
/// unless the function takes it. Gives `undefined` when the tape cannot be read (the wrapper then
/// takes the exact way).
#[cfg(not(feature = "text-reader"))]
#[wasm_bindgen(js_name = taskFast, skip_typescript)]
#[allow(clippy::too_many_arguments, reason = "one argument per option")]
pub fn task_fast(
    call: TaskCall,
    tape: &[f64],
    text: &str,
    at: Option<String>,
    from: Option<String>,
    to: Option<String>,
    limit: Option<u32>,
    user_id: Option<f64>,
    id_seed: Option<String>,
    date: Option<String>,
    default_time_zone: Option<String>,
) -> JsValue {
    let options = Given {
        at,
        from,
        to,
        limit,
        user_id,
        id_seed,
        date,
        default_time_zone,
        ..Given::default()
    };
    answer(|| run(call, TaskInput::Tape(tape, text), &options, Form::Json))
}

/// A task as it came: a JavaScript value, a tape, or JSON text ([`text`]).
pub(crate) enum TaskInput<'a> {
    Value(JsValue),
    #[cfg(not(feature = "text-reader"))]
    Tape(&'a [f64], &'a str),
    #[cfg(feature = "text-reader")]
    Json(&'a str),
    /// The JSON array of the values of a task whose member names are these.
    #[cfg(feature = "text-reader")]
    Values(&'a ticktick_recur::task::TaskNames, &'a str),
}

/// The form of a batch body's answer.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Form {
    /// JSON text.
    Json,
    /// A recipe for rebuilding the body from the task given as a value (`BatchBody::write_recipe`),
    /// kept in the module for the caller to copy out ([`recipe::with_answer`]); the answer is then
    /// `undefined`.
    #[cfg(feature = "text-reader")]
    Recipe,
}

/// Runs a function taking a task: its options first, then the task, as the command line reads them.
/// A batch body comes back in `form`, other answers as JSON text.
pub(crate) fn run(
    call: TaskCall,
    input: TaskInput,
    o: &dyn Options,
    form: Form,
) -> Result<JsValue, Failure> {
    let action = match call {
        TaskCall::NextOccurrence => {
            let at = o.required_instant("at")?;
            return json_text(&task::next_occurrence(&read_task(input, o)?, at)?);
        }
        TaskCall::Occurrences => {
            let (from, to) = (o.required_instant("from")?, o.required_instant("to")?);
            let limit = o.count("limit")?.unwrap_or(EXPAND_LIMIT);
            return json_text(&task::occurrences(&read_task(input, o)?, from, to, limit)?);
        }
        TaskCall::Complete | TaskCall::WontDo => {
            let close = Close {
                at: o.required_instant("at")?,
                user_id: o.required_user_id("userId")?,
            };
            let seed = o.id_seed("idSeed")?;
            let action = match call {
                TaskCall::Complete => Action::Complete(close),
                _ => Action::WontDo(close),
            };
            return apply(&read_task(input, o)?, action, seed, form);
        }
        TaskCall::SkipDate => Action::SkipDate {
            date: o.required_date("date")?,
            at: o.required_instant("at")?,
        },
        TaskCall::Skip => Action::Skip {
            at: o.required_instant("at")?,
        },
        TaskCall::Pin => Action::Pin {
            at: o.required_instant("at")?,
        },
        TaskCall::Unpin => Action::Unpin {
            at: o.required_instant("at")?,
        },
    };
    apply(&read_task(input, o)?, action, None, form)
}

/// Reads the task, with the caller's default zone for a task without `timeZone`. Called after the
/// other options are read: as on the command line, a bad option is reported before a bad task.
fn read_task(input: TaskInput, o: &dyn Options) -> Result<Task, Failure> {
    let zone = o.zone("defaultTimeZone")?.unwrap_or(Zone::UTC);
    let calendar = o.holidays("holidays")?;
    let task = match input {
        #[cfg(not(feature = "text-reader"))]
        TaskInput::Tape(tape, text) => {
            Task::from_value(tape::value(tape, text).ok_or_else(Failure::exact_way)?)?
        }
        #[cfg(feature = "text-reader")]
        TaskInput::Json(text) => Task::from_json(text).map_err(|_| Failure::exact_way())?,
        #[cfg(feature = "text-reader")]
        TaskInput::Values(names, values) => {
            Task::from_values_json(names, values).map_err(|_| Failure::exact_way())?
        }
        TaskInput::Value(value) if value.is_undefined() => {
            return Err(TaskError::NotAnObject { got: "undefined" }.into())
        }
        TaskInput::Value(value) => Task::from_value(json::json(&value)?)?,
    };
    let task = task.with_default_zone(zone);
    Ok(match calendar {
        Some(calendar) => task.with_holidays(calendar),
        None => task,
    })
}

/// The years a holiday calendar (`"cn"`, `"none"` or a calendar, as the `holidays` option takes)
/// covers, as JSON text: `{"from", "to", "years"}`, the first and last (null for none) and each one.
#[wasm_bindgen(js_name = holidayCoverage, skip_typescript)]
pub fn holiday_coverage(holidays: JsValue) -> JsValue {
    #[derive(Serialize)]
    struct Coverage<'a> {
        from: Option<i32>,
        to: Option<i32>,
        years: &'a [i32],
    }
    answer(|| {
        let calendar = options::calendar(&json::json(&holidays)?, "holidays")?.unwrap_or_default();
        let (from, to) = calendar.coverage().unzip();
        json_text(&Coverage {
            from,
            to,
            years: calendar.covered_years(),
        })
    })
}

/// Applies the server's answer to a batch, the exact way: each task named in `id2etag` takes its new
/// etag; the tasks in `id2error` keep theirs and are reported in `errors`.
#[wasm_bindgen(js_name = applyResponseValues, skip_typescript)]
pub fn apply_response_values(tasks: JsValue, response: JsValue) -> JsValue {
    answer(|| {
        if !Array::is_array(&tasks) {
            let got = error::kind_of(&tasks);
            return Err(Failure::type_error(format!(
                "tasks: expected an array, got {got}"
            )));
        }
        let mut values = Vec::new();
        for (i, task) in tasks.unchecked_ref::<Array>().iter().enumerate() {
            values.push(json::json(&task).map_err(|e| e.within(&format!("tasks[{i}]")))?);
        }
        let held = read_tasks(values)?;
        apply_response(held, json::json(&response)?)
    })
}

/// `applyResponse` the fast way: the tasks and the response as a tape of one array, `[tasks,
/// response]`. Gives `undefined` when the tape cannot be read.
#[cfg(not(feature = "text-reader"))]
#[wasm_bindgen(js_name = applyResponseFast, skip_typescript)]
pub fn apply_response_fast(tape: &[f64], text: &str) -> JsValue {
    answer(|| {
        let Some(Value::Array(both)) = tape::value(tape, text) else {
            return Err(Failure::exact_way());
        };
        let Ok([Value::Array(tasks), response]) = <[Value; 2]>::try_from(both) else {
            return Err(Failure::exact_way());
        };
        apply_response(read_tasks(tasks)?, response)
    })
}

/// The tasks of `applyResponse`, each failure naming its task: `tasks[2]: ...`.
fn read_tasks(values: Vec<Value>) -> Result<Vec<Task>, Failure> {
    let mut held = Vec::with_capacity(values.len());
    for (i, value) in values.into_iter().enumerate() {
        let task =
            Task::from_value(value).map_err(|e| Failure::from(e).within(&format!("tasks[{i}]")))?;
        held.push(task);
    }
    Ok(held)
}

/// `{"tasks": [...], "errors": {...}}`, each task written by the core as it writes batch bodies.
pub(crate) fn apply_response(mut held: Vec<Task>, response: Value) -> Result<JsValue, Failure> {
    let response = json::response(response)?;
    let errors = task::apply_response(&mut held, &response);
    let mut text = String::from("{\"tasks\":[");
    for (i, task) in held.iter().enumerate() {
        if i > 0 {
            text.push(',');
        }
        text.push_str(&task.to_json());
    }
    text.push_str("],\"errors\":");
    text.push_str(&serde_json::to_string(&errors).unwrap_or_default());
    text.push('}');
    Ok(text.into())
}

/// Test hook, not part of the API (the package does not export it): traps the instance by a panic
/// (`"panic"`) or an `unreachable` instruction (anything else), so tests can check that the module
/// stays usable afterwards.
#[wasm_bindgen(js_name = __forceTrapForTesting, skip_typescript)]
pub fn force_trap(kind: &str) {
    if kind == "panic" {
        panic!("trap forced for testing");
    }
    // Native builds (the crate's unit tests) have no such instruction.
    #[cfg(target_arch = "wasm32")]
    core::arch::wasm32::unreachable();
    #[cfg(not(target_arch = "wasm32"))]
    std::process::abort();
}

/// The outcome of an export as the wrapper expects it: the result, or the `Error` to throw.
fn answer(run: impl FnOnce() -> Result<JsValue, Failure>) -> JsValue {
    run().unwrap_or_else(Failure::into_js)
}

/// A result as JSON text, which the wrapper parses.
fn json_text<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, Failure> {
    serde_json::to_string(value)
        .map(JsValue::from)
        .map_err(|_| Failure::type_error("cannot convert the result"))
}

thread_local! {
    /// New ids without a seed come from one generator per instance, as a BSON driver has one per
    /// process: random process bytes and first counter, then the counter rises across calls.
    static IDS: RefCell<Option<ObjectIdGenerator>> = const { RefCell::new(None) };
}

/// Applies an action; ids come from `seed` when given, else from the instance's generator. The
/// body comes back in `form`.
fn apply(
    task: &Task,
    action: Action,
    seed: Option<IdSeed>,
    form: Form,
) -> Result<JsValue, Failure> {
    let body = match seed {
        Some(seed) => action.apply(task, &mut ObjectIdGenerator::from_seed(seed))?,
        None => IDS.with_borrow_mut(|ids| {
            let ids = ids.get_or_insert_with(|| ObjectIdGenerator::from_seed(random_seed()));
            action.apply(task, ids)
        })?,
    };
    Ok(match form {
        Form::Json => body.to_json().into(),
        #[cfg(feature = "text-reader")]
        Form::Recipe => {
            recipe::write(&body, task);
            JsValue::UNDEFINED
        }
    })
}

/// A random seed. The core's own (`IdSeed::random`) reads the clock and the process id, which
/// wasm32-unknown-unknown does not have; `Math.random` is unpredictable enough for ids.
fn random_seed() -> IdSeed {
    let draw = |bits: u32| (js_sys::Math::random() * f64::from(1u32 << bits)) as u32;
    let (high, low) = (draw(24), draw(16));
    let process = [
        (high >> 16) as u8,
        (high >> 8) as u8,
        high as u8,
        (low >> 8) as u8,
        low as u8,
    ];
    IdSeed::new(process, draw(24))
}
