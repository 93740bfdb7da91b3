//! The one loader of order files, which every command goes through: it reads a
//! file safely, decodes it, and decides whether the order can be used at all.
//! `validate` and the reports therefore never disagree about which orders count:
//! an order the loader refuses is named as left out by every report.

use std::path::Path;

use chrono_tz::Tz;

use super::cache::Identity;
use super::files::OrderFile;
use super::source::read_source;
use ordo_core::document::load_order;
use ordo_core::finding::Finding;
use ordo_core::model::Order;

/// An order read from its file, with the text it was read from.
#[derive(Debug, Clone)]
pub struct LoadedOrder {
    pub file: OrderFile,
    pub text: String,
    pub order: Order,
    /// The file's identity as it was read, for a cache (see `source::FileRead`).
    pub identity: Option<Identity>,
}

/// What the loader made of one order file.
#[derive(Debug, Default)]
pub struct OrderRead {
    /// The order as decoded, usable or not (`validate` checks it either way).
    pub decoded: Option<Order>,
    /// Whether commands may use it: read, decoded, and free of the problems of
    /// [`checks::unusable`].
    pub usable: bool,
    /// The text, when the file could be read (lossily, when it is not UTF-8).
    pub text: Option<String>,
    /// Why it cannot be read, decoded or used (and encoding warnings).
    pub findings: Vec<Finding>,
    /// The file's identity as it was read, for a cache.
    pub identity: Option<Identity>,
}

impl OrderRead {
    /// The order, when it can be used.
    pub fn order(&self) -> Option<&Order> {
        self.decoded.as_ref().filter(|_| self.usable)
    }
}

/// Reads and loads the order file `file` of the ledger at `root`.
pub fn read_order(root: &Path, file: &OrderFile, tz: Tz) -> OrderRead {
    let mut read = read_source(root, &file.rel);
    let readable = read.usable().is_some();
    let mut findings = std::mem::take(&mut read.findings);
    let text = read.source.map(|s| s.text);
    let (decoded, usable) = match &text {
        Some(text) if readable => load_order(file, text, tz, &mut findings),
        _ => (None, false),
    };
    OrderRead {
        decoded,
        usable,
        text,
        findings,
        identity: read.identity,
    }
}
