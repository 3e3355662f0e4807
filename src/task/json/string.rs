//! JSON strings: their characters read from validated text, escapes decoded, and strings written
//! escaped as serde_json escapes them.

use std::borrow::Cow;

use super::scan::plain_run;

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
    if plain_run(s.as_bytes()).is_none() {
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
