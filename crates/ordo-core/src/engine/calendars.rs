//! The ledger's working calendars, by name, in its timezone.

use std::collections::HashMap;

use chrono_tz::Tz;

use super::basis::DueError;
use super::calendar::WorkCalendar;
use crate::model::config::Config;

/// The ledger's working calendars, by name.
#[derive(Debug, Clone)]
pub struct Calendars {
    pub tz: Tz,
    map: HashMap<String, WorkCalendar>,
}

impl Calendars {
    pub fn new(config: &Config, tz: Tz) -> Self {
        Calendars {
            tz,
            map: config
                .calendars
                .iter()
                .map(|(name, c)| (name.clone(), WorkCalendar::new(name, c, tz)))
                .collect(),
        }
    }

    pub fn get(&self, name: Option<&str>) -> Result<&WorkCalendar, DueError> {
        let name = name.unwrap_or("default");
        self.map
            .get(name)
            .ok_or_else(|| DueError::NoCalendar(name.to_owned()))
    }
}
