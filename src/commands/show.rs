//! `ordo show ID`: one order, its status and stage, totals, every applicable step
//! with planned / due (basis) / done / by, installments, amendments, incidents and
//! holds.

use super::opening::{load_order, open_ledger, schedule_of};
use crate::cli::{Cli, ShowArgs};
use crate::output::plain_table::{plain as table, render};
use crate::{Environment, Failure, exit};
use ordo_core::engine::schedule::StepState;

pub fn run(
    cli: &Cli,
    args: &ShowArgs,
    env: &Environment,
    out: &mut Vec<u8>,
) -> Result<u8, Failure> {
    let ledger = open_ledger(cli, env)?;
    let loaded = load_order(&ledger, &args.id)?;
    let order = &loaded.order;
    let schedule = schedule_of(&ledger, order)?;
    let customer = ledger
        .customers
        .get(&order.customer)
        .map_or("", |c| c.name.as_str());
    let currency = order
        .currency
        .as_deref()
        .or(ledger.config.currency.as_deref())
        .unwrap_or("");
    let decimals = ledger.config.decimals_of(order.currency.as_deref());
    let money = |amount| ordo_core::model::money::format(amount, decimals);
    let mut text = String::new();
    let mut line = |s: String| {
        text.push_str(&s);
        text.push('\n');
    };
    line(format!(
        "{}  {} ({})  owner {}",
        order.id, customer, order.customer, order.owner
    ));
    let stage = schedule
        .stage
        .map(|s| format!(", stage: {}", s.title))
        .unwrap_or_default();
    line(format!("status {}{stage}", schedule.status.as_str()));
    if let Some(reason) = &order.state_reason {
        line(format!("  ({reason})"));
    }
    line(format!(
        "workflow {} · received {} · {} · {} · {}",
        schedule.workflow_name, order.received, order.channel, order.priority, order.kind
    ));
    if let Some(day) = order.requested_delivery {
        line(format!("requested delivery {day}"));
    }
    line(format!(
        "total {currency} {} · paid {} · outstanding {}",
        money(schedule.total),
        money(schedule.paid),
        money((schedule.total - schedule.paid).max(rust_decimal::Decimal::ZERO))
    ));

    let mut steps = table(&[
        "step", "title", "state", "planned", "due", "basis", "done", "by",
    ]);
    for s in &schedule.steps {
        let (due, basis) = match &s.due {
            Ok(c) => (
                c.point.map(|p| p.to_string()).unwrap_or_default(),
                c.basis.label(),
            ),
            Err(e) => (String::new(), format!("error: {e}")),
        };
        let record = s.record;
        let done = match &s.state {
            StepState::Done => record
                .and_then(|r| r.done)
                .map(|d| d.to_string())
                .unwrap_or_default(),
            StepState::Skipped => format!(
                "skipped: {}",
                record.and_then(|r| r.skipped.clone()).unwrap_or_default()
            ),
            _ => String::new(),
        };
        steps.add_row(vec![
            s.step.id.clone(),
            s.step.title.to_string(),
            s.state.label(),
            record
                .and_then(|r| r.planned)
                .map(|p| p.to_string())
                .unwrap_or_default(),
            due,
            basis,
            done,
            record.and_then(|r| r.by.clone()).unwrap_or_default(),
        ]);
    }
    line(String::new());
    line(render(&steps).trim_end().to_owned());

    if !schedule.installments.is_empty() {
        let mut pay = table(&[
            "installment",
            "%",
            "amount",
            "paid",
            "outstanding",
            "due",
            "basis",
        ]);
        for i in &schedule.installments {
            let (due, basis) = match &i.due {
                Ok(c) => (
                    c.point.map(|p| p.to_string()).unwrap_or_default(),
                    c.basis.label(),
                ),
                Err(e) => (String::new(), format!("error: {e}")),
            };
            pay.add_row(vec![
                i.term.name.clone(),
                i.term.percent.to_string(),
                money(i.amount),
                money(i.paid),
                money(i.outstanding),
                due,
                basis,
            ]);
        }
        line(String::new());
        line(render(&pay).trim_end().to_owned());
        for carry in &schedule.carried {
            let from = carry.from.as_deref().map_or_else(
                || "payments of no installment of the terms".to_owned(),
                |name| format!("`{name}`'s surplus"),
            );
            line(format!(
                "  {from}: {} applied to `{}`",
                money(carry.amount),
                carry.to
            ));
        }
    }
    if !order.amendments.is_empty() {
        line(String::new());
        line("amendments:".into());
        for a in &order.amendments {
            let reconfirmed = a
                .reconfirmed
                .map(|d| format!("; reconfirmed {d}"))
                .unwrap_or_default();
            let review = a
                .review
                .as_ref()
                .map(|r| format!("; reviewed {} by {}", r.done, r.by))
                .unwrap_or_default();
            line(format!(
                "  {} {} ({}): {}{reconfirmed}{review}",
                a.at, a.by, a.impact, a.summary
            ));
        }
    }
    if !order.incidents.is_empty() {
        line(String::new());
        line("incidents:".into());
        for i in &order.incidents {
            let end = match (&i.resolution, &i.resolved) {
                (Some(r), Some(at)) => format!("; {r}, resolved {at}"),
                (None, Some(at)) => format!("; resolved {at}"),
                _ => "; open".into(),
            };
            line(format!("  {} {}: {}{end}", i.opened, i.kind, i.summary));
        }
    }
    if !order.holds.is_empty() {
        line(String::new());
        line("holds:".into());
        for h in &order.holds {
            let to = h.to.map_or("(ongoing)".to_owned(), |t| t.to_string());
            line(format!("  {} .. {}: {}", h.from, to, h.reason));
        }
    }
    out.extend_from_slice(text.as_bytes());
    Ok(exit::OK)
}
