//! An order's text under another id: `id` changed, the old one appended to
//! `former_ids`, and a `uid` given to an order written before uids, so that
//! what follows the order (merges, `history`, lookups) still finds it.

use yaml_serde::Value;

use super::patch::{EditError, append_to_list, set_top_level};
use crate::merge::tree::{Node, parse};

/// The text with `new` as its id and `old` under `former_ids`.
pub fn renumbered(text: &str, old: &str, new: &str) -> Result<String, EditError> {
    let text = set_top_level(text, "id", Value::String(new.to_owned()))?;
    let text = append_to_list(&text, "former_ids", Value::String(old.to_owned()))?;
    let field = |key: &str| top_level(&text, key);
    match field("uid") {
        Some(_) => Ok(text),
        None => {
            let uid = crate::ledger::ids::derived_uid(
                old,
                &field("customer").unwrap_or_default(),
                &field("received").unwrap_or_default(),
            );
            with_uid(&text, &uid)
        }
    }
}

/// A top-level scalar of the text.
fn top_level(text: &str, key: &str) -> Option<String> {
    let Some(Node::Map { entries, .. }) = parse(text) else {
        return None;
    };
    entries.into_iter().find_map(|e| match (e.key, e.value) {
        (Some(k), Node::Scalar { value, .. }) if k == key => Some(value),
        _ => None,
    })
}

/// The text with `uid: UID` on the line after its `id`.
fn with_uid(text: &str, uid: &str) -> Result<String, EditError> {
    let Some(Node::Map { entries, .. }) = parse(text) else {
        return Err(EditError("the order is not a mapping".into()));
    };
    let id = entries
        .iter()
        .find(|e| e.key.as_deref() == Some("id"))
        .ok_or_else(|| EditError("the order has no id".into()))?;
    let at = id.lines.end;
    let newline = if text[..at].ends_with("\r\n") {
        "\r\n"
    } else {
        "\n"
    };
    let sep = if text[..at].ends_with('\n') {
        ""
    } else {
        newline
    };
    Ok(format!(
        "{}{sep}uid: {uid}{newline}{}",
        &text[..at],
        &text[at..]
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_order_without_a_uid_gets_one_when_it_moves() {
        let text = "id: A-1  # the id\ncustomer: C\n";
        let moved = renumbered(text, "A-1", "A-2").expect("renumbered");
        assert!(moved.starts_with("id: A-2  # the id\nuid: "), "{moved}");
        assert!(moved.contains("former_ids:\n  - A-1\n"), "{moved}");
        let again = renumbered(&moved, "A-2", "A-3").expect("again");
        assert_eq!(again.matches("uid:").count(), 1, "{again}");
        // Two clones that renumber it give it one uid.
        let elsewhere = renumbered(text, "A-1", "A-7").expect("renumbered");
        let uid = |t: &str| t.lines().find(|l| l.starts_with("uid:")).map(str::to_owned);
        assert_eq!(uid(&moved), uid(&elsewhere));
    }
}
