//! `ordo new --customer C [...]`: a new order file with the next id (per customer
//! per month, from `id_format`) and the customer's default payment terms; prints
//! its path.

use std::path::PathBuf;

use chrono::Datelike;

use super::change::{check_order_text, resolve_by, when_text};
use super::invocation::now_in;
use super::opening::open_ledger;
use crate::cli::{Cli, NewArgs};
use crate::edit::{git, write};
use crate::ledger::files::OrderFile;
use crate::ledger::source::read_source;
use crate::{Environment, Failure, exit};
use ordo_core::model::id_format::IdFormat;
use ordo_core::model::moment::Moment;
use ordo_core::yaml::{Route, locate};

pub(crate) fn run(
    cli: &Cli,
    args: &NewArgs,
    env: &Environment,
    out: &mut Vec<u8>,
) -> Result<u8, Failure> {
    let ledger = open_ledger(cli, env)?;
    let now = now_in(cli, env, ledger.tz)?;
    let Some(customer) = ledger.customers.get(&args.customer) else {
        let known: Vec<&str> = ledger.customers.keys().map(String::as_str).collect();
        return Err(Failure::usage(format!(
            "no customer `{}` (customers: {})",
            args.customer,
            known.join(", ")
        )));
    };
    if let Some(workflow) = &args.workflow
        && !ledger.config.workflows.contains_key(workflow)
    {
        return Err(Failure::usage(format!(
            "workflow `{workflow}` is not defined in ordo.yaml"
        )));
    }
    let owner = match &args.owner {
        Some(owner) => resolve_by(&ledger, Some(owner))?,
        None => resolve_by(&ledger, None).map_err(|_| {
            Failure::usage("say who owns the order with --owner (git's user.email matches no one)")
        })?,
    };
    let received = when_text("--received", args.received.as_deref(), now)?;
    let received_at: Moment = received
        .parse()
        .map_err(|e| Failure::usage(format!("--received: {e}")))?;
    if !received_at.has_time() {
        return Err(Failure::usage(
            "--received needs a date-time, e.g. 2026-05-06T10:15",
        ));
    }
    let day = received_at.local_date(ledger.tz);
    let format = IdFormat::parse(&ledger.config.id_format)
        .map_err(|e| Failure::usage(format!("id_format: {e}")))?;
    let mut body = format!(
        "customer: {}\nowner: {owner}\nreceived: {received}\nchannel: {}\npriority: {}\nkind: {}\n",
        customer.code, args.channel.0, args.priority.0, args.kind.0
    );
    if let Some(workflow) = &args.workflow {
        body.push_str(&format!("workflow: {workflow}\n"));
    }
    if let Some(currency) = customer
        .currency
        .as_deref()
        .or(ledger.config.currency.as_deref())
    {
        body.push_str(&format!("currency: {currency}\n"));
    }
    body.push_str("# lines:\n#   - {sku: A-01, description: Product A, qty: 100, unit: pcs, unit_price: 50.00}\n");
    if let Some(terms) = customer_terms(&ledger.root, &customer.code) {
        body.push_str("contract:\n  # signed: YYYY-MM-DD\n  # production_time: 25wd\n");
        body.push_str(&terms);
    }
    // The id is chosen and its file created under the write lock, from the
    // files as they are then: two `new` at once take two ids.
    let lock = crate::edit::lock::WriteLock::acquire(&ledger.root).map_err(|e| {
        Failure::io(format!(
            "cannot take the ledger's write lock (.ordo/write.lock): {e}"
        ))
    })?;
    // Every id of the month, here and on every branch git knows (a teammate's
    // pushed orders included, once fetched), and every id an order moved from.
    let taken = crate::ledger::ids::taken(&ledger.root, day.year()).map_err(|e| {
        Failure::from(e).hint(
            "no id was taken: git must say which ids the branches hold, or a teammate's order could get the same one",
        )
    })?;
    let (_, mut seq) =
        crate::ledger::ids::next(&format, &taken, day.year(), day.month(), &customer.code);
    seq -= 1;
    let uid = crate::ledger::ids::new_uid().map_err(Failure::io)?;
    let mut tries = 0;
    let (id, rel) = loop {
        seq += 1;
        tries += 1;
        let id = format.render(day.year(), day.month(), &customer.code, seq);
        let rel = PathBuf::from(format!("orders/{}/{id}.yaml", day.year()));
        let file = OrderFile {
            rel: rel.clone(),
            stem: id.clone(),
            year: Some(day.year().to_string()),
        };
        let text = format!("id: {id}\nuid: {uid}\n{body}");
        check_order_text(&ledger, &file, &text, now, &[])?;
        let path = ledger.root.join(&rel);
        if let Some(dir) = path.parent() {
            write::remove_leftovers(dir);
        }
        match write::create(&path, text.as_bytes()) {
            Ok(()) => break (id, rel),
            // Taken by a file that is not an order of this month's listing
            // (another id format, a name in another case): the next one.
            Err(write::WriteError::Io { error, .. })
                if error.kind() == std::io::ErrorKind::AlreadyExists && tries < MAX_TRIES =>
            {
                continue;
            }
            Err(e) => return Err(Failure::io(e.to_string())),
        }
    };
    drop(lock);
    if args.commit {
        git::commit_file(
            &ledger.root,
            &rel,
            &format!("{id}: new order for {}", customer.code),
        )
        .map_err(|e| {
            Failure::io(format!(
                "{} was written but not committed: {e}",
                rel.display()
            ))
        })?;
    }
    out.extend_from_slice(format!("{}\n", rel.display()).as_bytes());
    Ok(exit::OK)
}

/// How many taken ids `new` steps past before it gives up.
const MAX_TRIES: u32 = 100;

/// The customer's default payment terms, copied as written in its file and
/// indented under `contract:`.
fn customer_terms(root: &std::path::Path, code: &str) -> Option<String> {
    let rel = PathBuf::from(format!("customers/{code}.yaml"));
    let read = read_source(root, &rel);
    let text = &read.usable()?.text;
    let found = locate(text, &Route::keys(&["payment_terms"]));
    if !found.exact {
        return None;
    }
    let value = &text[found.value.start..found.value.end];
    if value.trim_start().starts_with('[') {
        return Some(format!("  payment_terms: {}\n", value.trim()));
    }
    let line_start = text[..found.value.start].rfind('\n').map_or(0, |i| i + 1);
    let block = &text[line_start..found.value.end];
    let mut out = String::from("  payment_terms:\n");
    for line in block.lines() {
        out.push_str("  ");
        out.push_str(line);
        out.push('\n');
    }
    Some(out)
}
