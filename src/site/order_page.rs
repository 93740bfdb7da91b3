//! An order's page: its header, totals, steps as a table and a timeline,
//! payments, lines, amendments, incidents and holds, a link to its file on the
//! repository host, and in Chinese the SOP's forms.

use chrono::NaiveDate;
use minijinja::{Environment, context};
use ordo_core::engine::schedule::Schedule;
use ordo_core::i18n::{Lang, t, tr};
use ordo_core::model::Customer;
use ordo_core::model::order::Order;
use ordo_core::model::status::Status;
use ordo_core::reports::Book;
use ordo_core::reports::order_view::view_of;
use serde::Serialize;

use super::charts::timeline;
use super::forms;
use super::{Common, v};

/// Which orders get a page: every open and on-hold order, and those closed
/// (done or cancelled) whose last recorded date is on or after `cutoff` (see
/// [`cutoff`]).
pub fn published(
    book: &Book<'_>,
    order: &Order,
    schedule: &Schedule<'_>,
    cutoff: NaiveDate,
) -> bool {
    if matches!(schedule.status, Status::Open | Status::OnHold) {
        return true;
    }
    let tz = book.tz;
    let last = schedule
        .steps
        .iter()
        .filter_map(|l| l.record.and_then(|r| r.done))
        .map(|m| m.local_date(tz))
        .max()
        .unwrap_or_else(|| order.received.0.local_date(tz));
    last >= cutoff
}

/// The first day a closed order's last step may fall on and still give it a
/// page: `closed_months` before the as-of day.
pub fn cutoff(book: &Book<'_>, closed_months: u32) -> NaiveDate {
    book.now
        .date_naive()
        .checked_sub_months(chrono::Months::new(closed_months))
        .unwrap_or(NaiveDate::MIN)
}

/// The page's HTML.
pub fn render(
    env: &Environment<'_>,
    common: &Common,
    book: &Book<'_>,
    order: &Order,
    schedule: &Schedule<'_>,
    customer: Option<&Customer>,
    rel_path: &str,
) -> Result<String, String> {
    let lang = book.lang;
    let view_ = view_of(book, order, schedule, customer.map(|c| c.name.as_str()));
    let states: Vec<String> = view_
        .steps
        .iter()
        .map(|s| match s.state {
            "blocked" => tr(
                lang,
                "state-after",
                &[("steps", s.after.join(", ").as_str().into())],
            ),
            other => t(lang, &format!("state-{other}")),
        })
        .collect();
    let carried: Vec<String> = view_
        .carried
        .iter()
        .map(|c| {
            let from = c.from.as_deref().map_or_else(
                || t(lang, "order-carried-unknown"),
                |name| tr(lang, "order-carried-surplus", &[("name", name.into())]),
            );
            tr(
                lang,
                "order-carried",
                &[
                    ("from", from.as_str().into()),
                    ("amount", c.amount.as_str().into()),
                    ("to", c.to.as_str().into()),
                ],
            )
        })
        .collect();
    let workflow_title = book
        .config
        .workflow_of(order.workflow.as_deref())
        .map(|(_, w)| w.title.get(lang).to_owned())
        .unwrap_or_default();
    let source = common.source_link(rel_path);
    let (forms, logistics) = if lang == Lang::ZhCn {
        (
            forms::forms(book, order, customer, &view_),
            Some(forms::logistics(book, order)),
        )
    } else {
        (Vec::new(), None)
    };
    let svg = timeline(&view_.steps, book.now.date_naive()).svg(&common.timeline_words);
    let template = env.get_template("order.html").map_err(|e| e.to_string())?;
    template
        .render(context! {
            root => "../",
            page => "order",
            title => format!("{} · {}", view_.id, view_.customer_name.as_deref().unwrap_or(&view_.customer)),
            o => v(&view_),
            states => v(states),
            carried => v(carried),
            workflow_title => workflow_title,
            source => v(source),
            forms => v(forms),
            logistics => v(logistics),
            timeline => minijinja::Value::from_safe_string(svg),
            document_titles => v(book.config.documents.iter().map(|(k, d)| (k, d.title.get(lang))).collect::<std::collections::BTreeMap<_, _>>()),
            ..common.context()
        })
        .map_err(|e| format!("the page of order {}: {e:#}", order.id))
}

/// A form of the SOP: a title and labelled values.
#[derive(Debug, Serialize)]
pub struct Form {
    pub title: String,
    pub fields: Vec<(String, String)>,
}

/// A table of the SOP's forms.
#[derive(Debug, Serialize)]
pub struct FormTable {
    pub headings: Vec<String>,
    pub rows: Vec<Vec<String>>,
}
