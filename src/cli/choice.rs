//! The core's closed vocabularies (channel, priority, ...) as arguments.

use std::sync::LazyLock;

use clap::ValueEnum;
use clap::builder::PossibleValue;
use ordo_core::i18n::Lang;
use ordo_core::model::enums::{Channel, Impact, IncidentKind, Kind, Priority, Resolution};
use ordo_core::model::status::Status;
use ordo_core::reports::sla::By;
use ordo_core::reports::tables::Table;

use crate::export::ExportFormat;

/// A value of one of the core's closed vocabularies, as an argument: the core
/// knows nothing of argument parsing, so the command line wraps its enums.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Choice<T>(pub T);

macro_rules! choices {
    ($($ty:ty),+) => {$(
        impl ValueEnum for Choice<$ty> {
            fn value_variants<'a>() -> &'a [Self] {
                static ALL: LazyLock<Vec<Choice<$ty>>> =
                    LazyLock::new(|| <$ty>::ALL.iter().copied().map(Choice).collect());
                &ALL
            }

            fn to_possible_value(&self) -> Option<PossibleValue> {
                Some(PossibleValue::new(self.0.as_str()))
            }
        }
    )+};
}

choices!(
    Channel,
    Impact,
    IncidentKind,
    Resolution,
    Kind,
    Priority,
    Status,
    By,
    Lang,
    Table,
    ExportFormat
);
