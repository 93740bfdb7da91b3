//! `ordo completions SHELL` and `ordo man`: generated from the same clap
//! definition as the parser, so they never drift from it.

use clap::CommandFactory;

use crate::cli::{Cli, CompletionsArgs, ManArgs};
use crate::{Environment, Failure, exit};

pub(crate) fn completions(args: &CompletionsArgs, out: &mut Vec<u8>) -> Result<u8, Failure> {
    let mut command = Cli::command();
    clap_complete::generate(args.shell, &mut command, "ordo", out);
    Ok(exit::OK)
}

/// The main page on stdout, or every page (`ordo.1`, `ordo-validate.1`, ...)
/// written into a folder, as `clap_mangen::generate_to` names them but written
/// atomically like every other output.
pub(crate) fn man(args: &ManArgs, env: &Environment, out: &mut Vec<u8>) -> Result<u8, Failure> {
    let mut command = Cli::command().disable_help_subcommand(true);
    // Built, so subcommands carry their full names (`ordo-validate`) and the
    // global options.
    command.build();
    let Some(dir) = &args.output else {
        render(command, out)?;
        return Ok(exit::OK);
    };
    let dir = env.cwd.join(dir);
    let mut pages = Vec::new();
    collect(command, &mut pages);
    for page in &pages {
        let mut text = Vec::new();
        let name = clap_mangen::Man::new(page.clone()).get_filename();
        render(page.clone(), &mut text)?;
        crate::edit::output::output(&dir.join(&name), &text)
            .map_err(|e| Failure::io(e.to_string()))?;
    }
    out.extend(format!("Wrote {} manual pages to {}\n", pages.len(), dir.display()).bytes());
    Ok(exit::OK)
}

fn collect(command: clap::Command, pages: &mut Vec<clap::Command>) {
    for sub in command.get_subcommands().filter(|s| !s.is_hide_set()) {
        collect(sub.clone(), pages);
    }
    pages.push(command);
}

fn render(command: clap::Command, out: &mut Vec<u8>) -> Result<(), Failure> {
    clap_mangen::Man::new(command)
        .render(out)
        .map_err(|e| Failure::io(format!("cannot render the manual: {e}")))
}
