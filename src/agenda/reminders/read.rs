//! What a task's reminders are: its triggers, its snoozed reminder and its checklist items' starts,
//! read from its JSON text (BEHAVIOUR.md §8).

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;

use chrono::{DateTime, Utc};

use crate::agenda::error::ReminderProblem;
use crate::agenda::trigger::{Applied, Trigger, TriggerError};
use crate::task::{
    elements, members, plain_run, string_chars, unescape, FieldProblem, Fnv, Name, Task, TaskError,
};
use crate::{parse_instant, Error};

/// One trigger of a task, read.
pub(super) struct TaskTrigger {
    /// Its position in `reminders`.
    pub(super) index: usize,
    /// Its `id` and its text, in [`Triggers`]'s text.
    id: Option<Range<usize>>,
    text: Range<usize>,
    /// The trigger, as it applies to the task (all-day or not).
    pub(super) trigger: Applied,
    /// The row its entries share, once one is kept.
    pub(super) row: Option<usize>,
}

/// The triggers of the task being added, read into memory kept from task to task: reading them
/// allocates nothing once a few tasks are read.
#[derive(Default)]
pub(super) struct Triggers {
    /// The triggers' ids and texts, one after the other.
    text: String,
    pub(super) list: Vec<TaskTrigger>,
    cache: TriggerCache,
    /// Whether the task being read is all-day.
    all_day: bool,
}

/// A trigger's id and text, read where [`Triggers`] keeps them.
pub(super) struct Texts<'a>(&'a str);

impl Texts<'_> {
    /// The trigger's `id`.
    pub(super) fn id(&self, trigger: &TaskTrigger) -> Option<&str> {
        trigger.id.clone().and_then(|at| self.0.get(at))
    }

    /// The trigger as the task gives it.
    pub(super) fn text(&self, trigger: &TaskTrigger) -> &str {
        self.0.get(trigger.text.clone()).unwrap_or_default()
    }
}

impl Triggers {
    /// Reads `task`'s triggers in place of the last task's: each object's `id` and `trigger`, or a
    /// trigger string as TickTick's Open API gives one; the first bad one as its position, id and
    /// problem.
    pub(super) fn read(
        &mut self,
        task: &Task,
    ) -> Result<(), (usize, Option<String>, ReminderProblem)> {
        self.list.clear();
        self.text.clear();
        self.all_day = task.is_all_day();
        let Some(json) = task.json_of(Name::Reminders) else {
            return Ok(());
        };
        if self.read_plain(&json)? {
            return Ok(());
        }
        self.list.clear();
        self.text.clear();
        // The task reader has checked the list: compact JSON, objects (without repeated keys) and
        // strings.
        for (index, element) in elements(&json).enumerate() {
            let (id, trigger) = if element.starts_with('{') {
                let [id, trigger] = two_members(element, ["id", "trigger"]);
                (id.and_then(string), trigger)
            } else {
                (None, Some(element))
            };
            let fail = |problem| (index, id.as_deref().map(str::to_owned), problem);
            let text = match trigger {
                None | Some("null") => return Err(fail(ReminderProblem::MissingTrigger)),
                Some(raw) => string(raw).ok_or_else(|| {
                    fail(ReminderProblem::TriggerNotAString {
                        got: raw.to_owned(),
                    })
                })?,
            };
            let trigger = self
                .cache
                .read(&text)
                .map_err(|e| fail(ReminderProblem::InvalidTrigger(Box::new(e))))?;
            self.push(index, id.as_deref(), &text, trigger);
        }
        Ok(())
    }

    /// The triggers read, and where their ids and texts lie.
    pub(super) fn split(&mut self) -> (&mut [TaskTrigger], Texts<'_>) {
        (&mut self.list, Texts(&self.text))
    }

    fn push(&mut self, index: usize, id: Option<&str>, text: &str, trigger: Trigger) {
        let id = id.map(|id| self.keep(id));
        let text = self.keep(text);
        self.list.push(TaskTrigger {
            index,
            id,
            text,
            trigger: trigger.applied(self.all_day),
            row: None,
        });
    }

    fn keep(&mut self, text: &str) -> Range<usize> {
        let start = self.text.len();
        self.text.push_str(text);
        start..self.text.len()
    }

    /// The triggers of a list in the form TickTick writes, `[{"id":"...","trigger":"..."},...]`
    /// with no escapes, read in one pass: `false` (and some triggers pushed) for any other form,
    /// which [`Triggers::read`] then reads member by member. Each trigger read is the one that
    /// reading gives, and so is the first bad one.
    fn read_plain(&mut self, json: &str) -> Result<bool, (usize, Option<String>, ReminderProblem)> {
        /// A validated JSON string's characters up to its closing quote, when it has no escape,
        /// and the text from that quote on.
        fn plain(rest: &str) -> Option<(&str, &str)> {
            // Validated JSON: a string holds no raw control character, so its plain run ends at its
            // closing quote or its first escape.
            let end = plain_run(rest.as_bytes())?;
            match rest.as_bytes().get(end) {
                Some(b'"') => Some((rest.get(..end)?, rest.get(end..)?)),
                _ => None,
            }
        }
        let Some(mut rest) = json.strip_prefix('[') else {
            return Ok(false);
        };
        if rest == "]" {
            return Ok(true);
        }
        for index in 0.. {
            let Some((id, after)) = rest.strip_prefix(r#"{"id":""#).and_then(plain) else {
                return Ok(false);
            };
            let Some((text, after)) = after.strip_prefix(r#"","trigger":""#).and_then(plain) else {
                return Ok(false);
            };
            let Some(after) = after.strip_prefix("\"}") else {
                return Ok(false);
            };
            let trigger = self.cache.read(text).map_err(|e| {
                (
                    index,
                    Some(id.to_owned()),
                    ReminderProblem::InvalidTrigger(Box::new(e)),
                )
            })?;
            self.push(index, Some(id), text, trigger);
            match after.as_bytes().first() {
                Some(b',') => rest = after.get(1..).unwrap_or_default(),
                Some(b']') if after.len() == 1 => return Ok(true),
                _ => return Ok(false),
            }
        }
        Ok(false)
    }
}

/// Trigger texts already read for other tasks of a list: a list holds thousands of reminders and a
/// dozen forms of trigger. The short texts TickTick writes are known by a key of a few numbers, each
/// in one of [`TriggerCache::SLOTS`] places; other texts by a map of at most [`TriggerCache::MOST`].
/// Its memory does not grow with the list.
struct TriggerCache {
    short: [Option<(ShortKey, Trigger)>; TriggerCache::SLOTS],
    long: HashMap<Box<str>, Trigger, Fnv>,
}

impl Default for TriggerCache {
    fn default() -> Self {
        TriggerCache {
            short: [None; TriggerCache::SLOTS],
            long: HashMap::default(),
        }
    }
}

/// A trigger text of 8 to 24 bytes that begins with `TRIGGER:`, known by its length and its last
/// eight bytes, and for texts of 16 bytes or more also the eight after `TRIGGER:`: together they
/// cover every byte after `TRIGGER:`, so that two texts with one key are the same text.
#[derive(Clone, Copy, PartialEq, Eq)]
struct ShortKey(usize, u64, u64);

impl ShortKey {
    fn of(text: &str) -> Option<ShortKey> {
        let bytes = text.as_bytes();
        let word = |at: usize| {
            let eight: [u8; 8] = bytes.get(at..at + 8)?.try_into().ok()?;
            Some(u64::from_le_bytes(eight))
        };
        let len = bytes.len();
        if !(8..=24).contains(&len) || word(0)? != u64::from_le_bytes(*b"TRIGGER:") {
            return None;
        }
        let middle = if len >= 16 { word(8)? } else { 0 };
        Some(ShortKey(len, word(len - 8)?, middle))
    }
}

impl TriggerCache {
    const MOST: usize = 256;
    const SLOTS: usize = 64;

    /// The trigger of `text`, read once per text.
    fn read(&mut self, text: &str) -> Result<Trigger, TriggerError> {
        if let Some(key) = ShortKey::of(text) {
            let hash =
                (key.1 ^ key.2.rotate_left(17) ^ key.0 as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
            // Fibonacci hashing: the top bits pick the place.
            let place = self.short.get_mut((hash >> 58) as usize);
            if let Some(Some((known, trigger))) = &place {
                if *known == key {
                    return Ok(*trigger);
                }
            }
            let trigger = text.parse::<Trigger>()?;
            if let Some(place) = place {
                *place = Some((key, trigger));
            }
            return Ok(trigger);
        }
        if let Some(trigger) = self.long.get(text) {
            return Ok(*trigger);
        }
        let trigger = text.parse::<Trigger>()?;
        if self.long.len() < TriggerCache::MOST {
            self.long.insert(text.into(), trigger);
        }
        Ok(trigger)
    }
}

/// A JSON string's characters, escapes decoded; `None` for any other value (of compact, validated
/// text).
fn string(raw: &str) -> Option<Cow<'_, str>> {
    string_chars(raw).map(unescape)
}

/// The values of two members by their names, in a compact, validated JSON object, in one walk.
fn two_members<'a>(object: &'a str, names: [&str; 2]) -> [Option<&'a str>; 2] {
    let mut found = [None, None];
    for (key, value) in members(object) {
        // Keys are compared as written unless they have escapes.
        let key = if key.contains('\\') {
            unescape(key)
        } else {
            Cow::Borrowed(key)
        };
        for (slot, name) in found.iter_mut().zip(names) {
            if slot.is_none() && *key == *name {
                *slot = Some(value);
            }
        }
        if found.iter().all(Option::is_some) {
            break;
        }
    }
    found
}

/// The task's snoozed reminder, `remindTime` (`null` and `""` mean none).
pub(super) fn remind_time(task: &Task) -> Result<Option<DateTime<Utc>>, Error> {
    let invalid = |problem| {
        Error::Task(TaskError::InvalidField {
            field: Name::RemindTime.as_str().to_owned(),
            problem,
        })
    };
    let Some(text) = task.json_of(Name::RemindTime) else {
        return Ok(None);
    };
    if text == "null" {
        return Ok(None);
    }
    match string(&text) {
        Some(t) if t.is_empty() => Ok(None),
        Some(t) => parse_instant(&t).map(Some).map_err(|_| {
            invalid(FieldProblem::InvalidInstant {
                text: t.into_owned(),
            })
        }),
        None => Err(invalid(FieldProblem::WrongType {
            expected: "an instant string",
            got: text.into_owned(),
        })),
    }
}

/// Whether a checklist item's `status`, a JSON number the task reader has accepted as an integer, is
/// 0 (BEHAVIOUR.md §8), read exactly from its text without a float parser.
///
/// The reader accepts a number whose nearest double is a whole number, so an accepted number is
/// either one whose nearest double is 0 (`0`, `-0`, `0.0`, `0e5`, `1e-400`) or one of magnitude at
/// least one half (it rounds to a whole number other than 0: `2`, `2.0`, `0.99999999999999999999`).
/// Telling them apart needs only where the first digit other than 0 stands, and that digit.
fn is_zero(number: &str) -> bool {
    let number = number.strip_prefix('-').unwrap_or(number);
    let (mantissa, exponent) = match number.find(['e', 'E']) {
        Some(at) => (
            number.get(..at).unwrap_or_default(),
            number.get(at + 1..).unwrap_or_default(),
        ),
        None => (number, ""),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    // The place of the first digit other than 0, as a power of ten before the exponent.
    let first = whole
        .bytes()
        .position(|b| b != b'0')
        .map(|i| (whole.len() - 1 - i) as i64)
        .or_else(|| {
            let i = fraction.bytes().position(|b| b != b'0')?;
            Some(-1 - i as i64)
        });
    let Some(place) = first else {
        return true;
    };
    let digit = whole
        .bytes()
        .chain(fraction.bytes())
        .find(|&b| b != b'0')
        .unwrap_or(b'0');
    // The exponent, saturated: its digits only matter up to far beyond any double's range.
    let (negative, digits) = match exponent.as_bytes().first() {
        Some(b'-') => (true, exponent.get(1..).unwrap_or_default()),
        Some(b'+') => (false, exponent.get(1..).unwrap_or_default()),
        _ => (false, exponent),
    };
    let magnitude = digits.bytes().fold(0i64, |n, b| {
        n.saturating_mul(10)
            .saturating_add(i64::from(b.wrapping_sub(b'0')))
    });
    let place = if negative {
        place.saturating_sub(magnitude)
    } else {
        place.saturating_add(magnitude)
    };
    // Below 0.1, or 0.1 to 0.5: below one half.
    place < -1 || (place == -1 && digit < b'5')
}

/// When the task's checklist items remind: each open item's own `startDate` (`null` and `""` mean
/// none), with the item's position.
pub(super) fn item_reminders(task: &Task) -> Vec<(usize, DateTime<Utc>)> {
    /// Whether compact JSON text may hold a member `startDate` whose value is a string: written so,
    /// or with its name escaped.
    fn may_start(text: &str) -> bool {
        text.contains(r#""startDate":""#) || text.contains('\\')
    }
    // Most tasks have no items (`[]`: the reader keeps validated text compact).
    let Some(text) = task
        .json_of(Name::Items)
        .filter(|text| text.len() > 2 && may_start(text))
    else {
        return Vec::new();
    };
    let mut reminders = Vec::new();
    let plain = plain_items(&text, |index, status, start| {
        if let Some(t) = item_reminder(status, start) {
            reminders.push((index, t));
        }
    });
    if plain {
        return reminders;
    }
    reminders.clear();
    for (index, item) in elements(&text).enumerate() {
        if !may_start(item) {
            continue;
        }
        let [status, start] = two_members(item, ["status", "startDate"]);
        if let Some(t) = item_reminder(status, start) {
            reminders.push((index, t));
        }
    }
    reminders
}

/// When the item whose `status` and `startDate` have the values `status` and `start` (as JSON text)
/// reminds: its start, when it is open and has one.
fn item_reminder(status: Option<&str>, start: Option<&str>) -> Option<DateTime<Utc>> {
    // The task reader has checked each item's `status` (an integer) and `startDate` (an instant).
    let open = status.is_none_or(|s| s == "null" || is_zero(s));
    let start = start.and_then(string)?;
    if !open || start.is_empty() {
        return None;
    }
    parse_instant(&start).ok()
}

/// The `status` and `startDate` of each item of a checklist in the form TickTick writes, objects
/// whose keys and strings have no escapes and whose other values are numbers, `null`, `true` or
/// `false`, given to `each` with the item's position, in one pass: `false` (some items given) for
/// any other form, which [`two_members`] then reads item by item. Each value is the one that reading
/// gives.
fn plain_items<'a>(
    text: &'a str,
    mut each: impl FnMut(usize, Option<&'a str>, Option<&'a str>),
) -> bool {
    let bytes = text.as_bytes();
    // Where the string whose opening quote is at `at` ends (after its closing quote), if it has no
    // escape.
    let string_end = |at: usize| {
        if bytes.get(at) != Some(&b'"') {
            return None;
        }
        let length = plain_run(bytes.get(at + 1..)?)?;
        (bytes.get(at + 1 + length) == Some(&b'"')).then_some(at + 2 + length)
    };
    if bytes.first() != Some(&b'[') {
        return false;
    }
    let mut at = 1;
    for index in 0.. {
        if bytes.get(at) != Some(&b'{') {
            return false;
        }
        at += 1;
        let (mut status, mut start) = (None, None);
        if bytes.get(at) == Some(&b'}') {
            at += 1;
        } else {
            loop {
                let Some(key_end) = string_end(at) else {
                    return false;
                };
                let key = text.get(at + 1..key_end - 1);
                // A key, its colon, and its value: a string, or a number or literal up to the next
                // `,` or `}` (a nested value is not this form).
                if bytes.get(key_end) != Some(&b':') {
                    return false;
                }
                let value_at = key_end + 1;
                let value_end = match bytes.get(value_at) {
                    Some(b'"') => string_end(value_at),
                    Some(b'{' | b'[') | None => None,
                    Some(_) => bytes
                        .get(value_at..)
                        .and_then(|rest| rest.iter().position(|&b| b == b',' || b == b'}'))
                        .map(|length| value_at + length),
                };
                let Some(value_end) = value_end else {
                    return false;
                };
                let value = text.get(value_at..value_end);
                match key {
                    Some("status") => status = value,
                    Some("startDate") => start = value,
                    _ => {}
                }
                at = value_end + 1;
                match bytes.get(value_end) {
                    Some(b',') => {}
                    Some(b'}') => break,
                    _ => return false,
                }
            }
        }
        each(index, status, start);
        match bytes.get(at) {
            Some(b',') => at += 1,
            Some(b']') => return at + 1 == bytes.len(),
            _ => return false,
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::agenda::{reminders, AgendaError, Window};

    /// March 2026.
    fn march() -> Window {
        Window::new(
            parse_instant("2026-03-01T00:00:00Z").unwrap(),
            parse_instant("2026-03-31T23:59:59Z").unwrap(),
        )
    }

    /// A checklist item's `status` is 0 when its number's nearest double is 0, whatever form it is
    /// written in, as the reader reads it; `1e-400` rounds to 0, so the item is open.
    #[test]
    fn checklist_status_zero_is_read_exactly() {
        let window = march();
        for (status, open) in [
            ("0", true),
            ("0.0", true),
            ("-0", true),
            ("0e5", true),
            ("1e-400", true),
            ("2", false),
            ("2.0", false),
        ] {
            let text = format!(
                r#"{{"id": "t", "items": [{{"id": "i", "status": {status},
                    "startDate": "2026-03-05T09:00:00Z"}}]}}"#
            );
            let task = Task::from_json(&text).unwrap();
            let fired = reminders(std::slice::from_ref(&task), &window).unwrap();
            assert_eq!(fired.len(), usize::from(open), "status {status}");
        }
    }

    /// An item's start is found however its key is written, and only as a key.
    #[test]
    fn checklist_starts_are_found_as_keys_only() {
        let window = march();
        for (item, fires) in [
            (r#"{"startDate": "2026-03-05T09:00:00Z"}"#, 1),
            (r#"{"start\u0044ate": "2026-03-05T09:00:00Z"}"#, 1),
            (r#"{"title": "\"startDate\":\"2026-03-05T09:00:00Z"}"#, 0),
            (r#"{"title": "x", "startDate": null}"#, 0),
            (r#"{"id": "i"}, {"startDate": "2026-03-06T09:00:00Z"}"#, 1),
        ] {
            let text = format!(r#"{{"id": "t", "items": [{item}]}}"#);
            let task = Task::from_json(&text).unwrap();
            let fired = reminders(std::slice::from_ref(&task), &window).unwrap();
            assert_eq!(fired.len(), fires, "{item}");
        }
    }

    /// TickTick's own form of a reminders list, read in one pass, gives what reading it member by
    /// member gives: the same entries, and the same first bad trigger with its position and id.
    #[test]
    fn the_plain_form_reads_as_the_general_form() {
        let window = march();
        let lists: [&[(&str, &str)]; 5] = [
            &[],
            &[("r1", "TRIGGER:-PT30M")],
            &[
                ("r1", "TRIGGER:PT0S"),
                ("r2", "TRIGGER:-P1DT15H0M0S"),
                ("", "TRIGGER:-P1W"),
            ],
            &[
                ("r1", "TRIGGER:-PT5M"),
                ("r2", "TRIGGER:-PT5X"),
                ("r3", "TRIGGER:P1M"),
            ],
            &[("r1", "TRIGGER:-PT1H"), ("r2", "TRIGGER:-PT1H")],
        ];
        for list in lists {
            for all_day in [false, true] {
                // The plain form, and the same members in another order, which the general reading
                // takes.
                let [plain, reordered] = [false, true].map(|swap| {
                    let objects: Vec<String> = list
                        .iter()
                        .map(|(id, trigger)| {
                            if swap {
                                format!(r#"{{"trigger":"{trigger}","id":"{id}"}}"#)
                            } else {
                                format!(r#"{{"id":"{id}","trigger":"{trigger}"}}"#)
                            }
                        })
                        .collect();
                    let text = format!(
                        r#"{{"id": "t", "startDate": "2026-03-02T08:00:00Z", "isAllDay": {all_day},
                            "timeZone": "America/New_York", "repeatFlag": "RRULE:FREQ=WEEKLY",
                            "reminders": [{}]}}"#,
                        objects.join(",")
                    );
                    let task = Task::from_json(&text).unwrap();
                    reminders(std::slice::from_ref(&task), &window)
                });
                assert_eq!(plain, reordered, "{list:?} {all_day}");
            }
        }
        let task = Task::from_json(
            r#"{"id": "t", "startDate": "2026-03-02T08:00:00Z",
                "reminders": [{"id":"a","trigger":"TRIGGER:-PT5M"},{"id":"b","trigger":"TRIGGER:-PT5X"}]}"#,
        )
        .unwrap();
        let err = reminders(std::slice::from_ref(&task), &window).unwrap_err();
        assert!(
            matches!(err, AgendaError::Reminder { index: 1, ref id, .. } if id.as_deref() == Some("b")),
            "{err}"
        );
    }

    /// A checklist read in one pass gives each item's `status` and `startDate` as reading it member
    /// by member does, or leaves it to that reading.
    #[test]
    fn plain_checklists_read_as_member_by_member() {
        let lists = [
            r#"[{"id":"a","title":"x y","status":0,"startDate":"2026-03-05T09:00:00.000+0000"}]"#,
            r#"[{"status":1,"startDate":null},{"startDate":"","status":-0},{}]"#,
            r#"[{"id":"a","status":0,"isAllDay":false,"sortOrder":1099511627776,"startDate":"2026-03-05T09:00:00Z","timeZone":"UTC"},{"title":"b"}]"#,
            r#"[{"title":"\"startDate\":\"2026-03-05T09:00:00Z","status":0}]"#,
            r#"[{"start\u0044ate":"2026-03-05T09:00:00Z"}]"#,
            r#"[{"tags":["a"],"startDate":"2026-03-05T09:00:00Z"}]"#,
            r#"[{"x":{"startDate":"2026-03-06T09:00:00Z"},"startDate":"2026-03-05T09:00:00Z"}]"#,
            r#"[{"status":2.0e0,"startDate":"2026-03-05T09:00:00Z"},{"status":null}]"#,
            "[1]",
            "[]",
        ];
        let mut plain_ones = 0;
        for list in lists {
            let mut plain = Vec::new();
            let read = plain_items(list, |index, status, start| {
                plain.push((index, status, start));
            });
            if !read {
                continue;
            }
            plain_ones += 1;
            let general: Vec<_> = elements(list)
                .enumerate()
                .map(|(index, item)| {
                    let [status, start] = two_members(item, ["status", "startDate"]);
                    (index, status, start)
                })
                .collect();
            assert_eq!(plain, general, "{list}");
        }
        assert_eq!(plain_ones, 4);
    }

    /// Two trigger texts share a short key only when they are the same text, and the cache gives
    /// each text's own trigger whatever came before it.
    #[test]
    fn short_keys_tell_texts_apart() {
        let texts = [
            "TRIGGER:",
            "TRIGGER:P",
            "TRIGGER:PT0S",
            "TRIGGER:-PT0S",
            "TRIGGER:+PT0S",
            "TRIGGER:-PT5M",
            "TRIGGER:-PT30M",
            "TRIGGER:-PT60M",
            "TRIGGER:-PT1H",
            "TRIGGER:-P1D",
            "TRIGGER:-P1W",
            "TRIGGER:-PT1440M",
            "TRIGGER:-PT1441M",
            "TRIGGER:P0DT9H0M0S",
            "TRIGGER:-P0DT9H0M0S",
            "TRIGGER:-P0DT15H0M0S",
            "TRIGGER:-P1DT15H0M0S",
            "TRIGGER:-P2DT15H0M0S",
            "TRIGGER:-P1DT15H0M00S",
            "TRIGGER:P12DT15H0M0S",
            "TRIGGER:-P1DT15H30M0S",
            "TRIGGER:PT4294967295S",
            "TRIGGER:-P10DT10H10M10S",
            "TRIGGER;VALUE=DATE-TIME:20260101T090000Z",
            "trigger:-PT30M",
            "TRIGGER:-PT30M\u{e9}",
        ];
        for a in texts {
            for b in texts {
                let (ka, kb) = (ShortKey::of(a), ShortKey::of(b));
                if ka.is_some() && ka == kb {
                    assert_eq!(a, b);
                }
            }
        }
        let mut cache = TriggerCache::default();
        for _ in 0..2 {
            for text in texts {
                let cached = cache.read(text).map(|t| t.to_string());
                let read = text.parse::<Trigger>().map(|t| t.to_string());
                assert_eq!(cached, read, "{text}");
            }
        }
    }

    /// The exact reading agrees with the number's nearest double for every form the reader accepts
    /// as an integer.
    #[test]
    fn zero_agrees_with_the_nearest_double() {
        let forms = [
            "0",
            "-0",
            "0.0",
            "-0.0",
            "0e5",
            "0E-5",
            "0.000e+99",
            "1e-400",
            "-1e-400",
            "4e-324",
            "2e-324",
            "1e-99999999999999999999999",
            "00",
            "1",
            "-1",
            "2",
            "2.0",
            "10",
            "0.5e1",
            "5e-1",
            "0.99999999999999999999",
            "1e0",
            "100e-2",
            "12345678901234567890",
            "1e99999999999999999999999",
            "0.0000000000000000000000001e25",
            "4.9e-1",
        ];
        for form in forms {
            let Ok(x) = form.parse::<f64>() else { continue };
            if x.fract() != 0.0 {
                continue;
            }
            assert_eq!(is_zero(form), x == 0.0, "{form}");
        }
    }
}
