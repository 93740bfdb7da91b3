//! Finding the ledger root the way git finds a repository: `-C DIR`, then
//! `ORDO_LEDGER` (both arrive through the same option), then the nearest ancestor
//! of the working directory that holds `ordo.yaml`.

use std::path::{Path, PathBuf};

pub use ordo_core::layout::CONFIG_FILE;

/// Why no ledger was found.
#[derive(Debug, thiserror::Error)]
pub enum DiscoverError {
    #[error("{0} has no ordo.yaml: it is not a ledger")]
    NotALedger(PathBuf),
    #[error("no ordo.yaml in {0} or any folder above it")]
    NotFound(PathBuf),
}

/// The ledger root: `explicit` when given, else the nearest ancestor of `cwd`.
pub fn find_root(explicit: Option<&Path>, cwd: &Path) -> Result<PathBuf, DiscoverError> {
    if let Some(dir) = explicit {
        let dir = if dir.is_absolute() {
            dir.to_path_buf()
        } else {
            cwd.join(dir)
        };
        return if dir.join(CONFIG_FILE).exists() {
            Ok(dir)
        } else {
            Err(DiscoverError::NotALedger(dir))
        };
    }
    cwd.ancestors()
        .find(|dir| dir.join(CONFIG_FILE).is_file())
        .map(Path::to_path_buf)
        .ok_or_else(|| DiscoverError::NotFound(cwd.to_path_buf()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_nearest_ancestor_with_a_config() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(dir.path().join(CONFIG_FILE), "name: x\n").expect("write");
        let deep = dir.path().join("orders/2026");
        std::fs::create_dir_all(&deep).expect("mkdir");
        assert_eq!(find_root(None, &deep).expect("found"), dir.path());
        assert_eq!(
            find_root(Some(Path::new(".")), dir.path()).expect("explicit"),
            dir.path().join(".")
        );
        assert!(matches!(
            find_root(Some(Path::new("orders")), dir.path()),
            Err(DiscoverError::NotALedger(_))
        ));
    }
}
