//! An order's agenda: only what is open and dated, nothing for an order with
//! nothing left to do, and the credit approval only for the orders whose
//! customer's exposure asks for it.

use super::{Agenda, What};
use crate::test_kit::{Desk, WORKFLOW_CONFIG, order};

fn whats(agenda: &Agenda) -> Vec<String> {
    agenda
        .items
        .iter()
        .map(|i| match &i.what {
            What::Step(id) => id.clone(),
            What::Update { step, .. } => format!("update:{step}"),
            What::Payment { name, .. } => format!("payment:{name}"),
        })
        .collect()
}

#[test]
fn an_agenda_holds_the_open_dated_steps_and_nothing_is_kept_for_a_finished_order() {
    let desk = Desk::new(WORKFLOW_CONFIG);
    let fresh = order("O-1", "");
    let agenda = Agenda::of(&desk.config, &desk.calendars, &fresh).expect("agenda");
    assert_eq!(whats(&agenda), ["S1", "S2", "S3"]);
    assert_eq!(
        (agenda.owner.as_str(), agenda.customer.as_str()),
        ("ann", "C")
    );
    let finished = order(
        "O-2",
        "steps:\n  S1: {done: 2026-11-02T10:00:00+08:00, by: ann}\n  S2: {skipped: 2026-11-03, by: bo, reason: from stock}\n  S3: {done: 2026-11-04T10:00:00+08:00, by: ann}\n",
    );
    assert_eq!(Agenda::of(&desk.config, &desk.calendars, &finished), None);
    let cancelled = order("O-3", "state: cancelled\n");
    assert_eq!(Agenda::of(&desk.config, &desk.calendars, &cancelled), None);
}

#[test]
fn the_credit_approval_joins_only_the_orders_whose_exposure_asks_for_it() {
    let config = WORKFLOW_CONFIG
        .replace(
            "      - {id: S1,",
            "      - {id: OK, title: Approve, role: sales, optional: true, due: {after: received, offset: 1wd}}\n      - {id: S1,",
        )
        + "credit:\n  approval_step: OK\n";
    let desk = Desk::new(&config);
    let agendas = desk.agendas(&[order("O-1", ""), order("O-2", "")]);
    assert!(Agenda::asks_approval(&agendas));
    assert!(agendas.iter().all(|a| !whats(a).contains(&"OK".to_owned())));
    let judged = Agenda::with_approvals(agendas, |id| id == "O-2");
    assert_eq!(whats(&judged[0]), ["S1", "S2", "S3"]);
    assert_eq!(whats(&judged[1]), ["S1", "S2", "S3", "OK"]);
    // Once recorded, the approval is no longer asked for.
    let approved = order(
        "O-2",
        "steps:\n  OK: {done: 2026-11-02T11:00:00+08:00, by: ann}\n",
    );
    let agenda = Agenda::of(&desk.config, &desk.calendars, &approved).expect("agenda");
    assert_eq!(agenda.approval, None);
}
