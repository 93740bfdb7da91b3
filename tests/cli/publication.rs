//! What the daily publication gives people who never open a terminal: calendar
//! feeds real clients accept, Markdown that renders as written, manual pages and
//! JSON for every listing.

use crate::support::Ledger;

/// The base ledger with its config changed by `edit`.
fn ledger_with(edit: impl Fn(String) -> String) -> Ledger {
    let ledger = Ledger::base();
    let config = std::fs::read_to_string(ledger.path().join("ordo.yaml")).expect("config");
    ledger.write("ordo.yaml", edit(config));
    ledger
}

fn parse_calendar(text: &str) -> icalendar::Calendar {
    icalendar::parser::read_calendar(&icalendar::parser::unfold(text))
        .expect("the calendar parses")
        .into()
}

#[test]
fn a_quote_in_a_persons_name_keeps_the_attendee_line_valid() {
    let ledger = ledger_with(|c| {
        c.replace(
            "{name: Ben,",
            r#"{name: 'Ben "The Box" Li; ^warehouse^, Pudong: East',"#,
        )
    });
    let run = ledger.run(&["calendar"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    // RFC 6868: a double quote is ^' and a caret ^^, inside a quoted value.
    assert!(
        run.stdout.replace("\r\n ", "").contains(
            r#"ATTENDEE;CN="Ben ^'The Box^' Li; ^^warehouse^^, Pudong: East";ROLE=REQ-PARTICIPANT:mailto:ben@test.example"#
        ),
        "{}",
        run.stdout
    );
    use icalendar::Component;
    let calendar = parse_calendar(&run.stdout);
    let ship = calendar
        .events()
        .find(|e| e.get_uid() == Some("202611-ACME-001.ship@test-co"))
        .expect("the ship event");
    let addresses: Vec<String> = ship
        .get_attendees()
        .into_iter()
        .map(|a| a.cal_address)
        .collect();
    assert!(
        addresses.iter().any(|a| a == "mailto:ben@test.example"),
        "{addresses:?}"
    );
}

#[test]
fn a_ledger_named_without_ascii_letters_gets_its_own_uid_host() {
    let uids = |name: &str| {
        let ledger = ledger_with(|c| c.replace("name: Test Co.", &format!("name: {name}")));
        let run = ledger.run(&["calendar"]);
        assert_eq!(run.code, 0, "{}", run.transcript());
        run.stdout
            .lines()
            .filter_map(|l| l.strip_prefix("UID:"))
            .map(|u| u.trim_end().to_owned())
            .collect::<Vec<_>>()
    };
    let east = uids("华东贸易");
    let south = uids("华南贸易");
    assert!(!east.is_empty());
    for uid in east.iter().chain(&south) {
        assert!(uid.is_ascii(), "{uid}");
        assert!(!uid.ends_with("@ordo"), "{uid}");
    }
    assert!(
        east.iter().all(|u| !south.contains(u)),
        "{east:?} {south:?}"
    );
}

#[test]
fn every_calendar_line_fits_in_75_octets() {
    // A 150-octet SUMMARY line is where a fold that forgets the continuation's
    // leading space writes 76 octets; Chinese and accented text folds between
    // characters.
    let titles = ["x".repeat(120), "x".repeat(194), "é包装".repeat(40)];
    for title in titles {
        let ledger = ledger_with(|c| {
            c.replace(
                "name: Test Co.",
                &format!("name: {}", "华东贸易有限公司".repeat(9)),
            )
            .replace("title: Shipped,", &format!("title: {title},"))
        });
        let run = ledger.run(&["calendar"]);
        assert_eq!(run.code, 0, "{}", run.transcript());
        assert!(run.stdout.contains(&title[..10]));
        for line in run.stdout.split("\r\n") {
            assert!(line.len() <= 75, "{} octets: {line}", line.len());
        }
        parse_calendar(&run.stdout);
    }
}

#[test]
fn markdown_cells_render_as_the_text_they_hold() {
    let title = r"Ship \| <b>boxes</b> *now* & [map](x) ~a~ `b` _c_";
    let ledger = ledger_with(|c| {
        c.replace(
            "title: Shipped,",
            &format!("title: '{}',", title.replace('\'', "''")),
        )
    });
    let run = ledger.run(&["overdue", "--format", "markdown"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    let mut options = pulldown_cmark::Options::empty();
    options.insert(pulldown_cmark::Options::ENABLE_TABLES);
    options.insert(pulldown_cmark::Options::ENABLE_STRIKETHROUGH);
    let mut html = String::new();
    pulldown_cmark::html::push_html(
        &mut html,
        pulldown_cmark::Parser::new_ext(&run.stdout, options),
    );
    let row = html
        .split("<tr>")
        .find(|r| r.contains("202611-ACME-001"))
        .expect("the ship row");
    assert_eq!(
        row.matches("<td>").count(),
        11,
        "one cell per column: {row}"
    );
    let escaped = title
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    assert!(row.contains(&format!("<td>{escaped}</td>")), "{row}");
}

#[test]
fn man_writes_every_page_the_main_page_names_with_its_options() {
    let dir = tempfile::tempdir().expect("temp");
    let run = crate::support::run_in(dir.path(), &["man", "-o", "man"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    let main = std::fs::read_to_string(dir.path().join("man/ordo.1")).expect("ordo.1");
    let named = regex::Regex::new(r"ordo\\-([a-z\\-]+)\(1\)").expect("regex");
    let mut pages = 0;
    for found in named.captures_iter(&main) {
        let sub = found[1].replace("\\-", "-");
        let page = std::fs::read_to_string(dir.path().join(format!("man/ordo-{sub}.1")))
            .unwrap_or_else(|e| panic!("ordo-{sub}.1, named in ordo.1: {e}"));
        assert!(page.contains(".SH OPTIONS"), "ordo-{sub}.1");
        pages += 1;
    }
    assert!(pages >= 20, "{pages} pages named");
    let overdue = std::fs::read_to_string(dir.path().join("man/ordo-overdue.1")).expect("page");
    for option in [r"\-\-forecast", r"\-\-fail\-if\-any", r"\-\-as\-of"] {
        assert!(overdue.contains(option), "{option}");
    }
    // Without -o the main page goes to stdout.
    let stdout = crate::support::run_in(dir.path(), &["man"]);
    assert_eq!(stdout.stdout, main);
}

fn example(args: &[&str]) -> crate::support::Run {
    let copy = crate::support::example_copy();
    let mut all = vec!["--as-of", crate::support::AS_OF, "--color", "never"];
    all.extend_from_slice(args);
    crate::support::run_in(copy.path(), &all)
}

#[test]
fn reports_speak_chinese_with_the_titles_ordo_yaml_gives() {
    let run = example(&["overdue", "--lang", "zh-CN"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    for words in [
        "逾期事项",
        "订单编号",
        "逾期天数",
        "生产完成",
        "确定",
        "紧急",
    ] {
        assert!(run.stdout.contains(words), "{words}: {}", run.stdout);
    }
    assert!(
        !run.stdout.contains("Production completed"),
        "{}",
        run.stdout
    );
    // Roles by their Chinese titles, not their ids.
    for (title, id) in [
        ("采购", "purchasing"),
        ("物流", "logistics"),
        ("销售总监", "sales-director"),
    ] {
        assert!(
            run.stdout.contains(&format!("  {title}  ")),
            "{title}: {}",
            run.stdout
        );
        assert!(!run.stdout.contains(id), "{id}: {}", run.stdout);
    }
    // JSON and CSV are data: English values whatever the language.
    let json = example(&["overdue", "--lang", "zh-CN", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&json.stdout).expect("json");
    assert_eq!(report["title"], "Overdue");
    assert_eq!(
        report["sections"]["rows"][0]["title"],
        "Production completed"
    );
    assert_eq!(report["sections"]["rows"][0]["basis"], "firm");
    assert_eq!(report["sections"]["rows"][0]["role"], "purchasing");
}

#[test]
fn service_levels_in_chinese_name_each_policy_by_its_title() {
    let run = example(&["sla", "--by", "policy", "--lang", "zh-CN"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert!(
        run.stdout.contains("\n  客户投诉 2 小时内与客户联系  "),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("complaint-response"), "{}", run.stdout);
    // Data keeps the id.
    let json = example(&[
        "sla", "--by", "policy", "--lang", "zh-CN", "--format", "json",
    ]);
    assert!(
        json.stdout.contains("\"complaint-response\""),
        "{}",
        json.stdout
    );
}

#[test]
fn the_ledgers_language_is_the_default_and_lang_overrides_it() {
    let copy = crate::support::example_copy();
    let config = std::fs::read_to_string(copy.path().join("ordo.yaml")).expect("config");
    std::fs::write(
        copy.path().join("ordo.yaml"),
        config.replace(
            "timezone: Asia/Shanghai",
            "timezone: Asia/Shanghai\nlang: zh-CN",
        ),
    )
    .expect("write");
    let run = |extra: &[&str]| {
        let mut args = vec![
            "--as-of",
            crate::support::AS_OF,
            "monthly",
            "--month",
            "2026-10",
        ];
        args.extend_from_slice(extra);
        crate::support::run_in(copy.path(), &args)
    };
    let chinese = run(&[]);
    assert_eq!(chinese.code, 0, "{}", chinese.transcript());
    assert!(
        chinese.stdout.contains("月度订单分析报表 2026-10"),
        "{}",
        chinese.stdout
    );
    assert!(chinese.stdout.contains("准时交付率"), "{}", chinese.stdout);
    let english = run(&["--lang", "en"]);
    assert!(
        english.stdout.contains("Monthly order analysis 2026-10"),
        "{}",
        english.stdout
    );
}

#[test]
fn every_heading_and_word_of_every_report_is_in_the_catalog() {
    let reports: [&[&str]; 8] = [
        &["overdue", "--forecast"],
        &["upcoming"],
        &["sla", "--detail"],
        &["sla", "--by", "month"],
        &["monthly", "--month", "2026-10"],
        &["list"],
        &["sla", "--by", "customer"],
        &["sla", "--by", "owner"],
    ];
    for args in reports {
        for lang in ["en", "zh-CN"] {
            let mut all = args.to_vec();
            all.extend(["--lang", lang, "--format", "markdown"]);
            let run = example(&all);
            assert_eq!(run.code, 0, "{args:?}: {}", run.transcript());
            // A message the catalog lacks shows as its id.
            for id in [
                "col-",
                "report-",
                "note-",
                "priority-",
                "status-",
                "basis-",
                "sla-",
                "kind-",
                "metric-",
                "state-",
            ] {
                assert!(
                    !run.stdout.contains(&format!(" {id}"))
                        && !run.stdout.contains(&format!("|{id}")),
                    "{args:?} {lang} shows a message id {id}: {}",
                    run.stdout
                );
            }
        }
    }
}

#[test]
fn list_prints_json_with_every_order_and_the_files_left_out() {
    let run = example(&["list", "--format", "json", "--status", "open"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    let report: serde_json::Value = serde_json::from_str(&run.stdout).expect("json");
    assert_eq!(report["report"], "list");
    let rows = report["sections"]["rows"].as_array().expect("rows");
    // As many as the table counts.
    let table = example(&["list", "--status", "open"]);
    assert!(
        table.stdout.ends_with(&format!("{} orders\n", rows.len())),
        "{}",
        table.stdout
    );
    let bjx = rows
        .iter()
        .find(|r| r["order"] == "202606-BJX-003")
        .expect("BJX-003 is open");
    assert_eq!(bjx["status"], "open");
    assert_eq!(bjx["next_due"], "2026-09-02");
    assert_eq!(bjx["step"], "ORD-08");
    assert_eq!(bjx["basis"], "firm");
    assert!(rows.iter().all(|r| r["status"] == "open"));
    assert!(report["invalid"].as_array().is_some_and(Vec::is_empty));
}

/// Version 1 of an order's JSON, whole: a change to any key, value or the
/// keys' order shows here and is a new version (docs/json.md), never a change
/// made in passing to the core's view of an order.
#[test]
fn show_json_version_1_is_frozen() {
    let run = example(&["show", "202610-BJX-004", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn show_prints_one_order_as_json() {
    let run = example(&["show", "202605-ABC-005", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    let document: serde_json::Value = serde_json::from_str(&run.stdout).expect("json");
    assert_eq!(document["version"], 1);
    let order = &document["order"];
    assert_eq!(order["id"], "202605-ABC-005");
    assert_eq!(order["status"], "open");
    let steps = order["steps"].as_array().expect("steps");
    let ord11 = steps.iter().find(|s| s["id"] == "ORD-11").expect("ORD-11");
    // The final payment was due 27 October and is still open on 20 November.
    assert_eq!(ord11["due"], "2026-10-27");
    assert_eq!(ord11["basis"], "firm");
    assert_eq!(ord11["state"], "ready");
    assert_eq!(ord11["late"], true);
    assert!(
        order["installments"]
            .as_array()
            .is_some_and(|i| !i.is_empty())
    );
    // The text and the JSON show the same steps.
    let text = example(&["show", "202605-ABC-005"]);
    for step in steps {
        let id = step["id"].as_str().expect("id");
        assert!(text.stdout.contains(id), "{id}");
    }
}

#[test]
fn a_report_cut_to_a_size_says_how_many_rows_it_left_out_and_where_the_rest_is() {
    let full = example(&["overdue", "--format", "markdown"]);
    let cut = example(&[
        "overdue",
        "--format",
        "markdown",
        "--max-bytes",
        "1500",
        "--more-at",
        "https://acme.example/orders/",
    ]);
    assert_eq!(cut.code, 0, "{}", cut.transcript());
    assert!(full.stdout.len() > 1500, "{}", full.stdout.len());
    assert!(cut.stdout.len() <= 1500, "{}", cut.stdout.len());
    let rows = |text: &str| text.lines().filter(|l| l.starts_with("| 2026")).count();
    let (all, kept) = (rows(&full.stdout), rows(&cut.stdout));
    assert!(kept > 0 && kept < all, "{kept} of {all}");
    assert!(
        cut.stdout
            .contains(&format!("{} of {all} rows are left out", all - kept)),
        "{}",
        cut.stdout
    );
    assert!(cut.stdout.contains("https://acme.example/orders/"));
    // Within the limit, nothing changes.
    let roomy = example(&["overdue", "--format", "markdown", "--max-bytes", "1000000"]);
    assert_eq!(roomy.stdout, full.stdout);
}

#[test]
fn github_annotations_name_files_from_the_repository_root_and_count_what_github_hides() {
    let repo = tempfile::tempdir().expect("temp");
    let ledger = repo.path().join("ledgers/east");
    crate::support::copy_tree(&crate::support::fixtures().join("base"), &ledger);
    crate::support::git(repo.path(), &["init", "-q"]);
    for n in 2..=14 {
        std::fs::write(
            ledger.join(format!("orders/2026/202611-ACME-{n:03}.yaml")),
            format!(
                "id: 202611-ACME-{n:03}\ncustomer: ACME\nowner: ann\nreceived: 2026-11-05T09:00\nchannel: carrier-pigeon\n"
            ),
        )
        .expect("write");
    }
    let run = crate::support::run_in(
        repo.path(),
        &[
            "-C",
            "ledgers/east",
            "--as-of",
            crate::support::AS_OF,
            "validate",
            "--format",
            "github",
        ],
    );
    assert_eq!(run.code, 1, "{}", run.transcript());
    let annotations: Vec<&str> = run
        .stdout
        .lines()
        .filter(|l| l.starts_with("::error"))
        .collect();
    assert_eq!(annotations.len(), 13, "{}", run.stdout);
    for line in &annotations {
        assert!(
            line.contains("file=ledgers/east/orders/2026/202611-ACME-0"),
            "{line}"
        );
    }
    assert!(
        run.stdout
            .contains("::notice title=ordo::3 errors and 0 warnings are not annotated"),
        "{}",
        run.stdout
    );
}
