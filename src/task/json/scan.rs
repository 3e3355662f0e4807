//! The JSON grammar under [`read_object`](super::read_object): values, strings and their escapes,
//! numbers in serde_json's range, and the search for the bytes that end a string's plain run, eight
//! at a time.

use super::keys::{keys_unique, Key};

/// How many keys of a nested object are kept on the stack for the repeated-key check.
const FEW_KEYS: usize = 8;

/// Validates nested values and copies the text without its whitespace. Positions are byte offsets in
/// the input; everything before `run` has been copied to `out`.
pub(super) struct Scanner<'a> {
    pub(super) input: &'a str,
    pub(super) bytes: &'a [u8],
    /// The compact text so far, up to `run`.
    pub(super) out: Vec<u8>,
    /// Where the input not yet copied to `out` begins.
    pub(super) run: usize,
    /// Keys of the nested objects open, innermost last.
    pub(super) keys: Vec<Key>,
}

impl Scanner<'_> {
    /// Skips whitespace at `i`, leaving it out of the compact text; where the next token is.
    #[inline]
    pub(super) fn whitespace(&mut self, i: usize) -> usize {
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
    pub(super) fn colon(&mut self, i: usize) -> Option<usize> {
        let i = self.whitespace(i);
        (self.bytes.get(i) == Some(&b':')).then(|| self.whitespace(i + 1))
    }

    /// The position in the compact text of the input's position `i`.
    pub(super) fn out_pos(&self, i: usize) -> usize {
        self.out.len() + i.saturating_sub(self.run)
    }

    /// The value at `i`; where it ends. `depth` is how many more levels of nesting are allowed.
    pub(super) fn value(&mut self, i: usize, depth: usize) -> Option<usize> {
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
pub(super) fn string_end(bytes: &[u8], mut i: usize) -> Option<(usize, bool)> {
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
        i += plain_run(bytes.get(i..)?)?;
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
pub(crate) fn plain_run(bytes: &[u8]) -> Option<usize> {
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

#[cfg(test)]
mod tests {
    use super::*;

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
            assert_eq!(plain_run(&t), bytewise(&t), "{t:?}");
        }
    }
}
