//! The git blob id of each order file that git holds as it is in the working
//! tree: what keys a cache entry across clones. A fresh clone gives every file
//! a new inode and modification time, so the stat identity of the clone that
//! made the cache never matches; the blob id does, and git decides (from its
//! index, racily clean entries included) which files still are their blob.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::process::Command;

use crate::ledger::files::OrderFile;

/// A blob id: SHA-1 in its first 20 bytes, or SHA-256.
pub type Blob = [u8; 32];

/// The blob id of each of `files` (relative to `root`) that git's index holds
/// and the working tree has unchanged; `None` for the others, and for all
/// outside git. Two git processes, whatever the ledger's size.
pub fn clean_blobs(root: &Path, files: &[OrderFile]) -> Vec<Option<Blob>> {
    let none = || vec![None; files.len()];
    let git = |args: &[&str]| {
        Command::new("git")
            .arg("-C")
            .arg(root)
            .args(args)
            // The ledger's own repository, whatever the caller's environment says.
            .env_remove("GIT_DIR")
            .env_remove("GIT_WORK_TREE")
            .env_remove("GIT_INDEX_FILE")
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| o.stdout)
    };
    let Some(staged) = git(&["ls-files", "--stage", "-z", "--", "."]) else {
        return none();
    };
    // Files whose working tree differs from the index, as git compares them.
    let Some(changed) = git(&["diff-files", "--name-only", "--relative", "-z", "--", "."]) else {
        return none();
    };
    let changed: HashSet<&[u8]> = changed.split(|b| *b == 0).collect();
    let mut blobs: HashMap<&[u8], Blob> = HashMap::new();
    for record in staged.split(|b| *b == 0).filter(|r| !r.is_empty()) {
        // "<mode> <id> <stage>\t<path>"
        let Some(tab) = record.iter().position(|b| *b == b'\t') else {
            continue;
        };
        let (meta, path) = (&record[..tab], &record[tab + 1..]);
        let mut fields = meta.split(|b| *b == b' ');
        let (Some(_mode), Some(id), Some(b"0")) = (fields.next(), fields.next(), fields.next())
        else {
            continue; // a conflicted entry has no one blob
        };
        if let Some(blob) = decode(id)
            && !changed.contains(path)
        {
            blobs.insert(path, blob);
        }
    }
    files
        .iter()
        .map(|file| {
            let rel = file.rel.to_str()?.replace('\\', "/");
            blobs.get(rel.as_bytes()).copied()
        })
        .collect()
}

fn decode(hex: &[u8]) -> Option<Blob> {
    if hex.len() != 40 && hex.len() != 64 {
        return None;
    }
    let mut blob = [0u8; 32];
    for (i, pair) in hex.chunks(2).enumerate() {
        let text = std::str::from_utf8(pair).ok()?;
        blob[i] = u8::from_str_radix(text, 16).ok()?;
    }
    Some(blob)
}
