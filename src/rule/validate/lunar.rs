//! TickTick's `LUNAR:` flags: a day of the Chinese lunisolar calendar, yearly
//! (`FREQ=YEARLY;BYMONTH=m;BYMONTHDAY=d`) or monthly (`FREQ=MONTHLY;BYMONTHDAY=d`).

use super::values::freq_name;
use super::Checker;
use crate::flag::{FlagError, FlagErrorKind};
use crate::rule::{Frequency, LunarRule};

impl Checker<'_> {
    /// A `LUNAR:` flag: `FREQ=YEARLY;BYMONTH=m;BYMONTHDAY=d` or `FREQ=MONTHLY;BYMONTHDAY=d`.
    pub(super) fn lunar(&self) -> Result<LunarRule, FlagError> {
        let (freq, field) = self.freq()?;
        if !matches!(freq, Frequency::Yearly | Frequency::Monthly) {
            return Err(self.invalid("FREQ", field.value, field.value_at, "YEARLY or MONTHLY"));
        }
        let interval = self.interval()?;
        let month = match (freq, self.find("BYMONTH")) {
            (Frequency::Yearly, _) => {
                let field = self.require("BYMONTH")?;
                Some(self.int_in("BYMONTH", field.value, field.value_at, 1, 12)?)
            }
            (_, Some(field)) => {
                let kind = FlagErrorKind::NotAllowedWithFrequency {
                    key: "BYMONTH",
                    freq: freq_name(freq),
                };
                return Err(self.error(field.key_at, kind));
            }
            (_, None) => None,
        };
        let field = self.require("BYMONTHDAY")?;
        let day = self.int_in("BYMONTHDAY", field.value, field.value_at, 1, 30)?;
        let month = match month {
            Some(m) => Some(u8::try_from(m).map_err(|_| {
                let field = self.find("BYMONTH").unwrap_or(field);
                self.out_of_range("BYMONTH", field.value, field.value_at, 1, 12)
            })?),
            None => None,
        };
        let day = u8::try_from(day)
            .map_err(|_| self.out_of_range("BYMONTHDAY", field.value, field.value_at, 1, 30))?;
        Ok(LunarRule {
            freq,
            interval,
            month,
            day,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rule::validate::testing::{err, recurrence};
    use crate::rule::Recurrence;

    #[test]
    fn lunar() {
        assert_eq!(
            recurrence("LUNAR:FREQ=YEARLY;INTERVAL=1;BYMONTH=8;BYMONTHDAY=15"),
            Recurrence::Lunar(LunarRule {
                freq: Frequency::Yearly,
                interval: 1,
                month: Some(8),
                day: 15
            })
        );
        assert_eq!(
            recurrence("LUNAR:FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=30"),
            Recurrence::Lunar(LunarRule {
                freq: Frequency::Monthly,
                interval: 3,
                month: None,
                day: 30
            })
        );
        assert_eq!(
            recurrence("LUNAR:BYMONTHDAY=1;FREQ=MONTHLY"),
            Recurrence::Lunar(LunarRule {
                freq: Frequency::Monthly,
                interval: 1,
                month: None,
                day: 1
            })
        );
    }

    #[test]
    fn lunar_errors() {
        let e = err("LUNAR:FREQ=YEARLY;BYMONTHDAY=15");
        assert_eq!(e.kind(), &FlagErrorKind::MissingKey { key: "BYMONTH" });
        assert_eq!(e.offset(), 6);
        let e = err("LUNAR:FREQ=MONTHLY");
        assert_eq!(e.kind(), &FlagErrorKind::MissingKey { key: "BYMONTHDAY" });
        let e = err("LUNAR:FREQ=MONTHLY;BYMONTHDAY=31");
        assert_eq!(e.offset(), 30);
        insta::assert_snapshot!(e.to_string(), @r#"invalid repeatFlag "LUNAR:FREQ=MONTHLY;BYMONTHDAY=31" at byte 30: BYMONTHDAY value 31 is out of range 1..=30"#);
        let e = err("LUNAR:FREQ=YEARLY;BYMONTH=13;BYMONTHDAY=1");
        assert!(matches!(
            e.kind(),
            FlagErrorKind::OutOfRange { max: 12, .. }
        ));
        let e = err("LUNAR:FREQ=DAILY;BYMONTHDAY=1");
        insta::assert_snapshot!(e.to_string(), @r#"invalid repeatFlag "LUNAR:FREQ=DAILY;BYMONTHDAY=1" at byte 11: FREQ="DAILY" is not YEARLY or MONTHLY"#);
        let e = err("LUNAR:FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=1");
        assert_eq!(e.offset(), 19);
        assert_eq!(
            e.kind(),
            &FlagErrorKind::NotAllowedWithFrequency {
                key: "BYMONTH",
                freq: "MONTHLY"
            }
        );
        let e = err("LUNAR:FREQ=MONTHLY;BYMONTHDAY=1;INTERVAL=0");
        assert!(matches!(e.kind(), FlagErrorKind::OutOfRange { min: 1, .. }));
    }
}
