//! `ordo validate [PATH...]`: glue between the command line, the validation and
//! the output formats.

use std::cell::RefCell;
use std::path::{Path, PathBuf};

use super::common::{check_as_of, ledger_root, now_in, use_color};
use crate::cli::{Cli, ValidateArgs, ValidateFormat};
use crate::finding::Severity;
use crate::output::{github, human, json, located};
use crate::validate::{Selection, validate};
use crate::{Environment, Failure, exit};

pub fn run(
    cli: &Cli,
    args: &ValidateArgs,
    env: &Environment,
    out: &mut Vec<u8>,
) -> Result<u8, Failure> {
    let root = ledger_root(cli, env)?;
    check_as_of(cli)?;
    let selection = if args.paths.is_empty() {
        Selection::All
    } else {
        Selection::Files(
            args.paths
                .iter()
                .map(|p| relative_to_root(&root, &env.cwd, p))
                .collect::<Result<_, _>>()?,
        )
    };
    let as_of_error = RefCell::new(None);
    let outcome = validate(&root, &selection, args.since.as_deref(), |tz| {
        now_in(cli, env, tz).unwrap_or_else(|e| {
            *as_of_error.borrow_mut() = Some(e);
            env.now.with_timezone(&tz)
        })
    })
    .map_err(Failure::Usage)?;
    if let Some(error) = as_of_error.into_inner() {
        return Err(error);
    }

    let errors = outcome.count(Severity::Error);
    let warnings = outcome.count(Severity::Warning);
    let placed = located::place_all(&outcome.findings, &outcome.sources);
    let text = match args.format {
        ValidateFormat::Json => {
            json::render(&placed, errors, warnings, outcome.orders, outcome.files)
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
                text.push_str(&github::annotations(&placed));
            }
            text
        }
    };
    out.extend_from_slice(text.as_bytes());
    Ok(if errors > 0 { exit::FINDINGS } else { exit::OK })
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
            Failure::Usage(format!(
                "{} is not inside the ledger at {}",
                path.display(),
                root.display()
            ))
        })
}
