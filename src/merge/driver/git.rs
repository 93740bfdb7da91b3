//! What the merge driver asks git: whether an order is already on a remote
//! (pushed, so teammates may hold it), whether a merge, a rebase or a
//! cherry-pick runs, and the message of the commit being replayed.

use std::path::Path;

use crate::git::{Git, GitError};

use super::order::OrderIdent;

/// What git is doing while it runs the driver.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Operation {
    Merge,
    Rebase,
    CherryPick,
}

impl Operation {
    /// Which one runs: a rebase leaves its folder in the git directory; a
    /// replayed commit's base is labelled "parent of ..." (git's %S).
    pub(crate) fn current(top: &Path, base_label: &str) -> Operation {
        let rebasing = ["rebase-merge", "rebase-apply"].iter().any(|dir| {
            git(top, &["rev-parse", "--git-path", dir])
                .is_some_and(|path| top.join(path.trim()).is_dir())
        });
        if rebasing {
            Operation::Rebase
        } else if base_label.starts_with("parent of ") {
            Operation::CherryPick
        } else {
            Operation::Merge
        }
    }

    /// How the user goes on once the files are right.
    pub(crate) fn go_on(self) -> &'static str {
        match self {
            Operation::Merge => "git commit",
            Operation::Rebase => "git rebase --continue",
            Operation::CherryPick => "git cherry-pick --continue",
        }
    }

    /// In a rebase or a cherry-pick OURS is the branch replayed onto (already
    /// there), THEIRS the commit replayed; in a merge THEIRS comes in.
    pub(crate) fn replays(self) -> bool {
        self != Operation::Merge
    }
}

/// Whether the order is on a remote-tracking branch at `rel` (the path from
/// the top of the work tree): pushed, so the id is the one teammates know. An
/// error when git cannot tell: guessing "not pushed" could renumber an order
/// its teammates already hold.
pub(crate) fn published(top: &Path, rel: &str, order: &OrderIdent) -> Result<bool, GitError> {
    let refs = Git::at(top)
        .args(["for-each-ref", "--format=%(objectname)", "refs/remotes"])
        .text()?;
    let specs: Vec<String> = refs.lines().map(|c| format!("{c}:{rel}")).collect();
    let mut found = false;
    crate::ledger::revision::read_each(top, &specs, |text| {
        found |= text
            .as_deref()
            .and_then(OrderIdent::of)
            .is_some_and(|there| there.same_order(order));
    })?;
    Ok(found)
}

/// The full message of `commit` (the first word of git's label for a
/// replayed side, `abc1234 (subject)`).
pub(crate) fn message(top: &Path, label: &str) -> Option<String> {
    let commit = label.split_whitespace().next()?;
    git(top, &["log", "-1", "--format=%B", commit, "--"])
        .map(|m| m.trim_end().to_owned())
        .filter(|m| !m.is_empty())
}

fn git(top: &Path, args: &[&str]) -> Option<String> {
    Git::at(top).args(args).text().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn git_in(dir: &Path, args: &[&str]) {
        let ok = std::process::Command::new("git")
            .arg("-C")
            .arg(dir)
            .args(args)
            .env_remove("GIT_DIR")
            .env_remove("GIT_WORK_TREE")
            .env_remove("GIT_INDEX_FILE")
            .output()
            .is_ok_and(|o| o.status.success());
        assert!(ok, "git {args:?}");
    }

    #[test]
    fn an_order_on_thousands_of_remote_branches_is_found_without_stalling() {
        // Before, every request was written before any answer was read: with
        // more remote branches than the pipes hold, git and the driver waited
        // on each other and the merge hung.
        let repo = tempfile::tempdir().expect("test set-up");
        let top = repo.path();
        git_in(top, &["init", "-q", "-b", "main"]);
        let text = format!(
            "id: 202611-ABC-001\nuid: 0f8e\ncustomer: ABC\nreceived: 2026-11-02T09:00\nnotes: \"{}\"\n",
            "x".repeat(2000)
        );
        std::fs::create_dir_all(top.join("orders/2026")).expect("test set-up");
        std::fs::write(top.join("orders/2026/202611-ABC-001.yaml"), &text).expect("test set-up");
        git_in(top, &["add", "."]);
        git_in(
            top,
            &[
                "-c",
                "user.name=t",
                "-c",
                "user.email=t@x",
                "commit",
                "-qm",
                "one",
            ],
        );
        let head = git(top, &["rev-parse", "HEAD"]).expect("test set-up");
        let refs: String = (0..3000)
            .map(|i| format!("{} refs/remotes/origin/b{i}\n", head.trim()))
            .collect();
        std::fs::write(top.join(".git/packed-refs"), refs).expect("test set-up");
        let order = OrderIdent::of(&text).expect("test set-up");
        assert!(published(top, "orders/2026/202611-ABC-001.yaml", &order).expect("git answers"));
        let other = OrderIdent::of(&text.replace("uid: 0f8e", "uid: 77aa")).expect("test set-up");
        assert!(!published(top, "orders/2026/202611-ABC-001.yaml", &other).expect("git answers"));
    }

    #[test]
    fn when_git_cannot_tell_what_is_pushed_it_says_so_rather_than_guess_not() {
        // Before: "not pushed", and the collision renumbered by the operation
        // alone, possibly the order teammates already hold.
        let outside = tempfile::tempdir().expect("test set-up");
        let order = OrderIdent::of("id: 202611-ABC-001\ncustomer: C\nreceived: 2026-11-02T09:00\n")
            .expect("order");
        assert!(published(outside.path(), "orders/2026/202611-ABC-001.yaml", &order).is_err());
    }
}
