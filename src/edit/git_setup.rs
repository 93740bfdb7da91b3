//! Wiring ordo's merge driver into a clone: the ledger's `.gitattributes` says
//! which files merge with it (committed, so every clone has it), and the clone's
//! own git config says how to run it (`merge.ordo.*`, never committed).

use std::path::{Path, PathBuf};

use crate::git::{Git, GitError};

/// The lines of the ledger's `.gitattributes` that route its files to ordo.
pub const ATTRIBUTES: &[&str] = &["orders/**/*.yaml merge=ordo", "customers/*.yaml merge=ordo"];

/// Why the merge driver could not be wired in.
#[derive(Debug, thiserror::Error)]
pub enum SetupError {
    #[error("cannot write .gitattributes: {0}")]
    Attributes(crate::edit::write::WriteError),
    #[error("cannot tell where ordo is: {0}")]
    WhereAmI(std::io::Error),
    #[error(transparent)]
    Git(#[from] GitError),
}

/// What `setup` did, said in lines a person reads.
#[derive(Debug, Default)]
pub struct Done {
    pub lines: Vec<String>,
}

/// The top of the git work tree holding `root`, when there is one.
pub fn work_tree(root: &Path) -> Option<PathBuf> {
    Git::at(root)
        .args(["rev-parse", "--show-toplevel"])
        .line()
        .map(PathBuf::from)
}

/// Writes the missing attribute lines and this clone's driver config. Doing it
/// again changes nothing. `ordo` is the command git runs (this program).
pub fn setup(root: &Path, ordo: &Path) -> Result<Done, SetupError> {
    let mut done = Done::default();
    let path = root.join(".gitattributes");
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    let missing: Vec<&str> = ATTRIBUTES
        .iter()
        .copied()
        .filter(|line| !text.lines().any(|l| l.trim() == *line))
        .collect();
    if missing.is_empty() {
        done.lines
            .push(".gitattributes already routes orders and customers to ordo".into());
    } else {
        let mut new = text.clone();
        if !new.is_empty() && !new.ends_with('\n') {
            new.push('\n');
        }
        new.push_str("# Orders and customers merge by their fields (`ordo setup-git`).\n");
        for line in &missing {
            new.push_str(line);
            new.push('\n');
        }
        if path.exists() {
            super::write::replace(&path, text.as_bytes(), new.as_bytes())
        } else {
            super::write::create(&path, new.as_bytes())
        }
        .map_err(SetupError::Attributes)?;
        done.lines.push(format!(
            "wrote to .gitattributes: {} (commit it: every clone merges alike)",
            missing.join("; ")
        ));
    }
    let driver = driver_line(ordo);
    for (key, value) in [
        (
            "merge.ordo.name",
            "ordo: ledger files merged by their fields",
        ),
        ("merge.ordo.driver", driver.as_str()),
    ] {
        Git::at(root)
            .args(["config", "--local", key, value])
            .run()?;
    }
    done.lines.push(format!(
        "set merge.ordo.driver in this clone's git config: {driver}"
    ));
    Ok(done)
}

/// The command git runs to merge a file: this program by its path, else the
/// `ordo` on `PATH` (an upgrade or a move of the binary keeps merges working),
/// else git's own line merge (with markers: nothing is taken silently).
fn driver_line(ordo: &Path) -> String {
    format!(
        "p={}; [ -x \"$p\" ] || p=$(command -v ordo) || exec git merge-file --marker-size %L %A %O %B; \
         exec \"$p\" merge-file %O %A %B %P --marker-size %L --base-label %S --ours-label %X --theirs-label %Y",
        shell_quote(&ordo.to_string_lossy())
    )
}

/// Sets the merge driver up for the ledger at `root`, with this program as
/// the driver.
pub fn wire(root: &Path) -> Result<Done, SetupError> {
    let ordo = std::env::current_exe().map_err(SetupError::WhereAmI)?;
    setup(root, &ordo)
}

/// Whether this clone's git config can run ordo's merge driver.
#[derive(Debug, PartialEq, Eq)]
pub enum DriverState {
    Ready,
    /// No `merge.ordo.driver` in this clone's config.
    Missing,
    /// The driver names a program that is not there (and no `ordo` on `PATH`
    /// takes its place).
    Gone(String),
}

/// What this clone's `merge.ordo.driver` can do.
pub fn driver_state(root: &Path) -> DriverState {
    let Some(line) = Git::at(root)
        .args(["config", "--get", "merge.ordo.driver"])
        .line()
    else {
        return DriverState::Missing;
    };
    let falls_back = line.starts_with("p=");
    let program = first_word(line.strip_prefix("p=").unwrap_or(&line));
    let there = Path::new(&program).is_file()
        || (!program.contains('/') && on_path(&program))
        || (falls_back && on_path("ordo"));
    if there {
        DriverState::Ready
    } else {
        DriverState::Gone(program)
    }
}

/// The first shell word of a command line, unquoted.
fn first_word(line: &str) -> String {
    match line.strip_prefix('\'') {
        Some(rest) => {
            let mut word = String::new();
            let mut rest = rest;
            loop {
                let Some(end) = rest.find('\'') else {
                    word.push_str(rest);
                    break;
                };
                word.push_str(&rest[..end]);
                rest = &rest[end + 1..];
                match rest.strip_prefix("\\''") {
                    Some(more) => {
                        word.push('\'');
                        rest = more;
                    }
                    None => break,
                }
            }
            word
        }
        None => line
            .split(|c: char| c.is_whitespace() || c == ';')
            .next()
            .unwrap_or_default()
            .to_owned(),
    }
}

fn on_path(program: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join(program).is_file()))
}

/// Whether git routes the ledger's order files to ordo's driver (the committed
/// attributes; the clone's config is each teammate's `ordo setup-git`).
pub fn routed(root: &Path) -> bool {
    Git::at(root)
        .args(["check-attr", "merge", "--", "orders/2000/x.yaml"])
        .line()
        .is_some_and(|line| line.ends_with(": merge: ordo"))
}

/// A word for a shell command line (git runs the driver through `sh`).
fn shell_quote(word: &str) -> String {
    if word
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "/._-+".contains(c))
    {
        word.to_owned()
    } else {
        format!("'{}'", word.replace('\'', r"'\''"))
    }
}

impl From<SetupError> for crate::Failure {
    fn from(error: SetupError) -> Self {
        match error {
            SetupError::Git(git) => crate::Failure::from(git),
            other => crate::Failure::io(other.to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_program_is_read_back_from_the_driver_line() {
        let line = driver_line(Path::new("/opt/it's here/ordo"));
        assert_eq!(
            first_word(line.strip_prefix("p=").expect("p=")),
            "/opt/it's here/ordo"
        );
        assert_eq!(first_word("/usr/bin/ordo merge-file %O"), "/usr/bin/ordo");
        assert_eq!(first_word("'/a b/ordo' merge-file %O"), "/a b/ordo");
    }
}
