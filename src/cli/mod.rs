//! The command line, defined once with clap's derive API.

mod attach;
mod choice;
mod dates;
mod export;
mod hold;
mod incident;
mod line;
mod note;
mod pay;
mod ship;

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::output::report::Format;
pub use attach::AttachArgs;
pub use choice::Choice;
pub use dates::{ConfirmArgs, ContractArgs, DateArgs};
pub use export::ExportArgs;
pub use hold::HoldArgs;
pub use incident::{IncidentAction, IncidentArgs};
pub use line::LineArgs;
pub use note::NoteArgs;
use ordo_core::i18n::Lang;
use ordo_core::model::enums::{Channel, Impact, Kind, Priority};
use ordo_core::model::status::Status;
use ordo_core::reports::sla::By;
pub use pay::PayArgs;
pub use ship::ShipArgs;

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
    pub as_of: Option<AsOf>,

    /// The language of reports and the site (default: `lang:` in ordo.yaml, else en).
    /// JSON and CSV stay in English.
    #[arg(long, global = true, value_enum, value_name = "LANG")]
    pub lang: Option<Choice<Lang>>,

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
    /// One order: status, stage, totals, steps with planned / due / done, payments.
    Show(ShowArgs),
    /// The chain behind a step's (or an installment's) due date.
    Explain(ExplainArgs),
    /// Orders with status, stage and next due date.
    List(ListArgs),
    /// Create a new order file with the next id; prints its path.
    New(NewArgs),
    /// Mark a step done (with no STEP: the one step that is ready).
    Advance(AdvanceArgs),
    /// Record that a step does not happen for this order.
    Skip(SkipArgs),
    /// Write baseline (planned) dates from the computed due dates.
    Plan(PlanArgs),
    /// Record a change the customer asked for.
    Amend(AmendArgs),
    /// Log a document received for an order (artwork, specs, PO, …), or kept on a
    /// customer for all its orders (its qualification documents).
    Attach(AttachArgs),
    /// Record a progress update on a step while its work runs.
    Note(NoteArgs),
    /// Record a payment received against an installment of the order's terms.
    Pay(PayArgs),
    /// Record a shipment's carrier, tracking number and expected delivery.
    Ship(ShipArgs),
    /// Put an order on hold while it waits on the customer, or end the hold.
    Hold(HoldArgs),
    /// Open, answer and resolve an order's incidents (delays, damage, complaints).
    Incident(IncidentArgs),
    /// Record the signed contract: its number, signing day and production time.
    Contract(ContractArgs),
    /// Record the confirmation sent to the customer, and their signed reply.
    Confirm(ConfirmArgs),
    /// Add an order line, or change one (product, quantity, unit price).
    Line(LineArgs),
    /// Record a named date of an order (the PDCA sent, the requested delivery).
    Date(DateArgs),
    /// The ledger as a static site: today's work by person and customer, a page
    /// per person and per order, the monthly analysis, service levels, the
    /// reports' JSON and calendar feeds.
    Site(SiteArgs),
    /// Open steps (and unpaid installments) whose firm due date has passed.
    Overdue(OverdueArgs),
    /// Steps, payments and reminders falling due soon: the to-do list.
    Upcoming(UpcomingArgs),
    /// Service levels: every SLA policy measured on every order.
    Sla(SlaArgs),
    /// The monthly order analysis (default: the previous month).
    Monthly(MonthlyArgs),
    /// Every open step and unpaid installment as iCalendar events.
    Calendar(CalendarArgs),
    /// The ledger as typed tables (Parquet, JSON Lines, CSV) for analytics engines.
    Export(ExportArgs),
    /// Every change to one order, commit by commit, from git.
    History(HistoryArgs),
    /// How often and how far baselines and due dates moved, from git.
    Slips(SlipsArgs),
    /// Wire the merge driver into this clone: .gitattributes and git config.
    SetupGit,
    /// The merge driver git runs: merge order and customer files by their fields.
    MergeFile(MergeFileArgs),
    /// Give an order another id (its file renamed, the old id kept).
    Renumber(RenumberArgs),
    /// Print a shell completion script.
    Completions(CompletionsArgs),
    /// Print the manual page (roff), or write one per subcommand with -o.
    Man(ManArgs),
}

#[derive(Debug, Args)]
pub struct HistoryArgs {
    /// The order id.
    pub id: String,
    #[command(flatten)]
    pub report: ReportOptions,
}

#[derive(Debug, Args)]
pub struct SlipsArgs {
    /// Only commits made on or after this date.
    #[arg(long, value_name = "DATE")]
    pub since: Option<chrono::NaiveDate>,
    /// Group the moves by step, customer or owner.
    #[arg(long, value_enum, default_value_t = SlipsBy::Step)]
    pub by: SlipsBy,
    #[command(flatten)]
    pub report: ReportOptions,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SlipsBy {
    Step,
    Customer,
    Owner,
}

#[derive(Debug, Args)]
pub struct MergeFileArgs {
    /// The common ancestor (git's %O; empty when both sides added the file).
    pub base: PathBuf,
    /// Our version (git's %A); the merged result is written here.
    pub ours: PathBuf,
    /// Their version (git's %B).
    pub theirs: PathBuf,
    /// The file's path in the repository (git's %P).
    pub path: PathBuf,
    /// The length of conflict markers (git's %L).
    #[arg(long, default_value_t = 7)]
    pub marker_size: usize,
    /// git's name for the common ancestor (%S): "parent of ..." when a commit
    /// is replayed by a rebase or a cherry-pick.
    #[arg(long, value_name = "NAME")]
    pub base_label: Option<String>,
    /// The name of our side for the markers (git's %X: a branch or commit).
    #[arg(long, value_name = "NAME")]
    pub ours_label: Option<String>,
    /// The name of their side for the markers (git's %Y).
    #[arg(long, value_name = "NAME")]
    pub theirs_label: Option<String>,
    /// Print the result instead of writing it to OURS.
    #[arg(long)]
    pub stdout: bool,
}

#[derive(Debug, Args)]
pub struct RenumberArgs {
    /// The order's id.
    pub id: String,
    /// Its new id.
    pub new_id: String,
    /// Commit the rename.
    #[arg(long)]
    pub commit: bool,
}

#[derive(Debug, Args)]
pub struct SiteArgs {
    /// The folder to write the site to (only the files ordo wrote there are
    /// replaced; never a folder holding the ledger).
    #[arg(short, long, value_name = "DIR")]
    pub output: PathBuf,
    /// Closed orders get a page for this many months after their last step.
    #[arg(long, value_name = "N", default_value_t = 3)]
    pub closed_months: u32,
    /// Exit 1 when some order files could not be read or `validate` finds an
    /// error (both are listed on the site).
    #[arg(long)]
    pub strict: bool,
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// Write `ordo.1` and one `ordo-SUBCOMMAND.1` per subcommand, with all its
    /// options, into this folder (for `man -l` or a MANPATH).
    #[arg(short, long, value_name = "DIR")]
    pub output: Option<std::path::PathBuf>,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// Options every report takes.
#[derive(Debug, Args)]
pub struct ReportOptions {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Exit 1 when some order files could not be read (they are named either way).
    #[arg(long)]
    pub strict: bool,
    /// Keep the table or Markdown within this many bytes, leaving out rows from
    /// the end and saying how many (a GitHub job summary must stay under 1 MiB).
    #[arg(long, value_name = "BYTES")]
    pub max_bytes: Option<usize>,
    /// Where the whole report is, named in the note of a cut report (the site).
    #[arg(long, value_name = "URL", requires = "max_bytes")]
    pub more_at: Option<String>,
    /// Lay the table out for this many columns (default: the terminal's width;
    /// none for a pipe): long text is cut with `...`, then the columns worth
    /// least are left out and named.
    #[arg(long, value_name = "COLUMNS", conflicts_with = "wide")]
    pub width: Option<usize>,
    /// Every column whole, however wide the terminal.
    #[arg(long)]
    pub wide: bool,
}

impl ReportOptions {
    /// The width a table is fitted to: `--width`, else the terminal's unless
    /// `--wide` (a pipe has none).
    pub fn table_width(&self) -> Option<usize> {
        match (self.width, self.wide) {
            (Some(width), _) => Some(width),
            (None, true) => None,
            (None, false) => crate::output::plain_table::terminal_width(),
        }
    }
}

#[derive(Debug, Args)]
pub struct OverdueArgs {
    #[command(flatten)]
    pub report: ReportOptions,
    /// Also steps whose forecast due date has passed (knock-ons of a late step).
    #[arg(long)]
    pub forecast: bool,
    /// Only orders owned by this person; repeatable.
    #[arg(long, value_delimiter = ',')]
    pub owner: Vec<String>,
    /// Only steps of this role; repeatable.
    #[arg(long, value_delimiter = ',')]
    pub role: Vec<String>,
    /// Only orders of this customer; repeatable.
    #[arg(long, value_delimiter = ',')]
    pub customer: Vec<String>,
    /// Only orders of this priority; repeatable.
    #[arg(long, value_delimiter = ',', value_enum)]
    pub priority: Vec<Choice<Priority>>,
    /// Exit 1 when anything is overdue.
    #[arg(long)]
    pub fail_if_any: bool,
}

#[derive(Debug, Args)]
pub struct UpcomingArgs {
    #[command(flatten)]
    pub report: ReportOptions,
    /// How far ahead to look (a duration).
    #[arg(long, default_value = "7d")]
    pub within: String,
}

#[derive(Debug, Args)]
pub struct SlaArgs {
    #[command(flatten)]
    pub report: ReportOptions,
    /// Group the summary by policy alone, or by policy and this.
    #[arg(long, value_enum, default_value_t = Choice(By::Priority))]
    pub by: Choice<By>,
    /// Only measurements that stopped on or after this date (running ones stay).
    #[arg(long, value_name = "DATE")]
    pub from: Option<chrono::NaiveDate>,
    /// Only measurements that stopped on or before this date (running ones stay).
    #[arg(long, value_name = "DATE")]
    pub to: Option<chrono::NaiveDate>,
    /// List every measurement.
    #[arg(long)]
    pub detail: bool,
}

#[derive(Debug, Args)]
pub struct MonthlyArgs {
    #[command(flatten)]
    pub report: ReportOptions,
    /// The month, YYYY-MM (default: the one before --as-of).
    #[arg(long)]
    pub month: Option<String>,
}

#[derive(Debug, Args)]
pub struct CalendarArgs {
    /// Write the .ics here instead of to stdout.
    #[arg(short, long, value_name = "FILE.ics")]
    pub output: Option<PathBuf>,
    /// Exit 1 when some order files could not be read.
    #[arg(long)]
    pub strict: bool,
}

#[derive(Debug, Args)]
pub struct NewArgs {
    /// The customer's code.
    #[arg(long)]
    pub customer: String,
    /// The salesperson (default: the person whose email is git's user.email).
    #[arg(long)]
    pub owner: Option<String>,
    /// How urgent the order is (its review and SLA targets follow it).
    #[arg(long, value_enum, default_value_t = Choice(Priority::Normal))]
    pub priority: Choice<Priority>,
    /// How the order came in.
    #[arg(long, value_enum, default_value_t = Choice(Channel::Email))]
    pub channel: Choice<Channel>,
    /// A standard product, or custom (it needs a design review).
    #[arg(long, value_enum, default_value_t = Choice(Kind::Regular))]
    pub kind: Choice<Kind>,
    /// The workflow (default: the ledger's default_workflow).
    #[arg(long)]
    pub workflow: Option<String>,
    /// When the order came in (default: now).
    #[arg(long, value_name = "WHEN")]
    pub received: Option<String>,
    /// Commit the new file.
    #[arg(long)]
    pub commit: bool,
}

#[derive(Debug, Args)]
pub struct AdvanceArgs {
    /// The order id.
    pub id: String,
    /// The step to mark done (default: the one step that is ready).
    pub step: Option<String>,
    /// Who did it (default: the person whose email is git's user.email).
    #[arg(long)]
    pub by: Option<String>,
    /// When it happened (default: now).
    #[arg(long, value_name = "WHEN")]
    pub on: Option<String>,
    /// A note kept with the step.
    #[arg(long)]
    pub note: Option<String>,
    /// Do a gated step although its gate does not hold (an unpaid
    /// installment, a missing field): recorded on the step with who, when and
    /// `--reason`.
    #[arg(long = "override", requires = "reason")]
    pub overriding: bool,
    /// Why the gate is overridden.
    #[arg(long, requires = "overriding")]
    pub reason: Option<String>,
    /// Commit the changed file.
    #[arg(long)]
    pub commit: bool,
}

#[derive(Debug, Args)]
pub struct SkipArgs {
    /// The order id.
    pub id: String,
    /// The step that does not happen for this order.
    pub step: String,
    /// Who decided it (default: the git user's ledger person).
    #[arg(long)]
    pub by: Option<String>,
    /// Why the step does not happen.
    #[arg(long)]
    pub reason: String,
    /// Commit the change.
    #[arg(long)]
    pub commit: bool,
}

#[derive(Debug, Args)]
pub struct PlanArgs {
    /// The order id (or --all).
    pub id: Option<String>,
    /// Every open order.
    #[arg(long, conflicts_with = "id")]
    pub all: bool,
    /// Rewrite baselines that differ from the computed due dates.
    #[arg(long, requires = "reason")]
    pub rebaseline: bool,
    /// Why the plan changes (recorded as a schedule amendment).
    #[arg(long)]
    pub reason: Option<String>,
    /// Who records the plan, for a re-baseline's amendment (default: the git
    /// user's ledger person).
    #[arg(long)]
    pub by: Option<String>,
    /// Commit the change.
    #[arg(long)]
    pub commit: bool,
    /// With --all, exit 1 when some order files could not be read and so were
    /// not planned (they are named either way).
    #[arg(long, requires = "all")]
    pub strict: bool,
}

#[derive(Debug, Args)]
pub struct AmendArgs {
    /// The order id.
    pub id: String,
    /// Who records it (default: the git user's ledger person).
    #[arg(long)]
    pub by: Option<String>,
    /// What changed.
    #[arg(long)]
    pub summary: String,
    /// How far it reaches.
    #[arg(long, value_enum)]
    pub impact: Choice<Impact>,
    /// How the customer asked for it.
    #[arg(long, value_enum)]
    pub channel: Option<Choice<Channel>>,
    /// When the amended order was confirmed again with the customer.
    #[arg(long, value_name = "DATE")]
    pub reconfirmed: Option<chrono::NaiveDate>,
    /// Commit the change.
    #[arg(long)]
    pub commit: bool,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The order id.
    pub id: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ShowFormat::Text)]
    pub format: ShowFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ShowFormat {
    /// Text for a terminal.
    Text,
    /// One versioned JSON document (docs/json.md).
    Json,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// The order id.
    pub id: String,
    /// A step id of the order's workflow, or an installment name.
    pub step: String,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only orders with this status; repeatable.
    #[arg(long, value_delimiter = ',', value_enum)]
    pub status: Vec<Choice<Status>>,
    /// Only orders of this customer code; repeatable.
    #[arg(long, value_delimiter = ',')]
    pub customer: Vec<String>,
    /// Only orders owned by this person; repeatable.
    #[arg(long, value_delimiter = ',')]
    pub owner: Vec<String>,
    /// Only orders of this priority; repeatable.
    #[arg(long, value_delimiter = ',', value_enum)]
    pub priority: Vec<Choice<Priority>>,
    /// Only orders following this workflow; repeatable.
    #[arg(long, value_delimiter = ',')]
    pub workflow: Vec<String>,
    #[command(flatten)]
    pub report: ReportOptions,
}

#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Files to check (as a pre-commit hook passes them); none: the whole ledger.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// How to print findings.
    #[arg(long, value_enum, default_value_t = ValidateFormat::Human)]
    pub format: ValidateFormat,

    /// Also check the change since this git revision (e.g. HEAD in a pre-commit
    /// hook, the merge base in CI): done steps kept, baselines frozen.
    #[arg(long, value_name = "REV")]
    pub since: Option<String>,
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

#[cfg(test)]
mod help_tests;

/// `--as-of`, parsed once when the command line is: a date stands for its
/// last second. Which instant it is depends on the ledger's timezone, so it
/// is resolved where the ledger is known.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AsOf(pub ordo_core::model::Moment);

impl std::str::FromStr for AsOf {
    type Err = ordo_core::model::moment::MomentError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        use ordo_core::model::Moment;
        Ok(AsOf(match text.parse::<Moment>()? {
            Moment::Date(d) => Moment::Local(d.and_time(
                chrono::NaiveTime::from_hms_opt(23, 59, 59).unwrap_or(chrono::NaiveTime::MIN),
            )),
            other => other,
        }))
    }
}
