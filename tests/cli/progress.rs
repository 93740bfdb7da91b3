//! Progress updates: `ordo note` appends them, `validate` checks them, `show`
//! and the order page list them.

use std::path::Path;

use crate::support::{example_copy, run_in};

const ORDER: &str = "orders/2026/202606-BJX-003.yaml";

fn read(ledger: &Path) -> String {
    std::fs::read_to_string(ledger.join(ORDER)).expect("read")
}

#[test]
fn note_records_an_update_on_the_ready_step_or_the_one_named() {
    let ledger = example_copy();
    let ledger = ledger.path();
    let note = |extra: &[&str]| {
        let mut args = vec!["--as-of", "2026-11-20", "note", "202606-BJX-003"];
        args.extend_from_slice(extra);
        run_in(ledger, &args)
    };
    // No step named: production (ORD-08) is the one ready step.
    let run = note(&[
        "--status",
        "已入库: 600 woks in the warehouse",
        "--by",
        "erin",
        "--on",
        "2026-11-20T16:00",
    ]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert!(
        run.stdout
            .contains("202606-BJX-003: ORD-08 (Production completed) progress noted by erin"),
        "{}",
        run.stdout
    );
    let text = read(ledger);
    assert!(
        text.contains("step: ORD-08") && text.contains("已入库: 600 woks in the warehouse"),
        "{text}"
    );
    // The two updates the example has, then this one, in the order written.
    let shown = run_in(ledger, &["--as-of", "2026-11-20", "show", "202606-BJX-003"]);
    let log: Vec<&str> = shown
        .stdout
        .lines()
        .skip_while(|l| *l != "Progress:")
        .skip(1)
        .take_while(|l| !l.is_empty())
        .collect();
    assert_eq!(log.len(), 3, "{}", shown.stdout);
    assert!(
        log[2].starts_with("  2026-11-20T16:00:00 erin ORD-08: 已入库"),
        "{log:?}"
    );

    // A step named that the workflow does not have is refused, nothing written.
    let before = read(ledger);
    let run = note(&["ORD-99", "--status", "x", "--by", "erin"]);
    assert_eq!(run.code, 2, "{}", run.transcript());
    assert!(
        run.stderr
            .contains("`ORD-99` is not a step of workflow make-to-order"),
        "{}",
        run.stderr
    );
    assert_eq!(read(ledger), before);

    // The site's order page carries the log.
    let site = run_in(
        ledger,
        &[
            "--as-of",
            "2026-11-20",
            "site",
            "-o",
            "_site",
            "--lang",
            "zh-CN",
        ],
    );
    assert_eq!(site.code, 0, "{}", site.transcript());
    let page =
        std::fs::read_to_string(ledger.join("_site/orders/202606-BJX-003.html")).expect("page");
    assert!(
        page.contains("进度记录") && page.contains("已入库: 600 woks in the warehouse"),
        "{page}"
    );
}

#[test]
fn an_update_by_an_unknown_person_or_on_an_unknown_step_is_a_finding() {
    let ledger = example_copy();
    let ledger = ledger.path();
    let text = read(ledger)
        .replacen("by: erin, step: ORD-08", "by: eirn, step: ORD-08", 1)
        .replacen("by: erin, step: ORD-08", "by: erin, step: ORD-80", 1);
    std::fs::write(ledger.join(ORDER), text).expect("write");
    let run = run_in(ledger, &["--as-of", "2026-11-20", "validate", ORDER]);
    assert_eq!(run.code, 1, "{}", run.transcript());
    assert!(
        run.stdout
            .contains("error[unknown-person]: `eirn` is not a person of ordo.yaml"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("error[unknown-step]: `ORD-80` is not a step of workflow make-to-order"),
        "{}",
        run.stdout
    );
}
