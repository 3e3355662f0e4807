//! Writes the benchmarks' task list: `count` tasks (default 10,000) drawn from a seeded generator
//! (default seed 1), as the body of TickTick's sync answer, about 8 MB for 10,000 tasks. The same
//! arguments always give the same bytes.
//!
//! ```sh
//! cargo run --release --example generate_tasks -- 10000 1 > /tmp/tasks.json
//! ticktick-recur agenda /tmp/tasks.json --from 2026-03-01T00:00:00Z --to 2026-03-31T23:59:59Z
//! ```

#[path = "../benches/bench/generate.rs"]
#[allow(dead_code)]
mod generate;

use std::io::Write;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let count: usize = args.next().map_or(Ok(10_000), |a| a.parse())?;
    let seed: u64 = args.next().map_or(Ok(1), |a| a.parse())?;
    let text = generate::sync_answer(count, seed);
    std::io::stdout().lock().write_all(text.as_bytes())?;
    Ok(())
}
