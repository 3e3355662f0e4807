//! Task lists on arbitrary JSON text, then their agenda and reminders over a small window
//! (BEHAVIOUR.md §8): never a panic; an accepted list gives an agenda that is exactly its tasks' own
//! occurrences merged by start and position, and reminders in fire-time order inside the window, at
//! most the limit of each; a failure names a task of the list that fails on its own too. The list's
//! own reader ([`TaskList::agenda`]) and the tasks read first ([`agenda`]) agree.
//!
//! The input is a few bytes of parameters (the window, the limit, the default zone, the holiday
//! calendar), then the list's JSON text: one task, an array of tasks or a sync answer.
#![no_main]

use arbitrary::{Arbitrary, Unstructured};
use chrono::{DateTime, TimeDelta, Utc};
use libfuzzer_sys::fuzz_target;
use ticktick_recur::agenda::{agenda, reminders, AgendaError, TaskList, Window};
use ticktick_recur::task::{occurrences, TaskError};
use ticktick_recur::{Error, HolidayCalendar, Zone};

#[derive(Debug, Arbitrary)]
struct Params {
    /// Minutes from 2026-03-01T00:00:00Z to the window's start.
    from_minutes: i32,
    /// The window's length in minutes, at most 14 days.
    minutes: u16,
    limit: u8,
    zone: u8,
    china: bool,
}

/// The position of the task an error names, if it names one.
fn position(e: &AgendaError) -> Option<usize> {
    match e {
        AgendaError::Task { task, .. } | AgendaError::Reminder { task, .. } => Some(task.position),
        _ => None,
    }
}

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let Ok(p) = Params::arbitrary(&mut u) else {
        return;
    };
    let Ok(text) = std::str::from_utf8(u.take_rest()) else {
        return;
    };
    let list = match TaskList::from_json(text) {
        Ok(list) => list,
        Err(e) => {
            assert!(!e.to_string().is_empty());
            return;
        }
    };
    let zones = Zone::all().len();
    let zone = Zone::all()
        .nth(usize::from(p.zone) % zones)
        .unwrap_or(Zone::UTC);
    let list = list.with_default_zone(zone);
    let list = if p.china {
        list.with_holidays(HolidayCalendar::china())
    } else {
        list
    };
    let base = DateTime::from_timestamp(1_772_323_200, 0).unwrap_or_default();
    let from: DateTime<Utc> = base + TimeDelta::minutes(i64::from(p.from_minutes));
    let to = from + TimeDelta::minutes(i64::from(p.minutes % 20_160));
    let window = Window::new(from, to).with_limit(usize::from(p.limit));

    let tasks = match list.read_all() {
        Ok(tasks) => tasks,
        Err(e) => {
            // The list's own walks fail too, on that task or an earlier one.
            let at = position(&e).expect("a task that cannot be read is named");
            assert!(at < list.len());
            for walked in [list.agenda(&window).err(), list.reminders(&window).err()] {
                let failed = walked.as_ref().and_then(position);
                assert!(failed.is_some_and(|f| f <= at), "{e} but {walked:?}");
            }
            return;
        }
    };
    assert_eq!(tasks.len(), list.len());

    match agenda(&tasks, &window) {
        Ok(entries) => {
            assert_eq!(list.agenda(&window).as_ref(), Ok(&entries));
            // Each task's own occurrences, merged by start, then position.
            let mut by_hand = Vec::new();
            for (at, task) in tasks.iter().enumerate() {
                let own = match occurrences(task, from, to, window.limit) {
                    Ok(own) => own,
                    // A known difference (fuzz/README.md): `occurrences` refuses an object with
                    // none of a task's fields, which the agenda may pass over.
                    Err(Error::Task(TaskError::NotATask { .. })) => continue,
                    Err(e) => panic!("task [{at}] fails alone: {e}"),
                };
                for d in own {
                    by_hand.push((
                        d.start_date
                            .or(d.due_date)
                            .expect("an occurrence has a date"),
                        at,
                    ));
                }
            }
            by_hand.sort();
            by_hand.truncate(window.limit);
            let got: Vec<_> = entries.iter().map(|e| (e.start(), e.position())).collect();
            assert_eq!(got, by_hand);
            let json = serde_json::to_string(&entries).expect("entries serialise");
            assert!(json.starts_with('['));
        }
        Err(e) => {
            // The same task, named in the list's own form.
            let walked = list.agenda(&window).err();
            assert_eq!(
                walked.as_ref().and_then(position),
                position(&e),
                "{e} but {walked:?}"
            );
            let at = position(&e).expect("an agenda error names its task");
            let task = tasks.get(at).expect("the named task is in the list");
            assert!(agenda(std::slice::from_ref(task), &window).is_err(), "{e}");
        }
    }

    match reminders(&tasks, &window) {
        Ok(entries) => {
            assert_eq!(list.reminders(&window).as_ref(), Ok(&entries));
            assert!(entries.len() <= window.limit);
            let keys: Vec<_> = entries
                .iter()
                .map(|r| (r.fire_time(), r.position()))
                .collect();
            assert!(keys.windows(2).all(|w| w[0] <= w[1]), "{keys:?}");
            assert!(keys
                .iter()
                .all(|(t, at)| from <= *t && *t <= to && *at < tasks.len()));
            let json = serde_json::to_string(&entries).expect("entries serialise");
            assert!(json.starts_with('['));
        }
        Err(e) => {
            // The same task, named in the list's own form.
            let walked = list.reminders(&window).err();
            assert_eq!(
                walked.as_ref().and_then(position),
                position(&e),
                "{e} but {walked:?}"
            );
            let at = position(&e).expect("a reminders error names its task");
            let task = tasks.get(at).expect("the named task is in the list");
            assert!(
                reminders(std::slice::from_ref(task), &window).is_err(),
                "{e}"
            );
        }
    }
});
