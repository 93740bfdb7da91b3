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
    let mut temp = tempfile::Builder::new()
        .prefix(".ordo-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(io)?;
    temp.write_all(new).map_err(io)?;
    temp.as_file().sync_all().map_err(io)?;
    if let Ok(meta) = std::fs::metadata(path) {
        let _ = std::fs::set_permissions(temp.path(), meta.permissions());
    }
    let current = std::fs::read(path).map_err(io)?;
    if current != old {
        return Err(WriteError::Changed(path.display().to_string()));
    }
    temp.persist(path).map_err(|e| io(e.error))?;
    Ok(())
}

/// Creates `path` with `content`; fails if it already exists.
pub fn create(path: &Path, content: &[u8]) -> Result<(), WriteError> {
    let io = |error: std::io::Error| WriteError::Io {
        path: path.display().to_string(),
        error,
    };
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(io)?;
    let mut temp = tempfile::Builder::new()
        .prefix(".ordo-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(io)?;
    temp.write_all(content).map_err(io)?;
    temp.as_file().sync_all().map_err(io)?;
    temp.persist_noclobber(path).map_err(|e| io(e.error))?;
    Ok(())
}
