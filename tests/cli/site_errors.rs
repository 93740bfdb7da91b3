//! `ordo site` tells the truth about invalid orders: an order that is read but
//! wrong is flagged where people look (its page, the lists, the home page's
//! errors with file, line and column), a file that cannot be read is named with
//! its finding, and `--strict` fails on either.

use std::path::Path;

use crate::support::{AS_OF, edit, example_copy, run_in};

fn build(ledger: &Path, extra: &[&str]) -> crate::support::Run {
    let mut args = vec!["--as-of", AS_OF, "site", "-o", "_site"];
    args.extend_from_slice(extra);
    run_in(ledger, &args)
}

fn read(ledger: &Path, rel: &str) -> String {
    std::fs::read_to_string(ledger.join("_site").join(rel)).expect("page")
}

/// The example with 202611-ABC-006 naming a customer that has no file: read,
/// but wrong (two errors: the customer, and the id that names another).
fn with_an_unknown_customer() -> tempfile::TempDir {
    let ledger = example_copy();
    edit(
        ledger.path(),
        "orders/2026/202611-ABC-006.yaml",
        "customer: ABC\n",
        "customer: ABX\n",
    );
    ledger
}

#[test]
fn the_example_site_has_no_errors_and_passes_strict() {
    let ledger = example_copy();
    let run = build(ledger.path(), &["--strict"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert!(
        run.stdout
            .contains("0 order files left out, 0 errors found"),
        "{}",
        run.stdout
    );
    assert!(read(ledger.path(), "index.html").contains("`ordo validate` finds no errors."));
}

#[test]
fn an_order_read_but_wrong_is_flagged_on_its_page_in_the_lists_and_on_the_home_page() {
    let ledger = with_an_unknown_customer();
    let run = build(ledger.path(), &[]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert!(
        run.stdout
            .contains("0 order files left out, 2 errors found"),
        "{}",
        run.stdout
    );
    let home = read(ledger.path(), "index.html");
    assert!(home.contains("<strong>2</strong> errors found"), "{home}");
    assert!(
        home.contains(
            "<code>orders/2026/202611-ABC-006.yaml:2:11</code></td><td><code>unknown-customer</code>"
        ),
        "{home}"
    );
    assert!(home.contains("<code>id-mismatch</code>"), "{home}");
    let own = read(ledger.path(), "orders/202611-ABC-006.html");
    assert!(own.contains("class=\"flagged\""), "{own}");
    assert!(
        own.contains("customer `ABX` has no file in customers/"),
        "{own}"
    );
    let orders = read(ledger.path(), "orders.html");
    let row = orders
        .lines()
        .find(|l| l.contains("orders/202611-ABC-006.html"))
        .expect("listed");
    assert!(row.contains("class=\"flag\""), "{row}");
    // Another order is not flagged.
    let other = read(ledger.path(), "orders/202611-ABC-007.html");
    assert!(!other.contains("class=\"flagged\""));

    // Built again with validation's cache warm (the site then reads the
    // orders the cache answers for itself), the order is flagged all the same.
    assert_eq!(build(ledger.path(), &["--strict"]).code, 1);
    let own = read(ledger.path(), "orders/202611-ABC-006.html");
    assert!(own.contains("class=\"flagged\""), "{own}");
    let other = read(ledger.path(), "orders/202611-ABC-007.html");
    assert!(!other.contains("class=\"flagged\""));
}

/// Every file of a built site, by path.
fn site_files(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.expect("walk"))
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).expect("inside");
            (
                rel.display().to_string(),
                std::fs::read(e.path()).expect("read"),
            )
        })
        .collect()
}

#[test]
fn a_cold_build_and_a_warm_one_write_the_same_site() {
    // Cold, validation reads each order and hands it to the site; warm, its
    // cache answers and the site reads the orders itself. Same site either way,
    // the flagged order included.
    let ledger = with_an_unknown_customer();
    let _ = std::fs::remove_dir_all(ledger.path().join(".ordo"));
    let cold = run_in(ledger.path(), &["--as-of", AS_OF, "site", "-o", "cold"]);
    assert_eq!(cold.code, 0, "{}", cold.transcript());
    assert!(
        ledger.path().join(".ordo").is_dir(),
        "validation's cache was written"
    );
    let warm = run_in(ledger.path(), &["--as-of", AS_OF, "site", "-o", "warm"]);
    assert_eq!(warm.code, 0, "{}", warm.transcript());
    let cold = site_files(&ledger.path().join("cold"));
    let warm = site_files(&ledger.path().join("warm"));
    assert!(cold.len() > 40, "{}", cold.len());
    assert_eq!(
        cold.keys().collect::<Vec<_>>(),
        warm.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &cold {
        assert!(
            warm[path] == *bytes,
            "{path} differs between a cold and a warm build"
        );
    }
    let page = String::from_utf8_lossy(&cold["orders/202611-ABC-006.html"]).into_owned();
    assert!(page.contains("class=\"flagged\""), "{page}");
}

#[test]
fn a_file_left_out_is_named_with_its_finding_and_fails_strict() {
    let ledger = example_copy();
    edit(
        ledger.path(),
        "orders/2026/202611-ABC-007.yaml",
        "priority: urgent\n",
        "priority: urgnt\n",
    );
    let run = build(ledger.path(), &["--strict"]);
    assert_eq!(run.code, 1, "{}", run.transcript());
    assert!(
        run.stdout
            .contains("1 order files left out, 1 errors found"),
        "{}",
        run.stdout
    );
    let home = read(ledger.path(), "index.html");
    assert!(
        home.contains("<code>orders/2026/202611-ABC-007.yaml:7:11</code></td><td><code>schema</code> `urgnt` is not one of"),
        "{home}"
    );
}

#[test]
fn many_errors_are_counted_whole_and_listed_up_to_a_limit() {
    let ledger = example_copy();
    let order = read_order(ledger.path());
    for n in 100..=320 {
        let id = format!("202611-ABX-{n:03}");
        let text = order
            .replace("202611-ABC-007", &id)
            .replace("customer: ABC\n", "customer: ABX\n");
        std::fs::write(ledger.path().join(format!("orders/2026/{id}.yaml")), text).expect("write");
    }
    let validate = run_in(ledger.path(), &["--as-of", AS_OF, "validate"]);
    let errors: usize = validate
        .stdout
        .lines()
        .last()
        .and_then(|l| l.split(' ').next())
        .and_then(|n| n.parse().ok())
        .expect("a count");
    assert!(errors >= 221, "{}", validate.stdout);
    let run = build(ledger.path(), &[]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    let home = read(ledger.path(), "index.html");
    assert!(
        home.contains(&format!("<strong>{errors}</strong> errors found")),
        "{home}"
    );
    assert_eq!(
        home.matches("<tr class=\"is-late\"><td>").count() - overdue_rows(&home),
        200
    );
    assert!(
        home.contains(&format!(
            "{} more errors are not listed here: `ordo validate` lists them all.",
            errors - 200
        )),
        "{home}"
    );
}

fn read_order(ledger: &Path) -> String {
    std::fs::read_to_string(ledger.join("orders/2026/202611-ABC-007.yaml")).expect("order")
}

/// The late rows of the home page's other tables.
fn overdue_rows(home: &str) -> usize {
    let errors = home.find("id=\"errors\"").expect("errors section");
    home[..errors].matches("<tr class=\"is-late\"><td>").count()
}
