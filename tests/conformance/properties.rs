//! Properties over every corpus rule, the way libical's own test driver checks them.

use std::panic::{catch_unwind, AssertUnwindSafe};

use chrono::TimeDelta;
use ticktick_recur::{RepeatFlag, Series};

use crate::corpora::{all_cases, Case, Item};
use crate::outcome::{build, build_flag, panic_message, Built};

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
