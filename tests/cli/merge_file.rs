//! `ordo merge-file`, as git calls it, on texts where a merge used to lose a
//! side's change or exit 0 with something invalid (issue 24, item 3): each
//! test failed before. The driver's result validates whenever it exits 0.

use std::path::Path;

use crate::support::{Ledger, Run, ordo};

const ORDER: &str = "orders/2026/202611-ACME-001.yaml";

/// Runs the driver in `ledger` on three texts as git would (OURS is a file
/// the result is written to); the run and the result.
fn driver(
    ledger: &Ledger,
    base: &[u8],
    ours: &[u8],
    theirs: &[u8],
    extra: &[&str],
) -> (Run, Vec<u8>) {
    let dir = ledger.path().join(".git-merge");
    std::fs::create_dir_all(&dir).expect("dir");
    let path = |name: &str| dir.join(name);
    std::fs::write(path("base"), base).expect("write");
    std::fs::write(path("ours"), ours).expect("write");
    std::fs::write(path("theirs"), theirs).expect("write");
    let text = |p: &Path| p.to_string_lossy().into_owned();
    let (b, o, t) = (
        text(&path("base")),
        text(&path("ours")),
        text(&path("theirs")),
    );
    let mut args = vec!["merge-file", &b, &o, &t, ORDER];
    args.extend_from_slice(extra);
    let run = ordo(ledger.path()).args(&args).run();
    let result = std::fs::read(path("ours")).expect("read");
    (run, result)
}

fn base() -> String {
    std::fs::read_to_string(Ledger::base().path().join(ORDER)).expect("order")
}

#[test]
fn a_side_that_is_not_utf8_is_merged_line_by_line_with_markers() {
    let ledger = Ledger::base();
    let base = base();
    let theirs = base.replace("owner: ann", "owner: ben");
    // Before: OURS not UTF-8 exited 2 with no markers (`git add` then kept
    // OURS alone); a base not UTF-8 was taken as no base, and THEIRS became
    // a second order.
    let mut latin1 = base.replace("owner: ann", "owner: dan").into_bytes();
    latin1.extend_from_slice(b"# caf\xe9\n");
    let (run, result) = driver(&ledger, base.as_bytes(), &latin1, theirs.as_bytes(), &[]);
    assert_eq!(run.code, 1, "{}", run.transcript());
    let result = String::from_utf8_lossy(&result);
    assert!(
        result.contains("<<<<<<<") && result.contains("owner: ben"),
        "{result}"
    );
    assert!(run.stderr.contains("not UTF-8"), "{}", run.stderr);

    let mut bad_base = base.clone().into_bytes();
    bad_base.extend_from_slice(b"# \xff\n");
    let ours = base.replace("owner: ann", "owner: dan");
    let (run, result) = driver(&ledger, &bad_base, ours.as_bytes(), theirs.as_bytes(), &[]);
    assert_eq!(run.code, 1, "{}", run.transcript());
    assert!(String::from_utf8_lossy(&result).contains("owner: ben"));
    let orders: Vec<_> = std::fs::read_dir(ledger.path().join("orders/2026"))
        .expect("dir")
        .collect();
    assert_eq!(orders.len(), 1, "no second order is invented");
}

#[test]
fn cr_line_ends_and_markers_already_there_never_merge_clean() {
    let ledger = Ledger::base();
    let base = base();
    // Before: THEIRS's change was dropped from a file of lone CRs, exit 0.
    let cr = |t: &str| t.replace('\n', "\r");
    let ours = base.replace("channel: email", "channel: phone");
    let theirs = base.replace("owner: ann", "owner: ben");
    let (run, result) = driver(
        &ledger,
        cr(&base).as_bytes(),
        cr(&ours).as_bytes(),
        cr(&theirs).as_bytes(),
        &[],
    );
    assert_eq!(run.code, 1, "{}", run.transcript());
    let result = String::from_utf8_lossy(&result);
    assert!(result.contains("owner: ben"), "theirs is kept: {result}");
    // Before: markers already in OURS passed as a clean merge.
    let marked = base.replace(
        "owner: ann\n",
        "<<<<<<< HEAD\nowner: ann\n=======\nowner: dan\n>>>>>>> other\n",
    );
    let (run, result) = driver(
        &ledger,
        base.as_bytes(),
        marked.as_bytes(),
        theirs.as_bytes(),
        &[],
    );
    assert_eq!(run.code, 1, "{}", run.transcript());
    assert!(String::from_utf8_lossy(&result).contains("<<<<<<<"));
}

#[test]
fn a_result_that_does_not_validate_is_never_taken_as_merged() {
    let ledger = Ledger::base();
    let base = base();
    // OURS drops the deposit from the terms (100% balance); THEIRS records
    // a second deposit payment: each side is valid, the two together not.
    let ours = base
        .replace(
            "    - {name: deposit, percent: 40, due: {after: contract.signed, offset: 7d}}\n",
            "",
        )
        .replace("percent: 60", "percent: 100")
        .replace(
            "{installment: deposit, amount: 100.00, received: 2026-11-09}",
            "{installment: balance, amount: 250.00, received: 2026-11-20}",
        );
    let theirs = base.replace(
        "  - {installment: deposit, amount: 100.00, received: 2026-11-09}\n",
        "  - {installment: deposit, amount: 100.00, received: 2026-11-09}\n  - {installment: deposit, amount: 50.00, received: 2026-11-12}\n",
    );
    let (run, result) = driver(
        &ledger,
        base.as_bytes(),
        ours.as_bytes(),
        theirs.as_bytes(),
        &[],
    );
    assert_eq!(run.code, 1, "{}", run.transcript());
    assert!(
        run.stderr.contains("error[payment-terms]"),
        "{}",
        run.stderr
    );
    assert!(String::from_utf8_lossy(&result).contains("amount: 50.00"));
}

#[test]
fn markers_name_each_side_as_git_names_it() {
    let ledger = Ledger::base();
    let base = base();
    let ours = base.replace("owner: ann", "owner: dan");
    let theirs = base.replace("owner: ann", "owner: ben");
    let labels = [
        "--base-label",
        "parent of 1a2b3c4 (ben's change)",
        "--ours-label",
        "HEAD",
        "--theirs-label",
        "1a2b3c4 (ben's change)",
    ];
    let (run, result) = driver(
        &ledger,
        base.as_bytes(),
        ours.as_bytes(),
        theirs.as_bytes(),
        &labels,
    );
    assert_eq!(run.code, 1, "{}", run.transcript());
    let result = String::from_utf8_lossy(&result);
    assert!(
        result.contains(
            "<<<<<<< HEAD\nowner: dan\n=======\nowner: ben\n>>>>>>> 1a2b3c4 (ben's change)\n"
        ),
        "{result}"
    );
    // An older git passes its placeholders through: plain names then.
    let unexpanded = ["--ours-label", "%X", "--theirs-label", "%Y"];
    let (_, result) = driver(
        &ledger,
        base.as_bytes(),
        ours.as_bytes(),
        theirs.as_bytes(),
        &unexpanded,
    );
    assert!(String::from_utf8_lossy(&result).contains("<<<<<<< ours\n"));
}

#[test]
fn one_order_added_on_both_sides_is_merged_not_split_into_two() {
    // Before: a commit that added an order and was amended (pushed first)
    // made the driver write THEIRS as a second order.
    let ledger = Ledger::base();
    let base = base();
    let ours = base.replace("owner: ann", "owner: dan");
    let (run, result) = driver(&ledger, b"", ours.as_bytes(), base.as_bytes(), &[]);
    assert_eq!(
        run.code,
        1,
        "both added it, differently: {}",
        run.transcript()
    );
    let result = String::from_utf8_lossy(&result);
    assert!(
        result.contains("owner: dan") && result.contains("owner: ann"),
        "{result}"
    );
    let orders = std::fs::read_dir(ledger.path().join("orders/2026"))
        .expect("dir")
        .count();
    assert_eq!(orders, 1, "no second order");
    let (run, _) = driver(&ledger, b"", base.as_bytes(), base.as_bytes(), &[]);
    assert_eq!(run.code, 0, "{}", run.transcript());
}
