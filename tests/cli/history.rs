//! `validate --since REV`: the checks on a change, against the files at REV.

use crate::support::{Ledger, commit_all, git};

const ORDER: &str = "orders/2026/202611-ACME-001.yaml";

fn committed(extra_steps: &str) -> Ledger {
    let ledger = Ledger::base();
    let text = std::fs::read_to_string(ledger.path().join(ORDER)).expect("read");
    ledger.write(
        ORDER,
        text.replace(
            "  pack: {done: 2026-11-03, by: ben}\n",
            &format!("  pack: {{done: 2026-11-03, by: ben}}\n{extra_steps}"),
        ),
    );
    commit_all(ledger.path());
    ledger
}

fn edit(ledger: &Ledger, from: &str, to: &str) {
    let text = std::fs::read_to_string(ledger.path().join(ORDER)).expect("read");
    assert!(text.contains(from), "{from} not in {text}");
    ledger.write(ORDER, text.replace(from, to));
}

#[test]
fn re_dating_a_done_step_is_a_history_error() {
    let ledger = committed("");
    edit(
        &ledger,
        "pack: {done: 2026-11-03",
        "pack: {done: 2026-11-04",
    );
    let run = ledger.run(&["validate", "--since", "HEAD"]);
    assert_eq!(run.code, 1, "{}", run.transcript());
    insta::assert_snapshot!(run.stdout, @r"
    error[history]: step pack is re-dated from 2026-11-03 to 2026-11-04
      --> orders/2026/202611-ACME-001.yaml:16:16
       |
    16 |   pack: {done: 2026-11-04, by: ben}
       |                ^^^^^^^^^^ re-dated
       |
       = help: the date a step was done is history: keep it, and explain a correction in `note`

    1 error, 0 warnings in 1 order and 3 other files
    ");
    // Without --since the same file is fine.
    assert_eq!(ledger.run(&["validate"]).code, 0);
}

#[test]
fn a_changed_baseline_needs_a_rebaseline() {
    let ledger = committed("  ship: {planned: 2026-11-04}\n");
    edit(
        &ledger,
        "ship: {planned: 2026-11-04}",
        "ship: {planned: 2026-11-06}",
    );
    let run = ledger.run(&["validate", ORDER, "--since", "HEAD"]);
    assert_eq!(run.code, 1, "{}", run.transcript());
    assert!(run.stdout.contains("error[baseline-changed]: the baseline of step ship (2026-11-04) is changed to 2026-11-06 without a re-baseline"), "{}", run.stdout);

    // Moving the baseline with `plan --rebaseline` records the amendment: it passes.
    git(ledger.path(), &["checkout", "--quiet", "--", "."]);
    edit(
        &ledger,
        "pack: {done: 2026-11-03",
        "pack: {done: 2026-11-05",
    );
    git(
        ledger.path(),
        &["commit", "--quiet", "-am", "pack corrected"],
    );
    let run = ledger.run(&[
        "plan",
        "202611-ACME-001",
        "--rebaseline",
        "--reason",
        "packing slipped",
        "--by",
        "ann",
    ]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    let run = ledger.run(&["validate", "--since", "HEAD"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
}

#[test]
fn a_hook_on_the_first_commit_has_nothing_to_compare() {
    let ledger = Ledger::base();
    git(ledger.path(), &["init", "--quiet"]);
    let run = ledger.run(&["validate", "--since", "HEAD"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    let run = ledger.run(&["validate", "--since", "no-such-rev"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("is not a commit"), "{}", run.stderr);
}
