//! `ordo ship ID [--carrier C] [--tracking T] [--eta WHEN]`: record the
//! shipment's carrier, tracking number and expected delivery (SOP 004: the
//! number within two hours of shipping, told to the customer with the ETA),
//! keeping what is already recorded and not given again.

use yaml_serde::Value;

use super::change;
use super::opening::open_order;
use crate::cli::{Cli, ShipArgs};
use crate::edit::patch::set_top_level_fields;
use crate::{Environment, Failure, exit};
use ordo_core::model::Moment;

pub(crate) fn run(
    cli: &Cli,
    args: &ShipArgs,
    env: &Environment,
    out: &mut Vec<u8>,
) -> Result<u8, Failure> {
    if args.carrier.is_none() && args.tracking.is_none() && args.eta.is_none() {
        return Err(Failure::usage(
            "give what to record: --carrier, --tracking and/or --eta",
        ));
    }
    let (ledger, now, loaded) = open_order(cli, env, &args.id)?;
    let order = &loaded.order;
    let text = super::change::text_flag;
    if args.carrier.is_none() && order.shipment.is_none() {
        return Err(Failure::usage(format!(
            "{} has no shipment yet: give its --carrier",
            order.id
        )));
    }
    // Only what is given: the rest of a recorded shipment stays as it is.
    let mut fields: Vec<(&str, Value)> = Vec::new();
    if let Some(carrier) = &args.carrier {
        fields.push(("carrier", text("--carrier", carrier)?));
    }
    if let Some(tracking) = &args.tracking {
        fields.push(("tracking", text("--tracking", tracking)?));
    }
    if let Some(when) = &args.eta {
        let eta = when
            .parse::<Moment>()
            .map_err(|e| Failure::usage(format!("--eta: {e}")))?;
        fields.push(("eta", Value::String(eta.to_string())));
    }
    let new = set_top_level_fields(&loaded.text, "shipment", &fields)
        .map_err(|e| Failure::io(e.to_string()))?;
    let described: Vec<String> = fields
        .iter()
        .filter_map(|(k, v)| Some(format!("{k} {}", v.as_str()?)))
        .collect();
    let message = format!("{}: shipment {}", order.id, described.join(", "));
    let path = change::apply(&ledger, &loaded, &new, &message, &[], now, args.commit)?;
    out.extend_from_slice(
        format!("{message}\n{}\n", change::shown(&path, &ledger.root)).as_bytes(),
    );
    Ok(exit::OK)
}
