//! Calendar events link back to the order's page on the published site
//! (`site_url` in ordo.yaml), so a reminder opens the order it is about.

use crate::support::{edit, example_copy, run_in};

fn calendar(dir: &std::path::Path) -> String {
    let run = run_in(dir, &["--as-of", "2026-11-20T12:00", "calendar"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    run.stdout.replace("\r\n ", "")
}

#[test]
fn events_link_to_their_orders_page_when_the_site_is_published() {
    let copy = example_copy();
    assert!(
        !calendar(copy.path()).contains("\r\nURL"),
        "no address, no link"
    );
    edit(
        copy.path(),
        "ordo.yaml",
        "name: ",
        "site_url: https://orders.example.com/ledger/\nname: ",
    );
    let ics = calendar(copy.path());
    let review = &ics[ics
        .find("UID:202611-ABC-007.review@")
        .expect("the review's event")..];
    let review = &review[..review.find("END:VEVENT").expect("end")];
    assert!(
        review.contains("URL:https://orders.example.com/ledger/orders/202611-ABC-007.html\r\n"),
        "{review}"
    );
    let events = ics.matches("BEGIN:VEVENT").count();
    assert_eq!(
        ics.matches("\r\nURL:https://orders.example.com/ledger/orders/")
            .count(),
        events
    );
}

#[test]
fn a_site_address_that_is_not_http_is_refused() {
    let copy = example_copy();
    edit(
        copy.path(),
        "ordo.yaml",
        "name: ",
        "site_url: \"javascript:alert(1)\"\nname: ",
    );
    let run = run_in(copy.path(), &["--as-of", "2026-11-20", "validate"]);
    assert_eq!(run.code, 1, "{}", run.transcript());
    assert!(run.stdout.contains("site_url"), "{}", run.stdout);
}

#[test]
fn a_chinese_feed_says_what_to_do_in_chinese() {
    // Before, `--lang zh-CN` gave an English feed with raw role ids
    // (`role accounting`): issue 27, item 10.
    let copy = crate::support::example_copy();
    let run = crate::support::run_as_of(
        copy.path(),
        "2026-11-20T12:00",
        &["--lang", "zh-CN", "calendar"],
    );
    assert_eq!(run.code, 0, "{}", run.transcript());
    // Lines folded at 75 octets are unfolded; escaped commas read back.
    let text = run
        .stdout
        .replace("\r\n ", "")
        .replace("\n ", "")
        .replace("\\,", ",")
        .replace("\\;", ";");
    assert!(
        text.contains("SUMMARY:⚠ 逾期 24 天 · 202605-ABC-005 收到客户尾款"),
        "{text}"
    );
    assert!(
        text.contains(
            "DESCRIPTION:待办：收到客户尾款(角色：财务)。\\n订单 202605-ABC-005(客户 ABC，普通优先级)；\
             到期 2026-10-27 (确定)，逾期 24 天。\\n日期依据：运行 `ordo explain 202605-ABC-005 ORD-11` 查看计算过程"
        ),
        "{text}"
    );
    // The weekly production update, and the alarm before a step is due.
    assert!(
        text.contains("SUMMARY:202606-BJX-003 生产完成：进度更新"),
        "{text}"
    );
    assert!(
        text.contains("订单 202606-BJX-003(客户 BJX)：每 1 周报告一次生产完成的进度"),
        "{text}"
    );
    assert!(text.contains("将于"), "{text}");
    // No English words in what the feed says: the engine's chain and step ids
    // stay in the English feed. Left aside: the commands to run (in
    // backticks, or `(ordo note …)`) and what people wrote (an update's
    // status, after 上次更新).
    let said: Vec<String> = text
        .lines()
        .filter(|l| l.starts_with("SUMMARY:") || l.starts_with("DESCRIPTION:"))
        .map(|l| {
            let l = l.split("上次更新").next().unwrap_or_default();
            let l = l.split("(ordo note").next().unwrap_or_default();
            l.split('`').step_by(2).collect::<String>()
        })
        .collect();
    let english: Vec<&str> = said
        .iter()
        .flat_map(|l| l.split(|c: char| !c.is_ascii_alphabetic() && c != '-'))
        .filter(|w| w.len() > 3 && w.chars().all(|c| c.is_ascii_lowercase() || c == '-'))
        .collect();
    assert!(
        english.is_empty(),
        "English in the Chinese feed: {english:?}"
    );
}
