//! A long list spread over threads gives exactly what one thread gives (BEHAVIOUR.md §8): the same
//! entries in the same order, whatever the number of threads, the limit and the way the list is given
//! (tasks already read, JSON text, JSON value), and the same error, that of the first task that fails.

#[path = "../benches/bench/generate.rs"]
#[allow(dead_code)]
mod generate;

use std::num::NonZeroUsize;

use serde_json::Value;
use ticktick_recur::agenda::{agenda, reminders, AgendaError, TaskList, TaskValues, Window};
use ticktick_recur::parse_instant;
use ticktick_recur::task::Task;

/// Enough tasks for up to five threads of the fewest tasks one is given.
const COUNT: usize = 5_000;

fn march() -> Window {
    Window::new(
        parse_instant("2026-03-01T00:00:00Z").unwrap(),
        parse_instant("2026-03-31T23:59:59Z").unwrap(),
    )
}

fn threads(n: usize) -> NonZeroUsize {
    NonZeroUsize::new(n).unwrap()
}

/// What the command line prints for `answer`.
fn text<T: serde::Serialize>(answer: Result<Vec<T>, AgendaError>) -> String {
    serde_json::to_string(&answer.unwrap()).unwrap()
}

#[test]
fn every_way_and_number_of_threads_gives_the_answer_of_one_thread() {
    let json = generate::sync_answer(COUNT, 7);
    let list = TaskList::from_json(&json).unwrap();
    let tasks = list.read_all().unwrap();
    let values = TaskValues::from_value(serde_json::from_str::<Value>(&json).unwrap()).unwrap();
    for limit in [usize::MAX, 10_000, 1_000, 1, 0] {
        let one = march().with_limit(limit).with_threads(threads(1));
        let agenda_one = text(agenda(&tasks, &one));
        let reminders_one = text(reminders(&tasks, &one));
        if limit == usize::MAX {
            // Enough entries that every thread has many of them.
            assert!(agenda_one.matches("startDate").count() > 20_000);
            assert!(reminders_one.matches("fireTime").count() > 20_000);
        }
        let mut windows = vec![march().with_limit(limit)];
        windows.extend([2, 3, 5, 8].map(|n| one.with_threads(threads(n))));
        for w in windows {
            let at = format!("limit {limit}, threads {:?}", w.threads);
            assert_eq!(text(agenda(&tasks, &w)), agenda_one, "{at}");
            assert_eq!(text(list.agenda(&w)), agenda_one, "{at}");
            assert_eq!(text(values.agenda(&w)), agenda_one, "{at}");
            assert_eq!(text(reminders(&tasks, &w)), reminders_one, "{at}");
            assert_eq!(text(list.reminders(&w)), reminders_one, "{at}");
            assert_eq!(text(values.reminders(&w)), reminders_one, "{at}");
        }
    }
}

/// The list with the tasks at `bad` given a flag that cannot be read.
fn with_bad_tasks(bad: &[usize]) -> Vec<Task> {
    let json = generate::sync_answer(COUNT, 11);
    let mut tasks = TaskList::from_json(&json).unwrap().read_all().unwrap();
    for &at in bad {
        let mut value = tasks[at].to_value();
        value["repeatFlag"] = Value::from(format!("RRULE:FREQ=DAILY;BYHOUR=9{at}"));
        // Open and dated, so that its reminders, too, need its occurrences.
        value["status"] = Value::from(0);
        value["startDate"] = Value::from("2026-03-02T09:00:00.000+0000");
        tasks[at] = Task::from_value(value).unwrap();
    }
    tasks
}

#[test]
fn the_error_is_the_first_failing_task_s_whichever_thread_meets_it() {
    // One bad task late in the list, then a second one earlier, in another thread's run.
    for bad in [vec![4_321], vec![4_321, 1_234], vec![0, 4_999]] {
        let tasks = with_bad_tasks(&bad);
        let first = *bad.iter().min().unwrap();
        for n in [1, 2, 3, 5] {
            let w = march().with_threads(threads(n));
            for error in [
                agenda(&tasks, &w).unwrap_err(),
                reminders(&tasks, &w).unwrap_err(),
            ] {
                let AgendaError::Task { task, .. } = &error else {
                    panic!("{error}");
                };
                assert_eq!(task.position, first, "bad {bad:?}, threads {n}: {error}");
                assert!(
                    error.to_string().contains(&format!("BYHOUR=9{first}")),
                    "{error}"
                );
            }
        }
    }
}
