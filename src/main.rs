//! The `ordo` binary: parse the arguments, run, exit with the outcome's code.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = ordo::cli::Cli::parse();
    ExitCode::from(ordo::run(cli))
}
