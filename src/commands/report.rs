//! What the report commands share: read every order (naming the unreadable ones),
//! build the report, render it in the chosen format, and pick the exit code.

use rayon::prelude::*;

use super::common::{now_in, open_ledger};
use crate::cli::{Cli, ReportOptions};
use crate::ledger::cache::{Cache, Identity};
use crate::ledger::files::OrderFile;
use crate::ledger::open::{Blocked, Ledger};
use crate::model::order::Order;
use crate::output::render::render;
use crate::output::report::{Invalid, Report};
use crate::reports::Book;
use crate::reports::agenda::{Agenda, AgendaEntry};
use crate::{Environment, Failure, exit};

/// The ledger and "now". Its passes over the orders return what they made with
/// the files that could not be read.
pub struct Loaded {
    pub ledger: Ledger,
    pub now: chrono::DateTime<chrono_tz::Tz>,
}

impl Loaded {
    pub fn open(cli: &Cli, env: &Environment) -> Result<Loaded, Failure> {
        let ledger = open_ledger(cli, env)?;
        let now = now_in(cli, env, ledger.tz)?;
        Ok(Loaded { ledger, now })
    }

    pub fn book(&self) -> Book<'_> {
        Book {
            config: &self.ledger.config,
            calendars: &self.ledger.calendars,
            tz: self.ledger.tz,
            now: self.now,
        }
    }

    /// What `each` makes of every readable order, read in parallel; the orders
    /// themselves are not kept.
    pub fn each<P: Send>(
        &self,
        each: impl Fn(&Book<'_>, &Order) -> P + Sync,
    ) -> (Vec<P>, Vec<Invalid>) {
        let book = self.book();
        let (parts, bad) = self.ledger.map_orders(|_, order| each(&book, order));
        (parts, invalid_of(&bad))
    }

    /// Every readable order folded into one value in parallel (see
    /// [`Ledger::fold_orders`]).
    pub fn fold<'s, A: Send>(
        &'s self,
        init: impl Fn() -> A + Sync + Send,
        add: impl Fn(A, &Book<'s>, &Order) -> A + Sync + Send,
        merge: impl Fn(A, A) -> A + Sync + Send,
    ) -> (A, Vec<Invalid>) {
        let book = self.book();
        let (sum, bad) = self
            .ledger
            .fold_orders(init, |sum, order| add(sum, &book, order), merge);
        (sum, invalid_of(&bad))
    }

    /// Every readable order's agenda, taken from the cache under `.ordo/` where
    /// the file is the version the entry was made from, and made (and the cache
    /// rewritten) for the rest.
    pub fn agendas(&self) -> (Vec<Agenda>, Vec<Invalid>) {
        let ledger = &self.ledger;
        let cache: Cache<AgendaEntry> = Cache::load(&ledger.root, ledger.fingerprint);
        let now = self.now.timestamp();
        let made: Vec<(&OrderFile, Result<Agenda, String>, Option<AgendaEntry>)> = ledger
            .order_files
            .par_iter()
            .map(|file| {
                let identity = Identity::of(&ledger.root.join(&file.rel));
                if let Some(hit) = identity.and_then(|id| cache.get(&file.rel, id, now)) {
                    return (file, hit.agenda.clone(), None);
                }
                let agenda = ledger
                    .read(file)
                    .map(|loaded| Agenda::of(&ledger.config, &ledger.calendars, &loaded.order))
                    .map_err(|blocked| problem(&blocked));
                let entry = identity.map(|identity| AgendaEntry {
                    identity,
                    agenda: agenda.clone(),
                });
                (file, agenda, entry)
            })
            .collect();
        let changed = made.iter().any(|(_, _, entry)| entry.is_some());
        if changed || cache.len() != made.len() {
            let entries = made
                .iter()
                .filter_map(|(file, _, entry)| {
                    let key = file.rel.to_str()?;
                    let entry = entry.clone().or_else(|| cache.entry(key).cloned())?;
                    Some((key.to_owned(), entry))
                })
                .collect();
            Cache::save(&ledger.root, ledger.fingerprint, now, entries);
        }
        let mut agendas = Vec::with_capacity(made.len());
        let mut invalid_files = Vec::new();
        for (file, agenda, _) in made {
            match agenda {
                Ok(agenda) => agendas.push(agenda),
                Err(problem) => invalid_files.push(invalid(file, problem)),
            }
        }
        (agendas, invalid_files)
    }
}

fn invalid_of(bad: &[(OrderFile, Blocked)]) -> Vec<Invalid> {
    bad.iter()
        .map(|(file, blocked)| invalid(file, problem(blocked)))
        .collect()
}

/// What is wrong with an unreadable order, in a line.
fn problem(blocked: &Blocked) -> String {
    blocked.findings.first().map_or_else(
        || "cannot be read".to_owned(),
        |f| format!("{}: {}", f.code, f.message),
    )
}

fn invalid(file: &OrderFile, problem: String) -> Invalid {
    Invalid {
        file: file.rel.display().to_string().replace('\\', "/"),
        problem,
    }
}

/// Prints a report; exit 1 with `--strict` and unreadable orders, or with
/// `fail_if_any` and rows.
pub fn finish(
    mut report: Report,
    invalid: Vec<Invalid>,
    options: &ReportOptions,
    fail_if_any: bool,
    out: &mut Vec<u8>,
) -> u8 {
    report.invalid = invalid;
    out.extend_from_slice(render(&report, options.format).as_bytes());
    if (options.strict && !report.invalid.is_empty()) || (fail_if_any && report.rows() > 0) {
        exit::FINDINGS
    } else {
        exit::OK
    }
}
