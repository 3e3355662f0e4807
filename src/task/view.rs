//! A task's calendar view walked one occurrence at a time: [`occurrences`](super::occurrences) and the
//! agenda of a whole list share this walk, so that the agenda is exactly each task's occurrences.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::ControlFlow;
use std::sync::Arc;

use chrono::{DateTime, NaiveTime, TimeDelta, Timelike, Utc};

use super::schedule::{Schedule, TaskDates};
use super::{RepeatFrom, Task};
use crate::expand::Instants;
use crate::zone::Resolver;
use crate::{Error, Recurrence, Zone};

/// One occurrence of a task in its calendar view.
pub(crate) struct Seen<'a, 't> {
    /// When it starts: its `startDate`, or its `dueDate` for a task without a start.
    pub(crate) start: DateTime<Utc>,
    /// `start`'s Unix seconds, known from the walk.
    pub(crate) seconds: i64,
    task: &'t Task,
    schedule: &'a Schedule<'t>,
    /// The due dates' arithmetic, set up for the first occurrence whose dates are asked for.
    due: &'a mut Option<Due>,
}

impl Seen<'_, '_> {
    /// Its `startDate` and `dueDate`, worked out when asked for.
    pub(crate) fn dates(&mut self) -> TaskDates {
        let t = self.start;
        match self.task.start_date() {
            Some(_) => TaskDates {
                start_date: Some(t),
                due_date: self.task.due_date().map(|d| {
                    self.due
                        .get_or_insert_with(|| Due::new(self.schedule, d))
                        .at(self.schedule, t, self.seconds)
                }),
            },
            None => TaskDates {
                start_date: None,
                due_date: Some(t),
            },
        }
    }
}

/// Rules and zones already read for other tasks of a list, by their text: a list holds thousands of
/// tasks and a few dozen rules and zones, each read once.
#[derive(Debug, Default)]
pub(crate) struct RuleCache {
    rules: HashMap<Box<str>, Arc<Recurrence>, Fnv>,
    /// Each zone with a resolver that knows its offsets near `near`, for the tasks' walks to start
    /// from.
    zones: HashMap<Box<str>, (Zone, Resolver), Fnv>,
    /// The rule of the tasks without a flag, made once.
    not_recurring: Option<Arc<Recurrence>>,
    /// The instant (Unix seconds) the walks are about, if known.
    near: Option<i64>,
    /// Dates of instants, knowing the year of `near`.
    instants: Instants,
}

impl RuleCache {
    /// A cache for walks about instant `t`: each zone's resolver learns its offsets around it once.
    pub(crate) fn near(t: DateTime<Utc>) -> RuleCache {
        RuleCache {
            near: Some(t.timestamp()),
            instants: Instants::near(t.timestamp()),
            ..RuleCache::default()
        }
    }

    /// The rule of `task`'s flag and the task's zone (with a resolver for it), each read once per
    /// text, in the order [`Schedule::of`] reads them (so that a task with two faults reports the
    /// same one).
    fn read(
        &mut self,
        task: &Task,
        given: Option<(Zone, Resolver)>,
    ) -> Result<(Arc<Recurrence>, Zone, Resolver, Instants), Error> {
        let rule = match task.repeat_flag() {
            None => Arc::clone(
                self.not_recurring
                    .get_or_insert_with(|| Arc::new(Recurrence::NotRecurring)),
            ),
            Some(text) => match self.rules.get(text) {
                Some(rule) => Arc::clone(rule),
                None => {
                    let rule = Arc::new(task.recurrence()?);
                    self.rules.insert(text.into(), Arc::clone(&rule));
                    rule
                }
            },
        };
        let (zone, resolver) = match given {
            Some(given) => given,
            None => self.zone_and_resolver(task)?,
        };
        Ok((rule, zone, resolver, self.instants))
    }

    /// The task's zone, as [`Task::zone`] gives it, read once per zone name, and a resolver for it.
    pub(crate) fn zone_and_resolver(&mut self, task: &Task) -> Result<(Zone, Resolver), Error> {
        let Some(name) = task.time_zone() else {
            let zone = task.zone()?;
            return Ok((zone, Resolver::new(zone)));
        };
        if let Some((zone, resolver)) = self.zones.get(name) {
            return Ok((*zone, resolver.clone()));
        }
        let zone = task.zone()?;
        let mut resolver = Resolver::new(zone);
        if let Some(t) = self.near {
            // Both of its caches: offsets at instants, and instants of wall-clock times.
            let wall = t.saturating_add(resolver.offset(t));
            resolver.instant(wall);
        }
        self.zones.insert(name.into(), (zone, resolver.clone()));
        Ok((zone, resolver))
    }
}

/// FNV-1a taken eight bytes at a time: the keys are short texts from the caller's own list, hashed
/// once or twice per task, so a hash of few steps matters more than its spread.
#[derive(Debug, Clone, Copy)]
pub(crate) struct FnvHasher(u64);

impl Default for FnvHasher {
    fn default() -> Self {
        FnvHasher(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for FnvHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.0 = (self.0 ^ u64::from_le_bytes(word)).wrapping_mul(0x0100_0000_01b3);
        }
        for &b in chunks.remainder() {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        // The low bits choose the bucket: fold the high bits, which the multiplications fill, in.
        self.0 ^= self.0 >> 29;
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// A hash map's hasher for short texts of the caller's own list ([`FnvHasher`]).
pub(crate) type Fnv = BuildHasherDefault<FnvHasher>;

/// The occurrences of `task` that start in `[from, to]`, at most `limit` of them, in the order
/// [`occurrences`](super::occurrences) lists them, each given to `visit` until it breaks. `rules`,
/// when given, supplies rules read for other tasks, and `zone` the task's zone and a resolver for it
/// when the caller has read them already ([`RuleCache::zone_and_resolver`]).
pub(crate) fn visit_occurrences(
    task: &Task,
    rules: Option<&mut RuleCache>,
    zone: Option<(Zone, Resolver)>,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    limit: usize,
    mut visit: impl FnMut(Seen<'_, '_>) -> ControlFlow<()>,
) -> Result<(), Error> {
    let schedule = match rules {
        Some(rules) => Schedule::with_rule(task, |t| rules.read(t, zone))?,
        None => Schedule::of(task)?,
    };
    let Some(schedule) = schedule else {
        return Ok(());
    };
    let start = schedule.start();
    let mut due = None;
    let mut emit = |t: DateTime<Utc>, seconds: i64| {
        visit(Seen {
            start: t,
            seconds,
            task,
            schedule: &schedule,
            due: &mut due,
        })
    };
    if (from..=to).contains(&start) && limit > 0 && emit(start, start.timestamp()).is_break() {
        return Ok(());
    }
    // A task repeating from its completion date has no predictable occurrence after its current one.
    let predictable = schedule.close_mode() != RepeatFrom::CompletionDate;
    if !(schedule.is_recurring() && predictable && start <= to) {
        return Ok(());
    }
    // COUNT is counted from the current start: a series whose occurrences after the start are
    // exactly the ones COUNT allows does the counting, by arithmetic where it can.
    let series = match schedule.later_allowed() {
        Some(0) => return Ok(()),
        Some(later) => schedule.series_allowing(later)?,
        None => schedule.series()?,
    };
    let just_before = just_before(from);
    let already = usize::from((from..=to).contains(&start));
    let window = crate::expand::Window {
        after: Some(start.max(just_before)),
        until: Some(to),
        limit: limit.saturating_sub(already),
    };
    // The walk of `Series::iter_after` cut to the window, stopped where `visit` breaks.
    let walked = series.each_in(window, |occurrence| {
        match emit(occurrence.instant(), occurrence.unix_seconds()) {
            ControlFlow::Continue(()) => Ok(()),
            ControlFlow::Break(()) => Err(Stop::Visited),
        }
    });
    match walked {
        Ok(()) | Err(Stop::Visited) => Ok(()),
        Err(Stop::Failed(error)) => Err(error),
    }
}

/// The instant a nanosecond before `t` (`t` itself at chrono's first instant): by the time of day
/// alone unless `t` is a day's first instant or in a leap second.
fn just_before(t: DateTime<Utc>) -> DateTime<Utc> {
    let naive = t.naive_utc();
    let (second, nanos) = (naive.num_seconds_from_midnight(), naive.nanosecond());
    let time = match (second, nanos) {
        (_, 1..1_000_000_000) => NaiveTime::from_num_seconds_from_midnight_opt(second, nanos - 1),
        (1.., 0) => NaiveTime::from_num_seconds_from_midnight_opt(second - 1, 999_999_999),
        _ => None,
    };
    match time {
        Some(time) => naive.date().and_time(time).and_utc(),
        None => t.checked_sub_signed(TimeDelta::nanoseconds(1)).unwrap_or(t),
    }
}

/// Why a walk stopped early: `visit` broke it, or the series failed.
enum Stop {
    Visited,
    Failed(Error),
}

impl From<Error> for Stop {
    fn from(error: Error) -> Stop {
        Stop::Failed(error)
    }
}

/// Instants this far from 1970 (about 34,800 years) are far from chrono's ends (262,000 years), so
/// that wall-clock seconds computed from them need no clamping.
const NEAR: u64 = 1 << 40;

/// A task's due date at each of its occurrences: [`Schedule::shift`] of it, the wall-clock distance
/// from the start kept. Computed on wall-clock seconds, without building dates, where every instant
/// is near enough ([`NEAR`]); by [`Schedule::shift_local`] otherwise. Both do the same arithmetic.
///
/// A due date at the start's own wall-clock time is the occurrence's start itself, for every
/// occurrence of the series: each is the instant [`Zone::instant`] gives a wall-clock time, and that
/// instant's wall-clock time gives it back.
struct Due {
    resolver: Resolver,
    instants: Instants,
    /// The task's current start, whose due date is worked out in full: it may be the second instant
    /// of a repeated wall-clock time, which [`Zone::instant`] does not give.
    start: DateTime<Utc>,
    /// The due date, and the zone's offset then: its wall-clock time.
    due: DateTime<Utc>,
    offset: i64,
    /// The due date's wall-clock time less the start's, in seconds and nanoseconds, when both are
    /// near.
    distance: Option<(i64, i64)>,
}

impl Due {
    fn new(schedule: &Schedule<'_>, due: DateTime<Utc>) -> Due {
        let mut resolver = schedule.resolver();
        let start = schedule.start();
        // Wall-clock seconds of the due date and the start: `zone::shifted` of each by its offset
        // (less than a day), as Unix seconds, for instants that are not in a leap second.
        let wall = |t: DateTime<Utc>, resolver: &mut Resolver| {
            let u = t.timestamp();
            let offset = resolver.offset(u);
            (u + offset, offset, t.timestamp_subsec_nanos())
        };
        let (due_wall, offset, due_nanos) = wall(due, &mut resolver);
        let (start_wall, _, start_nanos) = wall(start, &mut resolver);
        let near = |w: i64, nanos: u32| w.unsigned_abs() < NEAR && nanos < 1_000_000_000;
        let distance = (near(due_wall, due_nanos) && near(start_wall, start_nanos)).then(|| {
            (
                due_wall - start_wall,
                i64::from(due_nanos) - i64::from(start_nanos),
            )
        });
        Due {
            resolver,
            instants: schedule.instants(),
            start,
            due,
            offset,
            distance,
        }
    }

    /// The due date of the occurrence that starts at `t`, whose Unix seconds are `u`.
    fn at(&mut self, schedule: &Schedule<'_>, t: DateTime<Utc>, u: i64) -> DateTime<Utc> {
        let near = u.unsigned_abs() < NEAR && t.timestamp_subsec_nanos() < 1_000_000_000;
        match self.distance {
            Some((0, 0)) if t != self.start && near => return t,
            Some((seconds, nanos)) if near => {
                let wall = u + self.resolver.offset(u);
                let nanos = nanos + i64::from(t.timestamp_subsec_nanos());
                // Whole seconds, mostly: then no carry.
                let (carry, nanos) = match nanos {
                    0 => (0, 0),
                    _ => (
                        nanos.div_euclid(1_000_000_000),
                        u32::try_from(nanos.rem_euclid(1_000_000_000)).unwrap_or(0),
                    ),
                };
                let moved = wall + seconds + carry;
                if let Some(due) = self.instants.at(self.resolver.instant(moved), nanos) {
                    return due;
                }
            }
            _ => {}
        }
        schedule.shift_local(crate::zone::shifted(self.due, self.offset), t)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A nanosecond before an instant, by the time of day, is what chrono's arithmetic gives: at
    /// midnight, within a second, at chrono's first instant, in a leap second.
    #[test]
    fn just_before_is_a_nanosecond_before() {
        let day = chrono::NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
        let mut instants = vec![DateTime::<Utc>::MIN_UTC, DateTime::<Utc>::MAX_UTC];
        for (second, nanos) in [
            (0, 0),
            (0, 1),
            (1, 0),
            (43_200, 500),
            (86_399, 999_999_999),
            (86_399, 1_000_000_000),
            (86_399, 1_500_000_000),
        ] {
            let time = NaiveTime::from_num_seconds_from_midnight_opt(second, nanos).unwrap();
            instants.push(day.and_time(time).and_utc());
        }
        for t in instants {
            let chrono = t.checked_sub_signed(TimeDelta::nanoseconds(1)).unwrap_or(t);
            assert_eq!(just_before(t), chrono, "{t:?}");
        }
    }

    /// The wall-clock arithmetic gives what [`Schedule::shift`] gives, across DST changes of zones
    /// with hour and half-hour changes, starts and due dates with fractions of a second, far dates,
    /// for occurrences (instants [`Zone::instant`] gives) and for any instant when the due date is not
    /// at the start's own wall-clock time.
    #[test]
    fn due_dates_move_as_shift_moves_them() {
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = move |n: i64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            i64::try_from(seed % n.unsigned_abs()).unwrap_or(0)
        };
        let zones = [
            "UTC",
            "America/New_York",
            "Europe/Berlin",
            "Australia/Lord_Howe",
            "Pacific/Apia",
            "Asia/Kolkata",
        ];
        for name in zones {
            let zone: Zone = name.parse().unwrap();
            for _ in 0..400 {
                let base = 1_600_000_000 + next(400_000_000);
                let fraction = u32::try_from(next(3)).unwrap_or(0) * 250_000_000;
                let start = DateTime::from_timestamp(base, fraction).unwrap();
                let distance = if next(3) == 0 {
                    0
                } else {
                    next(200_000) - 1_000
                };
                let due = start + TimeDelta::seconds(distance);
                let text = format!(
                    r#"{{"startDate": "{}", "dueDate": "{}", "timeZone": "{name}"}}"#,
                    start.to_rfc3339(),
                    due.to_rfc3339()
                );
                let task = Task::from_json(&text).unwrap();
                let schedule = Schedule::of(&task).unwrap().unwrap();
                let mut shifted = Due::new(&schedule, task.due_date().unwrap());
                for _ in 0..20 {
                    let far = if next(10) == 0 { 2_000_000_000_000 } else { 0 };
                    let mut t =
                        DateTime::from_timestamp(base + next(100_000_000) - 50_000_000 + far, 0)
                            .unwrap();
                    if distance == 0 || next(2) == 0 {
                        // An occurrence: the instant of a wall-clock time.
                        t = zone.instant(t.naive_utc());
                    }
                    assert_eq!(
                        shifted.at(&schedule, t, t.timestamp()),
                        schedule.shift(task.due_date().unwrap(), t),
                        "{text} at {t}"
                    );
                }
                assert_eq!(
                    shifted.at(&schedule, start, start.timestamp()),
                    schedule.shift(due, start),
                    "{text}"
                );
            }
        }
    }
}
