//! git's merge driver (`ordo merge-file`) around the structural merge: what
//! must hold before a file is merged by its fields and after. A side that is
//! not UTF-8, has lone CR line ends or already holds conflict markers goes to
//! git's own line merge (with markers, never a silent pick). Two orders that
//! took one id, or a change made to an order that moved to another id, are
//! the business of `moved`. The driver exits 0 only with a result that holds
//! no markers and, for an order, no error its two sides did not have.

mod check;
mod git;
mod moved;
pub mod order;

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use super::{Markers, Merged, has_markers};
use crate::ledger::discover::CONFIG_FILE;
use ordo_core::layout::{LedgerFile, classify};

/// What git asked the driver to merge.
pub struct Request<'a> {
    pub base: &'a Path,
    pub ours: &'a Path,
    pub theirs: &'a Path,
    /// The file's path from the top of the work tree (git's %P).
    pub path: &'a Path,
    /// The top of the work tree (where git runs the driver).
    pub top: &'a Path,
    pub markers: Markers,
    /// git's name for the base (%S): "parent of ..." when a commit is replayed.
    pub base_label: String,
    pub now: DateTime<Utc>,
}

/// What the driver made: the text for the path, whether git may take it as
/// merged, and what to tell the user.
pub struct Outcome {
    pub text: Vec<u8>,
    pub clean: bool,
    pub messages: Vec<String>,
}

/// Where the file lies in its ledger.
pub struct Place {
    /// The ledger's root.
    pub root: PathBuf,
    pub file: Option<LedgerFile>,
}

impl Place {
    fn of(top: &Path, path: &Path) -> Option<Place> {
        let full = top.join(path);
        let root = full
            .ancestors()
            .skip(1)
            .find(|dir| dir.join(CONFIG_FILE).is_file())?
            .to_owned();
        let file = full.strip_prefix(&root).ok().and_then(classify);
        Some(Place { root, file })
    }
}

pub fn run(req: &Request<'_>) -> Result<Outcome, String> {
    let read = |path: &Path| {
        std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
    };
    let (base, ours, theirs) = (read(req.base)?, read(req.ours)?, read(req.theirs)?);
    let (Ok(base_text), Ok(ours_text), Ok(theirs_text)) = (
        std::str::from_utf8(&base),
        std::str::from_utf8(&ours),
        std::str::from_utf8(&theirs),
    ) else {
        let merged = line_merge(req)?;
        let mut outcome = finish_lines(merged);
        outcome.messages.push(format!(
            "{} is not UTF-8 on one side: merged line by line, as git would",
            req.path.display()
        ));
        return Ok(outcome);
    };
    // git gives an empty base when both sides added the file.
    let base_text = Some(base_text).filter(|b| !b.trim().is_empty());
    let place = Place::of(req.top, req.path);
    if let Some(place) = &place
        && let Some(LedgerFile::Order(_)) = &place.file
        && let Some(outcome) = moved::settle(req, place, base_text, ours_text, theirs_text)?
    {
        return Ok(outcome);
    }
    let merged = match super::merge(base_text, ours_text, theirs_text, &req.markers) {
        Some(merged) => merged,
        None => {
            let merged = line_merge(req)?;
            return Ok(finish_lines(merged));
        }
    };
    let mut outcome = Outcome {
        clean: merged.conflicts == 0,
        text: merged.text.into_bytes(),
        messages: Vec::new(),
    };
    if outcome.clean
        && let Some(place) = &place
        && let Some(LedgerFile::Order(file)) = &place.file
    {
        let text = String::from_utf8_lossy(&outcome.text).into_owned();
        let broken = check::new_errors(place, file, &text, [ours_text, theirs_text], req.now);
        if !broken.is_empty() {
            outcome.clean = false;
            outcome.messages.push(format!(
                "{}: each side's changes merged, but together they leave the order invalid \
                 (fix it, then `git add` it):\n{}",
                req.path.display(),
                broken.join("\n")
            ));
        }
    }
    Ok(outcome)
}

/// A line merge's outcome: clean only without markers.
fn finish_lines(merged: LineMerged) -> Outcome {
    let marked = String::from_utf8_lossy(&merged.text);
    Outcome {
        clean: merged.conflicts == 0 && !has_markers(&marked),
        text: merged.text,
        messages: Vec::new(),
    }
}

/// What git's line merge made.
pub struct LineMerged {
    pub text: Vec<u8>,
    pub conflicts: usize,
}

/// git's own line merge, for texts the structural merge cannot read.
fn line_merge(req: &Request<'_>) -> Result<LineMerged, String> {
    line_merge_files(req.ours, req.base, req.theirs, &req.markers)
}

/// `git merge-file` of three files, the result on its stdout.
pub fn line_merge_files(
    ours: &Path,
    base: &Path,
    theirs: &Path,
    markers: &Markers,
) -> Result<LineMerged, String> {
    let output = crate::git::Git::plain()
        .args(["merge-file", "-p", "--marker-size"])
        .arg(markers.size.to_string())
        .args(["-L", &markers.ours, "-L", "base", "-L", &markers.theirs])
        .arg(ours)
        .arg(base)
        .arg(theirs)
        .output()
        .map_err(|e| e.to_string())?;
    match output.status.code() {
        Some(n) if n >= 0 => Ok(LineMerged {
            text: output.stdout,
            conflicts: n as usize,
        }),
        _ => Err(format!(
            "git merge-file failed: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        )),
    }
}

impl From<Merged> for LineMerged {
    fn from(merged: Merged) -> Self {
        LineMerged {
            text: merged.text.into_bytes(),
            conflicts: merged.conflicts,
        }
    }
}

/// A word for a shell command line the user copies.
pub fn shell_word(word: &str) -> String {
    if !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "/._-+:@".contains(c))
    {
        word.to_owned()
    } else {
        format!("'{}'", word.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_the_user_copies_are_quoted_for_the_shell() {
        // Before: `git add my ledger/orders/…` split at the space.
        assert_eq!(
            shell_word("my ledger/orders/2026/A-1.yaml"),
            "'my ledger/orders/2026/A-1.yaml'"
        );
        assert_eq!(shell_word("orders/2026/A-1.yaml"), "orders/2026/A-1.yaml");
        assert_eq!(shell_word("it's"), r"'it'\''s'");
        assert_eq!(shell_word(""), "''");
    }
}
