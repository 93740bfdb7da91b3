//! The bad-input corpus: every case in one ledger beside a good order,
//! each with the finding it must give (file, line, code). One run checks them all:
//! each bad file is reported, in bounded time and memory, and the good order is
//! still checked.

use std::collections::BTreeSet;

use crate::support::Ledger;

/// (file name under orders/2026/, content, expected line, expected code)
fn cases() -> Vec<(String, Vec<u8>, u64, &'static str)> {
    let head = |id: &str| {
        format!(
            "id: {id}\ncustomer: ACME\nowner: ann\nreceived: 2026-11-05T09:00\nchannel: email\n"
        )
    };
    let mut cases: Vec<(String, Vec<u8>, u64, &'static str)> = Vec::new();
    let mut add = |n: u32, body: Vec<u8>, line: u64, code: &'static str| {
        cases.push((format!("202611-ACME-{n:03}.yaml"), body, line, code));
    };
    let id = |n: u32| format!("202611-ACME-{n:03}");
    // Malformed YAML: an unclosed flow mapping.
    add(
        10,
        format!(
            "{}steps:\n  take: {{done: 2026-11-05T09:30, by: ann\n",
            head(&id(10))
        )
        .into_bytes(),
        8,
        "yaml",
    );
    // Wrong type.
    add(
        11,
        format!(
            "{}lines:\n  - {{sku: X, qty: many, unit_price: 1}}\n",
            head(&id(11))
        )
        .into_bytes(),
        7,
        "schema",
    );
    // Unknown key.
    add(
        12,
        format!("{}colour: red\n", head(&id(12))).into_bytes(),
        6,
        "schema",
    );
    // Duplicate keys.
    add(
        13,
        format!("{}channel: phone\n", head(&id(13))).into_bytes(),
        6,
        "yaml",
    );
    // A narrow alias bomb and a wide one.
    add(14, format!("id: {}\nx-a: &a [1, 1, 1, 1, 1, 1, 1, 1, 1]\nx-b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nx-c: [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n", id(14)).into_bytes(), 3, "yaml");
    let mut wide = format!("id: {}\nx-a: &a [{}]\n", id(15), vec!["x"; 300].join(","));
    wide.push_str(&format!("x-b: &b [{}]\n", vec!["*a"; 300].join(",")));
    wide.push_str(&format!("x-c: [{}]\n", vec!["*b"; 300].join(",")));
    add(15, wide.into_bytes(), 3, "yaml");
    // 10,000 levels of flow nesting, and 300 of block nesting.
    add(
        16,
        format!("id: {}{}", "[".repeat(10_000), "]".repeat(10_000)).into_bytes(),
        1,
        "yaml",
    );
    add(
        17,
        (0..300)
            .map(|i| format!("{}k:\n", "  ".repeat(i)))
            .collect::<String>()
            .into_bytes(),
        65,
        "yaml",
    );
    // Over the size limit: 2 MiB.
    add(
        18,
        format!("id: {}\nx-pad: \"{}\"\n", id(18), "x".repeat(2 << 20)).into_bytes(),
        1,
        "file",
    );
    // A byte-order mark (a warning) on an otherwise valid order.
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend(head(&id(19)).into_bytes());
    add(19, bom, 1, "encoding");
    // Bytes that are not UTF-8.
    let mut latin1 = head(&id(20)).into_bytes();
    latin1.extend(b"ship_to: {name: Caf\xe9}\n");
    add(20, latin1, 6, "yaml");
    // CRLF line ends (a warning).
    add(
        21,
        head(&id(21)).replace('\n', "\r\n").into_bytes(),
        1,
        "encoding",
    );
    // Tabs for indentation.
    add(
        22,
        format!(
            "{}steps:\n\ttake: {{done: 2026-11-05T09:30, by: ann}}\n",
            head(&id(22))
        )
        .into_bytes(),
        7,
        "yaml",
    );
    // An impossible date.
    add(
        23,
        format!("{}requested_delivery: 2026-02-30\n", head(&id(23))).into_bytes(),
        6,
        "schema",
    );
    // A date-time without a usable offset.
    add(
        24,
        head(&id(24))
            .replace("2026-11-05T09:00", "2026-11-05T09:00:00+25:00")
            .into_bytes(),
        4,
        "schema",
    );
    // Negative quantity and price.
    add(
        25,
        format!(
            "{}lines:\n  - {{sku: X, qty: -5, unit_price: 2}}\n",
            head(&id(25))
        )
        .into_bytes(),
        7,
        "schema",
    );
    add(
        26,
        format!(
            "{}lines:\n  - {{sku: X, qty: 5, unit_price: \"-2.00\"}}\n",
            head(&id(26))
        )
        .into_bytes(),
        7,
        "schema",
    );
    // An id with path separators and `..`.
    add(27, head("../../etc/passwd").into_bytes(), 1, "schema");
    // Two documents in one file.
    add(
        28,
        format!("{}---\nid: other\n", head(&id(28))).into_bytes(),
        6,
        "yaml",
    );
    // A custom tag.
    add(
        29,
        format!("{}x-when: !now\n", head(&id(29))).into_bytes(),
        6,
        "yaml",
    );
    // An empty file.
    add(30, Vec::new(), 1, "schema");
    // A file that is YAML but not a mapping.
    add(31, b"- just\n- a list\n".to_vec(), 1, "schema");
    // A local time that does not exist is covered in the DST ledger; here a month 13.
    add(
        32,
        format!("{}dates: {{pdca_sent: 2026-13-01}}\n", head(&id(32))).into_bytes(),
        6,
        "schema",
    );
    cases
}

#[test]
fn every_bad_input_gives_its_located_finding_and_the_rest_is_still_checked() {
    let ledger = Ledger::base();
    let cases = cases();
    assert!(cases.len() >= 23);
    for (name, body, _, _) in &cases {
        ledger.write(&format!("orders/2026/{name}"), body);
    }
    // A link to a file outside the ledger, and an order file that is a folder.
    let outside = tempfile::tempdir().expect("tempdir");
    std::fs::write(outside.path().join("secret.yaml"), "id: 202611-ACME-040\n").expect("write");
    #[cfg(unix)]
    std::os::unix::fs::symlink(
        outside.path().join("secret.yaml"),
        ledger.path().join("orders/2026/202611-ACME-040.yaml"),
    )
    .expect("symlink");
    std::fs::create_dir_all(ledger.path().join("orders/2026/202611-ACME-041.yaml")).expect("mkdir");
    // A 50 MB file.
    let big = std::fs::File::create(ledger.path().join("orders/2026/202611-ACME-042.yaml"))
        .expect("create");
    big.set_len(50 * 1024 * 1024).expect("sparse 50 MB");

    let run = ledger.run(&["validate", "--format", "json"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).expect("json");
    let found: BTreeSet<(String, u64, String)> = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            (
                f["file"].as_str().unwrap_or_default().to_owned(),
                f["line"].as_u64().unwrap_or_default(),
                f["code"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    let mut expected: Vec<(String, u64, String)> = cases
        .iter()
        .map(|(name, _, line, code)| (format!("orders/2026/{name}"), *line, (*code).to_owned()))
        .collect();
    #[cfg(unix)]
    expected.push(("orders/2026/202611-ACME-040.yaml".into(), 1, "file".into()));
    expected.push(("orders/2026/202611-ACME-041.yaml".into(), 1, "file".into()));
    expected.push(("orders/2026/202611-ACME-042.yaml".into(), 1, "file".into()));
    let missing: Vec<&(String, u64, String)> =
        expected.iter().filter(|e| !found.contains(*e)).collect();
    assert!(missing.is_empty(), "missing {missing:#?}\nfound {found:#?}");
    assert!(
        expected.len() >= 25,
        "the corpus has {} cases",
        expected.len()
    );
    // The good order was checked too, and has nothing to report.
    assert!(
        found
            .iter()
            .all(|(file, _, _)| file != "orders/2026/202611-ACME-001.yaml")
    );
    let orders = report["summary"]["orders"].as_u64().unwrap_or_default();
    assert_eq!(orders as usize, expected.len() + 1);
}
