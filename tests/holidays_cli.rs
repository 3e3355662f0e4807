//! `--holidays` on the command line (SURFACES.md §1, BEHAVIOUR.md §7) and the `TT_SKIP` values
//! of BEHAVIOUR.md §2: the built-in calendar, caller calendars in both formats, one `warning:` line
//! per uncovered year with exit status 0, and one `error:` line for a bad calendar.

use std::process::Command;

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_ticktick-recur"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    Run {
        code: out.status.code().unwrap(),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

const PRESET: &str = "RRULE:FREQ=DAILY;INTERVAL=1;TT_SKIP=HOLIDAY,WEEKEND";

/// `expand` from 2026-09-28 09:00 Shanghai, eight occurrences, with `--holidays CAL`.
fn expand(flag: &str, holidays: &str) -> Run {
    run(&[
        "expand",
        flag,
        "--start",
        "2026-09-28T01:00:00Z",
        "--tz",
        "Asia/Shanghai",
        "--limit",
        "8",
        "--holidays",
        holidays,
    ])
}

fn days(out: &str) -> Vec<&str> {
    out.lines().map(|l| &l[..10]).collect()
}

/// A file in a temporary folder holding `text`.
fn file(name: &str, text: &str) -> String {
    let dir = std::env::temp_dir().join(format!("ticktick-recur-holidays-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.to_str().unwrap().to_owned()
}

#[test]
fn the_working_days_preset_with_the_built_in_calendar() {
    let r = expand(PRESET, "cn");
    assert_eq!((r.code, r.stderr.as_str()), (0, ""));
    // National Day 2026: 10-01 to 10-07 off, Saturday 10-10 worked.
    assert_eq!(
        days(&r.stdout),
        [
            "2026-09-28",
            "2026-09-29",
            "2026-09-30",
            "2026-10-08",
            "2026-10-09",
            "2026-10-10",
            "2026-10-12",
            "2026-10-13"
        ]
    );
    // The default is no calendar: Monday to Friday.
    let plain = expand(PRESET, "none");
    assert_eq!(days(&plain.stdout)[3], "2026-10-01");
    let r = run(&[
        "expand",
        PRESET,
        "--start",
        "2026-09-28T01:00:00Z",
        "--limit",
        "4",
    ]);
    assert_eq!(
        r.stdout,
        plain
            .stdout
            .lines()
            .take(4)
            .map(|l| l.to_owned() + "\n")
            .collect::<String>()
    );
}

/// BEHAVIOUR.md §2: `TT_SKIP=OFFICIAL_WORKDAY` keeps the days that are not working days.
#[test]
fn official_workday_keeps_rest_days() {
    let r = expand("RRULE:FREQ=DAILY;INTERVAL=1;TT_SKIP=OFFICIAL_WORKDAY", "cn");
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        days(&r.stdout),
        [
            "2026-10-01",
            "2026-10-02",
            "2026-10-03",
            "2026-10-04",
            "2026-10-05",
            "2026-10-06",
            "2026-10-07",
            "2026-10-11"
        ]
    );
    let plain = expand(
        "RRULE:FREQ=DAILY;INTERVAL=1;TT_SKIP=OFFICIAL_WORKDAY",
        "none",
    );
    assert_eq!(
        days(&plain.stdout)[..3],
        ["2026-10-03", "2026-10-04", "2026-10-10"]
    );
}

/// BEHAVIOUR.md §2: another `TT_SKIP` value is valid but not supported: one error line, status 2.
#[test]
fn unknown_tt_skip_values_are_refused_when_expanded() {
    let r = expand("RRULE:FREQ=DAILY;TT_SKIP=WEEKEND,SOLAR_TERM", "cn");
    assert_eq!(r.code, 2);
    assert_eq!(r.stdout, "");
    assert_eq!(
        r.stderr,
        "error: rule \"RRULE:FREQ=DAILY;INTERVAL=1;TT_SKIP=WEEKEND,SOLAR_TERM\" is valid but not \
         supported yet: TT_SKIP values other than WEEKEND, HOLIDAY and OFFICIAL_WORKDAY\n"
    );
}

/// An answer that depends on an uncovered year is given, with one warning line per year.
#[test]
fn uncovered_years_are_warned_about_once_each() {
    let r = run(&[
        "expand",
        PRESET,
        "--start",
        "2026-12-28T01:00:00Z",
        "--tz",
        "Asia/Shanghai",
        "--limit",
        "6",
        "--holidays",
        "cn",
    ]);
    assert_eq!(r.code, 0);
    assert_eq!(days(&r.stdout)[4..], ["2027-01-01", "2027-01-04"]);
    assert_eq!(
        r.stderr,
        "warning: the holiday calendar does not cover 2027 (it covers 2007 to 2026): days of 2027 \
         were taken as ordinary days, Monday to Friday working\n"
    );
    // Inside the coverage, or four occurrences that end on 2026-12-31: no warning.
    let r = run(&[
        "expand",
        PRESET,
        "--start",
        "2026-12-28T01:00:00Z",
        "--tz",
        "Asia/Shanghai",
        "--limit",
        "4",
        "--holidays",
        "cn",
    ]);
    assert_eq!((r.code, r.stderr.as_str()), (0, ""));
    // A feed covering 2026 only, asked about 2025 to 2027 through a task: two years named.
    let feed = file(
        "feed-2026.json",
        r#"[{"date":"2026-10-01","type":0,"name":"国庆节"},{"date":"2026-10-10","type":1}]"#,
    );
    let task = file(
        "monthly-task.json",
        r#"{"id":"696b8b6f2c6f3277d1cc4331","status":0,"startDate":"2025-12-01T01:00:00.000+0000",
            "timeZone":"Asia/Shanghai","repeatFlag":"RRULE:FREQ=MONTHLY;BYMONTHDAY=1;TT_WORKDAY=1"}"#,
    );
    let r = run(&[
        "occurrences",
        &task,
        "--from",
        "2025-12-01T00:00:00Z",
        "--to",
        "2027-01-02T00:00:00Z",
        "--holidays",
        &feed,
        "--compact",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let warnings: Vec<&str> = r.stderr.lines().collect();
    assert_eq!(warnings.len(), 2, "{}", r.stderr);
    assert!(warnings[0]
        .starts_with("warning: the holiday calendar does not cover 2025 (it covers 2026 only)"));
    assert!(warnings[1].starts_with("warning: the holiday calendar does not cover 2027"));
    // The feed's only October rest day is the 1st: the month's first working day is the 2nd.
    assert!(
        r.stdout.contains("\"2026-10-02T01:00:00.000+0000\""),
        "{}",
        r.stdout
    );
}

/// Every command that computes occurrences takes `--holidays`; the task ones read the calendar too.
#[test]
fn task_commands_consult_the_calendar() {
    let task = file(
        "preset-task.json",
        r#"{"id":"696b8b6f2c6f3277d1cc4331","status":0,"startDate":"2026-09-30T01:00:00.000+0000",
            "dueDate":"2026-09-30T02:00:00.000+0000","timeZone":"Asia/Shanghai",
            "repeatFlag":"RRULE:FREQ=DAILY;INTERVAL=1;TT_SKIP=HOLIDAY,WEEKEND"}"#,
    );
    let holiday_cn = file(
        "2026.json",
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/data/holiday-cn/2026.json"
        ))
        .unwrap(),
    );
    for cal in ["cn", holiday_cn.as_str()] {
        let at = [
            "--at",
            "2026-09-30T03:00:00Z",
            "--holidays",
            cal,
            "--compact",
        ];
        let next = run(&[&["next", &task][..], &at[..]].concat());
        assert_eq!(
            (next.code, next.stdout.as_str(), next.stderr.as_str()),
            (
                0,
                "{\"startDate\":\"2026-10-08T01:00:00.000+0000\",\"dueDate\":\"2026-10-08T02:00:00.000+0000\"}\n",
                ""
            )
        );
        for command in [
            &[
                "complete",
                &task,
                "--user",
                "1",
                "--id-seed",
                "2c6f3277d1cc4341",
            ][..],
            &["wont-do", &task, "--user", "1"][..],
            &["skip", &task][..],
        ] {
            let r = run(&[command, &at[..]].concat());
            assert_eq!(r.code, 0, "{command:?}: {}", r.stderr);
            assert!(
                r.stdout.contains("2026-10-08T01:00:00.000+0000"),
                "{command:?}: {}",
                r.stdout
            );
        }
        let r = run(&[&["skip-date", &task, "--date", "20261008"][..], &at[..]].concat());
        assert_eq!(r.code, 0, "{}", r.stderr);
    }
    // skip-date refuses a date without an occurrence: 2026-10-05 is a holiday.
    let r = run(&[
        "skip-date",
        &task,
        "--date",
        "20261005",
        "--at",
        "2026-09-30T03:00:00Z",
        "--holidays",
        "cn",
    ]);
    assert_eq!(r.code, 2, "{}", r.stdout);
}

#[test]
fn bad_calendars_are_one_error_line() {
    for (text, expected) in [
        (
            r#"[{"date":"2026-10-32","type":0}]"#,
            "invalid holiday calendar at [0].date: invalid date \"2026-10-32\": expected yyyy-MM-dd or yyyyMMdd",
        ),
        (
            r#"[{"date":"2026-10-01","type":0},{"date":"20261001","type":1}]"#,
            "invalid holiday calendar: 2026-10-01 is listed both as a rest day and as a make-up workday",
        ),
        (
            r#"[{"date":"2026-10-01","type":5}]"#,
            "invalid holiday calendar at [0].type: unknown day type 5: expected 0 (rest day) or 1 (make-up workday)",
        ),
    ] {
        let path = file("bad.json", text);
        let r = expand(PRESET, &path);
        assert_eq!((r.code, r.stdout.as_str()), (2, ""));
        assert_eq!(r.stderr, format!("error: {path}: {expected}\n"));
    }
    let r = expand(PRESET, "/nonexistent/holidays.json");
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .starts_with("error: cannot read holiday calendar \"/nonexistent/holidays.json\""),
        "{}",
        r.stderr
    );
    assert_eq!(r.stderr.lines().count(), 1);
}
