//! An `RRULE:` flag (or a bare `FREQ=...`), checked key by key, then in combination: the parts a
//! frequency forbids, `COUNT` with `UNTIL`, `BYDAY` ordinals with `BYWEEKNO`, `BYSETPOS` alone (RFC
//! 5545 section 3.3.10). TickTick's `TT_SKIP`, `TT_WORKDAY` and `TT_TIMES` are keys like the others.

use super::parts::Field;
use super::values::{freq_name, integer, until, weekday};
use super::{Checker, MAX_INTERVAL};
use crate::flag::{is_name, FlagError, FlagErrorKind};
use crate::rule::{Few, Frequency, Recurrence, Rule, SkipDays, Weekday, WeekdayNum, Workday};

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

/// RRULE keys by their canonical (upper-case) name, in groups by length ([`rrule_key`]).
const RRULE_KEYS: [&[(&str, Key)]; 7] = [
    &[("FREQ", Key::Freq), ("WKST", Key::Wkst)],
    &[
        ("COUNT", Key::Count),
        ("UNTIL", Key::Until),
        ("BYDAY", Key::ByDay),
    ],
    &[("BYHOUR", Key::ByHour)],
    &[("BYMONTH", Key::ByMonth), ("TT_SKIP", Key::TtSkip)],
    &[
        ("INTERVAL", Key::Interval),
        ("BYSECOND", Key::BySecond),
        ("BYMINUTE", Key::ByMinute),
        ("BYWEEKNO", Key::ByWeekNo),
        ("BYSETPOS", Key::BySetPos),
        ("TT_TIMES", Key::TtTimes),
    ],
    &[("BYYEARDAY", Key::ByYearDay)],
    &[
        ("BYMONTHDAY", Key::ByMonthDay),
        ("TT_WORKDAY", Key::TtWorkday),
    ],
];

/// The RRULE key `key` names (ASCII case-insensitive) and its canonical name; `None` for a key this
/// crate does not interpret. Only the keys of the same length are compared.
fn rrule_key(key: &[u8]) -> Option<(&'static str, Key)> {
    let group = RRULE_KEYS.get(key.len().checked_sub(4)?)?;
    group
        .iter()
        .find(|(name, _)| is_name(key, name.as_bytes()))
        .copied()
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

impl Checker<'_> {
    /// An `RRULE:` (or bare) flag, written into `out` as a [`Recurrence::Rule`]: the rule is made
    /// there and filled in place. On an error, `out` holds what was read before it.
    pub(super) fn rrule_into(&self, out: &mut Recurrence) -> Result<(), FlagError> {
        let (freq, _) = self.freq()?;
        *out = Recurrence::Rule(Rule {
            freq,
            interval: 1,
            count: None,
            until: None,
            week_start: Weekday::Monday,
            by_second: Vec::new(),
            by_minute: Vec::new(),
            by_hour: Vec::new(),
            by_day: Few::new(),
            by_month_day: Vec::new(),
            by_year_day: Vec::new(),
            by_week_no: Vec::new(),
            by_month: Vec::new(),
            by_set_pos: Vec::new(),
            skip: SkipDays::default(),
            skip_other: Vec::new(),
            workday: None,
            times: None,
        });
        match out {
            Recurrence::Rule(rule) => self.rrule_parts(rule),
            // Not met: `out` was just made a rule.
            _ => Ok(()),
        }
    }

    /// The parts of an `RRULE:` flag read into `rule`, which holds its frequency and defaults.
    fn rrule_parts(&self, rule: &mut Rule) -> Result<(), FlagError> {
        let freq = rule.freq;
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

        let bytes = self.text.as_bytes();
        for part in self.parts {
            // Known keys by their bytes, lengths first; unknown ones are passed over unread.
            let Some((name, key)) = bytes.get(part.key.clone()).and_then(rrule_key) else {
                continue;
            };
            if key == Key::Freq {
                continue;
            }
            let field = self.field(part);
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
                    // Made at the second entry: most lists have one.
                    let mut seen: Option<SeenDays> = None;
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
                        let fresh = match (&mut seen, rule.by_day.first()) {
                            (Some(seen), _) => seen.insert(day),
                            (None, None) => true,
                            (None, Some(&first)) => {
                                let seen = seen.insert(SeenDays::default());
                                seen.insert(first);
                                seen.insert(day)
                            }
                        };
                        if fresh {
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
                    // BEHAVIOUR.md §2: another value is kept and refused only when expanded.
                    for (text, _) in self.items(name, field)? {
                        if text.eq_ignore_ascii_case("WEEKEND") {
                            rule.skip.weekends = true;
                        } else if text.eq_ignore_ascii_case("HOLIDAY") {
                            rule.skip.holidays = true;
                        } else if text.eq_ignore_ascii_case("OFFICIAL_WORKDAY") {
                            rule.skip.official_workdays = true;
                        } else {
                            rule.skip.unsupported = true;
                            if !rule.skip_other.iter().any(|o| o == text) {
                                rule.skip_other.push(text.to_owned());
                            }
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
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rule::validate::testing::{base, date, day, err, nth, rule};
    use crate::rule::Until;

    // The flags of BEHAVIOUR.md §2 and the web-app capture.

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
                by_day: Few::from(vec![day(Weekday::Saturday)]),
                ..base(Frequency::Weekly)
            }
        );
    }

    #[test]
    fn every_key_is_found_in_any_case_and_no_other() {
        let all: Vec<(&str, Key)> = RRULE_KEYS.iter().flat_map(|g| g.iter().copied()).collect();
        assert_eq!(all.len(), 17);
        for (name, key) in all {
            assert_eq!(rrule_key(name.as_bytes()), Some((name, key)), "{name}");
            let lower = name.to_ascii_lowercase();
            assert_eq!(rrule_key(lower.as_bytes()), Some((name, key)), "{lower}");
            let mixed: String = name
                .chars()
                .enumerate()
                .map(|(i, c)| {
                    if i % 2 == 0 {
                        c.to_ascii_lowercase()
                    } else {
                        c
                    }
                })
                .collect();
            assert_eq!(rrule_key(mixed.as_bytes()), Some((name, key)), "{mixed}");
            // One byte more, one less, or one changed is another key.
            assert_eq!(rrule_key(format!("{name}S").as_bytes()), None, "{name}S");
            assert_eq!(rrule_key(&name.as_bytes()[1..]), None, "{name}");
            if name.contains('_') {
                // `_` has no other case: DEL (`_` with bit 0x20 set) is not it.
                assert_eq!(rrule_key(name.replace('_', "\x7f").as_bytes()), None);
            }
            let mut other = name.as_bytes().to_vec();
            other[0] ^= 0x01;
            assert_eq!(rrule_key(&other), None, "{other:?}");
        }
        for text in [
            "",
            "F",
            "FRE",
            "X-FREQ",
            "BYEASTER",
            "TT_SKIPS",
            "FREQ\u{0}",
        ] {
            assert_eq!(rrule_key(text.as_bytes()), None, "{text}");
        }
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
        let skip = |weekends, holidays, official_workdays| SkipDays {
            weekends,
            holidays,
            official_workdays,
            unsupported: false,
        };
        let (weekends, holidays) = (skip(true, false, false), skip(false, true, false));
        let both = skip(true, true, false);
        for (text, skip) in [
            ("RRULE:FREQ=DAILY;INTERVAL=1;TT_SKIP=WEEKEND", weekends),
            ("RRULE:FREQ=DAILY;INTERVAL=1;TT_SKIP=HOLIDAY", holidays),
            ("RRULE:FREQ=DAILY;INTERVAL=1;TT_SKIP=HOLIDAY,WEEKEND", both),
            ("RRULE:FREQ=DAILY;INTERVAL=1;TT_SKIP=WEEKEND,HOLIDAY", both),
            ("RRULE:FREQ=DAILY;tt_skip=weekend,weekend", weekends),
            // BEHAVIOUR.md §2: the "official rest days" preset of newer clients.
            (
                "RRULE:FREQ=DAILY;INTERVAL=1;TT_SKIP=OFFICIAL_WORKDAY",
                skip(false, false, true),
            ),
            (
                "RRULE:FREQ=DAILY;TT_SKIP=official_workday,HOLIDAY",
                skip(false, true, true),
            ),
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

    /// BEHAVIOUR.md §2: another `TT_SKIP` value is no parse error; it is kept as written, and the
    /// canonical text names it.
    #[test]
    fn unknown_tt_skip_values_are_kept() {
        let r = rule("RRULE:FREQ=DAILY;TT_SKIP=WEEKEND,LUNAR_HOLIDAY,Lunar_Holiday,LUNAR_HOLIDAY");
        assert_eq!(
            r.skip(),
            SkipDays {
                weekends: true,
                unsupported: true,
                ..SkipDays::default()
            }
        );
        assert_eq!(
            r.unsupported_skip_values(),
            ["LUNAR_HOLIDAY", "Lunar_Holiday"]
        );
        assert_eq!(
            r.to_string(),
            "RRULE:FREQ=DAILY;INTERVAL=1;TT_SKIP=WEEKEND,LUNAR_HOLIDAY,Lunar_Holiday"
        );
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
    fn library_example() {
        assert_eq!(
            rule("RRULE:FREQ=MONTHLY;INTERVAL=1;BYDAY=-1FR"),
            Rule {
                by_day: Few::from(vec![nth(-1, Weekday::Friday)]),
                ..base(Frequency::Monthly)
            }
        );
    }

    // RFC 5545 parts.

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
    fn by_day_keeps_first_seen_order_without_duplicates() {
        assert_eq!(
            rule("RRULE:FREQ=WEEKLY;BYDAY=MO,mo").by_day(),
            [day(Weekday::Monday)]
        );
        assert_eq!(
            rule("RRULE:FREQ=WEEKLY;BYDAY=MO,TU,mo,TU").by_day(),
            [day(Weekday::Monday), day(Weekday::Tuesday)]
        );
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
        let e = err("RRULE:FREQ=DAILY;TT_SKIP=WEEKEND,");
        assert_eq!(e.offset(), 33);
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
