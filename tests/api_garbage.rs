//! Thousands of seeded garbage inputs through the library (the same generators as
//! `tests/cli_garbage.rs`): every call returns a value or a typed error, never panics, and every
//! error's message is one line.

#[path = "garbage/inputs.rs"]
mod inputs;

use chrono::{NaiveDate, TimeDelta};
use inputs::Rng;
use ticktick_recur::task::{self, Action, Close, Task};
use ticktick_recur::{parse_instant, IdSeed, ObjectIdGenerator, RepeatFlag, Series, Zone};

fn one_line(e: impl std::fmt::Display) {
    let text = e.to_string();
    assert!(!text.contains('\n') && !text.is_empty(), "{text:?}");
}

#[test]
fn garbage_flags_through_parse_validate_and_expand() {
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    let zones: Vec<Zone> = [
        "UTC",
        "Pacific/Apia",
        "Australia/Lord_Howe",
        "America/New_York",
    ]
    .iter()
    .map(|z| z.parse().unwrap())
    .collect();
    for _ in 0..3000 {
        let text = inputs::flag(&mut rng);
        let recurrence = match RepeatFlag::parse(&text).and_then(|f| f.validate()) {
            Ok(r) => r,
            Err(e) => {
                one_line(&e);
                continue;
            }
        };
        let Ok(start) = parse_instant(&inputs::instant(&mut rng)) else {
            continue;
        };
        match Series::new(&recurrence, start, *rng.pick(&zones)) {
            Ok(series) => {
                for o in series.iter_after(start).take(3) {
                    if let Err(e) = o {
                        one_line(e);
                    }
                }
            }
            Err(e) => one_line(e),
        }
    }
}

#[test]
fn garbage_tasks_through_every_action() {
    let examples = inputs::example_tasks();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let (mut parsed, mut answered) = (0, 0);
    for _ in 0..4000 {
        let text = if rng.chance(25) {
            rng.pick(&examples).clone()
        } else {
            inputs::task(&mut rng, &examples)
        };
        let task = match Task::from_json(&text) {
            Ok(t) => t,
            Err(e) => {
                one_line(e);
                continue;
            }
        };
        parsed += 1;
        let Ok(at) = parse_instant(&inputs::instant(&mut rng)) else {
            continue;
        };
        let close = Close {
            at,
            user_id: rng.next(),
        };
        let date = NaiveDate::from_ymd_opt(2026, 1, 17).unwrap()
            + TimeDelta::days(rng.below(40) as i64 - 5);
        let seed = IdSeed::new([1, 2, 3, 4, 5], rng.next() as u32);
        for action in [
            Action::Complete(close),
            Action::WontDo(close),
            Action::Skip { at },
            Action::SkipDate { date, at },
            Action::Pin { at },
            Action::Unpin { at },
        ] {
            match action.apply(&task, &mut ObjectIdGenerator::from_seed(seed)) {
                Ok(body) => {
                    answered += 1;
                    let back: task::BatchBody = serde_json::from_str(&body.to_json()).unwrap();
                    assert_eq!(back, body);
                }
                Err(e) => one_line(e),
            }
        }
        if let Err(e) = task::next_occurrence(&task, at) {
            one_line(e);
        }
        let to = at.checked_add_signed(TimeDelta::days(60)).unwrap_or(at);
        match task::occurrences(&task, at, to, 20) {
            Ok(list) => assert!(list.len() <= 20),
            Err(e) => one_line(e),
        }
    }
    assert!(
        parsed > 1000 && answered > 1000,
        "{parsed} parsed, {answered} answered"
    );
}
