//! The workflows of `ordo.yaml`: their steps, with role, requirements, due
//! rule and the conditions under which a step applies.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::due::DueRule;
use super::duration::Duration;
use super::enums::{Channel, Kind, OneOrMany, Priority};

/// A workflow: the ordered steps an order goes through.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[schemars(title = "Workflow")]
pub struct Workflow {
    /// What the workflow is for.
    pub title: super::Title,
    /// The step that records delivery to the customer, for the on-time delivery
    /// rate of `ordo monthly` (compared with `requested_delivery`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delivery_step: Option<String>,
    /// The step that records the order's review (completeness, credit, stock and
    /// lead time), shown as the result, reviewer and date of the review form.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review_step: Option<String>,
    /// The steps, in order.
    pub steps: Vec<Step>,
}

/// A milestone of an order.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[schemars(
    title = "Step",
    example = serde_json::json!({
        "id": "ORD-08", "title": "Production completed", "role": "purchasing",
        "requires": ["ORD-04"], "due": {"after": "ORD-04", "offset": "contract.production_time"},
        "notify": ["purchasing-manager", "sales-manager"], "remind": "1wd"
    })
)]
pub struct Step {
    /// The step's id, unique in its workflow; orders record steps under it.
    #[schemars(pattern(r"^[A-Za-z0-9][A-Za-z0-9_-]*$"))]
    pub id: String,
    /// What has happened when the step is done.
    pub title: super::Title,
    /// The role whose people may mark the step done.
    pub role: String,
    /// Steps that must be done or skipped first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub requires: Vec<String>,
    /// When the step falls due.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<DueRule>,
    /// Roles or people invited to the step's calendar event.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notify: Vec<String>,
    /// How long before the due date to remind.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remind: Option<Duration>,
    /// The step applies only to orders matching every entry.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<When>,
    /// The step applies only to orders that record it (e.g. a credit approval,
    /// which the `credit-limit` check asks for when an order goes over the limit).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub optional: bool,
}

/// A condition on order fields; every entry given must match.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(title = "Condition", example = serde_json::json!({"kind": "custom"}))]
pub struct When {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<OneOrMany<Kind>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority: Option<OneOrMany<Priority>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<OneOrMany<Channel>>,
    /// Customer codes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer: Option<OneOrMany<String>>,
    /// Owners (people keys).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<OneOrMany<String>>,
    /// Workflow names.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub workflow: Option<OneOrMany<String>>,
}
