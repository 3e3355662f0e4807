//! Times each of the engine's worst inputs (`tests/worst/cases.rs`) and prints a table with the bound
//! each must stay under: `cargo run --release --example worst_case`.
//!
//! Each case runs 5 times; the table shows the median. A case over its bound is marked OVER (a
//! report, not a failure: a busy machine can slow any call); a wrong answer is marked and makes the
//! program exit with status 1.

#[path = "../tests/worst/cases.rs"]
mod cases;

use std::time::Instant;

fn main() -> std::process::ExitCode {
    let (mut over, mut wrong) = (0, 0);
    println!("| input | answer | median | bound |");
    println!("|---|---|---:|---:|");
    for case in cases::CASES {
        let mut times = Vec::new();
        let mut answer = String::new();
        for _ in 0..5 {
            let t = Instant::now();
            answer = (case.run)().unwrap_or_else(|e| format!("error: {e}"));
            times.push(t.elapsed().as_secs_f64() * 1e3);
        }
        times.sort_by(f64::total_cmp);
        let median = times[2];
        let mark = if answer != case.expect {
            wrong += 1;
            " WRONG ANSWER"
        } else if median > cases::BOUND_MS {
            over += 1;
            " OVER"
        } else {
            ""
        };
        let answer: String = if answer.chars().count() > 60 {
            answer.chars().take(57).chain("...".chars()).collect()
        } else {
            answer
        };
        println!(
            "| {} | {} | {:.3} ms{} | {} ms |",
            case.name,
            answer,
            median,
            mark,
            cases::BOUND_MS
        );
    }
    if over > 0 {
        eprintln!("{over} case(s) over the bound of {} ms", cases::BOUND_MS);
    }
    if wrong > 0 {
        eprintln!("{wrong} case(s) answering wrongly");
        return std::process::ExitCode::FAILURE;
    }
    std::process::ExitCode::SUCCESS
}
