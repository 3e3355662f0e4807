//! The per-part checks: finding a flag's `KEY=VALUE` parts and checking one part's value (an
//! integer in its range, a list of them, a `BYDAY` entry, `FREQ`, `INTERVAL`), each error carrying
//! the byte offset of what it refuses.

use super::values::{integer, weekday, BadInteger, FREQUENCIES};
use super::{Checker, MAX_INTERVAL};
use crate::flag::{body_start, is_name, key_is, FlagError, FlagErrorKind, Part};
use crate::rule::{Frequency, WeekdayNum};

/// The `expected` text for an empty entry in a comma-separated list.
pub(super) const LIST: &str = "a comma-separated list without empty entries";

/// The comma-separated entries of a value, each with its byte offset in the flag: a byte search
/// (`,` is ASCII, so every entry lies on character boundaries), cheaper on such short text than a
/// `str` pattern.
struct Items<'a> {
    /// What is left, `None` after the last entry.
    rest: Option<&'a str>,
    /// The byte offset of `rest`.
    at: usize,
}

impl<'a> Iterator for Items<'a> {
    type Item = (&'a str, usize);

    fn next(&mut self) -> Option<(&'a str, usize)> {
        let rest = self.rest?;
        let here = self.at;
        match rest.bytes().position(|b| b == b',') {
            Some(comma) => {
                let (item, tail) = rest.split_at(comma);
                self.rest = tail.get(1..);
                self.at += comma + 1;
                Some((item, here))
            }
            None => {
                self.rest = None;
                Some((rest, here))
            }
        }
    }
}

/// The part `p` of the flag `text`.
fn field<'a>(text: &'a str, p: &Part) -> Field<'a> {
    Field {
        key_at: p.key.start,
        value: &text[p.value.clone()],
        value_at: p.value.start,
    }
}

/// One `KEY=VALUE` part: its value, and the byte offsets of its key and value in the whole flag.
#[derive(Debug, Clone, Copy)]
pub(super) struct Field<'a> {
    pub(super) key_at: usize,
    pub(super) value: &'a str,
    pub(super) value_at: usize,
}

impl<'a> Checker<'a> {
    /// The part `p` of this flag.
    pub(super) fn field(&self, p: &Part) -> Field<'a> {
        field(self.text, p)
    }

    /// The part named `key` (keys are unique: the parser refuses duplicates).
    pub(super) fn find(&self, key: &str) -> Option<Field<'a>> {
        // Lengths first, on bytes: most keys differ in theirs.
        let bytes = self.text.as_bytes();
        let part = self
            .parts
            .iter()
            .find(|p| key_is(bytes, p, key.as_bytes()))?;
        Some(field(self.text, part))
    }

    /// The part named `key`, or [`FlagErrorKind::MissingKey`] at the start of the parts.
    pub(super) fn require(&self, key: &'static str) -> Result<Field<'a>, FlagError> {
        self.find(key)
            .ok_or_else(|| self.error(body_start(self.text), FlagErrorKind::MissingKey { key }))
    }

    pub(super) fn error(&self, at: usize, kind: FlagErrorKind) -> FlagError {
        FlagError::new(self.text, at, kind)
    }

    pub(super) fn invalid(
        &self,
        key: &str,
        value: &str,
        at: usize,
        expected: &'static str,
    ) -> FlagError {
        let kind = FlagErrorKind::InvalidValue {
            key: key.to_owned(),
            value: value.to_owned(),
            expected,
        };
        self.error(at, kind)
    }

    pub(super) fn out_of_range(
        &self,
        key: &str,
        value: &str,
        at: usize,
        min: i64,
        max: i64,
    ) -> FlagError {
        let kind = FlagErrorKind::OutOfRange {
            key: key.to_owned(),
            value: value.to_owned(),
            min,
            max,
        };
        self.error(at, kind)
    }

    /// An integer in `min..=max`, written at byte `at`.
    pub(super) fn int_in(
        &self,
        key: &str,
        text: &str,
        at: usize,
        min: i64,
        max: i64,
    ) -> Result<i64, FlagError> {
        match integer(text) {
            Ok(n) if (min..=max).contains(&n) => Ok(n),
            Ok(_) | Err(BadInteger::TooLarge) => Err(self.out_of_range(key, text, at, min, max)),
            Err(BadInteger::NotInteger) => Err(self.invalid(key, text, at, "an integer")),
        }
    }

    /// An integer in `1..=max` or `-max..=-1`. The error names the side the text's sign points to,
    /// so `0` is out of `1..=max` and `-40` out of `-31..=-1`.
    pub(super) fn nonzero(
        &self,
        key: &str,
        text: &str,
        at: usize,
        max: i64,
    ) -> Result<i64, FlagError> {
        match integer(text) {
            Ok(n) if n != 0 && (-max..=max).contains(&n) => Ok(n),
            Ok(_) | Err(BadInteger::TooLarge) => {
                let (min, max) = if text.starts_with('-') {
                    (-max, -1)
                } else {
                    (1, max)
                };
                Err(self.out_of_range(key, text, at, min, max))
            }
            Err(BadInteger::NotInteger) => Err(self.invalid(key, text, at, "an integer")),
        }
    }

    /// An integer field that must fit a `u32` and be at least `min`.
    pub(super) fn u32_in(
        &self,
        key: &str,
        field: Field<'_>,
        min: u32,
        max: u32,
    ) -> Result<u32, FlagError> {
        let (min, max) = (i64::from(min), i64::from(max));
        let n = self.int_in(key, field.value, field.value_at, min, max)?;
        u32::try_from(n).map_err(|_| self.out_of_range(key, field.value, field.value_at, min, max))
    }

    /// The comma-separated entries of a value with their byte offsets; no entry may be empty (an
    /// empty one is reported before anything else about the list).
    pub(super) fn items(
        &self,
        key: &str,
        field: Field<'a>,
    ) -> Result<impl Iterator<Item = (&'a str, usize)> + 'a, FlagError> {
        let entries = move || Items {
            rest: Some(field.value),
            at: field.value_at,
        };
        if let Some((_, at)) = entries().find(|(item, _)| item.is_empty()) {
            return Err(self.invalid(key, field.value, at, LIST));
        }
        Ok(entries())
    }

    /// A list of integers in `min..=max`, ascending and without duplicates.
    pub(super) fn int_list<T: TryFrom<i64>>(
        &self,
        key: &str,
        field: Field<'a>,
        min: i64,
        max: i64,
    ) -> Result<Vec<T>, FlagError> {
        self.sorted(key, field, (min, max), |text, at| {
            self.int_in(key, text, at, min, max)
        })
    }

    /// A list of integers in `±1..=max`, ascending and without duplicates.
    pub(super) fn nonzero_list<T: TryFrom<i64>>(
        &self,
        key: &str,
        field: Field<'a>,
        max: i64,
    ) -> Result<Vec<T>, FlagError> {
        self.sorted(key, field, (-max, max), |text, at| {
            self.nonzero(key, text, at, max)
        })
    }

    /// The checked entries of a list, ascending and without duplicates. `range` is what `check`
    /// allows, at most 768 values (BYYEARDAY's ±366 is the widest); every caller's range fits
    /// `T`, so the conversion error is only a safeguard.
    ///
    /// A bit per value of the range sorts and removes duplicates in one pass, with no sorting code
    /// compiled for each element type.
    pub(super) fn sorted<T: TryFrom<i64>>(
        &self,
        key: &str,
        field: Field<'a>,
        (min, max): (i64, i64),
        check: impl Fn(&str, usize) -> Result<i64, FlagError>,
    ) -> Result<Vec<T>, FlagError> {
        // Room for 768 values, on the stack: the widest range, ±366, has 733.
        let mut seen = [0u64; 12];
        for (text, at) in self.items(key, field)? {
            let n = check(text, at)?;
            let out_of_range = || self.out_of_range(key, text, at, min, max);
            T::try_from(n).map_err(|_| out_of_range())?;
            let bit = usize::try_from(n - min).map_err(|_| out_of_range())?;
            *seen.get_mut(bit / 64).ok_or_else(out_of_range)? |= 1 << (bit % 64);
        }
        let mut values = Vec::new();
        for (word_at, &word) in (0i64..).step_by(64).zip(&seen) {
            let mut rest = word;
            while rest != 0 {
                let bit = i64::from(rest.trailing_zeros());
                rest &= rest - 1;
                values.extend(T::try_from(min + word_at + bit).ok());
            }
        }
        Ok(values)
    }

    /// One `BYDAY` entry: `[+|-][n]XX` with `n` in `1..=53`.
    pub(super) fn weekday_num(&self, text: &'a str, at: usize) -> Result<WeekdayNum, FlagError> {
        const EXPECTED: &str = "a weekday such as MO, 1MO or -1FR";
        // A byte search: the first byte of any other character is none of these.
        let code_at = text
            .bytes()
            .position(|b| !(b.is_ascii_digit() || b == b'+' || b == b'-'))
            .unwrap_or(text.len());
        let (ordinal, code) = text.split_at(code_at);
        if code.is_empty() {
            return Err(self.invalid("BYDAY", text, at, EXPECTED));
        }
        let weekday = weekday(code).ok_or_else(|| {
            let value = code.to_owned();
            self.error(at + code_at, FlagErrorKind::UnknownWeekday { value })
        })?;
        let ordinal = if ordinal.is_empty() {
            None
        } else {
            let n = match integer(ordinal) {
                Ok(n) if n != 0 && (-53..=53).contains(&n) => n,
                Err(BadInteger::NotInteger) => {
                    return Err(self.invalid("BYDAY", text, at, EXPECTED))
                }
                _ => self.nonzero("BYDAY", ordinal, at, 53)?,
            };
            Some(i8::try_from(n).map_err(|_| self.out_of_range("BYDAY", ordinal, at, -53, 53))?)
        };
        Ok(WeekdayNum { ordinal, weekday })
    }

    /// `FREQ`, required, and its part.
    pub(super) fn freq(&self) -> Result<(Frequency, Field<'a>), FlagError> {
        let field = self.require("FREQ")?;
        let freq = FREQUENCIES
            .iter()
            .find(|(name, _)| is_name(field.value.as_bytes(), name.as_bytes()))
            .map(|(_, f)| *f)
            .ok_or_else(|| {
                let value = field.value.to_owned();
                self.error(field.value_at, FlagErrorKind::UnknownFrequency { value })
            })?;
        Ok((freq, field))
    }

    /// `INTERVAL`, 1 when absent.
    pub(super) fn interval(&self) -> Result<u32, FlagError> {
        self.find("INTERVAL")
            .map_or(Ok(1), |f| self.u32_in("INTERVAL", f, 1, MAX_INTERVAL))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rule::validate::testing::{day, err, rule};
    use crate::rule::Weekday;

    // RFC 5545 parts.

    #[test]
    fn frequencies_and_weekdays_are_case_insensitive() {
        for (name, freq) in FREQUENCIES {
            assert_eq!(rule(&format!("FREQ={name}")).frequency(), freq);
            let lower = name.to_ascii_lowercase();
            assert_eq!(rule(&format!("RRULE:FREQ={lower}")).frequency(), freq);
        }
        assert_eq!(
            rule("RRULE:FREQ=WEEKLY;BYDAY=mo,Tu,wE,th,FR,sa,Su;WKST=su").by_day(),
            (0..7)
                .map(|i| day(Weekday::from_days_from_monday(i)))
                .collect::<Vec<_>>()
        );
    }

    #[test]
    fn lists_are_sorted_and_deduplicated() {
        let r = rule(
            "RRULE:FREQ=YEARLY;BYSECOND=59,0,+30,0;BYMINUTE=5,1;BYHOUR=23,0,23;\
             BYMONTHDAY=31,-1,1,-31,+1;BYYEARDAY=-366,366,1;BYWEEKNO=53,-53,+1;\
             BYMONTH=12,1,012;BYSETPOS=366,-1,1,-366",
        );
        assert_eq!(r.by_second(), [0, 30, 59]);
        assert_eq!(r.by_minute(), [1, 5]);
        assert_eq!(r.by_hour(), [0, 23]);
        assert_eq!(r.by_month_day(), [-31, -1, 1, 31]);
        assert_eq!(r.by_year_day(), [-366, 1, 366]);
        assert_eq!(r.by_week_no(), [-53, 1, 53]);
        assert_eq!(r.by_month(), [1, 12]);
        assert_eq!(r.by_set_pos(), [-366, -1, 1, 366]);
    }

    #[test]
    fn interval_bounds() {
        assert_eq!(rule("RRULE:FREQ=DAILY;INTERVAL=+7").interval(), 7);
        assert_eq!(rule("RRULE:FREQ=DAILY;INTERVAL=0001").interval(), 1);
        assert_eq!(
            rule(&format!("RRULE:FREQ=SECONDLY;INTERVAL={MAX_INTERVAL}")).interval(),
            MAX_INTERVAL
        );
        for value in ["0", "-1", "1000001", "99999999999999999999"] {
            let e = err(&format!("RRULE:FREQ=DAILY;INTERVAL={value}"));
            assert_eq!(
                e.kind(),
                &FlagErrorKind::OutOfRange {
                    key: "INTERVAL".into(),
                    value: value.into(),
                    min: 1,
                    max: i64::from(MAX_INTERVAL),
                }
            );
            assert_eq!(e.offset(), 26);
        }
        insta::assert_snapshot!(err("RRULE:FREQ=DAILY;INTERVAL=0").to_string(), @r#"invalid repeatFlag "RRULE:FREQ=DAILY;INTERVAL=0" at byte 26: INTERVAL value 0 is out of range 1..=1000000"#);
    }

    #[test]
    fn count_bounds() {
        assert_eq!(rule("RRULE:FREQ=DAILY;COUNT=1").count(), Some(1));
        assert_eq!(
            rule("RRULE:FREQ=DAILY;COUNT=4294967295").count(),
            Some(u32::MAX)
        );
        for value in [
            "0",
            "-3",
            "4294967296",
            "99999999999999999999",
            "-99999999999999999999",
        ] {
            let e = err(&format!("RRULE:FREQ=DAILY;COUNT={value}"));
            assert!(
                matches!(e.kind(), FlagErrorKind::OutOfRange { .. }),
                "{value}"
            );
            assert_eq!(e.offset(), 23);
        }
        insta::assert_snapshot!(err("RRULE:FREQ=DAILY;COUNT=99999999999999999999").to_string(), @"invalid repeatFlag \"RRULE:FREQ=DAILY;COUNT=99999999999999999999\" at byte 23: COUNT value 99999999999999999999 is out of range 1..=4294967295");
    }

    #[test]
    fn numeric_part_bounds() {
        // (key, accepted, rejected): the edges of each range.
        let cases: [(&str, &[&str], &[&str]); 8] = [
            ("BYSECOND", &["0", "59", "+59"], &["60", "-1"]),
            ("BYMINUTE", &["0", "59"], &["60", "-1"]),
            ("BYHOUR", &["0", "23"], &["24", "-1"]),
            (
                "BYMONTHDAY",
                &["1", "31", "-1", "-31"],
                &["0", "32", "-32", "-0", "+0"],
            ),
            ("BYYEARDAY", &["1", "366", "-366"], &["0", "367", "-367"]),
            ("BYWEEKNO", &["1", "53", "-53"], &["0", "54", "-54"]),
            ("BYMONTH", &["1", "12"], &["0", "13", "-1"]),
            ("BYSETPOS", &["1", "366", "-366"], &["0", "367", "-367"]),
        ];
        for (key, accepted, rejected) in cases {
            let prefix = format!("RRULE:FREQ=YEARLY;BYDAY=MO;{key}=");
            for value in accepted {
                rule(&format!("{prefix}{value}"));
            }
            for value in rejected {
                let e = err(&format!("{prefix}1,{value}"));
                assert!(
                    matches!(e.kind(), FlagErrorKind::OutOfRange { key: k, value: v, .. } if k == key && v == value),
                    "{key}={value}: {e}"
                );
                assert_eq!(e.offset(), prefix.len() + 2, "{key}={value}");
            }
        }
    }

    #[test]
    fn signed_ranges_name_the_side_of_the_sign() {
        insta::assert_snapshot!(err("RRULE:FREQ=MONTHLY;BYMONTHDAY=0").to_string(), @r#"invalid repeatFlag "RRULE:FREQ=MONTHLY;BYMONTHDAY=0" at byte 30: BYMONTHDAY value 0 is out of range 1..=31"#);
        insta::assert_snapshot!(err("RRULE:FREQ=MONTHLY;BYMONTHDAY=-40").to_string(), @r#"invalid repeatFlag "RRULE:FREQ=MONTHLY;BYMONTHDAY=-40" at byte 30: BYMONTHDAY value -40 is out of range -31..=-1"#);
    }

    #[test]
    fn leap_seconds_are_refused() {
        let e = err("RRULE:FREQ=MINUTELY;BYSECOND=60");
        assert_eq!(
            e.kind(),
            &FlagErrorKind::OutOfRange {
                key: "BYSECOND".into(),
                value: "60".into(),
                min: 0,
                max: 59
            }
        );
    }

    #[test]
    fn non_integers() {
        for (text, at, value) in [
            ("RRULE:FREQ=DAILY;INTERVAL=two", 26, "two"),
            ("RRULE:FREQ=DAILY;INTERVAL=", 26, ""),
            ("RRULE:FREQ=DAILY;COUNT=1.5", 23, "1.5"),
            ("RRULE:FREQ=DAILY;COUNT=+", 23, "+"),
            ("RRULE:FREQ=DAILY;COUNT=--1", 23, "--1"),
            ("RRULE:FREQ=DAILY;COUNT= 1", 23, " 1"),
            ("RRULE:FREQ=DAILY;BYHOUR=1,x", 26, "x"),
            ("RRULE:FREQ=DAILY;BYHOUR=１", 24, "１"),
        ] {
            let e = err(text);
            assert_eq!(e.offset(), at, "{text}");
            assert!(
                matches!(e.kind(), FlagErrorKind::InvalidValue { value: v, expected: "an integer", .. } if v == value),
                "{text}: {e}"
            );
        }
        insta::assert_snapshot!(err("RRULE:FREQ=DAILY;INTERVAL=two").to_string(), @r#"invalid repeatFlag "RRULE:FREQ=DAILY;INTERVAL=two" at byte 26: INTERVAL="two" is not an integer"#);
    }

    #[test]
    fn empty_list_entries() {
        for (text, at) in [
            ("RRULE:FREQ=WEEKLY;BYDAY=MO,,TU", 27),
            ("RRULE:FREQ=WEEKLY;BYDAY=MO,", 27),
            ("RRULE:FREQ=WEEKLY;BYDAY=", 24),
            ("RRULE:FREQ=YEARLY;BYMONTH=,1", 26),
            ("RRULE:FREQ=DAILY;TT_SKIP=WEEKEND,", 33),
            ("ERULE:NAME=CUSTOM;BYDATE=20260101,,20260102", 34),
        ] {
            let e = err(text);
            assert_eq!(e.offset(), at, "{text}");
            assert!(
                matches!(e.kind(), FlagErrorKind::InvalidValue { expected: LIST, .. }),
                "{text}: {e}"
            );
        }
        insta::assert_snapshot!(err("RRULE:FREQ=WEEKLY;BYDAY=MO,,TU").to_string(), @r#"invalid repeatFlag "RRULE:FREQ=WEEKLY;BYDAY=MO,,TU" at byte 27: BYDAY="MO,,TU" is not a comma-separated list without empty entries"#);
    }

    #[test]
    fn weekday_errors() {
        let e = err("RRULE:FREQ=DAILY;BYDAY=XX");
        assert_eq!(e.offset(), 23);
        insta::assert_snapshot!(e.to_string(), @r#"invalid repeatFlag "RRULE:FREQ=DAILY;BYDAY=XX" at byte 23: unknown weekday "XX""#);
        for (text, at, code) in [
            ("RRULE:FREQ=MONTHLY;BYDAY=MO,-1XX", 30, "XX"),
            ("RRULE:FREQ=MONTHLY;BYDAY=MON", 25, "MON"),
            ("RRULE:FREQ=MONTHLY;BYDAY=1M0", 26, "M0"),
            ("RRULE:FREQ=MONTHLY;BYDAY=MÖ", 25, "MÖ"),
            ("RRULE:FREQ=DAILY;WKST=SUN", 22, "SUN"),
            ("RRULE:FREQ=DAILY;WKST=", 22, ""),
        ] {
            let e = err(text);
            assert_eq!(e.offset(), at, "{text}");
            assert_eq!(
                e.kind(),
                &FlagErrorKind::UnknownWeekday { value: code.into() },
                "{text}"
            );
        }
        for (text, at) in [
            ("RRULE:FREQ=MONTHLY;BYDAY=1", 25),
            ("RRULE:FREQ=MONTHLY;BYDAY=+MO", 25),
            ("RRULE:FREQ=MONTHLY;BYDAY=1-MO", 25),
            ("RRULE:FREQ=MONTHLY;BYDAY=TU,--1MO", 28),
        ] {
            let e = err(text);
            assert_eq!(e.offset(), at, "{text}");
            assert!(
                matches!(e.kind(), FlagErrorKind::InvalidValue { .. }),
                "{text}"
            );
        }
        insta::assert_snapshot!(err("RRULE:FREQ=MONTHLY;BYDAY=+MO").to_string(), @r#"invalid repeatFlag "RRULE:FREQ=MONTHLY;BYDAY=+MO" at byte 25: BYDAY="+MO" is not a weekday such as MO, 1MO or -1FR"#);
        for ordinal in ["0", "54", "-54", "+0", "99999999999999999999"] {
            let e = err(&format!("RRULE:FREQ=MONTHLY;BYDAY=TU,{ordinal}MO"));
            assert_eq!(e.offset(), 28, "{ordinal}");
            assert!(
                matches!(e.kind(), FlagErrorKind::OutOfRange { key, value, .. } if key == "BYDAY" && value == ordinal),
                "{ordinal}"
            );
        }
        insta::assert_snapshot!(err("RRULE:FREQ=MONTHLY;BYDAY=-54MO").to_string(), @r#"invalid repeatFlag "RRULE:FREQ=MONTHLY;BYDAY=-54MO" at byte 25: BYDAY value -54 is out of range -53..=-1"#);
    }

    #[test]
    fn frequency_errors() {
        let e = err("RRULE:INTERVAL=2");
        assert_eq!(e.offset(), 6);
        insta::assert_snapshot!(e.to_string(), @r#"invalid repeatFlag "RRULE:INTERVAL=2" at byte 6: FREQ is missing"#);
        assert_eq!(err("INTERVAL=2").offset(), 0);
        assert_eq!(err("RRULE:").offset(), 6);
        let e = err("RRULE:FREQ=FORTNIGHTLY");
        assert_eq!(e.offset(), 11);
        insta::assert_snapshot!(e.to_string(), @r#"invalid repeatFlag "RRULE:FREQ=FORTNIGHTLY" at byte 11: unknown FREQ "FORTNIGHTLY""#);
        assert_eq!(
            err("RRULE:FREQ=").kind(),
            &FlagErrorKind::UnknownFrequency { value: "".into() }
        );
        // NONE is only "not recurring" in an RRULE.
        assert!(matches!(
            err("LUNAR:FREQ=NONE").kind(),
            FlagErrorKind::UnknownFrequency { .. }
        ));
    }
}
