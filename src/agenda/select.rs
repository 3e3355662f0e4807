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
    order_of(seconds, t.timestamp_subsec_nanos(), position)
}

/// [`order`] of the instant `seconds` and `nanos` after 1970 (an instant chrono holds).
#[inline]
pub(crate) fn order_of(seconds: i64, nanos: u32, position: usize) -> u128 {
    let seconds = i128::from(seconds) + (1 << 43);
    let seconds = u128::try_from(seconds).unwrap_or(0) & ((1 << 44) - 1);
    let nanos = u128::from(nanos) & ((1 << 31) - 1);
    let position = (position as u128).min((1 << 53) - 1);
    (seconds << 84) | (nanos << 53) | position
}

/// The [`order`] of the instant of `first`, an order at position 0, at `position`.
#[inline]
pub(crate) fn with_position(first: u128, position: usize) -> u128 {
    first | (position as u128).min((1 << 53) - 1)
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

/// Keeps the `limit` entries of smallest key among those pushed. Entries of one
/// [`order`] (one task's at one instant) are pushed in the order of their keys, as each task's entries
/// come in its own order: ordering then reads orders alone.
pub(crate) struct Select<T: Keyed> {
    limit: usize,
    /// Twice the limit: how many entries it holds before it keeps the first `limit`.
    full: usize,
    entries: Vec<T>,
    /// Once `limit` entries are known with keys at most this, no entry above it can be among the
    /// first `limit`.
    bound: Option<Key>,
}

impl<T: Keyed> Select<T> {
    pub(crate) fn new(limit: usize) -> Select<T> {
        Select {
            limit,
            full: limit.saturating_mul(2),
            entries: Vec::new(),
            bound: None,
        }
    }

    /// The key above which no entry can be among the first `limit`, once one is known.
    pub(crate) fn bound(&self) -> Option<Key> {
        self.bound
    }

    /// Makes room for the entries of `more` tasks like the `done` already added (and a twentieth
    /// more), at most what the limit lets it hold and [`Select::MOST_ROOM`]: a long list's entries
    /// then stay where they were first put, rather than being copied to fresh memory each time they
    /// outgrow theirs, which costs a list of 10,000 tasks a fifth of its time on two threads.
    pub(crate) fn expect(&mut self, done: usize, more: usize) {
        let held = self.entries.len();
        let room = held.saturating_mul(more) / done.max(1);
        let room = room.saturating_add(room / 20);
        let most = self.limit.saturating_mul(2).saturating_sub(held);
        self.entries.reserve(room.min(most).min(Self::MOST_ROOM));
    }

    /// The most entries [`Select::expect`] makes room for at once (64 MB of entries): a guess from
    /// the first tasks of a list does not take more memory than that.
    const MOST_ROOM: usize = 1 << 20;

    /// Whether an entry of key `key` could still be among the first `limit`.
    pub(crate) fn admits(&self, key: Key) -> bool {
        self.limit > 0 && self.bound.is_none_or(|b| key < b)
    }

    /// Adds an entry whose key it [admits](Select::admits) (its callers ask first, before they
    /// build the entry). Inlined, so that the entry is built where it is stored rather than moved
    /// there.
    #[inline(always)]
    pub(crate) fn push(&mut self, entry: T) {
        debug_assert!(
            self.admits(entry.key()),
            "entries are offered once admitted"
        );
        self.entries.push(entry);
        if self.entries.len() >= self.full {
            self.shrink();
        }
    }

    /// Keeps the first `limit` entries, and remembers the largest key among them.
    fn shrink(&mut self) {
        if self.entries.len() <= self.limit {
            return;
        }
        self.keep_first();
        self.bound = self.entries.last().map(Keyed::key);
    }

    /// The first `limit` entries, in key order.
    pub(crate) fn finish(mut self) -> Vec<T> {
        self.keep_first();
        self.entries
    }

    /// Puts the entries in key order and keeps the first `limit`.
    fn keep_first(&mut self) {
        let orders: Vec<u128> = self.entries.iter().map(|e| e.key().0).collect();
        let order = sorted(&orders);
        permute(&mut self.entries, order);
        debug_assert!(
            self.entries.is_sorted_by_key(Keyed::key),
            "entries of one order are pushed in the order of their keys"
        );
        self.entries.truncate(self.limit);
    }
}

/// Puts `entries` in the order `order` gives (the place of the entry to put first, and so on: each
/// place once), where they lie: a long answer needs no second copy of its memory (a second copy is
/// memory the system gives afresh, page by page). Each cycle of the permutation is followed once,
/// one swap for each entry it moves.
fn permute<T>(entries: &mut [T], mut order: Vec<usize>) {
    const DONE: usize = usize::MAX;
    for start in 0..order.len() {
        let mut at = start;
        // The entry first at `start` moves along the cycle until its own place is reached.
        while let Some(from) = order.get_mut(at).map(|o| std::mem::replace(o, DONE)) {
            if from == DONE || from == start || from >= entries.len() {
                break;
            }
            entries.swap(at, from);
            at = from;
        }
    }
}

/// An [`order`]'s instant: its seconds and the first 20 bits of its nanoseconds.
fn coarse(order: u128) -> u64 {
    u64::try_from(order >> 64).unwrap_or(u64::MAX)
}

/// The places of entries of orders `orders` (see [`order`]) in key order, for entries pushed as a
/// [`Select`] takes them: those of one order (one task's at one instant) in the order of their keys.
///
/// The instants of an answer lie in one window, spread over it: the entries are first placed in at
/// most a quarter as many buckets as entries by their instant ([`coarse`]; in one pass, stably), and
/// each bucket, of a few entries, is then sorted by order, then by place, unless it already is
/// (entries come task by task, each task's in its own order, and the instants of reminders and
/// occurrences lie minutes apart, so a bucket of one instant mostly is). The cost
/// grows with the number of entries, not its logarithm. The orders are read from one list of 16
/// bytes each, which ordering reads again and again, rather than from the entries where they lie.
fn sorted(orders: &[u128]) -> Vec<usize> {
    let (low, high) = orders.iter().fold((u64::MAX, 0), |(low, high), &o| {
        (low.min(coarse(o)), high.max(coarse(o)))
    });
    if orders.is_empty() {
        return Vec::new();
    }
    // A bucket is the instant with its last `shift` bits dropped: at most a quarter as many as
    // entries (entries of one instant come together, each instant with a few).
    let mut shift = 0;
    while (high - low) >> shift >= (orders.len() as u64 / 4).max(1) {
        shift += 1;
    }
    let buckets = usize::try_from((high - low) >> shift).unwrap_or(0) + 1;
    let bucket = |o: u128| usize::try_from((coarse(o) - low) >> shift).unwrap_or(0);
    // Counting sort by bucket: `ends[b]` is first where bucket `b` begins, then, once each entry is
    // placed, where it ends (where bucket `b + 1` begins).
    let mut ends = vec![0usize; buckets];
    for &o in orders {
        if let Some(count) = ends.get_mut(bucket(o)) {
            *count += 1;
        }
    }
    let mut begin = 0;
    for end in &mut ends {
        let count = *end;
        *end = begin;
        begin += count;
    }
    let mut order = vec![0usize; orders.len()];
    for (at, &o) in orders.iter().enumerate() {
        if let Some(slot) = ends.get_mut(bucket(o)) {
            if let Some(place) = order.get_mut(*slot) {
                *place = at;
            }
            *slot += 1;
        }
    }
    // Within a bucket the places ascend (the counting sort is stable): a run in order of its orders
    // is in key order.
    let of = |at: usize| orders.get(at).copied().unwrap_or(0);
    let mut begin = 0;
    for &end in &ends {
        if end - begin > 1 {
            if let Some(run) = order.get_mut(begin..end) {
                if !run.is_sorted_by_key(|&at| of(at)) {
                    run.sort_unstable_by_key(|&at| (of(at), at));
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
                if select.admits(e.key()) {
                    select.push(*e);
                }
            }
            let mut expected = all.clone();
            expected.sort_unstable();
            expected.truncate(limit);
            assert_eq!(select.finish(), expected, "limit {limit}");
        }
    }

    /// Every permutation of up to 6 entries, and long ones of many cycles, are put in order in place.
    #[test]
    fn entries_are_permuted_in_place() {
        fn all(n: usize) -> Vec<Vec<usize>> {
            if n == 0 {
                return vec![Vec::new()];
            }
            let mut out = Vec::new();
            for p in all(n - 1) {
                for at in 0..=p.len() {
                    let mut q = p.clone();
                    q.insert(at, n - 1);
                    out.push(q);
                }
            }
            out
        }
        let mut orders: Vec<Vec<usize>> = (0..=6).flat_map(all).collect();
        orders.push((0..1000).map(|i| (i * 7919) % 1000).collect());
        orders.push((0..1000).rev().collect());
        for order in orders {
            let mut entries: Vec<String> = (0..order.len()).map(|i| i.to_string()).collect();
            let expected: Vec<String> = order.iter().map(|i| i.to_string()).collect();
            permute(&mut entries, order);
            assert_eq!(entries, expected);
        }
    }

    /// Room is made at the rate of the tasks seen, within the limit and the most room, and none
    /// for tasks that gave nothing.
    #[test]
    fn room_follows_the_tasks_seen() {
        let select = |limit: usize, held: u32| {
            let mut select = Select::new(limit);
            for i in 0..held {
                if select.admits((i, i).key()) {
                    select.push((i, i));
                }
            }
            select
        };
        let mut s = select(usize::MAX, 40);
        s.expect(10, 90);
        // 4 a task for 90 more tasks, and a twentieth: 378 more than the 40 held.
        assert!(s.entries.capacity() >= 40 + 378, "{}", s.entries.capacity());
        let mut s = select(100, 40);
        s.expect(10, 90);
        assert!(s.entries.capacity() < 400, "the limit holds 200 at most");
        let mut s = select(usize::MAX, 0);
        s.expect(10, 1_000_000);
        assert_eq!(s.entries.capacity(), 0);
        let mut s = select(usize::MAX, 1000);
        s.expect(1, usize::MAX);
        assert!(s.entries.capacity() <= 1000 + 2 * Select::<(u32, u32)>::MOST_ROOM);
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
        for &(t, p) in &cases {
            assert_eq!(with_position(order(t, 0), p), order(t, p));
        }
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
            assert!(select.admits(e.key()));
            select.push(e);
        }
        assert_eq!(select.bound(), None);
        select.push((9, 3));
        assert_eq!(select.bound(), Some((4, 1)));
        assert!(!select.admits((4, 1)));
        assert!(select.admits((3, 9)));
    }
}
