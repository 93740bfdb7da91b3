//! The merged order checked as `validate` would check it: an error neither
//! side had is one the merge made (a step done on one side and skipped on the
//! other, a payment for an installment the other side removed), and git must
//! not take the result as merged.

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};

use super::Place;
use crate::ledger::ledger::Ledger;
use crate::validate::text::check_text;
use ordo_core::finding::Severity;
use ordo_core::layout::OrderFile;

/// The errors of `merged` that neither side has, as lines to show; none when
/// the ledger's configuration cannot be read (nothing to check against).
pub(crate) fn new_errors(
    place: &Place,
    file: &OrderFile,
    merged: &str,
    sides: [&str; 2],
    now: DateTime<Utc>,
) -> Vec<String> {
    let Some(ledger) = Ledger::open_lenient(&place.root, false).ledger else {
        return Vec::new();
    };
    let now = now.with_timezone(&ledger.tz);
    let errors = |text: &str| -> BTreeSet<(String, String)> {
        check_text(&ledger, file, text, now)
            .1
            .into_iter()
            .filter(|f| f.severity == Severity::Error)
            .map(|f| (f.code.as_str().to_owned(), f.message))
            .collect()
    };
    // Most merges leave no error at all: the sides are checked only when
    // the result has one.
    let after = errors(merged);
    if after.is_empty() {
        return Vec::new();
    }
    let before: BTreeSet<(String, String)> = sides.iter().flat_map(|s| errors(s)).collect();
    after
        .difference(&before)
        .map(|(code, message)| format!("  error[{code}]: {message}"))
        .collect()
}
