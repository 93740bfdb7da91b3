//! The site's customers page and a page per customer: what each owes, aged by
//! days late (not due, 1–30, 31–60, 61–90, over 90), its credit limit and its
//! orders; other currencies converted at `fx`, and one without a rate named.

use crate::support::{edit, example_copy, run_in};

/// The site of a copy of the example as of `as_of`, and a reader of its pages
/// with the markup taken out (cells joined by " | ").
fn site(ledger: &std::path::Path, as_of: &str, lang: &str) -> impl Fn(&str) -> String {
    let run = run_in(
        ledger,
        &["--as-of", as_of, "--lang", lang, "site", "-o", "_site"],
    );
    assert_eq!(run.code, 0, "{}", run.transcript());
    let root = ledger.join("_site");
    move |rel: &str| {
        let html = std::fs::read_to_string(root.join(rel)).expect(rel);
        let text = html
            .split('<')
            .map(|part| part.split_once('>').map_or(part, |(_, text)| text))
            .filter(|t| !t.trim().is_empty())
            .map(str::trim)
            .collect::<Vec<_>>()
            .join(" | ");
        text.replace(['\u{2068}', '\u{2069}'], "")
            .replace("&#39;", "'")
            .replace("&quot;", "\"")
            .replace("&amp;", "&")
    }
}

#[test]
fn each_customer_has_a_page_with_what_it_owes_aged_by_days_late() {
    let ledger = example_copy();
    let read = site(ledger.path(), "2026-12-05", "en");
    let all = read("customers.html");
    for code in ["ABC", "BJX", "HKL", "MLS", "NWJ", "SZT"] {
        assert!(all.contains(&format!("| {code} |")), "{code}: {all}");
        read(&format!("customers/{code}.html"));
    }
    // BJX: 4,400.00 of BJX-004 five days late; BJX-003's balance waits for
    // production, so its past forecast date is not late money.
    assert!(
        all.contains(
            "BJX | 50,000.00 | 67,400.00 | 63,000.00 | 4,400.00 | 0.00 | 0.00 | 0.00 | ⚠ | 5 days late | 2"
        ),
        "{all}"
    );
    // A new customer has the ledger's default limit.
    assert!(
        all.contains("NWJ | 0.00 (the ledger's default) | 36,000.00"),
        "{all}"
    );
    let bjx = read("customers/BJX.html");
    assert!(
        bjx.contains(
            "202610-BJX-004 | net | 2026-11-30 | ⚠ | 5 days late | 1–30 days | CNY 4,400.00 | 4,400.00"
        ),
        "{bjx}"
    );
    // In USD, converted at 7.10.
    let hkl = read("customers/HKL.html");
    assert!(
        hkl.contains("202611-HKL-004 | balance | 2027-01-31 | not due | USD 7,750.00 | 55,025.00"),
        "{hkl}"
    );
    // ABC's balance of ABC-005, 39 days late.
    assert!(
        read("customers/ABC.html").contains("| 31–60 days | CNY 7,770.00 |"),
        "ABC"
    );
}

#[test]
fn a_currency_without_a_rate_is_named_and_left_out_of_the_sums() {
    let ledger = example_copy();
    edit(ledger.path(), "ordo.yaml", "  USD: 7.10\n", "");
    let read = site(ledger.path(), "2026-12-05", "en");
    let all = read("customers.html");
    assert!(
        all.contains(
            "Left out of the sums (a currency without a rate under `fx`): 202607-HKL-003, 202611-HKL-004"
        ),
        "{all}"
    );
    assert!(all.contains("HKL | 150,000.00 | 0.00 |"), "{all}");
    // The installments are still listed, without a converted amount.
    assert!(
        read("customers/HKL.html").contains("| USD 7,750.00 | - |"),
        "HKL"
    );
}

#[test]
fn the_customers_pages_speak_chinese() {
    let ledger = example_copy();
    let read = site(ledger.path(), "2026-12-05", "zh-CN");
    let all = read("customers.html");
    for words in [
        "客户",
        "信用额度",
        "未到期",
        "逾期 1–30 天",
        "逾期 90 天以上",
        "账本默认额度",
    ] {
        assert!(all.contains(words), "{words}: {all}");
    }
    assert!(read("customers/BJX.html").contains("应收账龄"));
}

#[test]
fn an_order_file_that_cannot_be_read_is_named_where_the_money_is_summed() {
    let ledger = example_copy();
    std::fs::write(
        ledger.path().join("orders/2026/202610-BJX-004.yaml"),
        "id: [unclosed\n",
    )
    .expect("write");
    let read = site(ledger.path(), "2026-12-05", "en");
    for page in ["customers.html", "customers/BJX.html"] {
        let text = read(page);
        assert!(
            text.contains(
                "1 order file(s) could not be read: what they owe is in none of these sums. | Files left out"
            ),
            "{page}: {text}"
        );
    }
    // BJX-004's 4,400.00 is not counted, and not silently: the note says so.
    assert!(read("customers.html").contains("BJX | 50,000.00 | 63,000.00 |"));
}
