//! The working calendars of `ordo.yaml`: weekend, working hours, the years
//! covered, holidays and make-up working days.

use std::fmt;
use std::str::FromStr;

use chrono::{NaiveDate, NaiveTime};
use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::enums::Weekday;

/// A working calendar: the days worked and their hours, for the years whose
/// holidays it lists.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[schemars(title = "Working calendar")]
pub struct Calendar {
    /// The days of the week that are not worked.
    #[serde(default = "default_weekend")]
    #[schemars(example = serde_json::json!(["sat", "sun"]))]
    pub weekend: Vec<Weekday>,
    /// Working hours of a working day, for working-hour SLAs.
    #[serde(default = "default_hours")]
    pub hours: WorkingHours,
    /// The years whose holidays are listed: working-time arithmetic outside them is
    /// an error, never a guess.
    #[schemars(example = serde_json::json!([2025, 2026]))]
    pub years: Vec<i32>,
    /// Public holidays: single days or inclusive ranges `FIRST..LAST`.
    #[serde(default)]
    #[schemars(example = serde_json::json!(["2026-01-01", "2026-10-01..2026-10-07"]))]
    pub holidays: Vec<DayOrRange>,
    /// Make-up working days that fall on a weekend.
    #[serde(default)]
    #[schemars(example = serde_json::json!(["2026-10-10"]))]
    pub workdays: Vec<NaiveDate>,
}

fn default_weekend() -> Vec<Weekday> {
    vec![Weekday::Sat, Weekday::Sun]
}

fn default_hours() -> WorkingHours {
    WorkingHours {
        open: NaiveTime::from_hms_opt(9, 0, 0).unwrap_or(NaiveTime::MIN),
        close: NaiveTime::from_hms_opt(18, 0, 0).unwrap_or(NaiveTime::MIN),
    }
}

/// Daily working hours, `HH:MM-HH:MM`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WorkingHours {
    pub open: NaiveTime,
    pub close: NaiveTime,
}

impl FromStr for WorkingHours {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let bad = || format!("`{text}` is not working hours such as 09:00-18:00");
        let (open, close) = text.split_once('-').ok_or_else(bad)?;
        let open = NaiveTime::parse_from_str(open.trim(), "%H:%M").map_err(|_| bad())?;
        let close = NaiveTime::parse_from_str(close.trim(), "%H:%M").map_err(|_| bad())?;
        if close <= open {
            return Err(format!("`{text}`: closing time must be after opening time"));
        }
        Ok(WorkingHours { open, close })
    }
}

impl fmt::Display for WorkingHours {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}-{}",
            self.open.format("%H:%M"),
            self.close.format("%H:%M")
        )
    }
}

/// A holiday: one day or an inclusive range of days.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DayOrRange {
    pub first: NaiveDate,
    pub last: NaiveDate,
}

impl FromStr for DayOrRange {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let day = |s: &str| {
            NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
                .map_err(|_| format!("`{}` is not a date (YYYY-MM-DD)", s.trim()))
        };
        match text.split_once("..") {
            Some((first, last)) => {
                let (first, last) = (day(first)?, day(last)?);
                if last < first {
                    return Err(format!("`{text}`: the range ends before it starts"));
                }
                Ok(DayOrRange { first, last })
            }
            None => {
                let d = day(text)?;
                Ok(DayOrRange { first: d, last: d })
            }
        }
    }
}

impl fmt::Display for DayOrRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.first == self.last {
            write!(f, "{}", self.first)
        } else {
            write!(f, "{}..{}", self.first, self.last)
        }
    }
}

macro_rules! text_serde {
    ($ty:ty, $name:literal, $schema:tt) => {
        impl Serialize for $ty {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_str(self)
            }
        }

        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let text = String::deserialize(d)?;
                text.parse().map_err(serde::de::Error::custom)
            }
        }

        impl JsonSchema for $ty {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                $name.into()
            }

            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                schemars::json_schema!($schema)
            }
        }
    };
}

text_serde!(WorkingHours, "WorkingHours", {
    "type": "string",
    "description": "Daily working hours, HH:MM-HH:MM.",
    "pattern": r"^\s*[0-2][0-9]:[0-5][0-9]\s*-\s*[0-2][0-9]:[0-5][0-9]\s*$",
    "examples": ["09:00-18:00"]
});

text_serde!(DayOrRange, "DayOrRange", {
    "type": "string",
    "description": "A day (YYYY-MM-DD) or an inclusive range of days (YYYY-MM-DD..YYYY-MM-DD).",
    "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}(\.\.[0-9]{4}-[0-9]{2}-[0-9]{2})?$",
    "examples": ["2026-01-01", "2026-10-01..2026-10-07"]
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn working_hours_parse() {
        let hours: WorkingHours = "09:00-18:00".parse().expect("valid");
        assert_eq!(hours.to_string(), "09:00-18:00");
        assert!("18:00-09:00".parse::<WorkingHours>().is_err());
        assert!("9-18".parse::<WorkingHours>().is_err());
    }

    #[test]
    fn holidays_are_days_or_ranges() {
        let range: DayOrRange = "2026-10-01..2026-10-07".parse().expect("range");
        assert_eq!(range.last.to_string(), "2026-10-07");
        let day: DayOrRange = "2026-01-01".parse().expect("day");
        assert_eq!(day.first, day.last);
        assert!("2026-10-07..2026-10-01".parse::<DayOrRange>().is_err());
        assert!("2026-02-30".parse::<DayOrRange>().is_err());
    }
}
