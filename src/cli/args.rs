//! The command line's grammar (SURFACES.md §1).

use chrono::{DateTime, NaiveDate, Utc};
use clap::{Args, Parser, Subcommand};
use ticktick_recur::{parse_date, parse_instant, IdSeed, Zone};

/// TickTick recurring tasks, computed exactly.
///
/// Times accept RFC 3339 (2026-01-17T13:16:24Z) and TickTick's wire form
/// (2026-01-17T13:16:24.000+0000); times printed are always the wire form. A TASK is a path to a JSON
/// file holding one task object, or - for standard input; TASKS (agenda, reminders) may also hold an
/// array of tasks or TickTick's sync answer. JSON is printed pretty (two-space indent)
/// unless --compact is given. Bad input exits with status 2 and one line on stderr starting "error:".
#[derive(Debug, Parser)]
#[command(name = "ticktick-recur", version, max_term_width = 100)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub(crate) command: Command,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Print the occurrences of a repeatFlag, one start per line, ascending.
    Expand(Expand),
    /// Print the {"startDate","dueDate"} a task moves to when its current occurrence is closed at
    /// --at, or null when its series ends there.
    Next {
        #[command(flatten)]
        task: TaskArg,
        #[command(flatten)]
        at: At,
        #[command(flatten)]
        json: Json,
        #[command(flatten)]
        holidays: Holidays,
    },
    /// Print the occurrences of a task that start in [--from, --to] (calendar view).
    Occurrences {
        #[command(flatten)]
        task: TaskArg,
        /// First instant of the window (inclusive).
        #[arg(long, value_name = "T", value_parser = instant)]
        from: DateTime<Utc>,
        /// Last instant of the window (inclusive).
        #[arg(long, value_name = "T", value_parser = instant)]
        to: DateTime<Utc>,
        /// Print at most N occurrences.
        #[arg(long, value_name = "N", default_value_t = 100)]
        limit: usize,
        #[command(flatten)]
        json: Json,
        #[command(flatten)]
        holidays: Holidays,
    },
    /// Print the batch body that completes the task's current occurrence.
    Complete(Close),
    /// Print the batch body that marks the task's current occurrence as won't do.
    WontDo(Close),
    /// Print the batch body that skips the task's current occurrence.
    Skip {
        #[command(flatten)]
        task: TaskArg,
        #[command(flatten)]
        at: At,
        #[command(flatten)]
        json: Json,
        #[command(flatten)]
        holidays: Holidays,
    },
    /// Print the batch body that skips one future occurrence, by its local date.
    SkipDate {
        #[command(flatten)]
        task: TaskArg,
        /// The local date to skip (yyyyMMdd).
        #[arg(long, value_name = "yyyyMMdd", value_parser = date)]
        date: NaiveDate,
        #[command(flatten)]
        at: At,
        #[command(flatten)]
        json: Json,
        #[command(flatten)]
        holidays: Holidays,
    },
    /// Print the batch body that pins the task.
    Pin {
        #[command(flatten)]
        task: TaskArg,
        #[command(flatten)]
        at: At,
        #[command(flatten)]
        json: Json,
    },
    /// Print the batch body that unpins the task.
    Unpin {
        #[command(flatten)]
        task: TaskArg,
        #[command(flatten)]
        at: At,
        #[command(flatten)]
        json: Json,
    },
    /// Print every occurrence of every task that starts in [--from, --to] as
    /// {"id","startDate","dueDate","isAllDay"}, ordered by start, then by the task's position.
    Agenda(List),
    /// Print every reminder that fires in [--from, --to] as
    /// {"id","reminderId","trigger","fireTime","startDate","dueDate"}, ordered by fire time, then by
    /// the task's position.
    Reminders(List),
}

/// A task list and the window asked about.
#[derive(Debug, Args)]
pub(crate) struct List {
    /// A JSON file holding one task object, an array of task objects, or TickTick's sync answer
    /// (syncTaskBean.update); - for standard input.
    #[arg(value_name = "TASKS")]
    pub(crate) path: String,
    /// The zone for tasks without timeZone.
    #[arg(long, value_name = "ZONE", default_value = "UTC", value_parser = zone)]
    pub(crate) default_tz: Zone,
    /// First instant of the window (inclusive).
    #[arg(long, value_name = "T", value_parser = instant)]
    pub(crate) from: DateTime<Utc>,
    /// Last instant of the window (inclusive).
    #[arg(long, value_name = "T", value_parser = instant)]
    pub(crate) to: DateTime<Utc>,
    /// Print at most N entries: the first N in order.
    #[arg(long, value_name = "N", default_value_t = ticktick_recur::agenda::DEFAULT_LIMIT)]
    pub(crate) limit: usize,
    #[command(flatten)]
    pub(crate) json: Json,
    #[command(flatten)]
    pub(crate) holidays: Holidays,
}

#[derive(Debug, Args)]
pub(crate) struct Expand {
    /// A repeatFlag (RRULE:, ERULE:, LUNAR:) or a bare RRULE value (FREQ=...).
    pub(crate) flag: String,
    /// The series' start (DTSTART); itself an occurrence when it matches the rule.
    #[arg(long, value_name = "T", value_parser = instant)]
    pub(crate) start: DateTime<Utc>,
    /// The IANA zone the series lives in.
    #[arg(long, value_name = "ZONE", default_value = "UTC", value_parser = zone)]
    pub(crate) tz: Zone,
    /// Occurrences are local dates: the start becomes local midnight.
    #[arg(long)]
    pub(crate) all_day: bool,
    /// Print only occurrences strictly after this instant.
    #[arg(long, value_name = "T", value_parser = instant)]
    pub(crate) after: Option<DateTime<Utc>>,
    /// Stop after this instant (inclusive).
    #[arg(long, value_name = "T", value_parser = instant)]
    pub(crate) until: Option<DateTime<Utc>>,
    /// Print at most N occurrences.
    #[arg(long, value_name = "N", default_value_t = ticktick_recur::EXPAND_LIMIT)]
    pub(crate) limit: usize,
    /// Local dates without occurrences (comma-separated, repeatable).
    #[arg(long, value_name = "yyyyMMdd,...", value_delimiter = ',', value_parser = date)]
    pub(crate) exdate: Vec<NaiveDate>,
    /// Refused with a message saying why: `expand` prints no JSON.
    #[arg(long, hide = true)]
    pub(crate) compact: bool,
    #[command(flatten)]
    pub(crate) holidays: Holidays,
}

/// The holiday calendar of a command that computes occurrences (BEHAVIOUR.md §7).
#[derive(Debug, Args)]
pub(crate) struct Holidays {
    /// The holiday calendar TT_SKIP and TT_WORKDAY consult: cn (mainland China's, built in), none
    /// (no day is a holiday) or a JSON file in TickTick's feed format ([{"date","type"}], type 0 a
    /// rest day, 1 a make-up workday) or holiday-cn's ({"year","days"}). An answer that depends on a
    /// year the calendar does not cover is still given, with a warning on stderr.
    #[arg(long = "holidays", value_name = "CAL", default_value = "none")]
    pub(crate) calendar: String,
}

/// The task argument and how to read it.
#[derive(Debug, Args)]
pub(crate) struct TaskArg {
    /// A JSON file holding one task object, or - for standard input.
    #[arg(value_name = "TASK")]
    pub(crate) path: String,
    /// The zone for a task without timeZone.
    #[arg(long, value_name = "ZONE", default_value = "UTC", value_parser = zone)]
    pub(crate) default_tz: Zone,
}

#[derive(Debug, Args)]
pub(crate) struct At {
    /// The instant of the action.
    #[arg(long = "at", value_name = "T", value_parser = instant)]
    pub(crate) at: DateTime<Utc>,
}

#[derive(Debug, Args)]
pub(crate) struct Close {
    #[command(flatten)]
    pub(crate) task: TaskArg,
    #[command(flatten)]
    pub(crate) at: At,
    /// The acting user's numeric id (completedUserId).
    #[arg(long, value_name = "ID")]
    pub(crate) user: u64,
    /// Make new ids reproducible: 16 hex digits, the 5-byte process part then the 3-byte counter of
    /// the first id. Random without it.
    #[arg(long, value_name = "HEX16", value_parser = seed)]
    pub(crate) id_seed: Option<IdSeed>,
    #[command(flatten)]
    pub(crate) holidays: Holidays,
    #[command(flatten)]
    pub(crate) json: Json,
}

/// How JSON is printed (every command but `expand`, which prints one instant per line).
#[derive(Debug, Args)]
pub(crate) struct Json {
    /// Print JSON on one line instead of indented.
    #[arg(long)]
    pub(crate) compact: bool,
}

fn instant(text: &str) -> Result<DateTime<Utc>, ticktick_recur::Error> {
    parse_instant(text)
}

fn date(text: &str) -> Result<NaiveDate, ticktick_recur::Error> {
    parse_date(text)
}

fn zone(text: &str) -> Result<Zone, ticktick_recur::Error> {
    text.parse()
}

fn seed(text: &str) -> Result<IdSeed, ticktick_recur::HexError> {
    text.parse()
}

#[cfg(test)]
mod tests {
    #[test]
    fn grammar_is_consistent() {
        use clap::CommandFactory;
        super::Cli::command().debug_assert();
    }
}
