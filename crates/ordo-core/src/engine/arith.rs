//! Duration arithmetic on due points: calendar hours are elapsed
//! time, days and months move the local date (months clamp to the month's end),
//! working days and hours count on a working calendar.

use chrono::{Datelike, Duration as Span, Months, NaiveDate};
use chrono_tz::Tz;

use super::calendar::{CalendarError, WorkCalendar, local};
use super::point::Point;
use crate::model::duration::{Duration, Term, Unit};

/// Adds (`forward`) or subtracts a duration, term by term, left to right.
pub fn apply(
    point: Point,
    duration: &Duration,
    forward: bool,
    calendar: &WorkCalendar,
) -> Result<Point, CalendarError> {
    duration
        .terms
        .iter()
        .try_fold(point, |p, term| apply_term(p, *term, forward, calendar))
}

fn apply_term(
    point: Point,
    term: Term,
    forward: bool,
    calendar: &WorkCalendar,
) -> Result<Point, CalendarError> {
    let tz = calendar.tz;
    let n = i64::from(term.count);
    let signed = if forward { n } else { -n };
    Ok(match term.unit {
        // Hours after a bare date stay at day granularity: "2h after it shipped on
        // the 20th" is due on the 20th, not at 02:00 that morning.
        Unit::Hours => match point {
            Point::At(dt) => Point::At(dt + Span::hours(signed)),
            Point::Day(d) => Point::Day(d + Span::days(signed.div_euclid(24))),
        },
        Unit::Minutes => match point {
            Point::At(dt) => Point::At(dt + Span::minutes(signed)),
            Point::Day(d) => Point::Day(d + Span::days(signed.div_euclid(24 * 60))),
        },
        Unit::Days => shift_days(point, signed, tz),
        Unit::Weeks => shift_days(point, signed * 7, tz),
        Unit::Months => {
            let day = add_months(point.date(), signed);
            point.with_date(day, tz)
        }
        Unit::WorkingDays => {
            let day = if forward {
                calendar.add_working_days(point.date(), term.count)?
            } else {
                calendar.sub_working_days(point.date(), term.count)?
            };
            point.with_date(day, tz)
        }
        Unit::WorkingHours => {
            // A bare date starts the clock at that day's opening (or ends it at
            // closing when counting back).
            let start = match point {
                Point::At(dt) => dt,
                Point::Day(d) if forward => calendar.window(d).0,
                Point::Day(d) => calendar.window(d).1,
            };
            Point::At(if forward {
                calendar.add_working_minutes(start, n * 60)?
            } else {
                calendar.sub_working_minutes(start, n * 60)?
            })
        }
    })
}

fn shift_days(point: Point, days: i64, tz: Tz) -> Point {
    match point {
        Point::Day(d) => Point::Day(d + Span::days(days)),
        Point::At(dt) => Point::At(local(tz, dt.naive_local() + Span::days(days))),
    }
}

/// Calendar months, clamped to the end of the month (31 Jan + 1mo = 28/29 Feb).
pub fn add_months(day: NaiveDate, months: i64) -> NaiveDate {
    let count = Months::new(months.unsigned_abs().min(u32::MAX as u64) as u32);
    let moved = if months >= 0 {
        day.checked_add_months(count)
    } else {
        day.checked_sub_months(count)
    };
    moved.unwrap_or(day)
}

/// The last day of the point's month.
pub fn month_end(day: NaiveDate) -> NaiveDate {
    let first_next = add_months(day.with_day(1).unwrap_or(day), 1);
    first_next.pred_opt().unwrap_or(day)
}

/// Sets the day of the month, clamped to the month's end.
pub fn set_day(day: NaiveDate, dom: u8) -> NaiveDate {
    let last = month_end(day).day();
    day.with_day(u32::from(dom).clamp(1, last)).unwrap_or(day)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::config::Calendar;
    use crate::model::enums::Weekday;

    fn date(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    fn calendar(tz: &str) -> WorkCalendar {
        let calendar = Calendar {
            weekend: vec![Weekday::Sat, Weekday::Sun],
            hours: "09:00-18:00".parse().expect("hours"),
            years: vec![2016, 2024, 2025, 2026],
            holidays: vec![],
            workdays: vec![],
        };
        WorkCalendar::new("default", &calendar, tz.parse().expect("tz"))
    }

    fn add(start: Point, text: &str) -> Point {
        apply(
            start,
            &text.parse().expect("duration"),
            true,
            &calendar("Asia/Shanghai"),
        )
        .expect("in range")
    }

    #[test]
    fn months_clamp_to_the_end_of_the_month() {
        assert_eq!(add_months(date("2026-01-31"), 1), date("2026-02-28"));
        assert_eq!(add_months(date("2024-01-31"), 1), date("2024-02-29"));
        assert_eq!(add_months(date("2026-03-31"), -1), date("2026-02-28"));
        assert_eq!(month_end(date("2016-02-10")), date("2016-02-29"));
        assert_eq!(set_day(date("2026-02-10"), 31), date("2026-02-28"));
    }

    #[test]
    fn sums_apply_left_to_right() {
        // 30 days then a month differs from a month then 30 days.
        assert_eq!(
            add(Point::Day(date("2026-01-01")), "30d+1mo"),
            Point::Day(date("2026-02-28"))
        );
        assert_eq!(
            add(Point::Day(date("2026-01-01")), "1mo+30d"),
            Point::Day(date("2026-03-03"))
        );
        assert_eq!(
            add(Point::Day(date("2026-01-01")), "2w"),
            Point::Day(date("2026-01-15"))
        );
    }

    #[test]
    fn calendar_hours_are_elapsed_time_across_dst() {
        let cal = calendar("America/New_York");
        let tz = cal.tz;
        // 24h after 12:00 the day before clocks go forward ends at 13:00 local.
        let start = Point::At(local(
            tz,
            date("2026-03-07").and_hms_opt(12, 0, 0).expect("time"),
        ));
        let end = apply(start, &"24h".parse().expect("duration"), true, &cal).expect("in range");
        assert_eq!(
            end,
            Point::At(local(
                tz,
                date("2026-03-08").and_hms_opt(13, 0, 0).expect("time")
            ))
        );
        // A calendar day keeps the local time instead.
        let end = apply(start, &"1d".parse().expect("duration"), true, &cal).expect("in range");
        assert_eq!(
            end,
            Point::At(local(
                tz,
                date("2026-03-08").and_hms_opt(12, 0, 0).expect("time")
            ))
        );
    }

    #[test]
    fn working_hours_from_a_bare_date_start_at_opening() {
        let cal = calendar("Asia/Shanghai");
        let end = apply(
            Point::Day(date("2026-11-20")),
            &"4wh".parse().expect("duration"),
            true,
            &cal,
        )
        .expect("in range");
        assert_eq!(
            end,
            Point::At(local(
                cal.tz,
                date("2026-11-20").and_hms_opt(13, 0, 0).expect("time")
            ))
        );
    }
}
