//! `ordo amend ID --by P --summary T --impact I [--reconfirmed D]`: record a change
//! the customer asked for (SOP: verified, recorded and re-confirmed).

use yaml_serde::{Mapping, Value};

use super::change::{self, resolve_by, when_text};
use super::opening::open_order;
use crate::cli::{AmendArgs, Cli};
use crate::edit::patch::{append_to_list, one_line};
use crate::{Environment, Failure, exit};
use ordo_core::finding::Code;
use ordo_core::model::enums::Impact;

pub(crate) fn run(
    cli: &Cli,
    args: &AmendArgs,
    env: &Environment,
    out: &mut Vec<u8>,
) -> Result<u8, Failure> {
    let (ledger, now, loaded) = open_order(cli, env, &args.id)?;
    let by = resolve_by(&ledger, args.by.as_deref())?;
    let text = |v: &str| one_line(v).map_err(|e| Failure::usage(e.to_string()));
    let mut amendment = Mapping::new();
    let mut put = |k: &str, v: Value| {
        amendment.insert(Value::String(k.to_owned()), v);
    };
    put("at", Value::String(when_text("", None, now)?));
    put("by", Value::String(by.clone()));
    if let Some(channel) = args.channel.map(|c| c.0) {
        put("channel", Value::String(channel.as_str().to_owned()));
    }
    put("summary", text(&args.summary)?);
    put("impact", Value::String(args.impact.0.as_str().to_owned()));
    if let Some(day) = args.reconfirmed {
        put("reconfirmed", Value::String(day.to_string()));
    }
    let new = append_to_list(&loaded.text, "amendments", Value::Mapping(amendment))
        .map_err(|e| Failure::io(e.to_string()))?;
    let message = format!(
        "{}: {} amendment by {by}: {}",
        loaded.order.id, args.impact.0, args.summary
    );
    let path = change::apply(
        &ledger,
        &loaded,
        &new,
        &message,
        if args.impact.0 == Impact::Structural {
            &[Code::AmendmentReview]
        } else {
            &[]
        },
        now,
        args.commit,
    )?;
    let mut text = format!(
        "{}: {} amendment recorded by {by}\n{}\n",
        loaded.order.id,
        args.impact.0,
        change::shown(&path, &ledger.root)
    );
    if args.impact.0 == Impact::Structural {
        text.push_str("note: a structural change needs a new review; record it as `review: {done: ..., by: ...}` on the amendment\n");
    }
    if args.reconfirmed.is_none() {
        text.push_str("note: re-confirm the amended order with the customer and record the date as `reconfirmed`\n");
    }
    out.extend_from_slice(text.as_bytes());
    Ok(exit::OK)
}
