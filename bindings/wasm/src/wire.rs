//! `expand`'s instants in TickTick's wire form (`2026-01-17T14:00:00.000+0000`, BEHAVIOUR.md §1),
//! written straight from Unix seconds into one text that the package cuts into strings.
//!
//! The text holds the instants back to back, [`WIDTH`] characters each, while every year has four
//! digits (years 0 to 9999): the package cuts it with `slice` at fixed offsets, which in Node costs
//! a third of what `split("\n")` costs on the same text. An instant of another year (which the
//! core writes with a sign and more digits) turns the text into lines: the instants so far, then
//! every instant, separated by `\n`; the package splits a text holding a `\n` on it.
//!
//! The core's writer goes through a `chrono` date and time, which this module, compiled for size,
//! runs several times slower than the arithmetic below; on 1,000 instants that was a fifth of
//! `expand`'s time. The answer is the same: `pkg/test/wire.test.mjs` checks `expand` against
//! `expandMillis` formatted by JavaScript's own `Date` from year 0 to 9999.

use ticktick_recur::Occurrence;

/// Seconds in a day.
const DAY: i64 = 86_400;

/// Unix seconds of 0000-01-01T00:00:00Z and of 10000-01-01T00:00:00Z: the instants whose wire form
/// has a four-digit year.
const FIRST: i64 = -62_167_219_200;
const END: i64 = 253_402_300_800;

/// Characters of an instant in wire form whose year has four digits.
pub(crate) const WIDTH: usize = 28;

/// The instants of one `expand` call as the text the package reads (see the module's documentation).
#[derive(Debug, Default)]
pub(crate) struct Instants {
    text: Vec<u8>,
    /// Whether the text is lines (an instant of a year without four digits was met).
    lines: bool,
    /// The last instant written at the fixed width, in Unix seconds, and its text: the next one is
    /// often a day later.
    last: Option<(i64, [u8; WIDTH])>,
}

impl Instants {
    /// Instants for about `count` occurrences.
    pub(crate) fn with_capacity(count: usize) -> Instants {
        Instants {
            text: Vec::with_capacity(count.saturating_mul(WIDTH)),
            ..Instants::default()
        }
    }

    /// Instants written after what `text` holds, in its room.
    #[cfg(feature = "text-reader")]
    pub(crate) fn within(text: Vec<u8>) -> Instants {
        Instants {
            text,
            ..Instants::default()
        }
    }

    /// Appends `instant`.
    pub(crate) fn push(&mut self, occurrence: &Occurrence) {
        let seconds = occurrence.timestamp();
        if self.lines && !self.text.is_empty() {
            self.text.push(b'\n');
        }
        if (FIRST..END).contains(&seconds) {
            let text = self.write(seconds);
            self.text.extend_from_slice(&text);
            return;
        }
        if !self.lines {
            self.lines = true;
            let fixed = std::mem::take(&mut self.text);
            for (i, instant) in fixed.chunks(WIDTH).enumerate() {
                if i > 0 {
                    self.text.push(b'\n');
                }
                self.text.extend_from_slice(instant);
            }
            if !self.text.is_empty() {
                self.text.push(b'\n');
            }
        }
        let mut line = String::new();
        occurrence.write_instant(&mut line);
        self.text.extend_from_slice(line.as_bytes());
    }

    /// The wire form of `seconds` (Unix seconds, UTC, in a year from 0 to 9999): the last one's with
    /// the day moved on when it is a day later within a month, else written afresh (which takes
    /// 64-bit divisions, slow in WebAssembly).
    fn write(&mut self, seconds: i64) -> [u8; WIDTH] {
        let text = match self.last {
            Some((last, mut text)) if seconds - last == DAY && two(&text, 8) < 28 => {
                // Every month has 28 days: up to there the next day is the same month's.
                let day = two(&text, 8) + 1;
                put(&mut text, 8, day);
                text
            }
            _ => format(seconds),
        };
        self.last = Some((seconds, text));
        text
    }

    /// The text's bytes (ASCII).
    #[cfg(feature = "text-reader")]
    pub(crate) fn into_bytes(self) -> Vec<u8> {
        self.text
    }

    /// The text: ASCII, so one byte per character.
    pub(crate) fn into_text(self) -> String {
        String::from_utf8(self.text).unwrap_or_default()
    }
}

/// The wire form of the instant `seconds` (Unix seconds, UTC), in a year from 0 to 9999.
fn format(seconds: i64) -> [u8; WIDTH] {
    let (days, second) = (seconds.div_euclid(DAY), seconds.rem_euclid(DAY));
    let (year, month, day) = civil(days);
    let mut text = *b"0000-00-00T00:00:00.000+0000";
    put(&mut text, 0, year / 100);
    put(&mut text, 2, year % 100);
    put(&mut text, 5, month);
    put(&mut text, 8, day);
    put(&mut text, 11, (second / 3600) as u32);
    put(&mut text, 14, (second / 60 % 60) as u32);
    put(&mut text, 17, (second % 60) as u32);
    text
}

/// The two digits at `at` of `text`, an instant in wire form.
#[inline(always)]
fn two(text: &[u8; WIDTH], at: usize) -> u32 {
    match text.get(at..at + 2) {
        Some(&[tens, ones]) => {
            u32::from(tens.wrapping_sub(b'0')) * 10 + u32::from(ones.wrapping_sub(b'0'))
        }
        _ => 0,
    }
}

/// Writes `value` (below 100) as two digits at `at`.
#[inline(always)]
fn put(text: &mut [u8; WIDTH], at: usize, value: u32) {
    if let Some([tens, ones]) = text.get_mut(at..at + 2) {
        *tens = b'0' + (value / 10) as u8;
        *ones = b'0' + (value % 10) as u8;
    }
}

/// The proleptic Gregorian date (year, month, day) of `days` since 1970-01-01, for years 0 to 9999
/// (H. Hinnant's `civil_from_days`, in 400-year eras from 0000-03-01).
fn civil(days: i64) -> (u32, u32, u32) {
    // Days since -0400-03-01, one era early so that January and February of year 0 count from a
    // positive day: non-negative over the range `format` takes.
    let z = (days + 719_468 + 146_097) as u32;
    let era = z / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + u32::from(month <= 2) - 400;
    (year, month, day)
}
