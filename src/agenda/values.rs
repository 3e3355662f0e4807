//! Task lists given as JSON values rather than text (the npm package's way in): the same three forms
//! and the same names for tasks in errors as [`TaskList`](super::TaskList).

use std::ops::Range;

use serde_json::Value;

use super::calendar::AgendaBuilder;
use super::error::{AgendaError, TaskRef};
use super::list::ListForm;
use super::reminders::RemindersBuilder;
use super::spread::{build, Tasks};
use super::{AgendaEntry, ReminderEntry, Window};
use crate::task::Task;
use crate::{HolidayCalendar, Zone};

/// A task list read from a JSON value: one task object, an array of task objects, or the body of
/// TickTick's sync answer, whose `syncTaskBean.update` is the array.
///
/// Every task is read up front; a task that cannot be read fails the list, named as
/// [`TaskList`](super::TaskList) names it: `task [12] (id "...")`, `task syncTaskBean.update[12]`,
/// or `task` for a single task object.
///
/// ```
/// use serde_json::json;
/// use ticktick_recur::agenda::{ListForm, TaskValues, Window};
/// use ticktick_recur::parse_instant;
///
/// let list = TaskValues::from_value(json!({"syncTaskBean": {"update": [
///     {"id": "a", "startDate": "2026-03-02T09:00:00Z", "repeatFlag": "RRULE:FREQ=DAILY"}]}}))?;
/// assert_eq!(list.form(), ListForm::SyncAnswer);
/// let window = Window::new(parse_instant("2026-03-02T00:00:00Z")?, parse_instant("2026-03-03T23:59:59Z")?);
/// assert_eq!(list.agenda(&window)?.len(), 2);
///
/// let err = TaskValues::from_value(json!([{"id": "a"}, {"id": "b", "startDate": 7}])).unwrap_err();
/// assert_eq!(err.to_string(), r#"task [1] (id "b"): task field "startDate": expected an instant string, got 7"#);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct TaskValues {
    form: ListForm,
    tasks: Vec<Task>,
}

impl TaskValues {
    /// Reads a task list from a JSON value.
    ///
    /// # Errors
    ///
    /// [`AgendaError::NotAList`] for a value of another kind (or a sync answer whose
    /// `syncTaskBean.update` is not an array), [`AgendaError::Task`] for the first task that cannot
    /// be read.
    pub fn from_value(value: Value) -> Result<TaskValues, AgendaError> {
        let (form, values) = match value {
            Value::Array(values) => (ListForm::Array, values),
            Value::Object(mut fields) => match fields.get_mut("syncTaskBean") {
                None | Some(Value::Null) => (ListForm::Task, vec![Value::Object(fields)]),
                Some(bean) => match bean.get_mut("update").map(Value::take) {
                    Some(Value::Array(values)) => (ListForm::SyncAnswer, values),
                    _ => {
                        return Err(AgendaError::NotAList {
                            got: "a sync answer without a syncTaskBean.update array",
                        })
                    }
                },
            },
            other => {
                return Err(AgendaError::NotAList {
                    got: match other {
                        Value::String(_) => "a string",
                        Value::Bool(_) => "a boolean",
                        Value::Null => "null",
                        _ => "a number",
                    },
                })
            }
        };
        let mut tasks = Vec::with_capacity(values.len());
        for (position, value) in values.into_iter().enumerate() {
            let id = value.get("id").and_then(Value::as_str).map(str::to_owned);
            let task = Task::from_value(value).map_err(|e| AgendaError::Task {
                task: TaskRef::new(form, position, id.as_deref()),
                error: Box::new(e.into()),
            })?;
            tasks.push(task);
        }
        Ok(TaskValues { form, tasks })
    }

    /// The zone for tasks without a `timeZone` (UTC unless set); see [`Task::with_default_zone`].
    #[must_use]
    pub fn with_default_zone(mut self, zone: Zone) -> TaskValues {
        self.tasks = self
            .tasks
            .into_iter()
            .map(|t| t.with_default_zone(zone))
            .collect();
        self
    }

    /// The holiday calendar each task consults for `TT_SKIP=HOLIDAY` and `TT_WORKDAY` (none unless
    /// set); see [`Task::with_holidays`].
    #[must_use]
    pub fn with_holidays(mut self, calendar: HolidayCalendar) -> TaskValues {
        self.tasks = self
            .tasks
            .into_iter()
            .map(|t| t.with_holidays(calendar.clone()))
            .collect();
        self
    }

    /// The form the list came in.
    #[must_use]
    pub fn form(&self) -> ListForm {
        self.form
    }

    /// The tasks, in order.
    #[must_use]
    pub fn tasks(&self) -> &[Task] {
        &self.tasks
    }

    /// The agenda of the list ([`agenda`](super::agenda)), its tasks named in the list's form.
    ///
    /// # Errors
    ///
    /// As [`agenda`](super::agenda).
    pub fn agenda(&self, window: &Window) -> Result<Vec<AgendaEntry>, AgendaError> {
        build::<AgendaBuilder, _>(self, window)
    }

    /// The reminders of the list ([`reminders`](super::reminders)), its tasks named in the list's
    /// form.
    ///
    /// # Errors
    ///
    /// As [`reminders`](super::reminders).
    pub fn reminders(&self, window: &Window) -> Result<Vec<ReminderEntry>, AgendaError> {
        build::<RemindersBuilder, _>(self, window)
    }
}

impl Tasks for TaskValues {
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
        // Without reading ahead, as the slice's walk does: its code costs the browsers' module more
        // than it saves a list given as values.
        for position in run {
            if let Some(task) = self.tasks.get(position) {
                each(task, position)?;
            }
        }
        Ok(())
    }
}
