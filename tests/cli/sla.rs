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

/// The base ledger with SLA policies measured from receipt to `take`.
fn with_slas(hours: &str, years: &str) -> Ledger {
    let ledger = Ledger::base();
    let config = std::fs::read_to_string(ledger.path().join("ordo.yaml")).expect("config");
    ledger.write(
        "ordo.yaml",
        format!(
            "{}sla:\n  - {{id: wall, title: Wall clock, start: received, stop: take, clock: calendar, target: 48h}}\n  - {{id: work, title: Working clock, start: received, stop: take, clock: working, target: 4h}}\n",
            config
                .replace("hours: \"09:00-18:00\"", &format!("hours: \"{hours}\""))
                .replace("years: [2025, 2026, 2027]", &format!("years: [{years}]"))
        ),
    );
    ledger
}

/// The `sla --detail` rows of one policy as JSON objects.
fn sla_rows(ledger: &Ledger, policy: &str) -> Vec<serde_json::Value> {
    let run = ledger.run(&["sla", "--detail", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    let json: serde_json::Value = serde_json::from_str(&run.stdout).expect("json");
    json["sections"]["detail"]
        .as_array()
        .expect("detail")
        .iter()
        .filter(|r| r["policy"] == policy)
        .cloned()
        .collect()
}

#[test]
fn overlapping_holds_pause_the_clock_once_and_are_warned_about() {
    let ledger = with_slas("09:00-18:00", "2025, 2026, 2027");
    ledger.write(
        "orders/2026/202611-ACME-001.yaml",
        "id: 202611-ACME-001\ncustomer: ACME\nowner: ann\nreceived: 2026-11-02T09:00\nchannel: email\nsteps:\n  take: {done: 2026-11-02T17:00, by: ann}\nholds:\n  - {from: 2026-11-02T11:00, to: 2026-11-02T13:00, reason: a}\n  - {from: 2026-11-02T12:00, to: 2026-11-02T14:00, reason: b}\n",
    );
    let rows = sla_rows(&ledger, "wall");
    assert_eq!(
        rows[0]["elapsed_hours"], 5.0,
        "8 h less 3 h of holds: {rows:?}"
    );
    let rows = sla_rows(&ledger, "work");
    assert_eq!(rows[0]["elapsed_hours"], 5.0, "{rows:?}");
    let run = ledger.run(&["validate"]);
    assert!(
        run.stdout
            .contains("warning[hold-overlap]: holds 1 and 2 overlap"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_stop_after_the_deadline_is_a_breach_even_when_no_working_time_passed_since() {
    // ERPNext's test vector: hours 10:00-18:00, 4 working hours from 14:00 on a
    // Monday: the deadline is 18:00 that day.
    let ledger = with_slas("10:00-18:00", "2025, 2026, 2027");
    for (done, state) in [("18:00", "met"), ("18:01", "breached")] {
        ledger.write(
            "orders/2026/202611-ACME-001.yaml",
            format!(
                "id: 202611-ACME-001\ncustomer: ACME\nowner: ann\nreceived: 2026-11-02T14:00\nchannel: email\nsteps:\n  take: {{done: 2026-11-02T{done}, by: ann}}\n"
            ),
        );
        let rows = sla_rows(&ledger, "work");
        assert_eq!(rows[0]["status"], state, "done at {done}: {rows:?}");
        assert_eq!(rows[0]["elapsed_hours"], 4.0, "{rows:?}");
    }
}

#[test]
fn a_working_clock_outside_the_calendars_years_is_not_computable_never_wall_time() {
    let ledger = with_slas("09:00-18:00", "2026");
    std::fs::remove_file(ledger.path().join("orders/2026/202611-ACME-001.yaml")).expect("rm");
    ledger.write(
        "orders/2025/202512-ACME-001.yaml",
        "id: 202512-ACME-001\ncustomer: ACME\nowner: ann\nreceived: 2025-12-30T10:00\nchannel: email\nsteps:\n  take: {done: 2026-01-05T10:00, by: ann}\n",
    );
    let rows = sla_rows(&ledger, "work");
    assert_eq!(rows[0]["status"], "not-computable", "{rows:?}");
    assert_eq!(
        rows[0]["elapsed_hours"],
        serde_json::Value::Null,
        "{rows:?}"
    );
    let run = ledger.run(&["validate"]);
    assert!(
        run.stdout.contains(
            "error[calendar-range]: SLA `work` cannot be measured: calendar `default` does not cover 2025"
        ),
        "{}",
        run.stdout
    );
    let run = ledger.run(&["sla"]);
    assert!(
        run.stdout.contains("1 measurements are not computable"),
        "{}",
        run.stdout
    );
}
