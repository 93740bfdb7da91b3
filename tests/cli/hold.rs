//! `ordo hold`: a hold begun and ended through the checked writer, with the
//! order's state kept in step, and refused where it would not make sense.

use std::path::Path;

use crate::support::{example_copy, read_file, run_as_of};

const ABC6: &str = "orders/2026/202611-ABC-006.yaml";
const HKL3: &str = "orders/2026/202607-HKL-003.yaml";

fn ordo(dir: &Path, as_of: &str, args: &[&str]) -> crate::support::Run {
    run_as_of(dir, as_of, args)
}

#[test]
fn a_hold_begins_and_ends_with_the_state_in_step() {
    let copy = example_copy();
    let dir = copy.path();
    let before = read_file(dir, ABC6);
    let run = ordo(
        dir,
        "2026-11-20T10:00",
        &[
            "hold",
            "202611-ABC-006",
            "--reason",
            "the customer is checking the address",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.transcript());
    let held = read_file(dir, ABC6);
    assert_eq!(
        held,
        format!(
            "{before}holds:\n  - from: 2026-11-20T10:00:00+08:00\n    reason: the customer is checking the address\nstate: on-hold\nstate_reason: the customer is checking the address\n"
        )
    );
    let list = ordo(dir, "2026-11-20T10:00", &["list", "--status", "on-hold"]);
    assert!(list.stdout.contains("202611-ABC-006"), "{}", list.stdout);

    // A second hold while one lasts is refused, the file unchanged.
    let again = ordo(
        dir,
        "2026-11-21",
        &["hold", "202611-ABC-006", "--reason", "again"],
    );
    assert_eq!(again.code, 2, "{}", again.transcript());
    assert!(
        again
            .stderr
            .contains("already on hold since 2026-11-20T10:00:00+08:00")
    );
    assert_eq!(read_file(dir, ABC6), held);

    let end = ordo(
        dir,
        "2026-11-22T09:00",
        &["hold", "202611-ABC-006", "--end"],
    );
    assert_eq!(end.code, 0, "{}", end.transcript());
    assert_eq!(
        read_file(dir, ABC6),
        format!(
            "{before}holds:\n  - from: 2026-11-20T10:00:00+08:00\n    reason: the customer is checking the address\n    to: 2026-11-22T09:00:00+08:00\n"
        )
    );
    let none = ordo(
        dir,
        "2026-11-22T09:00",
        &["hold", "202611-ABC-006", "--end"],
    );
    assert_eq!(none.code, 2, "{}", none.transcript());
    assert!(none.stderr.contains("is not on hold"), "{}", none.stderr);
}

#[test]
fn ending_a_one_line_hold_keeps_it_on_its_line_and_the_file_whole() {
    let copy = example_copy();
    let dir = copy.path();
    let before = read_file(dir, HKL3);
    // It cannot end before it began.
    let early = ordo(
        dir,
        "2026-11-20",
        &["hold", "202607-HKL-003", "--end", "--at", "2026-10-01"],
    );
    assert_eq!(early.code, 2, "{}", early.transcript());
    assert!(
        early.stderr.contains("cannot end before"),
        "{}",
        early.stderr
    );
    assert_eq!(read_file(dir, HKL3), before);

    let run = ordo(
        dir,
        "2026-11-20",
        &[
            "hold",
            "202607-HKL-003",
            "--end",
            "--at",
            "2026-11-18T17:00",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.transcript());
    let after = read_file(dir, HKL3);
    let expected = before
        .replace(
            "reason: the customer is redesigning the gift box artwork}",
            "reason: the customer is redesigning the gift box artwork, to: 2026-11-18T17:00:00}",
        )
        .replace(
            "state: on-hold\nstate_reason: \"waiting for the customer's new artwork\"\n",
            "",
        );
    assert_eq!(after, expected);
    assert!(after.ends_with("17:00:00}\n"), "{after}");
}

#[test]
fn a_cancelled_order_is_not_held() {
    let copy = example_copy();
    let dir = copy.path();
    crate::support::edit(
        dir,
        ABC6,
        "channel: email\n",
        "channel: email\nstate: cancelled\nstate_reason: withdrawn\n",
    );
    let before = read_file(dir, ABC6);
    let run = ordo(
        dir,
        "2026-11-20",
        &["hold", "202611-ABC-006", "--reason", "x"],
    );
    assert_eq!(run.code, 2, "{}", run.transcript());
    assert!(run.stderr.contains("is cancelled"), "{}", run.stderr);
    assert_eq!(read_file(dir, ABC6), before);
}
