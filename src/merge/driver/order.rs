//! What an order file is, for the merge driver: its id, and what makes it
//! that order whatever its id (its `uid`; for an order written before uids,
//! its customer and the time it was received).

use super::super::tree::{self, Node};

/// An order as the driver tells orders apart.
#[derive(Debug, Clone)]
pub struct OrderIdent {
    pub id: String,
    pub uid: Option<String>,
    pub customer: String,
    pub received: String,
    pub owner: String,
}

impl OrderIdent {
    /// The order a text holds; `None` when it is not a mapping with an id.
    pub fn of(text: &str) -> Option<OrderIdent> {
        let Node::Map { entries, .. } = tree::parse(text)? else {
            return None;
        };
        let scalar = |key: &str| {
            entries.iter().find_map(|e| match (&e.key, &e.value) {
                (Some(k), Node::Scalar { value, .. }) if k == key => Some(value.clone()),
                _ => None,
            })
        };
        Some(OrderIdent {
            id: scalar("id")?,
            uid: scalar("uid"),
            customer: scalar("customer").unwrap_or_default(),
            received: scalar("received").unwrap_or_default(),
            owner: scalar("owner").unwrap_or_default(),
        })
    }

    /// Whether two texts hold the same order: the same uid, or, without one on
    /// either, the same customer and time of receipt.
    pub fn same_order(&self, other: &OrderIdent) -> bool {
        match (&self.uid, &other.uid) {
            (Some(a), Some(b)) => a == b,
            _ => self.customer == other.customer && self.received == other.received,
        }
    }

    /// Whether the two can be told apart for certain (both carry a uid).
    pub fn certain(&self, other: &OrderIdent) -> bool {
        self.uid.is_some() && other.uid.is_some()
    }

    /// How a person recognises the order.
    pub fn describe(&self) -> String {
        format!("owner {}, received {}", self.owner, self.received)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_uid_decides_and_without_one_the_customer_and_receipt_do() {
        let a = OrderIdent::of("id: X-1\nuid: aa11\ncustomer: C\nreceived: 2026-11-19T10:00\n")
            .expect("order");
        let a_renumbered =
            OrderIdent::of("id: X-2\nuid: aa11\ncustomer: C\nreceived: 2026-11-19T10:00\n")
                .expect("order");
        let b = OrderIdent::of("id: X-1\nuid: bb22\ncustomer: C\nreceived: 2026-11-19T10:00\n")
            .expect("order");
        assert!(a.same_order(&a_renumbered));
        assert!(!a.same_order(&b), "one id, two uids: two orders");
        let old =
            OrderIdent::of("id: X-1\ncustomer: C\nreceived: 2026-11-19T10:00\n").expect("old");
        let other =
            OrderIdent::of("id: X-1\ncustomer: C\nreceived: 2026-11-20T09:00\n").expect("old");
        assert!(old.same_order(&a), "a uid written later keeps the order");
        assert!(!old.same_order(&other));
        assert!(!old.certain(&a) && a.certain(&b));
    }
}
