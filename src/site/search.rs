//! The site's search: every order of the ledger (open and closed, of every
//! year, with a page or not) in one static index, `search/index.js`, that the
//! search page loads only when it is opened. A script rather than a fetch, so
//! it works from `file://` without a server; the other pages never load it.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

use ordo_core::model::money;
use ordo_core::model::order::Order;
use ordo_core::model::status::Status;
use ordo_core::reports::Book;

use super::error::SiteError;
use super::output::SiteDir;
use super::scratch::{Scratch, Span, digest};

/// Where the index goes in the site.
pub(crate) const INDEX: &str = "search/index.js";

/// An order's row of the index, as set aside: its id (to sort by), and where
/// the rest lies in the scratch file.
#[derive(Debug)]
pub(crate) struct Spot {
    id: Box<str>,
    /// Tells apart two files that give the same id (`validate` reports them).
    digest: u64,
    span: Span,
}

/// The rows set aside as the orders are read.
pub(crate) struct Rows {
    scratch: Scratch,
}

impl Rows {
    pub(crate) fn new(dir: &SiteDir) -> Result<Rows, SiteError> {
        Ok(Rows {
            scratch: Scratch::new(dir, "the search index")?,
        })
    }

    /// Sets aside the row of `order`, whose status is `status` (none when
    /// its workflow is unknown: it is still found).
    pub(crate) fn add(
        &self,
        book: &Book<'_>,
        order: &Order,
        status: Option<Status>,
    ) -> Result<Spot, SiteError> {
        let text = fields(book, order, status);
        let span = self.scratch.append([text.as_bytes()])?[0];
        Ok(Spot {
            id: order.id.as_str().into(),
            digest: digest(text.as_bytes()),
            span,
        })
    }

    /// Writes the index of `spots` (sorted here): each row says whether the
    /// order has a page (`pages`) and where its file is (`files`, by id).
    pub(crate) fn write(
        &self,
        dir: &SiteDir,
        mut spots: Vec<Spot>,
        customers: &BTreeMap<String, String>,
        has_page: impl Fn(&str) -> bool,
        files: &BTreeMap<&str, &Path>,
    ) -> Result<usize, SiteError> {
        spots.sort_unstable_by(|a, b| (&a.id, a.digest).cmp(&(&b.id, b.digest)));
        let what = || format!("write {INDEX}");
        let mut out = dir.create(INDEX)?;
        let head = serde_json::json!({ "version": 1, "customers": customers });
        // `head` ends with `}`: the rows go in before it.
        let head = head.to_string();
        let head = head.strip_suffix('}').unwrap_or(&head);
        write!(out, "ordoSearch({head},\"rows\":[").map_err(SiteError::io(what()))?;
        let mut first = true;
        self.scratch.read_each(
            &spots,
            |s| s.span,
            |_| true,
            |spot, fields| {
                let file = files
                    .get(&*spot.id)
                    .map(|rel| rel.display().to_string().replace('\\', "/"))
                    .unwrap_or_default();
                let page = u8::from(has_page(&spot.id));
                let sep = if first { "" } else { "," };
                first = false;
                write!(out, "{sep}\n[{page},{}", json(&file))
                    .and_then(|()| out.write_all(fields))
                    .and_then(|()| out.write_all(b"]"))
                    .map_err(SiteError::io(what()))
            },
        )?;
        out.write_all(b"\n]});\n")
            .and_then(|()| out.flush())
            .map_err(SiteError::io(what()))?;
        Ok(spots.len())
    }
}

/// The row's fields after the page flag and the file, as JSON array items
/// each led by a comma: id, customer code, status, received, last recorded,
/// owner, total, requested delivery, contract number, former ids.
fn fields(book: &Book<'_>, order: &Order, status: Option<Status>) -> String {
    let tz = book.tz;
    let status = status
        .map(|s| book.t(&format!("status-{}", s.as_str())))
        .unwrap_or_default();
    let last = order
        .steps
        .values()
        .filter_map(|r| r.done)
        .map(|m| m.local_date(tz))
        .max()
        .map(|d| d.to_string())
        .unwrap_or_default();
    let currency = order
        .currency
        .as_deref()
        .or(book.config.currency.as_deref());
    // An order whose sum overflows is `validate`'s to report; here it says so.
    let total = money::total(order).map_or_else(
        |_| "?".to_owned(),
        |amount| super::summary::money(book, currency, amount),
    );
    let items = [
        order.id.clone(),
        order.customer.clone(),
        status,
        order.received.0.local_date(tz).to_string(),
        last,
        order.owner.clone(),
        total,
        order
            .requested_delivery
            .map(|d| d.to_string())
            .unwrap_or_default(),
        order
            .contract
            .as_ref()
            .and_then(|c| c.number.clone())
            .unwrap_or_default(),
        order.former_ids.join(" "),
    ];
    items
        .iter()
        .map(|item| format!(",{}", json(item)))
        .collect()
}

/// `text` as a JSON string (which is a JavaScript string too).
fn json(text: &str) -> String {
    serde_json::Value::from(text).to_string()
}
