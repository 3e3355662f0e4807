//! Batch bodies as recipes (`BatchBody::write_recipe` in the core), in the module built for Node only
//! (feature `text-reader`): the package rebuilds the body from the task object it holds, with a
//! function it compiles once per shape of body, instead of parsing the body's JSON text.
//!
//! The module numbers the shapes it has seen, so that a shape crosses the boundary once: the answer
//! is `{number}\n{values}` for a shape already given, `={number}\n{shape}\n{values}` for one the
//! module gives for the first time. At most [`SHAPES`] are numbered at once; past that the module
//! forgets them and numbers afresh from 0. A number is so always given with its shape before it is
//! used alone, by this instance of the module (a new instance starts with no shape): the package,
//! which keeps its builders by number, replaces a builder whenever its number comes with a shape.
use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use ticktick_recur::task::{BatchBody, RecipeShape, Task};

/// The most shapes numbered at once.
const SHAPES: usize = 256;

thread_local! {
    /// The shapes seen, and the room recipes are written in.
    static SEEN: RefCell<Shapes> = RefCell::new(Shapes::default());
}

/// The shapes seen, and their numbers.
#[derive(Default)]
struct Shapes {
    numbers: HashMap<Box<str>, u32, BuildHasherDefault<Words>>,
    /// The last shape, written over by the next (`BatchBody::write_recipe`), and its number: a
    /// caller often asks for bodies of one shape in a row.
    last: (RecipeShape, Option<u32>),
    /// The values being written.
    values: String,
    /// The last answer.
    answer: String,
}

impl Shapes {
    /// The number of the shape in `last`, just written (`same` when it was already there), and
    /// whether it is new (or new again).
    fn number(&mut self, same: bool) -> (u32, bool) {
        if let (true, Some(number)) = (same, self.last.1) {
            return (number, false);
        }
        let (number, new) = match self.numbers.get(self.last.0.as_str()) {
            Some(&number) => (number, false),
            None => {
                if self.numbers.len() >= SHAPES {
                    self.numbers.clear();
                }
                let number = self.numbers.len() as u32;
                self.numbers.insert(self.last.0.as_str().into(), number);
                (number, true)
            }
        };
        self.last.1 = Some(number);
        (number, new)
    }
}

/// Writes the recipe of `body` for rebuilding it from `given` as the answer: `{number}\n{values}`
/// for a shape already given, `={number}\n{shape}\n{values}` for one given for the first time.
/// [`with_answer`] reads it.
pub(crate) fn write(body: &BatchBody, given: &Task) {
    SEEN.with_borrow_mut(|seen| {
        seen.values.clear();
        let same = body.write_recipe(given, &mut seen.last.0, &mut seen.values);
        let (number, new) = seen.number(same);
        let answer = &mut seen.answer;
        answer.clear();
        if new {
            answer.push('=');
        }
        let mut digits = [0; 10];
        let mut at = digits.len();
        let mut n = number;
        loop {
            at -= 1;
            digits[at] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        answer.push_str(std::str::from_utf8(&digits[at..]).unwrap_or_default());
        answer.push('\n');
        if new {
            answer.push_str(seen.last.0.as_str());
            answer.push('\n');
        }
        answer.push_str(&seen.values);
    });
}

/// Gives `read` the last answer [`write`] wrote.
pub(crate) fn with_answer<R>(read: impl FnOnce(&str) -> R) -> R {
    SEEN.with_borrow(|seen| read(&seen.answer))
}

/// Eight bytes as one number.
fn word(bytes: &[u8]) -> u64 {
    let mut word = [0; 8];
    word.copy_from_slice(bytes);
    u64::from_le_bytes(word)
}

/// The hasher of shapes, texts of hundreds of bytes: eight bytes at a time, each word mixed in by a
/// rotation and a multiplication (rustc's FxHash), several times cheaper than the standard SipHash.
/// Shapes that collide, which SipHash would keep apart, only cost time, and at most [`SHAPES`] are
/// kept.
#[derive(Default)]
struct Words(u64);

impl Words {
    fn mix(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for Words {
    fn write(&mut self, bytes: &[u8]) {
        let mut words = bytes.chunks_exact(8);
        for chunk in &mut words {
            self.mix(word(chunk));
        }
        for &byte in words.remainder() {
            self.mix(u64::from(byte));
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::{Shapes, SHAPES};

    /// The number of `shape`, and whether it is new, as [`super::recipe`] asks for it.
    fn number(shapes: &mut Shapes, shape: &str) -> (u32, bool) {
        let same = shapes.last.0.as_str() == shape;
        shapes.last.0 = shape.to_owned().into();
        shapes.number(same)
    }

    #[test]
    fn a_shape_is_new_once_until_the_numbering_starts_afresh() {
        let mut shapes = Shapes::default();
        assert_eq!(number(&mut shapes, "[a]"), (0, true));
        assert_eq!(number(&mut shapes, "[a]"), (0, false));
        assert_eq!(number(&mut shapes, "[b]"), (1, true));
        assert_eq!(number(&mut shapes, "[a]"), (0, false));
        for i in 2..SHAPES {
            assert_eq!(number(&mut shapes, &format!("[{i}]")), (i as u32, true));
        }
        assert_eq!(number(&mut shapes, "[b]"), (1, false));
        // Full: the numbering starts afresh, and every shape is new again.
        assert_eq!(number(&mut shapes, "[c]"), (0, true));
        assert_eq!(number(&mut shapes, "[a]"), (1, true));
        assert_eq!(number(&mut shapes, "[a]"), (1, false));
        assert_eq!(number(&mut shapes, "[b]"), (2, true));
    }
}
