//! The orders the site shows that `ordo validate` finds errors in: an order
//! that is read but wrong (an unknown customer, an id that is not its file's)
//! is still counted, so the site flags it on its page and wherever it is
//! linked, and lists every error on the home page with its line and column.

use std::collections::BTreeMap;

use ordo_core::finding::Severity;

use crate::Failure;
use crate::ledger::ledger::Ledger;
use crate::output::findings::located::place_all;
use crate::validate::{Selection, validate};

/// One error, placed in its file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flag {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub code: &'static str,
    pub message: String,
}

impl Flag {
    /// `orders/2026/X.yaml:7:12`.
    pub fn place(&self) -> String {
        format!("{}:{}:{}", self.file, self.line, self.column)
    }
}

/// Every error `validate` reports on the ledger, by order id where the file
/// reads as an order (several files may claim one id), else by file.
#[derive(Debug, Default)]
pub struct Flags {
    pub by_order: BTreeMap<String, Vec<Flag>>,
    /// Errors in files that are not an order the site counts (they are left
    /// out) or not an order at all (the configuration, a customer).
    pub elsewhere: Vec<Flag>,
}

impl Flags {
    /// Validates the whole ledger as of `now` (through its cache, as
    /// `ordo validate` does).
    pub fn of(ledger: &Ledger, now: chrono::DateTime<chrono_tz::Tz>) -> Result<Flags, Failure> {
        let outcome = validate(&ledger.root, &Selection::All, None, |tz| {
            now.with_timezone(&tz)
        })
        .map_err(Failure::Io)?;
        let mut flags = Flags::default();
        let mut ids: BTreeMap<&std::path::Path, Option<String>> = BTreeMap::new();
        for placed in place_all(&outcome.findings, &outcome.sources) {
            let finding = placed.finding;
            if finding.severity != Severity::Error {
                continue;
            }
            let flag = Flag {
                file: finding.file.display().to_string().replace('\\', "/"),
                line: placed.line,
                column: placed.column,
                code: finding.code.as_str(),
                message: finding.message.clone(),
            };
            // Only the few files with errors are read again, for their id.
            let id = ids
                .entry(finding.file.as_path())
                .or_insert_with(|| {
                    let file = ledger.order_files.iter().find(|f| f.rel == finding.file)?;
                    ledger.read(file).ok().map(|loaded| loaded.order.id.clone())
                })
                .clone();
            match id {
                Some(id) => flags.by_order.entry(id).or_default().push(flag),
                None => flags.elsewhere.push(flag),
            }
        }
        Ok(flags)
    }

    /// How many errors there are in all.
    pub fn errors(&self) -> usize {
        self.by_order.values().map(Vec::len).sum::<usize>() + self.elsewhere.len()
    }
}
