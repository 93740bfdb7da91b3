//! `ordo sla` targets in minutes (issue 26, item 7): SOP 003's response times
//! are half hours; `30min` was refused.

use crate::support::Ledger;

#[test]
fn a_target_in_minutes_is_measured_on_both_clocks() {
    let ledger = Ledger::base();
    let config = std::fs::read_to_string(ledger.path().join("ordo.yaml")).expect("config");
    ledger.write(
        "ordo.yaml",
        format!(
            "{config}sla:\n  - {{id: wall, title: Answered, start: received, stop: take, clock: calendar, target: 30min}}\n  - {{id: work, title: Answered at work, start: received, stop: take, clock: working, target: 1h+30min}}\n"
        ),
    );
    // Taken 40 minutes after receipt: late on the 30-minute target, in time on
    // 90 working minutes.
    ledger.write(
        "orders/2026/202611-ACME-001.yaml",
        "id: 202611-ACME-001\ncustomer: ACME\nowner: ann\nreceived: 2026-11-02T09:00\nchannel: email\nsteps:\n  take: {done: 2026-11-02T09:40, by: ann}\n",
    );
    let run = ledger.run(&["validate"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    let run = ledger.run(&["sla", "--detail", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    let json: serde_json::Value = serde_json::from_str(&run.stdout).expect("json");
    let rows = json["sections"]["detail"].as_array().expect("detail");
    let state = |policy: &str| {
        rows.iter()
            .find(|r| r["policy"] == policy)
            .map(|r| r["status"].clone())
            .expect("a measurement")
    };
    assert_eq!(state("wall"), "breached", "{rows:#?}");
    assert_eq!(state("work"), "met", "{rows:#?}");
}
