//! The cache of checked orders under `.ordo/`, so that a run over a ledger where
//! nothing changed does not parse 100,000 files again. An entry is used only when
//! its file has the same size and modification time, the configuration and the
//! customers are the same (a fingerprint of their text and of this build), and
//! "now" has crossed none of the order's recorded dates since the entry was made
//! (the only way time changes a finding). Anything else, or a cache that
//! does not decode, is ignored and rebuilt: the cache is never trusted over a file.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::path::Path;

use rayon::prelude::*;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::ledger::files::OrderFile;
use ordo_core::checks::credit::Exposure;
use ordo_core::checks::time::Window;
use ordo_core::finding::Finding;

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
        Err(_) => std::fs::create_dir(&dir)?,
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
fn state_folder_is_real(root: &Path) -> bool {
    std::fs::symlink_metadata(root.join(".ordo")).is_ok_and(|m| m.is_dir())
}

/// Opens a file of the state folder for reading without following a link.
fn open_state_file(path: &Path) -> Option<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(rustix::fs::OFlags::NOFOLLOW.bits() as i32);
    }
    options.open(path).ok()
}

/// The time now, in nanoseconds since the Unix epoch, to stamp what a run reads.
pub fn clock_ns() -> i128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as i128)
}

/// A file changed within this margin of being read may have changed again
/// within the same tick of a coarse filesystem clock (one or two seconds) without
/// its stamps showing it: its entry is read again next time (git's rule for
/// "racily clean" index entries).
const RACY_MARGIN_NS: i128 = 2_000_000_000;

/// What identifies a version of a file without reading it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Identity {
    pub len: u64,
    pub modified_ns: i128,
    /// The inode and change time, where the platform has them: an atomic
    /// replacement (a new inode) or a same-size edit within one clock tick still
    /// shows.
    pub inode: u64,
    pub changed_ns: i128,
}

impl Identity {
    /// Whether an entry made from this version, read at `read_ns`, cannot be
    /// told from a later same-size edit in the same clock tick.
    pub fn racy(&self, read_ns: i128) -> bool {
        self.modified_ns.max(self.changed_ns) + RACY_MARGIN_NS >= read_ns
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
        #[cfg(unix)]
        let (inode, changed_ns) = {
            use std::os::unix::fs::MetadataExt;
            (
                meta.ino(),
                i128::from(meta.ctime()) * 1_000_000_000 + i128::from(meta.ctime_nsec()),
            )
        };
        #[cfg(not(unix))]
        let (inode, changed_ns) = (0, 0);
        Some(Identity {
            len: meta.len(),
            modified_ns: modified.as_nanos() as i128,
            inode,
            changed_ns,
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
                    modified_ns: i128::from(stat.st_mtime) * 1_000_000_000
                        + i128::from(stat.st_mtime_nsec),
                    inode: stat.st_ino,
                    changed_ns: i128::from(stat.st_ctime) * 1_000_000_000
                        + i128::from(stat.st_ctime_nsec),
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

/// What a cache keeps per order file: something made from one version of it.
pub trait Kept: Serialize + DeserializeOwned + Clone + Send + Sync {
    /// The cache file under the ledger root.
    const FILE: &'static str;
    /// Bumped whenever the entry's shape changes; another format is ignored.
    const FORMAT: u32;
    /// The version of the file the entry was made from.
    fn identity(&self) -> Identity;
    /// When that version was read (see [`clock_ns`]).
    fn read_ns(&self) -> i128;
    /// Whether the entry still holds at `now` (Unix seconds).
    fn holds(&self, _now: i64) -> bool {
        true
    }
}

/// What a check of one order file found.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Entry {
    pub identity: Identity,
    pub read_ns: i128,
    pub findings: Vec<Finding>,
    /// The span of "now" over which the findings hold.
    pub window: Window,
    pub exposure: Option<Exposure>,
}

impl Kept for Entry {
    const FILE: &'static str = ".ordo/cache-v5.postcard";
    const FORMAT: u32 = 5;

    fn identity(&self) -> Identity {
        self.identity
    }

    fn read_ns(&self) -> i128 {
        self.read_ns
    }

    fn holds(&self, now: i64) -> bool {
        self.window.holds(now)
    }
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(bound(serialize = "M: Serialize", deserialize = "M: Deserialize<'de>"))]
struct Stored<M> {
    format: u32,
    fingerprint: u64,
    /// The entries, keyed by the path relative to the root, as text (hashing
    /// `Path`s goes component by component, which a 100,000-entry map feels).
    entries: M,
}

impl<E> Default for Stored<HashMap<String, E>> {
    fn default() -> Self {
        Stored {
            format: 0,
            fingerprint: 0,
            entries: HashMap::new(),
        }
    }
}

/// A cache as loaded for one run.
#[derive(Debug)]
pub struct Cache<E> {
    stored: Stored<HashMap<String, E>>,
}

impl<E> Default for Cache<E> {
    fn default() -> Self {
        Cache {
            stored: Stored::default(),
        }
    }
}

/// A fingerprint of everything an entry depends on besides its file and "now":
/// this build, the configuration, and the customers.
pub fn fingerprint(config_text: &str, customers: &[(String, String)]) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    // This build, down to its sources: another build may check differently.
    env!("ORDO_BUILD_ID").hash(&mut hasher);
    ordo_core::schema::FileKind::Order
        .checked_in()
        .hash(&mut hasher);
    config_text.hash(&mut hasher);
    customers.hash(&mut hasher);
    hasher.finish()
}

impl<E: Kept> Cache<E> {
    /// The cache of `root` and the identity of each of `files`, on a core each.
    /// Without a cache file every file is read anyway, so none is stat'ed: the
    /// caller takes each identity from its read ([`FileRead::identity`]).
    ///
    /// [`FileRead::identity`]: super::source::FileRead::identity
    pub fn load_with_identities(
        root: &Path,
        fingerprint: u64,
        files: &[OrderFile],
    ) -> (Cache<E>, Vec<Option<Identity>>) {
        if state_folder_is_real(root) && root.join(E::FILE).is_file() {
            rayon::join(
                || Cache::load(root, fingerprint),
                || identities(root, files),
            )
        } else {
            (Cache::default(), vec![None; files.len()])
        }
    }

    /// Loads the cache of `root`; a missing, corrupt, old or foreign one is empty.
    pub fn load(root: &Path, fingerprint: u64) -> Cache<E> {
        let stored = Some(root)
            .filter(|root| state_folder_is_real(root))
            .and_then(|root| read_verified(&root.join(E::FILE)))
            .and_then(|bytes| {
                postcard::from_bytes::<Stored<HashMap<String, E>>>(&bytes[HEADER..]).ok()
            })
            .filter(|s| s.format == E::FORMAT && s.fingerprint == fingerprint)
            .unwrap_or_default();
        Cache { stored }
    }

    /// The entry for a file, if it still describes the file at `now`.
    pub fn get(&self, rel: &Path, identity: Identity, now: i64) -> Option<&E> {
        let entry = self.stored.entries.get(rel.to_str()?)?;
        (entry.identity() == identity && !identity.racy(entry.read_ns()) && entry.holds(now))
            .then_some(entry)
    }

    /// The stored entry of a file, fresh or not.
    pub fn entry(&self, rel: &str) -> Option<&E> {
        self.stored.entries.get(rel)
    }

    /// Takes a file's entry out of the cache (for a caller that found it fresh).
    pub fn take(&mut self, rel: &str) -> Option<E> {
        self.stored.entries.remove(rel)
    }

    /// How many entries the cache holds.
    pub fn len(&self) -> usize {
        self.stored.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.stored.entries.is_empty()
    }

    /// Writes a new cache atomically; a failure only costs the next run time
    /// (the caller says so). The entries are borrowed: a run keeps using what
    /// it saves.
    pub fn save<'e>(
        root: &Path,
        fingerprint: u64,
        entries: impl IntoIterator<Item = (&'e str, &'e E)>,
    ) -> std::io::Result<()>
    where
        E: 'e,
    {
        use std::io::Write;
        let entries: HashMap<&str, &E> = entries.into_iter().collect();
        let stored = Stored {
            format: E::FORMAT,
            fingerprint,
            entries,
        };
        let bytes = postcard::to_stdvec(&stored).map_err(std::io::Error::other)?;
        let dir = state_dir(root)?;
        let mut temp = tempfile::Builder::new()
            .prefix(".cache-")
            .tempfile_in(&dir)?;
        temp.write_all(MAGIC)?;
        temp.write_all(&checksum(&bytes).to_le_bytes())?;
        temp.write_all(&bytes)?;
        // The rename replaces a link at the cache's name, never follows it.
        temp.persist(root.join(E::FILE)).map_err(|e| e.error)?;
        Ok(())
    }
}

/// What a cache file starts with, before the checksum and the entries.
const MAGIC: &[u8; 8] = b"ordo\x00cch";

fn checksum(bytes: &[u8]) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    hasher.write(bytes);
    hasher.finish()
}

/// The magic and the checksum.
const HEADER: usize = 16;

/// A cache file whose checksum verifies (its entries start at [`HEADER`]);
/// `None` for a missing, foreign, damaged or linked file, which is rebuilt.
fn read_verified(path: &Path) -> Option<Vec<u8>> {
    use std::io::Read;
    let mut bytes = Vec::new();
    open_state_file(path)?.read_to_end(&mut bytes).ok()?;
    let rest = bytes.strip_prefix(MAGIC.as_slice())?;
    let (sum, payload) = rest.split_first_chunk::<8>()?;
    (u64::from_le_bytes(*sum) == checksum(payload)).then_some(())?;
    Some(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn entry(identity: Identity, window: Window) -> Entry {
        Entry {
            identity,
            read_ns: identity.modified_ns + 10 * RACY_MARGIN_NS,
            findings: vec![
                Finding::error(ordo_core::finding::Code::Role, "orders/2026/X.yaml", "m")
                    .at(ordo_core::yaml::Route::keys(&["steps", "A", "by"])),
            ],
            window,
            exposure: Some(Exposure {
                rel: PathBuf::from("orders/2026/X.yaml"),
                id: "X".into(),
                customer: "C".into(),
                received: "2026-05-06T10:00".parse().expect("moment"),
                outstanding: rust_decimal::Decimal::new(12345, 2),
                approved: false,
            }),
        }
    }

    #[test]
    fn round_trips_and_refuses_stale_entries() {
        let dir = tempfile::tempdir().expect("tempdir");
        let id = Identity {
            len: 10,
            modified_ns: 5,
            inode: 7,
            changed_ns: 5,
        };
        let rel = PathBuf::from("orders/2026/X.yaml");
        let mut entries = HashMap::new();
        entries.insert(
            "orders/2026/X.yaml".to_owned(),
            entry(
                id,
                Window {
                    since: Some(1_000),
                    until: Some(5_000),
                },
            ),
        );
        Cache::save(dir.path(), 42, entries.iter().map(|(k, v)| (k.as_str(), v))).expect("saved");
        let cache: Cache<Entry> = Cache::load(dir.path(), 42);
        let hit = cache.get(&rel, id, 3_000).expect("a fresh entry");
        assert_eq!(hit.findings.len(), 1);
        assert_eq!(
            hit.exposure.as_ref().map(|e| e.outstanding.to_string()),
            Some("123.45".into())
        );
        // Another size or time: re-read.
        assert!(cache.get(&rel, Identity { len: 11, ..id }, 3_000).is_none());
        assert!(
            cache
                .get(
                    &rel,
                    Identity {
                        modified_ns: 6,
                        ..id
                    },
                    3_000
                )
                .is_none()
        );
        assert!(
            cache
                .get(&rel, Identity { inode: 8, ..id }, 3_000)
                .is_none()
        );
        // "Now" before the order's last passed date, or at its next one: the
        // `future` check could answer differently.
        assert!(cache.get(&rel, id, 500).is_none());
        assert!(cache.get(&rel, id, 4_999).is_some());
        assert!(cache.get(&rel, id, 5_000).is_none());
        // Another configuration: the whole cache is ignored.
        assert!(
            Cache::<Entry>::load(dir.path(), 43)
                .get(&rel, id, 3_000)
                .is_none()
        );
        // A corrupt cache is ignored, never trusted.
        std::fs::write(dir.path().join(Entry::FILE), b"\x01\x02garbage").expect("write");
        assert!(
            Cache::<Entry>::load(dir.path(), 42)
                .get(&rel, id, 3_000)
                .is_none()
        );
    }

    #[test]
    fn an_entry_of_a_file_changed_in_the_tick_it_was_read_is_read_again() {
        // A filesystem with one-second stamps: the file was written at 10 s.
        let id = Identity {
            len: 10,
            modified_ns: 10_000_000_000,
            inode: 7,
            changed_ns: 10_000_000_000,
        };
        let racy = Entry {
            read_ns: 10_400_000_000,
            ..entry(id, Window::default())
        };
        let settled = Entry {
            read_ns: 15_000_000_000,
            ..entry(id, Window::default())
        };
        let dir = tempfile::tempdir().expect("tempdir");
        let rel = PathBuf::from("orders/2026/X.yaml");
        for (entry, trusted) in [(racy, false), (settled, true)] {
            Cache::save(dir.path(), 1, [("orders/2026/X.yaml", &entry)]).expect("saved");
            let cache: Cache<Entry> = Cache::load(dir.path(), 1);
            // The same stamps: an edit in the same second as the read hides in them.
            assert_eq!(cache.get(&rel, id, 0).is_some(), trusted, "{entry:?}");
        }
    }

    #[test]
    fn a_cache_with_any_byte_changed_is_ignored() {
        let dir = tempfile::tempdir().expect("tempdir");
        let id = Identity {
            len: 10,
            modified_ns: 5,
            inode: 7,
            changed_ns: 5,
        };
        let rel = PathBuf::from("orders/2026/X.yaml");
        let kept = entry(id, Window::default());
        Cache::save(dir.path(), 9, [("orders/2026/X.yaml", &kept)]).expect("saved");
        let path = dir.path().join(Entry::FILE);
        let good = std::fs::read(&path).expect("read");
        assert!(
            Cache::<Entry>::load(dir.path(), 9)
                .get(&rel, id, 0)
                .is_some()
        );
        for at in 0..good.len() {
            for bit in [0x01, 0x80] {
                let mut bad = good.clone();
                bad[at] ^= bit;
                std::fs::write(&path, &bad).expect("write");
                let cache: Cache<Entry> = Cache::load(dir.path(), 9);
                assert!(
                    cache.is_empty(),
                    "byte {at} changed, and the cache was trusted"
                );
            }
        }
    }

    #[test]
    #[cfg(unix)]
    fn a_linked_state_folder_is_never_written_through() {
        let dir = tempfile::tempdir().expect("tempdir");
        let outside = tempfile::tempdir().expect("tempdir");
        std::os::unix::fs::symlink(outside.path(), dir.path().join(".ordo")).expect("link");
        let kept = entry(
            Identity {
                len: 1,
                modified_ns: 1,
                inode: 1,
                changed_ns: 1,
            },
            Window::default(),
        );
        let error = Cache::save(dir.path(), 1, [("x", &kept)]).expect_err("refused");
        assert!(error.to_string().contains(".ordo is a link"), "{error}");
        assert_eq!(std::fs::read_dir(outside.path()).expect("list").count(), 0);
    }

    #[test]
    fn identities_agree_with_one_file_at_a_time_and_skip_anything_but_files() {
        let dir = tempfile::tempdir().expect("tempdir");
        let folder = dir.path().join("orders/2026");
        std::fs::create_dir_all(folder.join("D.yaml")).expect("mkdir");
        std::fs::write(folder.join("A.yaml"), "id: A\n").expect("write");
        let file = |stem: &str| OrderFile {
            rel: PathBuf::from(format!("orders/2026/{stem}.yaml")),
            stem: stem.to_owned(),
            year: Some("2026".to_owned()),
        };
        #[cfg(unix)]
        std::os::unix::fs::symlink(folder.join("A.yaml"), folder.join("L.yaml")).expect("link");
        let files = [file("A"), file("D"), file("L"), file("Missing")];
        let found = identities(dir.path(), &files);
        assert_eq!(found[0], Identity::of(&folder.join("A.yaml")));
        assert!(found[0].is_some_and(|i| i.len == 6));
        assert_eq!(&found[1..], &[None, None, None]);
    }
}
