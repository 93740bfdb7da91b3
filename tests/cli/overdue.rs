//! `ordo overdue`'s filters: typed choices, and an unknown value is refused
//! with the valid ones named (issue 25): before, `--priority urgnt` printed an
//! empty report and exited 0, as if nothing were late.

use crate::support::{AS_OF, example_copy, run_in};

#[test]
fn an_unknown_filter_value_is_refused_with_the_valid_ones() {
    let ledger = example_copy();
    let run = run_in(
        ledger.path(),
        &["--as-of", AS_OF, "overdue", "--priority", "urgnt"],
    );
    assert_eq!(run.code, 2, "{}", run.transcript());
    assert!(
        run.stderr.contains("normal, special, urgent"),
        "{}",
        run.stderr
    );
    for (flag, value, valid) in [
        ("--owner", "bobb", "did you mean bob?"),
        ("--customer", "BJK", "did you mean BJX?"),
        ("--role", "purchaser", "purchasing"),
    ] {
        let run = run_in(ledger.path(), &["--as-of", AS_OF, "overdue", flag, value]);
        assert_eq!(run.code, 2, "{flag}: {}", run.transcript());
        assert!(
            run.stderr.contains(&format!("{flag}: no `{value}`")) && run.stderr.contains(valid),
            "{}",
            run.stderr
        );
    }
    // A known value filters.
    let run = run_in(
        ledger.path(),
        &[
            "--as-of",
            AS_OF,
            "overdue",
            "--priority",
            "urgent",
            "--format",
            "csv",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert!(
        run.stdout.lines().skip(1).all(|l| l.ends_with(",urgent")),
        "{}",
        run.stdout
    );
}
