//! The ledger's state folder, `.ordo/`: made on first use, ignored by git,
//! and never written or read through a link.

use std::path::Path;

/// The ledger's `.ordo/` folder for the cache and the write lock, created on
/// first use with a `.gitignore` of its own, so it never shows up in `git status`
/// even in a ledger without `ordo init`'s ignore line. A link there (the folder
/// or its `.gitignore`) is refused: ordo never writes through one, so a link
/// cannot send its files outside the ledger.
pub fn state_dir(root: &Path) -> std::io::Result<std::path::PathBuf> {
    let dir = root.join(".ordo");
    match std::fs::symlink_metadata(&dir) {
        Ok(meta) if meta.file_type().is_symlink() => return Err(link_refused(".ordo")),
        Ok(meta) if !meta.is_dir() => {
            return Err(std::io::Error::other(
                ".ordo is not a folder; remove it so ordo can keep its cache and lock there",
            ));
        }
        Ok(_) => {}
        // Another ordo may make it at the same moment: that one is fine too,
        // if it is a folder.
        Err(_) => match std::fs::create_dir(&dir) {
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                if !std::fs::symlink_metadata(&dir).is_ok_and(|m| m.is_dir()) {
                    return Err(link_refused(".ordo"));
                }
            }
            other => other?,
        },
    }
    let ignore = dir.join(".gitignore");
    match std::fs::symlink_metadata(&ignore) {
        Ok(meta) if meta.file_type().is_symlink() => return Err(link_refused(".ordo/.gitignore")),
        Ok(_) => {}
        Err(_) => {
            // create_new: never opens an existing file, nor follows a link.
            use std::io::Write;
            if let Ok(mut file) = std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&ignore)
            {
                file.write_all(b"# ordo's cache and lock: never committed\n*\n")?;
            }
        }
    }
    Ok(dir)
}

fn link_refused(what: &str) -> std::io::Error {
    std::io::Error::other(format!(
        "{what} is a link; ordo never writes through a link in its state folder (remove it, and ordo makes a folder of its own)"
    ))
}

/// Whether `.ordo` is a folder of the ledger's own (not a link): a cache read
/// through a link could say anything.
pub(super) fn state_folder_is_real(root: &Path) -> bool {
    std::fs::symlink_metadata(root.join(".ordo")).is_ok_and(|m| m.is_dir())
}

/// Opens a file of the state folder for reading without following a link.
pub(super) fn open_state_file(path: &Path) -> Option<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(rustix::fs::OFlags::NOFOLLOW.bits() as i32);
    }
    options.open(path).ok()
}
