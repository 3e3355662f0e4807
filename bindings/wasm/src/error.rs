//! The core's errors as JavaScript errors: the same message the command line prints after `error: `,
//! in a `TypeError` (a value of the wrong type), a `RangeError` (a value of the right type that is not
//! acceptable) or an `Error` (a bad flag, a rule that never occurs, an action the task refuses).
//! One more outcome never reaches the user: a call the fast way cannot answer gives `undefined`, and
//! the package's JavaScript asks again the exact way (`lib.rs`).

use std::fmt::Display;

use ticktick_recur::agenda::{AgendaError, ReminderProblem};
use ticktick_recur::task::{FieldProblem, TaskError};
use wasm_bindgen::JsValue;

/// Which JavaScript error class a failure becomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Error,
    TypeError,
    RangeError,
    /// Not a failure of the input: the fast way cannot read it, the exact way will.
    ExactWay,
}

/// A failure on its way to JavaScript.
#[derive(Debug)]
pub(crate) struct Failure {
    class: Class,
    message: String,
}

impl Failure {
    pub(crate) fn type_error(message: impl Display) -> Failure {
        Failure::new(Class::TypeError, message)
    }

    pub(crate) fn range_error(message: impl Display) -> Failure {
        Failure::new(Class::RangeError, message)
    }

    /// The fast way cannot read this input (JSON text the core refuses although `JSON.stringify`
    /// wrote it); the exact way answers.
    pub(crate) fn exact_way() -> Failure {
        Failure {
            class: Class::ExactWay,
            message: String::new(),
        }
    }

    fn new(class: Class, message: impl Display) -> Failure {
        Failure {
            class,
            message: ticktick_recur::error_line(&message),
        }
    }

    /// The same failure, naming where it happened: `tasks[2]: ...`.
    pub(crate) fn within(self, place: &str) -> Failure {
        Failure {
            message: format!("{place}: {}", self.message),
            ..self
        }
    }

    /// The JavaScript error object; `undefined` to ask again the exact way.
    pub(crate) fn into_js(self) -> JsValue {
        match self.class {
            Class::ExactWay => JsValue::UNDEFINED,
            Class::Error => js_sys::Error::new(&self.message).into(),
            Class::TypeError => js_sys::TypeError::new(&self.message).into(),
            Class::RangeError => js_sys::RangeError::new(&self.message).into(),
        }
    }
}

impl From<ticktick_recur::Error> for Failure {
    fn from(e: ticktick_recur::Error) -> Failure {
        Failure::new(error_class(&e), e)
    }
}

fn error_class(e: &ticktick_recur::Error) -> Class {
    use ticktick_recur::Error as E;
    match e {
        E::UnknownZone { .. } | E::InvalidInstant { .. } | E::InvalidDate { .. } => {
            Class::RangeError
        }
        E::Task(task) => task_class(task),
        _ => Class::Error,
    }
}

/// A task list's error: the class of what is wrong with the task or its reminder, the message naming
/// the task by its position and id (`task [3] (id "..."): ...`), as on the command line.
impl From<AgendaError> for Failure {
    fn from(e: AgendaError) -> Failure {
        let class = match &e {
            AgendaError::NotAList { .. } => Class::TypeError,
            AgendaError::Task { error, .. } => error_class(error),
            AgendaError::Reminder { problem, .. } => match problem {
                ReminderProblem::InvalidTrigger(_) => Class::RangeError,
                _ => Class::TypeError,
            },
            _ => Class::Error,
        };
        Failure::new(class, e)
    }
}

impl From<ticktick_recur::HolidayError> for Failure {
    fn from(e: ticktick_recur::HolidayError) -> Failure {
        Failure::new(Class::Error, e)
    }
}

impl From<ticktick_recur::FlagError> for Failure {
    fn from(e: ticktick_recur::FlagError) -> Failure {
        Failure::from(ticktick_recur::Error::from(e))
    }
}

impl From<TaskError> for Failure {
    fn from(e: TaskError) -> Failure {
        Failure::new(task_class(&e), e)
    }
}

fn task_class(e: &TaskError) -> Class {
    match e {
        TaskError::NotAnObject { .. } | TaskError::MissingField { .. } => Class::TypeError,
        TaskError::InvalidField { problem, .. } => match problem {
            FieldProblem::WrongType { .. } => Class::TypeError,
            _ => Class::RangeError,
        },
        _ => Class::Error,
    }
}

/// What kind of JavaScript value this is, for messages: `a number`, `undefined`, `an array`, ...
pub(crate) fn kind_of(value: &JsValue) -> String {
    if value.is_undefined() {
        "undefined".into()
    } else if value.is_null() {
        "null".into()
    } else if js_sys::Array::is_array(value) {
        "an array".into()
    } else {
        match value.js_typeof().as_string().as_deref() {
            Some(kind @ ("object" | "undefined")) => format!("an {kind}"),
            Some(kind) => format!("a {kind}"),
            None => "a value".into(),
        }
    }
}

/// Makes a panic throw `Error("internal error at FILE:LINE: MESSAGE")`, the command line's text,
/// instead of trapping without a word. The throw leaves the instance mid-call; the JavaScript wrapper
/// re-instantiates it.
pub(crate) fn throw_on_panic() {
    std::panic::set_hook(Box::new(|info| {
        let error = Failure::new(Class::Error, ticktick_recur::internal_error_text(info));
        wasm_bindgen::throw_val(error.into_js());
    }));
}
