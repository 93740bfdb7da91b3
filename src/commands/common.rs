//! What several commands share: the ledger root, `--as-of`, colour.

use std::path::PathBuf;

use chrono::{DateTime, NaiveTime};
use chrono_tz::Tz;

use crate::cli::{Cli, ColorChoice};
use crate::ledger::open::Ledger;
use crate::{Environment, Failure};
use ordo_core::engine::schedule::Schedule;
use ordo_core::model::Moment;
use ordo_core::model::Order;
use ordo_core::model::config::Workflow;
use ordo_core::model::moment::Resolved;

/// An order's workflow; a usage error when ordo.yaml does not define it.
pub fn workflow_of<'c>(
    ledger: &'c Ledger,
    order: &Order,
) -> Result<(&'c str, &'c Workflow), Failure> {
    ledger
        .config
        .workflow_of(order.workflow.as_deref())
        .ok_or_else(|| unknown_workflow(ledger, order))
}

/// An order's schedule; the same error when its workflow is not defined.
pub fn schedule_of<'a>(ledger: &'a Ledger, order: &'a Order) -> Result<Schedule<'a>, Failure> {
    Schedule::of(&ledger.config, &ledger.calendars, order)
        .ok_or_else(|| unknown_workflow(ledger, order))
}

fn unknown_workflow(ledger: &Ledger, order: &Order) -> Failure {
    let name = order
        .workflow
        .as_deref()
        .unwrap_or(&ledger.config.default_workflow);
    Failure::Usage(format!(
        "order {} names workflow `{name}`, which ordo.yaml does not define",
        order.id
    ))
}

pub fn ledger_root(cli: &Cli, env: &Environment) -> Result<PathBuf, Failure> {
    Ok(crate::ledger::discover::find_root(
        cli.ledger.as_deref(),
        &env.cwd,
    )?)
}

/// "Now" in the ledger's timezone: `--as-of` when given (a bare date is taken as
/// its last second), else the clock read at start-up.
pub fn now_in(cli: &Cli, env: &Environment, tz: Tz) -> Result<DateTime<Tz>, Failure> {
    let Some(text) = &cli.as_of else {
        return Ok(env.now.with_timezone(&tz));
    };
    let moment: Moment = text
        .parse()
        .map_err(|e| Failure::Usage(format!("--as-of: {e}")))?;
    let moment = match moment {
        Moment::Date(d) => {
            Moment::Local(d.and_time(NaiveTime::from_hms_opt(23, 59, 59).unwrap_or(NaiveTime::MIN)))
        }
        other => other,
    };
    match moment.resolve(tz) {
        Resolved::One(dt) | Resolved::Ambiguous(dt) => Ok(dt),
        Resolved::Missing => Err(Failure::Usage(format!(
            "--as-of: {text} does not exist in {tz}"
        ))),
    }
}

/// Parses `--as-of` up front so a bad value fails before any work.
pub fn check_as_of(cli: &Cli) -> Result<(), Failure> {
    if let Some(text) = &cli.as_of {
        text.parse::<Moment>()
            .map_err(|e| Failure::Usage(format!("--as-of: {e}")))?;
    }
    Ok(())
}

/// Whether to colour the output.
pub fn use_color(cli: &Cli, env: &Environment) -> bool {
    match cli.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => env.stdout_is_terminal && !env.no_color,
    }
}

/// Opens the ledger; an invalid configuration stops the command.
pub fn open_ledger(cli: &Cli, env: &Environment) -> Result<crate::ledger::open::Ledger, Failure> {
    let root = ledger_root(cli, env)?;
    check_as_of(cli)?;
    crate::ledger::open::Ledger::open(&root).map_err(|blocked| Failure::Findings {
        message: "ordo.yaml is not valid; fix it first (`ordo validate` lists the problems)".into(),
        blocked,
    })
}

/// Reads one order by id; a missing or invalid order stops the command.
pub fn load_order(
    ledger: &crate::ledger::open::Ledger,
    id: &str,
) -> Result<crate::ledger::open::LoadedOrder, Failure> {
    let Some(file) = ledger.order_file(id) else {
        let ids: Vec<&str> = ledger.order_files.iter().map(|f| f.stem.as_str()).collect();
        let hint = ordo_core::suggest::closest(id, &ids)
            .map(|best| format!(" (did you mean {best}?)"))
            .unwrap_or_default();
        return Err(Failure::Usage(format!(
            "no order `{id}` in the ledger{hint}"
        )));
    };
    ledger.read(file).map_err(|blocked| Failure::Findings {
        message: format!("order {id} is not valid; fix it first"),
        blocked,
    })
}
