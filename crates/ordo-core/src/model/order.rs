//! `orders/<YYYY>/<ID>.yaml`: one customer order and the record of its steps
//!. Status and stage are derived, never stored.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::amount::Amount;
use super::customer::PaymentTerm;
use super::duration::Duration;
use super::enums::{Channel, Impact, IncidentKind, Kind, Priority, Resolution, State};
use super::moment::{Moment, Timestamp};

pub use super::pattern::ID_PATTERN;
use super::pattern::{self, CURRENCY_PATTERN};

/// A customer order.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[schemars(title = "ordo order (orders/<YYYY>/<ID>.yaml)")]
pub struct Order {
    /// The order id: equals the file stem.
    #[schemars(example = &"202605-ABC-001", pattern(ID_PATTERN))]
    #[serde(deserialize_with = "pattern::order_id")]
    pub id: String,
    /// What the order is, whatever its id: written once by `ordo new` and
    /// never changed, so a merge, `history` and a lookup follow the order
    /// across a renumbering, and tell two orders that took one id apart.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "pattern::order_uid"
    )]
    #[schemars(example = &"01k9q3m7x2c4v8b6n1d5f0g7h2", pattern(ID_PATTERN))]
    pub uid: Option<String>,
    /// Ids the order had before: a merge or `ordo renumber` gave it a new one
    /// (two clones had taken the same id for two orders).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(example = serde_json::json!(["202611-ABC-008"]))]
    pub former_ids: Vec<String>,
    /// The customer's code (a file in customers/).
    #[schemars(example = &"ABC")]
    pub customer: String,
    /// The salesperson responsible (a key of `people`).
    #[schemars(example = &"alice")]
    pub owner: String,
    /// When the order came in; the folder year is this date's year.
    pub received: Timestamp,
    /// How the order came in.
    pub channel: Channel,
    /// How fast it must be processed.
    #[serde(default = "default_priority")]
    pub priority: Priority,
    /// Standard product, or custom (needs a design review).
    #[serde(default = "default_kind")]
    pub kind: Kind,
    /// The workflow; the ledger's `default_workflow` when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub workflow: Option<String>,
    /// The delivery date the customer asked for.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "pattern::date"
    )]
    pub requested_delivery: Option<NaiveDate>,
    /// The order's currency.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "pattern::currency"
    )]
    #[schemars(example = &"CNY", pattern(CURRENCY_PATTERN))]
    pub currency: Option<String>,
    /// Where the goods go.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ship_to: Option<ShipTo>,
    /// The confirmation sent to the customer, and their reply.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confirmation: Option<Confirmation>,
    /// What was ordered.
    #[serde(default)]
    pub lines: Vec<Line>,
    /// The sales contract: signing date, production time and payment terms.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contract: Option<Contract>,
    /// Free named dates that due rules may refer to as `dates.<name>`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    #[schemars(example = serde_json::json!({"pdca_sent": "2026-05-12"}))]
    pub dates: BTreeMap<String, Moment>,
    /// The record of the workflow's steps, by step id.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub steps: BTreeMap<String, StepRecord>,
    /// Payments received.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub payments: Vec<Payment>,
    /// Changes the customer asked for after the order was taken.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub amendments: Vec<Amendment>,
    /// Problems after shipping: delays, damage, complaints.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub incidents: Vec<Incident>,
    /// Documents collected for the order (order form, PO, artwork, specs, …).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub documents: Vec<Document>,
    /// Progress reported while work runs (production status, shipment tracking).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub progress: Vec<Progress>,
    /// How the goods travel.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shipment: Option<Shipment>,
    /// Periods the order waited on the customer; SLA clocks pause during them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub holds: Vec<Hold>,
    /// An override of the derived status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<State>,
    /// Why the order is on hold or cancelled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state_reason: Option<String>,
}

fn default_priority() -> Priority {
    Priority::Normal
}

fn default_kind() -> Kind {
    Kind::Regular
}

/// The delivery address.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct ShipTo {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<String>,
}

/// The order confirmation.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
pub struct Confirmation {
    /// When the confirmation went to the customer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sent: Option<Moment>,
    /// How it was sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub via: Option<Channel>,
    /// The customer's written (signed or stamped) confirmation.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "pattern::date"
    )]
    pub signed: Option<NaiveDate>,
}

/// One order line.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[schemars(example = serde_json::json!({"sku": "A-01", "description": "Product A", "qty": 100, "unit": "pcs", "unit_price": 50.00}))]
pub struct Line {
    pub sku: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    pub qty: Amount,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    pub unit_price: Amount,
}

/// The sales contract.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
pub struct Contract {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    /// The day the contract was signed.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "pattern::date"
    )]
    pub signed: Option<NaiveDate>,
    /// Production time, counted from the customer's packaging confirmation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub production_time: Option<Duration>,
    /// The installments; their percentages add up to 100.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub payment_terms: Vec<PaymentTerm>,
}

/// What happened to one step of the workflow.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[schemars(example = serde_json::json!({"planned": "2026-05-07", "done": "2026-05-07", "by": "carol"}))]
pub struct StepRecord {
    /// The baseline estimate, frozen once written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub planned: Option<Moment>,
    /// When the step happened.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub done: Option<Moment>,
    /// Why the step does not happen for this order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub skipped: Option<String>,
    /// Who did or skipped the step.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The step was done before its gate held, on someone's word: who, when
    /// and why (`ordo advance --override --reason`).
    #[serde(default, rename = "override", skip_serializing_if = "Option::is_none")]
    pub overridden: Option<Override>,
}

/// A gate set aside for one step.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[schemars(example = serde_json::json!({"by": "dora", "at": "2026-05-30T10:00:00+08:00", "reason": "a customer of ten years; the balance follows"}))]
pub struct Override {
    /// Who decided (a person of ordo.yaml).
    pub by: String,
    /// When.
    pub at: Timestamp,
    /// Why the step could not wait.
    pub reason: String,
}

/// A payment received.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[schemars(example = serde_json::json!({"installment": "deposit", "amount": 1500.00, "received": "2026-05-14"}))]
pub struct Payment {
    /// The installment of the payment terms it pays.
    pub installment: String,
    pub amount: Amount,
    pub received: Moment,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A document received for the order (订单资料).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[schemars(
    title = "Document (订单资料)",
    example = serde_json::json!({
        "kind": "artwork", "ref": "documents/202606-BJX-003/artwork-v2.pdf",
        "received": "2026-06-18", "by": "bob"
    }),
    example = serde_json::json!({
        "kind": "po", "ref": "https://files.example.com/po/BJX-4471.pdf",
        "received": "2026-06-15T10:00", "by": "bob", "note": "客户采购单 PO 4471"
    })
)]
pub struct Document {
    /// Its kind, as `documents` in ordo.yaml declares it.
    pub kind: String,
    /// Where it is: a path in the ledger's repository (from the ledger's
    /// folder) or an address (`https://…`).
    #[serde(rename = "ref")]
    pub reference: String,
    pub received: Moment,
    /// Who logged it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A progress update (进度更新): how the work of a step stands, while it runs.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[schemars(
    title = "Progress update (进度更新)",
    example = serde_json::json!({
        "at": "2026-08-14T17:00", "by": "erin", "step": "ORD-08",
        "status": "生产中: 600 of 1000 sets printed", "expect": "2026-08-28"
    }),
    example = serde_json::json!({
        "at": "2026-09-02T09:30", "by": "frank", "step": "ORD-15",
        "status": "in transit: cleared customs at Hamburg"
    })
)]
pub struct Progress {
    pub at: Timestamp,
    /// Who reported it.
    pub by: String,
    /// The step it reports on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub step: Option<String>,
    /// How it stands, in the reporter's words (e.g. 生产中, 已入库, in transit).
    pub status: String,
    /// When the step is now expected to be done (预计完成). The latest update
    /// that gives one stands in for the open step's date in the due dates of
    /// the steps after it, with basis `forecast (reported)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expect: Option<Moment>,
}

/// A change to the order after it was taken.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct Amendment {
    pub at: Timestamp,
    /// Who took the change.
    pub by: String,
    /// How the customer asked for it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<Channel>,
    pub summary: String,
    pub impact: Impact,
    /// When the change was confirmed again with the customer.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "pattern::date"
    )]
    pub reconfirmed: Option<NaiveDate>,
    /// Steps whose baseline this amendment re-planned.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rebaseline: Vec<String>,
    /// The new review a structural change needs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review: Option<Review>,
}

/// The review of a structural amendment.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct Review {
    pub done: Moment,
    pub by: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A problem with the order.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct Incident {
    pub kind: IncidentKind,
    pub opened: Timestamp,
    pub summary: String,
    /// Its cause, as found (SOP 004's 物流异常记录表: the weather, a wrong address).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cause: Option<String>,
    /// When the customer was first answered (SLA policies may stop here).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub responded: Option<Moment>,
    /// What the customer was told (同步客户最新情况).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_update: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolution: Option<Resolution>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolved: Option<Moment>,
}

/// Carrier and tracking number.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct Shipment {
    pub carrier: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tracking: Option<String>,
    /// When the carrier expects to deliver (预计送达时间, told to the customer).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub eta: Option<Moment>,
}

/// A period the order waited on the customer.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct Hold {
    pub from: Moment,
    /// Absent while the hold lasts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<Moment>,
    pub reason: String,
}
