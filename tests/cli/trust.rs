//! Regression tests for trust: one bad order never hides the others, a report
//! never counts an order that `validate` refuses, and no command panics on what
//! a file can hold. Each test is named after what it guards.

use crate::support::{Ledger, Run};

const HEAD: &str = "customer: ACME\nowner: ann\nreceived: 2026-11-05T09:00\nchannel: email\n";

/// An order file `orders/2026/<id>.yaml` with `rest` after the usual head.
fn order(ledger: &Ledger, id: &str, rest: &str) {
    ledger.write(
        &format!("orders/2026/{id}.yaml"),
        format!("id: {id}\n{HEAD}{rest}"),
    );
}

/// The text with each run of spaces made one, so table columns compare simply.
fn squeeze(text: &str) -> String {
    text.split(' ')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Every report command, with the arguments that make it print something.
const REPORTS: &[&[&str]] = &[
    &["list"],
    &["overdue"],
    &["upcoming", "--within", "30d"],
    &["sla"],
    &["monthly", "--month", "2026-11"],
    &["calendar"],
    &["export", "--table", "steps"],
];

/// Asserts that every report runs, keeps the good order and names the bad file.
#[track_caller]
fn reports_name(ledger: &Ledger, bad: &str, good: &str) {
    for args in REPORTS {
        let run = ledger.run(args);
        assert_eq!(run.code, 0, "{args:?}\n{}", run.transcript());
        let all = format!("{}{}", run.stdout, run.stderr);
        assert!(
            all.contains(bad),
            "{args:?} names {bad}\n{}",
            run.transcript()
        );
        if !matches!(args[0], "sla" | "monthly") {
            assert!(
                all.contains(good),
                "{args:?} keeps {good}\n{}",
                run.transcript()
            );
        }
    }
}

#[test]
fn an_amount_too_large_to_compute_is_a_finding_and_every_other_order_is_still_reported() {
    let ledger = Ledger::base();
    order(
        &ledger,
        "202611-ACME-002",
        "lines:\n  - {sku: A, qty: 1000000000000000000000000000, unit_price: 1000.00}\n",
    );
    order(
        &ledger,
        "202611-ACME-003",
        "payments:\n  - {installment: a, amount: 50000000000000000000000000000, received: 2026-11-06}\n  - {installment: a, amount: 50000000000000000000000000000, received: 2026-11-06}\n",
    );
    let run = ledger.run(&["validate"]);
    assert_eq!(run.code, 1, "{}", run.transcript());
    assert!(
        run.stdout
            .contains("error[amount-range]: the amounts here are too large")
            && run.stdout.contains("orders/2026/202611-ACME-002.yaml:7:5")
            && run.stdout.contains("orders/2026/202611-ACME-003.yaml:8:30"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("in 3 orders"), "{}", run.stdout);
    reports_name(&ledger, "202611-ACME-002.yaml", "202611-ACME-001");
    let run = ledger.run(&["show", "202611-ACME-003"]);
    assert_eq!(run.code, 2, "{}", run.transcript());
    assert!(run.stderr.contains("amount-range"), "{}", run.stderr);
}

#[test]
fn a_credit_exposure_too_large_to_add_up_is_a_finding_not_a_crash() {
    let ledger = Ledger::base();
    for n in ["001", "002"] {
        ledger.write(
            &format!("orders/2026/202611-TIGHT-{n}.yaml"),
            format!(
                "id: 202611-TIGHT-{n}\ncustomer: TIGHT\nowner: ann\nreceived: 2026-11-0{}T09:00\nchannel: email\nlines:\n  - {{sku: A, qty: 50000000000000000000000000000, unit_price: 1}}\n",
                n.trim_start_matches('0')
            ),
        );
    }
    let run = ledger.run(&["validate"]);
    assert_eq!(run.code, 1, "{}", run.transcript());
    assert!(
        run.stdout
            .contains("error[amount-range]: TIGHT's open exposure is too large to compute"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_misspelt_timezone_stops_every_command_instead_of_computing_in_utc() {
    let ledger = Ledger::base();
    let config = std::fs::read_to_string(ledger.path().join("ordo.yaml")).expect("config");
    ledger.write("ordo.yaml", config.replace("Asia/Shanghai", "Asia/Shangai"));
    let before =
        std::fs::read(ledger.path().join("orders/2026/202611-ACME-001.yaml")).expect("read");
    for args in [
        &["overdue"][..],
        &["list"],
        &["sla"],
        &["upcoming"],
        &["show", "202611-ACME-001"],
        &["advance", "202611-ACME-001", "ship", "--by", "ben"],
    ] {
        let run = ledger.run(args);
        assert_eq!(run.code, 2, "{args:?}\n{}", run.transcript());
        assert!(
            run.stderr
                .contains("`Asia/Shangai` is not an IANA timezone")
                && run.stderr.contains("ordo.yaml:4:11"),
            "{args:?}\n{}",
            run.stderr
        );
    }
    assert_eq!(
        std::fs::read(ledger.path().join("orders/2026/202611-ACME-001.yaml")).expect("read"),
        before,
        "advance wrote nothing"
    );
    let run = ledger.run(&["validate"]);
    assert_eq!(run.code, 1, "{}", run.transcript());
    assert!(run.stdout.contains("no order is checked"), "{}", run.stdout);
}

#[test]
fn an_order_held_by_two_files_is_counted_by_no_report() {
    let ledger = Ledger::base();
    let text = std::fs::read_to_string(ledger.path().join("orders/2026/202611-ACME-001.yaml"))
        .expect("order");
    ledger.write("orders/2025/202611-ACME-001.yaml", &text);
    ledger.write("orders/2026/202611-ACME-001.yml", &text);
    order(&ledger, "202611-ACME-002", "");
    let run = ledger.run(&["list"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert!(
        !run.stdout
            .lines()
            .any(|l| l.trim_start().starts_with("202611-ACME-001")),
        "no row for the duplicated id:\n{}",
        run.stdout
    );
    assert!(run.stdout.contains("1 order\n"), "{}", run.stdout);
    for args in [
        &["overdue", "--format", "json"][..],
        &["export", "--table", "orders"],
    ] {
        let run = ledger.run(args);
        let all = format!("{}{}", run.stdout, run.stderr);
        for file in [
            "orders/2025/202611-ACME-001.yaml",
            "orders/2026/202611-ACME-001.yaml",
            "orders/2026/202611-ACME-001.yml",
        ] {
            assert!(all.contains(file), "{args:?} names {file}\n{all}");
        }
        assert!(all.contains("duplicate-id"), "{all}");
    }
    let run = ledger.run(&["export", "--table", "orders"]);
    assert!(
        !run.stdout.contains("\"202611-ACME-001\""),
        "export has no row of it:\n{}",
        run.stdout
    );
    let run = ledger.run(&["show", "202611-ACME-001"]);
    assert_eq!(run.code, 2, "{}", run.transcript());
}

#[test]
fn a_file_that_is_not_utf8_is_left_out_by_every_command() {
    let ledger = Ledger::base();
    ledger.write(
        "orders/2026/202611-ACME-002.yaml",
        b"id: 202611-ACME-002\ncustomer: ACME\nowner: ann\nreceived: 2026-11-05T09:00\nchannel: email\nx-note: caf\xe9\n",
    );
    reports_name(&ledger, "202611-ACME-002.yaml", "202611-ACME-001");
    let run = ledger.run(&["show", "202611-ACME-002"]);
    assert_eq!(run.code, 2, "{}", run.transcript());
    assert!(run.stderr.contains("not valid UTF-8"), "{}", run.stderr);
    let run = ledger.run(&["advance", "202611-ACME-002", "take", "--by", "ann"]);
    assert_eq!(run.code, 2, "{}", run.transcript());
    assert!(
        run.stderr.contains("not valid UTF-8") && !run.stderr.contains("changed on disk"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_local_time_the_clocks_skip_is_left_out_by_every_command() {
    let ledger = Ledger::base();
    let config = std::fs::read_to_string(ledger.path().join("ordo.yaml")).expect("config");
    ledger.write(
        "ordo.yaml",
        config.replace("Asia/Shanghai", "America/New_York"),
    );
    ledger.write(
        "orders/2026/202603-ACME-001.yaml",
        "id: 202603-ACME-001\ncustomer: ACME\nowner: ann\nreceived: 2026-03-08T02:30\nchannel: email\n",
    );
    let run = ledger.run(&["validate"]);
    assert_eq!(run.code, 1, "{}", run.transcript());
    assert!(
        run.stdout
            .contains("2026-03-08T02:30:00 does not exist in America/New_York"),
        "{}",
        run.stdout
    );
    reports_name(&ledger, "202603-ACME-001.yaml", "202611-ACME-001");
}

#[test]
fn installments_round_to_the_currency_and_a_surplus_pays_the_other_installments() {
    let ledger = Ledger::base();
    order(
        &ledger,
        "202611-ACME-002",
        "lines:\n  - {sku: A, qty: 1, unit_price: 180747}\ncontract:\n  payment_terms:\n    - {name: deposit, percent: 30, due: {after: received, offset: 7d}}\n    - {name: balance, percent: 70, due: {after: received, offset: 30d}}\npayments:\n  - {installment: deposit, amount: 54224.00, received: 2026-11-06}\n  - {installment: balance, amount: 126523.00, received: 2026-11-07}\n",
    );
    let run = ledger.run(&["validate"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    let run: Run = ledger.run(&["show", "202611-ACME-002"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    let shown = squeeze(&run.stdout);
    for expected in [
        "deposit 30 54,224.10 54,224.10 0.00",
        "balance 70 126,522.90 126,522.90 0.00",
        "`balance`'s surplus: 0.10 applied to `deposit`",
    ] {
        assert!(shown.contains(expected), "{expected}\n{}", run.stdout);
    }
    // Beyond the order's total, it is overpaid.
    order(
        &ledger,
        "202611-ACME-003",
        "lines:\n  - {sku: A, qty: 1, unit_price: 100}\ncontract:\n  payment_terms:\n    - {name: deposit, percent: 100, due: {after: received}}\npayments:\n  - {installment: deposit, amount: 100.01, received: 2026-11-06}\n",
    );
    let run = ledger.run(&["validate"]);
    assert!(
        run.stdout
            .contains("payments total 100.01 but the order totals 100"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_currency_without_cents_is_rounded_to_whole_units() {
    let ledger = Ledger::base();
    order(
        &ledger,
        "202611-ACME-002",
        "currency: JPY\nlines:\n  - {sku: A, qty: 1, unit_price: 1000}\ncontract:\n  payment_terms:\n    - {name: a, percent: 33.333, due: {after: received}}\n    - {name: b, percent: 33.333, due: {after: received}}\n    - {name: c, percent: 33.334, due: {after: received}}\n",
    );
    let run = ledger.run(&["show", "202611-ACME-002"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    let shown = squeeze(&run.stdout);
    for expected in ["a 33.333 333 0 333", "c 33.334 334 0 334"] {
        assert!(shown.contains(expected), "{expected}\n{}", run.stdout);
    }
}

#[test]
fn every_format_names_every_file_left_out_and_strict_fails_on_them() {
    let ledger = Ledger::base();
    order(&ledger, "202611-ACME-002", "channel: email\n");
    for report in ["overdue", "upcoming", "sla", "monthly"] {
        let run = ledger.run(&[report, "--format", "csv"]);
        assert_eq!(run.code, 0, "{report}\n{}", run.transcript());
        assert!(
            run.stderr
                .contains("orders/2026/202611-ACME-002.yaml left out: yaml:"),
            "{report}\n{}",
            run.transcript()
        );
        let run = ledger.run(&[report, "--format", "csv", "--strict"]);
        assert_eq!(run.code, 1, "{report}\n{}", run.transcript());
    }
    let run = ledger.run(&["list", "--strict"]);
    assert_eq!(run.code, 1, "{}", run.transcript());
    assert!(
        run.stdout
            .contains("orders/2026/202611-ACME-002.yaml: yaml:"),
        "{}",
        run.stdout
    );
    let run = ledger.run(&["plan", "--all", "--strict"]);
    assert_eq!(run.code, 1, "{}", run.transcript());
    assert!(
        run.stdout
            .contains("skipped orders/2026/202611-ACME-002.yaml"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_chain_of_ten_thousand_due_rules_is_computed_without_deep_recursion() {
    let ledger = Ledger::base();
    let config = std::fs::read_to_string(ledger.path().join("ordo.yaml")).expect("config");
    let years: Vec<String> = (2025..=2054).map(|y| y.to_string()).collect();
    let mut steps = String::from(
        "\n      - {id: s0, title: Step 0, role: sales, due: {after: ship, offset: 1d}}",
    );
    for i in 1..10_000 {
        steps.push_str(&format!(
            "\n      - {{id: s{i}, title: Step {i}, role: sales, due: {{after: s{}, offset: 1d}}}}",
            i - 1
        ));
    }
    let ship = "requires: [pack], due: {after: pack, offset: 1wd}}";
    let config = config.replace(ship, &format!("{ship}{steps}")).replace(
        "years: [2025, 2026]",
        &format!("years: [{}]", years.join(", ")),
    );
    let last_rule = 1 + config
        .lines()
        .position(|l| l.contains("id: s9999,"))
        .expect("the last step");
    ledger.write("ordo.yaml", &config);
    let run = ledger.run(&["validate"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    let run = ledger.run(&["explain", "202611-ACME-001", "s9999"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // ship is due 2026-11-04 (pack + 1wd); s0 a day later, s9999 10,000 days after ship.
    assert!(
        run.stdout.ends_with("= 2054-03-22 (forecast (via ship))\n"),
        "{}",
        &run.stdout[run.stdout.len().saturating_sub(300)..]
    );
    assert!(run.stdout.lines().count() > 20_000, "every link is shown");
    assert!(
        run.stdout
            .lines()
            .nth(1)
            .is_some_and(|l| l.ends_with(&format!("ordo.yaml:{last_rule}"))),
        "links point at their rules\n{}",
        &run.stdout[..300]
    );
    let run = ledger.run(&["calendar"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("UID:202611-ACME-001.s9999@"),
        "{}",
        run.stderr
    );
}

#[test]
fn files_that_look_like_orders_but_are_not_read_are_findings() {
    let ledger = Ledger::base();
    let text = std::fs::read_to_string(ledger.path().join("orders/2026/202611-ACME-001.yaml"))
        .expect("order");
    ledger.write(
        "orders/2026/202611-ACME-002.YAML",
        text.replace("-001", "-002"),
    );
    ledger.write(
        "orders/2026/a/b/202611-ACME-003.yaml",
        text.replace("-001", "-003"),
    );
    ledger.write(
        "elsewhere/2025/202511-ACME-001.yaml",
        text.replace("202611-ACME-001", "202511-ACME-001")
            .replace("2026-11-02T10:00:00", "2025-11-02T10:00:00"),
    );
    #[cfg(unix)]
    std::os::unix::fs::symlink(
        ledger.path().join("elsewhere/2025"),
        ledger.path().join("orders/2025"),
    )
    .expect("symlink");
    let run = ledger.run(&["validate"]);
    assert_eq!(run.code, 1, "{}", run.transcript());
    for expected in [
        "error[file]: orders/2026/202611-ACME-002.YAML is not read: order files end in `.yaml`, in lower case",
        "error[id-mismatch]: order files live in a year folder: orders/2026/202611-ACME-003.yaml",
        #[cfg(unix)]
        "error[file]: orders/2025 is a link to a folder",
    ] {
        assert!(run.stdout.contains(expected), "{expected}\n{}", run.stdout);
    }
    let run = ledger.run(&["overdue"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert!(
        run.stdout
            .contains("orders/2026/202611-ACME-002.YAML: file:"),
        "{}",
        run.stdout
    );
    let run = ledger.run(&["validate", "orders/2026/202611-ACME-009.yaml"]);
    assert_eq!(run.code, 2, "{}", run.transcript());
    assert!(
        run.stderr.contains("no such file or folder"),
        "{}",
        run.stderr
    );
    let run = ledger.run(&["validate", "orders/2026"]);
    assert_eq!(run.code, 1, "{}", run.transcript());
    assert!(run.stdout.contains("in 2 orders"), "{}", run.stdout);
    assert!(
        run.stdout.contains("202611-ACME-002.YAML"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_calendar_without_working_days_is_a_finding_never_a_guessed_date() {
    let ledger = Ledger::base();
    let config = std::fs::read_to_string(ledger.path().join("ordo.yaml")).expect("config");
    ledger.write(
        "ordo.yaml",
        config
            .replace(
                "weekend: [sat, sun]",
                "weekend: [mon, tue, wed, thu, fri, sat, sun]",
            )
            .replace("workdays: [2026-10-10]", "workdays: []")
            .replace(
                "years: [2025, 2026, 2027]",
                "years: [2025, 2026, 2027, 2028, 2029, 2030, 2031, 2032, 2033, 2034, 2035, 2036]",
            ),
    );
    let run = ledger.run(&["validate"]);
    assert_eq!(run.code, 1, "{}", run.transcript());
    assert!(
        run.stdout.contains(
            "error[calendar-range]: the due date of step pack (Packed) cannot be counted: calendar `default` has no working time in the year from 2026-11-02"
        ),
        "{}",
        run.stdout
    );
    let run = ledger.run(&["show", "202611-ACME-001"]);
    assert!(
        run.stdout
            .contains("error: calendar `default` has no working time"),
        "{}",
        run.stdout
    );
}

#[test]
fn recording_a_fact_is_never_refused_for_a_forecast_that_cannot_be_computed() {
    let ledger = Ledger::base();
    // ship is due a year of working days after pack: beyond the listed years.
    let config = std::fs::read_to_string(ledger.path().join("ordo.yaml")).expect("config");
    ledger.write(
        "ordo.yaml",
        config.replace(
            "due: {after: pack, offset: 1wd}",
            "due: {after: pack, offset: 600wd}",
        ),
    );
    order(&ledger, "202611-ACME-002", "");
    let run = ledger.run(&["validate"]);
    assert_eq!(run.code, 1, "{}", run.transcript());
    assert!(
        run.stdout.contains("warning[calendar-range]")
            && run.stdout.contains("(a forecast)")
            && run.stdout.contains("error[calendar-range]"),
        "a forecast warns, a firm date is an error:\n{}",
        run.stdout
    );
    let run = ledger.run(&[
        "advance",
        "202611-ACME-002",
        "take",
        "--by",
        "ann",
        "--on",
        "2026-11-05T10:00",
    ]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert!(run.stderr.contains("needs 2028"), "{}", run.stderr);
    let run = crate::support::run_in(
        ledger.path(),
        &[
            "--as-of",
            "2029-01-05",
            "new",
            "--customer",
            "ACME",
            "--owner",
            "ann",
            "--received",
            "2029-01-04T10:00",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert!(
        ledger
            .path()
            .join("orders/2029/202901-ACME-001.yaml")
            .is_file()
    );
}

#[test]
fn a_received_time_with_an_offset_and_no_seconds_is_taken_and_named_in_errors() {
    let ledger = Ledger::base();
    let run = ledger.run(&[
        "new",
        "--customer",
        "ACME",
        "--owner",
        "ann",
        "--received",
        "2026-11-19T10:00+14:00",
    ]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    let text = std::fs::read_to_string(ledger.path().join("orders/2026/202611-ACME-002.yaml"))
        .expect("written");
    assert!(
        text.contains("received: 2026-11-19T10:00:00+14:00"),
        "{text}"
    );
    let run = ledger.run(&[
        "new",
        "--customer",
        "ACME",
        "--owner",
        "ann",
        "--received",
        "2026-11-19T10:00+25:00",
    ]);
    assert_eq!(run.code, 2, "{}", run.transcript());
    assert!(run.stderr.contains("--received:"), "{}", run.stderr);
}

#[test]
fn a_reminder_outside_the_calendars_years_is_named_not_dropped() {
    let ledger = Ledger::base();
    let config = std::fs::read_to_string(ledger.path().join("ordo.yaml")).expect("config");
    ledger.write(
        "ordo.yaml",
        config
            .replace("years: [2025, 2026, 2027]", "years: [2026, 2027]")
            .replace(
                "due: {after: pack, offset: 1wd}}",
                "due: {after: pack, offset: 1wd}, remind: 5wd}",
            ),
    );
    std::fs::remove_file(ledger.path().join("orders/2026/202611-ACME-001.yaml")).expect("rm");
    ledger.write(
        "orders/2026/202601-ACME-001.yaml",
        "id: 202601-ACME-001\ncustomer: ACME\nowner: ann\nreceived: 2026-01-05T09:00\nchannel: email\nsteps:\n  take: {done: 2026-01-05T10:00, by: ann}\n  pack: {done: 2026-01-06T10:00, by: ben}\n",
    );
    let as_of = ["--as-of", "2026-01-06T12:00", "--color", "never"];
    let run = crate::support::run_in(ledger.path(), &[&as_of[..], &["validate"]].concat());
    assert!(
        run.stdout.contains(
            "error[calendar-range]: the reminder of step ship (Shipped) needs 2025 in calendar `default`"
        ),
        "{}",
        run.stdout
    );
    let run = crate::support::run_in(ledger.path(), &[&as_of[..], &["upcoming"]].concat());
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert!(
        run.stdout
            .contains("1 reminders could not be counted back on their calendar (`ordo validate` says why): 202601-ACME-001 ship"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_file_with_schema_errors_still_gets_the_findings_of_what_decoded() {
    let ledger = Ledger::base();
    ledger.write(
        "orders/2026/202611-ACME-002.yaml",
        "id: 202611-ACME-002\ncustomer: ACMF\nowner: ann\nreceived: 2026-11-02T10:00:00+08:00\nchannel: emial\nbogus: 1\nconfirmation: {sent: 2026-12-01T10:00}\nsteps:\n  take: {done: 2026-11-02T10:00, by: anne}\n  pack: {done: 2026-11-01, by: ben}\n",
    );
    let run = ledger.run(&["validate"]);
    assert_eq!(run.code, 1, "{}", run.transcript());
    for expected in [
        "error[schema]: `emial` is not one of",
        "error[schema]: unknown key `bogus`",
        "error[unknown-customer]: customer `ACMF` has no file in customers/",
        "error[unknown-person]: `anne` is not one of the people in ordo.yaml",
        "error[future]: `confirmation.sent` is 2026-12-01T10:00:00",
    ] {
        assert!(run.stdout.contains(expected), "{expected}\n{}", run.stdout);
    }
    // A check that reads the key set aside does not run on a guess: which steps
    // apply depends on the channel, so `order` findings wait for it.
    assert!(!run.stdout.contains("error[order]"), "{}", run.stdout);
}
