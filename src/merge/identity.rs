//! What identifies a record in each list of a ledger file, so that the same
//! record changed on two sides is merged and two new records are both kept;
//! and the time that orders records, so new ones go in time order.

use super::tree::{Canon, Node};

/// How the items of one list are told apart.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ListRule {
    /// The fields that identify an item; none: the whole item.
    keys: &'static [&'static str],
    /// The field that orders items in time.
    time: Option<&'static str>,
}

/// An item's identity in its list.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Id {
    Fields(Vec<Option<Canon>>),
    Whole(Canon),
}

/// The rule of the list at `path` (the keys from the document's root).
pub(crate) fn rule_for(path: &[String]) -> ListRule {
    let path: Vec<&str> = path.iter().map(String::as_str).collect();
    let (keys, time): (&'static [&'static str], Option<&'static str>) = match path.as_slice() {
        ["lines"] => (&["sku"], None),
        ["payments"] => (&["installment", "received"], Some("received")),
        ["amendments"] => (&["at"], Some("at")),
        ["incidents"] => (&["opened"], Some("opened")),
        ["holds"] => (&["from"], Some("from")),
        ["documents"] => (&["kind", "received"], Some("received")),
        ["progress"] => (&["at"], Some("at")),
        ["contract", "payment_terms"] | ["payment_terms"] => (&["name"], None),
        ["contacts"] => (&["name"], None),
        _ => (&[], None),
    };
    ListRule { keys, time }
}

impl ListRule {
    pub(crate) fn id(&self, item: &Node) -> Id {
        if self.keys.is_empty() {
            return Id::Whole(item.canon());
        }
        Id::Fields(self.keys.iter().map(|k| field(item, k)).collect())
    }

    /// The item's time, as written (ISO dates and times order as text when
    /// written alike, which the ledger's commands do).
    pub(crate) fn time(&self, item: &Node) -> Option<String> {
        match field(item, self.time?)? {
            Canon::Scalar(text, _) => Some(text),
            _ => None,
        }
    }
}

fn field(item: &Node, key: &str) -> Option<Canon> {
    let Node::Map { entries, .. } = item else {
        return None;
    };
    entries
        .iter()
        .find(|e| e.key.as_deref() == Some(key))
        .map(|e| e.value.canon())
}
