//! A team through git: two clones of one ledger change the same order, and the
//! merge driver (`ordo setup-git`) merges what git would otherwise leave as
//! conflicts, by `git merge` and by `git rebase` alike.

use crate::support::Team;

const ORDER: &str = "orders/2026/202611-ACME-001.yaml";

#[derive(Clone, Copy, Debug)]
pub(crate) enum Pull {
    Merge,
    Rebase,
    CherryPick,
}

/// Pulls into `clone`; whether git finished without stopping, and what it said.
pub(crate) fn pull(team: &Team, clone: &str, how: Pull) -> (bool, String) {
    let mode = match how {
        Pull::Merge => "--no-rebase",
        Pull::Rebase => "--rebase",
        Pull::CherryPick => {
            let (ok, text) = team.git(clone, &["fetch", "--quiet", "origin"]);
            assert!(ok, "{text}");
            return team.git(clone, &["cherry-pick", "origin/main"]);
        }
    };
    team.git(clone, &["pull", "--quiet", mode, "origin", "main"])
}

/// Ann and Ben each change their clone; Ann's change is pushed first and Ben
/// pulls it onto his.
fn both(team: &Team, ann: &[&[&str]], ben: &[&[&str]], how: Pull) -> (bool, String) {
    for args in ann {
        let run = team.ordo("a", args);
        assert_eq!(run.code, 0, "{}", run.transcript());
    }
    team.publish("a", "ann's change");
    for args in ben {
        let run = team.ordo("b", args);
        assert_eq!(run.code, 0, "{}", run.transcript());
    }
    let (ok, text) = team.git("b", &["commit", "--quiet", "-am", "ben's change"]);
    assert!(ok, "{text}");
    pull(team, "b", how)
}

#[test]
fn different_steps_of_one_order_advanced_on_both_sides_merge_cleanly() {
    for how in [Pull::Merge, Pull::Rebase, Pull::CherryPick] {
        let team = Team::new();
        // Planned first, so both sides change records that already exist.
        let run = team.ordo("a", &["plan", "202611-ACME-001"]);
        assert_eq!(run.code, 0, "{}", run.transcript());
        team.publish("a", "plan");
        let (ok, text) = team.git("b", &["pull", "--quiet", "origin", "main"]);
        assert!(ok, "{text}");
        let (ok, text) = both(
            &team,
            &[&[
                "advance",
                "202611-ACME-001",
                "ship",
                "--by",
                "ben",
                "--on",
                "2026-11-05",
            ]],
            &[&[
                "amend",
                "202611-ACME-001",
                "--by",
                "ann",
                "--summary",
                "qty 10 -> 12",
                "--impact",
                "minor",
            ]],
            how,
        );
        assert!(ok, "{how:?}: {text}");
        let merged = team.read("b", ORDER);
        assert!(
            merged.contains("done: 2026-11-05") && merged.contains("summary: qty 10 -> 12"),
            "{how:?}: both changes kept\n{merged}"
        );
        let run = team.ordo("b", &["validate"]);
        assert_eq!(run.code, 0, "{how:?}: {}", run.transcript());
    }
}

#[test]
fn two_steps_recorded_on_both_sides_keep_both() {
    for how in [Pull::Merge, Pull::Rebase, Pull::CherryPick] {
        let team = Team::new();
        let (ok, text) = both(
            &team,
            &[&[
                "advance",
                "202611-ACME-001",
                "ship",
                "--by",
                "ben",
                "--on",
                "2026-11-05",
            ]],
            &[&[
                "skip",
                "202611-ACME-001",
                "approve",
                "--by",
                "dan",
                "--reason",
                "within the limit",
            ]],
            how,
        );
        assert!(ok, "{how:?}: {text}");
        let merged = team.read("b", ORDER);
        assert!(
            merged.contains("ship:") && merged.contains("approve:"),
            "{how:?}\n{merged}"
        );
        assert_eq!(team.ordo("b", &["validate"]).code, 0);
    }
}

#[test]
fn the_same_step_done_on_both_sides_with_different_dates_is_a_conflict_validate_names() {
    for how in [Pull::Merge, Pull::Rebase, Pull::CherryPick] {
        let team = Team::new();
        let (ok, text) = both(
            &team,
            &[&[
                "advance",
                "202611-ACME-001",
                "ship",
                "--by",
                "ben",
                "--on",
                "2026-11-05",
            ]],
            &[&[
                "advance",
                "202611-ACME-001",
                "ship",
                "--by",
                "ben",
                "--on",
                "2026-11-06",
            ]],
            how,
        );
        assert!(!ok, "{how:?}: git stops\n{text}");
        let merged = team.read("b", ORDER);
        let start = merged.find("<<<<<<<").expect("markers");
        let end = merged.find(">>>>>>>").expect("markers");
        let inside = &merged[start..end];
        assert!(
            inside.contains("2026-11-05") && inside.contains("2026-11-06"),
            "{how:?}: both dates between the markers\n{merged}"
        );
        assert!(
            !inside.contains("take:") && !inside.contains("payments:"),
            "{how:?}: only the conflicting lines are marked\n{merged}"
        );
        let run = team.ordo("b", &["validate"]);
        assert_eq!(run.code, 1, "{}", run.transcript());
        assert!(
            run.stdout
                .contains("error[conflict]: unresolved merge conflict"),
            "{}",
            run.stdout
        );
    }
}

#[test]
fn amendments_appended_on_both_sides_are_both_kept_in_time_order() {
    for how in [Pull::Merge, Pull::Rebase, Pull::CherryPick] {
        let team = Team::new();
        let amend = |summary: &'static str| -> Vec<&'static str> {
            vec![
                "amend",
                "202611-ACME-001",
                "--by",
                "ann",
                "--summary",
                summary,
                "--impact",
                "minor",
            ]
        };
        // Ben's amendment is taken earlier than Ann's.
        let run = crate::support::run_in(
            &team.clone("b"),
            &[
                &["--as-of", "2026-11-19T09:00:00+08:00", "--color", "never"][..],
                &amend("from ben"),
            ]
            .concat(),
        );
        assert_eq!(run.code, 0, "{}", run.transcript());
        let (ok, text) = team.git("b", &["commit", "--quiet", "-am", "ben"]);
        assert!(ok, "{text}");
        let run = team.ordo("a", &amend("from ann"));
        assert_eq!(run.code, 0, "{}", run.transcript());
        team.publish("a", "ann");
        let (ok, text) = pull(&team, "b", how);
        assert!(ok, "{how:?}: {text}");
        let merged = team.read("b", ORDER);
        let ben = merged.find("summary: from ben").expect("ben's kept");
        let ann = merged.find("summary: from ann").expect("ann's kept");
        assert!(ben < ann, "{how:?}: in time order\n{merged}");
        assert_eq!(team.ordo("b", &["validate"]).code, 0);
    }
}

#[test]
fn a_comment_added_on_one_side_survives_an_advance_on_the_other() {
    for how in [Pull::Merge, Pull::Rebase, Pull::CherryPick] {
        let team = Team::new();
        let text = team.read("a", ORDER);
        std::fs::write(
            team.clone("a").join(ORDER),
            text.replace("owner: ann\n", "owner: ann  # checked by dora\n"),
        )
        .expect("write");
        team.publish("a", "a comment");
        let run = team.ordo(
            "b",
            &[
                "advance",
                "202611-ACME-001",
                "ship",
                "--by",
                "ben",
                "--on",
                "2026-11-05",
            ],
        );
        assert_eq!(run.code, 0, "{}", run.transcript());
        let (ok, text) = team.git("b", &["commit", "--quiet", "-am", "ship"]);
        assert!(ok, "{text}");
        let (ok, text) = pull(&team, "b", how);
        assert!(ok, "{how:?}: {text}");
        let merged = team.read("b", ORDER);
        assert!(
            merged.contains("owner: ann  # checked by dora\n"),
            "{how:?}\n{merged}"
        );
        assert!(merged.contains("done: 2026-11-05"), "{how:?}\n{merged}");
    }
}

#[test]
fn two_orders_created_under_one_id_both_survive_under_two_ids() {
    for how in [Pull::Merge, Pull::Rebase, Pull::CherryPick] {
        let team = Team::new();
        let new = |received: &'static str| -> Vec<&'static str> {
            vec![
                "new",
                "--customer",
                "ACME",
                "--owner",
                "ann",
                "--received",
                received,
            ]
        };
        let run = team.ordo("a", &new("2026-11-19T10:00"));
        assert_eq!(run.stdout, "orders/2026/202611-ACME-002.yaml\n");
        team.publish("a", "ann's order");
        let run = team.ordo("b", &new("2026-11-20T09:00"));
        assert_eq!(
            run.stdout, "orders/2026/202611-ACME-002.yaml\n",
            "Ben has not fetched"
        );
        let (ok, text) = team.git("b", &["add", "-A"]);
        assert!(ok, "{text}");
        let (ok, text) = team.git("b", &["commit", "--quiet", "-m", "ben's order"]);
        assert!(ok, "{text}");
        let (ok, text) = pull(&team, "b", how);
        assert!(!ok, "{how:?}: git stops for the user\n{text}");
        assert!(
            text.contains("was created on both sides as two different orders")
                && text.contains("is now 202611-ACME-003")
                && text.contains("git add"),
            "{how:?}: one message says what changed and what to run\n{text}"
        );
        let two = team.read("b", "orders/2026/202611-ACME-002.yaml");
        let three = team.read("b", "orders/2026/202611-ACME-003.yaml");
        assert!(!two.contains("<<<<<<<"), "{two}");
        assert!(
            three.contains("id: 202611-ACME-003") && three.contains("former_ids:"),
            "{three}"
        );
        let received: Vec<bool> = [&two, &three]
            .iter()
            .map(|t| t.contains("2026-11-19T10:00"))
            .collect();
        assert_eq!(
            received.iter().filter(|r| **r).count(),
            1,
            "one of each order"
        );
        let (ok, text) = team.git(
            "b",
            &[
                "add",
                "orders/2026/202611-ACME-002.yaml",
                "orders/2026/202611-ACME-003.yaml",
            ],
        );
        assert!(ok, "{text}");
        let run = team.ordo("b", &["validate"]);
        assert_eq!(run.code, 0, "{how:?}: {}", run.transcript());
    }
}

#[test]
fn new_takes_the_next_id_after_every_fetched_branch() {
    let team = Team::new();
    let run = team.ordo(
        "a",
        &[
            "new",
            "--customer",
            "ACME",
            "--owner",
            "ann",
            "--received",
            "2026-11-19T10:00",
        ],
    );
    assert_eq!(run.stdout, "orders/2026/202611-ACME-002.yaml\n");
    team.publish("a", "ann's order");
    let (ok, text) = team.git("b", &["fetch", "--quiet"]);
    assert!(ok, "{text}");
    let run = team.ordo(
        "b",
        &[
            "new",
            "--customer",
            "ACME",
            "--owner",
            "ann",
            "--received",
            "2026-11-20T09:00",
        ],
    );
    assert_eq!(
        run.stdout,
        "orders/2026/202611-ACME-003.yaml\n",
        "{}",
        run.transcript()
    );
}

#[test]
fn renumber_renames_the_file_and_keeps_the_old_id() {
    let team = Team::new();
    let run = team.ordo(
        "a",
        &["renumber", "202611-ACME-001", "202611-ACME-009", "--commit"],
    );
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert!(!team.clone("a").join(ORDER).exists());
    let text = team.read("a", "orders/2026/202611-ACME-009.yaml");
    assert!(
        text.contains("id: 202611-ACME-009") && text.contains("former_ids:\n  - 202611-ACME-001"),
        "{text}"
    );
    let (_, status) = team.git("a", &["status", "--porcelain"]);
    assert_eq!(status, "", "committed");
    assert_eq!(team.ordo("a", &["validate"]).code, 0);
}

#[test]
fn setup_git_is_idempotent_and_validate_warns_without_it() {
    let team = Team::new();
    let attributes = team.read("a", ".gitattributes");
    let run = team.ordo("a", &["setup-git"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert!(run.stdout.contains("already routes"), "{}", run.stdout);
    assert_eq!(
        team.read("a", ".gitattributes"),
        attributes,
        "nothing added twice"
    );
    let (ok, text) = team.git("a", &["rm", "--quiet", ".gitattributes"]);
    assert!(ok, "{text}");
    let run = team.ordo("a", &["validate"]);
    assert_eq!(run.code, 0, "a warning: {}", run.transcript());
    assert!(
        run.stdout.contains("warning[merge-setup]") && run.stdout.contains("ordo setup-git"),
        "{}",
        run.stdout
    );
}

#[test]
fn reports_say_which_commit_they_describe_and_whether_the_ledger_differed() {
    let team = Team::new();
    let (_, head) = team.git("a", &["rev-parse", "HEAD"]);
    let head = head.trim().to_owned();
    let json = |team: &Team| -> serde_json::Value {
        let run = team.ordo("a", &["overdue", "--format", "json"]);
        serde_json::from_str(&run.stdout).expect("json")
    };
    let report = json(&team);
    assert_eq!(report["commit"]["commit"], head.as_str());
    assert_eq!(report["commit"]["dirty"], false);
    let run = team.ordo("a", &["sla", "--format", "markdown"]);
    assert!(
        run.stdout
            .contains(&format!("ledger at commit `{}`", &head[..12])),
        "{}",
        run.stdout
    );
    let run = team.ordo("a", &["advance", "202611-ACME-001", "ship", "--by", "ben"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert_eq!(json(&team)["commit"]["dirty"], true);
    // When git cannot say (an index it cannot read), the commit is still
    // named and the files are taken to differ, with a warning; before, the
    // report said it was not in git at all.
    let (ok, text) = team.git("a", &["checkout", "--", "."]);
    assert!(ok, "{text}");
    std::fs::write(team.clone("a").join(".git/index"), b"not an index").expect("index");
    let run = team.ordo("a", &["overdue", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).expect("json");
    assert_eq!(report["commit"]["commit"], head.as_str(), "{}", run.stderr);
    assert_eq!(report["commit"]["dirty"], true);
    assert!(
        run.stderr
            .contains("the report says its files may differ from commit"),
        "{}",
        run.stderr
    );
}

#[test]
fn history_and_slips_show_who_moved_which_date_and_how_far() {
    let team = Team::new();
    let order = "orders/2026/202611-ACME-002.yaml";
    std::fs::write(
        team.clone("a").join(order),
        "id: 202611-ACME-002\ncustomer: ACME\nowner: ann\nreceived: 2026-11-02T10:00\nchannel: email\n",
    )
    .expect("write");
    team.publish("a", "a new order");
    let run = team.ordo("a", &["plan", "202611-ACME-002", "--commit"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    // The order came in two working days later than first written: every due
    // date moves, and the plan is re-baselined.
    let text = team.read("a", order);
    std::fs::write(
        team.clone("a").join(order),
        text.replace("received: 2026-11-02T10:00", "received: 2026-11-04T10:00"),
    )
    .expect("write");
    let (ok, text) = team.git("a", &["commit", "--quiet", "-am", "received corrected"]);
    assert!(ok, "{text}");
    let run = team.ordo(
        "a",
        &[
            "plan",
            "202611-ACME-002",
            "--rebaseline",
            "--reason",
            "received later",
            "--by",
            "ann",
            "--commit",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.transcript());

    let run = team.ordo("a", &["history", "202611-ACME-002", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    let report: serde_json::Value = serde_json::from_str(&run.stdout).expect("json");
    let rows = report["sections"]["changes"].as_array().expect("rows");
    let find = |field: &str, old: &str| {
        rows.iter()
            .find(|r| r["field"] == field && r["old"] == old)
            .unwrap_or_else(|| panic!("{field} from {old} in {rows:#?}"))
    };
    assert_eq!(
        find("received", "2026-11-02T10:00:00")["new"],
        "2026-11-04T10:00:00"
    );
    let due = find("due pack", "2026-11-03 10:00");
    assert_eq!(due["new"], "2026-11-05 10:00");
    assert_eq!(due["slip_working_days"], 2, "{due}");
    assert_eq!(due["author"], "ann");
    let baseline = find("steps.pack.planned", "2026-11-03");
    assert_eq!(baseline["new"], "2026-11-05");
    assert_eq!(baseline["slip_working_days"], 2);

    let run = team.ordo("a", &["slips", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    let report: serde_json::Value = serde_json::from_str(&run.stdout).expect("json");
    let summary = report["sections"]["summary"].as_array().expect("summary");
    let pack = summary
        .iter()
        .find(|r| r["step"] == "pack")
        .expect("pack moved");
    assert_eq!(pack["baseline_moves"], 1, "{pack}");
    assert_eq!(pack["due_moves"], 1, "{pack}");
    assert_eq!(pack["working_days_later"], 4, "{pack}");
    let worst = report["sections"]["worst"].as_array().expect("worst");
    assert!(
        worst.iter().all(|r| r["order"] == "202611-ACME-002"),
        "{worst:#?}"
    );
}
