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
use ordo_core::checks::identity::OrderKey;
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
    /// Takes on another copy's stamps: the same version (git's blob id says
    /// so) in another clone, seen as of `read_ns`.
    fn restamp(&mut self, identity: Identity, read_ns: i64);
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
    /// Shared with the run that made it (one copy per order, not two).
    pub exposure: Option<std::sync::Arc<Exposure>>,
    /// The order's documents that name a path, with the finding for a missing
    /// file: whether the file is there is asked on every run.
    pub references: Vec<(String, Finding)>,
    /// What tells the order apart whatever its id; boxed like the exposure.
    pub key: Option<Box<OrderKey>>,
}

impl Kept for Entry {
    const FILE: &'static str = ".ordo/cache-v12.postcard";
    const FORMAT: u32 = 12;

    fn identity(&self) -> Identity {
        self.identity
    }

    fn identity_mut(&mut self) -> &mut Identity {
        &mut self.identity
    }

    fn read_ns(&self) -> i64 {
        self.read_ns
    }

    fn restamp(&mut self, identity: Identity, read_ns: i64) {
        self.identity = identity;
        self.read_ns = read_ns;
    }

    fn holds(&self, now: i64) -> bool {
        self.window.holds(now)
    }
}

/// The cache file's contents after its header: written as one struct, read
/// field by field (see [`Cache::load`]).
#[derive(Debug, Serialize)]
struct Stored<M> {
    format: u32,
    fingerprint: u64,
    /// The entries, keyed by the path relative to the root, as text.
    entries: M,
}

/// The entries as written: a map from each file's path to its entry, in the
/// order of the files (no map is built only to be written).
struct Listed<'e, E>(Vec<(&'e str, &'e E)>);

impl<E: Serialize> Serialize for Listed<'_, E> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter().map(|(path, entry)| (path, entry)))
    }
}

/// A cache as loaded for one run: the stored entry of each order file, in
/// the order of the files it was loaded for. Entries are put in place as they
/// are decoded, so no map of 100,000 paths is made, and a file's entry is
/// found by its place, not by hashing its path again.
#[derive(Debug)]
pub struct Cache<E> {
    entries: Vec<Option<E>>,
    /// How many entries the cache file held, files gone since included.
    stored: usize,
}

impl<E> Default for Cache<E> {
    /// No entries at all.
    fn default() -> Self {
        Cache {
            entries: Vec::new(),
            stored: 0,
        }
    }
}

impl<E> Cache<E> {
    /// No entry for any of `len` files.
    fn empty(len: usize) -> Cache<E> {
        Cache {
            entries: std::iter::repeat_with(|| None).take(len).collect(),
            stored: 0,
        }
    }
}

/// Decodes the stored map into the places of the files it names; entries of
/// files no longer listed are counted and dropped.
struct Aligned<'p, E> {
    places: &'p HashMap<&'p str, usize>,
    len: usize,
    entry: std::marker::PhantomData<E>,
}

impl<'de, E: Deserialize<'de>> serde::de::DeserializeSeed<'de> for Aligned<'_, E> {
    type Value = Cache<E>;

    fn deserialize<D: serde::Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Cache<E>, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de, E: Deserialize<'de>> serde::de::Visitor<'de> for Aligned<'_, E> {
    type Value = Cache<E>;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a map of cache entries")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Cache<E>, A::Error> {
        let mut cache = Cache::empty(self.len);
        while let Some(key) = map.next_key::<&str>()? {
            let entry: E = map.next_value()?;
            cache.stored += 1;
            if let Some(&i) = self.places.get(key) {
                cache.entries[i] = Some(entry);
            }
        }
        Ok(cache)
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
                || Cache::load(root, fingerprint, files),
                || identities(root, files),
            )
        } else {
            (Cache::default(), vec![None; files.len()])
        }
    }

    /// The cache of `root` for `files`; a missing, corrupt, old or foreign
    /// one holds nothing.
    pub fn load(root: &Path, fingerprint: u64, files: &[OrderFile]) -> Cache<E> {
        Some(root)
            .filter(|root| state_folder_is_real(root))
            .and_then(|root| read_verified(&root.join(E::FILE)))
            .and_then(|bytes| Cache::decode(&bytes[HEADER..], fingerprint, files))
            .unwrap_or_default()
    }

    /// The header is read first: a cache of another format or fingerprint is
    /// dropped before its entries are decoded.
    fn decode(payload: &[u8], fingerprint: u64, files: &[OrderFile]) -> Option<Cache<E>> {
        use serde::de::DeserializeSeed;
        let mut input = postcard::Deserializer::from_bytes(payload);
        let format = u32::deserialize(&mut input).ok()?;
        let stamp = u64::deserialize(&mut input).ok()?;
        if format != E::FORMAT || stamp != fingerprint {
            return None;
        }
        let places: HashMap<&str, usize> = files
            .iter()
            .enumerate()
            .filter_map(|(i, file)| Some((file.rel.to_str()?, i)))
            .collect();
        Aligned {
            places: &places,
            len: files.len(),
            entry: std::marker::PhantomData,
        }
        .deserialize(&mut input)
        .ok()
    }

    /// The entry of the `i`th file, if it still describes the file at `now`.
    pub fn get(&self, i: usize, identity: Identity, now: i64) -> Option<&E> {
        let entry = self.entry(i)?;
        (identity.same_version(&entry.identity(), entry.read_ns()) && entry.holds(now))
            .then_some(entry)
    }

    /// The `i`th file's entry when it holds for the version git's blob id
    /// names although its stamps are another copy's (a fresh clone's, a
    /// restored cache's): restamped with `identity`, seen as of `read_ns`, so
    /// the next run finds it by its stamps without asking git. Whether it was.
    pub fn restamp(&mut self, i: usize, identity: Identity, now: i64, read_ns: i64) -> bool {
        let Some(entry) = self.entries.get_mut(i).and_then(Option::as_mut) else {
            return false;
        };
        let stored = entry.identity();
        let found_by_blob = identity.blob.is_some()
            && identity.same_version(&stored, entry.read_ns())
            && entry.holds(now);
        if !found_by_blob || identity.same_stamps(&stored) {
            return false;
        }
        entry.restamp(identity, read_ns);
        true
    }

    /// The stored entry of the `i`th file, fresh or not.
    pub fn entry(&self, i: usize) -> Option<&E> {
        self.entries.get(i)?.as_ref()
    }

    /// Takes the `i`th file's entry out (for a caller that found it fresh).
    pub fn take(&mut self, i: usize) -> Option<E> {
        self.entries.get_mut(i)?.take()
    }

    /// How many entries the cache file held, including those of files gone.
    pub fn stored(&self) -> usize {
        self.stored
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
        use std::io::{Seek, Write};
        let stored = Stored {
            format: E::FORMAT,
            fingerprint,
            entries: Listed(entries.into_iter().collect()),
        };
        let dir = state_dir(root)?;
        let mut temp = tempfile::Builder::new()
            .prefix(".cache-")
            .tempfile_in(&dir)?;
        // The entries are written as they are encoded, hashed on the way, and
        // the header (which holds the hash) last: encoded whole first, a cache
        // of 100,000 orders was the largest thing a run held.
        let (magic, hasher) = match secret() {
            Some(key) => (*KEYED, blake3::Hasher::new_keyed(key)),
            None => (*PLAIN, blake3::Hasher::new()),
        };
        let file = temp.as_file_mut();
        file.write_all(&[0; HEADER])?;
        let hashing = Hashing {
            inner: &mut *file,
            hasher,
        };
        let writer = std::io::BufWriter::with_capacity(1 << 16, hashing);
        let writer = postcard::to_io(&stored, writer).map_err(std::io::Error::other)?;
        let hashing = writer.into_inner().map_err(|e| e.into_error())?;
        let tag = hashing.hasher.finalize();
        file.seek(std::io::SeekFrom::Start(0))?;
        file.write_all(&magic)?;
        file.write_all(tag.as_bytes())?;
        // The rename replaces a link at the cache's name, never follows it.
        temp.persist(root.join(E::FILE)).map_err(|e| e.error)?;
        Ok(())
    }
}

/// Says on stderr that the cache was not written (the next run is slower,
/// nothing else).
pub fn warn_not_written(problem: &str) {
    use std::io::Write;
    let _ = writeln!(
        std::io::stderr(),
        "ordo: warning: the cache under .ordo/ was not written: {problem}"
    );
}

/// A writer that hashes what goes through it.
struct Hashing<W> {
    inner: W,
    hasher: blake3::Hasher,
}

impl<W: std::io::Write> std::io::Write for Hashing<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hasher.update(&buf[..n]);
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// What a cache file starts with: checked only for damage, or authenticated
/// with the secret `ORDO_CACHE_KEY` names.
const PLAIN: &[u8; 8] = b"ordo\x00cc2";
const KEYED: &[u8; 8] = b"ordo\x00ck2";

/// The magic and the tag (a BLAKE3 hash of the entries, keyed or not).
const HEADER: usize = 8 + 32;

/// The key entries are authenticated with, when CI provides a secret in
/// `ORDO_CACHE_KEY` (read once here, where the cache is read and written: it
/// changes nothing but which cache files are trusted). Without one, a cache
/// file is only checked for damage, and whoever can write it can change what
/// a run reports (docs/ci says how the recipes keep such a cache apart).
fn secret() -> Option<&'static [u8; 32]> {
    static SECRET: std::sync::OnceLock<Option<[u8; 32]>> = std::sync::OnceLock::new();
    SECRET
        .get_or_init(|| {
            let key = std::env::var_os("ORDO_CACHE_KEY").filter(|k| !k.is_empty())?;
            Some(blake3::derive_key(
                "ordo 2026 cache entries authenticated for CI",
                key.as_encoded_bytes(),
            ))
        })
        .as_ref()
}

/// The header for `payload`: under the key when there is one.
fn header(payload: &[u8]) -> ([u8; 8], blake3::Hash) {
    match secret() {
        Some(key) => (*KEYED, blake3::keyed_hash(key, payload)),
        None => (*PLAIN, blake3::hash(payload)),
    }
}

/// A cache file whose header verifies (its entries start at [`HEADER`]);
/// `None` for a missing, foreign, damaged or linked file, and, when a key is
/// set, for one not made under it, which are rebuilt.
fn read_verified(path: &Path) -> Option<Vec<u8>> {
    use std::io::Read;
    let mut bytes = Vec::new();
    open_state_file(path)?.read_to_end(&mut bytes).ok()?;
    let (magic, rest) = bytes.split_first_chunk::<8>()?;
    let (tag, payload) = rest.split_first_chunk::<32>()?;
    let (want_magic, want_tag) = header(payload);
    // The hash type compares in constant time.
    (*magic == want_magic && blake3::Hash::from_bytes(*tag) == want_tag).then_some(())?;
    Some(bytes)
}

#[cfg(test)]
mod tests;
