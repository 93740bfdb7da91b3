//! The arguments of `ordo attach`.

use clap::Args;

#[derive(Debug, Args)]
pub struct AttachArgs {
    /// The order id, or a customer's code for a document kept on the customer
    /// for all its orders (a new customer's qualification documents).
    #[arg(value_name = "ID|CUSTOMER")]
    pub id: String,
    /// The kind of document, as `documents` in ordo.yaml declares it.
    pub kind: String,
    /// Where it is: a path in the ledger's repository, from the ledger's
    /// folder (it must exist), or an address such as https://….
    #[arg(value_name = "PATH|URL")]
    pub reference: String,
    /// When it arrived (default: now).
    #[arg(long, value_name = "DATE[THH:MM]")]
    pub on: Option<String>,
    /// Who logged it (default: the git user's ledger person).
    #[arg(long)]
    pub by: Option<String>,
    /// A note on the document (what it is, which version).
    #[arg(long)]
    pub note: Option<String>,
    /// Commit the change: the order or customer file and, for a path, the
    /// document.
    #[arg(long)]
    pub commit: bool,
}
