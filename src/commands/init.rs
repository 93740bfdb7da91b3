//! `ordo init [DIR]`: a new ledger with the shipped workflows, SLAs and calendar,
//! an example customer, schemas wired into editors, and a pre-commit hook.

use std::path::Path;

use crate::cli::InitArgs;
use crate::ledger::discover::CONFIG_FILE;
use crate::schema::FileKind;
use crate::{Environment, Failure, exit};

/// The shipped configuration: the example ledger's, so both stay one file.
const CONFIG: &str = include_str!("../../example-ledger/ordo.yaml");

const CUSTOMER: &str = "\
# An example customer: copy this file for each customer (the file name is the code).
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

const GITIGNORE: &str = "# ordo's cache of parsed orders\n.ordo/\n";

pub fn run(args: &InitArgs, env: &Environment, out: &mut Vec<u8>) -> Result<u8, Failure> {
    let dir = if args.dir.is_absolute() {
        args.dir.clone()
    } else {
        env.cwd.join(&args.dir)
    };
    if dir.join(CONFIG_FILE).exists() {
        return Err(Failure::Usage(format!(
            "{} already holds a ledger (ordo.yaml); nothing was changed",
            dir.display()
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
            return Err(Failure::Usage(format!(
                "{} already exists; nothing was changed",
                dir.join(rel).display()
            )));
        }
    }
    let gitignore = dir.join(".gitignore");
    let ignore_text = match std::fs::read_to_string(&gitignore) {
        Ok(text) if text.lines().any(|l| l.trim() == ".ordo/") => None,
        Ok(text) => Some(format!(
            "{text}{}{GITIGNORE}",
            if text.ends_with('\n') || text.is_empty() {
                ""
            } else {
                "\n"
            }
        )),
        Err(_) => Some(GITIGNORE.to_owned()),
    };
    if let Some(text) = ignore_text {
        files.push((".gitignore".to_owned(), text));
    }
    for (rel, text) in &files {
        write_new(&dir.join(rel), text)?;
    }
    out.extend_from_slice(
        format!(
            "Created a ledger in {}\n  ordo.yaml, customers/EXAMPLE.yaml, orders/\n  schema/ (wired into VS Code by .vscode/settings.json)\n  .pre-commit-config.yaml (run `pre-commit install` to enable it)\nNext: edit people and calendars in ordo.yaml, then `ordo validate`.\n",
            dir.display()
        )
        .as_bytes(),
    );
    Ok(exit::OK)
}

fn write_new(path: &Path, text: &str) -> Result<(), Failure> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .map_err(|e| Failure::Io(format!("cannot create {}: {e}", parent.display())))?;
    }
    std::fs::write(path, text)
        .map_err(|e| Failure::Io(format!("cannot write {}: {e}", path.display())))
}
