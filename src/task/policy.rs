//! Every choice this crate makes where TickTick's public behaviour does not settle the answer, one
//! named item each. The README's "assumptions" section lists them; each has a named test.
//!
//! (The other documented choice, how wall-clock times in DST gaps and folds become instants, lives
//! with the zone: see [`Zone`](crate::Zone).)

use chrono::{DateTime, Days, Months, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta, Utc};

use super::RepeatFrom;
use crate::{Frequency, Recurrence, Rule};

/// `repeatFrom "2"` compares the next occurrence with the completion **instant**, not its local date
/// (SEMANTICS §4, chosen): an occurrence later on the completion's own day still counts as "after".
#[must_use]
pub(crate) fn default_mode_threshold(start: DateTime<Utc>, at: DateTime<Utc>) -> DateTime<Utc> {
    start.max(at)
}

/// The mode a task's next occurrence is computed with when it is closed.
///
/// `ERULE:NAME=CUSTOM` always repeats from the due date (SEMANTICS §4). The forgetting curve also does
/// (chosen): its next start is defined as the current start plus the cycle's gap, whatever
/// `repeatFrom` says.
#[must_use]
pub(crate) fn close_mode(recurrence: &Recurrence, repeat_from: RepeatFrom) -> RepeatFrom {
    match recurrence {
        Recurrence::Custom(_) | Recurrence::ForgettingCurve { .. } => RepeatFrom::DueDate,
        _ => repeat_from,
    }
}

/// The mode a skip moves the task with (chosen): skipping is not a completion, so there is no
/// completion instant to compare with. A task repeating from its due date or by default moves to the
/// first occurrence strictly after its current start; a task repeating from its completion date moves
/// one interval on from its current start's local date, as if it had been completed that day.
#[must_use]
pub(crate) fn skip_mode(recurrence: &Recurrence, repeat_from: RepeatFrom) -> RepeatFrom {
    match close_mode(recurrence, repeat_from) {
        RepeatFrom::CompletionDate => RepeatFrom::CompletionDate,
        RepeatFrom::DueDate | RepeatFrom::Default => RepeatFrom::DueDate,
    }
}

/// Only an open task (`status` 0) can be completed, marked won't do or skipped (chosen): closing a
/// closed task again would emit a second closed copy of the same occurrence.
#[must_use]
pub(crate) fn can_close(status: i64) -> bool {
    status == 0
}

/// A forgetting curve's `CYCLE` once the task has moved `steps` steps of its curve, exDates jumped over
/// included. SEMANTICS §5 says so for a skip; for a completion it says `n` -> `n+1`, which is the same
/// when no exDate is in the way. Counting the jumped steps on completion too is chosen, so that the
/// updated task still describes the same curve.
#[must_use]
pub(crate) fn cycle_after(cycle: u32, steps: u32) -> u32 {
    cycle.saturating_add(steps)
}

/// The `k`-th candidate of `repeatFrom "1"`: the completion's local date plus `k` intervals of the
/// rule's frequency, at `time_of_day` (SEMANTICS §4). `None` past the end of time.
///
/// Two parts of it are chosen:
/// - months and years are added by clamping to the month's last day (Jan 31 + 1 month = Feb 28), as
///   calendar libraries' "add months" do, rather than skipping to the next month that has the day;
/// - an hourly, minutely or secondly rule (TickTick offers none for tasks) adds its intervals to the
///   completion's wall-clock time, since "the original time of day" means nothing for a rule that
///   repeats within a day.
#[must_use]
pub(crate) fn completion_candidate(
    rule: &Rule,
    k: u32,
    done: NaiveDateTime,
    time_of_day: NaiveTime,
) -> Option<NaiveDateTime> {
    let n = rule.interval().checked_mul(k)?;
    let date = done.date();
    let on_date = |d: NaiveDate| Some(d.and_time(time_of_day));
    match rule.frequency() {
        Frequency::Yearly => on_date(date.checked_add_months(Months::new(n.checked_mul(12)?))?),
        Frequency::Monthly => on_date(date.checked_add_months(Months::new(n))?),
        Frequency::Weekly => on_date(date.checked_add_days(Days::new(u64::from(n) * 7))?),
        Frequency::Daily => on_date(date.checked_add_days(Days::new(u64::from(n)))?),
        Frequency::Hourly => done.checked_add_signed(TimeDelta::try_hours(i64::from(n))?),
        Frequency::Minutely => done.checked_add_signed(TimeDelta::try_minutes(i64::from(n))?),
        Frequency::Secondly => done.checked_add_signed(TimeDelta::try_seconds(i64::from(n))?),
    }
}

/// `repeatFrom "1"` drops a candidate on a `TT_SKIP` day or an exDate and tries the next interval
/// (chosen: dropped, not moved to the next day, as `TT_SKIP` drops occurrences); after this many
/// dropped candidates the rule is reported as never occurring (a weekly rule from a Saturday
/// with `TT_SKIP=WEEKEND`, say) instead of searching forever.
pub(crate) const FROM_COMPLETION_MAX_CANDIDATES: u32 = 1000;

/// A date skipped with `skip_date` must be after the current occurrence's local date and, unless the
/// task repeats from its completion date (whose future dates are not known in advance), carry an
/// occurrence of the series (chosen): skipping the current occurrence is `skip`, and an exDate on a
/// day without occurrence would be a silent no-op. A date already in `exDate` is accepted and not
/// added twice.
#[must_use]
pub(crate) fn skip_date_needs_occurrence(mode: RepeatFrom) -> bool {
    mode != RepeatFrom::CompletionDate
}
