//! A cache restored from elsewhere may make a run faster, never change its
//! answer (issue 24, item 7): with `ORDO_CACHE_KEY` set, a cache someone else
//! wrote (another branch sharing CI's cache) cannot make an invalid order
//! validate. Before, the checksum was a keyed hash with a fixed, public key:
//! anyone could recompute it.

use std::hash::Hasher;
use std::path::Path;

use crate::support::{Ledger, git, run_with_env};

const ORDER: &str = "orders/2026/202611-ACME-001.yaml";

fn blob_id(dir: &Path, text: &str) -> Vec<u8> {
    let file = dir.join(".forged-blob");
    std::fs::write(&file, text).expect("write");
    let hex = git(dir, &["hash-object", ".forged-blob"]);
    std::fs::remove_file(file).expect("remove");
    (0..20)
        .map(|i| u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).expect("hex"))
        .collect()
}

/// The cache file with `from`'s blob id made `to`'s, its header made again
/// by every public rule an attacker knows (this build's unkeyed one, and the
/// fixed-key checksum of earlier builds).
fn forge(cache: &[u8], from: &[u8], to: &[u8]) -> Vec<u8> {
    let at = cache
        .windows(from.len())
        .position(|w| w == from)
        .expect("the cache records the blob id");
    let mut bytes = cache.to_vec();
    bytes[at..at + to.len()].copy_from_slice(to);
    if bytes.starts_with(b"ordo\x00cch") {
        // Earlier builds: 8 bytes of magic, std's SipHash with zero keys.
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        hasher.write(&bytes[16..]);
        bytes[8..16].copy_from_slice(&hasher.finish().to_le_bytes());
        return bytes;
    }
    // This build: without the key, the best an attacker can do is the
    // unkeyed header.
    let payload = bytes[40..].to_vec();
    let mut out = b"ordo\x00cc2".to_vec();
    out.extend_from_slice(blake3::hash(&payload).as_bytes());
    out.extend_from_slice(&payload);
    out
}

#[test]
fn a_forged_cache_never_hides_an_invalid_order_when_ci_has_a_key() {
    let key = [(
        "ORDO_CACHE_KEY",
        "a secret only the default branch's jobs see",
    )];
    // The default branch, where an invalid order was committed.
    let ledger = Ledger::base();
    let root = ledger.path();
    let valid = std::fs::read_to_string(root.join(ORDER)).expect("read");
    let invalid = valid.replace("owner: ann", "owner: nobody");
    std::fs::write(root.join(ORDER), &invalid).expect("write");
    git(root, &["init", "--quiet", "--initial-branch", "main"]);
    git(root, &["add", "-A"]);
    git(
        root,
        &[
            "-c",
            "user.email=a@b",
            "-c",
            "user.name=a",
            "commit",
            "--quiet",
            "-m",
            "orders",
        ],
    );
    // Elsewhere (another branch's job), a cache made from the valid text.
    let other = Ledger::base();
    git(
        other.path(),
        &["init", "--quiet", "--initial-branch", "main"],
    );
    git(other.path(), &["add", "-A"]);
    git(
        other.path(),
        &[
            "-c",
            "user.email=a@b",
            "-c",
            "user.name=a",
            "commit",
            "--quiet",
            "-m",
            "orders",
        ],
    );
    let run = run_with_env(other.path(), &["validate"], &key);
    assert_eq!(run.code, 0, "{}", run.transcript());
    let cache = std::fs::read_dir(other.path().join(".ordo"))
        .expect(".ordo")
        .flatten()
        .find(|e| e.file_name().to_string_lossy().starts_with("cache-"))
        .expect("a cache file");
    let bytes = std::fs::read(cache.path()).expect("read");
    // Claimed for the invalid text: "checked, nothing found".
    let forged = forge(&bytes, &blob_id(root, &valid), &blob_id(root, &invalid));
    std::fs::create_dir_all(root.join(".ordo")).expect("mkdir");
    std::fs::write(root.join(".ordo").join(cache.file_name()), forged).expect("write");
    let run = run_with_env(root, &["validate"], &key);
    assert_eq!(
        run.code,
        1,
        "the forged entry was trusted:\n{}",
        run.transcript()
    );
    assert!(
        run.stdout.contains("error[unknown-person]"),
        "{}",
        run.stdout
    );
    // The cache this run wrote under the key serves the next run.
    let again = run_with_env(root, &["validate"], &key);
    assert_eq!(again.code, 1, "{}", again.transcript());
}
