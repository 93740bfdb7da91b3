//! The two things ordo asks git: who the user is (`--by` defaults to the person
//! whose email matches `git config user.email`) and, with `--commit`, to commit
//! the one file a command changed.

use std::path::Path;

use crate::git::{Git, GitError};

/// The configured `user.email`, if git has one for this repository.
pub fn user_email(root: &Path) -> Option<String> {
    Git::at(root).args(["config", "user.email"]).line()
}

/// Commits exactly `file` (other staged changes are left alone).
pub fn commit_file(root: &Path, file: &Path, message: &str) -> Result<(), GitError> {
    commit_paths(root, &[file], message)
}

/// Commits exactly these paths, whether changed, new or removed.
pub fn commit_paths(root: &Path, files: &[&Path], message: &str) -> Result<(), GitError> {
    Git::at(root)
        .args(["add", "--all", "--"])
        .args(files)
        .run()?;
    Git::at(root)
        .args(["commit", "--quiet", "-m", message, "--only", "--"])
        .args(files)
        .run()
}

/// Whether git tracks `file` (relative to `root`); true outside git, where
/// there is nothing to commit.
pub fn tracked(root: &Path, file: &Path) -> bool {
    let inside = Git::at(root)
        .args(["rev-parse", "--is-inside-work-tree"])
        .succeeds();
    !inside
        || Git::at(root)
            .args(["ls-files", "--error-unmatch", "--"])
            .arg(file)
            .succeeds()
}
