//! Runs one command: reads the arguments and the task, prints the result, or one `error:` line.
//!
//! Exit status: 0 on success, 2 for bad input of any kind (arguments, task JSON, flag, zone, an action
//! that cannot apply), 1 when the output cannot be written. A reader that stops reading early
//! (`ticktick-recur expand ... | head`) is not an error: the command stops and exits 0.
//!
//! JSON results are computed whole before anything is printed. `expand` streams its lines, so that
//! its memory stays flat however many it prints; everything that can fail before the walk (the flag,
//! its validation, the series) is checked before the first line. The only error left for the walk
//! is a search that runs out of steps (`Error::SearchLimit`, a rule whose later occurrences are too
//! sparse to search for): the first 64 KiB of output are held back, so an error among the first
//! ~2,000 lines still leaves stdout empty; past them, the lines already printed are the true
//! occurrences before the error, and the error line and status 2 say the list is cut short.
//!
//! Holidays (`--holidays`, BEHAVIOUR.md §7): the calendar is attached as a tracking handle
//! ([`HolidayCalendar::tracking`]); after a command succeeds, each year the engine looked a day up in
//! that the calendar does not cover is printed as one `warning:` line on stderr, and the exit status
//! stays 0.

mod args;
mod output;

use std::fmt::Display;
use std::io::{self, Read};
use std::process::ExitCode;

use clap::error::ErrorKind;
use clap::{CommandFactory, Parser};
use serde::Serialize;
use ticktick_recur::agenda::{AgendaError, TaskList, Window};
use ticktick_recur::task::{self, Action, Task};
use ticktick_recur::{
    error_line, format_instant, ExpandRequest, HolidayCalendar, ObjectIdGenerator,
};

use args::{Cli, Command, Expand, Holidays, Json, TaskArg};
use output::Output;

/// Exit status for bad input.
const BAD_INPUT: u8 = 2;
/// Exit status when the output cannot be written.
const CANNOT_WRITE: u8 = 1;

/// Why a command stopped.
enum Failure {
    /// Bad input: the one line printed after `error: `.
    Input(String),
    /// Standard output could not be written.
    Output(io::Error),
}

/// Bad input, with `e`'s message.
fn bad(e: impl Display) -> Failure {
    Failure::Input(e.to_string())
}

/// The engine's errors are bad input, with their own message.
impl From<ticktick_recur::Error> for Failure {
    fn from(e: ticktick_recur::Error) -> Self {
        bad(e)
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
        Err(Failure::Input(message)) => return fail(&message, BAD_INPUT),
        Err(Failure::Output(e)) => return fail(&format!("cannot write output: {e}"), CANNOT_WRITE),
    };
    let mut out = Output::new(io::stdout().lock());
    let result =
        run(cli.command, &calendar, &mut out).and_then(|()| out.finish().map_err(Failure::Output));
    match result {
        Ok(()) => {
            calendar.warn();
            ExitCode::SUCCESS
        }
        // The reader went away (`| head`): nothing more is wanted, which is not a failure.
        Err(Failure::Output(e)) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(Failure::Output(e)) => fail(&format!("cannot write output: {e}"), CANNOT_WRITE),
        Err(Failure::Input(message)) => fail(&message, BAD_INPUT),
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
                    .map_err(|e| bad(format!("cannot read holiday calendar {path:?}: {e}")))?;
                let json = text.strip_prefix('\u{feff}').unwrap_or(&text);
                Some(HolidayCalendar::from_json(json).map_err(|e| context(path, e))?)
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

    /// Prints one `warning:` line for each uncovered year the answer depended on.
    fn warn(&self) {
        let Some(calendar) = &self.0 else {
            return;
        };
        let covered = match calendar.coverage() {
            Some((first, last)) if first == last => format!("covers {first} only"),
            Some((first, last)) => format!("covers {first} to {last}"),
            None => "covers no year".to_owned(),
        };
        for year in calendar.uncovered_years() {
            eprintln!(
                "warning: the holiday calendar does not cover {year} (it {covered}): days of \
                 {year} were taken as ordinary days, Monday to Friday working"
            );
        }
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
            Command::Agenda(list) | Command::Reminders(list) => Some(&list.holidays),
            Command::Pin { .. } | Command::Unpin { .. } => None,
        }
    }
}

/// Runs a command, printing its result to `out`.
fn run(
    command: Command,
    calendar: &Calendar,
    out: &mut Output<impl io::Write>,
) -> Result<(), Failure> {
    let read_task = |arg: &TaskArg| {
        let (name, task) = read_task(arg)?;
        Ok::<_, Failure>((name, calendar.attach(task)))
    };
    let act = |task: &TaskArg, action, seed, json: &Json, out: &mut Output<_>| {
        let (name, task) = read_task(task)?;
        act(&name, &task, action, seed, json, out)
    };
    match command {
        Command::Expand(expand) => run_expand(&expand, calendar, out),
        Command::Next { task, at, json, .. } => {
            let (name, task) = read_task(&task)?;
            // `null` unless the task moves: the series ends, or the task does not repeat or has no
            // dates (`task::Next`); an object that is not a task is an error.
            let next = task::advance(&task, at.at).map_err(|e| context(&name, e))?;
            render(&next.dates(), &json, out)
        }
        Command::Occurrences {
            task,
            from,
            to,
            limit,
            json,
            ..
        } => {
            let (name, task) = read_task(&task)?;
            let all = task::occurrences(&task, from, to, limit).map_err(|e| context(&name, e))?;
            render(&all, &json, out)
        }
        Command::Complete(close) => act(
            &close.task,
            close_action(&close, true),
            close.id_seed,
            &close.json,
            out,
        ),
        Command::WontDo(close) => act(
            &close.task,
            close_action(&close, false),
            close.id_seed,
            &close.json,
            out,
        ),
        Command::Skip { task, at, json, .. } => {
            act(&task, Action::Skip { at: at.at }, None, &json, out)
        }
        Command::SkipDate {
            task,
            date,
            at,
            json,
            ..
        } => act(
            &task,
            Action::SkipDate { date, at: at.at },
            None,
            &json,
            out,
        ),
        Command::Pin { task, at, json } => act(&task, Action::Pin { at: at.at }, None, &json, out),
        Command::Unpin { task, at, json } => {
            act(&task, Action::Unpin { at: at.at }, None, &json, out)
        }
        Command::Agenda(list) => {
            let (name, text) = read_input(&list.path, "task list")?;
            let tasks = task_list(&text, &list, calendar).map_err(|e| context(&name, e))?;
            let entries = tasks
                .agenda(&window(&list))
                .map_err(|e| context(&name, e))?;
            render(&entries, &list.json, out)
        }
        Command::Reminders(list) => {
            let (name, text) = read_input(&list.path, "task list")?;
            let tasks = task_list(&text, &list, calendar).map_err(|e| context(&name, e))?;
            let entries = tasks
                .reminders(&window(&list))
                .map_err(|e| context(&name, e))?;
            render(&entries, &list.json, out)
        }
    }
}

/// The task list of `agenda` and `reminders`, read from `text` (a byte order mark ignored, as for a
/// task).
fn task_list<'a>(
    text: &'a str,
    list: &args::List,
    calendar: &Calendar,
) -> Result<TaskList<'a>, AgendaError> {
    let json = text.strip_prefix('\u{feff}').unwrap_or(text);
    let tasks = TaskList::from_json(json)?.with_default_zone(list.default_tz);
    Ok(match &calendar.0 {
        Some(c) => tasks.with_holidays(c.clone()),
        None => tasks,
    })
}

/// The window of `agenda` and `reminders`.
fn window(list: &args::List) -> Window {
    Window::new(list.from, list.to).with_limit(list.limit)
}

/// Reads a file argument (`-`: standard input) whole: its name for messages, and its text.
fn read_input(path: &str, what: &str) -> Result<(String, String), Failure> {
    if path == "-" {
        let mut text = String::new();
        io::stdin()
            .read_to_string(&mut text)
            .map_err(|e| bad(format!("cannot read the {what} from standard input: {e}")))?;
        Ok(("<stdin>".to_owned(), text))
    } else {
        let text = std::fs::read_to_string(path)
            .map_err(|e| bad(format!("cannot read {what} file {path:?}: {e}")))?;
        Ok((path.to_owned(), text))
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

/// Applies an action to the task read from `name` and prints its batch body.
fn act(
    name: &str,
    task: &Task,
    action: Action,
    seed: Option<ticktick_recur::IdSeed>,
    json: &Json,
    out: &mut Output<impl io::Write>,
) -> Result<(), Failure> {
    let mut ids = seed.map_or_else(ObjectIdGenerator::new, ObjectIdGenerator::from_seed);
    let body = action.apply(task, &mut ids).map_err(|e| context(name, e))?;
    render(&body, json, out)
}

/// `expand`: one wire-form instant per line, printed as the walk finds them. The query, its
/// defaults and its errors are the library's ([`ExpandRequest`]), as in the npm and Python packages.
fn run_expand(
    args: &Expand,
    calendar: &Calendar,
    out: &mut Output<impl io::Write>,
) -> Result<(), Failure> {
    if args.compact {
        return Err(bad(
            "--compact does not apply to expand, which prints instants one per line, not JSON",
        ));
    }
    ExpandRequest::new(&args.flag, args.start)
        .zone(args.tz)
        .all_day(args.all_day)
        .after(args.after)
        .until(args.until)
        .limit(args.limit)
        .ex_dates(args.exdate.iter().copied())
        .holidays(calendar.0.clone())
        .try_for_each(|t| out.line(&format_instant(t)).map_err(Failure::Output))
}

/// Reads the task argument: its name for messages, and the task.
fn read_task(arg: &TaskArg) -> Result<(String, Task), Failure> {
    let (name, text) = read_input(&arg.path, "task")?;
    // A byte order mark, which some Windows editors write at the start of UTF-8 files, is not part
    // of the JSON (RFC 8259 section 8.1 lets a reader ignore it).
    let json = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let task = Task::from_json(json).map_err(|e| context(&name, e))?;
    Ok((name, task.with_default_zone(arg.default_tz)))
}

/// Names the task's source in front of a message.
fn context(name: &str, e: impl Display) -> Failure {
    Failure::Input(format!("{name}: {e}"))
}

/// Prints the JSON text of a result, pretty (two-space indent) unless `--compact`, with a final
/// newline.
fn render<T: Serialize>(
    value: &T,
    json: &Json,
    out: &mut Output<impl io::Write>,
) -> Result<(), Failure> {
    let text = if json.compact {
        serde_json::to_string(value)
    } else {
        serde_json::to_string_pretty(value)
    }
    .map_err(bad)?;
    out.line(&text).map_err(Failure::Output)
}

/// Clap's message on one line: its first paragraph, without usage, and with its suggestion (`a
/// similar subcommand exists: 'expand'`) in parentheses.
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
        .filter(|l| !l.is_empty())
        .collect();
    let (tips, message): (Vec<&str>, Vec<&str>) =
        lines.into_iter().partition(|l| l.starts_with("tip:"));
    let message = message.join(" ");
    let mut message = message
        .strip_prefix("error:")
        .map_or(message.as_str(), str::trim_start)
        .to_owned();
    // Clap's "to pass '--x' as a value, use '-- --x'" is left out: it reads an unknown option as a
    // value for a positional argument, which no command here wants.
    let tips: Vec<&str> = tips
        .iter()
        .filter_map(|tip| tip.strip_prefix("tip:"))
        .map(str::trim)
        .filter(|tip| !tip.starts_with("to pass "))
        .collect();
    if !tips.is_empty() {
        message = format!("{message} ({})", tips.join("; "));
    }
    message
}

/// Prints `error: ` and one line on stderr, and gives the exit status.
fn fail(message: &str, status: u8) -> ExitCode {
    eprintln!("error: {}", error_line(&message));
    ExitCode::from(status)
}

/// A panic is a bug, but it still ends as one `error:` line and status 2, never a backtrace.
fn quiet_panics() {
    std::panic::set_hook(Box::new(|info| {
        let _ = fail(&ticktick_recur::internal_error_text(info), BAD_INPUT);
        std::process::exit(i32::from(BAD_INPUT));
    }));
}
