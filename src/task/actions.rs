//! Actions on a task and the exact batch payloads they produce (BEHAVIOUR.md §5).

use chrono::{DateTime, NaiveDate, NaiveTime, TimeDelta, Utc};
use serde_json::Value;

use super::error::{ActionKind, Refusal, TaskError};
use super::model::{Json, Name};
use super::schedule::Schedule;
use super::{policy, BatchBody, Task};
use crate::{format_date, Error, ObjectIdGenerator, Recurrence};

/// Who closes an occurrence, and when.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Close {
    /// The instant of the action: `completedTime`, `modifiedTime` and the new ids' seconds.
    pub at: DateTime<Utc>,
    /// The acting user's numeric id (`completedUserId`).
    pub user_id: u64,
}

/// An action on a task, with its arguments.
///
/// ```
/// use ticktick_recur::{parse_instant, ObjectIdGenerator, task::{Action, Task}};
/// let task = Task::from_json(r#"{"id": "696b8abc2c6f3277d1cc431a", "modifiedTime": null}"#)?;
/// let pin = Action::Pin { at: parse_instant("2026-01-17T13:53:44Z")? };
/// let body = pin.apply(&task, &mut ObjectIdGenerator::new())?;
/// assert_eq!(body.update[0].get("pinnedTime").unwrap(), "2026-01-17T13:53:44.000+0000");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Action {
    /// [`complete`] the current occurrence.
    Complete(Close),
    /// Mark the current occurrence as won't do ([`wont_do`]).
    WontDo(Close),
    /// [`skip`] the current occurrence.
    Skip {
        /// The instant of the action.
        at: DateTime<Utc>,
    },
    /// Skip one future occurrence by its local date ([`skip_date`]).
    SkipDate {
        /// The local date to skip.
        date: NaiveDate,
        /// The instant of the action.
        at: DateTime<Utc>,
    },
    /// [`pin`] the task.
    Pin {
        /// The instant of the action.
        at: DateTime<Utc>,
    },
    /// [`unpin`] the task.
    Unpin {
        /// The instant of the action.
        at: DateTime<Utc>,
    },
}

impl Action {
    /// What the action is, without its arguments.
    #[must_use]
    pub fn kind(&self) -> ActionKind {
        match self {
            Action::Complete(_) => ActionKind::Complete,
            Action::WontDo(_) => ActionKind::WontDo,
            Action::Skip { .. } => ActionKind::Skip,
            Action::SkipDate { .. } => ActionKind::SkipDate,
            Action::Pin { .. } => ActionKind::Pin,
            Action::Unpin { .. } => ActionKind::Unpin,
        }
    }

    /// Applies the action to `task`; `ids` issues the new ObjectIds a completion needs.
    ///
    /// # Errors
    ///
    /// As the function of the same name.
    pub fn apply(&self, task: &Task, ids: &mut ObjectIdGenerator) -> Result<BatchBody, Error> {
        match *self {
            Action::Complete(close) => complete(task, &close, ids),
            Action::WontDo(close) => wont_do(task, &close, ids),
            Action::Skip { at } => skip(task, at),
            Action::SkipDate { date, at } => skip_date(task, date, at),
            Action::Pin { at } => pin(task, at),
            Action::Unpin { at } => unpin(task, at),
        }
    }
}

/// `status` of a completed task.
const COMPLETED: i64 = 2;
/// `status` of a task marked won't do.
const WONT_DO: i64 = -1;
/// `status` of an open task.
const OPEN: i64 = 0;

/// Completes the current occurrence (`status` 2).
///
/// For a recurring task with a next occurrence: one add (the closed copy, with new ids) and one update
/// (the parent moved to its next occurrence). Otherwise, the parent itself closed in one update.
/// See BEHAVIOUR.md §5 for every field.
///
/// # Errors
///
/// [`Error::Task`] when the task has no `id`, is already closed, has malformed fields, or its next
/// start would equal its current start; [`Error::Flag`] for a malformed `repeatFlag`.
///
/// ```
/// use ticktick_recur::{parse_instant, IdSeed, ObjectIdGenerator, task::{complete, Close, Task}};
/// let task = Task::from_json(r#"{
///     "id": "696b8b6f2c6f3277d1cc4331", "status": 0, "title": "water the plants",
///     "startDate": "2026-01-17T14:00:00.000+0000", "timeZone": "Europe/Istanbul",
///     "repeatFlag": "RRULE:FREQ=DAILY;INTERVAL=1;COUNT=3", "repeatFrom": "0", "etag": "q1j2ogah"
/// }"#)?;
/// let close = Close { at: parse_instant("2026-01-17T13:16:24Z")?, user_id: 130208689 };
/// let mut ids = ObjectIdGenerator::from_seed("2c6f3277d1cc4341".parse::<IdSeed>()?);
/// let body = complete(&task, &close, &mut ids)?;
/// let (closed, parent) = (&body.add[0], &body.update[0]);
/// assert_eq!(closed.id(), Some("696b8ba82c6f3277d1cc4341"));
/// assert_eq!(closed.get("repeatTaskId").unwrap(), "696b8b6f2c6f3277d1cc4331");
/// assert_eq!(parent.get("startDate").unwrap(), "2026-01-18T14:00:00.000+0000");
/// assert_eq!(parent.repeat_flag(), Some("RRULE:FREQ=DAILY;INTERVAL=1;COUNT=2"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn complete(
    task: &Task,
    close: &Close,
    ids: &mut ObjectIdGenerator,
) -> Result<BatchBody, Error> {
    close_occurrence(task, ActionKind::Complete, COMPLETED, close, ids)
}

/// Marks the current occurrence as won't do (`status` -1): the same payloads as [`complete`].
///
/// # Errors
///
/// As [`complete`].
///
/// ```
/// use ticktick_recur::{parse_instant, ObjectIdGenerator, task::{wont_do, Close, Task}};
/// let task = Task::from_json(r#"{"id": "a", "status": 0}"#)?;   // not recurring: closes itself
/// let close = Close { at: parse_instant("2026-01-17T13:16:24Z")?, user_id: 1 };
/// let body = wont_do(&task, &close, &mut ObjectIdGenerator::new())?;
/// assert!(body.add.is_empty());
/// assert_eq!(body.update[0].status(), -1);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn wont_do(
    task: &Task,
    close: &Close,
    ids: &mut ObjectIdGenerator,
) -> Result<BatchBody, Error> {
    close_occurrence(task, ActionKind::WontDo, WONT_DO, close, ids)
}

/// Skips the current occurrence: one update moving the task to the occurrence a completion at `at`
/// would move it to ([`next_occurrence`](super::next_occurrence)), with no closed copy, no exDate,
/// COUNT and `remindTime` unchanged; a forgetting curve's CYCLE rises by the steps moved, exDates
/// jumped over included (BEHAVIOUR.md §5).
///
/// # Errors
///
/// [`Error::Task`] when the task has no `id`, is closed, does not repeat, has no dates, or its series
/// has no later occurrence; [`Error::Flag`] for a malformed `repeatFlag`.
///
/// ```
/// use ticktick_recur::{parse_instant, task::{skip, Task}};
/// let task = Task::from_json(r#"{"id": "a", "startDate": "2026-01-17T14:00:00.000+0000",
///     "repeatFlag": "RRULE:FREQ=WEEKLY", "modifiedTime": null}"#)?;
/// let body = skip(&task, parse_instant("2026-01-17T13:16:24Z")?)?;
/// assert_eq!(body.update[0].get("startDate").unwrap(), "2026-01-24T14:00:00.000+0000");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn skip(task: &Task, at: DateTime<Utc>) -> Result<BatchBody, Error> {
    let action = ActionKind::Skip;
    let id = required_id(task)?;
    let refuse = |reason| refusal(action, id, reason);
    if !policy::can_close(task.status()) {
        return Err(refuse(Refusal::Closed {
            status: task.status(),
        }));
    }
    let schedule = recurring_schedule(task, action, id)?;
    let start = schedule
        .next_start(at, action)?
        .ok_or_else(|| refuse(Refusal::SeriesEnds))?;
    let edits = FlagEdits {
        count_down: false,
        cycle_rise: schedule.skipped_steps(start)?,
    };
    let parent = moved(&schedule, task, start, at, edits)?;
    Ok(BatchBody::updating(vec![parent]))
}

/// Skips one future occurrence by its local date: one update appending the date to `exDate` (never
/// twice) and setting `modifiedTime`; nothing else changes.
///
/// # Errors
///
/// [`Error::Task`] when the task has no `id`, does not repeat, has no dates, the date is not after the
/// current occurrence's local date, or (unless the task repeats from its completion date) no
/// occurrence falls on it.
///
/// ```
/// use ticktick_recur::{parse_date, parse_instant, task::{skip_date, Task}};
/// let task = Task::from_json(r#"{"id": "a", "startDate": "2026-01-17T14:00:00.000+0000",
///     "repeatFlag": "RRULE:FREQ=DAILY", "exDate": [], "modifiedTime": null}"#)?;
/// let body = skip_date(&task, parse_date("20260119")?, parse_instant("2026-01-17T13:16:24Z")?)?;
/// assert_eq!(body.update[0].get("exDate").unwrap()[0], "20260119");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn skip_date(task: &Task, date: NaiveDate, at: DateTime<Utc>) -> Result<BatchBody, Error> {
    let action = ActionKind::SkipDate;
    let id = required_id(task)?;
    let refuse = |reason| refusal(action, id, reason);
    let schedule = recurring_schedule(task, action, id)?;
    let zone = schedule.zone();
    let current = schedule.start_local().date();
    if date <= current {
        return Err(refuse(Refusal::NotAfterCurrent { date, current }));
    }
    let mut parent = task.clone();
    if !task.ex_dates().contains(&date) {
        if policy::skip_date_needs_occurrence(schedule.close_mode()) {
            let midnight = zone.instant(date.and_time(NaiveTime::MIN));
            let just_before = midnight
                .checked_sub_signed(TimeDelta::nanoseconds(1))
                .unwrap_or(midnight);
            let on_date = schedule
                .series()?
                .after(just_before)?
                .is_some_and(|o| o.date() == date);
            if !on_date {
                return Err(refuse(Refusal::NoOccurrenceOn { date }));
            }
        }
        let mut ex_dates = match task.value_of(Name::ExDate) {
            Some(Value::Array(list)) => list,
            _ => Vec::new(),
        };
        ex_dates.push(Value::String(format_date(date)));
        let ex_dates = Json::Value(Box::new(Value::Array(ex_dates)));
        parent.put(Name::ExDate, ex_dates, &[Name::Reminders]);
    }
    touch(&mut parent, at);
    Ok(BatchBody::updating(vec![parent]))
}

/// Pins the task: one update with `pinnedTime` and `modifiedTime` set to `at`.
///
/// # Errors
///
/// [`Error::Task`] when the task has no `id`.
///
/// ```
/// use ticktick_recur::{parse_instant, task::{pin, Task}};
/// let task = Task::from_json(r#"{"id": "a", "isAllDay": false, "modifiedTime": null}"#)?;
/// let body = pin(&task, parse_instant("2026-01-17T13:53:44Z")?)?;
/// assert_eq!(body.update[0].to_json(), r#"{"id":"a","isAllDay":false,"pinnedTime":"2026-01-17T13:53:44.000+0000","modifiedTime":"2026-01-17T13:53:44.000+0000"}"#);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn pin(task: &Task, at: DateTime<Utc>) -> Result<BatchBody, Error> {
    set_pinned(task, Json::Instant(at), at)
}

/// Unpins the task: one update with `pinnedTime` null and `modifiedTime` set to `at`.
///
/// # Errors
///
/// [`Error::Task`] when the task has no `id`.
///
/// ```
/// use ticktick_recur::{parse_instant, task::{unpin, Task}};
/// let task = Task::from_json(r#"{"id": "a", "pinnedTime": "2026-01-17T13:53:44.000+0000"}"#)?;
/// let body = unpin(&task, parse_instant("2026-01-17T14:00:00Z")?)?;
/// assert!(body.update[0].get("pinnedTime").unwrap().is_null());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn unpin(task: &Task, at: DateTime<Utc>) -> Result<BatchBody, Error> {
    set_pinned(task, Json::Null, at)
}

fn set_pinned(task: &Task, pinned: Json, at: DateTime<Utc>) -> Result<BatchBody, Error> {
    required_id(task)?;
    let mut parent = task.clone();
    parent.put(Name::PinnedTime, pinned, &[Name::IsAllDay]);
    touch(&mut parent, at);
    Ok(BatchBody::updating(vec![parent]))
}

/// Complete or won't do.
fn close_occurrence(
    task: &Task,
    action: ActionKind,
    status: i64,
    close: &Close,
    ids: &mut ObjectIdGenerator,
) -> Result<BatchBody, Error> {
    let id = required_id(task)?;
    if !policy::can_close(task.status()) {
        return Err(refusal(
            action,
            id,
            Refusal::Closed {
                status: task.status(),
            },
        ));
    }
    let next = match Schedule::of(task)? {
        Some(schedule) => schedule
            .next_start(close.at, action)?
            .map(|start| (schedule, start)),
        None => None,
    };
    let Some((schedule, start)) = next else {
        // The last occurrence, or a task that does not repeat: the parent itself is closed, its
        // snoozed reminder cleared as for every close (BEHAVIOUR.md §5).
        let mut parent = task.clone();
        mark_closed(&mut parent, status, close);
        touch(&mut parent, close.at);
        parent.put(Name::RemindTime, Json::Null, &[]);
        return Ok(BatchBody::updating(vec![parent]));
    };
    let closed = closed_copy(task, status, close, ids);
    // A completion raises a forgetting curve's CYCLE by exactly one, even past exDates.
    let edits = FlagEdits {
        count_down: true,
        cycle_rise: 1,
    };
    let mut parent = moved(&schedule, task, start, close.at, edits)?;
    parent.put(Name::Status, Json::Int(OPEN), &[]);
    parent.put(Name::RemindTime, Json::Null, &[]);
    Ok(BatchBody {
        add: vec![closed],
        update: vec![parent],
        ..BatchBody::default()
    })
}

/// The closed instance of the current occurrence: the parent with new ids, closed, not repeating.
fn closed_copy(task: &Task, status: i64, close: &Close, ids: &mut ObjectIdGenerator) -> Task {
    let mut copy = task.clone();
    // The task's id first, then each checklist item's, then each reminder's: TickTick's client copies
    // the items before the reminders (BEHAVIOUR.md §5).
    copy.put(Name::Id, Json::Id(ids.next_id(close.at)), &[]);
    for list in [Name::Items, Name::Reminders] {
        copy.renew_ids(list, || ids.next_id(close.at));
    }
    copy.put(Name::RepeatFlag, Json::Null, &[]);
    if copy.is_null(Name::Attachments) {
        copy.put(Name::Attachments, Json::EmptyArray, &[Name::IsFloating]);
    }
    mark_closed(&mut copy, status, close);
    copy.put(Name::RemindTime, Json::Null, &[]);
    copy.put_from(Name::RepeatTaskId, task, Name::Id, &[]);
    copy.remove_known(Name::Etag);
    copy.remove_known(Name::FocusSummaries);
    copy
}

/// `status`, `completedTime` and `completedUserId` of a closed task.
fn mark_closed(task: &mut Task, status: i64, close: &Close) {
    task.put(Name::Status, Json::Int(status), &[]);
    task.put(
        Name::CompletedUserId,
        Json::UInt(close.user_id),
        &[Name::Attachments, Name::IsFloating],
    );
    task.put(Name::CompletedTime, Json::Instant(close.at), &[Name::Title]);
}

/// TickTick's in-place edits of the flag when the task moves (BEHAVIOUR.md §5).
#[derive(Debug, Clone, Copy)]
struct FlagEdits {
    /// `COUNT=n` becomes `n-1` (a completion; a skip leaves COUNT alone).
    count_down: bool,
    /// A forgetting curve's `CYCLE=n` becomes `n + cycle_rise`.
    cycle_rise: u32,
}

/// The parent moved to its next occurrence `start`: dates, `modifiedTime`, `progress` 0, checklist
/// reset and moved, and the flag's in-place edits.
fn moved(
    schedule: &Schedule<'_>,
    task: &Task,
    start: DateTime<Utc>,
    at: DateTime<Utc>,
    edits: FlagEdits,
) -> Result<Task, Error> {
    let mut parent = task.clone();
    let dates = schedule.dates_at(start);
    if let Some(start) = dates.start_date {
        parent.put(Name::StartDate, Json::Instant(start), &[]);
    }
    if let Some(due) = dates.due_date {
        parent.put(Name::DueDate, Json::Instant(due), &[]);
    }
    touch(&mut parent, at);
    parent.put(Name::Progress, Json::Int(0), &[Name::RepeatFlag]);
    parent.reopen_items(|item_start| schedule.shift(item_start, start));
    if let (Some(flag), Some(edited)) = (schedule.flag(), edited_flag(schedule, edits)?) {
        if edited != flag.as_str() {
            parent.put(Name::RepeatFlag, Json::Str(edited.into()), &[]);
        }
    }
    Ok(parent)
}

/// The flag after TickTick's in-place edits. `None` when nothing changes.
fn edited_flag(schedule: &Schedule<'_>, edits: FlagEdits) -> Result<Option<String>, Error> {
    let Some(flag) = schedule.flag() else {
        return Ok(None);
    };
    let (count, cycle) = match *schedule.recurrence() {
        Recurrence::Rule(ref rule) => (rule.count(), None),
        Recurrence::Lunar(ref rule) => (rule.count(), None),
        Recurrence::ForgettingCurve { cycle, count } => (count, Some(cycle)),
        _ => (None, None),
    };
    let count = count.filter(|_| edits.count_down);
    if count.is_none() && cycle.is_none() {
        return Ok(None);
    }
    let mut edited = flag.clone();
    if let Some(n) = count {
        edited = edited.with_count(n.saturating_sub(1))?;
    }
    if let Some(cycle) = cycle {
        edited = edited.with_cycle(cycle.saturating_add(edits.cycle_rise))?;
    }
    Ok((edited != *flag).then(|| edited.as_str().to_owned()))
}

/// `modifiedTime: at`.
fn touch(task: &mut Task, at: DateTime<Utc>) {
    task.put(Name::ModifiedTime, Json::Instant(at), &[Name::CreatedTime]);
}

fn required_id(task: &Task) -> Result<&str, TaskError> {
    task.id().ok_or(TaskError::MissingField {
        field: Name::Id.as_str(),
    })
}

/// The task's schedule, refusing a task that does not repeat or has no dates.
fn recurring_schedule<'t>(
    task: &'t Task,
    action: ActionKind,
    id: &str,
) -> Result<Schedule<'t>, Error> {
    if task.recurrence()? == Recurrence::NotRecurring {
        return Err(refusal(action, id, Refusal::NotRecurring));
    }
    Schedule::of(task)?.ok_or_else(|| refusal(action, id, Refusal::Undated))
}

fn refusal(action: ActionKind, id: &str, reason: Refusal) -> Error {
    TaskError::Refused {
        action,
        id: Some(id.to_owned()),
        reason,
    }
    .into()
}
