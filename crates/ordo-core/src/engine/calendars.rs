//! The ledger's working calendars, by name, in its timezone.

use chrono_tz::Tz;

use super::basis::DueError;
use super::calendar::WorkCalendar;
use crate::model::config::Config;

/// The ledger's working calendars, by name (a handful: found by a scan).
#[derive(Debug, Clone)]
pub struct Calendars {
    pub tz: Tz,
    list: Vec<(String, WorkCalendar)>,
}

impl Calendars {
    pub fn new(config: &Config, tz: Tz) -> Self {
        Calendars {
            tz,
            list: config
                .calendars
                .iter()
                .map(|(name, c)| (name.clone(), WorkCalendar::new(name, c, tz)))
                .collect(),
        }
    }

    pub fn get(&self, name: Option<&str>) -> Result<&WorkCalendar, DueError> {
        let name = name.unwrap_or("default");
        self.list
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, calendar)| calendar)
            .ok_or_else(|| DueError::NoCalendar(name.to_owned()))
    }
}
