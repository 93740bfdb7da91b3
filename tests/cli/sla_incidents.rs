//! SLA policies `per: incident`: the clock may stop at the first answer
//! (`stop: responded`, SOP 003's two hours) or at the resolution, and `when:
//! {kind: complaint}` keeps logistics delays out of a complaint policy.

use std::path::Path;

use crate::support::{edit, example_copy, run_in};

const BJX: &str = "orders/2026/202610-BJX-004.yaml";

/// The detail rows of `policy`: (order, status, stop).
fn measured(dir: &Path, policy: &str) -> Vec<(String, String, String)> {
    let run = run_in(
        dir,
        &[
            "--as-of",
            "2026-12-05",
            "sla",
            "--detail",
            "--format",
            "json",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.transcript());
    let report: serde_json::Value = serde_json::from_str(&run.stdout).expect("json");
    report["sections"]["detail"]
        .as_array()
        .expect("detail")
        .iter()
        .filter(|r| r["policy"] == policy)
        .map(|r| {
            (
                r["order"].as_str().unwrap_or_default().to_owned(),
                r["status"].as_str().unwrap_or_default().to_owned(),
                r["stop"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect()
}

#[test]
fn a_complaint_answered_in_ninety_minutes_meets_the_response_target() {
    let copy = example_copy();
    let rows = measured(copy.path(), "complaint-response");
    assert!(
        rows.contains(&(
            "202610-BJX-004 incident 1".into(),
            "met".into(),
            "2026-11-19 11:30".into()
        )),
        "{rows:?}"
    );
    // Resolved while its first answer went unrecorded: answered by then.
    assert!(
        rows.contains(&(
            "202512-BJX-002 incident 1".into(),
            "breached".into(),
            "2025-12-08 15:00".into()
        )),
        "{rows:?}"
    );
    // The solution is still to come: the resolution clock runs on.
    let solved = measured(copy.path(), "complaint");
    assert!(
        solved
            .iter()
            .any(|(o, s, stop)| o == "202610-BJX-004 incident 1"
                && s == "breached"
                && stop.is_empty()),
        "{solved:?}"
    );
    // Not answered at all: the response is late.
    edit(
        copy.path(),
        BJX,
        "    responded: 2026-11-19T11:30:00+08:00\n",
        "",
    );
    let rows = measured(copy.path(), "complaint-response");
    assert!(
        rows.iter()
            .any(|(o, s, stop)| o == "202610-BJX-004 incident 1"
                && s == "breached"
                && stop.is_empty()),
        "{rows:?}"
    );
}

#[test]
fn a_logistics_delay_is_not_counted_as_a_complaint() {
    let copy = example_copy();
    let before = measured(copy.path(), "complaint");
    assert!(
        before
            .iter()
            .all(|(o, ..)| o != "202506-HKL-001 incident 1"),
        "{before:?}"
    );
    edit(
        copy.path(),
        BJX,
        "  - kind: complaint",
        "  - kind: logistics-delay",
    );
    let after = measured(copy.path(), "complaint");
    assert_eq!(after.len(), before.len() - 1, "{after:?}");
    assert!(after.iter().all(|(o, ..)| o != "202610-BJX-004 incident 1"));
}

#[test]
fn incident_clocks_and_kinds_where_they_cannot_apply_are_configuration_errors() {
    let copy = example_copy();
    edit(
        copy.path(),
        "ordo.yaml",
        "    stop: responded            #",
        "    stop: confirmation.sent    #",
    );
    edit(
        copy.path(),
        "ordo.yaml",
        "        when: {kind: custom}\n",
        "        when: {kind: [custom, complaint]}\n",
    );
    let run = run_in(copy.path(), &["--as-of", "2026-12-05", "validate"]);
    assert_eq!(run.code, 1, "{}", run.transcript());
    assert!(
        run.stdout.contains(
            "SLA policy `complaint-response` measures incidents: its clock stops at `responded` or `resolved`"
        ),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains(
            "`complaint` is an incident's kind: only an SLA policy `per: incident` filters by it"
        ),
        "{}",
        run.stdout
    );
}
