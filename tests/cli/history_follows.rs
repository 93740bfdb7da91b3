//! `ordo history` and `ordo slips` follow the order, never a file name
//! (issue 24, item 5): another order created beside it, a renumbering, an id
//! two clones took, a merge's resolution and a shallow clone. Each failed
//! before.

use crate::support::{Team, git};
use crate::team::{Pull, pull};

/// The history's rows as JSON objects.
fn history(team: &Team, clone: &str, id: &str) -> (Vec<serde_json::Value>, serde_json::Value) {
    let run = team.ordo(clone, &["history", id, "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    let report: serde_json::Value = serde_json::from_str(&run.stdout).expect("json");
    let rows = report["sections"]["changes"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    (rows, report)
}

fn rows_of<'r>(rows: &'r [serde_json::Value], field: &str) -> Vec<&'r serde_json::Value> {
    rows.iter().filter(|r| r["field"] == field).collect()
}

fn ordo_ok(team: &Team, clone: &str, args: &[&str]) {
    let run = team.ordo(clone, args);
    assert_eq!(run.code, 0, "{}", run.transcript());
}

fn new(team: &Team, clone: &str, received: &str) {
    ordo_ok(
        team,
        clone,
        &[
            "new",
            "--customer",
            "ACME",
            "--owner",
            "ann",
            "--received",
            received,
            "--commit",
        ],
    );
}

#[test]
fn another_order_of_the_same_customer_is_never_taken_for_an_edit() {
    let team = Team::new();
    new(&team, "a", "2026-11-19T10:00");
    new(&team, "a", "2026-11-19T11:00");
    let (rows, _) = history(&team, "a", "202611-ACME-003");
    assert_eq!(rows.len(), 1, "{rows:#?}");
    assert_eq!(rows[0]["new"], "created");
}

#[test]
fn history_follows_an_order_across_a_renumbering() {
    let team = Team::new();
    ordo_ok(
        &team,
        "a",
        &["renumber", "202611-ACME-001", "202611-ACME-009", "--commit"],
    );
    ordo_ok(
        &team,
        "a",
        &[
            "advance",
            "202611-ACME-009",
            "ship",
            "--by",
            "ben",
            "--on",
            "2026-11-05",
            "--commit",
        ],
    );
    let (rows, _) = history(&team, "a", "202611-ACME-009");
    assert_eq!(rows_of(&rows, "order")[0]["new"], "created", "{rows:#?}");
    let id = rows_of(&rows, "id");
    assert_eq!(id.len(), 1, "{rows:#?}");
    assert_eq!(
        (id[0]["old"].as_str(), id[0]["new"].as_str()),
        (Some("202611-ACME-001"), Some("202611-ACME-009"))
    );
    assert!(
        rows.iter().any(|r| r["field"] == "steps.ship.done"),
        "{rows:#?}"
    );
    // By the id it had, the same story.
    let (again, _) = history(&team, "a", "202611-ACME-001");
    assert_eq!(again.len(), rows.len());
}

#[test]
fn an_id_two_clones_took_lists_one_creation_each() {
    let team = Team::new();
    new(&team, "a", "2026-11-19T10:00");
    let (ok, text) = team.git("a", &["push", "--quiet", "origin", "HEAD"]);
    assert!(ok, "{text}");
    new(&team, "b", "2026-11-20T09:00");
    let (ok, said) = pull(&team, "b", Pull::Merge);
    assert!(!ok, "{said}");
    for args in [&["add", "-A"][..], &["commit", "--quiet", "--no-edit"]] {
        let (ok, text) = team.git("b", args);
        assert!(ok, "{text}");
    }
    let (anns, _) = history(&team, "b", "202611-ACME-002");
    let created = rows_of(&anns, "order");
    assert_eq!(created.len(), 1, "one order created under 002: {anns:#?}");
    assert_eq!(created[0]["author"], "ann");
    let (bens, _) = history(&team, "b", "202611-ACME-003");
    assert_eq!(rows_of(&bens, "order")[0]["author"], "ben", "{bens:#?}");
    let moved = rows_of(&bens, "id");
    assert_eq!(moved.len(), 1, "{bens:#?}");
    assert_eq!(moved[0]["new"], "202611-ACME-003");
}

#[test]
fn values_set_while_resolving_a_merge_are_its_history() {
    let team = Team::new();
    let ship = |clone: &str, on: &str| {
        ordo_ok(
            &team,
            clone,
            &[
                "advance",
                "202611-ACME-001",
                "ship",
                "--by",
                "ben",
                "--on",
                on,
            ],
        );
    };
    ship("b", "2026-11-06");
    let (ok, text) = team.git("b", &["commit", "--quiet", "-am", "ben ships on the 6th"]);
    assert!(ok, "{text}");
    ship("a", "2026-11-05");
    team.publish("a", "ann ships on the 5th");
    let (ok, _) = pull(&team, "b", Pull::Merge);
    assert!(!ok, "a conflict");
    // Resolved to a date neither side had.
    let path = team.clone("b").join("orders/2026/202611-ACME-001.yaml");
    let text = std::fs::read_to_string(&path).expect("read");
    let resolved: String = {
        let mut out = String::new();
        let mut skip = false;
        for line in text.lines() {
            if line.starts_with("<<<<<<<") {
                out.push_str("  ship: {done: 2026-11-07, by: ben}\n");
                skip = true;
            } else if line.starts_with(">>>>>>>") {
                skip = false;
            } else if !skip {
                out.push_str(line);
                out.push('\n');
            }
        }
        out
    };
    std::fs::write(&path, resolved).expect("write");
    for args in [&["add", "-A"][..], &["commit", "--quiet", "--no-edit"]] {
        let (ok, text) = team.git("b", args);
        assert!(ok, "{text}");
    }
    let (rows, _) = history(&team, "b", "202611-ACME-001");
    let done = rows_of(&rows, "steps.ship.done");
    let last = done.last().expect("rows");
    assert_eq!(last["new"], "2026-11-07", "{rows:#?}");
    assert!(
        last["commit"]
            .as_str()
            .is_some_and(|c| c.ends_with("(merge)"))
    );
}

#[test]
fn a_shallow_clone_says_where_its_history_is_cut() {
    let team = Team::new();
    ordo_ok(&team, "a", &["plan", "202611-ACME-001"]);
    team.publish("a", "planned");
    let url = format!("file://{}", team.dir.path().join("origin.git").display());
    git(
        team.dir.path(),
        &["clone", "--quiet", "--depth", "1", &url, "shallow"],
    );
    let (rows, report) = history(&team, "shallow", "202611-ACME-001");
    assert!(
        rows[0]["commit"]
            .as_str()
            .is_some_and(|c| c.ends_with("(shallow)")),
        "{rows:#?}"
    );
    assert_eq!(rows[0]["new"], "first seen");
    let notes = report["notes"].to_string();
    assert!(notes.contains("shallow"), "{notes}");
    let run = team.ordo("shallow", &["slips", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert!(run.stdout.contains("shallow"), "{}", run.stdout);
}
