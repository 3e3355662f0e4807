//! `agenda/*`, `reminders/*`, `task_list/*`: a whole task list over a 31-day window.
//!
//! The list is [`generate::sync_answer`]'s 10,000 tasks (seed 1, about 8.9 MB): daily, weekly,
//! monthly and yearly rules, forgetting curves and one-off tasks, timed and all-day, in 20 zones,
//! some with `TT_SKIP`, exDates, COUNT or UNTIL; reminders of every trigger form, snoozes, checklist
//! items, a few closed tasks. The window is March 2026, in which New York and Berlin move their
//! clocks.
//!
//! - `agenda/10000_tasks_31_days`, `reminders/10000_tasks_31_days`: from tasks already read, every
//!   entry of the window (no limit), the list spread over the machine's threads (the default);
//! - `agenda/10000_tasks_31_days_one_thread`, `reminders/10000_tasks_31_days_one_thread`: the same
//!   on this thread only;
//! - `agenda/10000_tasks_31_days_limit_10000`: the command line's default limit;
//! - `task_list/read_10000`: the list's text to tasks (what the command line adds before the agenda);
//! - `agenda/10000_tasks_31_days_text_to_text`, `reminders/10000_tasks_31_days_text_to_text`: the
//!   list's JSON text to the answer's JSON text, the work of one call of the npm package's `agenda`
//!   and `reminders` done natively (`npm --prefix pkg run bench` compares them);
//! - `agenda/daily_since_2000_istanbul` and `agenda/daily_since_2026_istanbul`: one task whose
//!   current start is 26 years back, against one begun last month: the same window costs the same.
//!
//! Every answer is checked first: the agenda against each task's own `occurrences` merged by hand,
//! the reminders against each task's reminders merged by hand.

use std::hint::black_box;
use std::num::NonZeroUsize;

use chrono::{DateTime, Utc};
use criterion::Criterion;
use ticktick_recur::agenda::{agenda, reminders, TaskList, Window};
use ticktick_recur::task::{occurrences, Task};

use crate::generate;
use crate::utc;

/// The benchmark list: 10,000 tasks from seed 1.
pub fn list_text() -> String {
    generate::sync_answer(10_000, 1)
}

/// March 2026, every entry.
fn march() -> Window {
    Window::new(utc("2026-03-01T00:00:00Z"), utc("2026-03-31T23:59:59Z")).with_limit(usize::MAX)
}

/// The agenda worked out by hand: each task's occurrences, merged by start then position.
fn agenda_by_hand(tasks: &[Task], w: &Window) -> Vec<(DateTime<Utc>, usize)> {
    let mut all: Vec<(DateTime<Utc>, usize)> = Vec::new();
    for (position, task) in tasks.iter().enumerate() {
        for dates in occurrences(task, w.from, w.to, w.limit).unwrap() {
            all.push((dates.start_date.or(dates.due_date).unwrap(), position));
        }
    }
    all.sort();
    all.truncate(w.limit);
    all
}

fn check_agenda(tasks: &[Task], w: &Window) -> usize {
    let got: Vec<_> = agenda(tasks, w)
        .unwrap()
        .iter()
        .map(|e| (e.start(), e.position()))
        .collect();
    assert_eq!(got, agenda_by_hand(tasks, w));
    got.len()
}

fn check_reminders(tasks: &[Task], w: &Window) -> usize {
    let got = reminders(tasks, w).unwrap();
    let mut by_hand = Vec::new();
    for (position, task) in tasks.iter().enumerate() {
        for r in reminders(std::slice::from_ref(task), w).unwrap() {
            by_hand.push((r.fire_time(), position, r.reminder_id().map(str::to_owned)));
        }
    }
    by_hand.sort_by_key(|(t, p, _)| (*t, *p));
    let got: Vec<_> = got
        .iter()
        .map(|r| {
            (
                r.fire_time(),
                r.position(),
                r.reminder_id().map(str::to_owned),
            )
        })
        .collect();
    assert_eq!(got, by_hand);
    assert!(got.iter().all(|(t, _, _)| w.from <= *t && *t <= w.to));
    got.len()
}

/// The agenda (or the reminders) of the list's text as JSON text, as one call of the npm package
/// computes it.
fn text_to_text(text: &str, w: &Window, agenda: bool) -> String {
    let list = TaskList::from_json(text).unwrap();
    if agenda {
        serde_json::to_string(&list.agenda(w).unwrap()).unwrap()
    } else {
        serde_json::to_string(&list.reminders(w).unwrap()).unwrap()
    }
}

/// One daily 17:00 Istanbul task whose current start is `start`.
fn daily(start: &str) -> Task {
    Task::from_json(&format!(
        r#"{{"id": "t", "startDate": "{start}", "timeZone": "Europe/Istanbul",
            "repeatFlag": "RRULE:FREQ=DAILY;INTERVAL=1", "repeatFrom": "0",
            "reminders": [{{"id": "r", "trigger": "TRIGGER:-PT30M"}}]}}"#
    ))
    .unwrap()
}

pub fn benches(c: &mut Criterion) {
    let text = list_text();
    let list = TaskList::from_json(&text).unwrap();
    let tasks = list.read_all().unwrap();
    let w = march();
    let entries = check_agenda(&tasks, &w);
    assert!(entries > 40_000, "{entries}");
    let limited = w.with_limit(10_000);
    assert_eq!(check_agenda(&tasks, &limited), 10_000);
    let fired = check_reminders(&tasks, &w);
    assert!(fired > 40_000, "{fired}");

    let mut group = c.benchmark_group("agenda");
    group.bench_function("10000_tasks_31_days", |b| {
        b.iter(|| agenda(black_box(&tasks), black_box(&w)).unwrap())
    });
    let one = w.with_threads(NonZeroUsize::MIN);
    assert_eq!(agenda(&tasks, &one).unwrap(), agenda(&tasks, &w).unwrap());
    assert_eq!(
        reminders(&tasks, &one).unwrap(),
        reminders(&tasks, &w).unwrap()
    );
    group.bench_function("10000_tasks_31_days_one_thread", |b| {
        b.iter(|| agenda(black_box(&tasks), black_box(&one)).unwrap())
    });
    group.bench_function("10000_tasks_31_days_limit_10000", |b| {
        b.iter(|| agenda(black_box(&tasks), black_box(&limited)).unwrap())
    });
    let old = [daily("2000-01-01T15:00:00Z")];
    let new = [daily("2026-02-01T14:00:00Z")];
    let (a, b) = (check_agenda(&old, &w), check_agenda(&new, &w));
    assert_eq!((a, b), (31, 31));
    assert_eq!(
        agenda(&old, &w).unwrap()[0].start(),
        utc("2026-03-01T14:00:00Z")
    );
    group.bench_function("daily_since_2000_istanbul", |b| {
        b.iter(|| agenda(black_box(&old), black_box(&w)).unwrap())
    });
    group.bench_function("daily_since_2026_istanbul", |b| {
        b.iter(|| agenda(black_box(&new), black_box(&w)).unwrap())
    });
    let agenda_text = serde_json::to_string(&agenda(&tasks, &w).unwrap()).unwrap();
    assert_eq!(text_to_text(&text, &w, true), agenda_text);
    group.sample_size(20);
    group.bench_function("10000_tasks_31_days_text_to_text", |b| {
        b.iter(|| text_to_text(black_box(&text), black_box(&w), true))
    });
    group.finish();

    let mut group = c.benchmark_group("reminders");
    group.bench_function("10000_tasks_31_days", |b| {
        b.iter(|| reminders(black_box(&tasks), black_box(&w)).unwrap())
    });
    group.bench_function("10000_tasks_31_days_one_thread", |b| {
        b.iter(|| reminders(black_box(&tasks), black_box(&one)).unwrap())
    });
    let reminders_text = serde_json::to_string(&reminders(&tasks, &w).unwrap()).unwrap();
    assert_eq!(text_to_text(&text, &w, false), reminders_text);
    group.sample_size(20);
    group.bench_function("10000_tasks_31_days_text_to_text", |b| {
        b.iter(|| text_to_text(black_box(&text), black_box(&w), false))
    });
    group.finish();

    let mut group = c.benchmark_group("task_list");
    group.sample_size(20);
    group.bench_function("read_10000", |b| {
        b.iter(|| {
            TaskList::from_json(black_box(&text))
                .unwrap()
                .read_all()
                .unwrap()
        })
    });
    group.finish();
}
