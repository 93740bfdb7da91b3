//! Hostile or broken files give a located finding and exit 1,
//! in bounded time and memory, and never stop the rest of the ledger from being
//! checked. Large or odd files are made here rather than committed.

use crate::support::Ledger;

/// Runs validate on the whole ledger and checks the bad file got `code` while the
/// good base order was still checked.
#[track_caller]
fn assert_finding(ledger: &Ledger, file: &str, code: &str) -> String {
    let run = ledger.run(&["validate", "--format", "json"]);
    assert_eq!(run.code, 1, "{}", run.transcript());
    let report: serde_json::Value = serde_json::from_str(&run.stdout).expect("json");
    let findings = report["findings"].as_array().expect("findings");
    let hit = findings
        .iter()
        .find(|f| f["file"] == file && f["code"] == code)
        .unwrap_or_else(|| panic!("no {code} finding for {file}: {}", run.stdout));
    assert!(hit["line"].as_u64().is_some_and(|l| l >= 1));
    assert!(
        findings.iter().all(|f| f["file"] == file),
        "only the bad file has findings: {}",
        run.stdout
    );
    assert!(
        report["summary"]["orders"].as_u64().is_some_and(|n| n >= 2),
        "the good order was checked too"
    );
    format!(
        "{}:{}: {}",
        hit["line"],
        hit["column"],
        hit["message"].as_str().unwrap_or_default()
    )
}

const ORDER: &str = "orders/2026/202611-ACME-002.yaml";

#[test]
fn a_wide_alias_bomb_is_refused_at_the_first_alias() {
    let ledger = Ledger::base();
    let mut text = String::from("id: 202611-ACME-002\nx-a: &a [");
    text.push_str(&vec!["\"xxxxxxxx\""; 300].join(","));
    text.push_str("]\n");
    for level in ["b", "c", "d"] {
        let prev = (level.as_bytes()[0] - 1) as char;
        text.push_str(&format!("x-{level}: &{level} ["));
        text.push_str(&vec![format!("*{prev}"); 300].join(","));
        text.push_str("]\n");
    }
    ledger.write(ORDER, text);
    let at = assert_finding(&ledger, ORDER, "yaml");
    assert_eq!(at, "3:10: aliases are not allowed in ledger files");
}

#[test]
fn ten_thousand_levels_of_nesting_are_refused() {
    let ledger = Ledger::base();
    ledger.write(
        ORDER,
        format!("id: {}{}", "[".repeat(10_000), "]".repeat(10_000)),
    );
    assert_finding(&ledger, ORDER, "yaml");
    let block: String = (0..300)
        .map(|i| format!("{}k:\n", "  ".repeat(i)))
        .collect();
    ledger.write(ORDER, block);
    let at = assert_finding(&ledger, ORDER, "yaml");
    assert!(at.contains("nesting deeper than 64 levels"), "{at}");
}

#[test]
fn a_fifty_megabyte_file_is_refused_unread() {
    let ledger = Ledger::base();
    let mut text = String::from("id: 202611-ACME-002\nx-pad: \"");
    text.push_str(&"x".repeat(50 * 1024 * 1024));
    text.push_str("\"\n");
    ledger.write(ORDER, text);
    let at = assert_finding(&ledger, ORDER, "file");
    assert!(at.contains("over the 1048576 byte limit"), "{at}");
}

#[test]
#[cfg(unix)]
fn a_link_that_leaves_the_ledger_is_not_followed() {
    let ledger = Ledger::base();
    let outside = tempfile::tempdir().expect("tempdir");
    let secret = outside.path().join("secret.yaml");
    std::fs::write(&secret, "id: 202611-ACME-002\n").expect("write");
    std::os::unix::fs::symlink(&secret, ledger.path().join(ORDER)).expect("symlink");
    let at = assert_finding(&ledger, ORDER, "file");
    assert!(
        at.contains("outside the ledger; it is not followed"),
        "{at}"
    );
}

#[test]
#[cfg(unix)]
fn a_named_pipe_is_reported_without_waiting_for_a_writer() {
    let ledger = Ledger::base();
    let made = std::process::Command::new("mkfifo")
        .arg(ledger.path().join(ORDER))
        .status()
        .expect("mkfifo");
    assert!(made.success());
    let at = assert_finding(&ledger, ORDER, "file");
    assert!(at.contains("is not a regular file"), "{at}");
}

#[test]
fn an_order_path_that_is_a_directory_is_reported() {
    let ledger = Ledger::base();
    std::fs::create_dir_all(ledger.path().join(ORDER)).expect("mkdir");
    let at = assert_finding(&ledger, ORDER, "file");
    assert!(at.contains("is a directory"), "{at}");
}

#[test]
fn an_order_outside_a_year_folder_is_still_checked() {
    let ledger = Ledger::base();
    ledger.write(
        "orders/202611-ACME-002.yaml",
        "id: 202611-ACME-002\ncustomer: ACME\nowner: ann\nreceived: 2026-11-05T09:00\nchannel: email\n",
    );
    let at = assert_finding(&ledger, "orders/202611-ACME-002.yaml", "id-mismatch");
    assert!(at.contains("year folder"), "{at}");
}

#[test]
fn an_empty_file_is_a_schema_error() {
    let ledger = Ledger::base();
    ledger.write(ORDER, "");
    let at = assert_finding(&ledger, ORDER, "schema");
    assert!(at.contains("expected a mapping"), "{at}");
}
