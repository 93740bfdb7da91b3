//! Findings are data (code, severity, message, help, location) until an output
//! format renders them; checks never print.

use std::fmt;
use std::path::PathBuf;

use crate::yaml::{Route, Span};

/// What kind of problem a finding reports. The names are stable: users set their
/// severities in `ordo.yaml` and tools read them from JSON.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum Code {
    File,
    Encoding,
    Yaml,
    Conflict,
    Schema,
    AmountRange,
    IdMismatch,
    DuplicateId,
    DuplicateOrder,
    UnknownCustomer,
    UnknownPerson,
    UnknownWorkflow,
    UnknownStep,
    Role,
    Order,
    Future,
    CalendarRange,
    CalendarExpiring,
    PaymentTerms,
    CreditLimit,
    VerbalUnconfirmed,
    AmendmentReview,
    HoldOverlap,
    History,
    MergeSetup,
    BaselineChanged,
    DoneBefore,
    Document,
    Gate,
    LeadTime,
    Config,
}

impl Code {
    pub const ALL: &'static [Code] = &[
        Code::File,
        Code::Encoding,
        Code::Yaml,
        Code::Conflict,
        Code::Schema,
        Code::AmountRange,
        Code::IdMismatch,
        Code::DuplicateId,
        Code::DuplicateOrder,
        Code::UnknownCustomer,
        Code::UnknownPerson,
        Code::UnknownWorkflow,
        Code::UnknownStep,
        Code::Role,
        Code::Order,
        Code::Future,
        Code::CalendarRange,
        Code::CalendarExpiring,
        Code::PaymentTerms,
        Code::CreditLimit,
        Code::VerbalUnconfirmed,
        Code::AmendmentReview,
        Code::HoldOverlap,
        Code::History,
        Code::MergeSetup,
        Code::BaselineChanged,
        Code::DoneBefore,
        Code::Document,
        Code::Gate,
        Code::LeadTime,
        Code::Config,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Code::File => "file",
            Code::Encoding => "encoding",
            Code::Conflict => "conflict",
            Code::Yaml => "yaml",
            Code::AmountRange => "amount-range",
            Code::Schema => "schema",
            Code::IdMismatch => "id-mismatch",
            Code::DuplicateId => "duplicate-id",
            Code::DuplicateOrder => "duplicate-order",
            Code::UnknownCustomer => "unknown-customer",
            Code::UnknownPerson => "unknown-person",
            Code::UnknownWorkflow => "unknown-workflow",
            Code::UnknownStep => "unknown-step",
            Code::Role => "role",
            Code::Order => "order",
            Code::Future => "future",
            Code::CalendarExpiring => "calendar-expiring",
            Code::CalendarRange => "calendar-range",
            Code::PaymentTerms => "payment-terms",
            Code::CreditLimit => "credit-limit",
            Code::VerbalUnconfirmed => "verbal-unconfirmed",
            Code::HoldOverlap => "hold-overlap",
            Code::AmendmentReview => "amendment-review",
            Code::History => "history",
            Code::MergeSetup => "merge-setup",
            Code::BaselineChanged => "baseline-changed",
            Code::DoneBefore => "done-before",
            Code::Document => "document",
            Code::Gate => "gate",
            Code::LeadTime => "lead-time",
            Code::Config => "config",
        }
    }

    pub fn parse(text: &str) -> Option<Code> {
        Code::ALL.iter().copied().find(|c| c.as_str() == text)
    }

    /// Codes whose findings mean the file cannot be used at all (not read, not
    /// decoded, money that cannot be computed, a configuration nothing can be
    /// computed with); they cannot be switched off or lowered to warnings.
    /// Whether `checks:` in ordo.yaml may lower or drop this code: not a
    /// fatal one, nor `id-mismatch`, whose id-differs-from-file-name form
    /// leaves the order out of every report (dropped, `validate` would call
    /// clean a ledger whose reports are short).
    pub fn is_adjustable(self) -> bool {
        !self.is_fatal() && self != Code::IdMismatch
    }

    pub fn is_fatal(self) -> bool {
        matches!(
            self,
            Code::File
                | Code::Yaml
                | Code::Conflict
                | Code::Schema
                | Code::AmountRange
                | Code::Config
        )
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How serious a finding is: errors fail `validate`, warnings do not.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// Which part of a node a finding points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Part {
    /// The node's key (unknown keys, containers).
    Key,
    /// The node's value.
    Value,
}

/// Where a finding is: a route into the file's YAML, or a raw span when the file
/// could not be parsed.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Place {
    Route(Route, Part),
    Span(Span),
    /// The file as a whole (it could not be read).
    File,
}

/// One problem in one file.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Finding {
    pub code: Code,
    pub severity: Severity,
    pub message: String,
    pub label: String,
    pub help: Option<String>,
    /// The file, relative to the ledger root.
    pub file: PathBuf,
    pub place: Place,
}

impl Finding {
    pub fn error(code: Code, file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Finding {
            code,
            severity: Severity::Error,
            message: message.into(),
            label: String::new(),
            help: None,
            file: file.into(),
            place: Place::File,
        }
    }

    pub fn warning(code: Code, file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Finding {
            severity: Severity::Warning,
            ..Finding::error(code, file, message)
        }
    }

    /// Points at the value at `route`.
    pub fn at(mut self, route: Route) -> Self {
        self.place = Place::Route(route, Part::Value);
        self
    }

    /// Points at the key of the node at `route`.
    pub fn at_key(mut self, route: Route) -> Self {
        self.place = Place::Route(route, Part::Key);
        self
    }

    pub fn at_span(mut self, span: Span) -> Self {
        self.place = Place::Span(span);
        self
    }

    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = label.into();
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}
