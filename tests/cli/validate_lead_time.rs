//! `validate`'s `lead-time` warning: a delivery date promised to the customer
//! that the order's own chain of due dates cannot meet.

use crate::support::{edit, example_copy, run_in};

const ORDER: &str = "orders/2026/202611-ABC-006.yaml";

fn validate(dir: &std::path::Path) -> String {
    let run = run_in(dir, &["--as-of", "2026-11-22", "validate", ORDER]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    run.stdout
}

#[test]
fn a_confirmed_order_whose_delivery_falls_after_the_requested_date_is_named() {
    let copy = example_copy();
    let out = validate(copy.path());
    assert!(
        out.contains(
            "warning[lead-time]: delivery (delivered) falls on 2026-11-24 (forecast (via picked)), \
             after the requested delivery 2026-11-20 promised with the confirmation sent"
        ),
        "{out}"
    );
    assert!(out.contains(&format!("--> {ORDER}:13:9")), "{out}");
    assert!(
        out.contains("`ordo explain 202611-ABC-006 delivered` shows why"),
        "{out}"
    );
}

#[test]
fn a_requested_date_the_chain_meets_is_not_named() {
    let copy = example_copy();
    edit(
        copy.path(),
        ORDER,
        "requested_delivery: 2026-11-20",
        "requested_delivery: 2026-11-24",
    );
    let out = validate(copy.path());
    assert!(!out.contains("lead-time"), "{out}");
}

#[test]
fn nothing_promised_yet_is_not_a_finding_until_a_promising_step_is_done() {
    let copy = example_copy();
    // Not confirmed: the date is the customer's wish, not yet ordo's promise.
    edit(
        copy.path(),
        ORDER,
        "  sent: 2026-11-17T11:00:00+08:00\n",
        "",
    );
    assert!(!validate(copy.path()).contains("lead-time"));

    // A step of the workflow that promises delivery, once done, promises it.
    edit(
        copy.path(),
        "ordo.yaml",
        "      - id: confirmed\n        title: {en: Order confirmed with the customer, zh-CN: 与客户确认订单}\n",
        "      - id: confirmed\n        title: {en: Order confirmed with the customer, zh-CN: 与客户确认订单}\n        promises: delivery\n",
    );
    let out = validate(copy.path());
    assert!(
        out.contains("after the requested delivery 2026-11-20 promised with step confirmed done"),
        "{out}"
    );
    assert!(out.contains(&format!("--> {ORDER}:23:21")), "{out}");
}
