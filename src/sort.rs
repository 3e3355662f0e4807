//! Sorting the engine's short lists with little code: a heapsort.
//!
//! The standard library's `sort_unstable` is the better sort for long lists, and it compiles to
//! about 5 KB of WebAssembly for each element type it sorts (a pattern-defeating quicksort with its
//! sorting networks and fallbacks): about 39 KB of the npm package's `.wasm` before compression,
//! over the kinds of lists the engine sorts. The short ones (exDates and `BYDATE`s as day numbers,
//! JSON keys, holiday years, BYSETPOS picks, a rule's allowed periods), none sorted on a hot path,
//! go through this sort: O(n log n) in every case, nothing allocated, a few hundred bytes per
//! element type (7.5 KB gzipped less in the `.wasm`). The agenda's ordering of thousands of entries
//! keeps the standard sort. A rule's BY values are sorted by a bit set instead
//! (`rule::validate`).

/// Sorts `v` ascending. Not stable: equal elements may change order.
pub(crate) fn sort<T: Ord>(v: &mut [T]) {
    sort_by(v, |a, b| a < b);
}

/// Sorts `v` ascending by `less`, a strict weak order. Not stable.
pub(crate) fn sort_by<T>(v: &mut [T], mut less: impl FnMut(&T, &T) -> bool) {
    let len = v.len();
    // A max-heap over the whole list, then its largest element moved behind the heap one at a time.
    for node in (0..len / 2).rev() {
        sift_down(v, node, len, &mut less);
    }
    for end in (1..len).rev() {
        v.swap(0, end);
        sift_down(v, 0, end, &mut less);
    }
}

/// Restores the heap property below `node` in `v[..end]`.
fn sift_down<T>(v: &mut [T], mut node: usize, end: usize, less: &mut impl FnMut(&T, &T) -> bool) {
    let Some(v) = v.get_mut(..end) else { return };
    loop {
        let mut child = 2 * node + 1;
        let Some(left) = v.get(child) else { return };
        if let Some(right) = v.get(child + 1) {
            if less(left, right) {
                child += 1;
            }
        }
        match (v.get(node), v.get(child)) {
            (Some(parent), Some(larger)) if less(parent, larger) => v.swap(node, child),
            _ => return,
        }
        node = child;
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::{sort, sort_by};

    #[test]
    fn short_lists() {
        for len in 0..9 {
            let mut v: Vec<i32> = (0..len).rev().collect();
            sort(&mut v);
            assert_eq!(v, (0..len).collect::<Vec<_>>());
        }
        let mut words = vec!["b", "a", "c", "a"];
        sort(&mut words);
        assert_eq!(words, ["a", "a", "b", "c"]);
    }

    proptest! {
        #[test]
        fn sorts_as_the_standard_sort(mut v in proptest::collection::vec(-50i64..50, 0..300)) {
            let mut expected = v.clone();
            expected.sort_unstable();
            sort(&mut v);
            prop_assert_eq!(v, expected);
        }

        #[test]
        fn sorts_by_a_key(mut v in proptest::collection::vec((0u8..5, 0u8..5), 0..100)) {
            let mut expected = v.clone();
            expected.sort_unstable_by_key(|p| p.1);
            sort_by(&mut v, |a, b| a.1 < b.1);
            let keys = |v: &[(u8, u8)]| v.iter().map(|p| p.1).collect::<Vec<_>>();
            prop_assert_eq!(keys(&v), keys(&expected));
        }
    }
}
