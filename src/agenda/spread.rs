//! A long list spread over threads: each thread takes runs of consecutive tasks, one after the other,
//! into a builder of its own, and their answers, each in key order, are merged. Keys hold the task's
//! position in the whole list, so the merged answer is exactly the one a single thread gives, and so
//! is the error: the one of the failing task with the smallest position (each error names its task).
//!
//! WebAssembly has no threads here: there every list is one run, and none of the thread code
//! ([`threads`]) is compiled.

use std::ops::Range;

use super::error::AgendaError;
use super::list::ListForm;
use super::select::{Keyed, Select};
use super::Window;
use crate::task::Task;

#[cfg(not(target_arch = "wasm32"))]
mod threads;

/// How many tasks a builder adds before it makes room for the entries of the rest, at the rate of
/// these ([`Select::expect`]).
const FIRST: usize = 250;

/// Tasks in list order, by position: already read, or read when their turn comes.
pub(crate) trait Tasks: Sync {
    /// How many tasks the list holds.
    fn count(&self) -> usize;

    /// How the list names its tasks in errors.
    fn form(&self) -> ListForm;

    /// Calls `each` with the task at every position of `run`, in order, until it fails.
    ///
    /// # Errors
    ///
    /// The error of the first task that fails (to be read, or in `each`), which names it.
    fn each<F>(&self, run: Range<usize>, each: F) -> Result<(), AgendaError>
    where
        F: FnMut(&Task, usize) -> Result<(), AgendaError>;
}

impl Tasks for [Task] {
    fn count(&self) -> usize {
        self.len()
    }

    fn form(&self) -> ListForm {
        ListForm::Array
    }

    fn each<F>(&self, run: Range<usize>, mut each: F) -> Result<(), AgendaError>
    where
        F: FnMut(&Task, usize) -> Result<(), AgendaError>,
    {
        for position in run {
            let Some(task) = self.get(position) else {
                break;
            };
            // Each task's memory lies elsewhere: the next one's is read while this one is worked.
            if let Some(next) = self.get(position + 1) {
                next.warm();
            }
            each(task, position)?;
        }
        Ok(())
    }
}

/// Gathers the entries of tasks added one by one, and gives them in key order.
pub(crate) trait Builder {
    /// What it gathers.
    type Entry: Keyed + Send;

    /// A builder for `window`.
    fn new(window: &Window) -> Self;

    /// Adds the entries of `task`, at `position` of a list of the form `form`.
    fn add(&mut self, task: &Task, form: ListForm, position: usize) -> Result<(), AgendaError>;

    /// What it gathered.
    fn into_select(self) -> Select<Self::Entry>;

    /// What it gathers into.
    fn select(&mut self) -> &mut Select<Self::Entry>;
}

/// The entries `B` builds from `tasks` in `window`, the list spread over as many threads as
/// [`threads::threads`] allows.
pub(crate) fn build<B: Builder, L: Tasks + ?Sized>(
    tasks: &L,
    window: &Window,
) -> Result<Vec<B::Entry>, AgendaError> {
    let count = tasks.count();
    #[cfg(not(target_arch = "wasm32"))]
    if let threads @ 2.. = threads::threads(count, window.threads) {
        // Each thread's runs, gathered by a builder of its own.
        let work = |runs: &mut dyn Iterator<Item = Range<usize>>| {
            let mut builder = B::new(window);
            let mut first = true;
            for run in runs {
                let len = run.len();
                add(tasks, &mut builder, run)?;
                // After its first run, room for about as many tasks as each thread takes.
                if std::mem::take(&mut first) {
                    builder
                        .select()
                        .expect(len, (count / threads).saturating_sub(len));
                }
            }
            Ok(builder.into_select())
        };
        return threads::spread(count, threads, window.limit, &work);
    }
    let mut builder = B::new(window);
    let first = count.min(FIRST);
    add(tasks, &mut builder, 0..first)?;
    builder.select().expect(first, count - first);
    add(tasks, &mut builder, first..count)?;
    Ok(builder.into_select().finish())
}

/// Adds the tasks of `run` to `builder`.
fn add<B: Builder, L: Tasks + ?Sized>(
    tasks: &L,
    builder: &mut B,
    run: Range<usize>,
) -> Result<(), AgendaError> {
    let form = tasks.form();
    tasks.each(run, |task, position| builder.add(task, form, position))
}
