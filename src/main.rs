//! The `ticktick-recur` command line: see `ticktick-recur --help` and the README.

mod cli;

fn main() -> std::process::ExitCode {
    cli::main()
}
