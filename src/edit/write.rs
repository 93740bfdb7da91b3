//! Writing a file atomically (a temporary file in the same folder, then a rename)
//! and only if it still holds what was read. The new text is staged first, then
//! committed: a writer that has to wait for the ledger's lock waits with its
//! text written aside, and the check that the file is unchanged and the rename
//! happen together under the lock.

use std::io::Write;
use std::path::Path;

/// Why a write did not happen.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("{0} changed on disk since it was read; nothing was written (run the command again)")]
    Changed(String),
    #[error("cannot write {path}: {error}")]
    Io { path: String, error: std::io::Error },
}

/// New content written aside, next to the file it is for.
pub struct Staged {
    path: std::path::PathBuf,
    temp: tempfile::NamedTempFile,
}

impl Staged {
    /// Writes `content` to a temporary file beside `path` and flushes it to disk.
    pub fn new(path: &Path, content: &[u8]) -> Result<Staged, WriteError> {
        let mut staged = Staged::empty(path)?;
        staged.temp.write_all(content).map_err(|e| io(path, e))?;
        staged.temp.as_file().sync_all().map_err(|e| io(path, e))?;
        Ok(staged)
    }

    /// An empty temporary file beside `path`, for an output written in parts
    /// (a table of millions of rows) through [`Staged::writer`] and put in
    /// place with [`Staged::finish`]; dropped unfinished, it leaves nothing.
    pub fn empty(path: &Path) -> Result<Staged, WriteError> {
        let dir = path.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir).map_err(|e| io(path, e))?;
        let temp = temp_in(dir).map_err(|e| io(path, e))?;
        Ok(Staged {
            path: path.to_owned(),
            temp,
        })
    }

    /// A handle to write the staged file with (buffer it: every call is a
    /// system call).
    pub fn writer(&self) -> Result<std::fs::File, WriteError> {
        self.temp
            .as_file()
            .try_clone()
            .map_err(|e| io(&self.path, e))
    }

    /// Flushes what was written through [`Staged::writer`] to disk, and puts
    /// it in place of whatever the file holds.
    pub fn finish(self) -> Result<(), WriteError> {
        self.temp
            .as_file()
            .sync_all()
            .map_err(|e| io(&self.path, e))?;
        self.overwrite()
    }

    /// Replaces the file with the staged content, provided it still holds
    /// `old` (it keeps its mode). A crash at any point leaves either the old or
    /// the new content, never a mix.
    pub fn replace(self, old: &[u8]) -> Result<(), WriteError> {
        let path = &self.path;
        if let Ok(meta) = std::fs::metadata(path) {
            let _ = std::fs::set_permissions(self.temp.path(), meta.permissions());
        }
        let current = std::fs::read(path).map_err(|e| io(path, e))?;
        if current != old {
            return Err(WriteError::Changed(path.display().to_string()));
        }
        self.temp.persist(path).map_err(|e| io(path, e.error))?;
        Ok(())
    }

    /// Puts the staged content in place of whatever the file holds (an output
    /// such as a calendar or a page, which nobody edits by hand).
    pub fn overwrite(self) -> Result<(), WriteError> {
        let path = &self.path;
        if let Ok(meta) = std::fs::metadata(path) {
            let _ = std::fs::set_permissions(self.temp.path(), meta.permissions());
        }
        self.temp.persist(path).map_err(|e| io(path, e.error))?;
        Ok(())
    }

    /// Creates the file with the staged content; fails if it already exists.
    pub fn create(self) -> Result<(), WriteError> {
        let path = &self.path;
        self.temp
            .persist_noclobber(path)
            .map_err(|e| io(path, e.error))?;
        Ok(())
    }
}

pub(crate) fn io(path: &Path, error: std::io::Error) -> WriteError {
    WriteError::Io {
        path: path.display().to_string(),
        error,
    }
}

/// Replaces `path` with `new`, provided it still holds `old`.
pub fn replace(path: &Path, old: &[u8], new: &[u8]) -> Result<(), WriteError> {
    Staged::new(path, new)?.replace(old)
}

/// Creates `path` with `content`; fails if it already exists.
pub fn create(path: &Path, content: &[u8]) -> Result<(), WriteError> {
    Staged::new(path, content)?.create()
}

/// What temporary files of writers start and end with; a ledger's `.gitignore`
/// (written by `ordo init`) ignores `.ordo-write-*.tmp`. The writer's process id
/// follows the prefix, so a leftover can be told from a file in use.
const TEMP_PREFIX: &str = ".ordo-write-";
const TEMP_SUFFIX: &str = ".tmp";

/// A temporary file next to the one it will replace, with the mode a new file
/// gets under the umask (tempfile's default is 0600, which other accounts,
/// such as a CI runner's, cannot read).
fn temp_in(dir: &Path) -> std::io::Result<tempfile::NamedTempFile> {
    let prefix = format!("{TEMP_PREFIX}{}-", std::process::id());
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(TEMP_SUFFIX);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    builder.tempfile_in(dir)
}

/// Removes the temporary files that writers which died before their rename
/// left in `dir` (those whose process is gone).
pub fn remove_leftovers(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let Some(rest) = name
            .strip_prefix(TEMP_PREFIX)
            .filter(|_| name.ends_with(TEMP_SUFFIX))
        else {
            continue;
        };
        let writer = rest
            .split('-')
            .next()
            .and_then(|pid| pid.parse::<i32>().ok());
        if entry.file_type().is_ok_and(|t| t.is_file()) && !writer.is_some_and(alive) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Whether the process `pid` still runs.
#[cfg(unix)]
fn alive(pid: i32) -> bool {
    rustix::process::Pid::from_raw(pid)
        .is_some_and(|pid| rustix::process::test_kill_process(pid).is_ok())
}

/// Without a way to ask, a leftover is taken to be a dead writer's; a writer
/// whose staged file goes this way fails to rename it, and says so.
#[cfg(not(unix))]
fn alive(_pid: i32) -> bool {
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_only_what_was_read() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("order.yaml");
        std::fs::write(&path, "id: A\n").expect("write");
        replace(&path, b"id: A\n", b"id: B\n").expect("replaced");
        assert_eq!(std::fs::read(&path).expect("read"), b"id: B\n");
        // Someone else changed the file after it was read: refuse, keep theirs.
        std::fs::write(&path, "id: C\n").expect("write");
        let error = replace(&path, b"id: B\n", b"id: D\n").expect_err("changed underneath");
        assert!(matches!(error, WriteError::Changed(_)));
        assert_eq!(std::fs::read(&path).expect("read"), b"id: C\n");
        let leftovers: Vec<_> = std::fs::read_dir(dir.path())
            .expect("list")
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().starts_with(TEMP_PREFIX))
            .collect();
        assert!(leftovers.is_empty(), "no temporary file is left behind");
    }

    #[test]
    fn create_never_overwrites() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("orders/2026/X.yaml");
        create(&path, b"id: X\n").expect("created");
        assert!(create(&path, b"id: Y\n").is_err());
        assert_eq!(std::fs::read(&path).expect("read"), b"id: X\n");
    }

    #[test]
    #[cfg(unix)]
    fn only_the_leftovers_of_writers_that_are_gone_are_removed() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("X.yaml");
        // This process's own staged file is in use.
        let mine = Staged::new(&path, b"id: X\n").expect("staged");
        // A pid no process has (above the kernel's limit).
        let dead = dir
            .path()
            .join(format!("{TEMP_PREFIX}2147483646-abc{TEMP_SUFFIX}"));
        std::fs::write(&dead, "id: half").expect("write");
        remove_leftovers(dir.path());
        assert!(!dead.exists(), "a dead writer's file is removed");
        mine.create().expect("the live one is untouched");
        assert!(path.is_file());
    }
}
