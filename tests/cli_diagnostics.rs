//! What a first-time user of the command line runs into: a byte order mark, a time without its
//! offset, a mistyped command, a zone in the wrong case or a Windows zone name, `| head`, a huge
//! `expand`, `--compact` where it means nothing, and the README's own synopsis.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};

mod cli_support;
use cli_support::{bad, daily, ok};

const AT: &str = "2026-01-17T13:16:24Z";

#[test]
fn a_task_may_begin_with_a_byte_order_mark() {
    let args = ["next", "-", "--at", AT];
    let plain = ok(&args, &daily());
    assert_eq!(ok(&args, &format!("\u{feff}{}", daily())), plain);
    let dir = std::env::temp_dir().join(format!("ticktick-recur-bom-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("task.json");
    std::fs::write(&file, format!("\u{feff}{}", daily())).unwrap();
    assert_eq!(ok(&["next", file.to_str().unwrap(), "--at", AT], ""), plain);
    std::fs::remove_dir_all(&dir).unwrap();
    // Only at the start: anywhere else it is not JSON.
    let e = bad(&args, &format!("{}\u{feff}", daily()));
    assert!(
        e.starts_with("error: <stdin>: invalid task JSON at line "),
        "{e}"
    );
}

#[test]
fn a_bad_time_says_what_is_wrong_with_it() {
    for (given, why) in [
        (
            "2026-01-17T13:16:24",
            "no UTC offset: add Z for UTC or the offset, as in 2026-01-17T13:16:24+03:00",
        ),
        (
            "2026-01-17",
            "a date without a time: add the time and a UTC offset, as in 2026-01-17T00:00:00Z",
        ),
        ("2026-02-31T09:00:00Z", "no such date in the calendar"),
        ("2026-01-17T25:00:00Z", "no such time of day"),
        (
            "yesterday",
            "expected RFC 3339 or yyyy-MM-ddTHH:mm:ss.SSS+0000",
        ),
    ] {
        let e = bad(&["pin", "-", "--at", given], &daily());
        assert_eq!(
            e,
            format!(
                "error: invalid value '{given}' for '--at <T>': invalid instant {given:?}: {why}"
            )
        );
    }
}

#[test]
fn clap_suggestions_stay_on_the_one_line() {
    assert_eq!(
        bad(&["expnd"], ""),
        "error: unrecognized subcommand 'expnd' (some similar subcommands exist: 'agenda', 'expand')"
    );
    assert_eq!(
        bad(&["pin", "-", "--att", AT], ""),
        "error: unexpected argument '--att' found (a similar argument exists: '--at')"
    );
}

#[test]
fn zone_names_are_read_ignoring_case() {
    let expand = |tz: &str| {
        ok(
            &[
                "expand",
                "FREQ=DAILY",
                "--start",
                "2026-03-28T09:00:00Z",
                "--tz",
                tz,
                "--limit",
                "3",
            ],
            "",
        )
    };
    assert_eq!(expand("europe/istanbul"), expand("Europe/Istanbul"));
    assert_eq!(expand("AMERICA/NEW_YORK"), expand("America/New_York"));
    let task = daily().replace("Europe/Istanbul", "europe/istanbul");
    assert_ne!(task, daily());
    assert_eq!(
        ok(&["next", "-", "--at", AT], &task),
        ok(&["next", "-", "--at", AT], &daily())
    );
}

#[test]
fn a_windows_zone_name_suggests_its_iana_zone() {
    let e = bad(
        &[
            "expand",
            "FREQ=DAILY",
            "--start",
            AT,
            "--tz",
            "Eastern Standard Time",
        ],
        "",
    );
    assert_eq!(
        e,
        r#"error: invalid value 'Eastern Standard Time' for '--tz <ZONE>': unknown time zone "Eastern Standard Time": did you mean "America/New_York"?"#
    );
}

/// `expand ... | head`: the reader goes away after a line; the command stops, silently, with 0.
#[test]
fn a_closed_pipe_is_not_an_error() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_ticktick-recur"))
        .args([
            "expand",
            "FREQ=SECONDLY",
            "--start",
            "2026-01-01T00:00:00Z",
            "--limit",
            "100000000",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert_eq!(first, "2026-01-01T00:00:00.000+0000\n");
    // The reader is dropped here, closing the pipe.
    let out = child.wait_with_output().unwrap();
    assert_eq!(String::from_utf8(out.stderr).unwrap(), "");
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn expand_streams_long_output_whole() {
    let out = ok(
        &[
            "expand",
            "FREQ=MINUTELY",
            "--start",
            "2026-01-01T00:00:00Z",
            "--limit",
            "20000",
        ],
        "",
    );
    // 20,000 lines of 29 bytes: several times the 64 KiB held back.
    assert_eq!(out.len(), 20_000 * 29);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 20_000);
    assert_eq!(lines.first(), Some(&"2026-01-01T00:00:00.000+0000"));
    assert_eq!(lines.last(), Some(&"2026-01-14T21:19:00.000+0000"));
    assert!(lines.windows(2).all(|w| w[0] < w[1]));
}

/// A rule whose eleventh occurrence is too sparse to search for: ten print; asking for eleven stops
/// with the error, and the ten, held back, never reach stdout.
#[test]
fn expand_stopped_midway_prints_nothing_it_held_back() {
    let flag = "FREQ=MINUTELY;INTERVAL=1009;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO;BYHOUR=0";
    let args = |limit: &'static str| {
        [
            "expand",
            flag,
            "--start",
            "2044-02-29T00:00:00Z",
            "--limit",
            limit,
        ]
    };
    let ten = ok(&args("10"), "");
    assert_eq!(ten.lines().count(), 10);
    assert!(ten.starts_with("2044-02-29T00:00:00.000+0000\n2512-02-29T00:12:00.000+0000\n"));
    let e = bad(&args("11"), "");
    assert_eq!(
        e,
        format!("error: rule \"RRULE:{flag}\" needs more than 524288 steps to find its next occurrence: its occurrences are too sparse to search for")
    );
}

#[test]
fn compact_belongs_to_the_json_commands() {
    let e = bad(&["expand", "FREQ=DAILY", "--start", AT, "--compact"], "");
    assert_eq!(
        e,
        "error: --compact does not apply to expand, which prints instants one per line, not JSON"
    );
    let compact = ok(&["next", "-", "--at", AT, "--compact"], &daily());
    assert_eq!(compact.lines().count(), 1);
    assert_eq!(
        bad(&["--compact", "next", "-", "--at", AT], &daily()),
        "error: unexpected argument '--compact' found ('next --compact' exists)"
    );
}

/// Every command of the README's command-line quick start, with the arguments it shows, runs.
#[test]
fn the_readme_synopsis_names_every_required_argument() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let section = readme
        .split("## Quick start: command line")
        .nth(1)
        .and_then(|s| s.split("\n## ").next())
        .unwrap();
    let sentence = section
        .split("The other commands: ")
        .nth(1)
        .and_then(|s| s.split("`.").next())
        .unwrap();
    let mut commands = 0;
    for synopsis in sentence.split('`').skip(1).step_by(2) {
        let words: Vec<&str> = synopsis.split_whitespace().collect();
        if words.first().is_none_or(|w| w.starts_with('-')) {
            continue;
        }
        let args: Vec<&str> = words
            .iter()
            .map(|&w| match w {
                "TASK" => "-",
                "T" => AT,
                "yyyyMMdd" => "20260120",
                "ID" => "130208689",
                _ => w,
            })
            .collect();
        let args = if args[0] == "occurrences" {
            args.into_iter()
                .map(|a| if a == AT { "2026-01-17T00:00:00Z" } else { a })
                .collect()
        } else {
            args
        };
        ok(&args, &daily());
        commands += 1;
    }
    assert_eq!(commands, 6, "{sentence}");
}
