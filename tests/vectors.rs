//! The captured reference vectors (tests/data/vectors, vendored from shared/vectors) pass exactly, by
//! JSON value equality, through both the Rust API and the command line.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::Value;
use ticktick_recur::task::{apply_response, Action, BatchBody, Close, Response, Task};
use ticktick_recur::{parse_instant, IdSeed, ObjectIdGenerator, Recurrence};

fn vectors_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/vectors")
}

fn load(name: &str) -> Value {
    let text = std::fs::read_to_string(vectors_dir().join(name)).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// Every vector with an `action`: its file name and contents.
fn action_vectors() -> Vec<(String, Value)> {
    let mut names: Vec<_> = std::fs::read_dir(vectors_dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".json"))
        .collect();
    names.sort();
    let vectors: Vec<_> = names
        .into_iter()
        .map(|n| {
            let v = load(&n);
            (n, v)
        })
        .filter(|(_, v)| v.get("action").is_some())
        .collect();
    assert!(vectors.len() >= 3, "the action vectors are missing");
    vectors
}

fn text<'a>(v: &'a Value, key: &str) -> &'a str {
    v[key]
        .as_str()
        .unwrap_or_else(|| panic!("{key} missing in {v}"))
}

/// The vector's action for the API, and its id seed.
fn api_action(action: &Value) -> (Action, Option<IdSeed>) {
    let at = parse_instant(text(action, "at")).unwrap();
    let close = || Close {
        at,
        user_id: action["userId"].as_u64().unwrap(),
    };
    let seed = action
        .get("idSeed")
        .map(|s| s.as_str().unwrap().parse().unwrap());
    let action = match text(action, "kind") {
        "pin" => Action::Pin { at },
        "unpin" => Action::Unpin { at },
        "complete" => Action::Complete(close()),
        "wontDo" => Action::WontDo(close()),
        "skip" => Action::Skip { at },
        "skipDate" => Action::SkipDate {
            date: ticktick_recur::parse_date(text(action, "date")).unwrap(),
            at,
        },
        other => panic!("unknown action kind {other}"),
    };
    (action, seed)
}

/// The vector's action as command-line arguments (the task comes on stdin).
fn cli_args(action: &Value) -> Vec<String> {
    let command = match text(action, "kind") {
        "wontDo" => "wont-do",
        "skipDate" => "skip-date",
        other => other,
    };
    let mut args = vec![command.to_owned(), "-".to_owned()];
    args.extend(["--at".to_owned(), text(action, "at").to_owned()]);
    if let Some(user) = action.get("userId") {
        args.extend(["--user".to_owned(), user.to_string()]);
    }
    if let Some(seed) = action.get("idSeed") {
        args.extend(["--id-seed".to_owned(), seed.as_str().unwrap().to_owned()]);
    }
    if let Some(date) = action.get("date") {
        args.extend(["--date".to_owned(), date.as_str().unwrap().to_owned()]);
    }
    args
}

fn run_cli(args: &[String], stdin: &str) -> (i32, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_ticktick-recur"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn every_action_vector_passes_through_the_api() {
    for (name, v) in action_vectors() {
        let task = Task::from_value(v["task"].clone()).unwrap();
        let (action, seed) = api_action(&v["action"]);
        let mut ids = seed.map_or_else(ObjectIdGenerator::new, ObjectIdGenerator::from_seed);
        let body = action
            .apply(&task, &mut ids)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(body.to_value(), v["expect"], "{name}");
    }
}

#[test]
fn every_action_vector_passes_through_the_cli() {
    for (name, v) in action_vectors() {
        let (code, stdout, stderr) = run_cli(&cli_args(&v["action"]), &v["task"].to_string());
        assert_eq!(code, 0, "{name}: {stderr}");
        assert_eq!(stderr, "", "{name}");
        let printed: Value = serde_json::from_str(&stdout).unwrap();
        assert_eq!(printed, v["expect"], "{name}");
    }
}

#[test]
fn vector_responses_set_the_new_etags() {
    for (name, v) in action_vectors() {
        let Some(response) = v.get("response") else {
            continue;
        };
        let response: Response = serde_json::from_value(response.clone()).unwrap();
        let body: BatchBody = serde_json::from_value(v["expect"].clone()).unwrap();
        let mut held: Vec<Task> = body.add.into_iter().chain(body.update).collect();
        let errors = apply_response(&mut held, &response);
        assert!(errors.is_empty(), "{name}");
        for task in &held {
            let id = task.id().unwrap();
            assert_eq!(task.etag(), Some(response.id2etag[id].as_str()), "{name}");
        }
    }
}

#[test]
fn pin_vector_response_gives_the_new_etag() {
    let v = load("pin-task.json");
    let body: BatchBody = serde_json::from_value(v["expect"].clone()).unwrap();
    let mut tasks = body.update;
    let response: Response = serde_json::from_value(v["response"].clone()).unwrap();
    let errors = apply_response(&mut tasks, &response);
    assert!(errors.is_empty());
    assert_eq!(tasks[0].etag(), Some("wxbn3q91"));
}

#[test]
fn create_bodies_parse_reserialise_and_report_their_recurrence() {
    let v = load("create-bodies.json");
    let bodies = v["bodies"].as_array().unwrap();
    assert_eq!(bodies.len(), 3);
    let mut seen = Vec::new();
    for body in bodies {
        let parsed: BatchBody = serde_json::from_value(body.clone()).unwrap();
        assert_eq!(parsed.to_value(), *body);
        for raw in body["add"].as_array().unwrap() {
            let task = Task::from_json(&raw.to_string()).unwrap();
            assert_eq!(task.to_value(), *raw);
            assert_eq!(task.to_json(), raw.to_string(), "key order survives");
            let Recurrence::Rule(rule) = task.recurrence().unwrap() else {
                panic!("{raw} should repeat by RRULE");
            };
            seen.push((
                task.repeat_flag().unwrap().to_owned(),
                format!("{:?}", rule.frequency()),
                rule.count(),
                rule.until().is_some(),
            ));
        }
    }
    let expected = [
        (
            "RRULE:FREQ=WEEKLY;INTERVAL=1;WKST=SU;UNTIL=20260227;BYDAY=SA",
            "Weekly",
            None,
            true,
        ),
        (
            "RRULE:FREQ=DAILY;INTERVAL=1;COUNT=30",
            "Daily",
            Some(30),
            false,
        ),
        ("RRULE:FREQ=DAILY;INTERVAL=1", "Daily", None, false),
    ];
    let expected: Vec<_> = expected
        .iter()
        .map(|(f, q, c, u)| ((*f).to_owned(), (*q).to_owned(), *c, *u))
        .collect();
    assert_eq!(seen, expected);
}

/// The vendored copies are the shared ones, when the shared folder is beside the checkout.
#[test]
fn vendored_vectors_match_the_shared_ones() {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/vectors");
    let Ok(entries) = std::fs::read_dir(&shared) else {
        eprintln!("no {} here: nothing to compare", shared.display());
        return;
    };
    for entry in entries {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap().to_owned();
        let theirs: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        assert_eq!(load(&name), theirs, "tests/data/vectors/{name} is stale");
    }
}
