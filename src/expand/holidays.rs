//! Public holidays and make-up workdays, for `TT_SKIP=HOLIDAY` and `TT_WORKDAY`.

use std::collections::BTreeSet;

use chrono::{Datelike, NaiveDate};

/// A calendar of public holidays and make-up workdays (weekend days that are working days).
///
/// TickTick applies such a calendar only in its China build; callers supply their own. Without one,
/// `TT_SKIP=HOLIDAY` drops nothing and working days are Monday to Friday.
///
/// ```
/// use chrono::NaiveDate;
/// use ticktick_recur::HolidayCalendar;
/// let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).unwrap();
/// let cal = HolidayCalendar::new([d(10, 1), d(10, 2)], [d(10, 10)]);
/// assert!(!cal.is_working_day(d(10, 1)));   // a holiday on a Thursday
/// assert!(cal.is_working_day(d(10, 10)));   // a make-up Saturday
/// assert!(!cal.is_working_day(d(10, 11)));  // an ordinary Sunday
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HolidayCalendar {
    holidays: BTreeSet<NaiveDate>,
    workdays: BTreeSet<NaiveDate>,
}

impl HolidayCalendar {
    /// A calendar from its public holidays and its make-up workdays.
    pub fn new(
        holidays: impl IntoIterator<Item = NaiveDate>,
        make_up_workdays: impl IntoIterator<Item = NaiveDate>,
    ) -> Self {
        HolidayCalendar {
            holidays: holidays.into_iter().collect(),
            workdays: make_up_workdays.into_iter().collect(),
        }
    }

    /// Whether `date` is a public holiday.
    #[must_use]
    pub fn is_holiday(&self, date: NaiveDate) -> bool {
        self.holidays.contains(&date)
    }

    /// Whether `date` is a make-up workday.
    #[must_use]
    pub fn is_make_up_workday(&self, date: NaiveDate) -> bool {
        self.workdays.contains(&date)
    }

    /// Whether `date` is a working day: Monday to Friday and not a holiday, or a make-up workday.
    #[must_use]
    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        is_working_day(Some(self), date)
    }
}

/// Monday to Friday minus holidays, plus make-up workdays; Monday to Friday without a calendar.
pub(crate) fn is_working_day(calendar: Option<&HolidayCalendar>, date: NaiveDate) -> bool {
    let weekday = date.weekday().number_from_monday() <= 5;
    match calendar {
        None => weekday,
        Some(c) => c.is_make_up_workday(date) || (weekday && !c.is_holiday(date)),
    }
}
