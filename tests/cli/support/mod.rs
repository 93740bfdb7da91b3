//! A builder for running the binary the same way every time: no colour, no CI
//! variables, no inherited ledger, and a fixed `--as-of`.

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
use tempfile::TempDir;

/// The instant every test runs at unless it says otherwise.
pub const AS_OF: &str = "2026-11-20T12:00:00+08:00";

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// A throwaway ledger: the base fixture with a case's files laid over it.
pub struct Ledger {
    pub dir: TempDir,
}

impl Ledger {
    pub fn base() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        copy_tree(&fixtures().join("base"), dir.path());
        Ledger { dir }
    }

    pub fn case(name: &str) -> Self {
        let ledger = Ledger::base();
        let overlay = fixtures().join("cases").join(name);
        assert!(overlay.is_dir(), "no fixture case {name}");
        copy_tree(&overlay, ledger.path());
        ledger
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn write(&self, rel: &str, bytes: impl AsRef<[u8]>) {
        let path = self.path().join(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, bytes).expect("write");
    }

    /// Runs `ordo -C <ledger> --as-of AS_OF --color never ARGS`.
    pub fn run(&self, args: &[&str]) -> Run {
        let mut all = vec!["--as-of", AS_OF, "--color", "never"];
        all.extend_from_slice(args);
        run_in(self.path(), &all)
    }
}

/// Runs the binary with a scrubbed environment in `cwd`.
pub fn run_in(cwd: &Path, args: &[&str]) -> Run {
    run_with_env(cwd, args, &[])
}

/// Runs the binary in `cwd` with only `PATH`, `HOME` and the given variables.
pub fn run_with_env(cwd: &Path, args: &[&str], env: &[(&str, &str)]) -> Run {
    let mut command = Command::cargo_bin("ordo").expect("binary");
    command
        .current_dir(cwd)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", cwd)
        .args(args);
    for (key, value) in env {
        command.env(key, value);
    }
    // A hang (say, an open that waits on a pipe) fails the test instead of CI.
    command.timeout(std::time::Duration::from_secs(300));
    Run::from(command.output().expect("runs"))
}

/// What a run printed and how it exited.
pub struct Run {
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
    pub fn transcript(&self) -> String {
        let mut text = self.stdout.clone();
        if !self.stderr.is_empty() {
            text.push_str("--- stderr ---\n");
            text.push_str(&self.stderr);
        }
        text.push_str(&format!("--- exit {} ---\n", self.code));
        text
    }
}

pub fn copy_tree(from: &Path, to: &Path) {
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

/// Runs git in `dir` and returns its output; fails the test when git fails.
pub fn git(dir: &Path, args: &[&str]) -> String {
    let output = std::process::Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .expect("git runs");
    assert!(
        output.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Makes `dir` a git repository whose user is Ann, with everything committed.
pub fn commit_all(dir: &Path) {
    git(dir, &["init", "--quiet"]);
    git(dir, &["config", "user.email", "ann@test.example"]);
    git(dir, &["config", "user.name", "Ann"]);
    git(dir, &["add", "-A"]);
    git(dir, &["commit", "--quiet", "-m", "start"]);
}
