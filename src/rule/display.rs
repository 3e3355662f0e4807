//! A canonical text for validated rules, for messages and logs.
//!
//! This is not how a flag is re-sent: [`RepeatFlag::as_str`](crate::RepeatFlag::as_str) keeps the
//! original bytes, which is what TickTick expects back.

use std::fmt::{self, Display, Formatter, Write};

use crate::instant::{format_date, write_date, write_time};

use super::{Frequency, LunarRule, Recurrence, Rule, Until, WeekdayNum, Workday};

impl Display for Frequency {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Frequency::Secondly => "SECONDLY",
            Frequency::Minutely => "MINUTELY",
            Frequency::Hourly => "HOURLY",
            Frequency::Daily => "DAILY",
            Frequency::Weekly => "WEEKLY",
            Frequency::Monthly => "MONTHLY",
            Frequency::Yearly => "YEARLY",
        })
    }
}

impl Display for WeekdayNum {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        if let Some(n) = self.ordinal {
            write!(f, "{n}")?;
        }
        f.write_str(self.weekday.code())
    }
}

impl Display for Until {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        let mut text = String::with_capacity(16);
        match self {
            Until::Date(d) => write_date(&mut text, *d, ""),
            Until::Utc(t) | Until::Local(t) => {
                write_date(&mut text, t.date(), "");
                text.push('T');
                write_time(&mut text, t.time(), "");
                if matches!(self, Until::Utc(_)) {
                    text.push('Z');
                }
            }
        }
        f.write_str(&text)
    }
}

/// Writes `;KEY=a,b,c` when `values` is not empty.
fn list<T: Display>(f: &mut Formatter<'_>, key: &str, values: &[T]) -> fmt::Result {
    if values.is_empty() {
        return Ok(());
    }
    write!(f, ";{key}=")?;
    for (i, v) in values.iter().enumerate() {
        if i > 0 {
            f.write_char(',')?;
        }
        write!(f, "{v}")?;
    }
    Ok(())
}

impl Display for Rule {
    /// `RRULE:FREQ=...` with every part in RFC 5545's order and `INTERVAL` always written.
    ///
    /// ```
    /// let flag: ticktick_recur::RepeatFlag = "RRULE:BYDAY=SA;WKST=SU;FREQ=WEEKLY".parse()?;
    /// let ticktick_recur::Recurrence::Rule(rule) = flag.validate()? else { unreachable!() };
    /// assert_eq!(rule.to_string(), "RRULE:FREQ=WEEKLY;INTERVAL=1;WKST=SU;BYDAY=SA");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "RRULE:FREQ={};INTERVAL={}", self.freq, self.interval)?;
        if let Some(c) = self.count {
            write!(f, ";COUNT={c}")?;
        }
        if let Some(u) = self.until {
            write!(f, ";UNTIL={u}")?;
        }
        if self.week_start != super::Weekday::Monday {
            write!(f, ";WKST={}", self.week_start.code())?;
        }
        list(f, "BYMONTH", &self.by_month)?;
        list(f, "BYWEEKNO", &self.by_week_no)?;
        list(f, "BYYEARDAY", &self.by_year_day)?;
        list(f, "BYMONTHDAY", &self.by_month_day)?;
        list(f, "BYDAY", &self.by_day)?;
        list(f, "BYHOUR", &self.by_hour)?;
        list(f, "BYMINUTE", &self.by_minute)?;
        list(f, "BYSECOND", &self.by_second)?;
        list(f, "BYSETPOS", &self.by_set_pos)?;
        let mut skip: Vec<&str> = [
            (self.skip.holidays, "HOLIDAY"),
            (self.skip.weekends, "WEEKEND"),
            (self.skip.official_workdays, "OFFICIAL_WORKDAY"),
        ]
        .iter()
        .filter_map(|&(on, name)| on.then_some(name))
        .collect();
        for other in &self.skip_other {
            skip.push(other);
        }
        list(f, "TT_SKIP", &skip)?;
        if let Some(w) = self.workday {
            let n = match w {
                Workday::First => 1,
                Workday::Last => -1,
            };
            write!(f, ";TT_WORKDAY={n}")?;
        }
        if let Some(t) = self.times {
            write!(f, ";TT_TIMES={t}")?;
        }
        Ok(())
    }
}

impl Display for LunarRule {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "LUNAR:FREQ={};INTERVAL={}", self.freq, self.interval)?;
        if let Some(m) = self.month {
            write!(f, ";BYMONTH={m}")?;
        }
        write!(f, ";BYMONTHDAY={}", self.day)?;
        if let Some(c) = self.count {
            write!(f, ";COUNT={c}")?;
        }
        if let Some(u) = self.until {
            write!(f, ";UNTIL={u}")?;
        }
        Ok(())
    }
}

impl Display for Recurrence {
    /// The canonical text of the recurrence (`""` when not recurring).
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            Recurrence::NotRecurring => Ok(()),
            Recurrence::Rule(rule) => rule.fmt(f),
            Recurrence::Custom(dates) => {
                let dates: Vec<_> = dates.iter().map(|&d| format_date(d)).collect();
                f.write_str("ERULE:NAME=CUSTOM")?;
                list(f, "BYDATE", &dates)
            }
            Recurrence::ForgettingCurve { cycle, count } => {
                write!(f, "ERULE:NAME=FORGETTINGCURVE;CYCLE={cycle}")?;
                match count {
                    Some(c) => write!(f, ";COUNT={c}"),
                    None => Ok(()),
                }
            }
            Recurrence::Lunar(rule) => rule.fmt(f),
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::RepeatFlag;

    fn canonical(flag: &str) -> String {
        flag.parse::<RepeatFlag>()
            .unwrap()
            .validate()
            .unwrap()
            .to_string()
    }

    #[test]
    fn canonical_text_round_trips_through_the_parser() {
        for flag in [
            "RRULE:FREQ=WEEKLY;INTERVAL=1;WKST=SU;UNTIL=20260227;BYDAY=SA",
            "RRULE:FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=-1;TT_WORKDAY=-1",
            "RRULE:FREQ=YEARLY;COUNT=3;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO,-1FR;BYSETPOS=1,-1",
            "RRULE:FREQ=DAILY;INTERVAL=1;TT_SKIP=WEEKEND,HOLIDAY",
            "RRULE:FREQ=HOURLY;UNTIL=20260101T120000Z;BYHOUR=9,17;BYMINUTE=0,30;BYSECOND=5",
            "ERULE:NAME=CUSTOM;BYDATE=20260320,20260319",
            "ERULE:NAME=FORGETTINGCURVE;CYCLE=3;COUNT=4",
            "LUNAR:FREQ=YEARLY;INTERVAL=1;BYMONTH=8;BYMONTHDAY=15",
            "LUNAR:FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=30;COUNT=5",
            "LUNAR:UNTIL=20300101;BYMONTHDAY=1;BYMONTH=1;FREQ=YEARLY",
        ] {
            let once = canonical(flag);
            assert_eq!(canonical(&once), once, "{flag}");
        }
        assert_eq!(
            canonical("RRULE:FREQ=DAILY;TT_SKIP=WEEKEND,HOLIDAY"),
            "RRULE:FREQ=DAILY;INTERVAL=1;TT_SKIP=HOLIDAY,WEEKEND"
        );
        assert_eq!(
            canonical("ERULE:NAME=CUSTOM;BYDATE=20260320,20260319"),
            "ERULE:NAME=CUSTOM;BYDATE=20260319,20260320"
        );
    }

    #[test]
    fn until_is_written_as_chrono_writes_it() {
        use crate::Until;
        use chrono::NaiveDate;
        for (y, m, d) in [
            (2026, 2, 27),
            (1, 1, 1),
            (9999, 12, 31),
            (-1, 3, 4),
            (10_000, 5, 6),
        ] {
            let date = NaiveDate::from_ymd_opt(y, m, d).unwrap();
            let t = date.and_hms_milli_opt(23, 59, 59, 1_250).unwrap();
            assert_eq!(
                Until::Date(date).to_string(),
                date.format("%Y%m%d").to_string()
            );
            assert_eq!(
                Until::Utc(t).to_string(),
                t.format("%Y%m%dT%H%M%SZ").to_string()
            );
            assert_eq!(
                Until::Local(t).to_string(),
                t.format("%Y%m%dT%H%M%S").to_string()
            );
        }
    }
}
