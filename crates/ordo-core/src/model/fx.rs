//! Exchange rates into the ledger's currency (`fx` in `ordo.yaml`), for a
//! customer's credit exposure across orders in several currencies: one rate
//! (`USD: 7.10`), or rates by the day they take effect (`EUR: {2026-01-01:
//! 7.80, 2026-07-01: 7.95}`). An amount in a currency without a rate is never
//! counted one for one.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::amount::Amount;

/// A currency's rate into the ledger's currency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
#[schemars(
    title = "Exchange rate",
    example = serde_json::json!(7.10),
    example = serde_json::json!({"2026-01-01": 7.80, "2026-07-01": 7.95})
)]
pub enum FxRate {
    /// One rate, always.
    One(Amount),
    /// Rates by the day (YYYY-MM-DD) each takes effect.
    ByDate(BTreeMap<String, Amount>),
}

impl FxRate {
    /// The rate in force on `day`: the latest one taking effect on or before
    /// it (the earliest one before them all).
    pub fn on(&self, day: NaiveDate) -> Option<Decimal> {
        match self {
            FxRate::One(rate) => Some(rate.0),
            FxRate::ByDate(rates) => {
                let dated: Vec<(NaiveDate, Decimal)> = rates
                    .iter()
                    .filter_map(|(d, r)| Some((super::pattern::strict_date(d)?, r.0)))
                    .collect();
                dated
                    .iter()
                    .rev()
                    .find(|(d, _)| *d <= day)
                    .or(dated.first())
                    .map(|(_, r)| *r)
            }
        }
    }

    /// The keys that are not days (a configuration finding).
    pub fn bad_days(&self) -> Vec<&str> {
        match self {
            FxRate::One(_) => Vec::new(),
            FxRate::ByDate(rates) => rates
                .keys()
                .filter(|d| super::pattern::strict_date(d).is_none())
                .map(String::as_str)
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rate_in_force_is_the_latest_taking_effect_by_then() {
        let d = |t: &str| super::super::pattern::strict_date(t).expect("day");
        let amount = |t: &str| Amount(t.parse().expect("decimal"));
        let rates = FxRate::ByDate(BTreeMap::from([
            ("2026-01-01".to_owned(), amount("7.80")),
            ("2026-07-01".to_owned(), amount("7.95")),
        ]));
        assert_eq!(rates.on(d("2026-06-30")), Some("7.80".parse().expect("d")));
        assert_eq!(rates.on(d("2026-07-01")), Some("7.95".parse().expect("d")));
        assert_eq!(rates.on(d("2025-12-01")), Some("7.80".parse().expect("d")));
        assert_eq!(
            FxRate::One(amount("7.1")).on(d("2000-01-01")),
            Some("7.1".parse().expect("d"))
        );
    }
}
