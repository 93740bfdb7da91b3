//! The folder an output goes to (`site -o DIR`, `export -o DIR`): where it
//! really is (a linked folder is written through, never replaced by a real
//! one), and never a folder that holds the ledger (or the repository around
//! it), where a build's clean-up would reach the orders and `.git`.

use std::path::{Path, PathBuf};

/// Why a folder cannot take an output.
#[derive(Debug, thiserror::Error)]
pub enum OutputDirError {
    #[error(
        "{shown} holds the ledger ({root}); give the output a folder of its own, such as {suggestion}"
    )]
    HoldsLedger {
        shown: String,
        root: String,
        suggestion: String,
    },
    #[error("{0} is not a folder")]
    NotAFolder(String),
    #[error("cannot use {path}: {error}")]
    Io { path: String, error: std::io::Error },
}

/// The folder `dir` stands for, after links, checked against the ledger at
/// `root`: the same folder, or one above it, is refused.
pub fn resolve(dir: &Path, root: &Path) -> Result<PathBuf, OutputDirError> {
    let shown = dir.display().to_string();
    let real = real_path(dir).map_err(|error| OutputDirError::Io {
        path: shown.clone(),
        error,
    })?;
    if real.exists() && !real.is_dir() {
        return Err(OutputDirError::NotAFolder(shown));
    }
    let root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_owned());
    if root.starts_with(&real) {
        return Err(OutputDirError::HoldsLedger {
            shown,
            root: root.display().to_string(),
            suggestion: root.join("_site").display().to_string(),
        });
    }
    Ok(real)
}

/// The real path of `dir`, which may not exist yet: its links resolved, or,
/// when it does not exist, its nearest existing ancestor's with the rest
/// appended (a dangling link leads to the folder it names).
fn real_path(dir: &Path) -> std::io::Result<PathBuf> {
    if let Ok(real) = std::fs::canonicalize(dir) {
        return Ok(real);
    }
    let mut at = dir.to_owned();
    for _ in 0..40 {
        match std::fs::read_link(&at) {
            Ok(target) => {
                at = match at.parent() {
                    Some(parent) if target.is_relative() => parent.join(target),
                    _ => target,
                }
            }
            Err(_) => break,
        }
    }
    let name = at
        .file_name()
        .map(PathBuf::from)
        .ok_or_else(|| std::io::Error::other("it names no folder"))?;
    let parent = match at.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&parent)?;
    Ok(std::fs::canonicalize(parent)?.join(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ledger_and_every_folder_above_it_are_refused() {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path().join("repo/ledger");
        std::fs::create_dir_all(&root).expect("mkdir");
        for refused in [root.clone(), dir.path().join("repo"), root.join("..")] {
            let error = resolve(&refused, &root).expect_err("refused");
            assert!(
                matches!(error, OutputDirError::HoldsLedger { .. }),
                "{error}"
            );
        }
        let inside = resolve(&root.join("_site"), &root).expect("a folder of its own");
        assert!(inside.ends_with("ledger/_site"));
        let beside = resolve(&dir.path().join("site"), &root).expect("beside");
        assert!(beside.ends_with("site"));
    }

    #[test]
    #[cfg(unix)]
    fn a_linked_folder_is_the_folder_it_names() {
        let dir = tempfile::tempdir().expect("tempdir");
        let real = dir.path().join("real");
        std::fs::create_dir(&real).expect("mkdir");
        std::os::unix::fs::symlink("real", dir.path().join("link")).expect("link");
        let resolved =
            resolve(&dir.path().join("link"), &dir.path().join("ledger")).expect("resolved");
        assert_eq!(resolved, std::fs::canonicalize(&real).expect("real"));
        // A link to the ledger is the ledger.
        let ledger = dir.path().join("ledger");
        std::fs::create_dir(&ledger).expect("mkdir");
        std::os::unix::fs::symlink("ledger", dir.path().join("sneaky")).expect("link");
        assert!(resolve(&dir.path().join("sneaky"), &ledger).is_err());
    }
}
