//! Walkers over compact JSON text already validated: the elements of an array, the members of an
//! object, and an object's leading plain string member.

use super::scan::plain_run;

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
    while let Some(plain) = text.get(i..).and_then(plain_run) {
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
    let end = plain_run(rest.as_bytes())?;
    match rest.as_bytes().get(end) {
        Some(b'"') => rest.get(end + 1..),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
