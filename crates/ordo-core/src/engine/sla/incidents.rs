//! What a policy `per: incident` measures: each incident of the kinds its
//! `when: {kind: …}` names (all when it names none), from `opened` to
//! `responded` (`stop: responded`, the first answer; an incident resolved
//! without one was answered by then at the latest) or to `resolved` (the
//! default).

use crate::model::Moment;
use crate::model::config::SlaPolicy;
use crate::model::due::Anchor;
use crate::model::enums::KindFilter;
use crate::model::order::{Incident, Order};

/// Where an incident's clock stops.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IncidentStop {
    Responded,
    Resolved,
}

impl IncidentStop {
    /// The stop a policy names: `responded`, `resolved` or none (resolved);
    /// `None` for any other anchor (a configuration error).
    pub fn of(policy: &SlaPolicy) -> Option<IncidentStop> {
        match &policy.stop {
            None => Some(IncidentStop::Resolved),
            Some(Anchor::Step(name)) if name == "resolved" => Some(IncidentStop::Resolved),
            Some(Anchor::Step(name)) if name == "responded" => Some(IncidentStop::Responded),
            Some(_) => None,
        }
    }

    fn of_incident(self, incident: &Incident) -> Option<Moment> {
        match self {
            // Resolved without a first answer recorded: answered by then at
            // the latest (an old record, before `responded` was kept).
            IncidentStop::Responded => incident.responded.or(incident.resolved),
            IncidentStop::Resolved => incident.resolved,
        }
    }
}

/// Whether the policy counts incidents of this kind.
fn counts(policy: &SlaPolicy, incident: &Incident) -> bool {
    let kinds: Vec<_> = policy
        .when
        .iter()
        .flat_map(|w| w.kind.iter().flat_map(|k| k.values()))
        .filter_map(|k| match k {
            KindFilter::Incident(kind) => Some(*kind),
            KindFilter::Order(_) => None,
        })
        .collect();
    kinds.is_empty() || kinds.contains(&incident.kind)
}

/// Each incident the policy measures: its index, start and stop.
pub fn spans(policy: &SlaPolicy, order: &Order) -> Vec<(usize, Option<Moment>, Option<Moment>)> {
    let Some(stop) = IncidentStop::of(policy) else {
        return Vec::new();
    };
    order
        .incidents
        .iter()
        .enumerate()
        .filter(|(_, incident)| counts(policy, incident))
        .map(|(i, incident)| (i, Some(incident.opened.0), stop.of_incident(incident)))
        .collect()
}
