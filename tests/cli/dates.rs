//! `ordo contract` and `ordo date`: the signed contract and an order's named
//! dates recorded by command (issue 26, item 10), and the due dates that count
//! from them moving at once. Before, only hand-editing YAML recorded them.

use crate::support::{example_copy, read_file, run_as_of};

const HKL4: &str = "orders/2026/202611-HKL-004.yaml";
const AS_OF: &str = "2026-11-20T12:00";

fn due_of(dir: &std::path::Path, step: &str) -> String {
    let run = run_as_of(dir, AS_OF, &["explain", "202611-HKL-004", step]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    run.stdout.lines().next().unwrap_or_default().to_owned()
}

#[test]
fn the_signed_contract_dates_what_waited_for_it() {
    let copy = example_copy();
    let dir = copy.path();
    assert!(due_of(dir, "ORD-02").contains("waiting for contract.signed"));
    let run = run_as_of(
        dir,
        AS_OF,
        &[
            "contract",
            "202611-HKL-004",
            "--signed",
            "2026-11-19",
            "--production-time",
            "35wd",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.transcript());
    let text = read_file(dir, HKL4);
    assert!(text.contains("  production_time: 35wd\n"), "{text}");
    assert!(text.contains("  signed: 2026-11-19\n"), "{text}");
    // The down-payment request: a working day after signing.
    assert_eq!(
        due_of(dir, "ORD-02"),
        "202611-HKL-004 ORD-02: due 2026-11-20 (firm)"
    );
    // A time where a day is recorded is refused, never cut.
    let run = run_as_of(
        dir,
        AS_OF,
        &["contract", "202611-HKL-004", "--signed", "2026-11-19T10:00"],
    );
    assert_eq!(run.code, 2, "{}", run.transcript());
    assert_eq!(read_file(dir, HKL4), text);
}

#[test]
fn a_named_date_is_recorded_and_a_misspelt_one_is_refused() {
    let copy = example_copy();
    let dir = copy.path();
    let before = read_file(dir, HKL4);
    let run = run_as_of(dir, AS_OF, &["date", "202611-HKL-004", "pdca_snt"]);
    assert_eq!(run.code, 2, "{}", run.transcript());
    assert!(
        run.stderr.contains("no rule counts from dates.pdca_snt;")
            && run.stderr.contains("\n  hint: did you mean pdca_sent?\n"),
        "{}",
        run.stderr
    );
    assert_eq!(read_file(dir, HKL4), before);
    let run = run_as_of(
        dir,
        AS_OF,
        &[
            "date",
            "202611-HKL-004",
            "pdca_sent",
            "--on",
            "2026-11-20T10:00",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert!(read_file(dir, HKL4).ends_with("dates:\n  pdca_sent: 2026-11-20T10:00:00\n"));
    // The customer's packaging confirmation: three days after the PDCA went out.
    assert_eq!(
        due_of(dir, "ORD-04"),
        "202611-HKL-004 ORD-04: due 2026-11-23 10:00 (firm)"
    );
    let run = run_as_of(
        dir,
        AS_OF,
        &[
            "date",
            "202611-HKL-004",
            "requested_delivery",
            "--on",
            "2026-12-30",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert!(read_file(dir, HKL4).contains("\nrequested_delivery: 2026-12-30\n"));
}

#[test]
fn the_confirmation_sent_and_signed_is_recorded_and_a_late_promise_is_said() {
    let copy = example_copy();
    let dir = copy.path();
    const ABC7: &str = "orders/2026/202611-ABC-007.yaml";
    const ABC6: &str = "orders/2026/202611-ABC-006.yaml";
    let run = run_as_of(
        dir,
        AS_OF,
        &[
            "confirm",
            "202611-ABC-007",
            "--sent",
            "2026-11-20T11:00",
            "--via",
            "email",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert!(
        read_file(dir, ABC7)
            .ends_with("confirmation:\n  sent: 2026-11-20T11:00:00\n  via: email\n"),
        "{}",
        read_file(dir, ABC7)
    );
    // A reply dated after now is refused, and nothing is written.
    let before = read_file(dir, ABC7);
    let run = run_as_of(
        dir,
        AS_OF,
        &["confirm", "202611-ABC-007", "--signed", "2026-11-21"],
    );
    assert_eq!(run.code, 2, "{}", run.transcript());
    assert_eq!(read_file(dir, ABC7), before);
    let run = run_as_of(
        dir,
        AS_OF,
        &["confirm", "202611-ABC-007", "--signed", "2026-11-20"],
    );
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert!(read_file(dir, ABC7).ends_with("  via: email\n  signed: 2026-11-20\n"));
    // ABC-006 was promised a delivery its chain cannot meet: the reply is
    // written, and the warning the order carries is said.
    let run = run_as_of(
        dir,
        AS_OF,
        &["confirm", "202611-ABC-006", "--signed", "2026-11-18"],
    );
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert!(read_file(dir, ABC6).contains("signed: 2026-11-18"));
    assert!(
        run.stderr
            .contains("ordo: warning[lead-time]: delivery (delivered) falls on 2026-11-24"),
        "{}",
        run.stderr
    );
}
