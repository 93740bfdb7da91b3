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
    merge(base, ours, theirs, &Markers::default()).expect("mergeable")
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
fn the_same_field_changed_differently_is_a_conflict_around_its_lines_only() {
    let ours = BASE.replace(
        "    planned: 2026-11-03\n",
        "    planned: 2026-11-03\n    done: 2026-11-04\n",
    );
    let theirs = BASE.replace(
        "    planned: 2026-11-03\n",
        "    planned: 2026-11-03\n    done: 2026-11-05\n",
    );
    let merged = merge3(BASE, &ours, &theirs);
    assert_eq!(merged.conflicts, 1);
    assert!(
        merged.text.contains(
            "    planned: 2026-11-03\n<<<<<<< ours\n    done: 2026-11-04\n=======\n    done: 2026-11-05\n>>>>>>> theirs\n"
        ),
        "{}",
        merged.text
    );
    // Everything else is as it was.
    assert!(merged.text.starts_with("# An order\nid: 202611-ACME-001\n"));
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
