//! Conformance of the RRULE engine with the test suites of three independent recurrence engines.
//!
//! Sources (vendored unchanged under `tests/data/`; `tests/data/NOTICE` names their versions and
//! licences, `tests/data/README.md` says what is ported and where we differ):
//!
//! - `rust-rrule-rfc-tz.json`: the `rrule` crate's `rfc_tests.rs` and `daylight_saving.rs` (38 cases,
//!   `DTSTART;TZID=...`, expected instants with offsets). All must pass.
//! - `dateutil-rrule.jsonl`: python-dateutil's `test_rrule.py` (254 cases, floating times). Run in UTC
//!   and compared as wall-clock times.
//! - `libical-icalrecur_test.txt`: libical's `icalrecur_test.txt` (146 records, floating, UTC and
//!   date-only starts, `START-AT`, and records whose rule must be rejected).
//!
//! Every case must pass, or be listed in `tests/data/allowlist.json` with the treatment it gets
//! (`rejected`: `validate` or `Series::new` refuses it; `differs`: it runs and gives another answer,
//! which the entry may pin) and a reason. The test asserts the listed treatment, so an entry that goes
//! stale (the case now passes, or fails in another way) fails the run too.
//!
//! The second half checks properties of the engine over every corpus rule, the way libical's own test
//! driver does: restarting a series at its n-th occurrence (COUNT reduced by n) yields the rest of the
//! series, and `iter_after_unbounded`/`after_unbounded` (which jump ahead) agree with walking the
//! series from its start.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::panic::{catch_unwind, AssertUnwindSafe};

use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeDelta, Utc};
use serde::Deserialize;
use ticktick_recur::{Error, Occurrence, RepeatFlag, Series, Zone};

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data");

// ---------------------------------------------------------------------------------------------------
// The corpora
// ---------------------------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Source {
    RustRrule,
    Dateutil,
    Libical,
}

impl Source {
    fn key(self) -> &'static str {
        match self {
            Source::RustRrule => "rust-rrule",
            Source::Dateutil => "dateutil",
            Source::Libical => "libical",
        }
    }

    fn from_key(key: &str) -> Option<Source> {
        [Source::RustRrule, Source::Dateutil, Source::Libical]
            .into_iter()
            .find(|s| s.key() == key)
    }
}

/// Where a series is anchored, as the corpus writes its DTSTART.
#[derive(Debug, Clone, Copy)]
enum Start {
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
    fn zone(self) -> Zone {
        match self {
            Start::Zoned(zone, _) => zone,
            _ => Zone::UTC,
        }
    }

    fn local(self) -> NaiveDateTime {
        match self {
            Start::Floating(t) | Start::Utc(t) | Start::Zoned(_, t) => t,
            Start::Date(d) => d.and_hms_opt(0, 0, 0).unwrap(),
        }
    }

    fn instant(self) -> DateTime<Utc> {
        self.zone().instant(self.local())
    }

    fn all_day(self) -> bool {
        matches!(self, Start::Date(_))
    }

    /// An RDATE/EXDATE/START-AT value, read in this start's zone.
    fn item(self, value: IcalTime) -> Item {
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
    fn canon(self, item: Item) -> String {
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
enum IcalTime {
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
struct Item {
    local: NaiveDateTime,
    instant: DateTime<Utc>,
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
struct Calendar {
    start: Start,
    /// Each RRULE as a `repeatFlag` (`RRULE:` + the value as written, or the bare value when the line
    /// has no property name, as `rrulestr` reads it).
    rrules: Vec<String>,
    exrules: Vec<String>,
    rdates: Vec<IcalTime>,
    exdates: Vec<IcalTime>,
}

impl Calendar {
    /// A single rule: the engine's series is the whole answer. Anything else is an RFC 5545 recurrence
    /// *set* (several RRULEs, RDATE, EXRULE, EXDATE), which a `repeatFlag` cannot hold: the harness
    /// composes it from the engine's series of each rule, as dateutil's `rruleset` does.
    fn single_rule(&self) -> Option<&str> {
        match (
            &self.rrules[..],
            self.exrules.is_empty() && self.rdates.is_empty() && self.exdates.is_empty(),
        ) {
            ([one], true) => Some(one),
            _ => None,
        }
    }

    fn bounded(&self) -> bool {
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
enum Expected {
    /// The occurrences, canonicalised by [`Start::canon`].
    Instances(Vec<String>),
    /// The source rejects the rule with this message.
    Error(String),
}

#[derive(Debug, Clone)]
struct Case {
    source: Source,
    /// The source's test name; for libical, `line N` (the line of the record's RRULE).
    name: String,
    /// The source's description (libical's comment), for messages.
    comment: String,
    calendar: Calendar,
    expected: Expected,
    /// Compare only this many occurrences (unbounded rules).
    limit: Option<usize>,
    /// libical `START-AT`: also compare the occurrences at or after it, found by skipping ahead.
    start_at: Option<Item>,
}

impl Case {
    fn id(&self) -> String {
        format!("{} {}", self.source.key(), self.name)
    }

    /// The rule text the allow-list names the case by: the first RRULE value without its prefix.
    fn rule(&self) -> String {
        let r = self.calendar.rrules.first().map_or("", String::as_str);
        r.strip_prefix("RRULE:").unwrap_or(r).to_owned()
    }

    fn describe(&self) -> String {
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

fn read(name: &str) -> String {
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

fn rust_rrule_cases() -> Vec<Case> {
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

fn dateutil_cases() -> Vec<Case> {
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

fn libical_cases() -> Vec<Case> {
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

fn all_cases() -> Vec<Case> {
    let mut cases = rust_rrule_cases();
    cases.extend(dateutil_cases());
    cases.extend(libical_cases());
    cases
}

// ---------------------------------------------------------------------------------------------------
// Running a case through the engine
// ---------------------------------------------------------------------------------------------------

/// What the engine made of a case.
#[derive(Debug, Clone)]
enum Run {
    Ok(Vec<Item>),
    /// `Series::new` said the rule can never produce an occurrence: an empty series.
    NeverOccurs,
    /// The flag did not parse or validate, or `Series::new` refused it for another reason.
    Rejected(String),
    /// The engine panicked.
    Panicked(String),
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "panic".to_owned())
}

enum Built {
    Series(Box<Series>),
    NeverOccurs,
    Rejected(String),
}

/// The engine's series for one flag, anchored as the corpus anchors it.
fn build(flag: &str, start: Start) -> Built {
    let flag = match flag.parse::<RepeatFlag>() {
        Ok(f) => f,
        Err(e) => return Built::Rejected(format!("parse: {e}")),
    };
    build_flag(&flag, start.instant(), start)
}

fn build_flag(flag: &RepeatFlag, instant: DateTime<Utc>, start: Start) -> Built {
    let recurrence = match flag.validate() {
        Ok(r) => r,
        Err(e) => return Built::Rejected(format!("validate: {e}")),
    };
    match Series::new(&recurrence, instant, start.zone()) {
        Ok(series) => Built::Series(Box::new(series.all_day(start.all_day()))),
        Err(Error::NeverOccurs { .. }) => Built::NeverOccurs,
        Err(e) => Built::Rejected(format!("Series::new: {e}")),
    }
}

fn run(case: &Case, want: usize) -> Run {
    let calendar = &case.calendar;
    let start = calendar.start;
    let result = catch_unwind(AssertUnwindSafe(|| -> Run {
        if let Some(flag) = calendar.single_rule() {
            return match build(flag, start) {
                Built::Series(s) => {
                    Run::Ok(s.iter_unbounded().take(want).map(Item::from).collect())
                }
                Built::NeverOccurs => Run::NeverOccurs,
                Built::Rejected(e) => Run::Rejected(e),
            };
        }
        // A recurrence set: (RRULEs + RDATEs) - (EXRULEs + EXDATEs), ascending, without duplicates.
        let slack = want + 64;
        let mut items: Vec<Item> = calendar.rdates.iter().map(|&v| start.item(v)).collect();
        for flag in &calendar.rrules {
            match build(flag, start) {
                Built::Series(s) => items.extend(s.iter_unbounded().take(slack).map(Item::from)),
                Built::NeverOccurs => {}
                Built::Rejected(e) => return Run::Rejected(e),
            }
        }
        let mut excluded: BTreeSet<DateTime<Utc>> = calendar
            .exdates
            .iter()
            .map(|&v| start.item(v).instant)
            .collect();
        for flag in &calendar.exrules {
            match build(flag, start) {
                Built::Series(s) => {
                    excluded.extend(s.iter_unbounded().take(slack).map(|o| o.instant()))
                }
                Built::NeverOccurs => {}
                Built::Rejected(e) => return Run::Rejected(e),
            }
        }
        items.sort_by_key(|i| (i.instant, i.local));
        items.dedup_by_key(|i| i.instant);
        items.retain(|i| !excluded.contains(&i.instant));
        items.truncate(want);
        Run::Ok(items)
    }));
    result.unwrap_or_else(|p| Run::Panicked(panic_message(&*p)))
}

/// How a case came out against its expected answer.
#[derive(Debug, Clone)]
enum Verdict {
    Pass,
    Rejected(String),
    Differs {
        expected: Expected,
        got: Vec<String>,
    },
    Panicked(String),
}

fn verdict(case: &Case) -> Verdict {
    let start = case.calendar.start;
    let expected = match &case.expected {
        Expected::Error(_) => {
            return match run(case, 64) {
                Run::Rejected(_) | Run::NeverOccurs => Verdict::Pass,
                Run::Panicked(p) => Verdict::Panicked(p),
                Run::Ok(items) => Verdict::Differs {
                    expected: case.expected.clone(),
                    got: items.into_iter().map(|i| start.canon(i)).collect(),
                },
            }
        }
        Expected::Instances(e) => e,
    };
    // One more than expected, so that a bounded series that runs on shows.
    let want = case.limit.unwrap_or(expected.len() + 1);
    let got: Vec<String> = match run(case, want) {
        Run::Ok(items) => items.into_iter().map(|i| start.canon(i)).collect(),
        Run::NeverOccurs if expected.is_empty() => vec![],
        Run::NeverOccurs => return Verdict::Rejected("Series::new: never occurs".to_owned()),
        Run::Rejected(e) => return Verdict::Rejected(e),
        Run::Panicked(p) => return Verdict::Panicked(p),
    };
    if &got != expected {
        return Verdict::Differs {
            expected: case.expected.clone(),
            got,
        };
    }
    // START-AT: the occurrences at or after it, found by skipping ahead rather than walking.
    if let Some(at) = case.start_at {
        let tail: Vec<&String> = expected.iter().filter(|e| **e >= start.canon(at)).collect();
        let skipped = catch_unwind(AssertUnwindSafe(|| {
            match build(case.calendar.single_rule().unwrap(), start) {
                Built::Series(s) => s
                    .iter_after_unbounded(at.instant - TimeDelta::seconds(1))
                    .take(tail.len() + 1)
                    .map(|o| start.canon(o.into()))
                    .collect::<Vec<_>>(),
                _ => vec![],
            }
        }));
        match skipped {
            Ok(got) if got.iter().collect::<Vec<_>>() == tail => {}
            Ok(got) => {
                return Verdict::Differs {
                    expected: Expected::Instances(tail.into_iter().cloned().collect()),
                    got,
                }
            }
            Err(p) => return Verdict::Panicked(panic_message(&*p)),
        }
    }
    Verdict::Pass
}

// ---------------------------------------------------------------------------------------------------
// The allow-list
// ---------------------------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
enum Treatment {
    Rejected,
    Differs,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    source: String,
    test: String,
    /// The case's (first) RRULE value, so that an entry cannot silently drift to another case.
    rule: String,
    treatment: Treatment,
    /// A key of `decisions`.
    decision: String,
    reason: String,
    /// For `differs`: what the engine gives instead (canonical form), when pinned.
    #[serde(default)]
    ours: Option<Vec<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AllowList {
    #[serde(rename = "_about")]
    _about: Vec<String>,
    decisions: BTreeMap<String, String>,
    entries: Vec<Entry>,
}

fn allow_list() -> AllowList {
    serde_json::from_str(&read("allowlist.json")).expect("tests/data/allowlist.json is valid")
}

/// Runs one corpus and checks every case against its expected answer or its allow-list entry.
fn check_corpus(source: Source, cases: &[Case]) {
    let list = allow_list();
    let entries: BTreeMap<&str, &Entry> = list
        .entries
        .iter()
        .filter(|e| e.source == source.key())
        .map(|e| (e.test.as_str(), e))
        .collect();

    let mut failures = Vec::new();
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for case in cases {
        let verdict = verdict(case);
        let entry = entries.get(case.name.as_str()).copied();
        let outcome = match (entry, &verdict) {
            (None, Verdict::Pass) => Ok("pass"),
            (Some(e), Verdict::Rejected(_)) if e.treatment == Treatment::Rejected => {
                Ok("allow-listed: rejected")
            }
            (Some(e), Verdict::Differs { .. }) if e.treatment == Treatment::Differs => {
                match &e.ours {
                    Some(ours) => {
                        // The pinned answer is the whole series (or, unbounded, its first part).
                        let want = ours.len() + usize::from(case.limit.is_none());
                        let start = case.calendar.start;
                        let got: Vec<String> = match run(case, want) {
                            Run::Ok(items) => items.into_iter().map(|i| start.canon(i)).collect(),
                            other => vec![format!("{other:?}")],
                        };
                        if &got == ours {
                            Ok("allow-listed: differs")
                        } else {
                            Err(format!(
                                "allow-listed as differing with a pinned answer, but the engine \
                                 gives another one\n    pinned: {ours:?}\n    got:    {got:?}"
                            ))
                        }
                    }
                    None => Ok("allow-listed: differs"),
                }
            }
            (Some(e), Verdict::Pass) => Err(format!(
                "stale allow-list entry ({:?}, {}): the case passes now; remove the entry",
                e.treatment, e.decision
            )),
            (_, Verdict::Panicked(p)) => Err(format!("the engine panicked: {p}")),
            (entry, Verdict::Rejected(why)) => Err(format!(
                "rejected: {why}{}",
                entry.map_or(String::new(), |e| format!(
                    " (allow-listed as {:?}, not rejected)",
                    e.treatment
                ))
            )),
            (entry, Verdict::Differs { expected, got }) => Err(format!(
                "differs{}\n    expected: {expected:?}\n    got:      {got:?}",
                entry.map_or(String::new(), |e| format!(
                    " (allow-listed as {:?}, but it runs)",
                    e.treatment
                ))
            )),
        };
        match outcome {
            Ok(kind) => *counts.entry(kind).or_default() += 1,
            Err(message) => {
                *counts.entry("FAIL").or_default() += 1;
                failures.push(format!("{}\n  {message}", case.describe()));
            }
        }
    }
    eprintln!(
        "{}: {} cases: {}",
        source.key(),
        cases.len(),
        counts
            .iter()
            .map(|(k, v)| format!("{v} {k}"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    assert!(
        failures.is_empty(),
        "{} of {} {} cases fail (neither passing nor behaving as tests/data/allowlist.json \
         says):\n\n{}",
        failures.len(),
        cases.len(),
        source.key(),
        failures.join("\n\n")
    );
}

#[test]
fn rust_rrule_corpus() {
    let cases = rust_rrule_cases();
    assert_eq!(cases.len(), 38, "rust-rrule-rfc-tz.json has 38 cases");
    check_corpus(Source::RustRrule, &cases);
}

#[test]
fn dateutil_corpus() {
    let cases = dateutil_cases();
    assert_eq!(cases.len(), 254, "dateutil-rrule.jsonl has 254 cases");
    check_corpus(Source::Dateutil, &cases);
}

#[test]
fn libical_corpus() {
    let cases = libical_cases();
    assert_eq!(
        cases.len(),
        146,
        "libical-icalrecur_test.txt has 146 records"
    );
    check_corpus(Source::Libical, &cases);
}

/// Every allow-list entry names one existing case by source, name and rule, once, with a reason and a
/// known decision; `ours` only on `differs`. (Whether the entry is still needed is checked by the
/// corpus tests.)
#[test]
fn allowlist_entries_name_real_cases() {
    let list = allow_list();
    let cases = all_cases();
    let by_id: BTreeMap<(Source, &str), &Case> = cases
        .iter()
        .map(|c| ((c.source, c.name.as_str()), c))
        .collect();
    assert_eq!(by_id.len(), cases.len(), "case names are unique per source");
    let mut seen = BTreeSet::new();
    let mut problems = Vec::new();
    for e in &list.entries {
        let where_ = format!("{} {}", e.source, e.test);
        let Some(source) = Source::from_key(&e.source) else {
            problems.push(format!("{where_}: unknown source"));
            continue;
        };
        if !seen.insert((source, e.test.as_str())) {
            problems.push(format!("{where_}: listed twice"));
        }
        match by_id.get(&(source, e.test.as_str())) {
            None => problems.push(format!("{where_}: no such case")),
            Some(case) if case.rule() != e.rule => problems.push(format!(
                "{where_}: the case's rule is {:?}, the entry says {:?}",
                case.rule(),
                e.rule
            )),
            Some(_) => {}
        }
        if e.reason.trim().len() < 20 {
            problems.push(format!("{where_}: give a real reason"));
        }
        if !list.decisions.contains_key(&e.decision) {
            problems.push(format!("{where_}: unknown decision {:?}", e.decision));
        }
        if e.ours.is_some() && e.treatment != Treatment::Differs {
            problems.push(format!("{where_}: `ours` only goes with `differs`"));
        }
    }
    let used: BTreeSet<&str> = list.entries.iter().map(|e| e.decision.as_str()).collect();
    for d in list.decisions.keys() {
        if !used.contains(d.as_str()) {
            problems.push(format!("decision {d:?} is used by no entry"));
        }
    }
    assert!(
        problems.is_empty(),
        "allow-list problems:\n{}",
        problems.join("\n")
    );
}

// ---------------------------------------------------------------------------------------------------
// Properties over every corpus rule (libical's driver)
// ---------------------------------------------------------------------------------------------------

/// How many occurrences of each series the properties look at.
const PREFIX: usize = 120;

/// The single-rule cases the engine accepts, with the series and its first occurrences.
fn accepted_series() -> Vec<(Case, Series, Vec<Item>)> {
    all_cases()
        .into_iter()
        .filter_map(|case| {
            let flag = case.calendar.single_rule()?.to_owned();
            let start = case.calendar.start;
            catch_unwind(AssertUnwindSafe(|| match build(&flag, start) {
                Built::Series(s) => {
                    let prefix: Vec<Item> =
                        s.iter_unbounded().take(PREFIX).map(Item::from).collect();
                    Some((case.clone(), *s, prefix))
                }
                _ => None,
            }))
            .ok()
            .flatten()
        })
        .collect()
}

fn show(items: &[Item]) -> Vec<String> {
    items
        .iter()
        .map(|i| format!("{} ({})", i.local, i.instant.format("%Y-%m-%dT%H:%M:%SZ")))
        .collect()
}

fn finish(property: &str, checked: usize, failures: Vec<String>) {
    eprintln!(
        "{property}: {checked} series checked, {} fail",
        failures.len()
    );
    assert!(
        failures.is_empty(),
        "{property}: {} of {checked} series fail:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

/// Each occurrence's instant is its wall-clock time resolved by the zone's policy, wall-clock times
/// strictly increase, and every occurrence of an all-day series is at local midnight.
#[test]
fn occurrences_are_ordered_and_resolved_by_the_zone_policy() {
    let series = accepted_series();
    let mut failures = Vec::new();
    for (case, s, prefix) in &series {
        let zone = s.zone();
        let mut problems = Vec::new();
        for (i, item) in prefix.iter().enumerate() {
            if item.instant != zone.instant(item.local) {
                problems.push(format!(
                    "#{i} {}: instant {} is not the zone's {}",
                    item.local,
                    item.instant,
                    zone.instant(item.local)
                ));
            }
            if i > 0 && prefix[i - 1].local >= item.local {
                problems.push(format!(
                    "#{i} {} does not follow {}",
                    item.local,
                    prefix[i - 1].local
                ));
            }
            if case.calendar.start.all_day() && item.local.time() != chrono::NaiveTime::MIN {
                problems.push(format!(
                    "#{i} {} is not at midnight in an all-day series",
                    item.local
                ));
            }
        }
        if !problems.is_empty() {
            failures.push(format!("{}\n  {}", case.describe(), problems.join("\n  ")));
        }
    }
    finish("ordered and resolved", series.len(), failures);
}

/// `iter_after_unbounded(t)` and `after_unbounded(t)` jump ahead without walking the series; they
/// must agree with the walk for `t` at every occurrence and one second before it.
#[test]
fn skip_ahead_agrees_with_the_walk() {
    let series = accepted_series();
    let mut failures = Vec::new();
    for (case, s, prefix) in &series {
        let outcome = catch_unwind(AssertUnwindSafe(|| -> Option<String> {
            for (n, x) in prefix.iter().enumerate() {
                for t in [x.instant - TimeDelta::seconds(1), x.instant] {
                    // The walk's answer: everything in the prefix strictly after t, in order. When the
                    // prefix is the whole series this is the whole answer; otherwise compare as much as
                    // the prefix covers.
                    let tail: Vec<Item> =
                        prefix.iter().copied().filter(|i| i.instant > t).collect();
                    let jumped: Vec<Item> = s
                        .iter_after_unbounded(t)
                        .take(tail.len())
                        .map(Item::from)
                        .collect();
                    if jumped != tail {
                        return Some(format!(
                            "iter_after({t}) at occurrence #{n}:\n    walk:   {:?}\n    jumped: {:?}",
                            show(&tail[..tail.len().min(6)]),
                            show(&jumped[..jumped.len().min(6)])
                        ));
                    }
                    let after = s.after_unbounded(t).map(Item::from);
                    if prefix.len() < PREFIX && after != tail.first().copied() {
                        return Some(format!(
                            "after({t}) at occurrence #{n}: walk {:?}, after {:?}",
                            tail.first().map(|i| i.local),
                            after.map(|i| i.local)
                        ));
                    }
                }
            }
            None
        }));
        match outcome {
            Ok(None) => {}
            Ok(Some(problem)) => failures.push(format!("{}\n  {problem}", case.describe())),
            Err(p) => failures.push(format!(
                "{}\n  panicked: {}",
                case.describe(),
                panic_message(&*p)
            )),
        }
    }
    finish("skip-ahead agrees with the walk", series.len(), failures);
}

/// libical's driver: restart the series at its n-th occurrence, with COUNT reduced by n when the rule
/// has one; the new series is the rest of the old one. Restart points whose wall-clock time was moved
/// by a DST gap are skipped: started from that instant, the series would keep the moved time of day.
#[test]
fn restarting_at_an_occurrence_gives_the_rest_of_the_series() {
    let series = accepted_series();
    let mut failures = Vec::new();
    let mut checked = 0;
    for (case, s, prefix) in &series {
        let start = case.calendar.start;
        let flag: RepeatFlag = case
            .calendar
            .single_rule()
            .unwrap()
            .parse()
            .expect("accepted above");
        let count: Option<u32> = flag
            .get("COUNT")
            .map(|c| c.parse().expect("COUNT is a number"));
        let whole = prefix.len() < PREFIX;
        // Every n for short series; a spread of n for long ones (each restart builds a series).
        let step = (prefix.len() / 40).max(1);
        checked += 1;
        let outcome = catch_unwind(AssertUnwindSafe(|| -> Option<String> {
            for n in (1..prefix.len()).step_by(step) {
                let x = prefix[n];
                if s.zone().local(x.instant) != x.local {
                    continue;
                }
                let restarted = match count {
                    Some(c) => flag.with_count(c - n as u32).expect("the flag has a COUNT"),
                    None => flag.clone(),
                };
                let rest = &prefix[n..];
                let got: Vec<Item> = match build_flag(&restarted, x.instant, start) {
                    Built::Series(s2) => {
                        let take = if whole { rest.len() + 1 } else { rest.len() };
                        s2.iter_unbounded().take(take).map(Item::from).collect()
                    }
                    Built::NeverOccurs => vec![],
                    Built::Rejected(e) => {
                        return Some(format!("restart at #{n} ({}) rejected: {e}", x.local))
                    }
                };
                if got != rest {
                    return Some(format!(
                        "restart at #{n} ({}) as {:?}:\n    rest:      {:?}\n    restarted: {:?}",
                        x.local,
                        restarted.as_str(),
                        show(&rest[..rest.len().min(6)]),
                        show(&got[..got.len().min(6)])
                    ));
                }
            }
            None
        }));
        match outcome {
            Ok(None) => {}
            Ok(Some(problem)) => failures.push(format!("{}\n  {problem}", case.describe())),
            Err(p) => failures.push(format!(
                "{}\n  panicked: {}",
                case.describe(),
                panic_message(&*p)
            )),
        }
    }
    finish("restart at the n-th occurrence", checked, failures);
}
