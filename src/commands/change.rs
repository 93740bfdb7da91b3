//! What every writing command shares: who acts (`--by`), the time to record, and
//! the path from a changed text to disk: validate, write atomically, commit.

use std::path::{Path, PathBuf};

use chrono::DateTime;
use chrono_tz::Tz;

use crate::Failure;
use crate::edit::{git, write};
use std::io::Write;

use crate::ledger::blocked::Blocked;
use crate::ledger::files::OrderFile;
use crate::ledger::ledger::Ledger;
use crate::ledger::read::LoadedOrder;
use ordo_core::finding::{Code, Severity};
use ordo_core::model::Moment;
use ordo_core::model::order::Order;

/// The person acting: `--by`, else the person whose email is git's `user.email`.
pub(crate) fn resolve_by(ledger: &Ledger, by: Option<&str>) -> Result<String, Failure> {
    if let Some(by) = by {
        if ledger.config.people.contains_key(by) {
            return Ok(by.to_owned());
        }
        let known: Vec<&str> = ledger.config.people.keys().map(String::as_str).collect();
        return Err(
            Failure::usage(format!("`{by}` is not one of the people in ordo.yaml"))
                .suggest(by, &known),
        );
    }
    let email = git::user_email(&ledger.root).ok_or_else(|| {
        Failure::usage("git has no user.email to match against ordo.yaml's people")
            .hint("say who acts with --by")
    })?;
    ledger
        .config
        .people
        .iter()
        .find(|(_, p)| p.email.eq_ignore_ascii_case(&email))
        .map(|(key, _)| key.clone())
        .ok_or_else(|| {
            Failure::usage(format!(
                "no person in ordo.yaml has the email {email} (git config user.email)"
            ))
            .hint("say who acts with --by, or give that person this email in ordo.yaml")
        })
}

/// The text recorded for "when": the option `flag` as written, else now with
/// its offset.
pub(crate) fn when_text(
    flag: &str,
    on: Option<&str>,
    now: DateTime<Tz>,
) -> Result<String, Failure> {
    match on {
        Some(text) => {
            let moment: Moment = text
                .parse()
                .map_err(|e| Failure::usage(format!("{flag}: {e}")))?;
            Ok(moment.to_string())
        }
        None => Ok(now.format("%Y-%m-%dT%H:%M:%S%:z").to_string()),
    }
}

/// Checks the new text as `validate` would; errors refuse the write, except those
/// of the codes in `allow` (the pending work a command creates on purpose, such as
/// the review a structural amendment calls for).
pub(crate) fn check_order_text(
    ledger: &Ledger,
    file: &OrderFile,
    text: &str,
    now: DateTime<Tz>,
    allow: &[ordo_core::finding::Code],
) -> Result<Order, Failure> {
    let (order, mut findings) = crate::validate::text::check_text(ledger, file, text, now);
    // Recording what happened never waits on a date that cannot be computed:
    // that is said, and the change is written.
    for finding in findings.iter().filter(|f| f.code == Code::CalendarRange) {
        let _ = writeln!(
            std::io::stderr(),
            "ordo: warning: {}: {}",
            finding.file.display(),
            finding.message
        );
    }
    // What the change leaves to look at (a promise after the requested
    // delivery, a step done out of order) is said, and does not stop it.
    for finding in findings
        .iter()
        .filter(|f| f.severity == Severity::Warning && f.code != Code::CalendarRange)
    {
        let _ = writeln!(
            std::io::stderr(),
            "ordo: warning[{}]: {}",
            finding.code.as_str(),
            finding.message
        );
    }
    findings.retain(|f| {
        f.severity == Severity::Error && f.code != Code::CalendarRange && !allow.contains(&f.code)
    });
    match order {
        Some(order) if findings.is_empty() => Ok(order),
        _ => {
            let mut blocked = Blocked::default();
            blocked.sources.insert(file.rel.clone(), text.to_owned());
            blocked.findings = findings;
            Err(Failure::Findings {
                message: format!(
                    "the change would leave {} invalid; nothing was written",
                    file.rel.display()
                ),
                blocked,
            })
        }
    }
}

/// Validates the new text of an order that `loaded` read, writes it (refused if
/// the file changed since), and commits it when asked. `allow` names the finding
/// codes the change may leave behind on purpose.
pub(crate) fn apply(
    ledger: &Ledger,
    loaded: &LoadedOrder,
    new: &str,
    message: &str,
    allow: &[ordo_core::finding::Code],
    now: DateTime<Tz>,
    commit: bool,
) -> Result<PathBuf, Failure> {
    let file = &loaded.file;
    check_order_text(ledger, file, new, now, allow)?;
    let path = replace_checked(ledger, &file.rel, &loaded.text, new)?;
    if commit {
        git::commit_file(&ledger.root, &file.rel, message).map_err(|e| {
            Failure::io(format!(
                "{} was written but not committed: {e}",
                file.rel.display()
            ))
        })?;
    }
    Ok(path)
}

/// Writes `new` over the ledger file `rel` that held `old` when read, under
/// the ledger's write lock; refused when the file changed since. The caller
/// has checked `new`.
pub(crate) fn replace_checked(
    ledger: &Ledger,
    rel: &Path,
    old: &str,
    new: &str,
) -> Result<PathBuf, Failure> {
    let path = ledger.root.join(rel);
    // Written aside first: a writer waiting for the lock waits with its text
    // on disk, and only the check and the rename happen under the lock.
    let staged =
        write::Staged::new(&path, new.as_bytes()).map_err(|e| Failure::io(e.to_string()))?;
    let lock = crate::edit::lock::WriteLock::acquire(&ledger.root).map_err(|e| {
        Failure::io(format!(
            "cannot take the ledger's write lock (.ordo/write.lock): {e}"
        ))
    })?;
    if let Some(dir) = path.parent() {
        write::remove_leftovers(dir);
    }
    staged
        .replace(old.as_bytes())
        .map_err(|e| Failure::io(e.to_string()))?;
    drop(lock);
    Ok(path)
}

/// A one-line text option's value, never empty: refused with the flag named.
pub(crate) fn text_flag(flag: &str, value: &str) -> Result<yaml_serde::Value, Failure> {
    if value.trim().is_empty() {
        return Err(Failure::usage(format!("{flag} needs a value")));
    }
    crate::edit::patch::one_line(value).map_err(|e| Failure::usage(format!("{flag}: {e}")))
}

/// A path for messages, relative to the ledger root.
pub(crate) fn shown(path: &Path, root: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .display()
        .to_string()
}

/// A step the rules of recording refuse, as the command's failure.
pub(crate) fn refused(refusal: ordo_core::engine::act::Refusal) -> Failure {
    Failure::usage(refusal.to_string())
}
