//! `calendar-expiring`: a working calendar about to run out of covered years,
//! after which nothing can be counted on it; said while there is time to add
//! next year's holidays.

use std::path::Path;

use crate::finding::{Code, Finding};
use crate::model::Config;
use crate::yaml::Route;

/// How long before the end of its last covered year a calendar starts to warn.
pub const EXPIRY_NOTICE_DAYS: i64 = 60;

/// `calendar-expiring`: a calendar whose last covered year ends within
/// [`EXPIRY_NOTICE_DAYS`] of `today` (or has ended), after which no working day
/// can be counted on it.
pub fn expiring(rel: &Path, config: &Config, today: chrono::NaiveDate) -> Vec<Finding> {
    let mut out = Vec::new();
    for (name, calendar) in &config.calendars {
        let Some(last) = calendar.years.iter().copied().max() else {
            continue;
        };
        let Some(end) = chrono::NaiveDate::from_ymd_opt(last, 12, 31) else {
            continue;
        };
        let left = (end - today).num_days();
        if left >= EXPIRY_NOTICE_DAYS {
            continue;
        }
        let next = last.saturating_add(1);
        let when = if left >= 0 {
            format!(
                "ends in {} day{}",
                left + 1,
                if left == 0 { "" } else { "s" }
            )
        } else {
            "has ended".to_owned()
        };
        out.push(
            Finding::warning(
                Code::CalendarExpiring,
                rel,
                format!("calendar `{name}` covers years up to {last}, which {when}"),
            )
            .at(Route::keys(&["calendars", name, "years"]))
            .label(format!("last year {last}"))
            .help(format!(
                "add {next} to `years` with its holidays and make-up workdays once they are published; until then no date in {next} can be counted on it"
            )),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::expiring;
    use crate::test_kit::config;

    #[test]
    fn a_calendar_warns_sixty_days_before_its_last_year_ends() {
        let config = config("");
        let day = |d: &str| d.parse::<chrono::NaiveDate>().expect("day");
        let rel = std::path::Path::new("ordo.yaml");
        assert!(expiring(rel, &config, day("2026-11-01")).is_empty());
        let warned = expiring(rel, &config, day("2026-11-02"));
        assert_eq!(warned.len(), 1);
        assert_eq!(
            warned[0].message,
            "calendar `default` covers years up to 2026, which ends in 60 days"
        );
        let ended = expiring(rel, &config, day("2027-01-01"));
        assert!(
            ended[0].message.ends_with("which has ended"),
            "{}",
            ended[0].message
        );
    }
}
