//! An order's agenda: its open steps, the progress updates they ask for and
//! its unpaid installments with their due dates, which is all `overdue` and `upcoming` read of an order. It does not
//! depend on "now", so it is kept per file in a cache and a run over a ledger
//! where nothing changed reads no order.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::tracked_by_step;
use crate::engine::due::{Basis, Calendars, DueEngine};
use crate::engine::point::Point;
use crate::engine::schedule::Schedule;
use crate::engine::updates::next_update;
use crate::model::Config;
use crate::model::config::Step;
use crate::model::enums::Priority;
use crate::model::order::Order;
use crate::model::status::is_open;

/// What is still to happen on an order, with dates.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Agenda {
    pub order: String,
    pub customer: String,
    pub owner: String,
    pub priority: Priority,
    /// The order's workflow, where its steps' titles and roles are looked up.
    pub workflow: String,
    /// Never empty, unless `approval` is there.
    pub items: Vec<Item>,
    /// The credit approval, when the order has not recorded it and its step
    /// has a due date: it joins `items` only for an order whose customer's
    /// exposure asks for it, which the order alone cannot tell (see
    /// [`Agenda::with_approvals`]).
    #[serde(default)]
    pub approval: Option<Item>,
}

/// A dated open step or unpaid installment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Item {
    pub what: What,
    pub due: Point,
    pub basis: Basis,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum What {
    Step(String),
    /// The next progress update an open step asks for (`updates`).
    Update {
        step: String,
        /// The last update on the step; `None` when none came since it
        /// became ready.
        last: Option<Point>,
    },
    /// An installment no open step tracks (a step due `{payment: NAME}` stands
    /// for its installment).
    Payment {
        name: String,
        percent: String,
        #[serde(with = "rust_decimal::serde::str")]
        outstanding: Decimal,
        /// The decimals of the order's currency.
        decimals: u32,
    },
}

impl Agenda {
    /// The agenda of an order; `None` when it has nothing dated to do: not open,
    /// nothing open with a date, or a workflow that is unknown (which `validate`
    /// reports). Most orders of an old ledger are done, and keep no entry.
    pub fn of(config: &Config, calendars: &Calendars, order: &Order) -> Option<Agenda> {
        // Only open orders have an agenda: the status is cheap, a schedule is not.
        if !is_open(config, order) {
            return None;
        }
        let schedule = Schedule::of(config, calendars, order)?;
        Agenda::from_schedule(config, calendars, order, &schedule)
    }

    /// The agenda of an open order from its schedule, made once by a caller
    /// that needs it for more than the agenda.
    pub fn from_schedule(
        config: &Config,
        calendars: &Calendars,
        order: &Order,
        schedule: &Schedule<'_>,
    ) -> Option<Agenda> {
        let mut agenda = Agenda {
            order: order.id.clone(),
            customer: order.customer.clone(),
            owner: order.owner.clone(),
            priority: order.priority,
            workflow: schedule.workflow_name.to_owned(),
            items: Vec::new(),
            approval: approval_item(config, calendars, order, schedule),
        };
        for line in schedule.steps.iter().filter(|l| l.state.is_open()) {
            if let Ok(due) = &line.due
                && let Some(point) = due.point
            {
                agenda.items.push(Item {
                    what: What::Step(line.step.id.clone()),
                    due: point,
                    basis: due.basis.clone(),
                });
            }
            if let Some(update) = next_update(order, line, calendars) {
                agenda.items.push(Item {
                    what: What::Update {
                        step: line.step.id.clone(),
                        last: update.last,
                    },
                    due: update.due,
                    basis: Basis::Firm,
                });
            }
        }
        for installment in &schedule.installments {
            if installment.outstanding.is_zero()
                || tracked_by_step(schedule, &installment.term.name)
            {
                continue;
            }
            if let Ok(due) = &installment.due
                && let Some(point) = due.point
            {
                agenda.items.push(Item {
                    what: What::Payment {
                        name: installment.term.name.clone(),
                        percent: installment.term.percent.to_string(),
                        outstanding: installment.outstanding,
                        decimals: config.decimals_of(order.currency.as_deref()),
                    },
                    due: point,
                    basis: due.basis.clone(),
                });
            }
        }
        Some(agenda).filter(|a| !a.items.is_empty() || a.approval.is_some())
    }

    /// The agendas with the credit approval of each order `awaiting` names
    /// on them, and without it elsewhere; an agenda left with nothing is
    /// dropped.
    pub fn with_approvals(agendas: Vec<Agenda>, awaiting: impl Fn(&str) -> bool) -> Vec<Agenda> {
        agendas
            .into_iter()
            .filter_map(|mut agenda| {
                if let Some(item) = agenda.approval.take()
                    && awaiting(&agenda.order)
                {
                    agenda.items.push(item);
                }
                Some(agenda).filter(|a| !a.items.is_empty())
            })
            .collect()
    }

    /// Whether an agenda waits on the credit approval of its customer's
    /// exposure (see [`Agenda::with_approvals`]).
    pub fn asks_approval(agendas: &[Agenda]) -> bool {
        agendas.iter().any(|a| a.approval.is_some())
    }

    /// The configured step an item stands for.
    pub fn step<'c>(&self, config: &'c Config, id: &str) -> Option<&'c Step> {
        let (_, workflow) = config.workflow_of(Some(&self.workflow))?;
        workflow.steps.iter().find(|s| s.id == id)
    }
}

/// The credit approval step's item, for an open order that has not recorded
/// the step (an optional step applies only once recorded) and whose workflow
/// gives it a due date.
fn approval_item(
    config: &Config,
    calendars: &Calendars,
    order: &Order,
    schedule: &Schedule<'_>,
) -> Option<Item> {
    let id = &config.credit.as_ref()?.approval_step;
    if order.steps.contains_key(id) || schedule.status != crate::model::status::Status::Open {
        return None;
    }
    let (name, workflow) = config.workflow_of(order.workflow.as_deref())?;
    let step = workflow.steps.iter().find(|s| &s.id == id)?;
    step.due.as_ref()?;
    let due = DueEngine::new(order, name, workflow, calendars)
        .step_due(id)
        .ok()?;
    Some(Item {
        what: What::Step(id.clone()),
        due: due.point?,
        basis: due.basis,
    })
}

#[cfg(test)]
#[path = "agenda_tests.rs"]
mod tests;
