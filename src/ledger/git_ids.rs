//! The order ids that git knows in a year folder: on every local and
//! remote-tracking branch, and on the commit being merged, rebased or picked.
//! `new` takes the next id after all of them, so two clones that fetched each
//! other's work do not take one id; the merge driver renumbers past them.

use std::collections::BTreeSet;
use std::path::Path;

use crate::git::Git;

/// The stems of the order files in `orders/<year>/` of every ref, as far as
/// git can tell (nothing when the ledger is not in git).
pub fn ids_in_git(root: &Path, year: i32) -> BTreeSet<String> {
    let mut ids = BTreeSet::new();
    let Some(prefix) = git(root, &["rev-parse", "--show-prefix"]) else {
        return ids;
    };
    let folder = format!("{}orders/{year}", prefix.trim());
    let Some(refs) = git(
        root,
        &[
            "for-each-ref",
            "--format=%(objectname)",
            "refs/heads",
            "refs/remotes",
        ],
    ) else {
        return ids;
    };
    let mut commits: BTreeSet<String> = refs.lines().map(str::to_owned).collect();
    for head in ["HEAD", "MERGE_HEAD", "REBASE_HEAD", "CHERRY_PICK_HEAD"] {
        if let Some(id) = git(root, &["rev-parse", "--verify", "--quiet", head]) {
            commits.insert(id.trim().to_owned());
        }
    }
    // Many refs share a folder: list each distinct tree once.
    let specs: String = commits.iter().map(|c| format!("{c}:{folder}\n")).collect();
    let trees: BTreeSet<String> = batch_check(root, &specs)
        .lines()
        .filter_map(
            |l| match l.split_whitespace().collect::<Vec<_>>().as_slice() {
                [oid, "tree", _] => Some((*oid).to_owned()),
                _ => None,
            },
        )
        .collect();
    for tree in trees {
        if let Some(names) = git(root, &["ls-tree", "--name-only", &tree]) {
            ids.extend(names.lines().filter_map(|name| {
                name.strip_suffix(".yaml")
                    .or_else(|| name.strip_suffix(".yml"))
                    .map(str::to_owned)
            }));
        }
    }
    ids
}

fn git(root: &Path, args: &[&str]) -> Option<String> {
    Git::at(root).args(args).text().ok()
}

/// `git cat-file --batch-check` over `specs` (one per line): what each names.
fn batch_check(root: &Path, specs: &str) -> String {
    Git::at(root)
        .args(["cat-file", "--batch-check"])
        .feed(specs.as_bytes().to_vec())
        .map(|out| String::from_utf8_lossy(&out).into_owned())
        .unwrap_or_default()
}
