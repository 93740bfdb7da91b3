//! `ordo line`: an order line added or changed by command (issue 26, item 10),
//! exact (quoted decimals), in the file's one-line style, and the totals,
//! installments and credit exposure following at once.

use crate::support::{example_copy, read_file, run_as_of};

const ABC7: &str = "orders/2026/202611-ABC-007.yaml";
const AS_OF: &str = "2026-11-20T12:00";

#[test]
fn a_line_is_added_and_changed_and_the_total_follows() {
    let copy = example_copy();
    let dir = copy.path();
    let run = run_as_of(
        dir,
        AS_OF,
        &[
            "line",
            "202611-ABC-007",
            "--sku",
            "A-21",
            "--description",
            "Tea set",
            "--qty",
            "200",
            "--unit",
            "sets",
            "--price",
            "45.50",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert!(
        read_file(dir, ABC7).contains(
            "  - {sku: A-21, description: Tea set, qty: \"200\", unit: sets, unit_price: \"45.50\"}\n"
        ),
        "{}",
        read_file(dir, ABC7)
    );
    let run = run_as_of(
        dir,
        AS_OF,
        &["line", "202611-ABC-007", "1", "--qty", "1200"],
    );
    assert_eq!(run.code, 0, "{}", run.transcript());
    // 1,200 x 30.00 + 200 x 45.50 = 45,100.00.
    let run = run_as_of(dir, AS_OF, &["show", "202611-ABC-007"]);
    assert!(run.stdout.contains("total CNY 45,100.00"), "{}", run.stdout);
}

#[test]
fn what_a_line_cannot_be_is_refused_and_nothing_is_written() {
    let copy = example_copy();
    let dir = copy.path();
    let before = read_file(dir, ABC7);
    for args in [
        &["line", "202611-ABC-007", "--sku", "X"][..],
        &["line", "202611-ABC-007", "2", "--qty", "1"][..],
        &["line", "202611-ABC-007", "1", "--price", "1e3"][..],
        &["line", "202611-ABC-007", "1", "--qty", "0"][..],
        &["line", "202611-ABC-007", "1", "--sku", " "][..],
    ] {
        let run = run_as_of(dir, AS_OF, args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.transcript());
        assert_eq!(read_file(dir, ABC7), before, "{args:?}");
    }
    // After the review, the change is written and the amendment asked for.
    let run = run_as_of(
        dir,
        AS_OF,
        &["line", "202611-HKL-004", "1", "--qty", "6000"],
    );
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert!(
        run.stderr
            .contains("was reviewed already: record the customer's change with `ordo amend")
    );
}
