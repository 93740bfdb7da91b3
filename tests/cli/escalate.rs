//! `escalate: {after, to}`: once a step is that late, the roles or people it
//! escalates to join its overdue row, the site's page of each and its calendar
//! event, so a step nobody moves reaches the director (the example's reviews
//! escalate to the sales director after a working day).

use crate::support::{example_copy, run_in};

/// The calendar event of 202611-ABC-007's review, unfolded.
fn review_event(ics: &str) -> String {
    let unfolded = ics.replace("\r\n ", "");
    let start = unfolded
        .find("UID:202611-ABC-007.review@")
        .expect("the review's event");
    let end = unfolded[start..].find("END:VEVENT").expect("end") + start;
    unfolded[start..end].to_owned()
}

#[test]
fn a_review_a_working_day_late_is_escalated_to_the_director() {
    let copy = example_copy();
    let late = run_in(copy.path(), &["--as-of", "2026-11-20T12:00", "overdue"]);
    let row = late
        .stdout
        .lines()
        .find(|l| l.contains("202611-ABC-007") && l.contains("review"))
        .expect("overdue");
    assert!(row.contains("eric (escalated to dora)"), "{row}");
    let ics = run_in(copy.path(), &["--as-of", "2026-11-20T12:00", "calendar"]);
    assert!(review_event(&ics.stdout).contains("mailto:dora@example.com"));

    // Due 12:30 on the 16th: at 14:00 it is late, but not a working day late.
    let early = run_in(copy.path(), &["--as-of", "2026-11-16T14:00", "overdue"]);
    let row = early
        .stdout
        .lines()
        .find(|l| l.contains("202611-ABC-007") && l.contains("review"))
        .expect("overdue");
    assert!(
        row.contains(" eric ") && !row.contains("escalated"),
        "{row}"
    );
    let ics = run_in(copy.path(), &["--as-of", "2026-11-16T14:00", "calendar"]);
    assert!(!review_event(&ics.stdout).contains("mailto:dora@example.com"));
}

#[test]
fn the_directors_page_lists_what_escalated_to_her() {
    let copy = example_copy();
    let run = run_in(
        copy.path(),
        &["--as-of", "2026-11-20T12:00", "site", "-o", "_site"],
    );
    assert_eq!(run.code, 0, "{}", run.transcript());
    let page = std::fs::read_to_string(copy.path().join("_site/people/dora.html")).expect("page");
    assert!(page.contains("orders/202611-ABC-007.html"), "{page}");
}

#[test]
fn escalating_to_someone_unknown_is_a_configuration_error() {
    let copy = example_copy();
    let path = copy.path().join("ordo.yaml");
    let text = std::fs::read_to_string(&path).expect("read");
    std::fs::write(
        &path,
        text.replacen("to: sales-director}", "to: sales-directr}", 1),
    )
    .expect("write");
    let run = run_in(copy.path(), &["--as-of", "2026-11-20", "validate"]);
    assert_eq!(run.code, 1, "{}", run.transcript());
    assert!(
        run.stdout
            .contains("`sales-directr` is neither a role nor a person"),
        "{}",
        run.stdout
    );
}
