//! `validate --since REV` over a few files, as a pre-commit hook runs it: the
//! deletions it checks are those the commit records (staged), found without
//! stat'ing the working tree.

use crate::support::{Ledger, commit_all, git};

#[test]
fn a_hook_run_catches_a_deletion_that_is_staged_while_the_file_stays() {
    let ledger = Ledger::base();
    commit_all(ledger.path());
    // Removed from the commit, kept on disk: what the commit records is the
    // deletion of an order with recorded history.
    git(
        ledger.path(),
        &[
            "rm",
            "--cached",
            "--quiet",
            "orders/2026/202611-ACME-001.yaml",
        ],
    );
    let run = ledger.run(&["validate", "--since", "HEAD", "customers/ACME.yaml"]);
    assert_eq!(run.code, 1, "{}", run.transcript());
    assert!(
        run.stdout.contains(
            "error[history]: order 202611-ACME-001 is deleted, but it has recorded history"
        ),
        "{}",
        run.stdout
    );
}

#[test]
fn a_hook_run_does_not_take_an_unstaged_deletion_for_the_commits() {
    let ledger = Ledger::base();
    commit_all(ledger.path());
    // Deleted on disk only: the commit does not record it (pre-commit sets
    // such changes aside while its hooks run), so a run over files does not
    // report it; a whole-ledger run, which checks the working tree, does.
    std::fs::remove_file(ledger.path().join("orders/2026/202611-ACME-001.yaml")).expect("rm");
    let run = ledger.run(&["validate", "--since", "HEAD", "customers/ACME.yaml"]);
    assert!(!run.stdout.contains("is deleted"), "{}", run.transcript());
    let run = ledger.run(&["validate", "--since", "HEAD"]);
    assert_eq!(run.code, 1, "{}", run.transcript());
    assert!(run.stdout.contains("is deleted"), "{}", run.stdout);
}

#[test]
fn deleting_an_order_with_recorded_history_is_a_history_finding() {
    let ledger = Ledger::base();
    crate::support::commit_all(ledger.path());
    crate::support::git(
        ledger.path(),
        &["rm", "--quiet", "orders/2026/202611-ACME-001.yaml"],
    );
    for args in [
        &["validate", "--since", "HEAD"][..],
        &["validate", "--since", "HEAD", "customers/ACME.yaml"],
    ] {
        let run = ledger.run(args);
        assert_eq!(run.code, 1, "{args:?}\n{}", run.transcript());
        assert!(
            run.stdout.contains(
                "error[history]: order 202611-ACME-001 is deleted, but it has recorded history (steps done or skipped: pack, take)"
            ) && run.stdout.contains("orders/2026/202611-ACME-001.yaml:14:1")
                && run.stdout.contains("`state: cancelled`"),
            "{args:?}\n{}",
            run.stdout
        );
    }
    // Moved to another folder under the same id, it is not deleted.
    crate::support::git(ledger.path(), &["reset", "--quiet", "--hard"]);
    std::fs::create_dir_all(ledger.path().join("orders/2025")).expect("mkdir");
    crate::support::git(
        ledger.path(),
        &[
            "mv",
            "orders/2026/202611-ACME-001.yaml",
            "orders/2025/202611-ACME-001.yaml",
        ],
    );
    let run = ledger.run(&["validate", "--since", "HEAD"]);
    assert!(!run.stdout.contains("is deleted"), "{}", run.stdout);
}
