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
pub(super) fn find(name: &str) -> Option<u16> {
    let (mut lo, mut hi) = (0u16, u16::try_from(ZONES).ok()?);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        match self::name(mid).cmp(name) {
            std::cmp::Ordering::Less => lo = mid + 1,
            std::cmp::Ordering::Greater => hi = mid,
            std::cmp::Ordering::Equal => return Some(mid),
        }
    }
    None
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
    Timeline { times, offsets }
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
