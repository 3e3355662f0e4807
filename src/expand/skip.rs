//! Which days `TT_SKIP` drops (BEHAVIOUR.md §2 and §7), as three weekday masks: one for ordinary
//! days, one for a calendar's rest days, one for its make-up workdays.
//!
//! A day is dropped when any value given drops it:
//!
//! | value | ordinary day | rest day (type 0) | make-up workday (type 1) |
//! |---|---|---|---|
//! | `WEEKEND` | Saturday, Sunday | Saturday, Sunday | never |
//! | `HOLIDAY` | never | always | never |
//! | `OFFICIAL_WORKDAY` | Monday to Friday | never | always |
//!
//! So `HOLIDAY,WEEKEND` keeps exactly the official working days and `OFFICIAL_WORKDAY` exactly the
//! others. Without a calendar every day is ordinary. The calendar is consulted only on weekdays where
//! the masks differ: `TT_SKIP=WEEKEND` looks up Saturdays and Sundays alone.

use super::holidays::{weekday, DayKind, HolidayCalendar};
use crate::rule::SkipDays;

/// Monday to Friday, and Saturday and Sunday, as weekday masks (bit 0 Monday).
const WEEKDAYS: u8 = 0b001_1111;
const WEEKEND: u8 = 0b110_0000;
const EVERY_DAY: u8 = WEEKDAYS | WEEKEND;

/// `TT_SKIP` as weekday masks of dropped days, by what the calendar says of the day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(super) struct SkipMasks {
    /// Days the calendar does not list, and every day without a calendar.
    ordinary: u8,
    rest: u8,
    work: u8,
    /// The weekdays on which the calendar can change the answer.
    consult: u8,
}

impl SkipMasks {
    pub(super) fn new(skip: SkipDays) -> SkipMasks {
        let mut masks = SkipMasks::default();
        if skip.weekends {
            masks.ordinary |= WEEKEND;
            masks.rest |= WEEKEND;
        }
        if skip.holidays {
            masks.rest |= EVERY_DAY;
        }
        if skip.official_workdays {
            masks.ordinary |= WEEKDAYS;
            masks.work |= EVERY_DAY;
        }
        masks.consult = (masks.ordinary ^ masks.rest) | (masks.ordinary ^ masks.work);
        masks
    }

    /// Whether some day can be dropped: with a calendar, or without one.
    pub(super) fn any(&self, calendar: bool) -> bool {
        self.ordinary != 0 || (calendar && self.consult != 0)
    }

    /// The weekdays dropped on ordinary days (bit 0 Monday): what holds without a calendar, and so
    /// the days a rule's grid can never use when no calendar is given.
    pub(super) fn ordinary(&self) -> u8 {
        self.ordinary
    }

    /// Whether day `day` (days since 1970-01-01) is dropped.
    #[inline]
    pub(super) fn drops(&self, day: i64, calendar: Option<&HolidayCalendar>) -> bool {
        let bit = 1u8 << weekday(day);
        let mask = match calendar {
            Some(c) if self.consult & bit != 0 => match c.kind(day) {
                DayKind::Ordinary => self.ordinary,
                DayKind::Rest => self.rest,
                DayKind::Work => self.work,
            },
            _ => self.ordinary,
        };
        mask & bit != 0
    }
}

/// Whether `TT_SKIP` drops `date`, with or without a calendar: for the task semantics that test
/// single dates (`repeatFrom "1"`).
pub(crate) fn drops_date(
    skip: SkipDays,
    date: chrono::NaiveDate,
    calendar: Option<&HolidayCalendar>,
) -> bool {
    SkipMasks::new(skip).drops(super::civil::epoch_day(date), calendar)
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::expand::civil::epoch_day;

    /// Each combination of values against BEHAVIOUR.md §7's definitions, on every kind of day.
    #[test]
    fn masks_follow_the_definitions() {
        let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).unwrap_or_default();
        // A holiday Thursday, a make-up Saturday, a holiday Saturday, an ordinary Sunday and Monday.
        let days = [d(10, 1), d(10, 10), d(10, 3), d(10, 11), d(10, 12)];
        let calendar = HolidayCalendar::new([d(10, 1), d(10, 3)], [d(10, 10)]).unwrap_or_default();
        for bits in 0..8u8 {
            let skip = SkipDays {
                weekends: bits & 1 != 0,
                holidays: bits & 2 != 0,
                official_workdays: bits & 4 != 0,
                unsupported: false,
            };
            let masks = SkipMasks::new(skip);
            for date in days {
                let weekend = matches!(date.format("%a").to_string().as_str(), "Sat" | "Sun");
                let (holiday, make_up) =
                    (calendar.is_holiday(date), calendar.is_make_up_workday(date));
                let working = make_up || (!weekend && !holiday);
                let expected = (skip.weekends && weekend && !make_up)
                    || (skip.holidays && holiday)
                    || (skip.official_workdays && working);
                assert_eq!(
                    masks.drops(epoch_day(date), Some(&calendar)),
                    expected,
                    "{skip:?} on {date}"
                );
                let without = (skip.weekends && weekend) || (skip.official_workdays && !weekend);
                assert_eq!(
                    masks.drops(epoch_day(date), None),
                    without,
                    "{skip:?} on {date}"
                );
            }
        }
    }
}
