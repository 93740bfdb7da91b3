//! `ordo attach ID KIND PATH|URL [--on] [--by] [--note]`: log a document
//! received for an order (the handover SOP's order form, PO, artwork, specs,
//! shipping instructions, …), appended to its `documents`.

use std::path::{Component, Path};

use yaml_serde::{Mapping, Value};

use super::change::{self, resolve_by, when_text};
use super::opening::open_order;
use crate::cli::{AttachArgs, Cli};
use crate::edit::patch::{append_to_list, one_line};
use crate::{Environment, Failure, exit};

pub fn run(
    cli: &Cli,
    args: &AttachArgs,
    env: &Environment,
    out: &mut Vec<u8>,
) -> Result<u8, Failure> {
    let (ledger, now, loaded) = open_order(cli, env, &args.id)?;
    let Some(kind) = ledger.config.documents.get(&args.kind) else {
        let kinds: Vec<&str> = ledger.config.documents.keys().map(String::as_str).collect();
        return Err(Failure::Usage(if kinds.is_empty() {
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
    let text = |v: &str| one_line(v).map_err(|e| Failure::Usage(e.to_string()));
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
    let new = append_to_list(&loaded.text, "documents", Value::Mapping(document))
        .map_err(|e| Failure::Io(e.to_string()))?;
    let message = format!("{}: {} received ({reference})", loaded.order.id, args.kind);
    let path = change::apply(&ledger, &loaded, &new, &message, &[], now, false)?;
    // The document is part of the change: a teammate's `validate` looks for it.
    let document = (!ordo_core::checks::documents::is_address(&reference))
        .then(|| std::path::PathBuf::from(&reference));
    if args.commit {
        let mut paths: Vec<&Path> = vec![loaded.file.rel.as_path()];
        paths.extend(document.as_deref());
        crate::edit::git::commit_paths(&ledger.root, &paths, &message)
            .map_err(|e| Failure::Io(format!("written but not committed: {e}")))?;
    } else if let Some(document) = &document
        && !crate::edit::git::tracked(&ledger.root, document)
    {
        use std::io::Write;
        let _ = writeln!(
            std::io::stderr(),
            "ordo: warning: {reference} is not in git yet: commit it with the order (or use \
             --commit), or every teammate's `ordo validate` reports it missing"
        );
    }
    out.extend_from_slice(
        format!(
            "{}: {} ({}) logged by {by}, received {when}\n{}\n",
            loaded.order.id,
            args.kind,
            kind.title,
            change::shown(&path, &ledger.root)
        )
        .as_bytes(),
    );
    Ok(exit::OK)
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
        return Err(Failure::Usage(format!(
            "{reference}: give a path inside the ledger's folder (no `..`, not absolute), or an address such as https://…"
        )));
    }
    if !root.join(path).is_file() {
        return Err(Failure::Usage(format!(
            "{reference} is not a file in the ledger's folder; add the document to the repository first, or give its address"
        )));
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
