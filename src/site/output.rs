//! The site's folder. A build is made aside (`.NAME.ordo-site-PID` next to
//! it) and then put in place. `.ordo-site` in the folder lists the files ordo
//! wrote there; only those are ever replaced or removed, so everything else
//! (`.git` of a `gh-pages` worktree, `CNAME`, `.nojekyll`) stays. A folder that
//! holds nothing but the last build is swapped whole, so a reader never sees
//! half a site; one with files of its own gets the new files moved in one by
//! one, then loses the old build's files the new one did not write. A folder
//! that holds the ledger is refused, and a linked folder is written through.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::RecvTimeoutError;

use super::error::SiteError;
use crate::edit::output_dir;

/// The manifest: what the last build wrote.
pub(crate) const MANIFEST: &str = ".ordo-site";

/// What a manifest starts with, for whoever opens it.
const HEADER: &str = "# Made by `ordo site`: the files below are the site's. The next build \
replaces or removes them and keeps every other file in this folder.\n";

/// How often `flushing` sends the pages written so far to disk.
const FLUSH_EVERY: std::time::Duration = std::time::Duration::from_secs(1);

pub(crate) struct SiteDir {
    /// The real folder (links resolved).
    target: PathBuf,
    staging: PathBuf,
    published: bool,
}

/// What a folder held before a build, as far as ordo wrote it.
enum Earlier {
    /// Not there, or empty.
    Nothing,
    /// The files the last build listed.
    Listed(BTreeSet<String>),
    /// A site of an ordo that marked its folder without listing its files:
    /// its pages may be replaced, nothing of it removed.
    Unlisted,
    /// Files ordo has no record of writing.
    Foreign,
}

/// What putting a build in place did besides writing it.
#[derive(Debug, Default)]
pub(crate) struct Published {
    /// Files in the folder that ordo did not write, kept.
    pub kept: Vec<String>,
}

impl SiteDir {
    /// Checks `target` (refusing a folder that holds the ledger at `root`)
    /// and makes the folder the build goes into.
    pub(crate) fn prepare(target: &Path, root: &Path) -> Result<SiteDir, SiteError> {
        let target = output_dir::resolve(target, root)?;
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "site".to_owned());
        let parent = target.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(parent)
            .map_err(SiteError::io(format!("create {}", parent.display())))?;
        let staging = parent.join(format!(".{name}.ordo-site-{}", std::process::id()));
        if staging.exists() {
            let _ = std::fs::remove_dir_all(&staging);
        }
        std::fs::create_dir(&staging)
            .map_err(SiteError::io(format!("create {}", staging.display())))?;
        Ok(SiteDir {
            target,
            staging,
            published: false,
        })
    }

    /// Writes one file of the site. Plainly: the folder being built is not
    /// the site anyone reads until `publish` puts it in place, so a file per
    /// temporary and fsync (as ledger files get) would only slow a build of
    /// tens of thousands of pages.
    pub(crate) fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), SiteError> {
        use std::io::Write;
        self.open(rel)
            .and_then(|mut file| file.write_all(bytes))
            .map_err(SiteError::io(format!("write {rel}")))
    }

    /// A file of the site to write in parts (a calendar of every event, the
    /// reports' data): these run to megabytes, so they are written in pieces
    /// of 64 KB rather than the default 8 KB (a ledger of hundreds of people
    /// has a couple of hundred feeds open at once).
    pub(crate) fn create(&self, rel: &str) -> Result<std::io::BufWriter<std::fs::File>, SiteError> {
        self.open(rel)
            .map(|file| std::io::BufWriter::with_capacity(1 << 16, file))
            .map_err(SiteError::io(format!("write {rel}")))
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
    pub(crate) fn scratch(&self) -> Result<std::fs::File, SiteError> {
        tempfile::tempfile_in(&self.staging).map_err(SiteError::io(format!(
            "make a scratch file in {}",
            self.staging.display()
        )))
    }

    /// Runs `work` (which writes pages) while what it has written is sent to
    /// disk every second, so the flush before the swap has little left to do
    /// and the disk works while the processors do (at 100,000 orders that
    /// flush took 0.56 s after the pages, 0.20 s with them sent as they came).
    pub(crate) fn flushing<R>(&self, work: impl FnOnce() -> R) -> R {
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

    /// Puts the new site in place (after flushing it to disk) and removes
    /// what the last build wrote that this one did not.
    pub(crate) fn publish(mut self) -> Result<Published, SiteError> {
        let built = files_under(&self.staging).map_err(SiteError::io("list the build"))?;
        let manifest = manifest_text(&built);
        std::fs::write(self.staging.join(MANIFEST), &manifest)
            .map_err(SiteError::io(format!("write {MANIFEST}")))?;
        sync_tree(&self.staging);
        let earlier = earlier(&self.target)?;
        let ours = match &earlier {
            Earlier::Listed(listed) => listed,
            _ => &built,
        };
        let kept = if self.target.exists() {
            foreign_under(&self.target, ours)
                .map_err(SiteError::io(format!("list {}", self.target.display())))?
        } else {
            Vec::new()
        };
        if let Earlier::Foreign = earlier {
            let clash: Vec<&String> = built
                .iter()
                .filter(|rel| std::fs::symlink_metadata(self.target.join(rel)).is_ok())
                .collect();
            if !clash.is_empty() {
                return Err(SiteError::Clash {
                    folder: self.target.display().to_string(),
                    files: shown(clash.iter().copied()),
                });
            }
        }
        if kept.is_empty() {
            self.swap()?;
        } else {
            let stale = match &earlier {
                Earlier::Listed(listed) => listed.difference(&built).cloned().collect(),
                _ => BTreeSet::new(),
            };
            self.move_in(&built, &earlier, &stale, &manifest)?;
        }
        self.published = true;
        Ok(Published { kept })
    }

    /// The folder holds only the last build: the new one takes its place whole.
    fn swap(&self) -> Result<(), SiteError> {
        let old = self.staging.with_extension("old");
        let had_old = self.target.exists();
        if had_old {
            std::fs::rename(&self.target, &old).map_err(SiteError::io(format!(
                "move the old {} aside",
                self.target.display()
            )))?;
        }
        if let Err(e) = std::fs::rename(&self.staging, &self.target) {
            if had_old {
                let _ = std::fs::rename(&old, &self.target);
            }
            return Err(SiteError::Io {
                what: format!("put the site at {}", self.target.display()),
                source: e,
            });
        }
        if had_old {
            let _ = std::fs::remove_dir_all(&old);
        }
        Ok(())
    }

    /// The folder holds files of others: each new file is moved in over its
    /// old version, then the old build's files the new one lacks go. The
    /// manifest first lists both builds (an interrupted move leaves nothing
    /// ordo wrote unlisted), and only the new one at the end.
    fn move_in(
        &self,
        built: &BTreeSet<String>,
        earlier: &Earlier,
        stale: &BTreeSet<String>,
        manifest: &str,
    ) -> Result<(), SiteError> {
        let target = &self.target;
        std::fs::create_dir_all(target).map_err(SiteError::io("create the site folder"))?;
        let mut both = built.clone();
        if let Earlier::Listed(listed) = earlier {
            both.extend(listed.iter().cloned());
        }
        crate::edit::output::output(&target.join(MANIFEST), manifest_text(&both).as_bytes())?;
        for rel in built {
            let to = target.join(rel);
            if let Some(dir) = to.parent() {
                std::fs::create_dir_all(dir).map_err(SiteError::io(format!("create {rel}")))?;
            }
            std::fs::rename(self.staging.join(rel), &to)
                .map_err(SiteError::io(format!("put {rel} in place")))?;
        }
        for rel in stale {
            let path = target.join(rel);
            let is_file = std::fs::symlink_metadata(&path).is_ok_and(|m| !m.is_dir());
            if is_file {
                let _ = std::fs::remove_file(&path);
                remove_empty_parents(target, &path);
            }
        }
        crate::edit::output::output(&target.join(MANIFEST), manifest.as_bytes())?;
        let _ = std::fs::remove_dir_all(&self.staging);
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

/// What `dir` held before, as its manifest tells.
fn earlier(dir: &Path) -> Result<Earlier, SiteError> {
    let Ok(mut entries) = std::fs::read_dir(dir) else {
        return Ok(Earlier::Nothing);
    };
    if entries.next().is_none() {
        return Ok(Earlier::Nothing);
    }
    let Ok(text) = std::fs::read_to_string(dir.join(MANIFEST)) else {
        return Ok(Earlier::Foreign);
    };
    if !text.starts_with('#') {
        return Ok(Earlier::Unlisted);
    }
    Ok(Earlier::Listed(
        text.lines()
            .filter(|l| !l.starts_with('#') && is_inside(l))
            .map(str::to_owned)
            .collect(),
    ))
}

/// A listed path that stays inside the folder (a hand-edited manifest never
/// reaches out of it).
fn is_inside(rel: &str) -> bool {
    let path = Path::new(rel);
    !rel.is_empty()
        && rel != MANIFEST
        && path
            .components()
            .all(|c| matches!(c, std::path::Component::Normal(_)))
}

fn manifest_text(files: &BTreeSet<String>) -> String {
    let mut text = String::from(HEADER);
    for rel in files.iter().filter(|rel| rel.as_str() != MANIFEST) {
        text.push_str(rel);
        text.push('\n');
    }
    text
}

/// Every file (anything but a folder) under `dir`, as paths relative to it
/// with `/` between names; links are listed, not followed.
fn files_under(dir: &Path) -> std::io::Result<BTreeSet<String>> {
    let mut files = BTreeSet::new();
    walk(dir, &mut |rel, is_dir| {
        if !is_dir && rel != MANIFEST {
            files.insert(rel.to_owned());
        }
        is_dir
    })?;
    Ok(files)
}

/// What `dir` holds besides `ours`: files, and whole folders where nothing
/// of ours lies (`.git`, not the thousands of files in it), as relative paths.
fn foreign_under(dir: &Path, ours: &BTreeSet<String>) -> std::io::Result<Vec<String>> {
    let mut foreign = Vec::new();
    walk(dir, &mut |rel, is_dir| {
        if rel == MANIFEST || ours.contains(rel) {
            return false;
        }
        let prefix = format!("{rel}/");
        let holds_ours = is_dir
            && ours
                .range(prefix.clone()..)
                .next()
                .is_some_and(|o| o.starts_with(&prefix));
        if !holds_ours {
            foreign.push(if is_dir { prefix } else { rel.to_owned() });
        }
        holds_ours
    })?;
    foreign.sort();
    Ok(foreign)
}

/// Visits what is under `dir` (relative paths with `/`, and whether each is a
/// folder, not following links); a folder is entered when `visit` says so.
fn walk(dir: &Path, visit: &mut dyn FnMut(&str, bool) -> bool) -> std::io::Result<()> {
    let mut stack = vec![String::new()];
    while let Some(rel) = stack.pop() {
        for entry in std::fs::read_dir(dir.join(&rel))? {
            let entry = entry?;
            let name = entry.file_name().to_string_lossy().into_owned();
            let child = if rel.is_empty() {
                name
            } else {
                format!("{rel}/{name}")
            };
            let is_dir = entry.file_type()?.is_dir();
            if visit(&child, is_dir) && is_dir {
                stack.push(child);
            }
        }
    }
    Ok(())
}

/// Removes the folders between `file` and `top` that its removal left empty.
fn remove_empty_parents(top: &Path, file: &Path) {
    let mut dir = file.parent();
    while let Some(d) = dir {
        if d == top || !d.starts_with(top) || std::fs::remove_dir(d).is_err() {
            break;
        }
        dir = d.parent();
    }
}

/// A few names, and how many more.
pub(crate) fn shown<'a>(names: impl IntoIterator<Item = &'a String>) -> String {
    let names: Vec<&String> = names.into_iter().collect();
    let mut text = names
        .iter()
        .take(5)
        .map(|n| n.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    if names.len() > 5 {
        text.push_str(&format!(" and {} more", names.len() - 5));
    }
    text
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
