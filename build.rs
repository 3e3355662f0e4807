//! Compiles the IANA tz database sources in `src/zone/tzdata/` into the compact zone table that
//! `src/zone/table.rs` reads.
//!
//! Transitions are computed by `parse-zoneinfo`, the same code and the same release of the database as
//! chrono-tz (`tests/zone_table.rs` checks every zone against it), for the years 1800 to 2100; after the
//! last transition a zone keeps its last offset. Only total UTC offsets matter to recurrence, so
//! consecutive spans with the same total offset (an abbreviation change, say) are merged, and zones
//! with identical timelines (links, and zones that agree since 1800) share one.
//!
//! The table holds no pointers, so loading the program costs no relocations:
//!
//! - `NAMES`: every zone and link name, sorted, concatenated; `NAME_ENDS[i]` ends name `i`;
//! - `TIMELINE[i]`: which timeline name `i` uses;
//! - `DATA`: the timelines, one after another from `TIMELINE_STARTS[t]`, each as LEB128 varints: the
//!   zigzag first offset, the number of transitions `n`, `n` zigzag deltas between transition instants
//!   (the first from 0), then `n` zigzag deltas between consecutive offsets. Deltas and columns make
//!   the table small and compressible (a few tens of kilobytes gzipped for the whole database).
//!
//! With the `zone-filter` feature, `TICKTICK_RECUR_ZONES` (a regular expression) keeps only the names
//! it matches, and UTC.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::{env, fs};

use parse_zoneinfo::line::Line;
use parse_zoneinfo::table::TableBuilder;
use parse_zoneinfo::transitions::TableTransitions;
use parse_zoneinfo::FILES;

const TZDATA: &str = "src/zone/tzdata";
#[cfg(feature = "zone-filter")]
const FILTER_VAR: &str = "TICKTICK_RECUR_ZONES";

/// One zone's offsets: `offsets[0]` until `times[0]`, then `offsets[i + 1]` from `times[i]`.
#[derive(PartialEq, Eq, Hash, Clone)]
struct Timeline {
    times: Vec<i64>,
    offsets: Vec<i64>,
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let root = PathBuf::from(env::var("CARGO_MANIFEST_DIR")?);
    let tzdata = root.join(TZDATA);
    println!("cargo:rerun-if-changed={TZDATA}");
    #[cfg(feature = "zone-filter")]
    println!("cargo:rerun-if-env-changed={FILTER_VAR}");

    let version = fs::read_to_string(tzdata.join("version"))?
        .trim()
        .to_owned();
    let mut builder = TableBuilder::new();
    // Kept alive for the builder's borrowed lines.
    let sources = FILES
        .iter()
        .map(|file| read(&tzdata.join(file)))
        .collect::<Result<Vec<_>, _>>()?;
    for (file, text) in FILES.iter().zip(&sources) {
        for (number, line) in text.lines().enumerate() {
            // The database has no '#' inside quoted text, so a comment runs from '#' to the end.
            let line = line.split('#').next().unwrap_or_default();
            let parsed = Line::new(line).map_err(|e| format!("{file}:{}: {e}", number + 1))?;
            builder
                .add_line(parsed)
                .map_err(|e| format!("{file}:{}: {e}", number + 1))?;
        }
    }
    let table = builder.build();

    let mut names: Vec<&String> = table.zonesets.keys().chain(table.links.keys()).collect();
    names.sort();
    names.dedup();
    names.retain(|name| keep(name));

    let mut timelines: Vec<Timeline> = Vec::new();
    let mut index_of: HashMap<Timeline, usize> = HashMap::new();
    let mut timeline_of_name = Vec::with_capacity(names.len());
    let (mut min_offset, mut max_offset) = (0, 0);
    for name in &names {
        let spans = table
            .timespans(name)
            .ok_or_else(|| format!("no transitions for {name}"))?;
        let mut timeline = Timeline {
            times: Vec::new(),
            offsets: vec![spans.first.total_offset()],
        };
        for (at, span) in &spans.rest {
            let offset = span.total_offset();
            if timeline.offsets.last() != Some(&offset) {
                timeline.times.push(*at);
                timeline.offsets.push(offset);
            }
        }
        for &offset in &timeline.offsets {
            min_offset = min_offset.min(offset);
            max_offset = max_offset.max(offset);
        }
        let next = timelines.len();
        let index = *index_of.entry(timeline.clone()).or_insert(next);
        if index == next {
            timelines.push(timeline);
        }
        timeline_of_name.push(index);
    }
    let utc = names
        .iter()
        .position(|name| name.as_str() == "UTC")
        .ok_or("the database has no UTC")?;

    let mut data = Vec::new();
    let mut starts = Vec::with_capacity(timelines.len() + 1);
    for timeline in &timelines {
        starts.push(data.len());
        encode(timeline, &mut data);
    }
    starts.push(data.len());

    let out = PathBuf::from(env::var("OUT_DIR")?);
    fs::write(out.join("zones.bin"), &data)?;
    let mut ends = Vec::with_capacity(names.len());
    let mut all = String::new();
    for name in &names {
        all.push_str(name);
        ends.push(all.len());
    }
    let mut rust = String::new();
    writeln!(
        rust,
        "/// The IANA release the zone table was compiled from."
    )?;
    writeln!(rust, "pub const TZDATA_VERSION: &str = {version:?};")?;
    writeln!(rust, "pub(super) const ZONES: usize = {};", names.len())?;
    writeln!(
        rust,
        "pub(super) const TIMELINES: usize = {};",
        timelines.len()
    )?;
    writeln!(rust, "pub(super) const UTC: u16 = {utc};")?;
    writeln!(rust, "pub(super) const MIN_OFFSET: i64 = {min_offset};")?;
    writeln!(rust, "pub(super) const MAX_OFFSET: i64 = {max_offset};")?;
    writeln!(rust, "pub(super) static NAMES: &str = {all:?};")?;
    writeln!(
        rust,
        "pub(super) static NAME_ENDS: [u16; ZONES] = {ends:?};"
    )?;
    writeln!(
        rust,
        "pub(super) static TIMELINE: [u16; ZONES] = {timeline_of_name:?};"
    )?;
    writeln!(
        rust,
        "pub(super) static TIMELINE_STARTS: [u32; TIMELINES + 1] = {starts:?};"
    )?;
    writeln!(
        rust,
        "pub(super) static DATA: [u8; {}] = *include_bytes!(concat!(env!(\"OUT_DIR\"), \"/zones.bin\"));",
        data.len()
    )?;
    fs::write(out.join("zones.rs"), rust)?;
    Ok(())
}

fn read(path: &Path) -> Result<String, String> {
    fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

fn encode(timeline: &Timeline, out: &mut Vec<u8>) {
    let first = timeline.offsets.first().copied().unwrap_or_default();
    varint(zigzag(first), out);
    varint(timeline.times.len() as u64, out);
    let mut previous = 0;
    for &time in &timeline.times {
        varint(zigzag(time - previous), out);
        previous = time;
    }
    for pair in timeline.offsets.windows(2) {
        varint(zigzag(pair[1] - pair[0]), out);
    }
}

fn zigzag(n: i64) -> u64 {
    ((n << 1) ^ (n >> 63)) as u64
}

fn varint(mut n: u64, out: &mut Vec<u8>) {
    while n >= 0x80 {
        out.push((n as u8 & 0x7f) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

#[cfg(feature = "zone-filter")]
fn keep(name: &str) -> bool {
    use std::sync::OnceLock;
    static FILTER: OnceLock<Option<regex_lite::Regex>> = OnceLock::new();
    let filter = FILTER.get_or_init(|| {
        let pattern = env::var(FILTER_VAR).ok()?;
        match regex_lite::Regex::new(&pattern) {
            Ok(regex) => Some(regex),
            Err(e) => panic!("{FILTER_VAR} is not a regular expression: {e}"),
        }
    });
    name == "UTC" || filter.as_ref().is_none_or(|regex| regex.is_match(name))
}

#[cfg(not(feature = "zone-filter"))]
fn keep(_name: &str) -> bool {
    true
}
