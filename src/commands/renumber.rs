//! `ordo renumber ID NEW_ID`: give an order another id (when two clones took one
//! id for two orders): its file is renamed, its `id` changed, and the old id
//! recorded under `former_ids`.

use std::path::PathBuf;

use super::change::check_order_text;
use super::opening::open_order;
use crate::cli::{Cli, RenumberArgs};
use crate::edit::{git, write};
use crate::{Environment, Failure, exit};
use ordo_core::layout::OrderFile;

pub(crate) fn run(
    cli: &Cli,
    args: &RenumberArgs,
    env: &Environment,
    out: &mut Vec<u8>,
) -> Result<u8, Failure> {
    let (ledger, now, loaded) = open_order(cli, env, &args.id)?;
    let year: i32 = loaded
        .file
        .year
        .as_deref()
        .and_then(|y| y.parse().ok())
        .unwrap_or_else(|| chrono::Datelike::year(&now));
    let taken_by = if ledger.order_file(&args.new_id).is_some() {
        Some("another order file has that id")
    } else if crate::ledger::git_ids::ids_in_git(&ledger.root, year)
        .map_err(|e| {
            Failure::from(e).hint(
                "nothing was renumbered: git must say which ids the branches hold, or the new id could be a teammate's",
            )
        })?
        .contains(&args.new_id)
    {
        Some("an order on a branch git knows has that id (a teammate's, once fetched)")
    } else if crate::ledger::ids::former_ids(&ledger.root, year).contains(&args.new_id) {
        Some("an order had that id before it was renumbered (`ordo show` still finds it by it)")
    } else {
        None
    };
    if let Some(why) = taken_by {
        return Err(Failure::usage(format!("{} is taken: {why}", args.new_id)));
    }
    let text = renumbered(&loaded.text, &args.id, &args.new_id)?;
    let folder = loaded
        .file
        .rel
        .parent()
        .map(PathBuf::from)
        .unwrap_or_default();
    let file = OrderFile {
        rel: folder.join(format!("{}.yaml", args.new_id)),
        stem: args.new_id.clone(),
        year: loaded.file.year.clone(),
    };
    check_order_text(&ledger, &file, &text, now, &[])?;
    let lock = crate::edit::lock::WriteLock::acquire(&ledger.root).map_err(|e| {
        Failure::io(format!(
            "cannot take the ledger's write lock (.ordo/write.lock): {e}"
        ))
    })?;
    let old_path = ledger.root.join(&loaded.file.rel);
    if std::fs::read(&old_path).ok().as_deref() != Some(loaded.text.as_bytes()) {
        return Err(Failure::io(format!(
            "{} changed on disk since it was read; nothing was written",
            loaded.file.rel.display()
        ))
        .hint("run the command again"));
    }
    write::create(&ledger.root.join(&file.rel), text.as_bytes())
        .map_err(|e| Failure::io(e.to_string()))?;
    std::fs::remove_file(&old_path).map_err(|e| {
        Failure::io(format!(
            "wrote {} but cannot remove {}: {e}",
            file.rel.display(),
            loaded.file.rel.display()
        ))
    })?;
    drop(lock);
    if args.commit {
        let message = format!("{}: renumbered from {}", args.new_id, args.id);
        git::commit_paths(&ledger.root, &[&loaded.file.rel, &file.rel], &message)
            .map_err(|e| Failure::io(format!("renumbered but not committed: {e}")))?;
    }
    out.extend_from_slice(
        format!(
            "{} is now {}: {} (its old id is kept under former_ids)\n",
            args.id,
            args.new_id,
            file.rel.display()
        )
        .as_bytes(),
    );
    Ok(exit::OK)
}

/// An order's text with a new id, and its old one under `former_ids`.
pub(crate) fn renumbered(text: &str, old: &str, new: &str) -> Result<String, Failure> {
    crate::edit::renumber::renumbered(text, old, new).map_err(|e| Failure::io(e.to_string()))
}
