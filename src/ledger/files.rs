//! Listing and classifying ledger files without reading them: the set of order ids
//! comes from file names, so a pre-commit run over a few files never opens the rest.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use ordo_core::finding::{Code, Finding};
pub use ordo_core::layout::{LedgerFile, OrderFile, classify};

/// Every customer file, by code.
pub fn customer_files(root: &Path) -> BTreeMap<String, PathBuf> {
    yaml_files(root, "customers", 1, |_| true)
        .into_iter()
        .filter_map(|rel| match classify(&rel) {
            Some(LedgerFile::Customer { code }) => Some((code, rel)),
            _ => None,
        })
        .collect()
}

/// Something under `orders/` that looks like an order file but is not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stray {
    pub rel: PathBuf,
    pub why: String,
}

impl Stray {
    /// The `file` finding that names it.
    pub fn finding(&self) -> Finding {
        Finding::error(Code::File, &self.rel, self.why.clone())
            .help("order files are orders/<YYYY>/<ID>.yaml; rename or move this one, or remove it")
    }
}

/// The order files under `orders/`, and what looks like one but is not read.
#[derive(Debug, Default)]
pub struct Listing {
    pub orders: Vec<OrderFile>,
    pub strays: Vec<Stray>,
}

/// Every order file, sorted by path. Links are listed, never followed.
pub fn order_files(root: &Path) -> Vec<OrderFile> {
    list_orders(root, Path::new("orders")).orders
}

/// The order files under `dir` (relative to the root, inside `orders/`) and the
/// strays there: names that end in `.YAML` or `.Yml`, links to folders (never
/// followed), and folders that cannot be listed. Any depth is listed: a file too
/// deep is an order outside a year folder, which `validate` reports.
pub fn list_orders(root: &Path, dir: &Path) -> Listing {
    let mut listing = Listing::default();
    let base = root.join(dir);
    let mut walk = WalkDir::new(&base)
        .min_depth(1)
        .follow_links(false)
        .into_iter();
    while let Some(entry) = walk.next() {
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) => {
                let path = error.path().unwrap_or(&base);
                if let Some(rel) = relative(root, path) {
                    listing.strays.push(Stray {
                        why: format!("{} cannot be listed: {error}", rel.display()),
                        rel,
                    });
                }
                continue;
            }
        };
        let name = entry.file_name().to_string_lossy();
        if name.starts_with('.') {
            if entry.file_type().is_dir() {
                walk.skip_current_dir();
            }
            continue;
        }
        let Some(rel) = relative(root, entry.path()) else {
            continue;
        };
        // A folder named like an order file is listed: reading it says what it is.
        if (name.ends_with(".yaml") || name.ends_with(".yml"))
            && let Some(LedgerFile::Order(file)) = classify(&rel)
        {
            listing.orders.push(file);
            continue;
        }
        if !entry.file_type().is_dir() {
            listing.strays.extend(stray(root, rel));
        }
    }
    // Byte order: comparing `Path`s goes component by component, slow for 100,000.
    listing
        .orders
        .sort_unstable_by(|a, b| a.rel.as_os_str().cmp(b.rel.as_os_str()));
    listing
        .strays
        .sort_by(|a, b| a.rel.as_os_str().cmp(b.rel.as_os_str()));
    listing
}

/// Why a path under `orders/` that is not an order file looks like one: a name
/// ending in `.YAML` (any case but lower), or a link to a folder. `None` for
/// other files (notes, `.gitkeep`), which are none of ordo's business.
pub fn stray(root: &Path, rel: PathBuf) -> Option<Stray> {
    let name = rel.file_name()?.to_string_lossy().to_ascii_lowercase();
    let why = if root.join(&rel).is_dir() {
        format!(
            "{} is a link to a folder; ordo does not follow links in orders/, so the orders there are not read",
            rel.display()
        )
    } else if name.ends_with(".yaml") || name.ends_with(".yml") {
        format!(
            "{} is not read: order files end in `.yaml`, in lower case",
            rel.display()
        )
    } else {
        return None;
    };
    Some(Stray { rel, why })
}

/// The order files whose file name passes `keep`, sorted by path; the names are
/// filtered before anything else is made of them.
pub fn order_files_where(root: &Path, keep: impl Fn(&str) -> bool) -> Vec<OrderFile> {
    let mut files: Vec<OrderFile> = yaml_files(root, "orders", usize::MAX, keep)
        .into_iter()
        .filter_map(|rel| match classify(&rel) {
            Some(LedgerFile::Order(file)) => Some(file),
            _ => None,
        })
        .collect();
    files.sort_unstable_by(|a, b| a.rel.as_os_str().cmp(b.rel.as_os_str()));
    files
}

fn yaml_files(root: &Path, dir: &str, depth: usize, keep: impl Fn(&str) -> bool) -> Vec<PathBuf> {
    let base = root.join(dir);
    WalkDir::new(&base)
        .min_depth(1)
        .max_depth(depth)
        .follow_links(false)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| {
            let name = e.file_name().to_string_lossy();
            (name.ends_with(".yaml") || name.ends_with(".yml"))
                && !name.starts_with('.')
                && keep(&name)
        })
        .filter_map(|e| relative(root, e.path()))
        .collect()
}

/// `path` relative to `root`, by its text when it can (cheaper than comparing
/// `Path` components for every file of a large ledger).
fn relative(root: &Path, path: &Path) -> Option<PathBuf> {
    let (Some(root_text), Some(text)) = (root.to_str(), path.to_str()) else {
        return path.strip_prefix(root).ok().map(Path::to_path_buf);
    };
    let rest = text.strip_prefix(root_text)?;
    let rest = rest.strip_prefix('/').unwrap_or(rest);
    Some(PathBuf::from(rest))
}

/// Other files holding the same order id as `file`: the same name in another
/// year folder, or loose in `orders/`. Looked up by name, without listing orders.
pub fn same_id_elsewhere(root: &Path, file: &OrderFile) -> Vec<OrderFile> {
    let orders = root.join("orders");
    let mut folders: Vec<PathBuf> = vec![PathBuf::from("orders")];
    if let Ok(entries) = std::fs::read_dir(&orders) {
        folders.extend(
            entries
                .filter_map(Result::ok)
                .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
                .map(|e| PathBuf::from("orders").join(e.file_name())),
        );
    }
    folders
        .into_iter()
        .flat_map(|dir| ["yaml", "yml"].map(|ext| dir.join(format!("{}.{ext}", file.stem))))
        .filter(|rel| *rel != file.rel && root.join(rel).symlink_metadata().is_ok())
        .filter_map(|rel| match classify(&rel) {
            Some(LedgerFile::Order(other)) => Some(other),
            _ => None,
        })
        .collect()
}
