//! `ordo export`: the ledger as typed tables, one file per table in a folder
//! (with `export.json` saying what is there and what was left out), or one
//! table on stdout. Rows are written as orders are read.

use std::path::Path;

use rayon::prelude::*;

use super::reporting::{open as open_report, warn_left_out};
use crate::cli::{Cli, ExportArgs};
use crate::edit::output::OutputFile;
use crate::export::ExportFormat;
use crate::export::{Inexact, Setting, TableWriter, WriteFailure, writer};
use crate::{Environment, Failure, exit};
use ordo_core::checks::credit::{Exposure, awaiting_approval};
use ordo_core::reports::tables::{
    Rows, Table, approval_rows, common_values, money_scale, order_rows,
};

pub(crate) fn run(
    cli: &Cli,
    args: &ExportArgs,
    env: &Environment,
    out: &mut Vec<u8>,
) -> Result<u8, Failure> {
    let table = args.table.map(|t| t.0);
    let format = args.format.map(|f| f.0).unwrap_or(if table.is_some() {
        ExportFormat::Jsonl
    } else {
        ExportFormat::Parquet
    });
    if table.is_some() && format == ExportFormat::Parquet {
        return Err(Failure::usage("--table writes to stdout as jsonl or csv")
            .hint("for Parquet give -o DIR"));
    }
    let mut loaded = open_report(cli, env, None)?.stamping();
    let now = loaded.now;
    let ledger_tz = loaded.ledger.tz;
    let stamp = loaded.take_stamp();
    let setting = Setting {
        money_scale: money_scale(&loaded.ledger.config),
        tz: ledger_tz.name(),
        common: common_values(now, stamp.as_ref().map(|s| s.commit.as_str())),
    };
    let book = loaded.book();
    let each = |order: &_| order_rows(&book, order, table);

    let (written, invalid) = match (table, &args.output) {
        (Some(table), _) => {
            let stdout = std::io::stdout();
            let mut w = writer(format, stdout, table.columns(), &setting)?;
            let mut rows = 0usize;
            let mut exposures = Vec::new();
            let streamed = loaded.ledger.stream_orders(each, |parts| {
                for mut part in parts {
                    let these = std::mem::take(&mut part.rows[table as usize]);
                    rows += these.len();
                    w.write(&part.order_id, &these)?;
                    exposures.extend(part.exposure.take().map(|e| *e));
                }
                Ok(())
            });
            let approved = if table == Table::Steps {
                approvals(&loaded, &book, &exposures)?
            } else {
                Vec::new()
            };
            let finished = streamed.and_then(|left| {
                for (id, these) in approved {
                    rows += these.len();
                    w.write(&id, &these)?;
                }
                Ok((left, w.finish()?))
            });
            let (left, inexact) = match finished {
                Ok(done) => done,
                Err(WriteFailure::Closed) => return Ok(exit::OK),
                Err(failed) => return Err(failed.into()),
            };
            (
                vec![(table, rows, inexact)],
                super::reporting::invalid_of(&left),
            )
        }
        (None, Some(dir)) => {
            let dir = &crate::edit::output_dir::resolve(&env.cwd.join(dir), &loaded.ledger.root)
                .map_err(|e| Failure::usage(e.to_string()))?;
            let earlier = earlier_tables(dir);
            let (written, left) = to_folder(&loaded, dir, format, &setting, each)?;
            let invalid = super::reporting::invalid_of(&left);
            let manifest = super::export_manifest::manifest(
                format,
                now.with_timezone(&ledger_tz),
                stamp.as_ref(),
                &written,
                &invalid,
                &setting,
            );
            crate::edit::output::output(&dir.join("export.json"), manifest.as_bytes())
                .map_err(|e| Failure::io(e.to_string()))?;
            remove_stale_tables(dir, &earlier, format);
            let summary: Vec<String> = written
                .iter()
                .map(|(t, rows, _)| format!("{} {rows}", t.name()))
                .collect();
            out.extend_from_slice(
                format!(
                    "wrote {} tables to {} ({}): {}\n",
                    written.len(),
                    args.output.as_deref().unwrap_or(dir).display(),
                    format.extension(),
                    summary.join(", ")
                )
                .as_bytes(),
            );
            (written, invalid)
        }
        (None, None) => {
            return Err(Failure::usage(
                "give -o DIR for every table, or --table NAME for one on stdout",
            ));
        }
    };
    for invalid in &invalid {
        warn_left_out(invalid);
    }
    for (table, _, inexact) in &written {
        warn_inexact(table.name(), inexact, setting.money_scale);
    }
    Ok(if args.strict && !invalid.is_empty() {
        exit::FINDINGS
    } else {
        exit::OK
    })
}

type Written = Vec<(Table, usize, Inexact)>;

/// The steps rows of the credit approvals the customers' exposure asks for,
/// as `overdue` and `upcoming` show them: the few orders awaiting one are
/// read again (one changed since is left to the next export).
fn approvals<'a>(
    loaded: &crate::ledger::opened::Opened,
    book: &ordo_core::reports::Book<'a>,
    exposures: &[Exposure],
) -> Result<Vec<(String, Rows<'a>)>, Failure> {
    let ledger = &loaded.ledger;
    let awaiting = awaiting_approval(&ledger.config, loaded.now, &ledger.customers, exposures);
    Ok(crate::ledger::opened::read_awaiting(ledger, &awaiting)
        .map_err(Failure::io)?
        .into_iter()
        .map(|read| (read.order.id.clone(), approval_rows(book, &read.order)))
        .filter(|(_, rows)| !rows.is_empty())
        .collect())
}

/// Every table into `dir`, each file put in place once all are written.
fn to_folder<'a>(
    loaded: &crate::ledger::opened::Opened,
    dir: &Path,
    format: ExportFormat,
    setting: &Setting<'_>,
    each: impl Fn(&ordo_core::model::order::Order) -> ordo_core::reports::tables::OrderRows<'a> + Sync,
) -> Result<(Written, Vec<crate::ledger::blocked::LeftOut>), Failure> {
    let io = |e: crate::edit::write::WriteError| Failure::io(e.to_string());
    let paths = Table::ALL.map(|t| dir.join(format!("{}.{}", t.name(), format.extension())));
    let mut files = Vec::new();
    let mut writers: Vec<Box<dyn TableWriter>> = Vec::new();
    for (table, path) in Table::ALL.into_iter().zip(&paths) {
        let file = OutputFile::open(path).map_err(io)?;
        let out = file.writer().map_err(io)?;
        writers.push(writer(format, out, table.columns(), setting)?);
        files.push(file);
    }
    let mut rows = [0usize; Table::ALL.len()];
    let mut exposures = Vec::new();
    let left = loaded.ledger.stream_orders(each, |parts| {
        // The slice's rows by table, each table written on its own thread.
        let mut by_table: Vec<Vec<(String, ordo_core::reports::tables::Rows)>> =
            (0..Table::ALL.len()).map(|_| Vec::new()).collect();
        for part in parts {
            exposures.extend(part.exposure.map(|e| *e));
            for (i, these) in part.rows.into_iter().enumerate() {
                if !these.is_empty() {
                    rows[i] += these.len();
                    by_table[i].push((part.order_id.clone(), these));
                }
            }
        }
        writers
            .par_iter_mut()
            .zip(by_table)
            .try_for_each(|(writer, orders)| {
                orders
                    .into_iter()
                    .try_for_each(|(id, these)| writer.write(&id, &these))
            })
    })?;
    let steps = Table::Steps as usize;
    for (id, these) in approvals(loaded, &loaded.book(), &exposures)? {
        rows[steps] += these.len();
        writers[steps].write(&id, &these)?;
    }
    // Each table's last row group is encoded and its footer written at once.
    let inexact = writers
        .into_par_iter()
        .map(|w| w.finish())
        .collect::<Result<Vec<Inexact>, WriteFailure>>()?;
    let written = Table::ALL
        .into_iter()
        .zip(rows)
        .zip(inexact)
        .map(|((table, n), inexact)| (table, n, inexact))
        .collect();
    for file in files {
        file.finish().map_err(io)?;
    }
    Ok((written, left))
}

fn warn_inexact(table: &str, inexact: &Inexact, scale: u32) {
    use std::io::Write;
    for (column, count) in &inexact.columns {
        let _ = writeln!(
            std::io::stderr(),
            "ordo: warning: {table}.{column}: {count} values have more decimals than \
             the column's scale ({scale} for money, 6 otherwise) and were left null"
        );
    }
}

/// The table files the export already in `dir` lists in its `export.json`
/// (names only, of the shape ordo gives them: a hand-edited list never
/// reaches out of the folder or at a file of someone else's).
fn earlier_tables(dir: &Path) -> Vec<String> {
    let Ok(text) = std::fs::read_to_string(dir.join("export.json")) else {
        return Vec::new();
    };
    let Ok(value) = serde_json::from_str::<serde_json::Value>(&text) else {
        return Vec::new();
    };
    let Some(tables) = value.get("tables").and_then(|t| t.as_object()) else {
        return Vec::new();
    };
    tables
        .iter()
        .filter_map(|(name, table)| {
            let file = table.get("file")?.as_str()?;
            let ours = Table::parse(name).is_some()
                && ExportFormat::ALL
                    .iter()
                    .any(|f| file == format!("{name}.{}", f.extension()));
            ours.then(|| file.to_owned())
        })
        .collect()
}

/// Removes the tables of an earlier export in another format (its
/// `export.json` listed them; this one no longer does).
fn remove_stale_tables(dir: &Path, earlier: &[String], format: ExportFormat) {
    for file in earlier {
        if !file.ends_with(&format!(".{}", format.extension())) {
            let path = dir.join(file);
            if std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_file()) {
                let _ = std::fs::remove_file(path);
            }
        }
    }
}
