//! ordo: a git-friendly, plain-text order ledger. [`run`] is the whole program;
//! `main.rs` only parses arguments and exits with the code it returns.

pub mod cli;
mod commands;
pub mod edit;
pub mod export;
mod failure;
pub mod git;
pub mod ledger;
pub mod merge;
pub mod output;
mod site;
pub mod validate;

use std::io::Write;

use cli::{Cli, Command};
pub use failure::{Failure, Problem};

/// Exit codes shared by every command.
pub mod exit {
    /// Success.
    pub const OK: u8 = 0;
    /// Findings (validate errors) or report rows with `--fail-if-any`.
    pub const FINDINGS: u8 = 1;
    /// Usage, configuration or I/O error.
    pub const FAILURE: u8 = 2;
}

/// What the program was started with, read once at the edge.
pub struct Environment {
    pub cwd: std::path::PathBuf,
    pub now: chrono::DateTime<chrono::Utc>,
    pub stdout_is_terminal: bool,
    pub no_color: bool,
}

impl Environment {
    pub fn current() -> Self {
        use std::io::IsTerminal;
        Environment {
            cwd: std::env::current_dir().unwrap_or_default(),
            now: chrono::Utc::now(),
            stdout_is_terminal: std::io::stdout().is_terminal(),
            no_color: std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
        }
    }
}

/// Runs a parsed command line and returns the exit code.
pub fn run(cli: Cli) -> u8 {
    let env = Environment::current();
    let mut out = Vec::new();
    let result = match &cli.command {
        Command::Validate(args) => commands::validate::run(&cli, args, &env, &mut out),
        Command::Init(args) => commands::init::run(args, &env, &mut out),
        Command::Schema(args) => commands::schema::run(args, &mut out),
        Command::Show(args) => commands::show::run(&cli, args, &env, &mut out),
        Command::Explain(args) => commands::explain::run(&cli, args, &env, &mut out),
        Command::List(args) => commands::list::run(&cli, args, &env, &mut out),
        Command::New(args) => commands::new::run(&cli, args, &env, &mut out),
        Command::Advance(args) => commands::advance::run(&cli, args, &env, &mut out),
        Command::Skip(args) => commands::skip::run(&cli, args, &env, &mut out),
        Command::Plan(args) => commands::plan::run(&cli, args, &env, &mut out),
        Command::Amend(args) => commands::amend::run(&cli, args, &env, &mut out),
        Command::Attach(args) => commands::attach::run(&cli, args, &env, &mut out),
        Command::Pay(args) => commands::pay::run(&cli, args, &env, &mut out),
        Command::Ship(args) => commands::ship::run(&cli, args, &env, &mut out),
        Command::Incident(args) => commands::incident::run(&cli, args, &env, &mut out),
        Command::Contract(args) => commands::dates::contract(&cli, args, &env, &mut out),
        Command::Date(args) => commands::dates::date(&cli, args, &env, &mut out),
        Command::Confirm(args) => commands::dates::confirm(&cli, args, &env, &mut out),
        Command::Line(args) => commands::line::run(&cli, args, &env, &mut out),
        Command::Hold(args) => commands::hold::run(&cli, args, &env, &mut out),
        Command::Note(args) => commands::note::run(&cli, args, &env, &mut out),
        Command::Overdue(args) => commands::overdue::run(&cli, args, &env, &mut out),
        Command::Upcoming(args) => commands::upcoming::run(&cli, args, &env, &mut out),
        Command::Sla(args) => commands::sla::run(&cli, args, &env, &mut out),
        Command::Monthly(args) => commands::monthly::run(&cli, args, &env, &mut out),
        Command::Calendar(args) => commands::calendar::run(&cli, args, &env, &mut out),
        Command::Site(args) => commands::site::run(&cli, args, &env, &mut out),
        Command::Export(args) => commands::export::run(&cli, args, &env, &mut out),
        Command::History(args) => commands::history::run(&cli, args, &env, &mut out),
        Command::Slips(args) => commands::slips::run(&cli, args, &env, &mut out),
        Command::SetupGit => commands::setup_git::run(&cli, &env, &mut out),
        Command::MergeFile(args) => commands::merge_file::run(&cli, args, &env, &mut out),
        Command::Renumber(args) => commands::renumber::run(&cli, args, &env, &mut out),
        Command::Completions(args) => commands::shell::completions(args, &mut out),
        Command::Man(args) => commands::shell::man(args, &env, &mut out),
    };
    if let Err(error) = write_stdout(&out) {
        let _ = writeln!(std::io::stderr(), "ordo: cannot write output: {error}");
        return exit::FAILURE;
    }
    match result {
        Ok(code) => code,
        Err(failure) => {
            let color = commands::invocation::use_color(&cli, &env);
            let _ = failure.report(color, &mut std::io::stderr().lock());
            exit::FAILURE
        }
    }
}

/// Writes to stdout; a closed pipe (`ordo ... | head`) is a normal end.
fn write_stdout(bytes: &[u8]) -> std::io::Result<()> {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}
