//! The npm package's next-occurrence query on the native build, for counting its instructions: what
//! the module does for `expand(flag, {start, timeZone, after, limit: 1})` (read the instants and the
//! zone name, parse and validate the flag, anchor the series, walk to the first occurrence), `N`
//! times.
//!
//! `valgrind --tool=callgrind cargo run --release --example next_query -- monthly 10000` (or
//! `daily`); the instructions of one query are the difference between two counts divided by the
//! difference of their `N`.

use std::hint::black_box;

use ticktick_recur::{parse_instant, ExpandRequest, Zone};

fn main() {
    let mut args = std::env::args().skip(1);
    let flag = match args.next().as_deref() {
        Some("daily") => "RRULE:FREQ=DAILY;INTERVAL=1",
        _ => "RRULE:FREQ=MONTHLY;INTERVAL=1;BYDAY=-1FR",
    };
    let n: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(1);
    let mut last = 0;
    for _ in 0..n {
        let start = parse_instant(black_box("2000-01-01T15:00:00Z")).unwrap();
        let zone: Zone = black_box("Europe/Istanbul").parse().unwrap();
        let after = parse_instant(black_box("2026-01-17T00:00:00Z")).unwrap();
        let request = ExpandRequest::new(black_box(flag), start)
            .zone(zone)
            .all_day(false)
            .after(Some(after))
            .until(None)
            .limit(1)
            .ex_dates(Vec::new())
            .holidays(None);
        request.for_each(|o| last = o.timestamp()).unwrap();
    }
    println!("{last}");
}
