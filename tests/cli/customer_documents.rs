//! Documents kept on a customer (a new customer's qualification): the review
//! of its first order waits for them, `ordo attach CUSTOMER` records them, and
//! `validate` checks them as it checks an order's.

use crate::support::{commit_all, edit, example_copy, git, read_file, run_as_of};

const NWJ_001: &str = "orders/2026/202611-NWJ-001.yaml";
const NWJ: &str = "customers/NWJ.yaml";
const AS_OF: &str = "2026-11-20T10:00";

#[test]
fn a_new_customers_first_order_is_reviewed_only_once_its_qualification_is_on_file() {
    let ledger = example_copy();
    let root = ledger.path();
    let review = ["advance", "202611-NWJ-001", "review", "--by", "eric"];
    let before = read_file(root, NWJ_001);
    let run = run_as_of(root, AS_OF, &review);
    assert_eq!(run.code, 2, "{}", run.transcript());
    assert!(
        run.stderr.contains(
            "202611-NWJ-001 review needs qualification (New customer's qualification documents) first"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("`ordo attach NWJ KIND PATH|URL`"),
        "{}",
        run.stderr
    );
    assert_eq!(read_file(root, NWJ_001), before, "a refusal writes nothing");

    let run = run_as_of(
        root,
        AS_OF,
        &[
            "attach",
            "NWJ",
            "qualification",
            "https://dms.example.com/customers/NWJ/licence.pdf",
            "--by",
            "leo",
            "--on",
            "2026-11-20T09:30",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert!(
        run.stdout.starts_with(
            "NWJ: qualification (New customer's qualification documents) logged by leo, received 2026-11-20T09:30:00\ncustomers/NWJ.yaml\n"
        ),
        "{}",
        run.stdout
    );
    assert!(
        read_file(root, NWJ).ends_with(
            "documents:\n  - kind: qualification\n    ref: https://dms.example.com/customers/NWJ/licence.pdf\n    received: 2026-11-20T09:30:00\n    by: leo\n"
        ),
        "{}",
        read_file(root, NWJ)
    );
    // The comments of the customer file are kept.
    assert!(read_file(root, NWJ).starts_with("# A new customer."));
    assert_eq!(run_as_of(root, AS_OF, &["validate"]).code, 0);
    let run = run_as_of(root, AS_OF, &review);
    assert_eq!(run.code, 0, "{}", run.transcript());
}

#[test]
fn validate_checks_the_documents_on_a_customer_and_a_review_done_without_them() {
    let ledger = example_copy();
    let root = ledger.path();
    // ABC's qualification logged only after its first order was reviewed.
    edit(
        root,
        "customers/ABC.yaml",
        "received: 2025-01-10, by: leo",
        "received: 2025-03-05, by: leo",
    );
    let run = run_as_of(root, AS_OF, &["validate"]);
    assert_eq!(run.code, 1, "{}", run.transcript());
    assert!(
        run.stdout.contains(
            "error[document]: step review (Order reviewed (completeness, credit, stock and lead time)) was done 2025-03-04T10:30:00+08:00 without qualification (New customer's qualification documents) it needs\n  --> orders/2025/202503-ABC-001.yaml:"
        ),
        "{}",
        run.stdout
    );
    // Its later orders were reviewed after it arrived.
    assert!(
        !run.stdout.contains("--> orders/2026/202603-ABC-004.yaml"),
        "{}",
        run.stdout
    );

    // A kind not declared, a file that is not there, a person unknown: each
    // named at its line in the customer file.
    let ledger = example_copy();
    let root = ledger.path();
    edit(
        root,
        "customers/BJX.yaml",
        "  - {kind: qualification,",
        "  - {kind: licence, ref: docs/BJX-licence.pdf, received: 2025-04-07, by: nobody}\n  - {kind: qualification,",
    );
    let run = run_as_of(root, AS_OF, &["validate"]);
    assert_eq!(run.code, 1, "{}", run.transcript());
    for problem in [
        "error[document]: `licence` is not a kind of document of this ledger\n  --> customers/BJX.yaml:",
        "error[document]: the licence document `docs/BJX-licence.pdf` is not a file in the ledger's folder\n  --> customers/BJX.yaml:",
        "error[unknown-person]: `nobody` is not a person of ordo.yaml\n  --> customers/BJX.yaml:",
    ] {
        assert!(run.stdout.contains(problem), "{problem}\n{}", run.stdout);
    }
}

#[test]
fn a_customer_file_left_invalid_is_not_written_and_a_committed_attach_takes_the_file_along() {
    let ledger = example_copy();
    let root = ledger.path();
    commit_all(root);
    // A typo already in the customer file: the change would leave it invalid.
    edit(root, NWJ, "currency: CNY", "currency: CNY\ncredit_limt: 5");
    let before = read_file(root, NWJ);
    let attach = [
        "attach",
        "NWJ",
        "qualification",
        "https://dms.example.com/customers/NWJ/licence.pdf",
        "--by",
        "leo",
        "--commit",
    ];
    let run = run_as_of(root, AS_OF, &attach);
    assert_eq!(run.code, 2, "{}", run.transcript());
    assert!(
        run.stderr
            .contains("the change would leave customers/NWJ.yaml invalid; nothing was written"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("credit_limt"), "{}", run.stderr);
    assert_eq!(read_file(root, NWJ), before);

    git(root, &["checkout", "--", NWJ]);
    std::fs::create_dir_all(root.join("docs")).expect("dir");
    std::fs::write(root.join("docs/NWJ-licence.pdf"), b"%PDF-1.4\n").expect("write");
    let mut attach = attach.to_vec();
    attach[3] = "docs/NWJ-licence.pdf";
    let run = run_as_of(root, AS_OF, &attach);
    assert_eq!(run.code, 0, "{}", run.transcript());
    let committed = git(root, &["show", "--name-only", "--format=%s", "HEAD"]);
    assert_eq!(
        committed,
        "NWJ: qualification received (docs/NWJ-licence.pdf)\n\ncustomers/NWJ.yaml\ndocs/NWJ-licence.pdf\n"
    );
    assert_eq!(git(root, &["status", "--porcelain"]), "");
}
