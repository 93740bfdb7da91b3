//! Which order ids are taken, and the next free one: an id is taken when a
//! file in the working tree has it, when a file on any branch git knows has
//! it (a teammate's pushed orders, once fetched), and when an order lists it
//! among its `former_ids` (an id that moved away is never issued again, or a
//! lookup by it would find two orders).

use std::collections::BTreeSet;
use std::path::Path;

use ordo_core::model::id_format::IdFormat;

/// Every id taken in the year `year` (and every id in the working tree); an
/// error when git cannot tell which ids its branches hold.
pub fn taken(root: &Path, year: i32) -> Result<BTreeSet<String>, crate::git::GitError> {
    let mut taken: BTreeSet<String> = super::files::order_files(root)
        .into_iter()
        .map(|f| f.stem)
        .collect();
    taken.extend(super::git_ids::ids_in_git(root, year)?);
    taken.extend(former_ids(root, year));
    Ok(taken)
}

/// The next id after every taken one of this customer and month.
pub fn next(
    format: &IdFormat,
    taken: &BTreeSet<String>,
    year: i32,
    month: u32,
    customer: &str,
) -> (String, u32) {
    let seq = taken
        .iter()
        .filter_map(|id| format.read(id))
        .filter(|p| {
            p.year.is_none_or(|y| y == year)
                && p.month.is_none_or(|m| m == month)
                && p.customer.as_deref().is_none_or(|c| c == customer)
        })
        .filter_map(|p| p.seq)
        .max()
        .unwrap_or(0)
        + 1;
    (format.render(year, month, customer, seq), seq)
}

/// The ids the orders of `orders/<year>/` had before (their `former_ids`).
/// Only files that mention the key are parsed; a renumbered order stays in
/// its folder, so the one folder is enough.
pub fn former_ids(root: &Path, year: i32) -> BTreeSet<String> {
    let mut ids = BTreeSet::new();
    let Ok(entries) = std::fs::read_dir(root.join("orders").join(year.to_string())) else {
        return ids;
    };
    for entry in entries.flatten() {
        let Ok(text) = std::fs::read_to_string(entry.path()) else {
            continue;
        };
        if text.contains("former_ids") {
            ids.extend(listed_former_ids(&text));
        }
    }
    ids
}

/// The `former_ids` an order's text lists.
pub fn listed_former_ids(text: &str) -> Vec<String> {
    use crate::merge::tree::{Node, parse};
    let Some(Node::Map { entries, .. }) = parse(text) else {
        return Vec::new();
    };
    entries
        .into_iter()
        .find(|e| e.key.as_deref() == Some("former_ids"))
        .map(|e| match e.value {
            Node::Seq { items, .. } => items
                .into_iter()
                .filter_map(|i| match i.value {
                    Node::Scalar { value, .. } => Some(value),
                    _ => None,
                })
                .collect(),
            Node::Scalar { value, .. } => vec![value],
            Node::Map { .. } => Vec::new(),
        })
        .unwrap_or_default()
}

/// A new order uid: 128 bits from the system's randomness, as 26 letters and
/// digits (Crockford's base 32, lower case), so two clones never make one.
pub fn new_uid() -> Result<String, String> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(|e| format!("no randomness for a uid: {e}"))?;
    Ok(base32(u128::from_be_bytes(bytes)))
}

/// The uid of an order written before uids, when it first needs one: made
/// from what told it apart until then (its first id, customer and time of
/// receipt), so two clones that renumber it each give it the same uid and
/// the two files are known as one order.
pub fn derived_uid(id: &str, customer: &str, received: &str) -> String {
    let mut hasher = blake3::Hasher::new_derive_key("ordo 2026 order uid of an order without one");
    for part in [id, customer, received] {
        hasher.update(&(part.len() as u64).to_le_bytes());
        hasher.update(part.as_bytes());
    }
    let digest = hasher.finalize();
    let mut first = [0u8; 16];
    first.copy_from_slice(&digest.as_bytes()[..16]);
    base32(u128::from_be_bytes(first))
}

fn base32(mut n: u128) -> String {
    const DIGITS: &[u8; 32] = b"0123456789abcdefghjkmnpqrstvwxyz";
    let mut out = [0u8; 26];
    for place in out.iter_mut().rev() {
        *place = DIGITS[(n & 31) as usize];
        n >>= 5;
    }
    out.iter().map(|&b| b as char).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uids_are_26_letters_and_digits_and_differ() {
        let a = new_uid().expect("uid");
        let b = new_uid().expect("uid");
        assert_eq!(a.len(), 26);
        assert!(
            a.bytes()
                .all(|c| c.is_ascii_digit() || c.is_ascii_lowercase())
        );
        assert_ne!(a, b);
        assert_eq!(base32(0), "0".repeat(26));
        assert_eq!(base32(u128::MAX).len(), 26);
        let derived = derived_uid("A-1", "C", "2026-11-19T10:00");
        assert_eq!(derived, derived_uid("A-1", "C", "2026-11-19T10:00"));
        assert_ne!(derived, derived_uid("A-1", "C", "2026-11-19T10:01"));
        assert_eq!(derived.len(), 26);
    }

    #[test]
    fn former_ids_are_read_in_block_and_flow_style() {
        let block = "id: A-9\ncustomer: C\nformer_ids:\n  - A-1\n  - A-2\n";
        assert_eq!(listed_former_ids(block), ["A-1", "A-2"]);
        assert_eq!(listed_former_ids("id: A-9\nformer_ids: [A-1]\n"), ["A-1"]);
        assert!(listed_former_ids("id: A-9\n").is_empty());
    }
}
