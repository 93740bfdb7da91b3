//! The service-level policies of `ordo.yaml`: what is measured, from where to
//! where, on which clock, against which target.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::due::Anchor;
use super::duration::Duration;
use super::enums::Priority;
use super::workflow::When;

/// A service-level policy.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[schemars(
    title = "SLA policy",
    example = serde_json::json!({
        "id": "processing", "title": "Order processed", "start": "received", "stop": "review",
        "clock": "working", "target": {"normal": "24h", "special": "12h", "urgent": "2h"}
    })
)]
pub struct SlaPolicy {
    /// The policy's id, unique in the ledger.
    pub id: String,
    /// What the policy promises.
    pub title: super::Title,
    /// Where the clock starts: an anchor (section 3.2). Ignored with `per: incident`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<Anchor>,
    /// Where the clock stops: a step id (its done) or any anchor; for `per:
    /// incident`, `responded` (the first answer) or `resolved` (the default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stop: Option<Anchor>,
    /// `incident`: measure each incident (of the kinds `when: {kind: …}`
    /// names) from `opened` to `resolved`, or to `responded`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per: Option<SlaUnit>,
    /// Working hours of the calendar, or elapsed calendar time.
    pub clock: Clock,
    /// The working calendar of a working clock; `default` otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub calendar: Option<String>,
    /// The target: one duration, or one per priority.
    pub target: SlaTarget,
    /// The policy applies only to matching orders.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<When>,
}

/// What an SLA measures besides whole orders.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum SlaUnit {
    Incident,
}

/// How an SLA clock counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Clock {
    /// Only the working hours of the calendar.
    Working,
    /// Elapsed time.
    Calendar,
}

/// An SLA target for every order, or per priority.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum SlaTarget {
    All(Duration),
    ByPriority(PriorityTargets),
}

/// Targets per priority; a priority left out is not measured.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct PriorityTargets {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub normal: Option<Duration>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub special: Option<Duration>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub urgent: Option<Duration>,
}

impl SlaTarget {
    pub fn for_priority(&self, priority: Priority) -> Option<&Duration> {
        match self {
            SlaTarget::All(d) => Some(d),
            SlaTarget::ByPriority(p) => match priority {
                Priority::Normal => p.normal.as_ref(),
                Priority::Special => p.special.as_ref(),
                Priority::Urgent => p.urgent.as_ref(),
            },
        }
    }

    pub fn durations(&self) -> Vec<&Duration> {
        Priority::ALL
            .iter()
            .filter_map(|p| self.for_priority(*p))
            .collect()
    }
}
