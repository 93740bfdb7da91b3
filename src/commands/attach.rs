//! `ordo attach ID|CUSTOMER KIND PATH|URL [--on] [--by] [--note]`: log a
//! document received for an order (the handover SOP's order form, PO, artwork,
//! specs, shipping instructions, …) or kept on a customer for all its orders
//! (a new customer's qualification), appended to its `documents`.

use std::path::{Component, Path, PathBuf};

use yaml_serde::{Mapping, Value};

use super::change::{self, resolve_by, when_text};
use super::invocation::now_in;
use super::opening::{load_order, open_ledger};
use crate::cli::{AttachArgs, Cli};
use crate::edit::patch::{append_to_list, one_line};
use crate::ledger::blocked::Blocked;
use crate::ledger::ledger::{Ledger, check_customer_text};
use crate::ledger::source::read_source;
use crate::{Environment, Failure, exit};
use ordo_core::checks::levels::apply as apply_levels;
use ordo_core::finding::Severity;

pub(crate) fn run(
    cli: &Cli,
    args: &AttachArgs,
    env: &Environment,
    out: &mut Vec<u8>,
) -> Result<u8, Failure> {
    let ledger = open_ledger(cli, env)?;
    let now = now_in(cli, env, ledger.tz)?;
    let Some(kind) = ledger.config.documents.get(&args.kind) else {
        let kinds: Vec<&str> = ledger.config.documents.keys().map(String::as_str).collect();
        return Err(Failure::usage(if kinds.is_empty() {
            format!(
                "`{}` is not a kind of document: declare the kinds under `documents` in ordo.yaml",
                args.kind
            )
        } else {
            format!(
                "`{}` is not a kind of document; kinds: {}",
                args.kind,
                kinds.join(", ")
            )
        }));
    };
    let reference = checked_reference(&ledger.root, &args.reference)?;
    let by = resolve_by(&ledger, args.by.as_deref())?;
    let text = |v: &str| one_line(v).map_err(|e| Failure::usage(e.to_string()));
    let mut document = Mapping::new();
    let mut put = |k: &str, v: Value| {
        document.insert(Value::String(k.to_owned()), v);
    };
    put("kind", Value::String(args.kind.clone()));
    put("ref", text(&reference)?);
    let when = when_text("--on", args.on.as_deref(), now)?;
    put("received", Value::String(when.clone()));
    put("by", Value::String(by.clone()));
    if let Some(note) = &args.note {
        put("note", text(note)?);
    }
    let document = Value::Mapping(document);
    // A customer's code names the customer: its documents serve all its orders.
    let customer_rel = PathBuf::from("customers").join(format!("{}.yaml", args.id));
    let (owner, rel, path) = if ledger.root.join(&customer_rel).is_file() {
        let path = attach_to_customer(&ledger, &customer_rel, &args.id, document)?;
        (args.id.clone(), customer_rel, path)
    } else {
        let loaded = load_order(&ledger, &args.id)?;
        let new = append_to_list(&loaded.text, "documents", document)
            .map_err(|e| Failure::io(e.to_string()))?;
        let message = format!("{}: {} received ({reference})", loaded.order.id, args.kind);
        let path = change::apply(&ledger, &loaded, &new, &message, &[], now, false)?;
        (loaded.order.id.clone(), loaded.file.rel.clone(), path)
    };
    let message = format!("{owner}: {} received ({reference})", args.kind);
    // The document is part of the change: a teammate's `validate` looks for it.
    let document = (!ordo_core::checks::documents::is_address(&reference))
        .then(|| std::path::PathBuf::from(&reference));
    if args.commit {
        let mut paths: Vec<&Path> = vec![rel.as_path()];
        paths.extend(document.as_deref());
        crate::edit::git::commit_paths(&ledger.root, &paths, &message)
            .map_err(|e| Failure::io(format!("written but not committed: {e}")))?;
    } else if let Some(document) = &document
        && !crate::edit::git::tracked(&ledger.root, document)
    {
        use std::io::Write;
        let _ = writeln!(
            std::io::stderr(),
            "ordo: warning: {reference} is not in git yet: commit it with the {} (or use \
             --commit), or every teammate's `ordo validate` reports it missing",
            if rel.starts_with("customers") {
                "customer"
            } else {
                "order"
            }
        );
    }
    out.extend_from_slice(
        format!(
            "{owner}: {} ({}) logged by {by}, received {when}\n{}\n",
            args.kind,
            kind.title,
            change::shown(&path, &ledger.root)
        )
        .as_bytes(),
    );
    Ok(exit::OK)
}

/// Appends `document` to the customer file `rel`, written only when the
/// customer file stays valid.
fn attach_to_customer(
    ledger: &Ledger,
    rel: &Path,
    code: &str,
    document: Value,
) -> Result<PathBuf, Failure> {
    let read = read_source(&ledger.root, rel);
    let Some(old) = read
        .source
        .map(|s| s.text)
        .filter(|_| read.findings.is_empty())
    else {
        return Err(Failure::usage(format!("{} cannot be read", rel.display()))
            .hint("fix it first: `ordo validate` shows why"));
    };
    let new =
        append_to_list(&old, "documents", document).map_err(|e| Failure::io(e.to_string()))?;
    let mut found = Vec::new();
    let customer = check_customer_text(&ledger.root, &ledger.config, rel, code, &new, &mut found);
    apply_levels(&ledger.config, &mut found);
    found.retain(|f| f.severity == Severity::Error);
    if customer.is_none() || !found.is_empty() {
        let mut blocked = Blocked::default();
        blocked.sources.insert(rel.to_path_buf(), new);
        blocked.findings = found;
        return Err(Failure::Findings {
            message: format!(
                "the change would leave {} invalid; nothing was written",
                rel.display()
            ),
            blocked,
        });
    }
    change::replace_checked(ledger, rel, &old, &new)
}

/// An address as given, or a path inside the ledger's folder that names an
/// existing file, written with `/`.
fn checked_reference(root: &Path, reference: &str) -> Result<String, Failure> {
    if ordo_core::checks::documents::is_address(reference) {
        return Ok(reference.to_owned());
    }
    let path = Path::new(reference);
    if path
        .components()
        .any(|c| !matches!(c, Component::Normal(_) | Component::CurDir))
    {
        return Err(Failure::usage(format!(
            "{reference}: give a path inside the ledger's folder (no `..`, not absolute), or an address such as https://…"
        )));
    }
    if !root.join(path).is_file() {
        return Err(
            Failure::usage(format!("{reference} is not a file in the ledger's folder"))
                .hint("add the document to the repository first, or give its address"),
        );
    }
    Ok(path
        .components()
        .filter_map(|c| match c {
            Component::Normal(part) => Some(part.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join("/"))
}
