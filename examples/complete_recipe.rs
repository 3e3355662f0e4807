//! The npm package's `complete` on the native build, for counting its instructions: what Node's
//! module does for `complete(task, {at, userId, idSeed})` (read the task's JSON text, close the
//! occurrence, write the body as a recipe), `N` times over the bundled daily task.
//!
//! `valgrind --tool=callgrind target/release/examples/complete_recipe N`; the instructions of one
//! call are the difference between two counts divided by the difference of their `N`.

use std::hint::black_box;

use ticktick_recur::task::{complete, Close, RecipeShape, Task};
use ticktick_recur::{parse_instant, IdSeed, ObjectIdGenerator};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/daily-task.json");
    // As JSON.stringify writes it: without whitespace.
    let text = Task::from_json(&std::fs::read_to_string(path)?)?.to_json();
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(1);
    let (mut shape, mut values) = (RecipeShape::default(), String::new());
    for _ in 0..n {
        let task = Task::from_json(black_box(&text))?;
        let close = Close {
            at: parse_instant(black_box("2026-01-17T13:16:24Z"))?,
            user_id: 130208689,
        };
        let seed: IdSeed = black_box("2c6f3277d1cc4341").parse()?;
        let body = complete(&task, &close, &mut ObjectIdGenerator::from_seed(seed))?;
        values.clear();
        body.write_recipe(&task, &mut shape, &mut values);
    }
    println!("{shape}\n{values}");
    Ok(())
}
