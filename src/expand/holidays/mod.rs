//! Public holidays and make-up workdays, for `TT_SKIP` and `TT_WORKDAY` (BEHAVIOUR.md §7).
//!
//! A [`HolidayCalendar`] is a shared, read-only table ([`table`]): the built-in mainland China
//! calendar ([`china`], generated from `data/holiday-cn/` by `scripts/gen-holidays-cn`) or one read
//! from a caller's JSON ([`read`]). Cloning one copies a pointer, so an agenda of thousands of tasks
//! can attach the same calendar to each.
//!
//! # Coverage
//!
//! A calendar knows the years it covers. A day in a year it does not cover, and not listed, is an
//! ordinary day (Monday to Friday working), as TickTick computes without data; the answer is still
//! given. To say which such years an answer depended on, a handle made by
//! [`HolidayCalendar::tracking`] records every year the engine looked a day up in and found neither
//! listed nor covered; [`HolidayCalendar::uncovered_years`] reads the record after the call. The
//! engine looks a day up only where the answer depends on it (a day `TT_SKIP` could drop or keep
//! depending on the calendar, a month `TT_WORKDAY` searches), so the record names no year a rule
//! without such parts touches. It may name a year the answer did not finally need (a day checked
//! while searching, past the occurrence found); it never leaves out one it needed.

mod china;
mod cn_data;
mod read;
mod table;

use std::fmt;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, Mutex};

use chrono::{Datelike, NaiveDate};

pub use read::HolidayError;

use super::civil::{date_of, epoch_day};
use table::Table;

/// What a calendar says of a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DayKind {
    /// Not listed: Monday to Friday are working days, Saturday and Sunday are not.
    Ordinary,
    /// A rest day (TickTick's type 0): a public holiday, or a weekend day inside a holiday block.
    Rest,
    /// A make-up workday (TickTick's type 1, 调休): a working day, usually a Saturday or Sunday.
    Work,
}

/// A calendar of public holidays and make-up workdays (weekend days that are working days), and the
/// years it covers.
///
/// TickTick applies such a calendar only in its China build. Without one, `TT_SKIP=HOLIDAY` drops
/// nothing and working days are Monday to Friday. [`HolidayCalendar::china`] is mainland China's, as
/// the State Council's notices set it (2007-2026 in this release); [`HolidayCalendar::from_json`]
/// reads a caller's, in TickTick's feed format or holiday-cn's.
///
/// ```
/// use chrono::NaiveDate;
/// use ticktick_recur::HolidayCalendar;
/// let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).unwrap();
/// let cal = HolidayCalendar::new([d(10, 1), d(10, 2)], [d(10, 10)])?;
/// assert!(!cal.is_working_day(d(10, 1)));   // a holiday on a Thursday
/// assert!(cal.is_working_day(d(10, 10)));   // a make-up Saturday
/// assert!(!cal.is_working_day(d(10, 11)));  // an ordinary Sunday
/// assert!(cal.covers(2026) && !cal.covers(2027));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// Cloning is cheap (a pointer); clones share the table and, for a handle made by
/// [`HolidayCalendar::tracking`], its record of uncovered years. Two calendars are equal when they
/// list the same days and cover the same years.
#[derive(Clone, Default)]
pub struct HolidayCalendar {
    table: Shared,
    uncovered: Option<Arc<Uncovered>>,
}

/// The table: the built-in one, or a caller's behind a reference count.
#[derive(Clone)]
enum Shared {
    Static(&'static Table),
    Counted(Arc<Table>),
}

impl Default for Shared {
    fn default() -> Self {
        Shared::Counted(Arc::default())
    }
}

impl std::ops::Deref for Shared {
    type Target = Table;

    #[inline]
    fn deref(&self) -> &Table {
        match self {
            Shared::Static(t) => t,
            Shared::Counted(t) => t,
        }
    }
}

/// The years looked up outside a calendar's coverage.
#[derive(Debug, Default)]
struct Uncovered {
    /// The last year recorded (`i64::MIN` before the first): the common repeat costs one load.
    last: AtomicI64,
    years: Mutex<Vec<i32>>,
}

impl HolidayCalendar {
    /// The widest span of years, from the first day listed or year covered to the last, a calendar
    /// may have.
    pub const MAX_SPAN_YEARS: i32 = table::MAX_SPAN_YEARS;

    /// A calendar from its public holidays (rest days) and its make-up workdays. It covers every
    /// year one of them falls in.
    ///
    /// # Errors
    ///
    /// [`HolidayError::Conflict`] when a day is in both lists, [`HolidayError::TooWide`] when they
    /// span more than [`HolidayCalendar::MAX_SPAN_YEARS`] years.
    pub fn new(
        holidays: impl IntoIterator<Item = NaiveDate>,
        make_up_workdays: impl IntoIterator<Item = NaiveDate>,
    ) -> Result<Self, HolidayError> {
        let mut gathered = read::Gathered::default();
        let rest = holidays.into_iter().map(|d| (d, DayKind::Rest));
        let work = make_up_workdays.into_iter().map(|d| (d, DayKind::Work));
        for (date, kind) in rest.chain(work) {
            gathered.years.push(date.year());
            gathered.add(date, kind);
        }
        HolidayCalendar::of(gathered)
    }

    /// Mainland China's calendar, built in: the State Council's yearly notices as the holiday-cn
    /// project publishes them (`data/holiday-cn/`, MIT), covering 2007 to 2026 in this release.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use ticktick_recur::HolidayCalendar;
    /// let cn = HolidayCalendar::china();
    /// let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).unwrap();
    /// assert!(cn.is_holiday(d(10, 1)));           // National Day
    /// assert!(cn.is_make_up_workday(d(2, 14)));   // a Saturday worked for the Spring Festival
    /// assert_eq!(cn.coverage(), Some((2007, 2026)));
    /// ```
    #[must_use]
    pub fn china() -> Self {
        HolidayCalendar {
            table: Shared::Static(china::table()),
            uncovered: None,
        }
    }

    /// A calendar read from JSON text in TickTick's feed format or holiday-cn's.
    ///
    /// - TickTick's feed: an array of `{"date": "yyyy-MM-dd" | "yyyyMMdd", "type": 0 | 1, "name": ..}`,
    ///   type 0 a rest day, type 1 a make-up workday. It covers every year it names a date in.
    /// - holiday-cn: `{"year": 2026, "days": [{"name", "date": "yyyy-MM-dd", "isOffDay": bool}]}`,
    ///   or an array of such years. It covers its `year`s.
    ///
    /// Other fields are ignored; a day listed twice with the same kind counts once.
    ///
    /// ```
    /// use ticktick_recur::HolidayCalendar;
    /// let cal = HolidayCalendar::from_json(
    ///     r#"[{"date": "2026-10-01", "type": 0, "name": "国庆节"}, {"date": "20261010", "type": 1}]"#,
    /// )?;
    /// assert_eq!(cal.covered_years(), [2026]);
    /// let err = HolidayCalendar::from_json(r#"[{"date": "2026-10-01", "type": 2}]"#).unwrap_err();
    /// assert_eq!(
    ///     err.to_string(),
    ///     "invalid holiday calendar at [0].type: unknown day type 2: expected 0 (rest day) or 1 \
    ///      (make-up workday)"
    /// );
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// A [`HolidayError`] naming the place: text that is not JSON or not of either shape, a bad date,
    /// an unknown type, a day listed as both kinds, a calendar spanning more than
    /// [`HolidayCalendar::MAX_SPAN_YEARS`] years.
    pub fn from_json(text: &str) -> Result<Self, HolidayError> {
        HolidayCalendar::of(read::gather(text)?)
    }

    /// [`HolidayCalendar::from_json`] on a JSON value already parsed (a binding's argument, say).
    ///
    /// # Errors
    ///
    /// As [`HolidayCalendar::from_json`], but for text that is not JSON.
    pub fn from_json_value(value: &serde_json::Value) -> Result<Self, HolidayError> {
        HolidayCalendar::of(read::gather_value(value)?)
    }

    fn of(gathered: read::Gathered) -> Result<Self, HolidayError> {
        Ok(HolidayCalendar {
            table: Shared::Counted(Arc::new(Table::new(gathered)?)),
            uncovered: None,
        })
    }

    /// Whether `date` is a public holiday (a rest day, TickTick's type 0).
    #[must_use]
    pub fn is_holiday(&self, date: NaiveDate) -> bool {
        self.table.find(epoch_day(date)).kind == DayKind::Rest
    }

    /// Whether `date` is a make-up workday (TickTick's type 1).
    #[must_use]
    pub fn is_make_up_workday(&self, date: NaiveDate) -> bool {
        self.table.find(epoch_day(date)).kind == DayKind::Work
    }

    /// Whether `date` is a working day: Monday to Friday and not a holiday, or a make-up workday.
    #[must_use]
    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        working(self.table.find(epoch_day(date)).kind, epoch_day(date))
    }

    /// Whether the calendar covers `year`: its days there are known.
    #[must_use]
    pub fn covers(&self, year: i32) -> bool {
        self.table.years().binary_search(&year).is_ok()
    }

    /// The years the calendar covers, ascending.
    #[must_use]
    pub fn covered_years(&self) -> &[i32] {
        self.table.years()
    }

    /// The first and last years the calendar covers (`None` when it covers none). The years between
    /// are covered too unless [`HolidayCalendar::covered_years`] leaves some out.
    #[must_use]
    pub fn coverage(&self) -> Option<(i32, i32)> {
        Some((*self.table.years().first()?, *self.table.years().last()?))
    }

    /// The same calendar with a fresh record of the years the engine looks up outside its coverage
    /// (see [`HolidayCalendar::uncovered_years`]). Attach it, compute, then read the record.
    ///
    /// ```
    /// use ticktick_recur::{parse_instant, HolidayCalendar, RepeatFlag, Series};
    /// let cn = HolidayCalendar::china().tracking();
    /// let rule = "RRULE:FREQ=DAILY;TT_SKIP=HOLIDAY,WEEKEND".parse::<RepeatFlag>()?.validate()?;
    /// let series = Series::new(&rule, parse_instant("2026-12-30T01:00:00Z")?, "Asia/Shanghai".parse()?)?
    ///     .holidays(cn.clone());
    /// let next = series.after(parse_instant("2026-12-31T12:00:00Z")?)?.unwrap();
    /// assert_eq!(next.date().to_string(), "2027-01-01"); // no 2027 notice in this release
    /// assert_eq!(cn.uncovered_years(), [2027]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn tracking(&self) -> Self {
        HolidayCalendar {
            table: self.table.clone(),
            uncovered: Some(Arc::new(Uncovered {
                last: AtomicI64::new(i64::MIN),
                years: Mutex::default(),
            })),
        }
    }

    /// The years, ascending, in which the engine looked up a day that the calendar neither lists nor
    /// covers, since [`HolidayCalendar::tracking`] made this handle (empty for other handles).
    ///
    /// Those answers treated such days as ordinary; with data for those years they might differ.
    #[must_use]
    pub fn uncovered_years(&self) -> Vec<i32> {
        let mut years = self.uncovered.as_ref().map_or_else(Vec::new, |u| {
            u.years
                .lock()
                .map_or_else(|e| e.into_inner().clone(), |y| y.clone())
        });
        crate::sort::sort(&mut years);
        years
    }

    /// What the calendar says of day `day` (days since 1970-01-01), for the engine: the lookup is
    /// recorded when the day is neither listed nor covered.
    #[inline]
    pub(crate) fn kind(&self, day: i64) -> DayKind {
        let found = self.table.find(day);
        if !found.known {
            if let Some(uncovered) = &self.uncovered {
                uncovered.note(day);
            }
        }
        found.kind
    }

    /// Whether day `day` (days since 1970-01-01) is a working day, for the engine (recorded as
    /// [`HolidayCalendar::kind`]).
    #[inline]
    pub(crate) fn is_working(&self, day: i64) -> bool {
        working(self.kind(day), day)
    }
}

impl Uncovered {
    fn note(&self, day: i64) {
        let Some(year) = date_of(day).map(|d| d.year()) else {
            return;
        };
        if self.last.load(Ordering::Relaxed) == i64::from(year) {
            return;
        }
        let mut years = self.years.lock().unwrap_or_else(|e| e.into_inner());
        if !years.contains(&year) {
            years.push(year);
        }
        self.last.store(i64::from(year), Ordering::Relaxed);
    }
}

/// Whether a day of this kind is a working day: a make-up workday, or Monday to Friday and not a
/// rest day.
#[inline]
pub(crate) fn working(kind: DayKind, day: i64) -> bool {
    match kind {
        DayKind::Work => true,
        DayKind::Rest => false,
        DayKind::Ordinary => weekday(day) < 5,
    }
}

/// The weekday of day `day` (days since 1970-01-01, a Thursday): Monday 0 to Sunday 6.
#[inline]
pub(crate) fn weekday(day: i64) -> u32 {
    (day + 3).rem_euclid(7) as u32
}

impl PartialEq for HolidayCalendar {
    fn eq(&self, other: &Self) -> bool {
        *self.table == *other.table
    }
}

impl Eq for HolidayCalendar {}

impl fmt::Debug for HolidayCalendar {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (mut rest, mut work) = (0, 0);
        for (_, kind) in self.table.days() {
            match kind {
                DayKind::Rest => rest += 1,
                _ => work += 1,
            }
        }
        f.debug_struct("HolidayCalendar")
            .field("coverage", &self.coverage())
            .field("covered_years", &self.table.years().len())
            .field("rest_days", &rest)
            .field("make_up_workdays", &work)
            .field("tracking", &self.uncovered.is_some())
            .finish()
    }
}

/// The days a calendar lists, as (date, is a rest day), ascending: for tests that compare tables.
#[doc(hidden)]
#[must_use]
pub fn listed_days(calendar: &HolidayCalendar) -> Vec<(NaiveDate, bool)> {
    calendar
        .table
        .days()
        .filter_map(|(day, kind)| Some((date_of(day)?, kind == DayKind::Rest)))
        .collect()
}

/// The heap bytes a calendar's table holds (the built-in one's included): for size reports.
#[doc(hidden)]
#[must_use]
pub fn table_bytes(calendar: &HolidayCalendar) -> usize {
    calendar.table.heap_bytes()
}
