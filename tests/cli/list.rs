//! `ordo list`'s filters: typed choices; an unknown value is refused with the
//! valid ones named, never an empty list that looks like "no such orders".

use crate::support::{AS_OF, example_copy, run_in};

#[test]
fn an_unknown_filter_value_is_refused_with_the_valid_ones() {
    let ledger = example_copy();
    for (flag, value, valid) in [
        (
            "--status",
            "opne",
            "open, on-hold, awaiting-payment, done, cancelled",
        ),
        ("--priority", "urgnt", "normal, special, urgent"),
        ("--owner", "bobb", "did you mean bob?"),
        ("--workflow", "stok", "did you mean stock?"),
    ] {
        let run = run_in(ledger.path(), &["--as-of", AS_OF, "list", flag, value]);
        assert_eq!(run.code, 2, "{flag}: {}", run.transcript());
        assert!(run.stderr.contains(valid), "{flag}: {}", run.stderr);
    }
    let run = run_in(
        ledger.path(),
        &[
            "--as-of", AS_OF, "list", "--status", "on-hold", "--format", "csv",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.transcript());
    let rows: Vec<&str> = run.stdout.lines().skip(1).collect();
    assert!(
        !rows.is_empty()
            && rows
                .iter()
                .all(|l| l.contains(",on hold,") || l.contains(",on-hold,")),
        "{}",
        run.stdout
    );
}
