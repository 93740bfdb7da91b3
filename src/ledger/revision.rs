//! Ledger files as they were at a git revision, for `validate --since REV`. One
//! `git diff` lists what changed and one `git cat-file --batch` process reads every
//! old version, however many files changed.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use crate::git::{Git, GitError};

/// Why `--since REV` could not be followed.
#[derive(Debug, thiserror::Error)]
pub enum SinceError {
    #[error("--since: `{0}` is not a commit of the repository holding the ledger")]
    NotACommit(String),
    #[error(transparent)]
    Git(#[from] GitError),
}

/// Order files (relative to the ledger root) that differ from `rev`.
pub fn changed_orders(root: &Path, rev: &str) -> Result<Vec<PathBuf>, GitError> {
    diff_names(root, rev, None, Against::WorkTree)
}

/// Where a deletion is looked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Against {
    /// The working tree: every file is stat'ed, a cost that grows with the tree.
    WorkTree,
    /// The index, what the next commit records: what a pre-commit hook checks
    /// (pre-commit sets unstaged changes aside first), and no file is stat'ed.
    Index,
}

/// Order files (relative to the ledger root) that were at `rev` and are gone.
pub fn deleted_orders(root: &Path, rev: &str, against: Against) -> Result<Vec<PathBuf>, GitError> {
    diff_names(root, rev, Some("D"), against)
}

fn diff_names(
    root: &Path,
    rev: &str,
    filter: Option<&str>,
    against: Against,
) -> Result<Vec<PathBuf>, GitError> {
    let filter = filter.map(|f| format!("--diff-filter={f}"));
    let cached = (against == Against::Index).then_some("--cached");
    let names = Git::at(root)
        .args(["diff", "--name-only", "--no-renames", "--relative", "-z"])
        .args(cached)
        .args(filter)
        .args([rev, "--", "orders"])
        .bytes()?;
    Ok(names
        .split(|b| *b == 0)
        .filter(|name| !name.is_empty())
        .map(|name| PathBuf::from(String::from_utf8_lossy(name).into_owned()))
        .collect())
}

/// The text of each file at `rev` (`None` when it did not exist there).
pub fn read_at(
    root: &Path,
    rev: &str,
    files: &[PathBuf],
) -> Result<HashMap<PathBuf, Option<String>>, GitError> {
    let specs: Vec<String> = files
        .iter()
        .map(|f| format!("{rev}:./{}", f.to_string_lossy().replace('\\', "/")))
        .collect();
    let mut out = HashMap::new();
    let mut files = files.iter();
    read_each(root, &specs, |text| {
        if let Some(file) = files.next() {
            out.insert(file.clone(), text);
        }
    })?;
    Ok(out)
}

/// Reads every `rev:path` of `specs` through one `git cat-file --batch`
/// process, handing each text to `each` as it arrives (`None` for a path that
/// is not there), so a long history is never held whole.
pub fn read_each(
    root: &Path,
    specs: &[String],
    mut each: impl FnMut(Option<String>),
) -> Result<(), GitError> {
    if specs.is_empty() {
        return Ok(());
    }
    let requests: String = specs.iter().map(|s| format!("{s}\n")).collect();
    let mut git = Git::at(root)
        .args(["cat-file", "--batch"])
        .stream(requests.into_bytes())?;
    let Some(stdout) = git.stdout() else {
        return git.finish();
    };
    let mut reader = BufReader::new(stdout);
    for _ in specs {
        let mut header = String::new();
        reader.read_line(&mut header).map_err(|e| git.pipe(e))?;
        let parts: Vec<&str> = header.split_whitespace().collect();
        match parts.as_slice() {
            [_, "blob", size] => {
                let size: usize = size.parse().map_err(|_| {
                    git.pipe(std::io::Error::other(format!(
                        "bad header {}",
                        header.trim()
                    )))
                })?;
                let mut body = vec![0; size + 1];
                reader.read_exact(&mut body).map_err(|e| git.pipe(e))?;
                body.truncate(size);
                each(Some(String::from_utf8_lossy(&body).into_owned()));
            }
            _ => each(None),
        }
    }
    drop(reader);
    git.finish()
}

/// Whether there is something to compare with: `rev` names a commit (true), or
/// it is `HEAD` of a repository without commits yet, as in a hook run on the very
/// first commit (false: nothing to compare).
pub fn verify(root: &Path, rev: &str) -> Result<bool, SinceError> {
    let git = |args: &[&str]| -> Result<bool, GitError> {
        Ok(Git::at(root).args(args).output()?.status.success())
    };
    if git(&[
        "rev-parse",
        "--verify",
        "--quiet",
        &format!("{rev}^{{commit}}"),
    ])? {
        return Ok(true);
    }
    if rev == "HEAD" && git(&["rev-parse", "--git-dir"])? {
        return Ok(false);
    }
    Err(SinceError::NotACommit(rev.to_owned()))
}
