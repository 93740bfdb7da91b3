//! Progress updates a step asks for while it runs (`updates: 1w`): when the
//! next one is due, and the expected date the latest one reported.

use chrono_tz::Tz;

use super::arith::apply;
use super::due::Calendars;
use super::point::Point;
use super::schedule::{StepLine, StepState};
use crate::model::duration::{Duration, Unit};
use crate::model::order::{Order, Progress};

/// Why a step's `updates` cannot serve as a cadence, if it cannot: one term
/// of days, weeks, months or working days (an hourly report is not a
/// progress update, and a sum has no recurrence a calendar can repeat).
pub fn cadence_problem(cadence: &Duration) -> Option<String> {
    match cadence.terms.as_slice() {
        [term] if term.count == 0 => Some("an update every 0 days is never due".into()),
        [term] if matches!(term.unit, Unit::Minutes | Unit::Hours | Unit::WorkingHours) => Some(
            format!("`{cadence}`: updates are counted in d, w, mo or wd, not hours or minutes"),
        ),
        [_] => None,
        _ => Some(format!(
            "`{cadence}`: updates repeat at one interval (e.g. 1w, 1d or 1wd), not a sum"
        )),
    }
}

/// The next progress update of an open, ready step that asks for them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UpdateDue {
    /// When it is due.
    pub due: Point,
    /// The last update on the step, or `None` when there was none since the
    /// step became ready.
    pub last: Option<Point>,
    /// What the interval counts from: the last update, or when the step
    /// became ready.
    pub since: Point,
}

/// When the next update on `line` is due; `None` when the step asks for none,
/// is not ready (done, skipped or still waiting), or its calendar cannot
/// count the interval (which `validate` reports as an expiring calendar).
pub fn next_update(order: &Order, line: &StepLine<'_>, calendars: &Calendars) -> Option<UpdateDue> {
    let cadence = line.step.updates.as_ref()?;
    if line.state != StepState::Ready || cadence_problem(cadence).is_some() {
        return None;
    }
    let tz = calendars.tz;
    let ready = line
        .step
        .requires
        .iter()
        .filter_map(|id| order.steps.get(id)?.done.as_ref())
        .map(|done| Point::from_moment(done, tz))
        .max_by_key(|p| p.start(tz))
        .unwrap_or_else(|| Point::from_moment(&order.received.0, tz));
    let last = latest(order, &line.step.id, tz).map(|p| Point::from_moment(&p.at.0, tz));
    let since = match last {
        Some(at) if at.start(tz) >= ready.start(tz) => at,
        _ => ready,
    };
    let calendar = calendars
        .get(line.step.due.as_ref().and_then(|d| d.calendar.as_deref()))
        .ok()?;
    let due = apply(since, cadence, true, calendar).ok()?;
    Some(UpdateDue { due, last, since })
}

/// The latest update on a step (the last written, among equal times).
pub fn latest<'o>(order: &'o Order, step: &str, tz: Tz) -> Option<&'o Progress> {
    latest_where(order, step, tz, |_| true)
}

/// The latest update on a step that gives an expected date.
pub fn latest_expected<'o>(order: &'o Order, step: &str, tz: Tz) -> Option<&'o Progress> {
    latest_where(order, step, tz, |p| p.expect.is_some())
}

fn latest_where<'o>(
    order: &'o Order,
    step: &str,
    tz: Tz,
    keep: impl Fn(&Progress) -> bool,
) -> Option<&'o Progress> {
    order
        .progress
        .iter()
        .enumerate()
        .filter(|(_, p)| p.step.as_deref() == Some(step) && keep(p))
        .max_by(|(i, a), (j, b)| a.at.0.cmp_in(&b.at.0, tz).then(i.cmp(j)))
        .map(|(_, p)| p)
}
