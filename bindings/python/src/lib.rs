//! Python bindings of `ticktick-recur` (SURFACES.md §3): the extension module
//! `ticktick_recur._native`, which the package `ticktick_recur` re-exports.
//!
//! This crate only converts values (`convert`), calls the core and maps its errors (`error`); the
//! behaviour is the core's and matches the command line's. Every function takes plain Python values
//! (tasks as `dict` or JSON `str`, times as `str` or aware `datetime`) and returns the JSON-shaped
//! values the command line prints. Calls that may expand many occurrences release the GIL while the
//! core works.
#![deny(missing_docs)]
#![cfg_attr(
    not(test),
    warn(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic
    )
)]

mod agenda;
mod convert;
mod error;

use std::sync::{Mutex, PoisonError};

use pyo3::prelude::*;
use pyo3::types::{PyList, PyString};
use serde::Serialize;
use ticktick_recur::task::{self, Action, Close, Task};
use ticktick_recur::{
    format_instant, ExpandRequest, HolidayCalendar, IdSeed, ObjectIdGenerator, Zone, EXPAND_LIMIT,
};

use convert::{from_json, task_text};
use error::{bad_input, guarded, Error};

/// Above this many occurrences asked for, a call releases the GIL while the core works. Below it the
/// work takes microseconds, less than handing the GIL to another thread and taking it back.
const DETACH_ABOVE: usize = 16;

/// Runs the core's `work` (GIL released when `detach`); its error or panic becomes
/// `ticktick_recur.Error`.
fn run<T: Send>(
    py: Python<'_>,
    detach: bool,
    work: impl FnOnce() -> Result<T, ticktick_recur::Error> + Send,
) -> PyResult<T> {
    run_any(py, detach, work)
}

/// [`run`] for work whose error is of another type (the agenda's): its message becomes
/// `ticktick_recur.Error`'s.
fn run_any<T: Send, E: std::fmt::Display + Send>(
    py: Python<'_>,
    detach: bool,
    work: impl FnOnce() -> Result<T, E> + Send,
) -> PyResult<T> {
    let outcome = if detach {
        py.detach(|| guarded(work))
    } else {
        guarded(work)
    };
    outcome?.map_err(bad_input)
}

/// A task argument, read (by the core) once the other arguments are.
struct TaskArg {
    text: String,
    zone: Zone,
    holidays: Option<HolidayCalendar>,
}

impl TaskArg {
    fn new(
        task: &Bound<'_, PyAny>,
        default_time_zone: Option<&Bound<'_, PyAny>>,
        holidays: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<TaskArg> {
        let zone = default_time_zone
            .filter(|z| !z.is_none())
            .map(|z| convert::zone(z, "default_time_zone"))
            .transpose()?
            .unwrap_or(Zone::UTC);
        let holidays = convert::holidays(holidays, "holidays")?;
        Ok(TaskArg {
            text: task_text(task, "task")?,
            zone,
            holidays,
        })
    }

    fn read(self) -> Result<Task, ticktick_recur::Error> {
        let task = Task::from_json(&self.text)?.with_default_zone(self.zone);
        Ok(match self.holidays {
            Some(calendar) => task.with_holidays(calendar),
            None => task,
        })
    }
}

/// A count argument, or its default.
fn limit(value: Option<&Bound<'_, PyAny>>, default: usize) -> PyResult<usize> {
    value
        .filter(|v| !v.is_none())
        .map_or(Ok(default), |v| convert::count(v, "limit"))
}

/// The occurrence starts of a `repeatFlag`, ascending, in TickTick's wire form (`ticktick-recur
/// expand`).
#[pyfunction]
#[pyo3(
    signature = (flag, *, start, time_zone = None, all_day = None, after = None, until = None,
                 limit = None, ex_dates = None, holidays = None),
    text_signature = "(flag, *, start, time_zone='UTC', all_day=False, after=None, until=None, \
                      limit=100, ex_dates=(), holidays=None)"
)]
#[allow(clippy::too_many_arguments)]
fn expand<'py>(
    py: Python<'py>,
    flag: &Bound<'py, PyAny>,
    start: &Bound<'py, PyAny>,
    time_zone: Option<&Bound<'py, PyAny>>,
    all_day: Option<&Bound<'py, PyAny>>,
    after: Option<&Bound<'py, PyAny>>,
    until: Option<&Bound<'py, PyAny>>,
    limit: Option<&Bound<'py, PyAny>>,
    ex_dates: Option<&Bound<'py, PyAny>>,
    holidays: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyList>> {
    let flag = convert::string(flag, "flag")?;
    let start = convert::instant(start, "start")?;
    let zone = match time_zone.filter(|z| !z.is_none()) {
        Some(z) => convert::zone(z, "time_zone")?,
        None => Zone::UTC,
    };
    let all_day = match all_day.filter(|b| !b.is_none()) {
        Some(b) => convert::boolean(b, "all_day")?,
        None => false,
    };
    let after = convert::optional_instant(after, "after")?;
    let until = convert::optional_instant(until, "until")?;
    let limit = self::limit(limit, EXPAND_LIMIT)?;
    let ex_dates = convert::dates(ex_dates, "ex_dates")?;
    let holidays = convert::holidays(holidays, "holidays")?;
    let request = ExpandRequest::new(flag, start)
        .zone(zone)
        .all_day(all_day)
        .after(after)
        .until(until)
        .limit(limit)
        .ex_dates(ex_dates)
        .holidays(holidays);
    // One string for all, split by Python: one text conversion instead of one per instant.
    let text = run(py, limit > DETACH_ABOVE, || {
        let instants = request.instants()?;
        let mut text = String::with_capacity(instants.len() * 29);
        for t in instants {
            if !text.is_empty() {
                text.push('\n');
            }
            text.push_str(&format_instant(t));
        }
        Ok(text)
    })?;
    if text.is_empty() {
        return Ok(PyList::empty(py));
    }
    Ok(PyString::new(py, &text)
        .call_method1(pyo3::intern!(py, "split"), ("\n",))?
        .cast_into::<PyList>()?)
}

/// The dates a task moves to when its current occurrence is closed at `at`, or `None` when its
/// series ends there (`ticktick-recur next`).
#[pyfunction]
#[pyo3(
    signature = (task, *, at, holidays = None, default_time_zone = None),
    text_signature = "(task, *, at, holidays=None, default_time_zone='UTC')"
)]
fn next_occurrence<'py>(
    py: Python<'py>,
    task: &Bound<'py, PyAny>,
    at: &Bound<'py, PyAny>,
    holidays: Option<&Bound<'py, PyAny>>,
    default_time_zone: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let at = convert::instant(at, "at")?;
    let task = TaskArg::new(task, default_time_zone, holidays)?;
    let text = run(py, false, || {
        let next = task::next_occurrence(&task.read()?, at)?;
        Ok(json_text(&next))
    })?;
    from_json(py, &text)
}

/// The occurrences of a task that start in `[from_, to]`, at most `limit` (`ticktick-recur
/// occurrences`).
#[pyfunction]
#[pyo3(
    signature = (task, *, from_, to, limit = None, holidays = None, default_time_zone = None),
    text_signature = "(task, *, from_, to, limit=100, holidays=None, default_time_zone='UTC')"
)]
fn occurrences<'py>(
    py: Python<'py>,
    task: &Bound<'py, PyAny>,
    from_: &Bound<'py, PyAny>,
    to: &Bound<'py, PyAny>,
    limit: Option<&Bound<'py, PyAny>>,
    holidays: Option<&Bound<'py, PyAny>>,
    default_time_zone: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let from = convert::instant(from_, "from_")?;
    let to = convert::instant(to, "to")?;
    let limit = self::limit(limit, EXPAND_LIMIT)?;
    let task = TaskArg::new(task, default_time_zone, holidays)?;
    let text = run(py, limit > DETACH_ABOVE, || {
        let all = task::occurrences(&task.read()?, from, to, limit)?;
        Ok(json_text(&all))
    })?;
    from_json(py, &text)
}

/// The batch body that completes the task's current occurrence (`ticktick-recur complete`).
#[pyfunction]
#[pyo3(
    signature = (task, *, at, user_id, id_seed = None, holidays = None, default_time_zone = None),
    text_signature = "(task, *, at, user_id, id_seed=None, holidays=None, default_time_zone='UTC')"
)]
fn complete<'py>(
    py: Python<'py>,
    task: &Bound<'py, PyAny>,
    at: &Bound<'py, PyAny>,
    user_id: &Bound<'py, PyAny>,
    id_seed: Option<&Bound<'py, PyAny>>,
    holidays: Option<&Bound<'py, PyAny>>,
    default_time_zone: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let close = close_args(at, user_id)?;
    let seed = convert::id_seed(id_seed, "id_seed")?;
    let task = TaskArg::new(task, default_time_zone, holidays)?;
    act(py, task, Action::Complete(close), seed)
}

/// The batch body that marks the task's current occurrence as won't do (`ticktick-recur wont-do`).
#[pyfunction]
#[pyo3(
    signature = (task, *, at, user_id, id_seed = None, holidays = None, default_time_zone = None),
    text_signature = "(task, *, at, user_id, id_seed=None, holidays=None, default_time_zone='UTC')"
)]
fn wont_do<'py>(
    py: Python<'py>,
    task: &Bound<'py, PyAny>,
    at: &Bound<'py, PyAny>,
    user_id: &Bound<'py, PyAny>,
    id_seed: Option<&Bound<'py, PyAny>>,
    holidays: Option<&Bound<'py, PyAny>>,
    default_time_zone: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let close = close_args(at, user_id)?;
    let seed = convert::id_seed(id_seed, "id_seed")?;
    let task = TaskArg::new(task, default_time_zone, holidays)?;
    act(py, task, Action::WontDo(close), seed)
}

fn close_args(at: &Bound<'_, PyAny>, user_id: &Bound<'_, PyAny>) -> PyResult<Close> {
    Ok(Close {
        at: convert::instant(at, "at")?,
        user_id: convert::count(user_id, "user_id")?,
    })
}

/// The batch body that skips the task's current occurrence (`ticktick-recur skip`).
#[pyfunction]
#[pyo3(
    signature = (task, *, at, holidays = None, default_time_zone = None),
    text_signature = "(task, *, at, holidays=None, default_time_zone='UTC')"
)]
fn skip<'py>(
    py: Python<'py>,
    task: &Bound<'py, PyAny>,
    at: &Bound<'py, PyAny>,
    holidays: Option<&Bound<'py, PyAny>>,
    default_time_zone: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let at = convert::instant(at, "at")?;
    let task = TaskArg::new(task, default_time_zone, holidays)?;
    act(py, task, Action::Skip { at }, None)
}

/// The batch body that skips one future occurrence by its local date (`ticktick-recur skip-date`).
#[pyfunction]
#[pyo3(
    signature = (task, *, date, at, holidays = None, default_time_zone = None),
    text_signature = "(task, *, date, at, holidays=None, default_time_zone='UTC')"
)]
fn skip_date<'py>(
    py: Python<'py>,
    task: &Bound<'py, PyAny>,
    date: &Bound<'py, PyAny>,
    at: &Bound<'py, PyAny>,
    holidays: Option<&Bound<'py, PyAny>>,
    default_time_zone: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let date = convert::date(date, "date")?;
    let at = convert::instant(at, "at")?;
    let task = TaskArg::new(task, default_time_zone, holidays)?;
    act(py, task, Action::SkipDate { date, at }, None)
}

/// The batch body that pins the task (`ticktick-recur pin`).
#[pyfunction]
#[pyo3(signature = (task, *, at))]
fn pin<'py>(
    py: Python<'py>,
    task: &Bound<'py, PyAny>,
    at: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let at = convert::instant(at, "at")?;
    act(
        py,
        TaskArg::new(task, None, None)?,
        Action::Pin { at },
        None,
    )
}

/// The batch body that unpins the task (`ticktick-recur unpin`).
#[pyfunction]
#[pyo3(signature = (task, *, at))]
fn unpin<'py>(
    py: Python<'py>,
    task: &Bound<'py, PyAny>,
    at: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let at = convert::instant(at, "at")?;
    act(
        py,
        TaskArg::new(task, None, None)?,
        Action::Unpin { at },
        None,
    )
}

/// Applies the server's answer to a batch: each task named in `id2etag` takes its new etag; the
/// tasks in `id2error` keep theirs and are reported in `errors`.
#[pyfunction]
#[pyo3(signature = (tasks, response))]
fn apply_response<'py>(
    py: Python<'py>,
    tasks: &Bound<'py, PyAny>,
    response: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    #[derive(Serialize)]
    struct Applied {
        tasks: Vec<Task>,
        errors: std::collections::BTreeMap<String, String>,
    }
    let texts = convert::task_texts(tasks, "tasks")?;
    let response = convert::response(response, "response")?;
    let mut held = Vec::with_capacity(texts.len());
    for (i, text) in texts.iter().enumerate() {
        let task = guarded(|| Task::from_json(text))?
            .map_err(|e| bad_input(format_args!("tasks[{i}]: {e}")))?;
        held.push(task);
    }
    let text = run(py, false, || {
        let errors = task::apply_response(&mut held, &response);
        Ok(json_text(&Applied {
            tasks: held,
            errors,
        }))
    })?;
    from_json(py, &text)
}

/// Test hook, not part of the API: panics inside the core's guard (with the GIL released when
/// `detached`), so tests can check that the panic becomes an exception and the module stays usable.
#[pyfunction]
#[pyo3(signature = (detached = false))]
fn _panic_for_testing(py: Python<'_>, detached: bool) -> PyResult<()> {
    #[allow(clippy::panic)]
    run(py, detached, || -> Result<(), ticktick_recur::Error> {
        panic!("panic forced for testing")
    })
}

/// New ids without a seed come from one generator per process, as a BSON driver has one: random
/// process bytes and first counter, then the counter rises across calls. A forked child draws its
/// own, so parent and child never issue the same ids.
static IDS: Mutex<Option<(u32, ObjectIdGenerator)>> = Mutex::new(None);

/// Applies an action and gives its batch body as JSON text; ids come from `seed` when given, else
/// from the process's generator.
fn act<'py>(
    py: Python<'py>,
    task: TaskArg,
    action: Action,
    seed: Option<IdSeed>,
) -> PyResult<Bound<'py, PyAny>> {
    let text = run(py, false, || {
        let task = task.read()?;
        let body = match seed {
            Some(seed) => action.apply(&task, &mut ObjectIdGenerator::from_seed(seed))?,
            None => {
                let mut ids = IDS.lock().unwrap_or_else(PoisonError::into_inner);
                let process = std::process::id();
                let ids = match &mut *ids {
                    Some((owner, ids)) if *owner == process => ids,
                    slot => &mut slot.insert((process, ObjectIdGenerator::new())).1,
                };
                action.apply(&task, ids)?
            }
        };
        Ok(body.to_json())
    })?;
    from_json(py, &text)
}

/// A result as the JSON text the command line prints (compact).
fn json_text<T: Serialize>(value: &T) -> String {
    // Our results hold only strings, numbers, maps and lists: writing them cannot fail.
    serde_json::to_string(value).unwrap_or_else(|_| "null".to_owned())
}

/// TickTick recurring tasks, computed exactly (the native part of `ticktick_recur`).
#[pymodule(name = "_native")]
fn native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    error::install_panic_hook();
    m.add("Error", m.py().get_type::<Error>())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_function(wrap_pyfunction!(expand, m)?)?;
    m.add_function(wrap_pyfunction!(next_occurrence, m)?)?;
    m.add_function(wrap_pyfunction!(occurrences, m)?)?;
    m.add_function(wrap_pyfunction!(complete, m)?)?;
    m.add_function(wrap_pyfunction!(wont_do, m)?)?;
    m.add_function(wrap_pyfunction!(skip, m)?)?;
    m.add_function(wrap_pyfunction!(skip_date, m)?)?;
    m.add_function(wrap_pyfunction!(pin, m)?)?;
    m.add_function(wrap_pyfunction!(unpin, m)?)?;
    m.add_function(wrap_pyfunction!(apply_response, m)?)?;
    m.add_function(wrap_pyfunction!(agenda::agenda, m)?)?;
    m.add_function(wrap_pyfunction!(agenda::reminders, m)?)?;
    m.add_function(wrap_pyfunction!(_panic_for_testing, m)?)?;
    Ok(())
}
