//! The order ids that git knows in a year folder: on every local and
//! remote-tracking branch, and on the commit being merged, rebased or picked.
//! `new` takes the next id after all of them, so two clones that fetched each
//! other's work do not take one id; the merge driver renumbers past them.

use std::collections::BTreeSet;
use std::path::Path;

use crate::git::{Git, GitError};

/// The stems of the order files in `orders/<year>/` of every ref: none when
/// the ledger is not in git (or git is not installed). Once it is in git,
/// a git command that fails is an error, never "no ids": `new` would then
/// issue an id a teammate's pushed order already has.
pub fn ids_in_git(root: &Path, year: i32) -> Result<BTreeSet<String>, GitError> {
    let mut ids = BTreeSet::new();
    let prefix = match Git::at(root).args(["rev-parse", "--show-prefix"]).text() {
        Ok(prefix) => prefix,
        Err(GitError::Start(_)) => return Ok(ids),
        Err(_) if !in_a_repository(root) => return Ok(ids),
        Err(error) => return Err(error),
    };
    let folder = format!("{}orders/{year}", prefix.trim());
    let refs = git(
        root,
        &[
            "for-each-ref",
            "--format=%(objectname)",
            "refs/heads",
            "refs/remotes",
        ],
    )?;
    let mut commits: BTreeSet<String> = refs.lines().map(str::to_owned).collect();
    for head in ["HEAD", "MERGE_HEAD", "REBASE_HEAD", "CHERRY_PICK_HEAD"] {
        // `--verify --quiet` fails, saying nothing, for a head that is not
        // there (no commit yet, no merge under way).
        if let Some(id) = Git::at(root)
            .args(["rev-parse", "--verify", "--quiet", head])
            .line()
        {
            commits.insert(id);
        }
    }
    // Many refs share a folder: list each distinct tree once.
    let specs: String = commits.iter().map(|c| format!("{c}:{folder}\n")).collect();
    let checked = Git::at(root)
        .args(["cat-file", "--batch-check"])
        .feed(specs.into_bytes())?;
    let mut trees = BTreeSet::new();
    for line in String::from_utf8_lossy(&checked).lines() {
        match line.split_whitespace().collect::<Vec<_>>().as_slice() {
            [oid, "tree", _] => {
                trees.insert((*oid).to_owned());
            }
            // `missing` is also what a folder whose tree (or commit) cannot
            // be read gives: it is only "no orders there" when the commit
            // reads and the path does not resolve in it.
            [spec, "missing"] => {
                let commit = spec.split(':').next().unwrap_or_default();
                let readable = Git::at(root)
                    .args(["cat-file", "-e", &format!("{commit}^{{tree}}")])
                    .succeeds();
                if !readable
                    || Git::at(root)
                        .args(["rev-parse", "--verify", "--quiet", spec])
                        .succeeds()
                {
                    return Err(GitError::Failed {
                        command: "cat-file --batch-check".into(),
                        stderr: format!("{spec} is in the commit but cannot be read"),
                    });
                }
            }
            _ => {}
        }
    }
    for tree in trees {
        let names = git(root, &["ls-tree", "--name-only", &tree])?;
        ids.extend(names.lines().filter_map(|name| {
            name.strip_suffix(".yaml")
                .or_else(|| name.strip_suffix(".yml"))
                .map(str::to_owned)
        }));
    }
    Ok(ids)
}

fn git(root: &Path, args: &[&str]) -> Result<String, GitError> {
    Git::at(root).args(args).text()
}

/// Whether `root` is inside a git repository's working tree.
fn in_a_repository(root: &Path) -> bool {
    Git::at(root)
        .args(["rev-parse", "--is-inside-work-tree"])
        .succeeds()
}
