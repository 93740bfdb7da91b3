//! `ordo contract ID`, `ordo confirm ID` and `ordo date ID NAME`: the signed
//! contract (number, signing day, production time), the confirmation sent to
//! the customer and their signed reply, and an order's named dates (the PDCA
//! sent, the requested delivery), which the due rules count from. Recorded through
//! the checked, atomic writer, keeping the file's style and comments.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use yaml_serde::Value;

use super::change;
use super::opening::open_order;
use crate::cli::{Cli, ConfirmArgs, ContractArgs, DateArgs};
use crate::edit::patch::{set_or_add_top_level, set_top_level_fields};
use crate::{Environment, Failure, exit};
use ordo_core::model::{Duration, Moment};

pub(crate) fn contract(
    cli: &Cli,
    args: &ContractArgs,
    env: &Environment,
    out: &mut Vec<u8>,
) -> Result<u8, Failure> {
    if args.number.is_none() && args.signed.is_none() && args.production_time.is_none() {
        return Err(Failure::usage(
            "give what to record: --number, --signed and/or --production-time",
        ));
    }
    let (ledger, now, loaded) = open_order(cli, env, &args.id)?;
    let mut fields: Vec<(&str, Value)> = Vec::new();
    if let Some(number) = &args.number {
        fields.push(("number", change::text_flag("--number", number)?));
    }
    if let Some(signed) = &args.signed {
        fields.push((
            "signed",
            Value::String(day("--signed", signed)?.to_string()),
        ));
    }
    if let Some(time) = &args.production_time {
        let duration: Duration = time
            .parse()
            .map_err(|e| Failure::usage(format!("--production-time: {e}")))?;
        fields.push(("production_time", Value::String(duration.to_string())));
    }
    record(
        (&ledger, now, &loaded),
        "contract",
        &fields,
        args.commit,
        out,
    )
}

pub(crate) fn confirm(
    cli: &Cli,
    args: &ConfirmArgs,
    env: &Environment,
    out: &mut Vec<u8>,
) -> Result<u8, Failure> {
    if args.sent.is_none() && args.via.is_none() && args.signed.is_none() {
        return Err(Failure::usage(
            "give what to record: --sent, --via and/or --signed",
        ));
    }
    let (ledger, now, loaded) = open_order(cli, env, &args.id)?;
    let mut fields: Vec<(&str, Value)> = Vec::new();
    if let Some(sent) = &args.sent {
        let when = change::when_text("--sent", Some(sent), now)?;
        fields.push(("sent", Value::String(when)));
    }
    if let Some(via) = args.via {
        fields.push(("via", Value::String(via.0.as_str().into())));
    }
    if let Some(signed) = &args.signed {
        fields.push((
            "signed",
            Value::String(day("--signed", signed)?.to_string()),
        ));
    }
    record(
        (&ledger, now, &loaded),
        "confirmation",
        &fields,
        args.commit,
        out,
    )
}

/// Sets `fields` on the order's top-level mapping `key` and writes it.
fn record(
    (ledger, now, loaded): (
        &crate::ledger::ledger::Ledger,
        chrono::DateTime<chrono_tz::Tz>,
        &crate::ledger::read::LoadedOrder,
    ),
    key: &str,
    fields: &[(&str, Value)],
    commit: bool,
    out: &mut Vec<u8>,
) -> Result<u8, Failure> {
    let new =
        set_top_level_fields(&loaded.text, key, fields).map_err(|e| Failure::io(e.to_string()))?;
    let described: Vec<String> = fields
        .iter()
        .filter_map(|(k, v)| Some(format!("{k} {}", v.as_str()?)))
        .collect();
    let message = format!("{}: {key} {}", loaded.order.id, described.join(", "));
    let path = change::apply(ledger, loaded, &new, &message, &[], now, commit)?;
    out.extend_from_slice(
        format!("{message}\n{}\n", change::shown(&path, &ledger.root)).as_bytes(),
    );
    Ok(exit::OK)
}

pub(crate) fn date(
    cli: &Cli,
    args: &DateArgs,
    env: &Environment,
    out: &mut Vec<u8>,
) -> Result<u8, Failure> {
    let (ledger, now, loaded) = open_order(cli, env, &args.id)?;
    let order = &loaded.order;
    let edit = |e: crate::edit::patch::EditError| Failure::io(e.to_string());
    let (new, when) = if args.name == "requested_delivery" {
        let on = args
            .on
            .as_deref()
            .ok_or_else(|| Failure::usage("requested_delivery needs the day: --on DATE"))?;
        let on = day("--on", on)?.to_string();
        let new = set_or_add_top_level(
            &loaded.text,
            "requested_delivery",
            Value::String(on.clone()),
        )
        .map_err(edit)?;
        (new, on)
    } else {
        // A name no rule counts from is most likely a typo: refused with the
        // names the ledger knows.
        let known = known_names(&ledger.config, order);
        if !known.contains(args.name.as_str()) {
            let names: Vec<&str> = known.iter().map(String::as_str).collect();
            return Err(Failure::usage(format!(
                "no rule counts from dates.{}; the dates the ledger uses: {}, requested_delivery",
                args.name,
                names.join(", ")
            ))
            .suggest(&args.name, &names));
        }
        let when = change::when_text("--on", args.on.as_deref(), now)?;
        let new = set_top_level_fields(
            &loaded.text,
            "dates",
            &[(args.name.as_str(), Value::String(when.clone()))],
        )
        .map_err(edit)?;
        (new, when)
    };
    let message = format!("{}: {} {when}", order.id, args.name);
    let path = change::apply(&ledger, &loaded, &new, &message, &[], now, args.commit)?;
    out.extend_from_slice(
        format!("{message}\n{}\n", change::shown(&path, &ledger.root)).as_bytes(),
    );
    Ok(exit::OK)
}

/// A day (`2026-11-20`); a time is refused, not dropped.
fn day(flag: &str, text: &str) -> Result<NaiveDate, Failure> {
    match text.parse::<Moment>() {
        Ok(Moment::Date(day)) => Ok(day),
        Ok(_) => Err(Failure::usage(format!(
            "{flag} takes a day (YYYY-MM-DD), not a time: {text}"
        ))),
        Err(e) => Err(Failure::usage(format!("{flag}: {e}"))),
    }
}

/// The names of `dates.NAME` that the configuration's rules and gates, the
/// order's own payment terms or its file use.
fn known_names(
    config: &ordo_core::model::Config,
    order: &ordo_core::model::Order,
) -> BTreeSet<String> {
    let mut names: BTreeSet<String> = order.dates.keys().cloned().collect();
    let mut strings = Vec::new();
    for value in [
        serde_json::to_value(config).unwrap_or_default(),
        serde_json::to_value(&order.contract).unwrap_or_default(),
    ] {
        collect_strings(&value, &mut strings);
    }
    names.extend(
        strings
            .iter()
            .filter_map(|s| s.strip_prefix("dates."))
            .filter(|n| !n.is_empty())
            .map(str::to_owned),
    );
    names
}

fn collect_strings(value: &serde_json::Value, out: &mut Vec<String>) {
    match value {
        serde_json::Value::String(s) => out.push(s.clone()),
        serde_json::Value::Array(items) => items.iter().for_each(|v| collect_strings(v, out)),
        serde_json::Value::Object(map) => map.values().for_each(|v| collect_strings(v, out)),
        _ => {}
    }
}
