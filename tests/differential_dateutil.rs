//! Differential test against python-dateutil with zoneinfo, the reference for our DST policy
//! (BEHAVIOUR.md §3): a deterministic batch of a few hundred random RFC 5545 rules in DST-heavy
//! zones, plus named edge cases (a gap at midnight, a skipped day, 30-minute DST, folds), expanded by
//! both engines and compared as UTC instants.
//!
//! The batch is written to a temporary JSON file and `tests/oracle/dateutil_oracle.py` expands it in one
//! run of `python3` (override with the `PYTHON3` environment variable). The oracle needs
//! python-dateutil and the PyPI `tzdata` package holding the IANA release that chrono-tz bundles
//! (`tests/oracle/requirements.txt` pins both); it runs with `PYTHONTZPATH` empty so that zoneinfo
//! reads that package instead of the system's zone files. This test fails, saying what to install,
//! when python3, dateutil or the right tzdata is missing: it is never skipped.
//!
//! dateutil works in wall-clock time and attaches the zone with fold=0; zoneinfo then gives a time in
//! a gap the offset in force before the gap (it moves forward by the gap's length) and a time in a fold
//! its earlier instant: exactly our policy, so every case must agree. Starts are instants in our API
//! (TickTick's `startDate`), so the generator only draws starts that exist once in their zone (a start
//! in a gap has no wall-clock time of its own to keep; see `differential_rrule/`). Starts lie in
//! 1971-2035 and only occurrences before 2038 are compared: past the last transition chrono-tz lists
//! (2099) it keeps the last offset, while zoneinfo extends the zone's rule. The random rules avoid the readings where
//! dateutil departs from RFC 5545 (see `tests/data/README.md` and `differential_rrule/`: mixed plain
//! and ordinal BYDAY, WEEKLY BYSETPOS before WKST, week 1 named as -52/-53). Named cases pin that rules
//! which can never occur are answered promptly with `NeverOccurs`.

mod support;

use std::path::Path;
use std::process::Command;

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta, TimeZone, Utc};
use chrono_tz::Tz;
use serde_json::{json, Value};
use support::{local, ours, show, transition_days, End, Freq, Refusal, Spec, ZONES};
use ticktick_recur::Error;

/// How many random rules the batch holds; the seed fixes them (`DATEUTIL_SEED` overrides it).
const RANDOM_DATE_RULES: usize = 240;
const RANDOM_TIME_RULES: usize = 80;
const SEED: u64 = 0x7469_636b_7469_636b;

/// Seconds dateutil may spend on one rule. It walks period by period up to the year 9999, so a rule
/// that never occurs can take it minutes; past the budget it returns the occurrences found so far,
/// which are compared as a prefix.
const BUDGET_SECONDS: f64 = 1.0;

/// SplitMix64: a small, well-known deterministic generator.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }

    fn pick<T: Copy>(&mut self, xs: &[T]) -> T {
        xs[self.below(xs.len())]
    }

    /// A value in `lo..=hi`, negated half the time.
    fn signed(&mut self, lo: i32, hi: i32) -> i32 {
        let v = lo + self.below((hi - lo + 1) as usize) as i32;
        if self.chance(0.5) {
            -v
        } else {
            v
        }
    }

    /// With probability `p`, 1..=max distinct values from `draw`, ascending.
    fn set<T: Ord>(&mut self, p: f64, max: usize, mut draw: impl FnMut(&mut Rng) -> T) -> Vec<T> {
        if !self.chance(p) {
            return vec![];
        }
        let n = 1 + self.below(max);
        let set: std::collections::BTreeSet<T> = (0..n).map(|_| draw(self)).collect();
        set.into_iter().collect()
    }
}

/// A start that exists once in its zone, half the time a few days before a DST transition and often
/// in the small hours.
fn random_start(rng: &mut Rng) -> (&'static str, NaiveDateTime) {
    let zone = rng.pick(&ZONES);
    let tz: Tz = zone.parse().unwrap();
    let year = 1971 + rng.below(65) as i32;
    let mut date = NaiveDate::from_yo_opt(year, 1 + rng.below(365) as u32).unwrap();
    let transitions = transition_days(tz, year);
    if rng.chance(0.5) && !transitions.is_empty() {
        date = rng.pick(&transitions) - TimeDelta::days(rng.below(12) as i64);
    }
    let hour = if rng.chance(0.5) {
        rng.below(4)
    } else {
        rng.below(24)
    } as u32;
    let minute = rng.pick(&[0, 0, 15, 30, 45, 59]);
    let second = rng.pick(&[0, 0, 0, 30]);
    let mut t = date.and_hms_opt(hour, minute, second).unwrap();
    while tz.from_local_datetime(&t).single().is_none() {
        t += TimeDelta::hours(3);
    }
    (zone, t)
}

fn random_spec(rng: &mut Rng, freqs: &[Freq]) -> Spec {
    let (zone, start) = random_start(rng);
    let freq = rng.pick(freqs);
    let interval = match rng.below(6) {
        0..=2 => 1,
        3 | 4 => 2 + rng.below(3) as u32,
        _ => 5 + rng.below(8) as u32,
    };
    let end = match rng.below(9) {
        0..=3 => End::Count(1 + rng.below(20) as u32),
        4..=6 => End::Until(
            rng.below(801) as i64,
            NaiveTime::from_hms_opt(rng.below(24) as u32, rng.pick(&[0, 30, 59]), 0).unwrap(),
        ),
        _ => End::Forever,
    };
    Spec {
        zone,
        start,
        freq,
        interval,
        end,
        wkst: rng.chance(0.3).then(|| rng.below(7)),
        by_month: rng.set(0.3, 2, |r| 1 + r.below(12) as u8),
        by_month_day: rng.set(0.3, 3, |r| r.signed(1, 31) as i8),
        by_year_day: rng.set(0.15, 3, |r| r.signed(1, 366) as i16),
        // Negative week numbers within -51..=-1: dateutil misses week 1 named as -52 or -53 (see
        // differential_rrule/named.rs).
        by_week_no: rng.set(0.15, 2, |r| {
            if r.chance(0.5) {
                1 + r.below(53) as i8
            } else {
                -1 - r.below(51) as i8
            }
        }),
        by_day: rng.set(0.45, 3, |r| {
            let ordinal = r.chance(0.4).then(|| r.signed(1, 5) as i8);
            (ordinal, r.below(7))
        }),
        by_hour: rng.set(0.25, 3, |r| r.below(24) as u8),
        by_minute: rng.set(0.25, 3, |r| r.below(60) as u8),
        by_second: rng.set(0.1, 2, |r| r.below(60) as u8),
        by_set_pos: rng.set(0.2, 2, |r| r.signed(1, 3)),
    }
    .weekly_setpos_from_week_start()
}

/// One rule of the batch.
struct Case {
    name: String,
    /// A hand-picked case, whose answer must be exact.
    named: bool,
    zone: &'static str,
    start: NaiveDateTime,
    flag: String,
    take: usize,
}

/// Hand-picked cases around the transitions the policy is about.
fn named_cases() -> Vec<Case> {
    let case = |name: &str, zone: &'static str, start: &str, rule: &str| Case {
        name: name.to_owned(),
        named: true,
        zone,
        start: local(start),
        flag: format!("RRULE:{rule}"),
        take: 40,
    };
    vec![
        // DST began at midnight: 00:30 does not exist on 2018-11-04.
        case(
            "sao_paulo_gap_at_midnight",
            "America/Sao_Paulo",
            "2018-11-01T00:30:00",
            "FREQ=DAILY;COUNT=6",
        ),
        // Apia skipped 2011-12-30: 09:00 that day moves forward 24 hours.
        case(
            "apia_skipped_day",
            "Pacific/Apia",
            "2011-12-28T09:00:00",
            "FREQ=DAILY;COUNT=5",
        ),
        // The hour 02:00 does not exist: its occurrence lands on 03:00 EDT, as the next one does.
        case(
            "new_york_gap_hourly",
            "America/New_York",
            "2026-03-08T00:00:00",
            "FREQ=HOURLY;COUNT=6",
        ),
        // 01:00 and 01:30 exist twice: the earlier instants.
        case(
            "new_york_fold_half_hourly",
            "America/New_York",
            "2026-11-01T00:00:00",
            "FREQ=MINUTELY;INTERVAL=30;COUNT=8",
        ),
        // Lord Howe moves by 30 minutes: 02:00 -> 02:30 on 2026-10-04, 02:00 -> 01:30 on 2026-04-05.
        case(
            "lord_howe_half_hour_gap",
            "Australia/Lord_Howe",
            "2026-10-01T02:15:00",
            "FREQ=DAILY;COUNT=6",
        ),
        case(
            "lord_howe_half_hour_fold",
            "Australia/Lord_Howe",
            "2026-04-02T01:45:00",
            "FREQ=DAILY;COUNT=6",
        ),
        // Egypt: DST from 00:00 on the last Friday of April 2024, until 24:00 on the last Thursday
        // of October (23:00-24:00 happens twice).
        case(
            "cairo_gap_at_midnight",
            "Africa/Cairo",
            "2024-04-24T00:30:00",
            "FREQ=DAILY;COUNT=5",
        ),
        case(
            "cairo_fold_before_midnight",
            "Africa/Cairo",
            "2024-10-29T23:30:00",
            "FREQ=DAILY;COUNT=5",
        ),
        // The last Sunday of the month at 01:30: a gap in March, a fold in October.
        case(
            "london_last_sunday_monthly",
            "Europe/London",
            "2026-01-25T01:30:00",
            "FREQ=MONTHLY;BYDAY=-1SU;COUNT=12",
        ),
        // Istanbul's last DST start (2016-03-27 03:00 -> 04:00), then permanent +03 from September.
        case(
            "istanbul_2016",
            "Europe/Istanbul",
            "2016-03-20T03:30:00",
            "FREQ=WEEKLY;BYDAY=SU,WE;UNTIL=20161231T000000Z",
        ),
        // The minute of a MINUTELY rule with INTERVAL=3 started at :30 is always a multiple of 3, so
        // BYMINUTE=16,31,32 is never reached: dateutil says so when it builds the rule ("generates an
        // empty set"); we must say NeverOccurs (promptly) or end the series.
        case(
            "minutely_interval_never_reaches_its_minutes",
            "Asia/Kolkata",
            "1973-11-25T20:30:00",
            "FREQ=MINUTELY;INTERVAL=3;BYDAY=WE,FR,SA;BYMINUTE=16,31,32",
        ),
        // A SECONDLY period holds one second, so position 3 never exists.
        case(
            "secondly_bysetpos_beyond_its_one_member_set",
            "Asia/Kolkata",
            "2021-08-17T18:00:30",
            "FREQ=SECONDLY;COUNT=1;BYMONTH=10;BYSETPOS=3",
        ),
        // Even seconds only: BYSECOND=1 is never reached.
        case(
            "secondly_interval_never_reaches_its_second",
            "UTC",
            "2026-01-01T00:00:00",
            "FREQ=SECONDLY;INTERVAL=2;BYSECOND=1",
        ),
        case(
            "kolkata_monthly_setpos",
            "Asia/Kolkata",
            "2026-01-01T09:30:00",
            "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1;COUNT=12",
        ),
    ]
}

fn batch() -> Vec<Case> {
    // DATEUTIL_SEED explores other batches; the default keeps every run the same.
    let seed = std::env::var("DATEUTIL_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(SEED);
    let mut rng = Rng(seed);
    let mut cases = named_cases();
    let date_freqs = [Freq::Yearly, Freq::Monthly, Freq::Weekly, Freq::Daily];
    let time_freqs = [Freq::Hourly, Freq::Hourly, Freq::Minutely, Freq::Secondly];
    for (freqs, n) in [
        (&date_freqs[..], RANDOM_DATE_RULES),
        (&time_freqs[..], RANDOM_TIME_RULES),
    ] {
        for _ in 0..n {
            let spec = random_spec(&mut rng, freqs);
            cases.push(Case {
                name: format!("random #{}", cases.len()),
                named: false,
                zone: spec.zone,
                start: spec.start,
                flag: spec.flag(),
                take: spec.take(),
            });
        }
    }
    cases
}

/// Runs the oracle on `cases`; panics with what to install when it cannot run.
fn oracle(cases: &[Case]) -> Value {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let script = root.join("tests/oracle/dateutil_oracle.py");
    let request = json!({
        "iana": chrono_tz::IANA_TZDB_VERSION,
        "budget": BUDGET_SECONDS,
        "cases": cases.iter().enumerate().map(|(id, c)| json!({
            "id": id,
            "tzid": c.zone,
            "dtstart": c.start.format("%Y%m%dT%H%M%S").to_string(),
            "rrule": c.flag.strip_prefix("RRULE:").unwrap_or(&c.flag),
            "limit": c.take,
        })).collect::<Vec<_>>(),
    });
    let input = std::env::temp_dir().join(format!(
        "ticktick-recur-dateutil-{}.json",
        std::process::id()
    ));
    std::fs::write(&input, request.to_string()).expect("write the oracle's input");
    let python = std::env::var("PYTHON3").unwrap_or_else(|_| "python3".to_owned());
    let output = Command::new(&python)
        .arg(&script)
        .arg(&input)
        .env("PYTHONTZPATH", "")
        .current_dir(root)
        .output();
    let _ = std::fs::remove_file(&input);
    let output = output.unwrap_or_else(|e| {
        panic!(
            "cannot run {python:?} ({e}): the dateutil oracle needs python 3.9+ with \
             `pip install -r tests/oracle/requirements.txt`"
        )
    });
    assert!(
        output.status.success(),
        "the dateutil oracle failed ({}):\n{}\nInstall its requirements: \
         pip install -r tests/oracle/requirements.txt",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    let answer: Value =
        serde_json::from_slice(&output.stdout).expect("the oracle prints one JSON object");
    assert_eq!(
        answer["iana"],
        chrono_tz::IANA_TZDB_VERSION,
        "same IANA release on both sides"
    );
    eprintln!(
        "dateutil oracle: python-dateutil {}, IANA tz {}",
        answer["dateutil"], answer["iana"]
    );
    answer
}

#[test]
fn agrees_with_python_dateutil_and_zoneinfo() {
    let cases = batch();
    let answer = oracle(&cases);
    let results = answer["results"].as_array().expect("results");
    assert_eq!(results.len(), cases.len());

    let mut failures = Vec::new();
    let mut incomplete = 0;
    let mut both_gave_up = 0;
    for (id, (case, result)) in cases.iter().zip(results).enumerate() {
        assert_eq!(result["id"], id);
        let context = format!(
            "{} ({}): {} from {} in {} (DTSTART;TZID={}:{})",
            case.name,
            id,
            case.flag,
            case.start,
            case.zone,
            case.zone,
            case.start.format("%Y%m%dT%H%M%S")
        );
        let ours: Vec<DateTime<Utc>> = match ours(&case.flag, case.zone, case.start, case.take) {
            Ok(list) => list.into_iter().map(|(_, t)| t).collect(),
            // Our documented limit on the search for the first occurrence: acceptable where dateutil
            // found nothing within its own budget either (named cases aside, which pin an answer).
            Err(Refusal::Engine(Error::SearchLimit { .. })) if !case.named => {
                let gave_up = result["complete"] == false
                    && result["instants"].as_array().is_some_and(Vec::is_empty);
                if gave_up {
                    both_gave_up += 1;
                } else {
                    failures.push(format!(
                        "{context}\n  ours gave up (SearchLimit) where dateutil answers {}",
                        result
                    ));
                }
                continue;
            }
            Err(e) => {
                failures.push(format!("{context}\n  ours failed: {e}"));
                continue;
            }
        };
        if let Some(err) = result.get("error").and_then(Value::as_str) {
            // dateutil refuses, when it builds the rule, BY-parts that its INTERVAL can never reach
            // (FREQ=HOURLY;INTERVAL=4;BYHOUR=1 from midnight): a rule that never occurs.
            let never = err.contains("generates an empty set");
            if !(never && ours.is_empty()) {
                failures.push(format!(
                    "{context}\n  dateutil failed: {err}\n  ours: {:?}",
                    show(&ours[..ours.len().min(4)])
                ));
            }
            continue;
        }
        let theirs: Vec<DateTime<Utc>> = result["instants"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| {
                DateTime::parse_from_rfc3339(v.as_str().unwrap())
                    .unwrap()
                    .with_timezone(&Utc)
            })
            .collect();
        // Out of time, dateutil's list is a prefix of its answer.
        let complete = result["complete"].as_bool().unwrap_or(true);
        if !complete {
            incomplete += 1;
        }
        let ours = if complete {
            &ours[..]
        } else {
            &ours[..ours.len().min(theirs.len())]
        };
        // Both sides read IANA 2025b, but past its last listed transition chrono-tz keeps the last
        // offset (New York has no DST from 2100 on) while zoneinfo extends the rule: compare the
        // occurrences before 2038 only.
        let horizon = Utc.with_ymd_and_hms(2038, 1, 1, 0, 0, 0).unwrap();
        let before = |list: &[DateTime<Utc>]| list.iter().take_while(|t| **t < horizon).count();
        let (ours, theirs) = (&ours[..before(ours)], &theirs[..before(&theirs)]);
        if ours != theirs {
            let at = ours
                .iter()
                .zip(theirs)
                .position(|(a, b)| a != b)
                .unwrap_or(ours.len().min(theirs.len()));
            let from = at.saturating_sub(2);
            failures.push(format!(
                "{context}\n  disagree at occurrence #{at} ({} ours, {} dateutil)\n  ours:     {:?}\n  dateutil: {:?}",
                ours.len(),
                theirs.len(),
                show(&ours[from..ours.len().min(at + 4)]),
                show(&theirs[from..theirs.len().min(at + 4)]),
            ));
        }
    }
    eprintln!(
        "dateutil differential: {} rules ({} named), {} compared as a prefix (dateutil out of \
         time), {} where both gave up, {} disagree",
        cases.len(),
        named_cases().len(),
        incomplete,
        both_gave_up,
        failures.len()
    );
    assert!(
        failures.is_empty(),
        "{} of {} rules disagree with python-dateutil:\n\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n\n")
    );
}
