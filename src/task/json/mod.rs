//! Task JSON read and written as text, without a tree of values.
//!
//! [`read_object`] makes one pass over a JSON object: it validates the text exactly as serde_json
//! reads it (the same grammar, string escapes, number range and nesting limit), refuses an object that
//! repeats a key at any depth, and copies the text without its insignificant whitespace. The caller
//! keeps byte spans of that compact text for the object's members: values the engine never reads stay
//! text, and are written back as they came. A text this module refuses goes to serde_json for the
//! exact error.
//!
//! The walkers ([`elements`], [`members`]) then read arrays and objects of text already validated,
//! and [`unescape`] / [`write_string`] convert strings.
//!
//! Where each part lives: `read` (the reader and its spans), `scan` (the grammar it validates),
//! `keys` (the repeated-key check), `walk` (the walkers) and `string` (string escapes).

mod keys;
mod read;
mod scan;
mod string;
mod walk;

pub(crate) use keys::all_different;
pub(crate) use read::{read_object, read_values, Member, Span};
pub(crate) use scan::plain_run;
pub(crate) use string::{plain_string, string_chars, unescape, write_string};
pub(crate) use walk::{elements, leading_plain_string, members};
