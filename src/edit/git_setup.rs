//! Wiring ordo's merge driver into a clone: the ledger's `.gitattributes` says
//! which files merge with it (committed, so every clone has it), and the clone's
//! own git config says how to run it (`merge.ordo.*`, never committed).

use std::path::{Path, PathBuf};
use std::process::Command;

/// The lines of the ledger's `.gitattributes` that route its files to ordo.
pub const ATTRIBUTES: &[&str] = &["orders/**/*.yaml merge=ordo", "customers/*.yaml merge=ordo"];

/// What `setup` did, said in lines a person reads.
#[derive(Debug, Default)]
pub struct Done {
    pub lines: Vec<String>,
}

/// The top of the git work tree holding `root`, when there is one.
pub fn work_tree(root: &Path) -> Option<PathBuf> {
    let output = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(["rev-parse", "--show-toplevel"])
        .output()
        .ok()?;
    output
        .status
        .success()
        .then(|| PathBuf::from(String::from_utf8_lossy(&output.stdout).trim()))
}

/// Writes the missing attribute lines and this clone's driver config. Doing it
/// again changes nothing. `ordo` is the command git runs (this program).
pub fn setup(root: &Path, ordo: &Path) -> Result<Done, String> {
    let mut done = Done::default();
    let path = root.join(".gitattributes");
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    let missing: Vec<&str> = ATTRIBUTES
        .iter()
        .copied()
        .filter(|line| !text.lines().any(|l| l.trim() == *line))
        .collect();
    if missing.is_empty() {
        done.lines
            .push(".gitattributes already routes orders and customers to ordo".into());
    } else {
        let mut new = text.clone();
        if !new.is_empty() && !new.ends_with('\n') {
            new.push('\n');
        }
        new.push_str("# Orders and customers merge by their fields (`ordo setup-git`).\n");
        for line in &missing {
            new.push_str(line);
            new.push('\n');
        }
        if path.exists() {
            super::write::replace(&path, text.as_bytes(), new.as_bytes())
        } else {
            super::write::create(&path, new.as_bytes())
        }
        .map_err(|e| e.to_string())?;
        done.lines.push(format!(
            "wrote to .gitattributes: {} (commit it: every clone merges alike)",
            missing.join("; ")
        ));
    }
    let driver = format!(
        "{} merge-file %O %A %B %P --marker-size %L",
        shell_quote(&ordo.to_string_lossy())
    );
    for (key, value) in [
        (
            "merge.ordo.name",
            "ordo: ledger files merged by their fields",
        ),
        ("merge.ordo.driver", driver.as_str()),
    ] {
        let output = Command::new("git")
            .arg("-C")
            .arg(root)
            .args(["config", "--local", key, value])
            .output()
            .map_err(|e| format!("cannot run git: {e}"))?;
        if !output.status.success() {
            return Err(format!(
                "git config {key} failed: {}",
                String::from_utf8_lossy(&output.stderr).trim()
            ));
        }
    }
    done.lines.push(format!(
        "set merge.ordo.driver in this clone's git config: {driver}"
    ));
    Ok(done)
}

/// Whether git routes the ledger's order files to ordo's driver (the committed
/// attributes; the clone's config is each teammate's `ordo setup-git`).
pub fn routed(root: &Path) -> bool {
    Command::new("git")
        .arg("-C")
        .arg(root)
        .args(["check-attr", "merge", "--", "orders/2000/x.yaml"])
        .output()
        .is_ok_and(|o| {
            String::from_utf8_lossy(&o.stdout)
                .trim_end()
                .ends_with(": merge: ordo")
        })
}

/// A word for a shell command line (git runs the driver through `sh`).
fn shell_quote(word: &str) -> String {
    if word
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "/._-+".contains(c))
    {
        word.to_owned()
    } else {
        format!("'{}'", word.replace('\'', r"'\''"))
    }
}
