//! The command line, defined once with clap's derive API.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// A git-friendly, plain-text order ledger.
#[derive(Debug, Parser)]
#[command(name = "ordo", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    /// The ledger's root folder (default: the nearest folder above holding ordo.yaml).
    #[arg(
        short = 'C',
        long = "ledger",
        env = "ORDO_LEDGER",
        global = true,
        value_name = "DIR"
    )]
    pub ledger: Option<PathBuf>,

    /// The time to compute with, instead of now: a date (taken as its last second)
    /// or a date-time, in the ledger's timezone unless it has an offset.
    #[arg(long, global = true, value_name = "WHEN")]
    pub as_of: Option<String>,

    /// When to use colours (NO_COLOR turns them off in `auto`).
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check the ledger, or the given files, against the schemas and the rules.
    Validate(ValidateArgs),
    /// Create a new ledger: config, an example customer, editor and pre-commit wiring.
    Init(InitArgs),
    /// Print the JSON Schema of a ledger file kind.
    Schema(SchemaArgs),
}

#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Files to check (as a pre-commit hook passes them); none: the whole ledger.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// How to print findings.
    #[arg(long, value_enum, default_value_t = ValidateFormat::Human)]
    pub format: ValidateFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ValidateFormat {
    /// rustc-like diagnostics with the source lines.
    Human,
    /// One versioned JSON document (docs/json.md).
    Json,
    /// The human log plus GitHub Actions `::error` annotations.
    Github,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Where to create the ledger (default: the current folder).
    #[arg(value_name = "DIR", default_value = ".")]
    pub dir: PathBuf,
}

#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// Which schema.
    #[arg(value_enum)]
    pub kind: SchemaKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SchemaKind {
    /// ordo.yaml
    Ordo,
    /// customers/<CODE>.yaml
    Customer,
    /// orders/<YYYY>/<ID>.yaml
    Order,
}
