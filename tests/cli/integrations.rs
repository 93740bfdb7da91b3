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
/// out (the test puts this build on PATH instead), and whether each runs after a
/// failed step (`if: always()`).
fn workflow_steps(value: &serde_json::Value) -> Vec<(String, bool)> {
    value["jobs"]["report"]["steps"]
        .as_array()
        .expect("steps")
        .iter()
        .filter_map(|s| Some((s["run"].as_str()?, s["if"].as_str() == Some("always()"))))
        .filter(|(run, _)| run.contains("ordo ") && !run.contains("cargo install"))
        .map(|(run, always)| (run.to_owned(), always))
        .collect()
}

/// A copy of the example ledger in a git repository, with one order that
/// cannot be read.
fn ledger_with_an_invalid_order() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_tree(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("example-ledger"),
        dir.path(),
    );
    std::fs::write(
        dir.path().join("orders/2026/202611-ABC-099.yaml"),
        "id: 202611-ABC-099\ncustomer: ABC\nowner: alice\nreceived: 2026-11-05T09:00\nchannel: carrier-pigeon\n",
    )
    .expect("write");
    git(dir.path(), &["init", "--quiet"]);
    dir
}

#[test]
fn the_github_recipe_publishes_with_an_invalid_order() {
    let workflow = repo_file("docs/ci/github-actions.yml");
    let steps = workflow_steps(&workflow);
    assert_eq!(steps.len(), 2, "validate, and the site and reports");
    let dir = ledger_with_an_invalid_order();
    let summary = dir.path().join("summary.md");
    let summary_path = summary.to_str().expect("utf-8");
    let env = [
        ("GITHUB_STEP_SUMMARY", summary_path),
        ("SITE_URL", "https://acme.github.io/orders/"),
    ];
    let mut failed = false;
    for (step, always) in &steps {
        if failed && !always {
            continue;
        }
        let output = sh(dir.path(), step, &env);
        let stdout = String::from_utf8_lossy(&output.stdout);
        if step.contains("ordo validate") {
            // The invalid order fails the job, annotated on its file.
            assert_eq!(output.status.code(), Some(1), "{stdout}");
            assert!(
                stdout.contains("::error file=orders/2026/202611-ABC-099.yaml,line=5"),
                "{stdout}"
            );
            failed = true;
        } else {
            assert!(
                output.status.success(),
                "{step}\n{stdout}\n{}",
                String::from_utf8_lossy(&output.stderr)
            );
        }
    }
    let summary = std::fs::read_to_string(&summary).expect("summary written");
    assert!(
        summary.contains("## Overdue") && summary.contains("## Service levels"),
        "{summary}"
    );
    assert!(
        summary.contains("202611-ABC-099"),
        "the summary names the invalid file"
    );
    assert!(summary.contains("https://acme.github.io/orders/"));
    let home = std::fs::read_to_string(dir.path().join("_site/index.html")).expect("the site");
    assert!(
        home.contains("202611-ABC-099"),
        "the site names the invalid file"
    );
    for artifact in [
        "reports/data/overdue.json",
        "reports/sla-detail.json",
        "reports/calendar/all.ics",
    ] {
        assert!(dir.path().join(artifact).is_file(), "{artifact}");
    }
    // Pages get the site even after a failed validation.
    let upload = workflow["jobs"]["report"]["steps"]
        .as_array()
        .expect("steps")
        .iter()
        .find(|s| {
            s["uses"]
                .as_str()
                .is_some_and(|u| u.starts_with("actions/upload-pages-artifact"))
        })
        .expect("the site is uploaded for Pages");
    assert!(
        upload["if"]
            .as_str()
            .is_some_and(|c| c.starts_with("always()"))
    );
    assert_eq!(upload["with"]["path"], "_site/");
    let deploy = &workflow["jobs"]["deploy"];
    assert!(
        deploy["if"]
            .as_str()
            .is_some_and(|c| c.contains("!cancelled()"))
    );
    assert!(
        deploy["steps"][0]["uses"]
            .as_str()
            .is_some_and(|u| u.starts_with("actions/deploy-pages"))
    );
}

#[test]
fn the_gitlab_recipe_publishes_with_an_invalid_order() {
    let recipe = repo_file("docs/ci/gitlab-ci.yml");
    let job = &recipe["ordo-daily"];
    let script: Vec<&str> = job["script"]
        .as_array()
        .expect("script")
        .iter()
        .filter_map(|s| s.as_str())
        .collect();
    let dir = ledger_with_an_invalid_order();
    let output = sh(dir.path(), &script.join("\n"), &[]);
    // The job fails for the invalid order, after making everything.
    assert_eq!(
        output.status.code(),
        Some(1),
        "{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(String::from_utf8_lossy(&output.stdout).contains("## Overdue"));
    let home = std::fs::read_to_string(dir.path().join("public/index.html")).expect("the site");
    assert!(home.contains("202611-ABC-099"));
    assert!(dir.path().join("reports/calendar/all.ics").is_file());
    assert_eq!(job["artifacts"]["when"], "always");
    let pages = &recipe["pages"];
    assert_eq!(pages["rules"][0]["when"], "always");
    assert_eq!(pages["artifacts"]["paths"][0], "public/");
    assert_eq!(pages["needs"][0]["job"], "ordo-daily");
}
