//! Rules by amount and by promise: a step for large orders only (`when` with
//! bounds on the total) and a step that must come before an event
//! (`done_before`), on the example ledger's make-to-order workflow.

use std::path::Path;

use crate::support::{edit, example_copy, run_in};

fn step_ids(ledger: &Path, id: &str) -> Vec<String> {
    let run = run_in(
        ledger,
        &["--as-of", "2026-11-20", "show", id, "--format", "json"],
    );
    assert_eq!(run.code, 0, "{}", run.transcript());
    let json: serde_json::Value = serde_json::from_str(&run.stdout).expect("json");
    json["order"]["steps"]
        .as_array()
        .expect("steps")
        .iter()
        .map(|s| s["id"].as_str().expect("id").to_owned())
        .collect()
}

#[test]
fn the_review_meeting_applies_only_to_orders_over_500000() {
    let ledger = example_copy();
    let order = "orders/2026/202606-BJX-003.yaml";
    // 600 woks at 150.00: 90,000, no meeting.
    assert!(!step_ids(ledger.path(), "202606-BJX-003").contains(&"review-meeting".into()));
    let overdue = run_in(ledger.path(), &["--as-of", "2026-11-20", "overdue"]);
    assert!(
        !overdue.stdout.contains("review-meeting"),
        "{}",
        overdue.stdout
    );

    // 4,000 woks: 600,000, over the bound.
    edit(ledger.path(), order, "qty: 600,", "qty: 4000,");
    assert!(step_ids(ledger.path(), "202606-BJX-003").contains(&"review-meeting".into()));
    let overdue = run_in(
        ledger.path(),
        &["--as-of", "2026-11-20", "overdue", "--format", "json"],
    );
    let json: serde_json::Value = serde_json::from_str(&overdue.stdout).expect("json");
    let meeting = json["sections"]["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .find(|r| r["order"] == "202606-BJX-003" && r["step"] == "review-meeting")
        .expect("the meeting is overdue");
    assert_eq!(meeting["role"], "sales-manager");
    // The production instruction went out without the meeting: a warning at
    // the instruction's date.
    let validate = run_in(ledger.path(), &["--as-of", "2026-11-20", "validate", order]);
    assert_eq!(validate.code, 0, "{}", validate.transcript());
    assert!(
        validate.stdout.contains("warning[done-before]")
            && validate.stdout.contains("production-instruction happened"),
        "{}",
        validate.stdout
    );
    // Exactly 500,000 is not over it.
    edit(
        ledger.path(),
        order,
        "qty: 4000, unit: pcs, unit_price: 150.00",
        "qty: 4000, unit: pcs, unit_price: 125.00",
    );
    assert!(!step_ids(ledger.path(), "202606-BJX-003").contains(&"review-meeting".into()));
}

#[test]
fn a_delivery_date_promised_before_the_design_review_is_a_warning_at_the_confirmation() {
    let ledger = example_copy();
    let order = "orders/2026/202607-HKL-003.yaml";
    let validate = |ledger: &Path| run_in(ledger, &["--as-of", "2026-11-20", "validate", order]);
    let run = validate(ledger.path());
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert!(
        run.stdout
            .contains("warning[done-before]: step design-review"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("--> orders/2026/202607-HKL-003.yaml:13:9"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("after confirmation.sent (2026-07-21T09:00:00+08:00)")
    );

    // Confirmed after the review: nothing to say.
    edit(
        ledger.path(),
        order,
        "sent: 2026-07-21T09:00:00+08:00",
        "sent: 2026-07-22T17:00:00+08:00",
    );
    let run = validate(ledger.path());
    assert!(!run.stdout.contains("done-before"), "{}", run.stdout);

    // A ledger that makes it an error fails the commit.
    edit(
        ledger.path(),
        order,
        "sent: 2026-07-22T17:00:00+08:00",
        "sent: 2026-07-21T09:00:00+08:00",
    );
    let config = ledger.path().join("ordo.yaml");
    let mut text = std::fs::read_to_string(&config).expect("read");
    text.push_str("checks:\n  done-before: error\n");
    std::fs::write(&config, text).expect("write");
    let run = validate(ledger.path());
    assert_eq!(run.code, 1, "{}", run.transcript());
    assert!(run.stdout.contains("error[done-before]"), "{}", run.stdout);
}

#[test]
fn done_before_names_an_event_a_step_can_precede() {
    let ledger = example_copy();
    edit(
        ledger.path(),
        "ordo.yaml",
        "done_before: [confirmation.sent]   # no delivery date promised before it",
        "done_before: [received, ORD-99, design-review, confirmation.sent]",
    );
    let run = run_in(ledger.path(), &["--as-of", "2026-11-20", "validate"]);
    assert_eq!(run.code, 1, "{}", run.transcript());
    for problem in [
        "`received` is not an event a step can come before",
        "`ORD-99` is not a step of this workflow",
        "step `design-review` cannot be done before itself",
    ] {
        assert!(run.stdout.contains(problem), "{problem}\n{}", run.stdout);
    }
}
