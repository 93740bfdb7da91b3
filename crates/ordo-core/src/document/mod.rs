//! From a file's text to a typed value: YAML, then the file kind's JSON Schema,
//! then serde into the model. Each stage turns its errors into located findings.
//! Clean orders take a shortcut: straight from YAML into the model.

mod explain;
mod salvage;

use std::path::Path;

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::finding::{Code, Finding};
use crate::model::Order;
use crate::schema::FileKind;
use crate::yaml::{self, Route};

pub use salvage::salvage_order;

/// Parses and checks one document; `None` when it has YAML or schema errors (all
/// of which are in `findings`).
pub fn load<T: DeserializeOwned>(
    rel: &Path,
    text: &str,
    kind: FileKind,
    findings: &mut Vec<Finding>,
) -> Option<T> {
    // Orders are many: a clean one is decoded straight from the YAML events. The
    // order types refuse everything the order schema refuses (a test in this
    // module proves it on mutated orders), so the located stages below run only
    // to explain a refusal.
    if kind == FileKind::Order
        && let Ok(typed) = yaml::from_str::<T>(text)
    {
        return Some(typed);
    }
    if let Some(marker) = conflict_marker(text) {
        findings.push(
            Finding::error(
                Code::Conflict,
                rel,
                "unresolved merge conflict: the file still holds git's conflict markers",
            )
            .at_span(marker)
            .label("conflict marker")
            .help("keep the lines you want between the markers, delete the markers, and commit (`ordo setup-git` lets git merge ledger files by their fields)"),
        );
        return None;
    }
    let value = match yaml::parse(text) {
        Ok(value) => value,
        Err(error) => {
            let mut finding = Finding::error(Code::Yaml, rel, error.message)
                .at_span(error.span)
                .label(error.label);
            finding.help = error.help;
            findings.push(finding);
            return None;
        }
    };
    let validator = kind.validator();
    if !validator.is_valid(&value) {
        let schema: Value = serde_json::from_str(kind.checked_in()).unwrap_or(Value::Null);
        let mut found: Vec<Finding> = Vec::new();
        for error in validator.iter_errors(&value) {
            for finding in explain::schema_findings(rel, &value, &schema, &error) {
                if !found.contains(&finding) {
                    found.push(finding);
                }
            }
        }
        explain::drop_missing_explained_by_typos(&mut found);
        findings.extend(found);
        return None;
    }
    // The common case moves the value into the model; only a failure pays for a
    // second parse to find the path of the failing field.
    match serde_json::from_value::<T>(value) {
        Ok(typed) => Some(typed),
        Err(_) => {
            let value = yaml::parse(text).unwrap_or_default();
            let (route, message) = match serde_path_to_error::deserialize::<_, T>(&value) {
                Ok(_) => (Route::root(), "the file does not fit the model".to_owned()),
                Err(error) => (
                    explain::route_of_path(error.path()),
                    error.inner().to_string(),
                ),
            };
            findings.push(
                Finding::error(Code::Schema, rel, message)
                    .at(route)
                    .label("invalid value"),
            );
            None
        }
    }
}

/// Loads an order from its text (as read, or as a command is about to write
/// it): the decoded order, and whether it can be used; the reasons go to
/// `findings`.
pub fn load_order(
    file: &crate::layout::OrderFile,
    text: &str,
    tz: chrono_tz::Tz,
    findings: &mut Vec<Finding>,
) -> (Option<Order>, bool) {
    let Some(order) = load::<Order>(&file.rel, text, FileKind::Order, findings) else {
        return (None, false);
    };
    let problems = crate::checks::unusable(file, &order, tz);
    let usable = problems.is_empty();
    findings.extend(problems);
    (Some(order), usable)
}

/// The first line of a conflict left by a merge (`<<<<<<< `, `=======`,
/// `>>>>>>> `, and diff3's `||||||| `), which no ledger file holds otherwise.
fn conflict_marker(text: &str) -> Option<crate::yaml::Span> {
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let bare = line.trim_end_matches(['\n', '\r']);
        if crate::yaml::is_conflict_marker(bare) {
            return Some(crate::yaml::Span::new(at, at + bare.len()));
        }
        at += line.len();
    }
    None
}
