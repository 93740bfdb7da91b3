//! `ordo completions SHELL` and `ordo man`: generated from the same clap
//! definition as the parser, so they never drift from it.

use clap::CommandFactory;

use crate::cli::{Cli, CompletionsArgs};
use crate::{Failure, exit};

pub fn completions(args: &CompletionsArgs, out: &mut Vec<u8>) -> Result<u8, Failure> {
    let mut command = Cli::command();
    clap_complete::generate(args.shell, &mut command, "ordo", out);
    Ok(exit::OK)
}

pub fn man(out: &mut Vec<u8>) -> Result<u8, Failure> {
    let command = Cli::command();
    clap_mangen::Man::new(command)
        .render(out)
        .map_err(|e| Failure::Io(format!("cannot render the manual: {e}")))?;
    Ok(exit::OK)
}
