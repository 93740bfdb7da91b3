//! The site's folder: built aside (`.NAME.ordo-site-PID` next to it), then
//! swapped in whole. A folder ordo did not make (no `.ordo-site` marker in it)
//! and that is not empty is never replaced.

use std::path::{Path, PathBuf};
use std::sync::mpsc::RecvTimeoutError;

const MARKER: &str = ".ordo-site";

/// How often `flushing` sends the pages written so far to disk.
const FLUSH_EVERY: std::time::Duration = std::time::Duration::from_secs(1);

pub struct SiteDir {
    target: PathBuf,
    staging: PathBuf,
    published: bool,
}

impl SiteDir {
    pub fn prepare(target: &Path) -> Result<SiteDir, String> {
        if target.exists() && !ours(target) {
            return Err(format!(
                "{} holds files ordo did not write; give an empty or new folder (ordo marks its sites with {MARKER})",
                target.display()
            ));
        }
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "site".to_owned());
        let parent = target.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(parent)
            .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        let staging = parent.join(format!(".{name}.ordo-site-{}", std::process::id()));
        if staging.exists() {
            let _ = std::fs::remove_dir_all(&staging);
        }
        std::fs::create_dir(&staging)
            .map_err(|e| format!("cannot create {}: {e}", staging.display()))?;
        let dir = SiteDir {
            target: target.to_owned(),
            staging,
            published: false,
        };
        dir.write(
            MARKER,
            b"Made by `ordo site`; the next build replaces this folder.\n",
        )?;
        Ok(dir)
    }

    /// Writes one file of the site. Plainly: the folder being built is not
    /// the site anyone reads until `publish` swaps it in whole, so a file per
    /// temporary and fsync (as ledger files get) would only slow a build of
    /// tens of thousands of pages.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), String> {
        use std::io::Write;
        self.open(rel)
            .and_then(|mut file| file.write_all(bytes))
            .map_err(|e| format!("cannot write {rel}: {e}"))
    }

    /// A file of the site to write in parts (a calendar of every event, the
    /// reports' data): these run to megabytes, so they are written in pieces
    /// of 64 KB rather than the default 8 KB (a ledger of hundreds of people
    /// has a couple of hundred feeds open at once).
    pub fn create(&self, rel: &str) -> Result<std::io::BufWriter<std::fs::File>, String> {
        self.open(rel)
            .map(|file| std::io::BufWriter::with_capacity(1 << 16, file))
            .map_err(|e| format!("cannot write {rel}: {e}"))
    }

    /// Creates `rel`, and its folder when it is the first file there (not
    /// looked for before each of tens of thousands of order pages).
    fn open(&self, rel: &str) -> std::io::Result<std::fs::File> {
        let path = self.staging.join(rel);
        match std::fs::File::create(&path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                if let Some(dir) = path.parent() {
                    std::fs::create_dir_all(dir)?;
                }
                std::fs::File::create(&path)
            }
            opened => opened,
        }
    }

    /// An unnamed file beside the pages for what a build sets aside; it goes
    /// with its handle.
    pub fn scratch(&self) -> Result<std::fs::File, String> {
        tempfile::tempfile_in(&self.staging).map_err(|e| {
            format!(
                "cannot make a scratch file in {}: {e}",
                self.staging.display()
            )
        })
    }

    /// Runs `work` (which writes pages) while what it has written is sent to
    /// disk every second, so the flush before the swap has little left to do
    /// and the disk works while the processors do (at 100,000 orders that
    /// flush took 0.56 s after the pages, 0.20 s with them sent as they came).
    pub fn flushing<R>(&self, work: impl FnOnce() -> R) -> R {
        std::thread::scope(|scope| {
            let (done, finished) = std::sync::mpsc::channel::<()>();
            scope.spawn(move || {
                while let Err(RecvTimeoutError::Timeout) = finished.recv_timeout(FLUSH_EVERY) {
                    sync_tree(&self.staging);
                }
            });
            let result = work();
            drop(done);
            result
        })
    }

    /// Puts the new site where the old one was (after flushing it to disk),
    /// and removes the old one.
    pub fn publish(mut self) -> Result<(), String> {
        sync_tree(&self.staging);
        let old = self.staging.with_extension("old");
        let had_old = self.target.exists();
        if had_old {
            std::fs::rename(&self.target, &old)
                .map_err(|e| format!("cannot move the old {} aside: {e}", self.target.display()))?;
        }
        if let Err(e) = std::fs::rename(&self.staging, &self.target) {
            if had_old {
                let _ = std::fs::rename(&old, &self.target);
            }
            return Err(format!(
                "cannot put the site at {}: {e}",
                self.target.display()
            ));
        }
        self.published = true;
        if had_old {
            let _ = std::fs::remove_dir_all(&old);
        }
        Ok(())
    }
}

impl Drop for SiteDir {
    fn drop(&mut self) {
        if !self.published {
            let _ = std::fs::remove_dir_all(&self.staging);
        }
    }
}

/// Empty, or a site ordo made.
fn ours(dir: &Path) -> bool {
    dir.join(MARKER).is_file()
        || std::fs::read_dir(dir).is_ok_and(|mut entries| entries.next().is_none())
}

/// Flushes the site to disk before the swap: one `syncfs` of its file system
/// instead of an fsync per file (Linux; elsewhere the swap relies on the OS).
fn sync_tree(dir: &Path) {
    #[cfg(target_os = "linux")]
    if let Ok(folder) = std::fs::File::open(dir) {
        let _ = rustix::fs::syncfs(&folder);
    }
    #[cfg(not(target_os = "linux"))]
    let _ = dir;
}
