//! `ordo advance ID [STEP] --by P [--on WHEN] [--note T]`: mark a step done. With
//! no STEP, the one step that is ready; with several ready, the list to choose from.

use yaml_serde::Value;

use super::change::{self, resolve_by, when_text};
use super::common::{load_order, now_in, open_ledger, schedule_of, workflow_of};
use crate::cli::{AdvanceArgs, Cli};
use crate::edit::patch::{one_line, set_step_fields};
use crate::ledger::open::{Ledger, LoadedOrder};
use crate::{Environment, Failure, exit};
use ordo_core::engine::schedule::{Schedule, StepState};
use ordo_core::model::config::Step;
use ordo_core::model::enums::State;

pub fn run(
    cli: &Cli,
    args: &AdvanceArgs,
    env: &Environment,
    out: &mut Vec<u8>,
) -> Result<u8, Failure> {
    let ledger = open_ledger(cli, env)?;
    let now = now_in(cli, env, ledger.tz)?;
    let loaded = load_order(&ledger, &args.id)?;
    let schedule = schedule_of(&ledger, &loaded.order)?;
    let step = pick_step(&ledger, &loaded, &schedule, args.step.as_deref(), "done")?;
    let by = resolve_by(&ledger, args.by.as_deref())?;
    check_may_act(&ledger, &by, step)?;
    check_requires(&loaded, &schedule, step)?;
    let when = when_text("--on", args.on.as_deref(), now)?;
    let mut fields = vec![
        ("done", Value::String(when.clone())),
        ("by", Value::String(by.clone())),
    ];
    if let Some(note) = &args.note {
        fields.push((
            "note",
            one_line(note).map_err(|e| Failure::Usage(e.to_string()))?,
        ));
    }
    let new =
        set_step_fields(&loaded.text, &step.id, &fields).map_err(|e| Failure::Io(e.to_string()))?;
    let message = format!("{}: {} done by {by}", loaded.order.id, step.id);
    let path = change::apply(&ledger, &loaded, &new, &message, &[], now, args.commit)?;
    out.extend_from_slice(
        format!(
            "{}: {} ({}) done by {by} on {when}\n{}\n",
            loaded.order.id,
            step.id,
            step.title,
            change::shown(&path, &ledger.root)
        )
        .as_bytes(),
    );
    Ok(exit::OK)
}

/// The step to act on: the one named, or the only ready one.
pub fn pick_step<'a>(
    ledger: &'a Ledger,
    loaded: &LoadedOrder,
    schedule: &Schedule<'_>,
    named: Option<&str>,
    verb: &str,
) -> Result<&'a Step, Failure> {
    let order = &loaded.order;
    if order.state == Some(State::Cancelled) {
        return Err(Failure::Usage(format!("order {} is cancelled", order.id)));
    }
    let (name, workflow) = workflow_of(ledger, order)?;
    let id = match named {
        Some(id) => id.to_owned(),
        None => {
            let ready = schedule.ready();
            match ready.as_slice() {
                [one] => one.step.id.clone(),
                [] => {
                    return Err(Failure::Usage(format!(
                        "no step of {} is ready (status {})",
                        order.id,
                        schedule.status.as_str()
                    )));
                }
                several => {
                    let list: Vec<String> = several
                        .iter()
                        .map(|l| format!("  {}  {}", l.step.id, l.step.title))
                        .collect();
                    return Err(Failure::Usage(format!(
                        "several steps of {} are ready; name the one that is {verb}:\n{}",
                        order.id,
                        list.join("\n")
                    )));
                }
            }
        }
    };
    let Some(step) = workflow.steps.iter().find(|s| s.id == id) else {
        let ids: Vec<&str> = workflow.steps.iter().map(|s| s.id.as_str()).collect();
        return Err(Failure::Usage(format!(
            "`{id}` is not a step of workflow {name} ({})",
            ids.join(", ")
        )));
    };
    let recorded = schedule.line(&id).map(|l| l.state.clone());
    match recorded {
        Some(StepState::Done) => {
            let record = order.steps.get(&id);
            return Err(Failure::Usage(format!(
                "{} {id} is already done ({} by {})",
                order.id,
                record
                    .and_then(|r| r.done)
                    .map(|d| d.to_string())
                    .unwrap_or_default(),
                record.and_then(|r| r.by.clone()).unwrap_or_default()
            )));
        }
        Some(StepState::Skipped) => {
            return Err(Failure::Usage(format!(
                "{} {id} was skipped; it cannot be {verb}",
                order.id
            )));
        }
        None if !step.optional => {
            return Err(Failure::Usage(format!(
                "{id} does not apply to order {}",
                order.id
            )));
        }
        _ => {}
    }
    Ok(step)
}

/// Refuses a person who does not hold the step's role.
pub fn check_may_act(ledger: &Ledger, by: &str, step: &Step) -> Result<(), Failure> {
    if ledger.config.may_act_as(by, &step.role) {
        return Ok(());
    }
    let holders = ledger.config.who_may_act_as(&step.role);
    Err(Failure::Usage(format!(
        "{by} does not hold the role `{}` that {} ({}) needs; people who may: {}",
        step.role,
        step.id,
        step.title,
        holders.join(", ")
    )))
}

/// Refuses a step whose required steps are still open.
fn check_requires(
    loaded: &LoadedOrder,
    schedule: &Schedule<'_>,
    step: &Step,
) -> Result<(), Failure> {
    let open: Vec<String> = step
        .requires
        .iter()
        .filter(|req| schedule.line(req).is_some_and(|l| l.state.is_open()))
        .map(|req| {
            let title = schedule
                .line(req)
                .map(|l| l.step.title.as_str())
                .unwrap_or_default();
            format!("{req} ({title})")
        })
        .collect();
    if open.is_empty() {
        Ok(())
    } else {
        Err(Failure::Usage(format!(
            "{} {} requires {} first",
            loaded.order.id,
            step.id,
            open.join(", ")
        )))
    }
}
