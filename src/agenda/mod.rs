//! The agenda and the reminders of a whole task list (BEHAVIOUR.md §8): every occurrence of every task
//! in a window, and every moment a reminder fires in it.
//!
//! - [`TaskList`] reads what TickTick sends: one task object, an array of them, or the body of its
//!   sync answer (`syncTaskBean.update`), keeping each task's position for ordering and messages;
//!   [`TaskValues`] the same forms given as a JSON value;
//! - [`agenda`] lists the occurrences of tasks in a [`Window`], ordered by start, then by the task's
//!   position: exactly each task's [`occurrences`](crate::task::occurrences), merged;
//! - [`reminders`] lists when each reminder fires: every [`Trigger`] of every occurrence of an open
//!   task, snoozed reminders (`remindTime`) and checklist items with their own `startDate`, ordered by
//!   fire time, then by the task's position.
//!
//! A window's limit keeps the first entries in that order, exactly: the earliest ones of the whole
//! list, not the first tasks' ones. One task that cannot be read or expanded fails the whole call,
//! with an error naming its position and id; nothing is returned in part.
//!
//! ```
//! use ticktick_recur::agenda::{agenda, reminders, TaskList, Window};
//! use ticktick_recur::{format_instant, parse_instant};
//!
//! let list = TaskList::from_json(r#"[
//!   {"id": "a", "startDate": "2026-03-01T08:00:00.000+0000", "timeZone": "Europe/Berlin",
//!    "repeatFlag": "RRULE:FREQ=DAILY;INTERVAL=1",
//!    "reminders": [{"id": "r1", "trigger": "TRIGGER:-PT30M"}]},
//!   {"id": "b", "startDate": "2026-03-02T23:00:00.000+0000", "timeZone": "Europe/Berlin",
//!    "isAllDay": true, "reminders": [{"id": "r2", "trigger": "TRIGGER:-P0DT15H0M0S"}]}
//! ]"#)?;
//! let tasks = list.read_all()?;
//! let window = Window::new(parse_instant("2026-03-02T00:00:00Z")?, parse_instant("2026-03-02T23:59:59Z")?);
//!
//! // Task a at 09:00 in Berlin on 2 March; task b, all day on 3 March, begins at midnight in Berlin.
//! let starts: Vec<String> = agenda(&tasks, &window)?.iter().map(|e| format_instant(e.start())).collect();
//! assert_eq!(starts, ["2026-03-02T08:00:00.000+0000", "2026-03-02T23:00:00.000+0000"]);
//!
//! let fires: Vec<String> = reminders(&tasks, &window)?.iter().map(|r| format_instant(r.fire_time())).collect();
//! // Task a's occurrence of 2 March, 30 minutes before; task b at 09:00 in Berlin the day before.
//! assert_eq!(fires, ["2026-03-02T07:30:00.000+0000", "2026-03-02T08:00:00.000+0000"]);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod calendar;
mod error;
mod list;
mod names;
mod reminders;
mod select;
mod spread;
mod trigger;
mod values;

use std::num::NonZeroUsize;

use chrono::{DateTime, Utc};

pub use calendar::{agenda, AgendaEntry};
pub use error::{AgendaError, ReminderProblem, TaskRef};
pub use list::{ListForm, TaskList};
pub use reminders::{reminders, ReminderEntry, ReminderSource};
pub use trigger::{Trigger, TriggerError, TriggerErrorKind};
pub use values::TaskValues;

/// How many entries an agenda or a list of reminders holds unless told otherwise, as on the command
/// line.
pub const DEFAULT_LIMIT: usize = 10_000;

/// The window an agenda or a list of reminders covers: instants from `from` to `to`, both included,
/// and at most `limit` entries (the earliest).
///
/// A long list (thousands of tasks) is spread over several threads, each taking a run of
/// consecutive tasks, at most `threads` of them: by default as many as the machine offers
/// ([`std::thread::available_parallelism`]). The answer, and the error, are exactly those one thread
/// gives. WebAssembly builds use one thread.
///
/// ```
/// use std::num::NonZeroUsize;
/// use ticktick_recur::{agenda::{Window, DEFAULT_LIMIT}, parse_instant};
/// let w = Window::new(parse_instant("2026-03-01T00:00:00Z")?, parse_instant("2026-03-31T23:59:59Z")?);
/// assert_eq!((w.limit, w.threads), (DEFAULT_LIMIT, None));
/// assert_eq!(w.with_limit(5).limit, 5);
/// assert_eq!(w.with_threads(NonZeroUsize::MIN).threads, Some(NonZeroUsize::MIN)); // this thread only
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    /// The first instant (included).
    pub from: DateTime<Utc>,
    /// The last instant (included).
    pub to: DateTime<Utc>,
    /// The most entries to give: the earliest ones, in order.
    pub limit: usize,
    /// The most threads a long list is spread over; `None`: the machine's available parallelism.
    pub threads: Option<NonZeroUsize>,
}

impl Window {
    /// The window `[from, to]`, holding at most [`DEFAULT_LIMIT`] entries, spread over the machine's
    /// threads.
    #[must_use]
    pub fn new(from: DateTime<Utc>, to: DateTime<Utc>) -> Window {
        Window {
            from,
            to,
            limit: DEFAULT_LIMIT,
            threads: None,
        }
    }

    /// The same window, holding at most `limit` entries.
    #[must_use]
    pub fn with_limit(self, limit: usize) -> Window {
        Window { limit, ..self }
    }

    /// The same window, spread over at most `threads` threads (one: this thread only).
    #[must_use]
    pub fn with_threads(self, threads: NonZeroUsize) -> Window {
        Window {
            threads: Some(threads),
            ..self
        }
    }
}
