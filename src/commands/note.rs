//! `ordo note ID [STEP] --status T [--by P] [--expect DATE] [--on WHEN]`:
//! record a progress update while work runs (the handbook's weekly production
//! status, the daily tracking of a shipment), appended to the order's
//! `progress`; an expected date re-forecasts the steps after it.

use yaml_serde::{Mapping, Value};

use super::change::{self, refused, resolve_by, when_text};
use super::opening::{open_order, schedule_of, workflow_of};
use crate::cli::{Cli, NoteArgs};
use crate::edit::patch::{append_to_list, one_line};
use crate::{Environment, Failure, exit};
use ordo_core::engine::act::{self, Act};

pub(crate) fn run(
    cli: &Cli,
    args: &NoteArgs,
    env: &Environment,
    out: &mut Vec<u8>,
) -> Result<u8, Failure> {
    let (ledger, now, loaded) = open_order(cli, env, &args.id)?;
    let schedule = schedule_of(&ledger, &loaded.order)?;
    let (name, workflow) = workflow_of(&ledger, &loaded.order)?;
    // The step named, or the one step that is ready; a done step can still get
    // a note (a shipment tracked after it left).
    let step = match &args.step {
        Some(id) => workflow.steps.iter().find(|s| s.id == *id).ok_or_else(|| {
            refused(act::Refusal::NotAStep {
                step: id.clone(),
                workflow: name.to_owned(),
                steps: workflow.steps.iter().map(|s| s.id.clone()).collect(),
            })
        })?,
        None => act::pick_step(name, workflow, &loaded.order, &schedule, None, Act::Done)
            .map_err(refused)?,
    };
    let by = resolve_by(&ledger, args.by.as_deref())?;
    let mut update = Mapping::new();
    let mut put = |k: &str, v: Value| {
        update.insert(Value::String(k.to_owned()), v);
    };
    put(
        "at",
        Value::String(when_text("--on", args.on.as_deref(), now)?),
    );
    put("by", Value::String(by.clone()));
    put("step", Value::String(step.id.clone()));
    put(
        "status",
        one_line(&args.status).map_err(|e| Failure::usage(e.to_string()))?,
    );
    if let Some(expect) = &args.expect {
        put(
            "expect",
            Value::String(when_text("--expect", Some(expect), now)?),
        );
    }
    let new = append_to_list(&loaded.text, "progress", Value::Mapping(update))
        .map_err(|e| Failure::io(e.to_string()))?;
    let expecting = args
        .expect
        .as_ref()
        .map(|e| format!(" (expected {e})"))
        .unwrap_or_default();
    let message = format!(
        "{}: {} progress by {by}: {}{expecting}",
        loaded.order.id, step.id, args.status
    );
    let path = change::apply(&ledger, &loaded, &new, &message, &[], now, args.commit)?;
    out.extend_from_slice(
        format!(
            "{}: {} ({}) progress noted by {by}: {}{expecting}\n{}\n",
            loaded.order.id,
            step.id,
            step.title,
            args.status,
            change::shown(&path, &ledger.root)
        )
        .as_bytes(),
    );
    Ok(exit::OK)
}
