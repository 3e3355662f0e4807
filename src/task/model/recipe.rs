//! A task written as a recipe for rebuilding it from the task it was made from, instead of as whole
//! JSON text: which of its members are the given task's, unchanged, and the JSON text of the others.
//!
//! A program that still holds the given task as a value (the npm package holds the JavaScript object
//! it was passed) copies those members from it instead of reading their text again.

use std::fmt;
use std::sync::Arc;

use super::store::Key;
use super::Task;
use crate::task::json;

/// The shape of the last recipe written ([`BatchBody::write_recipe`](crate::task::BatchBody::write_recipe)),
/// kept so that the next recipe of the same shape writes no shape.
///
/// Besides the shape's JSON text it keeps the shape member by member, which the next recipe is
/// compared with as it is written: a comparison of a few numbers, far cheaper than of the text. The
/// text is written again only when the shapes differ.
///
/// ```
/// use ticktick_recur::task::{pin, RecipeShape, Task};
/// let task = Task::from_json(r#"{"id":"a","pinnedTime":null}"#)?;
/// let body = pin(&task, "2026-01-17T13:16:24Z".parse()?)?;
/// let (mut shape, mut values) = (RecipeShape::default(), String::new());
/// assert_eq!(shape.as_str(), "");
/// assert!(!body.write_recipe(&task, &mut shape, &mut values));
/// assert_eq!(shape.as_str(), r#"[[],[["=id","+pinnedTime","+modifiedTime"]]]"#);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct RecipeShape {
    /// The shape's JSON text.
    text: String,
    /// The shape member by member, as [`Marks`] writes it; empty when it does not describe `text`
    /// (a text given as such).
    codes: Vec<u64>,
    /// The names of the members the crate does not know, one after another, as the codes count them.
    names: Vec<u8>,
    /// Room for the next text, compared with the last before it takes its place.
    spare: String,
}

impl RecipeShape {
    /// The shape's JSON text: empty before the first recipe.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The comparison of the next recipe's shape with this one.
    pub(crate) fn marks(&mut self) -> Marks<'_> {
        Marks {
            codes: &mut self.codes,
            names: &mut self.names,
            at: 0,
            name_at: 0,
            agreed: true,
        }
    }

    /// Writes the shape's text again, with `write`, after [`Marks`] found it differs: whether it is
    /// the same text all the same (as when the last text was given as such).
    pub(crate) fn rewrite(&mut self, write: impl FnOnce(&mut String)) -> bool {
        self.spare.clear();
        write(&mut self.spare);
        let same = self.spare == self.text;
        std::mem::swap(&mut self.spare, &mut self.text);
        same
    }
}

/// A shape held as text, as an earlier recipe wrote it: the next recipe compares its shape with this
/// text.
impl From<String> for RecipeShape {
    fn from(text: String) -> RecipeShape {
        RecipeShape {
            text,
            ..RecipeShape::default()
        }
    }
}

impl fmt::Display for RecipeShape {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

/// Whether two names of the same length are the same: a few words compared in place, names being
/// shorter than a call of `memcmp` costs, in WebAssembly above all.
#[inline]
fn same(a: &[u8], b: &[u8]) -> bool {
    fn ends<const N: usize>(a: &[u8], b: &[u8]) -> bool {
        a.first_chunk::<N>() == b.first_chunk::<N>() && a.last_chunk::<N>() == b.last_chunk::<N>()
    }
    match a.len() {
        0..=3 => a == b,
        4..=7 => ends::<4>(a, b),
        8..=16 => ends::<8>(a, b),
        _ => a == b,
    }
}

/// The code of a member of a [`super::Name`]: its number, twice, plus its mark (0 for `=`, 1 for
/// `+`).
const KNOWN: u64 = 0;
/// The code of a member whose name is characters of the text, plus its mark; followed by the
/// name's length.
const TEXT: u64 = 64;
/// The code of a member whose name is on the heap (written with escapes), plus its mark; followed
/// by the name's length.
const HEAP: u64 = 66;
/// The code of the end of a task.
const TASK_END: u64 = 68;
/// The code of the end of a list of tasks.
const LIST_END: u64 = 69;

/// A recipe's shape compared, code by code, with the codes of the shape held, as long as they
/// agree, and written over them from where they differ.
///
/// The codes say what the text says: a known name by its number, another by its bytes (kept in
/// `names`), each with its mark, and where tasks and lists end. Equal codes so mean equal texts.
pub(crate) struct Marks<'a> {
    codes: &'a mut Vec<u64>,
    names: &'a mut Vec<u8>,
    /// How many codes agree so far.
    at: usize,
    /// How many bytes of `names` agree so far.
    name_at: usize,
    /// Whether all codes so far agree.
    agreed: bool,
}

impl Marks<'_> {
    /// The next code.
    #[inline]
    pub(crate) fn code(&mut self, code: u64) {
        if self.agreed {
            if self.codes.get(self.at) == Some(&code) {
                self.at += 1;
                return;
            }
            self.part();
        }
        self.codes.push(code);
    }

    /// The next code, of a member named by `name`'s bytes. Kept out of [`Task::write_recipe`]'s loop,
    /// which it would make slower for the known names.
    #[inline(never)]
    fn named(&mut self, code: u64, name: &[u8]) {
        let length = name.len() as u64;
        if self.agreed {
            let end = self.name_at.saturating_add(name.len());
            // The codes compared one by one: as slices, by a call of `memcmp`.
            let held = self.codes.get(self.at..);
            if matches!(held, Some([c, l, ..]) if *c == code && *l == length)
                && self
                    .names
                    .get(self.name_at..end)
                    .is_some_and(|held| same(held, name))
            {
                self.at += 2;
                self.name_at = end;
                return;
            }
            self.part();
        }
        self.codes.extend_from_slice(&[code, length]);
        self.names.extend_from_slice(name);
    }

    /// Stops comparing: the codes held from here on are another shape's.
    #[cold]
    fn part(&mut self) {
        self.codes.truncate(self.at);
        self.names.truncate(self.name_at);
        self.agreed = false;
    }

    /// The end of a list of tasks.
    pub(crate) fn end_list(&mut self) {
        self.code(LIST_END);
    }

    /// Ends the shape: whether the codes held were this shape's.
    pub(crate) fn finish(mut self) -> bool {
        if self.agreed && self.at == self.codes.len() {
            return true;
        }
        if self.agreed {
            self.part();
        }
        false
    }
}

impl Task {
    /// Writes the task's recipe: its shape, member by member, into `marks`; into `values` the JSON
    /// text of each new value, each followed by a comma.
    ///
    /// A member is marked `=` when it is a member of `given`'s text, which this task shares because
    /// it was copied from `given`, still with the value read; `+` otherwise.
    pub(crate) fn write_recipe(&self, given: &Task, marks: &mut Marks<'_>, values: &mut String) {
        let shared = Arc::ptr_eq(&self.store.text, &given.store.text);
        for field in &self.fields {
            let kept = shared && field.member().is_some();
            let mark = u64::from(!kept);
            if !kept {
                self.store.write(field.value, values);
                values.push(',');
            }
            let (code, name) = match field.key {
                Key::Known(name) => {
                    marks.code(KNOWN + 2 * name as u64 + mark);
                    continue;
                }
                // The name's bytes, without looking for the ends of characters.
                Key::Text(span) => {
                    let text = self.store.text.as_bytes();
                    let name = text.get(span.start as usize..span.end as usize);
                    (TEXT, name.unwrap_or_default())
                }
                Key::Names(_) => (TEXT, self.store.name(&field.key).as_bytes()),
                Key::Heap(_) => (HEAP, self.store.name(&field.key).as_bytes()),
            };
            marks.named(code + mark, name);
        }
        marks.code(TASK_END);
    }

    /// Writes the shape of the task's recipe (see [`Task::write_recipe`]) as text: a JSON array with
    /// one string per member, in order, its name marked by a first character (`=` or `+`).
    pub(crate) fn write_shape(&self, given: &Task, out: &mut String) {
        let shared = Arc::ptr_eq(&self.store.text, &given.store.text);
        out.push('[');
        for (i, field) in self.fields.iter().enumerate() {
            let kept = shared && field.member().is_some();
            // The comma, the name's opening quote and its mark in one piece.
            out.push_str(match (i, kept) {
                (0, true) => "\"=",
                (0, false) => "\"+",
                (_, true) => ",\"=",
                (_, false) => ",\"+",
            });
            match &field.key {
                // Names without escapes, and without characters that need them.
                Key::Known(_) | Key::Text(_) => {
                    out.push_str(self.store.name(&field.key));
                    out.push('"');
                }
                Key::Heap(_) | Key::Names(_) => {
                    let mut name = String::new();
                    json::write_string(&mut name, self.store.name(&field.key));
                    // Without its opening quote.
                    out.push_str(name.get(1..).unwrap_or_default());
                }
            }
        }
        out.push(']');
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    use super::super::{Json, Name};
    use super::{RecipeShape, Task};

    /// The recipe of `task` made from `given`: its shape and values, both as JSON values.
    fn recipe(task: &Task, given: &Task) -> (Value, Value) {
        let mut held = RecipeShape::default();
        let mut values = String::from("[");
        let mut marks = held.marks();
        task.write_recipe(given, &mut marks, &mut values);
        assert!(!marks.finish());
        let mut shape = String::new();
        task.write_shape(given, &mut shape);
        if values.ends_with(',') {
            values.pop();
        }
        values.push(']');
        let parse = |text: &str| serde_json::from_str::<Value>(text).unwrap();
        (parse(&shape), parse(&values))
    }

    #[test]
    fn members_read_and_kept_are_the_given_tasks() {
        let given =
            Task::from_json(r#"{"id":"a","x":{"b":[1,-0]},"status":0,"k\"ey":"v","naïve":1}"#)
                .unwrap();
        let copy = given.clone();
        assert_eq!(
            recipe(&copy, &given),
            (
                json!(["=id", "=x", "=status", "=k\"ey", "=naïve"]),
                json!([])
            )
        );
    }

    #[test]
    fn members_set_or_added_are_new_values_in_order() {
        let given = Task::from_json(r#"{"id":"a","x":1,"status":0,"y":"\u00e9"}"#).unwrap();
        let mut task = given.clone();
        task.put(Name::Status, Json::Int(2), &[]);
        task.set("x", json!({"n": [1, 2]})).unwrap();
        task.set("new\nname", json!("v")).unwrap();
        assert_eq!(
            recipe(&task, &given),
            (
                json!(["=id", "+x", "+status", "=y", "+new\nname"]),
                json!([{"n": [1, 2]}, 2, "v"])
            )
        );
    }

    #[test]
    fn a_task_read_again_shares_nothing_with_the_given_one() {
        let given = Task::from_json(r#"{"id":"a","x":[true]}"#).unwrap();
        let other = Task::from_json(r#"{"id":"a","x":[true]}"#).unwrap();
        assert_eq!(
            recipe(&other, &given),
            (json!(["+id", "+x"]), json!(["a", [true]]))
        );
    }

    #[test]
    fn a_removed_member_is_left_out() {
        let given = Task::from_json(r#"{"id":"a","x":1,"y":2}"#).unwrap();
        let mut task = given.clone();
        task.remove("x");
        assert_eq!(recipe(&task, &given), (json!(["=id", "=y"]), json!([])));
    }
}
