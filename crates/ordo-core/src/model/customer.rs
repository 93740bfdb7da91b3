//! `customers/<CODE>.yaml`: who orders, their credit limit and default terms.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::amount::Amount;
use super::due::DueRule;

/// A customer.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[schemars(title = "ordo customer (customers/<CODE>.yaml)")]
pub struct Customer {
    /// The customer's code: equals the file stem, and appears in order ids.
    #[schemars(example = &"ABC", pattern(r"^[A-Z0-9][A-Z0-9_]*$"))]
    pub code: String,
    /// The customer's name.
    #[schemars(example = &"ABC Trading Co.")]
    pub name: String,
    /// Open exposure allowed, in the ledger's currency; absent means no limit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credit_limit: Option<Amount>,
    /// The currency the customer is billed in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(example = &"CNY", pattern(super::pattern::CURRENCY_PATTERN))]
    pub currency: Option<String>,
    /// Default payment terms copied into new orders.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub payment_terms: Vec<PaymentTerm>,
    /// People to talk to.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contacts: Vec<Contact>,
    /// Where the customer is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// Documents kept on the customer rather than on one order: a new
    /// customer's qualification documents (business licence, the contact's
    /// identity). A step that `needs` a kind is satisfied by a document of it on
    /// the order or on its customer.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub documents: Vec<super::order::Document>,
}

/// One installment of the payment terms.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[schemars(
    title = "Payment installment",
    example = serde_json::json!({"name": "deposit", "percent": 30, "due": {"after": "contract.signed", "offset": "7d"}})
)]
pub struct PaymentTerm {
    /// The installment's name, used by payments and `due: {payment: ...}`.
    pub name: String,
    /// The share of the order total; the installments add up to 100.
    #[schemars(range(max = 100))]
    pub percent: Amount,
    /// When the installment falls due.
    pub due: DueRule,
}

/// The installment a due rule's `payment: NAME` names among `terms`: the one
/// of that name, else, for `first` and `last`, the first or last one (so a
/// workflow's "down payment" and "final payment" steps fall due with whatever
/// each order calls its installments).
pub fn installment_index(terms: &[PaymentTerm], name: &str) -> Option<usize> {
    installment_position(terms, |t| &t.name, name)
}

/// The same among any list of installments, each named by `name_of`.
pub fn installment_position<T>(
    items: &[T],
    name_of: impl Fn(&T) -> &str,
    name: &str,
) -> Option<usize> {
    items
        .iter()
        .position(|t| name_of(t) == name)
        .or_else(|| match name {
            "first" if !items.is_empty() => Some(0),
            "last" => items.len().checked_sub(1),
            _ => None,
        })
}

/// A contact person at the customer.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct Contact {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(email)]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
}
