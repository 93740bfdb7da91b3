//! What the site shows is safe to open (issue 24, item 10): links go to
//! http(s) addresses only, and text people wrote cannot reorder the page or
//! its title for a bidirectional script. Each failed before.

use crate::support::{AS_OF, example_copy, run_in};

#[test]
fn only_http_addresses_are_linked() {
    let ledger = example_copy();
    let config = std::fs::read_to_string(ledger.path().join("ordo.yaml")).expect("config");
    std::fs::write(
        ledger.path().join("ordo.yaml"),
        config.replace(
            "timezone: Asia/Shanghai",
            "timezone: Asia/Shanghai\nrepo_url: \"javascript:alert(document.cookie)//{commit}\"",
        ),
    )
    .expect("write");
    let run = run_in(ledger.path(), &["--as-of", AS_OF, "validate"]);
    assert_eq!(run.code, 1, "{}", run.transcript());
    assert!(
        run.stdout.contains("error[schema]") && run.stdout.contains("not a valid `repo_url`"),
        "{}",
        run.stdout
    );
    let run = run_in(ledger.path(), &["--as-of", AS_OF, "site", "-o", "_site"]);
    assert_eq!(
        run.code,
        2,
        "a broken ordo.yaml stops the site: {}",
        run.transcript()
    );
    assert!(!ledger.path().join("_site").exists());
}

#[test]
fn a_document_address_of_another_scheme_is_a_finding() {
    let ledger = example_copy();
    let path = ledger.path().join("orders/2026/202611-ABC-006.yaml");
    let text = std::fs::read_to_string(&path).expect("order");
    std::fs::write(
        &path,
        format!(
            "{text}documents:\n  - {{kind: customer-po, ref: \"javascript://%0Aalert(1)\", received: 2026-11-02}}\n"
        ),
    )
    .expect("write");
    let run = run_in(ledger.path(), &["--as-of", AS_OF, "validate"]);
    assert_eq!(run.code, 1, "{}", run.transcript());
    assert!(
        run.stdout.contains("other kind than http or https"),
        "{}",
        run.stdout
    );
}

#[test]
fn text_people_wrote_is_isolated_for_bidirectional_scripts() {
    let ledger = example_copy();
    let path = ledger.path().join("customers/ABC.yaml");
    let text = std::fs::read_to_string(&path).expect("customer");
    let name = text
        .lines()
        .find_map(|l| l.strip_prefix("name: "))
        .expect("a name")
        .to_owned();
    let evil = format!("{name} \u{202E}gnp.exe");
    std::fs::write(
        &path,
        text.replace(&format!("name: {name}"), &format!("name: \"{evil}\"")),
    )
    .expect("write");
    let run = run_in(ledger.path(), &["--as-of", AS_OF, "site", "-o", "_site"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    let page = std::fs::read_to_string(ledger.path().join("_site/orders/202611-ABC-006.html"))
        .expect("page");
    let title = page
        .split("<title>")
        .nth(1)
        .and_then(|t| t.split("</title>").next())
        .expect("title");
    assert!(
        title.contains(&format!("\u{2068}{evil}\u{2069}")),
        "the name is isolated in the title: {title:?}"
    );
    assert!(
        page.contains(&format!("<bdi>{evil}</bdi>")),
        "and on the page"
    );
}
