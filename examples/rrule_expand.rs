//! `ticktick-recur expand`'s equivalent built on the `rrule` crate, for whole-process comparisons
//! (`scripts/compare-cli`).
//!
//! ```text
//! cargo run --release --example rrule_expand -- FLAG --start T [--tz ZONE] [--all-day] [--after T]
//!     [--until T] [--limit N] [--exdate yyyyMMdd,...]
//! ```
//!
//! Same arguments and output as `ticktick-recur expand` (one occurrence per line, TickTick's wire form,
//! ascending), for the plain RFC 5545 rules the `rrule` crate understands: `FLAG` is `RRULE:...` or a bare
//! `FREQ=...`; TickTick's extensions (`ERULE:`, `LUNAR:`, `TT_*` parts) are refused. Whatever the crate
//! does is what this prints: it walks the series from its start, and its own handling of DST gaps applies.

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use chrono::{DateTime, NaiveDate, NaiveTime, TimeZone, Utc};
use clap::Parser;
use rrule::{RRule, RRuleSet, Tz, Unvalidated};

/// Expands a recurrence rule with the `rrule` crate.
#[derive(Debug, Parser)]
#[command(name = "rrule_expand")]
struct Args {
    /// `RRULE:FREQ=...` or `FREQ=...`.
    flag: String,
    /// The first occurrence (DTSTART), an instant.
    #[arg(long)]
    start: String,
    /// The IANA zone the rule is expanded in.
    #[arg(long, default_value = "UTC")]
    tz: String,
    /// Start at local midnight of the start's local date.
    #[arg(long)]
    all_day: bool,
    /// Only occurrences strictly after this instant.
    #[arg(long)]
    after: Option<String>,
    /// Stop after this instant (inclusive).
    #[arg(long)]
    until: Option<String>,
    /// Print at most this many occurrences.
    #[arg(long, default_value_t = 100)]
    limit: usize,
    /// Leave out occurrences on these local dates (`yyyyMMdd`, comma-separated).
    #[arg(long, value_delimiter = ',')]
    exdate: Vec<String>,
}

fn main() -> ExitCode {
    match run(Args::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

fn run(args: Args) -> Result<(), String> {
    let zone: chrono_tz::Tz = args
        .tz
        .parse()
        .map_err(|_| format!("unknown time zone {:?}", args.tz))?;
    let tz = Tz::from(zone);
    let mut start = instant(&args.start)?.with_timezone(&tz);
    if args.all_day {
        let midnight = start.date_naive().and_time(NaiveTime::MIN);
        start = tz
            .from_local_datetime(&midnight)
            .earliest()
            .ok_or_else(|| format!("local midnight of {} does not exist", start.date_naive()))?;
    }
    let after = args.after.as_deref().map(instant).transpose()?;
    let until = args.until.as_deref().map(instant).transpose()?;
    let exdates = args
        .exdate
        .iter()
        .map(|d| NaiveDate::parse_from_str(d, "%Y%m%d").map_err(|_| format!("invalid date {d:?}")))
        .collect::<Result<Vec<_>, _>>()?;

    let rule_text = args.flag.strip_prefix("RRULE:").unwrap_or(&args.flag);
    let rule: RRule<Unvalidated> = rule_text
        .parse()
        .map_err(|e| format!("invalid rule {:?}: {e}", args.flag))?;
    let rule = rule
        .validate(start)
        .map_err(|e| format!("invalid rule {:?}: {e}", args.flag))?;
    let set = RRuleSet::new(start).rrule(rule).limit();

    let mut out = BufWriter::new(io::stdout().lock());
    let occurrences = set
        .into_iter()
        .filter(|t| after.is_none_or(|a| t.with_timezone(&Utc) > a))
        .take_while(|t| until.is_none_or(|u| t.with_timezone(&Utc) <= u))
        .filter(|t| !exdates.contains(&t.date_naive()))
        .take(args.limit);
    for t in occurrences {
        writeln!(
            out,
            "{}",
            t.with_timezone(&Utc).format("%Y-%m-%dT%H:%M:%S.000+0000")
        )
        .map_err(|e| format!("cannot write: {e}"))?;
    }
    out.flush().map_err(|e| format!("cannot write: {e}"))
}

/// RFC 3339 or TickTick's wire form (`2026-01-17T13:16:24.000+0000`).
fn instant(text: &str) -> Result<DateTime<Utc>, String> {
    DateTime::parse_from_rfc3339(text)
        .or_else(|_| DateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%.f%z"))
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| format!("invalid instant {text:?}"))
}
