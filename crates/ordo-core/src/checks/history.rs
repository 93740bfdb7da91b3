//! `history` and `baseline-changed` (with `validate --since REV`): what a change
//! may not do to an order's record. A done step is not removed or re-dated, a
//! skipped step is not revived without a note saying why, and a baseline
//! (`planned`) changes only with a re-baseline amendment that names the step.

use std::path::Path;

use crate::finding::{Code, Finding};
use crate::model::order::{Amendment, Order};
use crate::yaml::Route;

/// `history`: an order deleted although it had recorded history (a step done
/// or skipped, a payment). Its record is the company's; it is cancelled, not
/// deleted. Located in the text it had.
pub fn deleted(rel: &Path, old: &Order) -> Option<Finding> {
    let closed: Vec<&str> = old
        .steps
        .iter()
        .filter(|(_, r)| r.done.is_some() || r.skipped.is_some())
        .map(|(id, _)| id.as_str())
        .collect();
    let (what, route) = match (closed.is_empty(), old.payments.len()) {
        (false, _) => (
            format!("steps done or skipped: {}", closed.join(", ")),
            Route::keys(&["steps"]),
        ),
        (true, 0) => return None,
        (true, n) => (format!("{n} payment(s)"), Route::keys(&["payments"])),
    };
    Some(
        Finding::error(
            Code::History,
            rel,
            format!(
                "order {} is deleted, but it has recorded history ({what})",
                old.id
            ),
        )
        .at_key(route)
        .label("recorded here before the deletion")
        .help(
            "keep the file and cancel the order instead: `state: cancelled` with a `state_reason`",
        ),
    )
}

pub fn compare(rel: &Path, old: &Order, new: &Order) -> Vec<Finding> {
    let mut out = Vec::new();
    let added: Vec<&Amendment> = new
        .amendments
        .iter()
        .filter(|a| {
            !old.amendments
                .iter()
                .any(|o| o.at == a.at && o.summary == a.summary)
        })
        .collect();
    for (id, before) in &old.steps {
        let after = new.steps.get(id);
        let route = Route::keys(&["steps", id]);
        if let Some(done) = before.done {
            match after.and_then(|r| r.done) {
                None => out.push(
                    Finding::error(Code::History, rel, format!("step {id} was done ({done}); the change removes that"))
                        .at_key(if after.is_some() { route.clone() } else { Route::keys(&["steps"]) })
                        .label("done record removed")
                        .help("a done step stays done: record a correction in `note`, or an amendment"),
                ),
                Some(now) if now != done => out.push(
                    Finding::error(Code::History, rel, format!("step {id} is re-dated from {done} to {now}"))
                        .at(route.clone().key("done"))
                        .label("re-dated")
                        .help("the date a step was done is history: keep it, and explain a correction in `note`"),
                ),
                Some(_) => {}
            }
        }
        if let Some(reason) = &before.skipped {
            let still = after.is_some_and(|r| r.skipped.is_some());
            let explained =
                after.is_some_and(|r| r.note.as_deref().is_some_and(|n| !n.trim().is_empty()));
            if !still && !explained {
                out.push(
                    Finding::error(
                        Code::History,
                        rel,
                        format!("step {id} was skipped ({reason}) and is revived without a reason"),
                    )
                    .at_key(if after.is_some() {
                        route.clone()
                    } else {
                        Route::keys(&["steps"])
                    })
                    .label("revived")
                    .help(format!("say why {id} happens after all in its `note`")),
                );
            }
        }
        if let Some(planned) = before.planned {
            let now = after.and_then(|r| r.planned);
            let rebaselined = added.iter().any(|a| a.rebaseline.iter().any(|s| s == id));
            if now != Some(planned) && !rebaselined {
                let what = now.map_or_else(|| "removed".to_owned(), |n| format!("changed to {n}"));
                out.push(
                    Finding::error(
                        Code::BaselineChanged,
                        rel,
                        format!("the baseline of step {id} ({planned}) is {what} without a re-baseline"),
                    )
                    .at(if now.is_some() { route.key("planned") } else { route })
                    .label("baseline changed")
                    .help(format!(
                        "baselines are frozen: use `ordo plan {} --rebaseline --reason ...`, which records an amendment listing {id}",
                        new.id
                    )),
                );
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn order(steps: &str, amendments: &str) -> Order {
        let text = format!(
            "id: X\ncustomer: C\nowner: a\nreceived: 2026-05-06T10:00\nchannel: email\nsteps:\n{steps}{amendments}"
        );
        serde_json::from_value(crate::yaml::parse(&text).expect("yaml")).expect("order")
    }

    fn codes(old: &Order, new: &Order) -> Vec<String> {
        compare(Path::new("o.yaml"), old, new)
            .into_iter()
            .map(|f| format!("{}: {}", f.code, f.message))
            .collect()
    }

    #[test]
    fn done_steps_stay_done_on_their_date() {
        let old = order("  A: {done: 2026-05-07, by: a}\n", "");
        assert_eq!(codes(&old, &old), Vec::<String>::new());
        let redated = order("  A: {done: 2026-05-08, by: a}\n", "");
        assert_eq!(
            codes(&old, &redated),
            vec!["history: step A is re-dated from 2026-05-07 to 2026-05-08"]
        );
        let removed = order("  B: {done: 2026-05-08, by: a}\n", "");
        assert_eq!(
            codes(&old, &removed),
            vec!["history: step A was done (2026-05-07); the change removes that"]
        );
    }

    #[test]
    fn a_revived_skip_needs_a_note() {
        let old = order("  A: {skipped: not needed, by: a}\n", "");
        let bare = order("  A: {planned: 2026-05-09}\n", "");
        assert_eq!(codes(&old, &bare).len(), 1);
        let noted = order(
            "  A: {planned: 2026-05-09, note: the customer wants samples after all}\n",
            "",
        );
        assert_eq!(codes(&old, &noted), Vec::<String>::new());
    }

    #[test]
    fn baselines_change_only_with_a_rebaseline_amendment() {
        let old = order("  A: {planned: 2026-05-09}\n", "");
        let moved = order("  A: {planned: 2026-05-12}\n", "");
        assert_eq!(
            codes(&old, &moved),
            vec![
                "baseline-changed: the baseline of step A (2026-05-09) is changed to 2026-05-12 without a re-baseline"
            ]
        );
        let amended = order(
            "  A: {planned: 2026-05-12}\n",
            "amendments:\n  - {at: 2026-05-10T09:00, by: a, summary: slip, impact: schedule, rebaseline: [A]}\n",
        );
        assert_eq!(codes(&old, &amended), Vec::<String>::new());
        // An amendment that was already there does not cover a new change.
        assert_eq!(codes(&amended, &order("  A: {planned: 2026-05-13}\n", "amendments:\n  - {at: 2026-05-10T09:00, by: a, summary: slip, impact: schedule, rebaseline: [A]}\n")).len(), 1);
    }
}
