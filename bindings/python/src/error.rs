//! The core's errors as Python exceptions, and panics kept inside the call that hit them.
//!
//! Bad input raises `ticktick_recur.Error` (a `ValueError`) with the message the command line prints
//! after `error: `; a value of the wrong Python type raises `TypeError`. A panic in the core is a bug,
//! but it too ends as `ticktick_recur.Error("internal error at FILE:LINE: MESSAGE")`, the command
//! line's text: the interpreter never aborts and the module stays usable.

use std::cell::{Cell, RefCell};
use std::fmt::Display;
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use ticktick_recur::error_line;

pyo3::create_exception!(
    ticktick_recur,
    Error,
    PyValueError,
    "Bad input: a flag, time, zone, date or task the engine cannot use, or an action the task \
     refuses. The message is the one the command line prints after ``error:``."
);

/// `ticktick_recur.Error` with the core's message on one line.
pub(crate) fn bad_input(e: impl Display) -> PyErr {
    Error::new_err(error_line(&e))
}

/// `TypeError` with this message.
pub(crate) fn type_error(message: impl Display) -> PyErr {
    PyTypeError::new_err(error_line(&message))
}

thread_local! {
    /// Whether this thread is inside [`guarded`]; the panic hook only acts for those panics.
    static GUARDED: Cell<bool> = const { Cell::new(false) };
    /// The text of the panic [`guarded`] caught on this thread.
    static PANIC_TEXT: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Installs, once, a panic hook that records the text of panics inside [`guarded`] (with their
/// place, which only a hook sees) instead of printing them, and hands every other panic to the hook
/// that was there before.
pub(crate) fn install_panic_hook() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if GUARDED.get() {
                let text = ticktick_recur::internal_error_text(info);
                PANIC_TEXT.with_borrow_mut(|slot| *slot = Some(text));
            } else {
                previous(info);
            }
        }));
    });
}

/// Runs `work`, turning a panic into `ticktick_recur.Error` with the command line's text.
pub(crate) fn guarded<T>(work: impl FnOnce() -> T) -> PyResult<T> {
    let outer = GUARDED.replace(true);
    let result = panic::catch_unwind(AssertUnwindSafe(work));
    GUARDED.set(outer);
    result.map_err(|payload| {
        let text = PANIC_TEXT.with_borrow_mut(Option::take).unwrap_or_else(|| {
            let message = payload
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".to_owned());
            format!("internal error: {message}")
        });
        bad_input(text)
    })
}
