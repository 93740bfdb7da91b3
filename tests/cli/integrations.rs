//! The integration recipes run as written: the pre-commit hook's entry on a staged
//! file, and the shell steps of the CI recipes on a copy of the example ledger.

use std::path::Path;

use crate::support::{commit_all, copy_tree, git, repo_yaml as repo_file, shell as sh};

#[test]
fn the_pre_commit_hook_refuses_a_staged_bad_file() {
    let hooks = repo_file(".pre-commit-hooks.yaml");
    let hook = &hooks[0];
    assert_eq!(hook["id"], "ordo-validate");
    // The released wheel, no compiler; the build from source checks the same.
    assert_eq!(hook["language"], "python");
    let build = &hooks[1];
    assert_eq!(build["id"], "ordo-validate-build");
    assert_eq!(build["language"], "rust");
    assert_eq!(build["entry"], hook["entry"]);
    assert_eq!(build["files"], hook["files"]);
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
/// out (the test puts this build on PATH instead; the install test runs it with
/// the wheel), and whether each runs after a failed step (`if: always()`).
fn workflow_steps(value: &serde_json::Value) -> Vec<(String, bool)> {
    value["jobs"]["report"]["steps"]
        .as_array()
        .expect("steps")
        .iter()
        .filter_map(|s| Some((s["run"].as_str()?, s["if"].as_str() == Some("always()"))))
        .filter(|(run, _)| run.contains("ordo ") && !run.contains("pip\" install"))
        .map(|(run, always)| (run.to_owned(), always))
        .collect()
}

/// A copy of the example ledger committed to a git repository, with one order
/// that cannot be read.
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
    commit_all(dir.path());
    dir
}

#[test]
fn the_github_recipe_publishes_with_an_invalid_order() {
    let workflow = repo_file("docs/ci/github-actions.yml");
    let steps = workflow_steps(&workflow);
    assert_eq!(steps.len(), 2, "validate, and the site and reports");
    let dir = ledger_with_an_invalid_order();
    let runner_temp = tempfile::tempdir().expect("tempdir");
    let summary = runner_temp.path().join("summary.md");
    let env = [
        ("GITHUB_STEP_SUMMARY", summary.to_str().expect("utf-8")),
        ("RUNNER_TEMP", runner_temp.path().to_str().expect("utf-8")),
        ("PAGES_URL", "https://acme.github.io/orders/"),
        ("RUN_URL", "https://github.com/acme/orders/actions/runs/7"),
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
    // Nothing was written into the checkout: the reports describe the commit.
    assert!(!summary.contains("uncommitted"), "{summary}");
    assert_eq!(git(dir.path(), &["status", "--porcelain"]), "");
    // Without a Pages site, the rest is in the run's artifacts.
    assert!(summary.contains("The site: https://github.com/acme/orders/actions/runs/7"));
    assert!(!summary.contains("github.io"), "{summary}");
    let home =
        std::fs::read_to_string(runner_temp.path().join("site/index.html")).expect("the site");
    assert!(
        home.contains("202611-ABC-099"),
        "the site names the invalid file"
    );
    assert!(!home.contains("uncommitted"));
    // The footer says what the site was made from and who may read it.
    let head = git(dir.path(), &["rev-parse", "--short=12", "HEAD"]);
    let footer = format!("from commit {} of the ledger", head.trim());
    assert!(home.contains(&footer), "{footer}");
    assert!(home.contains("publish it only where your team alone can"));
    for artifact in [
        "reports/data/overdue.json",
        "reports/sla-detail.json",
        "reports/calendar/all.ics",
    ] {
        assert!(runner_temp.path().join(artifact).is_file(), "{artifact}");
    }
    // A Pages site is a choice (public on most plans): uploaded and deployed
    // only when ORDO_PUBLISH_PAGES is true, then also after a failed validation.
    let report_steps = workflow["jobs"]["report"]["steps"]
        .as_array()
        .expect("steps");
    let uses = |prefix: &str| {
        report_steps
            .iter()
            .find(|s| s["uses"].as_str().is_some_and(|u| u.starts_with(prefix)))
            .unwrap_or_else(|| panic!("a step uses {prefix}"))
    };
    let upload = uses("actions/upload-pages-artifact");
    let condition = upload["if"].as_str().expect("if");
    assert!(condition.starts_with("always()"), "{condition}");
    assert!(
        condition.contains("env.ORDO_PUBLISH_PAGES == 'true'"),
        "{condition}"
    );
    assert_eq!(upload["with"]["path"], "${{ runner.temp }}/site/");
    let deploy = &workflow["jobs"]["deploy"];
    let condition = deploy["if"].as_str().expect("if");
    assert!(condition.contains("!cancelled()"), "{condition}");
    assert!(
        condition.contains("vars.ORDO_PUBLISH_PAGES == 'true'"),
        "{condition}"
    );
    assert!(
        deploy["steps"][0]["uses"]
            .as_str()
            .is_some_and(|u| u.starts_with("actions/deploy-pages"))
    );
    // The install step takes a pinned release, never a build.
    let install = report_steps
        .iter()
        .find(|s| s["name"] == "Install ordo")
        .expect("an install step");
    let script = install["run"].as_str().expect("run");
    assert!(script.contains("ordo-ledger==$ORDO_VERSION"), "{script}");
    assert!(!script.contains("cargo"), "{script}");
    assert_eq!(workflow["env"]["ORDO_VERSION"], env!("CARGO_PKG_VERSION"));
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
    assert!(
        !script.iter().any(|line| line.contains("cargo")),
        "installs a release"
    );
    let output = sh(dir.path(), &script.join("\n"), &[]);
    // The job fails for the invalid order, after making everything.
    assert_eq!(
        output.status.code(),
        Some(1),
        "{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("## Overdue"), "{stdout}");
    // What the job writes is kept out of git's view: the reports say the tree
    // is clean.
    assert!(!stdout.contains("uncommitted"), "{stdout}");
    let home = std::fs::read_to_string(dir.path().join("public/index.html")).expect("the site");
    assert!(home.contains("202611-ABC-099"));
    assert!(dir.path().join("reports/calendar/all.ics").is_file());
    assert_eq!(job["artifacts"]["when"], "always");
    let pages = &recipe["pages"];
    assert_eq!(pages["rules"][0]["when"], "always");
    let rule = pages["rules"][0]["if"].as_str().expect("if");
    assert!(
        rule.starts_with("$ORDO_PUBLISH_PAGES == \"true\""),
        "{rule}"
    );
    assert_eq!(
        recipe["variables"]["ORDO_VERSION"],
        env!("CARGO_PKG_VERSION")
    );
    assert_eq!(pages["artifacts"]["paths"][0], "public/");
    assert_eq!(pages["needs"][0]["job"], "ordo-daily");
}
