//! Completes the bundled daily task and prints the batch body TickTick's web client would send.
//!
//! `cargo run --example complete_task [TASK.json] [AT]`, by default `examples/daily-task.json` at
//! `2026-01-17T13:16:24Z`.

use ticktick_recur::task::{complete, next_occurrence, Close, Task};
use ticktick_recur::{format_instant, parse_instant, IdSeed, ObjectIdGenerator};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = args
        .next()
        .unwrap_or_else(|| concat!(env!("CARGO_MANIFEST_DIR"), "/examples/daily-task.json").into());
    let at = parse_instant(&args.next().unwrap_or_else(|| "2026-01-17T13:16:24Z".into()))?;

    let task = Task::from_json(&std::fs::read_to_string(path)?)?;
    if let Some(next) = next_occurrence(&task, at)? {
        let start = next.start_date.or(next.due_date).map(format_instant);
        eprintln!("moves to {}", start.unwrap_or_default());
    }
    // A fixed seed makes the new ids reproducible; ObjectIdGenerator::new() draws them at random.
    let seed: IdSeed = "2c6f3277d1cc4341".parse()?;
    let close = Close {
        at,
        user_id: 130208689,
    };
    let body = complete(&task, &close, &mut ObjectIdGenerator::from_seed(seed))?;
    println!("{}", serde_json::to_string_pretty(&body)?);
    Ok(())
}
