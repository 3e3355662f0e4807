//! The real binary under a few hundred runs of seeded garbage (mutated flags and tasks, wrong types,
//! bad ids, unknown zones, impossible dates, NUL bytes, 5,000-entry BYDAY, duplicate keys, 64-bit
//! overflow, a 100 KB flag): it exits 0 or 2 only, never shows a panic, prints exactly one `error:`
//! line and nothing on stdout when it fails, and nothing on stderr when it succeeds. Thousands more
//! inputs go through the library in-process (`tests/api_garbage.rs`).

#[path = "garbage/inputs.rs"]
mod inputs;

use std::io::Write;
use std::process::{Command, Stdio};

use inputs::Rng;

/// Process runs: each costs a few milliseconds, so this stays within seconds.
const RUNS: usize = 1000;

struct Outcome {
    code: Option<i32>,
    stdout: Vec<u8>,
    stderr: String,
}

fn run(args: &[String], stdin: &[u8]) -> Outcome {
    let mut child = Command::new(env!("CARGO_BIN_EXE_ticktick-recur"))
        .args(args)
        .env("RUST_BACKTRACE", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    // The command may exit before reading its input.
    let _ = child.stdin.take().map(|mut s| s.write_all(stdin));
    let out = child.wait_with_output().expect("the binary ends");
    Outcome {
        code: out.status.code(),
        stdout: out.stdout,
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// An argument the OS can carry: NUL bytes become U+0001 (another control character).
fn arg(s: impl Into<String>) -> String {
    s.into().replace('\0', "\u{1}")
}

fn command(rng: &mut Rng, examples: &[String]) -> (Vec<String>, Vec<u8>) {
    let zones = [
        "UTC",
        "Europe/Istanbul",
        "Pacific/Apia",
        "Mars/Olympus_Mons",
        "",
        "utc",
    ];
    if rng.chance(35) {
        let mut args = vec![
            "expand".to_owned(),
            arg(inputs::flag(rng)),
            "--start".to_owned(),
            inputs::instant(rng),
        ];
        if rng.chance(50) {
            args.extend(["--tz".to_owned(), rng.pick(&zones).to_string()]);
        }
        if rng.chance(40) {
            args.extend(["--after".to_owned(), inputs::instant(rng)]);
        }
        if rng.chance(30) {
            args.extend(["--until".to_owned(), inputs::instant(rng)]);
        }
        if rng.chance(40) {
            let n = rng.pick(&["0", "1", "5", "100", "-1", "18446744073709551616", "x"]);
            args.extend(["--limit".to_owned(), n.to_string()]);
        }
        if rng.chance(20) {
            let d = rng.pick(&["20260119", "20261345", "2026-01-19", "20260119,", ""]);
            args.extend(["--exdate".to_owned(), d.to_string()]);
        }
        if rng.chance(20) {
            args.push("--all-day".to_owned());
        }
        return (args, Vec::new());
    }
    let action = *rng.pick(&[
        "next",
        "occurrences",
        "complete",
        "wont-do",
        "skip",
        "skip-date",
        "pin",
        "unpin",
    ]);
    let mut args = vec![action.to_owned(), "-".to_owned()];
    match action {
        "occurrences" => {
            args.extend(["--from".to_owned(), inputs::instant(rng)]);
            args.extend(["--to".to_owned(), inputs::instant(rng)]);
            if rng.chance(50) {
                args.extend(["--limit".to_owned(), rng.pick(&["3", "0", "x"]).to_string()]);
            }
        }
        "skip-date" => {
            args.extend(["--at".to_owned(), inputs::instant(rng)]);
            let d = rng.pick(&["20260119", "20260118", "20261345", "2026-01-19", "99991231"]);
            args.extend(["--date".to_owned(), d.to_string()]);
        }
        "complete" | "wont-do" => {
            args.extend(["--at".to_owned(), inputs::instant(rng)]);
            let user = rng.pick(&["130208689", "0", "-1", "18446744073709551616", "x"]);
            args.extend(["--user".to_owned(), user.to_string()]);
            if rng.chance(50) {
                let seed = rng.pick(&["2c6f3277d1cc4341", "2c6f3277d1cc434", "zz6f3277d1cc4341"]);
                args.extend(["--id-seed".to_owned(), seed.to_string()]);
            }
        }
        _ => args.extend(["--at".to_owned(), inputs::instant(rng)]),
    }
    if rng.chance(15) {
        args.extend(["--default-tz".to_owned(), rng.pick(&zones).to_string()]);
    }
    let stdin = if rng.chance(5) {
        // Not UTF-8 at all.
        vec![0xff, 0xfe, b'{', 0x80]
    } else if rng.chance(20) {
        // A valid task, to reach the actions themselves.
        rng.pick(examples).clone().into_bytes()
    } else {
        inputs::task(rng, examples).into_bytes()
    };
    (args, stdin)
}

#[test]
fn garbage_never_panics_and_fails_with_one_error_line() {
    let examples = inputs::example_tasks();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let (mut succeeded, mut failed) = (0, 0);
    for i in 0..RUNS {
        let (args, stdin) = command(&mut rng, &examples);
        let out = run(&args, &stdin);
        let shown: Vec<String> = args.iter().map(|a| a.chars().take(120).collect()).collect();
        let context = format!("run {i}: {shown:?}\nstderr: {}", out.stderr);
        for text in [
            "panicked",
            "RUST_BACKTRACE",
            "internal error",
            "stack backtrace",
        ] {
            assert!(!out.stderr.contains(text), "{context}");
        }
        match out.code {
            Some(0) => {
                succeeded += 1;
                assert!(out.stderr.is_empty(), "{context}");
                assert!(!out.stdout.is_empty() || args[0] == "expand", "{context}");
            }
            Some(2) => {
                failed += 1;
                assert!(out.stdout.is_empty(), "{context}");
                assert!(out.stderr.starts_with("error: "), "{context}");
                assert!(out.stderr.ends_with('\n'), "{context}");
                assert_eq!(out.stderr.lines().count(), 1, "{context}");
            }
            other => panic!("exit status {other:?}\n{context}"),
        }
    }
    // The mix reaches both outcomes plenty.
    assert!(
        succeeded > RUNS / 10 && failed > RUNS / 3,
        "{succeeded} ok, {failed} failed"
    );
}
