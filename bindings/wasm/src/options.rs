//! JavaScript values as JSON, and the option objects of the exports read from them.
//!
//! Values of the right type are read by the core (`parse_instant`, `parse_date`, zone and seed
//! parsers), so a bad one gives exactly the core's message, as on the command line. What only
//! JavaScript can get wrong (an option of the wrong type, a missing or unknown one) is a `TypeError`
//! worded like the core's task-field errors.

use chrono::{DateTime, NaiveDate, Utc};
use serde_json::{Map, Value};
use ticktick_recur::{parse_date, parse_instant, IdSeed, Zone};
use wasm_bindgen::JsValue;

use crate::error::{kind_of, Failure};

/// A JavaScript value as JSON: objects keep their key order; `undefined` reads as `null`.
pub(crate) fn json(value: JsValue) -> Result<Value, Failure> {
    serde_wasm_bindgen::from_value(value)
        .map_err(|e| Failure::type_error(format!("expected a JSON-shaped value: {e}")))
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
        let Value::Object(fields) = json(value)? else {
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
