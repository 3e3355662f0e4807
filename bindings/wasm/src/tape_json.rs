//! A task's values as the package's JavaScript writes them for Node's module (`writeValues` in
//! `pkg/src/tape.mjs`, for [`crate::bytes::task_recipe_bytes`]): a tape of numbers in the browsers'
//! tape format ([`crate::tape`]), which the JavaScript writes in place in the module's memory
//! ([`crate::bytes::values_tape`]), and one text holding every string back to back. Read here into
//! the JSON text `JSON.stringify` would write for the same values, which the core's text reader then
//! reads ([`ticktick_recur::task::Task::from_values_json`]).
//!
//! JavaScript spends about 3.5 ns on each character of a string in `JSON.stringify` (Node 20), most
//! of the time of writing a task's values; the tape costs it a slot or two per value and one copy of
//! the text, and writing the same JSON here costs the module a fraction of that.
//!
//! The package sends the tape only for values `JSON.stringify` writes as the exact way reads them
//! (`plain` in `pkg/src/wrap.mjs`): numbers are safe integers, strings have no lone surrogates. Anything
//! else found here (another number, a tape that is not one whole value) gives `None`, and the call
//! takes the JSON text form instead.

use crate::tape::{Tape, MAX_DEPTH};

/// The largest integer a JavaScript number holds exactly (`Number.MAX_SAFE_INTEGER`).
const MAX_SAFE: f64 = 9_007_199_254_740_991.0;

/// Writes the JSON text of the value on `tape`, whose strings are `text` back to back, into `out`
/// (cleared first), compact and with the escapes `JSON.stringify` writes. `None` when the tape is
/// not one whole value, a number is not a safe integer, or a string's length does not end on a
/// character of `text`.
pub(crate) fn write_json(tape: &[f64], text: &str, out: &mut String) -> Option<()> {
    out.clear();
    // Room for the text, and for the punctuation and numbers of the tape.
    out.reserve(text.len() + 8 * tape.len());
    let mut reader = Reader {
        tape: Tape::new(tape, text),
        plain: !needs_escapes(text.as_bytes()),
        out,
    };
    reader.value(0)?;
    reader.tape.is_done().then_some(())
}

/// Whether `bytes` hold a `"`, a `\` or a control character, which a JSON string escapes. Eight
/// bytes at a time: a byte is found by the borrow it causes when subtracted from, which can spill
/// into the bytes above it, never into none.
fn needs_escapes(bytes: &[u8]) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let zero_byte = |w: u64| w.wrapping_sub(ONES) & !w;
    let special = |w: u64| {
        let quote = zero_byte(w ^ (ONES * u64::from(b'"')));
        let backslash = zero_byte(w ^ (ONES * u64::from(b'\\')));
        let control = w.wrapping_sub(ONES * 0x20) & !w;
        (quote | backslash | control) & HIGH != 0
    };
    let mut words = bytes.chunks_exact(8);
    let found = words
        .by_ref()
        .any(|word| <[u8; 8]>::try_from(word).is_ok_and(|w| special(u64::from_le_bytes(w))));
    found
        || words
            .remainder()
            .iter()
            .any(|&b| b < 0x20 || b == b'"' || b == b'\\')
}

struct Reader<'a, 'o> {
    tape: Tape<'a>,
    /// Whether no string of the text needs an escape.
    plain: bool,
    out: &'o mut String,
}

impl Reader<'_, '_> {
    /// The next string of the text, written as a JSON string.
    fn string(&mut self) -> Option<()> {
        let string = self.tape.string()?;
        if self.plain || !needs_escapes(string.as_bytes()) {
            self.out.push('"');
            self.out.push_str(string);
            self.out.push('"');
        } else {
            self.out.push_str(&serde_json::to_string(string).ok()?);
        }
        Some(())
    }

    fn value(&mut self, depth: usize) -> Option<()> {
        if depth > MAX_DEPTH {
            return None;
        }
        match self.tape.number()? as u8 {
            0 => self.out.push_str("null"),
            1 => self.out.push_str("false"),
            2 => self.out.push_str("true"),
            3 => {
                let n = self.tape.number()?;
                if n.fract() != 0.0 || n.abs() > MAX_SAFE {
                    return None;
                }
                // -0 is written 0, as JSON.stringify writes it.
                self.out.push_str(itoa::Buffer::new().format(n as i64));
            }
            4 => self.string()?,
            5 => {
                let count = self.tape.count()?;
                self.out.push('[');
                for i in 0..count {
                    if i > 0 {
                        self.out.push(',');
                    }
                    self.value(depth + 1)?;
                }
                self.out.push(']');
            }
            6 => {
                let count = self.tape.count()?;
                self.out.push('{');
                for i in 0..count {
                    if i > 0 {
                        self.out.push(',');
                    }
                    self.string()?;
                    self.out.push(':');
                    self.value(depth + 1)?;
                }
                self.out.push('}');
            }
            _ => return None,
        }
        Some(())
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use serde_json::{Map, Value};

    use super::*;

    /// The tape and text the package's JavaScript writes for `value` (`writeValues` and `put` in
    /// `pkg/src/tape.mjs`).
    fn taped(value: &Value, numbers: &mut Vec<f64>, text: &mut String) {
        fn string(s: &str, numbers: &mut Vec<f64>, text: &mut String) {
            numbers.push(s.encode_utf16().count() as f64);
            text.push_str(s);
        }
        match value {
            Value::Null => numbers.push(0.0),
            Value::Bool(b) => numbers.push(if *b { 2.0 } else { 1.0 }),
            Value::Number(n) => numbers.extend([3.0, n.as_f64().unwrap()]),
            Value::String(s) => {
                numbers.push(4.0);
                string(s, numbers, text);
            }
            Value::Array(items) => {
                numbers.extend([5.0, items.len() as f64]);
                for item in items {
                    taped(item, numbers, text);
                }
            }
            Value::Object(members) => {
                numbers.extend([6.0, members.len() as f64]);
                for (name, member) in members {
                    string(name, numbers, text);
                    taped(member, numbers, text);
                }
            }
        }
    }

    fn any_value() -> impl Strategy<Value = Value> {
        let text = "(\\PC|[\"\\\\\u{0}-\u{1f}\u{7f}\u{2028}é😀]){0,12}";
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            (-9_007_199_254_740_991i64..=9_007_199_254_740_991).prop_map(Value::from),
            text.prop_map(Value::String),
        ];
        leaf.prop_recursive(4, 48, 6, move |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
                prop::collection::vec((text, inner), 0..6)
                    .prop_map(|members| Value::Object(members.into_iter().collect::<Map<_, _>>())),
            ]
        })
    }

    proptest! {
        #[test]
        fn any_value_is_written_as_serde_json_writes_it(value in any_value()) {
            let (mut numbers, mut text) = (Vec::new(), String::new());
            taped(&value, &mut numbers, &mut text);
            prop_assert_eq!(json(&numbers, &text), Some(serde_json::to_string(&value).unwrap()));
        }
    }

    fn json(numbers: &[f64], text: &str) -> Option<String> {
        let mut out = String::new();
        write_json(numbers, text, &mut out)?;
        Some(out)
    }

    #[test]
    fn values_are_written_as_json_stringify_writes_them() {
        let numbers = [
            // An array of five values:
            &[5.0, 5.0][..],
            // "a\"b",
            &[4.0, 3.0],
            // [null, true, false],
            &[5.0, 3.0, 0.0, 2.0, 1.0],
            // {"k": -3298535473152},
            &[6.0, 1.0, 1.0, 3.0, -3298535473152.0],
            // -0,
            &[3.0, -0.0],
            // "é😀x", four UTF-16 units.
            &[4.0, 4.0],
        ]
        .concat();
        assert_eq!(
            json(&numbers, "a\"bké😀x").as_deref(),
            Some(r#"["a\"b",[null,true,false],{"k":-3298535473152},0,"é😀x"]"#)
        );
        assert_eq!(
            json(&[4.0, 3.0], "\n\u{1f}\\").as_deref(),
            Some(r#""\n\u001f\\""#)
        );
        assert_eq!(json(&[5.0, 0.0], "").as_deref(), Some("[]"));
        assert_eq!(json(&[6.0, 0.0], "").as_deref(), Some("{}"));
    }

    #[test]
    fn strings_are_escaped_each_as_it_needs() {
        let two = [5.0, 2.0, 4.0, 2.0, 4.0, 2.0];
        assert_eq!(json(&two, "ab\"c").as_deref(), Some(r#"["ab","\"c"]"#));
        assert_eq!(json(&two, "a\tbc").as_deref(), Some(r#"["a\t","bc"]"#));
        assert_eq!(json(&two, "abcd").as_deref(), Some(r#"["ab","cd"]"#));
        let bytewise = |b: &[u8]| b.iter().any(|&c| c == b'"' || c == b'\\' || c < 0x20);
        for len in 0..24 {
            for at in 0..len {
                for special in [b'"', b'\\', 0, 0x1f, b'\n', b' ', 0x7f, 0xff] {
                    let mut bytes: Vec<u8> = (0..len).map(|i| b'a' + (i % 26) as u8).collect();
                    bytes[at] = special;
                    assert_eq!(needs_escapes(&bytes), bytewise(&bytes), "{bytes:?}");
                }
            }
        }
    }

    #[test]
    fn anything_but_one_whole_value_of_safe_integers_is_refused() {
        for (numbers, text) in [
            (&[3.0, 0.5][..], ""),
            (&[3.0, 9_007_199_254_740_992.0], ""),
            (&[3.0, f64::NAN], ""),
            (&[3.0, f64::INFINITY], ""),
            // Left over: a value, a number, a text.
            (&[0.0, 0.0], ""),
            (&[5.0, 1.0], ""),
            (&[0.0], "x"),
            // A string past the text, or ending inside a character.
            (&[4.0, 2.0], "x"),
            (&[4.0, 1.0], "😀"),
            (&[7.0], ""),
            (&[5.0, -1.0], ""),
            (&[], ""),
        ] {
            assert_eq!(json(numbers, text), None, "{numbers:?} {text:?}");
        }
        let mut deep: Vec<f64> = [5.0, 1.0].repeat(MAX_DEPTH + 2);
        deep.push(0.0);
        assert_eq!(json(&deep, ""), None);
    }
}
