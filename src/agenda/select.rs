//! The first `limit` entries of a list in key order, kept as the entries come in: at most twice the
//! limit is held at any time, so memory follows the answer, not the input.

/// An entry with a total order: no two entries of one answer share a key.
pub(crate) trait Keyed {
    /// The sort key.
    type Key: Ord + Copy;
    /// This entry's key.
    fn key(&self) -> Self::Key;
}

/// Keeps the `limit` entries of smallest key among those pushed.
pub(crate) struct Select<T: Keyed> {
    limit: usize,
    entries: Vec<T>,
    /// Once `limit` entries are known with keys at most this, no entry above it can be among the
    /// first `limit`.
    bound: Option<T::Key>,
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
    pub(crate) fn bound(&self) -> Option<T::Key> {
        self.bound
    }

    /// Whether an entry of key `key` could still be among the first `limit`.
    pub(crate) fn admits(&self, key: T::Key) -> bool {
        self.limit > 0 && self.bound.is_none_or(|b| key < b)
    }

    /// Offers an entry.
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
        let Some(last) = self.limit.checked_sub(1) else {
            self.entries.clear();
            return;
        };
        if self.entries.len() <= self.limit {
            return;
        }
        self.entries.select_nth_unstable_by_key(last, Keyed::key);
        self.entries.truncate(self.limit);
        self.bound = self.entries.iter().map(Keyed::key).max();
    }

    /// The first `limit` entries, in key order.
    pub(crate) fn finish(mut self) -> Vec<T> {
        self.shrink();
        self.entries.sort_unstable_by_key(Keyed::key);
        self.entries
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    impl Keyed for (u32, u32) {
        type Key = (u32, u32);
        fn key(&self) -> (u32, u32) {
            *self
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
