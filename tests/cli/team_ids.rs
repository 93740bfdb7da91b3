//! Ids across clones (issue 24, items 2, 6 and 13): the order already pushed
//! keeps its id whether the other clone merges, rebases or cherry-picks; the
//! unpublished one moves and its author is told what to run (and it works as
//! told); a change made to an order before it moved lands on it under its new
//! id, never on the order that holds the old id now. Each failed before.

use crate::support::{Team, shell};
use crate::team::{Pull, pull};

const ANNS: &str = "2026-11-19T10:00";
const BENS: &str = "2026-11-20T09:00";

pub(crate) fn new_order(team: &Team, clone: &str, received: &str) -> String {
    let run = team.ordo(
        clone,
        &[
            "new",
            "--customer",
            "ACME",
            "--owner",
            if clone == "a" { "ann" } else { "ben" },
            "--received",
            received,
        ],
    );
    assert_eq!(run.code, 0, "{}", run.transcript());
    run.stdout.trim().to_owned()
}

pub(crate) fn commit(team: &Team, clone: &str, message: &str) {
    for args in [&["add", "-A"][..], &["commit", "--quiet", "-m", message]] {
        let (ok, text) = team.git(clone, args);
        assert!(ok, "{text}");
    }
}

/// Runs what the driver told the user to run (the text after "then run: ").
fn follow(team: &Team, clone: &str, said: &str) -> std::process::Output {
    let command = said
        .lines()
        .find_map(|l| l.split_once("then run: ").map(|(_, c)| c.to_owned()))
        .unwrap_or_else(|| panic!("the driver says what to run:\n{said}"));
    shell(&team.clone(clone), &command, &[("GIT_EDITOR", "true")])
}

fn uid(text: &str) -> Option<&str> {
    text.lines().find_map(|l| l.strip_prefix("uid: "))
}

#[test]
fn the_order_already_pushed_keeps_its_id_and_the_other_moves() {
    for how in [Pull::Merge, Pull::Rebase, Pull::CherryPick] {
        let team = Team::new();
        assert_eq!(
            new_order(&team, "a", ANNS),
            "orders/2026/202611-ACME-002.yaml"
        );
        team.publish("a", "202611-ACME-002: new order for ACME");
        let anns = team.read("a", "orders/2026/202611-ACME-002.yaml");
        assert_eq!(
            new_order(&team, "b", BENS),
            "orders/2026/202611-ACME-002.yaml"
        );
        commit(&team, "b", "202611-ACME-002: new order for ACME");
        let (ok, said) = pull(&team, "b", how);
        assert!(!ok, "{how:?}: git stops for the user\n{said}");
        assert!(
            said.contains("The one already pushed") && said.contains("is now 202611-ACME-003"),
            "{how:?}: {said}"
        );
        let two = team.read("b", "orders/2026/202611-ACME-002.yaml");
        let three = team.read("b", "orders/2026/202611-ACME-003.yaml");
        assert_eq!(
            two, anns,
            "{how:?}: Ann's pushed order is untouched under its id"
        );
        assert!(
            three.contains(BENS) && three.contains("former_ids:\n  - 202611-ACME-002"),
            "{how:?}: {three}"
        );
        assert_ne!(uid(&two), uid(&three), "two orders, two uids");
        let done = follow(&team, "b", &said);
        assert!(
            done.status.success(),
            "{how:?}: the command printed works\n{}",
            String::from_utf8_lossy(&done.stderr)
        );
        let (_, status) = team.git("b", &["status", "--porcelain"]);
        assert_eq!(status, "", "{how:?}: nothing left over");
        let run = team.ordo("b", &["validate"]);
        assert_eq!(run.code, 0, "{how:?}: {}", run.transcript());
        if matches!(how, Pull::Rebase) {
            let (_, log) = team.git("b", &["log", "-1", "--format=%s"]);
            assert_eq!(
                log.trim(),
                "202611-ACME-003: new order for ACME",
                "the replayed commit names the id it has now"
            );
        }
    }
}

#[test]
fn with_three_clones_every_pushed_order_keeps_its_id() {
    let team = Team::new();
    team.join("c", "cy");
    new_order(&team, "a", ANNS);
    team.publish("a", "ann's order");
    // Cy's order moves past Ann's; once pushed, it keeps its new id.
    new_order(&team, "c", "2026-11-19T15:00");
    commit(&team, "c", "cy's order");
    let (ok, said) = pull(&team, "c", Pull::Merge);
    assert!(!ok && said.contains("is now 202611-ACME-003"), "{said}");
    assert!(follow(&team, "c", &said).status.success());
    let (ok, text) = team.git("c", &["push", "--quiet", "origin", "HEAD"]);
    assert!(ok, "{text}");
    let cys = team.read("c", "orders/2026/202611-ACME-003.yaml");
    // Ben, who fetched neither, created 002 too.
    new_order(&team, "b", BENS);
    commit(&team, "b", "ben's order");
    let (ok, said) = pull(&team, "b", Pull::Merge);
    assert!(!ok && said.contains("is now 202611-ACME-004"), "{said}");
    assert!(follow(&team, "b", &said).status.success());
    assert_eq!(team.read("b", "orders/2026/202611-ACME-003.yaml"), cys);
    assert!(
        team.read("b", "orders/2026/202611-ACME-002.yaml")
            .contains(ANNS)
    );
    assert!(
        team.read("b", "orders/2026/202611-ACME-004.yaml")
            .contains(BENS)
    );
}

#[test]
fn a_change_made_before_an_order_moved_lands_on_it_under_its_new_id() {
    let team = Team::new();
    new_order(&team, "a", ANNS);
    team.publish("a", "ann's order");
    new_order(&team, "b", BENS);
    commit(&team, "b", "202611-ACME-002: new order for ACME");
    let run = team.ordo(
        "b",
        &[
            "advance",
            "202611-ACME-002",
            "take",
            "--by",
            "ann",
            "--on",
            "2026-11-20T09:30",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.transcript());
    commit(&team, "b", "202611-ACME-002: take done by ann");
    let (ok, said) = pull(&team, "b", Pull::Rebase);
    assert!(!ok && said.contains("is now 202611-ACME-003"), "{said}");
    // Following it replays the next commit, which changed 002 as it was.
    let next = follow(&team, "b", &said);
    assert!(!next.status.success(), "git stops again");
    let said =
        String::from_utf8_lossy(&next.stderr).into_owned() + &String::from_utf8_lossy(&next.stdout);
    assert!(
        said.contains("applied to 202611-ACME-003"),
        "the user is told where the change went: {said}"
    );
    let done = follow(&team, "b", &said);
    assert!(
        done.status.success(),
        "{}",
        String::from_utf8_lossy(&done.stderr)
    );
    let two = team.read("b", "orders/2026/202611-ACME-002.yaml");
    let three = team.read("b", "orders/2026/202611-ACME-003.yaml");
    assert!(
        !two.contains("2026-11-20T09:30"),
        "Ann's order is untouched: {two}"
    );
    assert!(
        three.contains("2026-11-20T09:30"),
        "Ben's change is on his order: {three}"
    );
    let run = team.ordo("b", &["validate"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
}

#[test]
fn done_on_one_side_and_skipped_on_the_other_stops_a_real_merge() {
    let team = Team::new();
    let run = team.ordo(
        "a",
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
    team.publish("a", "shipped");
    let run = team.ordo(
        "b",
        &[
            "skip",
            "202611-ACME-001",
            "ship",
            "--by",
            "ben",
            "--reason",
            "picked up",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.transcript());
    commit(&team, "b", "not shipped");
    let (ok, said) = pull(&team, "b", Pull::Merge);
    assert!(
        !ok,
        "before: a clean merge of a step both done and skipped\n{said}"
    );
    let run = team.ordo("b", &["validate"]);
    assert_eq!(run.code, 1, "{}", run.transcript());
    assert!(run.stdout.contains("error[conflict]"), "{}", run.stdout);
}

#[test]
fn an_order_is_found_by_an_id_it_had_before() {
    let team = Team::new();
    let run = team.ordo(
        "a",
        &["renumber", "202611-ACME-001", "202611-ACME-009", "--commit"],
    );
    assert_eq!(run.code, 0, "{}", run.transcript());
    let (ok, text) = team.git("a", &["push", "--quiet", "origin", "HEAD"]);
    assert!(ok, "{text}");
    // Before: "no order `202611-ACME-001`".
    let run = team.ordo("a", &["show", "202611-ACME-001"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert!(run.stdout.contains("202611-ACME-009"), "{}", run.stdout);
    assert!(
        run.stderr.contains("is now 202611-ACME-009"),
        "{}",
        run.stderr
    );
    // The id it had is never issued again, by `new` or by `renumber`.
    let made = new_order(&team, "a", ANNS);
    assert_ne!(made, "orders/2026/202611-ACME-001.yaml");
    let run = team.ordo("a", &["renumber", "202611-ACME-009", "202611-ACME-001"]);
    assert_eq!(run.code, 2, "{}", run.transcript());
    assert!(
        run.stderr.contains("before it was renumbered"),
        "{}",
        run.stderr
    );
}

#[test]
fn renumber_counts_the_ids_on_remote_branches() {
    let team = Team::new();
    new_order(&team, "a", ANNS);
    team.publish("a", "ann's order");
    let (ok, text) = team.git("b", &["fetch", "--quiet"]);
    assert!(ok, "{text}");
    // Before: renumber looked at the working tree only.
    let run = team.ordo("b", &["renumber", "202611-ACME-001", "202611-ACME-002"]);
    assert_eq!(run.code, 2, "{}", run.transcript());
    assert!(run.stderr.contains("on a branch"), "{}", run.stderr);
}

#[test]
fn one_order_under_two_ids_is_named_by_validate() {
    let team = Team::new();
    let old = "orders/2026/202611-ACME-001.yaml";
    // A renumbering killed between writing the new file and removing the old.
    let run = team.ordo("a", &["renumber", "202611-ACME-001", "202611-ACME-009"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    let (ok, text) = team.git("a", &["checkout", "HEAD", "--", old]);
    assert!(ok, "{text}");
    let run = team.ordo("a", &["validate"]);
    assert_eq!(
        run.code,
        1,
        "before: validate accepted it\n{}",
        run.transcript()
    );
    assert_eq!(
        run.stdout.matches("error[duplicate-order]").count(),
        2,
        "{}",
        run.stdout
    );
    // A hook on the new file alone says so too.
    let run = team.ordo("a", &["validate", "orders/2026/202611-ACME-009.yaml"]);
    assert_eq!(run.code, 1, "{}", run.transcript());
    assert!(
        run.stdout.contains("error[duplicate-order]"),
        "{}",
        run.stdout
    );

    // Two clones that renumber one order to two ids end the same way.
    let team = Team::new();
    let run = team.ordo(
        "a",
        &["renumber", "202611-ACME-001", "202611-ACME-009", "--commit"],
    );
    assert_eq!(run.code, 0, "{}", run.transcript());
    let (ok, text) = team.git("a", &["push", "--quiet", "origin", "HEAD"]);
    assert!(ok, "{text}");
    let run = team.ordo(
        "b",
        &["renumber", "202611-ACME-001", "202611-ACME-008", "--commit"],
    );
    assert_eq!(run.code, 0, "{}", run.transcript());
    let (ok, _) = pull(&team, "b", Pull::Merge);
    assert!(!ok, "git stops on the rename/rename");
    // git's rename/rename leaves 8-character markers: an unresolved
    // conflict, not invalid YAML.
    let run = team.ordo("b", &["validate"]);
    assert!(run.stdout.contains("error[conflict]"), "{}", run.stdout);
    assert!(!run.stdout.contains("error[yaml]"), "{}", run.stdout);
    // Resolved as each side had it: one order under two ids.
    for (rev, id) in [("HEAD", "008"), ("MERGE_HEAD", "009")] {
        let rel = format!("orders/2026/202611-ACME-{id}.yaml");
        let (ok, text) = team.git("b", &["show", &format!("{rev}:{rel}")]);
        assert!(ok, "{text}");
        std::fs::write(team.clone("b").join(&rel), text).expect("write");
    }
    for args in [&["add", "-A"][..], &["commit", "--quiet", "-m", "merged"]] {
        let (ok, text) = team.git("b", args);
        assert!(ok, "{text}");
    }
    let run = team.ordo("b", &["validate"]);
    assert_eq!(run.code, 1, "{}", run.transcript());
    assert!(
        run.stdout.contains("error[duplicate-order]"),
        "{}",
        run.stdout
    );
}

#[test]
fn attach_commit_commits_the_document_with_the_order() {
    // Before: only the order file was committed, and every teammate's
    // `validate` failed on a document not in the repository.
    let team = Team::new();
    let config = team.read("a", "ordo.yaml");
    std::fs::write(
        team.clone("a").join("ordo.yaml"),
        format!("{config}documents:\n  customer-po: {{title: Customer PO}}\n"),
    )
    .expect("write");
    team.publish("a", "document kinds");
    std::fs::create_dir_all(team.clone("a").join("documents")).expect("mkdir");
    std::fs::write(team.clone("a").join("documents/po 4411.pdf"), "%PDF-1.4").expect("write");
    let run = team.ordo(
        "a",
        &[
            "attach",
            "202611-ACME-001",
            "customer-po",
            "documents/po 4411.pdf",
            "--commit",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.transcript());
    let (_, status) = team.git("a", &["status", "--porcelain"]);
    assert_eq!(status, "", "both committed");
    let (ok, text) = team.git("a", &["push", "--quiet", "origin", "HEAD"]);
    assert!(ok, "{text}");
    let (ok, text) = team.git("b", &["pull", "--quiet"]);
    assert!(ok, "{text}");
    let run = team.ordo("b", &["validate"]);
    assert_eq!(
        run.code,
        0,
        "the teammate's clone has it: {}",
        run.transcript()
    );
    // Without --commit, an untracked document is named.
    std::fs::write(team.clone("a").join("documents/po 4412.pdf"), "%PDF-1.4").expect("write");
    let run = team.ordo(
        "a",
        &[
            "attach",
            "202611-ACME-001",
            "customer-po",
            "documents/po 4412.pdf",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert!(run.stderr.contains("not in git yet"), "{}", run.stderr);
}

#[test]
fn a_clone_routed_to_the_driver_but_not_set_up_is_warned() {
    let team = Team::new();
    // A teammate who cloned but never ran `ordo setup-git`.
    let (ok, text) = team.git("b", &["config", "--unset", "merge.ordo.driver"]);
    assert!(ok, "{text}");
    let run = team.ordo("b", &["validate"]);
    assert_eq!(run.code, 0, "a warning: {}", run.transcript());
    assert!(
        run.stdout.contains("warning[merge-setup]") && run.stdout.contains("has not set up"),
        "{}",
        run.stdout
    );
    // A driver that names a binary that moved away, with no `ordo` on PATH.
    let (ok, text) = team.git(
        "b",
        &[
            "config",
            "merge.ordo.driver",
            "'/gone/bin/ordo' merge-file %O %A %B %P",
        ],
    );
    assert!(ok, "{text}");
    let run = team.ordo("b", &["validate"]);
    assert!(
        run.stdout.contains("/gone/bin/ordo, which is not there"),
        "{}",
        run.stdout
    );
    let run = team.ordo("b", &["setup-git"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert!(!team.ordo("b", &["validate"]).stdout.contains("merge-setup"));
}

#[test]
fn merges_keep_working_when_the_binary_moves() {
    let team = Team::new();
    // setup-git ran with a binary since moved: the driver line falls back to
    // the `ordo` on PATH.
    let (_, line) = team.git("b", &["config", "merge.ordo.driver"]);
    let moved = line.replacen(
        &assert_cmd::cargo::cargo_bin("ordo").display().to_string(),
        "/gone/bin/ordo",
        1,
    );
    assert_ne!(moved, line, "the line names the binary: {line}");
    let (ok, text) = team.git("b", &["config", "merge.ordo.driver", moved.trim()]);
    assert!(ok, "{text}");
    let advance = |clone: &str, step: &str, by: &str| {
        let run = team.ordo(
            clone,
            &[
                "advance",
                "202611-ACME-001",
                step,
                "--by",
                by,
                "--on",
                "2026-11-05",
            ],
        );
        assert_eq!(run.code, 0, "{}", run.transcript());
    };
    advance("a", "ship", "ben");
    team.publish("a", "shipped");
    let run = team.ordo(
        "b",
        &[
            "skip",
            "202611-ACME-001",
            "approve",
            "--by",
            "dan",
            "--reason",
            "within the limit",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.transcript());
    commit(&team, "b", "approval skipped");
    let bin = assert_cmd::cargo::cargo_bin("ordo");
    let path = format!(
        "{}:{}",
        bin.parent().expect("folder").display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let out = shell(
        &team.clone("b"),
        "git pull --quiet --no-rebase origin main",
        &[("PATH", &path), ("GIT_EDITOR", "true")],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
