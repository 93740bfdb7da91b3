use super::*;

const BASE: &str = "\
# An order
id: 202611-ACME-001
customer: ACME
owner: ann
received: 2026-11-02T10:00:00+08:00
channel: email
steps:
  take: {done: 2026-11-02T10:00, by: ann}
  pack:
    planned: 2026-11-03
payments:
  - {installment: deposit, amount: 100.00, received: 2026-11-09}
amendments:
  - at: 2026-11-05T10:00:00+08:00
    by: ann
    summary: qty 10 -> 12
    impact: minor
";

fn merge3(base: &str, ours: &str, theirs: &str) -> Merged {
    merge(Some(base), ours, theirs, &Markers::default()).expect("mergeable")
}

#[test]
fn different_steps_advanced_on_both_sides_merge_cleanly() {
    let ours = BASE.replace(
        "  pack:\n    planned: 2026-11-03\n",
        "  pack:\n    planned: 2026-11-03\n    done: 2026-11-03T16:00:00+08:00\n    by: ben\n",
    );
    let theirs = BASE.replace(
        "  pack:\n    planned: 2026-11-03\n",
        "  pack:\n    planned: 2026-11-03\n  ship:\n    done: 2026-11-04T09:00:00+08:00\n    by: ben\n",
    );
    let merged = merge3(BASE, &ours, &theirs);
    assert_eq!(merged.conflicts, 0);
    assert_eq!(
        merged.text,
        BASE.replace(
            "  pack:\n    planned: 2026-11-03\n",
            "  pack:\n    planned: 2026-11-03\n    done: 2026-11-03T16:00:00+08:00\n    by: ben\n  ship:\n    done: 2026-11-04T09:00:00+08:00\n    by: ben\n",
        )
    );
}

#[test]
fn fields_added_to_one_flow_record_on_both_sides_merge() {
    let ours = BASE.replace(
        "take: {done: 2026-11-02T10:00, by: ann}",
        "take: {done: 2026-11-02T10:00, by: ann, note: by phone}",
    );
    let theirs = BASE.replace(
        "take: {done: 2026-11-02T10:00, by: ann}",
        "take: {planned: 2026-11-02, done: 2026-11-02T10:00, by: ann}",
    );
    let merged = merge3(BASE, &ours, &theirs);
    assert_eq!(merged.conflicts, 0);
    assert!(
        merged.text.contains(
            "take: {done: 2026-11-02T10:00, by: ann, note: by phone, planned: 2026-11-02}"
        ),
        "{}",
        merged.text
    );
}

#[test]
fn a_step_done_differently_on_both_sides_is_one_conflict_around_that_step_only() {
    let ours = BASE.replace(
        "    planned: 2026-11-03\n",
        "    planned: 2026-11-03\n    done: 2026-11-04\n    by: ben\n",
    );
    let theirs = BASE.replace(
        "    planned: 2026-11-03\n",
        "    planned: 2026-11-03\n    done: 2026-11-05\n    by: ann\n",
    );
    let merged = merge3(BASE, &ours, &theirs);
    assert_eq!(merged.conflicts, 1);
    // The date and the person come as one: a resolver cannot take one side's
    // date with the other's name.
    assert!(
        merged.text.contains(
            "<<<<<<< ours\n  pack:\n    planned: 2026-11-03\n    done: 2026-11-04\n    by: ben\n=======\n  pack:\n    planned: 2026-11-03\n    done: 2026-11-05\n    by: ann\n>>>>>>> theirs\n"
        ),
        "{}",
        merged.text
    );
    // Everything else is as it was.
    assert!(merged.text.starts_with("# An order\nid: 202611-ACME-001\n"));
}

#[test]
fn an_other_field_of_a_step_changed_differently_is_a_conflict_around_its_line_only() {
    let ours = BASE.replace("    planned: 2026-11-03\n", "    planned: 2026-11-04\n");
    let theirs = BASE.replace("    planned: 2026-11-03\n", "    planned: 2026-11-05\n");
    let merged = merge3(BASE, &ours, &theirs);
    assert_eq!(merged.conflicts, 1);
    assert!(
        merged.text.contains(
            "  pack:\n<<<<<<< ours\n    planned: 2026-11-04\n=======\n    planned: 2026-11-05\n>>>>>>> theirs\n"
        ),
        "{}",
        merged.text
    );
}

#[test]
fn records_added_on_both_sides_are_both_kept_in_time_order() {
    let add = |at: &str, summary: &str| {
        BASE.to_owned()
            + &format!("  - at: {at}\n    by: ann\n    summary: {summary}\n    impact: minor\n")
    };
    let ours = add("2026-11-09T10:00:00+08:00", "later");
    let theirs = add("2026-11-07T10:00:00+08:00", "earlier");
    let merged = merge3(BASE, &ours, &theirs);
    assert_eq!(merged.conflicts, 0);
    let earlier = merged.text.find("summary: earlier").expect("theirs kept");
    let later = merged.text.find("summary: later").expect("ours kept");
    assert!(earlier < later, "{}", merged.text);
}

#[test]
fn a_comment_added_on_one_side_survives_a_change_on_the_other() {
    let ours = BASE.replace("owner: ann\n", "# checked by dora\nowner: ann\n");
    let theirs = BASE.replace(
        "  - {installment: deposit, amount: 100.00, received: 2026-11-09}\n",
        "  - {installment: deposit, amount: 100.00, received: 2026-11-09}\n  - {installment: balance, amount: 150.00, received: 2026-11-20}\n",
    );
    let merged = merge3(BASE, &ours, &theirs);
    assert_eq!(merged.conflicts, 0);
    assert!(merged.text.contains("# checked by dora\nowner: ann\n"));
    assert!(merged.text.contains("installment: balance"));
}

#[test]
fn deleted_on_one_side_and_unchanged_on_the_other_is_deleted() {
    let theirs = BASE.replace("channel: email\n", "");
    let merged = merge3(BASE, BASE, &theirs);
    assert_eq!(merged.text, theirs);
    let ours = BASE.replace("channel: email\n", "channel: phone\n");
    let merged = merge3(BASE, &ours, &theirs);
    assert_eq!(
        merged.conflicts, 1,
        "changed on one side, deleted on the other"
    );
}

#[test]
fn merging_with_itself_or_a_one_sided_change_gives_that_text_byte_for_byte() {
    let texts = [
        BASE.to_owned(),
        BASE.replace("owner: ann", "owner: ben"),
        BASE.replace(
            "    planned: 2026-11-03\n",
            "    planned: 2026-11-03 # moved\n    note: x\n",
        ),
        BASE.to_owned() + "holds:\n  - {from: 2026-11-06T09:00, reason: budget}\n",
        BASE.replace("steps:\n", "steps:\n  # the record\n"),
    ];
    for text in &texts {
        assert_eq!(merge3(BASE, text, BASE).text, *text, "ours changed");
        assert_eq!(merge3(BASE, BASE, text).text, *text, "theirs changed");
        assert_eq!(merge3(BASE, text, text).text, *text, "both changed alike");
        assert_eq!(merge3(text, text, text).text, *text, "nothing changed");
    }
}

/// Edits a person or a command makes to an order.
const EDITS: &[(&str, &str)] = &[
    ("owner: ann\n", "owner: ben\n"),
    ("owner: ann\n", "owner: ann  # checked\n"),
    ("channel: email\n", ""),
    ("# An order\n", ""),
    ("steps:\n", "steps:\n  # the record\n"),
    (
        "  take: {done: 2026-11-02T10:00, by: ann}\n",
        "  take: {done: 2026-11-02T10:00, by: ann, note: by phone}\n",
    ),
    (
        "    planned: 2026-11-03\n",
        "    planned: 2026-11-03\n    done: 2026-11-04\n    by: ben\n",
    ),
    (
        "    planned: 2026-11-03\n",
        "    planned: 2026-11-05  # moved\n",
    ),
    (
        "payments:\n",
        "payments:\n  - {installment: balance, amount: 150.00, received: 2026-11-20}\n",
    ),
    (
        "    impact: minor\n",
        "    impact: minor\n  - at: 2026-11-09T10:00:00+08:00\n    by: ben\n    summary: later\n    impact: schedule\n",
    ),
    (
        "amendments:\n",
        "holds:\n  - {from: 2026-11-06T09:00, reason: budget}\namendments:\n",
    ),
    (
        "customer: ACME\n",
        "customer: ACME\nrequested_delivery: 2026-12-01\n",
    ),
];

fn edited(mask: u16) -> String {
    let mut text = BASE.to_owned();
    for (i, (from, to)) in EDITS.iter().enumerate() {
        if mask & (1 << i) != 0 && text.contains(from) {
            text = text.replacen(from, to, 1);
        }
    }
    text
}

proptest::proptest! {
    #[test]
    fn merging_a_text_with_itself_or_one_sided_changes_gives_that_text(mask in 0u16..(1 << 12)) {
        let text = edited(mask);
        proptest::prop_assert_eq!(&merge3(BASE, &text, BASE).text, &text);
        proptest::prop_assert_eq!(&merge3(BASE, BASE, &text).text, &text);
        proptest::prop_assert_eq!(&merge3(BASE, &text, &text).text, &text);
        proptest::prop_assert_eq!(&merge3(&text, &text, &text).text, &text);
    }

    #[test]
    fn edits_of_different_places_on_two_sides_both_arrive(ours in 0u16..(1 << 12), theirs in 0u16..(1 << 12)) {
        // Edits 0 and 1 change one line two ways, and so do 6 and 7: each side
        // takes one of a pair; the rest are independent of each other.
        let ours = ours & !(1 << 1) & !(1 << 7);
        let pairs = ((ours & 1) << 1) | ((ours & (1 << 6)) << 1);
        let theirs = theirs & !(1 << 0) & !(1 << 6) & !ours & !pairs;
        let merged = merge3(BASE, &edited(ours), &edited(theirs));
        proptest::prop_assert_eq!(merged.conflicts, 0);
        for (i, (_, to)) in EDITS.iter().enumerate() {
            if (ours | theirs) & (1 << i) != 0 && !to.is_empty() {
                for line in to.lines().filter(|l| !l.trim().is_empty()) {
                    proptest::prop_assert!(merged.text.contains(line), "{line}\n{}", merged.text);
                }
            }
        }
        proptest::prop_assert!(tree::parse(&merged.text).is_some());
    }
}

/// Issue 24's cases of a side's change going missing: each failed before.
mod nothing_lost {
    use super::*;

    #[test]
    fn done_on_one_side_and_skipped_on_the_other_is_a_conflict() {
        let ours = BASE.replace(
            "    planned: 2026-11-03\n",
            "    planned: 2026-11-03\n    done: 2026-11-04\n    by: ben\n",
        );
        let theirs = BASE.replace(
            "    planned: 2026-11-03\n",
            "    planned: 2026-11-03\n    skipped: picked up by the customer\n    by: ben\n",
        );
        let merged = merge3(BASE, &ours, &theirs);
        assert_eq!(merged.conflicts, 1, "{}", merged.text);
        let flow_ours = BASE.replace(
            "take: {done: 2026-11-02T10:00, by: ann}",
            "take: {done: 2026-11-02T11:00, by: ann}",
        );
        let flow_theirs = BASE.replace(
            "take: {done: 2026-11-02T10:00, by: ann}",
            "take: {skipped: taken by phone, by: ann}",
        );
        assert_eq!(merge3(BASE, &flow_ours, &flow_theirs).conflicts, 1);
    }

    #[test]
    fn a_record_deleted_on_one_side_and_edited_on_the_other_is_a_conflict() {
        let base = format!(
            "{BASE}progress:\n  - {{at: 2026-11-06T10:00:00+08:00, by: ann, status: in production}}\n"
        );
        let ours = base.replace(
            "  - {at: 2026-11-06T10:00:00+08:00, by: ann, status: in production}\n",
            "",
        );
        let theirs = base.replace("status: in production", "status: in production, 60%");
        let merged = merge3(&base, &ours, &theirs);
        assert_eq!(merged.conflicts, 1, "{}", merged.text);
        let merged = merge3(&base, &theirs, &ours);
        assert_eq!(merged.conflicts, 1, "{}", merged.text);
        // A payment re-dated on one side (its identity edited) and deleted
        // on the other.
        let redated = BASE.replace("received: 2026-11-09}", "received: 2026-11-10}");
        let deleted = BASE.replace(
            "  - {installment: deposit, amount: 100.00, received: 2026-11-09}\n",
            "",
        );
        assert_eq!(merge3(BASE, &redated, &deleted).conflicts, 1);
        assert_eq!(merge3(BASE, &deleted, &redated).conflicts, 1);
        // Re-dated on one side and unchanged on the other: the new date.
        let merged = merge3(BASE, BASE, &redated);
        assert_eq!(merged.text, redated);
    }

    #[test]
    fn a_value_and_its_comment_changed_on_two_sides_are_both_kept() {
        let ours = BASE.replace("owner: ann\n", "owner: ben\n");
        let theirs = BASE.replace("owner: ann\n", "owner: ann  # until December\n");
        let merged = merge3(BASE, &ours, &theirs);
        assert_eq!(merged.conflicts, 0, "{}", merged.text);
        assert!(
            merged.text.contains("owner: ben  # until December\n"),
            "{}",
            merged.text
        );
        let merged = merge3(BASE, &theirs, &ours);
        assert!(
            merged.text.contains("owner: ben  # until December\n"),
            "{}",
            merged.text
        );
        // Two different comments on one line: neither is dropped.
        let other = BASE.replace("owner: ann\n", "owner: ben  # from January\n");
        let merged = merge3(BASE, &theirs, &other);
        assert_eq!(merged.conflicts, 1, "{}", merged.text);
        assert!(merged.text.contains("# until December") && merged.text.contains("# from January"));
    }

    #[test]
    fn two_lines_of_one_sku_are_never_matched_by_position() {
        let base = format!(
            "{BASE}lines:\n  - {{sku: A, qty: 1, unit_price: 5}}\n  - {{sku: A, qty: 2, unit_price: 5}}\n"
        );
        let ours = base.replace("  - {sku: A, qty: 1, unit_price: 5}\n", "");
        let theirs = base.replace(
            "{sku: A, qty: 2, unit_price: 5}",
            "{sku: A, qty: 3, unit_price: 5}",
        );
        let merged = merge3(&base, &ours, &theirs);
        assert_eq!(merged.conflicts, 1, "{}", merged.text);
        assert!(merged.text.contains("qty: 3"), "{}", merged.text);
        // One side alone changed the list: its list, as it is.
        assert_eq!(merge3(&base, &base, &theirs).text, theirs);
    }

    #[test]
    fn texts_the_merge_cannot_read_safely_are_left_to_the_line_merge() {
        let markers = Markers::default();
        let cr = BASE.replace('\n', "\r");
        assert!(merge(Some(&cr), &cr, &cr.replace("ann", "ben"), &markers).is_none());
        let marked = BASE.replace(
            "owner: ann\n",
            "<<<<<<< ours\nowner: ann\n=======\nowner: ben\n>>>>>>> theirs\n",
        );
        assert!(merge(Some(BASE), &marked, BASE, &markers).is_none());
        assert!(merge(Some(BASE), BASE, &marked, &markers).is_none());
        // An 8-marker conflict (git's rename/rename) counts too.
        assert!(has_markers("a: 1\n<<<<<<<< HEAD\n"));
        assert!(!has_markers("note: <<<<<<< not at the start\n"));
    }
}
