//! The caches of the report passes: for each version of an order file, what a
//! report takes from the order when that does not depend on "now" (the
//! agenda `overdue` and `upcoming` read, the row `list` reads), so a warm run
//! reads only the files that changed.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::cache::{Identity, Kept};
use ordo_core::checks::credit::Exposure;
use ordo_core::reports::agenda::Agenda;
use ordo_core::reports::listing::ListRow;

/// What a report pass keeps of an order, and the file it keeps it in.
pub trait Part: Serialize + DeserializeOwned + Clone + Send + Sync {
    /// The cache file under the ledger root.
    const FILE: &'static str;
    /// Bumped whenever the part's shape changes; another format is ignored.
    const FORMAT: u32;
}

/// What `overdue` and `upcoming` keep of an order: its agenda (`None`:
/// nothing dated to do) and, where the ledger dates or gates on the credit
/// approval, what credit control needs of it (to tell which orders await
/// one). Boxed: most orders are closed and have no agenda, and a cache holds
/// 100,000 entries.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AgendaPart {
    pub agenda: Option<Box<Agenda>>,
    pub exposure: Option<Box<Exposure>>,
}

impl Part for AgendaPart {
    const FILE: &'static str = ".ordo/agenda-v8.postcard";
    const FORMAT: u32 = 8;
}

/// An order's row of `ordo list`, before its filters (`None`: its workflow is
/// unknown, which `validate` reports).
impl Part for Option<Box<ListRow>> {
    const FILE: &'static str = ".ordo/list-v1.postcard";
    const FORMAT: u32 = 1;
}

/// The part of one version of an order file, or why the file cannot be read.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(bound = "")]
pub struct PartEntry<T: Part> {
    pub identity: Identity,
    pub read_ns: i64,
    pub part: Result<T, String>,
}

/// The cache entry of `overdue` and `upcoming`.
pub type AgendaEntry = PartEntry<AgendaPart>;
/// The cache entry of `list`.
pub type ListEntry = PartEntry<Option<Box<ListRow>>>;

impl<T: Part> Kept for PartEntry<T> {
    const FILE: &'static str = T::FILE;
    const FORMAT: u32 = T::FORMAT;

    fn identity(&self) -> Identity {
        self.identity
    }

    fn identity_mut(&mut self) -> &mut Identity {
        &mut self.identity
    }

    fn read_ns(&self) -> i64 {
        self.read_ns
    }

    fn restamp(&mut self, identity: Identity, read_ns: i64) {
        self.identity = identity;
        self.read_ns = read_ns;
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
            approval: Some(Item {
                what: What::Step("credit-approval".into()),
                due: Point::Day(chrono::NaiveDate::from_ymd_opt(2026, 3, 2).expect("day")),
                basis: Basis::Firm,
            }),
        };
        let bytes = postcard::to_stdvec(&agenda).expect("encode");
        let back: Agenda = postcard::from_bytes(&bytes).expect("decode");
        assert_eq!(back, agenda);
        let Point::At(instant) = back.items[0].due else {
            panic!("an instant")
        };
        assert_eq!(instant.to_rfc3339(), "2026-11-01T01:30:00-04:00");
    }
    #[test]
    fn a_list_row_comes_back_from_the_cache_as_it_went_in() {
        use ordo_core::reports::listing::{ListRow, Next};
        // Every field set: a value the cache's encoding cannot read back (a
        // decimal in its default form) would make every run read every file.
        let row = ListRow {
            order: "202611-ABC-007".into(),
            customer: "ABC".into(),
            owner: "alice".into(),
            priority: Priority::Urgent,
            status: ordo_core::model::status::Status::AwaitingPayment,
            workflow: "make-to-order".into(),
            stage: Some("review".into()),
            last_done: Some((
                "registered".into(),
                chrono::NaiveDate::from_ymd_opt(2026, 11, 18).expect("day"),
            )),
            next: Some(Next {
                step: "review".into(),
                due: Some(Point::Day(
                    chrono::NaiveDate::from_ymd_opt(2026, 11, 19).expect("day"),
                )),
                basis: Basis::Firm,
            }),
            total: Decimal::new(9_000_000, 2),
            outstanding: Decimal::new(6_300_000, 2),
            currency: Some("CNY".into()),
            requested_delivery: chrono::NaiveDate::from_ymd_opt(2026, 12, 30),
        };
        let bytes = postcard::to_stdvec(&row).expect("encode");
        let back: ListRow = postcard::from_bytes(&bytes).expect("decode");
        assert_eq!(back, row);
    }
}
