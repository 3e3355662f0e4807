//! A deterministic task list for the agenda and reminders benchmarks: `count` tasks drawn from a
//! seeded generator, shaped like the tasks TickTick's sync answer carries (every field the web app
//! sends, titles, notes, tags), about 800 bytes each.
//!
//! The mix: daily, weekly, monthly and yearly rules (some every n-th period, some with `TT_SKIP`,
//! COUNT or UNTIL, some with exDates), one-off tasks, timed and all-day, in 20 zones; series begun
//! anywhere from 2000 to 2026; reminders of every trigger form TickTick writes, snoozed reminders,
//! checklist items with their own dates, a few closed tasks.
//!
//! Shared by the benchmarks (`benches/bench/agenda.rs`) and `examples/generate_tasks.rs`, which
//! writes the list to a file for the command line.

use std::fmt::Write as _;

/// The 20 zones tasks are spread over: DST in both hemispheres, half-hour offsets, a skipped day.
pub const ZONES: [&str; 20] = [
    "UTC",
    "Europe/Istanbul",
    "Europe/Berlin",
    "Europe/London",
    "Europe/Moscow",
    "America/New_York",
    "America/Chicago",
    "America/Los_Angeles",
    "America/Sao_Paulo",
    "America/Mexico_City",
    "Asia/Shanghai",
    "Asia/Tokyo",
    "Asia/Kolkata",
    "Asia/Singapore",
    "Asia/Tehran",
    "Australia/Sydney",
    "Australia/Lord_Howe",
    "Pacific/Auckland",
    "Pacific/Apia",
    "Africa/Cairo",
];

const TIMED_TRIGGERS: [&str; 7] = [
    "TRIGGER:PT0S",
    "TRIGGER:-PT5M",
    "TRIGGER:-PT30M",
    "TRIGGER:-PT1H",
    "TRIGGER:-PT60M",
    "TRIGGER:-PT1440M",
    "TRIGGER:-P1D",
];

const ALL_DAY_TRIGGERS: [&str; 5] = [
    "TRIGGER:P0DT9H0M0S",
    "TRIGGER:-P0DT15H0M0S",
    "TRIGGER:-P1DT15H0M0S",
    "TRIGGER:-P1D",
    "TRIGGER:PT0S",
];

const WORDS: [&str; 16] = [
    "review", "weekly", "report", "call", "water", "plants", "pay", "rent", "gym", "read",
    "chapter", "invoice", "team", "standup", "backup", "laptop",
];

/// SplitMix64: small, seeded, the same numbers on every machine.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    /// True with probability `percent` in 100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[self.below(from.len() as u64) as usize]
    }
}

/// Unix seconds of 2026-03-01T00:00:00Z, the start of the benchmarks' 31-day window.
pub const WINDOW_FROM: i64 = 1_772_323_200;

/// A 24-hex-digit ObjectId from a number.
fn object_id(rng: &mut Rng) -> String {
    format!("{:016x}{:08x}", rng.next(), rng.next() as u32)
}

/// Unix seconds as TickTick's wire form.
fn wire(seconds: i64) -> String {
    chrono::DateTime::from_timestamp(seconds, 0)
        .expect("generated instants are in range")
        .format("%Y-%m-%dT%H:%M:%S.000+0000")
        .to_string()
}

/// A `yyyyMMdd` date from Unix seconds.
fn compact_date(seconds: i64) -> String {
    chrono::DateTime::from_timestamp(seconds, 0)
        .expect("generated instants are in range")
        .format("%Y%m%d")
        .to_string()
}

/// `least` to `least + more - 1` words.
fn words(rng: &mut Rng, least: u64, more: u64) -> String {
    let n = least + rng.below(more);
    (0..n)
        .map(|_| rng.pick(&WORDS))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The rule of one task, with how far apart its occurrences are at least (for placing its start).
fn rule(rng: &mut Rng) -> Option<String> {
    const DAYS: [&str; 7] = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];
    let mut flag = match rng.below(100) {
        0..=29 => format!(
            "RRULE:FREQ=DAILY;INTERVAL={}",
            [1, 1, 1, 2, 3][rng.below(5) as usize]
        ),
        30..=54 => {
            let mut days: Vec<&str> = (0..1 + rng.below(3)).map(|_| rng.pick(&DAYS)).collect();
            days.sort_unstable_by_key(|d| DAYS.iter().position(|x| x == d));
            days.dedup();
            format!(
                "RRULE:FREQ=WEEKLY;INTERVAL={};BYDAY={}",
                1 + rng.below(2),
                days.join(",")
            )
        }
        55..=69 => match rng.below(3) {
            0 => format!(
                "RRULE:FREQ=MONTHLY;INTERVAL=1;BYMONTHDAY={}",
                1 + rng.below(28)
            ),
            1 => "RRULE:FREQ=MONTHLY;INTERVAL=1;BYDAY=-1FR".to_owned(),
            _ => "RRULE:FREQ=MONTHLY;INTERVAL=1".to_owned(),
        },
        70..=79 => "RRULE:FREQ=YEARLY;INTERVAL=1".to_owned(),
        80..=82 => "ERULE:NAME=FORGETTINGCURVE;CYCLE=2".to_owned(),
        _ => return None,
    };
    if flag.starts_with("RRULE:FREQ=DAILY") && rng.chance(15) {
        flag.push_str(if rng.chance(70) {
            ";TT_SKIP=WEEKEND"
        } else {
            ";TT_SKIP=HOLIDAY,WEEKEND"
        });
    }
    if flag.starts_with("RRULE:") {
        match rng.below(20) {
            0 => write!(flag, ";COUNT={}", 1 + rng.below(40)).unwrap(),
            1 => write!(
                flag,
                ";UNTIL={}",
                compact_date(WINDOW_FROM + rng.below(40) as i64 * 86_400)
            )
            .unwrap(),
            _ => {}
        }
    }
    Some(flag)
}

/// One task as compact JSON text.
pub fn task(rng: &mut Rng) -> String {
    let zone = rng.pick(&ZONES);
    let all_day = rng.chance(30);
    let flag = rule(rng);
    // Most open tasks sit near the window (their current occurrence due or overdue lately); some
    // series' current start lies years back (an overdue task never completed).
    let day = if flag.is_some() && rng.chance(20) {
        -(rng.below(26 * 365) as i64)
    } else {
        rng.below(70) as i64 - 40
    };
    // Midnight of the day in the zone, roughly (an all-day start is local midnight; the offset only
    // shifts timed tasks' hours, which is as good as any).
    let offset_hours = [
        0, 3, 1, 0, 3, -5, -6, -8, -3, -6, 8, 9, 5, 8, 3, 11, 11, 13, 13, 2,
    ][ZONES.iter().position(|z| *z == zone).unwrap()];
    let midnight = WINDOW_FROM + day * 86_400 - offset_hours * 3600;
    let start = if all_day {
        midnight
    } else {
        midnight + (6 + rng.below(14) as i64) * 3600 + [0, 15, 30, 45][rng.below(4) as usize] * 60
    };
    let due = if all_day {
        start + 86_400 * (1 + i64::from(rng.chance(10)))
    } else {
        start + [0, 1800, 3600, 7200][rng.below(4) as usize]
    };
    let id = object_id(rng);
    let reminders: Vec<String> = (0..[0, 1, 1, 1, 2, 2, 3][rng.below(7) as usize])
        .map(|_| {
            let trigger = if all_day {
                rng.pick(&ALL_DAY_TRIGGERS)
            } else {
                rng.pick(&TIMED_TRIGGERS)
            };
            format!(r#"{{"id":"{}","trigger":"{trigger}"}}"#, object_id(rng))
        })
        .collect();
    let items: Vec<String> = if rng.chance(15) {
        (0..1 + rng.below(3))
            .map(|i| {
                let dated = rng.chance(40);
                let item_start = if dated { format!(r#""{}""#, wire(start - 3600 * rng.below(48) as i64)) } else { "null".to_owned() };
                format!(
                    r#"{{"id":"{}","title":"{}","status":{},"completedTime":null,"isAllDay":false,"sortOrder":{},"startDate":{item_start},"timeZone":"{zone}"}}"#,
                    object_id(rng),
                    words(rng, 2, 1),
                    u64::from(rng.chance(25)),
                    i * 1_099_511_627_776,
                )
            })
            .collect()
    } else {
        Vec::new()
    };
    let ex_dates: Vec<String> = if flag.is_some() && rng.chance(10) {
        (0..1 + rng.below(3))
            .map(|_| {
                format!(
                    r#""{}""#,
                    compact_date(WINDOW_FROM + rng.below(31) as i64 * 86_400)
                )
            })
            .collect()
    } else {
        Vec::new()
    };
    let remind_time = if rng.chance(3) {
        format!(r#""{}""#, wire(WINDOW_FROM + rng.below(31 * 86_400) as i64))
    } else {
        "null".to_owned()
    };
    let status = if rng.chance(4) { 2 } else { 0 };
    let repeat_from = ["2", "2", "2", "0", "1"][rng.below(5) as usize];
    let created = WINDOW_FROM - 86_400 * (30 + rng.below(900) as i64);
    let tags: Vec<String> = (0..rng.below(3))
        .map(|_| format!(r#""{}""#, rng.pick(&WORDS)))
        .collect();
    format!(
        concat!(
            r#"{{"id":"{id}","projectId":"{project}","sortOrder":{sort},"title":"{title}","#,
            r#""content":"{content}","timeZone":"{zone}","isFloating":false,"#,
            r#""isAllDay":{all_day},"reminders":[{reminders}],"exDate":[{ex_dates}],"#,
            r#""repeatTaskId":null,"priority":{priority},"status":{status},"items":[{items}],"#,
            r#""progress":0,"modifiedTime":"{modified}","etag":"{etag}","#,
            r#""createdTime":"{created}","repeatFrom":"{repeat_from}","#,
            r#""focusSummaries":[],"columnId":"{column}","kind":"TEXT","tags":[{tags}],"#,
            r#""startDate":"{start}","dueDate":"{due}","repeatFlag":{flag},"remindTime":{remind_time},"#,
            r#""pinnedTime":null,"attachments":[],"assignee":null}}"#
        ),
        id = id,
        project = object_id(rng),
        sort = -(rng.below(1 << 42) as i64),
        title = words(rng, 2, 4),
        content = words(rng, 1, 8),
        zone = zone,
        all_day = all_day,
        reminders = reminders.join(","),
        ex_dates = ex_dates.join(","),
        priority = [0, 0, 1, 3, 5][rng.below(5) as usize],
        status = status,
        items = items.join(","),
        modified = wire(created + 3600),
        etag = format!("{:08x}", rng.next() as u32),
        created = wire(created),
        repeat_from = repeat_from,
        column = object_id(rng),
        tags = tags.join(","),
        start = wire(start),
        due = wire(due),
        flag = flag.map_or("null".to_owned(), |f| format!(r#""{f}""#)),
        remind_time = remind_time,
    )
}

/// `count` tasks from `seed`, as the body of TickTick's sync answer.
pub fn sync_answer(count: usize, seed: u64) -> String {
    let mut rng = Rng::new(seed);
    let mut out = String::with_capacity(count * 900 + 200);
    out.push_str(r#"{"checkPoint":1772323200000,"syncTaskBean":{"update":["#);
    for i in 0..count {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&task(&mut rng));
    }
    out.push_str(r#"],"tagUpdate":[],"delete":[],"add":[],"empty":false},"projectProfiles":[],"filters":null,"tags":[]}"#);
    out
}
