//! The arguments of `ordo ship`.

use clap::Args;

#[derive(Debug, Args)]
pub struct ShipArgs {
    /// The order id.
    pub id: String,
    /// The carrier (物流公司); needed for the first record of a shipment.
    #[arg(long)]
    pub carrier: Option<String>,
    /// The tracking number (物流单号).
    #[arg(long)]
    pub tracking: Option<String>,
    /// When the carrier expects to deliver (预计送达时间).
    #[arg(long, value_name = "DATE[THH:MM]")]
    pub eta: Option<String>,
    /// Commit the change.
    #[arg(long)]
    pub commit: bool,
}
