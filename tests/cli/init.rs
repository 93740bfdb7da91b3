//! `ordo init`: a new ledger that validates, with editor and pre-commit wiring.

use crate::support::{Ledger, run_in};

#[test]
fn init_creates_a_valid_ledger_and_refuses_to_overwrite_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let run = run_in(dir.path(), &["init", "books"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    let root = dir.path().join("books");
    for file in [
        "ordo.yaml",
        "customers/EXAMPLE.yaml",
        ".pre-commit-config.yaml",
        ".vscode/settings.json",
        "schema/order.schema.json",
        ".gitignore",
    ] {
        assert!(root.join(file).is_file(), "{file} was not created");
    }
    let settings: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root.join(".vscode/settings.json")).expect("read"),
    )
    .expect("json");
    assert_eq!(
        settings["yaml.schemas"]["./schema/order.schema.json"],
        "orders/**/*.yaml"
    );
    assert!(
        std::fs::read_to_string(root.join(".gitignore"))
            .expect("read")
            .contains(".ordo/")
    );
    let hook = std::fs::read_to_string(root.join(".pre-commit-config.yaml")).expect("read");
    assert!(hook.contains("entry: ordo validate"));

    let run = run_in(&root, &["--as-of", "2026-06-01", "validate"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert_eq!(
        run.stdout,
        "0 errors, 0 warnings in 0 orders and 2 other files\n"
    );
    // The shipped calendars list 2025 to 2027: from November 2027 they say so.
    let run = run_in(&root, &["--as-of", "2026-11-20", "validate"]);
    assert!(!run.stdout.contains("calendar-expiring"), "{}", run.stdout);
    let run = run_in(&root, &["--as-of", "2027-11-20", "validate"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert!(
        run.stdout.contains(
            "warning[calendar-expiring]: calendar `default` covers years up to 2027, which ends in 42 days"
        ),
        "{}",
        run.stdout
    );

    let before = std::fs::read_to_string(root.join("ordo.yaml")).expect("read");
    let again = run_in(dir.path(), &["init", "books"]);
    assert_eq!(again.code, 2);
    assert!(
        again.stderr.contains("already holds a ledger"),
        "{}",
        again.stderr
    );
    assert_eq!(
        std::fs::read_to_string(root.join("ordo.yaml")).expect("read"),
        before
    );
}

#[test]
fn init_inside_a_ledger_is_refused() {
    let ledger = Ledger::base();
    let run = run_in(ledger.path(), &["init", "orders"]);
    assert_eq!(run.code, 2, "{}", run.transcript());
    assert!(
        run.stderr.contains("is inside the ledger at"),
        "{}",
        run.stderr
    );
    assert!(!ledger.path().join("orders/ordo.yaml").exists());
}
