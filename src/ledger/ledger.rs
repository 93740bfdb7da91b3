//! The ledger as the reading and writing commands use it: a valid configuration,
//! the customers, the list of order files, and orders read on demand. A broken
//! configuration stops the command (exit 2) with its findings.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use chrono_tz::Tz;
use rayon::prelude::*;

use super::blocked::{Blocked, LeftOut};
use super::cache;
use super::discover::CONFIG_FILE;
use super::files::{self, OrderFile};
use super::read::{LoadedOrder, read_order};
use super::source::read_source;
use ordo_core::checks;
use ordo_core::checks::levels::apply as apply_levels;
use ordo_core::document;
use ordo_core::engine::due::Calendars;
use ordo_core::finding::{Code, Finding, Severity};
use ordo_core::model::{Config, Customer, Order};
use ordo_core::schema::FileKind;

/// An opened ledger.
pub struct Ledger {
    pub root: PathBuf,
    pub config: Config,
    pub tz: Tz,
    pub calendars: Calendars,
    /// The customers that could be read, by code.
    pub customers: BTreeMap<String, Customer>,
    /// Every customer code with a file, read or not (orders may name them).
    pub customer_codes: BTreeSet<String>,
    /// For `explain`, which points into it.
    pub config_text: String,
    pub order_files: Vec<OrderFile>,
    /// What looks like an order file under `orders/` but is not read.
    pub strays: Vec<files::Stray>,
    /// Ids held by more than one file, with those files: none of them is used.
    pub duplicates: HashMap<String, Vec<PathBuf>>,
    /// What the caches' entries depend on besides their files (see
    /// [`cache::fingerprint`]).
    pub fingerprint: u64,
}

/// A ledger as opened leniently: the ledger when its configuration can be
/// computed with, and the findings of `ordo.yaml` and of the customer files
/// (their severities as configured), with the texts that show them.
pub struct Opening {
    pub ledger: Option<Ledger>,
    /// Whether the customer files were checked (they need a configuration).
    pub customers_checked: bool,
    pub findings: Vec<Finding>,
    pub sources: HashMap<PathBuf, String>,
}

impl Ledger {
    /// Opens the ledger at `root` for a command: any error in `ordo.yaml` stops
    /// it (a misspelt timezone must never quietly become UTC).
    pub fn open(root: &Path) -> Result<Ledger, Blocked> {
        let opening = Ledger::open_lenient(root, true);
        let config = Path::new(CONFIG_FILE);
        let broken = opening
            .findings
            .iter()
            .any(|f| f.file == config && f.severity == Severity::Error);
        match opening.ledger {
            Some(ledger) if !broken => Ok(ledger),
            _ => {
                let findings: Vec<Finding> = opening
                    .findings
                    .into_iter()
                    .filter(|f| f.file == config)
                    .collect();
                Err(Blocked {
                    findings,
                    sources: opening.sources,
                })
            }
        }
    }

    /// Opens the ledger at `root` whatever its findings; the ledger is `None`
    /// only when the configuration does not decode or names no real timezone.
    /// `list_orders` lists the order files (a run over a few files does not).
    pub fn open_lenient(root: &Path, list_orders: bool) -> Opening {
        let rel = Path::new(CONFIG_FILE);
        let mut sources = HashMap::new();
        let mut read = read_source(root, rel);
        let mut findings = std::mem::take(&mut read.findings);
        let config_text = read.source.map(|s| s.text);
        if let Some(text) = &config_text {
            sources.insert(rel.to_path_buf(), text.clone());
        }
        let readable = !findings.iter().any(|f| f.code.is_fatal());
        let config = config_text
            .as_deref()
            .filter(|_| readable)
            .and_then(|t| document::load::<Config>(rel, t, FileKind::Config, &mut findings));
        let customer_files = files::customer_files(root);
        let customer_codes: BTreeSet<String> = customer_files.keys().cloned().collect();
        let Some(config) = config else {
            return Opening {
                ledger: None,
                customers_checked: false,
                findings,
                sources,
            };
        };
        findings.extend(checks::config::check(rel, &config, &customer_codes));
        let mut customers = BTreeMap::new();
        let mut customer_texts = Vec::new();
        for (code, rel) in &customer_files {
            let mut read = read_source(root, rel);
            let mut found = std::mem::take(&mut read.findings);
            let readable = !found.iter().any(|f| f.code.is_fatal());
            let text = read.source.map(|s| s.text);
            let customer = text
                .as_deref()
                .filter(|_| readable)
                .and_then(|t| check_customer_text(root, &config, rel, code, t, &mut found));
            customer_texts.push((code.clone(), text.clone().unwrap_or_default()));
            if !found.is_empty()
                && let Some(text) = text
            {
                sources.insert(rel.clone(), text);
            }
            findings.extend(found);
            if let Some(customer) = customer {
                customers.insert(code.clone(), customer);
            }
        }
        apply_levels(&config, &mut findings);
        let Ok(tz) = config.timezone.parse::<Tz>() else {
            return Opening {
                ledger: None,
                customers_checked: true,
                findings,
                sources,
            };
        };
        let config_text = config_text.unwrap_or_default();
        let listing = if list_orders {
            files::list_orders(root, Path::new("orders"))
        } else {
            files::Listing::default()
        };
        let order_files = listing.orders;
        let ledger = Ledger {
            duplicates: duplicate_ids(&order_files),
            root: root.to_path_buf(),
            fingerprint: cache::fingerprint(&config_text, &customer_texts),
            calendars: Calendars::new(&config, tz),
            config,
            config_text,
            tz,
            customers,
            customer_codes,
            order_files,
            strays: listing.strays,
        };
        Opening {
            ledger: Some(ledger),
            customers_checked: true,
            findings,
            sources,
        }
    }

    /// The file of the order with this id.
    /// Each customer's name, by code (as reports name them).
    pub fn customer_names(&self) -> ordo_core::reports::Names {
        self.customers
            .iter()
            .map(|(code, customer)| (code.clone(), customer.name.clone()))
            .collect()
    }

    pub fn order_file(&self, id: &str) -> Option<&OrderFile> {
        self.order_files.iter().find(|f| f.stem == id)
    }

    /// The file of the order that had this id before it was renumbered (its
    /// `former_ids` list it). The orders of the id's year are looked at first,
    /// where a renumbered order stays; then the others.
    pub fn order_file_formerly(&self, id: &str) -> Option<&OrderFile> {
        let year = ordo_core::model::id_format::IdFormat::parse(&self.config.id_format)
            .ok()
            .and_then(|f| f.read(id)?.year)
            .map(|y| y.to_string());
        let (same_year, others): (Vec<&OrderFile>, Vec<&OrderFile>) = self
            .order_files
            .iter()
            .partition(|f| year.is_some() && f.year == year);
        same_year.into_iter().chain(others).find(|file| {
            std::fs::read_to_string(self.root.join(&file.rel)).is_ok_and(|text| {
                text.contains(id) && super::ids::listed_former_ids(&text).iter().any(|f| f == id)
            })
        })
    }

    /// Reads one order file through the loader every command shares; an order
    /// that cannot be used, or whose id another file also holds, is refused with
    /// the findings that say why.
    pub fn read(&self, file: &OrderFile) -> Result<LoadedOrder, Blocked> {
        if let Some(others) = self.duplicates.get(&file.stem) {
            let also: Vec<String> = others
                .iter()
                .filter(|rel| **rel != file.rel)
                .map(|rel| rel.display().to_string())
                .collect();
            let finding = Finding::error(
                Code::DuplicateId,
                &file.rel,
                format!(
                    "order id `{}` is also used by {}",
                    file.stem,
                    also.join(", ")
                ),
            )
            .help("every order needs its own id; neither file is counted until one is renamed");
            return Err(Blocked::from(vec![finding], &file.rel, None));
        }
        let read = read_order(&self.root, file, self.tz);
        match (read.usable, read.decoded, read.text) {
            (true, Some(order), Some(text)) => Ok(LoadedOrder {
                file: file.clone(),
                text,
                order,
                identity: read.identity,
            }),
            (_, _, text) => Err(Blocked::from(read.findings, &file.rel, text.as_deref())),
        }
    }

    /// Reads every order in parallel and keeps only what `each` makes of it: the
    /// orders are dropped as they are read, so a pass over 100,000 orders holds
    /// its results, never the orders (or their 200 MB of text). The ones that
    /// cannot be read are returned with their findings, never dropped. Results
    /// come in the order of [`Ledger::order_files`].
    pub fn map_orders<P: Send>(&self, each: impl Fn(&Order) -> P + Sync) -> (Vec<P>, Vec<LeftOut>) {
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
                Err(blocked) => bad.push((file.rel.clone(), blocked)),
            }
        }
        (good, self.with_strays(bad))
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
    ) -> (A, Vec<LeftOut>) {
        self.fold_orders_where(|_| true, init, add, merge)
    }

    /// [`Ledger::fold_orders`] over the order files `keep` takes (the others
    /// were counted elsewhere); the strays are always returned.
    pub fn fold_orders_where<A: Send>(
        &self,
        keep: impl Fn(&OrderFile) -> bool + Sync + Send,
        init: impl Fn() -> A + Sync + Send,
        add: impl Fn(A, &Order) -> A + Sync + Send,
        merge: impl Fn(A, A) -> A + Sync + Send,
    ) -> (A, Vec<LeftOut>) {
        let (sum, bad) = self
            .order_files
            .par_iter()
            .filter(|file| keep(file))
            .fold(
                || (init(), Vec::new()),
                |(sum, mut bad), file| match self.read(file) {
                    Ok(loaded) => (add(sum, &loaded.order), bad),
                    Err(blocked) => {
                        bad.push((file.rel.clone(), blocked));
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
        (sum, self.with_strays(bad))
    }

    /// The files left out, with what looks like an order file but is not read,
    /// in the order of their paths.
    pub fn with_strays(&self, mut bad: Vec<LeftOut>) -> Vec<LeftOut> {
        bad.extend(self.strays.iter().map(|stray| {
            (
                stray.rel.clone(),
                Blocked::from(vec![stray.finding()], &stray.rel, None),
            )
        }));
        bad.sort_by(|a, b| a.0.as_os_str().cmp(b.0.as_os_str()));
        bad
    }
}

/// The ids that more than one order file holds (by file name, as `validate`'s
/// `duplicate-id` finds them), with their files.
fn duplicate_ids(files: &[OrderFile]) -> HashMap<String, Vec<PathBuf>> {
    let mut by_id: HashMap<&str, Vec<&OrderFile>> = HashMap::with_capacity(files.len());
    for file in files {
        by_id.entry(&file.stem).or_default().push(file);
    }
    by_id
        .into_iter()
        .filter(|(_, files)| files.len() > 1)
        .map(|(id, files)| (id.to_owned(), files.iter().map(|f| f.rel.clone()).collect()))
        .collect()
}

/// The customer a customer file's text holds, when it decodes, with the
/// findings of its checks (before severities are applied) added to `found`:
/// what `validate` reports of the file, and what a command that edits it
/// must not leave behind.
pub fn check_customer_text(
    root: &Path,
    config: &Config,
    rel: &Path,
    code: &str,
    text: &str,
    found: &mut Vec<Finding>,
) -> Option<Customer> {
    let customer = document::load::<Customer>(rel, text, FileKind::Customer, found)?;
    found.extend(checks::customer::check(config, rel, code, &customer));
    // A document named by path must be in the ledger's folder for everyone.
    found.extend(
        checks::documents::local_references(rel, &customer.documents)
            .into_iter()
            .filter(|(path, _)| !root.join(path).is_file())
            .map(|(_, finding)| finding),
    );
    Some(customer)
}
