//! Every git process ordo starts goes through here, so each call gets the same
//! environment, reads its answer the same way and fails with the same typed
//! error. What ordo asks git lives with the feature that asks (the stamp, the
//! cache's blob ids, history, the merge driver); how it asks lives here.

use std::ffi::OsStr;
use std::io::Write;
use std::path::Path;
use std::process::{Child, ChildStdout, Command, Output, Stdio};
use std::thread::JoinHandle;

/// Why a git call gave no answer.
#[derive(Debug, thiserror::Error)]
pub enum GitError {
    /// git could not be started (not installed, not on `PATH`).
    #[error("cannot run git: {0}")]
    Start(std::io::Error),
    /// git ran and said no.
    #[error("git {command} failed: {stderr}")]
    Failed { command: String, stderr: String },
    /// The pipe to or from git broke while it ran.
    #[error("git {command}: {source}")]
    Pipe {
        command: String,
        source: std::io::Error,
    },
}

/// One git command line, run in `dir`.
pub struct Git {
    command: Command,
    name: String,
}

impl Git {
    /// git run as if started in `dir`. The caller's `GIT_DIR`, `GIT_INDEX_FILE`
    /// and the like are kept: in a hook they name the commit being made.
    /// Optional locks are off: ordo only reads, and a `git status` that took
    /// the index lock could make the user's own `git commit` fail beside it.
    pub fn at(dir: &Path) -> Git {
        let mut command = Command::new("git");
        command
            .arg("-C")
            .arg(dir)
            .args(["-c", "core.quotepath=off"])
            .env("GIT_OPTIONAL_LOCKS", "0");
        Git {
            command,
            name: String::new(),
        }
    }

    /// git in the repository holding `dir` whatever the environment names: for
    /// what ordo caches about its own files, which must not follow a hook's
    /// temporary index or another repository's `GIT_DIR`.
    pub fn own_repository(dir: &Path) -> Git {
        let mut git = Git::at(dir);
        git.command
            .env_remove("GIT_DIR")
            .env_remove("GIT_WORK_TREE")
            .env_remove("GIT_INDEX_FILE");
        git
    }

    /// git with no repository: `git merge-file` on three plain files.
    pub fn plain() -> Git {
        let mut command = Command::new("git");
        command.env("GIT_OPTIONAL_LOCKS", "0");
        Git {
            command,
            name: String::new(),
        }
    }

    pub fn arg(mut self, arg: impl AsRef<OsStr>) -> Git {
        if self.name.is_empty() {
            self.name = arg.as_ref().to_string_lossy().into_owned();
        }
        self.command.arg(arg);
        self
    }

    pub fn args<I: IntoIterator<Item = S>, S: AsRef<OsStr>>(mut self, args: I) -> Git {
        for arg in args {
            self = self.arg(arg);
        }
        self
    }

    /// What git printed, whatever its exit status (for commands whose status
    /// is an answer, like `git merge-file`'s count of conflicts).
    pub fn output(mut self) -> Result<Output, GitError> {
        self.command.stdin(Stdio::null());
        self.command.output().map_err(GitError::Start)
    }

    /// What git printed, when it succeeded.
    pub fn bytes(self) -> Result<Vec<u8>, GitError> {
        let name = self.name.clone();
        let output = self.output()?;
        if output.status.success() {
            Ok(output.stdout)
        } else {
            Err(failed(name, &output.stderr))
        }
    }

    /// What git printed, as text, when it succeeded.
    pub fn text(self) -> Result<String, GitError> {
        self.bytes()
            .map(|b| String::from_utf8_lossy(&b).into_owned())
    }

    /// The first line git printed, trimmed, when it succeeded and printed one.
    pub fn line(self) -> Option<String> {
        let text = self.text().ok()?;
        let line = text.lines().next().unwrap_or_default().trim();
        (!line.is_empty()).then(|| line.to_owned())
    }

    /// Whether git ran and succeeded (a question whose answer is the status).
    pub fn succeeds(self) -> bool {
        self.output().is_ok_and(|o| o.status.success())
    }

    /// Runs git, failing with what it said on stderr.
    pub fn run(self) -> Result<(), GitError> {
        self.bytes().map(drop)
    }

    /// Starts git feeding it `input` from another thread, so that neither side
    /// stalls on a full pipe (`cat-file --batch` answers while it reads); the
    /// answer is read as it comes.
    pub fn stream(mut self, input: Vec<u8>) -> Result<Stream, GitError> {
        let mut child = self
            .command
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(GitError::Start)?;
        let stdin = child.stdin.take();
        let feeder = std::thread::spawn(move || match stdin {
            Some(mut stdin) => stdin.write_all(&input),
            None => Ok(()),
        });
        let stdout = child.stdout.take();
        Ok(Stream {
            child: Some(child),
            stdout,
            feeder: Some(feeder),
            name: self.name,
        })
    }

    /// Runs git on `input` and returns all it printed, when it succeeded.
    pub fn feed(self, input: Vec<u8>) -> Result<Vec<u8>, GitError> {
        let mut stream = self.stream(input)?;
        let mut out = Vec::new();
        if let Some(stdout) = stream.stdout.as_mut() {
            std::io::Read::read_to_end(stdout, &mut out).map_err(|e| stream.pipe(e))?;
        }
        stream.finish()?;
        Ok(out)
    }
}

/// A running git process: read its output, then [`Stream::finish`].
pub struct Stream {
    /// Until [`Stream::finish`] waits for it; a stream dropped before (a
    /// reader that returned early) stops git and reaps it.
    child: Option<Child>,
    stdout: Option<ChildStdout>,
    feeder: Option<JoinHandle<std::io::Result<()>>>,
    name: String,
}

impl Stream {
    /// The process's output, to be read once.
    pub fn stdout(&mut self) -> Option<ChildStdout> {
        self.stdout.take()
    }

    #[cfg(test)]
    fn pid(&self) -> Option<u32> {
        self.child.as_ref().map(Child::id)
    }

    /// A broken pipe of this process, as an error naming it.
    pub fn pipe(&self, source: std::io::Error) -> GitError {
        GitError::Pipe {
            command: self.name.clone(),
            source,
        }
    }

    /// Waits for git to end; its failure says what it printed on stderr.
    pub fn finish(mut self) -> Result<(), GitError> {
        self.stdout = None;
        let fed = self.feeder.take().map(JoinHandle::join);
        let Some(child) = self.child.take() else {
            return Ok(());
        };
        let output = child.wait_with_output().map_err(|e| self.pipe(e))?;
        if !output.status.success() {
            return Err(failed(std::mem::take(&mut self.name), &output.stderr));
        }
        match fed {
            Some(Ok(Err(e))) => Err(self.pipe(e)),
            _ => Ok(()),
        }
    }
}

impl Drop for Stream {
    fn drop(&mut self) {
        self.stdout = None;
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
        if let Some(feeder) = self.feeder.take() {
            let _ = feeder.join();
        }
    }
}

fn failed(command: String, stderr: &[u8]) -> GitError {
    GitError::Failed {
        command,
        stderr: String::from_utf8_lossy(stderr).trim().to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refusal_names_the_command_and_what_git_said() {
        let dir = tempfile::tempdir().expect("test set-up");
        let error = Git::own_repository(dir.path())
            .args(["rev-parse", "--verify", "HEAD"])
            .run()
            .expect_err("git refuses");
        let text = error.to_string();
        assert!(text.starts_with("git rev-parse failed: "), "{text}");
        assert!(text.contains("not a git repository"), "{text}");
    }

    #[test]
    fn a_large_answer_to_a_large_request_does_not_stall() {
        // 200 KB of requests, 8 MB of answers: more than either pipe holds.
        let dir = tempfile::tempdir().expect("test set-up");
        let root = dir.path();
        Git::own_repository(root)
            .args(["init", "-q"])
            .run()
            .expect("test set-up");
        std::fs::write(root.join("big.txt"), "y".repeat(800)).expect("test set-up");
        let blob = Git::own_repository(root)
            .args(["hash-object", "-w", "big.txt"])
            .line()
            .expect("test set-up");
        let requests = format!("{blob}\n").repeat(10_000);
        let answer = Git::own_repository(root)
            .args(["cat-file", "--batch"])
            .feed(requests.into_bytes())
            .expect("test set-up");
        let headers = String::from_utf8_lossy(&answer)
            .matches(&format!("{blob} blob 800\n"))
            .count();
        assert_eq!(headers, 10_000);
    }

    #[test]
    #[cfg(target_os = "linux")]
    fn a_stream_left_early_stops_and_reaps_git() {
        // A reader that returns on an error drops the stream unfinished: git
        // must not be left running (or a zombie) behind it.
        let dir = tempfile::tempdir().expect("test set-up");
        let root = dir.path();
        Git::own_repository(root)
            .args(["init", "-q"])
            .run()
            .expect("init");
        std::fs::write(root.join("big.txt"), "y".repeat(800)).expect("write");
        let blob = Git::own_repository(root)
            .args(["hash-object", "-w", "big.txt"])
            .line()
            .expect("blob");
        let mut stream = Git::own_repository(root)
            .args(["cat-file", "--batch"])
            .stream(format!("{blob}\n").repeat(10_000).into_bytes())
            .expect("starts");
        let mut stdout = stream.stdout().expect("stdout");
        let mut first = [0u8; 10];
        std::io::Read::read_exact(&mut stdout, &mut first).expect("some output");
        let pid = stream.pid().expect("running");
        drop(stream);
        drop(stdout);
        assert!(
            !std::path::Path::new(&format!("/proc/{pid}")).exists(),
            "git {pid} is still there"
        );
    }
}
