//! The git blob id of each order file that git holds as it is in the working
//! tree: what keys a cache entry across clones. A fresh clone gives every file
//! a new inode and modification time, so the stat identity of the clone that
//! made the cache never matches; the blob id does, and git decides (from its
//! index, racily clean entries included) which files still are their blob.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::io::BufRead;
use std::path::Path;

use crate::git::Git;
use crate::ledger::files::OrderFile;

/// A blob id: SHA-1 in its first 20 bytes, or SHA-256.
pub type Blob = [u8; 32];

/// The blob id of each of `files` (relative to `root`) that git's index holds
/// and the working tree has unchanged; `None` for the others, and for all
/// outside git. Two git processes, whatever the ledger's size; the index's
/// listing (9 MB at 100,000 files) is read as it comes, never held.
pub fn clean_blobs(root: &Path, files: &[OrderFile]) -> Vec<Option<Blob>> {
    let none = || vec![None; files.len()];
    // Files whose working tree differs from the index, as git compares them.
    let Ok(changed) = Git::own_repository(root)
        .args(["diff-files", "--name-only", "--relative", "-z", "--", "."])
        .bytes()
    else {
        return none();
    };
    let changed: HashSet<&[u8]> = changed.split(|b| *b == 0).collect();
    let wanted: HashMap<Cow<'_, str>, usize> = files
        .iter()
        .enumerate()
        .filter_map(|(i, file)| Some((git_path(&file.rel)?, i)))
        .collect();
    let Ok(mut child) = Git::own_repository(root)
        .args(["ls-files", "--stage", "-z", "--", "."])
        .stream(Vec::new())
    else {
        return none();
    };
    let Some(stdout) = child.stdout() else {
        return none();
    };
    let mut blobs = none();
    let mut listing = std::io::BufReader::with_capacity(1 << 16, stdout);
    let mut record = Vec::new();
    loop {
        record.clear();
        match listing.read_until(0, &mut record) {
            Ok(0) => break,
            Ok(_) => {}
            // Dropping the stream stops git.
            Err(_) => return none(),
        }
        let record = record.strip_suffix(&[0]).unwrap_or(&record);
        if let Some((path, blob)) = staged(record)
            && !changed.contains(path)
            && let Ok(path) = std::str::from_utf8(path)
            && let Some(&i) = wanted.get(path)
        {
            blobs[i] = Some(blob);
        }
    }
    drop(listing);
    match child.finish() {
        Ok(()) => blobs,
        Err(_) => none(),
    }
}

/// A path as git lists it: `/` between folders.
fn git_path(rel: &Path) -> Option<Cow<'_, str>> {
    let text = rel.to_str()?;
    Some(if cfg!(windows) && text.contains('\\') {
        Cow::Owned(text.replace('\\', "/"))
    } else {
        Cow::Borrowed(text)
    })
}

/// The path and blob of one `ls-files --stage` record ("<mode> <id>
/// <stage>\t<path>"); a conflicted entry (stage 1-3) has no one blob.
fn staged(record: &[u8]) -> Option<(&[u8], Blob)> {
    let tab = record.iter().position(|b| *b == b'\t')?;
    let (meta, path) = (&record[..tab], &record[tab + 1..]);
    let mut fields = meta.split(|b| *b == b' ');
    let (Some(_mode), Some(id), Some(b"0")) = (fields.next(), fields.next(), fields.next()) else {
        return None;
    };
    Some((path, decode(id)?))
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
