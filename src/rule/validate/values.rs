//! Reading one value's text: integers (with a sign, leading zeros, any length), `UNTIL` dates and
//! date-times, weekday codes and `FREQ` names. Nothing here knows where the value stands in the
//! flag; the per-part checks ([`parts`](super::parts)) turn a refusal into an error that says.

use chrono::NaiveTime;

use crate::flag::is_name;
use crate::instant::compact_date;
use crate::rule::{Frequency, Until, Weekday};

/// `FREQ` values by their canonical (upper-case) name.
pub(super) const FREQUENCIES: [(&str, Frequency); 7] = [
    ("SECONDLY", Frequency::Secondly),
    ("MINUTELY", Frequency::Minutely),
    ("HOURLY", Frequency::Hourly),
    ("DAILY", Frequency::Daily),
    ("WEEKLY", Frequency::Weekly),
    ("MONTHLY", Frequency::Monthly),
    ("YEARLY", Frequency::Yearly),
];

/// The canonical name of a frequency, as errors print it.
pub(super) fn freq_name(freq: Frequency) -> &'static str {
    FREQUENCIES
        .iter()
        .find(|(_, f)| *f == freq)
        .map_or("", |(name, _)| name)
}

/// A weekday from its two-letter code, ASCII case-insensitive.
pub(super) fn weekday(code: &str) -> Option<Weekday> {
    (0..7)
        .map(Weekday::from_days_from_monday)
        .find(|w| is_name(code.as_bytes(), w.code().as_bytes()))
}

/// Why a text is not an integer we can use.
pub(super) enum BadInteger {
    /// Not `[+|-]digits`.
    NotInteger,
    /// Digits, but beyond `i64`: out of every range we check.
    TooLarge,
}

/// `[+|-]digits` as an `i64`, without panicking on any input.
pub(super) fn integer(text: &str) -> Result<i64, BadInteger> {
    let (negative, digits) = match text.as_bytes().first() {
        Some(b'+') => (false, &text[1..]),
        Some(b'-') => (true, &text[1..]),
        _ => (false, text),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(BadInteger::NotInteger);
    }
    // Up to 18 digits fit an `i64` whatever they are: no check per digit (a checked 64-bit
    // multiplication is a 128-bit one in WebAssembly).
    if digits.len() <= 18 {
        let n = digits
            .bytes()
            .fold(0i64, |n, b| n * 10 + i64::from(b - b'0'));
        return Ok(if negative { -n } else { n });
    }
    let mut n: i64 = 0;
    for b in digits.bytes() {
        let digit = i64::from(b - b'0');
        n = n
            .checked_mul(10)
            .and_then(|n| {
                if negative {
                    n.checked_sub(digit)
                } else {
                    n.checked_add(digit)
                }
            })
            .ok_or(BadInteger::TooLarge)?;
    }
    Ok(n)
}

/// `UNTIL`: `yyyyMMdd`, `yyyyMMddTHHmmss` (wall-clock) or `yyyyMMddTHHmmssZ` (UTC).
///
/// A second of 60 is refused: chrono represents a leap second only as a fraction of second 59, and
/// TickTick never writes one.
pub(super) fn until(text: &str) -> Option<Until> {
    if text.len() == 8 {
        return compact_date(text).map(Until::Date);
    }
    // `None` when byte 8 is inside a character: then it is not the ASCII `T` either.
    let (date, time) = text.split_at_checked(8)?;
    let date = compact_date(date)?;
    let [t, h0, h1, m0, m1, s0, s1, zone @ ..] = time.as_bytes() else {
        return None;
    };
    let digits = [*h0, *h1, *m0, *m1, *s0, *s1];
    if !t.eq_ignore_ascii_case(&b'T') || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let [h0, h1, m0, m1, s0, s1] = digits.map(|c| u32::from(c - b'0'));
    let local = date.and_time(NaiveTime::from_hms_opt(
        h0 * 10 + h1,
        m0 * 10 + m1,
        s0 * 10 + s1,
    )?);
    match zone {
        [] => Some(Until::Local(local)),
        [z] if z.eq_ignore_ascii_case(&b'Z') => Some(Until::Utc(local)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use crate::flag::FlagErrorKind;
    use crate::rule::validate::testing::{date, datetime, err, rule};
    use crate::rule::Until;

    #[test]
    fn integers_of_every_length() {
        use super::{integer, BadInteger};
        let read = |text: &str| match integer(text) {
            Ok(n) => Ok(n),
            Err(BadInteger::TooLarge) => Err("too large"),
            Err(BadInteger::NotInteger) => Err("not an integer"),
        };
        assert_eq!(read("0"), Ok(0));
        assert_eq!(read("+007"), Ok(7));
        assert_eq!(read("-53"), Ok(-53));
        assert_eq!(read("999999999999999999"), Ok(999_999_999_999_999_999));
        assert_eq!(read("-999999999999999999"), Ok(-999_999_999_999_999_999));
        assert_eq!(read("9223372036854775807"), Ok(i64::MAX));
        assert_eq!(read("-9223372036854775808"), Ok(i64::MIN));
        assert_eq!(read("9223372036854775808"), Err("too large"));
        assert_eq!(read("-9223372036854775809"), Err("too large"));
        assert_eq!(read("0000000000000000000000001"), Ok(1));
        assert_eq!(read("99999999999999999999"), Err("too large"));
        for text in ["", "+", "-", "1a", "+-1", " 1", "1.0", "１"] {
            assert_eq!(read(text), Err("not an integer"), "{text:?}");
        }
        for n in [1i64, 9, 10, 12_345, 999_999_999, 1 << 40, i64::MAX / 10] {
            assert_eq!(read(&n.to_string()), Ok(n));
            assert_eq!(read(&(-n).to_string()), Ok(-n));
        }
    }

    #[test]
    fn until_forms() {
        for (text, until) in [
            ("20260227", Until::Date(date(2026, 2, 27))),
            (
                "20260227T235959Z",
                Until::Utc(datetime(2026, 2, 27, 23, 59, 59)),
            ),
            (
                "20260227t000000z",
                Until::Utc(datetime(2026, 2, 27, 0, 0, 0)),
            ),
            (
                "20260227T093000",
                Until::Local(datetime(2026, 2, 27, 9, 30, 0)),
            ),
            ("20240229", Until::Date(date(2024, 2, 29))),
        ] {
            let r = rule(&format!("RRULE:FREQ=DAILY;UNTIL={text}"));
            assert_eq!(r.until(), Some(until), "{text}");
        }
    }

    #[test]
    fn invalid_until() {
        for text in [
            "20261345",
            "20230229",
            "2026022",
            "202602270",
            "20260227T240000Z",
            "20260227T236000Z",
            "20260227T235960Z",
            "20260227T2359Z",
            "20260227 235959Z",
            "20260227T235959X",
            "20260227T235959ZZ",
            "2026-02-27",
            "+20260227",
            "2026022é",
            "",
        ] {
            let flag = format!("RRULE:FREQ=DAILY;UNTIL={text}");
            let e = err(&flag);
            assert_eq!(e.offset(), 23, "{text}");
            assert!(
                matches!(e.kind(), FlagErrorKind::InvalidValue { key, .. } if key == "UNTIL"),
                "{text}"
            );
        }
        insta::assert_snapshot!(err("RRULE:FREQ=DAILY;UNTIL=20261345").to_string(), @r#"invalid repeatFlag "RRULE:FREQ=DAILY;UNTIL=20261345" at byte 23: UNTIL="20261345" is not a date yyyyMMdd or a date-time yyyyMMddTHHmmss[Z]"#);
    }
}
