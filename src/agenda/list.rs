//! Task lists as TickTick sends them: one task object, an array of task objects, or the body of its
//! sync answer, whose `syncTaskBean.update` is the array.

use std::borrow::Cow;
use std::ops::Range;

use serde::Deserialize;
use serde_json::value::RawValue;

use super::calendar::AgendaBuilder;
use super::error::{AgendaError, TaskRef};
use super::reminders::RemindersBuilder;
use super::spread::{build, Tasks};
use super::{AgendaEntry, ReminderEntry, Window};
use crate::task::{Task, TaskError};
use crate::{HolidayCalendar, Zone};

/// Which of the three forms a task list came in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ListForm {
    /// One task object: a list of one.
    Task,
    /// An array of task objects.
    Array,
    /// TickTick's sync answer: an object whose `syncTaskBean.update` is the array of tasks.
    SyncAnswer,
}

/// A list of tasks read from JSON text, each task read only when asked for.
///
/// Reading the list checks that the whole text is JSON of one of the three forms ([`ListForm`]) and
/// finds where each task is; [`TaskList::iter`] then reads the tasks one by one, so that
/// [`TaskList::agenda`] and [`TaskList::reminders`] hold one task at a time besides their answer.
/// Errors name the task by its place and id (`task syncTaskBean.update[12] (id "...")`), and a
/// task's JSON error by its line and column in the whole text.
///
/// ```
/// use ticktick_recur::agenda::{ListForm, TaskList};
/// let list = TaskList::from_json(r#"{"syncTaskBean": {"update": [{"id": "a"}, {"id": "b"}], "delete": []}}"#)?;
/// assert_eq!((list.form(), list.len()), (ListForm::SyncAnswer, 2));
/// let tasks = list.read_all()?;
/// assert_eq!(tasks[1].id(), Some("b"));
///
/// let err = TaskList::from_json(r#"[{"id": "a"}, {"id": "b", "startDate": 7}]"#)?.read_all().unwrap_err();
/// assert_eq!(err.to_string(), r#"task [1] (id "b"): task field "startDate": expected an instant string, got 7"#);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct TaskList<'a> {
    text: &'a str,
    form: ListForm,
    tasks: Vec<&'a str>,
    default_zone: Zone,
    holidays: Option<HolidayCalendar>,
}

/// The first object of a sync answer, or any other object (a task), whose fields are checked as
/// JSON and skipped.
#[derive(Deserialize)]
struct Probe<'a> {
    #[serde(borrow, rename = "syncTaskBean", default)]
    sync: Option<SyncTaskBean<'a>>,
}

#[derive(Deserialize)]
struct SyncTaskBean<'a> {
    #[serde(borrow)]
    update: Vec<&'a RawValue>,
}

/// A task's `id` alone, to name a task that could not be read.
#[derive(Deserialize)]
struct IdOnly<'a> {
    #[serde(borrow)]
    id: Option<Cow<'a, str>>,
}

impl<'a> TaskList<'a> {
    /// Reads a task list: one task object, an array of task objects, or TickTick's sync answer
    /// (`{"syncTaskBean": {"update": [...], ...}, ...}`).
    ///
    /// # Errors
    ///
    /// [`AgendaError::InvalidJson`] when the text is not JSON (or a sync answer has no
    /// `syncTaskBean.update` array), [`AgendaError::NotAList`] for JSON of another kind.
    pub fn from_json(text: &'a str) -> Result<TaskList<'a>, AgendaError> {
        let first = text.trim_start().bytes().next();
        let (form, tasks) = match first {
            Some(b'[') => {
                let raw: Vec<&RawValue> = serde_json::from_str(text).map_err(json_error)?;
                (
                    ListForm::Array,
                    raw.into_iter().map(RawValue::get).collect(),
                )
            }
            Some(b'{') => {
                let probe: Probe<'a> = serde_json::from_str(text).map_err(json_error)?;
                match probe.sync {
                    Some(bean) => (
                        ListForm::SyncAnswer,
                        bean.update.into_iter().map(RawValue::get).collect(),
                    ),
                    None => (ListForm::Task, vec![text]),
                }
            }
            _ => {
                let raw: &RawValue = serde_json::from_str(text).map_err(json_error)?;
                return Err(AgendaError::NotAList {
                    got: json_kind(raw.get()),
                });
            }
        };
        Ok(TaskList {
            text,
            form,
            tasks,
            default_zone: Zone::UTC,
            holidays: None,
        })
    }

    /// The zone for tasks without a `timeZone` (UTC unless set); see [`Task::with_default_zone`].
    #[must_use]
    pub fn with_default_zone(mut self, zone: Zone) -> TaskList<'a> {
        self.default_zone = zone;
        self
    }

    /// The holiday calendar each task consults for `TT_SKIP=HOLIDAY` and `TT_WORKDAY` (none unless
    /// set); see [`Task::with_holidays`].
    #[must_use]
    pub fn with_holidays(mut self, calendar: HolidayCalendar) -> TaskList<'a> {
        self.holidays = Some(calendar);
        self
    }

    /// The form the list came in.
    #[must_use]
    pub fn form(&self) -> ListForm {
        self.form
    }

    /// How many tasks the list holds.
    #[must_use]
    pub fn len(&self) -> usize {
        self.tasks.len()
    }

    /// Whether the list holds no task.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.tasks.is_empty()
    }

    /// Reads the tasks one by one, in order.
    ///
    /// # Errors
    ///
    /// Each item is [`AgendaError::Task`] when that task cannot be read.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = Result<Task, AgendaError>> + '_ {
        (0..self.tasks.len()).map(|position| self.read(position))
    }

    /// Reads every task.
    ///
    /// # Errors
    ///
    /// [`AgendaError::Task`] for the first task that cannot be read.
    pub fn read_all(&self) -> Result<Vec<Task>, AgendaError> {
        self.iter().collect()
    }

    /// The agenda of the list ([`agenda`](super::agenda)), each task read, added and dropped in turn
    /// (a long list on several threads, as the window allows).
    ///
    /// # Errors
    ///
    /// As [`agenda`](super::agenda), and [`AgendaError::Task`] for a task that cannot be read.
    pub fn agenda(&self, window: &Window) -> Result<Vec<AgendaEntry>, AgendaError> {
        build::<AgendaBuilder, _>(self, window)
    }

    /// The reminders of the list ([`reminders`](super::reminders)), each task read, added and dropped
    /// in turn (a long list on several threads, as the window allows).
    ///
    /// # Errors
    ///
    /// As [`reminders`](super::reminders), and [`AgendaError::Task`] for a task that cannot be read.
    pub fn reminders(&self, window: &Window) -> Result<Vec<ReminderEntry>, AgendaError> {
        build::<RemindersBuilder, _>(self, window)
    }

    /// Reads the task at `position` (which exists).
    fn read(&self, position: usize) -> Result<Task, AgendaError> {
        let raw = self.tasks.get(position).copied().unwrap_or_default();
        match Task::from_json(raw) {
            Ok(task) => {
                let task = task.with_default_zone(self.default_zone);
                Ok(match &self.holidays {
                    Some(calendar) => task.with_holidays(calendar.clone()),
                    None => task,
                })
            }
            Err(error) => {
                let id = serde_json::from_str::<IdOnly<'_>>(raw)
                    .ok()
                    .and_then(|t| t.id);
                Err(AgendaError::Task {
                    task: TaskRef::new(self.form, position, id.as_deref()),
                    error: Box::new(self.in_whole_text(raw, error).into()),
                })
            }
        }
    }

    /// A task's JSON error placed in the whole text rather than in the task's own.
    fn in_whole_text(&self, raw: &str, error: TaskError) -> TaskError {
        let TaskError::InvalidJson {
            line,
            column,
            message,
        } = error
        else {
            return error;
        };
        // `raw` is a part of `text`: where it begins there.
        let offset = (raw.as_ptr() as usize).wrapping_sub(self.text.as_ptr() as usize);
        let before = self.text.get(..offset).unwrap_or_default();
        let lines_before = before.matches('\n').count();
        let column = if line == 1 {
            let line_start = before.rfind('\n').map_or(0, |i| i + 1);
            column + before.len() - line_start
        } else {
            column
        };
        TaskError::InvalidJson {
            line: line + lines_before,
            column,
            message,
        }
    }
}

/// serde_json's error as the list's.
fn json_error(e: serde_json::Error) -> AgendaError {
    let text = e.to_string();
    // serde_json appends " at line L column C" to its message; the fields say it already.
    let message = match text.rfind(" at line ") {
        Some(at) => text.get(..at).unwrap_or(&text).to_owned(),
        None => text,
    };
    AgendaError::InvalidJson {
        line: e.line(),
        column: e.column(),
        message,
    }
}

/// The kind of a JSON value, from its first character.
fn json_kind(raw: &str) -> &'static str {
    match raw.bytes().next() {
        Some(b'"') => "a string",
        Some(b't' | b'f') => "a boolean",
        Some(b'n') => "null",
        _ => "a number",
    }
}

impl Tasks for TaskList<'_> {
    fn count(&self) -> usize {
        self.tasks.len()
    }

    fn form(&self) -> ListForm {
        self.form
    }

    fn each<F>(&self, run: Range<usize>, mut each: F) -> Result<(), AgendaError>
    where
        F: FnMut(&Task, usize) -> Result<(), AgendaError>,
    {
        for position in run {
            each(&self.read(position)?, position)?;
        }
        Ok(())
    }
}
