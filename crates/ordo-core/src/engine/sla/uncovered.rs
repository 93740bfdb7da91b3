//! Working clocks that need a year their calendar does not list, found from
//! the recorded dates alone: `validate` names them, `sla` marks them not
//! computable.

use super::anchor_value;
use crate::engine::calendar::CalendarError;
use crate::engine::due::Calendars;
use crate::model::Moment;
use crate::model::config::{Clock, Config, SlaPolicy, SlaUnit};
use crate::model::order::Order;
use crate::model::status::matches;

/// A working clock that needs a year its calendar does not list: which policy,
/// which incident (for `per: incident`), which end (the start, else the stop),
/// and the error. Found from the recorded dates alone, without measuring.
#[derive(Debug, Clone)]
pub struct Uncovered<'c> {
    pub policy: &'c SlaPolicy,
    pub incident: Option<usize>,
    pub at_start: bool,
    pub error: CalendarError,
}

/// The working clocks of an order that cannot be computed on their calendar.
pub fn uncovered<'c>(
    config: &'c Config,
    calendars: &Calendars,
    order: &Order,
) -> Vec<Uncovered<'c>> {
    let mut out = Vec::new();
    let Some((workflow, _)) = config.workflow_of(order.workflow.as_deref()) else {
        return out;
    };
    if order.state == Some(crate::model::enums::State::Cancelled) {
        return out;
    }
    for policy in config.sla.iter().filter(|p| p.clock == Clock::Working) {
        if policy
            .when
            .as_ref()
            .is_some_and(|w| !matches(w, order, workflow))
            || policy.target.for_priority(order.priority).is_none()
        {
            continue;
        }
        let Ok(calendar) = calendars.get(policy.calendar.as_deref()) else {
            continue;
        };
        let spans: Vec<(Option<usize>, Option<Moment>, Option<Moment>)> = match policy.per {
            Some(SlaUnit::Incident) => super::incidents::spans(policy, order)
                .into_iter()
                .map(|(i, start, stop)| (Some(i), start, stop))
                .collect(),
            None => match (&policy.start, &policy.stop) {
                (Some(start), Some(stop)) => {
                    vec![(None, anchor_value(order, start), anchor_value(order, stop))]
                }
                _ => Vec::new(),
            },
        };
        for (incident, start, stop) in spans {
            let Some(start) = start else { continue };
            let first = start.local_date(calendar.tz);
            let last = stop.map_or(first, |s| s.local_date(calendar.tz)).max(first);
            if let Err(error) = calendar.covers(first, first) {
                out.push(Uncovered {
                    policy,
                    incident,
                    at_start: true,
                    error,
                });
            } else if let Err(error) = calendar.covers(first, last) {
                out.push(Uncovered {
                    policy,
                    incident,
                    at_start: false,
                    error,
                });
            }
        }
    }
    out
}
