//! Credit judged over a customer's orders: who is over the limit, when, and
//! which of them still await their approval.

use chrono::TimeZone;
use rust_decimal::Decimal;

use super::{Exposure, awaiting_approval, check_customer, judge};
use crate::finding::{Code, Severity};
use crate::model::{Config, Customer};
use crate::test_kit;

const CREDIT: &str = "credit:\n  approval_step: approve\n";

fn exposure(id: &str, received: &str, owed: i64, approved: bool) -> Exposure {
    Exposure {
        rel: format!("orders/{id}.yaml").into(),
        id: id.into(),
        customer: "C".into(),
        received: received.parse().expect("moment"),
        currency: None,
        outstanding: Decimal::from(owed),
        total: Decimal::from(owed),
        payments: Vec::new(),
        reviewed: Some(received.parse().expect("moment")),
        approved,
        unapproved_steps: Vec::new(),
        gated: false,
    }
}

fn now() -> chrono::DateTime<chrono_tz::Tz> {
    chrono_tz::Asia::Shanghai
        .with_ymd_and_hms(2026, 11, 20, 12, 0, 0)
        .single()
        .expect("now")
}

#[track_caller]
fn over(orders: &[Exposure], limit: &str) -> Vec<String> {
    let config: Config = test_kit::config(CREDIT);
    let customer: Customer = test_kit::load(&format!("code: C\nname: C\ncredit_limit: {limit}\n"));
    let judged = judge(&config, now(), &customer, orders.iter().collect(), &|_| {
        true
    });
    judged.over.iter().map(|(o, _)| o.id.clone()).collect()
}

#[test]
fn the_order_that_crosses_the_limit_and_those_after_it_are_over() {
    let orders = [
        exposure("A", "2026-11-01T09:00", 60, false),
        exposure("B", "2026-11-02T09:00", 50, false),
        exposure("C", "2026-11-03T09:00", 10, false),
    ];
    // 60 fits in 100; 110 does not, and 120 neither.
    assert_eq!(over(&orders, "100"), ["B", "C"]);
    assert_eq!(over(&orders, "120"), Vec::<String>::new());
    assert_eq!(over(&orders, "0"), ["A", "B", "C"]);
}

#[test]
fn an_approved_order_needs_no_more_approval_and_a_pending_one_is_a_warning_where_gated() {
    let config: Config = test_kit::config(CREDIT);
    let customer: Customer = test_kit::load("code: C\nname: C\ncredit_limit: 100\n");
    let mut pending = exposure("B", "2026-11-02T09:00", 50, false);
    pending.gated = true;
    let orders = [
        exposure("A", "2026-11-01T09:00", 60, true),
        pending,
        exposure("C", "2026-11-03T09:00", 10, false),
    ];
    let customers = [("C".to_owned(), customer.clone())].into_iter().collect();
    let awaiting = awaiting_approval(&config, now(), &customers, &orders);
    let mut ids: Vec<&String> = awaiting.keys().collect();
    ids.sort();
    assert_eq!(ids, ["B", "C"]);
    let findings = check_customer(&config, now(), &customer, orders.iter().collect(), &|_| {
        true
    });
    let severities: Vec<(String, Severity)> = findings
        .iter()
        .filter(|f| f.code == Code::CreditLimit)
        .map(|f| (f.file.display().to_string(), f.severity))
        .collect();
    assert_eq!(
        severities,
        [
            ("orders/B.yaml".to_owned(), Severity::Warning),
            ("orders/C.yaml".to_owned(), Severity::Error),
        ]
    );
}

#[test]
fn a_gated_step_done_before_the_approval_is_a_gate_finding() {
    let config: Config = test_kit::config(CREDIT);
    let customer: Customer = test_kit::load("code: C\nname: C\ncredit_limit: 10\n");
    let mut late = exposure("A", "2026-11-01T09:00", 60, true);
    late.unapproved_steps = vec![("ship".into(), "2026-11-02T09:00".parse().expect("moment"))];
    let findings = check_customer(&config, now(), &customer, vec![&late], &|_| true);
    assert_eq!(findings.len(), 1, "{findings:?}");
    assert_eq!(findings[0].code, Code::Gate);
    assert!(findings[0].message.starts_with("step ship was done"));
}
