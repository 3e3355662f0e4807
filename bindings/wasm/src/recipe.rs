//! Batch bodies as recipes (`BatchBody::recipe` in the core), in the module built for Node only
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
use std::fmt::Write as _;
use std::hash::{BuildHasherDefault, Hasher};

/// The most shapes numbered at once.
const SHAPES: usize = 256;

thread_local! {
    /// The shapes seen, and their numbers.
    static SEEN: RefCell<HashMap<Box<str>, u32, BuildHasherDefault<Words>>> =
        RefCell::new(HashMap::default());
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
            let mut word = [0; 8];
            word.copy_from_slice(chunk);
            self.mix(u64::from_le_bytes(word));
        }
        for &byte in words.remainder() {
            self.mix(u64::from(byte));
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// The answer of a recipe (`{shape}\n{values}`): its shape by number, with the shape itself when
/// new.
pub(crate) fn numbered(recipe: &str) -> String {
    let (shape, values) = recipe.split_once('\n').unwrap_or((recipe, ""));
    SEEN.with_borrow_mut(|seen| {
        let mut out = String::with_capacity(values.len() + 8);
        match seen.get(shape) {
            Some(number) => {
                let _ = write!(out, "{number}\n");
            }
            None => {
                if seen.len() >= SHAPES {
                    seen.clear();
                }
                let number = seen.len() as u32;
                seen.insert(shape.into(), number);
                let _ = write!(out, "={number}\n{shape}\n");
            }
        }
        out.push_str(values);
        out
    })
}

#[cfg(test)]
mod tests {
    use super::{numbered, SHAPES};

    #[test]
    fn a_shape_is_given_once_until_the_numbering_starts_afresh() {
        assert_eq!(numbered("[a]\n[1]"), "=0\n[a]\n[1]");
        assert_eq!(numbered("[b]\n[2]"), "=1\n[b]\n[2]");
        assert_eq!(numbered("[a]\n[3]"), "0\n[3]");
        for i in 2..SHAPES {
            assert!(numbered(&format!("[{i}]\n[]")).starts_with(&format!("={i}\n")));
        }
        assert_eq!(numbered("[b]\n[4]"), "1\n[4]");
        // Full: the numbering starts afresh, and every shape is given again.
        assert_eq!(numbered("[c]\n[5]"), "=0\n[c]\n[5]");
        assert_eq!(numbered("[a]\n[6]"), "=1\n[a]\n[6]");
    }
}
