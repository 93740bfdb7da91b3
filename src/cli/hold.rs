//! The arguments of `ordo hold`.

use clap::Args;

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("what").required(true).args(["reason", "end"])))]
pub struct HoldArgs {
    /// The order id.
    pub id: String,
    /// Put the order on hold, waiting on the customer for this reason
    /// (SLA clocks pause while it lasts).
    #[arg(long, conflicts_with_all = ["end", "at"])]
    pub reason: Option<String>,
    /// When the hold began (default: now).
    #[arg(long, value_name = "DATE[THH:MM]", requires = "reason")]
    pub from: Option<String>,
    /// End the hold the order is on.
    #[arg(long)]
    pub end: bool,
    /// When the hold ended (default: now).
    #[arg(long, value_name = "DATE[THH:MM]", requires = "end")]
    pub at: Option<String>,
    /// Commit the change.
    #[arg(long)]
    pub commit: bool,
}
