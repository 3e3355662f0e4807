//! The built-in mainland China calendar: the State Council's notices as the holiday-cn project
//! publishes them, compiled in by `scripts/gen-holidays-cn` (`cn_data.rs`) and turned into a
//! [`Table`] once, at first use.

use std::sync::OnceLock;

use chrono::NaiveDate;

use super::cn_data::NOTICE_YEARS;
use super::read::Gathered;
use super::table::Table;
use super::DayKind;

/// One year's notice: its rest days and make-up workdays as `MMDD` numbers of its year (negative
/// for the year before).
#[derive(Debug)]
pub(super) struct NoticeYear {
    pub(super) year: i32,
    pub(super) rest: &'static [i16],
    pub(super) work: &'static [i16],
}

/// The date an `MMDD` number of a notice of `year` names.
pub(super) fn date(year: i32, n: i16) -> Option<NaiveDate> {
    let (year, n) = if n < 0 { (year - 1, -n) } else { (year, n) };
    let n = u32::try_from(n).ok()?;
    NaiveDate::from_ymd_opt(year, n / 100, n % 100)
}

/// The built-in table, made at first use.
pub(super) fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut gathered = Gathered::default();
        for notice in NOTICE_YEARS {
            gathered.years.push(notice.year);
            let rest = notice.rest.iter().map(|&n| (n, DayKind::Rest));
            let work = notice.work.iter().map(|&n| (n, DayKind::Work));
            for (n, kind) in rest.chain(work) {
                if let Some(d) = date(notice.year, n) {
                    gathered.days.push((d, kind));
                }
            }
        }
        // The generator checks the data (valid dates, no day of both kinds, a few decades), and
        // `tests/holidays.rs` compares this table with the data files: an empty table is
        // unreachable.
        Table::new(gathered).unwrap_or_default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_generated_number_is_a_date() {
        for notice in NOTICE_YEARS {
            for &n in notice.rest.iter().chain(notice.work) {
                assert!(date(notice.year, n).is_some(), "{n} in {}", notice.year);
            }
        }
        assert_eq!(date(2007, -1230), NaiveDate::from_ymd_opt(2006, 12, 30));
        assert_eq!(date(2026, 1001), NaiveDate::from_ymd_opt(2026, 10, 1));
        assert!(!table().years().is_empty());
    }
}
