//! A builder for running the binary the same way every time: no colour, no CI
//! variables, no inherited ledger, and a fixed `--as-of`.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use tempfile::TempDir;

/// The instant every test runs at unless it says otherwise.
pub(crate) const AS_OF: &str = "2026-11-20T12:00:00+08:00";

/// A copy of the shipped example ledger in a temporary folder (outside git,
/// so reports carry no commit, and runs leave nothing in the repository).
pub(crate) fn example_copy() -> TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_tree(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("example-ledger"),
        dir.path(),
    );
    let _ = std::fs::remove_dir_all(dir.path().join(".ordo"));
    dir
}

pub(crate) fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// A throwaway ledger: the base fixture with a case's files laid over it.
pub(crate) struct Ledger {
    pub dir: TempDir,
}

impl Ledger {
    pub(crate) fn base() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        copy_tree(&fixtures().join("base"), dir.path());
        Ledger { dir }
    }

    pub(crate) fn case(name: &str) -> Self {
        let ledger = Ledger::base();
        let overlay = fixtures().join("cases").join(name);
        assert!(overlay.is_dir(), "no fixture case {name}");
        copy_tree(&overlay, ledger.path());
        ledger
    }

    pub(crate) fn path(&self) -> &Path {
        self.dir.path()
    }

    pub(crate) fn write(&self, rel: &str, bytes: impl AsRef<[u8]>) {
        let path = self.path().join(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, bytes).expect("write");
    }

    /// Runs `ordo -C <ledger> --as-of AS_OF --color never ARGS`.
    pub(crate) fn run(&self, args: &[&str]) -> Run {
        let mut all = vec!["--as-of", AS_OF, "--color", "never"];
        all.extend_from_slice(args);
        run_in(self.path(), &all)
    }
}

/// Runs the binary with a scrubbed environment in `cwd`.
pub(crate) fn run_in(cwd: &Path, args: &[&str]) -> Run {
    ordo(cwd).args(args).run()
}

/// Runs the binary in `cwd` with the scrubbed environment and these variables.
pub(crate) fn run_with_env(cwd: &Path, args: &[&str], env: &[(&str, &str)]) -> Run {
    let mut ordo = ordo(cwd).args(args);
    for (key, value) in env {
        ordo = ordo.env(key, value);
    }
    ordo.run()
}

/// The variables every process a test starts sees: nothing inherited (no
/// `CI`, `NO_COLOR`, `GIT_*`, `ORDO_LEDGER`, user or system git config), only
/// `PATH` and a `HOME` of the test's own.
fn scrubbed(command: &mut Command, home: &Path) {
    command
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", home)
        .env("GIT_CONFIG_NOSYSTEM", "1");
}

/// This build's `ordo`, run in `cwd` with a scrubbed environment: the one
/// way tests start it.
pub(crate) fn ordo(cwd: &Path) -> Ordo {
    let mut command = Command::new(assert_cmd::cargo::cargo_bin("ordo"));
    command.current_dir(cwd);
    scrubbed(&mut command, cwd);
    Ordo { command }
}

/// A run of `ordo` being set up.
pub(crate) struct Ordo {
    command: Command,
}

impl Ordo {
    pub(crate) fn args(mut self, args: &[&str]) -> Self {
        self.command.args(args);
        self
    }

    pub(crate) fn env(mut self, key: &str, value: &str) -> Self {
        self.command.env(key, value);
        self
    }

    /// Runs under this umask (through `sh`, as a login would set it).
    pub(crate) fn umask(self, mask: &str) -> Self {
        let program = self.command.get_program().to_owned();
        let mut command = Command::new("sh");
        command
            .arg("-c")
            .arg(format!("umask {mask}; exec \"$0\" \"$@\""))
            .arg(program)
            .args(self.command.get_args());
        if let Some(dir) = self.command.get_current_dir() {
            command.current_dir(dir);
        }
        command.env_clear();
        for (key, value) in self.command.get_envs() {
            if let Some(value) = value {
                command.env(key, value);
            }
        }
        Ordo { command }
    }

    /// Runs to the end; a hang (say, an open that waits on a pipe) fails the
    /// test instead of CI.
    pub(crate) fn run(self) -> Run {
        let mut command = assert_cmd::Command::from_std(self.command);
        command.timeout(std::time::Duration::from_secs(300));
        Run::from(command.output().expect("runs"))
    }

    /// Starts it with its output captured, for tests that run several at once.
    pub(crate) fn spawn(mut self) -> Child {
        self.command
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawns")
    }
}

/// Runs a bash script in `dir` with this build's `ordo` first on `PATH` and
/// the scrubbed environment plus `env`.
pub(crate) fn shell(dir: &Path, script: &str, env: &[(&str, &str)]) -> Output {
    let bin = assert_cmd::cargo::cargo_bin("ordo");
    let path = format!(
        "{}:{}",
        bin.parent().expect("folder").display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut command = Command::new("bash");
    command
        .args(["-euo", "pipefail", "-c", script])
        .current_dir(dir);
    scrubbed(&mut command, dir);
    command.env("PATH", path);
    for (key, value) in env {
        command.env(key, value);
    }
    command.output().expect("bash runs")
}

/// What a run printed and how it exited.
pub(crate) struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl From<Output> for Run {
    fn from(output: Output) -> Self {
        Run {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }
}

impl Run {
    /// stdout, stderr (if any) and the exit code, for a snapshot.
    pub(crate) fn transcript(&self) -> String {
        let mut text = self.stdout.clone();
        if !self.stderr.is_empty() {
            text.push_str("--- stderr ---\n");
            text.push_str(&self.stderr);
        }
        text.push_str(&format!("--- exit {} ---\n", self.code));
        text
    }
}

pub(crate) fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir(from) {
        let rel = entry.strip_prefix(from).expect("inside");
        let target = to.join(rel);
        if entry.is_dir() {
            std::fs::create_dir_all(&target).expect("mkdir");
        } else {
            std::fs::create_dir_all(target.parent().expect("parent")).expect("mkdir");
            std::fs::copy(&entry, &target).expect("copy");
        }
    }
}

fn walkdir(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(path) = stack.pop() {
        out.push(path.clone());
        if path.is_dir() {
            for entry in std::fs::read_dir(&path).expect("read dir") {
                stack.push(entry.expect("entry").path());
            }
        }
    }
    out
}

/// Runs git in `dir` with the scrubbed environment and returns its output;
/// fails the test when git fails.
pub(crate) fn git(dir: &Path, args: &[&str]) -> String {
    let mut command = Command::new("git");
    command.arg("-C").arg(dir).args(args);
    scrubbed(&mut command, dir);
    let output = command.output().expect("git runs");
    assert!(
        output.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Makes `dir` a git repository whose user is Ann, with ordo's merge driver
/// set up as a team's clone has it, and everything committed.
pub(crate) fn commit_all(dir: &Path) {
    git(dir, &["init", "--quiet", "--initial-branch", "main"]);
    git(dir, &["config", "user.email", "ann@test.example"]);
    git(dir, &["config", "user.name", "Ann"]);
    let setup = ordo(dir).args(&["setup-git"]).run();
    assert_eq!(setup.code, 0, "{}", setup.transcript());
    git(dir, &["add", "-A"]);
    git(dir, &["commit", "--quiet", "-m", "start"]);
}

/// A team's setting: the base ledger pushed to a bare `origin`, and two
/// clones, `a` (Ann) and `b` (Ben), each with ordo's merge driver set up.
pub(crate) struct Team {
    pub dir: TempDir,
}

impl Team {
    pub(crate) fn new() -> Team {
        let dir = tempfile::tempdir().expect("temp dir");
        let seed = dir.path().join("seed");
        copy_tree(&fixtures().join("base"), &seed);
        commit_all(&seed);
        git(
            dir.path(),
            &["clone", "--quiet", "--bare", "seed", "origin.git"],
        );
        for (clone, who) in [("a", "ann"), ("b", "ben")] {
            git(dir.path(), &["clone", "--quiet", "origin.git", clone]);
            let path = dir.path().join(clone);
            git(
                &path,
                &["config", "user.email", &format!("{who}@test.example")],
            );
            git(&path, &["config", "user.name", who]);
            let setup = ordo(&path).args(&["setup-git"]).run();
            assert_eq!(setup.code, 0, "{}", setup.transcript());
        }
        Team { dir }
    }

    /// A third teammate: another clone of `origin`, set up like the others.
    pub(crate) fn join(&self, clone: &str, who: &str) {
        git(self.dir.path(), &["clone", "--quiet", "origin.git", clone]);
        let path = self.clone(clone);
        git(
            &path,
            &["config", "user.email", &format!("{who}@test.example")],
        );
        git(&path, &["config", "user.name", who]);
        let setup = ordo(&path).args(&["setup-git"]).run();
        assert_eq!(setup.code, 0, "{}", setup.transcript());
    }

    pub(crate) fn clone(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// `ordo --as-of AS_OF --color never ARGS` in a clone.
    pub(crate) fn ordo(&self, clone: &str, args: &[&str]) -> Run {
        let mut all = vec!["--as-of", AS_OF, "--color", "never"];
        all.extend_from_slice(args);
        run_in(&self.clone(clone), &all)
    }

    /// git in a clone; its output and whether it succeeded (a merge that
    /// stops for the user is not a test failure).
    pub(crate) fn git(&self, clone: &str, args: &[&str]) -> (bool, String) {
        let mut command = Command::new("git");
        command.arg("-C").arg(self.clone(clone)).args(args);
        scrubbed(&mut command, &self.clone(clone));
        let output = command.output().expect("git runs");
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        (output.status.success(), text)
    }

    /// Commits everything in a clone and pushes it.
    pub(crate) fn publish(&self, clone: &str, message: &str) {
        for args in [
            &["add", "-A"][..],
            &["commit", "--quiet", "-m", message],
            &["push", "--quiet", "origin", "HEAD"],
        ] {
            let (ok, text) = self.git(clone, args);
            assert!(ok, "git {args:?}: {text}");
        }
    }

    pub(crate) fn read(&self, clone: &str, rel: &str) -> String {
        std::fs::read_to_string(self.clone(clone).join(rel)).expect("read")
    }
}

/// Replaces the first `from` in the ledger file `rel` with `to`; fails the
/// test when the file does not hold `from` (the fixture moved on).
pub(crate) fn edit(dir: &Path, rel: &str, from: &str, to: &str) {
    let path = dir.join(rel);
    let text = std::fs::read_to_string(&path).expect("readable");
    assert!(text.contains(from), "{rel} lacks {from:?}");
    std::fs::write(&path, text.replacen(from, to, 1)).expect("writable");
}

/// The text of the ledger file `rel`.
pub(crate) fn read_file(dir: &Path, rel: &str) -> String {
    std::fs::read_to_string(dir.join(rel)).expect("readable")
}

/// `ordo --as-of AS_OF ARGS…` in `dir`.
pub(crate) fn run_as_of(dir: &Path, as_of: &str, args: &[&str]) -> Run {
    let mut all = vec!["--as-of", as_of];
    all.extend_from_slice(args);
    run_in(dir, &all)
}

/// A YAML file of this repository (a recipe, a workflow, the hooks), read.
pub(crate) fn repo_yaml(rel: &str) -> serde_json::Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(rel);
    let text = std::fs::read_to_string(&path).expect("read");
    ordo_core::yaml::parse(&text).expect("valid YAML")
}
