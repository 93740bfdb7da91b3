//! Progress updates: `ordo note` appends them, `validate` checks them, `show`
//! and the order page list them.

use std::path::Path;

use crate::support::{AS_OF, example_copy, run_in};

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

/// The `overdue` rows of `ordo overdue --format json` for one step column.
fn overdue_rows(ledger: &Path, extra: &[&str], step: &str) -> Vec<serde_json::Value> {
    let mut args = vec!["--as-of", AS_OF, "overdue", "--format", "json"];
    args.extend_from_slice(extra);
    let run = run_in(ledger, &args);
    assert_eq!(run.code, 0, "{}", run.transcript());
    let report: serde_json::Value = serde_json::from_str(&run.stdout).expect("json");
    report["sections"]["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .filter(|r| r["step"] == step)
        .cloned()
        .collect()
}

#[test]
fn a_missing_weekly_update_is_overdue_until_one_is_noted_then_upcoming() {
    let ledger = example_copy();
    let ledger = ledger.path();
    // Production asks for a weekly update; the last came on 6 Nov at 17:00,
    // so the next was due on the 13th and is 7 days late on the 20th.
    let rows = overdue_rows(ledger, &[], "update:ORD-08");
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0]["order"], "202606-BJX-003");
    assert_eq!(rows[0]["due"], "2026-11-13 17:00");
    assert_eq!(rows[0]["days_late"], 7);
    // Five working days late, production escalates to the sales director.
    assert_eq!(rows[0]["assignee"], "erin (escalated to dora)");
    assert_eq!(
        rows[0]["title"],
        "Progress update: Production completed (last 2026-11-06 17:00)"
    );
    let shown = run_in(ledger, &["--as-of", AS_OF, "show", "202606-BJX-003"]);
    assert!(
        shown.stdout.contains(
            "ORD-08 reports progress every 1 week: next update due 2026-11-13 17:00 \
             (last 2026-11-06 17:00), 7 days late"
        ),
        "{}",
        shown.stdout
    );
    // The order page says the same, marked late.
    let site = run_in(ledger, &["--as-of", AS_OF, "site", "-o", "_site"]);
    assert_eq!(site.code, 0, "{}", site.transcript());
    let page =
        std::fs::read_to_string(ledger.join("_site/orders/202606-BJX-003.html")).expect("page");
    assert!(
        page.contains(
            "<p class=\"note late\">ORD-08 reports progress every 1 week: next update due \
             2026-11-13 17:00 (last 2026-11-06 17:00), 7 days late</p>"
        ),
        "{page}"
    );
    std::fs::remove_dir_all(ledger.join("_site")).expect("rm");
    // A weekly reminder on the calendar, from the update that is due.
    let calendar = run_in(ledger, &["--as-of", AS_OF, "calendar"]);
    let unfolded = calendar.stdout.replace("\r\n ", "");
    let event = unfolded
        .split("BEGIN:VEVENT")
        .find(|e| e.contains("UID:202606-BJX-003.ORD-08.updates@"))
        .expect("the production update reminder");
    assert!(event.contains("DTSTART:20261113T090000Z"), "{event}");
    assert!(event.contains("RRULE:FREQ=WEEKLY;INTERVAL=1"), "{event}");
    // In Chinese as well.
    let zh = run_in(ledger, &["--as-of", AS_OF, "--lang", "zh-CN", "overdue"]);
    assert!(
        zh.stdout
            .contains("进度更新:生产完成(上次 2026-11-06 17:00)"),
        "{}",
        zh.stdout
    );

    // Noting this week's update clears it (the warm cache included) and the
    // next falls due a week later, in `upcoming`.
    let run = run_in(
        ledger,
        &[
            "--as-of",
            AS_OF,
            "note",
            "202606-BJX-003",
            "--status",
            "生产中: 580 of 600",
            "--by",
            "erin",
            "--on",
            "2026-11-20T10:00+08:00",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert!(overdue_rows(ledger, &[], "update:ORD-08").is_empty());
    let upcoming = run_in(
        ledger,
        &[
            "--as-of", AS_OF, "upcoming", "--within", "8d", "--format", "csv",
        ],
    );
    assert!(
        upcoming.stdout.contains(
            "2026-11-27 10:00,update,202606-BJX-003,BJX,北京鑫源商贸有限公司,update:ORD-08,\
             Progress update: Production completed (last 2026-11-20 10:00),erin,2026-11-27 10:00,firm"
        ),
        "{}",
        upcoming.stdout
    );
}

#[test]
fn a_reported_expected_date_re_forecasts_the_steps_after_the_open_step() {
    let ledger = example_copy();
    let ledger = ledger.path();
    let step = |id: &str| -> serde_json::Value {
        let run = run_in(
            ledger,
            &[
                "--as-of",
                AS_OF,
                "show",
                "202606-BJX-003",
                "--format",
                "json",
            ],
        );
        let order: serde_json::Value = serde_json::from_str(&run.stdout).expect("json");
        order["order"]["steps"]
            .as_array()
            .expect("steps")
            .iter()
            .find(|s| s["id"] == id)
            .cloned()
            .expect("step")
    };
    // The 6 Nov update expects production done on 27 Nov: the final payment
    // request (1 working day after production) counts from it.
    let request = step("ORD-10");
    assert_eq!(request["due"], "2026-11-30");
    assert_eq!(request["basis_text"], "forecast (reported on ORD-08)");
    // Production's own due date stays what the contract says.
    assert_eq!(step("ORD-08")["due"], "2026-09-02");
    assert_eq!(step("ORD-08")["basis"], "firm");

    let run = run_in(
        ledger,
        &[
            "--as-of",
            AS_OF,
            "note",
            "202606-BJX-003",
            "ORD-08",
            "--status",
            "handles still missing",
            "--by",
            "erin",
            "--expect",
            "2026-12-10",
            "--on",
            "2026-11-20T09:00+08:00",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert!(
        run.stdout.contains("(expected 2026-12-10)"),
        "{}",
        run.stdout
    );
    assert!(
        std::fs::read_to_string(ledger.join(ORDER))
            .expect("read")
            .contains("expect: 2026-12-10"),
    );
    let request = step("ORD-10");
    assert_eq!(request["due"], "2026-12-11");
    assert_eq!(request["basis_text"], "forecast (reported on ORD-08)");
    // Once that forecast passes, `overdue --forecast` lists the knock-on.
    let late = run_in(
        ledger,
        &[
            "--as-of",
            "2026-12-14",
            "overdue",
            "--forecast",
            "--format",
            "csv",
        ],
    );
    assert!(
        late.stdout
            .lines()
            .any(|l| l.contains(",ORD-10,") && l.contains("forecast (reported on ORD-08)")),
        "{}",
        late.stdout
    );
    let explained = run_in(
        ledger,
        &["--as-of", AS_OF, "explain", "202606-BJX-003", "ORD-10"],
    );
    assert!(
        explained
            .stdout
            .contains("erin reported on 2026-11-20T09:00:00+08:00 that it is expected 2026-12-10"),
        "{}",
        explained.stdout
    );
    let shown = run_in(ledger, &["--as-of", AS_OF, "show", "202606-BJX-003"]);
    assert!(
        shown
            .stdout
            .contains("ORD-08 is expected 2026-12-10 (reported by erin on 2026-11-20 09:00)"),
        "{}",
        shown.stdout
    );
}

#[test]
fn daily_tracking_on_working_days_is_due_from_shipping_and_on_the_calendar() {
    let ledger = example_copy();
    let ledger = ledger.path();
    // Ship BJX-003 on Tuesday 17 Nov: delivery (ORD-15) asks for tracking
    // every working day from then on.
    let text = read(ledger).replacen(
        "  ORD-07: {done: 2026-09-10, by: erin}\n",
        "  ORD-07: {done: 2026-09-10, by: erin}\n  ORD-08: {done: 2026-11-10, by: erin}\n  \
         ORD-12: {done: 2026-11-12, by: erin}\n  ORD-13: {done: 2026-11-13, by: grace}\n  \
         ORD-14: {done: 2026-11-17, by: grace}\n",
        1,
    );
    std::fs::write(ledger.join(ORDER), text).expect("write");
    let rows = overdue_rows(ledger, &["--customer", "BJX"], "update:ORD-15");
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0]["due"], "2026-11-18");
    assert_eq!(rows[0]["days_late"], 2);
    assert_eq!(
        rows[0]["title"],
        "Progress update: Goods delivered (none since the step became ready)"
    );
    // Production is done: it asks for no more updates.
    assert!(overdue_rows(ledger, &[], "update:ORD-08").is_empty());

    let calendar = run_in(ledger, &["--as-of", AS_OF, "calendar"]);
    assert_eq!(calendar.code, 0, "{}", calendar.transcript());
    let unfolded = calendar.stdout.replace("\r\n ", "");
    let event = unfolded
        .split("BEGIN:VEVENT")
        .find(|e| e.contains("UID:202606-BJX-003.ORD-15.updates@"))
        .expect("the tracking reminder");
    assert!(event.contains("DTSTART;VALUE=DATE:20261118"), "{event}");
    // Working days only: the weekend of 21-22 Nov is left out.
    assert!(
        event.contains("RDATE;VALUE=DATE:20261119,20261120,20261123,20261124,"),
        "{event}"
    );
    assert!(!event.contains("20261121"), "{event}");
    assert!(
        !unfolded.contains("202606-BJX-003.ORD-08.updates@"),
        "production is done"
    );
    // Every line stays within RFC 5545's 75 octets.
    assert!(calendar.stdout.split("\r\n").all(|l| l.len() <= 75));
}

#[test]
fn an_update_cadence_must_be_one_interval_of_days_weeks_months_or_working_days() {
    let ledger = example_copy();
    let ledger = ledger.path();
    let config = std::fs::read_to_string(ledger.join("ordo.yaml")).expect("read");
    let config = config.replacen("updates: 1w ", "updates: 4h ", 1).replacen(
        "updates: 1wd",
        "updates: 1w+1d",
        1,
    );
    std::fs::write(ledger.join("ordo.yaml"), config).expect("write");
    let run = run_in(ledger, &["--as-of", AS_OF, "validate", "ordo.yaml"]);
    assert_eq!(run.code, 1, "{}", run.transcript());
    assert!(
        run.stdout
            .contains("`4h`: updates are counted in d, w, mo or wd, not hours"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("`1w+1d`: updates repeat at one interval (e.g. 1w, 1d or 1wd), not a sum"),
        "{}",
        run.stdout
    );
}
