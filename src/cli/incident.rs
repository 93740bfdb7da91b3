//! The arguments of `ordo incident`.

use clap::{Args, Subcommand};
use ordo_core::model::enums::{IncidentKind, Resolution};

use super::choice::Choice;

#[derive(Debug, Args)]
pub struct IncidentArgs {
    #[command(subcommand)]
    pub action: IncidentAction,
}

#[derive(Debug, Subcommand)]
pub enum IncidentAction {
    /// Open an incident: a delay, damage, a complaint (its SLA clock starts).
    Open {
        /// The order id.
        id: String,
        /// What kind of problem it is.
        #[arg(long)]
        kind: Choice<IncidentKind>,
        /// What happened, in a line.
        #[arg(long)]
        summary: String,
        /// Its cause, when known (the weather, a wrong address).
        #[arg(long)]
        cause: Option<String>,
        /// When it was opened (default: now).
        #[arg(long, value_name = "DATE[THH:MM]")]
        at: Option<String>,
        /// Commit the change.
        #[arg(long)]
        commit: bool,
    },
    /// Record the first answer to the customer (a response SLA stops here).
    Respond {
        /// The order id.
        id: String,
        /// Which incident, counted from 1 in the file (default: the one open).
        #[arg(long)]
        number: Option<usize>,
        /// What the customer was told.
        #[arg(long)]
        update: Option<String>,
        /// When (default: now).
        #[arg(long, value_name = "DATE[THH:MM]")]
        at: Option<String>,
        /// Commit the change.
        #[arg(long)]
        commit: bool,
    },
    /// Record how an incident was settled (its SLA clock stops).
    Resolve {
        /// The order id.
        id: String,
        /// Which incident, counted from 1 in the file (default: the one open).
        #[arg(long)]
        number: Option<usize>,
        /// How it was settled.
        #[arg(long)]
        resolution: Choice<Resolution>,
        /// Its cause, as found.
        #[arg(long)]
        cause: Option<String>,
        /// When (default: now).
        #[arg(long, value_name = "DATE[THH:MM]")]
        at: Option<String>,
        /// Commit the change.
        #[arg(long)]
        commit: bool,
    },
}
