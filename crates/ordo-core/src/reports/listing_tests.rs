//! `list`: where an order stands (stage, last done, next due), what it is
//! worth and still owes, and an order whose steps are done but whose money is
//! not counted as awaiting payment, not done.

use rust_decimal::Decimal;

use super::{Filters, row};
use crate::engine::due::Basis;
use crate::model::status::Status;
use crate::test_kit::{Desk, WORKFLOW_CONFIG, order};

const TERMS: &str = "lines:\n  - {sku: A, qty: 4, unit: pcs, unit_price: 25}\ncontract:\n  payment_terms:\n    - {name: net, percent: 100, due: {after: S3, offset: 3d}}\n";

#[test]
fn a_row_says_where_the_order_stands_and_what_it_still_owes() {
    let desk = Desk::new(WORKFLOW_CONFIG);
    let book = desk.book("2026-11-05T12:00");
    let running = order(
        "O-1",
        &format!("{TERMS}steps:\n  S1: {{done: 2026-11-02T10:00:00+08:00, by: ann}}\n"),
    );
    let r = row(&book, &running, &Filters::default()).expect("row");
    assert_eq!(r.status, Status::Open);
    assert_eq!(r.stage.as_deref(), Some("S2"));
    assert_eq!(
        r.last_done_text(&book).as_deref(),
        Some("Register (2026-11-02)")
    );
    let next = r.next.as_ref().expect("next");
    assert_eq!(
        (next.step.as_str(), next.basis.clone()),
        ("S2", Basis::Firm)
    );
    assert_eq!(
        next.due.map(|p| p.to_string()).as_deref(),
        Some("2026-11-09 10:00")
    );
    assert_eq!(
        (r.total, r.outstanding),
        (Decimal::from(100), Decimal::from(100))
    );
    assert_eq!(r.currency.as_deref(), Some("CNY"));
}

#[test]
fn every_step_done_with_money_owed_is_awaiting_payment_until_paid() {
    let desk = Desk::new(WORKFLOW_CONFIG);
    let book = desk.book("2026-11-20T12:00");
    let steps = "steps:\n  S1: {done: 2026-11-02T10:00:00+08:00, by: ann}\n  S2: {done: 2026-11-03T10:00:00+08:00, by: bo}\n  S3: {done: 2026-11-04T10:00:00+08:00, by: ann}\n";
    let owing = order(
        "O-1",
        &format!(
            "{TERMS}{steps}payments:\n  - {{installment: net, amount: 60, received: 2026-11-06}}\n"
        ),
    );
    let r = row(&book, &owing, &Filters::default()).expect("row");
    assert_eq!(r.status, Status::AwaitingPayment);
    assert_eq!(r.outstanding, Decimal::from(40));
    let paid = order(
        "O-1",
        &format!(
            "{TERMS}{steps}payments:\n  - {{installment: net, amount: 100, received: 2026-11-06}}\n"
        ),
    );
    assert_eq!(
        row(&book, &paid, &Filters::default()).expect("row").status,
        Status::Done
    );
    // A filter on status keeps only what it names.
    let open_only = Filters {
        status: vec![Status::Open],
        ..Filters::default()
    };
    assert!(row(&book, &owing, &open_only).is_none());
    let other_owner = Filters {
        owner: vec!["bo".into()],
        ..Filters::default()
    };
    assert!(row(&book, &owing, &other_owner).is_none());
}

#[test]
fn an_order_of_an_unknown_workflow_has_no_row() {
    let desk = Desk::new(WORKFLOW_CONFIG);
    let book = desk.book("2026-11-05T12:00");
    let lost = order("O-1", "workflow: nowhere\n");
    assert!(row(&book, &lost, &Filters::default()).is_none());
}
