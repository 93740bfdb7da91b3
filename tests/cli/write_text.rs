//! Text given to a writing command comes back exactly as given (issue 24,
//! item 14): line and paragraph separators (U+2028, U+2029, U+0085) in a
//! note, a summary or a reason used to come back followed by indentation.

use crate::support::Ledger;

/// Each separator alone: the YAML writer quotes a text with U+0085 (a control
/// character) in double quotes and escapes it, but folded one with only U+2028
/// or U+2029 into single quotes.
const TEXTS: [&str; 3] = [
    "first\u{2028}second",
    "first\u{2029}second",
    "first\u{85}second",
];

/// Every string of the order as `ordo show` reads it back.
fn texts(ledger: &Ledger) -> Vec<String> {
    fn walk(value: &serde_json::Value, out: &mut Vec<String>) {
        match value {
            serde_json::Value::String(s) => out.push(s.clone()),
            serde_json::Value::Array(items) => items.iter().for_each(|v| walk(v, out)),
            serde_json::Value::Object(map) => map.values().for_each(|v| walk(v, out)),
            _ => {}
        }
    }
    let run = ledger.run(&["show", "202611-ACME-001", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    let value: serde_json::Value = serde_json::from_str(&run.stdout).expect("json");
    let mut out = Vec::new();
    walk(&value, &mut out);
    out
}

#[test]
fn separators_round_trip_through_every_writer() {
    for text in TEXTS {
        round_trip(text);
    }
}

fn round_trip(text: &str) {
    let ledger = Ledger::base();
    let config = std::fs::read_to_string(ledger.path().join("ordo.yaml")).expect("config");
    ledger.write(
        "ordo.yaml",
        format!("{config}documents:\n  customer-po: {{title: Customer PO}}\n"),
    );
    let runs: [&[&str]; 5] = [
        &[
            "note",
            "202611-ACME-001",
            "ship",
            "--status",
            text,
            "--by",
            "ben",
        ],
        &[
            "amend",
            "202611-ACME-001",
            "--by",
            "ann",
            "--summary",
            text,
            "--impact",
            "minor",
        ],
        &[
            "skip",
            "202611-ACME-001",
            "approve",
            "--by",
            "dan",
            "--reason",
            text,
        ],
        &[
            "attach",
            "202611-ACME-001",
            "customer-po",
            "https://dms.example/po.pdf",
            "--by",
            "ann",
            "--note",
            text,
        ],
        &[
            "advance",
            "202611-ACME-001",
            "ship",
            "--by",
            "ben",
            "--note",
            text,
        ],
    ];
    for args in runs {
        let run = ledger.run(args);
        assert_eq!(run.code, 0, "{args:?}: {}", run.transcript());
    }
    let texts = texts(&ledger);
    // The step's note is not in `show`'s JSON; the four others are.
    let given: Vec<&String> = texts.iter().filter(|t| t.contains("first")).collect();
    assert_eq!(given.len(), 4, "{texts:#?}");
    assert!(
        given.iter().all(|t| *t == text),
        "each text back as given: {given:#?}"
    );
    let run = ledger.run(&["validate"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
}

#[test]
fn rebaselining_a_step_written_in_flow_style_keeps_its_other_fields() {
    // Regression (found by the merge driver's property test): yamlpatch
    // rewrote `{planned: …, note: …}` as `{ planned: … }` when it replaced
    // the date, and the note was gone without a word.
    let ledger = Ledger::base();
    let path = ledger.path().join("orders/2026/202611-ACME-001.yaml");
    let text = std::fs::read_to_string(&path).expect("order");
    std::fs::write(
        &path,
        text.replace(
            "  pack: {done: 2026-11-03, by: ben}\n",
            "  pack: {done: 2026-11-03, by: ben}\n  ship: {planned: 2026-11-10, note: truck booked}  # per Ben\n",
        ),
    )
    .expect("write");
    let run = ledger.run(&[
        "plan",
        "202611-ACME-001",
        "--rebaseline",
        "--reason",
        "the truck comes earlier",
        "--by",
        "ann",
    ]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    let after = std::fs::read_to_string(&path).expect("order");
    assert!(
        after.contains("  ship: {planned: 2026-11-04, note: truck booked}  # per Ben\n"),
        "{after}"
    );
}

#[test]
fn appends_keep_trailing_comments_and_work_on_block_and_flow_lists_and_crlf() {
    let base = "id: 202611-ACME-001\ncustomer: ACME\nowner: ann\nreceived: 2026-11-02T10:00:00+08:00\nchannel: email\nsteps:\n  take: {done: 2026-11-02T10:00, by: ann}\n  pack: {done: 2026-11-03, by: ben}\n";
    let cases = [
        (
            "a comment after a block list",
            format!("{base}amendments:\n  - {{at: 2026-11-05T10:00, by: ann, summary: s, impact: minor}}\n# checked by dora\n"),
        ),
        (
            "blank lines after a block list",
            format!("{base}amendments:\n  - {{at: 2026-11-05T10:00, by: ann, summary: s, impact: minor}}\n\n\n"),
        ),
        ("an empty flow list", format!("{base}amendments: []  # none yet\n")),
        (
            "a flow list",
            format!("{base}amendments: [{{at: 2026-11-05T10:00, by: ann, summary: s, impact: minor}}]\n"),
        ),
        (
            "CRLF line ends",
            format!("{base}amendments:\n  - {{at: 2026-11-05T10:00, by: ann, summary: s, impact: minor}}\n# end\n")
                .replace('\n', "\r\n"),
        ),
    ];
    for (what, text) in cases {
        for command in [
            &[
                "amend",
                "202611-ACME-001",
                "--by",
                "ann",
                "--summary",
                "qty 10 -> 12",
                "--impact",
                "minor",
            ][..],
            &[
                "plan",
                "202611-ACME-001",
                "--rebaseline",
                "--reason",
                "late truck",
                "--by",
                "ann",
            ],
        ] {
            let ledger = Ledger::base();
            ledger.write("orders/2026/202611-ACME-001.yaml", &text);
            let run = ledger.run(command);
            assert_eq!(run.code, 0, "{what}: {command:?}\n{}", run.transcript());
            let after =
                std::fs::read_to_string(ledger.path().join("orders/2026/202611-ACME-001.yaml"))
                    .expect("read");
            // Everything that was there is still there, in order, comments included.
            // (The line of a flow list is the one that changes.)
            let kept: Vec<&str> = text
                .lines()
                .filter(|l| !l.trim().is_empty() && !l.starts_with("amendments: ["))
                .collect();
            let mut rest = after.lines();
            for line in &kept {
                assert!(rest.any(|l| l == *line), "{what}: `{line}` kept\n{after}");
            }
            if what.starts_with("a comment") || what.starts_with("CRLF") {
                let last = after.lines().last().unwrap_or_default();
                assert!(
                    last.starts_with("# "),
                    "{what}: the comment is still the last line\n{after}"
                );
            }
            if what.starts_with("CRLF") {
                assert!(
                    !after.replace("\r\n", "").contains('\n'),
                    "{what}: every line ends in CRLF\n{after:?}"
                );
            }
            assert!(
                !after.contains("# checked by dora\"") && !after.contains("minor# "),
                "{after}"
            );
            let run = ledger.run(&["validate"]);
            assert!(
                !run.stdout.contains("error["),
                "{what}: {command:?} leaves a valid order\n{after}\n{}",
                run.stdout
            );
            let run = ledger.run(&["show", "202611-ACME-001"]);
            let recorded = if command[0] == "amend" {
                "qty 10 -> 12"
            } else {
                "late truck"
            };
            assert!(run.stdout.contains(recorded), "{what}: {}", run.stdout);
        }
    }
}
