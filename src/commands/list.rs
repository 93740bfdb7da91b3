//! `ordo list`: orders with status, stage and next due date, filtered.

use super::opening::open_ledger;
use crate::cli::{Cli, ListArgs};
use crate::output::plain_table::{plain as table, render};
use crate::{Environment, Failure, exit};
use ordo_core::engine::schedule::Schedule;

pub fn run(
    cli: &Cli,
    args: &ListArgs,
    env: &Environment,
    out: &mut Vec<u8>,
) -> Result<u8, Failure> {
    let ledger = open_ledger(cli, env)?;
    let (rows, invalid) = ledger.map_orders(|order| {
        let schedule = Schedule::of(&ledger.config, &ledger.calendars, order)?;
        let keep = args
            .status
            .as_ref()
            .is_none_or(|s| s.iter().any(|s| s == schedule.status.as_str()))
            && args
                .customer
                .as_ref()
                .is_none_or(|c| c.contains(&order.customer))
            && args.owner.as_ref().is_none_or(|o| o.contains(&order.owner))
            && args
                .priority
                .as_ref()
                .is_none_or(|p| p.iter().any(|p| p == order.priority.as_str()))
            && args
                .workflow
                .as_ref()
                .is_none_or(|w| w.iter().any(|w| w == schedule.workflow_name));
        if !keep {
            return None;
        }
        let (next, basis) = match schedule.next_due() {
            Some((line, due)) => (
                format!(
                    "{} {}",
                    due.point.map(|p| p.to_string()).unwrap_or_default(),
                    line.step.id
                ),
                due.basis.kind().to_owned(),
            ),
            None => (String::new(), String::new()),
        };
        Some(vec![
            order.id.clone(),
            order.customer.clone(),
            schedule.status.as_str().to_owned(),
            schedule.stage.map(|s| s.title.clone()).unwrap_or_default(),
            next,
            basis,
            order.owner.clone(),
            order.priority.to_string(),
        ])
    });
    let mut rows: Vec<Vec<String>> = rows.into_iter().flatten().collect();
    rows.sort();
    let mut table = table(&[
        "order", "customer", "status", "stage", "next due", "basis", "owner", "priority",
    ]);
    let count = rows.len();
    for row in rows {
        table.add_row(row);
    }
    let noun = if count == 1 { "order" } else { "orders" };
    let mut text = format!("{}{count} {noun}\n", render(&table));
    if !invalid.is_empty() {
        text.push_str(&format!(
            "\n{} order file(s) could not be read and are not listed (`ordo validate` says why):\n",
            invalid.len()
        ));
        for (rel, blocked) in &invalid {
            text.push_str(&format!(
                "  {}: {}\n",
                rel.display(),
                blocked.first_problem()
            ));
        }
    }
    out.extend_from_slice(text.as_bytes());
    Ok(if args.strict && !invalid.is_empty() {
        exit::FINDINGS
    } else {
        exit::OK
    })
}
