//! `ordo validate` as a computation: which files to read, in what order, with what
//! context, and the findings that come out. Orders are read in parallel; a run over
//! a few files lists the ledger but reads only those files (and, for credit
//! control, the other orders of the same customers).

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};

use chrono::DateTime;
use chrono_tz::Tz;
use rayon::prelude::*;

use crate::ledger::cache::{self, Cache, Entry, Identity};
use crate::ledger::discover::CONFIG_FILE;
use crate::ledger::files::{self, LedgerFile, OrderFile, Stray};
use crate::ledger::open::{Ledger, apply_levels};
use crate::ledger::read::read_order;
use crate::ledger::source::read_source;
use ordo_core::checks::credit::{Exposure, check_customer};
use ordo_core::checks::time::Window;
use ordo_core::checks::{self, Context};
use ordo_core::document;
use ordo_core::finding::{Code, Finding, Severity};
use ordo_core::model::id_format::IdFormat;
use ordo_core::model::{Customer, Order};
use ordo_core::schema::FileKind;

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
) -> Result<Outcome, String> {
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
    let all_orders: Vec<OrderFile> = match selection {
        Selection::All => ledger.order_files.clone(),
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
            .collect(),
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
        let mut expiring = checks::config::expiring(config_rel, config, now.date_naive());
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
        id_format: id_format.as_ref(),
        calendars: Some(&ledger.calendars),
    };

    // The cache serves whole-ledger runs; a run over a few files is fast anyway.
    let use_cache = matches!(selection, Selection::All) && since.is_none();
    let fingerprint = ledger.fingerprint;
    let credit_limited: BTreeSet<&str> = customers
        .iter()
        .filter(|(_, c)| c.credit_limit.is_some())
        .map(|(code, _)| code.as_str())
        .collect();
    // The cache serves whole-ledger runs only, where the wanted orders are all
    // of them.
    // Taken before any file is stat'ed or read (see `Identity::racy`).
    let read_ns = cache::clock_ns();
    let (cache, identities): (Cache<Entry>, Vec<Option<Identity>>) = if use_cache {
        Cache::load_with_identities(root, fingerprint, &all_orders)
    } else {
        (Cache::default(), vec![None; want_orders.len()])
    };
    let now_secs = now.timestamp();
    let checked: Vec<Checked> = want_orders
        .par_iter()
        .zip(identities)
        .map(|(file, identity)| {
            let cache = use_cache.then_some(Stat {
                cache: &cache,
                identity,
            });
            check_order_file(root, &ctx, &credit_limited, file, cache, now_secs, read_ns)
        })
        .collect();
    outcome.orders = checked.len();
    outcome.files += checked.len();
    // Saved when anything was read, or files went away (their entries with them),
    // on a thread of its own while the cross-file checks run.
    let save = use_cache && (checked.iter().any(|c| !c.from_cache) || cache.len() != checked.len());
    let (cross, saved) = std::thread::scope(|scope| {
        let saving = save.then(|| {
            scope.spawn(|| {
                let entries = checked.iter().filter_map(|c| {
                    let key = c.rel.to_str()?;
                    Some((key, c.entry.as_ref().or_else(|| cache.entry(key))?))
                });
                Cache::save(root, fingerprint, entries)
            })
        });
        let cross = cross_file_findings(
            root,
            &ctx,
            customers,
            selection,
            since,
            &checked,
            &all_orders,
            &want_orders,
        );
        let saved = saving.map(|s| {
            s.join()
                .unwrap_or_else(|_| Err(std::io::Error::other("the cache writer failed")))
        });
        (cross, saved)
    });
    let mut cross = cross?;
    if let Some(Err(error)) = saved {
        outcome.cache_problem = Some(error.to_string());
    }
    for mut c in checked {
        if !cross.is_empty()
            && let Some(found) = cross.remove(c.rel)
        {
            c.findings.extend(found);
        }
        if c.findings.is_empty() {
            continue;
        }
        let text = c
            .text
            .or_else(|| read_source(root, c.rel).source.map(|s| s.text));
        if let Some(text) = text {
            outcome.sources.insert(c.rel.to_path_buf(), text);
        }
        outcome.findings.extend(c.findings);
    }
    if let Some(rev) = since {
        for (rel, text, finding) in deleted_with_history(root, rev)? {
            outcome.sources.insert(rel, text);
            outcome.findings.push(finding);
            outcome.files += 1;
        }
    }
    apply_levels(config, &mut outcome.findings);
    Ok(outcome)
}

/// The findings that need more than one file: credit control over a customer's
/// orders, duplicate ids, and (with `since`) the change itself.
#[allow(clippy::too_many_arguments)]
fn cross_file_findings(
    root: &Path,
    ctx: &Context<'_>,
    customers: &BTreeMap<String, Customer>,
    selection: &Selection,
    since: Option<&str>,
    checked: &[Checked<'_>],
    all_orders: &[OrderFile],
    want_orders: &[&OrderFile],
) -> Result<HashMap<PathBuf, Vec<Finding>>, String> {
    let selected: HashSet<&std::ffi::OsStr> =
        want_orders.iter().map(|f| f.rel.as_os_str()).collect();
    let mut exposures: Vec<Exposure> = checked.iter().filter_map(|c| c.exposure.clone()).collect();
    let limited: BTreeSet<String> = exposures
        .iter()
        .map(|e| e.customer.clone())
        .filter(|c| customers.get(c).is_some_and(|c| c.credit_limit.is_some()))
        .collect();
    if matches!(selection, Selection::Files(_))
        && !limited.is_empty()
        && ctx.config.credit.is_some()
    {
        let candidates = files::order_files_where(root, |name| {
            limited.iter().any(|code| name.contains(code.as_str()))
        });
        exposures.extend(other_exposures(root, ctx, &candidates, &selected, &limited));
    }
    let (config, tz) = (ctx.config, ctx.tz);
    let mut cross: HashMap<PathBuf, Vec<Finding>> = HashMap::new();
    for code in &limited {
        let Some(customer) = customers.get(code) else {
            continue;
        };
        let mine: Vec<&Exposure> = exposures.iter().filter(|e| e.customer == *code).collect();
        let is_selected = |rel: &PathBuf| selected.contains(rel.as_os_str());
        for finding in check_customer(config, tz, customer, mine, &is_selected) {
            cross.entry(finding.file.clone()).or_default().push(finding);
        }
    }
    let duplicates = match selection {
        Selection::All => checks::duplicate_ids(all_orders, want_orders),
        Selection::Files(_) => {
            let elsewhere: Vec<OrderFile> = want_orders
                .iter()
                .flat_map(|f| files::same_id_elsewhere(root, f))
                .collect();
            let mut all: Vec<OrderFile> = all_orders.to_vec();
            all.extend(elsewhere);
            checks::duplicate_ids(&all, want_orders)
        }
    };
    for finding in duplicates {
        cross.entry(finding.file.clone()).or_default().push(finding);
    }
    if let Some(rev) = since {
        for (rel, found) in history_findings(root, rev, selection, want_orders)? {
            cross.entry(rel).or_default().extend(found);
        }
    }
    Ok(cross)
}

/// The `history` and `baseline-changed` findings of the selected orders that
/// differ from `rev`.
fn history_findings(
    root: &Path,
    rev: &str,
    selection: &Selection,
    selected: &[&OrderFile],
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
    for rel in &compare {
        let Some(Some(old_text)) = old_texts.get(rel) else {
            continue;
        };
        let read = read_source(root, rel);
        let Some(source) = read.usable() else {
            continue;
        };
        let mut ignored = Vec::new();
        let old = document::load::<Order>(rel, old_text, FileKind::Order, &mut ignored);
        let new = document::load::<Order>(rel, &source.text, FileKind::Order, &mut ignored);
        if let (Some(old), Some(new)) = (old, new) {
            out.insert(rel.clone(), checks::history::compare(rel, &old, &new));
        }
    }
    Ok(out)
}

/// Orders deleted since `rev` that had recorded history, with their old text.
/// (A deletion is never in a selection, so every run with `--since` looks.) An
/// order moved to another file under the same id is not deleted.
fn deleted_with_history(root: &Path, rev: &str) -> Result<Vec<(PathBuf, String, Finding)>, String> {
    let deleted = crate::ledger::revision::deleted_orders(root, rev)?;
    if deleted.is_empty() {
        return Ok(Vec::new());
    }
    let old_texts = crate::ledger::revision::read_at(root, rev, &deleted)?;
    let mut out = Vec::new();
    for rel in deleted {
        let Some(LedgerFile::Order(file)) = files::classify(&rel) else {
            continue;
        };
        if !files::same_id_elsewhere(root, &file).is_empty() {
            continue;
        }
        let Some(Some(text)) = old_texts.get(&rel) else {
            continue;
        };
        let mut ignored = Vec::new();
        let Some(old) = document::load::<Order>(&rel, text, FileKind::Order, &mut ignored) else {
            continue;
        };
        if let Some(finding) = checks::history::deleted(&rel, &old) {
            out.push((rel, text.clone(), finding));
        }
    }
    Ok(out)
}

/// One order file after its own checks: what the cross-file checks and the
/// output need, and the cache entry it makes. The text is kept only when there
/// is something to show in it.
struct Checked<'f> {
    rel: &'f Path,
    findings: Vec<Finding>,
    exposure: Option<Exposure>,
    text: Option<String>,
    entry: Option<Entry>,
    from_cache: bool,
}

/// A file's standing with the cache: the identity it had before it was read
/// (`None` when it was not stat'ed, or is not a plain file).
struct Stat<'c> {
    cache: &'c Cache<Entry>,
    identity: Option<Identity>,
}

fn check_order_file<'f>(
    root: &Path,
    ctx: &Context<'_>,
    credit_limited: &BTreeSet<&str>,
    file: &'f OrderFile,
    cache: Option<Stat<'_>>,
    now: i64,
    read_ns: i128,
) -> Checked<'f> {
    if let Some(Stat {
        cache,
        identity: Some(identity),
    }) = cache
        && let Some(entry) = cache.get(&file.rel, identity, now)
    {
        return Checked {
            rel: &file.rel,
            findings: entry.findings.clone(),
            exposure: entry.exposure.clone(),
            text: None,
            entry: None,
            from_cache: true,
        };
    }
    let read = read_order(root, file, ctx.tz);
    // What was stat'ed before the read, else what the read saw: either way a
    // change after it shows as a new identity next time.
    let identity = cache.and_then(|stat| stat.identity.or(read.identity));
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
    let exposure = order.and_then(|order| {
        let verdict = checks::check_order(ctx, file, order, &set_aside);
        findings.extend(verdict.findings);
        window = verdict.window;
        // Only credit control reads exposures, and only of customers with a limit.
        (usable && credit_limited.contains(order.customer.as_str()))
            .then(|| Exposure::of(ctx.config, file.rel.clone(), order))
    });
    let text = read.text.filter(|_| !findings.is_empty());
    Checked {
        rel: &file.rel,
        entry: identity.map(|identity| Entry {
            identity,
            read_ns,
            findings: findings.clone(),
            window,
            exposure: exposure.clone(),
        }),
        findings,
        exposure,
        text,
        from_cache: false,
    }
}

/// The exposures of the unselected orders of customers with a credit limit, found
/// by the customer code in their ids when the id format carries it.
fn other_exposures(
    root: &Path,
    ctx: &Context<'_>,
    all: &[OrderFile],
    selected: &HashSet<&std::ffi::OsStr>,
    customers: &BTreeSet<String>,
) -> Vec<Exposure> {
    let format = ctx.id_format.filter(|f| f.has_customer());
    all.par_iter()
        .filter(|file| !selected.contains(file.rel.as_os_str()))
        .filter(|file| match format {
            Some(format) => format
                .read(&file.stem)
                .and_then(|p| p.customer)
                .is_none_or(|c| customers.contains(&c)),
            None => true,
        })
        .filter_map(|file| {
            let read = read_order(root, file, ctx.tz);
            let order = read.order()?;
            customers
                .contains(&order.customer)
                .then(|| Exposure::of(ctx.config, file.rel.clone(), order))
        })
        .collect()
}
