//! What the report commands share: read every order (naming the unreadable ones),
//! build the report, render it in the chosen format, and pick the exit code.

use super::invocation::{lang_of, now_in};
use super::opening::open_ledger;
use crate::cli::{Cli, ReportOptions};
use crate::ledger::agenda_cache::AgendaEntry;
use crate::ledger::blocked::LeftOut;
use crate::ledger::ledger::Ledger;
use crate::ledger::pass::{self, Fresh, Made};
use crate::output::report::cut::fit;
use crate::output::report::spool::Sealed;
use crate::output::report::view::View;
use crate::output::report::{Format, write};
use crate::{Environment, Failure, exit};
use ordo_core::model::order::Order;
use ordo_core::reports::Book;
use ordo_core::reports::agenda::Agenda;
use ordo_core::reports::report::{Invalid, Report, Stamp};
use std::io::Write;

/// The ledger and "now". Its passes over the orders return what they made with
/// the files that could not be read.
pub struct Loaded {
    pub ledger: Ledger,
    pub now: chrono::DateTime<chrono_tz::Tz>,
    pub lang: ordo_core::i18n::Lang,
    /// The ledger's commit, asked of git while the report is made.
    stamp: Option<std::thread::JoinHandle<Option<Stamp>>>,
}

impl Loaded {
    /// The ledger, for output in `format` (which decides the language with
    /// `--lang`; `None` for outputs that are not a report, such as the site).
    pub fn open(cli: &Cli, env: &Environment, format: Option<Format>) -> Result<Loaded, Failure> {
        let ledger = open_ledger(cli, env)?;
        let now = now_in(cli, env, ledger.tz)?;
        let lang = lang_of(cli, &ledger.config, format);
        let root = ledger.root.clone();
        let stamp = Some(std::thread::spawn(move || {
            crate::ledger::stamp::stamp(&root)
        }));
        Ok(Loaded {
            ledger,
            now,
            lang,
            stamp,
        })
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
        let book = self.book();
        let (sum, bad) = self
            .ledger
            .fold_orders(init, |sum, order| add(sum, &book, order), merge);
        (sum, invalid_of(&bad))
    }

    /// The agenda of every readable order with something dated to do, taken from
    /// the cache under `.ordo/` where the file is the version the entry was made
    /// from, and made (and the cache rewritten) for the rest.
    pub fn agendas(&self) -> (Vec<Agenda>, Vec<Invalid>) {
        let ledger = &self.ledger;
        let (made, mut pass) = pass::run(
            &ledger.root,
            ledger.fingerprint,
            &ledger.order_files,
            self.now.timestamp(),
            true,
            |file, reading| {
                let read = ledger.read(file);
                let identity = reading.identity.or_else(|| read.as_ref().ok()?.identity);
                let agenda = read
                    .map(|loaded| {
                        Agenda::of(&ledger.config, &ledger.calendars, &loaded.order).map(Box::new)
                    })
                    .map_err(|blocked| blocked.first_problem());
                // Held once: by the entry when there is one, else by the part.
                match identity {
                    Some(identity) => (
                        None,
                        Some(AgendaEntry {
                            identity,
                            read_ns: reading.read_ns,
                            agenda,
                        }),
                    ),
                    None => (Some(agenda), None),
                }
            },
        );
        if let Err(error) = pass.save(&ledger.root, ledger.fingerprint, &ledger.order_files, &made)
        {
            super::validate::warn_cache(&error.to_string());
        }
        let mut agendas = Vec::with_capacity(made.len());
        let mut invalid_files = Vec::new();
        for (i, (file, m)) in ledger.order_files.iter().zip(made).enumerate() {
            // Cached entries are moved out of the cache, never cloned.
            let agenda = match m {
                Made::Cached => pass
                    .take(i)
                    .map_or_else(|| Err("left the cache".to_owned()), |e| e.agenda),
                Made::Read(fresh) => match *fresh {
                    Fresh {
                        part: Some(part), ..
                    } => part,
                    Fresh { entry, .. } => {
                        entry.map_or_else(|| Err("not read".to_owned()), |e| e.agenda)
                    }
                },
            };
            match agenda {
                Ok(agenda) => agendas.extend(agenda.map(|a| *a)),
                Err(problem) => invalid_files.push(invalid(&file.rel, problem)),
            }
        }
        invalid_files.extend(invalid_of(&ledger.with_strays(Vec::new())));
        invalid_files.sort_by(|a, b| a.file.cmp(&b.file));
        (agendas, invalid_files)
    }
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

/// Prints a report; exit 1 with `--strict` and unreadable orders, or with
/// `fail_if_any` and rows.
pub fn finish(
    report: Report,
    invalid: Vec<Invalid>,
    stamp: Option<Stamp>,
    options: &ReportOptions,
    fail_if_any: bool,
    out: &mut Vec<u8>,
) -> u8 {
    let (report, code) = completed(report, invalid, stamp, options, fail_if_any);
    // Writing to memory cannot fail.
    let _ = emit(&View::of(&report), options, out);
    code
}

/// [`finish`] for a report whose section `section` lies in a spool: written
/// to stdout as it is rendered, so neither its rows nor its text are ever
/// held whole.
pub fn finish_spooled(
    report: Report,
    (section, sealed): (usize, &Sealed),
    invalid: Vec<Invalid>,
    stamp: Option<Stamp>,
    options: &ReportOptions,
) -> Result<u8, Failure> {
    let (report, code) = completed(report, invalid, stamp, options, false);
    let mut stdout = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    let written = emit(
        &View::spooled(&report, section, sealed),
        options,
        &mut stdout,
    )
    .and_then(|()| stdout.flush());
    if let Some(error) = sealed.take_error() {
        return Err(Failure::Io(format!(
            "cannot read the spooled rows: {error}"
        )));
    }
    match written {
        // `ordo ... | head` closed the pipe: a normal end.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(code),
        Err(e) => Err(Failure::Io(format!("cannot write output: {e}"))),
        Ok(()) => Ok(code),
    }
}

/// The report in the chosen format, cut to `--max-bytes` when asked.
fn emit(view: &View<'_>, options: &ReportOptions, out: &mut dyn Write) -> std::io::Result<()> {
    match (options.max_bytes, options.format) {
        (Some(max), Format::Markdown | Format::Table) => {
            out.write_all(&fit(view, options.format, max, options.more_at.as_deref()))
        }
        _ => write(view, options.format, out),
    }
}

/// The report with its files left out and commit, and the exit code it gives.
fn completed(
    mut report: Report,
    invalid: Vec<Invalid>,
    stamp: Option<Stamp>,
    options: &ReportOptions,
    fail_if_any: bool,
) -> (Report, u8) {
    report.invalid = invalid;
    report.commit = stamp;
    // CSV has no place for them: the files left out are named on stderr.
    if options.format == Format::Csv {
        for invalid in &report.invalid {
            warn_left_out(invalid);
        }
    }
    let code =
        if (options.strict && !report.invalid.is_empty()) || (fail_if_any && report.rows() > 0) {
            exit::FINDINGS
        } else {
            exit::OK
        };
    (report, code)
}

/// Names an order file a report left out, on stderr (for outputs with no room
/// for it: CSV, calendars, exports).
pub fn warn_left_out(invalid: &Invalid) {
    use std::io::Write;
    let _ = writeln!(
        std::io::stderr(),
        "ordo: warning: {} left out: {}",
        invalid.file,
        invalid.problem
    );
}

/// Hands a whole output over without copying it (a 100,000-order calendar is
/// 80 MB of text).
pub fn give(out: &mut Vec<u8>, text: Vec<u8>) {
    if out.is_empty() {
        *out = text;
    } else {
        out.extend_from_slice(&text);
    }
}
