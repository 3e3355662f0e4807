//! A calendar's days as bitmaps over the years it spans: whether a day is a rest day, a make-up
//! workday, and whether its year is covered. One lookup is a subtraction, a bounds check and a few
//! bit tests, with no date arithmetic.

use chrono::{Datelike, NaiveDate};

use super::read::Gathered;
use super::{DayKind, HolidayError};
use crate::expand::civil::epoch_day;

/// The widest span of years, from the first listed or covered to the last, that a calendar may
/// have. It keeps a calendar's bitmaps small (about 100 bytes a year), and shorter than the 400
/// years a walk may search without an occurrence before it concludes there is none (a calendar
/// cannot hide occurrences for that long).
pub const MAX_SPAN_YEARS: i32 = 200;

/// 64 consecutive days: a bit each for "rest day", "make-up workday" and "in a covered year".
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Block {
    rest: u64,
    work: u64,
    covered: u64,
}

/// What a lookup found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Found {
    pub(super) kind: DayKind,
    /// Whether the answer is known: the day is listed, or its year is covered.
    pub(super) known: bool,
}

/// The days of a calendar.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Table {
    /// Days since 1970-01-01 of bit 0 (1 January of the first year spanned).
    first_day: i64,
    /// 64 days each, from `first_day`.
    blocks: Box<[Block]>,
    /// The covered years, ascending.
    years: Box<[i32]>,
}

impl Table {
    /// The table of the gathered days (a day listed twice with the same kind counts once) and
    /// covered years. Built in two passes over the days as given, without sorting them: the span
    /// first, then the bits, which also find a day of both kinds.
    ///
    /// # Errors
    ///
    /// [`HolidayError::Conflict`] for a day listed as both kinds, [`HolidayError::TooWide`] when the
    /// listed days and covered years span more than [`MAX_SPAN_YEARS`].
    pub(super) fn new(gathered: Gathered) -> Result<Table, HolidayError> {
        let Gathered { days, years } = gathered;
        let all_years = days.iter().map(|d| d.0.year()).chain(years.iter().copied());
        let (Some(first), Some(last)) = (all_years.clone().min(), all_years.max()) else {
            return Ok(Table::default());
        };
        if i64::from(last) - i64::from(first) >= i64::from(MAX_SPAN_YEARS) {
            return Err(HolidayError::TooWide { first, last });
        }
        let jan1 = |y: i32| NaiveDate::from_ymd_opt(y, 1, 1).map(epoch_day);
        let (Some(first_day), Some(end_day)) = (jan1(first), jan1(last + 1)) else {
            return Err(HolidayError::TooWide { first, last });
        };
        let len = usize::try_from(end_day - first_day).unwrap_or(0);
        let mut blocks = vec![Block::default(); len.div_ceil(64)].into_boxed_slice();
        let place = |day: i64| {
            let i = usize::try_from(day - first_day).ok()?;
            Some((i / 64, 1u64 << (i % 64)))
        };
        // Covered years, ascending, from a flag per year of the span.
        let mut covered = vec![false; usize::try_from(last - first + 1).unwrap_or(0)];
        for &year in &years {
            if let Some(flag) = usize::try_from(year - first)
                .ok()
                .and_then(|i| covered.get_mut(i))
            {
                *flag = true;
            }
        }
        let years: Box<[i32]> = (first..=last)
            .zip(&covered)
            .filter_map(|(year, &on)| on.then_some(year))
            .collect();
        for &year in years.iter() {
            if let (Some(from), Some(to)) = (jan1(year), jan1(year + 1)) {
                for day in from..to {
                    if let Some((b, bit)) = place(day) {
                        if let Some(block) = blocks.get_mut(b) {
                            block.covered |= bit;
                        }
                    }
                }
            }
        }
        for &(date, kind) in &days {
            let Some((b, bit)) = place(epoch_day(date)) else {
                continue;
            };
            let Some(block) = blocks.get_mut(b) else {
                continue;
            };
            let (mine, other) = match kind {
                DayKind::Rest => (&mut block.rest, block.work),
                DayKind::Work => (&mut block.work, block.rest),
                DayKind::Ordinary => continue,
            };
            if other & bit != 0 {
                return Err(HolidayError::Conflict { date });
            }
            *mine |= bit;
        }
        Ok(Table {
            first_day,
            blocks,
            years,
        })
    }

    /// Day `day` (days since 1970-01-01).
    #[inline]
    pub(super) fn find(&self, day: i64) -> Found {
        let block = usize::try_from(day.wrapping_sub(self.first_day))
            .ok()
            .and_then(|i| Some((self.blocks.get(i / 64)?, i % 64)));
        let Some((block, bit)) = block else {
            return Found {
                kind: DayKind::Ordinary,
                known: false,
            };
        };
        let on = |word: u64| (word >> bit) & 1 == 1;
        let kind = if on(block.rest) {
            DayKind::Rest
        } else if on(block.work) {
            DayKind::Work
        } else {
            DayKind::Ordinary
        };
        Found {
            kind,
            known: kind != DayKind::Ordinary || on(block.covered),
        }
    }

    /// The covered years, ascending.
    pub(super) fn years(&self) -> &[i32] {
        &self.years
    }

    /// Every listed day and its kind, ascending.
    pub(super) fn days(&self) -> impl Iterator<Item = (i64, DayKind)> + '_ {
        self.blocks.iter().enumerate().flat_map(move |(i, block)| {
            let base = self.first_day + 64 * i as i64;
            (0..64).filter_map(move |bit| {
                let kind = if (block.rest >> bit) & 1 == 1 {
                    DayKind::Rest
                } else if (block.work >> bit) & 1 == 1 {
                    DayKind::Work
                } else {
                    return None;
                };
                Some((base + bit, kind))
            })
        })
    }

    /// The heap bytes the table holds.
    pub(super) fn heap_bytes(&self) -> usize {
        std::mem::size_of_val(&*self.blocks) + std::mem::size_of_val(&*self.years)
    }
}
