//! Shared by the differential tests: the rule generator's vocabulary (a [`Spec`] is written as a
//! `repeatFlag` keeping only what RFC 5545 allows with its frequency), the zones, and our engine run on
//! a thread with a time limit.
#![allow(dead_code)]

use std::sync::mpsc;
use std::time::Duration;

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta, TimeZone, Utc};
use chrono_tz::Tz;
use ticktick_recur::{Error, RepeatFlag, Series, Zone};

/// The zones the differential tests draw from: DST with gaps and folds at 01:00-03:00, 30-minute DST
/// (Lord Howe), DST at midnight (Sao Paulo until 2019, Cairo), a skipped day (Apia 2011-12-30), a zone
/// that dropped DST (Istanbul), a half-hour offset without DST (Kolkata), and UTC.
pub const ZONES: [&str; 9] = [
    "America/New_York",
    "Europe/London",
    "Australia/Lord_Howe",
    "America/Sao_Paulo",
    "Africa/Cairo",
    "Pacific/Apia",
    "Europe/Istanbul",
    "Asia/Kolkata",
    "UTC",
];

pub const WEEKDAYS: [&str; 7] = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];

/// How long one expansion by our engine may take before the case counts as a hang.
pub const PATIENCE: Duration = Duration::from_secs(20);

pub fn utc(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .unwrap_or_else(|e| panic!("{text}: {e}"))
        .with_timezone(&Utc)
}

pub fn local(text: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S")
        .unwrap_or_else(|e| panic!("{text}: {e}"))
}

pub fn show(instants: &[DateTime<Utc>]) -> Vec<String> {
    instants
        .iter()
        .map(|t| t.format("%Y-%m-%dT%H:%M:%SZ").to_string())
        .collect()
}

/// Why [`ours`] has no list.
#[derive(Debug)]
pub enum Refusal {
    /// The engine said no: a flag or zone error, or an error from `Series::new` other than
    /// `NeverOccurs` (which is an empty list).
    Engine(Error),
    /// The engine did not answer within [`PATIENCE`].
    Hang(String),
    /// The engine panicked.
    Panicked,
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refusal::Engine(e) => write!(f, "{e}"),
            Refusal::Hang(what) => f.write_str(what),
            Refusal::Panicked => f.write_str("our engine panicked"),
        }
    }
}

/// Our series of `flag` from wall-clock `start` in `zone` (resolved by the zone's policy): at most
/// `take` occurrences as (wall-clock time, instant), walked exactly with `Series::iter_unbounded`; a
/// rule that never occurs is an empty list. Runs on its own thread so that a hang fails the test
/// instead of stalling it.
pub fn ours(
    flag: &str,
    zone: &str,
    start: NaiveDateTime,
    take: usize,
) -> Result<Vec<(NaiveDateTime, DateTime<Utc>)>, Refusal> {
    let (flag_text, zone_name) = (flag.to_owned(), zone.to_owned());
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let result = (|| -> Result<Vec<(NaiveDateTime, DateTime<Utc>)>, Error> {
            let zone: Zone = zone_name.parse()?;
            let rule = flag_text.parse::<RepeatFlag>()?.validate()?;
            let series = match Series::new(&rule, zone.instant(start), zone) {
                Ok(s) => s,
                Err(Error::NeverOccurs { .. }) => return Ok(vec![]),
                Err(e) => return Err(e),
            };
            Ok(series
                .iter_unbounded()
                .take(take)
                .map(|o| (o.local(), o.instant()))
                .collect())
        })();
        let _ = tx.send(result);
    });
    match rx.recv_timeout(PATIENCE) {
        Ok(result) => result.map_err(Refusal::Engine),
        Err(mpsc::RecvTimeoutError::Timeout) => Err(Refusal::Hang(format!(
            "our engine took more than {PATIENCE:?} for {take} occurrences of {flag:?} from {start} in {zone}"
        ))),
        Err(mpsc::RecvTimeoutError::Disconnected) => Err(Refusal::Panicked),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Freq {
    Yearly,
    Monthly,
    Weekly,
    Daily,
    Hourly,
    Minutely,
    Secondly,
}

impl Freq {
    pub fn name(self) -> &'static str {
        match self {
            Freq::Yearly => "YEARLY",
            Freq::Monthly => "MONTHLY",
            Freq::Weekly => "WEEKLY",
            Freq::Daily => "DAILY",
            Freq::Hourly => "HOURLY",
            Freq::Minutely => "MINUTELY",
            Freq::Secondly => "SECONDLY",
        }
    }
}

#[derive(Debug, Clone)]
pub enum End {
    Count(u32),
    /// Days after the start, and the UTC time of day.
    Until(i64, NaiveTime),
    Forever,
}

/// The raw material of a rule; [`Spec::flag`] keeps only what RFC 5545 allows with the frequency.
#[derive(Debug, Clone)]
pub struct Spec {
    pub zone: &'static str,
    pub start: NaiveDateTime,
    pub freq: Freq,
    pub interval: u32,
    pub end: End,
    pub wkst: Option<usize>,
    pub by_month: Vec<u8>,
    pub by_month_day: Vec<i8>,
    pub by_year_day: Vec<i16>,
    pub by_week_no: Vec<i8>,
    pub by_day: Vec<(Option<i8>, usize)>,
    pub by_hour: Vec<u8>,
    pub by_minute: Vec<u8>,
    pub by_second: Vec<u8>,
    pub by_set_pos: Vec<i32>,
}

pub fn join<T: ToString>(values: &[T]) -> String {
    values
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(",")
}

impl Spec {
    pub fn flag(&self) -> String {
        use Freq::*;
        let f = self.freq;
        let mut parts = vec![format!("FREQ={}", f.name())];
        if self.interval > 1 {
            parts.push(format!("INTERVAL={}", self.interval));
        }
        match self.end {
            End::Count(n) => parts.push(format!("COUNT={n}")),
            End::Until(..) => parts.push(format!(
                "UNTIL={}",
                self.until().unwrap().format("%Y%m%dT%H%M%SZ")
            )),
            End::Forever => {}
        }
        if let Some(w) = self.wkst {
            parts.push(format!("WKST={}", WEEKDAYS[w]));
        }
        let mut any_by = false;
        let mut push = |key: &str, list: String, allowed: bool| {
            if allowed && !list.is_empty() {
                parts.push(format!("{key}={list}"));
                any_by = true;
            }
        };
        push("BYMONTH", join(&self.by_month), true);
        // RFC 5545: BYWEEKNO only with YEARLY; BYYEARDAY not with DAILY, WEEKLY or MONTHLY;
        // BYMONTHDAY not with WEEKLY.
        let week_no = f == Yearly && !self.by_week_no.is_empty();
        push("BYWEEKNO", join(&self.by_week_no), f == Yearly);
        push(
            "BYYEARDAY",
            join(&self.by_year_day),
            !matches!(f, Daily | Weekly | Monthly),
        );
        push("BYMONTHDAY", join(&self.by_month_day), f != Weekly);
        // Ordinals only with MONTHLY (the rrule crate allows -4..=5) or YEARLY without BYWEEKNO.
        let ordinals = match f {
            Monthly => Some(4),
            Yearly if !week_no => Some(20),
            _ => None,
        };
        // Plain and ordinal entries are not mixed: python-dateutil and the rrule crate intersect them
        // (`BYDAY=MO,-1MO` is the last Monday), we take their union as RFC 5545 lists mean (every
        // Monday); `differential_rrule/` has the named case. With ordinals, the plain entries go.
        let ordinal_entries = ordinals.is_some() && self.by_day.iter().any(|(n, _)| n.is_some());
        let days: Vec<String> = self
            .by_day
            .iter()
            .filter(|(n, _)| n.is_some() || !ordinal_entries)
            .map(|&(n, w)| match (n, ordinals) {
                (Some(n), Some(limit)) => {
                    let n = n.clamp(-limit, limit);
                    format!("{}{}", if n == 0 { 1 } else { n }, WEEKDAYS[w])
                }
                _ => WEEKDAYS[w].to_owned(),
            })
            .collect();
        push("BYDAY", days.join(","), true);
        push("BYHOUR", join(&self.by_hour), true);
        push("BYMINUTE", join(&self.by_minute), true);
        push("BYSECOND", join(&self.by_second), true);
        if any_by && !self.by_set_pos.is_empty() {
            parts.push(format!("BYSETPOS={}", join(&self.by_set_pos)));
        }
        format!("RRULE:{}", parts.join(";"))
    }

    pub fn until(&self) -> Option<DateTime<Utc>> {
        let End::Until(days, time) = self.end else {
            return None;
        };
        let tz: Tz = self.zone.parse().unwrap();
        let start = tz.from_local_datetime(&self.start).single().unwrap();
        let date = (start.with_timezone(&Utc) + TimeDelta::days(days)).date_naive();
        Some(
            Utc.from_utc_datetime(&date.and_time(time))
                .max(start.with_timezone(&Utc)),
        )
    }

    /// The spec with its start moved back to the first day of its week (WKST) when the rule is
    /// WEEKLY with BYSETPOS. python-dateutil and the rrule crate apply BYSETPOS in the first week to
    /// the days from the start on; we apply it to the whole week from WKST, as RFC 5545 and libical do
    /// (libical's corpus checks it). A start on WKST makes both readings the same.
    pub fn weekly_setpos_from_week_start(mut self) -> Spec {
        if self.freq != Freq::Weekly || self.by_set_pos.is_empty() {
            return self;
        }
        let wkst = self.wkst.unwrap_or(0) as i64;
        let back = (self.start.weekday().num_days_from_monday() as i64 - wkst).rem_euclid(7);
        self.start -= TimeDelta::days(back);
        let tz: Tz = self.zone.parse().unwrap();
        while tz.from_local_datetime(&self.start).single().is_none() {
            self.start += TimeDelta::hours(3);
        }
        self
    }

    /// How many occurrences to compare.
    pub fn take(&self) -> usize {
        match self.end {
            End::Forever => 25,
            _ => 200,
        }
    }
}

/// Days of `year` on which the zone's UTC offset changes (measured at local noon).
pub fn transition_days(tz: Tz, year: i32) -> Vec<NaiveDate> {
    let offset = |d: NaiveDate| {
        let noon = d.and_hms_opt(12, 0, 0).unwrap();
        tz.from_local_datetime(&noon)
            .earliest()
            .map(|t| t.naive_utc() - noon)
    };
    let first = NaiveDate::from_ymd_opt(year, 1, 1).unwrap();
    (0..366)
        .filter_map(|i| first.checked_add_signed(TimeDelta::days(i)))
        .filter(|d| d.year() == year)
        .filter(|&d| offset(d) != offset(d - TimeDelta::days(1)))
        .collect()
}
