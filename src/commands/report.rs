//! What the report commands share: read every order (naming the unreadable ones),
//! build the report, render it in the chosen format, and pick the exit code.

use super::common::{now_in, open_ledger};
use crate::cli::{Cli, ReportOptions};
use crate::ledger::open::{Ledger, LoadedOrder};
use crate::output::render::render;
use crate::output::report::{Invalid, Report};
use crate::reports::Book;
use crate::{Environment, Failure, exit};

/// The ledger, its readable orders, and the files that could not be read.
pub struct Loaded {
    pub ledger: Ledger,
    pub orders: Vec<LoadedOrder>,
    pub invalid: Vec<Invalid>,
    pub now: chrono::DateTime<chrono_tz::Tz>,
}

impl Loaded {
    pub fn open(cli: &Cli, env: &Environment) -> Result<Loaded, Failure> {
        let ledger = open_ledger(cli, env)?;
        let now = now_in(cli, env, ledger.tz)?;
        let (orders, bad) = ledger.read_all();
        let invalid = bad
            .into_iter()
            .map(|(file, blocked)| Invalid {
                file: file.rel.display().to_string().replace('\\', "/"),
                problem: blocked.findings.first().map_or_else(
                    || "cannot be read".to_owned(),
                    |f| format!("{}: {}", f.code, f.message),
                ),
            })
            .collect();
        Ok(Loaded {
            ledger,
            orders,
            invalid,
            now,
        })
    }

    pub fn book(&self) -> Book<'_> {
        Book {
            config: &self.ledger.config,
            calendars: &self.ledger.calendars,
            tz: self.ledger.tz,
            now: self.now,
            orders: self.orders.iter().map(|o| &o.order).collect(),
        }
    }
}

/// Prints a report; exit 1 with `--strict` and unreadable orders, or with
/// `fail_if_any` and rows.
pub fn finish(
    mut report: Report,
    loaded: &Loaded,
    options: &ReportOptions,
    fail_if_any: bool,
    out: &mut Vec<u8>,
) -> u8 {
    report.invalid = loaded.invalid.clone();
    out.extend_from_slice(render(&report, options.format).as_bytes());
    if (options.strict && !report.invalid.is_empty()) || (fail_if_any && report.rows() > 0) {
        exit::FINDINGS
    } else {
        exit::OK
    }
}
