//! The site in a real browser: headless Chromium, driven over the DevTools
//! protocol, loads every page of the example ledger's site in English and
//! Chinese and fails on any console error, uncaught exception or failed
//! request, on an internal link to nothing, and when the tables' script does
//! not run. Screenshots of the home, a person, an order and the monthly page go
//! to `target/browser-screenshots/` (not in git).
//!
//! Ignored by `cargo test`: it needs Chromium. `.ci/run` installs Debian's
//! `chromium` when it is missing and runs it with `--ignored`.

mod cdp;

use std::path::{Path, PathBuf};
use std::process::Command;

use cdp::Browser;

const AS_OF: &str = "2026-11-20T12:00:00+08:00";

fn build_site(ledger: &Path, out: &Path, lang: &str) {
    let status = Command::new(env!("CARGO_BIN_EXE_ordo"))
        .current_dir(ledger)
        .env_remove("NO_COLOR")
        .env_remove("CI")
        .args(["--as-of", AS_OF, "--lang", lang, "site", "-o"])
        .arg(out)
        .status()
        .expect("ordo runs");
    assert!(status.success(), "ordo site --lang {lang}");
}

fn html_pages(dir: &Path) -> Vec<PathBuf> {
    let mut pages = Vec::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(at) = stack.pop() {
        for entry in std::fs::read_dir(&at).expect("dir").flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "html") {
                pages.push(path);
            }
        }
    }
    pages.sort();
    pages
}

fn file_url(path: &Path) -> String {
    format!("file://{}", path.display())
}

#[test]
#[ignore = "needs Chromium; .ci/run installs it and runs this with --ignored"]
fn every_page_of_the_site_loads_cleanly_in_both_languages() {
    let (work, ledger, shots) = example_and_screenshots();
    let mut browser = Browser::launch(work.path()).expect("Chromium starts");
    let mut loaded = 0;
    for lang in ["en", "zh-CN"] {
        let site = work.path().join(format!("site-{lang}"));
        build_site(&ledger, &site, lang);
        for page in html_pages(&site) {
            let url = file_url(&page);
            let visit = browser.visit(&url).unwrap_or_else(|e| panic!("{url}: {e}"));
            assert!(
                visit.problems.is_empty(),
                "{url}:\n{}",
                visit.problems.join("\n")
            );
            assert_eq!(visit.lang, lang, "{url}");
            for link in &visit.links {
                if let Some(path) = link.strip_prefix("file://") {
                    let path = path.split('#').next().unwrap_or(path);
                    assert!(
                        Path::new(path).exists(),
                        "{url} links to {link}, which is not there"
                    );
                } else {
                    panic!("{url} links outside the site: {link}");
                }
            }
            loaded += 1;
        }
        // The tables' script runs: a click on a heading sorts.
        let home = file_url(&site.join("index.html"));
        browser.visit(&home).expect("home");
        let sorted = browser
            .evaluate("(() => { const th = document.querySelector('table.sortable thead th'); th.click(); return th.getAttribute('aria-sort'); })()")
            .expect("evaluate");
        assert_eq!(sorted, "\"ascending\"", "{home}");
        for (name, rel) in [
            ("home", "index.html"),
            ("person", "people/grace.html"),
            ("order", "orders/202605-ABC-005.html"),
            ("monthly", "monthly.html"),
        ] {
            let url = file_url(&site.join(rel));
            browser.visit(&url).expect(rel);
            let png = browser.screenshot().expect("screenshot");
            assert!(png.len() > 10_000, "{rel}: a blank screenshot?");
            std::fs::write(shots.join(format!("{lang}-{name}.png")), png)
                .expect("write screenshot");
        }
    }
    assert!(loaded >= 50, "{loaded} pages");
}

/// What does not fit a phone's width: the page scrolling sideways (a table
/// wider than the screen scrolls inside itself instead), an order id broken
/// over lines, a table heading broken (Chinese ones one character a line).
const PHONE_PROBLEMS: &str = r#"(() => {
  const out = [];
  const page = document.documentElement;
  if (page.scrollWidth > window.innerWidth + 1) {
    out.push(`the page is ${page.scrollWidth}px wide on a ${window.innerWidth}px screen`);
  }
  for (const a of document.querySelectorAll('a[href*="orders/"]')) {
    if (a.getClientRects().length > 1) out.push(`order id broken: ${a.textContent}`);
  }
  // The lines a heading's own text takes (a row heading's cell is as tall as
  // its row, whatever the heading).
  for (const th of document.querySelectorAll('th')) {
    if (th.getClientRects().length === 0) continue;
    const range = document.createRange();
    range.selectNodeContents(th);
    const lines = new Set(Array.from(range.getClientRects()).map(r => Math.round(r.top)));
    if (lines.size > 2) out.push(`heading broken over ${lines.size} lines: ${th.textContent}`);
  }
  return out;
})()"#;

#[test]
#[ignore = "needs Chromium; .ci/run installs it"]
fn the_site_fits_a_phone_in_both_languages() {
    // Every page of both sites at 390 px: nothing scrolls the page sideways,
    // no order id or heading breaks.
    let (work, ledger, shots) = example_and_screenshots();
    let mut browser = Browser::launch(work.path()).expect("Chromium starts");
    browser.phone(Some(390)).expect("phone width");
    let mut problems = Vec::new();
    for lang in ["en", "zh-CN"] {
        let site = work.path().join(format!("site-{lang}"));
        build_site(&ledger, &site, lang);
        // Every page: a table that overflows one page overflows on its like.
        for page in html_pages(&site) {
            let rel = page
                .strip_prefix(&site)
                .expect("inside the site")
                .to_string_lossy()
                .replace('\\', "/");
            let rel = rel.as_str();
            let url = file_url(&site.join(rel));
            browser.visit(&url).expect(rel);
            // Every <details> open, so the tables inside are laid out too.
            browser
                .evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
                .expect("open details");
            let found = browser.evaluate(PHONE_PROBLEMS).expect("evaluate");
            let found: Vec<String> = serde_json::from_str(&found).expect("a list");
            problems.extend(found.into_iter().map(|p| format!("{lang} {rel}: {p}")));
            if rel == "index.html" {
                let png = browser.screenshot().expect("screenshot");
                std::fs::write(shots.join(format!("{lang}-phone-home.png")), png)
                    .expect("write screenshot");
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// A copy of the example ledger in a temporary folder (the browser's profile
/// goes there too), and the folder screenshots are written to.
fn example_and_screenshots() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let work = tempfile::tempdir().expect("temp");
    let ledger = work.path().join("ledger");
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("example-ledger"),
        &ledger,
    );
    let shots = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/browser-screenshots");
    std::fs::create_dir_all(&shots).expect("screenshots folder");
    (work, ledger, shots)
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("dir");
    for entry in std::fs::read_dir(from).expect("dir").flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("copy");
        }
    }
}

#[test]
#[ignore = "needs Chromium; .ci/run installs it"]
fn late_rows_and_invalid_orders_are_marked_where_people_look() {
    let (work, ledger, _) = example_and_screenshots();
    // An order with a validation error that still reads (an unknown owner).
    let file = ledger.join("orders/2026/202605-ABC-005.yaml");
    let text = std::fs::read_to_string(&file).expect("order");
    std::fs::write(&file, text.replacen("owner: alice", "owner: alicia", 1)).expect("write");
    let mut browser = Browser::launch(work.path()).expect("Chromium starts");
    browser.phone(Some(390)).expect("phone width");
    let site = work.path().join("site-en");
    build_site(&ledger, &site, "en");
    browser
        .visit(&file_url(&site.join("orders.html")))
        .expect("orders");
    // The late rows carry their mark and it shows (a badge with the days).
    let late = browser
        .evaluate("document.querySelectorAll('tr.is-late').length")
        .expect("evaluate");
    assert_ne!(late, "0", "no late row marked on orders.html");
    let badge = browser
        .evaluate("(() => { const b = document.querySelector('tr.is-late td[data-value] *'); return b ? getComputedStyle(b).display !== 'none' && b.getBoundingClientRect().width > 0 : false; })()")
        .expect("evaluate");
    assert_eq!(badge, "true", "the late badge is not visible");
    // A step is shown by its title; the filter still finds it by its id
    // (before the fix, the id lived only in a tooltip the filter did not read).
    let found = browser
        .evaluate("(() => { const i = document.querySelector('input.filter'); i.value = 'ORD-17'; i.dispatchEvent(new Event('input')); return Array.from(document.querySelectorAll('table[data-filter] tbody tr')).filter(r => !r.hidden).length; })()")
        .expect("evaluate");
    assert_ne!(
        found, "0",
        "filtering orders.html by a step id finds nothing"
    );
    browser
        .visit(&file_url(&site.join("orders/202605-ABC-005.html")))
        .expect("order page");
    let flagged = browser
        .evaluate("(() => { const s = document.querySelector('section.flagged'); return s ? s.textContent : ''; })()")
        .expect("evaluate");
    assert!(flagged.contains("unknown-person"), "{flagged}");
    browser
        .visit(&file_url(&site.join("index.html")))
        .expect("home");
    let count = browser
        .evaluate("(() => { const c = document.querySelector('a[href=\\'#errors\\'] strong'); return c ? c.textContent : ''; })()")
        .expect("evaluate");
    assert_ne!(count.trim_matches('"'), "0", "the home page's error count");
    assert_ne!(
        count.trim_matches('"'),
        "",
        "no error count on the home page"
    );
}

/// The value of `expression` once it is not `""`, `0`, `null` or `false`
/// (the page's script works on its own time), or the last value after 10 s.
fn wait_for(browser: &mut Browser, expression: &str) -> String {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let value = browser.evaluate(expression).expect("evaluate");
        let empty = ["\"\"", "0", "null", "false"].contains(&value.as_str());
        if !empty || std::time::Instant::now() > deadline {
            return value;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

#[test]
#[ignore = "needs Chromium; .ci/run installs it"]
fn the_search_finds_every_order_from_a_file_url() {
    let (work, ledger, shots) = example_and_screenshots();
    let mut browser = Browser::launch(work.path()).expect("Chromium starts");
    let site = work.path().join("site-en");
    build_site(&ledger, &site, "en");
    // The home page stays light: the index is not one of what it loads.
    let home = browser
        .visit(&file_url(&site.join("index.html")))
        .expect("home");
    assert!(
        !home.links.iter().any(|l| l.contains("search/index.js")),
        "the home page loads the search index"
    );
    // The box in the header asks the search page, which loads the index.
    let asked = wait_for(
        &mut browser,
        "(() => { const i = document.querySelector('header form.search input'); i.value = '202503-ABC'; i.form.submit(); return true; })()",
    );
    assert_eq!(asked, "true");
    let rows = "Array.from(document.querySelectorAll('#search-results tbody tr')).map(r => r.textContent).join('\\n')";
    let found = wait_for(&mut browser, rows);
    // Closed in 2025: no page, found with its file.
    assert!(found.contains("202503-ABC-001"), "{found}");
    assert!(found.contains("no page"), "{found}");
    assert!(found.contains("orders/2025/202503-ABC-001.yaml"), "{found}");
    // Every word must be there: a customer's name and a status, typed.
    let typed = browser
        .evaluate("(() => { const i = document.getElementById('q'); i.value = 'kitchenware done'; i.dispatchEvent(new Event('input')); return true; })()")
        .expect("evaluate");
    assert_eq!(typed, "true");
    let found = wait_for(
        &mut browser,
        "(() => { const t = Array.from(document.querySelectorAll('#search-results tbody tr')).map(r => r.textContent).join('\\n'); return t.includes('202503') ? '' : t; })()",
    );
    assert!(found.contains("202506-HKL-001"), "{found}");
    assert!(!found.contains("ABC"), "{found}");
    // An order with a page links to it.
    let link = browser
        .evaluate("(() => { const i = document.getElementById('q'); i.value = '202605-ABC-005'; i.dispatchEvent(new Event('input')); return true; })()")
        .expect("evaluate");
    assert_eq!(link, "true");
    let href = wait_for(
        &mut browser,
        "(() => { const a = document.querySelector('#search-results a.order-id'); return a ? a.getAttribute('href') : ''; })()",
    );
    assert_eq!(href, "\"orders/202605-ABC-005.html\"");
    // A search with pages and without, as a phone shows it.
    browser.phone(Some(390)).expect("phone width");
    browser
        .evaluate("(() => { const i = document.getElementById('q'); i.value = 'abc trading'; i.dispatchEvent(new Event('input')); return true; })()")
        .expect("evaluate");
    let shown = wait_for(
        &mut browser,
        "(() => { const n = document.querySelectorAll('#search-results tbody tr').length; return n > 1 ? n : 0; })()",
    );
    assert_ne!(shown, "0", "no ABC order found");
    let problems = browser.evaluate(PHONE_PROBLEMS).expect("evaluate");
    assert_eq!(problems, "[]", "the search page on a phone");
    let png = browser.screenshot().expect("screenshot");
    std::fs::write(shots.join("en-phone-search.png"), png).expect("write screenshot");
}
