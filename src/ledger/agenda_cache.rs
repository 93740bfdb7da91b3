//! The cache entry of `overdue` and `upcoming`: an order file's agenda (which
//! does not depend on "now"), kept per version of the file.

use serde::{Deserialize, Serialize};

use super::cache::{Identity, Kept};
use ordo_core::reports::agenda::Agenda;

/// The agenda of one version of an order file (`None`: nothing dated to do), or
/// why the file cannot be read. Boxed: most orders are closed and have none,
/// and a cache holds 100,000 entries.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AgendaEntry {
    pub identity: Identity,
    pub read_ns: i64,
    pub agenda: Result<Option<Box<Agenda>>, String>,
}

impl Kept for AgendaEntry {
    const FILE: &'static str = ".ordo/agenda-v7.postcard";
    const FORMAT: u32 = 7;

    fn identity(&self) -> Identity {
        self.identity
    }

    fn identity_mut(&mut self) -> &mut Identity {
        &mut self.identity
    }

    fn read_ns(&self) -> i64 {
        self.read_ns
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ordo_core::engine::due::Basis;
    use ordo_core::engine::point::Point;
    use ordo_core::model::enums::Priority;
    use ordo_core::reports::agenda::{Item, What};
    use rust_decimal::Decimal;

    #[test]
    fn an_agenda_comes_back_from_the_cache_as_it_went_in() {
        let tz: chrono_tz::Tz = "America/New_York".parse().expect("zone");
        let at = chrono::TimeZone::with_ymd_and_hms(&tz, 2026, 11, 1, 1, 30, 0)
            .earliest()
            .expect("an instant");
        let agenda = Agenda {
            order: "202611-ACME-001".into(),
            customer: "ACME".into(),
            owner: "ann".into(),
            priority: Priority::Urgent,
            workflow: "make-to-order".into(),
            items: vec![
                Item {
                    what: What::Step("review".into()),
                    // The first 01:30 of the night the clocks go back: the offset
                    // must survive, not just the wall time.
                    due: Point::At(at),
                    basis: Basis::Forecast {
                        through: "ORD-02".into(),
                    },
                },
                Item {
                    what: What::Payment {
                        name: "deposit".into(),
                        percent: "30".into(),
                        outstanding: Decimal::new(123_456, 2),
                        decimals: 2,
                    },
                    due: Point::Day(chrono::NaiveDate::from_ymd_opt(2026, 2, 28).expect("day")),
                    basis: Basis::Firm,
                },
            ],
        };
        let bytes = postcard::to_stdvec(&agenda).expect("encode");
        let back: Agenda = postcard::from_bytes(&bytes).expect("decode");
        assert_eq!(back, agenda);
        let Point::At(instant) = back.items[0].due else {
            panic!("an instant")
        };
        assert_eq!(instant.to_rfc3339(), "2026-11-01T01:30:00-04:00");
    }
}
