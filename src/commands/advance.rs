//! `ordo advance ID [STEP] --by P [--on WHEN] [--note T]`: mark a step done. With
//! no STEP, the one step that is ready; with several ready, the list to choose from.

use yaml_serde::Value;

use super::change::{self, refused, resolve_by, when_text};
use super::opening::{open_order, schedule_of, workflow_of};
use crate::cli::{AdvanceArgs, Cli};
use crate::edit::patch::{one_line, set_step_fields};
use crate::{Environment, Failure, exit};
use ordo_core::engine::act::{self, Act};

/// A refused step, as a usage error.
pub(crate) fn run(
    cli: &Cli,
    args: &AdvanceArgs,
    env: &Environment,
    out: &mut Vec<u8>,
) -> Result<u8, Failure> {
    let (ledger, now, loaded) = open_order(cli, env, &args.id)?;
    let schedule = schedule_of(&ledger, &loaded.order)?;
    let (name, workflow) = workflow_of(&ledger, &loaded.order)?;
    let step = act::pick_step(
        name,
        workflow,
        &loaded.order,
        &schedule,
        args.step.as_deref(),
        Act::Done,
    )
    .map_err(refused)?;
    let by = resolve_by(&ledger, args.by.as_deref())?;
    act::may_act(&ledger.config, &by, step).map_err(refused)?;
    act::requires_closed(&loaded.order, &schedule, step).map_err(refused)?;
    let when = when_text("--on", args.on.as_deref(), now)?;
    let moment: ordo_core::model::Moment = when
        .parse()
        .map_err(|e| Failure::usage(format!("--on {when}: {e}")))?;
    act::documents_received(
        &ledger.config,
        &loaded.order,
        ledger.customers.get(&loaded.order.customer),
        step,
        &moment,
        ledger.tz,
    )
    .map_err(refused)?;
    let credit = credit_need(&ledger, now, &loaded.order, step);
    let gate = act::gate_holds(
        &ledger.config,
        &schedule,
        &loaded.order,
        step,
        (&moment, ledger.tz),
        credit.as_deref(),
    );
    let overriding = match (gate, args.overriding) {
        (Ok(()), _) => false,
        (Err(refusal), false) => return Err(refused(refusal)),
        (Err(refusal), true) => {
            use std::io::Write;
            let _ = writeln!(std::io::stderr(), "ordo: overriding: {refusal}");
            true
        }
    };
    let mut fields = vec![
        ("done", Value::String(when.clone())),
        ("by", Value::String(by.clone())),
    ];
    if overriding {
        let mut record = yaml_serde::Mapping::new();
        record.insert("by".into(), Value::String(by.clone()));
        record.insert(
            "at".into(),
            Value::String(now.format("%Y-%m-%dT%H:%M:%S%:z").to_string()),
        );
        let reason = args.reason.as_deref().unwrap_or_default();
        record.insert(
            "reason".into(),
            one_line(reason).map_err(|e| Failure::usage(e.to_string()))?,
        );
        fields.push(("override", Value::Mapping(record)));
    }
    if let Some(note) = &args.note {
        fields.push((
            "note",
            one_line(note).map_err(|e| Failure::usage(e.to_string()))?,
        ));
    }
    let new =
        set_step_fields(&loaded.text, &step.id, &fields).map_err(|e| Failure::io(e.to_string()))?;
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

/// Why the order needs its credit approval, when the step waits for it
/// (`gate: {approved: credit}`): judged over every order of the ledger.
fn credit_need(
    ledger: &crate::ledger::ledger::Ledger,
    now: chrono::DateTime<chrono_tz::Tz>,
    order: &ordo_core::model::Order,
    step: &ordo_core::model::config::Step,
) -> Option<String> {
    let gate = step.gate.as_ref()?;
    gate.approved?;
    let (mut awaiting, invalid) = crate::ledger::opened::awaiting_approval(ledger, now);
    if !invalid.is_empty() {
        use std::io::Write;
        let _ = writeln!(
            std::io::stderr(),
            "ordo: {} order file(s) could not be read; the credit check leaves them out (`ordo validate` names them)",
            invalid.len()
        );
    }
    awaiting.remove(&order.id).map(|why| why.to_string())
}
