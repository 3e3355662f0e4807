//! The built-in mainland China calendar: the State Council's notices as the holiday-cn project
//! publishes them, compiled in by `scripts/gen-holidays-cn` (`cn_data.rs`) and turned into a
//! [`Table`] once, at first use.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use chrono::NaiveDate;

use super::cn_data::NOTICE_YEARS;
use super::table::Table;
use super::DayKind;

/// One year's notice: its rest days and make-up workdays as `yyyymmdd` numbers.
#[derive(Debug)]
pub(super) struct NoticeYear {
    pub(super) year: i32,
    pub(super) rest: &'static [u32],
    pub(super) work: &'static [u32],
}

/// The date a `yyyymmdd` number names.
pub(super) fn date(n: u32) -> Option<NaiveDate> {
    let year = i32::try_from(n / 10_000).ok()?;
    NaiveDate::from_ymd_opt(year, n / 100 % 100, n % 100)
}

/// The built-in table, made at first use.
pub(super) fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut days = BTreeMap::new();
        let mut years = BTreeSet::new();
        for notice in NOTICE_YEARS {
            years.insert(notice.year);
            let rest = notice.rest.iter().map(|&n| (n, DayKind::Rest));
            let work = notice.work.iter().map(|&n| (n, DayKind::Work));
            for (n, kind) in rest.chain(work) {
                if let Some(d) = date(n) {
                    days.insert(d, kind);
                }
            }
        }
        // The generator checks the data (valid dates, no day of both kinds, a few decades), and
        // `tests/holidays.rs` compares this table with the data files: an empty table is
        // unreachable.
        Table::new(&days, &years).unwrap_or_default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_generated_number_is_a_date() {
        for notice in NOTICE_YEARS {
            for &n in notice.rest.iter().chain(notice.work) {
                assert!(date(n).is_some(), "{n} in {}", notice.year);
            }
        }
        assert!(!table().years().is_empty());
    }
}
