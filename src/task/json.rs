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

/// Objects with more keys than this are checked for repeats by sorting them instead of filtering
/// them first.
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
/// them anyway (see [`all_different`]).
pub(crate) fn read_object<'a>(
    input: &'a str,
    mut member: impl FnMut(&'a str, Member) -> Option<()>,
) -> Option<String> {
    // Every position fits a `u32` (see [`Span`]).
    u32::try_from(input.len()).ok()?;
    let bytes = input.as_bytes();
    let mut scan = Scanner {
        input,
        bytes,
        out: Vec::with_capacity(input.len()),
        run: 0,
        keys: Vec::new(),
    };
    let mut i = scan.whitespace(0);
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
            i = scan.colon(end + 1)?;
            let start = scan.out_pos(i);
            let mut plain = false;
            i = if bytes.get(i) == Some(&b'"') {
                let (end, escaped) = string_end(bytes, i + 1)?;
                plain = !escaped;
                end + 1
            } else {
                scan.value(i, inner)?
            };
            let value = Span::new(start, scan.out_pos(i));
            member(
                key_chars,
                Member {
                    key,
                    escaped,
                    value,
                    plain,
                },
            )?;
            i = scan.whitespace(i);
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
    if scan.whitespace(i) != bytes.len() {
        return None;
    }
    if scan.run == 0 {
        // No whitespace anywhere: the input is its own compact text.
        return Some(input.to_owned());
    }
    scan.out.extend_from_slice(bytes.get(scan.run..)?);
    // Pieces of a `str` cut at ASCII whitespace: always UTF-8.
    String::from_utf8(scan.out).ok()
}

/// Whether these names (escapes decoded) are all different.
pub(crate) fn all_different<'a>(mut names: impl Iterator<Item = &'a str>) -> bool {
    // A few are compared pairwise, without allocating; many are sorted.
    let mut few = [""; 16];
    let mut seen = 0;
    while let Some(name) = names.next() {
        if few.iter().take(seen).any(|&f| f == name) {
            return false;
        }
        match few.get_mut(seen) {
            Some(slot) => *slot = name,
            None => {
                let mut all: Vec<&str> = few.to_vec();
                all.push(name);
                all.extend(names);
                all.sort_unstable();
                return all.windows(2).all(|w| !matches!(w, [a, b] if a == b));
            }
        }
        seen += 1;
    }
    true
}

/// How many keys of a nested object are kept on the stack for the repeated-key check.
const FEW_KEYS: usize = 8;

/// A key of an object, for the repeated-key check: where its characters are, and whether it has
/// escapes.
#[derive(Clone, Copy, Default)]
struct Key {
    start: usize,
    end: usize,
    escaped: bool,
}

/// Validates nested values and copies the text without its whitespace. Positions are byte offsets in
/// the input; everything before `run` has been copied to `out`.
struct Scanner<'a> {
    input: &'a str,
    bytes: &'a [u8],
    /// The compact text so far, up to `run`.
    out: Vec<u8>,
    /// Where the input not yet copied to `out` begins.
    run: usize,
    /// Keys of the nested objects open, innermost last.
    keys: Vec<Key>,
}

impl Scanner<'_> {
    /// Skips whitespace at `i`, leaving it out of the compact text; where the next token is.
    #[inline]
    fn whitespace(&mut self, i: usize) -> usize {
        match self.bytes.get(i) {
            Some(&b) if b <= b' ' => self.skip_whitespace(i),
            _ => i,
        }
    }

    fn skip_whitespace(&mut self, start: usize) -> usize {
        let mut i = start;
        while let Some(b' ' | b'\n' | b'\t' | b'\r') = self.bytes.get(i) {
            i += 1;
        }
        if i > start {
            let run = self.bytes.get(self.run..start).unwrap_or_default();
            self.out.extend_from_slice(run);
            self.run = i;
        }
        i
    }

    /// `:` between a key and its value, with any whitespace around it; where the value begins.
    #[inline]
    fn colon(&mut self, i: usize) -> Option<usize> {
        let i = self.whitespace(i);
        (self.bytes.get(i) == Some(&b':')).then(|| self.whitespace(i + 1))
    }

    /// The position in the compact text of the input's position `i`.
    fn out_pos(&self, i: usize) -> usize {
        self.out.len() + i.saturating_sub(self.run)
    }

    /// The value at `i`; where it ends. `depth` is how many more levels of nesting are allowed.
    fn value(&mut self, i: usize, depth: usize) -> Option<usize> {
        match *self.bytes.get(i)? {
            b'"' => string_end(self.bytes, i + 1).map(|(end, _)| end + 1),
            b'{' => self.object(i, depth),
            b'[' => self.array(i, depth),
            b't' => literal(self.bytes, i, b"true"),
            b'f' => literal(self.bytes, i, b"false"),
            b'n' => literal(self.bytes, i, b"null"),
            b'-' | b'0'..=b'9' => number(self.input, i),
            _ => None,
        }
    }

    fn array(&mut self, i: usize, depth: usize) -> Option<usize> {
        let inner = depth.checked_sub(1)?;
        let mut i = self.whitespace(i + 1);
        if self.bytes.get(i) == Some(&b']') {
            return Some(i + 1);
        }
        loop {
            i = self.value(i, inner)?;
            i = self.whitespace(i);
            match self.bytes.get(i)? {
                b',' => i = self.whitespace(i + 1),
                b']' => return Some(i + 1),
                _ => return None,
            }
        }
    }

    fn object(&mut self, i: usize, depth: usize) -> Option<usize> {
        let inner = depth.checked_sub(1)?;
        let mut i = self.whitespace(i + 1);
        if self.bytes.get(i) == Some(&b'}') {
            return Some(i + 1);
        }
        // The keys of a small object stay here; a larger one's go to the scanner's list.
        let mut few = [Key::default(); FEW_KEYS];
        let mut count = 0;
        let base = self.keys.len();
        loop {
            if self.bytes.get(i) != Some(&b'"') {
                return None;
            }
            let (end, escaped) = string_end(self.bytes, i + 1)?;
            let key = Key {
                start: i + 1,
                end,
                escaped,
            };
            match few.get_mut(count) {
                Some(slot) => *slot = key,
                None => {
                    if count == FEW_KEYS {
                        self.keys.extend_from_slice(&few);
                    }
                    self.keys.push(key);
                }
            }
            count += 1;
            i = self.colon(end + 1)?;
            i = self.value(i, inner)?;
            i = self.whitespace(i);
            match self.bytes.get(i)? {
                b',' => i = self.whitespace(i + 1),
                b'}' => break,
                _ => return None,
            }
        }
        let unique = match few.get_mut(..count) {
            Some(keys) => keys_unique(self.input, keys),
            None => {
                let unique = keys_unique(self.input, self.keys.get_mut(base..)?);
                self.keys.truncate(base);
                unique
            }
        };
        unique.then_some(i + 1)
    }
}

/// The string whose characters begin at `i` (after its opening quote): where its closing quote is,
/// and whether it has escapes.
///
/// Inlined where strings are read: most strings end within a few words and have no escapes, and are
/// found here without a call; the others go on in [`escaped_string_end`].
#[inline(always)]
fn string_end(bytes: &[u8], mut i: usize) -> Option<(usize, bool)> {
    while let Some(word) = bytes.get(i..i + 8) {
        let found = special_bytes(u64::from_le_bytes(word.try_into().unwrap_or_default()));
        if found != 0 {
            let end = i + (found.trailing_zeros() / 8) as usize;
            return match bytes.get(end) {
                Some(b'"') => Some((end, false)),
                _ => escaped_string_end(bytes, end),
            };
        }
        i += 8;
    }
    escaped_string_end(bytes, i)
}

/// [`string_end`] from `i`, a position in the string's characters: any escapes met are checked.
fn escaped_string_end(bytes: &[u8], mut i: usize) -> Option<(usize, bool)> {
    let mut escaped = false;
    loop {
        i += special(bytes.get(i..)?)?;
        match *bytes.get(i)? {
            b'"' => return Some((i, escaped)),
            b'\\' => {
                escaped = true;
                i = escape_end(bytes, i + 1)?;
            }
            _ => return None,
        }
    }
}

/// The escape whose letter is at `i` (after its backslash); where it ends. A `\u` escape of a UTF-16
/// surrogate must be a leading one followed by an escaped trailing one, as serde_json requires of
/// text read into strings.
fn escape_end(bytes: &[u8], i: usize) -> Option<usize> {
    match *bytes.get(i)? {
        b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't' => Some(i + 1),
        b'u' => {
            let unit = hex4(bytes, i + 1)?;
            match unit {
                0xDC00..=0xDFFF => None,
                0xD800..=0xDBFF => {
                    let trailing = bytes.get(i + 5..i + 7) == Some(b"\\u")
                        && (0xDC00..=0xDFFF).contains(&hex4(bytes, i + 7)?);
                    trailing.then_some(i + 11)
                }
                _ => Some(i + 5),
            }
        }
        _ => None,
    }
}

/// The four hex digits at `i`.
fn hex4(bytes: &[u8], i: usize) -> Option<u32> {
    bytes
        .get(i..i + 4)?
        .iter()
        .try_fold(0, |n, &b| Some(n * 16 + char::from(b).to_digit(16)?))
}

/// `word` at `i`; where it ends.
fn literal(bytes: &[u8], i: usize, word: &[u8]) -> Option<usize> {
    let end = i + word.len();
    (bytes.get(i..end)? == word).then_some(end)
}

/// The number at `i`, of JSON's grammar and finite as a double (serde_json refuses `1e400`); where
/// it ends.
fn number(input: &str, start: usize) -> Option<usize> {
    let bytes = input.as_bytes();
    let digits = |mut i: usize| {
        while bytes.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        i
    };
    let mut i = start + usize::from(bytes.get(start) == Some(&b'-'));
    i = match bytes.get(i)? {
        b'0' => i + 1,
        b'1'..=b'9' => digits(i + 1),
        _ => return None,
    };
    let mut integer = true;
    if bytes.get(i) == Some(&b'.') {
        integer = false;
        if !bytes.get(i + 1)?.is_ascii_digit() {
            return None;
        }
        i = digits(i + 1);
    }
    if let Some(b'e' | b'E') = bytes.get(i) {
        integer = false;
        i += 1;
        if let Some(b'+' | b'-') = bytes.get(i) {
            i += 1;
        }
        if !bytes.get(i)?.is_ascii_digit() {
            return None;
        }
        i = digits(i);
    }
    // Integers of up to 18 characters are within a double's range; the others are checked.
    if !integer || i - start > 18 {
        let text = input.get(start..i)?;
        if !text.parse::<f64>().ok()?.is_finite() {
            return None;
        }
    }
    Some(i)
}

/// Where the first `"`, `\` or control character of `bytes` is: what ends the plain run of a string.
/// Eight bytes at a time (see [`special_bytes`]).
fn special(bytes: &[u8]) -> Option<usize> {
    let mut at = 0;
    for chunk in bytes.chunks_exact(8) {
        let found = special_bytes(u64::from_le_bytes(<[u8; 8]>::try_from(chunk).ok()?));
        if found != 0 {
            return Some(at + (found.trailing_zeros() / 8) as usize);
        }
        at += 8;
    }
    let rest = bytes.get(at..)?;
    let i = rest
        .iter()
        .position(|&b| b == b'"' || b == b'\\' || b < 0x20)?;
    Some(at + i)
}

/// The `"`, `\` and control characters of eight bytes read as a little-endian word: the high bit of
/// each such byte is set, and maybe of bytes after the first one. A byte is found by the borrow it
/// causes when subtracted from, which can spill into the bytes above it but never below: the lowest
/// set bit is always exact.
#[inline(always)]
fn special_bytes(w: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let zero_byte = |w: u64| w.wrapping_sub(ONES) & !w;
    let quote = zero_byte(w ^ (ONES * u64::from(b'"')));
    let backslash = zero_byte(w ^ (ONES * u64::from(b'\\')));
    let control = w.wrapping_sub(ONES * 0x20) & !w;
    (quote | backslash | control) & HIGH
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
    if keys.len() <= 8 {
        return keys.iter().enumerate().all(|(i, key)| {
            let name = bytes(key);
            keys.iter().take(i).all(|k| bytes(k) != name)
        });
    }
    if keys.len() <= PAIRWISE_KEYS {
        // A filter of the keys seen (two bits of 256 each): only a key whose bits are both set
        // already is compared with the earlier ones.
        let mut seen = [[0u64; 4]; 2];
        for (i, key) in keys.iter().enumerate() {
            let name = bytes(key);
            let hash = fingerprint(name);
            let mut all_set = true;
            for (table, bits) in seen.iter_mut().zip([hash >> 56, (hash >> 48) & 0xff]) {
                let mask = 1u64 << (bits & 63);
                if let Some(word) = table.get_mut((bits >> 6) as usize) {
                    all_set &= *word & mask != 0;
                    *word |= mask;
                }
            }
            if all_set && keys.iter().take(i).any(|k| bytes(k) == name) {
                return false;
            }
        }
        return true;
    }
    keys.sort_unstable_by(|a, b| bytes(a).cmp(bytes(b)));
    keys.windows(2)
        .all(|w| !matches!(w, [a, b] if bytes(a) == bytes(b)))
}

/// A hash of a key's length and a few of its bytes, equal for equal keys.
fn fingerprint(name: &[u8]) -> u64 {
    let byte = |i: usize| u64::from(name.get(i).copied().unwrap_or(0));
    let len = name.len();
    let mixed = len as u64
        ^ byte(0) << 8
        ^ byte(1) << 16
        ^ byte(len / 2) << 24
        ^ byte(len.saturating_sub(1)) << 32;
    mixed.wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

/// The end of the value that starts at `pos` of validated compact JSON text.
fn value_end(text: &[u8], pos: usize) -> usize {
    match text.get(pos) {
        Some(b'"') => skip_string(text, pos),
        Some(b'[' | b'{') => {
            let mut depth = 0usize;
            let mut i = pos;
            while let Some(&b) = text.get(i) {
                match b {
                    b'"' => {
                        i = skip_string(text, i);
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

/// The end of the validated string that starts (with its quote) at `pos`.
fn skip_string(text: &[u8], pos: usize) -> usize {
    let mut i = pos + 1;
    while let Some(plain) = text.get(i..).and_then(special) {
        i += plain;
        match text.get(i) {
            Some(b'"') => return i + 1,
            Some(b'\\') => i += 2,
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
        let key_end = skip_string(bytes, pos);
        let key = object.get(pos + 1..key_end.checked_sub(1)?)?;
        let value_start = key_end + 1;
        let end = value_end(bytes, value_start);
        let value = object.get(value_start..end)?;
        pos = end + 1;
        Some((key, value))
    })
}

/// When the validated compact object `object` begins with the member `name` (written without
/// escapes) whose value is a string without escapes: the object's text after that member.
pub(crate) fn leading_plain_string<'a>(object: &'a str, name: &str) -> Option<&'a str> {
    let rest = object
        .strip_prefix("{\"")?
        .strip_prefix(name)?
        .strip_prefix("\":\"")?;
    let end = special(rest.as_bytes())?;
    match rest.as_bytes().get(end) {
        Some(b'"') => rest.get(end + 1..),
        _ => None,
    }
}

/// The characters of a validated JSON string between its quotes, escapes as written; `None` for
/// another value.
pub(crate) fn string_chars(text: &str) -> Option<&str> {
    text.strip_prefix('"')?.strip_suffix('"')
}

/// The characters of a validated JSON string without its quotes, when it has no escapes.
pub(crate) fn plain_string(text: &str) -> Option<&str> {
    string_chars(text).filter(|inner| !inner.bytes().any(|b| b == b'\\'))
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
    if special(s.as_bytes()).is_none() {
        out.push_str(s);
        out.push('"');
        return;
    }
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
    fn names_are_compared_pairwise_or_sorted() {
        for n in [0usize, 1, 2, 15, 16, 17, 40] {
            let names: Vec<String> = (0..n).map(|i| format!("n{i}")).collect();
            assert!(all_different(names.iter().map(String::as_str)), "{n}");
            for twice in 0..n {
                let mut with: Vec<&str> = names.iter().map(String::as_str).collect();
                with.push(&names[twice]);
                assert!(!all_different(with.iter().copied()), "{n} {twice}");
                with.rotate_right(1);
                assert!(!all_different(with.into_iter()), "{n} {twice}");
            }
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

    #[test]
    fn plain_runs_end_where_bytewise_search_ends() {
        let bytewise = |b: &[u8]| b.iter().position(|&c| c == b'"' || c == b'\\' || c < 0x20);
        let mut texts: Vec<Vec<u8>> = Vec::new();
        for len in 0..40 {
            for at in 0..len {
                for stop in [b'"', b'\\', 0, 0x1f, b'\n'] {
                    let mut t: Vec<u8> = (0..len).map(|i| b'a' + (i % 26) as u8).collect();
                    t[at] = stop;
                    if at + 1 < len {
                        t[at + 1] = b'"';
                    }
                    texts.push(t);
                }
            }
            texts.push("é✓😀 !#~\x7f".bytes().cycle().take(len).collect());
        }
        for t in texts {
            assert_eq!(special(&t), bytewise(&t), "{t:?}");
        }
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

    #[test]
    fn leading_plain_strings_are_found() {
        let object = r#"{"id":"abc","t":1}"#;
        assert_eq!(leading_plain_string(object, "id"), Some(r#","t":1}"#));
        assert_eq!(leading_plain_string(r#"{"id":"abc"}"#, "id"), Some("}"));
        for other in [
            r#"{"id":"a\"c","t":1}"#,
            r#"{"id":5,"t":1}"#,
            r#"{"t":1,"id":"abc"}"#,
            r#"{"idx":"abc"}"#,
            r#"{"\u0069d":"abc"}"#,
            "{}",
        ] {
            assert_eq!(leading_plain_string(other, "id"), None, "{other}");
        }
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
