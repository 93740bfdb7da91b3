//! The one type every command fails with (exit code 2), and the one place it is
//! written to stderr: the message, then what to do about it as a separate hint.

use std::io::Write;

use crate::git::GitError;
use crate::ledger;

/// A failure that ends a command with exit code 2.
#[derive(Debug, thiserror::Error)]
pub enum Failure {
    /// The command line asks for what cannot be done; nothing was changed.
    #[error("{0}")]
    Usage(Problem),
    /// No ledger where the command looked.
    #[error(transparent)]
    Discover(#[from] ledger::discover::DiscoverError),
    /// A file could not be read or written.
    #[error("{0}")]
    Io(Problem),
    /// git, which the command needed, failed; with what that means for the
    /// user, when the command can say.
    #[error("{0}")]
    Git(GitError, Option<String>),
    /// Files with findings that the command cannot work around.
    #[error("{message}")]
    Findings {
        message: String,
        blocked: ledger::blocked::Blocked,
    },
}

/// What went wrong, and apart from it what the user can do next.
#[derive(Debug)]
pub struct Problem {
    pub message: String,
    pub hint: Option<String>,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl From<GitError> for Failure {
    fn from(error: GitError) -> Failure {
        Failure::Git(error, None)
    }
}

impl Failure {
    /// The command line asks for what cannot be done.
    pub fn usage(message: impl Into<String>) -> Failure {
        Failure::Usage(Problem {
            message: message.into(),
            hint: None,
        })
    }

    /// A file could not be read or written.
    pub fn io(message: impl Into<String>) -> Failure {
        Failure::Io(Problem {
            message: message.into(),
            hint: None,
        })
    }

    /// The same failure, with what the user can do about it.
    #[must_use]
    pub fn hint(mut self, hint: impl Into<String>) -> Failure {
        match &mut self {
            Failure::Usage(problem) | Failure::Io(problem) => problem.hint = Some(hint.into()),
            Failure::Git(_, given) => *given = Some(hint.into()),
            Failure::Discover(_) | Failure::Findings { .. } => {}
        }
        self
    }

    /// The same failure of an unknown name, with the closest known one as
    /// its hint (a typo is the likeliest cause).
    #[must_use]
    pub fn suggest(self, given: &str, known: &[&str]) -> Failure {
        match ordo_core::suggest::closest(given, known) {
            Some(best) => self.hint(format!("did you mean {best}?")),
            None => self,
        }
    }

    /// What the user can do about it, if ordo knows.
    pub fn hint_text(&self) -> Option<&str> {
        match self {
            Failure::Usage(problem) | Failure::Io(problem) => problem.hint.as_deref(),
            Failure::Discover(_) => {
                Some("run it inside a ledger, give one with -C DIR, or make one with `ordo init`")
            }
            Failure::Git(_, Some(hint)) => Some(hint),
            Failure::Git(GitError::Start(_), None) => Some("install git, or put it on PATH"),
            Failure::Git(_, None) | Failure::Findings { .. } => None,
        }
    }

    /// Writes the failure to `err` as people read it: the findings that
    /// caused it (if any), `ordo: error: ...`, then `  hint: ...`.
    pub fn report(&self, color: bool, err: &mut dyn Write) -> std::io::Result<()> {
        if let Failure::Findings { blocked, .. } = self {
            let text = crate::output::findings::human::render_all(
                &blocked.findings,
                &blocked.sources,
                color,
            );
            write!(err, "{text}")?;
        }
        writeln!(err, "ordo: error: {self}")?;
        if let Some(hint) = self.hint_text() {
            writeln!(err, "  hint: {hint}")?;
        }
        Ok(())
    }
}

impl From<crate::ledger::revision::SinceError> for Failure {
    fn from(error: crate::ledger::revision::SinceError) -> Self {
        use crate::ledger::revision::SinceError;
        match error {
            SinceError::Git(git) => Failure::from(git),
            not_a_commit @ SinceError::NotACommit(_) => Failure::usage(not_a_commit.to_string())
                .hint(
                    "give a commit, branch or tag of this repository (`HEAD` in a pre-commit hook)",
                ),
        }
    }
}
