//! The site's search index (issue 27): every order of the ledger, open and
//! closed, of every year, with a page or not, read by the search page from
//! `search/index.js`. What the page does with it is the browser test's.

use std::path::Path;

use crate::support::{AS_OF, example_copy, run_in};

/// The index's data: what `ordoSearch(…)` is called with.
fn index(site: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(site.join("search/index.js")).expect("the index");
    let data = text
        .strip_prefix("ordoSearch(")
        .and_then(|t| t.trim_end().strip_suffix(");"))
        .unwrap_or_else(|| panic!("not a call of ordoSearch: {text}"));
    serde_json::from_str(data).unwrap_or_else(|e| panic!("{e}: {data}"))
}

/// Every order file's id under `orders/`, sorted.
fn order_ids(ledger: &Path) -> Vec<String> {
    let mut ids = Vec::new();
    let mut stack = vec![ledger.join("orders")];
    while let Some(at) = stack.pop() {
        for entry in std::fs::read_dir(&at).expect("dir").flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "yaml") {
                ids.push(
                    path.file_stem()
                        .expect("stem")
                        .to_string_lossy()
                        .into_owned(),
                );
            }
        }
    }
    ids.sort();
    ids
}

#[test]
fn every_order_is_in_the_index_with_or_without_a_page() {
    let ledger = example_copy();
    let run = run_in(ledger.path(), &["--as-of", AS_OF, "site", "-o", "_site"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    let site = ledger.path().join("_site");
    let data = index(&site);
    let rows = data["rows"].as_array().expect("rows");
    let ids: Vec<&str> = rows.iter().map(|r| r[2].as_str().expect("id")).collect();
    assert_eq!(ids, order_ids(ledger.path()));
    for row in rows {
        let id = row[2].as_str().expect("id");
        let paged = site.join(format!("orders/{id}.html")).exists();
        assert_eq!(row[0] == 1, paged, "{id}: the page flag");
        let file = row[1].as_str().expect("file");
        assert!(ledger.path().join(file).is_file(), "{id}: {file}");
    }
    // Closed in 2025, long before the site's three months: no page, found.
    let old = rows
        .iter()
        .find(|r| r[2] == "202503-ABC-001")
        .expect("the 2025 order");
    assert_eq!(old[0], 0);
    assert_eq!(old[4], "done");
    assert_eq!(old[10], "SC-2025-0031");
    assert_eq!(data["customers"]["ABC"], "ABC Trading Co.");
    assert!(
        std::fs::read_to_string(site.join("search.html"))
            .expect("search page")
            .contains(&format!("{} orders to search", ids.len())),
    );
    // The other pages link to the search page; none loads the index.
    let home = std::fs::read_to_string(site.join("index.html")).expect("home");
    assert!(home.contains("action=\"search.html\""), "no search box");
    assert!(!home.contains("search/index.js"));
}

#[test]
fn an_order_that_fails_validation_and_hostile_names_are_still_found() {
    let ledger = example_copy();
    // A workflow nobody defined: the order has no page and no status, but
    // whoever looks for it finds it and its file.
    let file = ledger.path().join("orders/2026/202605-ABC-005.yaml");
    let text = std::fs::read_to_string(&file).expect("order");
    let text = text.replacen("customer: ABC\n", "customer: ABC\nworkflow: nosuch\n", 1);
    std::fs::write(&file, text).expect("write");
    // A name with what would end a string, a script or a line in JavaScript.
    let customer = ledger.path().join("customers/HKL.yaml");
    let text = std::fs::read_to_string(&customer).expect("customer");
    let text = text.replacen(
        "name: Harbor Kitchenware Ltd.",
        "name: \"Harbor \\\"Kitchen\\\\ware\\\" </script>\\u2028Ltd.\"",
        1,
    );
    std::fs::write(&customer, text).expect("write");
    let run = run_in(ledger.path(), &["--as-of", AS_OF, "site", "-o", "_site"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    let data = index(&ledger.path().join("_site"));
    let row = data["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .find(|r| r[2] == "202605-ABC-005")
        .expect("the order with an unknown workflow")
        .clone();
    assert_eq!(row[0], 0, "{row}");
    assert_eq!(row[1], "orders/2026/202605-ABC-005.yaml");
    assert_eq!(row[4], "", "no status without a workflow");
    assert_eq!(
        data["customers"]["HKL"],
        "Harbor \"Kitchen\\ware\" </script>\u{2028}Ltd."
    );
}
