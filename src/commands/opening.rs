//! What the commands that work on the ledger share: opening it (a broken
//! configuration stops them) and reading the order they were asked about.

use chrono::DateTime;
use chrono_tz::Tz;

use super::invocation::{ledger_root, now_in};
use crate::cli::Cli;
use crate::ledger::ledger::Ledger;
use crate::ledger::read::LoadedOrder;
use crate::{Environment, Failure};
use ordo_core::engine::schedule::Schedule;
use ordo_core::model::Order;
use ordo_core::model::config::Workflow;

/// An order's workflow; a usage error when ordo.yaml does not define it.
pub(crate) fn workflow_of<'c>(
    ledger: &'c Ledger,
    order: &Order,
) -> Result<(&'c str, &'c Workflow), Failure> {
    ledger
        .config
        .workflow_of(order.workflow.as_deref())
        .ok_or_else(|| unknown_workflow(ledger, order))
}

/// An order's schedule; the same error when its workflow is not defined.
pub(crate) fn schedule_of<'a>(
    ledger: &'a Ledger,
    order: &'a Order,
) -> Result<Schedule<'a>, Failure> {
    Schedule::of(&ledger.config, &ledger.calendars, order)
        .ok_or_else(|| unknown_workflow(ledger, order))
}

fn unknown_workflow(ledger: &Ledger, order: &Order) -> Failure {
    let name = order
        .workflow
        .as_deref()
        .unwrap_or(&ledger.config.default_workflow);
    Failure::usage(format!(
        "order {} names workflow `{name}`, which ordo.yaml does not define",
        order.id
    ))
}

/// What a command that edits one order starts from: the ledger, "now" in
/// its time zone, and the order read from its file.
pub(crate) fn open_order(
    cli: &Cli,
    env: &Environment,
    id: &str,
) -> Result<(Ledger, DateTime<Tz>, LoadedOrder), Failure> {
    let ledger = open_ledger(cli, env)?;
    let now = now_in(cli, env, ledger.tz)?;
    let loaded = load_order(&ledger, id)?;
    Ok((ledger, now, loaded))
}

/// Opens the ledger; an invalid configuration stops the command.
pub(crate) fn open_ledger(
    cli: &Cli,
    env: &Environment,
) -> Result<crate::ledger::ledger::Ledger, Failure> {
    let root = ledger_root(cli, env)?;
    crate::ledger::ledger::Ledger::open(&root).map_err(|blocked| Failure::Findings {
        message: "ordo.yaml is not valid; fix it first (`ordo validate` lists the problems)".into(),
        blocked,
    })
}

/// Reads one order by id; a missing or invalid order stops the command.
pub(crate) fn load_order(
    ledger: &crate::ledger::ledger::Ledger,
    id: &str,
) -> Result<crate::ledger::read::LoadedOrder, Failure> {
    let file = match ledger.order_file(id) {
        Some(file) => Some(file),
        None => ledger.order_file_formerly(id).inspect(|file| {
            use std::io::Write;
            let _ = writeln!(
                std::io::stderr(),
                "ordo: {id} is now {} (renumbered; {} lists {id} under former_ids)",
                file.stem,
                file.rel.display()
            );
        }),
    };
    let Some(file) = file else {
        let ids: Vec<&str> = ledger.order_files.iter().map(|f| f.stem.as_str()).collect();
        return Err(Failure::usage(format!("no order `{id}` in the ledger")).suggest(id, &ids));
    };
    ledger.read(file).map_err(|blocked| Failure::Findings {
        message: format!("order {id} is not valid; fix it first"),
        blocked,
    })
}
