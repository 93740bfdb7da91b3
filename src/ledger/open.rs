//! The ledger as the reading and writing commands use it: a valid configuration,
//! the customers, the list of order files, and orders read on demand. A broken
//! configuration stops the command (exit 2) with its findings.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use chrono_tz::Tz;
use rayon::prelude::*;

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
}

/// An opened ledger.
pub struct Ledger {
    pub root: PathBuf,
    pub config: Config,
    pub config_text: String,
    pub tz: Tz,
    pub calendars: Calendars,
    pub customers: BTreeMap<String, Customer>,
    pub order_files: Vec<OrderFile>,
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
        for (code, rel) in files::customer_files(root) {
            let mut read = read_source(root, &rel);
            let text = read.usable().map(|s| s.text.clone());
            if let Some(customer) = text.and_then(|t| {
                document::load::<Customer>(&rel, &t, FileKind::Customer, &mut read.findings)
            }) {
                customers.insert(code, customer);
            }
        }
        Ok(Ledger {
            root: root.to_path_buf(),
            config,
            config_text: text.unwrap_or_default(),
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
        let text = read.source.as_ref().map(|s| s.text.clone());
        let order = read.usable().and_then(|s| {
            document::load::<Order>(&file.rel, &s.text, FileKind::Order, &mut findings)
        });
        match (order, text) {
            (Some(order), Some(text)) => Ok(LoadedOrder {
                file: file.clone(),
                text,
                order,
            }),
            (_, text) => Err(Blocked::from(findings, &file.rel, text.as_deref())),
        }
    }

    /// Every order, read in parallel; the ones that cannot be read are returned
    /// with their findings, never dropped. The texts are not kept: readers of the
    /// whole ledger need the orders, and 100,000 texts are 200 MB.
    pub fn read_all(&self) -> (Vec<LoadedOrder>, Vec<(OrderFile, Blocked)>) {
        let results: Vec<(OrderFile, Result<LoadedOrder, Blocked>)> = self
            .order_files
            .par_iter()
            .map(|file| {
                let read = self.read(file).map(|mut loaded| {
                    loaded.text = String::new();
                    loaded
                });
                (file.clone(), read)
            })
            .collect();
        let mut good = Vec::new();
        let mut bad = Vec::new();
        for (file, result) in results {
            match result {
                Ok(order) => good.push(order),
                Err(blocked) => bad.push((file, blocked)),
            }
        }
        (good, bad)
    }
}
