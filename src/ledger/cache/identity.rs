//! What identifies a version of a file without reading it, and when an entry
//! made from one cannot be trusted to tell it from the next.

use std::collections::HashMap;
use std::path::Path;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::ledger::files::OrderFile;

/// The time now, in nanoseconds since the Unix epoch, to stamp what a run reads.
pub fn clock_ns() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_nanos()).unwrap_or(i64::MAX))
}

/// A file time in nanoseconds since the Unix epoch. Sixty-four bits reach the
/// year 2262; a time set beyond either end is held at it, which still tells an
/// edit (its change time, which nobody sets, moves).
#[cfg(unix)]
fn stamp_ns(secs: i64, nanos: impl TryInto<i64>) -> i64 {
    secs.saturating_mul(1_000_000_000)
        .saturating_add(nanos.try_into().unwrap_or(0))
}

/// A file changed within this margin of being read may have changed again
/// within the same tick of a coarse filesystem clock (one or two seconds) without
/// its stamps showing it: its entry is read again next time (git's rule for
/// "racily clean" index entries).
pub(super) const RACY_MARGIN_NS: i64 = 2_000_000_000;

/// What identifies a version of a file without reading it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Identity {
    pub len: u64,
    pub modified_ns: i64,
    /// The inode and change time, where the platform has them: an atomic
    /// replacement (a new inode) or a same-size edit within one clock tick still
    /// shows.
    pub inode: u64,
    pub changed_ns: i64,
    /// The file's git blob id, when git's index holds the file as it is in
    /// the working tree: the same in every clone of the commit.
    #[serde(default)]
    pub blob: Option<super::git_blobs::Blob>,
}

impl Identity {
    /// Whether an entry made from `stored`, read at `read_ns`, describes this
    /// version: the same blob when git vouches for both (another clone's
    /// cache, restored in CI), else the same stamps, and not racy.
    pub fn same_version(&self, stored: &Identity, read_ns: i64) -> bool {
        match (self.blob, stored.blob) {
            (Some(mine), Some(theirs)) => mine == theirs,
            _ => self.stamps() == stored.stamps() && !self.racy(read_ns),
        }
    }

    /// Whether two identities have the same size, times and inode.
    pub fn same_stamps(&self, other: &Identity) -> bool {
        self.stamps() == other.stamps()
    }

    fn stamps(&self) -> (u64, i64, u64, i64) {
        (self.len, self.modified_ns, self.inode, self.changed_ns)
    }

    /// Whether an entry made from this version, read at `read_ns`, cannot be
    /// told from a later same-size edit in the same clock tick.
    pub fn racy(&self, read_ns: i64) -> bool {
        self.modified_ns
            .max(self.changed_ns)
            .saturating_add(RACY_MARGIN_NS)
            >= read_ns
    }

    /// The identity of a regular file; `None` for links and anything odd, which
    /// are always read.
    pub fn of(path: &Path) -> Option<Identity> {
        Identity::from_metadata(&std::fs::symlink_metadata(path).ok()?)
    }

    /// The identity in a file's metadata (taken without following links).
    pub fn from_metadata(meta: &std::fs::Metadata) -> Option<Identity> {
        if !meta.file_type().is_file() {
            return None;
        }
        let modified = meta
            .modified()
            .ok()?
            .duration_since(std::time::UNIX_EPOCH)
            .ok()?;
        let modified_ns = i64::try_from(modified.as_nanos()).unwrap_or(i64::MAX);
        #[cfg(unix)]
        let (inode, changed_ns) = {
            use std::os::unix::fs::MetadataExt;
            (meta.ino(), stamp_ns(meta.ctime(), meta.ctime_nsec()))
        };
        #[cfg(not(unix))]
        let (inode, changed_ns) = (0, 0);
        Some(Identity {
            len: meta.len(),
            modified_ns,
            inode,
            changed_ns,
            blob: None,
        })
    }
}

/// The identities of order files, stat'ed in parallel, each relative to its
/// folder (a lookup from the root for each of 100,000 files shows in a warm
/// run). The same values as [`Identity::of`].
pub fn identities(root: &Path, files: &[OrderFile]) -> Vec<Option<Identity>> {
    #[cfg(unix)]
    {
        use rustix::fs::{AtFlags, FileType, Mode, OFlags};
        let mut dirs: HashMap<&Path, Option<std::os::fd::OwnedFd>> = HashMap::new();
        for file in files {
            let parent = file.rel.parent().unwrap_or(Path::new(""));
            dirs.entry(parent).or_insert_with(|| {
                let flags = OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC;
                rustix::fs::open(root.join(parent), flags, Mode::empty()).ok()
            });
        }
        files
            .par_iter()
            .map(|file| {
                let dir = dirs.get(file.rel.parent()?)?.as_ref()?;
                let stat =
                    rustix::fs::statat(dir, file.rel.file_name()?, AtFlags::SYMLINK_NOFOLLOW)
                        .ok()?;
                if FileType::from_raw_mode(stat.st_mode) != FileType::RegularFile {
                    return None;
                }
                Some(Identity {
                    len: u64::try_from(stat.st_size).ok()?,
                    modified_ns: stamp_ns(stat.st_mtime, stat.st_mtime_nsec),
                    inode: stat.st_ino,
                    changed_ns: stamp_ns(stat.st_ctime, stat.st_ctime_nsec),
                    blob: None,
                })
            })
            .collect()
    }
    #[cfg(not(unix))]
    {
        files
            .par_iter()
            .map(|file| Identity::of(&root.join(&file.rel)))
            .collect()
    }
}
