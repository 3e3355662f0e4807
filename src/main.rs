//! The `ticktick-recur` command line.

fn main() {}
