//! One pass over order files through a cache: stat each file, take what the
//! cache holds for the version on disk, read and make the rest, and keep what
//! was made for the next run. `validate` caches each file's findings and the
//! reports each file's agenda; both pass through here.

use rayon::prelude::*;

use super::cache::git_blobs::clean_blobs;
use super::cache::{Cache, Identity, Kept, clock_ns};
use super::files::OrderFile;

/// What a pass made of one file. A warm run makes one of these per file, all
/// `Cached`: what was read is boxed so that they take a word each, not the
/// size of a whole entry (50 MB at 100,000 files).
pub enum Made<P, E> {
    /// The cache's entry holds for the file as it is: take it with
    /// [`Pass::take`] (moved out, never cloned).
    Cached,
    /// Made from a read of the file.
    Read(Box<Fresh<P, E>>),
}

/// What a read of one file made: `entry` goes to the cache when the file had
/// an identity.
pub struct Fresh<P, E> {
    pub part: P,
    pub entry: Option<E>,
}

/// A pass's cache, with what it made, until it is saved.
pub struct Pass<E> {
    cache: Cache<E>,
    fresh: bool,
}

/// What the maker of an entry gets: the file's identity before it was read
/// (`None` when it was not stat'ed) and when the pass began reading.
#[derive(Clone, Copy)]
pub struct Reading {
    pub identity: Option<Identity>,
    pub read_ns: i64,
}

/// Makes something of every file in parallel, from the cache of `root` where
/// it holds at `now` (Unix seconds), else with `make`. Without `use_cache`
/// every file is made and nothing is kept.
pub fn run<E, P>(
    root: &std::path::Path,
    fingerprint: u64,
    files: &[OrderFile],
    now: i64,
    use_cache: bool,
    make: impl Fn(&OrderFile, Reading) -> (P, Option<E>) + Sync,
) -> (Vec<Made<P, E>>, Pass<E>)
where
    E: Kept,
    P: Send,
{
    // Taken before any file is stat'ed or read (see `Identity::racy`).
    let read_ns = clock_ns();
    let (mut cache, mut identities): (Cache<E>, _) = if use_cache {
        Cache::load_with_identities(root, fingerprint, files)
    } else {
        (Cache::default(), vec![None; files.len()])
    };
    let hit = |i: usize, identity: &Option<Identity>| {
        identity.is_some_and(|id| cache.get(i, id, now).is_some())
    };
    // Git is asked only when the stamps miss (a fresh clone, a changed file):
    // its blob ids find another clone's entries, and go into the new ones.
    let (blobs, before) = if use_cache && !identities.iter().enumerate().all(|(i, id)| hit(i, id)) {
        // The stamps before git looks, to tell that a file read later is
        // still the version git saw: each file's identity when it was
        // stat'ed, else (no cache yet) a stat of every file now.
        let before = if identities.iter().all(Option::is_none) {
            super::cache::identities(root, files)
        } else {
            Vec::new()
        };
        let blobs = clean_blobs(root, files);
        for (identity, blob) in identities.iter_mut().zip(&blobs) {
            if let Some(identity) = identity {
                identity.blob = *blob;
            }
        }
        (blobs, before)
    } else {
        (Vec::new(), Vec::new())
    };
    // An entry found by its blob (another clone's, a restored cache's) takes
    // this copy's stamps, and the cache is written again: later runs find it
    // by its stamps, as fast as in the clone that made it, without git.
    let mut restamped = false;
    if !blobs.is_empty() {
        for (i, identity) in identities.iter().enumerate() {
            if let Some(identity) = identity {
                restamped |= cache.restamp(i, *identity, now, read_ns);
            }
        }
    }
    let hit = |i: usize, identity: &Option<Identity>| {
        identity.is_some_and(|id| cache.get(i, id, now).is_some())
    };
    let made: Vec<Made<P, E>> = files
        .par_iter()
        .zip(identities)
        .enumerate()
        .map(|(i, (file, identity))| {
            if hit(i, &identity) {
                return Made::Cached;
            }
            let (part, mut entry) = make(file, Reading { identity, read_ns });
            // Only for a file whose stamps at the read are those from before
            // git looked: the version read is the one git saw. Without a
            // stat before the read (no cache yet), the entry holds the read's
            // own stamps; otherwise the file is stat'ed again.
            let seen = identity.or_else(|| before.get(i).copied().flatten());
            if let (Some(entry), Some(blob), Some(seen)) = (&mut entry, blobs.get(i), seen) {
                let at_read = match identity {
                    None => Some(entry.identity()),
                    Some(_) => Identity::of(&root.join(&file.rel)),
                };
                if at_read.is_some_and(|at| at.same_stamps(&seen)) {
                    entry.identity_mut().blob = *blob;
                }
            }
            Made::Read(Box::new(Fresh { part, entry }))
        })
        .collect();
    let fresh = use_cache
        && (restamped
            || made
                .iter()
                .any(|m| matches!(m, Made::Read(fresh) if fresh.entry.is_some()))
            || cache.stored() != made.len());
    (made, Pass { cache, fresh })
}

impl<E: Kept> Pass<E> {
    /// Writes the cache when anything was read, or files went away; the
    /// entries are those made now and those the cache still holds.
    pub fn save<P>(
        &self,
        root: &std::path::Path,
        fingerprint: u64,
        files: &[OrderFile],
        made: &[Made<P, E>],
    ) -> std::io::Result<()> {
        if !self.fresh {
            return Ok(());
        }
        let entries = files
            .iter()
            .zip(made)
            .enumerate()
            .filter_map(|(i, (file, m))| {
                let key = file.rel.to_str()?;
                match m {
                    Made::Cached => self.cache.entry(i).map(|e| (key, e)),
                    Made::Read(fresh) => fresh.entry.as_ref().map(|e| (key, e)),
                }
            });
        Cache::save(root, fingerprint, entries)
    }

    /// The cached entry of the `i`th file, which the pass found
    /// [`Made::Cached`].
    pub fn entry(&self, i: usize) -> Option<&E> {
        self.cache.entry(i)
    }

    /// The same, moved out of the cache (after it was saved).
    pub fn take(&mut self, i: usize) -> Option<E> {
        self.cache.take(i)
    }
}
