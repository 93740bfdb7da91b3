//! The `ordo` binary: parse the arguments, run, exit with the outcome's code.

use std::process::ExitCode;

use clap::Parser;

/// A ledger run makes millions of small, short-lived strings and maps; mimalloc
/// serves them faster than the system allocator (see BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = ordo::cli::Cli::parse();
    ExitCode::from(ordo::run(cli))
}
