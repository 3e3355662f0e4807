//! The `ticktick-recur` command line: see `ticktick-recur --help` and the README.
#![forbid(unsafe_code)]
// No panics outside tests: a recurrence library is fed strings from servers and users, and must
// answer every input with a result or a typed error. Where an invariant makes a panic impossible, the
// site says so in an `#[allow]` with its reason.
#![cfg_attr(
    not(test),
    warn(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic
    )
)]

mod cli;

fn main() -> std::process::ExitCode {
    cli::main()
}
