//! The orders the site shows that `ordo validate` finds errors in: an order
//! that is read but wrong (an unknown customer, an id that is not its file's)
//! is still counted, so the site flags it on its page and wherever it is
//! linked, and lists every error on the home page with its line and column.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

use ordo_core::finding::{Code, Severity};

use crate::Failure;
use crate::ledger::files::OrderFile;
use crate::ledger::ledger::Ledger;
use crate::output::findings::located::place_all;
use crate::validate::{Feed, Selection, validate_feeding};

/// How many errors the home page lists (the count is always whole).
pub(crate) const LISTED: usize = 200;

/// One error, placed in its file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Flag {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub code: &'static str,
    pub message: String,
}

impl Flag {
    /// `orders/2026/X.yaml:7:12`.
    pub(crate) fn place(&self) -> String {
        format!("{}:{}:{}", self.file, self.line, self.column)
    }
}

/// Every error `validate` reports on the ledger, by order id (its file's name,
/// or the id it holds when that differs; several files may claim one id),
/// else by file (the configuration, a customer, a stray).
#[derive(Debug, Default)]
pub(crate) struct Flags {
    pub by_order: BTreeMap<String, Vec<Flag>>,
    /// Errors in files that are not an order the site counts (they are left
    /// out) or not an order at all (the configuration, a customer).
    pub elsewhere: Vec<Flag>,
    /// The orders that need their credit approval and lack it, with why.
    pub awaiting_approval: BTreeMap<String, ordo_core::checks::credit::OverLimit>,
}

impl Flags {
    /// Nothing flagged: what a page shows before validation is done.
    pub(crate) const NONE: Flags = Flags {
        by_order: BTreeMap::new(),
        elsewhere: Vec::new(),
        awaiting_approval: BTreeMap::new(),
    };

    /// Validates the whole ledger as of `now` (through its cache, as
    /// `ordo validate` does), handing each order it reads to `feed`.
    pub(crate) fn of(
        ledger: &Ledger,
        now: chrono::DateTime<chrono_tz::Tz>,
        feed: Feed<'_>,
    ) -> Result<Flags, Failure> {
        let outcome = validate_feeding(
            &ledger.root,
            &Selection::All,
            None,
            |tz| now.with_timezone(&tz),
            Some(feed),
        )?;
        // Only the errors are placed: a large ledger may have many warnings.
        let errors: Vec<_> = outcome
            .findings
            .into_iter()
            .filter(|f| f.severity == Severity::Error)
            .collect();
        let files: HashMap<&Path, &OrderFile> = ledger
            .order_files
            .iter()
            .map(|f| (f.rel.as_path(), f))
            .collect();
        // A file's order is the one its name gives; a file whose id is not
        // its name's is read again (there are few) for the id it holds.
        let mismatched: HashSet<&Path> = errors
            .iter()
            .filter(|f| f.code == Code::IdMismatch)
            .map(|f| f.file.as_path())
            .collect();
        let id_of = |rel: &Path| -> Option<String> {
            let file = files.get(rel)?;
            if mismatched.contains(rel) {
                return ledger.read(file).ok().map(|loaded| loaded.order.id.clone());
            }
            Some(file.stem.clone())
        };
        let mut flags = Flags {
            awaiting_approval: outcome.awaiting_approval.into_iter().collect(),
            ..Flags::default()
        };
        let mut ids: HashMap<&Path, Option<String>> = HashMap::new();
        for placed in place_all(&errors, &outcome.sources) {
            let finding = placed.finding;
            let flag = Flag {
                file: finding.file.display().to_string().replace('\\', "/"),
                line: placed.line,
                column: placed.column,
                code: finding.code.as_str(),
                message: finding.message.clone(),
            };
            let id = ids
                .entry(finding.file.as_path())
                .or_insert_with(|| id_of(&finding.file))
                .clone();
            match id {
                Some(id) => flags.by_order.entry(id).or_default().push(flag),
                None => flags.elsewhere.push(flag),
            }
        }
        Ok(flags)
    }

    /// The first `max` errors, those of orders first, with their order.
    pub(crate) fn first(&self, max: usize) -> Vec<(&str, &Flag)> {
        self.by_order
            .iter()
            .flat_map(|(order, flags)| flags.iter().map(move |f| (order.as_str(), f)))
            .chain(self.elsewhere.iter().map(|f| ("", f)))
            .take(max)
            .collect()
    }

    /// How many errors there are in all.
    pub(crate) fn errors(&self) -> usize {
        self.by_order.values().map(Vec::len).sum::<usize>() + self.elsewhere.len()
    }
}
