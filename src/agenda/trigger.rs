//! Reminder triggers: the RFC 5545 `TRIGGER` durations TickTick writes, and when they fire
//! (BEHAVIOUR.md §8).

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, NaiveDateTime, NaiveTime, TimeDelta, Utc};

use crate::zone::Resolver;
use crate::Zone;

/// The text every trigger begins with.
const PREFIX: &str = "TRIGGER:";

/// The wall-clock time an all-day reminder written the old way fires at: 09:00 (BEHAVIOUR.md §8).
const LEGACY_ALL_DAY_SECONDS: i64 = 9 * 3600;

/// A reminder's trigger: an RFC 5545 duration (section 3.3.6) after `TRIGGER:`, counted from the
/// occurrence's start.
///
/// Every duration of RFC 5545's grammar is read: `TRIGGER:PT0S`, `TRIGGER:-PT30M`, `TRIGGER:-PT1H`,
/// `TRIGGER:P0DT9H0M0S`, `TRIGGER:-P1DT15H0M0S`, `TRIGGER:-P1D`, `TRIGGER:-P1W`, a leading `+`.
/// Anything else is refused with the byte offset of the problem: absolute triggers
/// (`TRIGGER;VALUE=DATE-TIME:...`), a missing `TRIGGER:`, lowercase letters, years or months, units
/// out of order, a time part without a unit, a number beyond `u32`.
///
/// [`Display`](fmt::Display) writes the canonical text (numbers without leading zeros), which reads
/// back as the same trigger.
///
/// ```
/// use ticktick_recur::agenda::Trigger;
/// let t: Trigger = "TRIGGER:-P1DT15H0M0S".parse()?;
/// assert!(t.is_negative());
/// assert_eq!((t.days(), t.seconds()), (1, 15 * 3600));
/// assert_eq!(t.to_string(), "TRIGGER:-P1DT15H0M0S");
/// let err = "TRIGGER:-PT30X".parse::<Trigger>().unwrap_err();
/// assert_eq!(err.to_string(), r#"invalid trigger "TRIGGER:-PT30X" at byte 13: expected "H", "M" or "S" after a number"#);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Trigger {
    sign: Sign,
    body: Body,
}

/// How the duration's sign is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Sign {
    /// No sign: after the start.
    None,
    /// `+`: after the start.
    Plus,
    /// `-`: before the start.
    Minus,
}

/// The duration's units, as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Body {
    /// `nW`.
    Weeks(u32),
    /// `nD`, with or without a time part.
    Days(u32, Option<Time>),
    /// A time part alone.
    Time(Time),
}

/// A time part, `T` followed by hours, minutes and seconds in that order, each optional (at least
/// one given, and minutes whenever hours and seconds both are).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Time {
    hours: Option<u32>,
    minutes: Option<u32>,
    seconds: Option<u32>,
}

impl Time {
    fn seconds(self) -> i64 {
        i64::from(self.hours.unwrap_or(0)) * 3600
            + i64::from(self.minutes.unwrap_or(0)) * 60
            + i64::from(self.seconds.unwrap_or(0))
    }
}

/// A trigger that is not an RFC 5545 duration after `TRIGGER:`.
///
/// ```
/// use ticktick_recur::agenda::{Trigger, TriggerErrorKind};
/// let err = "TRIGGER:P1M".parse::<Trigger>().unwrap_err();
/// assert_eq!(err.offset(), 10);
/// assert_eq!(err.kind(), &TriggerErrorKind::Expected("\"D\" or \"W\" after a number"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TriggerError {
    text: String,
    offset: usize,
    kind: TriggerErrorKind,
}

/// What is wrong with a trigger.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum TriggerErrorKind {
    /// The text does not begin with `TRIGGER:`.
    MissingPrefix,
    /// Something else was expected here (what, in words).
    Expected(&'static str),
    /// A number does not fit 32 bits.
    NumberTooLarge,
    /// Text follows the duration.
    TrailingText,
}

impl TriggerError {
    fn new(text: &str, offset: usize, kind: TriggerErrorKind) -> TriggerError {
        TriggerError {
            text: text.to_owned(),
            offset,
            kind,
        }
    }

    /// The trigger as given.
    #[must_use]
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The byte offset in the trigger where the problem is.
    #[must_use]
    pub fn offset(&self) -> usize {
        self.offset
    }

    /// What is wrong.
    #[must_use]
    pub fn kind(&self) -> &TriggerErrorKind {
        &self.kind
    }
}

impl fmt::Display for TriggerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "invalid trigger {:?} at byte {}: ",
            self.text, self.offset
        )?;
        match &self.kind {
            TriggerErrorKind::MissingPrefix => {
                write!(
                    f,
                    "expected \"{PREFIX}\" then an RFC 5545 duration such as \"-PT30M\""
                )
            }
            TriggerErrorKind::Expected(what) => write!(f, "expected {what}"),
            TriggerErrorKind::NumberTooLarge => f.write_str("number too large"),
            TriggerErrorKind::TrailingText => f.write_str("unexpected text after the duration"),
        }
    }
}

impl std::error::Error for TriggerError {}

/// Reads a trigger byte by byte.
struct Reader<'a> {
    text: &'a str,
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn error(&self, kind: TriggerErrorKind) -> TriggerError {
        TriggerError::new(self.text, self.at, kind)
    }

    fn expected(&self, what: &'static str) -> TriggerError {
        self.error(TriggerErrorKind::Expected(what))
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn eat(&mut self, byte: u8) -> bool {
        let found = self.peek() == Some(byte);
        self.at += usize::from(found);
        found
    }

    /// A number, if one begins here.
    fn number(&mut self) -> Result<Option<u32>, TriggerError> {
        let start = self.at;
        let mut value: u32 = 0;
        while let Some(digit @ b'0'..=b'9') = self.peek() {
            value = value
                .checked_mul(10)
                .and_then(|v| v.checked_add(u32::from(digit - b'0')))
                .ok_or_else(|| {
                    TriggerError::new(self.text, start, TriggerErrorKind::NumberTooLarge)
                })?;
            self.at += 1;
        }
        Ok((self.at > start).then_some(value))
    }

    /// A number followed by the unit `unit`; `None` (nothing read) when no number begins here, or the
    /// number is followed by another unit (left for the caller to read).
    fn unit(&mut self, unit: u8) -> Result<Option<u32>, TriggerError> {
        let start = self.at;
        match self.number()? {
            Some(n) if self.eat(unit) => Ok(Some(n)),
            _ => {
                self.at = start;
                Ok(None)
            }
        }
    }

    /// The time part after its `T`: `[nH][nM][nS]`, at least one, minutes whenever hours and seconds
    /// both are (RFC 5545's `dur-time`).
    fn time(&mut self) -> Result<Time, TriggerError> {
        let hours = self.unit(b'H')?;
        let minutes = self.unit(b'M')?;
        let seconds = if hours.is_some() && minutes.is_none() {
            None
        } else {
            self.unit(b'S')?
        };
        if hours.is_none() && minutes.is_none() && seconds.is_none() {
            let at_digit = matches!(self.peek(), Some(b'0'..=b'9'));
            if at_digit {
                self.number()?;
                return Err(self.expected("\"H\", \"M\" or \"S\" after a number"));
            }
            return Err(self.expected("a number of hours, minutes or seconds"));
        }
        Ok(Time {
            hours,
            minutes,
            seconds,
        })
    }
}

impl FromStr for Trigger {
    type Err = TriggerError;

    fn from_str(text: &str) -> Result<Trigger, TriggerError> {
        let Some(duration) = text.strip_prefix(PREFIX) else {
            return Err(TriggerError::new(text, 0, TriggerErrorKind::MissingPrefix));
        };
        let mut r = Reader {
            text,
            bytes: text.as_bytes(),
            at: text.len() - duration.len(),
        };
        let sign = if r.eat(b'-') {
            Sign::Minus
        } else if r.eat(b'+') {
            Sign::Plus
        } else {
            Sign::None
        };
        if !r.eat(b'P') {
            return Err(r.expected("\"P\""));
        }
        let body = if r.eat(b'T') {
            Body::Time(r.time()?)
        } else {
            let Some(n) = r.number()? else {
                return Err(r.expected("a number of weeks or days, or \"T\""));
            };
            if r.eat(b'W') {
                Body::Weeks(n)
            } else if r.eat(b'D') {
                let time = if r.eat(b'T') { Some(r.time()?) } else { None };
                Body::Days(n, time)
            } else {
                return Err(r.expected("\"D\" or \"W\" after a number"));
            }
        };
        if r.at < text.len() {
            return Err(r.error(TriggerErrorKind::TrailingText));
        }
        Ok(Trigger { sign, body })
    }
}

impl fmt::Display for Trigger {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(PREFIX)?;
        f.write_str(match self.sign {
            Sign::None => "",
            Sign::Plus => "+",
            Sign::Minus => "-",
        })?;
        f.write_str("P")?;
        let time = match self.body {
            Body::Weeks(n) => return write!(f, "{n}W"),
            Body::Days(n, time) => {
                write!(f, "{n}D")?;
                time
            }
            Body::Time(time) => Some(time),
        };
        if let Some(t) = time {
            f.write_str("T")?;
            for (value, unit) in [(t.hours, 'H'), (t.minutes, 'M'), (t.seconds, 'S')] {
                if let Some(n) = value {
                    write!(f, "{n}{unit}")?;
                }
            }
        }
        Ok(())
    }
}

impl Trigger {
    /// Whether the trigger counts back from the start (`-`).
    #[must_use]
    pub fn is_negative(&self) -> bool {
        self.sign == Sign::Minus
    }

    /// The nominal days of the duration, weeks counted as 7, without the sign.
    #[must_use]
    pub fn days(&self) -> u64 {
        match self.body {
            Body::Weeks(n) => u64::from(n) * 7,
            Body::Days(n, _) => u64::from(n),
            Body::Time(_) => 0,
        }
    }

    /// The hours, minutes and seconds of the duration in seconds, without the sign.
    #[must_use]
    pub fn seconds(&self) -> u64 {
        match self.body {
            Body::Days(_, Some(t)) | Body::Time(t) => t.seconds().unsigned_abs(),
            _ => 0,
        }
    }

    /// Whether the duration has a time part (`T...`).
    #[must_use]
    pub fn has_time(&self) -> bool {
        matches!(self.body, Body::Days(_, Some(_)) | Body::Time(_))
    }

    /// The duration as it applies to a task, signed: nominal days and seconds. For all-day tasks,
    /// TickTick's older triggers are read as it reads them (BEHAVIOUR.md §8): a duration of whole
    /// days (`-P1D`) fires at 09:00 that many days away, and a zero duration without days (`PT0S`)
    /// at 09:00 on the day.
    pub(crate) fn offset(&self, all_day: bool) -> (i64, i64) {
        let sign = if self.is_negative() { -1 } else { 1 };
        // Both fit: days < 2^35, seconds < 2^34.
        let days = sign * i64::try_from(self.days()).unwrap_or(i64::MAX);
        let seconds = sign * i64::try_from(self.seconds()).unwrap_or(i64::MAX);
        if all_day {
            let legacy_days = !self.has_time();
            let legacy_zero = matches!(self.body, Body::Time(_)) && seconds == 0;
            if legacy_days || legacy_zero {
                return (days, LEGACY_ALL_DAY_SECONDS);
            }
        }
        (days, seconds)
    }

    /// When the trigger fires for an occurrence that starts at `start`, in `zone`; `None` when that
    /// instant lies beyond the calendar chrono can hold.
    ///
    /// - A timed task follows RFC 5545 section 3.3.6: days and weeks are nominal (the same wall-clock
    ///   time that many days away), hours, minutes and seconds exact (`-PT30M` is exactly 30 minutes
    ///   before the start instant).
    /// - An all-day task's trigger names a wall-clock time, counted from the local midnight its day
    ///   begins with (`-P0DT15H0M0S` is 09:00 the day before), so it stays 09:00 across a change of
    ///   offset; older triggers are read as TickTick reads them (`-P1D`: 09:00 the day before;
    ///   `PT0S`: 09:00 on the day).
    ///
    /// A wall-clock time that does not exist or exists twice becomes an instant as everywhere else
    /// ([`Zone::instant`]: gaps shifted forward, folds resolved to the earlier instant).
    ///
    /// ```
    /// use ticktick_recur::{agenda::Trigger, format_instant, parse_instant, Zone};
    /// let berlin: Zone = "Europe/Berlin".parse()?;
    /// // An all-day task on Sunday 29 March 2026, the day Berlin moves to summer time.
    /// let day = parse_instant("2026-03-28T23:00:00Z")?;
    /// let before: Trigger = "TRIGGER:-P0DT15H0M0S".parse()?;
    /// assert_eq!(format_instant(before.fire_time(day, berlin, true).unwrap()), "2026-03-28T08:00:00.000+0000");
    /// let legacy: Trigger = "TRIGGER:PT0S".parse()?;
    /// assert_eq!(format_instant(legacy.fire_time(day, berlin, true).unwrap()), "2026-03-29T07:00:00.000+0000");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn fire_time(
        &self,
        start: DateTime<Utc>,
        zone: Zone,
        all_day: bool,
    ) -> Option<DateTime<Utc>> {
        let (seconds, nanos) =
            self.applied(all_day)
                .fire(start, start.timestamp(), zone, &mut Clock::new(zone))?;
        DateTime::from_timestamp(seconds, nanos)
    }

    /// The trigger as it applies to the occurrences of a task, all-day or not: its days and seconds
    /// worked out once ([`Trigger::offset`]).
    pub(crate) fn applied(&self, all_day: bool) -> Applied {
        let (days, seconds) = self.offset(all_day);
        Applied {
            trigger: *self,
            days,
            seconds,
            all_day,
            near: days.unsigned_abs() < NEAR_DAYS && seconds.unsigned_abs() < NEAR,
        }
    }

    /// [`Trigger::fire_time`] on chrono's dates.    /// [`Trigger::fire_time`] on chrono's dates.
    fn fire_time_by_dates(
        &self,
        start: DateTime<Utc>,
        zone: Zone,
        all_day: bool,
        days: i64,
        seconds: i64,
    ) -> Option<DateTime<Utc>> {
        if all_day {
            let midnight = zone.local(start).date().and_time(NaiveTime::MIN);
            let local =
                add_days(midnight, days)?.checked_add_signed(TimeDelta::try_seconds(seconds)?)?;
            return Some(zone.instant(local));
        }
        let base = if days == 0 {
            start
        } else {
            zone.instant(add_days(zone.local(start), days)?)
        };
        base.checked_add_signed(TimeDelta::try_seconds(seconds)?)
    }
}

/// What working out many fire times in one zone keeps from one to the next: the stretch of
/// constant offset last met ([`Resolver`]).
#[derive(Debug, Clone)]
pub(crate) struct Clock {
    resolver: Resolver,
}

impl Clock {
    pub(crate) fn new(zone: Zone) -> Clock {
        Clock::with(Resolver::new(zone))
    }

    /// A clock reading offsets with `resolver` (of the zone), which may know some already.
    pub(crate) fn with(resolver: Resolver) -> Clock {
        Clock { resolver }
    }
}

/// A trigger as it applies to the occurrences of one task ([`Trigger::applied`]): what working out
/// a fire time for each occurrence reads, its nominal days and exact seconds ready.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Applied {
    trigger: Trigger,
    days: i64,
    seconds: i64,
    all_day: bool,
    /// Whether the days and the seconds are small enough for wall-clock arithmetic ([`NEAR`]).
    near: bool,
}

impl Applied {
    /// How far from the start the trigger fires, days counted as 86,400 seconds.
    pub(crate) fn reach(&self) -> i64 {
        self.days.saturating_mul(DAY).saturating_add(self.seconds)
    }

    /// [`Trigger::fire_time`] for the occurrence that starts at `start`, whose Unix seconds are `u`,
    /// as Unix seconds and nanoseconds (not built into an instant), wall-clock times resolved and
    /// offsets read by `clock` (of `zone`), which keeps the stretch of constant offset it last met:
    /// a task's reminders fire in a few such stretches.
    ///
    /// The arithmetic is on wall-clock seconds where every number is small enough for no date to come
    /// near chrono's ends; on chrono's dates otherwise. Both give the same instants.
    #[inline]
    pub(crate) fn fire(
        &self,
        start: DateTime<Utc>,
        u: i64,
        zone: Zone,
        clock: &mut Clock,
    ) -> Option<(i64, u32)> {
        let nanos = start.timestamp_subsec_nanos();
        if !(self.near && u.unsigned_abs() < NEAR && nanos < 1_000_000_000) {
            return self.fire_far(start, zone);
        }
        let (days, seconds) = (self.days, self.seconds);
        if self.all_day {
            let midnight = (u + clock.resolver.offset(u)).div_euclid(DAY) * DAY;
            return Some((clock.resolver.instant(midnight + days * DAY + seconds), 0));
        }
        // Exact seconds added to Unix seconds: every number is near, so the sum is within chrono's
        // range and the instant the same as chrono's `checked_add_signed` gives.
        let base = if days == 0 {
            u
        } else {
            let wall = u + clock.resolver.offset(u);
            clock.resolver.instant(wall + days * DAY)
        };
        Some((base + seconds, nanos))
    }

    /// [`Applied::fire`] on chrono's dates, kept out of line: no task of a list in this era needs it.
    #[inline(never)]
    fn fire_far(&self, start: DateTime<Utc>, zone: Zone) -> Option<(i64, u32)> {
        let fire =
            self.trigger
                .fire_time_by_dates(start, zone, self.all_day, self.days, self.seconds)?;
        Some((fire.timestamp(), fire.timestamp_subsec_nanos()))
    }
}

/// Seconds in a day.
const DAY: i64 = 86_400;

/// Numbers of seconds below this (about 34,800 years) keep every wall-clock time far from chrono's
/// ends (262,000 years), so that no date arithmetic on them needs clamping.
const NEAR: u64 = 1 << 40;

/// The same for days: `NEAR_DAYS` days are less than [`NEAR`] seconds.
const NEAR_DAYS: u64 = 1 << 23;

/// `local` moved by `days` calendar days.
fn add_days(local: NaiveDateTime, days: i64) -> Option<NaiveDateTime> {
    local.checked_add_signed(TimeDelta::try_days(days)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Result<Trigger, TriggerError> {
        text.parse()
    }

    #[test]
    fn every_form_of_behaviour_section_8_reads_and_writes_back() {
        for text in [
            "TRIGGER:PT0S",
            "TRIGGER:-PT0S",
            "TRIGGER:-PT5M",
            "TRIGGER:-PT30M",
            "TRIGGER:-PT1H",
            "TRIGGER:-PT60M",
            "TRIGGER:-PT1440M",
            "TRIGGER:-PT90M",
            "TRIGGER:P0DT9H0M0S",
            "TRIGGER:-P0DT15H0M0S",
            "TRIGGER:-P1DT15H0M0S",
            "TRIGGER:-P1D",
            "TRIGGER:-P2W",
            "TRIGGER:+PT15M",
            "TRIGGER:PT1H30M",
            "TRIGGER:PT30M15S",
            "TRIGGER:PT1H0M5S",
            "TRIGGER:P2D",
        ] {
            let t = read(text).unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!(t.to_string(), text);
        }
    }

    #[test]
    fn leading_zeros_read_and_are_dropped_when_written() {
        assert_eq!(read("TRIGGER:-PT05M").unwrap().to_string(), "TRIGGER:-PT5M");
    }

    #[test]
    fn everything_else_is_refused_where_it_goes_wrong() {
        let cases = [
            ("-PT30M", 0, TriggerErrorKind::MissingPrefix),
            ("trigger:-PT30M", 0, TriggerErrorKind::MissingPrefix),
            (
                "TRIGGER;VALUE=DATE-TIME:20260101T090000Z",
                0,
                TriggerErrorKind::MissingPrefix,
            ),
            ("TRIGGER:", 8, TriggerErrorKind::Expected("\"P\"")),
            ("TRIGGER:-pt30m", 9, TriggerErrorKind::Expected("\"P\"")),
            (
                "TRIGGER:P",
                9,
                TriggerErrorKind::Expected("a number of weeks or days, or \"T\""),
            ),
            (
                "TRIGGER:PT",
                10,
                TriggerErrorKind::Expected("a number of hours, minutes or seconds"),
            ),
            (
                "TRIGGER:P1Y",
                10,
                TriggerErrorKind::Expected("\"D\" or \"W\" after a number"),
            ),
            (
                "TRIGGER:P1M",
                10,
                TriggerErrorKind::Expected("\"D\" or \"W\" after a number"),
            ),
            (
                "TRIGGER:PT5X",
                11,
                TriggerErrorKind::Expected("\"H\", \"M\" or \"S\" after a number"),
            ),
            ("TRIGGER:PT1H5S", 12, TriggerErrorKind::TrailingText),
            ("TRIGGER:PT5S3M", 12, TriggerErrorKind::TrailingText),
            ("TRIGGER:P1W2D", 11, TriggerErrorKind::TrailingText),
            (
                "TRIGGER:P1DT",
                12,
                TriggerErrorKind::Expected("a number of hours, minutes or seconds"),
            ),
            ("TRIGGER:-PT30M ", 14, TriggerErrorKind::TrailingText),
            ("TRIGGER:--PT30M", 9, TriggerErrorKind::Expected("\"P\"")),
            (
                "TRIGGER:PT1.5H",
                11,
                TriggerErrorKind::Expected("\"H\", \"M\" or \"S\" after a number"),
            ),
            (
                "TRIGGER:PT4294967296S",
                10,
                TriggerErrorKind::NumberTooLarge,
            ),
            ("TRIGGER:-PT30M\u{e9}", 14, TriggerErrorKind::TrailingText),
        ];
        for (text, offset, kind) in cases {
            let err = read(text).expect_err(text);
            assert_eq!((err.offset(), err.kind()), (offset, &kind), "{text}");
            assert!(text.is_char_boundary(err.offset()), "{text}");
        }
    }

    /// Fire times on wall-clock seconds are those on chrono's dates, across DST changes, for every
    /// kind of trigger, timed and all-day.
    #[test]
    fn both_ways_of_working_out_a_fire_time_agree() {
        let triggers = [
            "TRIGGER:PT0S",
            "TRIGGER:-PT30M",
            "TRIGGER:-PT1440M",
            "TRIGGER:-P1D",
            "TRIGGER:P0DT9H0M0S",
            "TRIGGER:-P1DT15H0M0S",
            "TRIGGER:-P2W",
            "TRIGGER:+PT25H",
            "TRIGGER:-P0D",
            "TRIGGER:P3DT1H1M1S",
        ];
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        for zone in [
            "UTC",
            "America/New_York",
            "Europe/Berlin",
            "Australia/Lord_Howe",
            "Pacific/Apia",
        ] {
            let zone: Zone = zone.parse().unwrap();
            let mut clock = Clock::new(zone);
            for _ in 0..2000 {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                let t = 1_500_000_000 + i64::try_from(seed % 400_000_000).unwrap();
                let start =
                    DateTime::from_timestamp(t, u32::try_from(seed % 3).unwrap() * 400_000_000)
                        .unwrap();
                let trigger: Trigger = triggers[usize::try_from(seed % 10).unwrap()]
                    .parse()
                    .unwrap();
                for all_day in [false, true] {
                    let start = if all_day {
                        zone.instant(zone.local(start).date().and_time(NaiveTime::MIN))
                    } else {
                        start
                    };
                    let (days, seconds) = trigger.offset(all_day);
                    assert_eq!(
                        trigger
                            .applied(all_day)
                            .fire(start, start.timestamp(), zone, &mut clock)
                            .and_then(|(u, nanos)| DateTime::from_timestamp(u, nanos)),
                        trigger.fire_time_by_dates(start, zone, all_day, days, seconds),
                        "{trigger} {start} {zone:?} {all_day}"
                    );
                }
            }
        }
    }

    #[test]
    fn numbers_up_to_32_bits_read() {
        let t = read("TRIGGER:PT4294967295S").unwrap();
        assert_eq!(t.seconds(), 4_294_967_295);
    }
}
