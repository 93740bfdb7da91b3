//! `overdue` over agendas: a firm late step, knock-ons only with `forecast`,
//! the filters, and an unpaid installment that stays until it is paid.

use super::{Filters, rows};
use crate::model::enums::Priority;
use crate::reports::due_row::{DueRow, Kind};
use crate::test_kit::{Desk, WORKFLOW_CONFIG, order};

fn seen(rows: &[DueRow<'_>]) -> Vec<String> {
    rows.iter()
        .map(|r| format!("{} {} {:?} {}", r.order(), r.key(), r.kind, r.days_late))
        .collect()
}

#[test]
fn a_step_past_its_firm_date_is_late_and_what_waits_on_it_only_with_forecast() {
    let desk = Desk::new(WORKFLOW_CONFIG);
    // Registering was due Tuesday 11-03 09:00; now is Tuesday 11-10 noon.
    let orders = [order("O-1", "")];
    let agendas = desk.agendas(&orders);
    let book = desk.book("2026-11-10T12:00");
    let firm = rows(&book, &agendas, &Filters::default());
    assert_eq!(seen(&firm), ["O-1 S1 Step 7"]);
    assert_eq!(firm[0].role(), Some("sales"));
    // Making waits on registering: its forecast (five working days after) has
    // passed too, but it is not late on its own account.
    let forecast = Filters {
        forecast: true,
        ..Filters::default()
    };
    assert_eq!(
        seen(&rows(&book, &agendas, &forecast)),
        ["O-1 S1 Step 7", "O-1 S2 Step 0"]
    );
    // The day before it fell due, nothing is late.
    assert!(
        rows(
            &desk.book("2026-11-03T08:59"),
            &agendas,
            &Filters::default()
        )
        .is_empty()
    );
}

#[test]
fn filters_keep_the_owner_customer_priority_and_role_asked_for() {
    let desk = Desk::new(WORKFLOW_CONFIG);
    let mut urgent = order("O-2", "priority: urgent\n");
    urgent.owner = "bo".into();
    let orders = [order("O-1", ""), urgent];
    let agendas = desk.agendas(&orders);
    let book = desk.book("2026-11-10T12:00");
    let keep = |filters: Filters| seen(&rows(&book, &agendas, &filters));
    assert_eq!(keep(Filters::default()).len(), 2);
    assert_eq!(
        keep(Filters {
            owner: vec!["bo".into()],
            ..Filters::default()
        }),
        ["O-2 S1 Step 7"]
    );
    assert_eq!(
        keep(Filters {
            priority: vec![Priority::Urgent],
            ..Filters::default()
        }),
        ["O-2 S1 Step 7"]
    );
    assert!(
        keep(Filters {
            customer: vec!["D".into()],
            ..Filters::default()
        })
        .is_empty()
    );
    assert!(
        keep(Filters {
            role: vec!["plant".into()],
            ..Filters::default()
        })
        .is_empty()
    );
}

#[test]
fn an_unpaid_installment_stays_late_until_it_is_paid_in_full() {
    let desk = Desk::new(WORKFLOW_CONFIG);
    let done = "lines:\n  - {sku: A, qty: 2, unit: pcs, unit_price: 50}\ncontract:\n  payment_terms:\n    - {name: net, percent: 100, due: {after: S3, offset: 3d}}\nsteps:\n  S1: {done: 2026-11-02T10:00:00+08:00, by: ann}\n  S2: {done: 2026-11-03T10:00:00+08:00, by: bo}\n  S3: {done: 2026-11-04T10:00:00+08:00, by: ann}\n";
    let book = desk.book("2026-11-10T12:00");
    let unpaid = [order("O-1", done)];
    let agendas = desk.agendas(&unpaid);
    let late = rows(&book, &agendas, &Filters::default());
    assert_eq!(seen(&late), ["O-1 payment:net Installment 3"]);
    assert_eq!(late[0].kind, Kind::Installment);
    // Part paid is still owed; a role filter leaves an installment out (it has
    // no role).
    let part = [order(
        "O-1",
        &format!("{done}payments:\n  - {{installment: net, amount: 40, received: 2026-11-08}}\n"),
    )];
    let agendas = desk.agendas(&part);
    assert_eq!(
        seen(&rows(&book, &agendas, &Filters::default())),
        ["O-1 payment:net Installment 3"]
    );
    let roles = Filters {
        role: vec!["sales".into()],
        ..Filters::default()
    };
    assert!(rows(&book, &agendas, &roles).is_empty());
    let paid = [order(
        "O-1",
        &format!("{done}payments:\n  - {{installment: net, amount: 100, received: 2026-11-08}}\n"),
    )];
    assert!(desk.agendas(&paid).is_empty());
}
