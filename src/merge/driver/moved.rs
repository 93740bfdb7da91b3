//! Orders and ids that do not line up across the sides of a merge.
//!
//! Two clones that each created an order under one id: the order already on
//! a remote keeps the id (teammates know it by it) and the other moves to the
//! next free id, `former_ids` recording where it came from; without a remote
//! to tell, the side already there keeps it (THEIRS in a merge, which brings
//! the upstream in; OURS in a rebase or cherry-pick, which replays onto it).
//!
//! A change made to an order that has since moved to another id (a rebase
//! replaying a commit made before the move) is applied to the order under
//! its new id, never to the order that now holds the old one; a change to an
//! order whose id the other side gave to another order is a conflict of the
//! whole file. Either way git stops for the user, who is told what happened.

use std::path::{Path, PathBuf};

use super::git::{self, Operation};
use super::order::OrderIdent;
use super::{Outcome, Place, Request, line_merge_files, shell_word};
use crate::edit::write;
use crate::ledger::ledger::Ledger;
use ordo_core::layout::{LedgerFile, classify};
use ordo_core::model::id_format::IdFormat;

/// Settles a merge whose sides hold different orders; `None` when they hold
/// one order (the structural merge goes on).
pub(crate) fn settle(
    req: &Request<'_>,
    place: &Place,
    base: Option<&str>,
    ours: &str,
    theirs: &str,
) -> Result<Option<Outcome>, String> {
    let (Some(o), Some(t)) = (OrderIdent::of(ours), OrderIdent::of(theirs)) else {
        return Ok(None);
    };
    let Some(base) = base else {
        if ours == theirs || o.same_order(&t) || o.id != t.id {
            return Ok(None);
        }
        return collision(req, place, ours, theirs, &o, &t).map(Some);
    };
    let Some(b) = OrderIdent::of(base) else {
        return Ok(None);
    };
    match (b.same_order(&o), b.same_order(&t)) {
        (true, true) => Ok(None),
        // THEIRS changed the order that was here; OURS holds another now.
        (false, true) => match find_moved(place, req.path, &b) {
            Some(moved) => redirect(req, place, base, ours, theirs, &moved).map(Some),
            None if b.certain(&o) => Ok(Some(whole_conflict(req, ours, theirs, &o, &t))),
            None => Ok(None),
        },
        (true, false) if b.certain(&t) => Ok(Some(whole_conflict(req, ours, theirs, &o, &t))),
        (false, false) if b.certain(&o) || b.certain(&t) => {
            Ok(Some(whole_conflict(req, ours, theirs, &o, &t)))
        }
        _ => Ok(None),
    }
}

/// Two orders created under one id: one keeps it, the other moves.
fn collision(
    req: &Request<'_>,
    place: &Place,
    ours: &str,
    theirs: &str,
    o: &OrderIdent,
    t: &OrderIdent,
) -> Result<Outcome, String> {
    let rel = req.path.to_string_lossy().replace('\\', "/");
    let operation = Operation::current(req.top, &req.base_label);
    let pushed = |side: &OrderIdent| {
        git::published(req.top, &rel, side).map_err(|e| {
            format!(
                "cannot tell whether {} is already on a remote, so neither order was renumbered: {e}",
                side.id
            )
        })
    };
    let (ours_pushed, theirs_pushed) = (pushed(o)?, pushed(t)?);
    let ours_keeps = match (ours_pushed, theirs_pushed) {
        (true, false) => true,
        (false, true) => false,
        _ => operation.replays(),
    };
    let why = if (ours_keeps && ours_pushed) || (!ours_keeps && theirs_pushed) {
        "The one already pushed"
    } else {
        "The one already there"
    };
    let (kept, kept_side, moving, moving_side, moving_text) = if ours_keeps {
        (o, "ours", t, "theirs", theirs)
    } else {
        (t, "theirs", o, "ours", ours)
    };
    let Some(LedgerFile::Order(file)) = &place.file else {
        return Err("not an order file".into());
    };
    let ledger = Ledger::open_lenient(&place.root, false)
        .ledger
        .ok_or("ordo.yaml is not valid; the orders cannot be renumbered")?;
    let format =
        IdFormat::parse(&ledger.config.id_format).map_err(|e| format!("id_format: {e}"))?;
    let parts = format
        .read(&moving.id)
        .filter(|p| p.seq.is_some())
        .ok_or_else(|| format!("{} does not follow id_format; cannot renumber", moving.id))?;
    let year = parts
        .year
        .or_else(|| file.year.as_deref()?.parse().ok())
        .unwrap_or(0);
    let month = parts.month.unwrap_or(1);
    let customer = parts.customer.clone().unwrap_or_default();
    let mut taken = crate::ledger::ids::taken(&place.root, year).map_err(|e| {
        format!("cannot tell which ids the branches hold, so the order is not renumbered: {e}")
    })?;
    taken.insert(kept.id.clone());
    let (new_id, _) = crate::ledger::ids::next(&format, &taken, year, month, &customer);
    let text = crate::edit::renumber::renumbered(moving_text, &moving.id, &new_id)
        .map_err(|e| e.to_string())?;
    let folder = file.rel.parent().map(PathBuf::from).unwrap_or_default();
    let new_rel = folder.join(format!("{new_id}.yaml"));
    write::create(&place.root.join(&new_rel), text.as_bytes()).map_err(|e| e.to_string())?;
    let shown = |rel: &Path| shown_path(req.top, &place.root.join(rel));
    let (old_path, new_path) = (shown(&file.rel), shown(&new_rel));
    let mut messages = vec![format!(
        "{old} was created on both sides as two different orders. {why} ({kept_side}: {}) \
         keeps {old}; the other ({moving_side}: {}) is now {new_id}: {new_path} \
         (with former_ids: [{old}]). Tell its owner, {}.",
        kept.describe(),
        moving.describe(),
        moving.owner,
        old = kept.id,
    )];
    let add = format!(
        "git add {} {}",
        shell_word(&old_path),
        shell_word(&new_path)
    );
    let replayed = (operation.replays() && moving_side == "theirs")
        .then(|| git::message(req.top, &req.markers.theirs))
        .flatten()
        .filter(|m| m.contains(&kept.id));
    messages.push(match replayed {
        // The replayed commit's message names the old id: commit it anew.
        Some(message) => format!(
            "check both, then run: {add} && git commit -m {} && {}",
            shell_word(&message.replace(&kept.id, &new_id)),
            operation.go_on()
        ),
        None => format!("check both, then run: {add} && {}", operation.go_on()),
    });
    Ok(Outcome {
        text: if ours_keeps { ours } else { theirs }.as_bytes().to_vec(),
        clean: false,
        messages,
    })
}

/// The file in the working tree, other than `path`, that holds the order
/// `b` (it moved there; a moved order stays in its year's folder).
fn find_moved(place: &Place, path: &Path, b: &OrderIdent) -> Option<PathBuf> {
    let Some(LedgerFile::Order(file)) = &place.file else {
        return None;
    };
    let folder = place.root.join(file.rel.parent()?);
    let here = file.rel.file_name()?;
    std::fs::read_dir(folder)
        .ok()?
        .flatten()
        .filter(|e| e.file_name() != here)
        .map(|e| e.path())
        .find(|p| {
            std::fs::read_to_string(p).is_ok_and(|text| {
                let mentions =
                    text.contains(&b.id) || b.uid.as_ref().is_some_and(|u| text.contains(u));
                mentions && OrderIdent::of(&text).is_some_and(|there| there.same_order(b))
            })
        })
        .filter(|p| p.as_path() != place.root.join(path))
}

/// THEIRS's change to the order now at `moved`, applied there.
fn redirect(
    req: &Request<'_>,
    place: &Place,
    base: &str,
    ours: &str,
    theirs: &str,
    moved: &Path,
) -> Result<Outcome, String> {
    let current = std::fs::read_to_string(moved)
        .map_err(|e| format!("cannot read {}: {e}", moved.display()))?;
    let merged = match super::super::merge(Some(base), &current, theirs, &req.markers) {
        Some(merged) => merged.into(),
        None => {
            let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
            let files = [
                ("base", base),
                ("ours", current.as_str()),
                ("theirs", theirs),
            ]
            .map(|(name, text)| (dir.path().join(name), text));
            for (path, text) in &files {
                std::fs::write(path, text).map_err(|e| e.to_string())?;
            }
            line_merge_files(&files[1].0, &files[0].0, &files[2].0, &req.markers)?
        }
    };
    write::replace(moved, current.as_bytes(), &merged.text).map_err(|e| e.to_string())?;
    let old = shown_path(req.top, &req.top.join(req.path));
    let new = shown_path(req.top, moved);
    let id = OrderIdent::of(theirs).map(|t| t.id).unwrap_or_default();
    let new_id = classify(moved.strip_prefix(&place.root).unwrap_or(moved))
        .and_then(|f| match f {
            LedgerFile::Order(f) => Some(f.stem),
            _ => None,
        })
        .unwrap_or_default();
    let conflicts = if merged.conflicts > 0 {
        " (with conflict markers to resolve there)"
    } else {
        ""
    };
    Ok(Outcome {
        text: ours.as_bytes().to_vec(),
        clean: false,
        messages: vec![
            format!(
                "this change was made to {id} before that order became {new_id}; it is applied \
                 to {new_id} instead{conflicts}, and {old} keeps the order that holds {id} now"
            ),
            format!(
                "check {new}, then run: git add {} {} && {}",
                shell_word(&old),
                shell_word(&new),
                Operation::current(req.top, &req.base_label).go_on()
            ),
        ],
    })
}

/// Both whole texts between markers: the sides hold different orders and
/// neither change may land on the other's order.
fn whole_conflict(
    req: &Request<'_>,
    ours: &str,
    theirs: &str,
    o: &OrderIdent,
    t: &OrderIdent,
) -> Outcome {
    let m = &req.markers;
    let line = |c: char| c.to_string().repeat(m.size);
    let end = |text: &str| if text.ends_with('\n') { "" } else { "\n" };
    let text = format!(
        "{} {}\n{ours}{}{}\n{theirs}{}{} {}\n",
        line('<'),
        m.ours,
        end(ours),
        line('='),
        end(theirs),
        line('>'),
        m.theirs
    );
    Outcome {
        text: text.into_bytes(),
        clean: false,
        messages: vec![format!(
            "{}: the two sides hold different orders under this id (ours: {}; theirs: {}), \
             so neither's changes were merged into the other; both are between the markers: \
             keep the order that holds the id now, and make the other's change on it under \
             its own id",
            req.path.display(),
            o.describe(),
            t.describe()
        )],
    }
}

/// A path as the user would type it from the top of the work tree.
fn shown_path(top: &Path, path: &Path) -> String {
    path.strip_prefix(top)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}
