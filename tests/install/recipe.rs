//! The GitHub recipe end to end: its install step with the wheel, then every
//! other shell step, on the example ledger with one invalid order, the way the
//! runner would (GITHUB_PATH, GITHUB_STEP_SUMMARY, RUNNER_TEMP, `if: always()`).

use std::path::Path;

use crate::support::{Sandbox, VERSION};

pub(crate) fn run_github_recipe(sandbox: &Sandbox) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/ci/github-actions.yml");
    let text = std::fs::read_to_string(path).expect("read");
    let workflow = ordo_core::yaml::parse(&text).expect("YAML");
    assert_eq!(workflow["env"]["ORDO_VERSION"], VERSION);

    let ledger = sandbox.example_ledger();
    std::fs::write(
        ledger.join("orders/2026/202611-ABC-099.yaml"),
        "id: 202611-ABC-099\ncustomer: ABC\nowner: alice\nreceived: 2026-11-05T09:00\nchannel: carrier-pigeon\n",
    )
    .expect("write");
    sandbox.git(&ledger, &["add", "-A"]);
    sandbox.git(
        &ledger,
        &["commit", "--quiet", "-m", "an order that cannot be read"],
    );

    let runner = sandbox.dir.path().join("runner-temp");
    std::fs::create_dir(&runner).expect("mkdir");
    let github_path = runner.join("github-path");
    let summary = runner.join("summary.md");
    std::fs::write(&github_path, "").expect("write");
    let mut failed = false;
    let mut ran = Vec::new();
    for step in workflow["jobs"]["report"]["steps"]
        .as_array()
        .expect("steps")
    {
        let Some(script) = step["run"].as_str() else {
            continue;
        };
        if failed && step["if"].as_str() != Some("always()") {
            continue;
        }
        // What earlier steps added to GITHUB_PATH comes first, newest first.
        let added: Vec<String> = std::fs::read_to_string(&github_path)
            .expect("read")
            .lines()
            .rev()
            .map(str::to_owned)
            .collect();
        let path = added
            .into_iter()
            .chain([sandbox.path().to_owned()])
            .collect::<Vec<_>>()
            .join(":");
        let output = sandbox
            .command("bash")
            .args(["--noprofile", "--norc", "-eo", "pipefail", "-c", script])
            .current_dir(&ledger)
            .env("PATH", path)
            .env("ORDO_VERSION", VERSION)
            .env("RUNNER_TEMP", &runner)
            .env("GITHUB_PATH", &github_path)
            .env("GITHUB_STEP_SUMMARY", &summary)
            .env("PAGES_URL", "https://acme.github.io/orders/")
            .env("RUN_URL", "https://github.com/acme/orders/actions/runs/7")
            .output()
            .expect("bash");
        let stdout = String::from_utf8_lossy(&output.stdout);
        let stderr = String::from_utf8_lossy(&output.stderr);
        let name = step["name"].as_str().unwrap_or("a step");
        ran.push(name.to_owned());
        if name == "Validate" {
            assert_eq!(output.status.code(), Some(1), "{stdout}\n{stderr}");
            assert!(
                stdout.contains("::error file=orders/2026/202611-ABC-099.yaml,line=5"),
                "{stdout}"
            );
            failed = true;
        } else {
            assert!(output.status.success(), "{name}: {stdout}\n{stderr}");
        }
    }
    assert_eq!(ran, ["Install ordo", "Validate", "Site and reports"]);
    let summary = std::fs::read_to_string(&summary).expect("the job summary");
    assert!(summary.contains("## Overdue"), "{summary}");
    assert!(summary.contains("202611-ABC-099"), "{summary}");
    assert!(!summary.contains("uncommitted"), "{summary}");
    let home = std::fs::read_to_string(runner.join("site/index.html")).expect("the site");
    assert!(home.contains("202611-ABC-099"));
    assert!(runner.join("reports/calendar/all.ics").is_file());
}
