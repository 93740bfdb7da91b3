//! `validate` on money that cannot be computed exactly: refused with its
//! place (`amount-range`), never rounded into a different answer.

use crate::support::Ledger;

#[test]
fn a_sum_past_the_digits_a_decimal_holds_is_refused_not_rounded() {
    // Regression (issue 24, item 8): the second payment vanished in the sum,
    // the order looked paid as far as the first allowed, and nothing was said.
    let ledger = Ledger::base();
    ledger.write(
        "orders/2026/202611-ACME-002.yaml",
        "id: 202611-ACME-002\ncustomer: ACME\nowner: ann\nreceived: 2026-11-02T10:00:00+08:00\nchannel: email\n\
payments:\n  - {installment: deposit, amount: 99999999999999999999999999.99, received: 2026-11-06}\n  - {installment: deposit, amount: 0.001, received: 2026-11-07}\n",
    );
    let run = ledger.run(&["validate"]);
    assert_eq!(run.code, 1, "{}", run.transcript());
    assert!(
        run.stdout.contains("error[amount-range]")
            && run.stdout.contains("orders/2026/202611-ACME-002.yaml:8:"),
        "{}",
        run.stdout
    );
    // The other order is still checked and counted.
    assert!(run.stdout.contains("in 2 orders"), "{}", run.stdout);
}
