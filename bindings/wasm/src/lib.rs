//! WebAssembly bindings of `ticktick-recur` for its npm package (`pkg/`, CONTRACT.md section 2).
//!
//! This crate only converts values, calls the core and maps its errors; the behaviour is the core's and
//! matches the command line's. Values cross as plain JSON-shaped objects (serde-wasm-bindgen, JSON
//! compatible), tasks losslessly: unknown fields and key order survive.
//!
//! Every export returns its result or, for bad input, the `Error` to throw, which the package's
//! JavaScript wrapper (`pkg/src/wrap.mjs`) throws. An export that throws instead was interrupted by a
//! trap or a panic, which leaves the instance in an unknown state: the wrapper then re-instantiates
//! the module (`__wbg_reset_state`), so one bad call never poisons the next.

mod error;
mod options;

use std::cell::RefCell;

use js_sys::{Array, JsString};
use serde::Serialize;
use ticktick_recur::task::{self, Action, Close, Task};
use ticktick_recur::{format_instant, IdSeed, ObjectIdGenerator, RepeatFlag, Series, Zone};

/// The option naming the holiday calendar, which every export that computes occurrences takes.
const HOLIDAYS: &str = "holidays";
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use error::Failure;
use options::Options;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = include_str!("types.d.ts");

/// Runs on every instantiation, re-instantiations included.
#[wasm_bindgen(start, skip_typescript)]
fn start() {
    error::throw_on_panic();
}

/// The occurrence starts of a `repeatFlag`, ascending, in wire form (`ticktick-recur expand`).
#[wasm_bindgen(unchecked_return_type = "string[]")]
pub fn expand(
    #[wasm_bindgen(unchecked_param_type = "string")] flag: JsValue,
    #[wasm_bindgen(unchecked_param_type = "ExpandOptions")] options: JsValue,
) -> JsValue {
    answer(|| {
        let flag = flag.as_string().ok_or_else(|| {
            Failure::type_error(format!(
                "flag: expected a string, got {}",
                error::kind_of(&flag)
            ))
        })?;
        let o = Options::read(
            options,
            &[
                "start", "timeZone", "allDay", "after", "until", "limit", "exDates", HOLIDAYS,
            ],
        )?;
        let start = o.required_instant("start")?;
        let zone = o.zone("timeZone")?.unwrap_or(Zone::UTC);
        let (all_day, after, until) = (o.flag("allDay")?, o.instant("after")?, o.instant("until")?);
        let (limit, ex_dates) = (o.count("limit")?.unwrap_or(100), o.dates("exDates")?);

        let calendar = o.holidays(HOLIDAYS)?;
        let recurrence = RepeatFlag::parse(&flag)?.validate()?;
        let mut series = Series::new(&recurrence, start, zone)?
            .all_day(all_day)
            .exdates(ex_dates);
        if let Some(calendar) = calendar {
            series = series.holidays(calendar);
        }
        let occurrences = match after {
            Some(after) => series.try_iter_after(after),
            None => series.try_iter(),
        };
        // One string for all, split in JavaScript: one text conversion instead of one per instant.
        let mut text = String::new();
        for occurrence in occurrences.take(limit) {
            let t = occurrence?.instant();
            if until.is_some_and(|until| t > until) {
                break;
            }
            if !text.is_empty() {
                text.push('\n');
            }
            text.push_str(&format_instant(t));
        }
        Ok(if text.is_empty() {
            Array::new().into()
        } else {
            JsString::from(text).split("\n").into()
        })
    })
}

/// The dates a task moves to when its current occurrence is closed at `at`, or null when its series
/// ends there (`ticktick-recur next`).
#[wasm_bindgen(js_name = nextOccurrence, unchecked_return_type = "TaskDates | null")]
pub fn next_occurrence(
    #[wasm_bindgen(unchecked_param_type = "Task")] task: JsValue,
    #[wasm_bindgen(unchecked_param_type = "AtOptions")] options: JsValue,
) -> JsValue {
    answer(|| {
        let o = Options::read(options, &["at", "defaultTimeZone", HOLIDAYS])?;
        let at = o.required_instant("at")?;
        let task = read_task(task, &o)?;
        to_js(&task::next_occurrence(&task, at)?)
    })
}

/// The occurrences of a task that start in `[from, to]`, at most `limit` (`ticktick-recur occurrences`).
#[wasm_bindgen(unchecked_return_type = "TaskDates[]")]
pub fn occurrences(
    #[wasm_bindgen(unchecked_param_type = "Task")] task: JsValue,
    #[wasm_bindgen(unchecked_param_type = "OccurrencesOptions")] options: JsValue,
) -> JsValue {
    answer(|| {
        let o = Options::read(
            options,
            &["from", "to", "limit", "defaultTimeZone", HOLIDAYS],
        )?;
        let (from, to) = (o.required_instant("from")?, o.required_instant("to")?);
        let limit = o.count("limit")?.unwrap_or(100);
        let task = read_task(task, &o)?;
        to_js(&task::occurrences(&task, from, to, limit)?)
    })
}

/// The batch body that completes the task's current occurrence (`ticktick-recur complete`).
#[wasm_bindgen(unchecked_return_type = "BatchBody")]
pub fn complete(
    #[wasm_bindgen(unchecked_param_type = "Task")] task: JsValue,
    #[wasm_bindgen(unchecked_param_type = "CloseOptions")] options: JsValue,
) -> JsValue {
    answer(|| close(task, options, Action::Complete))
}

/// The batch body that marks the task's current occurrence as won't do (`ticktick-recur wont-do`).
#[wasm_bindgen(js_name = wontDo, unchecked_return_type = "BatchBody")]
pub fn wont_do(
    #[wasm_bindgen(unchecked_param_type = "Task")] task: JsValue,
    #[wasm_bindgen(unchecked_param_type = "CloseOptions")] options: JsValue,
) -> JsValue {
    answer(|| close(task, options, Action::WontDo))
}

/// The batch body that skips the task's current occurrence (`ticktick-recur skip`).
#[wasm_bindgen(unchecked_return_type = "BatchBody")]
pub fn skip(
    #[wasm_bindgen(unchecked_param_type = "Task")] task: JsValue,
    #[wasm_bindgen(unchecked_param_type = "AtOptions")] options: JsValue,
) -> JsValue {
    answer(|| at_action(task, options, |at| Action::Skip { at }))
}

/// The batch body that skips one future occurrence by its local date (`ticktick-recur skip-date`).
#[wasm_bindgen(js_name = skipDate, unchecked_return_type = "BatchBody")]
pub fn skip_date(
    #[wasm_bindgen(unchecked_param_type = "Task")] task: JsValue,
    #[wasm_bindgen(unchecked_param_type = "SkipDateOptions")] options: JsValue,
) -> JsValue {
    answer(|| {
        let o = Options::read(options, &["date", "at", "defaultTimeZone", HOLIDAYS])?;
        let action = Action::SkipDate {
            date: o.required_date("date")?,
            at: o.required_instant("at")?,
        };
        apply(&read_task(task, &o)?, action, None)
    })
}

/// The batch body that pins the task (`ticktick-recur pin`).
#[wasm_bindgen(unchecked_return_type = "BatchBody")]
pub fn pin(
    #[wasm_bindgen(unchecked_param_type = "Task")] task: JsValue,
    #[wasm_bindgen(unchecked_param_type = "AtOptions")] options: JsValue,
) -> JsValue {
    answer(|| at_action(task, options, |at| Action::Pin { at }))
}

/// The batch body that unpins the task (`ticktick-recur unpin`).
#[wasm_bindgen(unchecked_return_type = "BatchBody")]
pub fn unpin(
    #[wasm_bindgen(unchecked_param_type = "Task")] task: JsValue,
    #[wasm_bindgen(unchecked_param_type = "AtOptions")] options: JsValue,
) -> JsValue {
    answer(|| at_action(task, options, |at| Action::Unpin { at }))
}

/// Applies the server's answer to a batch: each task named in `id2etag` takes its new etag; the tasks
/// in `id2error` keep theirs and are reported in `errors`.
#[wasm_bindgen(js_name = applyResponse, unchecked_return_type = "AppliedResponse")]
pub fn apply_response(
    #[wasm_bindgen(unchecked_param_type = "Task[]")] tasks: JsValue,
    #[wasm_bindgen(unchecked_param_type = "BatchResponse")] response: JsValue,
) -> JsValue {
    #[derive(Serialize)]
    struct Applied {
        tasks: Vec<Task>,
        errors: std::collections::BTreeMap<String, String>,
    }
    answer(|| {
        if !Array::is_array(&tasks) {
            let got = error::kind_of(&tasks);
            return Err(Failure::type_error(format!(
                "tasks: expected an array, got {got}"
            )));
        }
        let mut held = tasks
            .unchecked_ref::<Array>()
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let task = options::json(&t).and_then(|v| Ok(Task::from_value(v)?));
                task.map_err(|e| e.within(&format!("tasks[{i}]")))
            })
            .collect::<Result<Vec<_>, Failure>>()?;
        let response = options::response(options::json(&response)?)?;
        let errors = task::apply_response(&mut held, &response);
        to_js(&Applied {
            tasks: held,
            errors,
        })
    })
}

/// The years a holiday calendar (`"cn"`, `"none"` or a calendar, as the `holidays` option takes)
/// covers: `{from, to, years}`, the first and last (null for none) and each one. An answer that
/// depends on a year outside them treats its days as ordinary (BEHAVIOUR.md §7).
#[wasm_bindgen(js_name = holidayCoverage, unchecked_return_type = "HolidayCoverage")]
pub fn holiday_coverage(
    #[wasm_bindgen(unchecked_param_type = "Holidays")] holidays: JsValue,
) -> JsValue {
    #[derive(Serialize)]
    struct Coverage {
        from: Option<i32>,
        to: Option<i32>,
        years: Vec<i32>,
    }
    answer(|| {
        let calendar = options::calendar(&options::json(&holidays)?)
            .map_err(|e| e.within("holidays"))?
            .unwrap_or_default();
        let (from, to) = calendar.coverage().unzip();
        to_js(&Coverage {
            from,
            to,
            years: calendar.covered_years().to_vec(),
        })
    })
}

/// Test hook, not part of the API: traps the instance by a panic (`"panic"`) or an `unreachable`
/// instruction (anything else), so tests can check that the module stays usable afterwards.
#[wasm_bindgen(js_name = __forceTrapForTesting, skip_typescript)]
pub fn force_trap(kind: &str) {
    if kind == "panic" {
        panic!("trap forced for testing");
    }
    core::arch::wasm32::unreachable();
}

/// The outcome of an export as the wrapper expects it: the result, or the `Error` to throw.
fn answer(run: impl FnOnce() -> Result<JsValue, Failure>) -> JsValue {
    run().unwrap_or_else(Failure::into_js)
}

/// A result as a plain JSON-shaped JavaScript value: objects for maps, null for none.
fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, Failure> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| Failure::type_error(format!("cannot convert the result: {e}")))
}

/// Reads a task object, with the caller's default zone for a task without `timeZone`. Called after
/// the options are read: as on the command line, a bad option is reported before a bad task.
fn read_task(task: JsValue, o: &Options) -> Result<Task, Failure> {
    let zone = o.zone("defaultTimeZone")?.unwrap_or(Zone::UTC);
    let calendar = o.holidays(HOLIDAYS)?;
    if task.is_undefined() {
        return Err(Failure::type_error(
            "a task must be a JSON object, got undefined",
        ));
    }
    let task = Task::from_value(options::json(&task)?)?.with_default_zone(zone);
    Ok(match calendar {
        Some(calendar) => task.with_holidays(calendar),
        None => task,
    })
}

/// `complete` and `wontDo`.
fn close(task: JsValue, options: JsValue, action: fn(Close) -> Action) -> Result<JsValue, Failure> {
    let o = Options::read(
        options,
        &["at", "userId", "idSeed", "defaultTimeZone", HOLIDAYS],
    )?;
    let close = Close {
        at: o.required_instant("at")?,
        user_id: o.required_user_id("userId")?,
    };
    let seed = o.id_seed("idSeed")?;
    apply(&read_task(task, &o)?, action(close), seed)
}

/// `skip`, `pin` and `unpin`: actions that take only an instant.
fn at_action(
    task: JsValue,
    options: JsValue,
    action: fn(chrono::DateTime<chrono::Utc>) -> Action,
) -> Result<JsValue, Failure> {
    let o = Options::read(options, &["at", "defaultTimeZone", HOLIDAYS])?;
    let at = o.required_instant("at")?;
    apply(&read_task(task, &o)?, action(at), None)
}

thread_local! {
    /// New ids without a seed come from one generator per instance, as a BSON driver has one per
    /// process: random process bytes and first counter, then the counter rises across calls.
    static IDS: RefCell<Option<ObjectIdGenerator>> = const { RefCell::new(None) };
}

/// Applies an action; ids come from `seed` when given, else from the instance's generator.
fn apply(task: &Task, action: Action, seed: Option<IdSeed>) -> Result<JsValue, Failure> {
    let body = match seed {
        Some(seed) => action.apply(task, &mut ObjectIdGenerator::from_seed(seed))?,
        None => IDS.with_borrow_mut(|ids| {
            let ids = ids.get_or_insert_with(|| ObjectIdGenerator::from_seed(random_seed()));
            action.apply(task, ids)
        })?,
    };
    to_js(&body)
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
