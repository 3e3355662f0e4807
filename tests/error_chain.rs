//! Error reporters (anyhow's `{:#}`, eyre, `std::error::Report`) print an error, then each `source()`
//! in turn. An error that shows its inner error's message must not also return it as its source, or
//! the message is printed twice.

use std::error::Error as StdError;
use std::fmt;

use ticktick_recur::task::{Action, Task};
use ticktick_recur::{
    parse_date, parse_instant, Error, ObjectIdGenerator, RepeatFlag, Series, Zone,
};

/// The messages of `e` and of each error in its source chain.
fn chain(e: &(dyn StdError + 'static)) -> Vec<String> {
    let mut messages = vec![e.to_string()];
    let mut next = e.source();
    while let Some(source) = next {
        messages.push(source.to_string());
        next = source.source();
    }
    messages
}

/// As a reporter prints it: the messages joined by `: `.
fn report(e: &(dyn StdError + 'static)) -> String {
    chain(e).join(": ")
}

/// One error of each kind, made through the public API.
fn every_kind() -> Vec<Error> {
    let at = parse_instant("2026-01-17T13:16:24Z").unwrap();
    let series = |flag: &str, start: &str| -> Result<Series, Error> {
        let rule = RepeatFlag::parse(flag)?.validate()?;
        Series::new(&rule, parse_instant(start)?, Zone::UTC)
    };
    let act = |task: &str| -> Result<(), Error> {
        let task = Task::from_json(task)?;
        Action::Skip { at }.apply(&task, &mut ObjectIdGenerator::new())?;
        Ok(())
    };
    let sparse = series(
        "FREQ=MINUTELY;INTERVAL=1009;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO;BYHOUR=0",
        "2044-02-29T00:00:00Z",
    )
    .unwrap();
    let errors = vec![
        RepeatFlag::parse("XRULE:FREQ=DAILY")
            .map(drop)
            .map_err(Error::from),
        series("FREQ=DAILY;BYDAY=XX", "2026-01-01T00:00:00Z").map(drop),
        series(
            "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30",
            "2026-01-01T00:00:00Z",
        )
        .map(drop),
        series(
            "LUNAR:FREQ=YEARLY;BYMONTH=8;BYMONTHDAY=15",
            "2150-01-01T00:00:00Z",
        )
        .map(drop),
        sparse.iter().find_map(Result::err).map_or(Ok(()), Err),
        "Mars/Olympus".parse::<Zone>().map(drop),
        "Eastern Standard Time".parse::<Zone>().map(drop),
        parse_instant("2026-01-17T13:16:24").map(drop),
        parse_date("2026-01-20").map(drop),
        act("[]"),
        act(r#"{"id": "a", "startDate": 5}"#),
        act(
            r#"{"id": "a", "startDate": "2026-01-17T14:00:00.000+0000", "repeatFlag": "RRULE:FREQ=DAILY;COUNT=1"}"#,
        ),
        act(
            r#"{"id": "a", "startDate": "2026-01-17T14:00:00.000+0000", "repeatFlag": "RRULE:FREQ=DAILY;BYDAY=XX"}"#,
        ),
    ];
    errors.into_iter().map(Result::unwrap_err).collect()
}

#[test]
fn walking_the_chain_never_repeats_a_message() {
    let errors = every_kind();
    assert!(errors.iter().any(|e| matches!(e, Error::Flag(_))));
    assert!(errors.iter().any(|e| matches!(e, Error::Task(_))));
    assert!(errors
        .iter()
        .any(|e| matches!(e, Error::SearchLimit { .. })));
    for e in &errors {
        let messages = chain(e);
        for (i, outer) in messages.iter().enumerate() {
            for inner in messages.iter().skip(i + 1) {
                assert!(
                    !outer.contains(inner.as_str()),
                    "{e:?} reports {inner:?} twice: {messages:?}"
                );
            }
        }
        assert_eq!(report(e), e.to_string(), "{e:?}");
    }
}

/// A caller's own error, adding context around ours as anyhow's `context` does.
#[derive(Debug)]
struct Context {
    what: &'static str,
    source: Error,
}

impl fmt::Display for Context {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.what)
    }
}

impl StdError for Context {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        Some(&self.source)
    }
}

#[test]
fn a_caller_context_prints_the_message_once() {
    let source = RepeatFlag::parse("RRULE:FREQ=DAILY;BYDAY=XX")
        .unwrap()
        .validate()
        .unwrap_err()
        .into();
    let e = Context {
        what: "reading task 696b8b6f",
        source,
    };
    assert_eq!(
        report(&e),
        r#"reading task 696b8b6f: invalid repeatFlag "RRULE:FREQ=DAILY;BYDAY=XX" at byte 23: unknown weekday "XX""#
    );
}
