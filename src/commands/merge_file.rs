//! `ordo merge-file BASE OURS THEIRS PATH`: the merge driver git runs for order
//! and customer files (`ordo setup-git` wires it). The merged text goes to OURS,
//! as git expects; exit 0 when nothing conflicts, 1 when markers are left (or an
//! order was renumbered and the merge must stop for the user to commit both).
//!
//! Two clones that each created an order under one id give an add/add merge of
//! two different orders: OURS keeps the id, THEIRS is written under the next id
//! free on every branch, with the old id under `former_ids`.

use std::path::{Path, PathBuf};

use super::renumber::renumbered;
use crate::cli::{Cli, MergeFileArgs};
use crate::edit::write;
use crate::ledger::ledger::Ledger;
use crate::merge::{self, Markers, Merged};
use crate::{Environment, Failure, exit};
use ordo_core::layout::{CONFIG_FILE, LedgerFile, classify};
use ordo_core::model::Order;
use ordo_core::model::id_format::IdFormat;

pub fn run(
    _cli: &Cli,
    args: &MergeFileArgs,
    env: &Environment,
    out: &mut Vec<u8>,
) -> Result<u8, Failure> {
    let read = |path: &Path| {
        std::fs::read_to_string(path)
            .map_err(|e| Failure::Io(format!("cannot read {}: {e}", path.display())))
    };
    let base = read(&args.base).unwrap_or_default();
    let ours = read(&args.ours)?;
    let theirs = read(&args.theirs)?;
    let markers = Markers {
        size: args.marker_size,
        ..Markers::default()
    };
    if base.trim().is_empty()
        && let Some(message) = two_orders_one_id(env, &args.path, &ours, &theirs)?
    {
        // OURS stays at the path; git stops for the user to commit both.
        let _ = std::io::Write::write_all(&mut std::io::stderr(), message.as_bytes());
        return Ok(exit::FINDINGS);
    }
    let merged = match merge::merge(&base, &ours, &theirs, &markers) {
        Some(merged) => merged,
        None => line_merge(args, &markers)?,
    };
    if args.stdout {
        out.extend_from_slice(merged.text.as_bytes());
    } else if merged.text != ours {
        write::replace(&args.ours, ours.as_bytes(), merged.text.as_bytes())
            .map_err(|e| Failure::Io(e.to_string()))?;
    }
    Ok(if merged.conflicts > 0 {
        exit::FINDINGS
    } else {
        exit::OK
    })
}

/// git's own line merge, for texts the structural merge cannot read.
fn line_merge(args: &MergeFileArgs, markers: &Markers) -> Result<Merged, Failure> {
    let output = std::process::Command::new("git")
        .args(["merge-file", "-p", "--marker-size"])
        .arg(markers.size.to_string())
        .args(["-L", &markers.ours, "-L", "base", "-L", &markers.theirs])
        .arg(&args.ours)
        .arg(&args.base)
        .arg(&args.theirs)
        .output()
        .map_err(|e| Failure::Io(format!("cannot run git merge-file: {e}")))?;
    let conflicts = match output.status.code() {
        Some(n) if n >= 0 => n as usize,
        _ => {
            return Err(Failure::Io(format!(
                "git merge-file failed: {}",
                String::from_utf8_lossy(&output.stderr).trim()
            )));
        }
    };
    Ok(Merged {
        text: String::from_utf8_lossy(&output.stdout).into_owned(),
        conflicts,
    })
}

/// When both sides added one order file holding two different orders: writes
/// THEIRS under the next free id and says what happened and what to run.
fn two_orders_one_id(
    env: &Environment,
    path: &Path,
    ours: &str,
    theirs: &str,
) -> Result<Option<String>, Failure> {
    let (Ok(ours_order), Ok(theirs_order)) = (
        ordo_core::yaml::from_str::<Order>(ours),
        ordo_core::yaml::from_str::<Order>(theirs),
    ) else {
        return Ok(None);
    };
    if ours == theirs || ours_order.id != theirs_order.id {
        return Ok(None);
    }
    let full = env.cwd.join(path);
    let Some(root) = full
        .ancestors()
        .skip(1)
        .find(|dir| dir.join(CONFIG_FILE).is_file())
    else {
        return Ok(None);
    };
    let Some(LedgerFile::Order(file)) = full.strip_prefix(root).ok().and_then(classify) else {
        return Ok(None);
    };
    let ledger = Ledger::open(root).map_err(|_| {
        Failure::Usage("ordo.yaml is not valid; the orders cannot be renumbered".into())
    })?;
    let format = IdFormat::parse(&ledger.config.id_format)
        .map_err(|e| Failure::Usage(format!("id_format: {e}")))?;
    let Some(parts) = format.read(&theirs_order.id) else {
        return Ok(None);
    };
    if parts.seq.is_none() {
        return Ok(None);
    }
    let received = theirs_order.received.0.local_date(ledger.tz);
    let year = parts.year.unwrap_or(chrono::Datelike::year(&received));
    let month = parts.month.unwrap_or(chrono::Datelike::month(&received));
    let mut taken: std::collections::BTreeSet<String> =
        ledger.order_files.iter().map(|f| f.stem.clone()).collect();
    taken.extend(crate::ledger::git_ids::ids_in_git(root, year));
    let seq = taken
        .iter()
        .filter_map(|id| format.read(id))
        .filter(|p| {
            p.year.is_none_or(|y| y == year)
                && p.month.is_none_or(|m| m == month)
                && p.customer == parts.customer
        })
        .filter_map(|p| p.seq)
        .max()
        .unwrap_or(0)
        + 1;
    let customer = parts.customer.clone().unwrap_or_default();
    let new_id = format.render(year, month, &customer, seq);
    let text = renumbered(theirs, &theirs_order.id, &new_id)?;
    let folder: PathBuf = file.rel.parent().map(PathBuf::from).unwrap_or_default();
    let new_rel = folder.join(format!("{new_id}.yaml"));
    write::create(&root.join(&new_rel), text.as_bytes()).map_err(|e| Failure::Io(e.to_string()))?;
    let shown = |rel: &Path| {
        root.join(rel)
            .strip_prefix(&env.cwd)
            .map_or_else(|_| rel.display().to_string(), |p| p.display().to_string())
    };
    Ok(Some(format!(
        "ordo: {old} was created on both sides as two different orders. Ours keeps {old}; \
theirs is now {new_id} ({new_path}, with former_ids: [{old}]).\n\
ordo: check both, then run: git add {old_path} {new_path} && git commit\n",
        old = theirs_order.id,
        new_path = shown(&new_rel),
        old_path = shown(&file.rel),
    )))
}
