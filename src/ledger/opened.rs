//! A ledger opened for a report: the ledger, "now" and the language, and the
//! passes over its orders (read in parallel; the files that could not be read
//! named, never dropped), the agendas through their cache. The commit the
//! report describes is asked of git only for an output that prints it.

use crate::ledger::agenda_cache::{AgendaPart, Part, PartEntry};
use crate::ledger::blocked::LeftOut;
use crate::ledger::ledger::Ledger;
use crate::ledger::pass::{self, Fresh, Made};
use std::collections::HashMap;

use ordo_core::checks::credit::{self, Exposure};
use ordo_core::model::order::Order;
use ordo_core::reports::Book;
use ordo_core::reports::agenda::Agenda;
use ordo_core::reports::listing::{self, ListRow};
use ordo_core::reports::report::{Invalid, Stamp};

/// The ledger and "now". Its passes over the orders return what they made with
/// the files that could not be read.
pub struct Opened {
    pub ledger: Ledger,
    pub now: chrono::DateTime<chrono_tz::Tz>,
    pub lang: ordo_core::i18n::Lang,
    /// The ledger's commit, asked of git while the report is made.
    stamp: Option<std::thread::JoinHandle<Option<Stamp>>>,
}

impl Opened {
    pub fn new(
        ledger: Ledger,
        now: chrono::DateTime<chrono_tz::Tz>,
        lang: ordo_core::i18n::Lang,
    ) -> Opened {
        Opened {
            ledger,
            now,
            lang,
            stamp: None,
        }
    }

    /// Asks git for the ledger's commit while the report is made: for an
    /// output that prints it (JSON, Markdown, the site), not for a table.
    pub fn stamping(mut self) -> Opened {
        let root = self.ledger.root.clone();
        self.stamp = Some(std::thread::spawn(move || {
            crate::ledger::stamp::stamp(&root)
        }));
        self
    }

    /// The commit the report describes.
    pub fn stamp(mut self) -> Option<Stamp> {
        self.take_stamp()
    }

    /// The commit, for a command that stamps every row with it before it
    /// reads the orders.
    pub fn take_stamp(&mut self) -> Option<Stamp> {
        self.stamp.take().and_then(|h| h.join().ok().flatten())
    }

    pub fn book(&self) -> Book<'_> {
        Book {
            config: &self.ledger.config,
            calendars: &self.ledger.calendars,
            tz: self.ledger.tz,
            now: self.now,
            lang: self.lang,
        }
    }

    /// What `each` makes of every readable order, read in parallel; the orders
    /// themselves are not kept.
    pub fn each<P: Send>(
        &self,
        each: impl Fn(&Book<'_>, &Order) -> P + Sync,
    ) -> (Vec<P>, Vec<Invalid>) {
        let book = self.book();
        let (parts, bad) = self.ledger.map_orders(|order| each(&book, order));
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
        self.fold_where(|_| true, init, add, merge)
    }

    /// [`Opened::fold`] over the order files `keep` takes.
    pub fn fold_where<'s, A: Send>(
        &'s self,
        keep: impl Fn(&crate::ledger::files::OrderFile) -> bool + Sync + Send,
        init: impl Fn() -> A + Sync + Send,
        add: impl Fn(A, &Book<'s>, &Order) -> A + Sync + Send,
        merge: impl Fn(A, A) -> A + Sync + Send,
    ) -> (A, Vec<Invalid>) {
        let book = self.book();
        let (sum, bad) =
            self.ledger
                .fold_orders_where(keep, init, |sum, order| add(sum, &book, order), merge);
        (sum, invalid_of(&bad))
    }

    /// The agenda of every readable order with something dated to do, taken from
    /// the cache under `.ordo/` where the file is the version the entry was made
    /// from, and made (and the cache rewritten) for the rest.
    pub fn agendas(&self) -> (Vec<Agenda>, Vec<Invalid>) {
        let (agendas, exposures, invalid) = agenda_parts(&self.ledger, self.now);
        let awaiting = if Agenda::asks_approval(&agendas) {
            credit::awaiting_approval(
                &self.ledger.config,
                self.now,
                &self.ledger.customers,
                &exposures,
            )
        } else {
            HashMap::new()
        };
        (
            Agenda::with_approvals(agendas, |id| awaiting.contains_key(id)),
            invalid,
        )
    }

    /// Every readable order's row of `ordo list` (before its filters), through
    /// the cache as [`Opened::agendas`] is.
    pub fn list_rows(&self) -> (Vec<ListRow>, Vec<Invalid>) {
        let book = self.book();
        let (parts, invalid) = self
            .cached(|order| listing::row(&book, order, &listing::Filters::default()).map(Box::new));
        (parts.into_iter().flatten().map(|r| *r).collect(), invalid)
    }

    /// What `make` takes from every readable order, through the cache (see
    /// [`cached`]).
    fn cached<T: Part>(&self, make: impl Fn(&Order) -> T + Sync) -> (Vec<T>, Vec<Invalid>) {
        cached(&self.ledger, self.now, make)
    }
}

/// The orders of the ledger that need their credit approval and lack it, by
/// id, each with why: every order's exposure, through its cache; the files
/// that could not be read, named (their exposure is not counted).
pub fn awaiting_approval(
    ledger: &Ledger,
    now: chrono::DateTime<chrono_tz::Tz>,
) -> (HashMap<String, credit::OverLimit>, Vec<Invalid>) {
    if ledger.config.credit.is_none() {
        return (HashMap::new(), Vec::new());
    }
    let (_, exposures, invalid) = agenda_parts(ledger, now);
    (
        credit::awaiting_approval(&ledger.config, now, &ledger.customers, &exposures),
        invalid,
    )
}

/// The orders `awaiting` names, read again (a pass keeps only small parts of
/// each): by id. One that cannot be read now changed while the command ran,
/// which is said rather than leaving its approval out.
pub fn read_awaiting<T>(
    ledger: &Ledger,
    awaiting: &HashMap<String, T>,
) -> Result<Vec<crate::ledger::read::LoadedOrder>, String> {
    let mut ids: Vec<&String> = awaiting.keys().collect();
    ids.sort();
    ids.into_iter()
        .filter_map(|id| ledger.order_file(id))
        .map(|file| {
            ledger.read(file).map_err(|_| {
                format!(
                    "{} changed while it was read: run the command again",
                    file.rel.display()
                )
            })
        })
        .collect()
}

/// Every order's agenda and, where the ledger judges credit approvals, its
/// exposure: one cached pass (and one cache file) serves `overdue`,
/// `upcoming`, and the commands that ask which orders await an approval.
fn agenda_parts(
    ledger: &Ledger,
    now: chrono::DateTime<chrono_tz::Tz>,
) -> (Vec<Agenda>, Vec<Exposure>, Vec<Invalid>) {
    let config = &ledger.config;
    let judged = config.approval_is_judged();
    let (parts, invalid) = cached(ledger, now, |order| AgendaPart {
        agenda: Agenda::of(config, &ledger.calendars, order).map(Box::new),
        exposure: judged.then(|| {
            Box::new(Exposure::of(
                config,
                ledger.tz,
                std::path::PathBuf::new(),
                order,
            ))
        }),
    });
    let mut agendas = Vec::new();
    let mut exposures = Vec::new();
    for part in parts {
        agendas.extend(part.agenda.map(|a| *a));
        exposures.extend(part.exposure.map(|e| *e));
    }
    (agendas, exposures, invalid)
}

/// What `make` takes from every readable order (which must not depend on
/// "now"), from the cache where the file is the version the entry was made
/// from, made (and the cache rewritten) for the rest; the files that cannot
/// be read, named.
fn cached<T: Part>(
    ledger: &Ledger,
    now: chrono::DateTime<chrono_tz::Tz>,
    make: impl Fn(&Order) -> T + Sync,
) -> (Vec<T>, Vec<Invalid>) {
    let (made, mut pass) = pass::run(
        &ledger.root,
        ledger.fingerprint,
        &ledger.order_files,
        now.timestamp(),
        true,
        |file, reading| {
            let read = ledger.read(file);
            let identity = reading.identity.or_else(|| read.as_ref().ok()?.identity);
            let part = read
                .map(|loaded| make(&loaded.order))
                .map_err(|blocked| blocked.first_problem());
            // Held once: by the entry when there is one, else by the part.
            match identity {
                Some(identity) => (
                    None,
                    Some(PartEntry {
                        identity,
                        read_ns: reading.read_ns,
                        part,
                    }),
                ),
                None => (Some(part), None),
            }
        },
    );
    if let Err(error) = pass.save(&ledger.root, ledger.fingerprint, &ledger.order_files, &made) {
        crate::ledger::cache::warn_not_written(&error.to_string());
    }
    let mut parts = Vec::with_capacity(made.len());
    let mut invalid_files = Vec::new();
    for (i, (file, m)) in ledger.order_files.iter().zip(made).enumerate() {
        // Cached entries are moved out of the cache, never cloned.
        let part = match m {
            Made::Cached => pass
                .take(i)
                .map_or_else(|| Err("left the cache".to_owned()), |e| e.part),
            Made::Read(fresh) => match *fresh {
                Fresh {
                    part: Some(part), ..
                } => part,
                Fresh { entry, .. } => entry.map_or_else(|| Err("not read".to_owned()), |e| e.part),
            },
        };
        match part {
            Ok(part) => parts.push(part),
            Err(problem) => invalid_files.push(invalid(&file.rel, problem)),
        }
    }
    invalid_files.extend(invalid_of(&ledger.with_strays(Vec::new())));
    invalid_files.sort_by(|a, b| a.file.cmp(&b.file));
    (parts, invalid_files)
}

pub fn invalid_of(bad: &[LeftOut]) -> Vec<Invalid> {
    bad.iter()
        .map(|(rel, blocked)| invalid(rel, blocked.first_problem()))
        .collect()
}

fn invalid(rel: &std::path::Path, problem: String) -> Invalid {
    Invalid {
        file: rel.display().to_string().replace('\\', "/"),
        problem,
    }
}
