//! The site's person pages list what concerns each person, as their calendar
//! feed invites them (issue 25): the site read the report's cells back by
//! column name, took an overdue progress update (`update:ORD-08`) for an
//! installment, and gave it to the order's owner alone.

use crate::support::{AS_OF, example_copy, run_in};

#[test]
fn a_progress_update_is_on_the_pages_of_everyone_its_event_invites() {
    let ledger = example_copy();
    let run = run_in(ledger.path(), &["--as-of", AS_OF, "site", "-o", "_site"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    let read =
        |rel: &str| std::fs::read_to_string(ledger.path().join("_site").join(rel)).expect(rel);
    // `ordo overdue` gives the update to erin (purchasing); her feed has it.
    let run = run_in(
        ledger.path(),
        &["--as-of", AS_OF, "overdue", "--format", "csv"],
    );
    let update = run
        .stdout
        .lines()
        .find(|l| l.contains("update:ORD-08"))
        .expect("an overdue update")
        .to_owned();
    assert!(update.contains(",erin (escalated to dora),"), "{update}");
    assert!(
        read("calendar/erin.ics").contains("202606-BJX-003"),
        "erin's feed"
    );
    let erin = read("people/erin.html");
    assert!(
        erin.contains("update:ORD-08"),
        "erin's page lists the update"
    );
    // The owner is invited too, as the event invites them.
    assert!(read("people/bob.html").contains("update:ORD-08"));
}

#[test]
fn roles_are_called_by_their_titles_in_the_sites_language() {
    // Before, the zh-CN site said `角色: logistics` (issue 27, item 10).
    let ledger = example_copy();
    let run = run_in(
        ledger.path(),
        &["--as-of", AS_OF, "--lang", "zh-CN", "site", "-o", "_site"],
    );
    assert_eq!(run.code, 0, "{}", run.transcript());
    let read =
        |rel: &str| std::fs::read_to_string(ledger.path().join("_site").join(rel)).expect(rel);
    assert!(read("people/grace.html").contains("角色: 物流"));
    assert!(read("people/jack.html").contains("角色: 设计, 生产计划"));
    assert!(!read("people.html").contains("<td>logistics</td>"));
}
