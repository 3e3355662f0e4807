//! Python arguments as the core's values, and the core's JSON results as Python values.
//!
//! Values of the right Python type are read by the core (`parse_instant`, `parse_date`, the zone and
//! seed parsers, `Task::from_json`), so a bad one raises exactly the core's message, as the command
//! line prints it. What only Python can get wrong (a value of the wrong type, a naive datetime) raises
//! a `TypeError` that names the argument.
//!
//! Tasks cross as JSON text: a `dict` is written by the standard library's `json` encoder (its rules:
//! cycles, NaN and objects that are not JSON are refused) and read by the core's lossless reader;
//! results are the JSON text the command line prints, read back by `json`'s decoder. So a result is
//! exactly what `json.loads` gives for the command line's output, big integers included.

use chrono::{DateTime, NaiveDate, Utc};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{
    PyBool, PyByteArray, PyBytes, PyDate, PyDateTime, PyDict, PyFloat, PyInt, PyList, PyString,
    PyTuple, PyTzInfo,
};
use ticktick_recur::task::{Response, Task};
use ticktick_recur::{parse_date, parse_instant, HolidayCalendar, IdSeed, Zone};

use crate::error::{bad_input, type_error};

/// The Python type's name of a value, for messages: `int`, `list`, `datetime`.
pub(crate) fn type_name(value: &Bound<'_, PyAny>) -> String {
    value
        .get_type()
        .qualname()
        .map_or_else(|_| "an unknown type".to_owned(), |name| name.to_string())
}

/// A `str` argument.
pub(crate) fn string<'a>(value: &'a Bound<'_, PyAny>, name: &str) -> PyResult<&'a str> {
    match value.cast::<PyString>() {
        Ok(text) => text.to_str(),
        Err(_) => Err(type_error(format!(
            "{name}: expected a str, got {}",
            type_name(value)
        ))),
    }
}

/// An instant: a string in RFC 3339 or TickTick's wire form, or an aware `datetime`.
pub(crate) fn instant(value: &Bound<'_, PyAny>, name: &str) -> PyResult<DateTime<Utc>> {
    if let Ok(text) = value.cast::<PyString>() {
        return parse_instant(text.to_str()?).map_err(bad_input);
    }
    if value.is_instance_of::<PyDateTime>() {
        // Python calls a datetime naive when its utcoffset() is None, tzinfo or not.
        if value.call_method0("utcoffset")?.is_none() {
            return Err(type_error(format!(
                "{name}: a naive datetime has no time zone ({}): give it a tzinfo, or pass a str",
                value.str()?
            )));
        }
        let utc = PyTzInfo::utc(value.py())?;
        return value.call_method1("astimezone", (utc,))?.extract();
    }
    Err(type_error(format!(
        "{name}: expected a str or an aware datetime, got {}",
        type_name(value)
    )))
}

/// An optional instant: `None` or as [`instant`].
pub(crate) fn optional_instant(
    value: Option<&Bound<'_, PyAny>>,
    name: &str,
) -> PyResult<Option<DateTime<Utc>>> {
    value
        .filter(|v| !v.is_none())
        .map(|v| instant(v, name))
        .transpose()
}

/// A local date: a `yyyyMMdd` string or a `date` (not a `datetime`, whose date depends on a zone).
pub(crate) fn date(value: &Bound<'_, PyAny>, name: &str) -> PyResult<NaiveDate> {
    if let Ok(text) = value.cast::<PyString>() {
        return parse_date(text.to_str()?).map_err(bad_input);
    }
    if value.is_instance_of::<PyDate>() && !value.is_instance_of::<PyDateTime>() {
        return value.extract();
    }
    Err(type_error(format!(
        "{name}: expected a yyyyMMdd str or a date, got {}",
        type_name(value)
    )))
}

/// Local dates: any iterable of what [`date`] takes, but not a single string.
pub(crate) fn dates(value: Option<&Bound<'_, PyAny>>, name: &str) -> PyResult<Vec<NaiveDate>> {
    let Some(value) = value.filter(|v| !v.is_none()) else {
        return Ok(Vec::new());
    };
    let not_iterable = || {
        type_error(format!(
            "{name}: expected an iterable of yyyyMMdd str or date, got {}",
            type_name(value)
        ))
    };
    if value.is_instance_of::<PyString>() {
        return Err(not_iterable());
    }
    let items = value.try_iter().map_err(|_| not_iterable())?;
    items
        .enumerate()
        .map(|(i, item)| date(&item?, &format!("{name}[{i}]")))
        .collect()
}

/// An IANA zone: its name, or a `zoneinfo.ZoneInfo` (by its key).
pub(crate) fn zone(value: &Bound<'_, PyAny>, name: &str) -> PyResult<Zone> {
    let key = if value.is_instance_of::<PyString>() {
        value.clone()
    } else {
        match value.getattr_opt("key")? {
            Some(key) if value.is_instance_of::<PyTzInfo>() && key.is_instance_of::<PyString>() => {
                key
            }
            _ => {
                return Err(type_error(format!(
                    "{name}: expected an IANA zone name (str) or a ZoneInfo, got {}",
                    type_name(value)
                )))
            }
        }
    };
    string(&key, name)?.parse().map_err(bad_input)
}

/// A `bool`.
pub(crate) fn boolean(value: &Bound<'_, PyAny>, name: &str) -> PyResult<bool> {
    match value.cast::<PyBool>() {
        Ok(b) => Ok(b.is_true()),
        Err(_) => Err(type_error(format!(
            "{name}: expected a bool, got {}",
            type_name(value)
        ))),
    }
}

/// A non-negative `int` (not a `bool`) that fits `T`.
pub(crate) fn count<T: for<'a, 'py> FromPyObject<'a, 'py>>(
    value: &Bound<'_, PyAny>,
    name: &str,
) -> PyResult<T> {
    if !value.is_instance_of::<PyInt>() || value.is_instance_of::<PyBool>() {
        return Err(type_error(format!(
            "{name}: expected an int, got {}",
            type_name(value)
        )));
    }
    value.extract::<T>().map_err(|_| {
        let shown = value.repr().map_or_else(|_| "?".into(), |r| r.to_string());
        bad_input(format!("{name}: expected a non-negative int, got {shown}"))
    })
}

/// An id seed: `None`, or 16 hex digits.
pub(crate) fn id_seed(value: Option<&Bound<'_, PyAny>>, name: &str) -> PyResult<Option<IdSeed>> {
    value
        .filter(|v| !v.is_none())
        .map(|v| string(v, name)?.parse::<IdSeed>().map_err(bad_input))
        .transpose()
}

/// The holiday calendar (BEHAVIOUR.md §7): `None` or `"none"` (no calendar), `"cn"` (mainland China's,
/// built in), or a calendar in TickTick's feed format (a list of `{"date", "type"}` dicts) or
/// holiday-cn's (a `{"year", "days"}` dict or a list of them), written by `json` and read by the core.
pub(crate) fn holidays(
    value: Option<&Bound<'_, PyAny>>,
    name: &str,
) -> PyResult<Option<HolidayCalendar>> {
    let Some(value) = value.filter(|v| !v.is_none()) else {
        return Ok(None);
    };
    if let Ok(text) = value.cast::<PyString>() {
        return match text.to_str()? {
            "none" => Ok(None),
            "cn" => Ok(Some(HolidayCalendar::china())),
            other => Err(bad_input(format!(
                "{name}: unknown holiday calendar {other:?}: expected \"cn\", \"none\" or a list of days"
            ))),
        };
    }
    if value.is_instance_of::<PyList>()
        || value.is_instance_of::<PyTuple>()
        || value.is_instance_of::<PyDict>()
    {
        let text = json_text(value, name)?;
        return HolidayCalendar::from_json(&text)
            .map(Some)
            .map_err(|e| bad_input(format!("{name}: {e}")));
    }
    Err(type_error(format!(
        "{name}: expected \"cn\", \"none\", None or a list of days, got {}",
        type_name(value)
    )))
}

/// The standard library's JSON encoder (compact, NaN refused, non-ASCII kept) and decoder.
struct Json {
    encode: Py<PyAny>,
    decode: Py<PyAny>,
}

static JSON: PyOnceLock<Json> = PyOnceLock::new();

fn json(py: Python<'_>) -> PyResult<&Json> {
    JSON.get_or_try_init(py, || {
        let module = py.import("json")?;
        let options = PyDict::new(py);
        options.set_item("ensure_ascii", false)?;
        options.set_item("allow_nan", false)?;
        options.set_item("separators", (",", ":"))?;
        let encoder = module.getattr("JSONEncoder")?.call((), Some(&options))?;
        let decoder = module.getattr("JSONDecoder")?.call0()?;
        Ok(Json {
            encode: encoder.getattr("encode")?.unbind(),
            decode: decoder.getattr("decode")?.unbind(),
        })
    })
}

/// A task argument as JSON text: a `dict` (written by `json`) or a `str` of JSON.
pub(crate) fn task_text(value: &Bound<'_, PyAny>, name: &str) -> PyResult<String> {
    if let Ok(text) = value.cast::<PyString>() {
        return Ok(text.to_str()?.to_owned());
    }
    if !value.is_instance_of::<PyDict>() {
        return Err(type_error(format!(
            "{name}: expected a dict or a JSON str, got {}",
            type_name(value)
        )));
    }
    json_text(value, name)
}

/// A value written as JSON text by the standard library's `json` encoder; what it cannot write is a
/// `TypeError` (an object that is not JSON) or an `Error` (a cycle, NaN) naming the argument.
fn json_text(value: &Bound<'_, PyAny>, name: &str) -> PyResult<String> {
    let py = value.py();
    match json(py)?.encode.bind(py).call1((value,)) {
        Ok(text) => Ok(text.cast_into::<PyString>()?.to_str()?.to_owned()),
        // Not JSON: an object json cannot write (TypeError), a cycle or NaN (ValueError).
        Err(e) if e.is_instance_of::<PyTypeError>(py) || e.is_instance_of::<PyValueError>(py) => {
            let message = format!("{name}: {}", e.value(py));
            let new = if e.is_instance_of::<PyTypeError>(py) {
                type_error(message)
            } else {
                bad_input(message)
            };
            new.set_cause(py, Some(e));
            Err(new)
        }
        Err(e) => Err(e),
    }
}

/// Tasks: any iterable of task arguments (not a single `dict` or `str`).
pub(crate) fn task_texts(value: &Bound<'_, PyAny>, name: &str) -> PyResult<Vec<String>> {
    let not_list = || {
        type_error(format!(
            "{name}: expected a list of tasks, got {}",
            type_name(value)
        ))
    };
    if value.is_instance_of::<PyString>() || value.is_instance_of::<PyDict>() {
        return Err(not_list());
    }
    let items = value.try_iter().map_err(|_| not_list())?;
    items
        .enumerate()
        .map(|(i, task)| task_text(&task?, &format!("{name}[{i}]")))
        .collect()
}

/// A task list, as the command line's `TASKS` file holds it (SURFACES.md §1), as JSON text: a list
/// (or any other iterable) of tasks, each a `dict` or a JSON `str`; one task `dict`, or TickTick's
/// sync answer (`{"syncTaskBean": {"update": [...]}}`); or the JSON text of any of those (a byte order
/// mark ignored, as in a file). The core's `TaskList` tells the forms apart and reads the tasks.
pub(crate) fn task_list_text(value: &Bound<'_, PyAny>, name: &str) -> PyResult<String> {
    if let Ok(text) = value.cast::<PyString>() {
        let text = text.to_str()?;
        return Ok(text.strip_prefix('\u{feff}').unwrap_or(text).to_owned());
    }
    if value.is_instance_of::<PyDict>() {
        return plain_json_text(value).map_or_else(|| json_text(value, name), Ok);
    }
    let not_list = || {
        type_error(format!(
            "{name}: expected a list of tasks, a task dict, a sync answer dict or a JSON str, got {}",
            type_name(value)
        ))
    };
    if value.is_instance_of::<PyBytes>() || value.is_instance_of::<PyByteArray>() {
        return Err(not_list());
    }
    let items = match value.cast::<PyList>() {
        Ok(list) => list.clone(),
        Err(_) => {
            let items = value
                .try_iter()
                .map_err(|_| not_list())?
                .collect::<PyResult<Vec<_>>>()?;
            PyList::new(value.py(), items)?
        }
    };
    let mut texts = false;
    for (i, item) in items.iter().enumerate() {
        if item.is_instance_of::<PyString>() {
            texts = true;
        } else if !item.is_instance_of::<PyDict>() {
            return Err(type_error(format!(
                "{name}[{i}]: expected a dict or a JSON str, got {}",
                type_name(&item)
            )));
        }
    }
    if !texts {
        if let Some(text) = plain_json_text(items.as_any()) {
            return Ok(text);
        }
        // One call of the encoder for the whole list; when it fails, the task it failed on is
        // found and named.
        return json_text(items.as_any(), name).or_else(|whole| {
            for (i, item) in items.iter().enumerate() {
                json_text(&item, &format!("{name}[{i}]"))?;
            }
            Err(whole)
        });
    }
    let mut text = String::from("[");
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            text.push(',');
        }
        let place = format!("{name}[{i}]");
        match item.cast::<PyString>() {
            Ok(task) => text.push_str(one_json_value(task.to_str()?, &place)?),
            Err(_) => text.push_str(&json_text(&item, &place)?),
        }
    }
    text.push(']');
    Ok(text)
}

/// How deep [`plain_json_text`] follows nested lists and dicts before it leaves the value to `json`
/// (which finds cycles).
const PLAIN_DEPTH: usize = 64;

/// The JSON text `json` writes for a value made only of the plain JSON types (`dict` with `str`
/// keys, `list`, `tuple`, `str`, `int`, finite `float`, `bool`, `None`; not their subclasses),
/// written here about twice as fast: compact, non-ASCII kept, control characters escaped as `json`
/// escapes them, numbers as their `repr`. `None` for any other value (another type, a key that is
/// not a `str`, NaN or an infinity, a `str` that is not UTF-8, nesting deeper than
/// [`PLAIN_DEPTH`]), which `json` then writes or refuses with its own message.
fn plain_json_text(value: &Bound<'_, PyAny>) -> Option<String> {
    let mut out = Vec::with_capacity(1 << 16);
    match write_plain(value, &mut out, 0) {
        Ok(true) => String::from_utf8(out).ok(),
        _ => None,
    }
}

/// Writes `value` for [`plain_json_text`]; `false` (or an error) when it is not plain.
fn write_plain(value: &Bound<'_, PyAny>, out: &mut Vec<u8>, depth: usize) -> PyResult<bool> {
    if depth > PLAIN_DEPTH {
        return Ok(false);
    }
    if value.is_exact_instance_of::<PyString>() {
        // serde_json escapes exactly what `json` escapes when it keeps non-ASCII characters.
        let text = value.cast::<PyString>()?.to_str()?;
        return Ok(serde_json::to_writer(out, text).is_ok());
    }
    if let Ok(dict) = value.cast_exact::<PyDict>() {
        out.push(b'{');
        for (i, (key, item)) in dict.iter().enumerate() {
            if !key.is_exact_instance_of::<PyString>() {
                return Ok(false);
            }
            if i > 0 {
                out.push(b',');
            }
            if !write_plain(&key, out, depth)? {
                return Ok(false);
            }
            out.push(b':');
            if !write_plain(&item, out, depth + 1)? {
                return Ok(false);
            }
        }
        out.push(b'}');
        return Ok(true);
    }
    let items = if let Ok(list) = value.cast_exact::<PyList>() {
        list.iter()
    } else if let Ok(tuple) = value.cast_exact::<PyTuple>() {
        tuple.to_list().iter()
    } else {
        return write_scalar(value, out);
    };
    out.push(b'[');
    for (i, item) in items.enumerate() {
        if i > 0 {
            out.push(b',');
        }
        if !write_plain(&item, out, depth + 1)? {
            return Ok(false);
        }
    }
    out.push(b']');
    Ok(true)
}

/// `None`, a `bool`, an `int` or a finite `float`, as `json` writes it.
fn write_scalar(value: &Bound<'_, PyAny>, out: &mut Vec<u8>) -> PyResult<bool> {
    if value.is_none() {
        out.extend_from_slice(b"null");
    } else if let Ok(b) = value.cast_exact::<PyBool>() {
        out.extend_from_slice(if b.is_true() { b"true" } else { b"false" });
    } else if value.is_exact_instance_of::<PyInt>() {
        match value.extract::<i64>() {
            Ok(n) => out.extend_from_slice(n.to_string().as_bytes()),
            Err(_) => out.extend_from_slice(value.repr()?.to_str()?.as_bytes()),
        }
    } else if let Ok(f) = value.cast_exact::<PyFloat>() {
        if !f.value().is_finite() {
            return Ok(false);
        }
        out.extend_from_slice(value.repr()?.to_str()?.as_bytes());
    } else {
        return Ok(false);
    }
    Ok(true)
}

/// A task's JSON text, checked to hold one JSON value and nothing else, so that it can stand in a
/// list's text; when it does not, the core's message for that task's text.
fn one_json_value<'a>(text: &'a str, place: &str) -> PyResult<&'a str> {
    match serde_json::from_str::<serde::de::IgnoredAny>(text) {
        Ok(_) => Ok(text),
        Err(e) => Err(bad_input(match Task::from_json(text) {
            Err(task) => format!("{place}: {task}"),
            Ok(_) => format!("{place}: invalid task JSON: {e}"),
        })),
    }
}

/// The server's answer to a batch: a `dict` whose `id2etag` and `id2error` (each optional) map ids
/// to strings.
pub(crate) fn response(value: &Bound<'_, PyAny>, name: &str) -> PyResult<Response> {
    let fields = value
        .cast::<PyDict>()
        .map_err(|_| type_error(format!("{name}: expected a dict, got {}", type_name(value))))?;
    let mut response = Response::default();
    for (field, map) in [
        ("id2etag", &mut response.id2etag),
        ("id2error", &mut response.id2error),
    ] {
        let Some(strings) = fields.get_item(field)?.filter(|v| !v.is_none()) else {
            continue;
        };
        let place = format!("{name}[{field:?}]");
        let strings = strings.cast::<PyDict>().map_err(|_| {
            type_error(format!(
                "{place}: expected a dict of str, got {}",
                type_name(&strings)
            ))
        })?;
        for (id, text) in strings.iter() {
            let id = string(&id, &format!("{place} key"))?.to_owned();
            let text = string(&text, &format!("{place}[{id:?}]"))?.to_owned();
            map.insert(id, text);
        }
    }
    Ok(response)
}

/// JSON text as the Python value `json.loads` gives.
pub(crate) fn from_json<'py>(py: Python<'py>, text: &str) -> PyResult<Bound<'py, PyAny>> {
    json(py)?.decode.bind(py).call1((text,))
}
