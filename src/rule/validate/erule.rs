//! TickTick's `ERULE:` flags: `NAME=CUSTOM;BYDATE=...`, an explicit list of dates, and
//! `NAME=FORGETTINGCURVE;CYCLE=n[;COUNT=k]`, spaced repetition.

use chrono::{Datelike, NaiveDate};

use super::Checker;
use crate::flag::{FlagError, FlagErrorKind};
use crate::instant::compact_date;
use crate::rule::Recurrence;

impl Checker<'_> {
    /// An `ERULE:` flag: `NAME=CUSTOM;BYDATE=...` or `NAME=FORGETTINGCURVE;CYCLE=n[;COUNT=k]`.
    pub(super) fn erule(&self) -> Result<Recurrence, FlagError> {
        let name = self.require("NAME")?;
        if name.value.eq_ignore_ascii_case("CUSTOM") {
            let field = self.require("BYDATE")?;
            // Sorted as day numbers: the expansion sorts its exDates as such, and one sorting
            // routine serves both.
            let mut days = Vec::new();
            for (text, at) in self.items("BYDATE", field)? {
                let date = compact_date(text)
                    .ok_or_else(|| self.invalid("BYDATE", text, at, "a date yyyyMMdd"))?;
                days.push(i64::from(date.num_days_from_ce()));
            }
            crate::sort::sort(&mut days);
            days.dedup();
            let dates = days
                .into_iter()
                .filter_map(|day| NaiveDate::from_num_days_from_ce_opt(i32::try_from(day).ok()?));
            Ok(Recurrence::Custom(dates.collect()))
        } else if name.value.eq_ignore_ascii_case("FORGETTINGCURVE") {
            let cycle = self.u32_in("CYCLE", self.require("CYCLE")?, 0, u32::MAX)?;
            let count = match self.find("COUNT") {
                Some(field) => Some(self.u32_in("COUNT", field, 1, u32::MAX)?),
                None => None,
            };
            Ok(Recurrence::ForgettingCurve { cycle, count })
        } else {
            let value = name.value.to_owned();
            Err(self.error(name.value_at, FlagErrorKind::UnknownRuleName { value }))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rule::validate::testing::{date, err, recurrence};

    #[test]
    fn custom_dates_are_sorted_and_deduplicated() {
        assert_eq!(
            recurrence("ERULE:NAME=CUSTOM;BYDATE=20260319,20260320"),
            Recurrence::Custom(vec![date(2026, 3, 19), date(2026, 3, 20)])
        );
        assert_eq!(
            recurrence("ERULE:NAME=custom;BYDATE=20260320,20251231,20260320,20260319"),
            Recurrence::Custom(vec![
                date(2025, 12, 31),
                date(2026, 3, 19),
                date(2026, 3, 20)
            ])
        );
    }

    #[test]
    fn forgetting_curve() {
        assert_eq!(
            recurrence("ERULE:NAME=FORGETTINGCURVE;CYCLE=0"),
            Recurrence::ForgettingCurve {
                cycle: 0,
                count: None
            }
        );
        assert_eq!(
            recurrence("ERULE:COUNT=4;CYCLE=7;NAME=FORGETTINGCURVE"),
            Recurrence::ForgettingCurve {
                cycle: 7,
                count: Some(4)
            }
        );
    }

    #[test]
    fn erule_errors() {
        let e = err("ERULE:BYDATE=20260101");
        assert_eq!(e.offset(), 6);
        assert_eq!(e.kind(), &FlagErrorKind::MissingKey { key: "NAME" });
        let e = err("ERULE:NAME=WEEKDAYS");
        assert_eq!(e.offset(), 11);
        insta::assert_snapshot!(e.to_string(), @r#"invalid repeatFlag "ERULE:NAME=WEEKDAYS" at byte 11: unknown ERULE NAME "WEEKDAYS": expected CUSTOM or FORGETTINGCURVE"#);
        let e = err("ERULE:NAME=CUSTOM");
        assert_eq!(e.kind(), &FlagErrorKind::MissingKey { key: "BYDATE" });
        let e = err("ERULE:NAME=CUSTOM;BYDATE=20260101,20260230");
        assert_eq!(e.offset(), 34);
        insta::assert_snapshot!(e.to_string(), @r#"invalid repeatFlag "ERULE:NAME=CUSTOM;BYDATE=20260101,20260230" at byte 34: BYDATE="20260230" is not a date yyyyMMdd"#);
        let e = err("ERULE:NAME=FORGETTINGCURVE");
        insta::assert_snapshot!(e.to_string(), @r#"invalid repeatFlag "ERULE:NAME=FORGETTINGCURVE" at byte 6: CYCLE is missing"#);
        let e = err("ERULE:NAME=FORGETTINGCURVE;CYCLE=-1");
        assert!(matches!(e.kind(), FlagErrorKind::OutOfRange { min: 0, .. }));
        let e = err("ERULE:NAME=FORGETTINGCURVE;CYCLE=1;COUNT=0");
        assert_eq!(e.offset(), 41);
        assert!(matches!(e.kind(), FlagErrorKind::OutOfRange { min: 1, .. }));
    }
}
