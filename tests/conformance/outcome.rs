//! A case run through the engine, and its verdict against the expected answer.

use std::collections::BTreeSet;
use std::panic::{catch_unwind, AssertUnwindSafe};

use chrono::{DateTime, TimeDelta, Utc};
use ticktick_recur::{Error, RepeatFlag, Series};

use crate::corpora::{Case, Expected, Item, Start};

/// What the engine made of a case.
#[derive(Debug, Clone)]
pub(crate) enum Run {
    Ok(Vec<Item>),
    /// `Series::new` said the rule can never produce an occurrence: an empty series.
    NeverOccurs,
    /// The flag did not parse or validate, or `Series::new` refused it for another reason.
    Rejected(String),
    /// The engine panicked.
    Panicked(String),
}

pub(crate) fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "panic".to_owned())
}

pub(crate) enum Built {
    Series(Box<Series>),
    NeverOccurs,
    Rejected(String),
}

/// The engine's series for one flag, anchored as the corpus anchors it.
pub(crate) fn build(flag: &str, start: Start) -> Built {
    let flag = match flag.parse::<RepeatFlag>() {
        Ok(f) => f,
        Err(e) => return Built::Rejected(format!("parse: {e}")),
    };
    build_flag(&flag, start.instant(), start)
}

pub(crate) fn build_flag(flag: &RepeatFlag, instant: DateTime<Utc>, start: Start) -> Built {
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

pub(crate) fn run(case: &Case, want: usize) -> Run {
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
pub(crate) enum Verdict {
    Pass,
    Rejected(String),
    Differs {
        expected: Expected,
        got: Vec<String>,
    },
    Panicked(String),
}

pub(crate) fn verdict(case: &Case) -> Verdict {
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
