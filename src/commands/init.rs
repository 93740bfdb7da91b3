//! `ordo init [DIR]`: a new ledger with the shipped workflows, SLAs and calendar,
//! an example customer, schemas wired into editors, and a pre-commit hook.

use std::path::Path;

use crate::cli::InitArgs;
use crate::ledger::discover::CONFIG_FILE;
use crate::{Environment, Failure, exit};
use ordo_core::schema::FileKind;

/// The shipped configuration: the example ledger's, so both stay one file.
const CONFIG: &str = include_str!("../../example-ledger/ordo.yaml");

const CUSTOMER: &str = "\
# An example customer: copy this file for each customer (the file name is the code).
# The review of a customer's orders needs its qualification documents (business
# licence, the contact's identity) on file: `ordo attach EXAMPLE qualification PATH|URL`.
code: EXAMPLE
name: Example Customer Ltd.
credit_limit: 100000.00
currency: CNY
payment_terms:
  - {name: deposit, percent: 30, due: {after: contract.signed, offset: 7d}}
  - {name: balance, percent: 70, due: {after: ORD-08, offset: 0d}}
contacts:
  - {name: Jane Doe, email: jane@example.com, phone: \"+86 21 5555 0100\"}
";

const PRE_COMMIT: &str = "\
# Runs `ordo validate` on the ledger files of each commit (https://pre-commit.com).
repos:
  - repo: local
    hooks:
      - id: ordo-validate
        name: ordo validate
        entry: ordo validate
        language: system
        files: ^(ordo\\.yaml|customers/[^/]+\\.yaml|orders/.+\\.ya?ml)$
";

const VSCODE: &str = r#"{
  "yaml.schemas": {
    "./schema/ordo.schema.json": "ordo.yaml",
    "./schema/customer.schema.json": "customers/*.yaml",
    "./schema/order.schema.json": "orders/**/*.yaml"
  }
}
"#;

/// What a ledger's `.gitignore` keeps out of git: the cache and lock, and the
/// temporary file a writer killed mid-write leaves (the next writer removes it).
const IGNORED: &[(&str, &str)] = &[
    (".ordo/", "ordo's cache and write lock"),
    (".ordo-write-*.tmp", "a write interrupted before its rename"),
];

pub(crate) fn run(args: &InitArgs, env: &Environment, out: &mut Vec<u8>) -> Result<u8, Failure> {
    let dir = if args.dir.is_absolute() {
        args.dir.clone()
    } else {
        env.cwd.join(&args.dir)
    };
    if dir.join(CONFIG_FILE).exists() {
        return Err(Failure::usage(format!(
            "{} already holds a ledger (ordo.yaml); nothing was changed",
            dir.display()
        )));
    }
    // A ledger inside another would capture every command run below it.
    if let Some(outer) = dir
        .ancestors()
        .skip(1)
        .find(|a| a.join(CONFIG_FILE).is_file())
    {
        return Err(Failure::usage(format!(
            "{} is inside the ledger at {}; a ledger cannot hold another (nothing was changed)",
            dir.display(),
            outer.display()
        )));
    }
    let mut files: Vec<(String, String)> = vec![
        (CONFIG_FILE.to_owned(), CONFIG.to_owned()),
        ("customers/EXAMPLE.yaml".to_owned(), CUSTOMER.to_owned()),
        ("orders/.gitkeep".to_owned(), String::new()),
        (".pre-commit-config.yaml".to_owned(), PRE_COMMIT.to_owned()),
        (".vscode/settings.json".to_owned(), VSCODE.to_owned()),
    ];
    for kind in FileKind::ALL {
        files.push((
            format!("schema/{}", kind.schema_file()),
            kind.checked_in().to_owned(),
        ));
    }
    for (rel, _) in &files {
        if dir.join(rel).exists() {
            return Err(Failure::usage(format!(
                "{} already exists; nothing was changed",
                dir.join(rel).display()
            )));
        }
    }
    let gitignore = dir.join(".gitignore");
    let existing = std::fs::read_to_string(&gitignore).unwrap_or_default();
    let missing: String = IGNORED
        .iter()
        .filter(|(pattern, _)| !existing.lines().any(|l| l.trim() == *pattern))
        .map(|(pattern, why)| format!("# {why}\n{pattern}\n"))
        .collect();
    let ignore_text = (!missing.is_empty()).then(|| {
        let gap = if existing.ends_with('\n') || existing.is_empty() {
            ""
        } else {
            "\n"
        };
        format!("{existing}{gap}{missing}")
    });
    if let Some(text) = ignore_text {
        files.push((".gitignore".to_owned(), text));
    }
    for (rel, text) in &files {
        write_new(&dir.join(rel), text)?;
    }
    // In a git repository, teammates' changes to one order merge by field.
    let wired = if crate::edit::git_setup::work_tree(&dir).is_some() {
        crate::edit::git_setup::wire(&dir)?.lines
    } else {
        Vec::new()
    };
    out.extend_from_slice(
        format!(
            "Created a ledger in {}\n  ordo.yaml, customers/EXAMPLE.yaml, orders/\n  schema/ (wired into VS Code by .vscode/settings.json)\n  .pre-commit-config.yaml (run `pre-commit install` to enable it)\nNext: edit people and calendars in ordo.yaml, then `ordo validate`.\n",
            dir.display()
        )
        .as_bytes(),
    );
    for line in wired {
        out.extend_from_slice(format!("{line}\n").as_bytes());
    }
    Ok(exit::OK)
}

fn write_new(path: &Path, text: &str) -> Result<(), Failure> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .map_err(|e| Failure::io(format!("cannot create {}: {e}", parent.display())))?;
    }
    std::fs::write(path, text)
        .map_err(|e| Failure::io(format!("cannot write {}: {e}", path.display())))
}
