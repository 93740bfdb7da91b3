//! Checks of a customer file: its code names the file, its default payment
//! terms are sound, and the documents kept on it are logged as an order's are.

use std::path::Path;

use crate::finding::{Code, Finding};
use crate::model::{Config, Customer};
use crate::yaml::Route;

use super::payments::check_terms;

pub fn check(config: &Config, rel: &Path, stem: &str, customer: &Customer) -> Vec<Finding> {
    let mut out = Vec::new();
    if customer.code != stem {
        out.push(
            Finding::error(
                Code::IdMismatch,
                rel,
                format!(
                    "customer code `{}` does not match the file name `{stem}.yaml`",
                    customer.code
                ),
            )
            .at(Route::keys(&["code"]))
            .label("differs from the file name")
            .help(format!(
                "rename the file to {}.yaml or set `code: {stem}`",
                customer.code
            )),
        );
    }
    let steps: Vec<&str> = config
        .workflow_of(None)
        .map(|(_, w)| w.steps.iter().map(|s| s.id.as_str()).collect())
        .unwrap_or_default();
    check_terms(
        rel,
        &Route::keys(&["payment_terms"]),
        &customer.payment_terms,
        &steps,
        Code::PaymentTerms,
        &mut out,
    );
    super::documents::check_logged(config, rel, &customer.documents, &mut out);
    out
}
