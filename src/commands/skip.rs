//! `ordo skip ID STEP --by P --reason T`: record that a step does not happen.

use yaml_serde::Value;

use super::change::{self, refused, resolve_by};
use super::opening::{open_order, schedule_of, workflow_of};
use crate::cli::{Cli, SkipArgs};
use crate::edit::patch::{one_line, set_step_fields};
use crate::{Environment, Failure, exit};
use ordo_core::engine::act::{self, Act};

pub(crate) fn run(
    cli: &Cli,
    args: &SkipArgs,
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
        Some(&args.step),
        Act::Skipped,
    )
    .map_err(refused)?;
    let by = resolve_by(&ledger, args.by.as_deref())?;
    act::may_act(&ledger.config, &by, step).map_err(refused)?;
    if args.reason.trim().is_empty() {
        return Err(Failure::usage(
            "--reason must say why the step does not happen",
        ));
    }
    let reason = one_line(args.reason.trim()).map_err(|e| Failure::usage(e.to_string()))?;
    let new = set_step_fields(
        &loaded.text,
        &step.id,
        &[("skipped", reason), ("by", Value::String(by.clone()))],
    )
    .map_err(|e| Failure::io(e.to_string()))?;
    let message = format!("{}: {} skipped by {by}", loaded.order.id, step.id);
    let path = change::apply(&ledger, &loaded, &new, &message, &[], now, args.commit)?;
    out.extend_from_slice(
        format!(
            "{}: {} ({}) skipped by {by}: {}\n{}\n",
            loaded.order.id,
            step.id,
            step.title,
            args.reason.trim(),
            change::shown(&path, &ledger.root)
        )
        .as_bytes(),
    );
    Ok(exit::OK)
}
