//! Due rules by priority (`offset: {normal: 1wd, urgent: 2wh}`): the example's
//! review of an urgent order falls due two working hours after receipt, as
//! SOP 003 asks, and a normal one a working day after.

use std::path::Path;

use crate::support::{edit, example_copy, run_in};

const ORDER: &str = "orders/2026/202611-ABC-007.yaml";

fn explain(ledger: &Path) -> crate::support::Run {
    run_in(
        ledger,
        &[
            "--as-of",
            "2026-11-20T12:00",
            "explain",
            "202611-ABC-007",
            "review",
        ],
    )
}

#[test]
fn an_urgent_orders_review_is_due_two_working_hours_after_receipt() {
    let copy = example_copy();
    let run = explain(copy.path());
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert!(
        run.stdout
            .starts_with("202611-ABC-007 review: due 2026-11-16 12:30 (firm)"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("+ 2wh (for urgent priority) on calendar `default` = 2026-11-16 12:30"),
        "{}",
        run.stdout
    );
    let overdue = run_in(
        copy.path(),
        &[
            "--as-of",
            "2026-11-20T12:00",
            "overdue",
            "--priority",
            "urgent",
        ],
    );
    assert!(
        overdue
            .stdout
            .lines()
            .any(|l| l.contains("202611-ABC-007") && l.contains("2026-11-16 12:30")),
        "{}",
        overdue.stdout
    );
}

#[test]
fn a_normal_order_takes_the_normal_offset_and_a_priority_left_out_takes_normal() {
    let copy = example_copy();
    edit(
        copy.path(),
        ORDER,
        "priority: urgent\n",
        "priority: normal\n",
    );
    let run = explain(copy.path());
    assert!(
        run.stdout
            .starts_with("202611-ABC-007 review: due 2026-11-17 10:30 (firm)"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("+ 1wd (for normal priority)"),
        "{}",
        run.stdout
    );
    edit(
        copy.path(),
        ORDER,
        "priority: normal\n",
        "priority: special\n",
    );
    assert!(
        explain(copy.path())
            .stdout
            .contains("+ 1wd (for special priority)")
    );
}

#[test]
fn offsets_by_priority_without_normal_are_a_configuration_error() {
    let copy = example_copy();
    edit(
        copy.path(),
        "ordo.yaml",
        "offset: {normal: 1wd, urgent: 2wh}",
        "offset: {urgent: 2wh}",
    );
    let run = run_in(copy.path(), &["--as-of", "2026-11-20", "validate"]);
    assert_eq!(run.code, 1, "{}", run.transcript());
    assert!(run.stdout.contains("error[schema]"), "{}", run.stdout);
    assert!(run.stdout.contains("ordo.yaml:127:"), "{}", run.stdout);
}
