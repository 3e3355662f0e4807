//! Where a task's occurrences are: its series in its zone, and the occurrence it moves to when the
//! current one is closed or skipped (BEHAVIOUR.md §3-4).

use std::cell::OnceCell;
use std::ops::ControlFlow;
use std::sync::Arc;

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta, Utc};
use serde::ser::{Serialize, SerializeMap, Serializer};

use super::error::{ActionKind, Refusal, TaskError};
use super::model::Name;
use super::{policy, view, RepeatFrom, Task};
use crate::expand::Instants;
use crate::zone::Resolver;
use crate::{
    format_instant, Error, LunarRule, Recurrence, RepeatFlag, Rule, Series, SkipDays, Until, Zone,
};

/// A task's `startDate` and `dueDate` at one occurrence.
///
/// Serialises as `{"startDate": ..., "dueDate": ...}` in TickTick's wire form, `null` for a date the
/// task does not have.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TaskDates {
    /// The occurrence's `startDate` (`None` when the task has none).
    pub start_date: Option<DateTime<Utc>>,
    /// The occurrence's `dueDate` (`None` when the task has none).
    pub due_date: Option<DateTime<Utc>>,
}

impl Serialize for TaskDates {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(2))?;
        map.serialize_entry(
            Name::StartDate.as_str(),
            &self.start_date.map(format_instant),
        )?;
        map.serialize_entry(Name::DueDate.as_str(), &self.due_date.map(format_instant))?;
        map.end()
    }
}

/// Where a task goes when its current occurrence is closed: the answer of [`advance`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Next {
    /// The task moves to these dates.
    Moves(TaskDates),
    /// The series ends at the current occurrence (COUNT or UNTIL reached, no later date).
    Ends,
    /// The task does not repeat.
    NotRecurring,
    /// The task has neither `startDate` nor `dueDate` (absent, `null` or `""`).
    Undated,
}

impl Next {
    /// The dates the task moves to; `None` when it does not move.
    #[must_use]
    pub fn dates(self) -> Option<TaskDates> {
        match self {
            Next::Moves(dates) => Some(dates),
            _ => None,
        }
    }

    /// Why the task does not move, as [`skip`](super::skip) words its refusal; `None` when it moves.
    #[must_use]
    pub fn refusal(self) -> Option<Refusal> {
        match self {
            Next::Moves(_) => None,
            Next::Ends => Some(Refusal::SeriesEnds),
            Next::NotRecurring => Some(Refusal::NotRecurring),
            Next::Undated => Some(Refusal::Undated),
        }
    }
}

/// Where a task goes when its current occurrence is closed at `at`, with its `repeatFrom` applied: the
/// dates it moves to, or why it does not move. A task that neither repeats nor has dates is
/// [`Next::NotRecurring`], as [`skip`](super::skip) refuses it.
///
/// # Errors
///
/// [`Error::Task`] for an object with none of a task's fields ([`TaskError::NotATask`]), an unknown
/// `timeZone`, or when the next start would equal the current start; [`Error::Flag`] for a
/// malformed `repeatFlag` of a dated task; [`Error::NeverOccurs`] / [`Error::LunarRange`] from the
/// expander.
///
/// ```
/// use ticktick_recur::{parse_instant, task::{advance, Next, Task}};
/// let at = parse_instant("2026-01-17T13:16:24Z")?;
/// let last = Task::from_json(r#"{"startDate": "2026-01-17T14:00:00.000+0000",
///     "repeatFlag": "RRULE:FREQ=DAILY;COUNT=1"}"#)?;
/// assert_eq!(advance(&last, at)?, Next::Ends);
/// let undated = Task::from_json(r#"{"dueDate": "", "repeatFlag": "RRULE:FREQ=DAILY"}"#)?;
/// assert_eq!(advance(&undated, at)?, Next::Undated);
/// assert!(advance(&Task::from_json("{}")?, at).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn advance(task: &Task, at: DateTime<Utc>) -> Result<Next, Error> {
    let Some(schedule) = Schedule::of(task)? else {
        // An undated task's flag is not read further: a malformed one is no error here.
        let not_recurring = matches!(task.recurrence(), Ok(Recurrence::NotRecurring));
        return Ok(if not_recurring {
            Next::NotRecurring
        } else {
            Next::Undated
        });
    };
    if !schedule.is_recurring() {
        return Ok(Next::NotRecurring);
    }
    Ok(match schedule.next_start(at, ActionKind::Advance)? {
        Some(start) => Next::Moves(schedule.dates_at(start)),
        None => Next::Ends,
    })
}

/// The dates a task moves to when its current occurrence is closed at `at`, with its `repeatFrom`
/// applied; `None` when the series ends there, the task does not repeat, or has no dates
/// ([`advance`] tells these apart).
///
/// # Errors
///
/// As [`advance`].
///
/// ```
/// use ticktick_recur::{format_instant, parse_instant, task::{next_occurrence, Task}};
/// let task = Task::from_json(r#"{
///     "startDate": "2026-01-17T14:00:00.000+0000", "dueDate": "2026-01-17T15:00:00.000+0000",
///     "timeZone": "Europe/Istanbul", "repeatFlag": "RRULE:FREQ=DAILY;INTERVAL=1", "repeatFrom": "2"
/// }"#)?;
/// let next = next_occurrence(&task, parse_instant("2026-01-17T13:16:24Z")?)?.unwrap();
/// assert_eq!(format_instant(next.start_date.unwrap()), "2026-01-18T14:00:00.000+0000");
/// assert_eq!(format_instant(next.due_date.unwrap()), "2026-01-18T15:00:00.000+0000");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn next_occurrence(task: &Task, at: DateTime<Utc>) -> Result<Option<TaskDates>, Error> {
    advance(task, at).map(Next::dates)
}

/// The occurrences of a task that start in `[from, to]`, at most `limit` of them: a calendar view.
///
/// The current occurrence (the task's own dates) comes first when it is in the window, then the
/// series' later occurrences. A task repeating from its completion date shows only its current
/// occurrence, since later ones depend on when it is completed; a task that does not repeat shows its
/// own dates; an undated task has none.
///
/// # Errors
///
/// As for [`advance`].
///
/// ```
/// use ticktick_recur::{format_instant, parse_instant, task::{occurrences, Task}};
/// let task = Task::from_json(r#"{
///     "startDate": "2026-01-17T15:00:00.000+0000", "timeZone": "Europe/Istanbul",
///     "repeatFlag": "RRULE:FREQ=WEEKLY;INTERVAL=1;WKST=SU;UNTIL=20260131;BYDAY=SA", "repeatFrom": "0"
/// }"#)?;
/// let all = occurrences(&task, parse_instant("2026-01-01T00:00:00Z")?,
///                       parse_instant("2026-12-31T00:00:00Z")?, 100)?;
/// let starts: Vec<_> = all.iter().map(|d| format_instant(d.start_date.unwrap())).collect();
/// assert_eq!(starts, ["2026-01-17T15:00:00.000+0000", "2026-01-24T15:00:00.000+0000",
///                     "2026-01-31T15:00:00.000+0000"]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn occurrences(
    task: &Task,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    limit: usize,
) -> Result<Vec<TaskDates>, Error> {
    let mut all = Vec::new();
    view::visit_occurrences(task, None, None, from, to, limit, |mut seen| {
        all.push(seen.dates());
        ControlFlow::Continue(())
    })?;
    Ok(all)
}

/// A dated task seen as a series: DTSTART, zone, rule, and the task's exDates.
pub(crate) struct Schedule<'t> {
    task: &'t Task,
    zone: Zone,
    /// DTSTART: `startDate`, or `dueDate` when `startDate` is null.
    start: DateTime<Utc>,
    /// DTSTART in wall-clock time of the zone, worked out once.
    start_local: OnceCell<NaiveDateTime>,
    /// Boxed: a calendar view has none, and moves its schedule around.
    flag: Option<Box<RepeatFlag>>,
    /// The rule, shared with the other tasks of a list that have the same flag.
    recurrence: Arc<Recurrence>,
    /// Resolves wall-clock times of the zone, from what it learnt for other tasks.
    resolver: Resolver,
    /// Converts instants to dates, from what it learnt for other tasks.
    instants: Instants,
}

impl<'t> Schedule<'t> {
    /// The schedule of a task; `None` when it has neither `startDate` nor `dueDate`; an error for an
    /// object that is not a task at all ([`TaskError::NotATask`]).
    ///
    /// The rule is read as a task's (BEHAVIOUR.md §3): its `UNTIL` is a local date of the task's zone
    /// ([`policy::task_until`]), whereas plain RRULE expansion keeps RFC 5545's instant. The flag
    /// itself is kept as written, to be re-sent byte for byte.
    pub(crate) fn of(task: &'t Task) -> Result<Option<Schedule<'t>>, Error> {
        task.check_is_task()?;
        let Some(start) = task.start_date().or_else(|| task.due_date()) else {
            return Ok(None);
        };
        let flag = task.parsed_flag()?;
        let recurrence = match &flag {
            Some(f) => f.validate()?,
            None => Recurrence::NotRecurring,
        };
        let zone = task.zone()?;
        Ok(Some(Schedule::anchored(
            task,
            start,
            flag.map(Box::new),
            Arc::new(recurrence),
            zone,
        )))
    }

    /// As [`Schedule::of`], for a calendar view, which never edits the flag: the rule and the zone
    /// are the ones `read` gives for the task (read before for another task with the same flag and
    /// zone, say), and the flag itself is not kept ([`Schedule::flag`] is `None`).
    pub(crate) fn with_rule(
        task: &'t Task,
        read: impl FnOnce(&Task) -> Result<(Arc<Recurrence>, Zone, Resolver, Instants), Error>,
    ) -> Result<Option<Schedule<'t>>, Error> {
        let Some(start) = task.start_date().or_else(|| task.due_date()) else {
            return Ok(None);
        };
        let (recurrence, zone, resolver, instants) = read(task)?;
        let mut schedule = Schedule::anchored(task, start, None, recurrence, zone);
        schedule.resolver = resolver;
        schedule.instants = instants;
        Ok(Some(schedule))
    }

    fn anchored(
        task: &'t Task,
        start: DateTime<Utc>,
        flag: Option<Box<RepeatFlag>>,
        mut recurrence: Arc<Recurrence>,
        zone: Zone,
    ) -> Schedule<'t> {
        // A task's UNTIL is a local date already, mostly: the shared rule is then taken as it is.
        let until = match &*recurrence {
            Recurrence::Rule(rule) => rule.until,
            Recurrence::Lunar(rule) => rule.until,
            _ => None,
        };
        if until.is_some_and(|until| policy::task_until(until, zone) != until) {
            match Arc::make_mut(&mut recurrence) {
                Recurrence::Rule(rule) => {
                    rule.until = rule.until.map(|until| policy::task_until(until, zone));
                }
                Recurrence::Lunar(rule) => {
                    rule.until = rule.until.map(|until| policy::task_until(until, zone));
                }
                _ => {}
            }
        }
        Schedule {
            task,
            zone,
            start,
            start_local: OnceCell::new(),
            flag,
            recurrence,
            resolver: Resolver::new(zone),
            instants: Instants::new(),
        }
    }

    /// DTSTART: `startDate`, or `dueDate` when `startDate` is null.
    pub(crate) fn start(&self) -> DateTime<Utc> {
        self.start
    }

    pub(crate) fn zone(&self) -> Zone {
        self.zone
    }

    /// DTSTART in wall-clock time of the zone.
    pub(crate) fn start_local(&self) -> NaiveDateTime {
        *self.start_local.get_or_init(|| {
            let offset = self.resolver().offset(self.start.timestamp());
            crate::zone::shifted(self.start, offset)
        })
    }

    /// A resolver for the zone, knowing what was learnt of it before.
    pub(crate) fn resolver(&self) -> Resolver {
        self.resolver.clone()
    }

    /// Instants to dates, knowing what was learnt before.
    pub(crate) fn instants(&self) -> Instants {
        self.instants
    }

    pub(crate) fn flag(&self) -> Option<&RepeatFlag> {
        self.flag.as_deref()
    }

    pub(crate) fn recurrence(&self) -> &Recurrence {
        &self.recurrence
    }

    pub(crate) fn is_recurring(&self) -> bool {
        *self.recurrence != Recurrence::NotRecurring
    }

    /// The mode the next occurrence is computed with, the task's `repeatFrom` refined by its rule
    /// (BEHAVIOUR.md §4): a custom date list always repeats from its due date; so does a forgetting
    /// curve ([`policy::FORGETTING_CURVE_MODE`]); and a rule with COUNT in the default mode (an RRULE
    /// or a lunar rule) jumps no occurrence, so that each completion consumes exactly one of its COUNT
    /// occurrences and COUNT-1 stays true: it behaves as "from the due date" (the desktop client's
    /// fallback turns the jump to the future off when the rule has a COUNT).
    pub(crate) fn close_mode(&self) -> RepeatFrom {
        let repeat_from = self.task.repeat_from();
        match &*self.recurrence {
            Recurrence::Custom(_) => RepeatFrom::DueDate,
            Recurrence::ForgettingCurve { .. } => policy::FORGETTING_CURVE_MODE,
            Recurrence::Rule(rule)
                if rule.count().is_some() && repeat_from == RepeatFrom::Default =>
            {
                RepeatFrom::DueDate
            }
            Recurrence::Lunar(rule)
                if rule.count().is_some() && repeat_from == RepeatFrom::Default =>
            {
                RepeatFrom::DueDate
            }
            _ => repeat_from,
        }
    }

    /// The task's series anchored at its current start, with its exDates and holiday calendar.
    pub(crate) fn series(&self) -> Result<Series, Error> {
        self.series_of(Arc::clone(&self.recurrence))
    }

    /// The series of `recurrence` anchored at the task's current start, with its exDates and holiday
    /// calendar.
    fn series_of(&self, recurrence: Arc<Recurrence>) -> Result<Series, Error> {
        Series::of_task(
            recurrence,
            self.start_local(),
            self.zone,
            (self.resolver(), self.instants),
            self.task.is_all_day(),
            self.task.ex_date_list(),
            self.task.holidays(),
        )
    }

    /// The task's series, with COUNT adjusted so that exactly `later` occurrences follow the current
    /// start: when the start is itself an occurrence of the rule, COUNT already counts it; when it is
    /// off the rule (or on an exDate), one fewer is allowed.
    pub(crate) fn series_allowing(&self, later: usize) -> Result<Series, Error> {
        let series = self.series()?;
        if !matches!(*self.recurrence, Recurrence::Rule(_) | Recurrence::Lunar(_)) {
            return Ok(series);
        }
        let first = series.iter().next().transpose()?;
        if first.is_some_and(|o| o.local() == series.start()) {
            return Ok(series);
        }
        let count = Some(u32::try_from(later).unwrap_or(u32::MAX));
        let recurrence = match &*self.recurrence {
            Recurrence::Rule(rule) => Recurrence::Rule(Rule {
                count,
                ..rule.clone()
            }),
            Recurrence::Lunar(rule) => Recurrence::Lunar(LunarRule {
                count,
                ..rule.clone()
            }),
            other => other.clone(),
        };
        self.series_of(Arc::new(recurrence))
    }

    /// How many occurrences may follow the current one under COUNT (`None`: no COUNT). COUNT counts
    /// from the current start, which is always an occurrence, so `COUNT=1` allows none.
    pub(crate) fn later_allowed(&self) -> Option<usize> {
        let count = match &*self.recurrence {
            Recurrence::Rule(rule) => rule.count(),
            Recurrence::Lunar(rule) => rule.count(),
            Recurrence::ForgettingCurve { count, .. } => *count,
            _ => None,
        }?;
        Some(usize::try_from(count.saturating_sub(1)).unwrap_or(usize::MAX))
    }

    /// The start the task moves to when its current occurrence is closed at `at`, or skipped at `at`:
    /// TickTick's skip calls the very function completion uses (BEHAVIOUR.md §5). `None` when the
    /// series ends there.
    ///
    /// - from the due date: the first occurrence after the current start, even in the past;
    /// - by default: the first occurrence after the current start and after `at`; for an all-day task,
    ///   on or after `at`'s local date, since an all-day occurrence lasts its whole local day
    ///   (BEHAVIOUR.md §4); for a timed task, after the instant ([`policy::default_mode_threshold`]);
    /// - from the completion date: counted from `at`'s local date ([`Schedule::after_completion`],
    ///   [`Schedule::after_completion_lunar`]).
    pub(crate) fn next_start(
        &self,
        at: DateTime<Utc>,
        action: ActionKind,
    ) -> Result<Option<DateTime<Utc>>, Error> {
        if !self.is_recurring() || self.later_allowed() == Some(0) {
            return Ok(None);
        }
        let start = match (self.close_mode(), &*self.recurrence) {
            (RepeatFrom::CompletionDate, Recurrence::Rule(rule)) => {
                self.after_completion(rule, at)?
            }
            (RepeatFrom::CompletionDate, Recurrence::Lunar(rule)) => {
                self.after_completion_lunar(rule, at)?
            }
            (RepeatFrom::Default, _) => {
                let after = if self.task.is_all_day() {
                    self.start.max(self.before_local_day_of(at))
                } else {
                    policy::default_mode_threshold(self.start, at)
                };
                self.series()?.after(after)?.map(|o| o.instant())
            }
            _ => self.series()?.after(self.start)?.map(|o| o.instant()),
        };
        let Some(start) = start else {
            return Ok(None);
        };
        if start == self.start {
            return Err(TaskError::Refused {
                action,
                id: self.task.id().map(str::to_owned),
                reason: Refusal::Unchanged { start },
            }
            .into());
        }
        Ok(Some(start))
    }

    /// The instant just before the local day of `at` begins in the task's zone: an all-day
    /// occurrence after it falls on that day or later.
    fn before_local_day_of(&self, at: DateTime<Utc>) -> DateTime<Utc> {
        let midnight = self
            .zone
            .instant(self.zone.local(at).date().and_time(NaiveTime::MIN));
        midnight
            .checked_sub_signed(TimeDelta::nanoseconds(1))
            .unwrap_or(midnight)
    }

    /// How many steps of a forgetting curve lie between the current start (exclusive) and `next`
    /// (inclusive), the ones exDates removed included: a skip raises `CYCLE` by that many
    /// (BEHAVIOUR.md §5). 1 for any other rule.
    pub(crate) fn skipped_steps(&self, next: DateTime<Utc>) -> Result<u32, Error> {
        match *self.recurrence {
            Recurrence::ForgettingCurve { cycle, .. } => self.curve_steps(cycle, next),
            _ => Ok(1),
        }
    }

    /// Steps of the curve from the current start to `next`, counting the ones exDates removed.
    fn curve_steps(&self, cycle: u32, next: DateTime<Utc>) -> Result<u32, Error> {
        let plain = Recurrence::ForgettingCurve { cycle, count: None };
        let series = Series::new(&plain, self.start, self.zone)?.all_day(self.task.is_all_day());
        let mut steps: u32 = 0;
        for occurrence in series.iter_after_unbounded(self.start) {
            steps = steps.saturating_add(1);
            if occurrence.instant() >= next {
                break;
            }
        }
        Ok(steps)
    }

    /// `repeatFrom "1"`: the completion's local date plus one interval at the original time of day,
    /// BYDAY/BYMONTHDAY/BYSETPOS ignored; TT_SKIP days and exDates dropped (the next interval is tried);
    /// `None` past UNTIL.
    fn after_completion(
        &self,
        rule: &Rule,
        at: DateTime<Utc>,
    ) -> Result<Option<DateTime<Utc>>, Error> {
        let time_of_day = if self.task.is_all_day() {
            NaiveTime::MIN
        } else {
            self.start_local().time()
        };
        if rule.skip().unsupported {
            return Err(Error::Unsupported {
                rule: self.recurrence.to_string(),
                what: crate::expand::UNSUPPORTED_SKIP,
            });
        }
        let done = self.zone.local(at);
        let ex_dates = self.task.ex_date_list();
        for k in 1..=policy::FROM_COMPLETION_MAX_CANDIDATES {
            let Some(local) = policy::completion_candidate(rule, k, done, time_of_day) else {
                return Ok(None);
            };
            if self.past_until(rule.until(), local) {
                return Ok(None);
            }
            if self.skipped_day(rule.skip(), local.date()) || ex_dates.contains(&local.date()) {
                continue;
            }
            return Ok(Some(self.zone.instant(local)));
        }
        Err(Error::NeverOccurs {
            rule: self.recurrence.to_string(),
        })
    }

    /// `repeatFrom "1"` for a lunar rule: the first date of the rule's lunar month and day one
    /// INTERVAL of lunar years (months) or more after the completion's local date
    /// ([`policy::lunar_completion_candidate`]), at the original time of day; exDates dropped (the
    /// next interval is tried); `None` past UNTIL.
    fn after_completion_lunar(
        &self,
        rule: &LunarRule,
        at: DateTime<Utc>,
    ) -> Result<Option<DateTime<Utc>>, Error> {
        let time_of_day = if self.task.is_all_day() {
            NaiveTime::MIN
        } else {
            self.start_local().time()
        };
        let done = self.zone.local(at).date();
        let ex_dates = self.task.ex_date_list();
        for k in 1..=policy::FROM_COMPLETION_MAX_CANDIDATES {
            let date = match policy::lunar_completion_candidate(rule, k, done) {
                Ok(date) => date,
                // A series whose UNTIL comes first ends there.
                Err(e) if matches!(rule.until(), Some(Until::Date(last)) if last < e.date) => {
                    return Ok(None)
                }
                Err(e) => {
                    return Err(Error::LunarRange {
                        rule: self.recurrence.to_string(),
                        date: e.date,
                    })
                }
            };
            let local = date.and_time(time_of_day);
            if self.past_until(rule.until(), local) {
                return Ok(None);
            }
            if ex_dates.contains(&date) {
                continue;
            }
            return Ok(Some(self.zone.instant(local)));
        }
        Err(Error::NeverOccurs {
            rule: self.recurrence.to_string(),
        })
    }

    fn past_until(&self, until: Option<Until>, local: NaiveDateTime) -> bool {
        match until {
            None => false,
            Some(Until::Date(last_day)) => local.date() > last_day,
            Some(Until::Local(last)) => local > last,
            Some(Until::Utc(last)) => self.zone.instant(local) > last.and_utc(),
        }
    }

    /// Whether `TT_SKIP` drops `date` (BEHAVIOUR.md §7), as the series drops it.
    fn skipped_day(&self, skip: SkipDays, date: NaiveDate) -> bool {
        crate::expand::drops_date(skip, date, self.task.holidays())
    }

    /// Moves an instant by the wall-clock distance from the current start to `new_start`.
    pub(crate) fn shift(&self, t: DateTime<Utc>, new_start: DateTime<Utc>) -> DateTime<Utc> {
        self.shift_local(self.zone.local(t), new_start)
    }

    /// [`Schedule::shift`] of an instant given as its wall-clock time in the zone.
    pub(crate) fn shift_local(
        &self,
        local: NaiveDateTime,
        new_start: DateTime<Utc>,
    ) -> DateTime<Utc> {
        let delta = self.zone.local(new_start) - self.start_local();
        // Beyond chrono's range only for dates a quarter of a million years away: kept at its end.
        let moved = local
            .checked_add_signed(delta)
            .unwrap_or(if delta > TimeDelta::zero() {
                NaiveDateTime::MAX
            } else {
                NaiveDateTime::MIN
            });
        self.zone.instant(moved)
    }

    /// The task's dates when its DTSTART is `new_start`: `dueDate` keeps its wall-clock distance from
    /// `startDate`; a null date stays null.
    pub(crate) fn dates_at(&self, new_start: DateTime<Utc>) -> TaskDates {
        match self.task.start_date() {
            Some(_) => TaskDates {
                start_date: Some(new_start),
                due_date: self.task.due_date().map(|d| self.shift(d, new_start)),
            },
            None => TaskDates {
                start_date: None,
                due_date: Some(new_start),
            },
        }
    }
}
