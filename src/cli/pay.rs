//! The arguments of `ordo pay`.

use clap::Args;

#[derive(Debug, Args)]
pub struct PayArgs {
    /// The order id.
    pub id: String,
    /// The amount received, in the order's currency (e.g. 4400.00), or `rest`:
    /// what the installment still owes.
    pub amount: String,
    /// The installment of the payment terms it pays (default: the first one
    /// with money still owed).
    #[arg(long, short = 'i', value_name = "NAME")]
    pub installment: Option<String>,
    /// When it was received (default: now).
    #[arg(long, value_name = "DATE[THH:MM]")]
    pub on: Option<String>,
    /// A note: the bank's reference, a discount agreed, …
    #[arg(long)]
    pub note: Option<String>,
    /// Commit the change.
    #[arg(long)]
    pub commit: bool,
}
