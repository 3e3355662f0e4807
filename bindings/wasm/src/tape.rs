//! JSON values as the package's JavaScript passes them the fast way: a tape of numbers and one text
//! holding every string. The browsers' module reads a whole task from one (`record` in
//! `pkg/src/tape.mjs`) into [`Value`]s without a JSON parser; Node's reads the values of a task from
//! one ([`crate::tape_json`]). [`Tape`] reads the numbers and strings for both.
//!
//! The tape lists the value depth first: `0` null, `1` false, `2` true, `3 n` the number `n`,
//! `4 len` a string (the next `len` UTF-16 units of the text), `5 count` an array of `count` values,
//! `6 count` an object of `count` members, each a string (its length) then its value.

#[cfg(not(feature = "text-reader"))]
use serde_json::{Map, Value};

#[cfg(not(feature = "text-reader"))]
use crate::json::number;

/// How deep the JavaScript records values; deeper ones take the exact way.
pub(crate) const MAX_DEPTH: usize = 128;

/// Where a reader of a tape is: the numbers left, and the text of the strings left.
pub(crate) struct Tape<'a> {
    numbers: std::slice::Iter<'a, f64>,
    /// What is left of the text.
    text: &'a str,
    /// Whether the text is ASCII: then UTF-16 units are bytes.
    ascii: bool,
}

impl<'a> Tape<'a> {
    pub(crate) fn new(numbers: &'a [f64], text: &'a str) -> Self {
        Tape {
            numbers: numbers.iter(),
            text,
            ascii: text.is_ascii(),
        }
    }

    /// The next number.
    pub(crate) fn number(&mut self) -> Option<f64> {
        self.numbers.next().copied()
    }

    /// The next number as a count (of items, or of a string's UTF-16 units): whole, 32 bits.
    pub(crate) fn count(&mut self) -> Option<usize> {
        let n = self.number()?;
        (n >= 0.0 && n.fract() == 0.0 && n <= f64::from(u32::MAX)).then_some(n as usize)
    }

    /// The next string: as many of the text's UTF-16 units as the next number counts. `None` when
    /// they run past the text or end inside a character.
    pub(crate) fn string(&mut self) -> Option<&'a str> {
        let units = self.count()?;
        let bytes = if self.ascii {
            units
        } else {
            utf8_len(self.text, units)?
        };
        let (string, rest) = self.text.split_at_checked(bytes)?;
        self.text = rest;
        Some(string)
    }

    /// Whether every number and every string has been read.
    pub(crate) fn is_done(&self) -> bool {
        self.numbers.len() == 0 && self.text.is_empty()
    }
}

/// The value on the tape; `None` when the tape is not one whole value (the caller then takes the
/// exact way; the package's JavaScript never writes such a tape).
#[cfg(not(feature = "text-reader"))]
pub(crate) fn value(tape: &[f64], text: &str) -> Option<Value> {
    let mut tape = Tape::new(tape, text);
    let value = read(&mut tape, 0)?;
    tape.is_done().then_some(value)
}

#[cfg(not(feature = "text-reader"))]
fn read(tape: &mut Tape<'_>, depth: usize) -> Option<Value> {
    if depth > MAX_DEPTH {
        return None;
    }
    let kind = tape.number()?;
    Some(match kind as u8 {
        0 => Value::Null,
        1 => Value::Bool(false),
        2 => Value::Bool(true),
        3 => number(tape.number()?)?,
        4 => Value::String(tape.string()?.to_owned()),
        5 => {
            let count = tape.count()?;
            let mut list = Vec::with_capacity(count.min(tape.numbers.len()));
            for _ in 0..count {
                list.push(read(tape, depth + 1)?);
            }
            Value::Array(list)
        }
        6 => {
            let count = tape.count()?;
            let mut fields = Map::with_capacity(count.min(tape.numbers.len()));
            for _ in 0..count {
                let name = tape.string()?.to_owned();
                fields.insert(name, read(tape, depth + 1)?);
            }
            Value::Object(fields)
        }
        _ => return None,
    })
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
