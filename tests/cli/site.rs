//! `ordo site`: the daily publication, checked file by file: every page and
//! link there, both languages, the same bytes twice, feeds real clients read,
//! the reports' JSON as the CLI writes it, and an invalid order named, not
//! hiding the others.

use std::collections::BTreeMap;
use std::path::Path;

use crate::support::{AS_OF, example_copy, git, run_in};

fn build(ledger: &Path, out: &str, extra: &[&str]) -> crate::support::Run {
    let mut args = vec!["--as-of", AS_OF, "site", "-o", out];
    args.extend_from_slice(extra);
    run_in(ledger, &args)
}

/// Every file of a folder, by path relative to it.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(at) = stack.pop() {
        for entry in std::fs::read_dir(&at).expect("read dir").flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path
                    .strip_prefix(dir)
                    .expect("inside")
                    .to_string_lossy()
                    .replace('\\', "/");
                out.insert(rel, std::fs::read(&path).expect("read"));
            }
        }
    }
    out
}

/// A page's text with HTML's character references decoded, as a browser reads it.
fn page(site: &BTreeMap<String, Vec<u8>>, rel: &str) -> String {
    decode(&String::from_utf8_lossy(&site[rel]))
}

/// A page's text with the entities its templates write (askama's) decoded.
fn decode(html: &str) -> String {
    html.replace("&#34;", "\"")
        .replace("&#39;", "'")
        .replace("&#60;", "<")
        .replace("&#62;", ">")
        .replace("&#38;", "&")
}

/// Every `href` and `src` of a page that stays inside the site resolves to a
/// file; nothing is loaded from elsewhere.
fn check_links(site: &BTreeMap<String, Vec<u8>>) {
    let link = regex::Regex::new(r#"(?:href|src)="([^"]*)""#).expect("regex");
    for (rel, bytes) in site.iter().filter(|(rel, _)| rel.ends_with(".html")) {
        let html = decode(&String::from_utf8_lossy(bytes));
        let base = Path::new(rel).parent().unwrap_or(Path::new(""));
        for found in link.captures_iter(&html) {
            let target = &found[1];
            assert!(
                !target.starts_with("http") && !target.starts_with("//"),
                "{rel} loads {target}"
            );
            let path = target.split('#').next().unwrap_or("");
            if path.is_empty() {
                continue;
            }
            let mut parts: Vec<&str> = base.iter().map(|p| p.to_str().unwrap_or("")).collect();
            for part in path.split('/') {
                match part {
                    ".." => {
                        parts.pop();
                    }
                    "." => {}
                    other => parts.push(other),
                }
            }
            let resolved = parts.join("/");
            assert!(
                site.contains_key(&resolved),
                "{rel} links to {target}, which is not in the site"
            );
        }
    }
}

#[test]
fn the_example_ledgers_site_in_both_languages() {
    let ledger = example_copy();
    let run = build(ledger.path(), "_site", &[]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    let site = files(&ledger.path().join("_site"));
    for page in [
        "index.html",
        "people.html",
        "orders.html",
        "monthly.html",
        "sla.html",
        "people/grace.html",
        "orders/202605-ABC-005.html",
        "data/overdue.json",
        "data/upcoming.json",
        "data/sla.json",
        "data/monthly.json",
        "calendar/all.ics",
        "calendar/grace.ics",
        "assets/site.css",
    ] {
        assert!(
            site.contains_key(page),
            "{page} in {:?}",
            site.keys().collect::<Vec<_>>()
        );
    }
    check_links(&site);
    let home = page(&site, "index.html");
    // BJX-003's production, 79 days late, is erin's; grace has three items.
    assert!(home.contains("79 days late"), "{home}");
    assert!(home.contains(r#"href="people/grace.html""#));
    assert!(home.contains(r#"href="orders/202606-BJX-003.html""#));
    // A closed order more than three months old has no page.
    assert!(
        !site.keys().any(|k| k.starts_with("orders/2025")),
        "{:?}",
        site.keys()
    );
    // Service levels over time by policy and priority: a row per pair, a
    // column per month of the trend.
    let sla = page(&site, "sla.html");
    let pivot = sla
        .split("Compliance by policy, priority and month")
        .nth(1)
        .and_then(|rest| rest.split("</table>").next())
        .expect("the table by priority");
    assert!(
        pivot.contains("<th scope=\"col\" class=\"num\">2026-10</th>"),
        "{pivot}"
    );
    let row = pivot
        .split("<tr>")
        .find(|r| r.contains(">confirmation<"))
        .expect("confirmation's row");
    assert!(
        row.contains("<td>normal</td>") && row.contains(">100.0<"),
        "{row}"
    );
    let order = page(&site, "orders/202605-ABC-005.html");
    assert!(order.contains("<svg") && order.contains("Customer final payment received"));
    assert!(
        !order.contains("销售订单审核表"),
        "the forms are the Chinese site's"
    );

    let run = build(ledger.path(), "_site_zh", &["--lang", "zh-CN"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    let zh = files(&ledger.path().join("_site_zh"));
    check_links(&zh);
    let home = page(&zh, "index.html");
    assert!(home.contains(r#"<html lang="zh-CN">"#));
    assert!(
        home.contains("今日逾期") && home.contains("逾期 79 天"),
        "{home}"
    );
    let order = page(&zh, "orders/202605-ABC-005.html");
    for words in [
        "销售订单登记表",
        "销售订单审核表",
        "物流异常记录表",
        "收到客户尾款",
        "额度是否充足",
    ] {
        assert!(order.contains(words), "{words}");
    }
    // The review form judges the customer's exposure, not the order alone
    // (BJX-004's 4,400 alone was within BJX's 50,000, which a form said was
    // 充足 while the customer owed 67,400): approved, awaiting, within.
    let sufficient = |id: &str| {
        let page = page(&zh, &format!("orders/{id}.html"));
        let at = page.find("额度是否充足</th><td>").expect("the field");
        page[at..]
            .split("</td>")
            .next()
            .unwrap_or_default()
            .to_owned()
    };
    assert!(sufficient("202610-BJX-004").ends_with("否(已经销售总监审批)"));
    assert!(sufficient("202611-HKL-004").ends_with("否(需销售总监审批)"));
    assert!(sufficient("202605-ABC-005").ends_with("<td>是"));
    assert!(order.contains("记录方式：`ordo ship`"), "{order}");
    // The documents logged for an order, their kinds titled in Chinese.
    let custom = page(&zh, "orders/202607-HKL-003.html");
    assert!(
        custom.contains("文件资料") && custom.contains("<td>设计稿</td>"),
        "{custom}"
    );
    let monthly = page(&zh, "monthly.html");
    assert!(monthly.contains("准时交付率") && monthly.contains("<svg"));
}

#[test]
fn the_same_commit_and_as_of_give_the_same_bytes_and_the_clis_json() {
    let ledger = example_copy();
    assert_eq!(build(ledger.path(), "a", &[]).code, 0);
    assert_eq!(build(ledger.path(), "b", &[]).code, 0);
    let (a, b) = (
        files(&ledger.path().join("a")),
        files(&ledger.path().join("b")),
    );
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (rel, bytes) in &a {
        assert!(bytes == &b[rel], "{rel} differs between two builds");
    }
    // The data is the CLI's JSON, in English, whatever the site's language
    // (a Chinese site once put its step titles in the monthly JSON).
    assert_eq!(build(ledger.path(), "zh", &["--lang", "zh-CN"]).code, 0);
    let zh = files(&ledger.path().join("zh"));
    assert!(
        a["data/sla-breaches.json"] == zh["data/sla-breaches.json"],
        "the breaches' data differs between the languages"
    );
    for report in ["overdue", "upcoming", "monthly"] {
        let mut args = vec!["--as-of", AS_OF, report, "--format", "json"];
        if report == "upcoming" {
            args.extend(["--within", "7d"]);
        }
        let cli = run_in(ledger.path(), &args);
        for site in [&a, &zh] {
            assert_eq!(
                String::from_utf8_lossy(&site[&format!("data/{report}.json")]),
                cli.stdout,
                "{report}"
            );
        }
    }
}

#[test]
fn personal_feeds_hold_the_events_that_invite_them() {
    let ledger = example_copy();
    assert_eq!(build(ledger.path(), "_site", &[]).code, 0);
    let site = files(&ledger.path().join("_site"));
    let all = String::from_utf8_lossy(&site["calendar/all.ics"]);
    let cli = run_in(ledger.path(), &["--as-of", AS_OF, "calendar"]);
    let uids = |text: &str| -> Vec<String> {
        text.lines()
            .filter_map(|l| l.strip_prefix("UID:"))
            .map(|u| u.trim().to_owned())
            .collect()
    };
    let mut everyone = uids(&all);
    let mut from_cli = uids(&cli.stdout);
    everyone.sort();
    from_cli.sort();
    assert_eq!(
        everyone, from_cli,
        "the site's feed holds what `ordo calendar` writes"
    );
    let grace = String::from_utf8_lossy(&site["calendar/grace.ics"]);
    let calendar: icalendar::Calendar =
        icalendar::parser::read_calendar(&icalendar::parser::unfold(&grace))
            .expect("parses")
            .into();
    use icalendar::Component;
    let events: Vec<_> = calendar.events().collect();
    assert!(!events.is_empty());
    for event in &events {
        assert!(
            event
                .get_attendees()
                .iter()
                .any(|a| a.cal_address.ends_with("grace@example.com")),
            "{:?}",
            event.get_uid()
        );
    }
    assert!(events.len() < everyone.len());
}

#[test]
fn an_invalid_order_is_named_on_the_home_page_and_hides_nothing() {
    let ledger = example_copy();
    let dir = ledger.path().join("orders/2026");
    std::fs::write(
        dir.join("202611-ABC-099.yaml"),
        "id: 202611-ABC-099\ncustomer: [\n",
    )
    .expect("write");
    let run = build(ledger.path(), "_site", &[]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert!(run.stderr.contains("202611-ABC-099"), "{}", run.stderr);
    let site = files(&ledger.path().join("_site"));
    let home = page(&site, "index.html");
    assert!(home.contains("orders/2026/202611-ABC-099.yaml"), "{home}");
    assert!(
        home.contains("79 days late"),
        "the other orders still count"
    );
    let overdue: serde_json::Value =
        serde_json::from_slice(&site["data/overdue.json"]).expect("json");
    assert_eq!(
        overdue["invalid"][0]["file"],
        "orders/2026/202611-ABC-099.yaml"
    );
    assert_eq!(build(ledger.path(), "_site", &["--strict"]).code, 1);
}

#[test]
fn a_rebuild_replaces_the_site_and_never_anothers_files() {
    let ledger = example_copy();
    assert_eq!(build(ledger.path(), "_site", &[]).code, 0);
    assert!(
        ledger
            .path()
            .join("_site/orders/202611-HKL-004.html")
            .is_file()
    );
    std::fs::remove_file(ledger.path().join("orders/2026/202611-HKL-004.yaml")).expect("remove");
    assert_eq!(build(ledger.path(), "_site", &[]).code, 0);
    assert!(
        !ledger
            .path()
            .join("_site/orders/202611-HKL-004.html")
            .exists(),
        "a page of an order gone is gone"
    );
    let leftovers: Vec<_> = std::fs::read_dir(ledger.path())
        .expect("dir")
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains("ordo-site"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    // A folder of someone else's files: the site goes beside them, never over.
    std::fs::create_dir(ledger.path().join("mine")).expect("dir");
    std::fs::write(ledger.path().join("mine/notes.txt"), "keep").expect("write");
    std::fs::write(ledger.path().join("mine/index.html"), "mine").expect("write");
    let run = build(ledger.path(), "mine", &[]);
    assert_eq!(run.code, 2, "{}", run.transcript());
    assert!(
        run.stderr.contains("holds files ordo did not write where the site goes (index.html); nothing was changed\n  hint: give an empty or new folder\n"),
        "{}",
        run.stderr
    );
    assert_eq!(
        std::fs::read_to_string(ledger.path().join("mine/index.html")).expect("kept"),
        "mine"
    );
    std::fs::remove_file(ledger.path().join("mine/index.html")).expect("remove");
    let run = build(ledger.path(), "mine", &[]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert!(run.stdout.contains("notes.txt"), "{}", run.stdout);
    assert_eq!(
        std::fs::read_to_string(ledger.path().join("mine/notes.txt")).expect("kept"),
        "keep"
    );
    assert!(ledger.path().join("mine/index.html").is_file());
}

#[test]
fn order_pages_link_to_the_file_at_the_commit_for_a_ledger_in_a_subfolder() {
    let repo = tempfile::tempdir().expect("temp");
    let ledger = repo.path().join("ledgers/east");
    crate::support::copy_tree(example_copy().path(), &ledger);
    let config = std::fs::read_to_string(ledger.join("ordo.yaml")).expect("config");
    std::fs::write(
        ledger.join("ordo.yaml"),
        config.replace(
            "timezone: Asia/Shanghai",
            "timezone: Asia/Shanghai\nrepo_url: \"https://git.example/orders/blob/{commit}/{path}#L{line}\"",
        ),
    )
    .expect("write");
    for args in [
        &["init", "-q", "-b", "main"][..],
        &["config", "user.email", "ann@test.example"],
        &["config", "user.name", "Ann"],
        &["add", "-A"],
        &["commit", "-q", "-m", "the ledger"],
    ] {
        git(repo.path(), args);
    }
    let commit = git(repo.path(), &["rev-parse", "HEAD"]).trim().to_owned();
    let out = repo.path().join("public");
    let run = build(&ledger, out.to_str().expect("utf-8"), &[]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    let page =
        decode(&std::fs::read_to_string(out.join("orders/202605-ABC-005.html")).expect("page"));
    let expected = format!(
        "https://git.example/orders/blob/{commit}/ledgers/east/orders/2026/202605-ABC-005.yaml#L1"
    );
    assert!(page.contains(&expected), "{expected}");
    let home = decode(&std::fs::read_to_string(out.join("index.html")).expect("home"));
    assert!(home.contains(&commit[..12]), "the commit is on every page");
}

/// The example ledger with `count` copies of 202606-BJX-003 (79 days late in
/// production, three steps due within the week of the as-of day), numbered
/// from 202606-BJX-100.
fn example_with_copies(count: usize) -> tempfile::TempDir {
    let ledger = example_copy();
    let dir = ledger.path().join("orders/2026");
    let text = std::fs::read_to_string(dir.join("202606-BJX-003.yaml")).expect("read");
    for n in 100..100 + count {
        let id = format!("202606-BJX-{n}");
        std::fs::write(
            dir.join(format!("{id}.yaml")),
            text.replace("202606-BJX-003", &id),
        )
        .expect("write");
    }
    ledger
}

#[test]
fn long_lists_on_the_home_page_are_cut_with_a_pointer_to_the_data() {
    // Thirty copies of an order 79 days late in production: erin's list on the
    // home page shows the 20 latest and says where the rest are.
    let ledger = example_with_copies(30);
    let run = build(ledger.path(), "_site", &[]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    let site = files(&ledger.path().join("_site"));
    let home = page(&site, "index.html");
    let erin = home
        .split("<details")
        .find(|group| group.contains("people/erin.html"))
        .expect("erin's group");
    let rows = erin.matches("<tr").count() - 1;
    assert_eq!(rows, 20, "{erin}");
    let overdue: serde_json::Value =
        serde_json::from_slice(&site["data/overdue.json"]).expect("json");
    let erins = overdue["sections"]["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .filter(|r| r["assignee"].as_str().is_some_and(|a| a.contains("erin")))
        .count();
    assert!(erins > 30, "{erins}");
    assert!(erin.contains(&format!("{erins} items")), "{erin}");
    assert!(
        erin.contains(&format!(
            "… and {} more, all in people/erin.html.",
            erins - 20
        )),
        "{erin}"
    );
    // Erin's own page lists them all.
    let page_ = page(&site, "people/erin.html");
    assert!(page_.matches("202606-BJX-1").count() >= 30);
}

#[test]
fn the_home_pages_upcoming_card_counts_every_item_not_only_those_listed() {
    // Forty copies of an order with three steps due within the week: 130 items,
    // of which the home page lists the first 100.
    let ledger = example_with_copies(40);
    let run = build(ledger.path(), "_site", &[]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    let site = files(&ledger.path().join("_site"));
    let upcoming: serde_json::Value =
        serde_json::from_slice(&site["data/upcoming.json"]).expect("json");
    let items = upcoming["sections"]["rows"].as_array().expect("rows").len();
    assert!(items > 100, "{items}");
    let home = page(&site, "index.html");
    assert!(
        home.contains(&format!(
            r##"<a href="#upcoming"><strong>{items}</strong>"##
        )),
        "{home}"
    );
    let listed = home
        .split(r#"<section aria-labelledby="upcoming">"#)
        .nth(1)
        .and_then(|s| s.split("</section>").next())
        .expect("the upcoming section");
    assert_eq!(
        listed.matches("<tr>").count() + listed.matches("<tr ").count() - 1,
        100
    );
    assert!(
        listed.contains(&format!("… and {} more", items - 100)),
        "{listed}"
    );
}

#[test]
fn upcoming_rows_say_when_they_fall_and_whether_a_reminder() {
    // 202606-BJX-003's ORD-17 is in the week twice: its reminder on 11-26 and
    // its due date on 11-27. The rows say which is which, and a reminder of a
    // step due after the week says when it falls.
    let ledger = crate::support::example_copy();
    let run = build(ledger.path(), "_site", &[]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    let site = files(&ledger.path().join("_site"));
    let home = page(&site, "index.html");
    let listed = home
        .split(r#"<section aria-labelledby="upcoming">"#)
        .nth(1)
        .and_then(|s| s.split("</section>").next())
        .expect("the upcoming section");
    assert!(listed.contains("<th scope=\"col\">when</th><th scope=\"col\">kind</th>"));
    let rows: Vec<&str> = listed
        .split("<tr>")
        .filter(|r| r.contains("202606-BJX-003") && r.contains("ORD-17"))
        .collect();
    assert_eq!(rows.len(), 2, "{listed}");
    assert!(
        rows[0].starts_with("\n<td>2026-11-26</td><td>reminder</td>"),
        "{}",
        rows[0]
    );
    assert!(
        rows[1].starts_with("\n<td>2026-11-27</td><td>due</td>"),
        "{}",
        rows[1]
    );
    let payment = listed
        .split("<tr>")
        .find(|r| r.contains("202606-BJX-003") && r.contains("ORD-11"))
        .expect("the balance's reminder");
    assert!(
        payment.contains("<td>2026-11-27</td><td>reminder</td>"),
        "{payment}"
    );
    assert!(payment.contains("<td>2026-11-30</td>"), "{payment}");
}

#[test]
fn the_orders_page_marks_what_is_late_and_shows_the_money_and_the_date_asked_for() {
    let ledger = crate::support::example_copy();
    let run = build(ledger.path(), "_site", &[]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    let site = files(&ledger.path().join("_site"));
    let orders = page(&site, "orders.html");
    let row_of = |id: &str| {
        orders
            .split("<tr")
            .find(|r| r.contains(&format!(">{id}</a></td>")))
            .unwrap_or_else(|| panic!("{id} is listed"))
            .to_owned()
    };
    // ORD-08 due 2026-09-02, not done by 2026-11-20.
    let late = row_of("202606-BJX-003");
    assert!(late.starts_with(r#" class="is-late">"#), "{late}");
    assert!(
        late.contains(r#"<td data-value="79"><span class="late">"#),
        "{late}"
    );
    assert!(
        late.contains("<td>2026-10-30</td>"),
        "the requested delivery: {late}"
    );
    // The customer by name, with its code.
    assert!(
        late.contains(r#"<td><bdi>北京鑫源商贸有限公司</bdi> <span class="code">BJX</span></td>"#),
        "{late}"
    );
    let home = page(&site, "index.html");
    assert!(
        home.contains(
            r#"<td><bdi>北京鑫源商贸有限公司</bdi> <span class="code">BJX</span></td><td>"#
        ),
        "the home page's rows and customers name them"
    );
    assert!(
        late.contains(r#"<td class="num">CNY 90,000.00</td><td class="num">CNY 63,000.00</td>"#),
        "the total and what is owed: {late}"
    );
    // An order whose next step is not yet due has no mark.
    let on_time = orders
        .split("<tr")
        .find(|r| r.contains("</a></td>") && r.contains(r#"<td data-value="-1"></td>"#))
        .expect("an order on time");
    assert!(!on_time.contains("is-late"), "{on_time}");
    assert!(!on_time.contains("days late"), "{on_time}");
}

#[test]
fn charts_say_what_they_stand_on_and_never_bridge_an_empty_month() {
    let ledger = example_copy();
    assert_eq!(build(ledger.path(), "_site", &[]).code, 0);
    let page =
        |rel: &str| std::fs::read_to_string(ledger.path().join("_site").join(rel)).expect(rel);
    let sla = page("sla.html");
    // Each point says how many met of how many stopped; the caption the total.
    assert!(sla.contains("<title>2025-12: 100 % (1/1)</title>"), "{sla}");
    assert!(sla.contains("compliance % (n = "), "{sla}");
    let monthly = page("monthly.html");
    // Counts of orders have whole-number ticks only.
    assert!(!monthly.contains(">0.5</text>"), "{monthly}");
    // The on-time rate has months without a value: its line is broken there
    // (before: one polyline drawn across the empty months).
    let on_time = monthly
        .split("aria-labelledby=\"on-time-t\"")
        .nth(1)
        .and_then(|rest| rest.split("</figure>").next())
        .expect("the on-time chart");
    let polylines: Vec<&str> = on_time
        .lines()
        .filter(|l| l.starts_with("<polyline"))
        .collect();
    assert_eq!(polylines.len(), 3, "{polylines:?}");
    assert!(
        polylines.iter().all(|l| l.matches(',').count() == 2),
        "{polylines:?}"
    );
}

/// The step ids of the example's workflows that have a Chinese title.
fn step_ids_with_chinese_titles(config: &str) -> Vec<String> {
    let lines: Vec<&str> = config.lines().collect();
    let mut ids: Vec<String> = lines
        .windows(2)
        .filter_map(|pair| {
            let id = pair[0].trim_start().strip_prefix("- id: ")?;
            pair[1].contains("zh-CN:").then(|| id.trim().to_owned())
        })
        .collect();
    ids.sort();
    ids.dedup();
    ids
}

/// `text` without the commands it gives to copy: code between backticks,
/// and from `ordo ` to the end of the command (a backtick, a bracket or the
/// end of the line).
fn without_commands(text: &str) -> String {
    let text: String = text
        .split('`')
        .enumerate()
        .filter(|(i, _)| i % 2 == 0)
        .map(|(_, part)| part)
        .collect::<Vec<_>>()
        .join(" ");
    let mut out = String::new();
    let mut rest = text.as_str();
    while let Some(at) = rest.find("ordo ") {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest
            .find(['`', ')', '）', '\n', '\r'])
            .unwrap_or(rest.len());
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

#[test]
fn the_chinese_pages_people_read_daily_name_steps_by_their_titles_not_their_ids() {
    // Before, the overdue, upcoming and orders tables had a step column of
    // ids (ORD-08, update:ORD-08, review) beside the Chinese title.
    let ledger = example_copy();
    assert_eq!(build(ledger.path(), "zh", &["--lang", "zh-CN"]).code, 0);
    let config = std::fs::read_to_string(ledger.path().join("ordo.yaml")).expect("config");
    let mut ids = step_ids_with_chinese_titles(&config);
    assert!(ids.len() > 30, "{ids:?}");
    // The installments the catalog names (定金, 尾款) and the workflows.
    ids.extend(["deposit", "balance", "invoice", "net", "make-to-order"].map(String::from));
    // The roles (`  sales: {title: {en: Sales, zh-CN: 销售}}`), where a role is
    // named (notes people wrote in English hold words such as `design`).
    let roles: Vec<String> = config
        .lines()
        .filter_map(|line| {
            let (role, rest) = line.strip_prefix("  ")?.split_once(": {title:")?;
            rest.contains("zh-CN:").then(|| role.to_owned())
        })
        .collect();
    assert!(roles.len() > 5, "{roles:?}");
    let site = files(&ledger.path().join("zh"));
    let mut leaks = Vec::new();
    let mut read = 0;
    for (rel, bytes) in &site {
        if !rel.ends_with(".html") && !rel.ends_with(".ics") {
            continue;
        }
        read += 1;
        // What a reader sees: the text between tags.
        let html = String::from_utf8_lossy(bytes);
        let mut text = String::new();
        let mut in_tag = false;
        for c in html.chars() {
            match c {
                '<' => in_tag = true,
                '>' => {
                    in_tag = false;
                    text.push(' ');
                }
                c if !in_tag => text.push(c),
                _ => {}
            }
        }
        // A command to copy (`ordo note 202606-BJX-003 ORD-08 …`) takes ids.
        let text = without_commands(&text.replace("\\n", " "));
        let words: Vec<&str> = text
            .split(|c: char| c.is_whitespace() || "(),:;·`「」：（）".contains(c))
            .collect();
        // A moment is shown as people read it (`2026-11-19 10:00`), never
        // in the file's form (`2026-11-19T10:00:00+08:00`).
        let iso = |w: &str| {
            let b = w.as_bytes();
            b.len() >= 16
                && b[..10].iter().enumerate().all(|(i, c)| {
                    if i == 4 || i == 7 {
                        *c == b'-'
                    } else {
                        c.is_ascii_digit()
                    }
                })
                && b[10] == b'T'
        };
        if let Some(w) = words.iter().find(|w| iso(w)) {
            leaks.push(format!("{rel}: {w}"));
        }
        for role in &roles {
            for named in [format!("角色: {role}"), format!("角色：{role}")] {
                if text.contains(&named) {
                    leaks.push(format!("{rel}: {named}"));
                }
            }
        }
        for id in &ids {
            if words
                .iter()
                .any(|w| w == id || w.ends_with(&format!(":{id}")))
            {
                leaks.push(format!("{rel}: {id}"));
            }
        }
    }
    // Every page and feed: the test passes only on pages read.
    assert!(read >= 40, "{read} pages and feeds read");
    assert!(leaks.is_empty(), "{}", leaks.join("\n"));
    // An incident says its kind in Chinese and when it opened as people
    // read a time (before: `complaint`, `2026-11-19T10:00:00+08:00`).
    let order = String::from_utf8_lossy(&site["orders/202610-BJX-004.html"]).into_owned();
    assert!(
        order.contains("<td>2026-11-19 10:00</td><td>客户投诉</td>"),
        "{order}"
    );
    assert!(!order.contains("T10:00:00+08:00"), "{order}");
}
