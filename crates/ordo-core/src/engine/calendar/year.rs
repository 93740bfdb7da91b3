//! One year of a working calendar, worked out once: which days are working
//! days and each day's working hours as instants. Due dates and SLA clocks
//! ask about the same few hundred days for every order of a ledger, and
//! turning a local time into an instant of a timezone is the costly part.

use chrono::{DateTime, Datelike, NaiveDate};
use chrono_tz::Tz;

use super::WorkCalendar;

#[derive(Debug, Clone)]
pub(super) struct Year {
    /// Each day from 1 January, by its ordinal.
    days: Vec<Day>,
}

#[derive(Debug, Clone, Copy)]
pub(super) struct Day {
    pub working: bool,
    pub open: DateTime<Tz>,
    pub close: DateTime<Tz>,
}

impl Year {
    pub(super) fn new(year: i32, calendar: &WorkCalendar) -> Year {
        let days = NaiveDate::from_ymd_opt(year, 1, 1)
            .into_iter()
            .flat_map(|first| first.iter_days())
            .take_while(|day| day.year() == year)
            .map(|day| {
                let (open, close) = calendar.hours_of(day);
                Day {
                    working: calendar.works_on(day),
                    open,
                    close,
                }
            })
            .collect();
        Year { days }
    }

    /// The day, when it is of this year.
    pub(super) fn day(&self, day: NaiveDate) -> Option<&Day> {
        self.days.get(day.ordinal0() as usize)
    }
}
