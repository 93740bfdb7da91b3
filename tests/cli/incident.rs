//! `ordo incident open|respond|resolve`: an incident's life recorded by command
//! (issue 26, item 10), through the checked writer; the complaint SLAs read
//! what it writes. Before, only hand-editing YAML recorded one.

use crate::support::{example_copy, read_file, run_as_of};

const ABC5: &str = "orders/2026/202605-ABC-005.yaml";
const AS_OF: &str = "2026-11-20T12:00";

#[test]
fn a_complaint_is_opened_answered_and_resolved_and_its_slas_measure_it() {
    let copy = example_copy();
    let dir = copy.path();
    let run = run_as_of(
        dir,
        AS_OF,
        &[
            "incident",
            "open",
            "202605-ABC-005",
            "--kind",
            "complaint",
            "--summary",
            "the lids do not fit",
            "--at",
            "2026-11-20T09:00",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert!(
        read_file(dir, ABC5).ends_with(
            "incidents:\n  - kind: complaint\n    opened: 2026-11-20T09:00:00\n    summary: the lids do not fit\n"
        ),
        "{}",
        read_file(dir, ABC5)
    );
    let run = run_as_of(
        dir,
        AS_OF,
        &[
            "incident",
            "respond",
            "202605-ABC-005",
            "--update",
            "called back; samples on the way",
            "--at",
            "2026-11-20T10:30",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.transcript());
    let run = run_as_of(
        dir,
        AS_OF,
        &[
            "incident",
            "resolve",
            "202605-ABC-005",
            "--resolution",
            "reship",
            "--cause",
            "a mislabelled batch of lids",
            "--at",
            "2026-11-20T11:00",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert!(
        read_file(dir, ABC5).ends_with(
            "    summary: the lids do not fit\n    responded: 2026-11-20T10:30:00\n    \
             customer_update: called back; samples on the way\n    resolution: reship\n    \
             resolved: 2026-11-20T11:00:00\n    cause: a mislabelled batch of lids\n"
        ),
        "{}",
        read_file(dir, ABC5)
    );
    // Answered in 1.5 working hours: the 2-hour response SLA is met.
    let run = run_as_of(dir, AS_OF, &["sla", "--detail", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    let report: serde_json::Value = serde_json::from_str(&run.stdout).expect("json");
    let mine: Vec<&serde_json::Value> = report["sections"]["detail"]
        .as_array()
        .expect("detail")
        .iter()
        .filter(|r| r["order"] == "202605-ABC-005 incident 1")
        .collect();
    let state = |policy: &str| {
        mine.iter()
            .find(|r| r["policy"] == policy)
            .map(|r| (r["status"].clone(), r["elapsed_hours"].clone()))
    };
    assert_eq!(
        state("complaint-response"),
        Some(("met".into(), serde_json::json!(1.5))),
        "{}",
        run.stdout
    );
    // Settled two working hours after it was opened.
    assert_eq!(
        state("complaint"),
        Some(("met".into(), serde_json::json!(2.0))),
        "{}",
        run.stdout
    );
}

#[test]
fn what_cannot_be_recorded_is_refused_and_nothing_is_written() {
    let copy = example_copy();
    let dir = copy.path();
    let before = read_file(dir, ABC5);
    for args in [
        // Nothing open to answer.
        &["incident", "respond", "202605-ABC-005"][..],
        // A kind that does not exist.
        &[
            "incident",
            "open",
            "202605-ABC-005",
            "--kind",
            "complain",
            "--summary",
            "x",
        ][..],
        // An empty summary.
        &[
            "incident",
            "open",
            "202605-ABC-005",
            "--kind",
            "quality",
            "--summary",
            " ",
        ][..],
    ] {
        let run = run_as_of(dir, AS_OF, args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.transcript());
        assert_eq!(read_file(dir, ABC5), before, "{args:?}");
    }
    let open = |summary: &str| {
        run_as_of(
            dir,
            AS_OF,
            &[
                "incident",
                "open",
                "202605-ABC-005",
                "--kind",
                "logistics-delay",
                "--summary",
                summary,
                "--at",
                "2026-11-20T09:00",
            ],
        )
    };
    assert_eq!(open("held at customs").code, 0);
    assert_eq!(open("a second parcel late").code, 0);
    let written = read_file(dir, ABC5);
    // Two open: which one must be said; before it was opened is refused.
    let run = run_as_of(
        dir,
        AS_OF,
        &[
            "incident",
            "resolve",
            "202605-ABC-005",
            "--resolution",
            "none",
        ],
    );
    assert_eq!(run.code, 2, "{}", run.transcript());
    assert!(
        run.stderr
            .contains("2 open incidents: say which with --number: 1 (logistics-delay"),
        "{}",
        run.stderr
    );
    let run = run_as_of(
        dir,
        AS_OF,
        &[
            "incident",
            "respond",
            "202605-ABC-005",
            "--number",
            "2",
            "--at",
            "2026-11-19",
        ],
    );
    assert_eq!(run.code, 2, "{}", run.transcript());
    assert!(run.stderr.contains("cannot be answered or resolved before"));
    assert_eq!(read_file(dir, ABC5), written);
}
