//! `ordo incident open|respond|resolve ID`: an order's incidents as SOP 003
//! and 004 run them (a complaint answered within two working hours, settled
//! within two working days; a logistics exception with its cause and what the
//! customer was told), recorded through the checked, atomic writer instead of
//! by hand.

use yaml_serde::{Mapping, Value};

use super::change::{self, text_flag, when_text};
use super::opening::open_order;
use crate::cli::{Cli, IncidentAction, IncidentArgs};
use crate::edit::patch::{EditError, append_to_list, set_list_item_field};
use crate::{Environment, Failure, exit};
use ordo_core::model::Moment;
use ordo_core::model::order::{Incident, Order};

pub(crate) fn run(
    cli: &Cli,
    args: &IncidentArgs,
    env: &Environment,
    out: &mut Vec<u8>,
) -> Result<u8, Failure> {
    let id = match &args.action {
        IncidentAction::Open { id, .. }
        | IncidentAction::Respond { id, .. }
        | IncidentAction::Resolve { id, .. } => id,
    };
    let (ledger, now, loaded) = open_order(cli, env, id)?;
    let order = &loaded.order;
    let edit = |e: EditError| Failure::io(e.to_string());
    let (new, message, commit) = match &args.action {
        IncidentAction::Open {
            kind,
            summary,
            cause,
            at,
            commit,
            ..
        } => {
            let opened = when_text("--at", at.as_deref(), now)?;
            let mut incident = Mapping::new();
            incident.insert("kind".into(), Value::String(kind.0.as_str().into()));
            incident.insert("opened".into(), Value::String(opened.clone()));
            incident.insert("summary".into(), text_flag("--summary", summary)?);
            if let Some(cause) = cause {
                incident.insert("cause".into(), text_flag("--cause", cause)?);
            }
            let new = append_to_list(&loaded.text, "incidents", Value::Mapping(incident))
                .map_err(edit)?;
            let message = format!(
                "{}: incident {} opened {opened} ({}): {summary}",
                order.id,
                order.incidents.len() + 1,
                kind.0
            );
            (new, message, *commit)
        }
        IncidentAction::Respond {
            number,
            update,
            at,
            commit,
            ..
        } => {
            let (i, incident) = pick(order, *number)?;
            if let Some(done) = &incident.responded {
                return Err(Failure::usage(format!(
                    "{}'s incident {} was first answered {done}",
                    order.id,
                    i + 1
                )));
            }
            let when = not_before(incident, when_text("--at", at.as_deref(), now)?, &ledger)?;
            let mut new = set_list_item_field(
                &loaded.text,
                "incidents",
                i,
                "responded",
                Value::String(when.clone()),
            )
            .map_err(edit)?;
            if let Some(update) = update {
                new = set_list_item_field(
                    &new,
                    "incidents",
                    i,
                    "customer_update",
                    text_flag("--update", update)?,
                )
                .map_err(edit)?;
            }
            let message = format!("{}: incident {} answered {when}", order.id, i + 1);
            (new, message, *commit)
        }
        IncidentAction::Resolve {
            number,
            resolution,
            cause,
            at,
            commit,
            ..
        } => {
            let (i, incident) = pick(order, *number)?;
            let when = not_before(incident, when_text("--at", at.as_deref(), now)?, &ledger)?;
            let mut new = set_list_item_field(
                &loaded.text,
                "incidents",
                i,
                "resolution",
                Value::String(resolution.0.as_str().into()),
            )
            .map_err(edit)?;
            new = set_list_item_field(
                &new,
                "incidents",
                i,
                "resolved",
                Value::String(when.clone()),
            )
            .map_err(edit)?;
            if let Some(cause) = cause {
                new = set_list_item_field(
                    &new,
                    "incidents",
                    i,
                    "cause",
                    text_flag("--cause", cause)?,
                )
                .map_err(edit)?;
            }
            let message = format!(
                "{}: incident {} resolved {when} ({})",
                order.id,
                i + 1,
                resolution.0
            );
            (new, message, *commit)
        }
    };
    let path = change::apply(&ledger, &loaded, &new, &message, &[], now, commit)?;
    out.extend_from_slice(
        format!("{message}\n{}\n", change::shown(&path, &ledger.root)).as_bytes(),
    );
    Ok(exit::OK)
}

/// The incident `number` (from 1), else the one still open; an incident
/// already resolved is refused.
fn pick(order: &Order, number: Option<usize>) -> Result<(usize, &Incident), Failure> {
    let list = |which: &mut dyn Iterator<Item = (usize, &Incident)>| {
        which
            .map(|(i, x)| format!("{} ({}, opened {}: {})", i + 1, x.kind, x.opened, x.summary))
            .collect::<Vec<_>>()
            .join("; ")
    };
    let (i, incident) = match number {
        Some(n) => match n.checked_sub(1).and_then(|i| order.incidents.get(i)) {
            Some(incident) => (n - 1, incident),
            None => {
                return Err(Failure::usage(format!(
                    "{} has {} incident(s); --number counts them from 1",
                    order.id,
                    order.incidents.len()
                )));
            }
        },
        None => {
            let open: Vec<(usize, &Incident)> = order
                .incidents
                .iter()
                .enumerate()
                .filter(|(_, x)| x.resolved.is_none())
                .collect();
            match open.as_slice() {
                [one] => *one,
                [] => {
                    return Err(Failure::usage(format!(
                        "{} has no open incident (`ordo incident open` records one)",
                        order.id
                    )));
                }
                many => {
                    return Err(Failure::usage(format!(
                        "{} has {} open incidents: say which with --number: {}",
                        order.id,
                        many.len(),
                        list(&mut many.iter().copied())
                    )));
                }
            }
        }
    };
    if let Some(resolved) = &incident.resolved {
        return Err(Failure::usage(format!(
            "{}'s incident {} was resolved {resolved}",
            order.id,
            i + 1
        )));
    }
    Ok((i, incident))
}

/// `when`, refused when it comes before the incident was opened.
fn not_before(
    incident: &Incident,
    when: String,
    ledger: &crate::ledger::ledger::Ledger,
) -> Result<String, Failure> {
    let moment: Moment = when
        .parse()
        .map_err(|e| Failure::usage(format!("--at: {e}")))?;
    if moment.cmp_in(&incident.opened.0, ledger.tz) == std::cmp::Ordering::Less {
        return Err(Failure::usage(format!(
            "the incident was opened {}: it cannot be answered or resolved before, at {when}",
            incident.opened
        )));
    }
    Ok(when)
}
