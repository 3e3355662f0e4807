//! RFC 5545 and TickTick checks, from a parsed flag to a [`Recurrence`].

use crate::flag::{FlagError, RepeatFlag};
use crate::Recurrence;

pub(crate) fn validate(flag: &RepeatFlag) -> Result<Recurrence, FlagError> {
    let _ = flag;
    todo!()
}
