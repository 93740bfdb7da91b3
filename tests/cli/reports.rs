//! The reports, as of 2026-11-20 noon, in every format. The figures asserted
//! outside snapshots were worked out by hand.

use crate::support::{AS_OF, Ledger, run_in};

fn example(args: &[&str]) -> crate::support::Run {
    let copy = crate::support::example_copy();
    let mut all = vec!["--as-of", AS_OF, "--color", "never"];
    all.extend_from_slice(args);
    run_in(copy.path(), &all)
}

#[test]
fn overdue_in_every_format() {
    for format in ["table", "json", "csv", "markdown"] {
        let run = example(&["overdue", "--format", format]);
        assert_eq!(run.code, 0, "{}", run.transcript());
        insta::assert_snapshot!(format!("overdue_{format}"), run.stdout);
    }
}

#[test]
fn overdue_rows_are_right_by_hand() {
    let run = example(&["overdue", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).expect("json");
    let rows = report["sections"]["rows"].as_array().expect("rows");
    // Sorted by days late: BJX-003's production (due 2 Sep, 60 factory working
    // days after 24 Jun) leads with 79 days late on 20 Nov.
    assert_eq!(rows[0]["order"], "202606-BJX-003");
    assert_eq!(rows[0]["step"], "ORD-08");
    assert_eq!(rows[0]["due"], "2026-09-02");
    assert_eq!(rows[0]["days_late"], 79);
    // Five working days late, production escalates to the sales director.
    assert_eq!(rows[0]["assignee"], "erin (escalated to dora)");
    // The final payment of ABC-005 fell due with production on 27 Oct.
    let payment = rows
        .iter()
        .find(|r| r["order"] == "202605-ABC-005" && r["step"] == "ORD-11")
        .expect("ORD-11");
    assert_eq!(payment["days_late"], 24);
    assert_eq!(payment["basis"], "firm");
    // Nothing waiting or on hold is reported: of HKL-004 (its contract not
    // signed), only the credit approval its review found needed (HKL owed
    // 159,750 CNY against a 150,000 limit), due a working day after the review.
    let hkl: Vec<_> = rows
        .iter()
        .filter(|r| r["order"] == "202611-HKL-004" || r["order"] == "202607-HKL-003")
        .collect();
    assert_eq!(hkl.len(), 1, "{hkl:?}");
    assert_eq!(hkl[0]["step"], "credit-approval");
    assert_eq!(hkl[0]["due"], "2026-11-19 10:30");
    assert_eq!(hkl[0]["assignee"], "dora");
}

#[test]
fn overdue_filters_forecast_and_fail_if_any() {
    let run = example(&["overdue", "--owner", "bob", "--role", "logistics"]);
    insta::assert_snapshot!(run.stdout);
    let run = example(&[
        "overdue",
        "--forecast",
        "--customer",
        "SZT",
        "--format",
        "csv",
    ]);
    // The same wording as `upcoming`, `explain` and the calendar.
    assert!(
        run.stdout.contains("forecast (via feedback)"),
        "{}",
        run.stdout
    );
    let upcoming = example(&["upcoming"]);
    assert!(
        upcoming.stdout.contains("forecast (via "),
        "{}",
        upcoming.stdout
    );
    assert!(!run.stdout.contains("knock-on"), "{}", run.stdout);
    let run = example(&["overdue", "--fail-if-any", "--priority", "urgent"]);
    assert_eq!(run.code, 1);
    let run = example(&["overdue", "--fail-if-any", "--customer", "HKL"]);
    assert_eq!(run.code, 1, "HKL's credit approval: {}", run.stdout);
    let run = example(&[
        "overdue",
        "--fail-if-any",
        "--customer",
        "HKL",
        "--role",
        "sales",
    ]);
    assert_eq!(
        run.code, 0,
        "HKL has nothing overdue for sales: {}",
        run.stdout
    );
}

#[test]
fn upcoming_lists_due_dates_and_reminders() {
    let run = example(&["upcoming", "--within", "7d"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    insta::assert_snapshot!(run.stdout);
    // ORD-11 of BJX-003 is due 30 Nov with a 3-day reminder: on 27 Nov.
    assert!(
        run.stdout
            .contains("2026-11-27         reminder   202606-BJX-003"),
        "{}",
        run.stdout
    );
}

#[test]
fn sla_working_clocks_across_weekends_holidays_make_up_days_and_holds() {
    let ledger = Ledger::case("sla");
    let run = ledger.run(&["sla", "--detail"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    insta::assert_snapshot!(run.stdout);
    let json = ledger.run(&["sla", "--detail", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&json.stdout).expect("json");
    let detail = report["sections"]["detail"].as_array().expect("detail");
    let find = |policy: &str, order: &str| {
        detail
            .iter()
            .find(|m| m["policy"] == policy && m["order"] == order)
            .unwrap_or_else(|| panic!("{policy} {order}"))
    };
    // Friday 16:00 to the make-up Saturday 10:00: 2 + 1 hours.
    assert_eq!(find("processing", "202610-ACME-001")["elapsed_hours"], 3.0);
    // Wednesday 17:00 before National Day to Thursday 8 Oct 10:00: 1 + 1 hours.
    assert_eq!(find("processing", "202609-ACME-001")["elapsed_hours"], 2.0);
    // Friday 17:00 to Monday 12:00: exactly the 4 hour target, met.
    assert_eq!(find("processing", "202611-ACME-002")["status"], "met");
    // 12 working hours, 9 of them on hold.
    assert_eq!(find("processing", "202611-ACME-004")["elapsed_hours"], 3.0);
    // A bare-date stop is taken as 18:00 and flagged.
    let bare = find("processing", "202611-ACME-005");
    assert_eq!(
        (bare["elapsed_hours"].as_f64(), bare["status"].as_str()),
        (Some(9.0), Some("breached"))
    );
    assert!(
        bare["note"]
            .as_str()
            .is_some_and(|n| n.contains("taken as 18:00"))
    );
    assert_eq!(find("processing", "202611-ACME-008")["status"], "paused");
    assert_eq!(find("processing", "202611-ACME-006")["status"], "running");
    // A complaint answered in 14 working hours, within 2 working days (18 hours).
    assert_eq!(
        find("complaint", "202611-ACME-002 incident 1")["status"],
        "met"
    );
}

/// The detail is set aside and written out as it is read back; a report cut
/// to a size keeps the same rows as the whole one, the first of them.
#[test]
fn a_cut_sla_detail_keeps_the_first_rows_of_the_whole() {
    let ledger = Ledger::case("sla");
    for format in ["markdown", "table"] {
        let full = ledger.run(&["sla", "--detail", "--format", format]);
        let max = (full.stdout.len() - 400).to_string();
        let cut = ledger.run(&["sla", "--detail", "--format", format, "--max-bytes", &max]);
        assert_eq!(cut.code, 0, "{}", cut.transcript());
        assert!(
            cut.stdout.len() <= full.stdout.len() - 400,
            "{}",
            cut.stdout
        );
        let rows = |text: &str| -> Vec<String> {
            text.lines()
                .filter(|l| l.contains("202611-ACME") || l.contains("202610-ACME"))
                .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
                .collect()
        };
        let (all, kept) = (rows(&full.stdout), rows(&cut.stdout));
        assert!(
            !kept.is_empty() && kept.len() < all.len(),
            "{format}: {kept:?}"
        );
        assert_eq!(kept[..], all[..kept.len()], "{format}");
        assert!(
            cut.stdout.contains("rows are left out"),
            "{format}: {}",
            cut.stdout
        );
    }
}

#[test]
fn sla_clocks_are_dst_safe() {
    let copy = tempfile::tempdir().expect("temp dir");
    crate::support::copy_tree(&crate::support::fixtures().join("sla-ny"), copy.path());
    let run = run_in(
        copy.path(),
        &[
            "--as-of", AS_OF, "--color", "never", "sla", "--detail", "--format", "markdown",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.transcript());
    insta::assert_snapshot!(run.stdout);
    // Friday 16:00 EST to Monday 10:00 EDT is 65 elapsed hours, not 66; the other
    // side, Saturday noon EDT to Sunday noon EST, is 25.
    assert!(
        run.stdout.contains(
            "| elapsed | 202603-ACME-001 | normal | 2026-03-06 16:00 | 2026-03-09 10:00 | 65.0 |"
        ),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("| 2026-11-01 12:00 | 25.0 |"),
        "{}",
        run.stdout
    );
}

#[test]
fn sla_groups_and_ranges() {
    let ledger = Ledger::case("sla");
    let run = ledger.run(&[
        "sla",
        "--by",
        "policy",
        "--format",
        "csv",
        "--from",
        "2026-11-01",
        "--to",
        "2026-11-30",
    ]);
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn monthly_analysis_of_october() {
    for format in ["table", "json", "markdown"] {
        let run = example(&["monthly", "--month", "2026-10", "--format", format]);
        assert_eq!(run.code, 0, "{}", run.transcript());
        insta::assert_snapshot!(format!("monthly_{format}"), run.stdout);
    }
    let run = example(&["monthly", "--month", "2026-10", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).expect("json");
    let value = |metric: &str| {
        report["sections"]["summary"]
            .as_array()
            .expect("summary")
            .iter()
            .find(|r| r["metric"] == metric)
            .map(|r| r["value"].clone())
            .unwrap_or_default()
    };
    // Received in October: SZT-002 (9 Oct) and BJX-004 (19 Oct).
    assert_eq!(value("orders received"), 2);
    // Completed in October: BJX-004, its last step on 26 Oct, 7 days after
    // receipt; and ABC-004, closed (ORD-16) on 20 Oct, 225 days after receipt
    // on 9 Mar: its next-order call (ORD-17), still to do, is a follow-up.
    assert_eq!(value("orders completed"), 2);
    assert_eq!(value("average processing cycle (days)"), 116.0);
    // The default month is the one before --as-of.
    let default = example(&["monthly"]);
    assert!(
        default.stdout.starts_with("Monthly order analysis 2026-10"),
        "{}",
        default.stdout
    );
}

#[test]
fn calendar_events_parse_back_with_uids_attendees_and_alarms() {
    let run = example(&["calendar"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    let calendar: icalendar::Calendar =
        icalendar::parser::read_calendar(&icalendar::parser::unfold(&run.stdout))
            .expect("parses")
            .into();
    use icalendar::Component;
    let events: Vec<&icalendar::Event> = calendar.events().collect();
    assert!(events.len() > 20, "{}", events.len());
    let uid = |e: &icalendar::Event| e.get_uid().unwrap_or_default().to_owned();
    let ord11 = events
        .iter()
        .find(|e| uid(e) == "202605-ABC-005.ORD-11@example-trading-co")
        .expect("a stable UID per order and step");
    // A date-only due date is an all-day event.
    assert_eq!(
        ord11.get_start(),
        Some(icalendar::DatePerhapsTime::Date(
            chrono::NaiveDate::from_ymd_opt(2026, 10, 27).expect("date")
        ))
    );
    let attendees: Vec<String> = ord11
        .get_attendees()
        .iter()
        .map(|a| a.cal_address.clone())
        .collect();
    // Accounting (the role), the notified managers, and the owner.
    for who in [
        "carol@example.com",
        "leo@example.com",
        "eric@example.com",
        "alice@example.com",
    ] {
        assert!(
            attendees.iter().any(|a| a.ends_with(who)),
            "{who} in {attendees:?}"
        );
    }
    assert!(ord11.get_description().is_some_and(|d| d.contains("firm")));
    // Past due on the feed's day: the title says so, and the description
    // starts with what to do, then the order and how late, then why the date.
    assert_eq!(
        ord11.get_summary(),
        Some("⚠ 24 days LATE · 202605-ABC-005 ORD-11: Customer final payment received")
    );
    let description = ord11.get_description().expect("a description");
    assert!(
        description.starts_with(
            "To do: Customer final payment received (role Accounting).\nOrder 202605-ABC-005 for ABC, normal priority; due 2026-10-27 (firm), 24 days late.\nWhy this date: "
        ),
        "{description}"
    );
    // Not yet due: no mark.
    let delivered = events
        .iter()
        .find(|e| uid(e) == "202611-ABC-006.delivered@example-trading-co")
        .expect("a delivery due on 2026-11-24");
    let summary = delivered.get_summary().expect("a summary");
    assert!(summary.starts_with("202611-ABC-006 delivered"), "{summary}");
    assert!(
        delivered
            .get_description()
            .is_some_and(|d| d.starts_with("To do: Delivered") && !d.contains("late")),
        "{:?}",
        delivered.get_description()
    );
    assert!(
        run.stdout
            .contains("UID:202605-ABC-005.ORD-11.alarm@example-trading-co")
    );
    // ORD-11 reminds 3 days ahead: the alarm fires at the start of 24 Oct in Shanghai.
    assert!(
        run.stdout
            .contains("TRIGGER;VALUE=DATE-TIME:20261023T160000Z")
    );
    // Every UID is unique, and a second run gives the same file.
    let mut uids: Vec<String> = events.iter().map(|e| uid(e)).collect();
    uids.sort();
    uids.dedup();
    assert_eq!(uids.len(), events.len());
    assert_eq!(example(&["calendar"]).stdout, run.stdout);
}

#[test]
fn calendar_writes_a_file() {
    let ledger = Ledger::base();
    let run = ledger.run(&["calendar", "-o", "out/ordo.ics"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    let text = std::fs::read_to_string(ledger.path().join("out/ordo.ics")).expect("written");
    assert!(text.contains("UID:202611-ACME-001.ship@test-co"), "{text}");
    assert!(text.contains("\r\n"), "RFC 5545 lines end in CRLF");
}

#[test]
fn reports_name_invalid_orders_and_strict_fails() {
    let ledger = Ledger::case("schema-enum");
    let run = ledger.run(&["overdue"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert!(
        run.stdout.contains("1 order file(s) could not be read"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("orders/2026/202611-ACME-002.yaml: schema:"),
        "{}",
        run.stdout
    );
    let run = ledger.run(&["overdue", "--strict"]);
    assert_eq!(run.code, 1);
    let json = ledger.run(&["sla", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&json.stdout).expect("json");
    assert_eq!(
        report["invalid"][0]["file"],
        "orders/2026/202611-ACME-002.yaml"
    );
    let export = ledger.run(&["export", "--table", "orders", "--strict"]);
    assert_eq!(export.code, 1);
    assert!(
        export.stderr.contains("202611-ACME-002.yaml left out"),
        "{}",
        export.stderr
    );
}

#[test]
fn the_sla_summarys_grouping_column_is_named_after_what_it_holds() {
    for (by, key) in [
        (None, Some("priority")),
        (Some("owner"), Some("owner")),
        (Some("customer"), Some("customer")),
        (Some("month"), Some("month")),
        (Some("policy"), None),
    ] {
        let mut args = vec!["sla", "--format", "json"];
        if let Some(by) = by {
            args.extend(["--by", by]);
        }
        let run = example(&args);
        assert_eq!(run.code, 0, "{}", run.transcript());
        let report: serde_json::Value = serde_json::from_str(&run.stdout).expect("json");
        let rows = report["sections"]["summary"].as_array().expect("summary");
        assert!(!rows.is_empty());
        for row in rows {
            assert!(row.get("group").is_none(), "{row}");
            if let Some(key) = key {
                assert!(row[key].is_string(), "{by:?}: {row}");
            }
        }
    }
}
