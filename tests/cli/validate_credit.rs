//! `validate`'s credit control (issue 26, item 2): a customer without a limit
//! of its own takes the ledger's default; orders in another currency count
//! through `fx`, and one without a rate is a finding, never counted one for
//! one; the exposure is judged when the order was reviewed as well as now, so
//! an order taken over the limit does not pass once it is paid.

use crate::support::Ledger;

fn with_config(extra: &str, replace: &[(&str, &str)]) -> Ledger {
    let ledger = Ledger::base();
    let mut config = std::fs::read_to_string(ledger.path().join("ordo.yaml")).expect("config");
    for (from, to) in replace {
        config = config.replace(from, to);
    }
    ledger.write("ordo.yaml", format!("{config}{extra}"));
    ledger
}

#[test]
fn a_customer_without_a_limit_takes_the_default_limit() {
    // Before: ACME has no credit_limit, so it was unlimited.
    let ledger = with_config(
        "",
        &[(
            "  approval_step: approve\n",
            "  approval_step: approve\n  default_limit: 0\n",
        )],
    );
    let run = ledger.run(&["validate"]);
    assert_eq!(run.code, 1, "{}", run.transcript());
    assert!(
        run.stdout
            .contains("error[credit-limit]: ACME's open exposure reaches 150")
            && run.stdout.contains("default_limit applies"),
        "{}",
        run.stdout
    );
}

#[test]
fn an_order_in_another_currency_counts_at_its_rate_and_never_one_for_one() {
    let ledger = with_config("currency: CNY\n", &[]);
    ledger.write(
        "orders/2026/202611-TIGHT-001.yaml",
        "id: 202611-TIGHT-001\ncustomer: TIGHT\nowner: ann\nreceived: 2026-11-04T09:00\nchannel: email\ncurrency: USD\nlines:\n  - {sku: X-1, qty: 8, unit_price: 25.00}\n",
    );
    // 200 USD: under TIGHT's limit of 1000 if counted one for one.
    let run = ledger.run(&["validate"]);
    assert_eq!(run.code, 1, "{}", run.transcript());
    assert!(
        run.stdout
            .contains("USD, which has no rate into CNY under `fx`"),
        "{}",
        run.stdout
    );
    let config = std::fs::read_to_string(ledger.path().join("ordo.yaml")).expect("config");
    ledger.write("ordo.yaml", format!("{config}fx: {{USD: 7.10}}\n"));
    let run = ledger.run(&["validate"]);
    assert_eq!(run.code, 1, "{}", run.transcript());
    assert!(
        run.stdout.contains(
            "TIGHT's open exposure reaches 1420 with this order, over its credit limit of 1000"
        ),
        "{}",
        run.stdout
    );
}

#[test]
fn an_order_over_the_limit_when_reviewed_stays_a_finding_once_paid() {
    // Before: credit looked only at what open orders owe now, so an order
    // taken over the limit and since paid validated clean.
    let ledger = with_config(
        "",
        &[(
            "    title: A short workflow\n",
            "    title: A short workflow\n    review_step: take\n",
        )],
    );
    ledger.write(
        "orders/2026/202611-TIGHT-001.yaml",
        "id: 202611-TIGHT-001\ncustomer: TIGHT\nowner: ann\nreceived: 2026-11-04T09:00\nchannel: email\n\
lines:\n  - {sku: X-1, qty: 50, unit_price: 25.00}\n\
contract:\n  payment_terms:\n    - {name: all, percent: 100, due: {after: take}}\n\
steps:\n  take: {done: 2026-11-04T10:00, by: ann}\n  pack: {done: 2026-11-05, by: ben}\n  ship: {done: 2026-11-06, by: ben}\n\
payments:\n  - {installment: all, amount: 1250.00, received: 2026-11-10}\n",
    );
    let run = ledger.run(&["validate"]);
    assert_eq!(run.code, 1, "{}", run.transcript());
    assert!(
        run.stdout.contains(
            "TIGHT's exposure was 1250 when this order was reviewed (2026-11-04T10:00:00), over its credit limit of 1000"
        ),
        "{}",
        run.stdout
    );
}
