//! `ordo pay`: a payment recorded against an installment through the checked,
//! atomic writer, so accounting never edits YAML by hand, and money owed leaves
//! the agenda only when it is paid.

use std::path::Path;

use crate::support::{commit_all, example_copy, git, read_file, run_as_of};

const AS_OF: &str = "2026-12-05";
const BJX: &str = "orders/2026/202610-BJX-004.yaml";
const ABC: &str = "orders/2026/202605-ABC-005.yaml";

fn ordo(dir: &Path, args: &[&str]) -> crate::support::Run {
    run_as_of(dir, AS_OF, args)
}

#[test]
fn paying_the_rest_takes_the_balance_off_the_agenda_and_closes_the_order() {
    let copy = example_copy();
    let dir = copy.path();
    let before = ordo(dir, &["overdue"]);
    assert!(
        before
            .stdout
            .lines()
            .any(|l| l.starts_with("  202610-BJX-004 ") && l.contains("   payment:net   ")),
        "{}",
        before.stdout
    );
    let run = ordo(
        dir,
        &["pay", "202610-BJX-004", "rest", "--note", "bank ref 8841"],
    );
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert!(
        run.stdout.starts_with(
            "202610-BJX-004: 4,400.00 CNY received for `net` on 2026-12-05T23:59:59+08:00; `net` now owes 0.00\n"
        ),
        "{}",
        run.stdout
    );
    let text = read_file(dir, BJX);
    assert!(
        text.ends_with(
            "payments:\n  - installment: net\n    amount: '4400.00'\n    received: 2026-12-05T23:59:59+08:00\n    note: bank ref 8841\n"
        ),
        "{text}"
    );
    assert!(!ordo(dir, &["overdue"]).stdout.contains("202610-BJX-004"));
    let list = ordo(dir, &["list", "--format", "csv"]);
    let row = list
        .stdout
        .lines()
        .find(|l| l.starts_with("202610-BJX-004,"))
        .expect("listed");
    assert!(row.contains(",done,"), "{row}");
    assert_eq!(ordo(dir, &["validate"]).code, 0);
}

#[test]
fn a_part_payment_goes_to_the_first_installment_owed_in_the_files_own_style() {
    let copy = example_copy();
    let dir = copy.path();
    let run = ordo(
        dir,
        &["pay", "202605-ABC-005", "5000", "--on", "2026-12-01"],
    );
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert!(
        run.stdout.contains(
            "5,000.00 CNY received for `balance` on 2026-12-01; `balance` now owes 2,770.00"
        ),
        "{}",
        run.stdout
    );
    // Its payments are one-line records; the new one is too.
    assert!(
        read_file(dir, ABC).contains(
            "  - {installment: deposit, amount: 3330.00, received: 2026-05-14}\n  - {installment: balance, amount: \"5000.00\", received: 2026-12-01}\n"
        ),
        "{}",
        read_file(dir, ABC)
    );
    let overdue = ordo(dir, &["overdue", "--format", "csv"]);
    let late = overdue
        .stdout
        .lines()
        .find(|l| l.starts_with("202605-ABC-005,ABC,ABC Trading Co.,ORD-11,"))
        .expect("the balance is still owed");
    assert!(late.contains("ORD-11"), "{late}");
}

#[test]
fn what_cannot_be_a_payment_is_refused_and_the_file_is_left_as_it_was() {
    let copy = example_copy();
    let dir = copy.path();
    let original = read_file(dir, ABC);
    for (args, says) in [
        (
            vec!["pay", "202605-ABC-005", "-i", "balanse", "10"],
            "`balanse` is not an installment of 202605-ABC-005; its installments: deposit, balance",
        ),
        (
            vec!["pay", "202605-ABC-005", "12.345"],
            "`12.345` has more decimals than the currency's 2",
        ),
        (
            vec!["pay", "202605-ABC-005", "1e3"],
            "`1e3` is not an amount",
        ),
        (
            vec!["pay", "202605-ABC-005", "--", "-5"],
            "`-5` is not an amount",
        ),
        (vec!["pay", "202605-ABC-005", "0"], "a payment of nothing"),
        (
            vec!["pay", "202605-ABC-005", "-i", "deposit", "rest"],
            "`deposit` of 202605-ABC-005 owes nothing",
        ),
        (
            vec!["pay", "202605-ABC-005", "10", "--note", "two\nlines"],
            "line",
        ),
        // More than the whole order owes: money would be recorded as paid
        // that the order never asked for.
        (
            vec!["pay", "202605-ABC-005", "99999"],
            "nothing was written",
        ),
    ] {
        let run = ordo(dir, &args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.transcript());
        assert!(run.stderr.contains(says), "{args:?}: {}", run.stderr);
        assert_eq!(read_file(dir, ABC), original, "{args:?} changed the file");
    }
}

#[test]
fn commit_records_the_payment_as_one_commit() {
    let copy = example_copy();
    let dir = copy.path();
    commit_all(dir);
    let run = ordo(dir, &["pay", "202610-BJX-004", "4400", "--commit"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert_eq!(
        git(dir, &["log", "-1", "--format=%s"]).trim(),
        "202610-BJX-004: 4,400.00 CNY received for net"
    );
    assert_eq!(git(dir, &["status", "--porcelain"]).trim(), "");
}
