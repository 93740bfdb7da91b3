//! Integration tests: the real `ordo` binary on small ledgers under
//! `tests/fixtures`, with the environment scrubbed and "now" pinned.

mod support;

mod bad_input;
mod cache;
mod cache_forged;
mod calendar_links;
mod closing;
mod concurrency;
mod corpus;
mod credit_approval;
mod csv_output;
mod customer_documents;
mod dates;
mod documents;
mod escalate;
mod export;
mod gates;
mod history;
mod history_follows;
mod hold;
mod ids_unreadable;
mod incident;
mod init;
mod integrations;
mod line;
mod list;
mod merge_file;
mod outputs;
mod overdue;
mod packaging;
mod pay;
mod progress;
mod publication;
mod read;
mod reports;
mod rules;
mod rules_priority;
mod ship;
mod shipping_records;
mod site;
mod site_customers;
mod site_errors;
mod site_people;
mod site_safety;
mod site_search;
mod sla;
mod sla_incidents;
mod table_width;
mod team;
mod team_ids;
mod trust;
mod validate;
mod validate_amounts;
mod validate_credit;
mod validate_lead_time;
mod validate_since;
mod write;
mod write_text;

/// A test file that no `mod` line names is never compiled, and its tests
/// never run (nothing says so): every file here must be named above.
#[test]
fn every_test_file_is_compiled() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cli");
    let main = std::fs::read_to_string(dir.join("main.rs")).expect("main.rs");
    let mut missing = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("tests/cli").flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let module = match name.strip_suffix(".rs") {
            Some(stem) if stem != "main" => stem.to_owned(),
            None if entry.path().join("mod.rs").is_file() => name.clone(),
            _ => continue,
        };
        if !main.lines().any(|l| l.trim() == format!("mod {module};")) {
            missing.push(module);
        }
    }
    assert!(
        missing.is_empty(),
        "not compiled (add `mod NAME;` to tests/cli/main.rs): {missing:?}"
    );
}
