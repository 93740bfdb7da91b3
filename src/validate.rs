//! `ordo validate` as a computation: which files to read, in what order, with what
//! context, and the findings that come out. Orders are read in parallel; a run over
//! a few files lists the ledger but reads only those files (and, for credit
//! control, the other orders of the same customers).

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use chrono::DateTime;
use chrono_tz::Tz;
use rayon::prelude::*;

use crate::checks::credit::{Exposure, check_customer};
use crate::checks::{self, Context};
use crate::finding::{Finding, Severity};
use crate::ledger::discover::CONFIG_FILE;
use crate::ledger::document;
use crate::ledger::files::{self, LedgerFile, OrderFile};
use crate::ledger::source::{FileRead, read_source};
use crate::model::config::Level;
use crate::model::id_format::IdFormat;
use crate::model::{Config, Customer, Order};
use crate::schema::FileKind;

/// Which files to check.
#[derive(Debug, Clone)]
pub enum Selection {
    /// The whole ledger.
    All,
    /// These files (relative to the ledger root), with the whole ledger as context.
    Files(Vec<PathBuf>),
}

/// What a validation found, with the texts needed to show it.
#[derive(Debug, Default)]
pub struct Outcome {
    pub findings: Vec<Finding>,
    /// The text of every file that has a finding.
    pub sources: HashMap<PathBuf, String>,
    /// How many order files were checked.
    pub orders: usize,
    /// How many files of any kind were checked.
    pub files: usize,
}

impl Outcome {
    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == severity)
            .count()
    }
}

/// The configuration as loaded, or the findings that kept it from loading.
pub struct LoadedConfig {
    pub config: Option<Config>,
    pub read: FileRead,
}

pub fn load_config(root: &Path) -> LoadedConfig {
    let rel = Path::new(CONFIG_FILE);
    let mut read = read_source(root, rel);
    let config = read.usable().map(|s| s.text.clone()).and_then(|text| {
        document::load::<Config>(rel, &text, FileKind::Config, &mut read.findings)
    });
    LoadedConfig { config, read }
}

/// The ledger's timezone, UTC when the configured one is not a zone (a `config`
/// finding says so).
pub fn timezone(config: &Config) -> Tz {
    config.timezone.parse().unwrap_or(Tz::UTC)
}

/// Validates the ledger at `root`. `now` is the instant checks compare with;
/// `since` (a git revision) adds the checks on the change itself.
pub fn validate(
    root: &Path,
    selection: &Selection,
    since: Option<&str>,
    now: impl Fn(Tz) -> DateTime<Tz>,
) -> Result<Outcome, String> {
    let since = match since {
        Some(rev) if crate::ledger::revision::verify(root, rev)? => Some(rev),
        _ => None,
    };
    let mut outcome = Outcome::default();
    let all_orders = files::order_files(root);
    let customer_files = files::customer_files(root);

    let (want_config, want_customers, want_orders): (bool, Vec<String>, Vec<&OrderFile>) =
        match selection {
            Selection::All => (
                true,
                customer_files.keys().cloned().collect(),
                all_orders.iter().collect(),
            ),
            Selection::Files(paths) => {
                let mut config = false;
                let mut customers = Vec::new();
                let mut orders = Vec::new();
                for path in paths {
                    match files::classify(path) {
                        Some(LedgerFile::Config) => config = true,
                        Some(LedgerFile::Customer { code }) => customers.push(code),
                        Some(LedgerFile::Order(file)) => {
                            if let Some(listed) = all_orders.iter().find(|o| o.rel == file.rel) {
                                orders.push(listed);
                            }
                        }
                        None => {}
                    }
                }
                (config, customers, orders)
            }
        };

    let loaded = load_config(root);
    let config_rel = PathBuf::from(CONFIG_FILE);
    let Some(config) = loaded.config else {
        outcome.files = 1;
        keep(&mut outcome, &loaded.read, loaded.read.findings.clone());
        return Ok(outcome);
    };
    let tz = timezone(&config);
    let now = now(tz);
    let customer_codes: BTreeSet<String> = customer_files.keys().cloned().collect();
    if want_config {
        outcome.files += 1;
        let found = checks::config::check(&config_rel, &config, &customer_codes);
        let mut all = loaded.read.findings.clone();
        all.extend(found);
        keep(&mut outcome, &loaded.read, all);
    }

    let mut customers: BTreeMap<String, Customer> = BTreeMap::new();
    for (code, rel) in &customer_files {
        let mut read = read_source(root, rel);
        let text = read.usable().map(|s| s.text.clone());
        let customer = text.and_then(|t| {
            document::load::<Customer>(rel, &t, FileKind::Customer, &mut read.findings)
        });
        if want_customers.contains(code) {
            outcome.files += 1;
            let mut found = std::mem::take(&mut read.findings);
            if let Some(customer) = &customer {
                found.extend(checks::customer::check(&config, rel, code, customer));
            }
            keep(&mut outcome, &read, found);
        }
        if let Some(customer) = customer {
            customers.insert(code.clone(), customer);
        }
    }

    let id_format = IdFormat::parse(&config.id_format).ok();
    let calendars = crate::engine::due::Calendars::new(&config, tz);
    let ctx = Context {
        config: &config,
        tz,
        now,
        customers: &customer_codes,
        id_format: id_format.as_ref(),
        calendars: Some(&calendars),
    };

    let checked: Vec<(FileRead, Vec<Finding>, Option<Exposure>)> = want_orders
        .par_iter()
        .map(|file| check_order_file(root, &ctx, file))
        .collect();
    outcome.orders = checked.len();
    outcome.files += checked.len();

    let selected: BTreeSet<&Path> = want_orders.iter().map(|f| f.rel.as_path()).collect();
    let mut exposures: Vec<Exposure> = checked.iter().filter_map(|(_, _, e)| e.clone()).collect();
    let limited: BTreeSet<String> = exposures
        .iter()
        .map(|e| e.customer.clone())
        .filter(|c| customers.get(c).is_some_and(|c| c.credit_limit.is_some()))
        .collect();
    if matches!(selection, Selection::Files(_)) && !limited.is_empty() && config.credit.is_some() {
        exposures.extend(other_exposures(
            root,
            &ctx,
            &all_orders,
            &selected,
            &limited,
        ));
    }
    let mut credit: HashMap<PathBuf, Vec<Finding>> = HashMap::new();
    for code in &limited {
        let Some(customer) = customers.get(code) else {
            continue;
        };
        let mine: Vec<&Exposure> = exposures.iter().filter(|e| e.customer == *code).collect();
        let is_selected = |rel: &PathBuf| selected.contains(rel.as_path());
        for finding in check_customer(&config, tz, customer, mine, &is_selected) {
            credit
                .entry(finding.file.clone())
                .or_default()
                .push(finding);
        }
    }
    let duplicates = checks::duplicate_ids(&all_orders, &want_orders);
    let mut history = match since {
        Some(rev) => history_findings(root, rev, selection, &want_orders, &checked)?,
        None => HashMap::new(),
    };
    for (read, mut found, _) in checked {
        let rel = read.source.as_ref().map(|s| s.rel.clone());
        if let Some(rel) = rel {
            found.extend(credit.remove(&rel).unwrap_or_default());
            found.extend(history.remove(&rel).unwrap_or_default());
            found.extend(duplicates.iter().filter(|d| d.file == rel).cloned());
        } else if let Some(first) = found.first() {
            let rel = first.file.clone();
            found.extend(duplicates.iter().filter(|d| d.file == rel).cloned());
        }
        keep(&mut outcome, &read, found);
    }
    apply_levels(&config, &mut outcome.findings);
    Ok(outcome)
}

/// The `history` and `baseline-changed` findings of the selected orders that
/// differ from `rev`.
fn history_findings(
    root: &Path,
    rev: &str,
    selection: &Selection,
    selected: &[&OrderFile],
    checked: &[(FileRead, Vec<Finding>, Option<Exposure>)],
) -> Result<HashMap<PathBuf, Vec<Finding>>, String> {
    let compare: Vec<PathBuf> = match selection {
        Selection::All => {
            let changed: BTreeSet<PathBuf> = crate::ledger::revision::changed_orders(root, rev)?
                .into_iter()
                .collect();
            selected
                .iter()
                .map(|f| f.rel.clone())
                .filter(|r| changed.contains(r))
                .collect()
        }
        Selection::Files(_) => selected.iter().map(|f| f.rel.clone()).collect(),
    };
    let old_texts = crate::ledger::revision::read_at(root, rev, &compare)?;
    let mut out: HashMap<PathBuf, Vec<Finding>> = HashMap::new();
    for (read, _, _) in checked {
        let Some(source) = read.usable() else {
            continue;
        };
        let Some(Some(old_text)) = old_texts.get(&source.rel) else {
            continue;
        };
        let mut ignored = Vec::new();
        let old = document::load::<Order>(&source.rel, old_text, FileKind::Order, &mut ignored);
        let new = document::load::<Order>(&source.rel, &source.text, FileKind::Order, &mut ignored);
        if let (Some(old), Some(new)) = (old, new) {
            out.insert(
                source.rel.clone(),
                checks::history::compare(&source.rel, &old, &new),
            );
        }
    }
    Ok(out)
}

fn check_order_file(
    root: &Path,
    ctx: &Context<'_>,
    file: &OrderFile,
) -> (FileRead, Vec<Finding>, Option<Exposure>) {
    let mut read = read_source(root, &file.rel);
    let mut findings = std::mem::take(&mut read.findings);
    let order = read
        .usable()
        .and_then(|s| document::load::<Order>(&file.rel, &s.text, FileKind::Order, &mut findings));
    let exposure = order.as_ref().map(|order| {
        findings.extend(checks::check_order(ctx, file, order));
        Exposure::of(ctx.config, file.rel.clone(), order)
    });
    (read, findings, exposure)
}

/// The exposures of the unselected orders of customers with a credit limit, found
/// by the customer code in their ids when the id format carries it.
fn other_exposures(
    root: &Path,
    ctx: &Context<'_>,
    all: &[OrderFile],
    selected: &BTreeSet<&Path>,
    customers: &BTreeSet<String>,
) -> Vec<Exposure> {
    let format = ctx.id_format.filter(|f| f.has_customer());
    all.par_iter()
        .filter(|file| !selected.contains(file.rel.as_path()))
        .filter(|file| match format {
            Some(format) => format
                .read(&file.stem)
                .and_then(|p| p.customer)
                .is_none_or(|c| customers.contains(&c)),
            None => true,
        })
        .filter_map(|file| {
            let read = read_source(root, &file.rel);
            let source = read.usable()?;
            let mut ignored = Vec::new();
            let order =
                document::load::<Order>(&file.rel, &source.text, FileKind::Order, &mut ignored)?;
            customers
                .contains(&order.customer)
                .then(|| Exposure::of(ctx.config, file.rel.clone(), &order))
        })
        .collect()
}

/// Records a file's findings, keeping its text when there is something to show.
fn keep(outcome: &mut Outcome, read: &FileRead, findings: Vec<Finding>) {
    if findings.is_empty() {
        return;
    }
    if let Some(source) = &read.source {
        outcome
            .sources
            .insert(source.rel.clone(), source.text.clone());
    }
    outcome.findings.extend(findings);
}

/// Applies the severities configured under `checks:`; `off` drops a finding.
fn apply_levels(config: &Config, findings: &mut Vec<Finding>) {
    findings.retain_mut(|finding| {
        if finding.code.is_fatal() {
            return true;
        }
        match config.checks.get(finding.code.as_str()) {
            Some(Level::Off) => false,
            Some(Level::Error) => {
                finding.severity = Severity::Error;
                true
            }
            Some(Level::Warning) => {
                finding.severity = Severity::Warning;
                true
            }
            None => true,
        }
    });
}
