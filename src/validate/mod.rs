//! `ordo validate` as a computation: which files to read, in what order, with what
//! context, and the findings that come out. Orders are read in parallel; a run over
//! a few files lists the ledger but reads only those files (and, for credit
//! control, the other orders of the same customers).

mod cross;
mod order_file;
pub mod text;

use crate::ledger::revision::SinceError;
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::DateTime;
use chrono_tz::Tz;

use crate::edit::git_setup;
use crate::ledger::cache::Entry;
use crate::ledger::discover::CONFIG_FILE;
use crate::ledger::files::{self, LedgerFile, OrderFile, Stray};
use crate::ledger::ledger::Ledger;
use crate::ledger::pass::{self, Made, Pass};
use crate::ledger::source::read_source;
pub use order_file::Feed;
use order_file::{FileCheck, check_order_file};
use ordo_core::checks::credit::Exposure;
use ordo_core::checks::identity::{OrderKey, same_order_twice};
use ordo_core::checks::levels::apply as apply_levels;
use ordo_core::checks::{self, Context};
use ordo_core::finding::{Code, Finding, Severity};
use ordo_core::model::id_format::IdFormat;

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
    /// Why the cache could not be written, if it could not.
    pub cache_problem: Option<String>,
    /// The orders that need their credit approval and lack it, by id, with
    /// why: found for a pass that feeds another (the site), whose agendas
    /// show them.
    pub awaiting_approval: HashMap<String, ordo_core::checks::credit::OverLimit>,
}

impl Outcome {
    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == severity)
            .count()
    }
}

/// Validates the ledger at `root`. `now` is the instant checks compare with;
/// `since` (a git revision) adds the checks on the change itself.
pub fn validate(
    root: &Path,
    selection: &Selection,
    since: Option<&str>,
    now: impl Fn(Tz) -> DateTime<Tz>,
) -> Result<Outcome, SinceError> {
    validate_feeding(root, selection, since, now, None)
}

/// [`validate`], handing every order it reads and decodes to `feed` as well
/// (an order the cache answers for is not read, so not handed).
pub fn validate_feeding(
    root: &Path,
    selection: &Selection,
    since: Option<&str>,
    now: impl Fn(Tz) -> DateTime<Tz>,
    feed: Option<order_file::Feed<'_>>,
) -> Result<Outcome, SinceError> {
    let since = match since {
        Some(rev) if crate::ledger::revision::verify(root, rev)? => Some(rev),
        _ => None,
    };
    let mut outcome = Outcome::default();
    // A run over a few files (a pre-commit hook) never lists the whole ledger: it
    // looks up only what those files need.
    let whole = matches!(selection, Selection::All);
    let opening = Ledger::open_lenient(root, whole);
    let config_rel = Path::new(CONFIG_FILE);
    // Which files' own findings to show: the configuration's always when it is
    // broken (nothing else can be trusted then).
    let config_broken = opening
        .findings
        .iter()
        .any(|f| f.file == config_rel && f.severity == Severity::Error);
    let wanted = |rel: &Path| match selection {
        Selection::All => true,
        Selection::Files(paths) => paths.iter().any(|p| p == rel),
    };
    let mut shown_files: BTreeSet<&Path> = BTreeSet::new();
    for finding in &opening.findings {
        if wanted(&finding.file) || (config_broken && finding.file == config_rel) {
            shown_files.insert(&finding.file);
            outcome.findings.push(finding.clone());
        }
    }
    for rel in shown_files {
        if let Some(text) = opening.sources.get(rel) {
            outcome.sources.insert(rel.to_path_buf(), text.clone());
        }
    }
    let customer_files = files::customer_files(root);
    outcome.files = usize::from(whole || wanted(config_rel))
        + customer_files
            .values()
            .filter(|rel| opening.customers_checked && wanted(rel))
            .count();
    let Some(ledger) = opening.ledger else {
        return Ok(outcome);
    };
    // Borrowed for the whole ledger: a copy is 12 MB at 100,000 files.
    let all_orders: std::borrow::Cow<'_, [OrderFile]> = match selection {
        Selection::All => (&ledger.order_files[..]).into(),
        Selection::Files(paths) => paths
            .iter()
            .filter_map(|p| match files::classify(p) {
                Some(LedgerFile::Order(file))
                    if root.join(&file.rel).symlink_metadata().is_ok() =>
                {
                    Some(file)
                }
                _ => None,
            })
            .collect::<Vec<_>>()
            .into(),
    };
    let want_orders: Vec<&OrderFile> = all_orders.iter().collect();
    let strays: Vec<Stray> = match selection {
        Selection::All => ledger.strays.clone(),
        Selection::Files(paths) => paths
            .iter()
            .filter(|p| p.starts_with("orders") && files::classify(p).is_none())
            .filter_map(|p| files::stray(root, p.clone()))
            .collect(),
    };
    for stray in strays {
        outcome.findings.push(stray.finding());
        outcome.files += 1;
    }
    let config = &ledger.config;
    let tz = ledger.tz;
    let now = now(tz);
    if whole || wanted(config_rel) {
        let mut expiring = checks::expiring::expiring(config_rel, config, now.date_naive());
        apply_levels(config, &mut expiring);
        if !expiring.is_empty() {
            outcome
                .sources
                .insert(config_rel.to_path_buf(), ledger.config_text.clone());
        }
        outcome.findings.extend(expiring);
    }
    let customers = &ledger.customers;
    let id_format = IdFormat::parse(&config.id_format).ok();
    let ctx = Context {
        config,
        tz,
        now,
        customers: &ledger.customer_codes,
        customer_records: &ledger.customers,
        id_format: id_format.as_ref(),
        calendars: Some(&ledger.calendars),
    };

    // The cache serves whole-ledger runs; a run over a few files is fast anyway.
    let use_cache = matches!(selection, Selection::All) && since.is_none();
    let fingerprint = ledger.fingerprint;
    let credit_limited: BTreeSet<&str> = customers
        .iter()
        .filter(|(_, c)| config.credit_limit_of(c).is_some())
        .map(|(code, _)| code.as_str())
        .collect();
    let (mut made, pass): (Vec<Made<FileCheck, Entry>>, Pass<Entry>) = pass::run(
        root,
        fingerprint,
        &all_orders,
        now.timestamp(),
        use_cache,
        |file, reading| check_order_file(root, &ctx, &credit_limited, file, reading, feed),
    );
    outcome.orders = made.len();
    outcome.files += made.len();
    // One copy of each exposure, shared with the cache entry: a clone of
    // every order's was the largest single cost of a cold run's memory.
    let exposures: Vec<Arc<Exposure>> = made
        .iter_mut()
        .enumerate()
        .filter_map(|(i, m)| match m {
            Made::Cached => pass.entry(i)?.exposure.clone(),
            Made::Read(fresh) => fresh.part.exposure.take(),
        })
        .collect();
    if feed.is_some() {
        outcome.awaiting_approval =
            ordo_core::checks::credit::awaiting_approval(config, now, customers, &exposures);
    }
    let keys: Vec<(&OrderFile, OrderKey)> = all_orders
        .iter()
        .zip(&made)
        .enumerate()
        .filter_map(|(i, (file, m))| {
            let key = match m {
                Made::Cached => pass.entry(i)?.key.as_deref().cloned(),
                Made::Read(fresh) => fresh.part.key.clone(),
            };
            Some((file, key?))
        })
        .collect();
    let twins = same_orders(root, tz, selection, &keys, &want_orders);
    // Documents named by path: their files may come and go without the order
    // changing, so they are looked for on every run, cached entry or not.
    let mut missing_documents: HashMap<PathBuf, Vec<Finding>> = HashMap::new();
    for (i, (file, m)) in all_orders.iter().zip(&made).enumerate() {
        let references = match m {
            Made::Cached => pass.entry(i).map(|e| e.references.as_slice()),
            Made::Read(fresh) => Some(fresh.part.references.as_slice()),
        };
        for (path, finding) in references.unwrap_or_default() {
            if !root.join(path).is_file() {
                missing_documents
                    .entry(file.rel.clone())
                    .or_default()
                    .push(finding.clone());
            }
        }
    }
    // The cache is written on a thread of its own while the cross-file checks run.
    let (cross, saved) = std::thread::scope(|scope| {
        let saving = scope.spawn(|| pass.save(root, fingerprint, &all_orders, &made));
        let cross = cross::findings(
            root,
            &ctx,
            customers,
            selection,
            since,
            exposures,
            &all_orders,
            &want_orders,
        );
        let saved = saving
            .join()
            .unwrap_or_else(|_| Err(std::io::Error::other("the cache writer failed")));
        (cross, saved)
    });
    let mut cross = cross?;
    for finding in twins {
        cross.entry(finding.file.clone()).or_default().push(finding);
    }
    for (rel, found) in missing_documents {
        cross.entry(rel).or_default().extend(found);
    }
    if let Err(error) = saved {
        outcome.cache_problem = Some(error.to_string());
    }
    for (i, (file, m)) in all_orders.iter().zip(made).enumerate() {
        let (mut findings, text) = match m {
            Made::Cached => (
                pass.entry(i)
                    .map(|e| e.findings.clone())
                    .unwrap_or_default(),
                None,
            ),
            Made::Read(fresh) => (fresh.part.findings, fresh.part.text),
        };
        if let Some(found) = cross.remove(&file.rel) {
            findings.extend(found);
        }
        if findings.is_empty() {
            continue;
        }
        let text = text.or_else(|| read_source(root, &file.rel).source.map(|s| s.text));
        if let Some(text) = text {
            outcome.sources.insert(file.rel.clone(), text);
        }
        outcome.findings.extend(findings);
    }
    if whole && git_setup::work_tree(root).is_some() {
        outcome.findings.extend(merge_setup(root));
    }
    if let Some(rev) = since {
        let against = if whole {
            crate::ledger::revision::Against::WorkTree
        } else {
            crate::ledger::revision::Against::Index
        };
        for (rel, text, finding) in cross::deleted_with_history(root, rev, against)? {
            outcome.sources.insert(rel, text);
            outcome.findings.push(finding);
            outcome.files += 1;
        }
    }
    apply_levels(config, &mut outcome.findings);
    Ok(outcome)
}

/// Whether this clone merges orders by their fields: the committed
/// attributes route them to ordo, and this clone's git config can run it.
fn merge_setup(root: &Path) -> Option<Finding> {
    if !git_setup::routed(root) {
        return Some(
            Finding::warning(
                Code::MergeSetup,
                ".gitattributes",
                "the ledger is in git, but its orders merge line by line: two people who change one order meet conflicts git could merge",
            )
            .help("run `ordo setup-git` (in each clone) and commit .gitattributes"),
        );
    }
    let message = match git_setup::driver_state(root) {
        git_setup::DriverState::Ready => return None,
        git_setup::DriverState::Missing => "this clone has not set up ordo's merge driver, which .gitattributes names: git merges its orders line by line, and changes to different steps of one order conflict".to_owned(),
        git_setup::DriverState::Gone(program) => format!(
            "this clone's merge driver runs {program}, which is not there (moved or uninstalled), and no `ordo` is on PATH: merges of orders fail"
        ),
    };
    Some(
        Finding::warning(Code::MergeSetup, ".gitattributes", message)
            .help("run `ordo setup-git` in this clone"),
    )
}

/// `duplicate-order` of the files checked: over the whole ledger, every uid
/// held twice; for a few files, their former ids' files (a renumbering that
/// stopped half way leaves both).
fn same_orders(
    root: &Path,
    tz: Tz,
    selection: &Selection,
    keys: &[(&OrderFile, OrderKey)],
    want: &[&OrderFile],
) -> Vec<Finding> {
    let mut all: Vec<(&OrderFile, &OrderKey)> = keys.iter().map(|(f, k)| (*f, k)).collect();
    let mut others: Vec<(OrderFile, OrderKey)> = Vec::new();
    if let Selection::Files(_) = selection {
        let listed: BTreeSet<&str> = keys.iter().map(|(f, _)| f.stem.as_str()).collect();
        for (_, key) in keys {
            for former in key
                .former_ids
                .iter()
                .filter(|id| !listed.contains(id.as_str()))
            {
                let named = OrderFile {
                    rel: PathBuf::new(),
                    stem: former.clone(),
                    year: None,
                };
                for file in files::same_id_elsewhere(root, &named) {
                    let read = crate::ledger::read::read_order(root, &file, tz);
                    if let Some(order) = read.decoded {
                        others.push((file, OrderKey::of(&order)));
                    }
                }
            }
        }
        all.extend(others.iter().map(|(f, k)| (f, k)));
    }
    let wanted: BTreeSet<&Path> = want.iter().map(|f| f.rel.as_path()).collect();
    same_order_twice(&all)
        .into_iter()
        .filter(|f| wanted.contains(f.file.as_path()))
        .collect()
}
