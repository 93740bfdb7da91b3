//! `ordo setup-git`: wire ordo's merge driver into this clone (idempotent).

use super::invocation::ledger_root;
use crate::cli::Cli;
use crate::edit::git_setup;
use crate::{Environment, Failure, exit};

pub(crate) fn run(cli: &Cli, env: &Environment, out: &mut Vec<u8>) -> Result<u8, Failure> {
    let root = ledger_root(cli, env)?;
    if git_setup::work_tree(&root).is_none() {
        return Err(
            Failure::usage(format!("{} is not in a git repository", root.display()))
                .hint("run `git init` first"),
        );
    }
    let done = git_setup::wire(&root)?;
    for line in done.lines {
        out.extend_from_slice(format!("{line}\n").as_bytes());
    }
    Ok(exit::OK)
}
