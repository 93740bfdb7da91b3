//! The ledger's data model: the typed form of `ordo.yaml`, customers and orders.
//! Pure: parsing of literals lives here, file access does not.

pub mod amount;
pub mod config;
pub mod customer;
pub mod due;
pub mod duration;
pub mod enums;
pub mod fx;
pub mod id_format;
pub mod moment;
pub mod money;
pub mod order;
pub mod pattern;
pub mod rule_offset;
pub mod sla_policy;
pub mod status;
pub mod title;
pub mod workflow;
pub mod working_calendar;

pub use amount::Amount;
pub use config::Config;
pub use customer::Customer;
pub use duration::Duration;
pub use moment::{Moment, Timestamp};
pub use order::Order;
pub use title::Title;
