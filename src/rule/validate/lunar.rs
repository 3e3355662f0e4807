//! TickTick's `LUNAR:` flags: a day of the Chinese lunisolar calendar, yearly
//! (`FREQ=YEARLY;BYMONTH=m;BYMONTHDAY=d`) or monthly (`FREQ=MONTHLY;BYMONTHDAY=d`), optionally
//! ended by `COUNT` or `UNTIL` as the desktop client appends them (BEHAVIOUR.md §6).

use super::values::{freq_name, until};
use super::Checker;
use crate::flag::{FlagError, FlagErrorKind};
use crate::rule::{Frequency, LunarRule, Until};

impl Checker<'_> {
    /// A `LUNAR:` flag: `FREQ=YEARLY;BYMONTH=m;BYMONTHDAY=d` or `FREQ=MONTHLY;BYMONTHDAY=d`, with
    /// `INTERVAL`, and `COUNT` or `UNTIL` (not both) as in an RRULE.
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
        let (count, until) = self.lunar_end()?;
        Ok(LunarRule {
            freq,
            interval,
            month,
            day,
            count,
            until,
        })
    }

    /// `COUNT` and `UNTIL`, read as an RRULE's: at most one of them.
    fn lunar_end(&self) -> Result<(Option<u32>, Option<Until>), FlagError> {
        let count_field = self.find("COUNT");
        let until_field = self.find("UNTIL");
        let count = match count_field {
            Some(field) => Some(self.u32_in("COUNT", field, 1, u32::MAX)?),
            None => None,
        };
        let until = match until_field {
            Some(field) => Some(until(field.value).ok_or_else(|| {
                const EXPECTED: &str = "a date yyyyMMdd or a date-time yyyyMMddTHHmmss[Z]";
                self.invalid("UNTIL", field.value, field.value_at, EXPECTED)
            })?),
            None => None,
        };
        if let (Some(c), Some(u)) = (count_field, until_field) {
            let (first, second, at) = if c.key_at < u.key_at {
                ("COUNT", "UNTIL", u.key_at)
            } else {
                ("UNTIL", "COUNT", c.key_at)
            };
            return Err(self.error(at, FlagErrorKind::Conflict { first, second }));
        }
        Ok((count, until))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rule::validate::testing::{date, err, recurrence};
    use crate::rule::Recurrence;

    #[test]
    fn lunar() {
        assert_eq!(
            recurrence("LUNAR:FREQ=YEARLY;INTERVAL=1;BYMONTH=8;BYMONTHDAY=15"),
            Recurrence::Lunar(LunarRule {
                freq: Frequency::Yearly,
                interval: 1,
                month: Some(8),
                day: 15,
                count: None,
                until: None,
            })
        );
        assert_eq!(
            recurrence("LUNAR:FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=30"),
            Recurrence::Lunar(LunarRule {
                freq: Frequency::Monthly,
                interval: 3,
                month: None,
                day: 30,
                count: None,
                until: None,
            })
        );
        assert_eq!(
            recurrence("LUNAR:BYMONTHDAY=1;FREQ=MONTHLY"),
            Recurrence::Lunar(LunarRule {
                freq: Frequency::Monthly,
                interval: 1,
                month: None,
                day: 1,
                count: None,
                until: None,
            })
        );
    }

    #[test]
    fn lunar_count_and_until() {
        let Recurrence::Lunar(rule) =
            recurrence("LUNAR:FREQ=YEARLY;INTERVAL=1;BYMONTH=1;BYMONTHDAY=1;COUNT=3")
        else {
            panic!("not lunar")
        };
        assert_eq!((rule.count(), rule.until()), (Some(3), None));
        let Recurrence::Lunar(rule) =
            recurrence("LUNAR:FREQ=MONTHLY;INTERVAL=1;BYMONTHDAY=15;UNTIL=20270101")
        else {
            panic!("not lunar")
        };
        assert_eq!(
            (rule.count(), rule.until()),
            (None, Some(Until::Date(date(2027, 1, 1))))
        );
        let e = err("LUNAR:FREQ=MONTHLY;BYMONTHDAY=1;UNTIL=20270101;COUNT=2");
        insta::assert_snapshot!(e.to_string(), @r#"invalid repeatFlag "LUNAR:FREQ=MONTHLY;BYMONTHDAY=1;UNTIL=20270101;COUNT=2" at byte 47: UNTIL and COUNT cannot both be given"#);
        let e = err("LUNAR:FREQ=MONTHLY;BYMONTHDAY=1;COUNT=0");
        assert!(matches!(e.kind(), FlagErrorKind::OutOfRange { min: 1, .. }));
        let e = err("LUNAR:FREQ=MONTHLY;BYMONTHDAY=1;UNTIL=2027");
        assert_eq!(e.offset(), 38);
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
