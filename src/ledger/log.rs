//! The commits that changed ledger files, from one `git log`: who, when, and
//! which files (with their paths at that commit, relative to the ledger root).

use std::path::{Path, PathBuf};

use crate::git::{Git, GitError};

/// One commit and the order files it changed.
#[derive(Debug, Clone)]
pub struct Commit {
    pub id: String,
    /// The first parent, where the old versions are read (none for a root).
    pub parent: Option<String>,
    /// Every parent: two or more for a merge.
    pub parents: Vec<String>,
    pub author: String,
    /// The author date, ISO 8601 with its offset.
    pub date: String,
    pub files: Vec<Changed>,
}

/// A file a commit changed: its path before and after (`None` when the
/// commit created or deleted it).
#[derive(Debug, Clone)]
pub struct Changed {
    pub before: Option<PathBuf>,
    pub after: Option<PathBuf>,
}

/// What to ask `git log` for.
pub struct Query<'a> {
    /// Paths relative to the ledger root.
    pub paths: &'a [&'a str],
    /// `--since`, as git takes it (a date).
    pub since: Option<&'a str>,
    /// Follow one file through renames.
    pub follow: bool,
    /// List merges too (with no files: what they changed is read by the
    /// caller against each parent), and every side of them.
    pub merges: bool,
}

/// The commits, oldest first (merges are left out: their changes are the
/// commits they merge).
pub fn log(root: &Path, query: &Query<'_>) -> Result<Vec<Commit>, GitError> {
    let mut command = Git::at(root).args(["log", "--reverse"]);
    command = if query.merges {
        command.arg("--full-history")
    } else {
        command.arg("--no-merges")
    };
    command = command.args([
        "--relative",
        "--name-status",
        "--format=%x1e%H%x1f%P%x1f%an%x1f%aI",
    ]);
    command = if query.follow {
        command.args(["--follow", "-M"])
    } else {
        command.arg("--no-renames")
    };
    if let Some(since) = query.since {
        command = command.arg(format!("--since={since}"));
    }
    Ok(parse(&command.arg("--").args(query.paths).text()?))
}

fn parse(text: &str) -> Vec<Commit> {
    text.split('\u{1e}')
        .filter(|r| !r.trim().is_empty())
        .filter_map(|record| {
            let mut lines = record.lines();
            let header: Vec<&str> = lines.next()?.split('\u{1f}').collect();
            let [id, parents, author, date] = header.as_slice() else {
                return None;
            };
            let files = lines
                .filter_map(|line| {
                    let parts: Vec<&str> = line.split('\t').collect();
                    let status = parts.first()?.chars().next()?;
                    let path = |i: usize| parts.get(i).map(PathBuf::from);
                    Some(match status {
                        'A' => Changed {
                            before: None,
                            after: path(1),
                        },
                        'D' => Changed {
                            before: path(1),
                            after: None,
                        },
                        'R' | 'C' => Changed {
                            before: path(1),
                            after: path(2),
                        },
                        _ => Changed {
                            before: path(1),
                            after: path(1),
                        },
                    })
                })
                .collect();
            Some(Commit {
                id: (*id).to_owned(),
                parent: parents.split_whitespace().next().map(str::to_owned),
                parents: parents.split_whitespace().map(str::to_owned).collect(),
                author: (*author).to_owned(),
                date: (*date).to_owned(),
                files,
            })
        })
        .collect()
}

/// The `rev:path` a batch read takes, for a path relative to the ledger root.
pub fn spec(rev: &str, path: &Path) -> String {
    format!("{rev}:./{}", path.to_string_lossy().replace('\\', "/"))
}

/// Where history stops in a shallow clone: the commits whose parents it
/// does not have (none in a full clone).
pub fn shallow_boundary(root: &Path) -> Vec<String> {
    let Some(path) = Git::at(root)
        .args(["rev-parse", "--git-path", "shallow"])
        .line()
    else {
        return Vec::new();
    };
    std::fs::read_to_string(root.join(path))
        .map(|text| text.lines().map(str::to_owned).collect())
        .unwrap_or_default()
}

/// The best common ancestor of two commits, where a merge's sides began.
pub fn merge_base(root: &Path, a: &str, b: &str) -> Option<String> {
    Git::at(root).args(["merge-base", a, b]).line()
}

/// An order from a text of one of its versions, if it decodes.
pub fn decode(text: &str) -> Option<ordo_core::model::Order> {
    ordo_core::document::load::<ordo_core::model::Order>(
        &PathBuf::new(),
        text,
        ordo_core::schema::FileKind::Order,
        &mut Vec::new(),
    )
}
