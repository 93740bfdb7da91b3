//! `ordo plan ID|--all [--rebaseline --reason T]`: write the baseline (`planned`)
//! dates of open steps from their computed due dates. A baseline is frozen once
//! written (SOP: estimated dates are not changed afterwards); `--rebaseline`
//! rewrites it and records why in `amendments`.

use yaml_serde::{Mapping, Value};

use super::change::{self, resolve_by, when_text};
use super::invocation::now_in;
use super::opening::{load_order, open_ledger};
use crate::cli::{Cli, PlanArgs};
use crate::edit::patch::{append_to_list, one_line, set_step_fields};
use crate::ledger::read::LoadedOrder;
use crate::{Environment, Failure, exit};
use ordo_core::engine::due::Basis;
use ordo_core::engine::schedule::Schedule;
use ordo_core::model::status::Status;

pub(crate) fn run(
    cli: &Cli,
    args: &PlanArgs,
    env: &Environment,
    out: &mut Vec<u8>,
) -> Result<u8, Failure> {
    let ledger = open_ledger(cli, env)?;
    let now = now_in(cli, env, ledger.tz)?;
    if args.rebaseline && args.reason.as_deref().is_none_or(|r| r.trim().is_empty()) {
        return Err(Failure::usage(
            "--rebaseline needs --reason: a re-baseline is recorded as an amendment",
        ));
    }
    let by = if args.rebaseline {
        Some(resolve_by(&ledger, args.by.as_deref())?)
    } else {
        None
    };
    let mut left_out = 0;
    let orders: Vec<LoadedOrder> = match (&args.id, args.all) {
        (Some(id), false) => vec![load_order(&ledger, id)?],
        (None, true) => {
            // Edits need each file's text, which `read_all` does not keep.
            let mut good = Vec::new();
            let mut bad = Vec::new();
            for file in &ledger.order_files {
                match ledger.read(file) {
                    Ok(loaded) => good.push(loaded),
                    Err(blocked) => bad.push((file.rel.clone(), blocked)),
                }
            }
            let bad = ledger.with_strays(bad);
            left_out = bad.len();
            for (rel, blocked) in &bad {
                out.extend_from_slice(
                    format!(
                        "skipped {} (not valid, see `ordo validate`): {}\n",
                        rel.display(),
                        blocked.first_problem()
                    )
                    .as_bytes(),
                );
            }
            good
        }
        _ => return Err(Failure::usage("name one order, or use --all")),
    };
    let mut written = 0;
    for loaded in &orders {
        let Some(schedule) = Schedule::of(&ledger.config, &ledger.calendars, &loaded.order) else {
            continue;
        };
        if !matches!(schedule.status, Status::Open | Status::OnHold) {
            continue;
        }
        let mut plans: Vec<(String, String)> = Vec::new();
        for line in schedule.steps.iter().filter(|l| l.state.is_open()) {
            let Ok(due) = &line.due else { continue };
            let (Some(point), false) = (due.point, matches!(due.basis, Basis::Waiting { .. }))
            else {
                continue;
            };
            let date = point.date().to_string();
            let planned = line
                .record
                .and_then(|r| r.planned)
                .map(|p| p.date_part().to_string());
            let wanted = match planned {
                None => true,
                Some(current) => args.rebaseline && current != date,
            };
            if wanted {
                plans.push((line.step.id.clone(), date));
            }
        }
        if plans.is_empty() {
            continue;
        }
        let mut text = loaded.text.clone();
        for (step, date) in &plans {
            text = set_step_fields(&text, step, &[("planned", Value::String(date.clone()))])
                .map_err(|e| Failure::io(e.to_string()))?;
        }
        if let (true, Some(by)) = (args.rebaseline, &by) {
            let reason = one_line(args.reason.as_deref().unwrap_or_default().trim())
                .map_err(|e| Failure::usage(e.to_string()))?;
            let mut amendment = Mapping::new();
            amendment.insert("at".into(), Value::String(when_text("", None, now)?));
            amendment.insert("by".into(), Value::String(by.clone()));
            amendment.insert("summary".into(), reason);
            amendment.insert("impact".into(), "schedule".into());
            amendment.insert(
                "rebaseline".into(),
                Value::Sequence(
                    plans
                        .iter()
                        .map(|(s, _)| Value::String(s.clone()))
                        .collect(),
                ),
            );
            text = append_to_list(&text, "amendments", Value::Mapping(amendment))
                .map_err(|e| Failure::io(e.to_string()))?;
        }
        let listed: Vec<String> = plans.iter().map(|(s, d)| format!("{s} {d}")).collect();
        let verb = if args.rebaseline {
            "re-planned"
        } else {
            "planned"
        };
        let message = format!("{}: {verb} {}", loaded.order.id, listed.join(", "));
        change::apply(&ledger, loaded, &text, &message, &[], now, args.commit)?;
        written += 1;
        out.extend_from_slice(format!("{message}\n").as_bytes());
    }
    if written == 0 {
        out.extend_from_slice(
            b"nothing to plan: every open step with a due date already has a baseline\n",
        );
    }
    Ok(if args.strict && left_out > 0 {
        exit::FINDINGS
    } else {
        exit::OK
    })
}
