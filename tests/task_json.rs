//! Reading a task's JSON text: the crate's own reader must accept exactly what serde_json accepts
//! (with repeated keys refused at any depth), answer everything else with the same typed error at
//! the same line and column, keep every value as given, and never panic, overflow its stack or hang.
//!
//! The oracle is serde_json itself, read strictly (a repeated key is an error where serde_json
//! meets it); the inputs are hand-picked edge cases, seeded mutations of the bundled examples, and
//! random JSON written compact, pretty, or with odd whitespace.

#[path = "garbage/inputs.rs"]
mod inputs;

use std::fmt;

use inputs::Rng;
use proptest::prelude::*;
use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{json, Map, Value};
use ticktick_recur::parse_instant;
use ticktick_recur::task::{complete, Close, Task, TaskError, TaskNames};
use ticktick_recur::{IdSeed, ObjectIdGenerator};

/// A JSON value whose objects have unique keys: serde_json's reading, strict.
struct Strict(Value);

impl<'de> Deserialize<'de> for Strict {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(StrictVisitor).map(Strict)
    }
}

struct StrictVisitor;

impl<'de> Visitor<'de> for StrictVisitor {
    type Value = Value;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut list = Vec::new();
        while let Some(Strict(v)) = seq.next_element()? {
            list.push(v);
        }
        Ok(Value::Array(list))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut fields = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            if fields.contains_key(&key) {
                return Err(serde::de::Error::custom(format!("duplicate key {key:?}")));
            }
            let Strict(value) = map.next_value()?;
            fields.insert(key, value);
        }
        Ok(Value::Object(fields))
    }
}

/// What reading `text` must give: the oracle's error, or the task of the oracle's object (or the
/// same field error [`Task::from_value`] gives for it).
fn check(text: &str) {
    let ours = Task::from_json(text);
    match serde_json::from_str::<Strict>(text) {
        Err(e) => {
            let message = e.to_string();
            let message = message
                .rfind(" at line ")
                .map_or(message.as_str(), |i| &message[..i]);
            assert_eq!(
                ours,
                Err(TaskError::InvalidJson {
                    line: e.line(),
                    column: e.column(),
                    message: message.to_owned(),
                }),
                "{text:?}"
            );
        }
        Ok(Strict(value)) => match Task::from_value(value.clone()) {
            Err(expected) => assert_eq!(ours, Err(expected), "{text:?}"),
            Ok(_) => {
                let task = ours.unwrap_or_else(|e| panic!("{text:?}: {e}"));
                assert_eq!(task.to_value(), value, "{text:?}");
                let written: Value = serde_json::from_str(&task.to_json())
                    .unwrap_or_else(|e| panic!("{text:?} written as invalid JSON: {e}"));
                assert_eq!(written, value, "{text:?}");
                let again = Task::from_json(&task.to_json()).unwrap();
                assert_eq!(again.to_json(), task.to_json(), "{text:?}");
            }
        },
    }
}

#[test]
fn edge_cases_read_as_serde_json_reads_them() {
    let cases = [
        "",
        " ",
        "null",
        "[]",
        "\"task\"",
        "{",
        "}",
        "{}",
        " \t\r\n{ \t\r\n} \t\r\n",
        " {\"id\":\"abc\",\"title\":\"x\"}",
        "\n{\"a\":[1,{\"b\":\"c\"}]}",
        "{\"id\":\"abc\"}\n",
        "{}x",
        "{}{}",
        "{,}",
        "{\"a\"}",
        "{\"a\":}",
        "{\"a\" 1}",
        "{\"a\":1,}",
        "{\"a\":1 \"b\":2}",
        "{a:1}",
        "{'a':1}",
        "\u{feff}{}",
        "{\"a\":1}\u{a0}",
        "{\"a\":[1,2,]}",
        "{\"a\":[,]}",
        "{\"a\":{\"b\":}}",
        "{\"a\":01}",
        "{\"a\":-01}",
        "{\"a\":1.}",
        "{\"a\":.5}",
        "{\"a\":-}",
        "{\"a\":+1}",
        "{\"a\":1e}",
        "{\"a\":1e+}",
        "{\"a\":1E-7}",
        "{\"a\":-0}",
        "{\"a\":-0.0e+0}",
        "{\"a\":1e400}",
        "{\"a\":-1e400}",
        "{\"a\":1e-400}",
        "{\"a\":0e99999999}",
        "{\"a\":1.7976931348623157e308}",
        "{\"a\":1.7976931348623159e308}",
        "{\"a\":18446744073709551615}",
        "{\"a\":18446744073709551616}",
        "{\"a\":-9223372036854775808}",
        "{\"a\":-9223372036854775809}",
        "{\"a\":0.30000000000000004441}",
        "{\"a\":92222222222222222222222900}",
        "{\"a\":NaN}",
        "{\"a\":Infinity}",
        "{\"a\":tru}",
        "{\"a\":nulll}",
        "{\"a\":True}",
        "{\"a\":\"\u{1}\"}",
        "{\"a\":\"tab\there\"}",
        "{\"a\":\"new\nline\"}",
        "{\"a\":\"\\x\"}",
        "{\"a\":\"\\u12\"}",
        "{\"a\":\"\\u12g4\"}",
        "{\"a\":\"\\uD83D\\uDE00\"}",
        "{\"a\":\"\\ud83d\\ude00 \\u00e9 \\/ \\\" \\\\ \\b\\f\\n\\r\\t\"}",
        "{\"a\":\"\\ud800\"}",
        "{\"a\":\"\\udc00\"}",
        "{\"a\":\"\\ud800\\u0041\"}",
        "{\"a\":\"\\ud800\\ud800\"}",
        "{\"a\":\"\\ud800x\"}",
        "{\"a\":\"\\u0000\"}",
        "{\"a\":\"unterminated}",
        "{\"a\":\"\u{7f}çà ✓😀\"}",
        "{\"\u{1F600}\":1,\"\\ud83d\\ude00\":2}",
        "{\"a\":1,\"a\":2}",
        "{\"a\":1,\"\\u0061\":2}",
        "{\"id\":\"a\",\"\\u0069d\":\"b\"}",
        "{\"status\":0,\"status\":2}",
        "{\"x\":{\"a\":1,\"b\":2,\"a\":3}}",
        "{\"x\":[{\"k\":1},{\"k\":1,\"k\":2}]}",
        "{\"x\":[[[{\"deep\":{\"d\":1,\"d\":1}}]]]}",
        "{\"a\":{\"a\":{\"a\":1}},\"b\":[{\"a\":1},{\"a\":1}]}",
        "{\"id\":\"a\",\"status\":2.0}",
        "{\"id\":\"a\",\"status\":-0}",
        "{\"id\":\"a\",\"status\":99999999999999999999}",
        "{\"id\":\"a\",\"repeatFrom\":\"\\u0031\"}",
        "{\"id\":\"a\",\"repeatFrom\":1.0}",
        "{\"id\":\"\\u0061\",\"timeZone\":\"Europe\\/Istanbul\"}",
        "{\"startDate\":\"2026-01-17T14:00:00.000\\u002b0000\"}",
        "{\"startDate\":\"2026-02-30T14:00:00.000+0000\"}",
        "{\"exDate\":[\"20260101\",\"2026010\"]}",
        "{\"exDate\":[\"2026\\u00301\\u003001\"]}",
        "{\"exDate\":\"20260101\"}",
        "{\"reminders\":[{\"id\":\"r\"},5]}",
        "{\"items\":[{\"id\":3}]}",
        "{\"items\":[{\"startDate\":\"x\"}]}",
        "{\"attachments\":{}}",
        "{\"isAllDay\":\"false\"}",
    ];
    for text in cases {
        check(text);
    }
}

#[test]
fn the_bundled_examples_read_compact_pretty_and_spaced() {
    for example in inputs::example_tasks() {
        let value: Value = serde_json::from_str(&example).unwrap();
        check(&example);
        check(&value.to_string());
        check(&serde_json::to_string_pretty(&value).unwrap());
        let spaced = value
            .to_string()
            .replace(':', " :\t")
            .replace(',', "\r\n,  ")
            .replace('{', "{ ")
            .replace('[', "[\n");
        check(&spaced);
    }
}

#[test]
fn seeded_mutations_of_the_examples_read_as_serde_json_reads_them() {
    let examples = inputs::example_tasks();
    let mut rng = Rng(0x0123_4567_89ab_cdef);
    let alphabet = [
        "\"",
        "{",
        "}",
        "[",
        "]",
        ",",
        ":",
        "\\",
        "\\u",
        "\\ud800",
        "0",
        "-",
        "1e999",
        ".",
        " ",
        "\n",
        "\u{0}",
        "é",
        "null",
        "tru",
        "\"id\":\"x\",",
        "\"a\":1,",
    ];
    for _ in 0..6000 {
        let mut text = rng.pick(&examples).clone();
        for _ in 0..1 + rng.below(3) {
            let mut at = rng.below(text.len() + 1);
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            match rng.below(4) {
                0 => {
                    let piece: &str = rng.pick::<&str>(&alphabet);
                    text.insert_str(at, piece);
                }
                1 => {
                    let mut end = (at + 1 + rng.below(8)).min(text.len());
                    while !text.is_char_boundary(end) {
                        end -= 1;
                    }
                    text.replace_range(at..end, "");
                }
                2 => text.truncate(at),
                _ => {
                    // A member of the object repeated somewhere else in it.
                    let members = ["\"title\": \"x\",", "\"kind\": 1,", "\"id\": \"y\","];
                    text = text.replacen(",\n", &format!(",\n{}\n", rng.pick(&members[..])), 1);
                }
            }
        }
        check(&text);
    }
    // Damaged tasks that still read: the body's text is the JSON its serde serialisation gives.
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for _ in 0..3000 {
        let text = inputs::task(&mut rng, &examples);
        check(&text);
        let (Ok(task), Ok(at)) = (
            Task::from_json(&text),
            parse_instant(&inputs::instant(&mut rng)),
        ) else {
            continue;
        };
        let close = Close {
            at,
            user_id: rng.next(),
        };
        let seed = IdSeed::new([1, 2, 3, 4, 5], rng.next() as u32);
        if let Ok(body) = complete(&task, &close, &mut ObjectIdGenerator::from_seed(seed)) {
            let written: Value = serde_json::from_str(&body.to_json()).unwrap();
            assert_eq!(written, serde_json::to_value(&body).unwrap(), "{text}");
        }
    }
}

#[test]
fn nesting_is_limited_as_serde_json_limits_it_without_exhausting_the_stack() {
    for levels in [1usize, 2, 100, 125, 126, 127, 128, 129, 1000] {
        let arrays = format!("{{\"a\":{}0{}}}", "[".repeat(levels), "]".repeat(levels));
        check(&arrays);
        let objects = format!(
            "{{\"a\":{}0{}}}",
            "{\"b\":".repeat(levels),
            "}".repeat(levels)
        );
        check(&objects);
    }
    // Far deeper than any stack would hold if the reader recursed without a limit.
    for text in [
        format!("{{\"a\":{}", "[".repeat(1_000_000)),
        format!("{{\"a\":{}", "{\"b\":".repeat(200_000)),
        "[".repeat(1_000_000),
    ] {
        let handle = std::thread::Builder::new()
            .stack_size(256 * 1024)
            .spawn(move || Task::from_json(&text).map(drop))
            .unwrap();
        let result = handle.join().expect("no stack overflow");
        assert!(
            matches!(result, Err(TaskError::InvalidJson { .. })),
            "{result:?}"
        );
    }
}

#[test]
fn many_keys_are_checked_for_repeats() {
    for n in [2usize, 8, 9, 15, 16, 17, 40, 3000] {
        let members: Vec<String> = (0..n).map(|i| format!("\"k{i}\":{i}")).collect();
        let text = format!("{{\"id\":\"a\",{}}}", members.join(","));
        check(&text);
        for repeated in [0, n / 2, n - 1] {
            check(&format!("{{{},\"k{repeated}\":0}}", members.join(",")));
            check(&format!(
                "{{{},\"k\\u0030\":0,\"k0\":1}}",
                members.join(",")
            ));
            check(&format!(
                "{{\"x\":{{{},\"k{repeated}\":0}}}}",
                members.join(",")
            ));
        }
    }
}

#[test]
fn values_are_kept_exactly_as_given() {
    let text = r#"{"id":"a","big":123456789012345678901234567890,"tiny":4.9e-324,"neg":-0,"exp":1E+2,"esc":"\u00e9\/\ud83d\ude00","k\u00e9y":[1.50,{"z":0.1e1}]}"#;
    let task = Task::from_json(text).unwrap();
    assert_eq!(task.to_json(), text);
    assert_eq!(task.get("exp"), Some(&json!(100.0)));
    assert_eq!(task.get("esc"), Some(&json!("é/😀")));
    assert_eq!(task.get("kéy"), Some(&json!([1.5, {"z": 1.0}])));
    assert_eq!(
        task.fields().keys().collect::<Vec<_>>(),
        ["id", "big", "tiny", "neg", "exp", "esc", "kéy"]
    );
    let pretty = "{\n  \"id\" : \"a\" ,\n  \"n\" : [ 1 , { \"x\" : \"a b\" } ]\n}\n";
    assert_eq!(
        Task::from_json(pretty).unwrap().to_json(),
        r#"{"id":"a","n":[1,{"x":"a b"}]}"#
    );
}

#[test]
fn pretty_and_compact_tasks_give_the_same_body() {
    let at = parse_instant("2026-01-17T13:16:24Z").unwrap();
    let close = Close { at, user_id: 1 };
    let seed: IdSeed = "2c6f3277d1cc4341".parse().unwrap();
    for example in inputs::example_tasks() {
        let value: Value = serde_json::from_str(&example).unwrap();
        let bodies: Vec<String> = [example.clone(), value.to_string()]
            .iter()
            .map(|text| {
                let task = Task::from_json(text).unwrap();
                let mut ids = ObjectIdGenerator::from_seed(seed);
                complete(&task, &close, &mut ids).map_or_else(|e| e.to_string(), |b| b.to_json())
            })
            .collect();
        assert_eq!(bodies[0], bodies[1]);
    }
}

/// Any JSON value, nested, with awkward strings and numbers.
fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Value::from),
        "\\PC{0,12}".prop_map(Value::String),
        Just(json!("\u{0}\u{1f}\"\\\u{2028}é😀")),
    ];
    leaf.prop_recursive(4, 24, 5, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
            prop::collection::vec(("[a-z\u{e9}\"\\\\]{0,4}", inner), 0..5)
                .prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn any_object_reads_back_whatever_its_whitespace(
        fields in prop::collection::vec(("[a-zA-Z]{1,8}", any_json()), 0..8),
        cut in any::<prop::sample::Index>(),
        repeat in any::<bool>(),
        before in "[ \t\r\n]{0,3}",
        after in "[ \t\r\n]{0,3}",
    ) {
        let object = Value::Object(fields.into_iter().collect());
        let compact = object.to_string();
        let pretty = serde_json::to_string_pretty(&object).unwrap();
        // Whitespace around an otherwise compact text only.
        let padded = format!("{before}{compact}{after}");
        for text in [&compact, &pretty, &padded] {
            check(text);
            // Cut anywhere: an error at the same place as serde_json's.
            let mut at = cut.index(text.len() + 1);
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            check(&text[..at]);
        }
        if repeat {
            if let Some((key, _)) = object.as_object().and_then(|o| o.iter().next()) {
                let with_repeat = compact.replacen('{', &format!("{{{}:0,", json!(key)), 1);
                check(&with_repeat);
            }
        }
    }

    #[test]
    fn any_object_reads_the_same_from_its_values(
        fields in prop::collection::vec(("[a-zA-Z\u{e9}\"\\\\]{0,6}", any_json()), 0..8),
        repeat in any::<bool>(),
        pretty in any::<bool>(),
    ) {
        let (mut names, mut values): (Vec<String>, Vec<Value>) = fields.into_iter().unzip();
        if repeat && !names.is_empty() {
            names.push(names[0].clone());
            values.push(Value::Null);
        }
        let values_text = if pretty {
            serde_json::to_string_pretty(&values).unwrap()
        } else {
            Value::from(values.clone()).to_string()
        };
        let members: Vec<String> = names.iter().zip(&values).map(|(n, v)| format!("{}:{v}", json!(n))).collect();
        let object = format!("{{{}}}", members.join(","));
        let given = Task::from_values_json(&TaskNames::new(&names), &values_text);
        // The same task, or the same error: its line and column count in a text of the object.
        let unplaced = |e: TaskError| match e {
            TaskError::InvalidJson { message, .. } => TaskError::InvalidJson { line: 0, column: 0, message },
            e => e,
        };
        match Task::from_json(&object) {
            Ok(task) => prop_assert_eq!(given.map(|t| t.to_json()).ok(), Some(task.to_json())),
            Err(e) => prop_assert_eq!(given.map(|t| t.to_json()).map_err(unplaced), Err(unplaced(e))),
        }
    }
}
