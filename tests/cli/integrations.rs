//! The integration recipes run as written: the pre-commit hook's entry on a staged
//! file, and the shell steps of the CI recipes on a copy of the example ledger.

use std::path::Path;

use crate::support::{commit_all, copy_tree, git, shell as sh};

fn repo_file(rel: &str) -> serde_json::Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(rel);
    let text = std::fs::read_to_string(&path).expect("read");
    ordo_core::yaml::parse(&text).expect("valid YAML")
}

#[test]
fn the_pre_commit_hook_refuses_a_staged_bad_file() {
    let hooks = repo_file(".pre-commit-hooks.yaml");
    let hook = &hooks[0];
    assert_eq!(hook["id"], "ordo-validate");
    assert_eq!(hook["language"], "rust");
    let entry = hook["entry"].as_str().expect("entry");
    let files = regex::Regex::new(hook["files"].as_str().expect("files")).expect("regex");

    let dir = tempfile::tempdir().expect("tempdir");
    copy_tree(&crate::support::fixtures().join("base"), dir.path());
    commit_all(dir.path());
    std::fs::write(
        dir.path().join("orders/2026/202611-ACME-002.yaml"),
        "id: 202611-ACME-002\ncustomer: ACME\nowner: ann\nreceived: 2026-11-05T09:00\nchannel: carrier-pigeon\n",
    )
    .expect("write");
    std::fs::write(dir.path().join("notes.md"), "not a ledger file\n").expect("write");
    git(dir.path(), &["add", "-A"]);

    // What pre-commit does: the staged files that match `files`, after the entry.
    let staged: Vec<String> = git(dir.path(), &["diff", "--cached", "--name-only"])
        .lines()
        .filter(|f| files.is_match(f))
        .map(str::to_owned)
        .collect();
    assert_eq!(staged, vec!["orders/2026/202611-ACME-002.yaml"]);
    let script = format!("{entry} {}", staged.join(" "));
    let output = sh(dir.path(), &script, &[]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains("error[schema]: `carrier-pigeon` is not one of"),
        "{stdout}"
    );
    assert!(
        stdout.contains("orders/2026/202611-ACME-002.yaml:5:10"),
        "{stdout}"
    );

    // Fixed, the commit goes through.
    std::fs::write(
        dir.path().join("orders/2026/202611-ACME-002.yaml"),
        "id: 202611-ACME-002\ncustomer: ACME\nowner: ann\nreceived: 2026-11-05T09:00\nchannel: email\n",
    )
    .expect("write");
    let output = sh(dir.path(), &script, &[]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );
}

/// The `run:` steps of a GitHub workflow that use ordo, with the install step left
/// out (the test puts this build on PATH instead).
fn workflow_steps(value: &serde_json::Value) -> Vec<String> {
    value["jobs"]["report"]["steps"]
        .as_array()
        .expect("steps")
        .iter()
        .filter_map(|s| s["run"].as_str())
        .filter(|run| run.contains("ordo ") && !run.contains("cargo install"))
        .map(str::to_owned)
        .collect()
}

#[test]
fn the_github_recipe_runs_on_the_example_ledger() {
    let workflow = repo_file("docs/ci/github-actions.yml");
    let steps = workflow_steps(&workflow);
    assert_eq!(steps.len(), 2, "validate and reports");
    let dir = tempfile::tempdir().expect("tempdir");
    copy_tree(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("example-ledger"),
        dir.path(),
    );
    git(dir.path(), &["init", "--quiet"]);
    let summary = dir.path().join("summary.md");
    let summary_path = summary.to_str().expect("utf-8");
    for step in &steps {
        let output = sh(dir.path(), step, &[("GITHUB_STEP_SUMMARY", summary_path)]);
        assert!(
            output.status.success(),
            "{step}\n{}\n{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let summary = std::fs::read_to_string(&summary).expect("summary written");
    assert!(
        summary.contains("## Overdue") && summary.contains("## Service levels"),
        "{summary}"
    );
    for artifact in [
        "reports/overdue.json",
        "reports/sla.json",
        "reports/ordo.ics",
    ] {
        assert!(dir.path().join(artifact).is_file(), "{artifact}");
    }
    let overdue: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.path().join("reports/overdue.json")).expect("read"),
    )
    .expect("json");
    assert_eq!(overdue["version"], 1);
    assert_eq!(overdue["report"], "overdue");
}

#[test]
fn the_gitlab_recipe_runs_on_the_example_ledger() {
    let job = &repo_file("docs/ci/gitlab-ci.yml")["ordo-daily"];
    let script: Vec<&str> = job["script"]
        .as_array()
        .expect("script")
        .iter()
        .filter_map(|s| s.as_str())
        .collect();
    let dir = tempfile::tempdir().expect("tempdir");
    copy_tree(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("example-ledger"),
        dir.path(),
    );
    git(dir.path(), &["init", "--quiet"]);
    let output = sh(dir.path(), &script.join("\n"), &[]);
    assert!(
        output.status.success(),
        "{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(String::from_utf8_lossy(&output.stdout).contains("## Overdue"));
    assert!(dir.path().join("reports/ordo.ics").is_file());
}
