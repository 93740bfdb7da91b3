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
        10,
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
