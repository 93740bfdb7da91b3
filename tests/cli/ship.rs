//! `ordo ship`: the shipment's carrier, tracking number and expected delivery
//! recorded through the checked writer, keeping what was recorded before and
//! the file's own style.

use std::path::Path;

use crate::support::{example_copy, read_file, run_as_of};

const ABC5: &str = "orders/2026/202605-ABC-005.yaml";
const ABC4: &str = "orders/2026/202603-ABC-004.yaml";

fn ordo(dir: &Path, args: &[&str]) -> crate::support::Run {
    run_as_of(dir, "2026-11-20", args)
}

#[test]
fn a_first_shipment_is_recorded_and_a_later_eta_keeps_the_rest() {
    let copy = example_copy();
    let dir = copy.path();
    let run = ordo(
        dir,
        &[
            "ship",
            "202605-ABC-005",
            "--carrier",
            "SF Express",
            "--tracking",
            "SF1311200001",
            "--eta",
            "2026-11-24",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert!(
        read_file(dir, ABC5).ends_with(
            "shipment:\n  carrier: SF Express\n  tracking: SF1311200001\n  eta: 2026-11-24\n"
        ),
        "{}",
        read_file(dir, ABC5)
    );
    let run = ordo(
        dir,
        &["ship", "202605-ABC-005", "--eta", "2026-11-25T18:00"],
    );
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert!(
        read_file(dir, ABC5).ends_with(
            "shipment:\n  carrier: SF Express\n  tracking: SF1311200001\n  eta: 2026-11-25T18:00:00\n"
        ),
        "{}",
        read_file(dir, ABC5)
    );
    // A one-line shipment stays on one line.
    let run = ordo(dir, &["ship", "202603-ABC-004", "--eta", "2026-09-27"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert!(
        read_file(dir, ABC4).contains(
            "shipment: {carrier: SF Express, tracking: SF1309151000338, eta: 2026-09-27}\n"
        )
    );
    assert_eq!(ordo(dir, &["validate"]).code, 0);
}

#[test]
fn what_cannot_be_recorded_is_refused_and_the_file_left_as_it_was() {
    let copy = example_copy();
    let dir = copy.path();
    let original = read_file(dir, ABC5);
    for (args, says) in [
        (vec!["ship", "202605-ABC-005"], "give what to record"),
        (
            vec!["ship", "202605-ABC-005", "--tracking", "X1"],
            "202605-ABC-005 has no shipment yet: give its --carrier",
        ),
        (
            vec!["ship", "202605-ABC-005", "--carrier", "a\nb"],
            "--carrier",
        ),
        (
            vec!["ship", "202605-ABC-005", "--carrier", " "],
            "--carrier needs a value",
        ),
        (
            vec![
                "ship",
                "202605-ABC-005",
                "--carrier",
                "SF",
                "--eta",
                "2026-02-30",
            ],
            "--eta",
        ),
    ] {
        let run = ordo(dir, &args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.transcript());
        assert!(run.stderr.contains(says), "{args:?}: {}", run.stderr);
        assert_eq!(read_file(dir, ABC5), original, "{args:?} changed the file");
    }
}
