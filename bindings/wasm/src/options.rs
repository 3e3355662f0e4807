//! JavaScript values as JSON (tasks, responses), and the option objects of the exports.
//!
//! Values of the right type are read by the core (`parse_instant`, `parse_date`, zone and seed
//! parsers), so a bad one gives exactly the core's message, as on the command line. What only
//! JavaScript can get wrong (an option of the wrong type, a missing or unknown one) is a `TypeError`
//! worded like the core's task-field errors.

use chrono::{DateTime, NaiveDate, Utc};
use js_sys::{Array, Object};
use serde_json::{Map, Value};
use ticktick_recur::task::Response;
use ticktick_recur::{parse_date, parse_instant, HolidayCalendar, IdSeed, Zone};
use wasm_bindgen::{JsCast, JsValue};

use crate::error::{kind_of, Failure};

/// How deep values may nest: deeper ones (a cycle, say) are refused rather than overflowing the stack.
const MAX_DEPTH: usize = 128;

/// A JavaScript value as JSON, read as `JSON.stringify` reads it: objects keep their key order,
/// `toJSON` is honoured (a `Date` becomes its ISO string), object properties that are `undefined`, a
/// function or a symbol are left out, and such array elements become `null`.
pub(crate) fn json(value: &JsValue) -> Result<Value, Failure> {
    to_json(value, 0)?.ok_or_else(|| {
        Failure::type_error(format!(
            "expected a JSON-shaped value, got {}",
            kind_of(value)
        ))
    })
}

/// `None` for what JSON has no value for (`undefined`, functions, symbols).
fn to_json(value: &JsValue, depth: usize) -> Result<Option<Value>, Failure> {
    if value.is_undefined() || value.is_function() || value.is_symbol() {
        return Ok(None);
    }
    if value.is_null() {
        return Ok(Some(Value::Null));
    }
    if let Some(b) = value.as_bool() {
        return Ok(Some(Value::Bool(b)));
    }
    if let Some(n) = value.as_f64() {
        return Ok(Some(number(n).ok_or_else(|| {
            Failure::type_error("NaN and the infinities are not JSON numbers")
        })?));
    }
    if let Some(s) = value.as_string() {
        return Ok(Some(Value::String(s)));
    }
    if !value.is_object() {
        return Err(Failure::type_error(format!(
            "{} is not JSON",
            kind_of(value)
        )));
    }
    if depth == MAX_DEPTH {
        return Err(Failure::type_error(format!(
            "values nest more than {MAX_DEPTH} levels deep (a cycle?)"
        )));
    }
    let to_json_method =
        js_sys::Reflect::get(value, &JsValue::from_str("toJSON")).unwrap_or_default();
    if let Some(method) = to_json_method.dyn_ref::<js_sys::Function>() {
        let converted = method
            .call0(value)
            .map_err(|_| Failure::type_error("a toJSON method threw"))?;
        return to_json(&converted, depth + 1);
    }
    if let Some(array) = value.dyn_ref::<Array>() {
        let mut list = Vec::with_capacity(array.length() as usize);
        for item in array.iter() {
            list.push(to_json(&item, depth + 1)?.unwrap_or(Value::Null));
        }
        return Ok(Some(Value::Array(list)));
    }
    let mut fields = Map::new();
    for entry in Object::entries(value.unchecked_ref()).iter() {
        let entry: &Array = entry.unchecked_ref();
        if let Some(field) = to_json(&entry.get(1), depth + 1)? {
            fields.insert(entry.get(0).as_string().unwrap_or_default(), field);
        }
    }
    Ok(Some(Value::Object(fields)))
}

/// A JavaScript number as JSON: integers as integers (as JSON.parse gives them back), others as
/// floats; NaN and the infinities have no JSON form.
fn number(n: f64) -> Option<Value> {
    const SAFE: f64 = 9_007_199_254_740_991.0;
    if n.fract() == 0.0 && n.abs() <= SAFE {
        Some(Value::from(n as i64))
    } else {
        serde_json::Number::from_f64(n).map(Value::Number)
    }
}

/// A holiday calendar given as `"cn"` (the built-in mainland China one), `"none"` (no calendar) or
/// a calendar in TickTick's feed format (an array of `{date, type}`) or holiday-cn's (`{year, days}`
/// or an array of them).
pub(crate) fn calendar(value: &Value) -> Result<Option<HolidayCalendar>, Failure> {
    match value {
        Value::String(name) if name == "cn" => Ok(Some(HolidayCalendar::china())),
        Value::String(name) if name == "none" => Ok(None),
        Value::Array(_) | Value::Object(_) => Ok(Some(HolidayCalendar::from_json_value(value)?)),
        Value::String(name) => Err(Failure::range_error(format!(
            "unknown holiday calendar {name:?}: expected \"cn\", \"none\" or an array of days"
        ))),
        other => Err(Failure::type_error(format!(
            "expected \"cn\", \"none\" or an array of days, got {}",
            excerpt(other)
        ))),
    }
}

/// The server's answer to a batch: `id2etag` and `id2error`, objects of strings, each optional.
pub(crate) fn response(value: Value) -> Result<Response, Failure> {
    let Value::Object(mut fields) = value else {
        let got = excerpt(&value);
        return Err(Failure::type_error(format!(
            "response: expected an object, got {got}"
        )));
    };
    let mut response = Response::default();
    for (name, map) in [
        ("id2etag", &mut response.id2etag),
        ("id2error", &mut response.id2error),
    ] {
        let strings = match fields.remove(name) {
            None | Some(Value::Null) => continue,
            Some(Value::Object(strings)) => strings,
            Some(other) => {
                let got = excerpt(&other);
                return Err(Failure::type_error(format!(
                    "response field {name:?}: expected an object of strings, got {got}"
                )));
            }
        };
        for (id, text) in strings {
            let Value::String(text) = text else {
                let got = excerpt(&text);
                return Err(Failure::type_error(format!(
                    "response field {name:?}: expected a string for {id:?}, got {got}"
                )));
            };
            map.insert(id, text);
        }
    }
    Ok(response)
}

/// An export's option object.
pub(crate) struct Options {
    fields: Map<String, Value>,
}

impl Options {
    /// Reads an option object that may hold only the options `known`.
    pub(crate) fn read(value: JsValue, known: &[&str]) -> Result<Options, Failure> {
        if !value.is_object() || js_sys::Array::is_array(&value) {
            let got = kind_of(&value);
            return Err(Failure::type_error(format!(
                "options: expected an object, got {got}"
            )));
        }
        let Value::Object(fields) = json(&value)? else {
            return Err(Failure::type_error("options: expected a plain object"));
        };
        if let Some(name) = fields.keys().find(|k| !known.contains(&k.as_str())) {
            let known: Vec<String> = known.iter().map(|k| format!("{k:?}")).collect();
            return Err(Failure::type_error(format!(
                "unknown option {name:?}: expected one of {}",
                known.join(", ")
            )));
        }
        Ok(Options { fields })
    }

    /// An option's value; `None` when absent, `null` or `undefined`.
    fn get(&self, name: &str) -> Option<&Value> {
        self.fields.get(name).filter(|v| !v.is_null())
    }

    fn required<T>(&self, name: &str, value: Option<T>) -> Result<T, Failure> {
        value.ok_or_else(|| Failure::type_error(format!("option {name:?} is missing")))
    }

    fn wrong_type(name: &str, expected: &str, got: &Value) -> Failure {
        Failure::type_error(format!(
            "option {name:?}: expected {expected}, got {}",
            excerpt(got)
        ))
    }

    fn string(&self, name: &str) -> Result<Option<&str>, Failure> {
        self.get(name)
            .map(|v| {
                v.as_str()
                    .ok_or_else(|| Self::wrong_type(name, "a string", v))
            })
            .transpose()
    }

    /// An instant: RFC 3339 or TickTick's wire form.
    pub(crate) fn instant(&self, name: &str) -> Result<Option<DateTime<Utc>>, Failure> {
        Ok(self.string(name)?.map(parse_instant).transpose()?)
    }

    pub(crate) fn required_instant(&self, name: &str) -> Result<DateTime<Utc>, Failure> {
        self.required(name, self.instant(name)?)
    }

    /// A local date, `yyyyMMdd`.
    pub(crate) fn required_date(&self, name: &str) -> Result<NaiveDate, Failure> {
        let date = self.string(name)?.map(parse_date).transpose()?;
        self.required(name, date)
    }

    /// An IANA zone name.
    pub(crate) fn zone(&self, name: &str) -> Result<Option<Zone>, Failure> {
        Ok(self.string(name)?.map(str::parse).transpose()?)
    }

    /// The holiday calendar (BEHAVIOUR.md §7): `"cn"`, `"none"` (the default) or a calendar.
    pub(crate) fn holidays(&self, name: &str) -> Result<Option<HolidayCalendar>, Failure> {
        self.get(name).map_or(Ok(None), |v| {
            calendar(v).map_err(|e| e.within(&format!("option {name:?}")))
        })
    }

    /// A boolean, false when absent.
    pub(crate) fn flag(&self, name: &str) -> Result<bool, Failure> {
        self.get(name).map_or(Ok(false), |v| {
            v.as_bool()
                .ok_or_else(|| Self::wrong_type(name, "a boolean", v))
        })
    }

    /// A count such as `limit`: a non-negative integer.
    pub(crate) fn count(&self, name: &str) -> Result<Option<usize>, Failure> {
        self.get(name)
            .map(|v| {
                v.as_u64()
                    .and_then(|n| usize::try_from(n).ok())
                    .ok_or_else(|| Self::wrong_type(name, "a non-negative integer", v))
            })
            .transpose()
    }

    /// A user id: a non-negative integer.
    pub(crate) fn required_user_id(&self, name: &str) -> Result<u64, Failure> {
        let id = self
            .get(name)
            .map(|v| {
                v.as_u64()
                    .ok_or_else(|| Self::wrong_type(name, "a non-negative integer", v))
            })
            .transpose()?;
        self.required(name, id)
    }

    /// An id seed: 16 hex digits.
    pub(crate) fn id_seed(&self, name: &str) -> Result<Option<IdSeed>, Failure> {
        self.string(name)?
            .map(|s| s.parse().map_err(Failure::range_error))
            .transpose()
    }

    /// A list of local dates, `yyyyMMdd` each; empty when absent.
    pub(crate) fn dates(&self, name: &str) -> Result<Vec<NaiveDate>, Failure> {
        let Some(value) = self.get(name) else {
            return Ok(Vec::new());
        };
        let list = value
            .as_array()
            .ok_or_else(|| Self::wrong_type(name, "an array of yyyyMMdd strings", value))?;
        list.iter()
            .map(|d| {
                let text = d
                    .as_str()
                    .ok_or_else(|| Self::wrong_type(name, "an array of yyyyMMdd strings", value))?;
                Ok(parse_date(text)?)
            })
            .collect()
    }
}

/// A value as JSON, shortened to keep a message on one readable line (as the core's task errors do).
fn excerpt(value: &Value) -> String {
    const MAX: usize = 40;
    let text = value.to_string();
    match text.char_indices().nth(MAX) {
        Some((cut, _)) => format!("{}...", &text[..cut]),
        None => text,
    }
}
