//! Splitting a `repeatFlag` into its parts.
//!
//! The grammar is `[PREFIX ":"] KEY "=" VALUE *(";" KEY "=" VALUE)`, where `PREFIX` is `RRULE`, `ERULE`
//! or `LUNAR` (ASCII case-insensitive) and a text with no `:` before its first `=` is a bare RRULE
//! (`FREQ=DAILY;...`). Empty parts (`;;`, a trailing `;`) are tolerated. Nothing is interpreted here
//! beyond the prefix and `FREQ=NONE`; values are checked by [`crate::rule::validate`].
//!
//! Every split is on an ASCII byte (`:`, `;`, `=`), so every byte range kept in a [`Part`] lies on
//! UTF-8 character boundaries and slicing the text with it cannot panic.

use std::collections::HashSet;

use super::{FlagError, FlagErrorKind, FlagKind, Part, RepeatFlag};

impl RepeatFlag {
    /// Splits `text` into its prefix and `KEY=VALUE` parts, keeping the text byte for byte.
    ///
    /// `""`, `RRULE:FREQ=NONE` and a bare `FREQ=NONE` are [`FlagKind::None`]. Keys are ASCII
    /// case-insensitive; unknown keys are kept as they are.
    ///
    /// # Errors
    ///
    /// A [`FlagError`] with the byte offset of an unknown prefix, a part that is not `KEY=VALUE`, a key
    /// given twice, or a control character (such as a NUL byte).
    ///
    /// ```
    /// use ticktick_recur::{FlagKind, RepeatFlag};
    /// let flag = RepeatFlag::parse("RRULE:FREQ=WEEKLY;WKST=SU;BYDAY=SA;X-NOTE=kept")?;
    /// assert_eq!(flag.kind(), FlagKind::RRule);
    /// assert_eq!(flag.get("x-note"), Some("kept"));
    /// assert_eq!(RepeatFlag::parse("FREQ=NONE")?.kind(), FlagKind::None);
    ///
    /// let err = RepeatFlag::parse("RRULE:FREQ=DAILY;COUNT").unwrap_err();
    /// assert_eq!(err.offset(), 17);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn parse(text: &str) -> Result<RepeatFlag, FlagError> {
        // Split as a flag read once is ([`FewParts`]): one copy of the splitting code.
        let mut parts = FewParts::default();
        let kind = split(text, &mut parts)?;
        Ok(RepeatFlag {
            text: text.to_owned(),
            kind,
            parts: parts.into_vec(),
        })
    }

    /// The flag with its `COUNT` value replaced in place by `count`; every other byte unchanged.
    ///
    /// # Errors
    ///
    /// [`FlagErrorKind::MissingKey`](super::FlagErrorKind::MissingKey) when the flag has no `COUNT`.
    ///
    /// ```
    /// use ticktick_recur::RepeatFlag;
    /// let flag = RepeatFlag::parse("RRULE:FREQ=DAILY;count=10;INTERVAL=2")?;
    /// assert_eq!(flag.with_count(9)?.as_str(), "RRULE:FREQ=DAILY;count=9;INTERVAL=2");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_count(&self, count: u32) -> Result<RepeatFlag, FlagError> {
        self.with_value("COUNT", count)
    }

    /// The flag with its `CYCLE` value replaced in place by `cycle`; every other byte unchanged.
    ///
    /// # Errors
    ///
    /// [`FlagErrorKind::MissingKey`](super::FlagErrorKind::MissingKey) when the flag has no `CYCLE`.
    ///
    /// ```
    /// use ticktick_recur::RepeatFlag;
    /// let flag = RepeatFlag::parse("ERULE:NAME=FORGETTINGCURVE;CYCLE=9")?;
    /// assert_eq!(flag.with_cycle(10)?.as_str(), "ERULE:NAME=FORGETTINGCURVE;CYCLE=10");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_cycle(&self, cycle: u32) -> Result<RepeatFlag, FlagError> {
        self.with_value("CYCLE", cycle)
    }

    /// Checks the flag against RFC 5545 and TickTick's extensions, once, producing the rule the
    /// expander takes.
    ///
    /// # Errors
    ///
    /// A [`FlagError`] naming the offending part and its byte offset.
    ///
    /// ```
    /// use ticktick_recur::{Frequency, Recurrence, RepeatFlag, Weekday};
    /// let flag: RepeatFlag = "RRULE:FREQ=WEEKLY;INTERVAL=1;WKST=SU;UNTIL=20260227;BYDAY=SA".parse()?;
    /// let Recurrence::Rule(rule) = flag.validate()? else { unreachable!() };
    /// assert_eq!(rule.frequency(), Frequency::Weekly);
    /// assert_eq!(rule.week_start(), Weekday::Sunday);
    ///
    /// let err = RepeatFlag::parse("RRULE:FREQ=WEEKLY;BYMONTHDAY=1")?.validate().unwrap_err();
    /// assert_eq!(err.to_string(), r#"invalid repeatFlag "RRULE:FREQ=WEEKLY;BYMONTHDAY=1" at byte 18: BYMONTHDAY is not allowed with FREQ=WEEKLY"#);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn validate(&self) -> Result<crate::Recurrence, FlagError> {
        crate::rule::validate(self)
    }

    /// The byte offset where the parts begin: just after the prefix's `:`, or 0 for a bare RRULE.
    pub(crate) fn body_start(&self) -> usize {
        body_start(&self.text)
    }

    /// Replaces the value of the first part named `key` by `value`, shifting the later parts' ranges.
    fn with_value(&self, key: &'static str, value: u32) -> Result<RepeatFlag, FlagError> {
        let (index, old) = self
            .parts
            .iter()
            .enumerate()
            .find(|(_, p)| self.text[p.key.clone()].eq_ignore_ascii_case(key))
            .map(|(i, p)| (i, p.value.clone()))
            .ok_or_else(|| {
                FlagError::new(
                    &self.text,
                    self.body_start(),
                    FlagErrorKind::MissingKey { key },
                )
            })?;
        let new = value.to_string();
        let mut text = String::with_capacity(self.text.len() + new.len());
        text.push_str(&self.text[..old.start]);
        text.push_str(&new);
        text.push_str(&self.text[old.end..]);

        // Later parts begin at or after `old.end`, so the subtraction cannot underflow.
        let shift = |at: usize| at - old.len() + new.len();
        let parts = self
            .parts
            .iter()
            .enumerate()
            .map(|(i, p)| match i.cmp(&index) {
                std::cmp::Ordering::Less => p.clone(),
                std::cmp::Ordering::Equal => Part {
                    key: p.key.clone(),
                    value: old.start..old.start + new.len(),
                },
                std::cmp::Ordering::Greater => Part {
                    key: shift(p.key.start)..shift(p.key.end),
                    value: shift(p.value.start)..shift(p.value.end),
                },
            })
            .collect();
        Ok(RepeatFlag {
            text,
            kind: self.kind,
            parts,
        })
    }
}

/// The byte offset where the parts of the flag `text` begin: just after the prefix's `:`, or 0 for a
/// bare RRULE.
pub(crate) fn body_start(text: &str) -> usize {
    prefix(text).map_or(0, |(_, body)| body)
}

/// Where [`split`] puts the parts it finds, in order.
pub(crate) trait PartList {
    /// Appends a part.
    fn push(&mut self, part: Part);
    /// The parts so far.
    fn as_slice(&self) -> &[Part];
}

/// A flag's parts without a heap allocation while they are few (a flag has a handful), in a
/// [`Vec`] once there are more: for a flag read once and thrown away
/// ([`crate::rule::validate_text`]), and the one list [`split`] fills (a [`RepeatFlag`] copies
/// its parts out), so that the splitting code is compiled once.
#[derive(Debug, Default)]
pub(crate) struct FewParts {
    len: usize,
    inline: [Part; FewParts::INLINE],
    more: Vec<Part>,
}

impl FewParts {
    /// Up to this many parts are kept inline.
    const INLINE: usize = 8;

    /// The parts, on the heap.
    fn into_vec(self) -> Vec<Part> {
        if self.more.is_empty() {
            self.as_slice().to_vec()
        } else {
            self.more
        }
    }
}

impl PartList for FewParts {
    fn push(&mut self, part: Part) {
        match self.inline.get_mut(self.len) {
            Some(slot) if self.more.is_empty() => {
                *slot = part;
                self.len += 1;
            }
            _ => {
                if self.more.is_empty() {
                    self.more.extend(self.inline.iter().cloned());
                }
                self.more.push(part);
            }
        }
    }

    fn as_slice(&self) -> &[Part] {
        if self.more.is_empty() {
            self.inline.get(..self.len).unwrap_or_default()
        } else {
            &self.more
        }
    }
}

/// Splits `text` into its prefix and `KEY=VALUE` parts, appended to `parts`: what
/// [`RepeatFlag::parse`] does, with its errors, without keeping the text. Gives the flag's kind
/// ([`FlagKind::None`] for `""` and `FREQ=NONE`).
///
/// The text is read as bytes: every separator is ASCII, so every range kept lies on character
/// boundaries, and only an error's text is sliced as a string.
pub(crate) fn split<L: PartList + ?Sized>(
    text: &str,
    parts: &mut L,
) -> Result<FlagKind, FlagError> {
    let error = |offset, kind| FlagError::new(text, offset, kind);
    let bytes = text.as_bytes();
    // An ASCII control character is one byte, and no byte of a longer UTF-8 character is one.
    if let Some(at) = first_control(bytes) {
        let ch = text
            .get(at..)
            .and_then(|rest| rest.chars().next())
            .unwrap_or_default();
        return Err(error(at, FlagErrorKind::ControlCharacter { ch }));
    }
    if text.is_empty() {
        return Ok(FlagKind::None);
    }
    let (kind, body) = match prefix(text) {
        Ok(found) => found,
        Err(prefix) => {
            let prefix = prefix.to_owned();
            return Err(error(0, FlagErrorKind::UnknownPrefix { prefix }));
        }
    };

    let mut keys = Keys::default();
    let mut at = body;
    // The `;`-separated segments, each `at..end`.
    while let Some(rest) = bytes.get(at..).filter(|rest| !rest.is_empty()) {
        let len = rest.iter().position(|&b| b == b';').unwrap_or(rest.len());
        let segment = rest.get(..len).unwrap_or_default();
        let (here, end) = (at, at + len);
        at = end + 1;
        if segment.is_empty() {
            continue;
        }
        let eq = match segment.iter().position(|&b| b == b'=') {
            Some(0) | None => {
                let part = text.get(here..end).unwrap_or_default().to_owned();
                return Err(error(here, FlagErrorKind::MalformedPart { part }));
            }
            Some(eq) => eq,
        };
        let key = text.get(here..here + eq).unwrap_or_default();
        let earlier = parts.as_slice().iter();
        if !keys.insert(
            key,
            earlier.map(|p| text.get(p.key.clone()).unwrap_or_default()),
        ) {
            let key = key.to_owned();
            return Err(error(here, FlagErrorKind::DuplicateKey { key }));
        }
        parts.push(Part {
            key: here..here + eq,
            value: here + eq + 1..end,
        });
    }

    let freq_none = || {
        parts
            .as_slice()
            .iter()
            .find(|p| key_is(bytes, p, b"FREQ"))
            .is_some_and(|p| {
                bytes
                    .get(p.value.clone())
                    .is_some_and(|v| is_name(v, b"NONE"))
            })
    };
    Ok(if kind == FlagKind::RRule && freq_none() {
        FlagKind::None
    } else {
        kind
    })
}

/// Whether the key of part `p` of the flag `bytes` is `key` (upper case; ASCII case-insensitive).
pub(crate) fn key_is(bytes: &[u8], p: &Part, key: &[u8]) -> bool {
    p.key.len() == key.len() && bytes.get(p.key.clone()).is_some_and(|k| is_name(k, key))
}

/// Whether `text` is `name` in any case, for a `name` without lower-case letters (a key, a
/// frequency, a weekday code): `text.eq_ignore_ascii_case(name)`, with one comparison per byte
/// where `text` is upper case too, as flags nearly always are.
pub(crate) fn is_name(text: &[u8], name: &[u8]) -> bool {
    text.len() == name.len()
        && text
            .iter()
            .zip(name)
            .all(|(&b, &n)| b == n || (n.is_ascii_uppercase() && b == n | 0x20))
}

/// The offset of the first ASCII control character (below 0x20, or 0x7F) in `bytes`, looked for
/// eight bytes at a time: a flag is checked for them whole before anything else.
fn first_control(bytes: &[u8]) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH_BITS: u64 = 0x8080_8080_8080_8080;
    let mut chunks = bytes.chunks_exact(8);
    let mut at = 0;
    for chunk in &mut chunks {
        let word = u64::from_le_bytes(<[u8; 8]>::try_from(chunk).unwrap_or_default());
        // A byte below 0x20, or one equal to 0x7F, sets its high bit here (the test may flag a
        // word without one, never miss one).
        let below = word.wrapping_sub(ONES * 0x20) & !word & HIGH_BITS;
        let del = word ^ (ONES * 0x7F);
        let del = del.wrapping_sub(ONES) & !del & HIGH_BITS;
        if below | del != 0 {
            if let Some(i) = chunk.iter().position(u8::is_ascii_control) {
                return Some(at + i);
            }
        }
        at += 8;
    }
    let rest = chunks.remainder().iter().position(u8::is_ascii_control);
    rest.map(|i| at + i)
}

/// The keys met so far, ASCII case-insensitive: compared one by one while they are few (a flag has a
/// handful), hashed once there are many, so that a flag of a million parts is checked in linear time.
#[derive(Default)]
struct Keys {
    many: Option<HashSet<String>>,
}

impl Keys {
    /// Up to this many keys are compared one by one.
    const FEW: usize = 16;

    /// Adds `key` to the keys met so far, `earlier`; `false` when it is one of them.
    fn insert<'a>(
        &mut self,
        key: &str,
        mut earlier: impl ExactSizeIterator<Item = &'a str>,
    ) -> bool {
        if self.many.is_none() && earlier.len() < Self::FEW {
            return !earlier.any(|k| k.eq_ignore_ascii_case(key));
        }
        let many = self
            .many
            .get_or_insert_with(|| earlier.map(str::to_ascii_uppercase).collect());
        many.insert(key.to_ascii_uppercase())
    }
}

/// The flag's grammar and the byte offset its parts start at, or the unknown prefix.
fn prefix(text: &str) -> Result<(FlagKind, usize), &str> {
    // The form nearly every flag has.
    if text.as_bytes().starts_with(b"RRULE:") {
        return Ok((FlagKind::RRule, 6));
    }
    // The first `:` or `=`: a prefix ends at a `:` met first.
    let colon = match text.bytes().position(|b| b == b':' || b == b'=') {
        Some(at) if text.as_bytes().get(at) == Some(&b':') => at,
        _ => return Ok((FlagKind::RRule, 0)),
    };
    let name = &text[..colon];
    let kind = [
        ("RRULE", FlagKind::RRule),
        ("ERULE", FlagKind::ERule),
        ("LUNAR", FlagKind::Lunar),
    ]
    .into_iter()
    .find(|(known, _)| name.eq_ignore_ascii_case(known))
    .map(|(_, kind)| kind)
    .ok_or(name)?;
    Ok((kind, colon + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(flag: &RepeatFlag) -> Vec<(&str, &str)> {
        flag.parts().collect()
    }

    #[test]
    fn empty_text_is_not_recurring() {
        let flag = RepeatFlag::parse("").unwrap();
        assert_eq!(flag.kind(), FlagKind::None);
        assert!(!flag.is_recurring());
        assert_eq!(flag.parts().count(), 0);
        assert_eq!(flag.as_str(), "");
    }

    #[test]
    fn prefixes_are_case_insensitive() {
        for (text, kind) in [
            ("RRULE:FREQ=DAILY", FlagKind::RRule),
            ("rrule:FREQ=DAILY", FlagKind::RRule),
            ("ERULE:NAME=CUSTOM;BYDATE=20260319", FlagKind::ERule),
            ("Erule:NAME=CUSTOM;BYDATE=20260319", FlagKind::ERule),
            ("LUNAR:FREQ=MONTHLY;BYMONTHDAY=1", FlagKind::Lunar),
            ("lunar:FREQ=MONTHLY;BYMONTHDAY=1", FlagKind::Lunar),
            ("FREQ=DAILY;INTERVAL=2", FlagKind::RRule),
            ("RRULE:", FlagKind::RRule),
        ] {
            let flag = RepeatFlag::parse(text).unwrap();
            assert_eq!(flag.kind(), kind, "{text}");
            assert_eq!(flag.as_str(), text);
        }
    }

    #[test]
    fn bare_rrule_parts_start_at_zero() {
        let flag = RepeatFlag::parse("FREQ=DAILY;INTERVAL=2").unwrap();
        assert_eq!(flag.body_start(), 0);
        assert_eq!(parts(&flag), [("FREQ", "DAILY"), ("INTERVAL", "2")]);
        assert_eq!(
            flag.parts[1],
            Part {
                key: 11..19,
                value: 20..21
            }
        );
        assert_eq!(
            RepeatFlag::parse("RRULE:FREQ=DAILY").unwrap().body_start(),
            6
        );
    }

    #[test]
    fn a_colon_after_the_first_equals_sign_is_part_of_a_value() {
        let flag = RepeatFlag::parse("FREQ=DAILY;X-URL=https://example.com").unwrap();
        assert_eq!(flag.kind(), FlagKind::RRule);
        assert_eq!(flag.get("x-url"), Some("https://example.com"));
    }

    #[test]
    fn freq_none_is_not_recurring_and_keeps_its_parts() {
        for text in ["RRULE:FREQ=NONE", "FREQ=NONE", "rrule:freq=none;INTERVAL=1"] {
            let flag = RepeatFlag::parse(text).unwrap();
            assert_eq!(flag.kind(), FlagKind::None, "{text}");
            assert_eq!(flag.as_str(), text);
            assert!(flag.get("FREQ").is_some());
        }
    }

    #[test]
    fn empty_parts_are_skipped() {
        let flag = RepeatFlag::parse("RRULE:;FREQ=DAILY;;INTERVAL=1;").unwrap();
        assert_eq!(parts(&flag), [("FREQ", "DAILY"), ("INTERVAL", "1")]);
        assert_eq!(flag.as_str(), "RRULE:;FREQ=DAILY;;INTERVAL=1;");
    }

    #[test]
    fn unknown_parts_survive_byte_for_byte() {
        let text = "RRULE:FREQ=WEEKLY;X-Client=web 6.1;INTERVAL=1;BYEASTER=0;WKST=SU;BYDAY=SA;x=";
        let flag: RepeatFlag = text.parse().unwrap();
        assert_eq!(flag.as_str(), text);
        assert_eq!(flag.to_string(), text);
        assert_eq!(
            parts(&flag),
            [
                ("FREQ", "WEEKLY"),
                ("X-Client", "web 6.1"),
                ("INTERVAL", "1"),
                ("BYEASTER", "0"),
                ("WKST", "SU"),
                ("BYDAY", "SA"),
                ("x", ""),
            ]
        );
        assert_eq!(flag.get("x-client"), Some("web 6.1"));
        assert_eq!(flag.get("X"), Some(""));
        assert_eq!(flag.get("COUNT"), None);
    }

    #[test]
    fn unknown_prefix() {
        let err = RepeatFlag::parse("XRULE:FREQ=DAILY").unwrap_err();
        assert_eq!(err.offset(), 0);
        assert_eq!(
            err.kind(),
            &FlagErrorKind::UnknownPrefix {
                prefix: "XRULE".into()
            }
        );
        insta::assert_snapshot!(err.to_string(), @r#"invalid repeatFlag "XRULE:FREQ=DAILY" at byte 0: unknown prefix "XRULE": expected RRULE:, ERULE: or LUNAR:"#);

        let err = RepeatFlag::parse(":FREQ=DAILY").unwrap_err();
        assert_eq!(
            err.kind(),
            &FlagErrorKind::UnknownPrefix { prefix: "".into() }
        );
        let err = RepeatFlag::parse("EXDATE:20260101").unwrap_err();
        assert_eq!(
            err.kind(),
            &FlagErrorKind::UnknownPrefix {
                prefix: "EXDATE".into()
            }
        );
    }

    #[test]
    fn malformed_part() {
        let err = RepeatFlag::parse("RRULE:FREQ=DAILY;COUNT").unwrap_err();
        assert_eq!(err.offset(), 17);
        insta::assert_snapshot!(err.to_string(), @r#"invalid repeatFlag "RRULE:FREQ=DAILY;COUNT" at byte 17: part "COUNT" is not KEY=VALUE"#);

        let err = RepeatFlag::parse("FREQ=DAILY;=3").unwrap_err();
        assert_eq!(err.offset(), 11);
        assert_eq!(
            err.kind(),
            &FlagErrorKind::MalformedPart { part: "=3".into() }
        );

        let err = RepeatFlag::parse("DAILY").unwrap_err();
        assert_eq!(err.offset(), 0);
        assert_eq!(
            err.kind(),
            &FlagErrorKind::MalformedPart {
                part: "DAILY".into()
            }
        );
    }

    #[test]
    fn duplicate_key() {
        let err = RepeatFlag::parse("RRULE:FREQ=DAILY;COUNT=2;count=3").unwrap_err();
        assert_eq!(err.offset(), 25);
        insta::assert_snapshot!(err.to_string(), @r#"invalid repeatFlag "RRULE:FREQ=DAILY;COUNT=2;count=3" at byte 25: count appears more than once"#);
    }

    #[test]
    fn control_characters_are_found_wherever_they_are() {
        for len in 0..40 {
            for bad in (0u8..0x20).chain([0x7F]) {
                for at in 0..len {
                    let mut text = vec![b'A'; len];
                    text[at] = bad;
                    // A later control character, and bytes around the ASCII ones, change nothing.
                    if at + 2 < len {
                        text[at + 2] = 0x01;
                    }
                    if at > 0 {
                        text[at - 1] = 0x7E;
                    }
                    assert_eq!(first_control(&text), Some(at), "{text:?}");
                }
            }
            let clean: Vec<u8> = (0..len).map(|i| 0x20 + (i * 37 % 0x5F) as u8).collect();
            assert_eq!(first_control(&clean), None, "{clean:?}");
            let high: Vec<u8> = (0..len).map(|i| 0x80 + (i * 29 % 0x80) as u8).collect();
            assert_eq!(first_control(&high), None, "{high:?}");
        }
    }

    #[test]
    fn control_characters_are_errors() {
        let err = RepeatFlag::parse("RRULE:FREQ=DAILY\0").unwrap_err();
        assert_eq!(err.offset(), 16);
        insta::assert_snapshot!(err.to_string(), @r#"invalid repeatFlag "RRULE:FREQ=DAILY\0" at byte 16: control character '\0' is not allowed"#);
        for text in [
            "\0",
            "RRULE:FREQ=DAILY;X-A=\0",
            "RRULE:FREQ=DAILY\n",
            "\tRRULE:FREQ=DAILY",
        ] {
            let err = RepeatFlag::parse(text).unwrap_err();
            assert!(
                matches!(err.kind(), FlagErrorKind::ControlCharacter { .. }),
                "{text:?}"
            );
        }
    }

    #[test]
    fn with_count_edits_only_the_value() {
        let flag = RepeatFlag::parse("RRULE:FREQ=DAILY;INTERVAL=1;COUNT=30;X-A=b").unwrap();
        for (count, text) in [
            (29, "RRULE:FREQ=DAILY;INTERVAL=1;COUNT=29;X-A=b"),
            (9, "RRULE:FREQ=DAILY;INTERVAL=1;COUNT=9;X-A=b"),
            (1000, "RRULE:FREQ=DAILY;INTERVAL=1;COUNT=1000;X-A=b"),
        ] {
            let edited = flag.with_count(count).unwrap();
            assert_eq!(edited.as_str(), text);
            assert_eq!(
                edited,
                RepeatFlag::parse(text).unwrap(),
                "ranges match a fresh parse"
            );
            assert_eq!(edited.get("X-A"), Some("b"));
        }
    }

    #[test]
    fn with_count_keeps_the_key_as_written() {
        let flag = RepeatFlag::parse("count=010;FREQ=DAILY").unwrap();
        let edited = flag.with_count(9).unwrap();
        assert_eq!(edited.as_str(), "count=9;FREQ=DAILY");
        assert_eq!(edited, RepeatFlag::parse("count=9;FREQ=DAILY").unwrap());
    }

    #[test]
    fn with_cycle_edits_only_the_value() {
        let flag = RepeatFlag::parse("ERULE:NAME=FORGETTINGCURVE;CYCLE=9;COUNT=3").unwrap();
        let edited = flag.with_cycle(10).unwrap();
        assert_eq!(
            edited.as_str(),
            "ERULE:NAME=FORGETTINGCURVE;CYCLE=10;COUNT=3"
        );
        assert_eq!(edited, RepeatFlag::parse(edited.as_str()).unwrap());
        assert_eq!(edited.kind(), FlagKind::ERule);
    }

    #[test]
    fn editing_a_missing_key() {
        let flag = RepeatFlag::parse("RRULE:FREQ=DAILY").unwrap();
        let err = flag.with_count(3).unwrap_err();
        assert_eq!(err.offset(), 6);
        insta::assert_snapshot!(err.to_string(), @r#"invalid repeatFlag "RRULE:FREQ=DAILY" at byte 6: COUNT is missing"#);
        let err = flag.with_cycle(3).unwrap_err();
        assert_eq!(err.kind(), &FlagErrorKind::MissingKey { key: "CYCLE" });
        assert!(RepeatFlag::parse("").unwrap().with_count(1).is_err());
    }

    #[test]
    fn non_ascii_text_keeps_offsets_on_char_boundaries() {
        let text = "RRULE:FREQ=DAILY;X-NÄME=über;BYDAY=MÖ";
        let flag = RepeatFlag::parse(text).unwrap();
        assert_eq!(flag.get("X-NÄME"), Some("über"));
        let err = flag.validate().unwrap_err();
        assert_eq!(&text[err.offset()..], "MÖ");

        for text in [
            "ÄRULE:FREQ=DAILY",
            "RRULE:FREQ=DAILY;Ö",
            "RRULE:FREQ=DAILY;É=1;É=2",
            "é",
        ] {
            let err = RepeatFlag::parse(text).unwrap_err();
            assert!(text.is_char_boundary(err.offset()), "{text}");
        }
    }

    #[test]
    fn a_100_kb_flag_parses_in_linear_time() {
        let mut text = String::from("RRULE:FREQ=DAILY");
        let mut i = 0;
        while text.len() < 100_000 {
            text.push_str(&format!(";X-K{i}=v"));
            i += 1;
        }
        let flag = RepeatFlag::parse(&text).unwrap();
        assert_eq!(flag.as_str(), text);
        assert_eq!(flag.parts().count(), i + 1);
        assert!(flag.validate().is_ok());

        // Ten times the parts: a quadratic duplicate check would take ~100 times as long and stall
        // the test run (how long it takes is measured by the `worst_case` example, not asserted).
        let mut big = text.clone();
        while big.len() < 1_000_000 {
            big.push_str(&format!(";X-K{i}=v"));
            i += 1;
        }
        let flag = RepeatFlag::parse(&big).unwrap();
        assert_eq!(flag.parts().count(), i + 1);
        assert!(flag.validate().is_ok());
    }

    /// Flags to mutate: every form the grammar knows.
    const SEEDS: [&str; 8] = [
        "RRULE:FREQ=WEEKLY;INTERVAL=1;WKST=SU;UNTIL=20260227;BYDAY=SA",
        "RRULE:FREQ=MONTHLY;BYDAY=-1FR,+2MO;BYSETPOS=1,-1;COUNT=3",
        "FREQ=YEARLY;BYWEEKNO=-1,53;BYYEARDAY=+366;UNTIL=20260101T000000Z",
        "RRULE:FREQ=MONTHLY;INTERVAL=1;BYMONTHDAY=-1;TT_WORKDAY=-1;TT_SKIP=HOLIDAY,WEEKEND",
        "ERULE:NAME=CUSTOM;BYDATE=20260319,20260320",
        "ERULE:NAME=FORGETTINGCURVE;CYCLE=2;COUNT=5",
        "LUNAR:FREQ=YEARLY;INTERVAL=1;BYMONTH=8;BYMONTHDAY=15",
        "RRULE:FREQ=SECONDLY;BYSECOND=0,59;BYMINUTE=1;BYHOUR=23;TT_TIMES=2",
    ];

    /// Parses, validates and edits `text`; none of it may panic.
    fn exercise(text: &str) {
        match RepeatFlag::parse(text) {
            Ok(flag) => {
                assert_eq!(flag.as_str(), text);
                let _ = flag.validate();
                for flag in [flag.with_count(u32::MAX), flag.with_cycle(0)]
                    .into_iter()
                    .flatten()
                {
                    assert_eq!(flag, RepeatFlag::parse(flag.as_str()).unwrap());
                    let _ = flag.validate();
                }
            }
            Err(err) => {
                assert!(text.is_char_boundary(err.offset()));
                assert!(err.offset() <= text.len());
            }
        }
    }

    #[test]
    fn mutated_flags_never_panic() {
        let alphabet: Vec<char> = "=;:,+-0123456789TZAMOFRSUXé\0ü ".chars().collect();
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = move |n: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % n as u64) as usize
        };
        for seed in SEEDS {
            for _ in 0..400 {
                let mut chars: Vec<char> = seed.chars().collect();
                for _ in 0..1 + next(4) {
                    let at = next(chars.len() + 1);
                    let c = alphabet[next(alphabet.len())];
                    match next(3) {
                        0 => chars.insert(at, c),
                        1 if at < chars.len() => {
                            chars.remove(at);
                        }
                        _ if at < chars.len() => chars[at] = c,
                        _ => chars.push(c),
                    }
                }
                exercise(&chars.into_iter().collect::<String>());
            }
        }
    }

    #[cfg(not(target_arch = "wasm32"))]
    mod prop {
        use proptest::prelude::*;

        proptest! {
            #[test]
            fn arbitrary_text_never_panics(text in any::<String>()) {
                super::exercise(&text);
            }

            #[test]
            fn flag_like_text_never_panics(
                seed in proptest::sample::select(&super::SEEDS[..]),
                tail in "[A-Z0-9=;:,+\\-éü\\x00]{0,40}",
            ) {
                super::exercise(&format!("{seed};{tail}"));
                super::exercise(&format!("{tail}{seed}"));
            }
        }
    }
}
