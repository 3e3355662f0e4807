//! JavaScript values as JSON (tasks, responses), and the option objects of the exports.
//!
//! Values of the right type are read by the core (`parse_instant`, `parse_date`, zone and seed
//! parsers), so a bad one gives exactly the core's message, as on the command line. What only
//! JavaScript can get wrong (an option of the wrong type, a missing or unknown one) is a `TypeError`
//! worded like the core's task-field errors.

use chrono::{DateTime, NaiveDate, Utc};
use js_sys::{Array, Object};
use serde_json::{Map, Value};
use ticktick_recur::task::{json_excerpt, FieldProblem, Response};
use ticktick_recur::{parse_date, parse_instant, IdSeed, Zone};
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
pub(crate) fn number(n: f64) -> Option<Value> {
    const SAFE: f64 = 9_007_199_254_740_991.0;
    if n.fract() == 0.0 && n.abs() <= SAFE {
        Some(Value::from(n as i64))
    } else {
        serde_json::Number::from_f64(n).map(Value::Number)
    }
}

/// `{place}: expected {expected}, got {value}`, in the words of the core's task-field errors.
fn wrong_type(place: &str, expected: &'static str, got: &Value) -> Failure {
    let got = json_excerpt(got);
    Failure::type_error(format!(
        "{place}: {}",
        FieldProblem::WrongType { expected, got }
    ))
}

/// The server's answer to a batch: `id2etag` and `id2error`, objects of strings, each optional.
pub(crate) fn response(value: Value) -> Result<Response, Failure> {
    let Value::Object(mut fields) = value else {
        return Err(wrong_type("response", "an object", &value));
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
                let place = format!("response field {name:?}");
                return Err(wrong_type(&place, "an object of strings", &other));
            }
        };
        for (id, text) in strings {
            let Value::String(text) = text else {
                let got = json_excerpt(&text);
                return Err(Failure::type_error(format!(
                    "response field {name:?}: expected a string for {id:?}, got {got}"
                )));
            };
            map.insert(id, text);
        }
    }
    Ok(response)
}

/// The options of one call, by name: from an option object ([`Options::read`]) or given one by
/// one by the package's JavaScript ([`Options::given`]). Either way they are read by the same
/// methods below, so a value gets the same answer or error however it came.
pub(crate) struct Options {
    fields: Vec<(&'static str, Value)>,
}

impl Options {
    /// Reads an option object that may hold only the options `known`.
    pub(crate) fn read(value: JsValue, known: &[&'static str]) -> Result<Options, Failure> {
        if !value.is_object() || js_sys::Array::is_array(&value) {
            let got = kind_of(&value);
            return Err(Failure::type_error(format!(
                "options: expected an object, got {got}"
            )));
        }
        let Value::Object(fields) = json(&value)? else {
            return Err(Failure::type_error("options: expected a plain object"));
        };
        Options::known(fields, known)
    }

    /// Options given one by one, `None` for those not given; each must be one of `known`.
    pub(crate) fn given<const N: usize>(
        values: [(&'static str, Option<Value>); N],
        known: &[&'static str],
    ) -> Result<Options, Failure> {
        Options::known(
            values
                .into_iter()
                .filter_map(|(name, value)| Some((name, value?))),
            known,
        )
    }

    fn known<S: AsRef<str>>(
        fields: impl IntoIterator<Item = (S, Value)>,
        known: &[&'static str],
    ) -> Result<Options, Failure> {
        let fields = fields
            .into_iter()
            .map(|(name, value)| {
                let name = name.as_ref();
                match known.iter().find(|k| **k == name) {
                    Some(known) => Ok((*known, value)),
                    None => {
                        let known: Vec<String> = known.iter().map(|k| format!("{k:?}")).collect();
                        Err(Failure::type_error(format!(
                            "unknown option {name:?}: expected one of {}",
                            known.join(", ")
                        )))
                    }
                }
            })
            .collect::<Result<_, _>>()?;
        Ok(Options { fields })
    }

    /// An option's value; `None` when absent, `null` or `undefined`.
    fn get(&self, name: &str) -> Option<&Value> {
        self.fields
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v)
            .filter(|v| !v.is_null())
    }

    fn required<T>(&self, name: &str, value: Option<T>) -> Result<T, Failure> {
        value.ok_or_else(|| Failure::type_error(format!("option {name:?} is missing")))
    }

    fn wrong_type(name: &str, expected: &'static str, got: &Value) -> Failure {
        wrong_type(&format!("option {name:?}"), expected, got)
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
        let expected = "an array of yyyyMMdd strings";
        let list = value
            .as_array()
            .ok_or_else(|| Self::wrong_type(name, expected, value))?;
        list.iter()
            .map(|d| {
                let text = d
                    .as_str()
                    .ok_or_else(|| Self::wrong_type(name, expected, value))?;
                Ok(parse_date(text)?)
            })
            .collect()
    }
}
