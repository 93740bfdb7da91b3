//! `upcoming`: what falls due in the window, in the order it falls, with the
//! reminders that fall in it and the updates a running step asks for.

use super::rows;
use crate::model::Duration;
use crate::test_kit::{Desk, WORKFLOW_CONFIG, order};

#[test]
fn the_window_holds_steps_reminders_updates_and_installments_in_the_order_they_fall() {
    let desk = Desk::new(WORKFLOW_CONFIG);
    // Registered Monday 11-02 10:00: making is due five working days later,
    // Monday 11-09 10:00, reminded two days before; its first weekly update
    // falls the same Monday; shipping is forecast a day after making.
    let orders = [order(
        "O-1",
        "lines:\n  - {sku: A, qty: 1, unit: pcs, unit_price: 10}\ncontract:\n  payment_terms:\n    - {name: deposit, percent: 30, due: {after: S1, offset: 2d}}\n    - {name: balance, percent: 70, due: {after: S3, offset: 3d}}\nsteps:\n  S1: {done: 2026-11-02T10:00:00+08:00, by: ann}\n",
    )];
    let agendas = desk.agendas(&orders);
    let book = desk.book("2026-11-03T12:00");
    let within: Duration = "7d".parse().expect("duration");
    let upcoming = rows(&book, &agendas, &within).expect("counts");
    let seen: Vec<String> = upcoming
        .rows
        .iter()
        .map(|r| format!("{} {} {}", r.when, r.key(), r.kind.key()))
        .collect();
    assert_eq!(
        seen,
        [
            "2026-11-04 10:00 payment:deposit payment",
            "2026-11-07 10:00 S2 reminder",
            "2026-11-09 10:00 S2 due",
            "2026-11-09 10:00 update:S2 update",
            "2026-11-10 10:00 S3 due",
        ]
    );
    assert!(upcoming.uncounted.is_empty());
    // A day later the deposit's date has passed: it is overdue, not upcoming.
    let later = rows(&desk.book("2026-11-04T12:00"), &agendas, &within).expect("counts");
    assert!(later.rows.iter().all(|r| r.key() != "payment:deposit"));
    // The balance waits on shipping and falls after the window.
    assert!(upcoming.rows.iter().all(|r| r.key() != "payment:balance"));
}
