//! The ledger as the reading and writing commands use it: a valid configuration,
//! the customers, the list of order files, and orders read on demand. A broken
//! configuration stops the command (exit 2) with its findings.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use chrono_tz::Tz;
use rayon::prelude::*;

use super::cache::{self, Identity};
use super::document;
use super::files::{self, OrderFile};
use super::source::read_source;
use crate::engine::due::Calendars;
use crate::finding::Finding;
use crate::model::{Config, Customer, Order};
use crate::schema::FileKind;
use crate::validate::{load_config, timezone};

/// Findings that stop a command, with the texts needed to show them.
#[derive(Debug, Default)]
pub struct Blocked {
    pub findings: Vec<Finding>,
    pub sources: HashMap<PathBuf, String>,
}

impl Blocked {
    fn from(findings: Vec<Finding>, rel: &Path, text: Option<&str>) -> Self {
        let mut sources = HashMap::new();
        if let Some(text) = text {
            sources.insert(rel.to_path_buf(), text.to_owned());
        }
        Blocked { findings, sources }
    }
}

/// An order read from its file, with the text it was read from.
#[derive(Debug, Clone)]
pub struct LoadedOrder {
    pub file: OrderFile,
    pub text: String,
    pub order: Order,
    /// The file's identity as it was read, for a cache (see `source::FileRead`).
    pub identity: Option<Identity>,
}

/// An opened ledger.
pub struct Ledger {
    pub root: PathBuf,
    pub config: Config,
    pub tz: Tz,
    pub calendars: Calendars,
    pub customers: BTreeMap<String, Customer>,
    /// For `explain`, which points into it.
    pub config_text: String,
    pub order_files: Vec<OrderFile>,
    /// What the caches' entries depend on besides their files (see
    /// [`cache::fingerprint`]).
    pub fingerprint: u64,
}

impl Ledger {
    /// Opens the ledger at `root`; its configuration must be valid.
    pub fn open(root: &Path) -> Result<Ledger, Blocked> {
        let loaded = load_config(root);
        let rel = Path::new(super::discover::CONFIG_FILE);
        let text = loaded.read.source.as_ref().map(|s| s.text.clone());
        let Some(config) = loaded.config else {
            return Err(Blocked::from(loaded.read.findings, rel, text.as_deref()));
        };
        let tz = timezone(&config);
        let calendars = Calendars::new(&config, tz);
        let mut customers = BTreeMap::new();
        let mut customer_texts = Vec::new();
        for (code, rel) in files::customer_files(root) {
            let mut read = read_source(root, &rel);
            let text = read.usable().map(|s| s.text.clone());
            customer_texts.push((code.clone(), text.clone().unwrap_or_default()));
            if let Some(customer) = text.and_then(|t| {
                document::load::<Customer>(&rel, &t, FileKind::Customer, &mut read.findings)
            }) {
                customers.insert(code, customer);
            }
        }
        let config_text = text.unwrap_or_default();
        Ok(Ledger {
            root: root.to_path_buf(),
            fingerprint: cache::fingerprint(&config_text, &customer_texts),
            config,
            config_text,
            tz,
            calendars,
            customers,
            order_files: files::order_files(root),
        })
    }

    /// The file of the order with this id.
    pub fn order_file(&self, id: &str) -> Option<&OrderFile> {
        self.order_files.iter().find(|f| f.stem == id)
    }

    /// Reads and checks one order file.
    pub fn read(&self, file: &OrderFile) -> Result<LoadedOrder, Blocked> {
        let mut read = read_source(&self.root, &file.rel);
        let mut findings = std::mem::take(&mut read.findings);
        let order = read.usable().and_then(|s| {
            document::load::<Order>(&file.rel, &s.text, FileKind::Order, &mut findings)
        });
        let text = read.source.map(|s| s.text);
        match (order, text) {
            (Some(order), Some(text)) => Ok(LoadedOrder {
                file: file.clone(),
                text,
                order,
                identity: read.identity,
            }),
            (_, text) => Err(Blocked::from(findings, &file.rel, text.as_deref())),
        }
    }

    /// Reads every order in parallel and keeps only what `each` makes of it: the
    /// orders are dropped as they are read, so a pass over 100,000 orders holds
    /// its results, never the orders (or their 200 MB of text). The ones that
    /// cannot be read are returned with their findings, never dropped. Results
    /// come in the order of [`Ledger::order_files`].
    pub fn map_orders<P: Send>(
        &self,
        each: impl Fn(&Order) -> P + Sync,
    ) -> (Vec<P>, Vec<(OrderFile, Blocked)>) {
        let results: Vec<(&OrderFile, Result<P, Blocked>)> = self
            .order_files
            .par_iter()
            .map(|file| (file, self.read(file).map(|l| each(&l.order))))
            .collect();
        let mut good = Vec::with_capacity(results.len());
        let mut bad = Vec::new();
        for (file, result) in results {
            match result {
                Ok(part) => good.push(part),
                Err(blocked) => bad.push((file.clone(), blocked)),
            }
        }
        (good, bad)
    }

    /// Folds every readable order into `A`, in parallel: `add` counts one order
    /// into a running value, `merge` joins two. For reports that sum a ledger
    /// (only the sums are ever held). The unreadable files come back in the
    /// order of [`Ledger::order_files`].
    pub fn fold_orders<A: Send>(
        &self,
        init: impl Fn() -> A + Sync + Send,
        add: impl Fn(A, &Order) -> A + Sync + Send,
        merge: impl Fn(A, A) -> A + Sync + Send,
    ) -> (A, Vec<(OrderFile, Blocked)>) {
        let (sum, mut bad) = self
            .order_files
            .par_iter()
            .fold(
                || (init(), Vec::new()),
                |(sum, mut bad), file| match self.read(file) {
                    Ok(loaded) => (add(sum, &loaded.order), bad),
                    Err(blocked) => {
                        bad.push((file.clone(), blocked));
                        (sum, bad)
                    }
                },
            )
            .reduce(
                || (init(), Vec::new()),
                |(a, mut bad_a), (b, bad_b)| {
                    bad_a.extend(bad_b);
                    (merge(a, b), bad_a)
                },
            );
        bad.sort_by(|a, b| a.0.rel.as_os_str().cmp(b.0.rel.as_os_str()));
        (sum, bad)
    }
}
