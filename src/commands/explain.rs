//! `ordo explain ID STEP`: the chain behind a due date, one line per link with the
//! file and line its input came from, ending in the date and its basis.

use super::opening::{load_order, open_ledger, workflow_of};
use crate::cli::{Cli, ExplainArgs};
use crate::{Environment, Failure, exit};
use ordo_core::engine::due::{DueEngine, Source};
use ordo_core::yaml::{LineIndex, Route, locate_all};

pub(crate) fn run(
    cli: &Cli,
    args: &ExplainArgs,
    env: &Environment,
    out: &mut Vec<u8>,
) -> Result<u8, Failure> {
    let ledger = open_ledger(cli, env)?;
    let loaded = load_order(&ledger, &args.id)?;
    let order = &loaded.order;
    let (name, workflow) = workflow_of(&ledger, order)?;
    let engine = DueEngine::new(order, name, workflow, &ledger.calendars).explaining();
    let is_step = workflow.steps.iter().any(|s| s.id == args.step);
    let is_installment = order
        .contract
        .as_ref()
        .is_some_and(|c| c.payment_terms.iter().any(|t| t.name == args.step));
    let computed = if is_step {
        engine.step_due(&args.step)
    } else if is_installment {
        engine.installment_due(&args.step)
    } else {
        let ids: Vec<&str> = workflow.steps.iter().map(|s| s.id.as_str()).collect();
        return Err(Failure::usage(format!(
            "`{}` is neither a step of workflow {name} ({}) nor an installment of the order",
            args.step,
            ids.join(", ")
        )));
    };
    let computed =
        computed.map_err(|e| Failure::usage(format!("{} {}: {e}", order.id, args.step)))?;

    // Every link's place, found with one pass over each file.
    let links: Vec<&ordo_core::engine::due::Link> = computed.links.iter().collect();
    let order_rel = loaded.file.rel.display().to_string();
    let lines_in = |text: &str, routes: Vec<Route>| -> Vec<usize> {
        let index = LineIndex::new(text);
        locate_all(text, &routes)
            .into_iter()
            .map(|found| {
                index
                    .line_col(text, found.key.unwrap_or(found.value).start)
                    .0
            })
            .collect()
    };
    let routes_of = |config: bool| -> Vec<Route> {
        links
            .iter()
            .filter_map(|l| match (&l.source, config) {
                (Some(Source::Config(route)), true) | (Some(Source::Order(route)), false) => {
                    Some(route.clone())
                }
                _ => None,
            })
            .collect()
    };
    let mut config_lines = lines_in(&ledger.config_text, routes_of(true)).into_iter();
    let mut order_lines = lines_in(&loaded.text, routes_of(false)).into_iter();
    let rows: Vec<(String, String)> = links
        .iter()
        .map(|link| {
            let at = match &link.source {
                Some(Source::Config(_)) => {
                    config_lines.next().map(|line| format!("ordo.yaml:{line}"))
                }
                Some(Source::Order(_)) => {
                    order_lines.next().map(|line| format!("{order_rel}:{line}"))
                }
                None => None,
            };
            (link.text.clone(), at.unwrap_or_default())
        })
        .collect();
    let width = rows
        .iter()
        .map(|(t, _)| t.chars().count())
        .max()
        .unwrap_or(0);
    let due = computed
        .point
        .map_or("no date".to_owned(), |p| p.to_string());
    let mut text = format!(
        "{} {}: due {due} ({})\n",
        order.id,
        args.step,
        computed.basis.label()
    );
    for (link, at) in rows {
        let pad = width - link.chars().count();
        let at = if at.is_empty() {
            String::new()
        } else {
            format!("{}   {at}", " ".repeat(pad))
        };
        text.push_str(&format!("  {link}{at}\n"));
    }
    text.push_str(&format!("= {due} ({})\n", computed.basis.label()));
    out.extend_from_slice(text.as_bytes());
    Ok(exit::OK)
}
