//! The threads a long list is spread over, and the merging of their answers.

use std::num::NonZeroUsize;
use std::ops::Range;

use crate::agenda::error::AgendaError;
use crate::agenda::select::{Keyed, Select};

/// The fewest tasks worth a thread of their own: about a millisecond of work, against the tens of
/// microseconds a thread costs to start.
const LEAST_PER_THREAD: usize = 1_000;

/// How many threads a list of `count` tasks is spread over: at most `most` (by default the
/// machine's available parallelism), each with at least [`LEAST_PER_THREAD`] tasks.
pub(super) fn threads(count: usize, most: Option<NonZeroUsize>) -> usize {
    let most = most
        .or_else(|| std::thread::available_parallelism().ok())
        .map_or(1, NonZeroUsize::get);
    most.min(count / LEAST_PER_THREAD)
}

/// Runs `run` over `threads` consecutive runs of `0..count` at once (this thread takes the first),
/// each run putting its own entries in order, then merges them: the first `limit` entries in key
/// order, or the first run's error.
pub(super) fn spread<T: Keyed + Send>(
    count: usize,
    threads: usize,
    limit: usize,
    run: &(dyn Fn(Range<usize>) -> Result<Select<T>, AgendaError> + Sync),
) -> Result<Vec<T>, AgendaError> {
    let bounds = |i: usize| count * i / threads..count * (i + 1) / threads;
    // Each run's entries in order where they lie, so that the merge reads each run straight through.
    let ordered = |i: usize| run(bounds(i)).map(Select::finish);
    let answers = std::thread::scope(|scope| {
        let others: Vec<_> = (1..threads)
            .map(|i| scope.spawn(move || ordered(i)))
            .collect();
        let mut answers = vec![ordered(0)];
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
    let parts = answers.into_iter().collect::<Result<Vec<_>, _>>()?;
    Ok(merge(parts, limit))
}

/// The first `limit` entries of `parts`, each in key order, in key order. The parts hold the entries
/// of different tasks, so that no two entries of different parts share an
/// [`order`](crate::agenda::select::order): it alone tells which comes first.
fn merge<T: Keyed>(parts: Vec<Vec<T>>, limit: usize) -> Vec<T> {
    let total = parts.iter().map(Vec::len).sum::<usize>().min(limit);
    let mut merged = Vec::with_capacity(total);
    let mut parts: Vec<_> = parts.into_iter().map(Vec::into_iter).collect();
    while merged.len() < total {
        // The part whose next entry comes first.
        let mut first: Option<(u128, &mut std::vec::IntoIter<T>)> = None;
        for part in &mut parts {
            let Some((order, _)) = part.as_slice().first().map(Keyed::key) else {
                continue;
            };
            if first.as_ref().is_none_or(|(best, _)| order < *best) {
                first = Some((order, part));
            }
        }
        let Some(next) = first.and_then(|(_, part)| part.next()) else {
            break;
        };
        merged.push(next);
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::agenda::select::Key;

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

    /// The entries of the tasks at `run`, gathered as they come.
    fn gathered(run: Range<usize>) -> Select<E> {
        let mut select = Select::new(usize::MAX);
        for p in run {
            select.push(E(p as u128 % 4, p as u64));
        }
        select
    }

    #[test]
    fn runs_cover_the_list_and_the_first_failing_run_names_the_error() {
        let count = 10;
        let seen = std::sync::Mutex::new(Vec::new());
        let run = |run: Range<usize>| -> Result<Select<E>, AgendaError> {
            seen.lock().unwrap().push(run.clone());
            if run.contains(&7) || run.contains(&3) {
                let first = if run.contains(&3) { 3 } else { 7 };
                return Err(AgendaError::NotAList {
                    got: if first == 3 { "three" } else { "seven" },
                });
            }
            Ok(gathered(run))
        };
        let error = spread(count, 4, usize::MAX, &run).unwrap_err();
        assert!(matches!(error, AgendaError::NotAList { got: "three" }));
        let mut runs = seen.into_inner().unwrap();
        runs.sort_by_key(|r| r.start);
        assert_eq!(runs, [0..2, 2..5, 5..7, 7..10]);
        let mut expected: Vec<_> = (0..10).map(|p| (p as u128 % 4, p as u64)).collect();
        expected.sort_unstable();
        for limit in [usize::MAX, 10, 4, 1, 0] {
            let all = spread(count, 3, limit, &|run| Ok(gathered(run))).unwrap();
            let keys: Vec<_> = all.iter().map(|e| (e.0, e.1)).collect();
            assert_eq!(keys, expected[..limit.min(10)], "limit {limit}");
        }
    }
}
