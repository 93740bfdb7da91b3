//! Writing a file atomically (a temporary file in the same folder, then a rename)
//! and only if it still holds what was read.

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

/// Replaces `path` with `new`, provided it still holds `old`. A crash at any point
/// leaves either the old or the new content, never a mix.
pub fn replace(path: &Path, old: &[u8], new: &[u8]) -> Result<(), WriteError> {
    let io = |error: std::io::Error| WriteError::Io {
        path: path.display().to_string(),
        error,
    };
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut temp = temp_in(dir).map_err(io)?;
    temp.write_all(new).map_err(io)?;
    temp.as_file().sync_all().map_err(io)?;
    if let Ok(meta) = std::fs::metadata(path) {
        let _ = std::fs::set_permissions(temp.path(), meta.permissions());
    }
    let current = std::fs::read(path).map_err(io)?;
    if current != old {
        return Err(WriteError::Changed(path.display().to_string()));
    }
    pause_for_tests();
    temp.persist(path).map_err(|e| io(e.error))?;
    Ok(())
}

/// Debug builds only: `ORDO_TEST_PAUSE_BEFORE_RENAME_MS` holds a writer between
/// writing its temporary file and renaming it, so a test can kill it there.
fn pause_for_tests() {
    #[cfg(debug_assertions)]
    if let Some(ms) = std::env::var("ORDO_TEST_PAUSE_BEFORE_RENAME_MS")
        .ok()
        .and_then(|v| v.parse().ok())
    {
        std::thread::sleep(std::time::Duration::from_millis(ms));
    }
}

/// What temporary files of writers start and end with; a ledger's `.gitignore`
/// (written by `ordo init`) ignores `.ordo-write-*.tmp`.
const TEMP_PREFIX: &str = ".ordo-write-";
const TEMP_SUFFIX: &str = ".tmp";

/// A temporary file next to the one it will replace, with the mode a new file
/// gets under the umask (tempfile's default is 0600, which other accounts,
/// such as a CI runner's, cannot read).
fn temp_in(dir: &Path) -> std::io::Result<tempfile::NamedTempFile> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(TEMP_PREFIX).suffix(TEMP_SUFFIX);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    builder.tempfile_in(dir)
}

/// Removes the temporary files a writer killed before its rename left in
/// `dir`. Call it holding the ledger's write lock: every other writer that
/// could own one holds the lock while its file exists.
pub fn remove_leftovers(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with(TEMP_PREFIX)
            && name.ends_with(TEMP_SUFFIX)
            && entry.file_type().is_ok_and(|t| t.is_file())
        {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Creates `path` with `content`; fails if it already exists.
pub fn create(path: &Path, content: &[u8]) -> Result<(), WriteError> {
    let io = |error: std::io::Error| WriteError::Io {
        path: path.display().to_string(),
        error,
    };
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(io)?;
    let mut temp = temp_in(dir).map_err(io)?;
    temp.write_all(content).map_err(io)?;
    temp.as_file().sync_all().map_err(io)?;
    temp.persist_noclobber(path).map_err(|e| io(e.error))?;
    Ok(())
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
}
