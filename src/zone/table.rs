//! The compiled zone table (see `build.rs`): names, and each zone's timeline of UTC offsets.
//!
//! A timeline is decoded from its compact form the first time a zone is used, once per process, and
//! kept; lookups are binary searches over its transition instants.

use std::sync::OnceLock;

include!(concat!(env!("OUT_DIR"), "/zones.rs"));

/// Largest distance between the instants one wall-clock time can map to.
pub(super) const REACH: i64 = MAX_OFFSET - MIN_OFFSET;

/// The name of zone `index`.
pub(super) fn name(index: u16) -> &'static str {
    let index = usize::from(index);
    let start = match index.checked_sub(1) {
        Some(previous) => NAME_ENDS.get(previous).copied().unwrap_or_default(),
        None => 0,
    };
    let end = NAME_ENDS.get(index).copied().unwrap_or_default();
    NAMES
        .get(usize::from(start)..usize::from(end))
        .unwrap_or_default()
}

/// The index of the zone named exactly `name`.
///
/// A hash of the name picks a slot of an open-addressing index built on first use (a few
/// microseconds, once per process); the name there, if any, is compared once. A binary search over
/// the sorted names cost ten string comparisons, the largest single part of reading a zone name.
pub(super) fn find(name: &str) -> Option<u16> {
    let index = INDEX.get_or_init(build_index);
    let mask = index.len() - 1;
    let mut slot = hash(name.as_bytes()) & mask;
    loop {
        let entry = *index.get(slot)?;
        if entry == EMPTY_SLOT {
            return None;
        }
        if self::name(entry) == name {
            return Some(entry);
        }
        slot = (slot + 1) & mask;
    }
}

/// An index slot holding no zone.
const EMPTY_SLOT: u16 = u16::MAX;

/// The name index: each zone at the first free slot from its name's hash. At least twice as many
/// slots as names, a power of two, so that probes are short and always meet a free slot.
static INDEX: OnceLock<Box<[u16]>> = OnceLock::new();

fn build_index() -> Box<[u16]> {
    let slots = (ZONES * 2).next_power_of_two().max(2);
    let mut index = vec![EMPTY_SLOT; slots].into_boxed_slice();
    for zone in 0..len() {
        let mut slot = hash(name(zone).as_bytes()) & (slots - 1);
        // There are more slots than names: a free one is always met.
        while let Some(entry) = index.get_mut(slot) {
            if *entry == EMPTY_SLOT {
                *entry = zone;
                break;
            }
            slot = (slot + 1) & (slots - 1);
        }
    }
    index
}

/// FNV-1a over the name's bytes, eight at a time, its high bits folded into the low ones that pick
/// the slot.
fn hash(bytes: &[u8]) -> usize {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        h = (h ^ u64::from_le_bytes(word)).wrapping_mul(0x0100_0000_01b3);
    }
    for &b in chunks.remainder() {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    (h ^ (h >> 29) ^ (h >> 47)) as usize
}

/// Number of zones (names, links included) in the table.
pub(super) fn len() -> u16 {
    u16::try_from(ZONES).unwrap_or(u16::MAX)
}

/// A zone's UTC offsets over time: `offsets[0]` before `times[0]`, `offsets[i + 1]` from `times[i]` (Unix
/// seconds) on. Consecutive offsets differ.
#[derive(Debug)]
pub(super) struct Timeline {
    times: Vec<i64>,
    offsets: Vec<i64>,
    /// The largest offset less the smallest.
    spread: i64,
}

/// A stretch of UTC time with one offset: `[begin, end)`.
#[derive(Debug, Clone, Copy)]
pub(super) struct Span {
    pub(super) begin: i64,
    pub(super) end: i64,
    pub(super) offset: i64,
}

static DECODED: [OnceLock<Timeline>; TIMELINES] = [const { OnceLock::new() }; TIMELINES];

/// The timeline of zone `index`.
pub(super) fn timeline(index: u16) -> &'static Timeline {
    static EMPTY: Timeline = Timeline {
        times: Vec::new(),
        offsets: Vec::new(),
        spread: 0,
    };
    let Some(&t) = TIMELINE.get(usize::from(index)) else {
        return &EMPTY;
    };
    let t = usize::from(t);
    match DECODED.get(t) {
        Some(cell) => cell.get_or_init(|| decode(t)),
        None => &EMPTY,
    }
}

fn decode(t: usize) -> Timeline {
    let start = TIMELINE_STARTS.get(t).copied().unwrap_or_default() as usize;
    let end = TIMELINE_STARTS.get(t + 1).copied().unwrap_or_default() as usize;
    let mut bytes = DATA.get(start..end).unwrap_or_default().iter().copied();
    let first = unzigzag(varint(&mut bytes));
    let n = usize::try_from(varint(&mut bytes)).unwrap_or_default();
    let mut next = || unzigzag(varint(&mut bytes));
    let mut times = Vec::with_capacity(n);
    let mut time = 0;
    for _ in 0..n {
        time += next();
        times.push(time);
    }
    let mut offsets = Vec::with_capacity(n + 1);
    let mut offset = first;
    offsets.push(offset);
    for _ in 0..n {
        offset += next();
        offsets.push(offset);
    }
    let spread = offsets.iter().max().unwrap_or(&0) - offsets.iter().min().unwrap_or(&0);
    Timeline {
        times,
        offsets,
        spread,
    }
}

fn varint(bytes: &mut impl Iterator<Item = u8>) -> u64 {
    let mut n = 0u64;
    let mut shift = 0;
    for byte in bytes {
        n |= u64::from(byte & 0x7f) << shift;
        if byte < 0x80 {
            break;
        }
        shift += 7;
    }
    n
}

fn unzigzag(n: u64) -> i64 {
    // The top bit is the sign's spread; `n >> 1` fits in 63 bits.
    let half = i64::try_from(n >> 1).unwrap_or(i64::MAX);
    if n & 1 == 0 {
        half
    } else {
        -half - 1
    }
}

impl Timeline {
    /// The index of the span containing instant `u`.
    fn index(&self, u: i64) -> usize {
        self.times.partition_point(|&t| t <= u)
    }

    fn span_of(&self, i: usize) -> Span {
        Span {
            begin: match i.checked_sub(1) {
                Some(previous) => self.times.get(previous).copied().unwrap_or(i64::MIN),
                None => i64::MIN,
            },
            end: self.times.get(i).copied().unwrap_or(i64::MAX),
            offset: self.offsets.get(i).copied().unwrap_or_default(),
        }
    }

    /// The largest difference between two of the zone's offsets, in seconds.
    pub(super) fn spread(&self) -> i64 {
        self.spread
    }

    /// The span containing instant `u` (Unix seconds).
    pub(super) fn span(&self, u: i64) -> Span {
        self.span_of(self.index(u))
    }

    /// The offset in force at instant `u`, in seconds.
    pub(super) fn offset(&self, u: i64) -> i64 {
        self.offsets.get(self.index(u)).copied().unwrap_or_default()
    }

    /// The instant of wall-clock time `wall` (seconds since 1970-01-01T00:00:00 on the zone's clock):
    /// the earliest instant that shows it, or, in a gap, the instant the offset in force before the
    /// gap gives it (which lies past the gap by the time `wall` is into it).
    pub(super) fn instant(&self, wall: i64) -> i64 {
        let first = self.index(wall.saturating_sub(MAX_OFFSET));
        let last = self.index(wall.saturating_sub(MIN_OFFSET));
        let mut before_gap = None;
        for i in first..=last {
            let span = self.span_of(i);
            let u = wall.saturating_sub(span.offset);
            if span.begin <= u && u < span.end {
                // Spans are in time order, so the first match is the earliest.
                return u;
            }
            if span.begin.saturating_add(span.offset) <= wall {
                before_gap = Some(u);
            }
        }
        before_gap.unwrap_or_else(|| wall.saturating_sub(self.offset(wall)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every name is found at its own index; names differing in case, truncated, extended or
    /// empty are not found.
    #[test]
    fn the_index_finds_exactly_the_names() {
        for zone in 0..len() {
            let n = name(zone);
            assert_eq!(find(n), Some(zone), "{n}");
            // A shorter text is found only when it is itself a name (`Etc/GMT+1` and `Etc/GMT+10`).
            let shorter = &n[..n.len() - 1];
            assert_eq!(
                find(shorter).map(name),
                (0..len()).map(name).find(|m| *m == shorter)
            );
            assert_eq!(find(&format!("{n}/")), None, "{n}/");
            if n.bytes().any(|b| b.is_ascii_lowercase()) {
                assert_eq!(
                    find(&n.to_ascii_lowercase()).map(name),
                    None,
                    "{n} lowercased"
                );
            }
        }
        assert_eq!(find(""), None);
        assert_eq!(find("Mars/Olympus_Mons"), None);
    }
}
