//! One order file through `validate`: read by the loader every command shares,
//! checked, and made into the cache entry the next run may take instead.

use std::collections::BTreeSet;
use std::path::Path;

use crate::ledger::cache::Entry;
use crate::ledger::pass::Reading;
use crate::ledger::read::read_order;
use ordo_core::checks::credit::Exposure;
use ordo_core::checks::identity::OrderKey;
use ordo_core::checks::time::Window;
use ordo_core::checks::{self, Context};
use ordo_core::document;
use ordo_core::finding::{Code, Finding};
use ordo_core::layout::OrderFile;

/// One order file after its own checks: what the cross-file checks and the
/// output need. The text is kept only when there is something to show in it.
pub(crate) struct FileCheck {
    pub findings: Vec<Finding>,
    pub exposure: Option<std::sync::Arc<Exposure>>,
    /// Documents that name a path, with the finding for a missing file.
    pub references: Vec<(String, Finding)>,
    /// What tells the order apart whatever its id (for `duplicate-order`).
    pub key: Option<OrderKey>,
    pub text: Option<String>,
}

/// What else is made of each order a whole-ledger run reads, in the same read
/// (the site's pages and lists): handed every order that decodes, on the
/// thread that read it.
pub type Feed<'f> = &'f (dyn Fn(&OrderFile, &ordo_core::model::order::Order) + Sync);

/// Checks one order file; the entry is what a cache keeps of it (when the file
/// had an identity).
pub(crate) fn check_order_file(
    root: &Path,
    ctx: &Context<'_>,
    credit_limited: &BTreeSet<&str>,
    file: &OrderFile,
    reading: Reading,
    feed: Option<Feed<'_>>,
) -> (FileCheck, Option<Entry>) {
    let read = read_order(root, file, ctx.tz);
    if let (Some(feed), true, Some(order)) = (feed, read.usable, &read.decoded) {
        feed(file, order);
    }
    // What was stat'ed before the read, else what the read saw: either way a
    // change after it shows as a new identity next time.
    let identity = reading.identity.or(read.identity);
    let mut findings = read.findings;
    let usable = read.usable;
    // A file whose schema errors lie in some keys is checked without them.
    let only_schema = !findings
        .iter()
        .any(|f| f.code.is_fatal() && f.code != Code::Schema);
    let salvaged = match (&read.decoded, &read.text) {
        (None, Some(text)) if only_schema => document::salvage_order(text),
        _ => None,
    };
    let (order, set_aside) = match (read.decoded.as_ref(), &salvaged) {
        (Some(order), _) => (Some(order), checks::SetAside::new()),
        (None, Some((order, set_aside))) => (Some(order), set_aside.clone()),
        (None, None) => (None, checks::SetAside::new()),
    };
    // A file that does not load has findings that do not depend on "now".
    let mut window = Window::default();
    let references = order
        .filter(|_| !set_aside.contains("documents"))
        .map(|order| checks::documents::local_references(&file.rel, &order.documents))
        .unwrap_or_default();
    let exposure = order.and_then(|order| {
        let verdict = checks::check_order(ctx, file, order, &set_aside);
        findings.extend(verdict.findings);
        window = verdict.window;
        // Only credit control reads exposures, and only of customers with a limit.
        (usable && credit_limited.contains(order.customer.as_str()))
            .then(|| std::sync::Arc::new(Exposure::of(ctx.config, ctx.tz, file.rel.clone(), order)))
    });
    let key = order.filter(|_| usable).map(OrderKey::of);
    let entry = identity.map(|identity| Entry {
        identity,
        read_ns: reading.read_ns,
        findings: findings.clone(),
        window,
        exposure: exposure.clone(),
        references: references.clone(),
        key: key.clone().map(Box::new),
    });
    let text = read.text.filter(|_| !findings.is_empty());
    (
        FileCheck {
            findings,
            exposure,
            references,
            key,
            text,
        },
        entry,
    )
}
