//! Where ordo writes what it makes (`-o FILE`, the tables of `export -o DIR`,
//! manual pages). A regular file, or a new one, is replaced atomically (a
//! temporary file beside it, then a rename). A device, a pipe or a socket is
//! written as it is: renaming over `/dev/null` as root would replace the
//! system's device with a plain file. A link is followed to what it names,
//! which then gets the same treatment, so the link stays a link.

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

use super::write::{Staged, WriteError, io};

/// An output being written.
pub struct OutputFile {
    sink: Sink,
}

enum Sink {
    /// A regular file: staged beside it, renamed over it at the end.
    Replace(Staged),
    /// A device, pipe or socket, open for writing.
    Direct { path: PathBuf, file: File },
}

impl OutputFile {
    /// Opens `path` for a new content.
    pub fn open(path: &Path) -> Result<OutputFile, WriteError> {
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() => Err(io(
                path,
                std::io::Error::other("it is a folder; give a file name"),
            )),
            Ok(meta) if !meta.is_file() => {
                // The kernel follows the links (`/dev/stdout` is a link to a
                // descriptor, which no path names).
                let file = std::fs::OpenOptions::new()
                    .write(true)
                    .open(path)
                    .map_err(|e| io(path, e))?;
                Ok(OutputFile {
                    sink: Sink::Direct {
                        path: path.to_owned(),
                        file,
                    },
                })
            }
            Ok(_) => {
                let real = std::fs::canonicalize(path).map_err(|e| io(path, e))?;
                Ok(OutputFile {
                    sink: Sink::Replace(Staged::empty(&real)?),
                })
            }
            Err(_) => Ok(OutputFile {
                sink: Sink::Replace(Staged::empty(&dangling_target(path))?),
            }),
        }
    }

    /// A handle to write the content with (buffer it: every call is a system
    /// call).
    pub fn writer(&self) -> Result<File, WriteError> {
        match &self.sink {
            Sink::Replace(staged) => staged.writer(),
            Sink::Direct { path, file } => file.try_clone().map_err(|e| io(path, e)),
        }
    }

    /// Puts the content in place: the rename of a regular file, nothing more
    /// for a device or a pipe (written as it went).
    pub fn finish(self) -> Result<(), WriteError> {
        match self.sink {
            Sink::Replace(staged) => staged.finish(),
            Sink::Direct { path, mut file } => file.flush().map_err(|e| io(&path, e)),
        }
    }
}

/// Writes an output file (its folders too): atomically over a regular file,
/// as it is into a device or a pipe, through a link to what it names.
pub fn output(path: &Path, content: &[u8]) -> Result<(), WriteError> {
    let out = OutputFile::open(path)?;
    let mut writer = out.writer()?;
    writer.write_all(content).map_err(|e| io(path, e))?;
    out.finish()
}

/// Where a path that names nothing yet leads: itself, or, for a link to a
/// file not made yet, the file the link names (so the link stays a link).
fn dangling_target(path: &Path) -> PathBuf {
    let mut at = path.to_owned();
    // As many hops as the kernel follows before it calls it a loop.
    for _ in 0..40 {
        let Ok(target) = std::fs::read_link(&at) else {
            break;
        };
        at = match at.parent() {
            Some(parent) if target.is_relative() => parent.join(target),
            _ => target,
        };
    }
    at
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn a_link_is_written_through_and_stays_a_link() {
        let dir = tempfile::tempdir().expect("tempdir");
        let target = dir.path().join("real.ics");
        std::fs::write(&target, "old").expect("write");
        let link = dir.path().join("link.ics");
        std::os::unix::fs::symlink("real.ics", &link).expect("link");
        output(&link, b"new").expect("written");
        assert!(
            std::fs::symlink_metadata(&link)
                .expect("meta")
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read(&target).expect("read"), b"new");
        // A link to a file not made yet makes the file.
        let later = dir.path().join("later.ics");
        std::os::unix::fs::symlink("sub/made.ics", &later).expect("link");
        output(&later, b"made").expect("written");
        assert_eq!(
            std::fs::read(dir.path().join("sub/made.ics")).expect("read"),
            b"made"
        );
        assert!(
            std::fs::symlink_metadata(&later)
                .expect("meta")
                .file_type()
                .is_symlink()
        );
    }

    #[test]
    fn a_device_is_written_not_replaced() {
        // Regression: `-o /dev/null` renamed a file over the device (as root,
        // for every later command on the machine).
        output(Path::new("/dev/null"), b"gone").expect("written");
        let meta = std::fs::metadata("/dev/null").expect("meta");
        assert!(!meta.is_file(), "/dev/null is still a device");
    }

    #[test]
    fn a_folder_is_refused() {
        let dir = tempfile::tempdir().expect("tempdir");
        let error = output(dir.path(), b"x").expect_err("a folder");
        assert!(error.to_string().contains("folder"), "{error}");
    }
}
