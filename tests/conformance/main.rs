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

use serde::Deserialize;

mod corpora;
mod outcome;
mod properties;

use corpora::{all_cases, dateutil_cases, libical_cases, read, rust_rrule_cases, Case, Source};
use outcome::{run, verdict, Run, Verdict};

/// Where the corpora and the allow-list lie.
const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data");

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
