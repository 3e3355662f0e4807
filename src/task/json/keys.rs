//! Repeated keys: whether the names of one object are all different, with few comparisons for the
//! object sizes tasks have.

use std::borrow::Cow;

use super::string::unescape;

/// Objects with more keys than this are checked for repeats by sorting them instead of filtering
/// them first.
const PAIRWISE_KEYS: usize = 32;

/// Whether these names (escapes decoded) are all different.
pub(crate) fn all_different<'a>(mut names: impl Iterator<Item = &'a str>) -> bool {
    // A few are compared pairwise, without allocating; many are sorted.
    let mut few = [""; 16];
    let mut seen = 0;
    while let Some(name) = names.next() {
        if few.iter().take(seen).any(|&f| f == name) {
            return false;
        }
        match few.get_mut(seen) {
            Some(slot) => *slot = name,
            None => {
                let mut all: Vec<&str> = few.to_vec();
                all.push(name);
                all.extend(names);
                crate::sort::sort(&mut all);
                return all.windows(2).all(|w| !matches!(w, [a, b] if a == b));
            }
        }
        seen += 1;
    }
    true
}

/// A key of an object, for the repeated-key check: where its characters are, and whether it has
/// escapes.
#[derive(Clone, Copy, Default)]
pub(super) struct Key {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) escaped: bool,
}

/// Whether the keys of one object are all different, as names (escapes decoded).
pub(super) fn keys_unique(input: &str, keys: &mut [Key]) -> bool {
    let bytes = |k: &Key| input.as_bytes().get(k.start..k.end).unwrap_or_default();
    if keys.len() < 2 {
        return true;
    }
    if keys.iter().any(|k| k.escaped) {
        let mut names: Vec<Cow<'_, str>> = keys
            .iter()
            .map(|k| unescape(input.get(k.start..k.end).unwrap_or_default()))
            .collect();
        crate::sort::sort(&mut names);
        return names.windows(2).all(|w| !matches!(w, [a, b] if a == b));
    }
    if keys.len() <= 8 {
        return keys.iter().enumerate().all(|(i, key)| {
            let name = bytes(key);
            keys.iter().take(i).all(|k| bytes(k) != name)
        });
    }
    if keys.len() <= PAIRWISE_KEYS {
        // A filter of the keys seen (two bits of 256 each): only a key whose bits are both set
        // already is compared with the earlier ones.
        let mut seen = [[0u64; 4]; 2];
        for (i, key) in keys.iter().enumerate() {
            let name = bytes(key);
            let hash = fingerprint(name);
            let mut all_set = true;
            for (table, bits) in seen.iter_mut().zip([hash >> 56, (hash >> 48) & 0xff]) {
                let mask = 1u64 << (bits & 63);
                if let Some(word) = table.get_mut((bits >> 6) as usize) {
                    all_set &= *word & mask != 0;
                    *word |= mask;
                }
            }
            if all_set && keys.iter().take(i).any(|k| bytes(k) == name) {
                return false;
            }
        }
        return true;
    }
    crate::sort::sort_by(keys, |a, b| bytes(a) < bytes(b));
    keys.windows(2)
        .all(|w| !matches!(w, [a, b] if bytes(a) == bytes(b)))
}

/// A hash of a key's length and a few of its bytes, equal for equal keys.
fn fingerprint(name: &[u8]) -> u64 {
    let byte = |i: usize| u64::from(name.get(i).copied().unwrap_or(0));
    let len = name.len();
    let mixed = len as u64
        ^ byte(0) << 8
        ^ byte(1) << 16
        ^ byte(len / 2) << 24
        ^ byte(len.saturating_sub(1)) << 32;
    mixed.wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_compared_pairwise_or_sorted() {
        for n in [0usize, 1, 2, 15, 16, 17, 40] {
            let names: Vec<String> = (0..n).map(|i| format!("n{i}")).collect();
            assert!(all_different(names.iter().map(String::as_str)), "{n}");
            for twice in 0..n {
                let mut with: Vec<&str> = names.iter().map(String::as_str).collect();
                with.push(&names[twice]);
                assert!(!all_different(with.iter().copied()), "{n} {twice}");
                with.rotate_right(1);
                assert!(!all_different(with.into_iter()), "{n} {twice}");
            }
        }
    }
}
