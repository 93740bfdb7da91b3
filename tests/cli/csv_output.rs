//! CSV that leaves ordo is safe to open (issue 24, item 9): a report's text a
//! spreadsheet would run as a formula is written as text; the export, which is
//! data, keeps it exact (docs/export.md says how to open it safely).

use crate::support::Ledger;

const FORMULA: &str = "=HYPERLINK(\"http://evil.example\",\"Packed\")";

fn ledger() -> Ledger {
    let ledger = Ledger::base();
    let config = std::fs::read_to_string(ledger.path().join("ordo.yaml")).expect("config");
    ledger.write(
        "ordo.yaml",
        config.replace(
            "title: Shipped,",
            &format!("title: '{}',", FORMULA.replace('\'', "''")),
        ),
    );
    ledger
}

#[test]
fn a_report_writes_a_formula_as_text() {
    let ledger = ledger();
    let run = ledger.run(&["overdue", "--format", "csv", "--as-of", "2026-12-20"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    // Before: the cell started with `=`, and a spreadsheet ran it.
    assert!(run.stdout.contains("\"'=HYPERLINK("), "{}", run.stdout);
    assert!(!run.stdout.contains(",\"=HYPERLINK("), "{}", run.stdout);
}

#[test]
fn the_export_keeps_the_text_exact() {
    let ledger = ledger();
    let run = ledger.run(&["export", "--table", "steps", "--format", "csv"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert!(run.stdout.contains("\"=HYPERLINK("), "{}", run.stdout);
}
