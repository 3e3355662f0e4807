//! Standard output, held back until a result is known to be whole or too long to hold.

use std::io::{self, Write};

/// How much output is held before any of it is written: a result shorter than this (every JSON
/// result, and `expand` up to about 2,000 lines) reaches stdout only once the command has succeeded.
const HOLD: usize = 64 * 1024;

/// Lines for stdout: held in memory up to [`HOLD`] bytes, then written in chunks of that size, so
/// memory stays flat however much is printed.
pub(crate) struct Output<W: Write> {
    sink: W,
    held: Vec<u8>,
}

impl<W: Write> Output<W> {
    pub(crate) fn new(sink: W) -> Self {
        Output {
            sink,
            held: Vec::with_capacity(HOLD),
        }
    }

    /// Adds `text` and a newline.
    ///
    /// # Errors
    ///
    /// When stdout cannot be written (`BrokenPipe` when the reader has gone away).
    pub(crate) fn line(&mut self, text: &str) -> io::Result<()> {
        self.held.extend_from_slice(text.as_bytes());
        self.held.push(b'\n');
        if self.held.len() >= HOLD {
            self.sink.write_all(&self.held)?;
            self.held.clear();
        }
        Ok(())
    }

    /// Writes what is held and flushes. Not called on failure: what is held is then dropped.
    ///
    /// # Errors
    ///
    /// When stdout cannot be written.
    pub(crate) fn finish(&mut self) -> io::Result<()> {
        self.sink.write_all(&self.held)?;
        self.held.clear();
        self.sink.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_output_is_held_until_finished() {
        let mut sink = Vec::new();
        let mut out = Output::new(&mut sink);
        out.line("a").unwrap();
        out.line("b").unwrap();
        // Dropped without `finish` (a failure): nothing was written.
        drop(out);
        assert!(sink.is_empty());
        let mut out = Output::new(&mut sink);
        out.line("a").unwrap();
        out.finish().unwrap();
        assert_eq!(sink, b"a\n");
    }

    #[test]
    fn long_output_is_written_in_chunks() {
        let mut sink = Vec::new();
        let mut out = Output::new(&mut sink);
        let line = "x".repeat(99);
        for _ in 0..(HOLD / 100 + 1) {
            out.line(&line).unwrap();
        }
        assert!(out.held.len() < HOLD);
        let held = out.held.len();
        drop(out);
        assert_eq!(sink.len() % 100, 0);
        assert!(sink.len() >= HOLD, "{}", sink.len());
        assert_eq!(held, 0);
    }
}
