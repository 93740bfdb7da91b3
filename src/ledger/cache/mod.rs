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

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::ledger::files::OrderFile;

pub mod git_blobs;
mod identity;
mod state;

pub use identity::{Identity, clock_ns, identities};
use ordo_core::checks::credit::Exposure;
use ordo_core::checks::time::Window;
use ordo_core::finding::Finding;
pub use state::state_dir;
use state::{open_state_file, state_folder_is_real};

/// What a cache keeps per order file: something made from one version of it.
pub trait Kept: Serialize + DeserializeOwned + Clone + Send + Sync {
    /// The cache file under the ledger root.
    const FILE: &'static str;
    /// Bumped whenever the entry's shape changes; another format is ignored.
    const FORMAT: u32;
    /// The version of the file the entry was made from.
    fn identity(&self) -> Identity;
    /// The identity, to record the file's git blob id in it.
    fn identity_mut(&mut self) -> &mut Identity;
    /// When that version was read (see [`clock_ns`]).
    fn read_ns(&self) -> i64;
    /// Whether the entry still holds at `now` (Unix seconds).
    fn holds(&self, _now: i64) -> bool {
        true
    }
}

/// What a check of one order file found.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Entry {
    pub identity: Identity,
    pub read_ns: i64,
    pub findings: Vec<Finding>,
    /// The span of "now" over which the findings hold.
    pub window: Window,
    /// Boxed: most orders have none, and a cache holds 100,000 entries.
    pub exposure: Option<Box<Exposure>>,
    /// The order's documents that name a path, with the finding for a missing
    /// file: whether the file is there is asked on every run.
    pub references: Vec<(String, Finding)>,
}

impl Kept for Entry {
    const FILE: &'static str = ".ordo/cache-v9.postcard";
    const FORMAT: u32 = 9;

    fn identity(&self) -> Identity {
        self.identity
    }

    fn identity_mut(&mut self) -> &mut Identity {
        &mut self.identity
    }

    fn read_ns(&self) -> i64 {
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

impl<E> Default for Stored<Entries<E>> {
    fn default() -> Self {
        Stored {
            format: 0,
            fingerprint: 0,
            entries: Entries(HashMap::new()),
        }
    }
}

/// The entries as loaded: a map made once at the size the file gives. Serde
/// would start a map of unknown trust small and double it, holding the old
/// and the new table at once (66 MB at 100,000 entries, for a 44 MB map).
#[derive(Debug)]
struct Entries<E>(HashMap<String, E>);

/// The most entries a map is made ready for up front; a larger count (never
/// met: one entry per order file) grows as it reads.
const PRESIZED: usize = 1 << 22;

impl<'de, E: Deserialize<'de>> Deserialize<'de> for Entries<E> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visit<E>(std::marker::PhantomData<E>);
        impl<'de, E: Deserialize<'de>> serde::de::Visitor<'de> for Visit<E> {
            type Value = Entries<E>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a map of cache entries")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Entries<E>, A::Error> {
                let mut entries =
                    HashMap::with_capacity(map.size_hint().unwrap_or(0).min(PRESIZED));
                while let Some((key, entry)) = map.next_entry()? {
                    entries.insert(key, entry);
                }
                Ok(Entries(entries))
            }
        }
        deserializer.deserialize_map(Visit(std::marker::PhantomData))
    }
}

/// A cache as loaded for one run.
#[derive(Debug)]
pub struct Cache<E> {
    stored: Stored<Entries<E>>,
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
            .and_then(|bytes| postcard::from_bytes::<Stored<Entries<E>>>(&bytes[HEADER..]).ok())
            .filter(|s| s.format == E::FORMAT && s.fingerprint == fingerprint)
            .unwrap_or_default();
        Cache { stored }
    }

    /// The entry for a file, if it still describes the file at `now`.
    pub fn get(&self, rel: &Path, identity: Identity, now: i64) -> Option<&E> {
        let entry = self.stored.entries.0.get(rel.to_str()?)?;
        (identity.same_version(&entry.identity(), entry.read_ns()) && entry.holds(now))
            .then_some(entry)
    }

    /// The stored entry of a file, fresh or not.
    pub fn entry(&self, rel: &str) -> Option<&E> {
        self.stored.entries.0.get(rel)
    }

    /// Takes a file's entry out of the cache (for a caller that found it fresh).
    pub fn take(&mut self, rel: &str) -> Option<E> {
        self.stored.entries.0.remove(rel)
    }

    /// How many entries the cache holds.
    pub fn len(&self) -> usize {
        self.stored.entries.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.stored.entries.0.is_empty()
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
mod tests;
