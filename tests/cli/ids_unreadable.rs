//! `new` takes the next id after every id git's branches hold (issue 29):
//! when git cannot read a branch's orders, that is an error, not "no ids";
//! before, it went on and could issue an id a teammate's order holds.

use crate::support::Team;
use crate::team_ids::{commit, new_order};

#[test]
fn new_refuses_when_git_cannot_read_a_branchs_orders() {
    let team = Team::new();
    new_order(&team, "a", "2026-11-19T10:00");
    commit(&team, "a", "an order");
    // The year's folder of that commit, as a loose object, gone.
    let (ok, tree) = team.git("a", &["rev-parse", "HEAD:orders/2026"]);
    assert!(ok, "{tree}");
    let tree = tree.trim();
    let object = team
        .clone("a")
        .join(".git/objects")
        .join(&tree[..2])
        .join(&tree[2..]);
    std::fs::remove_file(&object).expect("a loose tree object");
    let before = files_in(&team.clone("a").join("orders/2026"));
    let run = team.ordo(
        "a",
        &[
            "new",
            "--customer",
            "ACME",
            "--owner",
            "ann",
            "--received",
            "2026-11-20T10:00",
        ],
    );
    assert_eq!(run.code, 2, "{}", run.transcript());
    assert!(run.stderr.contains("cannot be read"), "{}", run.stderr);
    assert!(
        run.stderr.contains("hint: no id was taken"),
        "{}",
        run.stderr
    );
    assert_eq!(files_in(&team.clone("a").join("orders/2026")), before);
}

fn files_in(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}
