//! [`read_object`]: one pass over a task's JSON object that validates it as serde_json would, copies
//! it without its insignificant whitespace, and gives the spans of its members in that compact text.

use super::scan::{string_end, Scanner};

/// Deepest nesting of arrays and objects accepted, the outermost included: serde_json's own limit, so
/// that a text accepted here is accepted there too.
pub(crate) const MAX_DEPTH: usize = 127;

/// A byte range of a text (of at most 4 GiB: [`read_object`] refuses longer ones).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Span {
    /// The first byte.
    pub(crate) start: u32,
    /// One past the last byte.
    pub(crate) end: u32,
}

impl Span {
    /// The span of `start..end`, positions of a text [`read_object`] accepted (shorter than 4 GiB).
    fn new(start: usize, end: usize) -> Span {
        Span {
            start: start as u32,
            end: end as u32,
        }
    }

    /// The spanned part of `text` (empty if the span does not fit, which never happens for a span
    /// made from that text).
    pub(crate) fn of(self, text: &str) -> &str {
        text.get(self.start as usize..self.end as usize)
            .unwrap_or_default()
    }
}

/// One member of the object read: where its key and value are in the compact text.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Member {
    /// The key's characters, between its quotes, escapes as written.
    pub(crate) key: Span,
    /// Whether the key has escapes (its characters are then not its name).
    pub(crate) escaped: bool,
    /// The value's JSON text.
    pub(crate) value: Span,
    /// Whether the value is a string without escapes.
    pub(crate) plain: bool,
}

/// Reads a JSON object whose nested objects have unique keys, and gives its compact text. `None` for
/// anything else: text that is not JSON, JSON that is not an object, a key repeated in a nested
/// object, nesting deeper than [`MAX_DEPTH`], a text of 4 GiB or more, or a member refused by
/// `member`.
///
/// `member` sees each member in order: its key's characters (escapes as written) and where the
/// member is in the compact text. The object's own keys are left to it to check, since it reads
/// them anyway (see [`all_different`](super::all_different)).
pub(crate) fn read_object<'a>(
    input: &'a str,
    mut member: impl FnMut(&'a str, Member) -> Option<()>,
) -> Option<String> {
    let (mut scan, mut i) = start(input, Vec::with_capacity(input.len()))?;
    let bytes = scan.bytes;
    if bytes.get(i) != Some(&b'{') {
        return None;
    }
    i = scan.whitespace(i + 1);
    if bytes.get(i) == Some(&b'}') {
        i += 1;
    } else {
        let inner = MAX_DEPTH.checked_sub(1)?;
        loop {
            if bytes.get(i) != Some(&b'"') {
                return None;
            }
            let (end, escaped) = string_end(bytes, i + 1)?;
            let key_chars = input.get(i + 1..end)?;
            let key = Span::new(scan.out_pos(i + 1), scan.out_pos(end));
            let at = scan.colon(end + 1)?;
            let (end, value, plain) = member_value(&mut scan, at, inner)?;
            member(
                key_chars,
                Member {
                    key,
                    escaped,
                    value,
                    plain,
                },
            )?;
            i = scan.whitespace(end);
            match bytes.get(i)? {
                b',' => i = scan.whitespace(i + 1),
                b'}' => {
                    i += 1;
                    break;
                }
                _ => return None,
            }
        }
    }
    compact(scan, i)
}

/// A scanner of `input` that copies its compact text into `out`, and where its first token is;
/// `None` for a text of 4 GiB or more, whose positions would not fit a `u32` (see [`Span`]).
fn start(input: &str, out: Vec<u8>) -> Option<(Scanner<'_>, usize)> {
    u32::try_from(input.len()).ok()?;
    let mut scan = Scanner {
        input,
        bytes: input.as_bytes(),
        out,
        run: 0,
        keys: Vec::new(),
    };
    let i = scan.whitespace(0);
    Some((scan, i))
}

/// The value at `i` (a member's, or an array's element), `depth` more levels of nesting allowed:
/// where it ends, its span of the compact text, and whether it is a string without escapes.
#[inline(always)]
fn member_value(scan: &mut Scanner<'_>, i: usize, depth: usize) -> Option<(usize, Span, bool)> {
    let start = scan.out_pos(i);
    let mut plain = false;
    let end = if scan.bytes.get(i) == Some(&b'"') {
        let (end, escaped) = string_end(scan.bytes, i + 1)?;
        plain = !escaped;
        end + 1
    } else {
        scan.value(i, depth)?
    };
    Some((end, Span::new(start, scan.out_pos(end)), plain))
}

/// The compact text of the scanner's input, which ends at `i` but for whitespace; `None` when
/// something else follows.
fn compact(mut scan: Scanner<'_>, i: usize) -> Option<String> {
    if scan.whitespace(i) != scan.bytes.len() {
        return None;
    }
    if scan.run == 0 {
        // No whitespace anywhere: the input is its own compact text.
        return Some(scan.input.to_owned());
    }
    scan.out.extend_from_slice(scan.bytes.get(scan.run..)?);
    // Pieces of a `str` cut at ASCII whitespace: always UTF-8.
    String::from_utf8(scan.out).ok()
}

/// Reads a JSON array, each value validated as [`read_object`] validates a member's value, and
/// gives its compact text and how many values it has. `None` for text that is not a JSON array, a
/// value [`read_object`] refuses, or one `value` refuses.
///
/// `value` sees each value in order: its place, its span of the compact text, and whether it is a
/// string without escapes.
pub(crate) fn read_values(
    input: &str,
    mut value: impl FnMut(usize, Span, bool) -> Option<()>,
) -> Option<(String, usize)> {
    let (mut scan, mut i) = start(input, Vec::new())?;
    if scan.bytes.get(i) != Some(&b'[') {
        return None;
    }
    i = scan.whitespace(i + 1);
    let inner = MAX_DEPTH.checked_sub(1)?;
    let mut count = 0;
    if scan.bytes.get(i) == Some(&b']') {
        i += 1;
    } else {
        loop {
            let (end, span, plain) = member_value(&mut scan, i, inner)?;
            value(count, span, plain)?;
            count += 1;
            i = scan.whitespace(end);
            match scan.bytes.get(i)? {
                b',' => i = scan.whitespace(i + 1),
                b']' => {
                    i += 1;
                    break;
                }
                _ => return None,
            }
        }
    }
    Some((compact(scan, i)?, count))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::task::json::{all_different, unescape};
    use serde_json::{Map, Value};

    /// The compact text and the members (key, value) of an object with unique keys.
    fn read(text: &str) -> Option<(String, Vec<Member>, Vec<String>)> {
        let mut members = Vec::new();
        let mut names = Vec::new();
        let compact = read_object(text, |key, m| {
            members.push(m);
            names.push(unescape(key).into_owned());
            Some(())
        })?;
        all_different(names.iter().map(String::as_str)).then_some((compact, members, names))
    }

    fn compact(text: &str) -> Option<String> {
        read(text).map(|r| r.0)
    }

    #[test]
    fn whitespace_is_dropped_and_strings_kept() {
        let text = "\t{ \"a\" : [ 1 , 2.5e3 , \"x y\\n\" ] ,\r\n \"b\":{ } }\n";
        let (compact, members, _) = read(text).unwrap();
        assert_eq!(compact, r#"{"a":[1,2.5e3,"x y\n"],"b":{}}"#);
        let spans: Vec<(&str, &str)> = members
            .iter()
            .map(|m| (m.key.of(&compact), m.value.of(&compact)))
            .collect();
        assert_eq!(spans, [("a", r#"[1,2.5e3,"x y\n"]"#), ("b", "{}")]);
    }

    #[test]
    fn whitespace_only_before_the_object_is_dropped() {
        let (compact, members, _) = read(" \n{\"a\":\"b\",\"c\":1}").unwrap();
        assert_eq!(compact, r#"{"a":"b","c":1}"#);
        let spans: Vec<(&str, &str)> = members
            .iter()
            .map(|m| (m.key.of(&compact), m.value.of(&compact)))
            .collect();
        assert_eq!(spans, [("a", r#""b""#), ("c", "1")]);
    }

    #[test]
    fn compact_input_is_kept_as_it_is() {
        let text = r#"{"a":"\u00e9\/","b":-0,"c":1E+2}"#;
        assert_eq!(compact(text).as_deref(), Some(text));
    }

    #[test]
    fn invalid_json_is_refused() {
        for bad in [
            "",
            " ",
            "[]",
            "\"a\"",
            "{",
            "}",
            "{\"a\"}",
            "{\"a\":}",
            "{\"a\":1,}",
            "{,}",
            "{\"a\":1 \"b\":2}",
            "{\"a\":1}x",
            "{\"a\":1}{}",
            "{a:1}",
            "{'a':1}",
            "{\"a\":01}",
            "{\"a\":1.}",
            "{\"a\":.5}",
            "{\"a\":-}",
            "{\"a\":1e}",
            "{\"a\":1e+}",
            "{\"a\":+1}",
            "{\"a\":1e400}",
            "{\"a\":-1e400}",
            "{\"a\":NaN}",
            "{\"a\":Infinity}",
            "{\"a\":tru}",
            "{\"a\":nul}",
            "{\"a\":True}",
            "{\"a\":\"\u{1}\"}",
            "{\"a\":\"tab\there\"}",
            "{\"a\":\"\\x\"}",
            "{\"a\":\"\\u12\"}",
            "{\"a\":\"\\u12g4\"}",
            "{\"a\":\"\\ud800\"}",
            "{\"a\":\"\\udc00\"}",
            "{\"a\":\"\\ud800\\u0041\"}",
            "{\"a\":\"\\ud800x\"}",
            "{\"a\":\"unterminated}",
            "{\"a\":[1,2}",
            "{\"a\":[1,2,]}",
            "{\"a\":{\"b\":1,}}",
            "{\"a\":1}\u{a0}",
            "\u{feff}{}",
        ] {
            assert!(read(bad).is_none(), "{bad:?}");
            assert!(
                serde_json::from_str::<Value>(bad).map_or(true, |v| !v.is_object()),
                "serde_json reads {bad:?} as an object"
            );
        }
    }

    #[test]
    fn repeated_keys_are_refused_at_every_depth() {
        for bad in [
            r#"{"a":1,"a":2}"#,
            r#"{"a":1,"\u0061":2}"#,
            r#"{"x":{"a":1,"b":2,"a":3}}"#,
            r#"{"x":[{"k":1},{"k":1,"k":2}]}"#,
            r#"{"x":[[[{"deep":{"d":1,"d":1}}]]]}"#,
            r#"{"\ud83d\ude00":1,"😀":2}"#,
        ] {
            assert!(read(bad).is_none(), "{bad}");
        }
        // The same key in different objects, or inside a value of a member of the same name, is fine.
        for good in [
            r#"{"a":{"a":{"a":1}},"b":[{"a":1},{"a":1}]}"#,
            r#"{"a":1,"A":2,"a ":3,"\u0062":4}"#,
        ] {
            assert!(read(good).is_some(), "{good}");
        }
    }

    #[test]
    fn many_keys_are_checked_by_sorting() {
        let keys: Vec<String> = (0..2000).map(|i| format!("\"k{i}\":{i}")).collect();
        let good = format!("{{\"o\":{{{}}}}}", keys.join(","));
        assert!(read(&good).is_some());
        let bad = format!("{{\"o\":{{{},\"k1999\":0}}}}", keys.join(","));
        assert!(read(&bad).is_none());
        let top = format!("{{{},\"k0\":0}}", keys.join(","));
        assert!(read(&top).is_none());
        let top = format!("{{{}}}", keys.join(","));
        assert!(read(&top).is_some());
    }

    #[test]
    fn nesting_stops_where_serde_json_stops() {
        let nested = |levels: usize| {
            let inner = levels - 1;
            format!("{{\"a\":{}0{}}}", "[".repeat(inner), "]".repeat(inner))
        };
        for levels in [1, 2, 100, MAX_DEPTH, MAX_DEPTH + 1, 1000, 100_000] {
            let text = nested(levels);
            let ours = read(&text).is_some();
            let theirs = serde_json::from_str::<Value>(&text).is_ok();
            assert_eq!(ours, levels <= MAX_DEPTH, "{levels}");
            assert_eq!(ours, theirs, "{levels}");
        }
        let objects = format!(
            "{}{}",
            "{\"a\":".repeat(MAX_DEPTH + 5),
            "}".repeat(MAX_DEPTH + 5)
        );
        assert!(read(&objects).is_none());
    }

    #[test]
    fn numbers_at_the_edges() {
        for good in [
            "0",
            "-0",
            "-0.0e-0",
            "18446744073709551616",
            "-9223372036854775809",
            "123456789012345678901234567890123456789",
            "1.7976931348623157e308",
            "4.9e-324",
            "1e-400",
            "0e99999",
            "1E+2",
        ] {
            let text = format!("{{\"n\":{good}}}");
            assert_eq!(compact(&text).as_deref(), Some(text.as_str()), "{good}");
            assert!(serde_json::from_str::<Value>(&text).is_ok(), "{good}");
        }
        let huge = format!("{{\"n\":1{}}}", "0".repeat(400));
        assert!(read(&huge).is_none());
        assert!(serde_json::from_str::<Value>(&huge).is_err());
    }

    /// Any JSON value, nested, with awkward strings and numbers.
    #[cfg(not(target_arch = "wasm32"))]
    fn any_json() -> impl proptest::strategy::Strategy<Value = Value> {
        use proptest::prelude::*;
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(Value::from),
            any::<f64>()
                .prop_filter("finite", |f| f.is_finite())
                .prop_map(Value::from),
            "\\PC{0,12}".prop_map(Value::String),
        ];
        leaf.prop_recursive(4, 24, 5, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
                prop::collection::vec(("[a-z\"\\\\]{0,3}", inner), 0..5)
                    .prop_map(|kv| Value::Object(kv.into_iter().collect())),
            ]
        })
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        /// Every object serde_json reads is read here too, to the same value; every cut of it is
        /// refused by both.
        #[test]
        fn objects_read_as_serde_json_reads_them(
            fields in proptest::collection::vec(("[a-z]{1,6}", any_json()), 0..6),
            cut in proptest::prelude::any::<proptest::sample::Index>(),
        ) {
            let object = Value::Object(fields.into_iter().collect());
            for text in [object.to_string(), serde_json::to_string_pretty(&object).unwrap()] {
                let (compact, members, _) = read(&text).expect("an object serde_json reads");
                proptest::prop_assert_eq!(serde_json::from_str::<Value>(&compact).ok(), Some(object.clone()));
                proptest::prop_assert_eq!(members.len(), object.as_object().map_or(0, Map::len));
                let at = cut.index(text.len());
                if text.is_char_boundary(at) {
                    let part = &text[..at];
                    let theirs = serde_json::from_str::<Value>(part).is_ok_and(|v| v.is_object());
                    proptest::prop_assert_eq!(read(part).is_some(), theirs, "{:?}", part);
                }
            }
        }
    }
}
