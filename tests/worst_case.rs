//! The worst inputs for the engine's work give their exact answers or their documented error.
//! (How long each takes is measured by `cargo run --release --example worst_case`, not asserted.)

#[path = "worst/cases.rs"]
mod cases;

#[test]
fn worst_inputs_give_their_answers() {
    let mut wrong = Vec::new();
    for case in cases::CASES {
        let got = (case.run)().unwrap_or_else(|e| format!("error: {e}"));
        if got != case.expect {
            wrong.push(format!(
                "{}\n  expected {:?}\n  got      {:?}",
                case.name, case.expect, got
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
