//! Every choice this crate makes where TickTick's public behaviour does not settle the answer, one
//! named item each. The README's "assumptions" section lists them; each has a named test.
//!
//! (The other documented choice, how wall-clock times in DST gaps and folds become instants, lives
//! with the zone: see [`Zone`](crate::Zone).)

use chrono::{DateTime, Days, Months, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta, Utc};

use super::RepeatFrom;
use crate::expand::lunar::{self, OutOfRange};
use crate::{Frequency, LunarRule, Rule, Until, Zone};

/// `repeatFrom "2"` on a timed task compares the next occurrence with the completion **instant**, not
/// its local date (BEHAVIOUR.md §4, chosen): an occurrence later on the completion's own day still
/// counts as "after". (All-day tasks compare dates, BEHAVIOUR.md §4: see `Schedule::next_start`.)
#[must_use]
pub(crate) fn default_mode_threshold(start: DateTime<Utc>, at: DateTime<Utc>) -> DateTime<Utc> {
    start.max(at)
}

/// The mode a forgetting curve moves with, whatever `repeatFrom` says (chosen): its next start is
/// defined as the current start plus the cycle's gap, as a custom date list always repeats from its due
/// date (BEHAVIOUR.md §4).
pub(crate) const FORGETTING_CURVE_MODE: RepeatFrom = RepeatFrom::DueDate;

/// Only an open task (`status` 0) can be completed, marked won't do or skipped (chosen): closing a
/// closed task again would emit a second closed copy of the same occurrence.
#[must_use]
pub(crate) fn can_close(status: i64) -> bool {
    status == 0
}

/// A task's `UNTIL` as a local date (BEHAVIOUR.md §3): the date form is one already, and the UTC form
/// is the instant's local date in the task's zone (both settled by TickTick's client). The floating
/// form `UNTIL=yyyyMMddTHHmmss`, which no TickTick client writes, is read as its date too (chosen), so
/// that a task's series always ends with a whole local day, whichever form its flag uses.
#[must_use]
pub(crate) fn task_until(until: Until, zone: Zone) -> Until {
    match until {
        Until::Date(date) => Until::Date(date),
        Until::Utc(instant) => Until::Date(zone.local(instant.and_utc()).date()),
        Until::Local(local) => Until::Date(local.date()),
    }
}

/// The `k`-th candidate of `repeatFrom "1"`: the completion's local date plus `k` intervals of the
/// rule's frequency, at `time_of_day` (BEHAVIOUR.md §4). `None` past the end of time.
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

/// The `k`-th candidate of `repeatFrom "1"` for a `LUNAR:` rule (BEHAVIOUR.md §6, chosen): the first
/// date the rule's lunar month and day fall on (in any lunar year, or month, whatever INTERVAL says)
/// that lies `k` intervals of lunar years (months) or more after the completion's local date.
///
/// "n lunar years after" a date keeps its lunar month and day; a leap month becomes its regular twin
/// in a year without one, and day 30 the month's last (29), as ECMAScript Temporal and ICU4X add years
/// to a Chinese date. "n lunar months after" counts leap months as months, as a monthly lunar rule
/// does. An error when a date outside the calendar's range would be needed.
pub(crate) fn lunar_completion_candidate(
    rule: &LunarRule,
    k: u32,
    done: NaiveDate,
) -> Result<NaiveDate, OutOfRange> {
    let n = i64::from(rule.interval()) * i64::from(k);
    let threshold = match rule.frequency() {
        Frequency::Yearly => lunar::years_later(done, n)?,
        _ => lunar::months_later(done, n)?,
    };
    lunar::first_on_or_after(rule, threshold)
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
