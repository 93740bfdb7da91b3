//! An order's derived status and stage, and which steps apply to it.

use super::config::{Config, Step, When, Workflow};
use super::enums::{KindFilter, State};
use super::order::Order;

/// An order's status, derived from its steps and its `state` override.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum Status {
    Open,
    OnHold,
    /// Every step is done or skipped, and money is still owed.
    AwaitingPayment,
    Done,
    Cancelled,
}

impl Status {
    pub const ALL: &'static [Status] = &[
        Status::Open,
        Status::OnHold,
        Status::AwaitingPayment,
        Status::Done,
        Status::Cancelled,
    ];

    /// Whether something is still to happen on the order (a step, or money
    /// to come): it has an agenda, a page, calendar events and exposure.
    pub fn is_live(self) -> bool {
        matches!(
            self,
            Status::Open | Status::OnHold | Status::AwaitingPayment
        )
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Open => "open",
            Status::OnHold => "on-hold",
            Status::AwaitingPayment => "awaiting-payment",
            Status::Done => "done",
            Status::Cancelled => "cancelled",
        }
    }
}

/// Whether an order matches a `when` condition (every given entry must match).
pub fn matches(when: &When, order: &Order, workflow: &str) -> bool {
    when.kind.as_ref().is_none_or(|v| {
        // An incident's kind filters incidents (SLA), not orders.
        let orders: Vec<_> = v
            .values()
            .iter()
            .filter_map(|k| match k {
                KindFilter::Order(kind) => Some(*kind),
                KindFilter::Incident(_) => None,
            })
            .collect();
        orders.is_empty() || orders.contains(&order.kind)
    })
        && when
            .priority
            .as_ref()
            .is_none_or(|v| v.contains(&order.priority))
        && when
            .channel
            .as_ref()
            .is_none_or(|v| v.contains(&order.channel))
        && when
            .customer
            .as_ref()
            .is_none_or(|v| v.contains(&order.customer))
        && when.owner.as_ref().is_none_or(|v| v.contains(&order.owner))
        && when
            .workflow
            .as_ref()
            .is_none_or(|v| v.values().iter().any(|w| w == workflow))
        && when
            .requested_delivery
            .as_ref()
            .is_none_or(|b| order.requested_delivery.is_some_and(|d| b.hold(d)))
        && when
            .received
            .as_ref()
            .is_none_or(|b| b.hold(order.received.0.date_part()))
        // Summed only for a rule that asks; a total too large to compute
        // matches nothing (`validate` reports it).
        && when
            .total
            .as_ref()
            .is_none_or(|b| super::money::total(order).is_ok_and(|t| b.hold(t)))
}

/// Whether a step applies to an order: its `when` matches, and an optional step
/// is recorded in the order.
pub fn applies(step: &Step, order: &Order, workflow: &str) -> bool {
    step.when
        .as_ref()
        .is_none_or(|w| matches(w, order, workflow))
        && (!step.optional || order.steps.contains_key(&step.id))
}

/// Whether the order's record closes the step (done or skipped).
pub fn is_closed(order: &Order, step: &str) -> bool {
    order
        .steps
        .get(step)
        .is_some_and(|r| r.done.is_some() || r.skipped.is_some())
}

/// Whether the order has something dated still to happen (a step, a
/// follow-up after its close, or money owed), found without computing a due
/// date; `false` when its workflow is unknown.
pub fn is_open(config: &Config, order: &Order) -> bool {
    config
        .workflow_of(order.workflow.as_deref())
        .is_some_and(
            |(name, workflow)| match status(config, order, name, workflow).0 {
                Status::Open | Status::AwaitingPayment => true,
                Status::Done => follow_up_open(order, name, workflow),
                Status::OnHold | Status::Cancelled => false,
            },
        )
}

/// Whether the workflow's closing step is done: the order is closed.
pub fn is_closed_by_close(order: &Order, workflow: &Workflow) -> bool {
    workflow
        .close
        .as_deref()
        .is_some_and(|close| is_closed(order, close))
}

/// Whether a closed order still has a follow-up open (a step after its close).
fn follow_up_open(order: &Order, name: &str, workflow: &Workflow) -> bool {
    is_closed_by_close(order, workflow)
        && workflow
            .steps
            .iter()
            .any(|s| applies(s, order, name) && !is_closed(order, &s.id))
}

/// Whether an installment of the order's terms is still unpaid. A total too
/// large to compute is not counted here (`validate` reports it).
pub fn money_owed(config: &Config, order: &Order) -> bool {
    let decimals = config.decimals_of(order.currency.as_deref());
    super::money::allocate(order, decimals).is_ok_and(|a| {
        a.installments
            .iter()
            .any(|i| i.outstanding > rust_decimal::Decimal::ZERO)
    })
}

/// The order's status and, while open or on hold, its stage: the earliest
/// applicable step still open. An order whose steps are all closed (or whose
/// closing step is, the rest being follow-ups) while an installment is unpaid
/// is awaiting payment, not done.
pub fn status<'w>(
    config: &Config,
    order: &Order,
    name: &str,
    workflow: &'w Workflow,
) -> (Status, Option<&'w Step>) {
    let stage = workflow
        .steps
        .iter()
        .find(|s| applies(s, order, name) && !is_closed(order, &s.id))
        .filter(|_| !is_closed_by_close(order, workflow));
    let status = match order.state {
        Some(State::Cancelled) => Status::Cancelled,
        Some(State::OnHold) => Status::OnHold,
        None if stage.is_none() && money_owed(config, order) => Status::AwaitingPayment,
        None if stage.is_none() => Status::Done,
        None => Status::Open,
    };
    (status, stage.filter(|_| status != Status::Cancelled))
}
