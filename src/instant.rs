//! Instants and dates as TickTick writes them.

use std::fmt;

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, Timelike, Utc};

use crate::Error;

/// Why a text is not an instant ([`Error::InvalidInstant`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum InstantProblem {
    /// A date and a time of day without a UTC offset (`2026-01-17T13:16:24`): which instant it is
    /// depends on the zone.
    NoOffset,
    /// A date alone (`2026-01-17`, `20260117`).
    DateOnly,
    /// A date shaped `yyyy-MM-dd` that is not in the calendar (`2026-02-31`, `2026-13-01`).
    NoSuchDate,
    /// A time of day shaped `HH:mm:ss` that is not on the clock (`24:00:00`, `12:60:00`).
    NoSuchTime,
    /// A date and a time of day followed by something other than `Z`, `+hh:mm` or `+hhmm`.
    InvalidOffset,
    /// Nothing recognisable as RFC 3339 or TickTick's wire form.
    Unrecognized,
}

impl fmt::Display for InstantProblem {
    /// The explanation after `invalid instant "TEXT": `.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            InstantProblem::NoOffset => {
                "no UTC offset: add Z for UTC or the offset, as in 2026-01-17T13:16:24+03:00"
            }
            InstantProblem::DateOnly => {
                "a date without a time: add the time and a UTC offset, as in 2026-01-17T00:00:00Z"
            }
            InstantProblem::NoSuchDate => "no such date in the calendar",
            InstantProblem::NoSuchTime => "no such time of day",
            InstantProblem::InvalidOffset => {
                "the UTC offset must be Z, +hh:mm or +hhmm, as in 2026-01-17T13:16:24+03:00"
            }
            InstantProblem::Unrecognized => "expected RFC 3339 or yyyy-MM-ddTHH:mm:ss.SSS+0000",
        })
    }
}

/// Reads an instant in TickTick's wire form (`2026-01-17T13:16:24.000+0000`) or RFC 3339
/// (`2026-01-17T13:16:24Z`, `2026-01-17T16:16:24+03:00`, any fraction of a second).
///
/// # Errors
///
/// [`Error::InvalidInstant`] naming the text when it is neither, and saying what is wrong with it
/// ([`InstantProblem`]): no UTC offset, a date alone, a date or time that does not exist, ...
///
/// ```
/// use ticktick_recur::{format_instant, parse_instant};
/// let t = parse_instant("2026-01-17T16:16:24.5+03:00")?;
/// assert_eq!(format_instant(t), "2026-01-17T13:16:24.000+0000");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn parse_instant(text: &str) -> Result<DateTime<Utc>, Error> {
    wire_form(text)
        .or_else(|| rfc3339(text))
        .or_else(|| offset_pattern(text))
        .ok_or_else(|| Error::InvalidInstant {
            text: text.to_owned(),
            problem: diagnose(text),
        })
}

/// What is wrong with a text no instant parser accepts, judged by its shape: `yyyy-MM-dd`, then
/// `T` (or `t` or a space) and `HH:mm:ss` with an optional fraction, then the offset.
fn diagnose(text: &str) -> InstantProblem {
    if compact_date(text).is_some() {
        return InstantProblem::DateOnly;
    }
    let Some((date, rest)) = text.split_at_checked(10) else {
        return InstantProblem::Unrecognized;
    };
    let Some([year, month, day]) = fields(date, b'-', [4, 2, 2]) else {
        return InstantProblem::Unrecognized;
    };
    if i32::try_from(year)
        .ok()
        .and_then(|year| NaiveDate::from_ymd_opt(year, month, day))
        .is_none()
    {
        return InstantProblem::NoSuchDate;
    }
    if rest.is_empty() {
        return InstantProblem::DateOnly;
    }
    let Some((time, offset)) = rest
        .strip_prefix(['T', 't', ' '])
        .and_then(|rest| rest.split_at_checked(8))
    else {
        return InstantProblem::Unrecognized;
    };
    let Some([hour, minute, second]) = fields(time, b':', [2, 2, 2]) else {
        return InstantProblem::Unrecognized;
    };
    // A leap second (second 60) is on the clock, as RFC 3339 allows.
    if hour > 23 || minute > 59 || second > 60 {
        return InstantProblem::NoSuchTime;
    }
    let offset = match offset.strip_prefix(['.', ',']) {
        Some(fraction) => {
            let after = fraction.trim_start_matches(|c: char| c.is_ascii_digit());
            if after.len() == fraction.len() {
                return InstantProblem::Unrecognized;
            }
            after
        }
        None => offset,
    };
    if offset.is_empty() {
        InstantProblem::NoOffset
    } else {
        InstantProblem::InvalidOffset
    }
}

/// The numbers of `text` written as fields of exactly `widths` ASCII digits joined by `separator`.
fn fields<const N: usize>(text: &str, separator: u8, widths: [usize; N]) -> Option<[u32; N]> {
    let mut parts = text.as_bytes().split(|&c| c == separator);
    let mut values = [0; N];
    for (value, width) in values.iter_mut().zip(widths) {
        let part = parts.next()?;
        if part.len() != width || !part.iter().all(u8::is_ascii_digit) {
            return None;
        }
        *value = part.iter().fold(0, |n, &c| n * 10 + u32::from(c - b'0'));
    }
    parts.next().is_none().then_some(values)
}

/// TickTick's exact wire form, `yyyy-MM-ddTHH:mm:ss.SSS+0000`, read digit by digit: every instant of
/// every task comes this way, and chrono's general parser re-reads its pattern each time. Anything
/// else (`None`) goes to the general parsers.
fn wire_form(text: &str) -> Option<DateTime<Utc>> {
    let [y0, y1, y2, y3, b'-', mo0, mo1, b'-', d0, d1, b'T', h0, h1, b':', mi0, mi1, b':', s0, s1, b'.', f0, f1, f2, b'+', b'0', b'0', b'0', b'0'] =
        <[u8; 28]>::try_from(text.as_bytes()).ok()?
    else {
        return None;
    };
    let two = |a: u8, b: u8| Some(digit(a)? * 10 + digit(b)?);
    let year = two(y0, y1)? * 100 + two(y2, y3)?;
    let milli = two(f0, f1)? * 10 + digit(f2)?;
    let date = NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, two(mo0, mo1)?, two(d0, d1)?)?;
    let time = date.and_hms_milli_opt(two(h0, h1)?, two(mi0, mi1)?, two(s0, s1)?, milli)?;
    Some(time.and_utc())
}

/// RFC 3339 (`2026-01-17T13:16:24Z`, `2026-01-17 16:16:24.5+03:00`), exactly as chrono's
/// `DateTime::parse_from_rfc3339` reads it: `T`, `t` or a space between the date and the time, a
/// leap second (second 60) on any minute, any number of fraction digits (nanoseconds kept), then `Z`,
/// `z` or `±hh:mm` with the sign `+`, `-` or `−` (U+2212), under 24 hours.
fn rfc3339(text: &str) -> Option<DateTime<Utc>> {
    let head = <[u8; 19]>::try_from(text.as_bytes().get(..19)?).ok()?;
    let [y0, y1, y2, y3, b'-', mo0, mo1, b'-', d0, d1, b'T' | b't' | b' ', h0, h1, b':', mi0, mi1, b':', s0, s1] =
        head
    else {
        return None;
    };
    let two = |a: u8, b: u8| Some(digit(a)? * 10 + digit(b)?);
    let year = two(y0, y1)? * 100 + two(y2, y3)?;
    let date = NaiveDate::from_ymd_opt(year as i32, two(mo0, mo1)?, two(d0, d1)?)?;
    let (hour, minute) = (two(h0, h1)?, two(mi0, mi1)?);
    // The first 19 bytes are ASCII.
    let rest = text.get(19..)?;
    let (nano, rest) = match rest.strip_prefix('.') {
        Some(fraction) => fraction_nanos(fraction)?,
        None => (0, rest),
    };
    let (offset, rest) = utc_offset(rest, true)?;
    rest.is_empty().then_some(())?;
    at_offset_seconds(date, hour, minute, two(s0, s1)?, nano, offset)
}

/// What `at_offset(date.and_time(clock_time(hour, minute, second, nano)?), offset)` gives, by
/// arithmetic on the seconds of the day: the clock time checked as [`clock_time`] checks it (second
/// 60 a leap second), the offset as [`at_offset`] (under a day), the date moved by a day at most. A
/// leap second stays one: offsets are whole minutes, so its instant's second is 59 too.
fn at_offset_seconds(
    date: NaiveDate,
    hour: u32,
    minute: u32,
    second: u32,
    nano: u32,
    offset: i32,
) -> Option<DateTime<Utc>> {
    if hour > 23 || minute > 59 || second > 60 || nano >= 1_000_000_000 || offset.abs() >= 86_400 {
        return None;
    }
    let (second, nano) = match second {
        60 => (59, nano + 1_000_000_000),
        _ => (second, nano),
    };
    let clock = (hour * 3_600 + minute * 60 + second) as i32 - offset;
    let (date, clock) = match clock {
        ..0 => (date.pred_opt()?, clock + 86_400),
        86_400.. => (date.succ_opt()?, clock - 86_400),
        _ => (date, clock),
    };
    let time = NaiveTime::from_num_seconds_from_midnight_opt(u32::try_from(clock).ok()?, nano)?;
    Some(date.and_time(time).and_utc())
}

/// TickTick's wire form with any offset and fraction, exactly as chrono's
/// `DateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%.f%z")` reads it (`2026-01-17T16:16:24+0300`):
/// whitespace allowed before each number; a year of up to four digits, or signed with any number;
/// one or two digits for the other fields; second 60 a leap second; an optional fraction of any
/// length; then the offset `±hhmm`, whose sign may be `−` (U+2212) and whose hours and minutes may be
/// separated by colons and whitespace.
fn offset_pattern(text: &str) -> Option<DateTime<Utc>> {
    let s = text.trim_start();
    let (year, s) = if let Some(s) = s.strip_prefix('-') {
        let (n, s) = number(s, usize::MAX)?;
        (0i64.checked_sub(n)?, s)
    } else if let Some(s) = s.strip_prefix('+') {
        number(s, usize::MAX)?
    } else {
        number(s, 4)?
    };
    let (month, s) = number(s.strip_prefix('-')?.trim_start(), 2)?;
    let (day, s) = number(s.strip_prefix('-')?.trim_start(), 2)?;
    let (hour, s) = number(s.strip_prefix('T')?.trim_start(), 2)?;
    let (minute, s) = number(s.strip_prefix(':')?.trim_start(), 2)?;
    let (second, s) = number(s.strip_prefix(':')?.trim_start(), 2)?;
    let (nano, s) = match s.strip_prefix('.') {
        Some(fraction) => fraction_nanos(fraction)?,
        None => (0, s),
    };
    let (offset, s) = utc_offset(s.trim_start(), false)?;
    s.is_empty().then_some(())?;
    let small = |n: i64| u32::try_from(n).ok();
    let date = NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, small(month)?, small(day)?)?;
    let time = clock_time(small(hour)?, small(minute)?, small(second)?, nano)?;
    at_offset(date.and_time(time), offset)
}

/// The value of an ASCII digit.
fn digit(c: u8) -> Option<u32> {
    let d = u32::from(c.wrapping_sub(b'0'));
    (d < 10).then_some(d)
}

/// The number written by the 1 to `max` ASCII digits at the start of `s` (as many as there are), and
/// what follows; `None` when there is no digit or the number passes `i64::MAX`.
fn number(s: &str, max: usize) -> Option<(i64, &str)> {
    let count = s.bytes().take(max).take_while(u8::is_ascii_digit).count();
    let (digits, rest) = s.split_at_checked(count)?;
    let mut n = 0i64;
    for c in digits.bytes() {
        n = n.checked_mul(10)?.checked_add(i64::from(c - b'0'))?;
    }
    (count > 0).then_some((n, rest))
}

/// A fraction of a second after its `.`: one or more digits, of which the first nine count, as
/// nanoseconds; and what follows.
fn fraction_nanos(s: &str) -> Option<(u32, &str)> {
    let (n, rest) = number(s, 9)?;
    let digits = s.len() - rest.len();
    let nanos = u32::try_from(n).ok()? * 10u32.pow(9 - u32::try_from(digits).ok()?);
    Some((nanos, rest.trim_start_matches(|c: char| c.is_ascii_digit())))
}

/// The time of day `hour:minute:second` plus `nano` nanoseconds, second 60 being a leap second (the
/// last second of the minute, held for a second more).
fn clock_time(hour: u32, minute: u32, second: u32, nano: u32) -> Option<NaiveTime> {
    let (second, nano) = match second {
        60 => (59, nano.checked_add(1_000_000_000)?),
        _ => (second, nano),
    };
    NaiveTime::from_hms_nano_opt(hour, minute, second, nano)
}

/// A UTC offset at the start of `s`, in seconds east, and what follows: `Z` or `z` (when `rfc3339`),
/// else a sign (`+`, `-` or `−`), two digits of hours, a colon (exactly one when `rfc3339`, else any
/// number of colons and whitespace), two digits of minutes below 60.
fn utc_offset(s: &str, rfc3339: bool) -> Option<(i32, &str)> {
    if rfc3339 {
        // The ASCII forms, byte by byte: `Z`, `z`, `+hh:mm`, `-hh:mm`.
        match *s.as_bytes() {
            [b'Z' | b'z', ..] => return Some((0, s.get(1..)?)),
            [sign @ (b'+' | b'-'), h0, h1, b':', m0, m1, ..] => {
                let (hours, minutes) = (digit(h0)? * 10 + digit(h1)?, digit(m0)? * 10 + digit(m1)?);
                if minutes > 59 {
                    return None;
                }
                let seconds = (hours * 3600 + minutes * 60) as i32;
                return Some((if sign == b'-' { -seconds } else { seconds }, s.get(6..)?));
            }
            _ => {}
        }
    }
    let (negative, s) = match s.strip_prefix(['+', '-', '\u{2212}']) {
        Some(rest) => (!s.starts_with('+'), rest),
        None => return None,
    };
    let (hours, s) = two_digits(s)?;
    let s = if rfc3339 {
        s.strip_prefix(':')?
    } else {
        s.trim_start_matches(|c: char| c == ':' || c.is_whitespace())
    };
    let (minutes, s) = two_digits(s)?;
    if minutes > 59 {
        return None;
    }
    let seconds = i32::try_from(hours * 3600 + minutes * 60).ok()?;
    Some((if negative { -seconds } else { seconds }, s))
}

/// Two ASCII digits at the start of `s`, and what follows.
fn two_digits(s: &str) -> Option<(u32, &str)> {
    match *s.as_bytes() {
        [a, b, ..] => Some((digit(a)? * 10 + digit(b)?, s.get(2..)?)),
        _ => None,
    }
}

/// The instant whose local time at `offset` seconds east of UTC is `local`; offsets of a day or more
/// are refused.
fn at_offset(local: NaiveDateTime, offset: i32) -> Option<DateTime<Utc>> {
    let offset = FixedOffset::east_opt(offset)?;
    Some(
        local
            .and_local_timezone(offset)
            .single()?
            .with_timezone(&Utc),
    )
}

/// Writes an instant in TickTick's wire form: UTC, milliseconds always `.000`
/// (`2026-01-17T13:16:24.000+0000`).
#[must_use]
pub fn format_instant(t: DateTime<Utc>) -> String {
    let mut text = String::with_capacity(28);
    write_instant(&mut text, t);
    text
}

/// Appends an instant in TickTick's wire form to `out` (see [`format_instant`]).
pub(crate) fn write_instant(out: &mut String, t: DateTime<Utc>) {
    // Written digit by digit, four-digit years the fastest: expansions print thousands of instants.
    let utc = t.naive_utc();
    let (date, time) = (utc.date(), utc.time());
    let year = match u32::try_from(date.year()) {
        Ok(year) if year <= 9_999 => year,
        _ => {
            write_date(out, date, "-");
            out.push('T');
            write_time(out, time, ":");
            out.push_str(".000+0000");
            return;
        }
    };
    let seconds = time.num_seconds_from_midnight();
    // A leap second is second 60, as `%S` prints it.
    let second = seconds % 60 + u32::from(time.nanosecond() >= 1_000_000_000);
    let mut text = *b"0000-00-00T00:00:00.000+0000";
    for (at, value, digits) in [
        (0, year, 4),
        (5, date.month(), 2),
        (8, date.day(), 2),
        (11, seconds / 3600, 2),
        (14, seconds / 60 % 60, 2),
        (17, second, 2),
    ] {
        let mut value = value;
        for slot in text.iter_mut().skip(at).take(digits).rev() {
            *slot = b'0' + (value % 10) as u8;
            value /= 10;
        }
    }
    // ASCII digits and punctuation: always UTF-8.
    out.push_str(std::str::from_utf8(&text).unwrap_or_default());
}

/// Appends an integer in decimal to `out`: its sign (`-` when `negative`) and its magnitude.
pub(crate) fn write_integer(out: &mut String, negative: bool, magnitude: u64) {
    if let (false, Ok(digit)) = (negative, u8::try_from(magnitude)) {
        if digit < 10 {
            out.push(char::from(b'0' + digit));
            return;
        }
    }
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut rest = magnitude;
    for slot in digits.iter_mut().rev() {
        *slot = b'0' + (rest % 10) as u8;
        rest /= 10;
        at -= 1;
        if rest == 0 {
            break;
        }
    }
    if negative {
        out.push('-');
    }
    let digits = digits.get(at..).unwrap_or_default();
    out.push_str(std::str::from_utf8(digits).unwrap_or_default());
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
    let mut text = String::with_capacity(8);
    write_date(&mut text, d, "");
    text
}

/// Appends a date as chrono's `%Y{separator}%m{separator}%d` writes it: the year in four digits from
/// 0 to 9999, else signed with at least four (`-0001`, `+10000`); month and day in two.
pub(crate) fn write_date(out: &mut String, d: NaiveDate, separator: &str) {
    let year = d.year();
    if !(0..=9_999).contains(&year) {
        out.push(if year < 0 { '-' } else { '+' });
    }
    let magnitude = year.unsigned_abs();
    let mut width = 1;
    while width < 4 && magnitude >= 10u32.pow(width) {
        width += 1;
    }
    for _ in width..4 {
        out.push('0');
    }
    write_integer(out, false, u64::from(magnitude));
    out.push_str(separator);
    write_two(out, d.month());
    out.push_str(separator);
    write_two(out, d.day());
}

/// Appends a time of day as chrono's `%H{separator}%M{separator}%S` writes it: a leap second is
/// second 60.
pub(crate) fn write_time(out: &mut String, t: NaiveTime, separator: &str) {
    write_two(out, t.hour());
    out.push_str(separator);
    write_two(out, t.minute());
    out.push_str(separator);
    write_two(out, t.second() + u32::from(t.nanosecond() >= 1_000_000_000));
}

/// Appends a number below 100 in two digits.
fn write_two(out: &mut String, n: u32) {
    out.push(char::from(b'0' + (n / 10 % 10) as u8));
    out.push(char::from(b'0' + (n % 10) as u8));
}

/// `yyyyMMdd` to a date, `None` unless the text is exactly eight ASCII digits forming a real date.
pub(crate) fn compact_date(text: &str) -> Option<NaiveDate> {
    let digits = <[u8; 8]>::try_from(text.as_bytes()).ok()?;
    if !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let [y0, y1, y2, y3, m0, m1, d0, d1] = digits.map(|c| u32::from(c - b'0'));
    let year = ((y0 * 10 + y1) * 10 + y2) * 10 + y3;
    // At most 9999: always an `i32`.
    NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, m0 * 10 + m1, d0 * 10 + d1)
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
    fn formatting_matches_the_pattern() {
        for text in [
            "2026-01-17T13:16:24Z",
            "0001-01-01T00:00:00Z",
            "9999-12-31T23:59:59Z",
            "1969-12-31T23:59:59.999Z",
            "2016-12-31T23:59:60Z",
        ] {
            let t = parse_instant(text).unwrap();
            assert_eq!(
                format_instant(t),
                t.format("%Y-%m-%dT%H:%M:%S.000+0000").to_string(),
                "{text}"
            );
        }
        for seconds in [-62_167_219_201_i64, 253_402_300_800, -1, 0, 1_768_655_784] {
            let t = DateTime::from_timestamp(seconds, 0).unwrap();
            assert_eq!(
                format_instant(t),
                t.format("%Y-%m-%dT%H:%M:%S.000+0000").to_string(),
                "{seconds}"
            );
        }
    }

    #[test]
    fn wire_form_fast_path_agrees_with_the_general_parser() {
        for text in [
            "2026-01-17T13:16:24.000+0000",
            "2024-02-29T23:59:59.999+0000",
            "0001-01-01T00:00:00.000+0000",
            "9999-12-31T23:59:59.000+0000",
        ] {
            let general = DateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%.f%z")
                .unwrap()
                .with_timezone(&Utc);
            assert_eq!(wire_form(text), Some(general), "{text}");
        }
        // Not the exact shape, or not a real time: left to the general parsers.
        for text in [
            "2026-01-17T13:16:24.000+0300",
            "2026-02-30T13:16:24.000+0000",
            "2026-01-17T24:00:00.000+0000",
            "2026-01-17T13:16:24+0000",
        ] {
            assert_eq!(wire_form(text), None, "{text}");
        }
        assert_eq!(
            parse_instant("2026-01-17T16:16:24.000+0300").unwrap(),
            parse_instant("2026-01-17T13:16:24.000+0000").unwrap()
        );
    }

    #[test]
    fn integers_are_written_in_decimal() {
        for n in [
            0i128,
            7,
            -7,
            10,
            130_208_689,
            i128::from(i64::MIN),
            i128::from(u64::MAX),
        ] {
            let mut out = String::from("x");
            write_integer(&mut out, n < 0, u64::try_from(n.unsigned_abs()).unwrap());
            assert_eq!(out, format!("x{n}"));
        }
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
            assert!(
                matches!(&e, Error::InvalidInstant { text, .. } if text == bad),
                "{e:?}"
            );
        }
    }

    #[test]
    fn bad_instants_say_what_is_wrong() {
        use InstantProblem::*;
        for (text, problem) in [
            ("2026-01-17T13:16:24", NoOffset),
            ("2026-01-17 13:16:24", NoOffset),
            ("2026-01-17T13:16:24.5", NoOffset),
            ("2026-01-17", DateOnly),
            ("20260117", DateOnly),
            ("2026-02-31T00:00:00Z", NoSuchDate),
            ("2026-02-29T00:00:00Z", NoSuchDate),
            ("2026-13-01T00:00:00Z", NoSuchDate),
            ("2026-02-31", NoSuchDate),
            ("2026-02-31T00:00:00", NoSuchDate),
            ("2026-02-31T00:00:00.000+0000", NoSuchDate),
            ("2026-01-17T24:00:00Z", NoSuchTime),
            ("2026-01-17T12:60:00Z", NoSuchTime),
            ("2026-01-17T12:00:61Z", NoSuchTime),
            ("2026-01-17T13:16:24+3", InvalidOffset),
            ("2026-01-17T13:16:24+25:00", InvalidOffset),
            ("2026-01-17T13:16:24 UTC", InvalidOffset),
            ("2026-01-17T13:16:24.Z", Unrecognized),
            ("2026-01-17T13:16Z", Unrecognized),
            ("yesterday", Unrecognized),
            ("", Unrecognized),
            ("2026-1-17T13:16:24Z", Unrecognized),
            ("\u{feff}2026-01-17T13:16:24Z", Unrecognized),
        ] {
            assert_eq!(
                parse_instant(text),
                Err(Error::InvalidInstant {
                    text: text.into(),
                    problem
                }),
                "{text:?}"
            );
        }
    }

    #[test]
    fn messages_name_the_problem() {
        let message = |text: &str| parse_instant(text).unwrap_err().to_string();
        insta::assert_snapshot!(message("yesterday"), @r#"invalid instant "yesterday": expected RFC 3339 or yyyy-MM-ddTHH:mm:ss.SSS+0000"#);
        insta::assert_snapshot!(message("2026-01-17T13:16:24"), @r#"invalid instant "2026-01-17T13:16:24": no UTC offset: add Z for UTC or the offset, as in 2026-01-17T13:16:24+03:00"#);
        insta::assert_snapshot!(message("2026-01-17"), @r#"invalid instant "2026-01-17": a date without a time: add the time and a UTC offset, as in 2026-01-17T00:00:00Z"#);
        insta::assert_snapshot!(message("2026-02-31T00:00:00Z"), @r#"invalid instant "2026-02-31T00:00:00Z": no such date in the calendar"#);
        insta::assert_snapshot!(message("2026-01-17T24:00:00Z"), @r#"invalid instant "2026-01-17T24:00:00Z": no such time of day"#);
        insta::assert_snapshot!(message("2026-01-17T13:16:24+3"), @r#"invalid instant "2026-01-17T13:16:24+3": the UTC offset must be Z, +hh:mm or +hhmm, as in 2026-01-17T13:16:24+03:00"#);
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
    /// What chrono's own readers, which the hand-written ones replace, make of `text`.
    fn chrono_reads(text: &str) -> Option<DateTime<Utc>> {
        DateTime::parse_from_rfc3339(text)
            .or_else(|_| DateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%.f%z"))
            .ok()
            .map(|t| t.with_timezone(&Utc))
    }

    #[test]
    fn readers_agree_with_chrono_on_the_edges() {
        for text in [
            "2026-01-17T13:16:24Z",
            "2026-01-17t13:16:24z",
            "2026-01-17 13:16:24+03:00",
            "2016-12-31T23:59:60Z",
            "2016-12-31T23:58:60.5Z",
            "2026-01-17T13:16:24.1234567891234Z",
            "2026-01-17T13:16:24.Z",
            "2026-01-17T13:16:24\u{2212}05:30",
            "2026-01-17T13:16:24\u{2212}0530",
            "2026-01-17T13:16:24+23:59",
            "2026-01-17T13:16:24+24:00",
            "2026-01-17T13:16:24+03:60",
            "2026-01-17T13:16:24+03",
            "2026-01-17T13:16:24+03:: \t00",
            "2026-01-17T13:16:24 +0300",
            " 2026- 1- 7T 1: 2: 3+0300",
            "\u{3000}2026-01-17T13:16:24+0300",
            "+2026-01-17T13:16:24+0300",
            "-0001-12-31T23:59:59+0000",
            "+262143-12-31T23:59:59+0000",
            "-262144-01-01T00:00:00+0000",
            "+99999999999999999999-01-01T00:00:00+0000",
            "0000-01-01T00:00:00+23:59",
            "0000-01-01T00:00:00+2359",
            "9999-12-31T23:59:59-2359",
            "2026-1-17T13:16:24+0300",
            "20260-1-17T13:16:24+0300",
            "2026-01-17T13:16:24.5.5+0300",
            "2026-01-17T13:16:24.+0300",
            "2026-01-17T13:16:61+0300",
            "2026-02-29T13:16:24+0300",
            "2024-02-29T13:16:24+0300",
            "2026-01-17T13:16:24+0300 ",
            "2026-01-17T13:16:24+03:00Z",
        ] {
            assert_eq!(parse_instant(text).ok(), chrono_reads(text), "{text:?}");
        }
    }

    #[test]
    fn writers_agree_with_chrono() {
        let pattern = "%Y-%m-%dT%H:%M:%S.000+0000";
        for days in (-1_000_000..=1_000_000)
            .step_by(997)
            .chain([0, 365, 3_652_424])
        {
            let Some(date) = NaiveDate::from_num_days_from_ce_opt(days) else {
                continue;
            };
            assert_eq!(format_date(date), date.format("%Y%m%d").to_string());
            let t = date.and_hms_opt(7, 8, 9).unwrap().and_utc();
            assert_eq!(format_instant(t), t.format(pattern).to_string());
        }
        for date in [NaiveDate::MIN, NaiveDate::MAX] {
            assert_eq!(format_date(date), date.format("%Y%m%d").to_string());
            let t = date.and_hms_milli_opt(23, 59, 59, 1_500).unwrap();
            let mut text = String::new();
            write_time(&mut text, t.time(), "");
            assert_eq!(text, t.format("%H%M%S").to_string());
            assert_eq!(format_instant(t.and_utc()), t.format(pattern).to_string());
        }
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        /// Texts shaped like instants, right or slightly wrong in every place, are read as chrono's
        /// RFC 3339 and pattern readers read them.
        #[test]
        fn readers_agree_with_chrono(
            year in proptest::sample::select(vec!["2026", "0000", "9999", "1", "026", "+2026", "-0001", " 2026", "+262144", "20260", ""]),
            month in proptest::sample::select(vec!["01", "1", "12", "13", "00", " 7", "x"]),
            day in proptest::sample::select(vec!["17", "7", "29", "31", "00", " 9"]),
            separator in proptest::sample::select(vec!["T", "t", " ", "x", "T "]),
            hour in proptest::sample::select(vec!["13", "00", "23", "24", "1", " 5"]),
            minute in proptest::sample::select(vec!["16", "59", "60", "6"]),
            second in proptest::sample::select(vec!["24", "59", "60", "61", "5", " 5"]),
            fraction in proptest::sample::select(vec!["", ".", ".5", ".000", ".123456789", ".1234567891", ",5"]),
            offset in proptest::sample::select(vec!["Z", "z", "+03:00", "+0300", "-2359", "+24:00", "\u{2212}05:30", "+03 :00", "+03: 00", "+3", "+03:60", " +0300", "+03:0", ""]),
            tail in proptest::sample::select(vec!["", " ", "x", "0"]),
            insert in proptest::option::of((0usize..40, proptest::sample::select(vec!['-', ':', '0', '9', ' ', '.', '+', 'T']))),
        ) {
            let mut text = format!("{year}-{month}-{day}{separator}{hour}:{minute}:{second}{fraction}{offset}{tail}");
            if let Some((at, c)) = insert {
                let at = at.min(text.len());
                if text.is_char_boundary(at) {
                    text.insert(at, c);
                }
            }
            proptest::prop_assert_eq!(parse_instant(&text).ok(), chrono_reads(&text), "{:?}", text);
        }
    }
}
