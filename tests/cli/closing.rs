//! Closing an order: a workflow's `close` step ends it (the example's ORD-16,
//! "order closed"); the next-order call after it (ORD-17) is a follow-up that
//! stays on the agenda without keeping the order open, and `monthly`'s cycle
//! time ends at the close. `monthly` counts complaints apart from incidents.

use std::path::Path;

use crate::support::{edit, example_copy, run_in};

const AS_OF: &str = "2026-11-20T12:00";

fn row<'s>(out: &'s str, order: &str) -> &'s str {
    out.lines()
        .find(|l| l.contains(order))
        .unwrap_or_else(|| panic!("{order} not in\n{out}"))
}

fn metric(ledger: &Path, month: &str, name: &str) -> serde_json::Value {
    let run = run_in(
        ledger,
        &[
            "--as-of",
            "2026-12-05",
            "monthly",
            "--month",
            month,
            "--format",
            "json",
        ],
    );
    let report: serde_json::Value = serde_json::from_str(&run.stdout).expect("json");
    report["sections"]["summary"]
        .as_array()
        .expect("summary")
        .iter()
        .find(|r| r["metric"] == name)
        .cloned()
        .unwrap_or_else(|| panic!("no {name}"))
}

#[test]
fn a_closed_order_is_done_while_its_follow_up_stays_on_the_agenda() {
    let copy = example_copy();
    let ledger = copy.path();
    let list = run_in(ledger, &["--as-of", AS_OF, "list", "--status", "done"]);
    assert!(
        row(&list.stdout, "202603-ABC-004").contains(" done "),
        "{}",
        list.stdout
    );
    let overdue = run_in(ledger, &["--as-of", AS_OF, "overdue"]);
    let late = row(&overdue.stdout, "202603-ABC-004");
    assert!(late.contains("ORD-17") && late.contains(" 10 "), "{late}");
    let calendar = run_in(ledger, &["--as-of", AS_OF, "calendar"]);
    assert!(calendar.stdout.contains("UID:202603-ABC-004.ORD-17@"));
    let export = run_in(
        ledger,
        &[
            "--as-of", AS_OF, "export", "--table", "steps", "--format", "jsonl",
        ],
    );
    let step: serde_json::Value = export
        .stdout
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).expect("jsonl"))
        .find(|r| r["order_id"] == "202603-ABC-004" && r["step"] == "ORD-17")
        .expect("ORD-17 in the steps table");
    assert_eq!(step["overdue"], true, "overdue in the export too: {step}");
    // Closed on 20 October, 225 days after it was received on 9 March.
    assert_eq!(metric(ledger, "2026-10", "orders completed")["value"], 2);
    assert_eq!(
        metric(ledger, "2026-10", "average processing cycle (days)")["value"],
        116.0
    );

    // Without a closing step the order stays open until its last step.
    edit(
        ledger,
        "ordo.yaml",
        "    close: ORD-16",
        "    x-close: ORD-16",
    );
    let list = run_in(ledger, &["--as-of", AS_OF, "list"]);
    assert!(
        row(&list.stdout, "202603-ABC-004").contains(" open "),
        "{}",
        list.stdout
    );
    assert_eq!(metric(ledger, "2026-10", "orders completed")["value"], 1);
}

#[test]
fn a_closing_step_that_is_not_a_step_is_a_configuration_error() {
    let copy = example_copy();
    edit(
        copy.path(),
        "ordo.yaml",
        "    close: ORD-16",
        "    close: ORD-61",
    );
    let run = run_in(copy.path(), &["--as-of", AS_OF, "validate"]);
    assert_eq!(run.code, 1, "{}", run.transcript());
    assert!(
        run.stdout
            .contains("`ORD-61` is not a step of `make-to-order`"),
        "{}",
        run.stdout
    );
}

#[test]
fn complaints_are_counted_apart_from_other_incidents() {
    let copy = example_copy();
    let ledger = copy.path();
    let complaints = metric(ledger, "2026-11", "complaint rate %");
    assert_eq!(
        complaints["basis"],
        "1 complaints opened / 0 orders delivered in the month"
    );
    edit(
        ledger,
        "orders/2026/202610-BJX-004.yaml",
        "  - kind: complaint",
        "  - kind: logistics-delay",
    );
    let complaints = metric(ledger, "2026-11", "complaint rate %");
    assert_eq!(
        complaints["basis"],
        "0 complaints opened / 0 orders delivered in the month"
    );
    let incidents = metric(ledger, "2026-11", "incident rate %");
    assert_eq!(
        incidents["basis"],
        "1 incidents opened / 0 orders delivered in the month"
    );
}
