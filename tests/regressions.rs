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
