//! The credit approval as a control (issue 26, item 2): an order that takes
//! its customer over the limit puts its approval on the approver's agenda
//! (`overdue`, `upcoming`, the calendar, the site's pages and feeds, the
//! export's steps), and the steps gated on it (`gate: {approved: credit}`)
//! wait for it. Before, the approval step had no due date and nothing waited
//! for it: an order over the limit was only a `validate` error.
//!
//! The example's HKL owed 159,750 CNY against its 150,000 limit when
//! 202611-HKL-004 was reviewed (2026-11-18 15:00); the approval is due a
//! working day later.

use crate::support::{example_copy, read_file, run_as_of};

const HKL_004: &str = "orders/2026/202611-HKL-004.yaml";
const AS_OF: &str = "2026-11-20T12:00";

fn approval_rows(run: &crate::support::Run) -> Vec<serde_json::Value> {
    let report: serde_json::Value = serde_json::from_str(&run.stdout).expect("json");
    report["sections"]["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .filter(|r| r["step"] == "credit-approval")
        .cloned()
        .collect()
}

/// The sales director approves 202611-HKL-004.
fn approve(root: &std::path::Path) {
    let run = run_as_of(
        root,
        AS_OF,
        &[
            "advance",
            "202611-HKL-004",
            "credit-approval",
            "--by",
            "dora",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.transcript());
}

#[test]
fn an_order_over_the_limit_puts_its_approval_on_the_directors_agenda_until_done() {
    let ledger = example_copy();
    let root = ledger.path();
    let run = run_as_of(root, AS_OF, &["overdue", "--format", "json"]);
    let rows = approval_rows(&run);
    assert_eq!(rows.len(), 1, "{}", run.stdout);
    assert_eq!(rows[0]["order"], "202611-HKL-004");
    assert_eq!(rows[0]["due"], "2026-11-19 10:30");
    assert_eq!(rows[0]["role"], "sales-director");
    // Before it falls due, it is on the to-do list.
    let run = run_as_of(root, "2026-11-18T16:00", &["upcoming", "--format", "json"]);
    let rows = approval_rows(&run);
    assert_eq!(
        rows.iter()
            .filter(|r| r["order"] == "202611-HKL-004")
            .count(),
        1,
        "{}",
        run.stdout
    );
    // The director's calendar has it, and so does the export's steps table.
    let run = run_as_of(root, AS_OF, &["calendar"]);
    assert!(
        run.stdout
            .contains("UID:202611-HKL-004.credit-approval@example-trading-co"),
        "{}",
        run.stdout
    );
    let run = run_as_of(root, AS_OF, &["export", "--table", "steps"]);
    let approval: Vec<serde_json::Value> = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("jsonl"))
        .filter(|r: &serde_json::Value| r["step"] == "credit-approval" && r["overdue"] == true)
        .collect();
    assert_eq!(approval.len(), 1, "{}", run.stdout);
    assert_eq!(approval[0]["order_id"], "202611-HKL-004");
    // `show` says so under the status (the step is on no line until recorded).
    let run = run_as_of(root, AS_OF, &["show", "202611-HKL-004"]);
    assert!(
        run.stdout.contains(
            "\n  awaiting the credit approval: HKL's exposure was 159750 when this order was reviewed"
        ),
        "{}",
        run.stdout
    );

    // In Chinese, why in Chinese.
    let run = run_as_of(root, AS_OF, &["--lang", "zh-CN", "show", "202611-HKL-004"]);
    assert!(
        run.stdout.contains(
            "\n  待信用额度审批：订单审核时(2026-11-18T10:30:00+08:00)HKL 的信用敞口为 159750，超过信用额度 150000\n"
        ),
        "{}",
        run.stdout
    );

    // Approved: off every agenda (the new customer NWJ's first order awaits
    // an approval of its own).
    approve(root);
    let run = run_as_of(root, AS_OF, &["overdue", "--format", "json"]);
    assert!(approval_rows(&run).is_empty(), "{}", run.stdout);
    let run = run_as_of(root, AS_OF, &["calendar"]);
    assert!(
        !run.stdout.contains("UID:202611-HKL-004.credit-approval@"),
        "{}",
        run.stdout
    );
    let run = run_as_of(root, AS_OF, &["validate"]);
    assert!(!run.stdout.contains("HKL's exposure"), "{}", run.stdout);
    let run = run_as_of(root, AS_OF, &["show", "202611-HKL-004"]);
    assert!(
        !run.stdout.contains("awaiting the credit approval"),
        "{}",
        run.stdout
    );
}

#[test]
fn an_order_within_the_limit_has_no_approval_to_do() {
    let ledger = example_copy();
    let root = ledger.path();
    // With HKL's limit back at 250,000 the same order needs no approval.
    crate::support::edit(
        root,
        "customers/HKL.yaml",
        "credit_limit: 150000.00",
        "credit_limit: 250000.00",
    );
    let run = run_as_of(root, AS_OF, &["overdue", "--format", "json"]);
    assert!(approval_rows(&run).is_empty(), "{}", run.stdout);
    let run = run_as_of(root, AS_OF, &["calendar"]);
    assert!(
        !run.stdout.contains("UID:202611-HKL-004.credit-approval@"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_step_gated_on_the_approval_waits_for_it_and_the_file_is_left_as_it_was() {
    let ledger = example_copy();
    let root = ledger.path();
    let before = read_file(root, HKL_004);
    let run = run_as_of(
        root,
        AS_OF,
        &[
            "advance",
            "202611-HKL-004",
            "production-instruction",
            "--by",
            "bob",
        ],
    );
    assert_eq!(run.code, 2, "{}", run.transcript());
    assert!(
        run.stderr.contains(
            "the credit approval (step credit-approval) is not done: HKL's exposure was 159750 \
             when this order was reviewed"
        ) && run
            .stderr
            .contains("installment `deposit` is not paid in full"),
        "{}",
        run.stderr
    );
    assert_eq!(read_file(root, HKL_004), before);
    // Approved, only the deposit is left.
    approve(root);
    let run = run_as_of(
        root,
        AS_OF,
        &[
            "advance",
            "202611-HKL-004",
            "production-instruction",
            "--by",
            "bob",
        ],
    );
    assert_eq!(run.code, 2, "{}", run.transcript());
    assert!(!run.stderr.contains("credit approval"), "{}", run.stderr);
    assert!(run.stderr.contains("`deposit`"), "{}", run.stderr);
}

#[test]
fn validate_reports_a_gated_step_done_before_the_approval() {
    let ledger = example_copy();
    let root = ledger.path();
    let text = read_file(root, HKL_004);
    std::fs::write(
        root.join(HKL_004),
        format!(
            "{text}  credit-approval: {{done: 2026-11-25T10:00, by: dora}}\n  \
             production-instruction: {{done: 2026-11-20T10:00, by: bob, override: \
             {{by: dora, at: 2026-11-20T10:00, reason: deposit promised}}}}\n  \
             ORD-02: {{done: 2026-11-19T10:00, by: carol}}\n"
        ),
    )
    .expect("write");
    // Overridden: the override covers the whole gate.
    let run = run_as_of(root, "2026-11-26", &["validate"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    // Not overridden: done five days before the approval.
    crate::support::edit(
        root,
        HKL_004,
        ", override: {by: dora, at: 2026-11-20T10:00, reason: deposit promised}",
        "",
    );
    let run = run_as_of(root, "2026-11-26", &["validate"]);
    assert_eq!(run.code, 1, "{}", run.transcript());
    assert!(
        run.stdout.contains(
            "error[gate]: step production-instruction was done 2026-11-20T10:00:00 before its gate \
             held: the credit approval (step credit-approval) was not done"
        ),
        "{}",
        run.stdout
    );
}

#[test]
fn a_gate_on_the_approval_holds_without_a_due_date_for_it() {
    // The exposures that tell who awaits an approval are kept beside the
    // agendas; a ledger that gates on the approval without dating it must
    // keep them too, or the gate would never hold anything back.
    let ledger = example_copy();
    let root = ledger.path();
    // Both workflows (make-to-order, stock) date it: neither does now.
    for _ in 0..2 {
        crate::support::edit(
            root,
            "ordo.yaml",
            "        optional: true         # on the agenda only for an order over its customer's limit\n        due: {after: review, offset: 1wd}\n",
            "        optional: true\n",
        );
    }
    assert!(
        !crate::support::read_file(root, "ordo.yaml")
            .contains("offset: 1wd}\n      - id: confirmed")
    );
    let run = run_as_of(root, AS_OF, &["overdue", "--format", "json"]);
    assert!(approval_rows(&run).is_empty(), "not dated: on no agenda");
    let run = run_as_of(
        root,
        AS_OF,
        &[
            "advance",
            "202611-HKL-004",
            "production-instruction",
            "--by",
            "bob",
        ],
    );
    assert_eq!(run.code, 2, "{}", run.transcript());
    assert!(
        run.stderr
            .contains("the credit approval (step credit-approval) is not done"),
        "{}",
        run.stderr
    );
}
