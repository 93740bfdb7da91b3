//! `ordo validate` on the example ledger and on one fixture per finding code.

use crate::support::{Ledger, run_in, run_with_env};

#[test]
fn example_ledger_has_no_errors_and_names_its_warnings() {
    let copy = crate::support::example_copy();
    let run = run_in(copy.path(), &["--as-of", "2026-11-22", "validate"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    // Two custom orders were confirmed to the customer before their design
    // review; an urgent stock order was promised a day its chain cannot meet;
    // an order over its customer's credit limit, and a new customer's first
    // order (no limit of its own), await the director's approval (warnings: the
    // steps gated on it wait, the approval is on an agenda). Every review came
    // before the confirmation, and the calendars cover 2027.
    assert!(
        run.stdout
            .ends_with("0 errors, 5 warnings in 25 orders and 7 other files\n"),
        "{}",
        run.stdout
    );
    assert_eq!(run.stdout.matches("warning[calendar-expiring]").count(), 0);
    assert_eq!(run.stdout.matches("warning[done-before]").count(), 2);
    assert_eq!(
        run.stdout
            .matches("warning[done-before]: step review")
            .count(),
        0
    );
    assert_eq!(run.stdout.matches("warning[lead-time]").count(), 1);
    assert_eq!(run.stdout.matches("warning[credit-limit]").count(), 2);
    assert!(
        run.stdout.contains(
            "NWJ's open exposure reaches 36000 with this order, over its credit limit of 0"
        ),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("--> orders/2026/202611-HKL-004.yaml:3:11")
    );
    assert!(
        run.stdout
            .contains("--> orders/2026/202607-HKL-003.yaml:13:9")
    );
}

#[test]
fn base_fixture_is_clean() {
    let run = Ledger::base().run(&["validate"]);
    insta::assert_snapshot!(run.transcript(), @r"
    0 errors, 0 warnings in 1 order and 3 other files
    --- exit 0 ---
    ");
}

/// One snapshot per case: the human output of a whole-ledger run.
macro_rules! cases {
    ($($name:ident => $dir:literal,)+) => {
        $(
            #[test]
            fn $name() {
                let run = Ledger::case($dir).run(&["validate"]);
                insta::assert_snapshot!(run.transcript());
            }
        )+
    };
}

cases! {
    schema_unknown_key => "schema-unknown-key",
    schema_enum => "schema-enum",
    schema_type_and_required => "schema-type-and-required",
    schema_impossible_date => "schema-impossible-date",
    schema_bad_offset => "schema-bad-offset",
    schema_bad_duration => "schema-bad-duration",
    schema_path_in_id => "schema-path-in-id",
    schema_dst_gap => "schema-dst-gap",
    yaml_syntax => "yaml-syntax",
    yaml_duplicate_key => "yaml-duplicate-key",
    yaml_tabs => "yaml-tabs",
    yaml_two_documents => "yaml-two-documents",
    yaml_invalid_utf8 => "yaml-invalid-utf8",
    encoding_bom => "encoding-bom",
    encoding_crlf => "encoding-crlf",
    id_mismatch => "id-mismatch",
    duplicate_id => "duplicate-id",
    unknown_names => "unknown-names",
    unknown_workflow => "unknown-workflow",
    role => "role",
    order => "order",
    future => "future",
    payment_terms => "payment-terms",
    credit_limit => "credit-limit",
    verbal_unconfirmed => "verbal-unconfirmed",
    amendment_review => "amendment-review",
    calendar_range => "calendar-range",
    config => "config",
    config_yaml => "config-yaml",
    customer => "customer",
}

#[test]
fn json_format_is_versioned_and_located() {
    let run = Ledger::case("role").run(&["validate", "--format", "json"]);
    assert_eq!(run.code, 1);
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn github_format_adds_annotations_after_the_log() {
    let run = Ledger::case("unknown-names").run(&["validate", "--format", "github"]);
    assert_eq!(run.code, 1);
    let log_end = run.stdout.find("::error").expect("annotations");
    assert!(run.stdout[..log_end].contains("error[unknown-customer]"));
    let annotations: Vec<&str> = run.stdout[log_end..].lines().collect();
    insta::assert_snapshot!(annotations.join("\n"));
}

#[test]
fn given_files_are_checked_with_the_whole_ledger_as_context() {
    let ledger = Ledger::case("credit-limit");
    // Only the third order is named, but credit control still counts the others.
    let run = ledger.run(&["validate", "orders/2026/202611-TIGHT-002.yaml"]);
    assert_eq!(run.code, 1, "{}", run.transcript());
    assert!(run.stdout.contains("error[credit-limit]"));
    assert!(run.stdout.contains("in 1 order\n"), "{}", run.stdout);
    let run = ledger.run(&["validate", "orders/2026/202611-TIGHT-003.yaml"]);
    assert_eq!(run.code, 0, "approved orders pass: {}", run.transcript());
}

#[test]
fn duplicate_ids_are_found_without_reading_the_other_file() {
    let ledger = Ledger::case("duplicate-id");
    let run = ledger.run(&["validate", "orders/2026/202611-ACME-001.yaml"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stdout
            .contains("is also used by orders/2025/202611-ACME-001.yaml"),
        "{}",
        run.stdout
    );
}

#[test]
fn configured_severities_apply() {
    let ledger = Ledger::case("verbal-unconfirmed");
    let run = ledger.run(&["validate"]);
    assert_eq!(run.code, 0, "a warning by default: {}", run.transcript());
    let config = std::fs::read_to_string(ledger.path().join("ordo.yaml")).expect("config");
    ledger.write(
        "ordo.yaml",
        format!("{config}checks:\n  verbal-unconfirmed: error\n"),
    );
    let run = ledger.run(&["validate"]);
    assert_eq!(run.code, 1, "raised to an error: {}", run.transcript());
    assert!(run.stdout.contains("error[verbal-unconfirmed]"));
    ledger.write(
        "ordo.yaml",
        format!("{config}checks:\n  verbal-unconfirmed: off\n"),
    );
    let run = ledger.run(&["validate"]);
    assert_eq!(
        run.stdout,
        "0 errors, 0 warnings in 2 orders and 3 other files\n"
    );
}

#[test]
fn an_order_left_out_of_reports_is_never_silenced_by_checks() {
    // Before, `id-mismatch: off` made validate call the ledger clean while
    // every report left the order out.
    let ledger = Ledger::case("verbal-unconfirmed");
    let config = std::fs::read_to_string(ledger.path().join("ordo.yaml")).expect("config");
    ledger.write(
        "ordo.yaml",
        format!("{config}checks:\n  id-mismatch: off\n  verbal-unconfirmed: off\n"),
    );
    let orders = ledger.path().join("orders/2026");
    let file = std::fs::read_dir(&orders)
        .expect("orders")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|x| x == "yaml"))
        .expect("an order");
    let stem = file
        .file_stem()
        .expect("stem")
        .to_string_lossy()
        .into_owned();
    let text = std::fs::read_to_string(&file).expect("order");
    std::fs::write(&file, text.replacen(&format!("id: {stem}"), "id: X-1", 1)).expect("write");
    let run = ledger.run(&["validate"]);
    assert_eq!(run.code, 1, "{}", run.transcript());
    assert!(run.stdout.contains("error[id-mismatch]"), "{}", run.stdout);
    assert!(
        run.stdout
            .contains("`id-mismatch` stays an error: an order whose id is not its file name is left out of every report"),
        "{}",
        run.stdout
    );
    let list = ledger.run(&["list"]);
    assert!(list.stdout.contains("could not be read"), "{}", list.stdout);
}

#[test]
fn an_empty_selection_succeeds() {
    let ledger = Ledger::base();
    ledger.write("notes.txt", "not a ledger file\n");
    let run = ledger.run(&["validate", "notes.txt"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert_eq!(run.stdout, "0 errors, 0 warnings in 0 orders\n");
}

#[test]
fn paths_outside_the_ledger_are_usage_errors() {
    let ledger = Ledger::base();
    let other = tempfile::tempdir().expect("tempdir");
    std::fs::write(other.path().join("x.yaml"), "a: 1\n").expect("write");
    let outside = other.path().join("x.yaml");
    let run = ledger.run(&["validate", outside.to_str().expect("utf-8")]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("is not inside the ledger"),
        "{}",
        run.stderr
    );
}

#[test]
fn the_ledger_is_found_from_a_subfolder_and_from_ordo_ledger() {
    let ledger = Ledger::base();
    let run = run_in(
        &ledger.path().join("orders/2026"),
        &["--as-of", "2026-11-20", "validate"],
    );
    assert_eq!(run.code, 0, "{}", run.transcript());
    let elsewhere = tempfile::tempdir().expect("tempdir");
    let run = run_in(elsewhere.path(), &["--as-of", "2026-11-20", "validate"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("no ordo.yaml"), "{}", run.stderr);
    let root = ledger.path().to_str().expect("utf-8");
    let run = run_with_env(
        elsewhere.path(),
        &["--as-of", "2026-11-20", "validate"],
        &[("ORDO_LEDGER", root)],
    );
    assert_eq!(run.code, 0, "{}", run.transcript());
}

#[test]
fn colour_follows_the_flag() {
    let ledger = Ledger::case("role");
    let plain = ledger.run(&["validate"]);
    assert!(!plain.stdout.contains('\u{1b}'));
    let mut args = vec![
        "--as-of",
        crate::support::AS_OF,
        "--color",
        "always",
        "validate",
    ];
    let coloured = run_in(ledger.path(), &args);
    assert!(coloured.stdout.contains('\u{1b}'));
    args[3] = "auto";
    let piped = run_in(ledger.path(), &args);
    assert!(!piped.stdout.contains('\u{1b}'), "a pipe is not a terminal");
}

#[test]
fn an_order_awaiting_payment_counts_in_its_customers_exposure() {
    // Regression (issue 26, item 2): an order whose steps were all done left
    // the exposure, so 202610-BJX-004 (BJX over its limit, not approved)
    // validated clean.
    let ledger = crate::support::example_copy();
    let path = ledger.path().join("orders/2026/202610-BJX-004.yaml");
    let text = std::fs::read_to_string(&path).expect("order");
    let approval = text
        .lines()
        .find(|l| l.trim_start().starts_with("credit-approval:"))
        .expect("the example approves it");
    std::fs::write(&path, text.replace(&format!("{approval}\n"), "")).expect("write");
    let run = crate::support::run_in(ledger.path(), &["--as-of", "2026-11-20", "validate"]);
    assert_eq!(run.code, 1, "{}", run.transcript());
    assert!(
        run.stdout
            .contains("warning[credit-limit]: BJX's exposure was 67400")
            && run.stdout.contains("202610-BJX-004.yaml"),
        "{}",
        run.stdout
    );
    // Its shipping waits for the approval (`gate: {approved: credit}`): shipped
    // without it, the gate did not hold.
    assert!(
        run.stdout.contains(
            "error[gate]: step shipped was done 2026-10-20T15:00:00+08:00 before its gate held: \
             the credit approval (step credit-approval) was not done"
        ),
        "{}",
        run.stdout
    );
}

#[test]
fn a_step_that_names_an_installment_the_terms_lack_is_a_finding() {
    // Regression (issue 26, item 1): the example's MLS orders (deposit and
    // invoice) left ORD-11, due with `balance`, a milestone that never fell
    // due, and nothing said so.
    let ledger = crate::support::example_copy();
    let config = std::fs::read_to_string(ledger.path().join("ordo.yaml")).expect("config");
    std::fs::write(
        ledger.path().join("ordo.yaml"),
        config.replacen("due: {payment: last}", "due: {payment: balance}", 1),
    )
    .expect("write");
    let run = run_in(ledger.path(), &["--as-of", "2026-11-20", "validate"]);
    assert_eq!(run.code, 1, "{}", run.transcript());
    assert!(
        run.stdout.contains("error[payment-terms]: step ORD-11")
            && run.stdout.contains("202602-MLS-002.yaml"),
        "{}",
        run.stdout
    );
    // `payment: last` takes whatever the order calls its last installment.
    let run = run_in(
        crate::support::example_copy().path(),
        &[
            "--as-of",
            "2026-11-20",
            "explain",
            "202608-MLS-003",
            "ORD-11",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert!(run.stdout.contains("invoice"), "{}", run.stdout);
}

#[test]
fn conflict_markers_are_an_unresolved_merge_conflict_at_their_line() {
    let ledger = Ledger::base();
    let text = std::fs::read_to_string(ledger.path().join("orders/2026/202611-ACME-001.yaml"))
        .expect("order");
    ledger.write(
        "orders/2026/202611-ACME-001.yaml",
        text.replace(
            "  pack: {done: 2026-11-03, by: ben}\n",
            "<<<<<<< HEAD\n  pack: {done: 2026-11-03, by: ben}\n=======\n  pack: {done: 2026-11-04, by: ben}\n>>>>>>> theirs\n",
        ),
    );
    let run = ledger.run(&["validate"]);
    assert_eq!(run.code, 1, "{}", run.transcript());
    assert!(
        run.stdout
            .contains("error[conflict]: unresolved merge conflict")
            && run.stdout.contains("orders/2026/202611-ACME-001.yaml:16:1"),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("simple key"), "{}", run.stdout);
}
