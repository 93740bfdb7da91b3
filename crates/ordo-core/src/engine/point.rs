//! A due date as the engine computes it: a whole day, or an instant. A day is
//! overdue from the start of the next day in the ledger's timezone.

use std::fmt;

use chrono::{DateTime, Duration as Span, NaiveDate, NaiveTime};
use chrono_tz::Tz;

use super::calendar::local;
use crate::model::Moment;
use crate::model::moment::Resolved;

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(into = "Serialized", try_from = "Serialized")]
pub enum Point {
    Day(NaiveDate),
    At(DateTime<Tz>),
}

/// A point as it is serialized (in a cache): an instant as Unix seconds with its zone's name.
#[derive(serde::Serialize, serde::Deserialize)]
enum Serialized {
    Day(NaiveDate),
    At { unix: i64, zone: String },
}

impl From<Point> for Serialized {
    fn from(point: Point) -> Serialized {
        match point {
            Point::Day(day) => Serialized::Day(day),
            Point::At(at) => Serialized::At {
                unix: at.timestamp(),
                zone: at.timezone().name().to_owned(),
            },
        }
    }
}

impl TryFrom<Serialized> for Point {
    type Error = String;

    fn try_from(stored: Serialized) -> Result<Point, String> {
        match stored {
            Serialized::Day(day) => Ok(Point::Day(day)),
            Serialized::At { unix, zone } => {
                let tz: Tz = zone.parse().map_err(|_| format!("unknown zone {zone}"))?;
                let at = DateTime::from_timestamp(unix, 0).ok_or("instant out of range")?;
                Ok(Point::At(at.with_timezone(&tz)))
            }
        }
    }
}

impl Point {
    pub fn from_moment(moment: &Moment, tz: Tz) -> Point {
        match moment {
            Moment::Date(d) => Point::Day(*d),
            other => match other.resolve(tz) {
                Resolved::One(dt) | Resolved::Ambiguous(dt) => Point::At(dt),
                Resolved::Missing => Point::Day(other.date_part()),
            },
        }
    }

    /// The local date.
    pub fn date(&self) -> NaiveDate {
        match self {
            Point::Day(d) => *d,
            Point::At(dt) => dt.date_naive(),
        }
    }

    /// The first instant at which the point has passed: the start of the next day
    /// for a day, the instant itself otherwise.
    pub fn overdue_from(&self, tz: Tz) -> DateTime<Tz> {
        match self {
            Point::Day(d) => local(tz, (*d + Span::days(1)).and_time(NaiveTime::MIN)),
            Point::At(dt) => *dt,
        }
    }

    /// Whether a step done at `done` missed this due date: done after the day,
    /// or after the instant (done at the instant itself is on time).
    pub fn missed_by(&self, done: &Point, tz: Tz) -> bool {
        match self {
            Point::Day(_) => done.start(tz) >= self.overdue_from(tz),
            Point::At(at) => done.start(tz) > *at,
        }
    }

    /// The instant the point starts: midnight for a day.
    pub fn start(&self, tz: Tz) -> DateTime<Tz> {
        match self {
            Point::Day(d) => local(tz, d.and_time(NaiveTime::MIN)),
            Point::At(dt) => *dt,
        }
    }

    /// Whole days from this point's date to `now`'s date (positive when late).
    pub fn days_until(&self, now: DateTime<Tz>) -> i64 {
        (now.date_naive() - self.date()).num_days()
    }

    /// Whole days late at `now` when the point is past (0 on its own day once
    /// its time has passed), `None` while it is not yet overdue: the one rule
    /// every report's "days late" follows.
    pub fn days_late(&self, now: DateTime<Tz>, tz: Tz) -> Option<i64> {
        (now >= self.overdue_from(tz)).then(|| self.days_until(now).max(0))
    }

    /// The same point with its date replaced, keeping the time of day.
    pub fn with_date(&self, day: NaiveDate, tz: Tz) -> Point {
        match self {
            Point::Day(_) => Point::Day(day),
            Point::At(dt) => Point::At(local(tz, day.and_time(dt.time()))),
        }
    }
}

/// `2026-11-20` or `2026-11-20 14:00`, in the point's own timezone. Written
/// from the fields, not through a format string parsed at every call: pages
/// and reports print millions of these.
impl fmt::Display for Point {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use chrono::Timelike;
        match self {
            Point::Day(d) => write!(f, "{d}"),
            Point::At(dt) => write!(f, "{} {:02}:{:02}", dt.date_naive(), dt.hour(), dt.minute()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_point_prints_as_its_iso_day_and_minute_at_any_year() {
        let tz: Tz = "Asia/Shanghai".parse().expect("tz");
        for year in [-100, 0, 1, 999, 2026, 9999, 10_000, 200_000] {
            let day = NaiveDate::from_ymd_opt(year, 3, 9).expect("day");
            assert_eq!(
                Point::Day(day).to_string(),
                day.format("%Y-%m-%d").to_string()
            );
            let at = local(tz, day.and_hms_opt(7, 5, 59).expect("time"));
            assert_eq!(
                Point::At(at).to_string(),
                at.format("%Y-%m-%d %H:%M").to_string()
            );
        }
    }
}
