//! The commit a report describes: `HEAD` of the repository holding the ledger,
//! and whether the ledger's files differ from it (uncommitted changes).

use std::path::Path;

use crate::git::Git;

use ordo_core::reports::report::Stamp;

/// The ledger's commit, when it is in git and has one. When git cannot say
/// whether the files differ from it, they are taken to differ (a report
/// never claims a clean commit it could not check), and a warning says so.
pub fn stamp(root: &Path) -> Option<Stamp> {
    let commit = Git::at(root)
        .args(["rev-parse", "--verify", "--quiet", "HEAD"])
        .line()?;
    // Only the ledger's own folder counts, and never ordo's cache: it
    // ignores itself, but a run that makes it races a run that reads.
    let status = Git::at(root)
        .args([
            "status",
            "--porcelain",
            "--untracked-files=normal",
            "--",
            ".",
            ":(exclude).ordo",
        ])
        .text();
    let dirty = match status {
        Ok(status) => !status.trim().is_empty(),
        Err(error) => {
            use std::io::Write;
            let _ = writeln!(
                std::io::stderr(),
                "ordo: warning: {error}; the report says its files may differ from commit {}",
                commit.get(..12).unwrap_or(&commit)
            );
            true
        }
    };
    Some(Stamp { commit, dirty })
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
