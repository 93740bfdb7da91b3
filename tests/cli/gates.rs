//! Gates (issue 26, items 3 and 4): a step that must wait for money or for
//! a complete order. `advance` refuses it naming each unmet condition and
//! leaves the file as it was; `--override --reason` records who, when and
//! why; `validate` reports a gated step done while its gate did not hold.
//! Before, the example shipped 202605-ABC-005 with its balance 24 days late
//! and reviewed orders without an address, and nothing said so.

use crate::support::{AS_OF, example_copy, run_in};

const ABC_005: &str = "orders/2026/202605-ABC-005.yaml";

fn book_shipment(root: &std::path::Path) {
    // ORD-13 (shipment booked) done, so ORD-14 (shipped) is next.
    let path = root.join(ABC_005);
    let text = std::fs::read_to_string(&path).expect("order");
    std::fs::write(
        &path,
        text.replace(
            "  ORD-12: {done: 2026-10-30, by: frank}\n",
            "  ORD-12: {done: 2026-10-30, by: frank}\n  ORD-13: {done: 2026-11-02, by: grace}\n",
        ),
    )
    .expect("write");
}

#[test]
fn advance_refuses_a_gated_step_naming_what_is_missing_and_writes_nothing() {
    let ledger = example_copy();
    let root = ledger.path();
    book_shipment(root);
    let before = std::fs::read_to_string(root.join(ABC_005)).expect("order");
    let run = run_in(
        root,
        &[
            "--as-of",
            AS_OF,
            "advance",
            "202605-ABC-005",
            "ORD-14",
            "--by",
            "grace",
        ],
    );
    assert_eq!(run.code, 2, "{}", run.transcript());
    assert!(
        run.stderr.contains("is gated")
            && run
                .stderr
                .contains("installment `balance` is not paid in full (7,770.00 owed)")
            && run.stderr.contains("--override --reason"),
        "{}",
        run.stderr
    );
    assert_eq!(
        std::fs::read_to_string(root.join(ABC_005)).expect("order"),
        before
    );

    // The review of an order that lacks what SOP 004 lists.
    let run = run_in(
        root,
        &[
            "--as-of",
            AS_OF,
            "advance",
            "202611-ABC-007",
            "review",
            "--by",
            "eric",
        ],
    );
    assert_eq!(run.code, 2, "{}", run.transcript());
    for missing in [
        "`ship_to`",
        "`contract.payment_terms`",
        "`requested_delivery`",
    ] {
        assert!(run.stderr.contains(missing), "{missing}: {}", run.stderr);
    }
}

#[test]
fn an_override_is_recorded_with_who_when_and_why_and_validates() {
    let ledger = example_copy();
    let root = ledger.path();
    book_shipment(root);
    let run = run_in(
        root,
        &[
            "--as-of",
            AS_OF,
            "advance",
            "202605-ABC-005",
            "ORD-14",
            "--by",
            "grace",
            "--override",
            "--reason",
            "a customer of ten years; the director agreed by phone",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.transcript());
    let text = std::fs::read_to_string(root.join(ABC_005)).expect("order");
    assert!(
        text.contains(
            "  ORD-14:\n    done: 2026-11-20T12:00:00+08:00\n    by: grace\n    override:\n      by: grace\n      at: 2026-11-20T12:00:00+08:00\n      reason: a customer of ten years; the director agreed by phone\n"
        ),
        "{text}"
    );
    let run = run_in(root, &["--as-of", AS_OF, "validate"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    // `--reason` is required with `--override`.
    let run = run_in(
        root,
        &[
            "--as-of",
            AS_OF,
            "advance",
            "202611-ABC-007",
            "review",
            "--by",
            "eric",
            "--override",
        ],
    );
    assert_eq!(run.code, 2, "{}", run.transcript());
}

#[test]
fn validate_reports_a_gated_step_done_while_its_gate_did_not_hold() {
    let ledger = example_copy();
    let root = ledger.path();
    book_shipment(root);
    let path = root.join(ABC_005);
    let text = std::fs::read_to_string(&path).expect("order");
    std::fs::write(
        &path,
        text.replace(
            "  ORD-13: {done: 2026-11-02, by: grace}\n",
            "  ORD-13: {done: 2026-11-02, by: grace}\n  ORD-14: {done: 2026-11-05, by: grace}\n",
        ),
    )
    .expect("write");
    let run = run_in(root, &["--as-of", AS_OF, "validate"]);
    assert_eq!(run.code, 1, "{}", run.transcript());
    assert!(
        run.stdout.contains("error[gate]: step ORD-14 (Goods shipped) was done 2026-11-05 before its gate held: installment `balance` is not paid in full"),
        "{}",
        run.stdout
    );
    // A payment received before the shipment: the gate held.
    let paid = std::fs::read_to_string(&path).expect("order").replace(
        "  - {installment: deposit, amount: 3330.00, received: 2026-05-14}\n",
        "  - {installment: deposit, amount: 3330.00, received: 2026-05-14}\n  - {installment: balance, amount: 7770.00, received: 2026-11-04}\n",
    );
    std::fs::write(&path, paid).expect("write");
    let run = run_in(root, &["--as-of", AS_OF, "validate"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
}
