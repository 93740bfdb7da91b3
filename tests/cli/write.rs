//! The writing commands on a ledger in a temporary git repository: each change
//! touches only its lines (the `git diff` is the snapshot), and a refused change
//! leaves the file byte for byte as it was.

use crate::support::{Ledger, Run, commit_all, git};

const ORDER: &str = "orders/2026/202611-ACME-001.yaml";

/// The base ledger committed to a fresh git repository whose user is Ann.
fn repo() -> Ledger {
    let ledger = Ledger::base();
    commit_all(ledger.path());
    ledger
}

/// The working-tree diff, without the `index` line (blob hashes say nothing).
fn diff(ledger: &Ledger) -> String {
    git(ledger.path(), &["diff", "--no-color", "--no-ext-diff"])
        .lines()
        .filter(|l| !l.starts_with("index "))
        .map(|l| format!("{l}\n"))
        .collect()
}

fn read(ledger: &Ledger, rel: &str) -> Vec<u8> {
    std::fs::read(ledger.path().join(rel)).expect("read")
}

#[track_caller]
fn refused(ledger: &Ledger, args: &[&str], needle: &str) -> Run {
    let before = read(ledger, ORDER);
    let run = ledger.run(args);
    assert_eq!(run.code, 2, "{}", run.transcript());
    assert!(run.stderr.contains(needle), "{}", run.stderr);
    assert_eq!(
        read(ledger, ORDER),
        before,
        "a refused change leaves the file as it was"
    );
    run
}

#[test]
fn advance_without_a_step_marks_the_one_ready_step_and_changes_only_its_lines() {
    let ledger = repo();
    let run = ledger.run(&[
        "advance",
        "202611-ACME-001",
        "--by",
        "ben",
        "--on",
        "2026-11-04T15:30",
    ]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    insta::assert_snapshot!(run.stdout, @r"
    202611-ACME-001: ship (Shipped) done by ben on 2026-11-04T15:30:00
    orders/2026/202611-ACME-001.yaml
    ");
    insta::assert_snapshot!(diff(&ledger), @r"
    diff --git a/orders/2026/202611-ACME-001.yaml b/orders/2026/202611-ACME-001.yaml
    --- a/orders/2026/202611-ACME-001.yaml
    +++ b/orders/2026/202611-ACME-001.yaml
    @@ -14,5 +14,8 @@ contract:
     steps:
       take: {done: 2026-11-02T10:00, by: ann}
       pack: {done: 2026-11-03, by: ben}
    +  ship:
    +    done: 2026-11-04T15:30:00
    +    by: ben
     payments:
       - {installment: deposit, amount: 100.00, received: 2026-11-09}
    ");
}

#[test]
fn by_defaults_to_the_person_with_gits_email_and_commit_records_the_change() {
    let ledger = repo();
    ledger.write(
        "orders/2026/202611-ACME-002.yaml",
        "# Taken by phone.\nid: 202611-ACME-002\ncustomer: ACME\nowner: ann\nreceived: 2026-11-19T09:00  # the call\nchannel: phone\n",
    );
    git(ledger.path(), &["add", "-A"]);
    git(ledger.path(), &["commit", "--quiet", "-m", "new order"]);
    let run = ledger.run(&["advance", "202611-ACME-002", "take", "--commit"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert_eq!(
        git(ledger.path(), &["log", "-1", "--format=%s"]),
        "202611-ACME-002: take done by ann\n"
    );
    assert_eq!(
        git(ledger.path(), &["status", "--porcelain"]),
        "",
        "the change is committed"
    );
    let text = String::from_utf8(read(&ledger, "orders/2026/202611-ACME-002.yaml")).expect("utf-8");
    assert_eq!(
        text,
        "# Taken by phone.\nid: 202611-ACME-002\ncustomer: ACME\nowner: ann\nreceived: 2026-11-19T09:00  # the call\nchannel: phone\nsteps:\n  take:\n    done: 2026-11-20T12:00:00+08:00\n    by: ann\n"
    );
}

#[test]
fn advance_refuses_the_wrong_role_unmet_requirements_and_invalid_results() {
    let ledger = repo();
    refused(
        &ledger,
        &["advance", "202611-ACME-001", "ship", "--by", "ann"],
        "ann does not hold the role `warehouse`",
    );
    refused(
        &ledger,
        &["advance", "202611-ACME-001", "take", "--by", "ann"],
        "take is already done",
    );
    refused(
        &ledger,
        &["advance", "202611-ACME-001", "ship", "--by", "nobody"],
        "`nobody` is not one of the people",
    );
    let run = refused(
        &ledger,
        &[
            "advance",
            "202611-ACME-001",
            "ship",
            "--by",
            "ben",
            "--on",
            "2026-11-25",
        ],
        "the change would leave orders/2026/202611-ACME-001.yaml invalid; nothing was written",
    );
    assert!(run.stderr.contains("error[future]"), "{}", run.stderr);
    let run = refused(
        &ledger,
        &[
            "advance",
            "202611-ACME-001",
            "ship",
            "--by",
            "ben",
            "--on",
            "2026-11-01",
        ],
        "nothing was written",
    );
    assert!(
        run.stderr
            .contains("error[order]: step ship is dated 2026-11-01, before pack"),
        "{}",
        run.stderr
    );

    ledger.write(
        "orders/2026/202611-ACME-002.yaml",
        "id: 202611-ACME-002\ncustomer: ACME\nowner: ann\nreceived: 2026-11-19T09:00\nchannel: phone\n",
    );
    let before = read(&ledger, "orders/2026/202611-ACME-002.yaml");
    let run = ledger.run(&["advance", "202611-ACME-002", "pack", "--by", "ben"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("202611-ACME-002 pack requires take (Order taken) first"),
        "{}",
        run.stderr
    );
    assert_eq!(read(&ledger, "orders/2026/202611-ACME-002.yaml"), before);
}

#[test]
fn several_ready_steps_are_listed_to_choose_from() {
    let ledger = repo();
    ledger.write(
        "orders/2026/202611-ACME-002.yaml",
        "id: 202611-ACME-002\ncustomer: ACME\nowner: ann\nreceived: 2026-11-19T09:00\nchannel: phone\nsteps:\n  take: {done: 2026-11-19T09:00, by: ann}\n  approve: {planned: 2026-11-20}\n",
    );
    let run = ledger.run(&["advance", "202611-ACME-002", "--by", "dan"]);
    assert_eq!(run.code, 2);
    insta::assert_snapshot!(run.stderr, @r"
    ordo: error: several steps of 202611-ACME-002 are ready; name the one that is done:
      approve  Credit approved
      pack  Packed
    ");
}

#[test]
fn skip_records_the_reason_and_the_person() {
    let ledger = repo();
    let run = ledger.run(&[
        "skip",
        "202611-ACME-001",
        "ship",
        "--by",
        "ben",
        "--reason",
        "collected by the customer",
    ]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    insta::assert_snapshot!(diff(&ledger), @r"
    diff --git a/orders/2026/202611-ACME-001.yaml b/orders/2026/202611-ACME-001.yaml
    --- a/orders/2026/202611-ACME-001.yaml
    +++ b/orders/2026/202611-ACME-001.yaml
    @@ -14,5 +14,8 @@ contract:
     steps:
       take: {done: 2026-11-02T10:00, by: ann}
       pack: {done: 2026-11-03, by: ben}
    +  ship:
    +    skipped: collected by the customer
    +    by: ben
     payments:
       - {installment: deposit, amount: 100.00, received: 2026-11-09}
    ");
    refused(
        &ledger,
        &[
            "skip",
            "202611-ACME-001",
            "ship",
            "--by",
            "ben",
            "--reason",
            "again",
        ],
        "ship was skipped",
    );
}

#[test]
fn plan_writes_baselines_once_and_rebaseline_records_an_amendment() {
    let ledger = repo();
    let run = ledger.run(&["plan", "202611-ACME-001"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert_eq!(run.stdout, "202611-ACME-001: planned ship 2026-11-04\n");
    let again = ledger.run(&["plan", "202611-ACME-001"]);
    assert_eq!(
        again.stdout,
        "nothing to plan: every open step with a due date already has a baseline\n"
    );
    // Move the anchor: the computed due date changes, the baseline does not.
    let text = String::from_utf8(read(&ledger, ORDER))
        .expect("utf-8")
        .replace("pack: {done: 2026-11-03", "pack: {done: 2026-11-05");
    ledger.write(ORDER, text);
    let run = ledger.run(&[
        "plan",
        "202611-ACME-001",
        "--rebaseline",
        "--reason",
        "packing slipped",
        "--by",
        "ann",
    ]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert_eq!(run.stdout, "202611-ACME-001: re-planned ship 2026-11-06\n");
    insta::assert_snapshot!(diff(&ledger), @r"
    diff --git a/orders/2026/202611-ACME-001.yaml b/orders/2026/202611-ACME-001.yaml
    --- a/orders/2026/202611-ACME-001.yaml
    +++ b/orders/2026/202611-ACME-001.yaml
    @@ -13,6 +13,15 @@ contract:
         - {name: balance, percent: 60, due: {after: ship, offset: 30d}}
     steps:
       take: {done: 2026-11-02T10:00, by: ann}
    -  pack: {done: 2026-11-03, by: ben}
    +  pack: {done: 2026-11-05, by: ben}
    +  ship:
    +    planned: 2026-11-06
     payments:
       - {installment: deposit, amount: 100.00, received: 2026-11-09}
    +amendments:
    +  - at: 2026-11-20T12:00:00+08:00
    +    by: ann
    +    summary: packing slipped
    +    impact: schedule
    +    rebaseline:
    +    - ship
    ");
}

#[test]
fn amend_appends_an_amendment() {
    let ledger = repo();
    let run = ledger.run(&[
        "amend",
        "202611-ACME-001",
        "--by",
        "ann",
        "--summary",
        "qty: 10 -> 12",
        "--impact",
        "minor",
        "--channel",
        "email",
        "--reconfirmed",
        "2026-11-20",
    ]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    let text = String::from_utf8(read(&ledger, ORDER)).expect("utf-8");
    assert!(
        text.ends_with("amendments:\n  - at: 2026-11-20T12:00:00+08:00\n    by: ann\n    channel: email\n    summary: 'qty: 10 -> 12'\n    impact: minor\n    reconfirmed: 2026-11-20\n"),
        "{text}"
    );
    // A structural change is recorded, and the review it calls for is left to do.
    let run = ledger.run(&[
        "amend",
        "202611-ACME-001",
        "--by",
        "ann",
        "--summary",
        "new handle",
        "--impact",
        "structural",
    ]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert!(run.stdout.contains("needs a new review"));
    let check = ledger.run(&["validate", ORDER]);
    assert!(
        check.stdout.contains("error[amendment-review]"),
        "{}",
        check.stdout
    );
}

#[test]
fn new_makes_the_next_id_with_the_customers_terms() {
    let ledger = repo();
    let run = ledger.run(&[
        "new",
        "--customer",
        "ACME",
        "--priority",
        "urgent",
        "--channel",
        "phone",
    ]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert_eq!(run.stdout, "orders/2026/202611-ACME-002.yaml\n");
    let text = String::from_utf8(read(&ledger, "orders/2026/202611-ACME-002.yaml")).expect("utf-8");
    let uid = regex::Regex::new("(?m)^uid: [0-9a-z]{26}$").expect("regex");
    assert!(
        uid.is_match(&text),
        "a new order gets a uid of its own: {text}"
    );
    insta::assert_snapshot!(uid.replace(&text, "uid: [26 letters and digits]"), @r"
    id: 202611-ACME-002
    uid: [26 letters and digits]
    customer: ACME
    owner: ann
    received: 2026-11-20T12:00:00+08:00
    channel: phone
    priority: urgent
    kind: regular
    # lines:
    #   - {sku: A-01, description: Product A, qty: 100, unit: pcs, unit_price: 50.00}
    contract:
      # signed: YYYY-MM-DD
      # production_time: 25wd
      payment_terms:
        - {name: deposit, percent: 40, due: {after: contract.signed, offset: 7d}}
        - {name: balance, percent: 60, due: {after: ship, offset: 30d}}
    ");
    let run = ledger.run(&[
        "new",
        "--customer",
        "ACME",
        "--received",
        "2026-10-30T09:00",
        "--owner",
        "ann",
    ]);
    assert_eq!(run.stdout, "orders/2026/202610-ACME-001.yaml\n");
    let run = ledger.run(&["new", "--customer", "ACME"]);
    assert_eq!(run.stdout, "orders/2026/202611-ACME-003.yaml\n");
    let check = ledger.run(&["validate"]);
    assert_eq!(check.code, 0, "{}", check.transcript());
    let run = ledger.run(&["new", "--customer", "NOPE"]);
    assert_eq!(run.code, 2);
}

#[test]
#[cfg(unix)]
fn a_linked_state_folder_is_never_written_through() {
    let ledger = Ledger::base();
    let outside = tempfile::tempdir().expect("tempdir");
    std::os::unix::fs::symlink(outside.path(), ledger.path().join(".ordo")).expect("link");
    for args in [&["validate"][..], &["overdue"]] {
        let run = ledger.run(args);
        assert_eq!(run.code, 0, "{args:?}\n{}", run.transcript());
        assert!(
            run.stderr
                .contains("the cache under .ordo/ was not written: .ordo is a link"),
            "{args:?}\n{}",
            run.stderr
        );
    }
    let run = ledger.run(&["advance", "202611-ACME-001", "ship", "--by", "ben"]);
    assert_eq!(run.code, 2, "{}", run.transcript());
    assert!(run.stderr.contains(".ordo is a link"), "{}", run.stderr);
    assert_eq!(
        std::fs::read_dir(outside.path()).expect("list").count(),
        0,
        "nothing was written outside the ledger"
    );
}

#[test]
#[cfg(unix)]
fn written_files_take_the_mode_the_umask_gives() {
    use std::os::unix::fs::PermissionsExt;
    let ledger = Ledger::base();
    let under_umask = |args: &[&str]| {
        let run = crate::support::ordo(ledger.path())
            .args(&["--as-of", "2026-11-20"])
            .args(args)
            .umask("027")
            .run();
        assert_eq!(run.code, 0, "{args:?}: {}", run.transcript());
    };
    let mode = |rel: &str| {
        std::fs::metadata(ledger.path().join(rel))
            .expect("written")
            .permissions()
            .mode()
            & 0o777
    };
    under_umask(&[
        "new",
        "--customer",
        "ACME",
        "--owner",
        "ann",
        "--received",
        "2026-11-19T10:00",
    ]);
    assert_eq!(mode("orders/2026/202611-ACME-002.yaml"), 0o640);
    under_umask(&["calendar", "-o", "team.ics"]);
    assert_eq!(mode("team.ics"), 0o640);
    under_umask(&["export", "-o", "exports"]);
    assert_eq!(mode("exports/steps.parquet"), 0o640);
    assert_eq!(mode("exports/export.json"), 0o640);
    // A file that exists keeps its mode.
    std::fs::set_permissions(
        ledger.path().join("orders/2026/202611-ACME-001.yaml"),
        std::fs::Permissions::from_mode(0o644),
    )
    .expect("chmod");
    under_umask(&["advance", "202611-ACME-001", "ship", "--by", "ben"]);
    assert_eq!(mode("orders/2026/202611-ACME-001.yaml"), 0o644);
}
