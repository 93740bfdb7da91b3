//! The ledger's layout: which path is the configuration, a customer or an
//! order, told from the path alone (a run over a few files never lists the rest).

use std::path::{Component, Path, PathBuf};

/// The ledger's configuration file, at its root.
pub const CONFIG_FILE: &str = "ordo.yaml";

/// What a path in the ledger is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LedgerFile {
    Config,
    Customer { code: String },
    Order(OrderFile),
}

/// An order file's place in the tree.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct OrderFile {
    /// Relative to the ledger root.
    pub rel: PathBuf,
    /// The file name without `.yaml`: the order id it must hold.
    pub stem: String,
    /// The year folder it sits in (`orders/<YYYY>/`), if it sits in one.
    pub year: Option<String>,
}

/// Classifies a path relative to the ledger root; `None` for files ordo does not own.
pub fn classify(rel: &Path) -> Option<LedgerFile> {
    // Splitting the text is much cheaper than `Path::components` over 100,000 files.
    let parts: Vec<&str> = match rel.to_str() {
        Some(text) if !text.contains('\\') => text
            .split('/')
            .filter(|p| !p.is_empty() && *p != ".")
            .collect(),
        _ => rel
            .components()
            .filter_map(|c| match c {
                Component::Normal(s) => s.to_str(),
                _ => None,
            })
            .collect(),
    };
    match parts.as_slice() {
        [name] if *name == CONFIG_FILE => Some(LedgerFile::Config),
        ["customers", name] => name.strip_suffix(".yaml").map(|code| LedgerFile::Customer {
            code: code.to_owned(),
        }),
        ["orders", rest @ ..] if !rest.is_empty() => {
            let name = rest.last()?;
            let stem = name
                .strip_suffix(".yaml")
                .or_else(|| name.strip_suffix(".yml"))?;
            let year = match rest {
                [year, _] => Some((*year).to_owned()),
                _ => None,
            };
            Some(LedgerFile::Order(OrderFile {
                rel: rel.to_path_buf(),
                stem: stem.to_owned(),
                year,
            }))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_ledger_paths() {
        assert_eq!(classify(Path::new("ordo.yaml")), Some(LedgerFile::Config));
        assert_eq!(
            classify(Path::new("customers/ABC.yaml")),
            Some(LedgerFile::Customer { code: "ABC".into() })
        );
        let Some(LedgerFile::Order(order)) = classify(Path::new("orders/2026/202605-ABC-001.yaml"))
        else {
            panic!("an order path");
        };
        assert_eq!(order.stem, "202605-ABC-001");
        assert_eq!(order.year.as_deref(), Some("2026"));
        let Some(LedgerFile::Order(loose)) = classify(Path::new("orders/X.yaml")) else {
            panic!("a misplaced order is still an order");
        };
        assert_eq!(loose.year, None);
        assert_eq!(classify(Path::new("README.md")), None);
    }
}
