//! The reminders of a task list: when each one fires in a window (BEHAVIOUR.md §8).

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::ControlFlow;
use std::sync::Arc;

use chrono::{DateTime, TimeDelta, Utc};
use serde::ser::{Serialize, SerializeMap, Serializer};

use super::error::{AgendaError, ReminderProblem, TaskRef};
use super::list::ListForm;
use super::select::{instant_of, order, order_at, position_of, Key, Keyed, Select};
use super::spread::{build, Builder};
use super::trigger::{Clock, Trigger, TriggerError};
use super::Window;
use crate::task::{
    elements, members, string_chars, unescape, visit_occurrences, FieldProblem, Fnv, Name,
    RuleCache, Task, TaskDates, TaskError,
};
use crate::{format_instant, parse_instant, Error, Zone};

/// How far, in seconds, the occurrences whose reminders may fire in a window reach beyond what the
/// triggers' durations alone need (days counted as 86,400 seconds), before and after it, for a task
/// in `zone`.
///
/// A fire time strays from the start moved by the duration by the change of the zone's UTC offset
/// between the two, and as much again where the day it lands on skips an hour (a gap): at most twice
/// the zone's `spread` of offsets. An all-day task's reminders count from its local midnight, up to
/// a day before its start (its current start may lie later in its day). And a margin of an hour.
fn slack(zone: Zone, all_day: bool) -> (i64, i64) {
    let before = 2 * zone.offset_spread() + 3600;
    (before, before + if all_day { 86_400 } else { 0 })
}

/// Where the numbers of a task's snoozed reminder and checklist items begin, after its triggers'.
const LATER: u64 = 1 << 62;

/// What a reminder comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ReminderSource {
    /// A trigger of the task's `reminders`, at this position in the list.
    Trigger {
        /// The reminder's position in `reminders`, counting from 0.
        index: usize,
    },
    /// The task's snoozed reminder, `remindTime`.
    Snooze,
    /// A checklist item with its own `startDate`.
    ChecklistItem {
        /// The item's position in `items`, counting from 0.
        index: usize,
    },
}

/// One reminder firing.
///
/// Serialises as `{"id", "reminderId", "trigger", "fireTime", "startDate", "dueDate"}`: the task's id,
/// the reminder's id and trigger text (`null` for a snoozed reminder and for a checklist item), when
/// it fires, and the dates of the occurrence it belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReminderEntry {
    /// The fire time and the position, for ordering ([`order`](super::select::order)).
    order: u128,
    /// Which of the task's candidate reminders, in the order they were found.
    index: u64,
    /// Where it comes from: one for all the entries of one reminder of one task, so that an entry
    /// is 64 bytes and copies one reference.
    origin: Arc<Origin>,
    dates: TaskDates,
}

/// What the entries of one reminder of one task share.
#[derive(Debug, PartialEq, Eq)]
struct Origin {
    id: Option<Arc<str>>,
    reminder_id: Option<Arc<str>>,
    trigger: Option<Arc<str>>,
    source: ReminderSource,
}

impl ReminderEntry {
    /// The task's position in the list, counting from 0.
    #[must_use]
    pub fn position(&self) -> usize {
        position_of(self.order)
    }

    /// The task's `id`.
    #[must_use]
    pub fn id(&self) -> Option<&str> {
        self.origin.id.as_deref()
    }

    /// The reminder's `id` (`None` for a snoozed reminder, a checklist item, or a reminder without
    /// one).
    #[must_use]
    pub fn reminder_id(&self) -> Option<&str> {
        self.origin.reminder_id.as_deref()
    }

    /// The trigger, as the task gives it (`None` for a snoozed reminder and a checklist item).
    #[must_use]
    pub fn trigger(&self) -> Option<&str> {
        self.origin.trigger.as_deref()
    }

    /// When the reminder fires.
    #[must_use]
    pub fn fire_time(&self) -> DateTime<Utc> {
        instant_of(self.order)
    }

    /// The `startDate` and `dueDate` of the occurrence the reminder belongs to: for a snoozed
    /// reminder or a checklist item, the task's own.
    #[must_use]
    pub fn dates(&self) -> TaskDates {
        self.dates
    }

    /// What the reminder comes from.
    #[must_use]
    pub fn source(&self) -> ReminderSource {
        self.origin.source
    }
}

impl Keyed for ReminderEntry {
    #[inline]
    fn key(&self) -> Key {
        (self.order, self.index)
    }
}

impl Serialize for ReminderEntry {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(6))?;
        map.serialize_entry("id", &self.id())?;
        map.serialize_entry("reminderId", &self.reminder_id())?;
        map.serialize_entry("trigger", &self.trigger())?;
        map.serialize_entry("fireTime", &format_instant(self.fire_time()))?;
        map.serialize_entry("startDate", &self.dates.start_date.map(format_instant))?;
        map.serialize_entry("dueDate", &self.dates.due_date.map(format_instant))?;
        map.end()
    }
}

/// The reminders of a list of tasks that fire in the window, ordered by fire time, then by the task's
/// position in `tasks`, then in the task's own order (its occurrences in order, each with its
/// triggers in list order; then its snoozed reminder; then its checklist items); the first
/// `window.limit` of them.
///
/// - Each trigger of `reminders` fires once for every occurrence of the task, the same occurrences
///   its calendar shows ([`occurrences`](crate::task::occurrences): exDates and skipped days have
///   none, a task repeating from its completion date only its current one), at the instant
///   [`Trigger::fire_time`] gives, counted from the occurrence's start (its `startDate`, or its
///   `dueDate` when it has no start).
/// - `remindTime`, when set, is a snoozed reminder that fires once at that instant.
/// - A checklist item with its own `startDate` reminds at that instant, unless it is checked off.
/// - Closed tasks (`status` other than 0) do not remind.
///
/// # Errors
///
/// [`AgendaError::Reminder`] naming the task, the reminder's position and id, and the trigger text,
/// for a trigger that is not an RFC 5545 duration (checked on every task, closed ones included);
/// [`AgendaError::Task`] for a task whose occurrences cannot be computed or whose `remindTime` is not
/// an instant.
///
/// ```
/// use ticktick_recur::agenda::{reminders, Window};
/// use ticktick_recur::{format_instant, parse_instant, task::Task};
/// // Daily at 09:00 in New York, reminded 30 minutes before; New York moves its clocks on 8 March.
/// let tasks = [Task::from_json(r#"{"id": "t", "startDate": "2026-03-07T14:00:00Z",
///     "timeZone": "America/New_York", "repeatFlag": "RRULE:FREQ=DAILY",
///     "reminders": [{"id": "r", "trigger": "TRIGGER:-PT30M"}]}"#)?];
/// let window = Window::new(parse_instant("2026-03-07T00:00:00Z")?, parse_instant("2026-03-08T23:59:59Z")?);
/// let fires: Vec<String> = reminders(&tasks, &window)?.iter().map(|r| format_instant(r.fire_time())).collect();
/// assert_eq!(fires, ["2026-03-07T13:30:00.000+0000", "2026-03-08T12:30:00.000+0000"]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn reminders(tasks: &[Task], window: &Window) -> Result<Vec<ReminderEntry>, AgendaError> {
    build::<RemindersBuilder, _>(tasks, window)
}

/// One trigger of a task, read.
struct TaskTrigger {
    index: usize,
    id: Option<Arc<str>>,
    text: Arc<str>,
    trigger: Trigger,
    /// What its entries share, once one is kept.
    origin: Option<Arc<Origin>>,
}

/// Builds a list of reminders task by task.
pub(crate) struct RemindersBuilder {
    window: Window,
    select: Select<ReminderEntry>,
    rules: RuleCache,
    triggers: TriggerCache,
}

/// Trigger texts already read for other tasks of a list, with the text shared by their entries: a
/// list holds thousands of reminders and a dozen forms of trigger. At most [`TriggerCache::MOST`]
/// texts are kept, so that its memory does not grow with the list.
#[derive(Default)]
struct TriggerCache(HashMap<Box<str>, (Trigger, Arc<str>), Fnv>);

impl TriggerCache {
    const MOST: usize = 256;

    /// The trigger of `text` and the text to share, read once per text.
    fn read(&mut self, text: &str) -> Result<(Trigger, Arc<str>), TriggerError> {
        if let Some((trigger, shared)) = self.0.get(text) {
            return Ok((*trigger, shared.clone()));
        }
        let trigger = text.parse::<Trigger>()?;
        let shared: Arc<str> = Arc::from(text);
        if self.0.len() < TriggerCache::MOST {
            self.0.insert(text.into(), (trigger, shared.clone()));
        }
        Ok((trigger, shared))
    }
}

/// The task being added, and what its entries share.
struct Adding<'t> {
    task: &'t Task,
    position: usize,
    /// The task's id, shared by its entries, once one is kept.
    id: Option<Option<Arc<str>>>,
    /// The next entry's index.
    next: u64,
}

impl Adding<'_> {
    /// The key of the next entry from `source`, whose fire time and task give `order` ([`order`]).
    /// Triggers are numbered in the order found, then the snooze, then the items in list order, each
    /// apart from the others, so that an entry's number does not depend on how many triggers fired.
    fn key(&mut self, order: u128, source: ReminderSource) -> Key {
        let index = match source {
            ReminderSource::Snooze => LATER,
            ReminderSource::ChecklistItem { index } => LATER + 1 + index as u64,
            _ => {
                self.next += 1;
                self.next - 1
            }
        };
        (order, index)
    }

    /// What the entries from `source` share: the task's id, and the trigger's id and text.
    fn origin(&mut self, source: ReminderSource, trigger: Option<&TaskTrigger>) -> Arc<Origin> {
        let task = self.task;
        Arc::new(Origin {
            id: self
                .id
                .get_or_insert_with(|| task.id().map(Arc::from))
                .clone(),
            reminder_id: trigger.and_then(|t| t.id.clone()),
            trigger: trigger.map(|t| t.text.clone()),
            source,
        })
    }
}

impl Builder for RemindersBuilder {
    type Entry = ReminderEntry;

    fn new(window: &Window) -> RemindersBuilder {
        RemindersBuilder {
            window: *window,
            select: Select::new(window.limit),
            rules: RuleCache::near(window.from),
            triggers: TriggerCache::default(),
        }
    }

    /// What it gathered.
    fn into_select(self) -> Select<ReminderEntry> {
        self.select
    }

    /// Adds the reminders of the task at `position`.
    fn add(&mut self, task: &Task, form: ListForm, position: usize) -> Result<(), AgendaError> {
        let at = || TaskRef::new(form, position, task.id());
        let mut triggers =
            read_triggers(task, &mut self.triggers).map_err(|(index, id, problem)| {
                AgendaError::Reminder {
                    task: at(),
                    index,
                    id,
                    problem,
                }
            })?;
        let snooze = remind_time(task).map_err(|error| AgendaError::Task {
            task: at(),
            error: Box::new(error),
        })?;
        if task.status() != 0 {
            return Ok(());
        }
        let mut adding = Adding {
            task,
            position,
            id: None,
            next: 0,
        };
        if !triggers.is_empty() {
            self.add_triggers(&mut adding, &mut triggers)
                .map_err(|error| AgendaError::Task {
                    task: at(),
                    error: Box::new(error),
                })?;
        }
        let current = TaskDates {
            start_date: task.start_date(),
            due_date: task.due_date(),
        };
        let items = item_reminders(task)
            .into_iter()
            .map(|(index, t)| (t, ReminderSource::ChecklistItem { index }));
        for (t, source) in snooze
            .map(|t| (t, ReminderSource::Snooze))
            .into_iter()
            .chain(items)
        {
            if self.in_window(t) {
                let key = adding.key(order(t, adding.position), source);
                if self.select.admits(key) {
                    let origin = adding.origin(source, None);
                    self.select.push(ReminderEntry {
                        order: key.0,
                        index: key.1,
                        origin,
                        dates: current,
                    });
                }
            }
        }
        Ok(())
    }
}

impl RemindersBuilder {
    fn in_window(&self, t: DateTime<Utc>) -> bool {
        (self.window.from..=self.window.to).contains(&t)
    }

    /// Every trigger of every occurrence whose fire time may lie in the window.
    fn add_triggers(
        &mut self,
        adding: &mut Adding<'_>,
        triggers: &mut [TaskTrigger],
    ) -> Result<(), Error> {
        let task = adding.task;
        let all_day = task.is_all_day();
        let zone: Zone = self.rules.zone(task)?;
        // Occurrences whose fire times may fall in the window: a fire time is the start moved by the
        // trigger's offset, of nominal days (give or take a change of offset) and exact seconds.
        let offsets = triggers.iter().map(|t| {
            let (days, seconds) = t.trigger.offset(all_day);
            days.saturating_mul(86_400).saturating_add(seconds)
        });
        let (earliest, latest) =
            offsets.fold((i64::MAX, i64::MIN), |(lo, hi), o| (lo.min(o), hi.max(o)));
        let (before, after) = slack(zone, all_day);
        let from = shift(self.window.from, -latest.saturating_add(before));
        let to = shift(self.window.to, after.saturating_sub(earliest));
        let window = self.window;
        let select = &mut self.select;
        let mut clock = Clock::new(zone);
        visit_occurrences(
            task,
            Some(&mut self.rules),
            from,
            to,
            usize::MAX,
            |mut seen| {
                // Whether every fire time of this occurrence comes after the last entry a full answer
                // holds: later occurrences fire later still, and add nothing either.
                let bound = select.bound();
                let mut all_later = bound.is_some();
                let mut dates: Option<TaskDates> = None;
                for trigger in triggers.iter_mut() {
                    let fire = trigger.trigger.fire_time_with(
                        seen.start,
                        seen.seconds,
                        zone,
                        all_day,
                        &mut clock,
                    );
                    let Some((fire, seconds)) = fire else {
                        continue;
                    };
                    // Any entry of a later task at this fire time orders after it.
                    all_later &= bound.is_some_and(|(b, _)| order_at(seconds, fire, 0) > b);
                    if (window.from..=window.to).contains(&fire) {
                        let source = ReminderSource::Trigger {
                            index: trigger.index,
                        };
                        let at = order_at(seconds, fire, adding.position);
                        let key = adding.key(at, source);
                        if select.admits(key) {
                            let dates = *dates.get_or_insert_with(|| seen.dates());
                            let origin = match &trigger.origin {
                                Some(origin) => Arc::clone(origin),
                                None => {
                                    let origin = adding.origin(source, Some(trigger));
                                    Arc::clone(trigger.origin.insert(origin))
                                }
                            };
                            select.push(ReminderEntry {
                                order: key.0,
                                index: key.1,
                                origin,
                                dates,
                            });
                        }
                    }
                }
                if all_later {
                    ControlFlow::Break(())
                } else {
                    ControlFlow::Continue(())
                }
            },
        )
    }
}

/// `t` moved by `seconds`, kept within chrono's range.
fn shift(t: DateTime<Utc>, seconds: i64) -> DateTime<Utc> {
    TimeDelta::try_seconds(seconds)
        .and_then(|d| t.checked_add_signed(d))
        .unwrap_or(if seconds < 0 {
            DateTime::<Utc>::MIN_UTC
        } else {
            DateTime::<Utc>::MAX_UTC
        })
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

/// The task's triggers, read: each object's `id` and `trigger`, or a trigger string as TickTick's
/// Open API gives one; the first bad one as its position, id and problem.
fn read_triggers(
    task: &Task,
    cache: &mut TriggerCache,
) -> Result<Vec<TaskTrigger>, (usize, Option<String>, ReminderProblem)> {
    let Some(text) = task.json_of(Name::Reminders) else {
        return Ok(Vec::new());
    };
    let mut triggers = Vec::new();
    if read_plain_triggers(&text, cache, &mut triggers)? {
        return Ok(triggers);
    }
    triggers.clear();
    // The task reader has checked the list: compact JSON, objects (without repeated keys) and strings.
    for (index, element) in elements(&text).enumerate() {
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
        let (trigger, text) = cache
            .read(&text)
            .map_err(|e| fail(ReminderProblem::InvalidTrigger(Box::new(e))))?;
        triggers.push(TaskTrigger {
            index,
            id: id.as_deref().map(Arc::from),
            text,
            trigger,
            origin: None,
        });
    }
    Ok(triggers)
}

/// The triggers of a list in the form TickTick writes, `[{"id":"...","trigger":"..."},...]` with no
/// escapes, read in one pass: `false` (and some triggers pushed) for any other form, which
/// [`read_triggers`] then reads member by member. Each trigger read is the one that reading gives,
/// and so is the first bad one.
fn read_plain_triggers(
    text: &str,
    cache: &mut TriggerCache,
    triggers: &mut Vec<TaskTrigger>,
) -> Result<bool, (usize, Option<String>, ReminderProblem)> {
    /// A validated JSON string's characters up to its closing quote, when it has no escape, and
    /// the text from that quote on.
    fn plain(rest: &str) -> Option<(&str, &str)> {
        // Byte by byte: both are ASCII, never part of another character.
        let end = rest.bytes().position(|b| b == b'"' || b == b'\\')?;
        match rest.as_bytes().get(end) {
            Some(b'"') => Some((rest.get(..end)?, rest.get(end..)?)),
            _ => None,
        }
    }
    let Some(mut rest) = text.strip_prefix('[') else {
        return Ok(false);
    };
    if rest == "]" {
        return Ok(true);
    }
    for index in 0.. {
        let Some((id, after)) = rest.strip_prefix(r#"{"id":""#).and_then(plain) else {
            return Ok(false);
        };
        let Some((trigger, after)) = after.strip_prefix(r#"","trigger":""#).and_then(plain) else {
            return Ok(false);
        };
        let Some(after) = after.strip_prefix("\"}") else {
            return Ok(false);
        };
        let (trigger, shared) = cache.read(trigger).map_err(|e| {
            (
                index,
                Some(id.to_owned()),
                ReminderProblem::InvalidTrigger(Box::new(e)),
            )
        })?;
        triggers.push(TaskTrigger {
            index,
            id: Some(Arc::from(id)),
            text: shared,
            trigger,
            origin: None,
        });
        match after.as_bytes().first() {
            Some(b',') => rest = after.get(1..).unwrap_or_default(),
            Some(b']') if after.len() == 1 => return Ok(true),
            _ => return Ok(false),
        }
    }
    Ok(false)
}

/// The task's snoozed reminder, `remindTime` (`null` and `""` mean none).
fn remind_time(task: &Task) -> Result<Option<DateTime<Utc>>, Error> {
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
fn item_reminders(task: &Task) -> Vec<(usize, DateTime<Utc>)> {
    let Some(text) = task.json_of(Name::Items) else {
        return Vec::new();
    };
    let mut reminders = Vec::new();
    // The task reader has checked each item's `status` (an integer) and `startDate` (an instant).
    for (index, item) in elements(&text).enumerate() {
        let [status, start] = two_members(item, ["status", "startDate"]);
        let open = status.is_none_or(|s| s == "null" || is_zero(s));
        let start = start.and_then(string);
        let start = start
            .filter(|s| !s.is_empty())
            .and_then(|s| parse_instant(&s).ok());
        if let (true, Some(t)) = (open, start) {
            reminders.push((index, t));
        }
    }
    reminders
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A checklist item's `status` is 0 when its number's nearest double is 0, whatever form it is
    /// written in, as the reader reads it; `1e-400` rounds to 0, so the item is open.
    #[test]
    fn checklist_status_zero_is_read_exactly() {
        let window = Window::new(
            parse_instant("2026-03-01T00:00:00Z").unwrap(),
            parse_instant("2026-03-31T23:59:59Z").unwrap(),
        );
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
        let window = Window::new(
            parse_instant("2026-03-01T00:00:00Z").unwrap(),
            parse_instant("2026-03-31T23:59:59Z").unwrap(),
        );
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
        let window = Window::new(
            parse_instant("2026-03-01T00:00:00Z").unwrap(),
            parse_instant("2026-03-31T23:59:59Z").unwrap(),
        );
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
