//! The native figure for `complete` in the npm package's benchmark (`npm --prefix pkg run bench`),
//! which runs this in the same rounds as the package's own call, so that both are timed in the same
//! minutes of a shared machine.
//!
//! The work is criterion's `complete/captured_daily_task` (benches/bench/complete.rs): the bundled
//! daily task's JSON text in, the batch body's JSON text out. It is checked against the captured
//! body first, then timed as the benchmark times a library: batches of calls lasting at least 100 ms
//! of the process's CPU time until one takes as long as the one before, then the median of three.
//! Prints the milliseconds of one call.
//!
//! `cargo run --release --example complete_cpu [--quick]`

use std::hint::black_box;

use serde_json::Value;
use ticktick_recur::chrono::{DateTime, Utc};
use ticktick_recur::task::{complete, Close, Task};
use ticktick_recur::{parse_instant, IdSeed, ObjectIdGenerator};

const TASK: &str = include_str!("daily-task.json");
const VECTOR: &str = include_str!("../tests/data/vectors/wont-do-daily-instance.json");

/// Task JSON text in, batch body JSON text out, as criterion's benchmark does.
fn complete_text(
    text: &str,
    at: DateTime<Utc>,
    seed: IdSeed,
) -> Result<String, Box<dyn std::error::Error>> {
    let task = Task::from_json(text)?;
    let close = Close {
        at,
        user_id: 130208689,
    };
    Ok(complete(&task, &close, &mut ObjectIdGenerator::from_seed(seed))?.to_json())
}

/// The process's CPU time in milliseconds (wall-clock time where there is no such clock).
fn clock() -> f64 {
    #[cfg(unix)]
    {
        let t = rustix::time::clock_gettime(rustix::time::ClockId::ProcessCPUTime);
        t.tv_sec as f64 * 1e3 + t.tv_nsec as f64 / 1e6
    }
    #[cfg(not(unix))]
    {
        use std::sync::OnceLock;
        static START: OnceLock<std::time::Instant> = OnceLock::new();
        START
            .get_or_init(std::time::Instant::now)
            .elapsed()
            .as_secs_f64()
            * 1e3
    }
}

/// Milliseconds of one call of `f`, over a batch of calls lasting at least `ms`: the clock is read
/// after runs of calls that double in length until one run takes a fiftieth of the batch.
fn batch(f: &mut impl FnMut(), ms: f64) -> f64 {
    let (mut calls, mut run) = (0u64, 1u64);
    let start = clock();
    let mut now = start;
    while now - start < ms {
        let before = now;
        for _ in 0..run {
            f();
        }
        calls += run;
        now = clock();
        if now - before < ms / 50.0 {
            run *= 2;
        }
    }
    (now - start) / calls as f64
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let quick = std::env::args().any(|a| a == "--quick");
    let at = parse_instant("2026-01-17T13:16:24Z")?;
    let seed: IdSeed = "2c6f3277d1cc4341".parse()?;

    // The captured won't-do body, with the closed copy's status that of a completion.
    let vector: Value = serde_json::from_str(VECTOR)?;
    let mut expected = vector["expect"].clone();
    expected["add"][0]["status"] = 2.into();
    let body: Value = serde_json::from_str(&complete_text(TASK, at, seed)?)?;
    if body != expected {
        return Err("complete on the captured task: not the captured body".into());
    }

    let mut call = || {
        black_box(complete_text(black_box(TASK), black_box(at), black_box(seed)).ok());
    };
    // Warm up until a batch takes as long as the one before, at most about 5 s.
    let mut previous = batch(&mut call, 100.0);
    let mut spent = 100.0;
    while spent < if quick { 1000.0 } else { 5000.0 } {
        let next = batch(&mut call, 100.0);
        spent += 100.0;
        if spent >= 300.0 && (next - previous).abs() <= 0.02 * previous {
            break;
        }
        previous = next;
    }
    let ms = if quick { 30.0 } else { 100.0 };
    let mut times = [0.0; 3].map(|_| batch(&mut call, ms));
    times.sort_by(f64::total_cmp);
    println!("{}", times[1]);
    Ok(())
}
