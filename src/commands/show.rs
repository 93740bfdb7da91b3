//! `ordo show ID`: one order, its status and stage, totals, every applicable step
//! with planned / due (basis) / done / by, installments, amendments, incidents and
//! holds; as text or JSON.

use super::invocation::{lang_of, now_in};
use super::opening::{load_order, open_ledger, schedule_of};
use crate::cli::{Cli, ShowArgs, ShowFormat};
use crate::output::plain_table::{plain, render};
use crate::output::report::Format;
use crate::{Environment, Failure, exit};
use ordo_core::i18n::{Lang, heading, t, tr};
use ordo_core::reports::Book;
use ordo_core::reports::order_view::{OrderView, view};

pub(crate) fn run(
    cli: &Cli,
    args: &ShowArgs,
    env: &Environment,
    out: &mut Vec<u8>,
) -> Result<u8, Failure> {
    let ledger = open_ledger(cli, env)?;
    let loaded = load_order(&ledger, &args.id)?;
    let order = &loaded.order;
    // Names the unknown workflow when there is one.
    schedule_of(&ledger, order)?;
    let format = match args.format {
        ShowFormat::Text => Format::Table,
        ShowFormat::Json => Format::Json,
    };
    let book = Book {
        config: &ledger.config,
        calendars: &ledger.calendars,
        tz: ledger.tz,
        now: now_in(cli, env, ledger.tz)?,
        lang: lang_of(cli, &ledger.config, Some(format)),
    };
    let customer = ledger.customers.get(&order.customer);
    let Some(order_view) = view(&book, order, customer) else {
        return Err(Failure::usage(format!(
            "order {} has no workflow",
            order.id
        )));
    };
    // An order over its customer's credit limit awaits an approval that is
    // on no step line until recorded (an optional step): said under the
    // status, judged over the ledger (its cached exposures).
    let awaiting = match args.format {
        ShowFormat::Text
            if book
                .config
                .credit
                .as_ref()
                .is_some_and(|c| !order.steps.contains_key(&c.approval_step)) =>
        {
            crate::ledger::opened::awaiting_approval(&ledger, book.now)
                .0
                .remove(&order.id)
        }
        _ => None,
    };
    let text = match args.format {
        ShowFormat::Text => text(
            &order_view,
            book.lang,
            awaiting.map(|why| why.text(book.lang)).as_deref(),
        ),
        ShowFormat::Json => crate::output::order_json_v1::write(&order_view)
            .map_err(|e| Failure::io(format!("cannot write JSON: {e}")))?,
    };
    out.extend_from_slice(text.as_bytes());
    Ok(exit::OK)
}

fn table(lang: Lang, keys: &[&str]) -> comfy_table::Table {
    let headings: Vec<String> = keys.iter().map(|k| heading(lang, k)).collect();
    let headings: Vec<&str> = headings.iter().map(String::as_str).collect();
    plain(&headings)
}

fn text(v: &OrderView<'_>, lang: Lang, awaiting: Option<&str>) -> String {
    let mut text = String::new();
    let mut line = |s: String| {
        text.push_str(&s);
        text.push('\n');
    };
    let customer = v.customer_name.as_deref().unwrap_or("");
    line(format!(
        "{}  {customer} ({})  {} {}",
        v.id,
        v.customer,
        t(lang, "order-owner"),
        v.owner
    ));
    let last = v
        .last_done
        .as_ref()
        .map(|s| format!(", {}: {s}", t(lang, "order-last-done")))
        .unwrap_or_default();
    let stage = v
        .stage
        .as_ref()
        .map(|s| format!(", {}: {s}", t(lang, "order-stage")))
        .unwrap_or_default();
    line(format!(
        "{} {}{last}{stage}",
        t(lang, "order-status"),
        v.status
    ));
    if let Some(why) = awaiting {
        line(format!(
            "  {}",
            tr(lang, "order-awaiting-approval", &[("why", why.into())])
        ));
    }
    if let Some(reason) = &v.state_reason {
        line(format!("  ({reason})"));
    }
    line(format!(
        "{} {} · {} {} · {} · {} · {}",
        t(lang, "order-workflow"),
        v.workflow,
        t(lang, "order-received"),
        v.received,
        v.channel,
        v.priority,
        v.kind
    ));
    if let Some(day) = v.requested_delivery {
        line(format!("{} {day}", t(lang, "order-requested-delivery")));
    }
    if let Some(s) = v.shipment {
        let tracking = s
            .tracking
            .as_deref()
            .map(|n| format!(" {n}"))
            .unwrap_or_default();
        let eta = s
            .eta
            .map(|m| format!(" · {} {m}", t(lang, "form-eta")))
            .unwrap_or_default();
        line(format!(
            "{} {}{tracking}{eta}",
            t(lang, "form-carrier"),
            s.carrier
        ));
    }
    line(format!(
        "{} {} {} · {} {} · {} {}",
        t(lang, "order-total"),
        v.currency,
        v.total,
        t(lang, "order-paid"),
        v.paid,
        t(lang, "order-outstanding"),
        v.outstanding
    ));

    let mut steps = table(
        lang,
        &[
            "step", "title", "state", "planned", "due", "basis", "done", "by",
        ],
    );
    for s in &v.steps {
        let state = match s.state {
            "blocked" => tr(
                lang,
                "state-after",
                &[("steps", s.after.join(", ").as_str().into())],
            ),
            other => t(lang, &format!("state-{other}")),
        };
        let done = match (&s.done, &s.skipped) {
            (Some(done), _) => done.clone(),
            (None, Some(reason)) => tr(lang, "order-skipped", &[("reason", reason.into())]),
            _ => String::new(),
        };
        let basis = if s.basis == "error" {
            format!("error: {}", s.basis_text)
        } else {
            s.basis_text.clone()
        };
        steps.add_row(vec![
            s.id.clone(),
            s.title.clone(),
            state,
            s.planned.clone().unwrap_or_default(),
            s.due.clone().unwrap_or_default(),
            basis,
            done,
            s.by.clone().unwrap_or_default(),
        ]);
    }
    line(String::new());
    line(render(&steps).trim_end().to_owned());
    for s in v.steps.iter().filter(|s| !s.needs.is_empty()) {
        line(format!(
            "  {}",
            tr(
                lang,
                "order-needs",
                &[
                    ("step", s.id.as_str().into()),
                    ("documents", s.needs.join(", ").as_str().into()),
                ],
            )
        ));
    }
    for s in &v.steps {
        for text in [&s.update, &s.expected].into_iter().flatten() {
            line(format!("  {text}"));
        }
    }
    if !v.progress.is_empty() {
        line(String::new());
        line(format!("{}:", t(lang, "order-progress")));
        for p in v.progress {
            let step = p
                .step
                .as_deref()
                .map(|s| format!(" {s}"))
                .unwrap_or_default();
            let expect = p
                .expect
                .as_ref()
                .map(|e| format!(" ({} {e})", t(lang, "col-expect")))
                .unwrap_or_default();
            line(format!("  {} {}{step}: {}{expect}", p.at, p.by, p.status));
        }
    }
    if !v.documents.is_empty() {
        line(String::new());
        line(format!("{}:", t(lang, "order-documents")));
        for d in v.documents {
            let by = d.by.as_deref().map(|b| format!(" {b}")).unwrap_or_default();
            let note = d
                .note
                .as_deref()
                .map(|n| format!(" ({n})"))
                .unwrap_or_default();
            line(format!(
                "  {} {}{by}: {}{note}",
                d.received, d.kind, d.reference
            ));
        }
    }

    if !v.installments.is_empty() {
        let mut pay = table(
            lang,
            &[
                "installment",
                "percent",
                "amount",
                "paid",
                "outstanding",
                "due",
                "basis",
            ],
        );
        for i in &v.installments {
            pay.add_row(vec![
                i.name.clone(),
                i.percent.clone(),
                i.amount.clone(),
                i.paid.clone(),
                i.outstanding.clone(),
                i.due.clone().unwrap_or_default(),
                i.basis.clone(),
            ]);
        }
        line(String::new());
        line(render(&pay).trim_end().to_owned());
        for carry in &v.carried {
            let from = carry.from.as_deref().map_or_else(
                || t(lang, "order-carried-unknown"),
                |name| tr(lang, "order-carried-surplus", &[("name", name.into())]),
            );
            line(format!(
                "  {}",
                tr(
                    lang,
                    "order-carried",
                    &[
                        ("from", from.as_str().into()),
                        ("amount", carry.amount.as_str().into()),
                        ("to", carry.to.as_str().into()),
                    ],
                )
            ));
        }
    }
    if !v.amendments.is_empty() {
        line(String::new());
        line(format!("{}:", t(lang, "order-amendments")));
        for a in v.amendments {
            let reconfirmed = a
                .reconfirmed
                .map(|d| {
                    let when = d.to_string();
                    format!(
                        "; {}",
                        tr(lang, "order-reconfirmed", &[("when", when.as_str().into())])
                    )
                })
                .unwrap_or_default();
            let review = a
                .review
                .as_ref()
                .map(|r| {
                    let when = r.done.to_string();
                    format!(
                        "; {}",
                        tr(
                            lang,
                            "order-reviewed",
                            &[("when", when.as_str().into()), ("by", (&r.by).into())]
                        )
                    )
                })
                .unwrap_or_default();
            line(format!(
                "  {} {} ({}): {}{reconfirmed}{review}",
                a.at, a.by, a.impact, a.summary
            ));
        }
    }
    if !v.incidents.is_empty() {
        line(String::new());
        line(format!("{}:", t(lang, "order-incidents")));
        for i in v.incidents {
            let resolved = |at: &ordo_core::model::Moment| {
                let when = at.to_string();
                tr(lang, "order-resolved", &[("when", when.as_str().into())])
            };
            let end = match (&i.resolution, &i.resolved) {
                (Some(r), Some(at)) => format!("; {r}, {}", resolved(at)),
                (None, Some(at)) => format!("; {}", resolved(at)),
                _ => format!("; {}", t(lang, "order-open-incident")),
            };
            line(format!("  {} {}: {}{end}", i.opened, i.kind, i.summary));
        }
    }
    if !v.holds.is_empty() {
        line(String::new());
        line(format!("{}:", t(lang, "order-holds")));
        for h in v.holds {
            let to = h.to.map_or(t(lang, "order-ongoing"), |t| t.to_string());
            line(format!("  {} .. {to}: {}", h.from, h.reason));
        }
    }
    text
}
