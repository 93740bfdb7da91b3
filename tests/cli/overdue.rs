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

#[test]
fn money_owed_stays_on_the_agenda_after_every_step_is_done() {
    // Regression (issue 26, item 1): once every step of 202610-BJX-004 was
    // done, its unpaid 4,400.00 vanished from overdue, the calendar and the
    // export's overdue flag.
    let ledger = example_copy();
    let at = ["--as-of", "2026-12-05"];
    let run = run_in(ledger.path(), &[at[0], at[1], "overdue", "--format", "csv"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    let row = run
        .stdout
        .lines()
        .find(|l| l.starts_with("202610-BJX-004,"))
        .unwrap_or_else(|| panic!("the unpaid balance is overdue:\n{}", run.stdout));
    assert!(
        row.contains("payment:net") && row.contains("4,400.00"),
        "{row}"
    );
    assert!(row.contains(",2026-11-30,firm,5,"), "{row}");
    let run = run_in(ledger.path(), &[at[0], at[1], "show", "202610-BJX-004"]);
    assert!(
        run.stdout.contains("status awaiting payment"),
        "{}",
        run.stdout
    );
    let run = run_in(ledger.path(), &[at[0], at[1], "calendar"]);
    assert!(
        run.stdout.contains("UID:202610-BJX-004."),
        "an event for the payment"
    );
    let run = run_in(
        ledger.path(),
        &[
            at[0],
            at[1],
            "export",
            "--table",
            "installments",
            "--format",
            "csv",
        ],
    );
    let line = run
        .stdout
        .lines()
        .find(|l| l.starts_with("202610-BJX-004,"))
        .expect("the installment");
    assert!(
        line.ends_with(",5,true"),
        "overdue in the export too: {line}"
    );
}
