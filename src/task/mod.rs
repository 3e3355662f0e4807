//! TickTick's task semantics: which occurrence a task moves to (`repeatFrom`, COUNT, exDate, ...), and
//! the exact batch payloads of the actions on it.
//!
//! - [`Task`] reads any task object TickTick sends and writes it back unchanged, unknown fields and key
//!   order included;
//! - [`next_occurrence`] and [`occurrences`] say where a task goes next and where it will be;
//!   [`advance`] also says why a task does not move ([`Next`]);
//! - [`complete`], [`wont_do`], [`skip`], [`skip_date`], [`pin`] and [`unpin`] (or [`Action::apply`])
//!   build the [`BatchBody`] of `POST /api/v2/batch/task` that TickTick's own clients send;
//! - [`apply_response`] applies the server's answer (new etags) to the tasks the caller holds.
//!
//! ```
//! use ticktick_recur::{parse_instant, ObjectIdGenerator, task::{wont_do, Close, Task}};
//!
//! let task = Task::from_json(r#"{
//!     "id": "696b8b6f2c6f3277d1cc4331", "status": 0, "etag": "q1j2ogah",
//!     "startDate": "2026-01-17T14:00:00.000+0000", "dueDate": "2026-01-17T15:00:00.000+0000",
//!     "timeZone": "Europe/Istanbul", "repeatFlag": "RRULE:FREQ=DAILY;INTERVAL=1", "repeatFrom": "2"
//! }"#)?;
//! let close = Close { at: parse_instant("2026-01-17T13:16:24Z")?, user_id: 130208689 };
//! let mut ids = ObjectIdGenerator::from_seed("2c6f3277d1cc4341".parse()?);
//! let body = wont_do(&task, &close, &mut ids)?;
//! assert_eq!(body.add[0].status(), -1);
//! assert_eq!(body.add[0].id(), Some("696b8ba82c6f3277d1cc4341"));
//! assert_eq!(body.update[0].get("startDate").unwrap(), "2026-01-18T14:00:00.000+0000");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Where TickTick's public behaviour leaves a question open, the answer chosen is documented in one
//! place in the source (`src/task/policy.rs`) and listed in the README.

mod actions;
mod batch;
mod error;
mod json;
mod model;
mod policy;
mod schedule;
mod view;

pub use actions::{complete, pin, skip, skip_date, unpin, wont_do, Action, Close};
pub use batch::{apply_response, BatchBody, Response};
pub use error::{json_excerpt, ActionKind, FieldProblem, Refusal, TaskError};
pub(crate) use json::{elements, members, plain_run, string_chars, unescape};
pub(crate) use model::Name;
pub use model::{RecipeShape, RepeatFrom, Task, TaskNames};
pub use schedule::{advance, next_occurrence, occurrences, Next, TaskDates};
pub(crate) use view::{visit_occurrences, Fnv, RuleCache};
