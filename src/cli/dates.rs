//! The arguments of `ordo contract`, `ordo confirm` and `ordo date`.

use clap::Args;
use ordo_core::model::enums::Channel;

use super::choice::Choice;

#[derive(Debug, Args)]
pub struct ContractArgs {
    /// The order id.
    pub id: String,
    /// The contract number.
    #[arg(long)]
    pub number: Option<String>,
    /// The day the contract was signed (payment and production dates count
    /// from it).
    #[arg(long, value_name = "DATE")]
    pub signed: Option<String>,
    /// The production time agreed (`60wd`, `8w`), counted from the customer's
    /// packaging confirmation.
    #[arg(long, value_name = "DURATION")]
    pub production_time: Option<String>,
    /// Commit the change.
    #[arg(long)]
    pub commit: bool,
}

#[derive(Debug, Args)]
pub struct DateArgs {
    /// The order id.
    pub id: String,
    /// The date's name: one the due rules use (`pdca_sent` for
    /// `dates.pdca_sent`), or `requested_delivery`, the day the customer asked
    /// for.
    pub name: String,
    /// When (default: now; `requested_delivery` takes a day).
    #[arg(long, value_name = "DATE[THH:MM]")]
    pub on: Option<String>,
    /// Commit the change.
    #[arg(long)]
    pub commit: bool,
}

#[derive(Debug, Args)]
pub struct ConfirmArgs {
    /// The order id.
    pub id: String,
    /// When the confirmation (the delivery date promised) went to the
    /// customer.
    #[arg(long, value_name = "DATE[THH:MM]")]
    pub sent: Option<String>,
    /// How it was sent.
    #[arg(long)]
    pub via: Option<Choice<Channel>>,
    /// The day the customer's signed or stamped confirmation came back.
    #[arg(long, value_name = "DATE")]
    pub signed: Option<String>,
    /// Commit the change.
    #[arg(long)]
    pub commit: bool,
}
