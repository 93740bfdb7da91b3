//! The commit a report describes: `HEAD` of the repository holding the ledger,
//! and whether the ledger's files differ from it (uncommitted changes).

use std::path::Path;

use crate::git::Git;

use ordo_core::reports::report::Stamp;

/// The ledger's commit, when it is in git and has one.
pub fn stamp(root: &Path) -> Option<Stamp> {
    let git = |args: &[&str]| Git::at(root).args(args).text().ok();
    let commit = git(&["rev-parse", "--verify", "--quiet", "HEAD"])?;
    // Only the ledger's own folder counts, and never ordo's cache: it
    // ignores itself, but a run that makes it races a run that reads.
    let status = git(&[
        "status",
        "--porcelain",
        "--untracked-files=normal",
        "--",
        ".",
        ":(exclude).ordo",
    ])?;
    Some(Stamp {
        commit: commit.trim().to_owned(),
        dirty: !status.trim().is_empty(),
    })
}

/// The ledger's folder inside its git repository (`ledgers/east/`, or empty at
/// the top), for paths a repository host understands.
pub fn prefix(root: &Path) -> Option<String> {
    let out = Git::at(root)
        .args(["rev-parse", "--show-prefix"])
        .text()
        .ok()?;
    Some(out.trim().to_owned())
}
