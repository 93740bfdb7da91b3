//! The rules for recording a step: which step may be acted on, by whom, and
//! after what. `advance` and `skip` both follow them; a refusal says why in
//! words a person can act on.

use super::schedule::{Schedule, StepState};
use crate::model::config::{Config, Step, Workflow};
use crate::model::enums::State;
use crate::model::order::Order;

/// What is being recorded of a step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Act {
    Done,
    Skipped,
}

impl Act {
    fn verb(self) -> &'static str {
        match self {
            Act::Done => "done",
            Act::Skipped => "skipped",
        }
    }
}

/// Why a step cannot be recorded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    #[error("order {order} is cancelled")]
    Cancelled { order: String },
    #[error("no step of {order} is ready (status {status})")]
    NoneReady { order: String, status: String },
    #[error("several steps of {order} are ready; name the one that is {verb}:\n{}", list(.steps))]
    SeveralReady {
        order: String,
        verb: &'static str,
        steps: Vec<(String, String)>,
    },
    #[error("`{step}` is not a step of workflow {workflow} ({})", .steps.join(", "))]
    NotAStep {
        step: String,
        workflow: String,
        steps: Vec<String>,
    },
    #[error("{order} {step} is already done ({done} by {by})")]
    AlreadyDone {
        order: String,
        step: String,
        done: String,
        by: String,
    },
    #[error("{order} {step} was skipped; it cannot be {verb}")]
    WasSkipped {
        order: String,
        step: String,
        verb: &'static str,
    },
    #[error("{step} does not apply to order {order}")]
    DoesNotApply { order: String, step: String },
    #[error(
        "{person} does not hold the role `{role}` that {step} ({title}) needs; people who may: {}",
        .holders.join(", ")
    )]
    Role {
        person: String,
        role: String,
        step: String,
        title: String,
        holders: Vec<String>,
    },
    #[error(
        "{order} {step} needs {} first; record each with `ordo attach {order} KIND PATH|URL`, \
         or on the customer (documents kept for all its orders, such as its qualification) \
         with `ordo attach {customer} KIND PATH|URL`",
        .missing.join(", ")
    )]
    Documents {
        order: String,
        customer: String,
        step: String,
        missing: Vec<String>,
    },
    #[error(
        "{order} {step} ({title}) is gated, and not everything it waits for holds:\n{}\nrecord what is missing first, or do it anyway with --override --reason TEXT (recorded on the step)",
        .unmet.iter().map(|u| format!("  - {u}")).collect::<Vec<_>>().join("\n")
    )]
    Gate {
        order: String,
        step: String,
        title: String,
        unmet: Vec<super::gate::Unmet>,
    },
    #[error("{order} {step} requires {} first", .open.iter().map(|(id, title)| format!("{id} ({title})")).collect::<Vec<_>>().join(", "))]
    Requires {
        order: String,
        step: String,
        open: Vec<(String, String)>,
    },
}

/// Refuses a step done at `when` while documents it needs had not arrived.
pub fn documents_received(
    config: &Config,
    order: &Order,
    customer: Option<&crate::model::Customer>,
    step: &Step,
    when: &crate::model::moment::Moment,
    tz: chrono_tz::Tz,
) -> Result<(), Refusal> {
    let missing = crate::checks::documents::missing(
        config,
        order,
        customer,
        step,
        Some(when),
        tz,
        crate::i18n::Lang::En,
    );
    if missing.is_empty() {
        Ok(())
    } else {
        Err(Refusal::Documents {
            order: order.id.clone(),
            customer: order.customer.clone(),
            step: step.id.clone(),
            missing,
        })
    }
}

fn list(steps: &[(String, String)]) -> String {
    steps
        .iter()
        .map(|(id, title)| format!("  {id}  {title}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The step to act on: the one named, or the only ready one.
pub fn pick_step<'w>(
    workflow_name: &str,
    workflow: &'w Workflow,
    order: &Order,
    schedule: &Schedule<'_>,
    named: Option<&str>,
    act: Act,
) -> Result<&'w Step, Refusal> {
    if order.state == Some(State::Cancelled) {
        return Err(Refusal::Cancelled {
            order: order.id.clone(),
        });
    }
    let id = match named {
        Some(id) => id.to_owned(),
        None => match schedule.ready().as_slice() {
            [one] => one.step.id.clone(),
            [] => {
                return Err(Refusal::NoneReady {
                    order: order.id.clone(),
                    status: schedule.status.as_str().to_owned(),
                });
            }
            several => {
                return Err(Refusal::SeveralReady {
                    order: order.id.clone(),
                    verb: act.verb(),
                    steps: several
                        .iter()
                        .map(|l| (l.step.id.clone(), l.step.title.to_string()))
                        .collect(),
                });
            }
        },
    };
    let Some(step) = workflow.steps.iter().find(|s| s.id == id) else {
        return Err(Refusal::NotAStep {
            step: id,
            workflow: workflow_name.to_owned(),
            steps: workflow.steps.iter().map(|s| s.id.clone()).collect(),
        });
    };
    match schedule.line(&id).map(|l| &l.state) {
        Some(StepState::Done) => {
            let record = order.steps.get(&id);
            Err(Refusal::AlreadyDone {
                order: order.id.clone(),
                step: id,
                done: record
                    .and_then(|r| r.done)
                    .map(|d| d.to_string())
                    .unwrap_or_default(),
                by: record.and_then(|r| r.by.clone()).unwrap_or_default(),
            })
        }
        Some(StepState::Skipped) => Err(Refusal::WasSkipped {
            order: order.id.clone(),
            step: id,
            verb: act.verb(),
        }),
        None if !step.optional => Err(Refusal::DoesNotApply {
            order: order.id.clone(),
            step: id,
        }),
        _ => Ok(step),
    }
}

/// Refuses a person who does not hold the step's role (or one acting for it).
pub fn may_act(config: &Config, person: &str, step: &Step) -> Result<(), Refusal> {
    if config.may_act_as(person, &step.role) {
        return Ok(());
    }
    Err(Refusal::Role {
        person: person.to_owned(),
        role: step.role.clone(),
        step: step.id.clone(),
        title: step.title.to_string(),
        holders: config
            .who_may_act_as(&step.role)
            .into_iter()
            .map(str::to_owned)
            .collect(),
    })
}

/// Refuses a step whose required steps are still open.
pub fn requires_closed(order: &Order, schedule: &Schedule<'_>, step: &Step) -> Result<(), Refusal> {
    let open: Vec<(String, String)> = step
        .requires
        .iter()
        .filter_map(|req| schedule.line(req).filter(|l| l.state.is_open()))
        .map(|l| (l.step.id.clone(), l.step.title.to_string()))
        .collect();
    if open.is_empty() {
        Ok(())
    } else {
        Err(Refusal::Requires {
            order: order.id.clone(),
            step: step.id.clone(),
            open,
        })
    }
}

/// Refuses a step whose gate does not hold at `when`; `credit` is why the
/// order needs its credit approval, if it does.
pub fn gate_holds(
    config: &Config,
    schedule: &Schedule<'_>,
    order: &Order,
    step: &Step,
    at: (&crate::model::moment::Moment, chrono_tz::Tz),
    credit: Option<&str>,
) -> Result<(), Refusal> {
    let Some(gate) = &step.gate else {
        return Ok(());
    };
    let unmet = super::gate::unmet(config, schedule, order, gate, at, credit);
    if unmet.is_empty() {
        Ok(())
    } else {
        Err(Refusal::Gate {
            order: order.id.clone(),
            step: step.id.clone(),
            title: step.title.to_string(),
            unmet,
        })
    }
}
