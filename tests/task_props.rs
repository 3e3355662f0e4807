//! Properties of the task semantics over generated tasks: actions touch only their fields, the add and
//! the update describe the same series, completions walk the expander's dates, ids are sound.

use std::collections::BTreeSet;

use chrono::{DateTime, NaiveDate, NaiveTime, TimeDelta, Utc};
use proptest::prelude::*;
use serde_json::{json, Map, Value};
use ticktick_recur::task::{next_occurrence, Action, Close, Task};
use ticktick_recur::{
    format_instant, IdSeed, ObjectIdGenerator, Recurrence, RepeatFlag, Series, Zone,
};

const FLAGS: &[&str] = &[
    "RRULE:FREQ=DAILY;INTERVAL=1",
    "RRULE:FREQ=DAILY;INTERVAL=3;COUNT=5",
    "RRULE:FREQ=WEEKLY;INTERVAL=1;WKST=SU;BYDAY=SA",
    "RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE,FR",
    "RRULE:FREQ=MONTHLY;INTERVAL=1;BYMONTHDAY=-1;TT_WORKDAY=-1",
    "RRULE:FREQ=MONTHLY;BYDAY=-1FR;COUNT=4",
    "RRULE:FREQ=DAILY;INTERVAL=1;TT_SKIP=WEEKEND",
    "RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29",
    "RRULE:FREQ=DAILY;UNTIL=20260301",
    "ERULE:NAME=FORGETTINGCURVE;CYCLE=0",
    "ERULE:NAME=FORGETTINGCURVE;CYCLE=3;COUNT=3",
    "ERULE:NAME=CUSTOM;BYDATE=20250319,20260320,20270101",
];

const ZONES: &[&str] = &[
    "UTC",
    "America/New_York",
    "Europe/Berlin",
    "Australia/Lord_Howe",
    "Asia/Kolkata",
    "Pacific/Apia",
];

/// What a generated task is made of.
#[derive(Debug, Clone)]
struct Spec {
    flag: Option<&'static str>,
    zone: &'static str,
    all_day: bool,
    repeat_from: Value,
    start_minutes: i64,
    due_minutes: Option<i64>,
    due_only: bool,
    ex_date_days: Option<u64>,
    items: Vec<Option<i64>>,
    extra: Vec<(String, Value)>,
    at_minutes: i64,
}

fn json_leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        "[a-z ]{0,8}".prop_map(Value::String),
    ]
}

fn json_value() -> impl Strategy<Value = Value> {
    json_leaf().prop_recursive(2, 8, 3, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..3).prop_map(Value::Array),
            prop::collection::btree_map("[a-z]{1,4}", inner, 0..3)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

fn spec() -> impl Strategy<Value = Spec> {
    let flag = prop_oneof![
        4 => prop::sample::select(FLAGS).prop_map(Some),
        1 => Just(None),
    ];
    let repeat_from = prop::sample::select(vec![json!("0"), json!("1"), json!("2"), json!(null)]);
    // 2024-01-01 .. 2028-01-01, in minutes.
    let start = 28_401_120i64..30_504_960;
    (
        (
            flag,
            prop::sample::select(ZONES),
            any::<bool>(),
            repeat_from,
            start,
            prop::option::of(0i64..3000),
            prop::bool::weighted(0.2),
        ),
        (
            prop::option::of(1u64..30),
            prop::collection::vec(prop::option::of(-600i64..600), 0..3),
            prop::collection::vec(("x_[a-z]{1,6}", json_value()), 0..4),
            -4000i64..90_000,
        ),
    )
        .prop_map(
            |(
                (flag, zone, all_day, repeat_from, start_minutes, due_minutes, due_only),
                (ex_date_days, items, extra, at_minutes),
            )| Spec {
                flag,
                zone,
                all_day,
                repeat_from,
                start_minutes,
                due_minutes,
                due_only,
                ex_date_days,
                items,
                extra,
                at_minutes,
            },
        )
}

fn minutes(m: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(m * 60, 0).unwrap()
}

impl Spec {
    fn zone(&self) -> Zone {
        self.zone.parse().unwrap()
    }

    /// The generated start, at local midnight for an all-day task.
    fn start(&self) -> DateTime<Utc> {
        let t = minutes(self.start_minutes);
        if self.all_day {
            let zone = self.zone();
            zone.instant(zone.local(t).date().and_time(NaiveTime::MIN))
        } else {
            t
        }
    }

    fn at(&self) -> DateTime<Utc> {
        self.start() + TimeDelta::minutes(self.at_minutes)
    }

    fn ex_dates(&self) -> Vec<NaiveDate> {
        let first = self.zone().local(self.start()).date();
        self.ex_date_days
            .map(|d| first + chrono::Days::new(d))
            .into_iter()
            .collect()
    }

    fn task_starting(&self, start: DateTime<Utc>) -> Task {
        let due = self
            .due_minutes
            .map(|m| format_instant(start + TimeDelta::minutes(m)));
        let mut fields = Map::new();
        fields.insert("id".into(), json!("6940c3d51263b74715346b00"));
        for (k, v) in &self.extra {
            fields.insert(k.clone(), v.clone());
        }
        let items: Vec<Value> = self
            .items
            .iter()
            .enumerate()
            .map(|(i, offset)| {
                json!({
                    "id": format!("item{i}"), "status": 1, "title": "t",
                    "startDate": offset.map(|m| format_instant(start + TimeDelta::minutes(m)))
                })
            })
            .collect();
        let ex: Vec<String> = self
            .ex_dates()
            .iter()
            .map(|d| d.format("%Y%m%d").to_string())
            .collect();
        let own = json!({
            "items": items,
            "reminders": [{"id": "rem0", "trigger": "TRIGGER:PT0S"}],
            "exDate": ex,
            "startDate": if self.due_only { Value::Null } else { json!(format_instant(start)) },
            "dueDate": if self.due_only { json!(format_instant(start)) } else { json!(due) },
            "isAllDay": self.all_day,
            "isFloating": false,
            "repeatFrom": self.repeat_from,
            "repeatFlag": self.flag,
            "progress": 30,
            "status": 0,
            "etag": "abcdefgh",
            "timeZone": self.zone,
            "createdTime": "2024-01-01T00:00:00.000+0000",
            "modifiedTime": "2024-01-01T00:00:00.000+0000",
            "title": "generated",
        });
        for (k, v) in own.as_object().unwrap() {
            fields.insert(k.clone(), v.clone());
        }
        Task::from_map(fields).unwrap()
    }

    fn recurrence(&self) -> Recurrence {
        match self.flag {
            Some(f) => f.parse::<RepeatFlag>().unwrap().validate().unwrap(),
            None => Recurrence::NotRecurring,
        }
    }

    fn series(&self, start: DateTime<Utc>) -> Option<Series> {
        Series::new(&self.recurrence(), start, self.zone())
            .ok()
            .map(|s| s.all_day(self.all_day).exdates(self.ex_dates()))
    }

    /// The series `task` describes as it stands: its own flag (COUNT and CYCLE as they are now)
    /// from its own start, with the spec's zone and exDates, or none of them (`with_exdates` false).
    fn series_of(&self, task: &Task, with_exdates: bool) -> Series {
        let recurrence = recurrence_of(task);
        let series = Series::new(&recurrence, start_of(task).unwrap(), self.zone())
            .unwrap()
            .all_day(self.all_day);
        if with_exdates {
            series.exdates(self.ex_dates())
        } else {
            series
        }
    }

    /// Whether moving `task` on to `moved_to` stepped over a forgetting curve's point on an exDate.
    /// A completion raises CYCLE by exactly one even then (BEHAVIOUR.md §5.1, TickTick's
    /// `GetNextCount`), so from there on the task's gaps are shorter than the expansion's: the
    /// expansion from the first start counts the point removed as a step of the curve, the task
    /// does not.
    fn curve_steps_over_exdate(&self, task: &Task, moved_to: DateTime<Utc>) -> bool {
        let from = start_of(task).unwrap();
        cycle_of(task).is_some()
            && self
                .series_of(task, false)
                .iter_after_unbounded(from)
                .next()
                .map(|o| o.instant())
                != Some(moved_to)
    }

    /// The series' first occurrence, so that the task's start matches its rule.
    ///
    /// Deliberately excluded: timed starts between 01:00 and 04:00 local, where the zones here change
    /// their clocks. An occurrence that falls in a spring-forward gap is shifted forward (02:30 becomes
    /// 03:30), and a task stores only that instant: from then on its series runs at the shifted
    /// wall-clock time, while the expansion from the original start keeps the original one. TickTick's
    /// task holds no more information than this, so the drift is inherent, not a defect.
    fn matching_start(&self) -> Option<DateTime<Utc>> {
        let start = self
            .series(self.start())?
            .iter_unbounded()
            .next()?
            .instant();
        let hour = chrono::Timelike::hour(&self.zone().local(start));
        (self.all_day || !(1..4).contains(&hour)).then_some(start)
    }
}

fn close(spec: &Spec) -> Close {
    Close {
        at: spec.at(),
        user_id: 42,
    }
}

fn start_of(t: &Task) -> Option<DateTime<Utc>> {
    t.start_date().or_else(|| t.due_date())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    // That an action never loses or alters a field it is not meant to touch (unknown fields of every
    // JSON type included, inside items and reminders too) is `tests/task_fields_props.rs`.

    /// The add is the occurrence closed and the update the next one: the update's start is the
    /// engine's next occurrence, and the one after it continues the same series.
    #[test]
    fn add_and_update_describe_the_same_series(spec in spec()) {
        let Some(start) = spec.matching_start() else { return Ok(()) };
        let task = spec.task_starting(start);
        let Ok(body) = Action::Complete(close(&spec)).apply(&task, &mut ObjectIdGenerator::new()) else {
            return Ok(());
        };
        let next = next_occurrence(&task, spec.at()).unwrap();
        match (body.add.first(), next) {
            (None, None) => prop_assert_eq!(body.update[0].status(), 2),
            (Some(add), Some(next)) => {
                let update = &body.update[0];
                prop_assert_eq!(start_of(add), Some(start));
                prop_assert_eq!(add.get("dueDate"), task.get("dueDate"));
                prop_assert_eq!(update.start_date(), next.start_date);
                prop_assert_eq!(update.due_date(), next.due_date);
                let series = spec.series(start).unwrap();
                let moved_to = start_of(update).unwrap();
                if task.repeat_from() == ticktick_recur::task::RepeatFrom::DueDate
                    || !matches!(spec.recurrence(), Recurrence::Rule(_))
                {
                    let mut later = series.iter_after_unbounded(start);
                    prop_assert_eq!(later.next().map(|o| o.instant()), Some(moved_to));
                    // The occurrence after the update's: the one the expansion lists next, unless a
                    // forgetting curve stepped over an exDate (then its CYCLE, raised by one, starts
                    // a series of its own from the update's start).
                    let then = if spec.curve_steps_over_exdate(&task, moved_to) {
                        spec.series_of(update, true).iter_after_unbounded(moved_to).next()
                    } else {
                        later.next()
                    };
                    let update_next = next_occurrence(update, moved_to).unwrap();
                    prop_assert_eq!(update_next.map(start_of_dates), then.map(|o| o.instant()));
                }
                if let Some(cycle) = cycle_of(&task) {
                    prop_assert_eq!(cycle_of(update), Some(cycle + 1));
                }
            }
            (add, next) => prop_assert!(false, "add {:?} but next {:?}", add, next),
        }
    }

    /// Completing a task that repeats from its due date again and again walks the expander's dates:
    /// each completion moves to the next occurrence of the series the task describes as it stands,
    /// and, until a forgetting curve steps over an exDate (see [`Spec::curve_steps_over_exdate`]),
    /// to the next date of the expansion from the first start.
    #[test]
    fn repeated_completion_from_due_date_walks_the_expansion(spec in spec(), rounds in 1usize..10) {
        let spec = Spec { repeat_from: json!("0"), ..spec };
        let Some(start) = spec.matching_start() else { return Ok(()) };
        let expected: Vec<_> = spec
            .series(start)
            .unwrap()
            .iter_unbounded()
            .skip(1)
            .take(rounds)
            .map(|o| o.instant())
            .collect();
        let mut task = spec.task_starting(start);
        let mut walked = Vec::new();
        // How many moves agree with the expansion: all of them, or up to the first that stepped
        // over an exDate on a forgetting curve, that one included.
        let mut agreeing = None;
        for _ in 0..rounds {
            let body = Action::Complete(close(&spec)).apply(&task, &mut ObjectIdGenerator::new()).unwrap();
            if body.add.is_empty() {
                break;
            }
            let from = start_of(&task).unwrap();
            let update = body.update[0].clone();
            let moved_to = start_of(&update).unwrap();
            let own_next = spec.series_of(&task, true).iter_after_unbounded(from).next();
            prop_assert_eq!(own_next.map(|o| o.instant()), Some(moved_to));
            if let Some(cycle) = cycle_of(&task) {
                prop_assert_eq!(cycle_of(&update), Some(cycle + 1));
            }
            if agreeing.is_none() && spec.curve_steps_over_exdate(&task, moved_to) {
                agreeing = Some(walked.len() + 1);
            }
            walked.push(moved_to);
            task = update;
        }
        match agreeing {
            None => prop_assert_eq!(walked, expected),
            Some(n) => prop_assert_eq!(Some(&walked[..n]), expected.get(..n)),
        }
    }

    /// Generated ids are 24 lowercase hex digits, unique, and ordered as their instants are.
    #[test]
    fn ids_are_unique_well_formed_and_time_ordered(
        process in any::<[u8; 5]>(),
        counter in 0u32..0xff_0000,
        steps in prop::collection::vec(0i64..5, 1..200),
    ) {
        let mut ids = ObjectIdGenerator::from_seed(IdSeed::new(process, counter));
        let mut at = minutes(29_000_000);
        let mut made = Vec::new();
        for step in steps {
            at += TimeDelta::seconds(step);
            made.push(ids.next_id(at).to_string());
        }
        for id in &made {
            prop_assert_eq!(id.len(), 24);
            prop_assert!(id.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)));
        }
        let unique: BTreeSet<&String> = made.iter().collect();
        prop_assert_eq!(unique.len(), made.len());
        let mut sorted = made.clone();
        sorted.sort();
        prop_assert_eq!(sorted, made);
    }
}

/// The recurrence of a task's flag as it stands.
fn recurrence_of(task: &Task) -> Recurrence {
    match task.repeat_flag() {
        Some(f) => f.parse::<RepeatFlag>().unwrap().validate().unwrap(),
        None => Recurrence::NotRecurring,
    }
}

/// A forgetting curve's CYCLE as the task's flag states it.
fn cycle_of(task: &Task) -> Option<u32> {
    match recurrence_of(task) {
        Recurrence::ForgettingCurve { cycle, .. } => Some(cycle),
        _ => None,
    }
}

fn start_of_dates(d: ticktick_recur::task::TaskDates) -> DateTime<Utc> {
    d.start_date.or(d.due_date).unwrap()
}
