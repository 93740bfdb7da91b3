//! What the report commands share: read every order (naming the unreadable ones),
//! build the report, render it in the chosen format, and pick the exit code.

use super::invocation::{lang_of, now_in};
use super::opening::open_ledger;
use crate::cli::{Cli, ReportOptions};
use crate::ledger::opened::Opened;
pub(crate) use crate::ledger::opened::invalid_of;
use crate::output::report::cut::fit;
use crate::output::report::spool::Sealed;
use crate::output::report::view::View;
use crate::output::report::{Format, write};
use crate::{Environment, Failure, exit};
use ordo_core::reports::report::{Invalid, Report, Stamp};
use std::io::Write;

/// The ledger opened for a report in `format` (which decides the language
/// with `--lang`; `None` for outputs that are not a report, such as the
/// calendar), asking git for the commit only when the output prints it.
pub(crate) fn open(
    cli: &Cli,
    env: &Environment,
    format: Option<Format>,
) -> Result<Opened, Failure> {
    let ledger = open_ledger(cli, env)?;
    let now = now_in(cli, env, ledger.tz)?;
    let lang = lang_of(cli, &ledger.config, format);
    let opened = Opened::new(ledger, now, lang);
    Ok(match format {
        Some(Format::Json | Format::Markdown) => opened.stamping(),
        _ => opened,
    })
}

/// Prints a report; exit 1 with `--strict` and unreadable orders, or with
/// `fail_if_any` and rows.
pub(crate) fn finish(
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
pub(crate) fn finish_spooled(
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
        return Err(Failure::io(format!(
            "cannot read the spooled rows: {error}"
        )));
    }
    match written {
        // `ordo ... | head` closed the pipe: a normal end.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(code),
        Err(e) => Err(Failure::io(format!("cannot write output: {e}"))),
        Ok(()) => Ok(code),
    }
}

/// The report in the chosen format, cut to `--max-bytes` when asked.
fn emit(view: &View<'_>, options: &ReportOptions, out: &mut dyn Write) -> std::io::Result<()> {
    match (options.max_bytes, options.format) {
        (Some(max), Format::Markdown | Format::Table) => {
            out.write_all(&fit(view, options.format, max, options.more_at.as_deref()))
        }
        _ => write(view, options.format, options.table_width(), out),
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

pub(crate) use crate::output::warn_left_out;

/// Hands a whole output over without copying it (a 100,000-order calendar is
/// 80 MB of text).
pub(crate) fn give(out: &mut Vec<u8>, text: Vec<u8>) {
    if out.is_empty() {
        *out = text;
    } else {
        out.extend_from_slice(&text);
    }
}
