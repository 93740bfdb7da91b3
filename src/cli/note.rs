//! The arguments of `ordo note`.

use clap::Args;

#[derive(Debug, Args)]
pub struct NoteArgs {
    /// The order id.
    pub id: String,
    /// The step the update reports on (default: the order's one ready step).
    pub step: Option<String>,
    /// How it stands (e.g. 生产中, 已入库, in transit, held at customs).
    #[arg(long)]
    pub status: String,
    /// Who reports it (default: the git user's ledger person).
    #[arg(long)]
    pub by: Option<String>,
    /// When the step is now expected to be done: the steps after it count
    /// from this date (basis `forecast (reported on STEP)`) until it is done.
    #[arg(long, value_name = "DATE[THH:MM]")]
    pub expect: Option<String>,
    /// When (default: now).
    #[arg(long, value_name = "DATE[THH:MM]")]
    pub on: Option<String>,
    /// Commit the change.
    #[arg(long)]
    pub commit: bool,
}
