//! The reminders of a task list: when each one fires in a window (BEHAVIOUR.md §8).

use std::fmt;
use std::ops::ControlFlow;

use chrono::{DateTime, TimeDelta, Utc};
use serde::ser::{Serialize, SerializeMap, Serializer};

use super::error::{AgendaError, TaskRef};
use super::list::ListForm;
use super::names::{Shared, Span, Writer};
use super::select::{instant_of, order, order_of, position_of, with_position, Key, Keyed, Select};
use super::spread::{build, Builder};
use super::trigger::Clock;
use super::Window;
use crate::task::{visit_occurrences, RuleCache, Task, TaskDates};
use crate::{format_instant, Error, Zone};

mod read;

use read::{item_reminders, remind_time, Triggers};

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
#[derive(Clone)]
pub struct ReminderEntry {
    /// The fire time and the position, for ordering ([`order`](super::select::order)).
    order: u128,
    /// Which of the task's candidate reminders, in the order they were found.
    index: u64,
    /// The answer's names, and the row of what this entry comes from there: one for all the
    /// entries of one reminder of one task.
    names: Shared<Origin>,
    row: usize,
    dates: TaskDates,
}

/// What the entries of one reminder of one task share.
#[derive(Debug)]
struct Origin {
    id: Option<Span>,
    reminder_id: Option<Span>,
    trigger: Option<Span>,
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
        self.texts()[0]
    }

    /// The reminder's `id` (`None` for a snoozed reminder, a checklist item, or a reminder without
    /// one).
    #[must_use]
    pub fn reminder_id(&self) -> Option<&str> {
        self.texts()[1]
    }

    /// The trigger, as the task gives it (`None` for a snoozed reminder and a checklist item).
    #[must_use]
    pub fn trigger(&self) -> Option<&str> {
        self.texts()[2]
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
        self.origin()
            .map_or(ReminderSource::Snooze, |origin| origin.source)
    }

    /// What the entry comes from (always there once the answer is given).
    fn origin(&self) -> Option<&Origin> {
        self.names.get()?.row(self.row)
    }

    /// The task's id, the reminder's id and its trigger text.
    fn texts(&self) -> [Option<&str>; 3] {
        let Some(names) = self.names.get() else {
            return [None; 3];
        };
        let origin = names.row(self.row);
        let text = |span: Option<Span>| span.map(|span| names.text(span));
        origin.map_or([None; 3], |o| {
            [text(o.id), text(o.reminder_id), text(o.trigger)]
        })
    }
}

impl PartialEq for ReminderEntry {
    fn eq(&self, other: &ReminderEntry) -> bool {
        (self.order, self.index, self.dates, self.source())
            == (other.order, other.index, other.dates, other.source())
            && self.texts() == other.texts()
    }
}

impl Eq for ReminderEntry {}

impl fmt::Debug for ReminderEntry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ReminderEntry")
            .field("position", &self.position())
            .field("index", &self.index)
            .field("id", &self.id())
            .field("reminder_id", &self.reminder_id())
            .field("trigger", &self.trigger())
            .field("fire_time", &self.fire_time())
            .field("dates", &self.dates)
            .field("source", &self.source())
            .finish()
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
        let [id, reminder_id, trigger] = self.texts();
        map.serialize_entry("id", &id)?;
        map.serialize_entry("reminderId", &reminder_id)?;
        map.serialize_entry("trigger", &trigger)?;
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
///   [`Trigger::fire_time`](super::Trigger::fire_time) gives, counted from the occurrence's start
///   (its `startDate`, or its `dueDate` when it has no start).
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

/// Builds a list of reminders task by task.
pub(crate) struct RemindersBuilder {
    window: Window,
    select: Select<ReminderEntry>,
    rules: RuleCache,
    triggers: Triggers,
    /// The window's start and end moved back and on by the tasks' reaches.
    before: Box<Reaches>,
    after: Box<Reaches>,
    names: Writer<Origin>,
}

/// The task being added, and what its entries share.
struct Adding<'t> {
    task: &'t Task,
    position: usize,
    /// The task's id in the answer's names, once one of its entries is kept.
    id: Option<Option<Span>>,
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

    /// The row of what the entries from `source` share: the task's id, and the trigger's id and
    /// text (`trigger`).
    fn origin(
        &mut self,
        names: &mut Writer<Origin>,
        source: ReminderSource,
        trigger: Option<(Option<&str>, &str)>,
    ) -> usize {
        let task = self.task;
        let id = *self
            .id
            .get_or_insert_with(|| task.id().map(|id| names.text(id)));
        let (reminder_id, trigger) = match trigger {
            Some((id, text)) => (id.map(|id| names.text(id)), Some(names.text(text))),
            None => (None, None),
        };
        names.row(Origin {
            id,
            reminder_id,
            trigger,
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
            triggers: Triggers::default(),
            before: Box::new(Reaches::new()),
            after: Box::new(Reaches::new()),
            names: Writer::new(),
        }
    }

    fn select(&mut self) -> &mut Select<Self::Entry> {
        &mut self.select
    }

    /// What it gathered, its names done.
    fn into_select(self) -> Select<ReminderEntry> {
        self.names.finish();
        self.select
    }

    /// Adds the reminders of the task at `position`.
    fn add(&mut self, task: &Task, form: ListForm, position: usize) -> Result<(), AgendaError> {
        let at = || TaskRef::new(form, position, task.id());
        self.triggers
            .read(task)
            .map_err(|(index, id, problem)| AgendaError::Reminder {
                task: at(),
                index,
                id,
                problem,
            })?;
        let snooze = remind_time(task).map_err(|error| AgendaError::Task {
            task: at(),
            error: Box::new(error),
        })?;
        if task.status() != 0 {
            return Ok(());
        }
        self.names.begin_task();
        let mut adding = Adding {
            task,
            position,
            id: None,
            next: 0,
        };
        if !self.triggers.list.is_empty() {
            self.add_triggers(&mut adding)
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
                    let row = adding.origin(&mut self.names, source, None);
                    self.select.push(ReminderEntry {
                        order: key.0,
                        index: key.1,
                        names: self.names.shared(),
                        row,
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
    fn add_triggers(&mut self, adding: &mut Adding<'_>) -> Result<(), Error> {
        let task = adding.task;
        let all_day = task.is_all_day();
        let (zone, resolver) = self.rules.zone_and_resolver(task)?;
        let (triggers, texts) = self.triggers.split();
        // Occurrences whose fire times may fall in the window: a fire time is the start moved by the
        // trigger's offset, of nominal days (give or take a change of offset) and exact seconds.
        let (earliest, latest) = triggers.iter().fold((i64::MAX, i64::MIN), |(lo, hi), t| {
            (lo.min(t.trigger.reach()), hi.max(t.trigger.reach()))
        });
        let (before, after) = slack(zone, all_day);
        let from = self
            .before
            .shift(self.window.from, -latest.saturating_add(before));
        let to = self
            .after
            .shift(self.window.to, after.saturating_sub(earliest));
        // The window's ends as orders of the first position: a fire time's order at that position
        // lies between them exactly when the fire time lies in the window.
        let window = order(self.window.from, 0)..=order(self.window.to, 0);
        let (select, names) = (&mut self.select, &mut self.names);
        let mut clock = Clock::with(resolver.clone());
        visit_occurrences(
            task,
            Some(&mut self.rules),
            Some((zone, resolver)),
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
                    let Some(fire) =
                        trigger
                            .trigger
                            .fire(seen.start, seen.seconds, zone, &mut clock)
                    else {
                        continue;
                    };
                    let first = order_of(fire.0, fire.1, 0);
                    // Any entry of a later task at this fire time orders after it.
                    all_later &= bound.is_some_and(|(b, _)| first > b);
                    if window.contains(&first) {
                        let source = ReminderSource::Trigger {
                            index: trigger.index,
                        };
                        let at = with_position(first, adding.position);
                        let key = adding.key(at, source);
                        if select.admits(key) {
                            let dates = *dates.get_or_insert_with(|| seen.dates());
                            let row = match trigger.row {
                                Some(row) => row,
                                None => {
                                    let text = Some((texts.id(trigger), texts.text(trigger)));
                                    let row = adding.origin(names, source, text);
                                    *trigger.row.insert(row)
                                }
                            };
                            select.push(ReminderEntry {
                                order: key.0,
                                index: key.1,
                                names: names.shared(),
                                row,
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

/// The window's ends moved by so many seconds, kept from task to task: the tasks of a list reach
/// a few dozen distances before and after the window (by their zones and their triggers), and
/// moving an instant costs chrono a calendar computation.
struct Reaches {
    /// By the distance's hash: the distance, and the end moved by it.
    slots: [Option<(i64, DateTime<Utc>)>; Reaches::SLOTS],
}

impl Reaches {
    const SLOTS: usize = 64;

    fn new() -> Reaches {
        Reaches {
            slots: [None; Reaches::SLOTS],
        }
    }

    /// `t` moved by `seconds` ([`shift`]), for `t` always the same end of the window.
    fn shift(&mut self, t: DateTime<Utc>, seconds: i64) -> DateTime<Utc> {
        // Fibonacci hashing: the top bits of the product pick the slot.
        let slot = (seconds as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 58;
        match self.slots.get_mut(slot as usize) {
            Some(Some((known, moved))) if *known == seconds => *moved,
            Some(entry) => entry.insert((seconds, shift(t, seconds))).1,
            None => shift(t, seconds),
        }
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
