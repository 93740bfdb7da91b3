//! An order's page: its header, totals, steps as a table and a timeline,
//! payments, lines, amendments, incidents and holds, a link to its file on the
//! repository host, and in Chinese the SOP's forms.

use std::collections::{BTreeMap, BTreeSet};

use askama::Template;
use chrono::NaiveDate;
use ordo_core::engine::schedule::Schedule;
use ordo_core::i18n::{Lang, t, tr};
use ordo_core::model::Customer;
use ordo_core::model::order::Order;
use ordo_core::reports::Book;
use ordo_core::reports::order_view::{OrderView, view_of};

use super::Common;
use super::charts::timeline;
use super::forms;
use super::templates::{Frame, Framed, filters, framed};

/// Which orders get a page: every open and on-hold order, and those closed
/// (done or cancelled) whose last recorded date is on or after `cutoff` (see
/// [`cutoff`]).
pub(crate) fn published(
    book: &Book<'_>,
    order: &Order,
    schedule: &Schedule<'_>,
    cutoff: NaiveDate,
) -> bool {
    if schedule.status.is_live() {
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
pub(crate) fn cutoff(book: &Book<'_>, closed_months: u32) -> NaiveDate {
    book.now
        .date_naive()
        .checked_sub_months(chrono::Months::new(closed_months))
        .unwrap_or(NaiveDate::MIN)
}

/// An order's page.
#[derive(Template)]
#[template(path = "order.html")]
struct OrderPage<'a> {
    f: Frame<'a>,
    o: &'a OrderView<'a>,
    /// Each step's state in words.
    states: Vec<String>,
    carried: Vec<String>,
    workflow_title: &'a str,
    source: Option<String>,
    forms: Vec<Form>,
    logistics: Option<FormTable>,
    /// The timeline's SVG, made in Rust.
    timeline: String,
    documents: &'a BTreeMap<String, ordo_core::model::config::DocumentKind>,
}

framed!(OrderPage);

impl OrderPage<'_> {
    /// The `i`th step's state in words.
    fn state(&self, i: impl std::borrow::Borrow<usize>) -> &str {
        self.states.get(*i.borrow()).map_or("", String::as_str)
    }

    /// A step of the order's workflow by its title (its id when unknown).
    fn step_title<'k>(&'k self, id: &'k str) -> &'k str {
        self.o
            .steps
            .iter()
            .find(|s| s.id == id)
            .map_or(id, |s| s.title.as_str())
    }

    /// An installment as a reader names it (定金 for `deposit`).
    fn installment_title(&self, name: &str) -> String {
        ordo_core::i18n::installment(self.f.common.lang, name)
    }

    /// A document kind's title, or the kind when the ledger gives none.
    fn document_title<'k>(&'k self, kind: &'k str) -> &'k str {
        self.documents
            .get(kind)
            .map_or(kind, |d| d.title.get(self.f.common.lang))
    }
}

/// The page's HTML.
pub(crate) fn render(
    common: &Common,
    book: &Book<'_>,
    order: &Order,
    schedule: &Schedule<'_>,
    customer: Option<&Customer>,
    rel_path: &str,
) -> Result<String, String> {
    let lang = book.lang;
    let view = view_of(book, order, schedule, customer);
    // What a step waits for goes by ids in English (as the basis does) and
    // by titles in another language, where an id is an English word.
    let named = |id: &String| -> String {
        match view.steps.iter().find(|s| s.id == *id) {
            Some(step) if lang != Lang::En => step.title.clone(),
            _ => id.clone(),
        }
    };
    let states: Vec<String> = view
        .steps
        .iter()
        .map(|s| match s.state {
            "blocked" => tr(
                lang,
                "state-after",
                &[(
                    "steps",
                    s.after
                        .iter()
                        .map(named)
                        .collect::<Vec<_>>()
                        .join(", ")
                        .as_str()
                        .into(),
                )],
            ),
            other => common.words.t(&format!("state-{other}")).to_owned(),
        })
        .collect();
    let carried: Vec<String> = view
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
        .map(|(_, w)| w.title.get(lang))
        .unwrap_or_default();
    let (forms, logistics) = if lang == Lang::ZhCn {
        (
            forms::forms(
                book,
                order,
                customer,
                &view,
                common
                    .flags
                    .get()
                    .map(|f| f.awaiting_approval.contains_key(&order.id)),
            ),
            Some(forms::logistics(book, order)),
        )
    } else {
        (Vec::new(), None)
    };
    let no_links = BTreeSet::new();
    let page = OrderPage {
        f: Frame {
            common,
            root: "../",
            page: "order",
            title: format!(
                "{} · {}",
                view.id,
                super::templates::isolate(view.customer_name.as_deref().unwrap_or(&view.customer))
            ),
            pages: &no_links,
        },
        o: &view,
        states,
        carried,
        workflow_title,
        source: common.source_link(rel_path),
        forms,
        logistics,
        timeline: timeline(&view.steps, book.now.date_naive()).svg(&common.timeline_words),
        documents: &book.config.documents,
    };
    page.render()
        .map_err(|e| format!("the page of order {}: {e}", order.id))
}

/// A form of the SOP: a title and labelled values.
#[derive(Debug)]
pub(crate) struct Form {
    pub title: String,
    /// Which commands record what the form holds.
    pub how: String,
    pub fields: Vec<(String, String)>,
}

/// A table of the SOP's forms.
#[derive(Debug)]
pub(crate) struct FormTable {
    /// Which commands record what the form holds.
    pub how: String,
    pub headings: Vec<String>,
    pub rows: Vec<Vec<String>>,
}
