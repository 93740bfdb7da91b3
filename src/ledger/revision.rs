//! Ledger files as they were at a git revision, for `validate --since REV`. One
//! `git diff` lists what changed and one `git cat-file --batch` process reads every
//! old version, however many files changed.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// Order files (relative to the ledger root) that differ from `rev`.
pub fn changed_orders(root: &Path, rev: &str) -> Result<Vec<PathBuf>, String> {
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
pub fn deleted_orders(root: &Path, rev: &str, against: Against) -> Result<Vec<PathBuf>, String> {
    diff_names(root, rev, Some("D"), against)
}

fn diff_names(
    root: &Path,
    rev: &str,
    filter: Option<&str>,
    against: Against,
) -> Result<Vec<PathBuf>, String> {
    let filter = filter.map(|f| format!("--diff-filter={f}"));
    let cached = (against == Against::Index).then_some("--cached");
    let output = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(["diff", "--name-only", "--no-renames", "--relative"])
        .args(cached)
        .args(filter)
        .args([rev, "--", "orders"])
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "git diff {rev} failed: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        ));
    }
    Ok(String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter(|l| !l.is_empty())
        .map(PathBuf::from)
        .collect())
}

/// The text of each file at `rev` (`None` when it did not exist there).
pub fn read_at(
    root: &Path,
    rev: &str,
    files: &[PathBuf],
) -> Result<HashMap<PathBuf, Option<String>>, String> {
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
) -> Result<(), String> {
    if specs.is_empty() {
        return Ok(());
    }
    let mut child = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(["cat-file", "--batch"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run git: {e}"))?;
    let mut stdin = child.stdin.take().ok_or("git cat-file has no stdin")?;
    let requests: String = specs.iter().map(|s| format!("{s}\n")).collect();
    // Write from another thread: git answers while it reads, and a full pipe
    // on either side would otherwise stall both processes.
    let writer = std::thread::spawn(move || stdin.write_all(requests.as_bytes()));
    let stdout = child.stdout.take().ok_or("git cat-file has no stdout")?;
    let mut reader = BufReader::new(stdout);
    for _ in specs {
        let mut header = String::new();
        reader.read_line(&mut header).map_err(|e| e.to_string())?;
        let parts: Vec<&str> = header.split_whitespace().collect();
        match parts.as_slice() {
            [_, "blob", size] => {
                let size: usize = size
                    .parse()
                    .map_err(|_| format!("git cat-file: bad header {header}"))?;
                let mut body = vec![0; size + 1];
                reader.read_exact(&mut body).map_err(|e| e.to_string())?;
                body.truncate(size);
                each(Some(String::from_utf8_lossy(&body).into_owned()));
            }
            _ => each(None),
        }
    }
    let _ = writer.join();
    let status = child.wait().map_err(|e| e.to_string())?;
    if !status.success() {
        let mut err = String::new();
        if let Some(mut stderr) = child.stderr.take() {
            let _ = stderr.read_to_string(&mut err);
        }
        return Err(format!("git cat-file failed: {}", err.trim()));
    }
    Ok(())
}

/// Whether there is something to compare with: `rev` names a commit (true), or
/// it is `HEAD` of a repository without commits yet, as in a hook run on the very
/// first commit (false: nothing to compare).
pub fn verify(root: &Path, rev: &str) -> Result<bool, String> {
    let git = |args: &[&str]| {
        Command::new("git")
            .arg("-C")
            .arg(root)
            .args(args)
            .output()
            .map_err(|e| format!("cannot run git: {e}"))
    };
    if git(&[
        "rev-parse",
        "--verify",
        "--quiet",
        &format!("{rev}^{{commit}}"),
    ])?
    .status
    .success()
    {
        return Ok(true);
    }
    let in_repo = git(&["rev-parse", "--git-dir"])?.status.success();
    if rev == "HEAD" && in_repo {
        return Ok(false);
    }
    Err(format!(
        "--since: `{rev}` is not a commit of the repository holding the ledger"
    ))
}
