//! `ordo explain ID STEP`: the chain behind a due date, one line per link with the
//! file and line its input came from, ending in the date and its basis.

use super::common::{load_order, open_ledger, workflow_of};
use crate::cli::{Cli, ExplainArgs};
use crate::engine::due::{DueEngine, Source};
use crate::yaml::{LineIndex, Route, locate};
use crate::{Environment, Failure, exit};

pub fn run(
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
        return Err(Failure::Usage(format!(
            "`{}` is neither a step of workflow {name} ({}) nor an installment of the order",
            args.step,
            ids.join(", ")
        )));
    };
    let computed =
        computed.map_err(|e| Failure::Usage(format!("{} {}: {e}", order.id, args.step)))?;

    let order_rel = loaded.file.rel.display().to_string();
    let place = |source: &Source| -> String {
        let (file, text, route): (&str, &str, &Route) = match source {
            Source::Order(route) => (&order_rel, &loaded.text, route),
            Source::Config(route) => ("ordo.yaml", &ledger.config_text, route),
        };
        format!("{file}:{}", line_of(text, route))
    };
    let rows: Vec<(String, String)> = computed
        .links
        .iter()
        .map(|link| {
            (
                link.text.clone(),
                link.source.as_ref().map(&place).unwrap_or_default(),
            )
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

/// The 1-based line of the node at `route` (its key when it has one).
fn line_of(text: &str, route: &Route) -> usize {
    let found = locate(text, route);
    let at = found.key.unwrap_or(found.value).start;
    LineIndex::new(text).line_col(text, at).0
}
