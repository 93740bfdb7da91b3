//! `show`, `explain` and `list` on the example ledger, as of 2026-11-20 noon.
//! The dates asserted here were worked out by hand from the SOP rules in
//! example-ledger/ordo.yaml and the 2025-2026 calendar of mainland China.

use crate::support::run_in;

fn example(args: &[&str]) -> crate::support::Run {
    let copy = crate::support::example_copy();
    let mut all = vec!["--as-of", "2026-11-20T12:00", "--color", "never"];
    all.extend_from_slice(args);
    let run = run_in(copy.path(), &all);
    assert_eq!(run.code, 0, "{}", run.transcript());
    run
}

#[test]
fn explain_a_final_payment_due_with_production() {
    // ORD-11 is due with the last installment, `balance`: 0 days after ORD-08,
    // which was done on 27 Oct, so it is firm and overdue.
    let run = example(&["explain", "202605-ABC-005", "ORD-11"]);
    insta::assert_snapshot!(run.stdout, @r"
    202605-ABC-005 ORD-11: due 2026-10-27 (firm)
      ORD-11 (Customer final payment received) is due with installment `last`   ordo.yaml:225
      installment `balance` (70%) is due after ORD-08, offset 0d                orders/2026/202605-ABC-005.yaml:25
      ORD-08 done 2026-10-27                                                    orders/2026/202605-ABC-005.yaml:39
      + 0d = 2026-10-27
    = 2026-10-27 (firm)
    ");
}

#[test]
fn explain_production_time_on_the_factory_calendar() {
    // ORD-04 was done on Wed 24 Jun; 60 working days of the factory (Monday to
    // Saturday, no holidays in July and August) end on Wed 2 Sep.
    let run = example(&["explain", "202606-BJX-003", "ORD-08"]);
    insta::assert_snapshot!(run.stdout, @r"
    202606-BJX-003 ORD-08: due 2026-09-02 (firm)
      ORD-08 (Production completed) is due after ORD-04, offset contract.production_time, calendar factory   ordo.yaml:206
      ORD-04 done 2026-06-24                                                                                 orders/2026/202606-BJX-003.yaml:35
      + 60wd (contract.production_time) on calendar `factory` = 2026-09-02                                   orders/2026/202606-BJX-003.yaml:21
    = 2026-09-02 (firm)
    ");
}

#[test]
fn explain_a_step_waiting_for_an_unsigned_contract() {
    let run = example(&["explain", "202611-HKL-004", "ORD-02"]);
    insta::assert_snapshot!(run.stdout, @r"
    202611-HKL-004 ORD-02: due no date (waiting for contract.signed)
      ORD-02 (Down-payment request sent to the customer) is due after contract.signed, offset 1wd   ordo.yaml:159
      contract.signed is not recorded yet                                                           orders/2026/202611-HKL-004.yaml:17
    = no date (waiting for contract.signed)
    ");
}

#[test]
fn show_lists_steps_with_due_dates_and_what_is_owed() {
    let run = example(&["show", "202608-MLS-003"]);
    // PDCA sent 28 Oct: the packaging confirmation (ORD-04) is due 3 days later.
    assert!(
        run.stdout
            .contains("next: Customer confirms packaging (PDCA)"),
        "{}",
        run.stdout
    );
    let ord04 = run
        .stdout
        .lines()
        .find(|l| l.contains("ORD-04"))
        .expect("ORD-04 row");
    assert!(
        ord04.contains("2026-10-31") && ord04.contains("firm"),
        "{ord04}"
    );
    // The invoice is due 30 days and a month after shipping, on the 10th: it waits
    // on production, so it is a forecast.
    let invoice = run
        .stdout
        .lines()
        .find(|l| l.trim_start().starts_with("invoice"))
        .expect("invoice row");
    assert!(
        invoice.contains("12,320.00") && invoice.contains("forecast"),
        "{invoice}"
    );
    assert!(
        run.stdout
            .contains("total EUR 17,600.00 · paid 5,280.00 · outstanding 12,320.00"),
        "{}",
        run.stdout
    );
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn list_filters_by_status_and_owner() {
    let run = example(&["list", "--status", "open", "--owner", "bob"]);
    insta::assert_snapshot!(run.stdout);
    let run = example(&["list", "--customer", "MLS", "--status", "cancelled"]);
    assert!(
        run.stdout.contains("202611-MLS-004") && run.stdout.ends_with("1 order\n"),
        "{}",
        run.stdout
    );
}

#[test]
fn an_order_of_an_unknown_workflow_is_refused_by_name() {
    let ledger = crate::support::Ledger::base();
    ledger.write(
        "orders/2026/202611-ACME-002.yaml",
        "id: 202611-ACME-002\ncustomer: ACME\nowner: ann\nreceived: 2026-11-19T09:00\nchannel: phone\nworkflow: nope\n",
    );
    for args in [
        &["show", "202611-ACME-002"][..],
        &["explain", "202611-ACME-002", "take"],
        &["advance", "202611-ACME-002", "take", "--by", "ann"],
        &[
            "skip",
            "202611-ACME-002",
            "take",
            "--by",
            "ann",
            "--reason",
            "r",
        ],
    ] {
        let run = ledger.run(args);
        assert_eq!(run.code, 2, "{}", run.transcript());
        assert_eq!(
            run.stderr,
            "ordo: error: order 202611-ACME-002 names workflow `nope`, which ordo.yaml does not define\n",
            "{args:?}"
        );
    }
}

/// What happened last and what is next, apart: 202605-ABC-005 waits for a final
/// payment 24 days late; its stage alone read as if that payment had come.
#[test]
fn list_and_show_say_what_happened_last_and_what_is_next() {
    let list = example(&["list", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&list.stdout).expect("json");
    let row = report["sections"]["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .find(|r| r["order"] == "202605-ABC-005")
        .expect("ABC-005")
        .clone();
    assert_eq!(
        row["last_done"],
        "Goods inspected and released (2026-10-30)"
    );
    assert_eq!(row["stage"], "Customer final payment received");
    let show = example(&["show", "202605-ABC-005"]);
    assert!(
        show.stdout.contains(
            "status open, last done: Goods inspected and released (2026-10-30), \
             next: Customer final payment received"
        ),
        "{}",
        show.stdout
    );
}
