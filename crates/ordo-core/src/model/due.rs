//! Due rules: when a step or a payment installment falls due, written
//! relative to an anchor. This module holds their shape; the engine evaluates them.

use std::fmt;
use std::str::FromStr;

use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::duration::{DURATION, DURATION_PATTERN, Duration};
use super::pattern::{Pattern, is_plain_word, parse_str};
use super::rule_offset::RuleOffset;

/// A date an order carries, or a step of its workflow.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Anchor {
    Received,
    ConfirmationSent,
    ConfirmationSigned,
    ContractSigned,
    RequestedDelivery,
    /// `dates.<name>`: a free named date of the order.
    Date(String),
    /// A step id: its `done` when done, otherwise its own due date.
    Step(String),
}

impl FromStr for Anchor {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Ok(match text {
            "received" => Anchor::Received,
            "confirmation.sent" => Anchor::ConfirmationSent,
            "confirmation.signed" => Anchor::ConfirmationSigned,
            "contract.signed" => Anchor::ContractSigned,
            "requested_delivery" => Anchor::RequestedDelivery,
            _ => match text.strip_prefix("dates.") {
                Some("") => return Err("`dates.` needs a name, e.g. dates.pdca_sent".into()),
                Some(name) => Anchor::Date(name.to_owned()),
                None if text.contains('.') || text.is_empty() => {
                    return Err(format!(
                        "`{text}` is not an anchor: use received, confirmation.sent, confirmation.signed, contract.signed, requested_delivery, dates.<name> or a step id"
                    ));
                }
                None => Anchor::Step(text.to_owned()),
            },
        })
    }
}

impl fmt::Display for Anchor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Anchor::Received => f.write_str("received"),
            Anchor::ConfirmationSent => f.write_str("confirmation.sent"),
            Anchor::ConfirmationSigned => f.write_str("confirmation.signed"),
            Anchor::ContractSigned => f.write_str("contract.signed"),
            Anchor::RequestedDelivery => f.write_str("requested_delivery"),
            Anchor::Date(name) => write!(f, "dates.{name}"),
            Anchor::Step(id) => f.write_str(id),
        }
    }
}

/// Serde and schema for a type written as a string; `$accepts` holds the schema's
/// constraint on the text, so decoding refuses what the schema refuses.
macro_rules! string_serde {
    ($ty:ty, $name:literal, $accepts:expr, $schema:tt) => {
        impl Serialize for $ty {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_str(self)
            }
        }

        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                parse_str(d, |text| {
                    let accepts: fn(&str) -> bool = $accepts;
                    if !accepts(text) {
                        return Err(format!("`{text}` is not a valid {}", $name.to_lowercase()));
                    }
                    text.parse().map_err(|e| format!("{e}"))
                })
            }
        }

        impl JsonSchema for $ty {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                $name.into()
            }

            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                schemars::json_schema!($schema)
            }
        }
    };
}

const ANCHOR_PATTERN: &str = r"^(received|confirmation\.sent|confirmation\.signed|contract\.signed|requested_delivery|dates\.[A-Za-z0-9_-]+|[A-Za-z0-9_-]+)$";
static ANCHOR: Pattern = Pattern::with_common(ANCHOR_PATTERN, |text| {
    is_plain_word(text)
        || text.strip_prefix("dates.").is_some_and(is_plain_word)
        || matches!(
            text,
            "confirmation.sent" | "confirmation.signed" | "contract.signed"
        )
});

string_serde!(Anchor, "Anchor", |text| ANCHOR.is_match(text), {
    "type": "string",
    "title": "Anchor",
    "description": "What a date is computed from: received, confirmation.sent, confirmation.signed, contract.signed, requested_delivery, dates.<name>, or a step id (its done date, else its own due date).",
    "pattern": ANCHOR_PATTERN,
    "examples": ["contract.signed", "ORD-04", "dates.pdca_sent"]
});

/// The order fields a due rule's offset may name instead of a literal.
pub const OFFSET_FIELDS: &[&str] = &["contract.production_time"];

/// How far a due date lies from its anchor.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Offset {
    Literal(Duration),
    /// A duration held in the order, e.g. `contract.production_time`.
    Field(String),
}

impl FromStr for Offset {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        if OFFSET_FIELDS.contains(&text) {
            return Ok(Offset::Field(text.to_owned()));
        }
        if text.trim_start().starts_with(|c: char| c.is_ascii_digit()) {
            return text.parse().map(Offset::Literal).map_err(|e| e.to_string());
        }
        Err(format!(
            "`{text}` is neither a duration (e.g. 7d, 25wd) nor an order field holding one ({})",
            OFFSET_FIELDS.join(", ")
        ))
    }
}

impl fmt::Display for Offset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Offset::Literal(d) => d.fmt(f),
            Offset::Field(name) => f.write_str(name),
        }
    }
}

string_serde!(
    Offset,
    "Offset",
    |text| OFFSET_FIELDS.contains(&text) || DURATION.is_match(text),
    {
    "type": "string",
    "title": "Offset",
    "description": "A duration (7d, 25wd, 30d+1mo) or the name of an order field holding one (contract.production_time).",
    "anyOf": [{"pattern": DURATION_PATTERN}, {"enum": OFFSET_FIELDS}],
    "examples": ["7d", "contract.production_time"]
});

/// `month-end`: the last day of the month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub enum MonthEnd {
    #[serde(rename = "month-end")]
    MonthEnd,
}

/// Which way to move a date that falls on a non-working day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Roll {
    /// To the next working day.
    Following,
    /// To the previous working day.
    Preceding,
}

/// When something falls due. Exactly one of `after`, `before` and `payment` is
/// given; the shaping fields apply in order: from, offset, day, to, roll.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[schemars(
    title = "Due rule",
    example = serde_json::json!({"after": "contract.signed", "offset": "7d"}),
    example = serde_json::json!({"after": "ORD-04", "offset": "contract.production_time"}),
    example = serde_json::json!({"after": "received", "offset": "30d+1mo", "day": 10}),
    example = serde_json::json!({"payment": "deposit"})
)]
pub struct DueRule {
    /// Due on or after this anchor.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after: Option<Anchor>,
    /// Due ahead of this anchor (the offset is counted backwards).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub before: Option<Anchor>,
    /// Due with the named payment installment of the contract.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment: Option<String>,
    /// `month-end`: start from the end of the anchor's month.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<MonthEnd>,
    /// The distance from the anchor: one, or one per priority.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offset: Option<RuleOffset>,
    /// Set the day of the month (clamped to the month's end).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::pattern::day_of_month"
    )]
    #[schemars(range(min = 1, max = 31))]
    pub day: Option<u8>,
    /// `month-end`: move to the end of the month.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<MonthEnd>,
    /// Move off a non-working day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub roll: Option<Roll>,
    /// The working calendar for `wd`/`wh` offsets and `roll`; `default` otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub calendar: Option<String>,
}

impl DueRule {
    /// The anchor this rule counts from, if it has one.
    pub fn anchor(&self) -> Option<&Anchor> {
        self.after.as_ref().or(self.before.as_ref())
    }

    /// What is wrong with the rule's shape, if anything.
    pub fn shape_problem(&self) -> Option<String> {
        let bases = [
            self.after.is_some(),
            self.before.is_some(),
            self.payment.is_some(),
        ]
        .iter()
        .filter(|b| **b)
        .count();
        if bases != 1 {
            return Some("a due rule needs exactly one of `after`, `before` or `payment`".into());
        }
        if self.payment.is_some()
            && (self.offset.is_some()
                || self.from.is_some()
                || self.day.is_some()
                || self.to.is_some()
                || self.roll.is_some())
        {
            return Some("`payment` takes the installment's own due date; it has no offset or shaping fields".into());
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_quick_anchor_test_stays_within_the_pattern() {
        crate::model::pattern::tests::assert_common_is_within(
            &ANCHOR,
            "a1.-_/ ",
            &[
                "dates.pdca_sent",
                "dates.",
                "contract.signed",
                "contract.x",
                "ORD-04",
            ],
        );
    }

    #[test]
    fn anchors_parse_and_print() {
        for text in [
            "received",
            "confirmation.sent",
            "confirmation.signed",
            "contract.signed",
            "requested_delivery",
            "dates.pdca_sent",
            "ORD-04",
        ] {
            let anchor: Anchor = text.parse().expect(text);
            assert_eq!(anchor.to_string(), text);
        }
        assert_eq!("ORD-04".parse(), Ok(Anchor::Step("ORD-04".into())));
        assert!("contract.sign".parse::<Anchor>().is_err());
        assert!("dates.".parse::<Anchor>().is_err());
    }

    #[test]
    fn offsets_are_durations_or_known_fields() {
        assert!(matches!("7d".parse(), Ok(Offset::Literal(_))));
        assert!(matches!(
            "contract.production_time".parse(),
            Ok(Offset::Field(_))
        ));
        let error = "contract.lead_time".parse::<Offset>().expect_err("unknown");
        assert!(error.contains("neither a duration"));
        assert!("7x".parse::<Offset>().is_err());
    }

    #[test]
    fn a_rule_has_exactly_one_base() {
        let none = DueRule::default();
        assert!(none.shape_problem().is_some());
        let both = DueRule {
            after: Some(Anchor::Received),
            payment: Some("deposit".into()),
            ..DueRule::default()
        };
        assert!(both.shape_problem().is_some());
        let good = DueRule {
            after: Some(Anchor::Received),
            ..DueRule::default()
        };
        assert_eq!(good.shape_problem(), None);
    }
}
