//! Documents at handover: declared kinds, `ordo attach`, a step that needs
//! kinds refused until they arrive, and `validate` on a step done without them.

use std::path::Path;

use crate::support::{example_copy, run_in};

const ORDER: &str = "orders/2026/202607-HKL-003.yaml";

fn read(ledger: &Path) -> String {
    std::fs::read_to_string(ledger.join(ORDER)).expect("read")
}

/// HKL-003 before its design review, with the customer's PO and specs logged
/// but not the artwork.
fn before_the_design_review(ledger: &Path) {
    let text = read(ledger)
        .lines()
        .filter(|l| !l.contains("design-review:") && !l.contains("kind: artwork"))
        .collect::<Vec<_>>()
        .join("\n");
    std::fs::write(ledger.join(ORDER), text + "\n").expect("write");
}

#[test]
fn the_design_review_is_refused_until_its_artwork_is_logged() {
    let ledger = example_copy();
    let ledger = ledger.path();
    before_the_design_review(ledger);
    let shown = run_in(ledger, &["--as-of", "2026-11-20", "show", "202607-HKL-003"]);
    assert!(
        shown
            .stdout
            .contains("design-review still needs artwork (Artwork)"),
        "{}",
        shown.stdout
    );

    let advance = [
        "--as-of",
        "2026-11-20",
        "advance",
        "202607-HKL-003",
        "design-review",
        "--by",
        "jack",
        "--on",
        "2026-07-22T16:00",
    ];
    let before = read(ledger);
    let run = run_in(ledger, &advance);
    assert_eq!(run.code, 2, "{}", run.transcript());
    assert!(
        run.stderr.contains(
            "202607-HKL-003 design-review needs artwork (Artwork) first; record each with `ordo attach 202607-HKL-003 KIND PATH|URL`"
        ),
        "{}",
        run.stderr
    );
    assert_eq!(read(ledger), before, "a refusal writes nothing");

    // Logged after the day of the review: still refused for that day.
    let attach = |on: &str| {
        run_in(
            ledger,
            &[
                "--as-of",
                "2026-11-20",
                "attach",
                "202607-HKL-003",
                "artwork",
                "https://dms.example.com/hkl/2026/gift-set-print-v2.ai",
                "--on",
                on,
                "--by",
                "bob",
                "--note",
                "print area 60 x 40 mm",
            ],
        )
    };
    assert_eq!(attach("2026-07-23").code, 0);
    assert_eq!(run_in(ledger, &advance).code, 2);
    assert_eq!(attach("2026-07-22T11:00").code, 0);
    let run = run_in(ledger, &advance);
    assert_eq!(run.code, 0, "{}", run.transcript());
    let text = read(ledger);
    assert!(
        text.contains("kind: artwork")
            && text.contains("ref: https://dms.example.com/hkl/2026/gift-set-print-v2.ai")
            && text.contains("note: print area 60 x 40 mm"),
        "{text}"
    );
    let validate = run_in(ledger, &["--as-of", "2026-11-20", "validate", ORDER]);
    assert!(
        !validate.stdout.contains("[document]"),
        "{}",
        validate.stdout
    );
}

#[test]
fn a_step_done_without_its_documents_and_an_unknown_kind_are_findings() {
    let ledger = example_copy();
    let ledger = ledger.path();
    let text = read(ledger)
        .replace("kind: specs", "kind: spec-sheet")
        .replace("kind: artwork, ref: \"https://dms.example.com/hkl/2026/gift-set-print-v1.ai\", received: 2026-07-21", "kind: artwork, ref: \"https://dms.example.com/hkl/2026/gift-set-print-v1.ai\", received: 2026-07-25");
    std::fs::write(ledger.join(ORDER), text).expect("write");
    let run = run_in(ledger, &["--as-of", "2026-11-20", "validate", ORDER]);
    assert_eq!(run.code, 1, "{}", run.transcript());
    for expected in [
        "error[document]: `spec-sheet` is not a kind of document of this ledger",
        "error[document]: step design-review (Non-standard order reviewed by design, production and materials) was done 2026-07-22T16:00:00+08:00 without artwork (Artwork), specs (Specifications) it needs",
    ] {
        assert!(run.stdout.contains(expected), "{expected}\n{}", run.stdout);
    }
}

#[test]
fn attach_takes_a_file_in_the_ledger_or_an_address_and_nothing_else() {
    let ledger = example_copy();
    let ledger = ledger.path();
    let attach = |reference: &str| {
        run_in(
            ledger,
            &[
                "--as-of",
                "2026-11-20",
                "attach",
                "202607-HKL-003",
                "shipping-instructions",
                reference,
                "--on",
                "2026-11-02",
                "--by",
                "bob",
            ],
        )
    };
    let before = read(ledger);
    let run = attach("documents/hkl-003/shipping.pdf");
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("is not a file in the ledger's folder"),
        "{}",
        run.stderr
    );
    let run = attach("../outside.pdf");
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("no `..`"), "{}", run.stderr);
    assert_eq!(read(ledger), before);

    std::fs::create_dir_all(ledger.join("documents/hkl-003")).expect("mkdir");
    std::fs::write(ledger.join("documents/hkl-003/shipping.pdf"), b"%PDF-1.4\n").expect("write");
    let run = attach("./documents/hkl-003/shipping.pdf");
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert!(read(ledger).contains("ref: documents/hkl-003/shipping.pdf"));

    let run = run_in(
        ledger,
        &[
            "--as-of",
            "2026-11-20",
            "attach",
            "202607-HKL-003",
            "photo",
            "https://x.example/p.jpg",
        ],
    );
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("`photo` is not a kind of document; kinds: artwork"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_document_file_removed_is_a_finding_on_the_next_run_even_from_the_cache() {
    let ledger = example_copy();
    let ledger = ledger.path();
    std::fs::create_dir_all(ledger.join("documents")).expect("mkdir");
    std::fs::write(ledger.join("documents/hkl-003-po.pdf"), b"%PDF-1.4\n").expect("write");
    let run = run_in(
        ledger,
        &[
            "--as-of",
            "2026-11-20",
            "attach",
            "202607-HKL-003",
            "customer-po",
            "documents/hkl-003-po.pdf",
            "--on",
            "2026-07-20",
            "--by",
            "bob",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.transcript());
    let validate = || run_in(ledger, &["--as-of", "2026-11-20", "validate"]);
    // Twice: the second run takes the order from the cache.
    for _ in 0..2 {
        let run = validate();
        assert!(!run.stdout.contains("[document]"), "{}", run.stdout);
    }
    std::fs::remove_file(ledger.join("documents/hkl-003-po.pdf")).expect("remove");
    let run = validate();
    assert_eq!(run.code, 1, "{}", run.transcript());
    assert!(
        run.stdout.contains(
            "error[document]: the customer-po document `documents/hkl-003-po.pdf` is not a file in the ledger's folder"
        ),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("--> orders/2026/202607-HKL-003.yaml:"),
        "{}",
        run.stdout
    );
    std::fs::write(ledger.join("documents/hkl-003-po.pdf"), b"%PDF-1.4\n").expect("write");
    assert!(!validate().stdout.contains("[document]"));
}
