//! RFC 5545 and TickTick checks, from a parsed flag to a [`Recurrence`].
//!
//! Every check happens here, once: ranges, the combinations RFC 5545 section 3.3.10 forbids, and
//! TickTick's extensions. Errors carry the byte offset, in the whole flag, of the offending value or
//! list entry (or of the key, for a part not allowed in combination with others).
//!
//! Keys, `FREQ` values, weekday codes, `ERULE` names and `TT_SKIP` words are ASCII case-insensitive.
//! Integers may carry a leading `+` (and leading zeros); a number too large for any integer type is
//! out of range like any other, never a panic. Unknown keys (`X-...`, `BYEASTER`, `RSCALE`, ...) stay
//! in the flag's text and are ignored.

use chrono::NaiveTime;

use super::{
    Frequency, LunarRule, Recurrence, Rule, SkipDays, Until, Weekday, WeekdayNum, Workday,
};
use crate::flag::{FlagError, FlagErrorKind, FlagKind, RepeatFlag};
use crate::instant::compact_date;

/// The largest `INTERVAL` accepted, for every frequency.
///
/// A million is far beyond any schedule TickTick offers, yet leaves room for intervals written in
/// small units (`FREQ=SECONDLY;INTERVAL=604800` is weekly). Bounding it keeps the expander's
/// arithmetic simple: `interval` times a period count below 2^31 fits an `i64` with a wide margin, and
/// so does `interval` times the seconds in a year.
pub(crate) const MAX_INTERVAL: u32 = 1_000_000;

/// The `expected` text for an empty entry in a comma-separated list.
const LIST: &str = "a comma-separated list without empty entries";

/// Checks a parsed flag and produces what it means.
pub(crate) fn validate(flag: &RepeatFlag) -> Result<Recurrence, FlagError> {
    let checker = Checker { flag };
    match flag.kind() {
        FlagKind::None => Ok(Recurrence::NotRecurring),
        FlagKind::RRule => checker.rrule().map(Recurrence::Rule),
        FlagKind::ERule => checker.erule(),
        FlagKind::Lunar => checker.lunar().map(Recurrence::Lunar),
    }
}

/// The RRULE keys this crate interprets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Key {
    Freq,
    Interval,
    Count,
    Until,
    Wkst,
    BySecond,
    ByMinute,
    ByHour,
    ByDay,
    ByMonthDay,
    ByYearDay,
    ByWeekNo,
    ByMonth,
    BySetPos,
    TtSkip,
    TtWorkday,
    TtTimes,
}

/// RRULE keys by their canonical (upper-case) name.
const RRULE_KEYS: [(&str, Key); 17] = [
    ("FREQ", Key::Freq),
    ("INTERVAL", Key::Interval),
    ("COUNT", Key::Count),
    ("UNTIL", Key::Until),
    ("WKST", Key::Wkst),
    ("BYSECOND", Key::BySecond),
    ("BYMINUTE", Key::ByMinute),
    ("BYHOUR", Key::ByHour),
    ("BYDAY", Key::ByDay),
    ("BYMONTHDAY", Key::ByMonthDay),
    ("BYYEARDAY", Key::ByYearDay),
    ("BYWEEKNO", Key::ByWeekNo),
    ("BYMONTH", Key::ByMonth),
    ("BYSETPOS", Key::BySetPos),
    ("TT_SKIP", Key::TtSkip),
    ("TT_WORKDAY", Key::TtWorkday),
    ("TT_TIMES", Key::TtTimes),
];

/// `FREQ` values by their canonical (upper-case) name.
const FREQUENCIES: [(&str, Frequency); 7] = [
    ("SECONDLY", Frequency::Secondly),
    ("MINUTELY", Frequency::Minutely),
    ("HOURLY", Frequency::Hourly),
    ("DAILY", Frequency::Daily),
    ("WEEKLY", Frequency::Weekly),
    ("MONTHLY", Frequency::Monthly),
    ("YEARLY", Frequency::Yearly),
];

/// The canonical name of a frequency, as errors print it.
fn freq_name(freq: Frequency) -> &'static str {
    FREQUENCIES
        .iter()
        .find(|(_, f)| *f == freq)
        .map_or("", |(name, _)| name)
}

/// Why a `BYDAY` ordinal is refused with this frequency.
fn ordinal_reason(freq: Frequency) -> &'static str {
    match freq {
        Frequency::Secondly => "with FREQ=SECONDLY",
        Frequency::Minutely => "with FREQ=MINUTELY",
        Frequency::Hourly => "with FREQ=HOURLY",
        Frequency::Daily => "with FREQ=DAILY",
        Frequency::Weekly => "with FREQ=WEEKLY",
        Frequency::Monthly => "with FREQ=MONTHLY",
        Frequency::Yearly => "with FREQ=YEARLY",
    }
}

/// A weekday from its two-letter code, ASCII case-insensitive.
fn weekday(code: &str) -> Option<Weekday> {
    (0..7)
        .map(Weekday::from_days_from_monday)
        .find(|w| w.code().eq_ignore_ascii_case(code))
}

/// Why a text is not an integer we can use.
enum BadInteger {
    /// Not `[+|-]digits`.
    NotInteger,
    /// Digits, but beyond `i64`: out of every range we check.
    TooLarge,
}

/// `[+|-]digits` as an `i64`, without panicking on any input.
fn integer(text: &str) -> Result<i64, BadInteger> {
    let (negative, digits) = match text.as_bytes().first() {
        Some(b'+') => (false, &text[1..]),
        Some(b'-') => (true, &text[1..]),
        _ => (false, text),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(BadInteger::NotInteger);
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
fn until(text: &str) -> Option<Until> {
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

/// The `BYDAY` entries met so far: a bit for each weekday and ordinal (`None` as 0, then -53..=53).
#[derive(Default)]
struct SeenDays([u64; 12]);

impl SeenDays {
    /// Adds `day`; `false` when it was there already.
    fn insert(&mut self, day: WeekdayNum) -> bool {
        let ordinal = usize::from(day.ordinal.unwrap_or(0).unsigned_abs())
            + if day.ordinal.is_some_and(|n| n < 0) {
                53
            } else {
                0
            };
        let bit = usize::from(day.weekday.days_from_monday()) * 107 + ordinal;
        let Some(word) = self.0.get_mut(bit / 64) else {
            return true;
        };
        let mask = 1u64 << (bit % 64);
        let fresh = *word & mask == 0;
        *word |= mask;
        fresh
    }
}

/// One `KEY=VALUE` part, with the byte offsets of its key and value in the whole flag.
#[derive(Debug, Clone, Copy)]
struct Field<'a> {
    key: &'a str,
    key_at: usize,
    value: &'a str,
    value_at: usize,
}

/// Checks one flag; every error it makes names that flag.
struct Checker<'a> {
    flag: &'a RepeatFlag,
}

impl<'a> Checker<'a> {
    fn fields(&self) -> impl Iterator<Item = Field<'a>> + 'a {
        let text: &'a str = self.flag.as_str();
        self.flag.parts.iter().map(move |p| Field {
            key: &text[p.key.clone()],
            key_at: p.key.start,
            value: &text[p.value.clone()],
            value_at: p.value.start,
        })
    }

    /// The part named `key` (keys are unique: the parser refuses duplicates).
    fn find(&self, key: &str) -> Option<Field<'a>> {
        self.fields().find(|f| f.key.eq_ignore_ascii_case(key))
    }

    /// The part named `key`, or [`FlagErrorKind::MissingKey`] at the start of the parts.
    fn require(&self, key: &'static str) -> Result<Field<'a>, FlagError> {
        self.find(key)
            .ok_or_else(|| self.error(self.flag.body_start(), FlagErrorKind::MissingKey { key }))
    }

    fn error(&self, at: usize, kind: FlagErrorKind) -> FlagError {
        FlagError::new(self.flag.as_str(), at, kind)
    }

    fn invalid(&self, key: &str, value: &str, at: usize, expected: &'static str) -> FlagError {
        let kind = FlagErrorKind::InvalidValue {
            key: key.to_owned(),
            value: value.to_owned(),
            expected,
        };
        self.error(at, kind)
    }

    fn out_of_range(&self, key: &str, value: &str, at: usize, min: i64, max: i64) -> FlagError {
        let kind = FlagErrorKind::OutOfRange {
            key: key.to_owned(),
            value: value.to_owned(),
            min,
            max,
        };
        self.error(at, kind)
    }

    /// An integer in `min..=max`, written at byte `at`.
    fn int_in(
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
    fn nonzero(&self, key: &str, text: &str, at: usize, max: i64) -> Result<i64, FlagError> {
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
    fn u32_in(&self, key: &str, field: Field<'_>, min: u32, max: u32) -> Result<u32, FlagError> {
        let (min, max) = (i64::from(min), i64::from(max));
        let n = self.int_in(key, field.value, field.value_at, min, max)?;
        u32::try_from(n).map_err(|_| self.out_of_range(key, field.value, field.value_at, min, max))
    }

    /// The comma-separated entries of a value with their byte offsets; no entry may be empty (an
    /// empty one is reported before anything else about the list).
    fn items(
        &self,
        key: &str,
        field: Field<'a>,
    ) -> Result<impl Iterator<Item = (&'a str, usize)> + 'a, FlagError> {
        let entries = move || {
            let mut at = field.value_at;
            field.value.split(',').map(move |item| {
                let here = at;
                at += item.len() + 1;
                (item, here)
            })
        };
        if let Some((_, at)) = entries().find(|(item, _)| item.is_empty()) {
            return Err(self.invalid(key, field.value, at, LIST));
        }
        Ok(entries())
    }

    /// A list of integers in `min..=max`, ascending and without duplicates.
    fn int_list<T: Ord + TryFrom<i64>>(
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
    fn nonzero_list<T: Ord + TryFrom<i64>>(
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
    /// allows; every caller's range fits `T`, so the conversion error is only a safeguard.
    fn sorted<T: Ord + TryFrom<i64>>(
        &self,
        key: &str,
        field: Field<'a>,
        (min, max): (i64, i64),
        check: impl Fn(&str, usize) -> Result<i64, FlagError>,
    ) -> Result<Vec<T>, FlagError> {
        let mut values = Vec::new();
        for (text, at) in self.items(key, field)? {
            let n = check(text, at)?;
            let n = T::try_from(n).map_err(|_| self.out_of_range(key, text, at, min, max))?;
            values.push(n);
        }
        values.sort_unstable();
        values.dedup();
        Ok(values)
    }

    /// One `BYDAY` entry: `[+|-][n]XX` with `n` in `1..=53`.
    fn weekday_num(&self, text: &'a str, at: usize) -> Result<WeekdayNum, FlagError> {
        const EXPECTED: &str = "a weekday such as MO, 1MO or -1FR";
        let code_at = text
            .find(|c: char| !(c.is_ascii_digit() || c == '+' || c == '-'))
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
    fn freq(&self) -> Result<(Frequency, Field<'a>), FlagError> {
        let field = self.require("FREQ")?;
        let freq = FREQUENCIES
            .iter()
            .find(|(name, _)| field.value.eq_ignore_ascii_case(name))
            .map(|(_, f)| *f)
            .ok_or_else(|| {
                let value = field.value.to_owned();
                self.error(field.value_at, FlagErrorKind::UnknownFrequency { value })
            })?;
        Ok((freq, field))
    }

    /// `INTERVAL`, 1 when absent.
    fn interval(&self) -> Result<u32, FlagError> {
        self.find("INTERVAL")
            .map_or(Ok(1), |f| self.u32_in("INTERVAL", f, 1, MAX_INTERVAL))
    }

    /// An `RRULE:` (or bare) flag.
    fn rrule(&self) -> Result<Rule, FlagError> {
        let (freq, _) = self.freq()?;
        let mut rule = Rule {
            freq,
            interval: 1,
            count: None,
            until: None,
            week_start: Weekday::Monday,
            by_second: Vec::new(),
            by_minute: Vec::new(),
            by_hour: Vec::new(),
            by_day: Vec::new(),
            by_month_day: Vec::new(),
            by_year_day: Vec::new(),
            by_week_no: Vec::new(),
            by_month: Vec::new(),
            by_set_pos: Vec::new(),
            skip: SkipDays::default(),
            workday: None,
            times: None,
        };
        let not_allowed = |field: Field<'_>, key: &'static str| {
            let freq = freq_name(freq);
            self.error(
                field.key_at,
                FlagErrorKind::NotAllowedWithFrequency { key, freq },
            )
        };
        let mut count_at = None;
        let mut until_at = None;
        let mut set_pos_at = None;
        let mut first_ordinal = None;

        for field in self.fields() {
            let Some(&(name, key)) = RRULE_KEYS
                .iter()
                .find(|(name, _)| field.key.eq_ignore_ascii_case(name))
            else {
                continue;
            };
            match key {
                Key::Freq => {}
                Key::Interval => rule.interval = self.u32_in(name, field, 1, MAX_INTERVAL)?,
                Key::Count => {
                    rule.count = Some(self.u32_in(name, field, 1, u32::MAX)?);
                    count_at = Some(field.key_at);
                }
                Key::Until => {
                    const EXPECTED: &str = "a date yyyyMMdd or a date-time yyyyMMddTHHmmss[Z]";
                    rule.until = Some(until(field.value).ok_or_else(|| {
                        self.invalid(name, field.value, field.value_at, EXPECTED)
                    })?);
                    until_at = Some(field.key_at);
                }
                Key::Wkst => {
                    rule.week_start = weekday(field.value).ok_or_else(|| {
                        let value = field.value.to_owned();
                        self.error(field.value_at, FlagErrorKind::UnknownWeekday { value })
                    })?;
                }
                // Seconds stop at 59: chrono has no second 60 (it writes a leap second as a fraction
                // of second 59), so BYSECOND=60 could never match.
                Key::BySecond => rule.by_second = self.int_list(name, field, 0, 59)?,
                Key::ByMinute => rule.by_minute = self.int_list(name, field, 0, 59)?,
                Key::ByHour => rule.by_hour = self.int_list(name, field, 0, 23)?,
                Key::ByDay => {
                    let mut seen = SeenDays::default();
                    for (text, at) in self.items(name, field)? {
                        let day = self.weekday_num(text, at)?;
                        if day.ordinal.is_some() {
                            if !matches!(freq, Frequency::Monthly | Frequency::Yearly) {
                                let kind = FlagErrorKind::OrdinalNotAllowed {
                                    value: text.to_owned(),
                                    reason: ordinal_reason(freq),
                                };
                                return Err(self.error(at, kind));
                            }
                            first_ordinal.get_or_insert((text, at));
                        }
                        if seen.insert(day) {
                            rule.by_day.push(day);
                        }
                    }
                }
                Key::ByMonthDay => {
                    rule.by_month_day = self.nonzero_list(name, field, 31)?;
                    if freq == Frequency::Weekly {
                        return Err(not_allowed(field, "BYMONTHDAY"));
                    }
                }
                Key::ByYearDay => {
                    rule.by_year_day = self.nonzero_list(name, field, 366)?;
                    if matches!(
                        freq,
                        Frequency::Daily | Frequency::Weekly | Frequency::Monthly
                    ) {
                        return Err(not_allowed(field, "BYYEARDAY"));
                    }
                }
                Key::ByWeekNo => {
                    rule.by_week_no = self.nonzero_list(name, field, 53)?;
                    if freq != Frequency::Yearly {
                        return Err(not_allowed(field, "BYWEEKNO"));
                    }
                }
                Key::ByMonth => rule.by_month = self.int_list(name, field, 1, 12)?,
                Key::BySetPos => {
                    rule.by_set_pos = self.nonzero_list(name, field, 366)?;
                    set_pos_at = Some(field.key_at);
                }
                Key::TtSkip => {
                    for (text, at) in self.items(name, field)? {
                        if text.eq_ignore_ascii_case("WEEKEND") {
                            rule.skip.weekends = true;
                        } else if text.eq_ignore_ascii_case("HOLIDAY") {
                            rule.skip.holidays = true;
                        } else {
                            return Err(self.invalid(name, text, at, "WEEKEND or HOLIDAY"));
                        }
                    }
                }
                Key::TtWorkday => {
                    rule.workday = Some(match integer(field.value) {
                        Ok(1) => Workday::First,
                        Ok(-1) => Workday::Last,
                        _ => {
                            return Err(self.invalid(name, field.value, field.value_at, "1 or -1"))
                        }
                    });
                    if freq != Frequency::Monthly {
                        return Err(not_allowed(field, "TT_WORKDAY"));
                    }
                }
                Key::TtTimes => rule.times = Some(self.u32_in(name, field, 1, u32::MAX)?),
            }
        }

        if let (Some(count), Some(until)) = (count_at, until_at) {
            let (first, second, at) = if count < until {
                ("COUNT", "UNTIL", until)
            } else {
                ("UNTIL", "COUNT", count)
            };
            return Err(self.error(at, FlagErrorKind::Conflict { first, second }));
        }
        if let Some((text, at)) = first_ordinal.filter(|_| !rule.by_week_no.is_empty()) {
            let kind = FlagErrorKind::OrdinalNotAllowed {
                value: text.to_owned(),
                reason: "with BYWEEKNO",
            };
            return Err(self.error(at, kind));
        }
        let other_by = !(rule.by_second.is_empty()
            && rule.by_minute.is_empty()
            && rule.by_hour.is_empty()
            && rule.by_day.is_empty()
            && rule.by_month_day.is_empty()
            && rule.by_year_day.is_empty()
            && rule.by_week_no.is_empty()
            && rule.by_month.is_empty());
        if let Some(at) = set_pos_at.filter(|_| !other_by) {
            return Err(self.error(at, FlagErrorKind::SetPosWithoutBy));
        }
        Ok(rule)
    }

    /// An `ERULE:` flag: `NAME=CUSTOM;BYDATE=...` or `NAME=FORGETTINGCURVE;CYCLE=n[;COUNT=k]`.
    fn erule(&self) -> Result<Recurrence, FlagError> {
        let name = self.require("NAME")?;
        if name.value.eq_ignore_ascii_case("CUSTOM") {
            let field = self.require("BYDATE")?;
            let mut dates = Vec::new();
            for (text, at) in self.items("BYDATE", field)? {
                let date = compact_date(text)
                    .ok_or_else(|| self.invalid("BYDATE", text, at, "a date yyyyMMdd"))?;
                dates.push(date);
            }
            dates.sort_unstable();
            dates.dedup();
            Ok(Recurrence::Custom(dates))
        } else if name.value.eq_ignore_ascii_case("FORGETTINGCURVE") {
            let cycle = self.u32_in("CYCLE", self.require("CYCLE")?, 0, u32::MAX)?;
            let count = match self.find("COUNT") {
                Some(field) => Some(self.u32_in("COUNT", field, 1, u32::MAX)?),
                None => None,
            };
            Ok(Recurrence::ForgettingCurve { cycle, count })
        } else {
            let value = name.value.to_owned();
            Err(self.error(name.value_at, FlagErrorKind::UnknownRuleName { value }))
        }
    }

    /// A `LUNAR:` flag: `FREQ=YEARLY;BYMONTH=m;BYMONTHDAY=d` or `FREQ=MONTHLY;BYMONTHDAY=d`.
    fn lunar(&self) -> Result<LunarRule, FlagError> {
        let (freq, field) = self.freq()?;
        if !matches!(freq, Frequency::Yearly | Frequency::Monthly) {
            return Err(self.invalid("FREQ", field.value, field.value_at, "YEARLY or MONTHLY"));
        }
        let interval = self.interval()?;
        let month = match (freq, self.find("BYMONTH")) {
            (Frequency::Yearly, _) => {
                let field = self.require("BYMONTH")?;
                Some(self.int_in("BYMONTH", field.value, field.value_at, 1, 12)?)
            }
            (_, Some(field)) => {
                let kind = FlagErrorKind::NotAllowedWithFrequency {
                    key: "BYMONTH",
                    freq: freq_name(freq),
                };
                return Err(self.error(field.key_at, kind));
            }
            (_, None) => None,
        };
        let field = self.require("BYMONTHDAY")?;
        let day = self.int_in("BYMONTHDAY", field.value, field.value_at, 1, 30)?;
        let month = match month {
            Some(m) => Some(u8::try_from(m).map_err(|_| {
                let field = self.find("BYMONTH").unwrap_or(field);
                self.out_of_range("BYMONTH", field.value, field.value_at, 1, 12)
            })?),
            None => None,
        };
        let day = u8::try_from(day)
            .map_err(|_| self.out_of_range("BYMONTHDAY", field.value, field.value_at, 1, 30))?;
        Ok(LunarRule {
            freq,
            interval,
            month,
            day,
        })
    }
}

#[cfg(test)]
mod tests {
    use chrono::{NaiveDate, NaiveDateTime};

    use super::*;

    fn recurrence(text: &str) -> Recurrence {
        RepeatFlag::parse(text)
            .and_then(|flag| flag.validate())
            .unwrap_or_else(|e| panic!("{e}"))
    }

    fn rule(text: &str) -> Rule {
        match recurrence(text) {
            Recurrence::Rule(rule) => rule,
            other => panic!("{text}: {other:?}"),
        }
    }

    fn err(text: &str) -> FlagError {
        match RepeatFlag::parse(text).and_then(|flag| flag.validate()) {
            Ok(r) => panic!("{text} was accepted as {r:?}"),
            Err(e) => e,
        }
    }

    /// The rule every flag starts from: `freq`, and every default.
    fn base(freq: Frequency) -> Rule {
        Rule {
            freq,
            interval: 1,
            count: None,
            until: None,
            week_start: Weekday::Monday,
            by_second: vec![],
            by_minute: vec![],
            by_hour: vec![],
            by_day: vec![],
            by_month_day: vec![],
            by_year_day: vec![],
            by_week_no: vec![],
            by_month: vec![],
            by_set_pos: vec![],
            skip: SkipDays::default(),
            workday: None,
            times: None,
        }
    }

    fn day(weekday: Weekday) -> WeekdayNum {
        WeekdayNum {
            ordinal: None,
            weekday,
        }
    }

    fn nth(n: i8, weekday: Weekday) -> WeekdayNum {
        WeekdayNum {
            ordinal: Some(n),
            weekday,
        }
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn datetime(y: i32, m: u32, d: u32, h: u32, min: u32, s: u32) -> NaiveDateTime {
        date(y, m, d).and_hms_opt(h, min, s).unwrap()
    }

    // The flags of SEMANTICS.md section 2 and the web-app capture.

    #[test]
    fn not_recurring() {
        for text in ["", "RRULE:FREQ=NONE", "FREQ=NONE"] {
            assert_eq!(recurrence(text), Recurrence::NotRecurring, "{text:?}");
        }
    }

    #[test]
    fn captured_flags() {
        assert_eq!(rule("RRULE:FREQ=DAILY;INTERVAL=1"), base(Frequency::Daily));
        assert_eq!(
            rule("RRULE:FREQ=DAILY;INTERVAL=1;COUNT=30"),
            Rule {
                count: Some(30),
                ..base(Frequency::Daily)
            }
        );
        assert_eq!(
            rule("RRULE:FREQ=WEEKLY;INTERVAL=1;WKST=SU;UNTIL=20260227;BYDAY=SA"),
            Rule {
                week_start: Weekday::Sunday,
                until: Some(Until::Date(date(2026, 2, 27))),
                by_day: vec![day(Weekday::Saturday)],
                ..base(Frequency::Weekly)
            }
        );
    }

    #[test]
    fn key_order_is_free() {
        let captured = rule("RRULE:FREQ=WEEKLY;INTERVAL=1;WKST=SU;UNTIL=20260227;BYDAY=SA");
        for text in [
            "RRULE:FREQ=WEEKLY;WKST=SU;INTERVAL=1;UNTIL=20260227;BYDAY=SA",
            "RRULE:UNTIL=20260227;BYDAY=SA;WKST=SU;FREQ=WEEKLY",
            "RRULE:BYDAY=SA;FREQ=WEEKLY;UNTIL=20260227;INTERVAL=1;WKST=SU",
            "FREQ=WEEKLY;WKST=SU;BYDAY=SA;UNTIL=20260227",
            "rrule:freq=weekly;wkst=su;byday=sa;until=20260227",
        ] {
            assert_eq!(rule(text), captured, "{text}");
        }
    }

    #[test]
    fn tt_skip() {
        let weekends = SkipDays {
            weekends: true,
            holidays: false,
        };
        let holidays = SkipDays {
            weekends: false,
            holidays: true,
        };
        let both = SkipDays {
            weekends: true,
            holidays: true,
        };
        for (text, skip) in [
            ("RRULE:FREQ=DAILY;INTERVAL=1;TT_SKIP=WEEKEND", weekends),
            ("RRULE:FREQ=DAILY;INTERVAL=1;TT_SKIP=HOLIDAY", holidays),
            ("RRULE:FREQ=DAILY;INTERVAL=1;TT_SKIP=HOLIDAY,WEEKEND", both),
            ("RRULE:FREQ=DAILY;INTERVAL=1;TT_SKIP=WEEKEND,HOLIDAY", both),
            ("RRULE:FREQ=DAILY;tt_skip=weekend,weekend", weekends),
        ] {
            assert_eq!(
                rule(text),
                Rule {
                    skip,
                    ..base(Frequency::Daily)
                },
                "{text}"
            );
        }
    }

    #[test]
    fn tt_workday() {
        for (text, month_day, workday) in [
            (
                "RRULE:FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=1;TT_WORKDAY=1",
                1,
                Workday::First,
            ),
            (
                "RRULE:FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=-1;TT_WORKDAY=-1",
                -1,
                Workday::Last,
            ),
            (
                "RRULE:FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=1;TT_WORKDAY=-1",
                1,
                Workday::Last,
            ),
        ] {
            assert_eq!(
                rule(text),
                Rule {
                    interval: 2,
                    by_month_day: vec![month_day],
                    workday: Some(workday),
                    ..base(Frequency::Monthly)
                },
                "{text}"
            );
        }
    }

    #[test]
    fn tt_times_is_carried() {
        assert_eq!(
            rule("RRULE:FREQ=DAILY;INTERVAL=1;TT_TIMES=3"),
            Rule {
                times: Some(3),
                ..base(Frequency::Daily)
            }
        );
    }

    #[test]
    fn custom_dates_are_sorted_and_deduplicated() {
        assert_eq!(
            recurrence("ERULE:NAME=CUSTOM;BYDATE=20260319,20260320"),
            Recurrence::Custom(vec![date(2026, 3, 19), date(2026, 3, 20)])
        );
        assert_eq!(
            recurrence("ERULE:NAME=custom;BYDATE=20260320,20251231,20260320,20260319"),
            Recurrence::Custom(vec![
                date(2025, 12, 31),
                date(2026, 3, 19),
                date(2026, 3, 20)
            ])
        );
    }

    #[test]
    fn forgetting_curve() {
        assert_eq!(
            recurrence("ERULE:NAME=FORGETTINGCURVE;CYCLE=0"),
            Recurrence::ForgettingCurve {
                cycle: 0,
                count: None
            }
        );
        assert_eq!(
            recurrence("ERULE:COUNT=4;CYCLE=7;NAME=FORGETTINGCURVE"),
            Recurrence::ForgettingCurve {
                cycle: 7,
                count: Some(4)
            }
        );
    }

    #[test]
    fn lunar() {
        assert_eq!(
            recurrence("LUNAR:FREQ=YEARLY;INTERVAL=1;BYMONTH=8;BYMONTHDAY=15"),
            Recurrence::Lunar(LunarRule {
                freq: Frequency::Yearly,
                interval: 1,
                month: Some(8),
                day: 15
            })
        );
        assert_eq!(
            recurrence("LUNAR:FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=30"),
            Recurrence::Lunar(LunarRule {
                freq: Frequency::Monthly,
                interval: 3,
                month: None,
                day: 30
            })
        );
        assert_eq!(
            recurrence("LUNAR:BYMONTHDAY=1;FREQ=MONTHLY"),
            Recurrence::Lunar(LunarRule {
                freq: Frequency::Monthly,
                interval: 1,
                month: None,
                day: 1
            })
        );
    }

    #[test]
    fn lunar_errors() {
        let e = err("LUNAR:FREQ=YEARLY;BYMONTHDAY=15");
        assert_eq!(e.kind(), &FlagErrorKind::MissingKey { key: "BYMONTH" });
        assert_eq!(e.offset(), 6);
        let e = err("LUNAR:FREQ=MONTHLY");
        assert_eq!(e.kind(), &FlagErrorKind::MissingKey { key: "BYMONTHDAY" });
        let e = err("LUNAR:FREQ=MONTHLY;BYMONTHDAY=31");
        assert_eq!(e.offset(), 30);
        insta::assert_snapshot!(e.to_string(), @r#"invalid repeatFlag "LUNAR:FREQ=MONTHLY;BYMONTHDAY=31" at byte 30: BYMONTHDAY value 31 is out of range 1..=30"#);
        let e = err("LUNAR:FREQ=YEARLY;BYMONTH=13;BYMONTHDAY=1");
        assert!(matches!(
            e.kind(),
            FlagErrorKind::OutOfRange { max: 12, .. }
        ));
        let e = err("LUNAR:FREQ=DAILY;BYMONTHDAY=1");
        insta::assert_snapshot!(e.to_string(), @r#"invalid repeatFlag "LUNAR:FREQ=DAILY;BYMONTHDAY=1" at byte 11: FREQ="DAILY" is not YEARLY or MONTHLY"#);
        let e = err("LUNAR:FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=1");
        assert_eq!(e.offset(), 19);
        assert_eq!(
            e.kind(),
            &FlagErrorKind::NotAllowedWithFrequency {
                key: "BYMONTH",
                freq: "MONTHLY"
            }
        );
        let e = err("LUNAR:FREQ=MONTHLY;BYMONTHDAY=1;INTERVAL=0");
        assert!(matches!(e.kind(), FlagErrorKind::OutOfRange { min: 1, .. }));
    }

    #[test]
    fn library_example() {
        assert_eq!(
            rule("RRULE:FREQ=MONTHLY;INTERVAL=1;BYDAY=-1FR"),
            Rule {
                by_day: vec![nth(-1, Weekday::Friday)],
                ..base(Frequency::Monthly)
            }
        );
    }

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

    #[test]
    fn count_and_until_conflict() {
        let e = err("RRULE:FREQ=DAILY;UNTIL=20260227;COUNT=3");
        assert_eq!(e.offset(), 32);
        insta::assert_snapshot!(e.to_string(), @r#"invalid repeatFlag "RRULE:FREQ=DAILY;UNTIL=20260227;COUNT=3" at byte 32: UNTIL and COUNT cannot both be given"#);
        let e = err("RRULE:COUNT=3;FREQ=DAILY;UNTIL=20260227");
        assert_eq!(e.offset(), 25);
        assert_eq!(
            e.kind(),
            &FlagErrorKind::Conflict {
                first: "COUNT",
                second: "UNTIL"
            }
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
    fn by_day_keeps_first_seen_order_without_duplicates() {
        let r = rule("RRULE:FREQ=MONTHLY;BYDAY=FR,-1FR,MO,fr,+2TU,2TU,-1fr,53SA,-53SU");
        assert_eq!(
            r.by_day(),
            [
                day(Weekday::Friday),
                nth(-1, Weekday::Friday),
                day(Weekday::Monday),
                nth(2, Weekday::Tuesday),
                nth(53, Weekday::Saturday),
                nth(-53, Weekday::Sunday),
            ]
        );
    }

    #[test]
    fn every_by_day_entry_has_its_own_bit() {
        let mut seen = SeenDays::default();
        let entries = || {
            (0..7).flat_map(|w| {
                std::iter::once(None)
                    .chain((-53..=53).filter(|&n| n != 0).map(Some))
                    .map(move |ordinal| WeekdayNum {
                        ordinal,
                        weekday: Weekday::from_days_from_monday(w),
                    })
            })
        };
        assert!(entries().all(|d| seen.insert(d)));
        assert!(entries().all(|d| !seen.insert(d)));
    }

    #[test]
    fn a_5000_entry_by_day_list() {
        let days = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];
        let list: Vec<String> = (0..5000)
            .map(|i| format!("{}{}", i % 53 + 1, days[i % 7]))
            .collect();
        let r = rule(&format!("RRULE:FREQ=YEARLY;BYDAY={}", list.join(",")));
        assert_eq!(r.by_day().len(), 53 * 7);
        assert_eq!(r.by_day()[0], nth(1, Weekday::Monday));
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

    // RFC 5545 section 3.3.10: parts that frequencies forbid.

    #[test]
    fn parts_not_allowed_with_a_frequency() {
        for (text, key, freq, at) in [
            ("RRULE:FREQ=MONTHLY;BYWEEKNO=1", "BYWEEKNO", "MONTHLY", 19),
            ("RRULE:FREQ=DAILY;BYWEEKNO=1", "BYWEEKNO", "DAILY", 17),
            ("RRULE:FREQ=HOURLY;BYWEEKNO=1", "BYWEEKNO", "HOURLY", 18),
            ("RRULE:FREQ=DAILY;BYYEARDAY=1", "BYYEARDAY", "DAILY", 17),
            ("RRULE:FREQ=WEEKLY;BYYEARDAY=1", "BYYEARDAY", "WEEKLY", 18),
            ("RRULE:FREQ=MONTHLY;BYYEARDAY=1", "BYYEARDAY", "MONTHLY", 19),
            ("RRULE:FREQ=WEEKLY;BYMONTHDAY=1", "BYMONTHDAY", "WEEKLY", 18),
            ("RRULE:FREQ=DAILY;TT_WORKDAY=1", "TT_WORKDAY", "DAILY", 17),
            (
                "RRULE:FREQ=YEARLY;TT_WORKDAY=-1",
                "TT_WORKDAY",
                "YEARLY",
                18,
            ),
        ] {
            let e = err(text);
            assert_eq!(e.offset(), at, "{text}");
            assert_eq!(
                e.kind(),
                &FlagErrorKind::NotAllowedWithFrequency { key, freq },
                "{text}"
            );
        }
        insta::assert_snapshot!(err("RRULE:FREQ=MONTHLY;BYWEEKNO=1").to_string(), @r#"invalid repeatFlag "RRULE:FREQ=MONTHLY;BYWEEKNO=1" at byte 19: BYWEEKNO is not allowed with FREQ=MONTHLY"#);
        // What RFC 5545 does allow.
        for text in [
            "RRULE:FREQ=YEARLY;BYWEEKNO=1;BYYEARDAY=1;BYMONTHDAY=1",
            "RRULE:FREQ=HOURLY;BYYEARDAY=1",
            "RRULE:FREQ=MINUTELY;BYYEARDAY=-1",
            "RRULE:FREQ=SECONDLY;BYYEARDAY=100;BYMONTHDAY=1",
            "RRULE:FREQ=DAILY;BYMONTHDAY=1",
            "RRULE:FREQ=MONTHLY;BYMONTHDAY=1",
        ] {
            rule(text);
        }
    }

    #[test]
    fn ordinals_not_allowed() {
        for (text, value, reason, at) in [
            ("RRULE:FREQ=WEEKLY;BYDAY=1MO", "1MO", "with FREQ=WEEKLY", 24),
            (
                "RRULE:FREQ=DAILY;BYDAY=MO,-1FR",
                "-1FR",
                "with FREQ=DAILY",
                26,
            ),
            (
                "RRULE:FREQ=HOURLY;BYDAY=+1SU",
                "+1SU",
                "with FREQ=HOURLY",
                24,
            ),
            (
                "RRULE:FREQ=YEARLY;BYWEEKNO=1;BYDAY=1MO",
                "1MO",
                "with BYWEEKNO",
                35,
            ),
            (
                "RRULE:FREQ=YEARLY;BYDAY=MO,20MO;BYWEEKNO=1",
                "20MO",
                "with BYWEEKNO",
                27,
            ),
        ] {
            let e = err(text);
            assert_eq!(e.offset(), at, "{text}");
            assert_eq!(
                e.kind(),
                &FlagErrorKind::OrdinalNotAllowed {
                    value: value.into(),
                    reason
                },
                "{text}"
            );
        }
        insta::assert_snapshot!(err("RRULE:FREQ=WEEKLY;BYDAY=1MO").to_string(), @r#"invalid repeatFlag "RRULE:FREQ=WEEKLY;BYDAY=1MO" at byte 24: BYDAY ordinal "1MO" is not allowed with FREQ=WEEKLY"#);
        insta::assert_snapshot!(err("RRULE:FREQ=YEARLY;BYWEEKNO=1;BYDAY=1MO").to_string(), @r#"invalid repeatFlag "RRULE:FREQ=YEARLY;BYWEEKNO=1;BYDAY=1MO" at byte 35: BYDAY ordinal "1MO" is not allowed with BYWEEKNO"#);
        rule("RRULE:FREQ=YEARLY;BYWEEKNO=1;BYDAY=MO");
        rule("RRULE:FREQ=YEARLY;BYDAY=20MO");
        rule("RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU");
    }

    #[test]
    fn set_pos_needs_another_by_part() {
        let e = err("RRULE:FREQ=MONTHLY;BYSETPOS=-1");
        assert_eq!(e.offset(), 19);
        insta::assert_snapshot!(e.to_string(), @r#"invalid repeatFlag "RRULE:FREQ=MONTHLY;BYSETPOS=-1" at byte 19: BYSETPOS needs another BYxxx part to pick from"#);
        // TickTick's own parts and unknown parts are not BYxxx parts.
        let e = err("RRULE:FREQ=MONTHLY;BYSETPOS=1;TT_SKIP=WEEKEND;BYEASTER=0");
        assert_eq!(e.kind(), &FlagErrorKind::SetPosWithoutBy);
        for by in [
            "BYSECOND=0",
            "BYMINUTE=0",
            "BYHOUR=9",
            "BYDAY=MO,TU",
            "BYMONTHDAY=1,15",
            "BYYEARDAY=1",
            "BYWEEKNO=1",
            "BYMONTH=1",
        ] {
            let r = rule(&format!("RRULE:FREQ=YEARLY;BYSETPOS=-1;{by}"));
            assert_eq!(r.by_set_pos(), [-1]);
        }
    }

    #[test]
    fn ticktick_extension_errors() {
        let e = err("RRULE:FREQ=DAILY;TT_SKIP=WEEKEND,WEEKDAY");
        assert_eq!(e.offset(), 33);
        insta::assert_snapshot!(e.to_string(), @r#"invalid repeatFlag "RRULE:FREQ=DAILY;TT_SKIP=WEEKEND,WEEKDAY" at byte 33: TT_SKIP="WEEKDAY" is not WEEKEND or HOLIDAY"#);
        for value in ["0", "2", "-2", "first", "", "99999999999999999999"] {
            let e = err(&format!(
                "RRULE:FREQ=MONTHLY;BYMONTHDAY=1;TT_WORKDAY={value}"
            ));
            assert_eq!(e.offset(), 43, "{value}");
            assert!(
                matches!(
                    e.kind(),
                    FlagErrorKind::InvalidValue {
                        expected: "1 or -1",
                        ..
                    }
                ),
                "{value}"
            );
        }
        assert_eq!(
            rule("RRULE:FREQ=MONTHLY;TT_WORKDAY=+1").workday(),
            Some(Workday::First)
        );
        let e = err("RRULE:FREQ=DAILY;TT_TIMES=0");
        assert!(matches!(e.kind(), FlagErrorKind::OutOfRange { min: 1, .. }));
    }

    #[test]
    fn unknown_keys_are_ignored() {
        assert_eq!(
            rule("RRULE:FREQ=DAILY;X-CLIENT=web;BYEASTER=0;RSCALE=GREGORIAN;SKIP=FORWARD;X-EMPTY="),
            base(Frequency::Daily)
        );
    }

    #[test]
    fn erule_errors() {
        let e = err("ERULE:BYDATE=20260101");
        assert_eq!(e.offset(), 6);
        assert_eq!(e.kind(), &FlagErrorKind::MissingKey { key: "NAME" });
        let e = err("ERULE:NAME=WEEKDAYS");
        assert_eq!(e.offset(), 11);
        insta::assert_snapshot!(e.to_string(), @r#"invalid repeatFlag "ERULE:NAME=WEEKDAYS" at byte 11: unknown ERULE NAME "WEEKDAYS": expected CUSTOM or FORGETTINGCURVE"#);
        let e = err("ERULE:NAME=CUSTOM");
        assert_eq!(e.kind(), &FlagErrorKind::MissingKey { key: "BYDATE" });
        let e = err("ERULE:NAME=CUSTOM;BYDATE=20260101,20260230");
        assert_eq!(e.offset(), 34);
        insta::assert_snapshot!(e.to_string(), @r#"invalid repeatFlag "ERULE:NAME=CUSTOM;BYDATE=20260101,20260230" at byte 34: BYDATE="20260230" is not a date yyyyMMdd"#);
        let e = err("ERULE:NAME=FORGETTINGCURVE");
        insta::assert_snapshot!(e.to_string(), @r#"invalid repeatFlag "ERULE:NAME=FORGETTINGCURVE" at byte 6: CYCLE is missing"#);
        let e = err("ERULE:NAME=FORGETTINGCURVE;CYCLE=-1");
        assert!(matches!(e.kind(), FlagErrorKind::OutOfRange { min: 0, .. }));
        let e = err("ERULE:NAME=FORGETTINGCURVE;CYCLE=1;COUNT=0");
        assert_eq!(e.offset(), 41);
        assert!(matches!(e.kind(), FlagErrorKind::OutOfRange { min: 1, .. }));
    }

    /// Rules from libical's `icalrecur_test.txt` (v4.0.3) that stress the validator: all accepted.
    #[test]
    fn libical_rules_are_accepted() {
        for text in [
            "RRULE:FREQ=WEEKLY;INTERVAL=1;COUNT=2;BYDAY=MO;",
            "RRULE:FREQ=YEARLY;BYWEEKNO=1,2,-1,-2;BYDAY=TU;UNTIL=20170101T000000Z",
            "RRULE:FREQ=YEARLY;BYWEEKNO=53;BYDAY=TU,SA;INTERVAL=6;UNTIL=20170101T000000Z",
            "RRULE:FREQ=YEARLY;BYWEEKNO=6;BYDAY=TU;WKST=TH;UNTIL=20210612T000000Z",
            "RRULE:FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=30;BYWEEKNO=1;UNTIL=20320101",
            "RRULE:FREQ=YEARLY;BYWEEKNO=1;BYDAY=MO,TU;INTERVAL=3;UNTIL=20320101",
        ] {
            rule(text);
        }
    }
}
