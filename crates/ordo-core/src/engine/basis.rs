//! What a computed due date is: its date (if any), its basis, the chain behind
//! it, or why it could not be computed.

use super::calendar::CalendarError;
use super::chain::Chain;
use super::point::Point;

/// How sure a computed date is.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Basis {
    /// Every anchor in the chain has happened.
    Firm,
    /// The chain passes through a step or date that has not happened yet.
    Forecast { through: String },
    /// The chain passes through an open step whose progress update reported
    /// when it is expected to be done.
    Reported { step: String },
    /// An anchor has no value and no due date; never reported as overdue.
    Waiting { on: String },
    /// The step has no due rule.
    None,
}

impl Basis {
    /// In English, as `explain`, the calendar and JSON write it.
    pub fn label(&self) -> String {
        self.label_in(crate::i18n::Lang::En)
    }

    pub fn label_in(&self, lang: crate::i18n::Lang) -> String {
        self.label_naming(lang, &|_| None)
    }

    /// The same, each step it passes through named by `title` where that
    /// gives a name (a step's title in a language whose readers do not read
    /// the ids), else by its id.
    pub fn label_naming(
        &self,
        lang: crate::i18n::Lang,
        title: &dyn Fn(&str) -> Option<String>,
    ) -> String {
        use crate::i18n::{t, tr};
        let name = |id: &str| title(id).unwrap_or_else(|| id.to_owned());
        match self {
            Basis::Firm => t(lang, "basis-firm"),
            Basis::Forecast { through } => tr(
                lang,
                "basis-forecast",
                &[("through", name(through).as_str().into())],
            ),
            Basis::Reported { step } => tr(
                lang,
                "basis-reported",
                &[("step", name(step).as_str().into())],
            ),
            Basis::Waiting { on } => tr(lang, "basis-waiting", &[("on", on.into())]),
            Basis::None => t(lang, "basis-none"),
        }
    }

    pub fn kind(&self) -> &'static str {
        match self {
            Basis::Firm => "firm",
            Basis::Forecast { .. } | Basis::Reported { .. } => "forecast",
            Basis::Waiting { .. } => "waiting",
            Basis::None => "none",
        }
    }

    /// Whether the date is a forecast of any kind.
    pub fn is_forecast(&self) -> bool {
        matches!(self, Basis::Forecast { .. } | Basis::Reported { .. })
    }

    pub(super) fn through(self, step: &str) -> Basis {
        match self {
            Basis::Firm => Basis::Forecast {
                through: step.to_owned(),
            },
            other => other,
        }
    }
}

/// A computed due date, its basis and how it was reached.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Computed {
    pub point: Option<Point>,
    pub basis: Basis,
    pub links: Chain,
}

impl From<CalendarError> for DueError {
    fn from(error: CalendarError) -> Self {
        DueError::Range {
            error,
            forecast: false,
        }
    }
}

impl DueError {
    /// The same error, reached through a date that is only a forecast.
    pub(super) fn through_forecast(self) -> Self {
        match self {
            DueError::Range { error, .. } => DueError::Range {
                error,
                forecast: true,
            },
            other => other,
        }
    }
}

/// Why a due date could not be computed at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DueError {
    /// Working time could not be counted. `forecast` when the date would only
    /// have been a forecast (its chain passes through a step not done yet).
    #[error("{error}")]
    Range {
        error: CalendarError,
        forecast: bool,
    },
    #[error("the due rules form a cycle through {0}")]
    Cycle(String),
    #[error("no working calendar named `{0}`")]
    NoCalendar(String),
}
