//! `ordo validate [PATH...]`: glue between the command line, the validation and
//! the output formats.

use std::cell::RefCell;
use std::path::{Path, PathBuf};

use super::invocation::{ledger_root, now_in, use_color};
use crate::cli::{Cli, ValidateArgs, ValidateFormat};
use crate::ledger::files;
use crate::output::findings::{github, human, json_v1, located};
use crate::validate::{Selection, validate};
use crate::{Environment, Failure, exit};
use ordo_core::finding::Severity;

pub(crate) fn run(
    cli: &Cli,
    args: &ValidateArgs,
    env: &Environment,
    out: &mut Vec<u8>,
) -> Result<u8, Failure> {
    let root = ledger_root(cli, env)?;
    let selection = selection(&root, &env.cwd, &args.paths)?;
    let as_of_error = RefCell::new(None);
    let outcome = validate(&root, &selection, args.since.as_deref(), |tz| {
        now_in(cli, env, tz).unwrap_or_else(|e| {
            *as_of_error.borrow_mut() = Some(e);
            env.now.with_timezone(&tz)
        })
    })?;
    if let Some(error) = as_of_error.into_inner() {
        return Err(error);
    }

    if let Some(problem) = &outcome.cache_problem {
        warn_cache(problem);
    }
    let errors = outcome.count(Severity::Error);
    let warnings = outcome.count(Severity::Warning);
    let placed = located::place_all(&outcome.findings, &outcome.sources);
    let text = match args.format {
        ValidateFormat::Json => {
            json_v1::render(&placed, errors, warnings, outcome.orders, outcome.files)
        }
        ValidateFormat::Human | ValidateFormat::Github => {
            let color = args.format == ValidateFormat::Human && use_color(cli, env);
            let mut text = human::render_all(&outcome.findings, &outcome.sources, color);
            text.push_str(&human::summary(
                errors,
                warnings,
                outcome.orders,
                outcome.files,
            ));
            text.push('\n');
            if args.format == ValidateFormat::Github {
                // Annotations name files from the repository's root, where
                // GitHub looks for them, also for a ledger in a subfolder.
                let prefix = crate::ledger::stamp::prefix(&root).unwrap_or_default();
                text.push_str(&github::annotations(&placed, &prefix));
            }
            text
        }
    };
    out.extend_from_slice(text.as_bytes());
    Ok(if errors > 0 { exit::FINDINGS } else { exit::OK })
}

/// Says on stderr that the cache was not written (the run's answer stands).
pub(crate) fn warn_cache(problem: &str) {
    crate::ledger::cache::warn_not_written(problem);
}

/// What the given paths select: the whole ledger for none (or the root), the
/// ledger files of a folder for a folder, and the files themselves otherwise.
/// A path that does not exist, or names nothing of the ledger, is a usage error.
fn selection(root: &Path, cwd: &Path, paths: &[PathBuf]) -> Result<Selection, Failure> {
    if paths.is_empty() {
        return Ok(Selection::All);
    }
    let mut selected = Vec::new();
    for path in paths {
        let exists = |base: &Path| base.join(path).symlink_metadata().is_ok();
        if !exists(cwd) && !exists(root) {
            return Err(Failure::usage(format!(
                "{}: no such file or folder",
                path.display()
            )));
        }
        let rel = relative_to_root(root, cwd, path)?;
        let full = root.join(&rel);
        if rel.as_os_str().is_empty() {
            return Ok(Selection::All);
        }
        let folder = full.symlink_metadata().is_ok_and(|m| m.is_dir());
        let top = rel.components().next().map(|c| c.as_os_str().to_owned());
        match (folder, top.as_ref().and_then(|t| t.to_str())) {
            (true, Some("orders")) => {
                let listing = files::list_orders(root, &rel);
                selected.extend(listing.orders.into_iter().map(|f| f.rel));
                selected.extend(listing.strays.into_iter().map(|s| s.rel));
            }
            (true, Some("customers")) => {
                selected.extend(files::customer_files(root).into_values());
            }
            (true, _) => {
                return Err(Failure::usage(format!(
                    "{} is not a folder of the ledger (orders/ or customers/)",
                    path.display()
                )));
            }
            // Other files (a hook may pass any staged file) are not ordo's.
            (false, _) => selected.push(rel),
        }
    }
    Ok(Selection::Files(selected))
}

/// A command-line path as a path relative to the ledger root. A relative path is
/// taken from the working directory, or else (as with `-C`) from the ledger root.
fn relative_to_root(root: &Path, cwd: &Path, path: &Path) -> Result<PathBuf, Failure> {
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else if cwd.join(path).symlink_metadata().is_err()
        && root.join(path).symlink_metadata().is_ok()
    {
        root.join(path)
    } else {
        cwd.join(path)
    };
    let canonical_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    // Canonicalize the folder, not the file: the file itself may be a link that
    // leaves the ledger, which the check must see and report, not follow.
    let parent = absolute.parent().unwrap_or(Path::new("/"));
    let parent = parent
        .canonicalize()
        .unwrap_or_else(|_| parent.to_path_buf());
    let full = parent.join(absolute.file_name().unwrap_or_default());
    full.strip_prefix(&canonical_root)
        .map(Path::to_path_buf)
        .map_err(|_| {
            Failure::usage(format!(
                "{} is not inside the ledger at {}",
                path.display(),
                root.display()
            ))
        })
}
