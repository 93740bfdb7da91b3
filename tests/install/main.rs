//! Installing ordo with no compiler, the ways the README gives: the Python
//! wheel into a fresh virtual environment, the pre-commit hook (which installs
//! that wheel through `pyproject.toml` at the top of this repository) in a
//! throwaway ledger repository, and the GitHub recipe's install step followed by
//! its other steps. A `cargo` and a `rustc` that record being called come first
//! on PATH, and the real ones are not on it: none of this may compile.
//!
//! The wheel is built once with maturin from `python/` in the dev profile, into
//! this target folder, so it reuses the build `cargo test` made. pip reads it
//! from a local folder (`PIP_FIND_LINKS`, `PIP_NO_INDEX`): no index is asked.
//!
//! Ignored by `cargo test`: it needs `python3` with `maturin` and `pre-commit`.
//! `.ci/run` installs them from PyPI when missing and runs this with `--ignored`.

mod recipe;
mod support;

use std::path::Path;

use support::{Sandbox, VERSION, run};

#[test]
#[ignore = "needs python3 with maturin; .ci/run runs it"]
fn the_wheel_puts_a_working_ordo_on_path_without_a_compiler() {
    let sandbox = Sandbox::new();
    let venv = sandbox.dir.path().join("venv");
    run(sandbox.command("python3").args(["-m", "venv"]).arg(&venv));
    run(sandbox
        .command(venv.join("bin/pip"))
        .args(["install", "--quiet", "--disable-pip-version-check"])
        .arg(format!("ordo-ledger=={VERSION}")));

    let ordo = venv.join("bin/ordo");
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("example-ledger");
    let args = ["overdue", "--as-of", "2026-11-20", "--format", "json"];
    let installed = run(sandbox.command(&ordo).arg("-C").arg(&example).args(args));
    let built = run(sandbox
        .command(env!("CARGO_BIN_EXE_ordo"))
        .arg("-C")
        .arg(&example)
        .args(args));
    assert_eq!(installed, built, "the wheel's ordo is this build");
    let version = run(sandbox.command(&ordo).arg("--version"));
    assert_eq!(version.trim(), format!("ordo {VERSION}"));
    sandbox.assert_nothing_compiled();
}

#[test]
#[ignore = "needs python3 with maturin and pre-commit; .ci/run runs it"]
fn the_pre_commit_hook_installs_the_wheel_and_refuses_a_bad_order() {
    let sandbox = Sandbox::new();
    // This repository's hook files, as pre-commit clones them at a release tag.
    let hooks = sandbox.dir.path().join("hooks");
    std::fs::create_dir(&hooks).expect("mkdir");
    for file in ["pyproject.toml", ".pre-commit-hooks.yaml"] {
        std::fs::copy(
            Path::new(env!("CARGO_MANIFEST_DIR")).join(file),
            hooks.join(file),
        )
        .expect("copy");
    }
    sandbox.git_commit_all(&hooks);
    sandbox.git(&hooks, &["tag", &format!("v{VERSION}")]);

    let ledger = sandbox.example_ledger();
    std::fs::write(
        ledger.join(".pre-commit-config.yaml"),
        format!(
            "repos:\n  - repo: {}\n    rev: v{VERSION}\n    hooks:\n      - id: ordo-validate\n",
            hooks.display()
        ),
    )
    .expect("write");
    sandbox.git_commit_all(&ledger);
    run(sandbox
        .command("python3")
        .args(["-m", "pre_commit", "install", "--install-hooks"])
        .current_dir(&ledger));

    std::fs::write(
        ledger.join("orders/2026/202611-ABC-099.yaml"),
        "id: 202611-ABC-099\ncustomer: ABC\nowner: alice\nreceived: 2026-11-05T09:00\nchannel: carrier-pigeon\n",
    )
    .expect("write");
    sandbox.git(&ledger, &["add", "-A"]);
    let refused = sandbox
        .command("git")
        .args(["commit", "-m", "a bad order"])
        .current_dir(&ledger)
        .output()
        .expect("git commit");
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&refused.stdout),
        String::from_utf8_lossy(&refused.stderr)
    );
    assert!(!refused.status.success(), "{said}");
    assert!(said.contains("ordo validate"), "{said}");
    assert!(
        said.contains("`carrier-pigeon` is not one of")
            && said.contains("202611-ABC-099.yaml:5:10"),
        "{said}"
    );

    std::fs::write(
        ledger.join("orders/2026/202611-ABC-099.yaml"),
        "id: 202611-ABC-099\ncustomer: ABC\nowner: alice\nreceived: 2026-11-05T09:00\nchannel: email\n",
    )
    .expect("write");
    sandbox.git(&ledger, &["add", "-A"]);
    run(sandbox
        .command("git")
        .args(["commit", "--quiet", "-m", "the order, fixed"])
        .current_dir(&ledger));
    sandbox.assert_nothing_compiled();
}

#[test]
#[ignore = "needs python3 with maturin; .ci/run runs it"]
fn the_github_recipe_installs_the_release_and_publishes() {
    let sandbox = Sandbox::new();
    recipe::run_github_recipe(&sandbox);
    sandbox.assert_nothing_compiled();
}
