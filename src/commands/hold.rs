//! `ordo hold ID --reason TEXT [--from WHEN]` and `ordo hold ID --end [--at
//! WHEN]`: a hold recorded as the SOP has it (waiting on the customer, SLA
//! clocks paused), kept in step with the order's state: a hold begun appends
//! to `holds` and sets `state: on-hold` with the reason; a hold ended sets its
//! `to` and takes the state off. Written through the checked, atomic writer.

use yaml_serde::Value;

use super::change::{self, when_text};
use super::opening::open_order;
use crate::cli::{Cli, HoldArgs};
use crate::edit::patch::{
    append_to_list, one_line, remove_top_level, set_list_item_field, set_or_add_top_level,
};
use crate::{Environment, Failure, exit};
use ordo_core::model::Moment;
use ordo_core::model::enums::State;

pub(crate) fn run(
    cli: &Cli,
    args: &HoldArgs,
    env: &Environment,
    out: &mut Vec<u8>,
) -> Result<u8, Failure> {
    let (ledger, now, loaded) = open_order(cli, env, &args.id)?;
    let order = &loaded.order;
    let edit = |e: crate::edit::patch::EditError| Failure::io(e.to_string());
    let open = order.holds.iter().rposition(|h| h.to.is_none());
    let (new, message) = match (&args.reason, open) {
        (Some(_), _) if order.state == Some(State::Cancelled) => {
            return Err(Failure::usage(format!(
                "{} is cancelled: there is nothing to hold",
                order.id
            )));
        }
        (Some(_), Some(i)) => {
            let hold = &order.holds[i];
            return Err(Failure::usage(format!(
                "{} is already on hold since {} ({}): end it first with `ordo hold {} --end`",
                order.id, hold.from, hold.reason, order.id
            )));
        }
        (Some(reason), None) => {
            let reason_value =
                one_line(reason).map_err(|e| Failure::usage(format!("--reason: {e}")))?;
            if reason.trim().is_empty() {
                return Err(Failure::usage("--reason needs the reason the order waits"));
            }
            let from = when_text("--from", args.from.as_deref(), now)?;
            let mut hold = yaml_serde::Mapping::new();
            hold.insert("from".into(), Value::String(from.clone()));
            hold.insert("reason".into(), reason_value.clone());
            let text = append_to_list(&loaded.text, "holds", Value::Mapping(hold)).map_err(edit)?;
            let text = set_or_add_top_level(&text, "state", Value::String("on-hold".into()))
                .map_err(edit)?;
            let text = set_or_add_top_level(&text, "state_reason", reason_value).map_err(edit)?;
            (text, format!("{}: on hold from {from}: {reason}", order.id))
        }
        (None, None) => {
            return Err(Failure::usage(format!(
                "{} is not on hold: no hold without an end",
                order.id
            )));
        }
        (None, Some(i)) => {
            let hold = &order.holds[i];
            let to = when_text("--at", args.at.as_deref(), now)?;
            let ends: Moment = to
                .parse()
                .map_err(|e| Failure::usage(format!("--at: {e}")))?;
            if ends.cmp_in(&hold.from, ledger.tz) == std::cmp::Ordering::Less {
                return Err(Failure::usage(format!(
                    "{}'s hold began {}: it cannot end before, at {to}",
                    order.id, hold.from
                )));
            }
            let text =
                set_list_item_field(&loaded.text, "holds", i, "to", Value::String(to.clone()))
                    .map_err(edit)?;
            // The state said "on hold" because of this hold; a state set for
            // another reason (cancelled) is not touched.
            let text = if order.state == Some(State::OnHold) {
                remove_top_level(&text, &["state", "state_reason"]).map_err(edit)?
            } else {
                text
            };
            (
                text,
                format!("{}: hold ended {to} ({})", order.id, hold.reason),
            )
        }
    };
    let path = change::apply(&ledger, &loaded, &new, &message, &[], now, args.commit)?;
    out.extend_from_slice(
        format!("{message}\n{}\n", change::shown(&path, &ledger.root)).as_bytes(),
    );
    Ok(exit::OK)
}
