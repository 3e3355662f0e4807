//! Ids as TickTick makes them: BSON ObjectIds.
//!
//! An ObjectId is 12 bytes, written as 24 lowercase hex digits: 4 bytes of big-endian Unix seconds,
//! 5 bytes fixed for the generating process, and a 3-byte big-endian counter that rises by one per id.
//! Every id of one TickTick web session shares the middle 5 bytes, and a closed copy's id carries the
//! seconds of its `completedTime`.

use std::collections::hash_map::RandomState;
use std::fmt;
use std::hash::{BuildHasher, Hasher};
use std::str::FromStr;
use std::time::SystemTime;

use chrono::{DateTime, Utc};

/// The counter is 3 bytes wide and wraps around.
const COUNTER_MASK: u32 = 0x00ff_ffff;

/// A BSON ObjectId.
///
/// ```
/// use ticktick_recur::ObjectId;
/// let id: ObjectId = "696b8ba82c6f3277d1cc4341".parse()?;
/// assert_eq!(id.seconds(), 1_768_655_784);
/// assert_eq!(id.counter(), 0xcc4341);
/// assert_eq!(id.to_string(), "696b8ba82c6f3277d1cc4341");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ObjectId([u8; 12]);

impl ObjectId {
    /// The id made of these 12 bytes.
    #[must_use]
    pub const fn from_bytes(bytes: [u8; 12]) -> ObjectId {
        ObjectId(bytes)
    }

    /// The 12 bytes.
    #[must_use]
    pub const fn bytes(&self) -> [u8; 12] {
        self.0
    }

    /// The Unix seconds of the first 4 bytes.
    #[must_use]
    pub fn seconds(&self) -> u32 {
        u32::from_be_bytes([self.0[0], self.0[1], self.0[2], self.0[3]])
    }

    /// The 5 per-process bytes.
    #[must_use]
    pub fn process(&self) -> [u8; 5] {
        [self.0[4], self.0[5], self.0[6], self.0[7], self.0[8]]
    }

    /// The 3-byte counter.
    #[must_use]
    pub fn counter(&self) -> u32 {
        u32::from_be_bytes([0, self.0[9], self.0[10], self.0[11]])
    }

    /// The 24 lowercase hex digits, as ASCII bytes.
    pub(crate) fn hex(&self) -> [u8; 24] {
        let digit = |n: u8| if n < 10 { b'0' + n } else { b'a' + n - 10 };
        let mut hex = [0u8; 24];
        for (pair, byte) in hex.chunks_exact_mut(2).zip(self.0) {
            if let [high, low] = pair {
                *high = digit(byte >> 4);
                *low = digit(byte & 0xf);
            }
        }
        hex
    }
}

impl fmt::Display for ObjectId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(std::str::from_utf8(&self.hex()).map_err(|_| fmt::Error)?)
    }
}

impl fmt::Debug for ObjectId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ObjectId({self})")
    }
}

impl FromStr for ObjectId {
    type Err = HexError;

    /// Reads 24 hex digits (either case).
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let mut bytes = [0; 12];
        read_hex(text, &mut bytes)?;
        Ok(ObjectId(bytes))
    }
}

/// A seed that makes an [`ObjectIdGenerator`] reproducible: 16 hex digits, the 5 per-process bytes
/// followed by the 3-byte counter of the first id to issue.
///
/// ```
/// use ticktick_recur::IdSeed;
/// let seed: IdSeed = "2c6f3277d1cc4341".parse()?;
/// assert_eq!(seed.to_string(), "2c6f3277d1cc4341");
/// assert!("2c6f3277d1cc434".parse::<IdSeed>().is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct IdSeed {
    process: [u8; 5],
    counter: u32,
}

impl IdSeed {
    /// The seed of these per-process bytes and first counter (taken modulo 2^24).
    #[must_use]
    pub const fn new(process: [u8; 5], counter: u32) -> IdSeed {
        IdSeed {
            process,
            counter: counter & COUNTER_MASK,
        }
    }

    /// A seed drawn at random, as a BSON driver does once per process: a random process part and a
    /// random first counter.
    ///
    /// The randomness comes from the standard library's per-process hash keys mixed with the clock and
    /// the process id; it is unpredictable enough for ids, not for secrets.
    #[must_use]
    pub fn random() -> IdSeed {
        let mut hasher = RandomState::new().build_hasher();
        if let Ok(since) = SystemTime::now().duration_since(SystemTime::UNIX_EPOCH) {
            hasher.write_u128(since.as_nanos());
        }
        hasher.write_u32(std::process::id());
        let [a, b, c, d, e, f, g, h] = hasher.finish().to_be_bytes();
        IdSeed::new([a, b, c, d, e], u32::from_be_bytes([0, f, g, h]))
    }
}

impl fmt::Display for IdSeed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.process
            .iter()
            .chain(&self.counter.to_be_bytes()[1..])
            .try_for_each(|b| write!(f, "{b:02x}"))
    }
}

impl fmt::Debug for IdSeed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "IdSeed({self})")
    }
}

impl FromStr for IdSeed {
    type Err = HexError;

    /// Reads 16 hex digits (either case).
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let mut b = [0; 8];
        read_hex(text, &mut b)?;
        Ok(IdSeed::new(
            [b[0], b[1], b[2], b[3], b[4]],
            u32::from_be_bytes([0, b[5], b[6], b[7]]),
        ))
    }
}

/// Issues ObjectIds: the seconds of the given instant, a fixed process part, and a counter that rises by
/// one per id (wrapping after `ffffff`).
///
/// ```
/// use ticktick_recur::{parse_instant, ObjectIdGenerator};
/// let mut ids = ObjectIdGenerator::from_seed("2c6f3277d1cc4341".parse()?);
/// let at = parse_instant("2026-01-17T13:16:24Z")?;
/// assert_eq!(ids.next_id(at).to_string(), "696b8ba82c6f3277d1cc4341");
/// assert_eq!(ids.next_id(at).to_string(), "696b8ba82c6f3277d1cc4342");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct ObjectIdGenerator {
    seed: IdSeed,
}

impl ObjectIdGenerator {
    /// A generator with a random process part and a random first counter ([`IdSeed::random`]).
    #[must_use]
    pub fn new() -> ObjectIdGenerator {
        ObjectIdGenerator::from_seed(IdSeed::random())
    }

    /// A reproducible generator: its first id has the seed's process part and counter.
    #[must_use]
    pub fn from_seed(seed: IdSeed) -> ObjectIdGenerator {
        ObjectIdGenerator { seed }
    }

    /// The seed the next id will be made from.
    #[must_use]
    pub fn seed(&self) -> IdSeed {
        self.seed
    }

    /// A new id for instant `at`: its Unix seconds (modulo 2^32, as BSON writes them), the process
    /// part, and the next counter value.
    #[must_use = "an id not used is a counter value lost"]
    pub fn next_id(&mut self, at: DateTime<Utc>) -> ObjectId {
        // BSON keeps the low 32 bits of the seconds; truncation is the format's own rule.
        let seconds = (at.timestamp() as u32).to_be_bytes();
        let counter = self.seed.counter.to_be_bytes();
        let p = self.seed.process;
        self.seed.counter = (self.seed.counter + 1) & COUNTER_MASK;
        ObjectId([
            seconds[0], seconds[1], seconds[2], seconds[3], p[0], p[1], p[2], p[3], p[4],
            counter[1], counter[2], counter[3],
        ])
    }
}

impl Default for ObjectIdGenerator {
    /// Same as [`ObjectIdGenerator::new`]: random.
    fn default() -> Self {
        ObjectIdGenerator::new()
    }
}

/// Text that is not the expected number of hex digits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HexError {
    text: String,
    expected_digits: usize,
}

impl HexError {
    /// The text as given.
    #[must_use]
    pub fn text(&self) -> &str {
        &self.text
    }

    /// How many hex digits were expected.
    #[must_use]
    pub fn expected_digits(&self) -> usize {
        self.expected_digits
    }
}

impl fmt::Display for HexError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "invalid hex {:?}: expected {} hex digits",
            self.text, self.expected_digits
        )
    }
}

impl std::error::Error for HexError {}

fn read_hex(text: &str, out: &mut [u8]) -> Result<(), HexError> {
    let expected_digits = out.len() * 2;
    let err = || HexError {
        text: text.to_owned(),
        expected_digits,
    };
    let digits = text.as_bytes();
    if digits.len() != expected_digits {
        return Err(err());
    }
    let nibble = |c: u8| (c as char).to_digit(16).map(|d| d as u8);
    for (byte, pair) in out.iter_mut().zip(digits.chunks_exact(2)) {
        let &[high, low] = pair else {
            return Err(err());
        };
        *byte = (nibble(high).ok_or_else(err)? << 4) | nibble(low).ok_or_else(err)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layout_is_seconds_process_counter() {
        let mut ids = ObjectIdGenerator::from_seed("2c6f3277d1fffffe".parse().unwrap());
        let at = DateTime::from_timestamp(0x696b_8ba8, 0).unwrap();
        let a = ids.next_id(at);
        assert_eq!(a.to_string(), "696b8ba82c6f3277d1fffffe");
        assert_eq!(a.seconds(), 0x696b_8ba8);
        assert_eq!(a.process(), [0x2c, 0x6f, 0x32, 0x77, 0xd1]);
        assert_eq!(ids.next_id(at).counter(), 0xffffff);
        // The counter wraps within its 3 bytes.
        assert_eq!(ids.next_id(at).to_string(), "696b8ba82c6f3277d1000000");
    }

    #[test]
    fn hex_is_checked() {
        assert!("696b8ba82c6f3277d1cc434g".parse::<ObjectId>().is_err());
        assert!("696b8ba82c6f3277d1cc434".parse::<ObjectId>().is_err());
        assert!("é96b8ba82c6f3277d1cc434".parse::<ObjectId>().is_err());
        let e = "xyz".parse::<IdSeed>().unwrap_err();
        assert_eq!(
            e.to_string(),
            r#"invalid hex "xyz": expected 16 hex digits"#
        );
        assert_eq!(
            "696B8BA82C6F3277D1CC4341"
                .parse::<ObjectId>()
                .unwrap()
                .to_string(),
            "696b8ba82c6f3277d1cc4341"
        );
    }

    #[test]
    fn random_seeds_differ() {
        assert_ne!(IdSeed::random(), IdSeed::random());
    }
}
