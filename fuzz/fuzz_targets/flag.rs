//! The `repeatFlag` parser and validator on arbitrary text: never a panic; every accepted flag keeps
//! its bytes, survives its own in-place edits, and its rule's canonical text means the same rule.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ticktick_recur::{Recurrence, RepeatFlag};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let flag = match RepeatFlag::parse(text) {
        Ok(flag) => flag,
        Err(e) => {
            assert!(e.offset() <= text.len() && text.is_char_boundary(e.offset()));
            let _ = e.to_string();
            return;
        }
    };
    assert_eq!(flag.as_str(), text);
    for edited in [flag.with_count(u32::MAX), flag.with_count(1), flag.with_cycle(0)]
        .into_iter()
        .flatten()
    {
        assert_eq!(RepeatFlag::parse(edited.as_str()).as_ref(), Ok(&edited));
        let _ = edited.validate();
    }
    match flag.validate() {
        Ok(recurrence) => {
            let canonical = recurrence.to_string();
            if let Recurrence::Rule(_) = recurrence {
                let again = RepeatFlag::parse(&canonical)
                    .and_then(|f| f.validate())
                    .unwrap_or_else(|e| panic!("canonical {canonical:?} of {text:?}: {e}"));
                assert_eq!(again, recurrence, "canonical {canonical:?} of {text:?}");
            }
        }
        Err(e) => {
            assert!(e.offset() <= text.len() && text.is_char_boundary(e.offset()));
            let _ = e.to_string();
        }
    }
});
