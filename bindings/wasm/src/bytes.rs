//! The fast way's byte form of `expand`, in the module built for Node only (feature `text-reader`):
//! no allocation and no JavaScript string crosses the boundary on the way in or out.
//!
//! The module keeps one buffer, the scratch ([`scratch`] gives its address, growing it first when
//! asked). The package's JavaScript writes the flag and the string options into it back to back, as
//! UTF-8 (as wasm-bindgen writes strings), and calls [`expand_bytes`] with their lengths. The answer,
//! `expand`'s text as [`crate::wire`] writes it (ASCII), is copied back into the scratch, where the
//! JavaScript reads it; a text longer than the scratch is kept for [`expand_output`] instead.
//!
//! Functions taking a task take the same way in for its JSON text ([`task_bytes`]), which the
//! JavaScript copies into the scratch in one call instead of wasm-bindgen's copy character by
//! character, at any length (the scratch grows, and keeps its room); their answers come back as
//! JSON text. Those giving a batch body take their string options the same way too
//! ([`task_recipe_bytes`]), and give the body as a recipe ([`crate::recipe`]) written into the
//! scratch: no string crosses the boundary either way.
//!
//! Everything else goes back to the other ways: a call that fails, or one the fast way leaves to the
//! exact way, gives [`AGAIN`], and the JavaScript asks the string form (`expandFast`), whose answer
//! or error is the one the user sees. The byte form reads the options field by field
//! ([`Texts::request`]) and only decides whether they are acceptable: what it refuses, the string
//! form reads again ([`crate::expand`]) and names.

use std::cell::RefCell;

use wasm_bindgen::prelude::*;

use ticktick_recur::task::TaskNames;
use ticktick_recur::{parse_instant, ExpandRequest, Zone, EXPAND_LIMIT};

use crate::error::Failure;
use crate::options::Given;
use crate::{recipe, tape_json, wire, Form, TaskCall, TaskInput};

/// What [`expand_bytes`] gives when the call is to be asked again through the string form.
const AGAIN: i32 = -1;
/// What [`expand_bytes`] gives when the answer is longer than the scratch: [`expand_output`] has it.
const LONG: i32 = -2;

thread_local! {
    /// The scratch: the strings of a call on the way in, its answer on the way out.
    static SCRATCH: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
    /// The answer's text, kept between calls so that its room is allocated once.
    static OUTPUT: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
    /// The member names of shapes of tasks, by the slot the package keeps each in ([`task_names`]).
    static NAMES: RefCell<Vec<Option<TaskNames>>> = const { RefCell::new(Vec::new()) };
    /// The tape of a task's values ([`values_tape`]).
    static TAPE: RefCell<Vec<f64>> = const { RefCell::new(Vec::new()) };
    /// The JSON text of the values on the tape ([`task_recipe_bytes`]), kept so that its room is
    /// allocated once.
    static VALUES: RefCell<String> = const { RefCell::new(String::new()) };
}

/// How many shapes of tasks [`task_names`] keeps at once.
const NAME_SLOTS: u32 = 16;

/// The address of the scratch, made at least `len` bytes long first. The address holds until the
/// next call of this function.
#[wasm_bindgen(skip_typescript)]
pub fn scratch(len: usize) -> *mut u8 {
    SCRATCH.with_borrow_mut(|bytes| {
        if bytes.len() < len {
            bytes.resize(len, 0);
        }
        bytes.as_mut_ptr()
    })
}

/// The module's memory, where the scratch is.
#[wasm_bindgen(js_name = scratchMemory, skip_typescript)]
pub fn scratch_memory() -> JsValue {
    wasm_bindgen::memory()
}

/// `expand`'s options as the byte form gives them: strings borrowed from the scratch.
#[derive(Debug, Default)]
struct Texts<'a> {
    start: Option<&'a str>,
    time_zone: Option<&'a str>,
    after: Option<&'a str>,
    until: Option<&'a str>,
    all_day: Option<bool>,
    limit: Option<u32>,
}

impl Texts<'_> {
    /// The request of `flag` with these options, as [`crate::request`] reads options passed the
    /// fast way, read field by field instead of by name: the byte form only needs to know whether
    /// they are acceptable (any failure goes back to the string form, which reads them again and
    /// names what is wrong).
    fn request<'f>(&self, flag: &'f str) -> Result<ExpandRequest<'f>, Failure> {
        let start = parse_instant(self.start.ok_or_else(Failure::exact_way)?)?;
        let zone = match self.time_zone {
            Some(name) => name.parse()?,
            None => Zone::UTC,
        };
        let after = self.after.map(parse_instant).transpose()?;
        let until = self.until.map(parse_instant).transpose()?;
        Ok(ExpandRequest::new(flag, start)
            .zone(zone)
            .all_day(self.all_day.unwrap_or(false))
            .after(after)
            .until(until)
            .limit(self.limit.map_or(EXPAND_LIMIT, |n| n as usize)))
    }
}

/// A length that marks an option as not given.
const ABSENT: u32 = u32::MAX;

/// `expand` (never `expandMillis`, never with `exDates` or `holidays`), the byte form: the flag and
/// the options `start`, `timeZone`, `after` and `until` lie back to back in the scratch, each `len`
/// bytes long, or [`ABSENT`]. Gives the length of the answer, now at the start of the scratch,
/// [`LONG`] when it is longer than the scratch, or [`AGAIN`].
#[wasm_bindgen(js_name = expandBytes, skip_typescript)]
#[allow(clippy::too_many_arguments, reason = "one argument per option")]
pub fn expand_bytes(
    flag: u32,
    start: u32,
    time_zone: u32,
    after: u32,
    until: u32,
    all_day: Option<bool>,
    limit: Option<u32>,
) -> i32 {
    let written: Result<usize, Failure> = SCRATCH.with_borrow(|bytes| {
        let [flag, start, time_zone, after, until] =
            strings(bytes, [flag, start, time_zone, after, until])?;
        let flag = flag.ok_or_else(Failure::exact_way)?;
        let options = Texts {
            start,
            time_zone,
            after,
            until,
            all_day,
            limit,
        };
        OUTPUT.with_borrow_mut(|text| {
            text.clear();
            let instants = wire::Instants::within(std::mem::take(text));
            *text = crate::wire_instants(options.request(flag)?, instants)?.into_bytes();
            Ok(text.len())
        })
    });
    let Ok(len) = written else {
        return AGAIN;
    };
    SCRATCH.with_borrow_mut(|bytes| match bytes.get_mut(..len) {
        Some(room) => OUTPUT.with_borrow(|text| {
            room.copy_from_slice(text);
            i32::try_from(len).unwrap_or(LONG)
        }),
        None => LONG,
    })
}

/// The strings lying back to back at the start of `bytes`, each `len` bytes long, or absent
/// ([`ABSENT`]). They are checked as UTF-8 together, once: each is then valid exactly when it
/// begins and ends on a character boundary of the whole.
// One copy for both callers: the module's size is held to a budget.
#[inline(never)]
fn strings<const N: usize>(bytes: &[u8], lens: [u32; N]) -> Result<[Option<&str>; N], Failure> {
    let total = lens
        .iter()
        .filter(|&&len| len != ABSENT)
        .try_fold(0usize, |total, &len| total.checked_add(len as usize))
        .ok_or_else(Failure::exact_way)?;
    let mut rest = bytes
        .get(..total)
        .and_then(|all| std::str::from_utf8(all).ok())
        .ok_or_else(Failure::exact_way)?;
    let mut texts = [None; N];
    for (text, len) in texts.iter_mut().zip(lens) {
        if len != ABSENT {
            let (head, tail) = rest
                .split_at_checked(len as usize)
                .ok_or_else(Failure::exact_way)?;
            *text = Some(head);
            rest = tail;
        }
    }
    Ok(texts)
}

/// The answer of the last [`expand_bytes`] that gave [`LONG`].
#[wasm_bindgen(js_name = expandOutput, skip_typescript)]
pub fn expand_output() -> String {
    OUTPUT.with_borrow(|text| String::from_utf8(text.clone()).unwrap_or_default())
}

/// A function taking a task, the byte form: the task's JSON text ([`crate::text`]) is the first
/// `len` bytes of the scratch, each option `undefined` unless the function takes it. Gives the
/// answer as JSON text, the `Error` to throw, or `undefined` when the core refuses the text (the
/// exact way then gives the error).
#[wasm_bindgen(js_name = taskBytes, skip_typescript)]
#[allow(clippy::too_many_arguments, reason = "one argument per option")]
pub fn task_bytes(
    call: TaskCall,
    len: usize,
    at: Option<String>,
    from: Option<String>,
    to: Option<String>,
    limit: Option<u32>,
    user_id: Option<f64>,
    id_seed: Option<String>,
    date: Option<String>,
    default_time_zone: Option<String>,
) -> JsValue {
    let options = Given {
        at,
        from,
        to,
        limit,
        user_id,
        id_seed,
        date,
        default_time_zone,
        ..Given::default()
    };
    task_in_scratch(call, len, &options, Form::Json)
}

/// Keeps the member names of a shape of task in `slot` (below 16), in place of any kept there:
/// their JSON array of strings, the first `len` bytes of the scratch. A task of that shape then
/// comes as its values alone, on the tape ([`task_recipe_bytes`]), which JavaScript writes several
/// times faster than the object's JSON. False when the text is not such an array, or `slot` is too
/// high.
#[wasm_bindgen(js_name = taskNames, skip_typescript)]
pub fn task_names(slot: u32, len: usize) -> bool {
    if slot >= NAME_SLOTS {
        return false;
    }
    let names = SCRATCH
        .with_borrow(|bytes| TaskNames::from_json(std::str::from_utf8(bytes.get(..len)?).ok()?));
    let Some(names) = names else {
        return false;
    };
    NAMES.with_borrow_mut(|kept| {
        let slot = slot as usize;
        if kept.len() <= slot {
            kept.resize(slot + 1, None);
        }
        kept[slot] = Some(names);
    });
    true
}

/// The address of the tape on which the package's JavaScript writes a task's values in place
/// ([`task_recipe_bytes`], [`crate::tape_json`]), made at least `len` numbers long first; the numbers
/// written before are kept. The address holds until the next call of this function.
#[wasm_bindgen(js_name = valuesTape, skip_typescript)]
pub fn values_tape(len: usize) -> *mut f64 {
    TAPE.with_borrow_mut(|numbers| {
        if numbers.len() < len {
            numbers.resize(len, 0.0);
        }
        numbers.as_mut_ptr()
    })
}

/// A function giving a batch body (`complete`, `wontDo`, `skip`, `skipDate`, `pin`, `unpin`), the
/// byte form: the task and the string options `at`, `idSeed`, `date` and `defaultTimeZone` lie back
/// to back in the scratch, each `len` bytes long, or [`ABSENT`]. The task is its JSON text
/// ([`crate::text`]) when `names` is negative; else it is the array of its values, whose member
/// names [`task_names`] keeps in slot `names`, on the first `tape` numbers of the tape
/// ([`values_tape`], [`crate::tape_json`]), and its text holds the tape's strings. The body comes
/// as a recipe for rebuilding it from the task the caller holds (`BatchBody::write_recipe`,
/// [`crate::recipe`]): the package copies the members kept from that task instead of parsing their
/// text again. Gives the length of the recipe, now at the start of the scratch (grown first when
/// the recipe is longer: its address may have changed), or [`AGAIN`]: the JSON text form
/// ([`task_bytes`]) then gives the answer or the error.
#[wasm_bindgen(js_name = taskRecipeBytes, skip_typescript)]
#[allow(clippy::too_many_arguments, reason = "one argument per option")]
pub fn task_recipe_bytes(
    call: TaskCall,
    names: i32,
    task: u32,
    tape: u32,
    at: u32,
    user_id: Option<f64>,
    id_seed: u32,
    date: u32,
    default_time_zone: u32,
) -> i32 {
    let done = SCRATCH.with_borrow(|bytes| {
        let lens = [task, at, id_seed, date, default_time_zone];
        let [task, at, id_seed, date, default_time_zone] = strings(bytes, lens)?;
        let owned = |text: Option<&str>| text.map(str::to_owned);
        let options = Given {
            at: owned(at),
            user_id,
            id_seed: owned(id_seed),
            date: owned(date),
            default_time_zone: owned(default_time_zone),
            ..Given::default()
        };
        let task = task.ok_or_else(Failure::exact_way)?;
        let Ok(slot) = usize::try_from(names) else {
            return crate::run(call, TaskInput::Json(task), &options, Form::Recipe);
        };
        NAMES.with_borrow(|kept| {
            let names = kept.get(slot).and_then(Option::as_ref);
            let names = names.ok_or_else(Failure::exact_way)?;
            VALUES.with_borrow_mut(|json| {
                TAPE.with_borrow(|numbers| {
                    let numbers = numbers.get(..tape as usize)?;
                    tape_json::write_json(numbers, task, json)
                })
                .ok_or_else(Failure::exact_way)?;
                crate::run(call, TaskInput::Values(names, json), &options, Form::Recipe)
            })
        })
    });
    if done.is_err() {
        return AGAIN;
    }
    recipe::with_answer(|answer| {
        SCRATCH.with_borrow_mut(|bytes| {
            if bytes.len() < answer.len() {
                bytes.resize(answer.len(), 0);
            }
            match bytes.get_mut(..answer.len()) {
                Some(room) => {
                    room.copy_from_slice(answer.as_bytes());
                    i32::try_from(answer.len()).unwrap_or(AGAIN)
                }
                None => AGAIN,
            }
        })
    })
}

/// A function taking a task whose JSON text is the first `len` bytes of the scratch.
fn task_in_scratch(call: TaskCall, len: usize, options: &Given, form: Form) -> JsValue {
    SCRATCH.with_borrow(|bytes| match bytes.get(..len).map(std::str::from_utf8) {
        Some(Ok(text)) => crate::text::task_in(call, text, options, form),
        _ => JsValue::UNDEFINED,
    })
}
