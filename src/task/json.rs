//! Task JSON read and written as text, without a tree of values.
//!
//! [`read_object`] makes one pass over a JSON object: it validates the text exactly as serde_json
//! reads it (the same grammar, string escapes, number range and nesting limit), refuses an object that
//! repeats a key at any depth, and copies the text without its insignificant whitespace. The caller
//! keeps byte spans of that compact text for the object's members: values the engine never reads stay
//! text, and are written back as they came. A text this module refuses goes to serde_json for the
//! exact error.
//!
//! The walkers ([`elements`], [`members`]) then read arrays and objects of text already validated,
//! and [`unescape`] / [`write_string`] convert strings.

use std::borrow::Cow;

/// Deepest nesting of arrays and objects accepted, the outermost included: serde_json's own limit, so
/// that a text accepted here is accepted there too.
pub(crate) const MAX_DEPTH: usize = 127;

/// Objects with more keys than this are checked for repeats by sorting them instead of comparing
/// each key with the earlier ones.
const PAIRWISE_KEYS: usize = 32;

/// A byte range of a text (of at most 4 GiB: [`read_object`] refuses longer ones).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Span {
    /// The first byte.
    pub(crate) start: u32,
    /// One past the last byte.
    pub(crate) end: u32,
}

impl Span {
    fn new(start: usize, end: usize) -> Option<Span> {
        Some(Span {
            start: u32::try_from(start).ok()?,
            end: u32::try_from(end).ok()?,
        })
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
}

/// A JSON object read: its compact text and its members, in order.
#[derive(Debug)]
pub(crate) struct Object {
    /// The whole object without insignificant whitespace.
    pub(crate) text: String,
    /// The members, spans of `text`.
    pub(crate) members: Vec<Member>,
}

/// Reads a JSON object with unique keys at every depth. `None` for anything else: text that is not
/// JSON, JSON that is not an object, a repeated key, nesting deeper than [`MAX_DEPTH`].
pub(crate) fn read_object(input: &str) -> Option<Object> {
    let mut scan = Scanner {
        input,
        bytes: input.as_bytes(),
        pos: 0,
        out: String::with_capacity(input.len()),
        run: 0,
        keys: Vec::with_capacity(64),
    };
    scan.whitespace();
    if scan.peek()? != b'{' {
        return None;
    }
    let members = scan.top_object()?;
    scan.whitespace();
    if scan.pos != scan.bytes.len() {
        return None;
    }
    let text = if scan.out.is_empty() {
        // No whitespace anywhere: the input is its own compact text.
        input.to_owned()
    } else {
        let rest = input.get(scan.run..)?;
        scan.out.push_str(rest);
        scan.out
    };
    Some(Object { text, members })
}

/// A key seen in an object still open, for the repeated-key check: its characters in the input.
#[derive(Clone, Copy)]
struct Key {
    start: usize,
    end: usize,
    escaped: bool,
}

struct Scanner<'a> {
    input: &'a str,
    bytes: &'a [u8],
    pos: usize,
    /// The compact text so far, up to `run`.
    out: String,
    /// Where the input not yet copied to `out` begins.
    run: usize,
    /// Keys of the objects open, innermost last.
    keys: Vec<Key>,
}

impl Scanner<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn next(&mut self) -> Option<u8> {
        let b = self.peek()?;
        self.pos += 1;
        Some(b)
    }

    fn eat(&mut self, b: u8) -> bool {
        let found = self.peek() == Some(b);
        if found {
            self.pos += 1;
        }
        found
    }

    fn expect(&mut self, b: u8) -> Option<()> {
        self.eat(b).then_some(())
    }

    /// Skips whitespace, leaving it out of the compact text.
    fn whitespace(&mut self) {
        let start = self.pos;
        while let Some(b' ' | b'\n' | b'\t' | b'\r') = self.peek() {
            self.pos += 1;
        }
        if self.pos > start {
            // Whitespace is ASCII: both ends are character boundaries.
            self.out
                .push_str(self.input.get(self.run..start).unwrap_or_default());
            self.run = self.pos;
        }
    }

    /// The position in the compact text of the input's current position.
    fn out_pos(&self) -> usize {
        self.out.len() + self.pos.saturating_sub(self.run)
    }

    /// Any value; `depth` is how many more levels of nesting are allowed.
    fn value(&mut self, depth: usize) -> Option<()> {
        match self.peek()? {
            b'"' => self.string().map(drop),
            b'{' => self.object(depth),
            b'[' => self.array(depth),
            b't' => self.literal(b"true"),
            b'f' => self.literal(b"false"),
            b'n' => self.literal(b"null"),
            b'-' | b'0'..=b'9' => self.number(),
            _ => None,
        }
    }

    fn literal(&mut self, word: &[u8]) -> Option<()> {
        let end = self.pos.checked_add(word.len())?;
        (self.bytes.get(self.pos..end)? == word).then(|| self.pos = end)
    }

    fn array(&mut self, depth: usize) -> Option<()> {
        let inner = depth.checked_sub(1)?;
        self.expect(b'[')?;
        self.whitespace();
        if self.eat(b']') {
            return Some(());
        }
        loop {
            self.value(inner)?;
            self.whitespace();
            match self.next()? {
                b',' => self.whitespace(),
                b']' => return Some(()),
                _ => return None,
            }
        }
    }

    fn object(&mut self, depth: usize) -> Option<()> {
        let inner = depth.checked_sub(1)?;
        self.expect(b'{')?;
        self.whitespace();
        if self.eat(b'}') {
            return Some(());
        }
        let base = self.keys.len();
        loop {
            self.member(inner)?;
            self.whitespace();
            match self.next()? {
                b',' => self.whitespace(),
                b'}' => break,
                _ => return None,
            }
        }
        let unique = keys_unique(self.input, self.keys.get_mut(base..)?);
        self.keys.truncate(base);
        unique.then_some(())
    }

    /// `"key": value`, the key remembered for the repeated-key check; the key's span and escapes and
    /// the value's span, in the compact text.
    fn member(&mut self, depth: usize) -> Option<(Span, bool, Span)> {
        if self.peek()? != b'"' {
            return None;
        }
        let key_start = self.out_pos() + 1;
        let key = self.string()?;
        let key_span = Span::new(key_start, self.out_pos().checked_sub(1)?)?;
        self.keys.push(key);
        self.whitespace();
        self.expect(b':')?;
        self.whitespace();
        let value_start = self.out_pos();
        self.value(depth)?;
        let value = Span::new(value_start, self.out_pos())?;
        Some((key_span, key.escaped, value))
    }

    /// The outermost object, its members recorded.
    fn top_object(&mut self) -> Option<Vec<Member>> {
        let inner = MAX_DEPTH.checked_sub(1)?;
        self.expect(b'{')?;
        self.whitespace();
        let mut members = Vec::with_capacity(32);
        if self.eat(b'}') {
            return Some(members);
        }
        loop {
            let (key, escaped, value) = self.member(inner)?;
            members.push(Member {
                key,
                escaped,
                value,
            });
            self.whitespace();
            match self.next()? {
                b',' => self.whitespace(),
                b'}' => break,
                _ => return None,
            }
        }
        keys_unique(self.input, &mut self.keys).then_some(members)
    }

    /// A string: its characters' span in the input, and whether it has escapes.
    fn string(&mut self) -> Option<Key> {
        self.expect(b'"')?;
        let start = self.pos;
        let mut escaped = false;
        loop {
            let rest = self.bytes.get(self.pos..)?;
            let plain = rest
                .iter()
                .position(|&b| b == b'"' || b == b'\\' || b < 0x20)?;
            self.pos += plain;
            match self.next()? {
                b'"' => {
                    return Some(Key {
                        start,
                        end: self.pos - 1,
                        escaped,
                    })
                }
                b'\\' => {
                    escaped = true;
                    self.escape()?;
                }
                _ => return None,
            }
        }
    }

    /// What follows a backslash. A `\u` escape of a UTF-16 surrogate must be a leading one followed
    /// by an escaped trailing one, as serde_json requires of text read into strings.
    fn escape(&mut self) -> Option<()> {
        match self.next()? {
            b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't' => Some(()),
            b'u' => match self.hex4()? {
                0xDC00..=0xDFFF => None,
                0xD800..=0xDBFF => {
                    self.expect(b'\\')?;
                    self.expect(b'u')?;
                    (0xDC00..=0xDFFF).contains(&self.hex4()?).then_some(())
                }
                _ => Some(()),
            },
            _ => None,
        }
    }

    fn hex4(&mut self) -> Option<u32> {
        let mut n = 0;
        for _ in 0..4 {
            let digit = char::from(self.next()?).to_digit(16)?;
            n = n * 16 + digit;
        }
        Some(n)
    }

    /// A number of JSON's grammar that is finite as a double (serde_json refuses `1e400`).
    fn number(&mut self) -> Option<()> {
        let start = self.pos;
        self.eat(b'-');
        match self.next()? {
            b'0' => {}
            b'1'..=b'9' => self.digits(),
            _ => return None,
        }
        let mut integer = true;
        if self.eat(b'.') {
            integer = false;
            self.digit()?;
            self.digits();
        }
        if let Some(b'e' | b'E') = self.peek() {
            integer = false;
            self.pos += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.pos += 1;
            }
            self.digit()?;
            self.digits();
        }
        // Integers of up to 18 characters are within a double's range; the others are checked.
        if !integer || self.pos - start > 18 {
            let text = self.input.get(start..self.pos)?;
            if !text.parse::<f64>().ok()?.is_finite() {
                return None;
            }
        }
        Some(())
    }

    fn digit(&mut self) -> Option<()> {
        self.next().filter(u8::is_ascii_digit).map(drop)
    }

    fn digits(&mut self) {
        while self.peek().is_some_and(|b| b.is_ascii_digit()) {
            self.pos += 1;
        }
    }
}

/// Whether the keys of one object are all different, as names (escapes decoded).
fn keys_unique(input: &str, keys: &mut [Key]) -> bool {
    let bytes = |k: &Key| input.as_bytes().get(k.start..k.end).unwrap_or_default();
    if keys.len() < 2 {
        return true;
    }
    if keys.iter().any(|k| k.escaped) {
        let mut names: Vec<Cow<'_, str>> = keys
            .iter()
            .map(|k| unescape(input.get(k.start..k.end).unwrap_or_default()))
            .collect();
        names.sort_unstable();
        return names.windows(2).all(|w| !matches!(w, [a, b] if a == b));
    }
    if keys.len() <= PAIRWISE_KEYS {
        // A 128-bit filter of the keys seen: only a key whose bit is already set is compared with
        // the earlier ones.
        let mut seen = 0u128;
        for (i, key) in keys.iter().enumerate() {
            let name = bytes(key);
            let bit = 1u128 << fingerprint(name);
            if seen & bit != 0 && keys.iter().take(i).any(|k| bytes(k) == name) {
                return false;
            }
            seen |= bit;
        }
        return true;
    }
    keys.sort_unstable_by(|a, b| bytes(a).cmp(bytes(b)));
    keys.windows(2)
        .all(|w| !matches!(w, [a, b] if bytes(a) == bytes(b)))
}

/// A number in `0..128` from a key's length and a few of its bytes, equal for equal keys.
fn fingerprint(name: &[u8]) -> u32 {
    let byte = |i: usize| u64::from(name.get(i).copied().unwrap_or(0));
    let len = name.len();
    let mixed = len as u64
        ^ byte(0) << 8
        ^ byte(1) << 16
        ^ byte(len / 2) << 24
        ^ byte(len.saturating_sub(1)) << 32;
    (mixed.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 57) as u32
}

/// The end of the value that starts at `pos` of validated compact JSON text.
fn value_end(text: &[u8], pos: usize) -> usize {
    match text.get(pos) {
        Some(b'"') => string_end(text, pos),
        Some(b'[' | b'{') => {
            let mut depth = 0usize;
            let mut i = pos;
            while let Some(&b) = text.get(i) {
                match b {
                    b'"' => {
                        i = string_end(text, i);
                        continue;
                    }
                    b'[' | b'{' => depth += 1,
                    b']' | b'}' => {
                        depth = depth.saturating_sub(1);
                        if depth == 0 {
                            return i + 1;
                        }
                    }
                    _ => {}
                }
                i += 1;
            }
            text.len()
        }
        _ => {
            let rest = text.get(pos..).unwrap_or_default();
            pos + rest
                .iter()
                .position(|b| matches!(b, b',' | b']' | b'}'))
                .unwrap_or(rest.len())
        }
    }
}

/// The end of the string that starts (with its quote) at `pos`.
fn string_end(text: &[u8], pos: usize) -> usize {
    let mut i = pos + 1;
    while let Some(&b) = text.get(i) {
        match b {
            b'"' => return i + 1,
            b'\\' => i += 2,
            _ => i += 1,
        }
    }
    text.len()
}

/// The elements of a validated compact JSON array, as text.
pub(crate) fn elements(array: &str) -> impl Iterator<Item = &str> {
    let bytes = array.as_bytes();
    let mut pos = 1;
    std::iter::from_fn(move || {
        if !matches!(bytes.first(), Some(b'[')) || pos >= bytes.len().saturating_sub(1) {
            return None;
        }
        let end = value_end(bytes, pos);
        let element = array.get(pos..end)?;
        pos = end + 1;
        Some(element)
    })
}

/// The members of a validated compact JSON object: each key's characters (escapes as written) and
/// its value's text.
pub(crate) fn members(object: &str) -> impl Iterator<Item = (&str, &str)> {
    let bytes = object.as_bytes();
    let mut pos = 1;
    std::iter::from_fn(move || {
        if !matches!(bytes.first(), Some(b'{')) || pos >= bytes.len().saturating_sub(1) {
            return None;
        }
        let key_end = string_end(bytes, pos);
        let key = object.get(pos + 1..key_end.checked_sub(1)?)?;
        let value_start = key_end + 1;
        let end = value_end(bytes, value_start);
        let value = object.get(value_start..end)?;
        pos = end + 1;
        Some((key, value))
    })
}

/// The characters of a validated JSON string between its quotes, escapes as written; `None` for
/// another value.
pub(crate) fn string_chars(text: &str) -> Option<&str> {
    text.strip_prefix('"')?.strip_suffix('"')
}

/// The characters of a validated JSON string without its quotes, when it has no escapes.
pub(crate) fn plain_string(text: &str) -> Option<&str> {
    string_chars(text).filter(|inner| !inner.contains('\\'))
}

/// A validated JSON string's characters (between the quotes) with their escapes decoded.
pub(crate) fn unescape(raw: &str) -> Cow<'_, str> {
    if !raw.contains('\\') {
        return Cow::Borrowed(raw);
    }
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars();
    let mut units = Vec::new();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('b') => out.push('\u{8}'),
            Some('f') => out.push('\u{c}'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some('t') => out.push('\t'),
            Some('u') => {
                let code = (0..4)
                    .filter_map(|_| chars.next()?.to_digit(16))
                    .fold(0u32, |n, d| n * 16 + d);
                units.push(u16::try_from(code).unwrap_or_default());
                // A leading surrogate waits for its trailing one.
                if (0xD800..0xDC00).contains(&code) {
                    continue;
                }
                out.extend(char::decode_utf16(units.drain(..)).map(|c| c.unwrap_or('\u{fffd}')));
            }
            Some(other) => out.push(other),
            None => {}
        }
    }
    Cow::Owned(out)
}

/// Writes `s` as a JSON string, escaped as serde_json escapes it.
pub(crate) fn write_string(out: &mut String, s: &str) {
    out.push('"');
    let mut plain = 0;
    for (i, b) in s.bytes().enumerate() {
        let escape = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            0..=0x1f => "",
            _ => continue,
        };
        out.push_str(s.get(plain..i).unwrap_or_default());
        if escape.is_empty() {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.push_str("\\u00");
            for digit in [b >> 4, b & 0xf] {
                out.push(char::from(
                    HEX.get(usize::from(digit)).copied().unwrap_or(b'0'),
                ));
            }
        } else {
            out.push_str(escape);
        }
        plain = i + 1;
    }
    out.push_str(s.get(plain..).unwrap_or_default());
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    fn compact(text: &str) -> Option<String> {
        read_object(text).map(|o| o.text)
    }

    #[test]
    fn whitespace_is_dropped_and_strings_kept() {
        let text = "\t{ \"a\" : [ 1 , 2.5e3 , \"x y\\n\" ] ,\r\n \"b\":{ } }\n";
        let read = read_object(text).unwrap();
        assert_eq!(read.text, r#"{"a":[1,2.5e3,"x y\n"],"b":{}}"#);
        let spans: Vec<(&str, &str)> = read
            .members
            .iter()
            .map(|m| (m.key.of(&read.text), m.value.of(&read.text)))
            .collect();
        assert_eq!(spans, [("a", r#"[1,2.5e3,"x y\n"]"#), ("b", "{}")]);
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
            assert!(read_object(bad).is_none(), "{bad:?}");
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
            assert!(read_object(bad).is_none(), "{bad}");
        }
        // The same key in different objects, or inside a value of a member of the same name, is fine.
        for good in [
            r#"{"a":{"a":{"a":1}},"b":[{"a":1},{"a":1}]}"#,
            r#"{"a":1,"A":2,"a ":3,"\u0062":4}"#,
        ] {
            assert!(read_object(good).is_some(), "{good}");
        }
    }

    #[test]
    fn many_keys_are_checked_by_sorting() {
        let keys: Vec<String> = (0..2000).map(|i| format!("\"k{i}\":{i}")).collect();
        let good = format!("{{\"o\":{{{}}}}}", keys.join(","));
        assert!(read_object(&good).is_some());
        let bad = format!("{{\"o\":{{{},\"k1999\":0}}}}", keys.join(","));
        assert!(read_object(&bad).is_none());
        let top = format!("{{{},\"k0\":0}}", keys.join(","));
        assert!(read_object(&top).is_none());
    }

    #[test]
    fn nesting_stops_where_serde_json_stops() {
        let nested = |levels: usize| {
            let inner = levels - 1;
            format!("{{\"a\":{}0{}}}", "[".repeat(inner), "]".repeat(inner))
        };
        for levels in [1, 2, 100, MAX_DEPTH, MAX_DEPTH + 1, 1000, 100_000] {
            let text = nested(levels);
            let ours = read_object(&text).is_some();
            let theirs = serde_json::from_str::<Value>(&text).is_ok();
            assert_eq!(ours, levels <= MAX_DEPTH, "{levels}");
            assert_eq!(ours, theirs, "{levels}");
        }
        let objects = format!(
            "{}{}",
            "{\"a\":".repeat(MAX_DEPTH + 5),
            "}".repeat(MAX_DEPTH + 5)
        );
        assert!(read_object(&objects).is_none());
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
        assert!(read_object(&huge).is_none());
        assert!(serde_json::from_str::<Value>(&huge).is_err());
    }

    #[test]
    fn walkers_read_members_and_elements() {
        let array = r#"[{"id":"a","n":[1,{"x":"]}"}]},"s\"]",-1.5e3,null,[],{}]"#;
        let found: Vec<&str> = elements(array).collect();
        assert_eq!(
            found,
            [
                r#"{"id":"a","n":[1,{"x":"]}"}]}"#,
                r#""s\"]""#,
                "-1.5e3",
                "null",
                "[]",
                "{}"
            ]
        );
        assert_eq!(elements("[]").count(), 0);
        assert_eq!(elements("null").count(), 0);
        let object = r#"{"id":"a","n\"q":[1,{"x":"}"}],"e":{}}"#;
        let found: Vec<(&str, &str)> = members(object).collect();
        assert_eq!(
            found,
            [
                ("id", r#""a""#),
                (r#"n\"q"#, r#"[1,{"x":"}"}]"#),
                ("e", "{}")
            ]
        );
        assert_eq!(members("{}").count(), 0);
    }

    #[test]
    fn strings_decode_and_encode_as_serde_json_does() {
        for text in [
            r#""plain""#,
            r#""\u00e9\/\"\\\b\f\n\r\t""#,
            r#""\ud83d\ude00 and \uD83D\uDE00""#,
            r#""\u0000\u001f\u007f\u2028""#,
            r#""çà ✓""#,
        ] {
            let inner = &text[1..text.len() - 1];
            let expected: String = serde_json::from_str(text).unwrap();
            assert_eq!(unescape(inner), expected, "{text}");
            let mut written = String::new();
            write_string(&mut written, &expected);
            assert_eq!(written, serde_json::to_string(&expected).unwrap(), "{text}");
        }
        assert_eq!(plain_string(r#""abc""#), Some("abc"));
        assert_eq!(plain_string(r#""a\nb""#), None);
        assert_eq!(plain_string("12"), None);
    }
}
