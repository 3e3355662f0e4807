//! The three corpora, read into cases: a calendar (start, rules, exceptions) and the expected answer.

use std::fmt::Write as _;

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use serde::Deserialize;
use ticktick_recur::{Occurrence, Zone};

use crate::DATA;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Source {
    RustRrule,
    Dateutil,
    Libical,
}

impl Source {
    pub(crate) fn key(self) -> &'static str {
        match self {
            Source::RustRrule => "rust-rrule",
            Source::Dateutil => "dateutil",
            Source::Libical => "libical",
        }
    }

    pub(crate) fn from_key(key: &str) -> Option<Source> {
        [Source::RustRrule, Source::Dateutil, Source::Libical]
            .into_iter()
            .find(|s| s.key() == key)
    }
}

/// Where a series is anchored, as the corpus writes its DTSTART.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Start {
    /// `DTSTART:19970902T090000`: floating; run in UTC and compare wall-clock times.
    Floating(NaiveDateTime),
    /// `DTSTART:19970902T090000Z`: an instant; run in UTC.
    Utc(NaiveDateTime),
    /// `DTSTART;TZID=America/New_York:19970902T090000`: wall-clock time in a zone; compare instants.
    Zoned(Zone, NaiveDateTime),
    /// `DTSTART:20241018` or `DTSTART;VALUE=DATE:20241018`: an all-day series; compare dates.
    Date(NaiveDate),
}

impl Start {
    pub(crate) fn zone(self) -> Zone {
        match self {
            Start::Zoned(zone, _) => zone,
            _ => Zone::UTC,
        }
    }

    pub(crate) fn local(self) -> NaiveDateTime {
        match self {
            Start::Floating(t) | Start::Utc(t) | Start::Zoned(_, t) => t,
            Start::Date(d) => d.and_hms_opt(0, 0, 0).unwrap(),
        }
    }

    pub(crate) fn instant(self) -> DateTime<Utc> {
        self.zone().instant(self.local())
    }

    pub(crate) fn all_day(self) -> bool {
        matches!(self, Start::Date(_))
    }

    /// An RDATE/EXDATE/START-AT value, read in this start's zone.
    pub(crate) fn item(self, value: IcalTime) -> Item {
        let local = match value {
            IcalTime::Date(d) => d.and_hms_opt(0, 0, 0).unwrap(),
            IcalTime::Floating(t) => t,
            IcalTime::Utc(t) => {
                let instant = DateTime::<Utc>::from_naive_utc_and_offset(t, Utc);
                return Item {
                    local: self.zone().local(instant),
                    instant,
                };
            }
        };
        Item {
            local,
            instant: self.zone().instant(local),
        }
    }

    /// The text an occurrence is compared as: wall-clock time for floating and UTC starts, the UTC
    /// instant for zoned starts, the date for all-day series.
    pub(crate) fn canon(self, item: Item) -> String {
        match self {
            Start::Floating(_) | Start::Utc(_) => {
                item.local.format("%Y-%m-%dT%H:%M:%S").to_string()
            }
            Start::Zoned(..) => item.instant.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
            Start::Date(_) => item.local.date().format("%Y-%m-%d").to_string(),
        }
    }
}

/// A DATE or DATE-TIME value as iCalendar writes it.
#[derive(Debug, Clone, Copy)]
pub(crate) enum IcalTime {
    Date(NaiveDate),
    Floating(NaiveDateTime),
    Utc(NaiveDateTime),
}

fn parse_ical_time(text: &str) -> Result<IcalTime, String> {
    let text = text.trim();
    if let Some(t) = text.strip_suffix('Z') {
        return NaiveDateTime::parse_from_str(t, "%Y%m%dT%H%M%S")
            .map(IcalTime::Utc)
            .map_err(|e| format!("bad UTC date-time {text:?}: {e}"));
    }
    if text.contains('T') {
        return NaiveDateTime::parse_from_str(text, "%Y%m%dT%H%M%S")
            .map(IcalTime::Floating)
            .map_err(|e| format!("bad date-time {text:?}: {e}"));
    }
    NaiveDate::parse_from_str(text, "%Y%m%d")
        .map(IcalTime::Date)
        .map_err(|e| format!("bad date {text:?}: {e}"))
}

/// An occurrence as compared: its wall-clock time and its instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Item {
    pub(crate) local: NaiveDateTime,
    pub(crate) instant: DateTime<Utc>,
}

impl From<Occurrence> for Item {
    fn from(o: Occurrence) -> Self {
        Item {
            local: o.local(),
            instant: o.instant(),
        }
    }
}

/// An iCalendar snippet: one DTSTART and the rules and dates that make up the recurrence set.
#[derive(Debug, Clone)]
pub(crate) struct Calendar {
    pub(crate) start: Start,
    /// Each RRULE as a `repeatFlag` (`RRULE:` + the value as written, or the bare value when the line
    /// has no property name, as `rrulestr` reads it).
    pub(crate) rrules: Vec<String>,
    pub(crate) exrules: Vec<String>,
    pub(crate) rdates: Vec<IcalTime>,
    pub(crate) exdates: Vec<IcalTime>,
}

impl Calendar {
    /// A single rule: the engine's series is the whole answer. Anything else is an RFC 5545 recurrence
    /// *set* (several RRULEs, RDATE, EXRULE, EXDATE), which a `repeatFlag` cannot hold: the harness
    /// composes it from the engine's series of each rule, as dateutil's `rruleset` does.
    pub(crate) fn single_rule(&self) -> Option<&str> {
        match (
            &self.rrules[..],
            self.exrules.is_empty() && self.rdates.is_empty() && self.exdates.is_empty(),
        ) {
            ([one], true) => Some(one),
            _ => None,
        }
    }

    pub(crate) fn bounded(&self) -> bool {
        !self.rrules.is_empty()
            && self.rrules.iter().all(|r| {
                let upper = r.to_ascii_uppercase();
                upper.contains("COUNT=") || upper.contains("UNTIL=")
            })
    }
}

/// Reads an iCalendar snippet the way dateutil's `rrulestr` does: lines split on whitespace (or, with
/// `unfold`, RFC 5545 folded lines joined first); a line without a property name is an RRULE value.
fn parse_calendar(text: &str, unfold: bool) -> Result<Calendar, String> {
    let lines: Vec<String> = if unfold {
        let mut lines: Vec<String> = Vec::new();
        for raw in text.lines() {
            let line = raw.trim_end();
            if line.is_empty() {
                continue;
            }
            match (line.strip_prefix(' '), lines.last_mut()) {
                (Some(rest), Some(previous)) => previous.push_str(rest),
                _ => lines.push(line.to_owned()),
            }
        }
        lines
    } else {
        text.split_whitespace().map(str::to_owned).collect()
    };

    let mut start = None;
    let mut zone = None;
    let (mut rrules, mut exrules, mut rdates, mut exdates) = (vec![], vec![], vec![], vec![]);
    for line in &lines {
        let Some((name, value)) = line.split_once(':') else {
            rrules.push(line.clone());
            continue;
        };
        let mut params = name.split(';');
        let name = params.next().unwrap_or_default().to_ascii_uppercase();
        let mut tzid = None;
        for param in params {
            if let Some((k, v)) = param.split_once('=') {
                if k.eq_ignore_ascii_case("TZID") {
                    tzid = Some(
                        v.parse::<Zone>()
                            .map_err(|e| format!("unknown TZID {v:?}: {e}"))?,
                    );
                }
            }
        }
        match name.as_str() {
            "DTSTART" => {
                zone = tzid;
                start = Some(match (parse_ical_time(value)?, tzid) {
                    (IcalTime::Date(d), _) => Start::Date(d),
                    (IcalTime::Floating(t), Some(z)) => Start::Zoned(z, t),
                    (IcalTime::Floating(t), None) => Start::Floating(t),
                    (IcalTime::Utc(t), _) => Start::Utc(t),
                });
            }
            "RRULE" => rrules.push(format!("RRULE:{value}")),
            "EXRULE" => exrules.push(format!("RRULE:{value}")),
            "RDATE" | "EXDATE" => {
                if tzid.is_some() && tzid != zone {
                    return Err(format!("{name} in another zone than DTSTART: {line}"));
                }
                let list = if name == "RDATE" {
                    &mut rdates
                } else {
                    &mut exdates
                };
                for v in value.split(',') {
                    list.push(parse_ical_time(v)?);
                }
            }
            other => return Err(format!("unexpected property {other}")),
        }
    }
    Ok(Calendar {
        start: start.ok_or("no DTSTART")?,
        rrules,
        exrules,
        rdates,
        exdates,
    })
}

#[derive(Debug, Clone)]
pub(crate) enum Expected {
    /// The occurrences, canonicalised by [`Start::canon`].
    Instances(Vec<String>),
    /// The source rejects the rule with this message.
    Error(String),
}

#[derive(Debug, Clone)]
pub(crate) struct Case {
    pub(crate) source: Source,
    /// The source's test name; for libical, `line N` (the line of the record's RRULE).
    pub(crate) name: String,
    /// The source's description (libical's comment), for messages.
    pub(crate) comment: String,
    pub(crate) calendar: Calendar,
    pub(crate) expected: Expected,
    /// Compare only this many occurrences (unbounded rules).
    pub(crate) limit: Option<usize>,
    /// libical `START-AT`: also compare the occurrences at or after it, found by skipping ahead.
    pub(crate) start_at: Option<Item>,
}

impl Case {
    pub(crate) fn id(&self) -> String {
        format!("{} {}", self.source.key(), self.name)
    }

    /// The rule text the allow-list names the case by: the first RRULE value without its prefix.
    pub(crate) fn rule(&self) -> String {
        let r = self.calendar.rrules.first().map_or("", String::as_str);
        r.strip_prefix("RRULE:").unwrap_or(r).to_owned()
    }

    pub(crate) fn describe(&self) -> String {
        let mut s = format!("{} [{}]", self.id(), self.rule());
        match self.calendar.start {
            Start::Zoned(z, t) => write!(s, " from {t} in {z}").unwrap(),
            Start::Date(d) => write!(s, " from {d} (all-day)").unwrap(),
            Start::Floating(t) => write!(s, " from {t} (floating)").unwrap(),
            Start::Utc(t) => write!(s, " from {t}Z").unwrap(),
        }
        if !self.comment.is_empty() {
            write!(s, " \u{2014} {}", self.comment).unwrap();
        }
        if let Expected::Error(e) = &self.expected {
            write!(s, " (the source rejects it: {e})").unwrap();
        }
        s
    }
}

pub(crate) fn read(name: &str) -> String {
    let path = format!("{DATA}/{name}");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"))
}

#[derive(Deserialize)]
struct RustRruleCase {
    test: String,
    rfc: String,
    expected: Vec<String>,
    /// The number of occurrences the source took from an unbounded rule; written as a string.
    limit: Option<serde_json::Value>,
}

pub(crate) fn rust_rrule_cases() -> Vec<Case> {
    let cases: Vec<RustRruleCase> =
        serde_json::from_str(&read("rust-rrule-rfc-tz.json")).expect("rust-rrule corpus is JSON");
    cases
        .into_iter()
        .map(|c| {
            let calendar = parse_calendar(&c.rfc, false)
                .unwrap_or_else(|e| panic!("rust-rrule {}: {e}", c.test));
            let expected = c
                .expected
                .iter()
                .map(|t| {
                    let t = DateTime::parse_from_rfc3339(t)
                        .unwrap_or_else(|e| panic!("rust-rrule {}: {t}: {e}", c.test));
                    t.with_timezone(&Utc)
                        .format("%Y-%m-%dT%H:%M:%SZ")
                        .to_string()
                })
                .collect();
            Case {
                source: Source::RustRrule,
                name: c.test,
                comment: String::new(),
                calendar,
                expected: Expected::Instances(expected),
                limit: c.limit.map(|l| match l {
                    serde_json::Value::String(s) => s.parse().expect("limit is a number"),
                    other => other.as_u64().expect("limit is a number") as usize,
                }),
                start_at: None,
            }
        })
        .collect()
}

#[derive(Deserialize)]
struct DateutilCase {
    test: String,
    rfc: String,
    expected: Vec<String>,
    #[serde(default)]
    rrulestr_kwargs: Vec<String>,
    #[serde(default)]
    nonstandard: Option<String>,
}

pub(crate) fn dateutil_cases() -> Vec<Case> {
    read("dateutil-rrule.jsonl")
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let c: DateutilCase =
                serde_json::from_str(line).expect("dateutil corpus is JSON lines");
            let unfold = c.rrulestr_kwargs.iter().any(|k| k == "unfold");
            let calendar = parse_calendar(&c.rfc, unfold)
                .unwrap_or_else(|e| panic!("dateutil {}: {e}", c.test));
            let expected: Vec<String> = c
                .expected
                .iter()
                .map(|t| {
                    NaiveDateTime::parse_from_str(t, "%Y-%m-%dT%H:%M:%S")
                        .unwrap_or_else(|e| panic!("dateutil {}: {t}: {e}", c.test))
                        .format("%Y-%m-%dT%H:%M:%S")
                        .to_string()
                })
                .collect();
            let limit = (!calendar.bounded()).then_some(expected.len());
            Case {
                source: Source::Dateutil,
                name: c.test,
                comment: c.nonstandard.unwrap_or_default(),
                calendar,
                expected: Expected::Instances(expected),
                limit,
                start_at: None,
            }
        })
        .collect()
}

pub(crate) fn libical_cases() -> Vec<Case> {
    let text = read("libical-icalrecur_test.txt");
    let mut cases = Vec::new();
    let mut comments: Vec<&str> = Vec::new();
    let mut rrule: Option<(usize, &str)> = None;
    let mut dtstart: Option<&str> = None;
    let mut start_at: Option<&str> = None;
    for (i, line) in text.lines().enumerate() {
        let number = i + 1;
        if let Some(c) = line.strip_prefix('#') {
            comments.push(c.trim());
            continue;
        }
        if line.trim().is_empty() {
            continue;
        }
        let (key, value) = line
            .split_once(':')
            .unwrap_or_else(|| panic!("libical line {number}: not KEY:VALUE: {line:?}"));
        match key {
            "RRULE" => rrule = Some((number, value)),
            "DTSTART" => dtstart = Some(value),
            "START-AT" => start_at = Some(value),
            "INSTANCES" => {
                let (rule_line, rule) = rrule
                    .take()
                    .unwrap_or_else(|| panic!("libical line {number}: no RRULE"));
                let dtstart = dtstart
                    .take()
                    .unwrap_or_else(|| panic!("libical line {number}: no DTSTART"));
                let calendar = Calendar {
                    start: match parse_ical_time(dtstart).unwrap() {
                        IcalTime::Date(d) => Start::Date(d),
                        IcalTime::Floating(t) => Start::Floating(t),
                        IcalTime::Utc(t) => Start::Utc(t),
                    },
                    rrules: vec![format!("RRULE:{rule}")],
                    exrules: vec![],
                    rdates: vec![],
                    exdates: vec![],
                };
                let start = calendar.start;
                let expected = match value.trim().strip_prefix("***") {
                    Some(error) => Expected::Error(error.trim().to_owned()),
                    None => Expected::Instances(
                        value
                            .split(',')
                            .map(|v| start.canon(start.item(parse_ical_time(v).unwrap())))
                            .collect(),
                    ),
                };
                cases.push(Case {
                    source: Source::Libical,
                    name: format!("line {rule_line}"),
                    comment: comments.join(" / "),
                    calendar,
                    expected,
                    limit: None,
                    start_at: start_at
                        .take()
                        .map(|v| start.item(parse_ical_time(v).unwrap())),
                });
                comments.clear();
            }
            other => panic!("libical line {number}: unknown key {other:?}"),
        }
    }
    cases
}

pub(crate) fn all_cases() -> Vec<Case> {
    let mut cases = rust_rrule_cases();
    cases.extend(dateutil_cases());
    cases.extend(libical_cases());
    cases
}
