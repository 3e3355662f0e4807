//! Instants and dates as TickTick writes them.

use chrono::{DateTime, NaiveDate, Utc};

use crate::Error;

/// Reads an instant in TickTick's wire form (`2026-01-17T13:16:24.000+0000`) or RFC 3339
/// (`2026-01-17T13:16:24Z`, `2026-01-17T16:16:24+03:00`, any fraction of a second).
///
/// # Errors
///
/// [`Error::InvalidInstant`] naming the text when it is neither.
///
/// ```
/// use ticktick_recur::{format_instant, parse_instant};
/// let t = parse_instant("2026-01-17T16:16:24.5+03:00")?;
/// assert_eq!(format_instant(t), "2026-01-17T13:16:24.000+0000");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn parse_instant(text: &str) -> Result<DateTime<Utc>, Error> {
    let invalid = || Error::InvalidInstant {
        text: text.to_owned(),
    };
    if let Ok(t) = DateTime::parse_from_rfc3339(text) {
        return Ok(t.with_timezone(&Utc));
    }
    // TickTick's wire form writes the offset without a colon: `+0000`.
    DateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%.f%z")
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| invalid())
}

/// Writes an instant in TickTick's wire form: UTC, milliseconds always `.000`
/// (`2026-01-17T13:16:24.000+0000`).
#[must_use]
pub fn format_instant(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%S.000+0000").to_string()
}

/// Reads a calendar date written `yyyyMMdd`, as in `exDate` and `UNTIL`.
///
/// # Errors
///
/// [`Error::InvalidDate`] naming the text when it is not eight digits forming a real date.
///
/// ```
/// let d = ticktick_recur::parse_date("20260227")?;
/// assert_eq!(d.to_string(), "2026-02-27");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn parse_date(text: &str) -> Result<NaiveDate, Error> {
    compact_date(text).ok_or_else(|| Error::InvalidDate {
        text: text.to_owned(),
    })
}

/// Writes a calendar date as `yyyyMMdd`.
#[must_use]
pub fn format_date(d: NaiveDate) -> String {
    d.format("%Y%m%d").to_string()
}

/// `yyyyMMdd` to a date, `None` unless the text is exactly eight ASCII digits forming a real date.
pub(crate) fn compact_date(text: &str) -> Option<NaiveDate> {
    let b = text.as_bytes();
    if b.len() != 8 || !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let num = |r: std::ops::Range<usize>| {
        b[r].iter()
            .fold(0u32, |acc, &c| acc * 10 + u32::from(c - b'0'))
    };
    NaiveDate::from_ymd_opt(num(0..4) as i32, num(4..6), num(6..8))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_and_rfc3339_agree() {
        let wire = parse_instant("2026-01-17T13:16:24.000+0000").unwrap();
        let z = parse_instant("2026-01-17T13:16:24Z").unwrap();
        let off = parse_instant("2026-01-17T16:16:24+03:00").unwrap();
        assert_eq!(wire, z);
        assert_eq!(wire, off);
        assert_eq!(format_instant(wire), "2026-01-17T13:16:24.000+0000");
    }

    #[test]
    fn fractions_are_dropped_on_output() {
        let t = parse_instant("2026-01-17T13:16:24.987654Z").unwrap();
        assert_eq!(format_instant(t), "2026-01-17T13:16:24.000+0000");
    }

    #[test]
    fn bad_instants_name_the_text() {
        for bad in [
            "",
            "2026-13-45T00:00:00Z",
            "yesterday",
            "2026-01-17 13:16:24",
        ] {
            let e = parse_instant(bad).unwrap_err();
            assert_eq!(e, Error::InvalidInstant { text: bad.into() });
        }
    }

    #[test]
    fn compact_dates() {
        assert_eq!(
            compact_date("20240229"),
            NaiveDate::from_ymd_opt(2024, 2, 29)
        );
        assert_eq!(compact_date("20230229"), None);
        assert_eq!(compact_date("2024022"), None);
        assert_eq!(compact_date("2024-2-29"), None);
        assert_eq!(
            format_date(NaiveDate::from_ymd_opt(2026, 3, 1).unwrap()),
            "20260301"
        );
    }
}
