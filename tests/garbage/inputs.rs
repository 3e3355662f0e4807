//! Seeded, deterministic garbage: mutated repeatFlags, task JSON and arguments, shared by
//! `tests/cli_garbage.rs` (through the binary) and `tests/api_garbage.rs` (through the library).

use std::path::Path;

/// xorshift64: the same inputs on every run.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

pub const FLAGS: &[&str] = &[
    "RRULE:FREQ=DAILY;INTERVAL=1",
    "RRULE:FREQ=WEEKLY;INTERVAL=1;WKST=SU;UNTIL=20260227;BYDAY=SA",
    "RRULE:FREQ=MONTHLY;BYDAY=-1FR,+2MO;BYSETPOS=1,-1;COUNT=3",
    "FREQ=YEARLY;BYWEEKNO=-1,53;BYYEARDAY=+366;UNTIL=20260101T000000Z",
    "RRULE:FREQ=MONTHLY;INTERVAL=1;BYMONTHDAY=-1;TT_WORKDAY=-1;TT_SKIP=HOLIDAY,WEEKEND",
    "ERULE:NAME=CUSTOM;BYDATE=20260319,20260320",
    "ERULE:NAME=FORGETTINGCURVE;CYCLE=2;COUNT=5",
    "LUNAR:FREQ=YEARLY;INTERVAL=1;BYMONTH=8;BYMONTHDAY=15",
    "RRULE:FREQ=SECONDLY;BYSECOND=0,59;BYMINUTE=1;BYHOUR=23;TT_TIMES=2",
    "RRULE:FREQ=HOURLY;INTERVAL=1000000;COUNT=4294967295",
];

/// Whole garbage values for any field: wrong types, overflow, impossible dates, bad ids and zones.
pub const VALUES: &[&str] = &[
    "null",
    "true",
    "0",
    "-1",
    "1e400",
    "18446744073709551616",
    "-9223372036854775809",
    "1.5",
    "\"\"",
    "\"x\"",
    "[]",
    "{}",
    "[1,[2,[3]]]",
    "{\"a\":{\"b\":null}}",
    "\"2026-13-45T99:99:99.000+0000\"",
    "\"+262143-12-31T23:59:59Z\"",
    "\"-262144-01-01T00:00:00Z\"",
    "\"20261345\"",
    "[\"20260230\"]",
    "[\"2026-01-01\"]",
    "\"Mars/Olympus_Mons\"",
    "\"UTC\\u0000\"",
    "\"not-an-object-id\"",
    "\"696b8ba82c6f3277d1cc434g\"",
    "\"\\u0000\"",
    "\"\\ud800\"",
    "\"RRULE:FREQ=DAILY;COUNT=99999999999999999999\"",
    "\"RRULE:FREQ=DAILY;INTERVAL=18446744073709551617\"",
    "\"RRULE:FREQ=DAILY;BYDAY=MO,MO\"",
    "\"RRULE:FREQ=DAILY;COUNT=1;COUNT=2\"",
    "\"3\"",
    "[{\"id\":5}]",
    "[{\"startDate\":\"yesterday\"}]",
    "[null]",
];

/// Fields worth breaking.
pub const FIELDS: &[&str] = &[
    "id",
    "etag",
    "startDate",
    "dueDate",
    "timeZone",
    "isAllDay",
    "isFloating",
    "repeatFlag",
    "repeatFrom",
    "exDate",
    "items",
    "reminders",
    "status",
    "attachments",
    "completedTime",
    "modifiedTime",
    "title",
    "unknownField",
];

pub fn example_tasks() -> Vec<String> {
    ["daily-task.json", "weekly-task.json", "pinned-task.json"]
        .iter()
        .map(|f| {
            std::fs::read_to_string(
                Path::new(env!("CARGO_MANIFEST_DIR"))
                    .join("examples")
                    .join(f),
            )
            .expect("the bundled examples exist")
        })
        .collect()
}

/// A flag with a few random edits, or one of the named monsters.
pub fn flag(rng: &mut Rng) -> String {
    const ALPHABET: &[char] = &[
        '=', ';', ':', ',', '+', '-', '0', '1', '9', 'T', 'Z', 'A', 'M', 'O', 'F', 'R', 'S', 'U',
        'X', 'é', '\0', ' ', '\u{7f}',
    ];
    match rng.below(12) {
        0 => {
            // 5,000 BYDAY entries.
            let days = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];
            let list: Vec<String> = (0..5000)
                .map(|i| format!("{}{}", i % 53 + 1, days[i % 7]))
                .collect();
            format!("RRULE:FREQ=YEARLY;BYDAY={}", list.join(","))
        }
        1 => {
            // 100 KB.
            let mut text = String::from("RRULE:FREQ=DAILY");
            while text.len() < 100_000 {
                text.push_str(";X-PAD=0123456789");
            }
            text
        }
        2 => format!(
            "RRULE:FREQ=DAILY;{}={}",
            rng.pick(&["COUNT", "INTERVAL", "BYSETPOS", "BYMONTHDAY"]),
            rng.pick(&[
                "18446744073709551616",
                "9223372036854775807",
                "-9223372036854775808",
                "4294967296",
                "0"
            ])
        ),
        _ => {
            let mut chars: Vec<char> = rng.pick(FLAGS).chars().collect();
            for _ in 0..1 + rng.below(4) {
                let at = rng.below(chars.len() + 1);
                let c = *rng.pick(ALPHABET);
                match rng.below(3) {
                    0 => chars.insert(at, c),
                    1 if at < chars.len() => {
                        chars.remove(at);
                    }
                    _ if at < chars.len() => chars[at] = c,
                    _ => chars.push(c),
                }
            }
            chars.into_iter().collect()
        }
    }
}

/// A task's JSON text, broken in one or more ways.
pub fn task(rng: &mut Rng, examples: &[String]) -> String {
    let base = rng.pick(examples).clone();
    match rng.below(10) {
        // Byte-level damage: truncation, a stray byte, a NUL.
        0 => {
            let cut = rng.below(base.len());
            base[..base.floor_char_boundary_compat(cut)].to_owned()
        }
        1 => {
            let mut b = base.into_bytes();
            let at = rng.below(b.len());
            b[at] = *rng.pick(&[b'\0', b'"', b'{', b']', b',', b':', b'\\', 0xff]);
            String::from_utf8_lossy(&b).into_owned()
        }
        // A duplicate key.
        2 => base.replacen(
            '{',
            &format!("{{\"{}\": {},", rng.pick(FIELDS), rng.pick(VALUES)),
            1,
        ),
        // Not an object at all.
        3 => rng.pick(VALUES).to_string(),
        _ => {
            let mut v: serde_json::Value = serde_json::from_str(&base).expect("examples are JSON");
            for _ in 0..1 + rng.below(3) {
                let field = rng.pick(FIELDS).to_string();
                let value = if field == "repeatFlag" && rng.chance(50) {
                    serde_json::Value::String(flag(rng))
                } else {
                    // Values JSON cannot hold as a number (1e400) become null here.
                    let text: &&str = rng.pick(VALUES);
                    serde_json::from_str(text).unwrap_or(serde_json::Value::Null)
                };
                v[field] = value;
            }
            v.to_string()
        }
    }
}

trait FloorCharBoundary {
    fn floor_char_boundary_compat(&self, at: usize) -> usize;
}

impl FloorCharBoundary for String {
    fn floor_char_boundary_compat(&self, mut at: usize) -> usize {
        while !self.is_char_boundary(at) {
            at -= 1;
        }
        at
    }
}

/// An instant argument: mostly valid, sometimes not.
pub fn instant(rng: &mut Rng) -> String {
    if rng.chance(75) {
        return rng
            .pick(&[
                "2026-01-17T13:16:24Z",
                "2026-01-20T08:00:00.000+0000",
                "2026-03-08T07:30:00-05:00",
                "2027-06-01T00:00:00+14:00",
            ])
            .to_string();
    }
    rng.pick(&[
        "2026-01-17T13:16:24Z",
        "2026-01-17T13:16:24.000+0000",
        "2026-03-08T07:30:00-05:00",
        "1970-01-01T00:00:00Z",
        "9999-12-31T23:59:59Z",
        "0000-01-01T00:00:00Z",
        "2026-13-45T00:00:00Z",
        "2026-02-30T00:00:00Z",
        "yesterday",
        "",
        "2026-01-17T13:16:24",
        "+262143-12-31T23:59:59Z",
    ])
    .to_string()
}
