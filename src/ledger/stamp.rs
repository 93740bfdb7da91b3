//! The commit a report describes: `HEAD` of the repository holding the ledger,
//! and whether the ledger's files differ from it (uncommitted changes).

use std::path::Path;
use std::process::Command;

use ordo_core::reports::report::Stamp;

/// The ledger's commit, when it is in git and has one.
pub fn stamp(root: &Path) -> Option<Stamp> {
    let git = |args: &[&str]| {
        Command::new("git")
            .arg("-C")
            .arg(root)
            .args(args)
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
    };
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
    let out = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(["rev-parse", "--show-prefix"])
        .output()
        .ok()
        .filter(|o| o.status.success())?;
    Some(String::from_utf8_lossy(&out.stdout).trim().to_owned())
}
