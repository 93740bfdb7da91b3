//! SLA clocks: each policy measured on an order (or on each incident, for
//! `per: incident`): not started, running, paused, met, breached, or not
//! computable, on a working or a calendar clock. Holds pause the clock once
//! however they overlap (their union). A measurement is breached when its stop,
//! or now, comes after the deadline instant: the moment the clock reached the
//! target. A working clock outside its calendar's years is not computable: it is
//! never counted in wall time.

use chrono::{DateTime, Duration as Span, NaiveDate, Timelike};
use chrono_tz::Tz;

use super::calendar::{CalendarError, WorkCalendar};
use super::due::Calendars;
use crate::model::Moment;
use crate::model::config::{Clock, Config, SlaPolicy, SlaUnit};
use crate::model::due::Anchor;
use crate::model::duration::{Duration, Unit};
use crate::model::enums::Priority;
use crate::model::moment::Resolved;
use crate::model::order::Order;
use crate::model::status::matches;

pub mod incidents;
mod uncovered;

pub use uncovered::{Uncovered, uncovered};

/// Where a measurement stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum State {
    NotStarted,
    Running,
    Paused,
    Met,
    Breached,
    /// The working clock needs a year its calendar does not list.
    NotComputable,
}

impl State {
    pub fn as_str(self) -> &'static str {
        match self {
            State::NotStarted => "not-started",
            State::Running => "running",
            State::Paused => "paused",
            State::Met => "met",
            State::Breached => "breached",
            State::NotComputable => "not-computable",
        }
    }
}

/// One policy measured on one order (or one incident).
#[derive(Debug, Clone)]
pub struct Measurement<'c> {
    pub policy: &'c SlaPolicy,
    pub order: String,
    pub priority: Priority,
    pub incident: Option<usize>,
    pub start: Option<DateTime<Tz>>,
    pub stop: Option<DateTime<Tz>>,
    /// Time on the clock, holds taken out; `None` when not computable.
    pub elapsed: Option<Span>,
    pub target: Span,
    /// When the clock reaches the target; `None` when not computable, or while
    /// a hold that began before it lasts.
    pub deadline: Option<DateTime<Tz>>,
    pub state: State,
    /// Why a time was assumed (a bare date taken as a working-day boundary), or
    /// why the measurement cannot be computed.
    pub flags: Vec<String>,
}

impl Measurement<'_> {
    pub fn stopped(&self) -> bool {
        self.stop.is_some()
    }
}

/// Measures every policy that applies to an order, as of `now`.
pub fn measure<'c>(
    config: &'c Config,
    calendars: &Calendars,
    now: DateTime<Tz>,
    order: &Order,
) -> Vec<Measurement<'c>> {
    let mut out = Vec::new();
    let Some((workflow, _)) = config.workflow_of(order.workflow.as_deref()) else {
        return out;
    };
    if order.state == Some(crate::model::enums::State::Cancelled) {
        return out;
    }
    for policy in &config.sla {
        if policy
            .when
            .as_ref()
            .is_some_and(|w| !matches(w, order, workflow))
        {
            continue;
        }
        let Some(target) = policy.target.for_priority(order.priority) else {
            continue;
        };
        let Ok(calendar) = calendars.get(policy.calendar.as_deref()) else {
            continue;
        };
        let clock = Meter {
            policy,
            calendar,
            now,
        };
        match policy.per {
            Some(SlaUnit::Incident) => {
                for (i, start, stop) in incidents::spans(policy, order) {
                    out.push(clock.one(order, Some(i), (start, stop), target));
                }
            }
            None => {
                let (Some(start), Some(stop)) = (&policy.start, &policy.stop) else {
                    continue;
                };
                let span = (anchor_value(order, start), anchor_value(order, stop));
                out.push(clock.one(order, None, span, target));
            }
        }
    }
    out
}

/// The recorded value of an anchor, if it has happened.
pub fn anchor_value(order: &Order, anchor: &Anchor) -> Option<Moment> {
    match anchor {
        Anchor::Received => Some(order.received.0),
        Anchor::ConfirmationSent => order.confirmation.as_ref().and_then(|c| c.sent),
        Anchor::ConfirmationSigned => order
            .confirmation
            .as_ref()
            .and_then(|c| c.signed)
            .map(Moment::Date),
        Anchor::ContractSigned => order
            .contract
            .as_ref()
            .and_then(|c| c.signed)
            .map(Moment::Date),
        Anchor::RequestedDelivery => order.requested_delivery.map(Moment::Date),
        Anchor::Date(name) => order.dates.get(name).copied(),
        Anchor::Step(id) => order.steps.get(id).and_then(|r| r.done),
    }
}

/// One policy's clock on one calendar, as of `now`.
struct Meter<'c, 'k> {
    policy: &'c SlaPolicy,
    calendar: &'k WorkCalendar,
    now: DateTime<Tz>,
}

impl<'c> Meter<'c, '_> {
    fn one(
        &self,
        order: &Order,
        incident: Option<usize>,
        (start, stop): (Option<Moment>, Option<Moment>),
        target: &Duration,
    ) -> Measurement<'c> {
        let mut flags = Vec::new();
        let target = target_span(target, self.policy.clock, self.calendar);
        let mut measurement = Measurement {
            policy: self.policy,
            order: order.id.clone(),
            priority: order.priority,
            incident,
            start: None,
            stop: None,
            elapsed: Some(Span::zero()),
            target,
            deadline: None,
            state: State::NotStarted,
            flags: Vec::new(),
        };
        let Some(start) = start.map(|m| instant(m, self.calendar, true, "start", &mut flags))
        else {
            return measurement;
        };
        let stop = stop.map(|m| instant(m, self.calendar, false, "stop", &mut flags));
        let end = stop.unwrap_or(self.now).max(start);
        let holds = holds(order, self.calendar);
        measurement.start = Some(start);
        measurement.stop = stop;
        let computed = self
            .elapsed(start, end, &holds)
            .and_then(|elapsed| Ok((elapsed, self.deadline(start, target, &holds)?)));
        let (elapsed, deadline) = match computed {
            Ok(found) => found,
            Err(error) => {
                flags.push(format!("not computable: {error}"));
                measurement.elapsed = None;
                measurement.state = State::NotComputable;
                measurement.flags = flags;
                return measurement;
            }
        };
        let on_hold_now = stop.is_none()
            && holds
                .iter()
                .any(|(from, to)| *from <= self.now && to.is_none_or(|to| self.now < to));
        // No deadline yet while a hold that began before it lasts.
        let late = match (stop, deadline) {
            (_, None) => false,
            (Some(stop), Some(deadline)) => stop > deadline,
            (None, Some(deadline)) => self.now > deadline,
        };
        measurement.state = if late {
            State::Breached
        } else if stop.is_some() {
            State::Met
        } else if on_hold_now {
            State::Paused
        } else {
            State::Running
        };
        measurement.elapsed = Some(elapsed);
        measurement.deadline = deadline;
        measurement.flags = flags;
        measurement
    }

    /// Time on the clock between two instants.
    fn between(&self, a: DateTime<Tz>, b: DateTime<Tz>) -> Result<Span, CalendarError> {
        match self.policy.clock {
            Clock::Working => self.calendar.working_time_between(a, b),
            Clock::Calendar => Ok((b - a).max(Span::zero())),
        }
    }

    /// The instant `span` of clock time after `from`.
    fn after(&self, from: DateTime<Tz>, span: Span) -> Result<DateTime<Tz>, CalendarError> {
        match self.policy.clock {
            Clock::Working => self.calendar.add_working_minutes(from, span.num_minutes()),
            Clock::Calendar => Ok(from + span),
        }
    }

    /// Clock time from `start` to `end`, less the holds (each moment once).
    fn elapsed(
        &self,
        start: DateTime<Tz>,
        end: DateTime<Tz>,
        holds: &[HoldSpan],
    ) -> Result<Span, CalendarError> {
        let mut elapsed = self.between(start, end)?;
        for (from, to) in holds {
            let (a, b) = ((*from).max(start), to.unwrap_or(end).min(end));
            if b > a {
                elapsed -= self.between(a, b)?;
            }
        }
        Ok(elapsed.max(Span::zero()))
    }

    /// The instant the clock reaches `target`: clock time runs from `start`,
    /// stops through each hold and runs on after it; `None` while a hold that
    /// began before then still lasts.
    fn deadline(
        &self,
        start: DateTime<Tz>,
        target: Span,
        holds: &[HoldSpan],
    ) -> Result<Option<DateTime<Tz>>, CalendarError> {
        let mut remaining = target;
        let mut cursor = start;
        for (from, to) in holds {
            if to.is_some_and(|to| to <= cursor) {
                continue;
            }
            if *from > cursor {
                let available = self.between(cursor, *from)?;
                if available >= remaining {
                    return self.after(cursor, remaining).map(Some);
                }
                remaining -= available;
            }
            match to {
                Some(to) => cursor = cursor.max(*to),
                None => return Ok(None),
            }
        }
        self.after(cursor, remaining).map(Some)
    }
}

/// A hold as instants; `None` for the end of a hold that still lasts.
type HoldSpan = (DateTime<Tz>, Option<DateTime<Tz>>);

/// The order's holds as instants, merged where they overlap or touch, in
/// order (an open hold takes in every hold after its start).
fn holds(order: &Order, calendar: &WorkCalendar) -> Vec<HoldSpan> {
    let mut spans: Vec<HoldSpan> = order
        .holds
        .iter()
        .map(|h| {
            let from = instant(h.from, calendar, true, "hold", &mut Vec::new());
            let to =
                h.to.map(|t| instant(t, calendar, false, "hold", &mut Vec::new()).max(from));
            (from, to)
        })
        .collect();
    union(&mut spans)
}

/// Merges intervals that overlap or touch (`None`: open-ended).
pub fn union(spans: &mut [HoldSpan]) -> Vec<HoldSpan> {
    spans.sort_by_key(|(from, _)| *from);
    let mut merged: Vec<HoldSpan> = Vec::with_capacity(spans.len());
    for &(from, to) in spans.iter() {
        match merged.last_mut() {
            Some((_, None)) => {}
            Some((_, last)) if last.is_some_and(|end| from <= end) => {
                *last = to.zip(*last).map(|(to, end)| to.max(end));
            }
            _ => merged.push((from, to)),
        }
    }
    merged
}

/// An instant for a recorded moment. A bare date has no time: a start is taken
/// at the opening of that day's working hours, a stop at their close, and flagged.
fn instant(
    moment: Moment,
    calendar: &WorkCalendar,
    is_start: bool,
    what: &str,
    flags: &mut Vec<String>,
) -> DateTime<Tz> {
    if moment.has_time()
        && let Resolved::One(dt) | Resolved::Ambiguous(dt) = moment.resolve(calendar.tz)
    {
        return dt;
    }
    let day: NaiveDate = moment.date_part();
    let (open, close) = calendar.window(day);
    let at = if is_start { open } else { close };
    // Written from its fields: a format string is parsed at each call, and
    // every bare date of every order's measurements comes here.
    flags.push(format!(
        "{what} {day} is a date: taken as {:02}:{:02}",
        at.hour(),
        at.minute()
    ));
    at
}

/// The target as time on the policy's clock: on a working clock a day is a
/// working day's hours; on a calendar clock it is 24 hours.
pub fn target_span(target: &Duration, clock: Clock, calendar: &WorkCalendar) -> Span {
    let day = match clock {
        Clock::Working => calendar.close - calendar.open,
        Clock::Calendar => Span::hours(24),
    };
    let week = match clock {
        Clock::Working => day * 5,
        Clock::Calendar => Span::days(7),
    };
    target
        .terms
        .iter()
        .map(|t| {
            let n = i32::try_from(t.count).unwrap_or(i32::MAX);
            match t.unit {
                Unit::Minutes => Span::minutes(i64::from(n)),
                Unit::Hours | Unit::WorkingHours => Span::hours(i64::from(n)),
                Unit::Days | Unit::WorkingDays => day * n,
                Unit::Weeks => week * n,
                Unit::Months => Span::days(30) * n,
            }
        })
        .fold(Span::zero(), |a, b| a + b)
}
