//! The options of the exports, read the exact way ([`Object`], an option object) or the fast way
//! ([`Given`], options passed one by one by the package's JavaScript, already of the right type).
//!
//! Both answer the same questions ([`Options`]), and the exports ask them in the same order
//! whichever way the options came, so a bad value gets the same error either way. Values of the
//! right type are read by the core (`parse_instant`, `parse_date`, zone and seed parsers), so a bad
//! one gives exactly the core's message, as on the command line. What only JavaScript can get wrong
//! (an option of the wrong type, a missing or unknown one) is a `TypeError` worded like the core's
//! task-field errors; the fast way never meets it, and leaves a missing option to the exact way.

use chrono::{DateTime, NaiveDate, Utc};
use serde_json::Value;
use ticktick_recur::{parse_date, parse_instant, HolidayCalendar, IdSeed, Zone};
use wasm_bindgen::JsValue;

use crate::error::{kind_of, Failure};
use crate::json::{json, wrong_type};

/// The options of one call.
pub(crate) trait Options {
    /// A string option; `None` when absent.
    fn string(&self, name: &str) -> Result<Option<&str>, Failure>;

    /// The failure for a required option that is absent.
    fn missing(&self, name: &str) -> Failure;

    /// A boolean, false when absent.
    fn flag(&self, name: &str) -> Result<bool, Failure>;

    /// A count such as `limit`: a non-negative integer.
    fn count(&self, name: &str) -> Result<Option<usize>, Failure>;

    /// A user id: a non-negative integer.
    fn user_id(&self, name: &str) -> Result<Option<u64>, Failure>;

    /// A list of local dates, `yyyyMMdd` each; empty when absent.
    fn dates(&self, name: &str) -> Result<Vec<NaiveDate>, Failure>;

    /// The holiday calendar (BEHAVIOUR.md §7): none when absent or `"none"`. The fast way carries
    /// one only for `agenda` and `reminders` (as the value given, read here as the exact way reads
    /// it); the other functions take the exact way when given `holidays`.
    fn holidays(&self, _name: &str) -> Result<Option<HolidayCalendar>, Failure> {
        Ok(None)
    }
}

/// A holiday calendar given as `"cn"` (the built-in mainland China one), `"none"` (no calendar) or
/// a calendar in TickTick's feed format (an array of `{date, type}`) or holiday-cn's (`{year, days}`
/// or an array of them), as `place` (`option "holidays"`, `holidays`) says in messages.
pub(crate) fn calendar(value: &Value, place: &str) -> Result<Option<HolidayCalendar>, Failure> {
    const EXPECTED: &str = "\"cn\", \"none\" or an array of days";
    match value {
        Value::Null => Ok(None),
        Value::String(name) if name == "cn" => Ok(Some(HolidayCalendar::china())),
        Value::String(name) if name == "none" => Ok(None),
        Value::String(name) => Err(Failure::range_error(format!(
            "{place}: unknown holiday calendar {name:?}: expected {EXPECTED}"
        ))),
        Value::Array(_) | Value::Object(_) => HolidayCalendar::from_json_value(value)
            .map(Some)
            .map_err(|e| Failure::from(e).within(place)),
        other => Err(wrong_type(place, EXPECTED, other)),
    }
}

/// What the exports read, from the answers of [`Options`]: one copy whatever the way.
impl dyn Options + '_ {
    /// An instant: RFC 3339 or TickTick's wire form.
    pub(crate) fn instant(&self, name: &str) -> Result<Option<DateTime<Utc>>, Failure> {
        Ok(self.string(name)?.map(parse_instant).transpose()?)
    }

    pub(crate) fn required_instant(&self, name: &str) -> Result<DateTime<Utc>, Failure> {
        self.instant(name)?.ok_or_else(|| self.missing(name))
    }

    /// A local date, `yyyyMMdd`.
    pub(crate) fn required_date(&self, name: &str) -> Result<NaiveDate, Failure> {
        let date = self.string(name)?.map(parse_date).transpose()?;
        date.ok_or_else(|| self.missing(name))
    }

    /// An IANA zone name.
    pub(crate) fn zone(&self, name: &str) -> Result<Option<Zone>, Failure> {
        Ok(self.string(name)?.map(str::parse).transpose()?)
    }

    pub(crate) fn required_user_id(&self, name: &str) -> Result<u64, Failure> {
        self.user_id(name)?.ok_or_else(|| self.missing(name))
    }

    /// An id seed: 16 hex digits.
    pub(crate) fn id_seed(&self, name: &str) -> Result<Option<IdSeed>, Failure> {
        self.string(name)?
            .map(|s| s.parse().map_err(Failure::range_error))
            .transpose()
    }
}

/// An option object, the exact way.
pub(crate) struct Object {
    fields: Vec<(&'static str, Value)>,
}

impl Object {
    /// Reads an option object that may hold only the options `known`.
    pub(crate) fn read(value: JsValue, known: &[&'static str]) -> Result<Object, Failure> {
        if !value.is_object() || js_sys::Array::is_array(&value) {
            let got = kind_of(&value);
            return Err(Failure::type_error(format!(
                "options: expected an object, got {got}"
            )));
        }
        let Value::Object(given) = json(&value)? else {
            return Err(Failure::type_error("options: expected a plain object"));
        };
        let mut fields = Vec::with_capacity(given.len());
        for (name, value) in given {
            let Some(name) = known.iter().find(|k| **k == name) else {
                let known: Vec<String> = known.iter().map(|k| format!("{k:?}")).collect();
                return Err(Failure::type_error(format!(
                    "unknown option {name:?}: expected one of {}",
                    known.join(", ")
                )));
            };
            fields.push((*name, value));
        }
        Ok(Object { fields })
    }

    /// An option's value; `None` when absent, `null` or `undefined`.
    fn get(&self, name: &str) -> Option<&Value> {
        let (_, value) = self.fields.iter().find(|(n, _)| *n == name)?;
        Some(value).filter(|v| !v.is_null())
    }

    fn wrong_type(name: &str, expected: &'static str, got: &Value) -> Failure {
        wrong_type(&format!("option {name:?}"), expected, got)
    }

    /// A non-negative integer.
    fn integer(&self, name: &str) -> Result<Option<u64>, Failure> {
        self.get(name)
            .map(|v| {
                v.as_u64()
                    .ok_or_else(|| Self::wrong_type(name, "a non-negative integer", v))
            })
            .transpose()
    }
}

impl Options for Object {
    fn string(&self, name: &str) -> Result<Option<&str>, Failure> {
        self.get(name)
            .map(|v| {
                v.as_str()
                    .ok_or_else(|| Self::wrong_type(name, "a string", v))
            })
            .transpose()
    }

    fn missing(&self, name: &str) -> Failure {
        Failure::type_error(format!("option {name:?} is missing"))
    }

    fn flag(&self, name: &str) -> Result<bool, Failure> {
        self.get(name).map_or(Ok(false), |v| {
            v.as_bool()
                .ok_or_else(|| Self::wrong_type(name, "a boolean", v))
        })
    }

    fn count(&self, name: &str) -> Result<Option<usize>, Failure> {
        self.get(name)
            .map(|v| {
                v.as_u64()
                    .and_then(|n| usize::try_from(n).ok())
                    .ok_or_else(|| Self::wrong_type(name, "a non-negative integer", v))
            })
            .transpose()
    }

    fn user_id(&self, name: &str) -> Result<Option<u64>, Failure> {
        self.integer(name)
    }

    fn holidays(&self, name: &str) -> Result<Option<HolidayCalendar>, Failure> {
        self.get(name)
            .map_or(Ok(None), |v| calendar(v, &format!("option {name:?}")))
    }

    fn dates(&self, name: &str) -> Result<Vec<NaiveDate>, Failure> {
        let Some(value) = self.get(name) else {
            return Ok(Vec::new());
        };
        let wrong = || Self::wrong_type(name, "an array of yyyyMMdd strings", value);
        let list = value.as_array().ok_or_else(wrong)?;
        let mut dates = Vec::with_capacity(list.len());
        for date in list {
            dates.push(parse_date(date.as_str().ok_or_else(wrong)?)?);
        }
        Ok(dates)
    }
}

/// Options passed one by one by the package's JavaScript, the fast way: each of the type the
/// option takes (the JavaScript takes the exact way otherwise), `None` when not given.
#[derive(Debug, Default)]
pub(crate) struct Given {
    pub(crate) start: Option<String>,
    pub(crate) time_zone: Option<String>,
    pub(crate) all_day: Option<bool>,
    pub(crate) after: Option<String>,
    pub(crate) until: Option<String>,
    pub(crate) ex_dates: Option<Vec<String>>,
    pub(crate) at: Option<String>,
    pub(crate) from: Option<String>,
    pub(crate) to: Option<String>,
    pub(crate) limit: Option<u32>,
    pub(crate) user_id: Option<f64>,
    pub(crate) id_seed: Option<String>,
    pub(crate) date: Option<String>,
    pub(crate) default_time_zone: Option<String>,
    /// The `holidays` option as given: a string, an array or a plain object.
    pub(crate) holidays: Option<JsValue>,
}

impl Options for Given {
    fn string(&self, name: &str) -> Result<Option<&str>, Failure> {
        let value = match name {
            "start" => &self.start,
            "timeZone" => &self.time_zone,
            "after" => &self.after,
            "until" => &self.until,
            "at" => &self.at,
            "from" => &self.from,
            "to" => &self.to,
            "idSeed" => &self.id_seed,
            "date" => &self.date,
            "defaultTimeZone" => &self.default_time_zone,
            _ => &None,
        };
        Ok(value.as_deref())
    }

    /// The exact way says what is missing.
    fn missing(&self, _: &str) -> Failure {
        Failure::exact_way()
    }

    fn flag(&self, _: &str) -> Result<bool, Failure> {
        Ok(self.all_day.unwrap_or(false))
    }

    fn count(&self, _: &str) -> Result<Option<usize>, Failure> {
        Ok(self.limit.map(|n| n as usize))
    }

    fn holidays(&self, name: &str) -> Result<Option<HolidayCalendar>, Failure> {
        match &self.holidays {
            Some(value) if !value.is_undefined() => {
                calendar(&json(value)?, &format!("option {name:?}"))
            }
            _ => Ok(None),
        }
    }

    /// A whole number from 0 to 2^53 - 1 (the JavaScript checks it), exactly a `u64`.
    fn user_id(&self, _: &str) -> Result<Option<u64>, Failure> {
        Ok(self.user_id.map(|n| n as u64))
    }

    fn dates(&self, _: &str) -> Result<Vec<NaiveDate>, Failure> {
        let mut dates = Vec::new();
        for date in self.ex_dates.iter().flatten() {
            dates.push(parse_date(date)?);
        }
        Ok(dates)
    }
}
