//! JavaScript values as JSON, the exact way: tasks, responses and option objects read as
//! `JSON.stringify` reads them, however unusual (a `toJSON`, a cycle, `NaN`, a `BigInt`), each
//! refusal with its own message.

use js_sys::{Array, Object};
use serde_json::{Map, Value};
use ticktick_recur::task::{json_excerpt, FieldProblem, Response};
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
pub(crate) fn wrong_type(place: &str, expected: &'static str, got: &Value) -> Failure {
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
