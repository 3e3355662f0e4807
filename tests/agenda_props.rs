//! Properties of the agenda and the reminders over generated task lists (BEHAVIOUR.md §8):
//!
//! - the agenda of a list is each task's `occurrences` concatenated and sorted, the limit keeping the
//!   first entries;
//! - every fire time is the occurrence's start moved by its trigger as §8 says, worked out here with
//!   chrono-tz's zone data (an independent reading of the IANA database), and every such fire time in
//!   the window is listed;
//! - entries are in the window and in order, and a limit gives the first entries of the whole answer;
//! - triggers read back from their text.

use chrono::{DateTime, Duration, LocalResult, NaiveDateTime, NaiveTime, TimeZone, Utc};
use proptest::prelude::*;
use serde_json::{json, Value};
use ticktick_recur::agenda::{agenda, reminders, ReminderEntry, ReminderSource, Trigger, Window};
use ticktick_recur::format_instant;
use ticktick_recur::task::{occurrences, Task};

const FLAGS: &[Option<&str>] = &[
    None,
    Some("RRULE:FREQ=DAILY;INTERVAL=1"),
    Some("RRULE:FREQ=DAILY;INTERVAL=2;TT_SKIP=WEEKEND"),
    Some("RRULE:FREQ=WEEKLY;INTERVAL=1;BYDAY=MO,WE,SA"),
    Some("RRULE:FREQ=MONTHLY;INTERVAL=1;BYDAY=-1FR"),
    Some("RRULE:FREQ=MONTHLY;INTERVAL=1;BYMONTHDAY=31"),
    Some("RRULE:FREQ=YEARLY;INTERVAL=1"),
    Some("RRULE:FREQ=DAILY;COUNT=4"),
    Some("RRULE:FREQ=HOURLY;INTERVAL=7"),
    Some("ERULE:NAME=FORGETTINGCURVE;CYCLE=1"),
];

const ZONES: &[&str] = &[
    "UTC",
    "America/New_York",
    "Europe/Berlin",
    "Australia/Lord_Howe",
    "America/Sao_Paulo",
    "Pacific/Apia",
    "Asia/Kolkata",
];

/// 2026-03-01T00:00:00Z.
const BASE: i64 = 1_772_323_200;

/// A trigger's parts: sign, weeks or days, and a time part of hours, minutes and seconds.
#[derive(Debug, Clone, Copy)]
struct Parts {
    negative: bool,
    weeks: bool,
    days: u32,
    time: Option<(Option<u32>, Option<u32>, Option<u32>)>,
}

impl Parts {
    /// The canonical text of the trigger.
    fn text(&self) -> String {
        let mut t = format!("TRIGGER:{}P", if self.negative { "-" } else { "" });
        if self.weeks {
            t.push_str(&format!("{}W", self.days));
            return t;
        }
        if self.days > 0 || self.time.is_none() {
            t.push_str(&format!("{}D", self.days));
        }
        if let Some((h, m, s)) = self.time {
            t.push('T');
            for (v, unit) in [(h, 'H'), (m, 'M'), (s, 'S')] {
                if let Some(v) = v {
                    t.push_str(&format!("{v}{unit}"));
                }
            }
        }
        t
    }

    fn day_count(&self) -> i64 {
        i64::from(self.days) * if self.weeks { 7 } else { 1 }
    }

    fn seconds(&self) -> i64 {
        self.time.map_or(0, |(h, m, s)| {
            i64::from(h.unwrap_or(0)) * 3600
                + i64::from(m.unwrap_or(0)) * 60
                + i64::from(s.unwrap_or(0))
        })
    }
}

fn parts() -> impl Strategy<Value = Parts> {
    let time = (
        proptest::option::of(0u32..30),
        proptest::option::of(0u32..100),
        proptest::option::of(0u32..100),
    )
        .prop_filter(
            "a time part has a unit, and minutes between hours and seconds",
            |(h, m, s)| {
                (h.is_some() || m.is_some() || s.is_some())
                    && !(h.is_some() && s.is_some() && m.is_none())
            },
        );
    (
        any::<bool>(),
        prop::bool::weighted(0.1),
        0u32..3,
        proptest::option::of(time),
    )
        .prop_map(|(negative, weeks, days, time)| Parts {
            negative,
            weeks: weeks && time.is_none(),
            days,
            time,
        })
}

/// What a generated task is made of.
#[derive(Debug, Clone)]
struct Spec {
    flag: Option<&'static str>,
    zone: &'static str,
    all_day: bool,
    /// An all-day task whose current start is not its local midnight (a task moved between zones).
    off_midnight: bool,
    start_hours: i64,
    due_hours: Option<i64>,
    due_only: bool,
    repeat_from: &'static str,
    status: i64,
    ex_date_day: Option<i64>,
    triggers: Vec<Parts>,
    snooze_hours: Option<i64>,
    item_hours: Vec<(i64, bool)>,
}

fn spec() -> impl Strategy<Value = Spec> {
    (
        (
            proptest::sample::select(FLAGS),
            proptest::sample::select(ZONES),
            any::<bool>(),
            -2000i64..6000,
            proptest::option::of(0i64..50),
            prop::bool::weighted(0.1),
            prop::bool::weighted(0.2),
        ),
        (
            proptest::sample::select(&["0", "1", "2", "2"][..]),
            proptest::sample::select(&[0i64, 0, 0, 0, 2, -1][..]),
            proptest::option::of(0i64..250),
            proptest::collection::vec(parts(), 0..4),
            proptest::option::of(0i64..6000),
            proptest::collection::vec((0i64..6000, prop::bool::weighted(0.3)), 0..3),
        ),
    )
        .prop_map(
            |(
                (flag, zone, all_day, start_hours, due_hours, due_only, off_midnight),
                (repeat_from, status, ex_date_day, triggers, snooze_hours, item_hours),
            )| Spec {
                flag,
                zone,
                all_day,
                off_midnight,
                start_hours,
                due_hours,
                due_only,
                repeat_from,
                status,
                ex_date_day,
                triggers,
                snooze_hours,
                item_hours,
            },
        )
}

fn at_hours(hours: i64) -> String {
    format_instant(DateTime::from_timestamp(BASE + hours * 3600, 0).unwrap())
}

fn local_midnight(zone: chrono_tz::Tz, t: DateTime<Utc>) -> DateTime<Utc> {
    let date = t.with_timezone(&zone).date_naive();
    resolve(zone, date.and_time(NaiveTime::MIN)).unwrap_or(t)
}

/// The task's JSON; an all-day task starts at local midnight, as TickTick writes it, unless
/// `off_midnight`.
fn task_json(s: &Spec, i: usize) -> Value {
    let zone: chrono_tz::Tz = s.zone.parse().unwrap();
    let mut start = DateTime::from_timestamp(BASE + s.start_hours * 3600, 0).unwrap();
    if s.all_day && !s.off_midnight {
        start = local_midnight(zone, start);
    }
    let due = s
        .due_hours
        .map(|h| format_instant(start + Duration::hours(h)));
    let mut task = json!({
        "id": format!("task{i}"),
        "status": s.status,
        "timeZone": s.zone,
        "isAllDay": s.all_day,
        "repeatFlag": s.flag,
        "repeatFrom": s.repeat_from,
        "startDate": if s.due_only { Value::Null } else { json!(format_instant(start)) },
        "dueDate": if s.due_only { json!(format_instant(start)) } else { json!(due) },
        "reminders": s.triggers.iter().enumerate()
            .map(|(k, p)| json!({"id": format!("r{k}"), "trigger": p.text()})).collect::<Vec<_>>(),
        "remindTime": s.snooze_hours.map(at_hours),
        "items": s.item_hours.iter().enumerate().map(|(k, (h, done))| json!({
            "id": format!("i{k}"), "status": i64::from(*done), "startDate": at_hours(*h),
        })).collect::<Vec<_>>(),
    });
    if let Some(day) = s.ex_date_day {
        let date = (DateTime::from_timestamp(BASE, 0).unwrap() + Duration::days(day))
            .format("%Y%m%d")
            .to_string();
        task["exDate"] = json!([date]);
    }
    task
}

/// A wall-clock time of `zone` as an instant: gaps shifted forward by their length, folds to the
/// earlier instant (BEHAVIOUR.md §3), from chrono-tz.
fn resolve(zone: chrono_tz::Tz, local: NaiveDateTime) -> Option<DateTime<Utc>> {
    match zone.from_local_datetime(&local) {
        LocalResult::Single(t) => Some(t.with_timezone(&Utc)),
        LocalResult::Ambiguous(a, b) => Some(a.min(b).with_timezone(&Utc)),
        LocalResult::None => {
            // In a gap: read with the offset in force just before it.
            let before = zone.from_utc_datetime(&(local - Duration::days(1)));
            let offset = chrono::Offset::fix(before.offset());
            Some((local - offset).and_utc())
        }
    }
}

/// BEHAVIOUR.md §8, from chrono-tz: when `parts` fires for an occurrence starting at `start`.
fn expected_fire(
    parts: &Parts,
    zone: chrono_tz::Tz,
    all_day: bool,
    start: DateTime<Utc>,
) -> Option<DateTime<Utc>> {
    let sign = if parts.negative { -1 } else { 1 };
    let days = sign * parts.day_count();
    let mut seconds = sign * parts.seconds();
    if all_day {
        let legacy =
            parts.time.is_none() || (parts.days == 0 && !parts.weeks && parts.seconds() == 0);
        if legacy {
            seconds = 9 * 3600;
        }
        let midnight = start
            .with_timezone(&zone)
            .date_naive()
            .and_time(NaiveTime::MIN);
        return resolve(
            zone,
            midnight + Duration::days(days) + Duration::seconds(seconds),
        );
    }
    let base = if days == 0 {
        start
    } else {
        resolve(
            zone,
            start.with_timezone(&zone).naive_local() + Duration::days(days),
        )?
    };
    Some(base + Duration::seconds(seconds))
}

fn window_of(from_hours: i64, length_hours: i64, limit: usize) -> Window {
    let from = DateTime::from_timestamp(BASE + from_hours * 3600, 0).unwrap();
    Window::new(from, from + Duration::hours(length_hours)).with_limit(limit)
}

fn limits() -> impl Strategy<Value = usize> {
    proptest::sample::select(&[1usize, 3, 17, 100, usize::MAX][..])
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// The agenda is each task's occurrences, concatenated, ordered by start then position, the limit
    /// keeping the first.
    #[test]
    fn agenda_is_every_tasks_occurrences_merged(
        specs in proptest::collection::vec(spec(), 0..8),
        from_hours in -500i64..6000,
        length_hours in 0i64..1200,
        limit in limits(),
    ) {
        let tasks: Vec<Task> = specs.iter().enumerate()
            .map(|(i, s)| Task::from_value(task_json(s, i)).unwrap()).collect();
        let w = window_of(from_hours, length_hours, limit);
        let mut expected = Vec::new();
        for (position, task) in tasks.iter().enumerate() {
            for (index, dates) in occurrences(task, w.from, w.to, w.limit).unwrap().into_iter().enumerate() {
                let start = dates.start_date.or(dates.due_date).unwrap();
                expected.push(((start, position, index), dates));
            }
        }
        expected.sort_by_key(|(key, _)| *key);
        expected.truncate(limit);
        let got = agenda(&tasks, &w).unwrap();
        let got: Vec<_> = got.iter().map(|e| ((e.start(), e.position()), e.dates())).collect();
        let expected: Vec<_> = expected.into_iter().map(|((s, p, _), d)| ((s, p), d)).collect();
        prop_assert_eq!(got, expected);
    }

    /// Every reminder in the window, and only those: each trigger's fire time for every occurrence
    /// (from BEHAVIOUR.md §8 and chrono-tz), snoozes and open checklist items of open tasks; in
    /// order; the limit giving the first of them.
    #[test]
    fn reminders_are_every_fire_time_in_the_window(
        specs in proptest::collection::vec(spec(), 0..6),
        from_hours in -500i64..6000,
        length_hours in 0i64..1200,
        limit in limits(),
    ) {
        let tasks: Vec<Task> = specs.iter().enumerate()
            .map(|(i, s)| Task::from_value(task_json(s, i)).unwrap()).collect();
        let w = window_of(from_hours, length_hours, usize::MAX);
        let got = reminders(&tasks, &w).unwrap();
        let mut expected: Vec<(DateTime<Utc>, usize, String)> = Vec::new();
        let inside = |t: DateTime<Utc>| w.from <= t && t <= w.to;
        for (position, (task, s)) in tasks.iter().zip(&specs).enumerate() {
            if s.status != 0 {
                continue;
            }
            let zone: chrono_tz::Tz = s.zone.parse().unwrap();
            // Triggers here reach at most 2 weeks and 30 hours from their occurrence.
            let margin = Duration::days(16);
            for dates in occurrences(task, w.from - margin, w.to + margin, usize::MAX).unwrap() {
                let start = dates.start_date.or(dates.due_date).unwrap();
                for (k, p) in s.triggers.iter().enumerate() {
                    if let Some(fire) = expected_fire(p, zone, s.all_day, start).filter(|t| inside(*t)) {
                        expected.push((fire, position, format!("r{k} {}", format_instant(start))));
                    }
                }
            }
            let snooze = s.snooze_hours.map(|h| DateTime::from_timestamp(BASE + h * 3600, 0).unwrap());
            if let Some(t) = snooze.filter(|t| inside(*t)) {
                expected.push((t, position, "snooze".to_owned()));
            }
            for (k, (h, done)) in s.item_hours.iter().enumerate() {
                let t = DateTime::from_timestamp(BASE + h * 3600, 0).unwrap();
                if !done && inside(t) {
                    expected.push((t, position, format!("i{k}")));
                }
            }
        }
        let describe = |r: &ReminderEntry| {
            let what = match r.source() {
                ReminderSource::Trigger { index } => {
                    let start = r.dates().start_date.or(r.dates().due_date).unwrap();
                    format!("r{index} {}", format_instant(start))
                }
                ReminderSource::Snooze => "snooze".to_owned(),
                ReminderSource::ChecklistItem { index } => format!("i{index}"),
                _ => unreachable!(),
            };
            (r.fire_time(), r.position(), what)
        };
        let mut listed: Vec<_> = got.iter().map(describe).collect();
        // In order: fire time, then position.
        prop_assert!(listed.windows(2).all(|p| (p[0].0, p[0].1) <= (p[1].0, p[1].1)));
        listed.sort();
        expected.sort();
        prop_assert_eq!(listed, expected);
        // The limit keeps the first entries.
        let some = reminders(&tasks, &w.with_limit(limit)).unwrap();
        prop_assert_eq!(&some[..], &got[..limit.min(got.len())]);
    }

    /// A trigger's canonical text reads back as the same trigger, with the same parts.
    #[test]
    fn triggers_read_back_from_their_text(p in parts()) {
        let text = p.text();
        let t: Trigger = text.parse().unwrap();
        prop_assert_eq!(t.to_string(), text.clone());
        prop_assert_eq!(t.is_negative(), p.negative);
        prop_assert_eq!(t.days(), p.day_count().unsigned_abs());
        prop_assert_eq!(t.seconds(), p.seconds().unsigned_abs());
        prop_assert_eq!(text.parse::<Trigger>().unwrap(), t);
    }

    /// Any text either reads as a trigger whose text reads back the same, or is refused at a
    /// character boundary inside it.
    #[test]
    fn any_text_reads_or_is_refused_cleanly(text in "(TRIGGER:)?[-+]?P?T?[0-9]{0,3}[WDHMS]?[0-9]{0,2}[HMS]?.{0,2}") {
        match text.parse::<Trigger>() {
            Ok(t) => prop_assert_eq!(t.to_string().parse::<Trigger>().unwrap(), t),
            Err(e) => {
                prop_assert!(e.offset() <= text.len());
                prop_assert!(text.is_char_boundary(e.offset()));
            }
        }
    }
}
