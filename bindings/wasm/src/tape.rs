//! JSON values as the package's JavaScript passes them the fast way (`record` in `pkg/src/wrap.mjs`):
//! a tape of numbers and one text holding every string, read here into [`Value`]s without a JSON
//! parser.
//!
//! The tape lists the value depth first: `0` null, `1` false, `2` true, `3 n` the number `n`,
//! `4 len` a string (the next `len` UTF-16 units of the text), `5 count` an array of `count` values,
//! `6 count` an object of `count` members, each a string (its length) then its value.

use serde_json::{Map, Value};

use crate::json::number;

/// How deep the JavaScript records values; deeper ones take the exact way.
const MAX_DEPTH: usize = 128;

/// The value on the tape; `None` when the tape is not one whole value (the caller then takes the
/// exact way; the package's JavaScript never writes such a tape).
pub(crate) fn value(tape: &[f64], text: &str) -> Option<Value> {
    let mut reader = Reader {
        tape: tape.iter(),
        text,
        ascii: text.is_ascii(),
    };
    let value = reader.value(0)?;
    (reader.tape.next().is_none() && reader.text.is_empty()).then_some(value)
}

struct Reader<'a> {
    tape: std::slice::Iter<'a, f64>,
    /// What is left of the text.
    text: &'a str,
    /// Whether the text is ASCII: then UTF-16 units are bytes.
    ascii: bool,
}

impl Reader<'_> {
    fn count(&mut self) -> Option<usize> {
        let n = *self.tape.next()?;
        (n >= 0.0 && n.fract() == 0.0 && n <= f64::from(u32::MAX)).then_some(n as usize)
    }

    fn string(&mut self) -> Option<String> {
        let units = self.count()?;
        let bytes = if self.ascii {
            units
        } else {
            utf8_len(self.text, units)?
        };
        let (string, rest) = self.text.split_at_checked(bytes)?;
        self.text = rest;
        Some(string.to_owned())
    }

    fn value(&mut self, depth: usize) -> Option<Value> {
        if depth > MAX_DEPTH {
            return None;
        }
        let kind = *self.tape.next()?;
        Some(match kind as u8 {
            0 => Value::Null,
            1 => Value::Bool(false),
            2 => Value::Bool(true),
            3 => number(*self.tape.next()?)?,
            4 => Value::String(self.string()?),
            5 => {
                let count = self.count()?;
                let mut list = Vec::with_capacity(count.min(self.tape.len()));
                for _ in 0..count {
                    list.push(self.value(depth + 1)?);
                }
                Value::Array(list)
            }
            6 => {
                let count = self.count()?;
                let mut fields = Map::with_capacity(count.min(self.tape.len()));
                for _ in 0..count {
                    let name = self.string()?;
                    fields.insert(name, self.value(depth + 1)?);
                }
                Value::Object(fields)
            }
            _ => return None,
        })
    }
}

/// The bytes of `text`'s first `units` UTF-16 units; `None` when they end inside a character.
fn utf8_len(text: &str, units: usize) -> Option<usize> {
    let mut seen = 0;
    for (at, c) in text.char_indices() {
        if seen >= units {
            return (seen == units).then_some(at);
        }
        seen += c.len_utf16();
    }
    (seen == units).then_some(text.len())
}
