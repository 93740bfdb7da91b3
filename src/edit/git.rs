//! The two things ordo asks git: who the user is (`--by` defaults to the person
//! whose email matches `git config user.email`) and, with `--commit`, to commit
//! the one file a command changed.

use std::path::Path;
use std::process::Command;

/// The configured `user.email`, if git has one for this repository.
pub fn user_email(root: &Path) -> Option<String> {
    let output = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(["config", "user.email"])
        .output()
        .ok()?;
    let email = String::from_utf8_lossy(&output.stdout).trim().to_owned();
    (output.status.success() && !email.is_empty()).then_some(email)
}

/// Commits exactly `file` (other staged changes are left alone).
pub fn commit_file(root: &Path, file: &Path, message: &str) -> Result<(), String> {
    commit_paths(root, &[file], message)
}

/// Commits exactly these paths, whether changed, new or removed.
pub fn commit_paths(root: &Path, files: &[&Path], message: &str) -> Result<(), String> {
    let run = |args: &[&str]| -> Result<(), String> {
        let output = Command::new("git")
            .arg("-C")
            .arg(root)
            .args(args)
            .output()
            .map_err(|e| format!("cannot run git: {e}"))?;
        if output.status.success() {
            Ok(())
        } else {
            Err(format!(
                "git {} failed: {}",
                args.first().copied().unwrap_or_default(),
                String::from_utf8_lossy(&output.stderr).trim()
            ))
        }
    };
    let paths: Vec<String> = files
        .iter()
        .map(|f| f.to_string_lossy().into_owned())
        .collect();
    let mut add = vec!["add", "--all", "--"];
    add.extend(paths.iter().map(String::as_str));
    run(&add)?;
    let mut commit = vec!["commit", "--quiet", "-m", message, "--only", "--"];
    commit.extend(paths.iter().map(String::as_str));
    run(&commit)
}

/// Whether git tracks `file` (relative to `root`); true outside git, where
/// there is nothing to commit.
pub fn tracked(root: &Path, file: &Path) -> bool {
    let inside = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(["rev-parse", "--is-inside-work-tree"])
        .output()
        .is_ok_and(|o| o.status.success());
    !inside
        || Command::new("git")
            .arg("-C")
            .arg(root)
            .args(["ls-files", "--error-unmatch", "--"])
            .arg(file)
            .output()
            .is_ok_and(|o| o.status.success())
}
