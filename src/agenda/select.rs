//! The first `limit` entries of a list in key order, kept as the entries come in: at most twice the
//! limit is held at any time, so memory follows the answer, not the input.

use chrono::{DateTime, Utc};

/// The order of entries at instant `t` of the task at `position`, in one number: by instant (44 bits
/// of Unix seconds from -2^43, chrono's whole range, then 31 bits of nanoseconds, a leap second's
/// included), then by position (53 bits).
pub(crate) fn order(t: DateTime<Utc>, position: usize) -> u128 {
    order_at(t.timestamp(), t, position)
}

/// [`order`], `t`'s Unix seconds `seconds` given.
#[inline]
pub(crate) fn order_at(seconds: i64, t: DateTime<Utc>, position: usize) -> u128 {
    let seconds = i128::from(seconds) + (1 << 43);
    let seconds = u128::try_from(seconds).unwrap_or(0) & ((1 << 44) - 1);
    let nanos = u128::from(t.timestamp_subsec_nanos()) & ((1 << 31) - 1);
    let position = (position as u128).min((1 << 53) - 1);
    (seconds << 84) | (nanos << 53) | position
}

/// The position an [`order`] was made with (positions beyond 53 bits, which no list reaches, read
/// as the largest).
#[inline]
pub(crate) fn position_of(order: u128) -> usize {
    usize::try_from(order & ((1 << 53) - 1)).unwrap_or(usize::MAX)
}

/// The instant an [`order`] was made with.
pub(crate) fn instant_of(order: u128) -> DateTime<Utc> {
    let seconds = i64::try_from(order >> 84).unwrap_or(0) - (1 << 43);
    let nanos = u32::try_from((order >> 53) & ((1 << 31) - 1)).unwrap_or(0);
    DateTime::from_timestamp(seconds, nanos).unwrap_or_default()
}

/// An entry's key: its [`order`], then its place among its task's entries.
pub(crate) type Key = (u128, u64);

/// An entry with a total order: no two entries of one answer share a key.
pub(crate) trait Keyed {
    /// This entry's key.
    fn key(&self) -> Key;
}

/// Keeps the `limit` entries of smallest key among those pushed.
pub(crate) struct Select<T: Keyed> {
    limit: usize,
    entries: Vec<T>,
    /// Once `limit` entries are known with keys at most this, no entry above it can be among the
    /// first `limit`.
    bound: Option<Key>,
}

impl<T: Keyed> Select<T> {
    pub(crate) fn new(limit: usize) -> Select<T> {
        Select {
            limit,
            entries: Vec::new(),
            bound: None,
        }
    }

    /// The key above which no entry can be among the first `limit`, once one is known.
    pub(crate) fn bound(&self) -> Option<Key> {
        self.bound
    }

    /// Whether an entry of key `key` could still be among the first `limit`.
    pub(crate) fn admits(&self, key: Key) -> bool {
        self.limit > 0 && self.bound.is_none_or(|b| key < b)
    }

    /// Offers an entry. Inlined, so that the entry is built where it is stored rather than moved
    /// there.
    #[inline(always)]
    pub(crate) fn push(&mut self, entry: T) {
        if !self.admits(entry.key()) {
            return;
        }
        self.entries.push(entry);
        if self.entries.len() >= self.limit.saturating_mul(2) {
            self.shrink();
        }
    }

    /// Keeps the first `limit` entries, and remembers the largest key among them.
    fn shrink(&mut self) {
        if self.entries.len() <= self.limit {
            return;
        }
        let entries = &self.entries;
        let kept = first(
            entries.len(),
            &|at| entries.get(at).map(Keyed::key),
            self.limit,
        );
        self.bound = kept
            .last()
            .and_then(|&at| self.entries.get(at))
            .map(Keyed::key);
        self.entries = take(std::mem::take(&mut self.entries), &kept);
    }

    /// The first `limit` entries, in key order.
    pub(crate) fn finish(self) -> Vec<T> {
        let entries = &self.entries;
        let coarse: Vec<u64> = entries.iter().map(|e| coarse(e.key())).collect();
        let mut order = sorted(&coarse, &|at| entries.get(at).map(Keyed::key));
        order.truncate(self.limit);
        take(self.entries, &order)
    }
}

/// The entries at `places`, in that order (`places` holds each place at most once).
///
/// Each entry is moved once into its place in the answer, read where it lies; an entry of an
/// answer is large (64 bytes), so that one move is what counts.
fn take<T>(entries: Vec<T>, places: &[usize]) -> Vec<T> {
    // In place: an entry and its `Option` have one layout wherever `T` holds a reference.
    let mut slots: Vec<Option<T>> = entries.into_iter().map(Some).collect();
    // Made to measure: a growing answer would be copied as it grows.
    let mut taken = Vec::with_capacity(places.len());
    taken.extend(
        places
            .iter()
            .filter_map(|&at| slots.get_mut(at).and_then(Option::take)),
    );
    taken
}

/// The places of the `limit` smallest of `count` entries, in key order, `key` giving an entry's.
///
/// The entries' keys are read where they lie, through `key`: one function for every kind of entry,
/// compiled once.
fn first(count: usize, key: &dyn Fn(usize) -> Option<Key>, limit: usize) -> Vec<usize> {
    let mut places: Vec<usize> = (0..count).collect();
    if let Some(last) = limit.checked_sub(1).filter(|&l| l < places.len()) {
        places.select_nth_unstable_by_key(last, |&at| key(at));
    }
    places.truncate(limit);
    places.sort_unstable_by_key(|&at| key(at));
    places
}

/// A key's instant: its seconds and the first 20 bits of its nanoseconds (see [`order`]).
fn coarse(key: Key) -> u64 {
    u64::try_from(key.0 >> 64).unwrap_or(u64::MAX)
}

/// The places of entries of instants `coarse` (see [`coarse`]) in key order, `key` giving an
/// entry's whole key.
///
/// The instants of an answer lie in one window, spread over it: they are first placed in at most as
/// many buckets as entries by their instant (in one pass, stably), and each bucket, of an entry or
/// two, is then sorted by the whole key unless it already is (entries come task by task, each task's
/// in its own order, so a bucket of one instant mostly is). The cost grows with the number of
/// entries, not its logarithm. Whole keys are read where the entries lie, through `key`: one
/// function for every kind of entry, compiled once.
fn sorted(coarse: &[u64], key: &dyn Fn(usize) -> Option<Key>) -> Vec<usize> {
    let (Some(&low), Some(&high)) = (coarse.iter().min(), coarse.iter().max()) else {
        return Vec::new();
    };
    // A bucket is the instant with its last `shift` bits dropped: at most as many as entries.
    let mut shift = 0;
    while (high - low) >> shift >= coarse.len() as u64 {
        shift += 1;
    }
    let buckets = usize::try_from((high - low) >> shift).unwrap_or(0) + 1;
    let bucket = |c: u64| usize::try_from((c - low) >> shift).unwrap_or(0);
    // Counting sort by bucket: `ends[b]` is first where bucket `b` begins, then, once each entry is
    // placed, where it ends (where bucket `b + 1` begins).
    let mut ends = vec![0usize; buckets];
    for &c in coarse {
        if let Some(count) = ends.get_mut(bucket(c)) {
            *count += 1;
        }
    }
    let mut begin = 0;
    for end in &mut ends {
        let count = *end;
        *end = begin;
        begin += count;
    }
    let mut order = vec![0usize; coarse.len()];
    for (at, &c) in coarse.iter().enumerate() {
        if let Some(slot) = ends.get_mut(bucket(c)) {
            if let Some(o) = order.get_mut(*slot) {
                *o = at;
            }
            *slot += 1;
        }
    }
    let mut begin = 0;
    for &end in &ends {
        if end - begin > 1 {
            if let Some(run) = order.get_mut(begin..end) {
                if !run.is_sorted_by_key(|&at| key(at)) {
                    run.sort_unstable_by_key(|&at| key(at));
                }
            }
        }
        begin = end;
    }
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    impl Keyed for (u32, u32) {
        fn key(&self) -> Key {
            (u128::from(self.0), u64::from(self.1))
        }
    }

    #[test]
    fn keeps_the_smallest_whatever_the_order_they_come_in() {
        for limit in [0, 1, 2, 3, 7, 50, 1000] {
            let all: Vec<(u32, u32)> = (0..200u32).map(|i| ((i * 7919) % 101, i)).collect();
            let mut select = Select::new(limit);
            for e in &all {
                select.push(*e);
            }
            let mut expected = all.clone();
            expected.sort_unstable();
            expected.truncate(limit);
            assert_eq!(select.finish(), expected, "limit {limit}");
        }
    }

    #[test]
    fn order_follows_instants_then_positions() {
        let t = |s: i64, n: u32| DateTime::from_timestamp(s, n).unwrap();
        let mut cases = vec![
            (DateTime::<Utc>::MIN_UTC, 0),
            (t(-1, 999_999_999), 7),
            (t(0, 0), 0),
            (t(0, 0), 1),
            (t(0, 1), 0),
            (t(1_772_323_200, 0), 3),
            (t(1_772_323_200, 0), 1 << 40),
            (t(1_772_323_201, 0), 0),
            (DateTime::<Utc>::MAX_UTC, 2),
        ];
        let sorted = cases.clone();
        cases.reverse();
        cases.sort_by_key(|(t, p)| order(*t, *p));
        assert_eq!(cases, sorted);
        // chrono's whole range fits the 44 bits of seconds.
        assert!(DateTime::<Utc>::MIN_UTC.timestamp() >= -(1 << 43));
        assert!(DateTime::<Utc>::MAX_UTC.timestamp() < 1 << 43);
    }

    #[test]
    fn the_bound_is_known_once_twice_the_limit_came() {
        let mut select = Select::new(2);
        for e in [(5, 0), (4, 1), (3, 2)] {
            select.push(e);
        }
        assert_eq!(select.bound(), None);
        select.push((9, 3));
        assert_eq!(select.bound(), Some((4, 1)));
        assert!(!select.admits((4, 1)));
        assert!(select.admits((3, 9)));
    }
}
