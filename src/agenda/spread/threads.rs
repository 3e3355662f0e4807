//! The threads a long list is spread over, and the merging of their answers.

use std::num::NonZeroUsize;
use std::ops::Range;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::OnceLock;

use crate::agenda::error::AgendaError;
use crate::agenda::select::{Keyed, Select};

/// The fewest tasks worth a thread of their own: a millisecond or two of work, against the tens of
/// microseconds a thread costs to start.
const LEAST_PER_THREAD: usize = 1_000;

/// How many consecutive tasks a thread takes at a time: runs small enough that threads slowed by
/// other work on the machine take fewer of them, large enough that handing them out costs nothing.
const RUN: usize = 250;

/// How many threads a list of `count` tasks is spread over: at most `most` (by default the
/// machine's available parallelism), each with at least [`LEAST_PER_THREAD`] tasks.
pub(super) fn threads(count: usize, most: Option<NonZeroUsize>) -> usize {
    let enough = count / LEAST_PER_THREAD;
    if enough < 2 {
        return enough;
    }
    // Asked of the system once: on Linux it reads the process's cgroup files.
    static MACHINE: OnceLock<usize> = OnceLock::new();
    let most = most.map_or_else(
        || {
            *MACHINE
                .get_or_init(|| std::thread::available_parallelism().map_or(1, NonZeroUsize::get))
        },
        NonZeroUsize::get,
    );
    most.min(enough)
}

/// A thread's work: the entries of the tasks of the runs it is given, gathered.
pub(super) type Work<'a, T> =
    dyn Fn(&mut dyn Iterator<Item = Range<usize>>) -> Result<Select<T>, AgendaError> + Sync + 'a;

/// Runs `run` on `threads` threads at once (this thread one of them), each taking runs of
/// [`RUN`] consecutive tasks of `0..count` in turn until none is left, and putting its own entries in
/// order; then merges them: the first `limit` entries in key order. Or the error of the failing task
/// with the smallest position.
///
/// Runs are handed out in list order and a thread stops only between runs, so every run before the
/// first failing task's is worked whole, and that task's error is among the errors met: once one is
/// met, no run is handed out any more (each would begin after it).
pub(super) fn spread<T: Keyed + Send>(
    count: usize,
    threads: usize,
    limit: usize,
    run: &Work<'_, T>,
) -> Result<Vec<T>, AgendaError> {
    let next = AtomicUsize::new(0);
    let failed = AtomicBool::new(false);
    let work = || {
        let mut runs = std::iter::from_fn(|| {
            if failed.load(Ordering::Relaxed) {
                return None;
            }
            let start = next.fetch_add(RUN, Ordering::Relaxed);
            (start < count).then(|| start..count.min(start + RUN))
        });
        // Each thread's entries in order where they lie, so that the merge reads each straight
        // through.
        let answer = run(&mut runs).map(Select::finish);
        if answer.is_err() {
            failed.store(true, Ordering::Relaxed);
        }
        answer
    };
    let answers = std::thread::scope(|scope| {
        let others: Vec<_> = (1..threads).map(|_| scope.spawn(work)).collect();
        let mut answers = vec![work()];
        for other in others {
            // A thread that panicked passes its panic on, as the work would on this thread.
            answers.push(
                other
                    .join()
                    .unwrap_or_else(|p| std::panic::resume_unwind(p)),
            );
        }
        answers
    });
    let mut parts = Vec::with_capacity(answers.len());
    let mut first: Option<AgendaError> = None;
    for answer in answers {
        match answer {
            Ok(part) => parts.push(part),
            Err(error) => {
                if first
                    .as_ref()
                    .is_none_or(|f| position(&error) < position(f))
                {
                    first = Some(error);
                }
            }
        }
    }
    match first {
        Some(error) => Err(error),
        None => Ok(merge(parts, limit)),
    }
}

/// The position of the task an error names (0 for an error of the whole list, which a run does not
/// meet).
fn position(error: &AgendaError) -> usize {
    match error {
        AgendaError::Task { task, .. } | AgendaError::Reminder { task, .. } => task.position,
        _ => 0,
    }
}

/// The first `limit` entries of `parts`, each in key order, in key order: merged two by two, a
/// part with the next until one is left (one merge on a machine of two threads). The parts hold the
/// entries of different tasks, so that no two entries of different parts share an
/// [`order`](crate::agenda::select::order): it alone tells which comes first.
fn merge<T: Keyed>(mut parts: Vec<Vec<T>>, limit: usize) -> Vec<T> {
    while parts.len() > 1 {
        let mut pairs = parts.into_iter();
        parts = Vec::new();
        while let Some(a) = pairs.next() {
            parts.push(match pairs.next() {
                Some(b) => merge_two(a, b, limit),
                None => a,
            });
        }
    }
    let mut merged = parts.pop().unwrap_or_default();
    merged.truncate(limit);
    merged
}

/// The first `limit` entries of `a` and `b`, each in key order, in key order; each entry moved once.
fn merge_two<T: Keyed>(a: Vec<T>, b: Vec<T>, limit: usize) -> Vec<T> {
    let total = (a.len() + b.len()).min(limit);
    let mut merged = Vec::with_capacity(total);
    let (mut a, mut b) = (a.into_iter(), b.into_iter());
    while merged.len() < total {
        let next = match (a.as_slice().first(), b.as_slice().first()) {
            (Some(x), Some(y)) if x.key().0 < y.key().0 => a.next(),
            (Some(_), Some(_)) => b.next(),
            _ => break,
        };
        merged.extend(next);
    }
    // One of them is done (or the limit reached): the rest of the other, at once.
    let room = total - merged.len();
    merged.extend(a.chain(b).take(room));
    merged
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::agenda::error::TaskRef;
    use crate::agenda::select::Key;
    use crate::agenda::ListForm;

    #[derive(Debug, PartialEq, Eq)]
    struct E(u128, u64);

    impl Keyed for E {
        fn key(&self) -> Key {
            (self.0, self.1)
        }
    }

    #[test]
    fn merging_keeps_the_first_entries_in_key_order() {
        // Each part's entries in key order, of tasks of its own.
        let parts = || {
            vec![
                vec![E(1, 0), E(4, 0), E(9, 0)],
                vec![],
                vec![E(2, 0), E(5, 0), E(6, 0), E(6, 1)],
                vec![E(3, 0)],
            ]
        };
        let all = [
            (1, 0),
            (2, 0),
            (3, 0),
            (4, 0),
            (5, 0),
            (6, 0),
            (6, 1),
            (9, 0),
        ];
        let keys = |merged: Vec<E>| merged.iter().map(|e| (e.0, e.1)).collect::<Vec<_>>();
        assert_eq!(keys(merge(parts(), usize::MAX)), all);
        assert_eq!(keys(merge(parts(), 3)), all[..3]);
        assert!(merge(parts(), 0).is_empty());
        assert!(merge::<E>(vec![], 5).is_empty());
        // One to six parts of entries spread among them, at every limit around their count.
        for count in 1..=6u128 {
            let parts: Vec<Vec<E>> = (0..count)
                .map(|p| {
                    (0..40u128)
                        .filter(|i| (i * 7 + i / 3) % count == p)
                        .map(|i| E(i, 0))
                        .collect()
                })
                .collect();
            for limit in [0, 1, 17, 39, 40, 41, usize::MAX] {
                let expected: Vec<(u128, u64)> = (0..40u128).take(limit).map(|i| (i, 0)).collect();
                let got = merge(
                    parts
                        .iter()
                        .map(|p| p.iter().map(|e| E(e.0, e.1)).collect())
                        .collect(),
                    limit,
                );
                assert_eq!(keys(got), expected, "{count} parts, limit {limit}");
            }
        }
    }

    #[test]
    fn a_list_is_spread_only_where_each_thread_has_enough_tasks() {
        let two = NonZeroUsize::new(2);
        assert_eq!(threads(0, two), 0);
        assert_eq!(threads(LEAST_PER_THREAD * 2 - 1, two), 1);
        assert_eq!(threads(LEAST_PER_THREAD * 2, two), 2);
        assert_eq!(threads(LEAST_PER_THREAD * 9, two), 2);
        assert_eq!(threads(LEAST_PER_THREAD * 9, NonZeroUsize::new(1)), 1);
    }

    /// The entry of the task at `p`: its instant one of seven, its position `p`, as in an
    /// [`order`](crate::agenda::select::order).
    fn entry(p: usize) -> E {
        E((p as u128 % 7) << 64 | p as u128, 0)
    }

    /// A builder's work over `runs`: each task's entry gathered, until a task of `failing` fails;
    /// the runs it was given noted in `seen`.
    fn work(
        runs: &mut dyn Iterator<Item = Range<usize>>,
        failing: &[usize],
        seen: &std::sync::Mutex<Vec<Range<usize>>>,
    ) -> Result<Select<E>, AgendaError> {
        let mut select = Select::new(usize::MAX);
        for run in runs {
            seen.lock().unwrap().push(run.clone());
            for p in run {
                if failing.contains(&p) {
                    return Err(failure(p));
                }
                select.push(entry(p));
            }
        }
        Ok(select)
    }

    /// The error of the task at `p`.
    fn failure(p: usize) -> AgendaError {
        AgendaError::Task {
            task: TaskRef::new(ListForm::Array, p, None),
            error: Box::new(crate::Error::InvalidDate {
                text: p.to_string(),
            }),
        }
    }

    #[test]
    fn runs_cover_the_list_once_and_the_first_failing_task_names_the_error() {
        let count = 2_000;
        let mut expected: Vec<_> = (0..count).map(|p| entry(p).key()).collect();
        expected.sort_unstable();
        for threads in [2, 3, 8] {
            for limit in [usize::MAX, 2_000, 10, 1, 0] {
                let seen = std::sync::Mutex::new(Vec::new());
                let all = spread(count, threads, limit, &|runs| work(runs, &[], &seen)).unwrap();
                let keys: Vec<_> = all.iter().map(|e| (e.0, e.1)).collect();
                assert_eq!(keys, expected[..limit.min(count)], "limit {limit}");
                let mut runs = seen.into_inner().unwrap();
                runs.sort_by_key(|r| r.start);
                let starts: Vec<_> = runs.iter().map(|r| r.start).collect();
                assert_eq!(starts, (0..count).step_by(RUN).collect::<Vec<_>>());
                assert!(runs.iter().all(|r| r.len() == RUN));
            }
            for (failing, first) in [
                (vec![1_700, 600], 600),
                (vec![3], 3),
                (vec![1_999, 1_998], 1_998),
            ] {
                let seen = std::sync::Mutex::new(Vec::new());
                let error = spread(count, threads, usize::MAX, &|runs| {
                    work(runs, &failing, &seen)
                })
                .unwrap_err();
                assert_eq!(position(&error), first, "{failing:?}: {error}");
            }
        }
    }
}
