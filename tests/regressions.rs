//! Inputs that once crashed, hung or answered wrongly, replayed through the public API. Each names
//! where it was found (a fuzz target's artifact, the worst-case suite) and what went wrong.

use chrono::{DateTime, TimeDelta, Utc};
use ticktick_recur::{parse_instant, RepeatFlag, Series, Zone};

fn series(flag: &str, start: DateTime<Utc>, zone: &str) -> Series {
    let rule = flag.parse::<RepeatFlag>().unwrap().validate().unwrap();
    Series::new(&rule, start, zone.parse::<Zone>().unwrap()).unwrap()
}

/// Worst-case suite: a daily series two days before chrono's last instant went on past the
/// calendar's end, its occurrences wrapping round to year -262143 and out of order.
#[test]
fn a_series_ends_at_the_calendars_last_day() {
    let start = DateTime::<Utc>::MAX_UTC - TimeDelta::days(2);
    let s = series("RRULE:FREQ=DAILY", start, "UTC");
    let got: Vec<String> = s.iter_after(start).map(|o| o.local().to_string()).collect();
    assert_eq!(got, ["+262142-12-30 23:59:59", "+262142-12-31 23:59:59"]);
    // Weekly and yearly periods too reach the last day (chrono's day iterator stops short of it).
    for flag in [
        "RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR,SA,SU",
        "RRULE:FREQ=YEARLY;BYMONTH=12;BYDAY=MO,TU,WE,TH,FR,SA,SU",
    ] {
        let s = series(flag, start, "UTC");
        let got: Vec<String> = s.iter().map(|o| o.local().to_string()).collect();
        assert_eq!(
            got,
            [
                "+262142-12-29 23:59:59",
                "+262142-12-30 23:59:59",
                "+262142-12-31 23:59:59"
            ],
            "{flag}"
        );
    }
}

/// Worst-case suite: a yearly rule with every second of the day and BYSETPOS filled 31.6 million
/// candidates (250 MB) before its first occurrence. Now it is arithmetic on days x times.
#[test]
fn bysetpos_over_every_second_of_a_year() {
    let list = |n: u32| (0..n).map(|v| v.to_string()).collect::<Vec<_>>().join(",");
    let flag = format!(
        "RRULE:FREQ=YEARLY;BYDAY=MO,TU,WE,TH,FR,SA,SU;BYHOUR={};BYMINUTE={};BYSECOND={};BYSETPOS=1,-1",
        list(24),
        list(60),
        list(60)
    );
    let s = series(&flag, parse_instant("2000-01-01T00:00:00Z").unwrap(), "UTC");
    let got: Vec<String> = s
        .iter_after(parse_instant("2026-06-01T00:00:00Z").unwrap())
        .take(2)
        .map(|o| o.local().to_string())
        .collect();
    assert_eq!(got, ["2026-12-31 23:59:59", "2027-01-01 00:00:00"]);
}

/// Bad-input suite: a task with a key twice kept only the last value, and writing it back lost the
/// first without a word. Duplicate keys are refused now, at any depth.
#[test]
fn duplicate_json_keys_are_refused() {
    use ticktick_recur::task::{Task, TaskError};
    for text in [
        r#"{"id": "a", "startDate": "2026-01-17T14:00:00Z", "startDate": "2027-01-17T14:00:00Z"}"#,
        r#"{"id": "a", "items": [{"id": "i", "status": 0, "status": 1}]}"#,
        r#"{"x": {"y": {"z": 1, "z": 1}}}"#,
    ] {
        let err = Task::from_json(text).unwrap_err();
        assert!(
            matches!(&err, TaskError::InvalidJson { message, .. } if message.starts_with("duplicate key")),
            "{text}: {err}"
        );
    }
}

/// `tests/api_garbage.rs`: the most negative 64-bit integer in a signed list took `i64::MIN.abs()`,
/// which overflows (a panic in debug builds; in release it wrapped and reached a panicking
/// conversion).
#[test]
fn the_most_negative_integer_in_a_signed_list_is_out_of_range() {
    use ticktick_recur::FlagErrorKind;
    for key in ["BYMONTHDAY", "BYYEARDAY", "BYWEEKNO", "BYSETPOS"] {
        let text = format!("RRULE:FREQ=YEARLY;BYDAY=MO;{key}=-9223372036854775808");
        let err = text.parse::<RepeatFlag>().unwrap().validate().unwrap_err();
        assert!(
            matches!(err.kind(), FlagErrorKind::OutOfRange { value, max: -1, .. } if value == "-9223372036854775808"),
            "{key}: {err}"
        );
    }
    let err = "RRULE:FREQ=MONTHLY;BYDAY=-9223372036854775808MO"
        .parse::<RepeatFlag>()
        .unwrap()
        .validate()
        .unwrap_err();
    assert!(
        matches!(err.kind(), FlagErrorKind::OutOfRange { .. }),
        "{err}"
    );
}

/// `fuzz/` target `task`: an unknown numeric field beyond 64-bit integers is read as a double by
/// serde_json's default parser, which is only accurate to one unit in the last place; writing it and
/// reading it back gave another double (9.222222222222223e25, then 9.222222222222224e25), so a task
/// passed through the crate twice changed a field it does not know. serde_json's `float_roundtrip`
/// feature parses doubles exactly; the crate's manifest must enable it.
#[test]
fn unknown_numbers_survive_being_written_and_read_again() {
    use ticktick_recur::task::Task;
    for text in [
        r#"{"id": "a", "x": 92222222222222222222222900}"#,
        r#"{"id": "a", "x": 0.30000000000000004441}"#,
        r#"{"id": "a", "x": 1.7976931348623157e308}"#,
    ] {
        let once = Task::from_json(text).unwrap();
        let twice = Task::from_json(&once.to_json()).unwrap();
        assert_eq!(twice.get("x"), once.get("x"), "{text}");
        assert_eq!(twice.to_json(), once.to_json(), "{text}");
    }
}

/// Property `counting_ahead_agrees_with_the_walk` (CI, random seed): a SECONDLY grid 1441 seconds
/// apart meets BYHOUR x BYMINUTE x BYSECOND's 12 times of day about once in 120 days, and BYMONTH
/// with TT_SKIP keeps one hit in six. The walk stepped through the periods of the allowed hours one
/// by one and ran out of steps (`SearchLimit`) between occurrences years apart; it now goes from a
/// refused period straight to the next allowed one by arithmetic. (Found with
/// `PROPTEST_RNG_SEED` unset; the same rule from other starts was refused by `Series::new`.)
#[test]
fn a_sparse_secondly_grid_is_searched_by_arithmetic() {
    let flag = "RRULE:FREQ=SECONDLY;INTERVAL=1441;COUNT=3720;BYMONTH=1,2,3;BYHOUR=5,6;\
                BYMINUTE=0,31;BYSECOND=0,17,59;TT_SKIP=WEEKEND";
    let allowed = |o: &ticktick_recur::Occurrence| {
        let l = o.local();
        use chrono::{Datelike, Timelike};
        (1..=3).contains(&l.month())
            && l.weekday().num_days_from_monday() < 5
            && [5, 6].contains(&l.hour())
            && [0, 31].contains(&l.minute())
            && [0, 17, 59].contains(&l.second())
    };
    for (start, zone) in [
        // Both were refused by `Series::new` or ran out of steps on their first searches.
        ("2001-04-06T19:31:43Z", "UTC"),
        ("2001-05-01T02:52:20Z", "America/New_York"),
        ("2024-10-03T23:59:59Z", "Pacific/Apia"),
    ] {
        let start = parse_instant(start).unwrap();
        let s = series(flag, start, zone);
        let checked: Vec<_> = s
            .try_iter_after(start)
            .take(12)
            .collect::<Result<_, _>>()
            .unwrap();
        let walked: Vec<_> = s.iter().filter(|o| o.instant() > start).take(12).collect();
        assert_eq!(checked, walked, "from {start} in {zone}");
        assert_eq!(checked.len(), 12);
        assert!(checked.iter().all(allowed), "{checked:?}");
        // Consecutive occurrences lie up to years apart.
        let widest = checked
            .windows(2)
            .map(|w| w[1].instant() - w[0].instant())
            .max()
            .unwrap();
        assert!(widest > TimeDelta::days(365), "{widest}");
    }
}

/// Found while profiling the task reader: whitespace before the opening brace and nowhere else left
/// the text as given while the fields' places were counted without it, so every field read one byte
/// off (the id `"ab`, the title null) and the task was written back broken.
#[test]
fn whitespace_only_before_a_task_is_dropped() {
    use ticktick_recur::task::Task;
    for text in [
        " {\"id\":\"abc\",\"title\":\"x\"}",
        "\n\t{\"id\":\"abc\",\"title\":\"x\"}",
    ] {
        let task = Task::from_json(text).unwrap();
        assert_eq!(task.id(), Some("abc"), "{text:?}");
        assert_eq!(task.get("title"), Some(&serde_json::json!("x")));
        assert_eq!(task.to_json(), r#"{"id":"abc","title":"x"}"#);
    }
}
