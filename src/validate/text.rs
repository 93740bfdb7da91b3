//! An order's text checked on its own, as `validate` would check its file:
//! what a writing command or the merge driver must not leave behind.

use chrono::DateTime;
use chrono_tz::Tz;

use crate::ledger::files::OrderFile;
use crate::ledger::ledger::Ledger;
use ordo_core::checks::levels::apply as apply_levels;
use ordo_core::checks::{self, Context};
use ordo_core::document::load_order;
use ordo_core::finding::Finding;
use ordo_core::model::id_format::IdFormat;
use ordo_core::model::order::Order;

/// The order the text holds (when it decodes) and every finding of its own
/// checks, at their configured severities.
pub fn check_text(
    ledger: &Ledger,
    file: &OrderFile,
    text: &str,
    now: DateTime<Tz>,
) -> (Option<Order>, Vec<Finding>) {
    let mut findings: Vec<Finding> = Vec::new();
    let (order, _) = load_order(file, text, ledger.tz, &mut findings);
    let id_format = IdFormat::parse(&ledger.config.id_format).ok();
    if let Some(order) = &order {
        let ctx = Context {
            config: &ledger.config,
            tz: ledger.tz,
            now,
            customers: &ledger.customer_codes,
            customer_records: &ledger.customers,
            id_format: id_format.as_ref(),
            calendars: Some(&ledger.calendars),
        };
        findings.extend(checks::check_order(&ctx, file, order, &checks::SetAside::new()).findings);
    }
    apply_levels(&ledger.config, &mut findings);
    (order, findings)
}
