//! Runs one command: reads the arguments and the task, prints the result whole, or one `error:` line.
//!
//! Exit status: 0 on success, 2 for bad input of any kind (arguments, task JSON, flag, zone, an action
//! that cannot apply), 1 when the output cannot be written. Nothing is printed on stdout unless the
//! whole result was computed.
//!
//! Holidays (`--holidays`, BEHAVIOUR.md §7): the calendar is attached as a tracking handle
//! ([`HolidayCalendar::tracking`]); after the answer is computed, each year the engine looked a day
//! up in that the calendar does not cover is printed as one `warning:` line on stderr, and the
//! command still succeeds.

mod args;

use std::fmt::Display;
use std::io::{self, Read, Write};
use std::process::ExitCode;

use clap::error::ErrorKind;
use clap::{CommandFactory, Parser};
use serde::Serialize;
use ticktick_recur::task::{self, Action, Task};
use ticktick_recur::{format_instant, HolidayCalendar, ObjectIdGenerator, RepeatFlag, Series};

use args::{Cli, Command, Expand, Holidays, TaskArg};

/// Exit status for bad input.
const BAD_INPUT: u8 = 2;
/// Exit status when the output cannot be written.
const CANNOT_WRITE: u8 = 1;

/// A failure, as the one line printed after `error: `.
struct Failure(String);

impl<E: Display> From<E> for Failure {
    fn from(e: E) -> Self {
        Failure(e.to_string())
    }
}

pub(crate) fn main() -> ExitCode {
    quiet_panics();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) => {
            // Help and version go to stdout and succeed.
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
        Err(e) => return fail(&clap_message(&e), BAD_INPUT),
    };
    let calendar = match Calendar::read(cli.command.holidays()) {
        Ok(calendar) => calendar,
        Err(Failure(message)) => return fail(&message, BAD_INPUT),
    };
    let output = match run(cli.command, cli.compact, &calendar) {
        Ok(output) => output,
        Err(Failure(message)) => return fail(&message, BAD_INPUT),
    };
    for warning in calendar.warnings() {
        eprintln!("warning: {warning}");
    }
    let mut stdout = io::stdout().lock();
    match stdout
        .write_all(output.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(&format!("cannot write output: {e}"), CANNOT_WRITE),
    }
}

/// The holiday calendar a command consults (none unless `--holidays` names one), tracking the
/// uncovered years it is consulted about.
struct Calendar(Option<HolidayCalendar>);

impl Calendar {
    fn read(arg: Option<&Holidays>) -> Result<Calendar, Failure> {
        let calendar = match arg.map(|h| h.calendar.as_str()) {
            None | Some("none") => None,
            Some("cn") => Some(HolidayCalendar::china()),
            Some(path) => {
                let text = std::fs::read_to_string(path)
                    .map_err(|e| format!("cannot read holiday calendar {path:?}: {e}"))?;
                Some(HolidayCalendar::from_json(&text).map_err(|e| context(path, e))?)
            }
        };
        Ok(Calendar(calendar.map(|c| c.tracking())))
    }

    /// The task, consulting the calendar.
    fn attach(&self, task: Task) -> Task {
        match &self.0 {
            Some(calendar) => task.with_holidays(calendar.clone()),
            None => task,
        }
    }

    /// One line for each uncovered year an answer depended on.
    fn warnings(&self) -> Vec<String> {
        let Some(calendar) = &self.0 else {
            return Vec::new();
        };
        let covered = match calendar.coverage() {
            Some((first, last)) if first == last => format!("covers {first} only"),
            Some((first, last)) => format!("covers {first} to {last}"),
            None => "covers no year".to_owned(),
        };
        calendar
            .uncovered_years()
            .into_iter()
            .map(|year| {
                format!(
                    "the holiday calendar does not cover {year} (it {covered}): days of {year} \
                     were taken as ordinary days, Monday to Friday working"
                )
            })
            .collect()
    }
}

impl Command {
    /// The `--holidays` argument of a command that computes occurrences.
    fn holidays(&self) -> Option<&Holidays> {
        match self {
            Command::Expand(expand) => Some(&expand.holidays),
            Command::Next { holidays, .. }
            | Command::Occurrences { holidays, .. }
            | Command::Skip { holidays, .. }
            | Command::SkipDate { holidays, .. } => Some(holidays),
            Command::Complete(close) | Command::WontDo(close) => Some(&close.holidays),
            Command::Pin { .. } | Command::Unpin { .. } => None,
        }
    }
}

/// The whole output of a command.
fn run(command: Command, compact: bool, calendar: &Calendar) -> Result<String, Failure> {
    let read_task = |arg: &TaskArg| {
        let (name, task) = read_task(arg)?;
        Ok::<_, Failure>((name, calendar.attach(task)))
    };
    let act = |task: &TaskArg, action, seed, compact| {
        let (name, task) = read_task(task)?;
        act(&name, &task, action, seed, compact)
    };
    match command {
        Command::Expand(expand) => run_expand(&expand, calendar),
        Command::Next { task, at, .. } => {
            let (name, task) = read_task(&task)?;
            let next = task::next_occurrence(&task, at.at).map_err(|e| context(&name, e))?;
            render(&next, compact)
        }
        Command::Occurrences {
            task,
            from,
            to,
            limit,
            ..
        } => {
            let (name, task) = read_task(&task)?;
            let all = task::occurrences(&task, from, to, limit).map_err(|e| context(&name, e))?;
            render(&all, compact)
        }
        Command::Complete(close) => act(
            &close.task,
            close_action(&close, true),
            close.id_seed,
            compact,
        ),
        Command::WontDo(close) => act(
            &close.task,
            close_action(&close, false),
            close.id_seed,
            compact,
        ),
        Command::Skip { task, at, .. } => act(&task, Action::Skip { at: at.at }, None, compact),
        Command::SkipDate { task, date, at, .. } => {
            act(&task, Action::SkipDate { date, at: at.at }, None, compact)
        }
        Command::Pin { task, at } => act(&task, Action::Pin { at: at.at }, None, compact),
        Command::Unpin { task, at } => act(&task, Action::Unpin { at: at.at }, None, compact),
    }
}

fn close_action(close: &args::Close, completed: bool) -> Action {
    let close = task::Close {
        at: close.at.at,
        user_id: close.user,
    };
    if completed {
        Action::Complete(close)
    } else {
        Action::WontDo(close)
    }
}

/// Applies an action to the task read from `name` and renders its batch body.
fn act(
    name: &str,
    task: &Task,
    action: Action,
    seed: Option<ticktick_recur::IdSeed>,
    compact: bool,
) -> Result<String, Failure> {
    let mut ids = seed.map_or_else(ObjectIdGenerator::new, ObjectIdGenerator::from_seed);
    let body = action.apply(task, &mut ids).map_err(|e| context(name, e))?;
    render(&body, compact)
}

/// `expand`: one wire-form instant per line.
fn run_expand(args: &Expand, calendar: &Calendar) -> Result<String, Failure> {
    let flag = RepeatFlag::parse(&args.flag)?;
    let recurrence = flag.validate()?;
    let mut series = Series::new(&recurrence, args.start, args.tz)?
        .all_day(args.all_day)
        .exdates(args.exdate.iter().copied());
    if let Some(c) = &calendar.0 {
        series = series.holidays(c.clone());
    }
    let occurrences = match args.after {
        Some(after) => series.try_iter_after(after),
        None => series.try_iter(),
    };
    let mut instants = Vec::new();
    // The limit is checked before the next occurrence is searched for: a search consults holidays.
    for occurrence in occurrences.take(args.limit) {
        let t = occurrence?.instant();
        if args.until.is_some_and(|until| t > until) {
            break;
        }
        instants.push(t);
    }
    Ok(instants
        .into_iter()
        .map(|t| format_instant(t) + "\n")
        .collect())
}

/// Reads the task argument: its name for messages, and the task.
fn read_task(arg: &TaskArg) -> Result<(String, Task), Failure> {
    let (name, text) = if arg.path == "-" {
        let mut text = String::new();
        io::stdin()
            .read_to_string(&mut text)
            .map_err(|e| format!("cannot read the task from standard input: {e}"))?;
        ("<stdin>".to_owned(), text)
    } else {
        let text = std::fs::read_to_string(&arg.path)
            .map_err(|e| format!("cannot read task file {:?}: {e}", arg.path))?;
        (arg.path.clone(), text)
    };
    let task = Task::from_json(&text).map_err(|e| context(&name, e))?;
    Ok((name, task.with_default_zone(arg.default_tz)))
}

/// Names the task's source in front of a message.
fn context(name: &str, e: impl Display) -> Failure {
    Failure(format!("{name}: {e}"))
}

/// JSON text of a result, pretty (two-space indent) unless `compact`, with a final newline.
fn render<T: Serialize>(value: &T, compact: bool) -> Result<String, Failure> {
    let text = if compact {
        serde_json::to_string(value)?
    } else {
        serde_json::to_string_pretty(value)?
    };
    Ok(text + "\n")
}

/// Clap's message on one line: its first paragraph, without usage and tips.
fn clap_message(e: &clap::Error) -> String {
    if e.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
        let names: Vec<String> = Cli::command()
            .get_subcommands()
            .map(|c| c.get_name().to_owned())
            .collect();
        return format!(
            "a command is required: one of {} (see --help)",
            names.join(", ")
        );
    }
    let text = e.to_string();
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .take_while(|l| !l.starts_with("Usage:") && !l.starts_with("For more information"))
        .filter(|l| !l.is_empty() && !l.starts_with("tip:"))
        .collect();
    let line = lines.join(" ");
    line.strip_prefix("error:")
        .map_or(line.as_str(), str::trim_start)
        .to_owned()
}

/// Prints `error: ` and one line on stderr, and gives the exit status.
fn fail(message: &str, status: u8) -> ExitCode {
    let one_line: String = message.split_whitespace().collect::<Vec<_>>().join(" ");
    eprintln!("error: {one_line}");
    ExitCode::from(status)
}

/// A panic is a bug, but it still ends as one `error:` line and status 2, never a backtrace.
fn quiet_panics() {
    std::panic::set_hook(Box::new(|info| {
        let _ = fail(&ticktick_recur::internal_error_text(info), BAD_INPUT);
        std::process::exit(i32::from(BAD_INPUT));
    }));
}
