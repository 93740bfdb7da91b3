//! The arguments of `ordo line`.

use clap::Args;

#[derive(Debug, Args)]
pub struct LineArgs {
    /// The order id.
    pub id: String,
    /// The line to change, counted from 1 as the file lists them; without it,
    /// a new line is added (it needs --sku, --qty and --price).
    pub number: Option<usize>,
    /// The product code.
    #[arg(long)]
    pub sku: Option<String>,
    /// What the product is.
    #[arg(long)]
    pub description: Option<String>,
    /// How many (an exact decimal: 5000, 12.5).
    #[arg(long)]
    pub qty: Option<String>,
    /// The unit (pcs, sets, kg).
    #[arg(long)]
    pub unit: Option<String>,
    /// The unit price, in the order's currency (an exact decimal: 3.10).
    #[arg(long)]
    pub price: Option<String>,
    /// Commit the change.
    #[arg(long)]
    pub commit: bool,
}
