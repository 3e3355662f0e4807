//! The fields the engine reads, typed once when they are read or set: from their JSON text where it
//! is plainly right, from serde_json values otherwise.

use chrono::{DateTime, NaiveDate, Utc};
use serde_json::Value;

use super::shape::{check_shape, integral};
use super::store::{Heap, Slot, Store, Str};
use super::{Name, RepeatFrom};
use crate::instant::compact_date;
use crate::parse_instant;
use crate::task::error::TaskError;
use crate::task::json::{self, Span};

/// The fields the engine reads, typed once when they are read or set.
#[derive(Clone)]
pub(super) struct Typed {
    pub(super) id: Option<Str>,
    pub(super) etag: Option<Str>,
    pub(super) time_zone: Option<Str>,
    pub(super) repeat_flag: Option<Str>,
    pub(super) start_date: Option<DateTime<Utc>>,
    pub(super) due_date: Option<DateTime<Utc>>,
    pub(super) is_all_day: bool,
    pub(super) is_floating: bool,
    pub(super) repeat_from: RepeatFrom,
    pub(super) status: i64,
    pub(super) ex_dates: Vec<NaiveDate>,
}

impl Default for Typed {
    fn default() -> Self {
        Typed {
            id: None,
            etag: None,
            time_zone: None,
            repeat_flag: None,
            start_date: None,
            due_date: None,
            is_all_day: false,
            is_floating: false,
            repeat_from: RepeatFrom::Default,
            status: 0,
            ex_dates: Vec::new(),
        }
    }
}

impl Typed {
    fn string_mut(&mut self, name: Name) -> Option<&mut Option<Str>> {
        match name {
            Name::Id => Some(&mut self.id),
            Name::Etag => Some(&mut self.etag),
            Name::TimeZone => Some(&mut self.time_zone),
            Name::RepeatFlag => Some(&mut self.repeat_flag),
            _ => None,
        }
    }

    fn instant_mut(&mut self, name: Name) -> Option<&mut Option<DateTime<Utc>>> {
        match name {
            Name::StartDate => Some(&mut self.start_date),
            Name::DueDate => Some(&mut self.due_date),
            _ => None,
        }
    }

    fn bool_mut(&mut self, name: Name) -> Option<&mut bool> {
        match name {
            Name::IsAllDay => Some(&mut self.is_all_day),
            Name::IsFloating => Some(&mut self.is_floating),
            _ => None,
        }
    }

    /// Types the field `name` from its value: checks its shape, and keeps what the engine reads.
    pub(super) fn read(&mut self, name: Name, slot: Slot, store: &Store) -> Result<(), TaskError> {
        if self.read_fast(name, slot, store).is_some() {
            return Ok(());
        }
        let value = store.value(slot);
        if let Some(shape) = name.shape() {
            check_shape(name.as_str(), shape, &value)?;
        }
        self.read_value(name, &value);
        Ok(())
    }

    /// The common cases, from the value's text or the type the crate wrote it with; `None` for
    /// anything else, which [`Typed::read`] then reads as a serde_json value.
    fn read_fast(&mut self, name: Name, slot: Slot, store: &Store) -> Option<()> {
        if name.shape().is_none() {
            return Some(());
        }
        match slot {
            Slot::Text(span) => self.read_text(name, span.of(&store.text), None),
            Slot::Str(span) => self.read_text(name, span.of(&store.text), Some(span)),
            Slot::Instant(t) => {
                *self.instant_mut(name)? = Some(t);
                Some(())
            }
            Slot::Int(n) if name == Name::Status => {
                self.status = n;
                Some(())
            }
            Slot::Id(id) => {
                *self.string_mut(name)? = Some(Str::Hex(id.hex()));
                Some(())
            }
            Slot::Heap(at) => match store.heap(at)? {
                Heap::Str(s) => {
                    *self.string_mut(name)? = Some(Str::Owned(s.clone()));
                    Some(())
                }
                Heap::Json(text) => self.read_text(name, text, None),
                _ => None,
            },
            _ => self.read_text(name, store.json_text(slot)?, None),
        }
    }

    /// A field from its JSON text; `plain` is its span when it is a string of the task's text
    /// without escapes.
    fn read_text(&mut self, name: Name, raw: &str, plain: Option<Span>) -> Option<()> {
        let null = raw == "null";
        match name {
            Name::Id | Name::Etag | Name::TimeZone | Name::RepeatFlag => {
                let value = if null {
                    None
                } else {
                    Some(match plain {
                        Some(s) => Str::Text(Span {
                            start: s.start + 1,
                            end: s.end.saturating_sub(1),
                        }),
                        None => Str::Owned(json::plain_string(raw)?.into()),
                    })
                };
                *self.string_mut(name)? = value;
            }
            Name::StartDate | Name::DueDate => {
                // `""` is how TickTick sends a date the task does not have: absent, like null.
                let value = if null || raw == "\"\"" {
                    None
                } else {
                    let chars = match plain {
                        Some(_) => json::string_chars(raw)?,
                        None => json::plain_string(raw)?,
                    };
                    Some(parse_instant(chars).ok()?)
                };
                *self.instant_mut(name)? = value;
            }
            Name::IsAllDay | Name::IsFloating => {
                *self.bool_mut(name)? = match raw {
                    "true" => true,
                    "false" | "null" => false,
                    _ => return None,
                };
            }
            Name::RepeatFrom => {
                self.repeat_from = match raw {
                    "\"0\"" | "0" => RepeatFrom::DueDate,
                    "\"1\"" | "1" => RepeatFrom::CompletionDate,
                    "\"2\"" | "2" | "\"\"" | "null" => RepeatFrom::Default,
                    _ => return None,
                };
            }
            Name::Status => self.status = if null { 0 } else { small_integer(raw)? },
            Name::ExDate => {
                let mut dates = Vec::new();
                if !null {
                    if !raw.starts_with('[') {
                        return None;
                    }
                    for date in json::elements(raw) {
                        dates.push(compact_date(json::plain_string(date)?)?);
                    }
                }
                self.ex_dates = dates;
            }
            // Lists are read here when they are null or plainly right, as serde_json values otherwise.
            Name::Items if !(null || raw == "[]") => return None,
            Name::Reminders if !(null || all_reminders(raw)) => return None,
            Name::Attachments if !(null || raw.starts_with('[')) => return None,
            _ => {}
        }
        Some(())
    }

    /// A field from its value, already checked (`null` for a field the task does not have).
    pub(super) fn read_value(&mut self, name: Name, value: &Value) {
        if let Some(slot) = self.string_mut(name) {
            *slot = value.as_str().map(|s| Str::Owned(s.into()));
        } else if let Some(slot) = self.instant_mut(name) {
            *slot = value.as_str().and_then(|s| parse_instant(s).ok());
        } else if let Some(slot) = self.bool_mut(name) {
            *slot = value.as_bool().unwrap_or(false);
        } else {
            match name {
                Name::RepeatFrom => {
                    self.repeat_from =
                        RepeatFrom::from_json(Some(value)).unwrap_or(RepeatFrom::Default);
                }
                Name::Status => self.status = integral(value).unwrap_or(0),
                Name::ExDate => {
                    self.ex_dates = value
                        .as_array()
                        .into_iter()
                        .flatten()
                        .filter_map(|d| d.as_str().and_then(compact_date))
                        .collect();
                }
                _ => {}
            }
        }
    }
}

/// Whether the JSON text is an array of objects and plain strings only (the Open API's reminders are
/// trigger strings).
fn all_reminders(raw: &str) -> bool {
    raw.starts_with('[')
        && json::elements(raw).all(|e| e.starts_with('{') || json::plain_string(e).is_some())
}

/// An integer of at most 18 characters, as serde_json reads it into an `i64` (`-0` is a double
/// there).
fn small_integer(raw: &str) -> Option<i64> {
    let digits = raw.strip_prefix('-').unwrap_or(raw);
    let plain = !digits.is_empty()
        && raw.len() <= 18
        && digits.bytes().all(|b| b.is_ascii_digit())
        && raw != "-0";
    plain.then(|| raw.parse().ok()).flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_integers_are_what_serde_json_reads_as_integers() {
        assert_eq!(small_integer("0"), Some(0));
        assert_eq!(small_integer("-1"), Some(-1));
        assert_eq!(
            small_integer("123456789012345678"),
            Some(123_456_789_012_345_678)
        );
        for other in ["-0", "1.0", "1e2", "", "-", "1234567890123456789", "x"] {
            assert_eq!(small_integer(other), None, "{other}");
        }
    }
}
