//! `agenda` and `reminders` (SURFACES.md §3): the command line's `agenda` and `reminders` over a task
//! list given as Python values (BEHAVIOUR.md §8).
//!
//! The list crosses as one JSON text, read by the core's [`TaskList`] exactly as the command line
//! reads its `TASKS` file, so the three forms, the order, the limit and the error messages (naming
//! the task's place and id) are the command line's. The GIL is released while the core works.

use pyo3::prelude::*;
use serde::Serialize;
use ticktick_recur::agenda::{AgendaError, TaskList, Window, DEFAULT_LIMIT};
use ticktick_recur::{HolidayCalendar, Zone};

use crate::convert::{self, from_json};
use crate::{json_text, limit, run_any, DETACH_ABOVE};

/// The arguments both functions take, read in the command line's order: the options, then the list.
struct ListArgs {
    text: String,
    window: Window,
    zone: Zone,
    holidays: Option<HolidayCalendar>,
}

impl ListArgs {
    fn new(
        tasks: &Bound<'_, PyAny>,
        from_: &Bound<'_, PyAny>,
        to: &Bound<'_, PyAny>,
        limit: Option<&Bound<'_, PyAny>>,
        holidays: Option<&Bound<'_, PyAny>>,
        default_time_zone: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<ListArgs> {
        let from = convert::instant(from_, "from_")?;
        let to = convert::instant(to, "to")?;
        let limit = self::limit(limit, DEFAULT_LIMIT)?;
        let zone = default_time_zone
            .filter(|z| !z.is_none())
            .map(|z| convert::zone(z, "default_time_zone"))
            .transpose()?
            .unwrap_or(Zone::UTC);
        let holidays = convert::holidays(holidays, "holidays")?;
        Ok(ListArgs {
            text: convert::task_list_text(tasks, "tasks")?,
            window: Window::new(from, to).with_limit(limit),
            zone,
            holidays,
        })
    }

    /// Reads the list and runs `work` on it, the GIL released unless the answer is small; the
    /// answer as the JSON text the command line prints, read back by `json`.
    fn run<'py, T: Serialize>(
        self,
        py: Python<'py>,
        work: impl FnOnce(&TaskList<'_>, &Window) -> Result<T, AgendaError> + Send,
    ) -> PyResult<Bound<'py, PyAny>> {
        let ListArgs {
            text,
            window,
            zone,
            holidays,
        } = self;
        let text = run_any(py, window.limit > DETACH_ABOVE, || {
            let list = TaskList::from_json(&text)?.with_default_zone(zone);
            let list = match holidays {
                Some(calendar) => list.with_holidays(calendar),
                None => list,
            };
            Ok::<_, AgendaError>(json_text(&work(&list, &window)?))
        })?;
        from_json(py, &text)
    }
}

/// Every occurrence of every task that starts in `[from_, to]`, ordered by start, then by the task's
/// position in the list; the first `limit` (`ticktick-recur agenda`).
#[pyfunction]
#[pyo3(
    signature = (tasks, *, from_, to, limit = None, holidays = None, default_time_zone = None),
    text_signature = "(tasks, *, from_, to, limit=10000, holidays=None, default_time_zone='UTC')"
)]
pub(crate) fn agenda<'py>(
    py: Python<'py>,
    tasks: &Bound<'py, PyAny>,
    from_: &Bound<'py, PyAny>,
    to: &Bound<'py, PyAny>,
    limit: Option<&Bound<'py, PyAny>>,
    holidays: Option<&Bound<'py, PyAny>>,
    default_time_zone: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    ListArgs::new(tasks, from_, to, limit, holidays, default_time_zone)?
        .run(py, |list, window| list.agenda(window))
}

/// Every reminder that fires in `[from_, to]`, ordered by fire time, then by the task's position in
/// the list; the first `limit` (`ticktick-recur reminders`).
#[pyfunction]
#[pyo3(
    signature = (tasks, *, from_, to, limit = None, holidays = None, default_time_zone = None),
    text_signature = "(tasks, *, from_, to, limit=10000, holidays=None, default_time_zone='UTC')"
)]
pub(crate) fn reminders<'py>(
    py: Python<'py>,
    tasks: &Bound<'py, PyAny>,
    from_: &Bound<'py, PyAny>,
    to: &Bound<'py, PyAny>,
    limit: Option<&Bound<'py, PyAny>>,
    holidays: Option<&Bound<'py, PyAny>>,
    default_time_zone: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    ListArgs::new(tasks, from_, to, limit, holidays, default_time_zone)?
        .run(py, |list, window| list.reminders(window))
}
