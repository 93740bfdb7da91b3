//! Working calendars: which days are worked, working-day and
//! working-hour arithmetic in the ledger's timezone. A computation that needs a day
//! outside the calendar's listed years is an error naming the calendar and the
//! year; the calendar never guesses holidays it was not told.

use std::collections::{BTreeMap, HashSet};
use std::sync::OnceLock;

use chrono::{DateTime, Datelike, Duration as Span, NaiveDate, NaiveDateTime, NaiveTime, TimeZone};
use chrono_tz::Tz;

use crate::model::config::Calendar;

/// Why working time could not be counted: never a guessed date.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CalendarError {
    /// A computation reached a year whose holidays the calendar does not list.
    #[error("calendar `{calendar}` does not cover {year} (its years: {covered})")]
    OutOfRange {
        calendar: String,
        year: i32,
        covered: String,
    },
    /// A whole year passed without a working day (or working hour) to count.
    #[error("calendar `{calendar}` has no working time in the year from {from}")]
    NoWorkingTime { calendar: String, from: NaiveDate },
}

impl CalendarError {
    pub fn calendar(&self) -> &str {
        match self {
            CalendarError::OutOfRange { calendar, .. }
            | CalendarError::NoWorkingTime { calendar, .. } => calendar,
        }
    }
}

/// A working calendar ready for arithmetic.
#[derive(Debug, Clone)]
pub struct WorkCalendar {
    pub name: String,
    pub tz: Tz,
    weekend: [bool; 7],
    pub open: NaiveTime,
    pub close: NaiveTime,
    /// The years the calendar lists, each worked out on first use.
    years: BTreeMap<i32, OnceLock<Year>>,
    holidays: HashSet<NaiveDate>,
    workdays: HashSet<NaiveDate>,
}

/// Working days are counted one by one; a year without one ends the search.
const MAX_IDLE_DAYS: u32 = 366;

impl WorkCalendar {
    pub fn new(name: &str, calendar: &Calendar, tz: Tz) -> Self {
        let mut weekend = [false; 7];
        for day in &calendar.weekend {
            weekend[day.to_chrono().num_days_from_monday() as usize] = true;
        }
        let mut holidays = HashSet::new();
        for range in &calendar.holidays {
            holidays.extend(range.first.iter_days().take_while(|d| *d <= range.last));
        }
        WorkCalendar {
            name: name.to_owned(),
            tz,
            weekend,
            open: calendar.hours.open,
            close: calendar.hours.close,
            years: calendar
                .years
                .iter()
                .map(|y| (*y, OnceLock::new()))
                .collect(),
            holidays,
            workdays: calendar.workdays.iter().copied().collect(),
        }
    }

    fn check(&self, day: NaiveDate) -> Result<(), CalendarError> {
        self.year(day).map(|_| ())
    }

    /// The covered year of `day`, worked out the first time it is asked for.
    fn covered(&self, day: NaiveDate) -> Option<&Year> {
        let year = self.years.get(&day.year())?;
        Some(year.get_or_init(|| Year::new(day.year(), self)))
    }

    /// The same, or why the calendar cannot answer for `day`.
    fn year(&self, day: NaiveDate) -> Result<&Year, CalendarError> {
        self.covered(day).ok_or_else(|| CalendarError::OutOfRange {
            calendar: self.name.clone(),
            year: day.year(),
            covered: self
                .years
                .keys()
                .map(i32::to_string)
                .collect::<Vec<_>>()
                .join(", "),
        })
    }

    /// Whether every year from `first` to `last` is covered.
    pub fn covers(&self, first: NaiveDate, last: NaiveDate) -> Result<(), CalendarError> {
        for year in first.year()..=last.year() {
            if let Some(day) = NaiveDate::from_ymd_opt(year, 1, 1) {
                self.check(day)?;
            }
        }
        Ok(())
    }

    /// Whether `day` is worked: not a weekend day (unless a make-up workday) and not
    /// a holiday.
    pub fn is_working_day(&self, day: NaiveDate) -> Result<bool, CalendarError> {
        Ok(match self.year(day)?.day(day) {
            Some(known) => known.working,
            None => self.works_on(day),
        })
    }

    /// Whether `day` is a working day by the calendar's rules.
    fn works_on(&self, day: NaiveDate) -> bool {
        let weekend = self.weekend[day.weekday().num_days_from_monday() as usize];
        !self.holidays.contains(&day) && (!weekend || self.workdays.contains(&day))
    }

    /// `+n` working days: `+0` is the day itself or the next working day; `+n`
    /// counts from the day after.
    pub fn add_working_days(&self, start: NaiveDate, n: u32) -> Result<NaiveDate, CalendarError> {
        self.step_working_days(start, n, 1)
    }

    /// `-n` working days, the mirror of [`add_working_days`](Self::add_working_days):
    /// `-0` is the day itself or the previous working day.
    pub fn sub_working_days(&self, start: NaiveDate, n: u32) -> Result<NaiveDate, CalendarError> {
        self.step_working_days(start, n, -1)
    }

    fn step_working_days(
        &self,
        start: NaiveDate,
        n: u32,
        dir: i64,
    ) -> Result<NaiveDate, CalendarError> {
        let mut day = start;
        // Days since the last working day: a year of none means there is none
        // to find (the years also end the search, with their own error).
        let mut idle = 0;
        let none_found = || CalendarError::NoWorkingTime {
            calendar: self.name.clone(),
            from: start,
        };
        if n == 0 {
            while !self.is_working_day(day)? {
                idle += 1;
                if idle > MAX_IDLE_DAYS {
                    return Err(none_found());
                }
                day = shift(day, dir);
            }
            return Ok(day);
        }
        let mut counted = 0;
        while counted < n {
            day = shift(day, dir);
            if self.is_working_day(day)? {
                counted += 1;
                idle = 0;
            } else {
                idle += 1;
                if idle > MAX_IDLE_DAYS {
                    return Err(none_found());
                }
            }
        }
        Ok(day)
    }

    /// The working days after `from` up to and including `to`; negative when
    /// `to` comes first (how far a date moved, in working days).
    pub fn working_days_between(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<i64, CalendarError> {
        let (first, last, sign) = if to >= from {
            (from, to, 1)
        } else {
            (to, from, -1)
        };
        let mut count = 0;
        let mut day = first;
        while day < last {
            day = shift(day, 1);
            if self.is_working_day(day)? {
                count += 1;
            }
        }
        Ok(count * sign)
    }

    /// The working day on or after (`following`) / on or before (`preceding`) `day`.
    pub fn roll(&self, day: NaiveDate, following: bool) -> Result<NaiveDate, CalendarError> {
        self.step_working_days(day, 0, if following { 1 } else { -1 })
    }

    /// The instants a working day opens and closes (DST-safe: resolved in the
    /// zone), also for a day outside the calendar's years.
    pub fn window(&self, day: NaiveDate) -> (DateTime<Tz>, DateTime<Tz>) {
        match self.covered(day).and_then(|year| year.day(day)) {
            Some(known) => (known.open, known.close),
            None => self.hours_of(day),
        }
    }

    /// The same, converted from local time (what a year is worked out from).
    fn hours_of(&self, day: NaiveDate) -> (DateTime<Tz>, DateTime<Tz>) {
        (
            local(self.tz, day.and_time(self.open)),
            local(self.tz, day.and_time(self.close)),
        )
    }

    /// The instant `minutes` of working time after `start`. A target that ends
    /// exactly at closing time ends that day, not at the next opening.
    pub fn add_working_minutes(
        &self,
        start: DateTime<Tz>,
        minutes: i64,
    ) -> Result<DateTime<Tz>, CalendarError> {
        let mut remaining = Span::minutes(minutes);
        let mut cursor = start;
        let mut day = start.with_timezone(&self.tz).date_naive();
        let mut idle = 0;
        loop {
            let mut worked = false;
            if self.is_working_day(day)? {
                let (open, close) = self.window(day);
                let from = cursor.max(open);
                if from < close {
                    worked = true;
                    let available = close - from;
                    if remaining <= available {
                        return Ok(from + remaining);
                    }
                    remaining -= available;
                }
            }
            idle = if worked { 0 } else { idle + 1 };
            if idle > MAX_IDLE_DAYS {
                return Err(self.no_working_time(start));
            }
            day = shift(day, 1);
            cursor = self.window(day).0;
        }
    }

    /// The instant `minutes` of working time before `end`; a target that starts
    /// exactly at opening time starts that day.
    pub fn sub_working_minutes(
        &self,
        end: DateTime<Tz>,
        minutes: i64,
    ) -> Result<DateTime<Tz>, CalendarError> {
        let mut remaining = Span::minutes(minutes);
        let mut cursor = end;
        let mut day = end.with_timezone(&self.tz).date_naive();
        let mut idle = 0;
        loop {
            let mut worked = false;
            if self.is_working_day(day)? {
                let (open, close) = self.window(day);
                let to = cursor.min(close);
                if to > open {
                    worked = true;
                    let available = to - open;
                    if remaining <= available {
                        return Ok(to - remaining);
                    }
                    remaining -= available;
                }
            }
            idle = if worked { 0 } else { idle + 1 };
            if idle > MAX_IDLE_DAYS {
                return Err(self.no_working_time(end));
            }
            day = shift(day, -1);
            cursor = self.window(day).1;
        }
    }

    fn no_working_time(&self, from: DateTime<Tz>) -> CalendarError {
        CalendarError::NoWorkingTime {
            calendar: self.name.clone(),
            from: from.with_timezone(&self.tz).date_naive(),
        }
    }

    /// Working time between two instants (zero when `to` is not after `from`).
    pub fn working_time_between(
        &self,
        from: DateTime<Tz>,
        to: DateTime<Tz>,
    ) -> Result<Span, CalendarError> {
        let mut total = Span::zero();
        if to <= from {
            return Ok(total);
        }
        let mut day = from.with_timezone(&self.tz).date_naive();
        let last = to.with_timezone(&self.tz).date_naive();
        while day <= last {
            if self.is_working_day(day)? {
                let (open, close) = self.window(day);
                let start = from.max(open);
                let end = to.min(close);
                if end > start {
                    total += end - start;
                }
            }
            day = shift(day, 1);
        }
        Ok(total)
    }
}

fn shift(day: NaiveDate, dir: i64) -> NaiveDate {
    day.checked_add_signed(Span::days(dir)).unwrap_or(day)
}

/// A local date-time as an instant: a time in a DST gap moves forward by the gap,
/// an ambiguous one takes the earlier instant.
pub fn local(tz: Tz, naive: NaiveDateTime) -> DateTime<Tz> {
    match tz.from_local_datetime(&naive) {
        chrono::LocalResult::Single(dt) | chrono::LocalResult::Ambiguous(dt, _) => dt,
        chrono::LocalResult::None => {
            let later = naive + Span::hours(1);
            tz.from_local_datetime(&later)
                .earliest()
                .unwrap_or_else(|| tz.from_utc_datetime(&naive))
        }
    }
}

mod year;
use year::Year;

#[cfg(test)]
mod tests;
