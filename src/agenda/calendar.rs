//! The agenda: every occurrence of every task in a window, in order (BEHAVIOUR.md §8).

use std::fmt;
use std::ops::ControlFlow;

use chrono::{DateTime, Utc};
use serde::ser::{Serialize, SerializeMap, Serializer};

use super::error::{AgendaError, TaskRef};
use super::list::ListForm;
use super::names::{Shared, Span, Writer};
use super::select::{order_at, position_of, Key, Keyed, Select};
use super::spread::{build, Builder};
use super::Window;
use crate::format_instant;
use crate::task::{visit_occurrences, RuleCache, Task, TaskDates};

/// One occurrence of one task.
///
/// Serialises as `{"id", "startDate", "dueDate", "isAllDay"}`, instants in TickTick's wire form and
/// `null` for a date (or an id) the task does not have.
#[derive(Clone)]
pub struct AgendaEntry {
    /// The start and the position, for ordering ([`order`](super::select::order)).
    order: u128,
    /// Which of the task's occurrences, counting from 0.
    index: u32,
    all_day: bool,
    /// The answer's task ids, and the row of this entry's task there.
    names: Shared<Option<Span>>,
    row: usize,
    /// Its `startDate` and `dueDate`: the start is one of them.
    dates: TaskDates,
}

impl AgendaEntry {
    /// The task's position in the list, counting from 0.
    #[must_use]
    pub fn position(&self) -> usize {
        position_of(self.order)
    }

    /// The task's `id`.
    #[must_use]
    pub fn id(&self) -> Option<&str> {
        let names = self.names.get()?;
        names
            .row(self.row)
            .copied()
            .flatten()
            .map(|id| names.text(id))
    }

    /// When the occurrence starts: its `startDate`, or its `dueDate` for a task without a start.
    #[must_use]
    pub fn start(&self) -> DateTime<Utc> {
        // A task without a `startDate` starts at its `dueDate`.
        self.dates
            .start_date
            .or(self.dates.due_date)
            .unwrap_or_default()
    }

    /// The occurrence's `startDate` and `dueDate`.
    #[must_use]
    pub fn dates(&self) -> TaskDates {
        self.dates
    }

    /// Whether the task is all-day.
    #[must_use]
    pub fn is_all_day(&self) -> bool {
        self.all_day
    }
}

impl PartialEq for AgendaEntry {
    fn eq(&self, other: &AgendaEntry) -> bool {
        (self.order, self.index, self.all_day, self.dates)
            == (other.order, other.index, other.all_day, other.dates)
            && self.id() == other.id()
    }
}

impl Eq for AgendaEntry {}

impl fmt::Debug for AgendaEntry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AgendaEntry")
            .field("position", &self.position())
            .field("index", &self.index)
            .field("id", &self.id())
            .field("dates", &self.dates)
            .field("all_day", &self.all_day)
            .finish()
    }
}

impl Keyed for AgendaEntry {
    #[inline]
    fn key(&self) -> Key {
        (self.order, u64::from(self.index))
    }
}

impl Serialize for AgendaEntry {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(4))?;
        map.serialize_entry("id", &self.id())?;
        map.serialize_entry("startDate", &self.dates.start_date.map(format_instant))?;
        map.serialize_entry("dueDate", &self.dates.due_date.map(format_instant))?;
        map.serialize_entry("isAllDay", &self.all_day)?;
        map.end()
    }
}

/// The agenda of a list of tasks: every occurrence that starts in the window, ordered by start, then
/// by the task's position in `tasks`, then in the task's own order; the first `window.limit` of them.
///
/// Each task contributes exactly its [`occurrences`](crate::task::occurrences) in the window (its
/// current occurrence, then the later ones its series predicts; a task repeating from its
/// completion date only its current one), so the agenda is those lists merged. The limit keeps the
/// earliest entries of the whole list.
///
/// # Errors
///
/// [`AgendaError::Task`] naming the first task (position and id) whose occurrences cannot be
/// computed: a malformed `repeatFlag`, an unknown `timeZone`, a rule that never occurs.
///
/// ```
/// use ticktick_recur::agenda::{agenda, Window};
/// use ticktick_recur::{parse_instant, task::Task};
/// let tasks = [
///     Task::from_json(r#"{"id": "weekly", "startDate": "2026-03-02T09:00:00Z", "repeatFlag": "RRULE:FREQ=WEEKLY"}"#)?,
///     Task::from_json(r#"{"id": "once", "startDate": "2026-03-09T09:00:00Z"}"#)?,
/// ];
/// let window = Window::new(parse_instant("2026-03-05T00:00:00Z")?, parse_instant("2026-03-20T00:00:00Z")?);
/// let ids: Vec<_> = agenda(&tasks, &window)?.iter().map(|e| e.id().unwrap_or_default().to_owned()).collect();
/// assert_eq!(ids, ["weekly", "once", "weekly"]); // 9 March twice: the list's order breaks the tie
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn agenda(tasks: &[Task], window: &Window) -> Result<Vec<AgendaEntry>, AgendaError> {
    build::<AgendaBuilder, _>(tasks, window)
}

/// Builds an agenda task by task.
pub(crate) struct AgendaBuilder {
    window: Window,
    select: Select<AgendaEntry>,
    rules: RuleCache,
    names: Writer<Option<Span>>,
}

impl Builder for AgendaBuilder {
    type Entry = AgendaEntry;

    fn new(window: &Window) -> AgendaBuilder {
        AgendaBuilder {
            window: *window,
            select: Select::new(window.limit),
            rules: RuleCache::near(window.from),
            names: Writer::new(),
        }
    }

    /// Adds the occurrences of the task at `position`.
    fn add(&mut self, task: &Task, form: ListForm, position: usize) -> Result<(), AgendaError> {
        let Window {
            from, to, limit, ..
        } = self.window;
        let all_day = task.is_all_day();
        let (select, names) = (&mut self.select, &mut self.names);
        names.begin_task();
        // The task's row, once one of its entries is kept.
        let mut row: Option<usize> = None;
        let mut index: u32 = 0;
        // No task gives more than `limit` of the first `limit` entries.
        let walked = visit_occurrences(
            task,
            Some(&mut self.rules),
            None,
            from,
            to,
            limit,
            |mut seen| {
                let key = (
                    order_at(seen.seconds, seen.start, position),
                    u64::from(index),
                );
                if select.admits(key) {
                    let row = *row.get_or_insert_with(|| {
                        let id = task.id().map(|id| names.text(id));
                        names.row(id)
                    });
                    select.push(AgendaEntry {
                        order: key.0,
                        index,
                        all_day,
                        names: names.shared(),
                        row,
                        dates: seen.dates(),
                    });
                }
                index = index.saturating_add(1);
                ControlFlow::Continue(())
            },
        );
        walked.map_err(|error| AgendaError::Task {
            task: TaskRef::new(form, position, task.id()),
            error: Box::new(error),
        })
    }

    fn select(&mut self) -> &mut Select<Self::Entry> {
        &mut self.select
    }

    /// What it gathered, its names done.
    fn into_select(self) -> Select<AgendaEntry> {
        self.names.finish();
        self.select
    }
}
