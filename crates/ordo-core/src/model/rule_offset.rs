//! A due rule's offset: one for every order, or one per priority, so an urgent
//! order's review falls due in hours while a normal one's takes a working day
//! (`offset: {normal: 1wd, special: 12h, urgent: 2h}`, the form SLA targets use).

use std::fmt;

use schemars::JsonSchema;
use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};

use super::due::Offset;
use super::enums::Priority;

/// How far a due date lies from its anchor, for every order or by priority.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum RuleOffset {
    One(Offset),
    ByPriority(PriorityOffsets),
}

/// Offsets per priority: `normal` is required, and a priority left out takes it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PriorityOffsets {
    pub normal: Offset,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub special: Option<Offset>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub urgent: Option<Offset>,
}

impl RuleOffset {
    /// The offset an order of `priority` takes.
    pub fn for_priority(&self, priority: Priority) -> &Offset {
        match self {
            RuleOffset::One(offset) => offset,
            RuleOffset::ByPriority(p) => match priority {
                Priority::Normal => &p.normal,
                Priority::Special => p.special.as_ref().unwrap_or(&p.normal),
                Priority::Urgent => p.urgent.as_ref().unwrap_or(&p.normal),
            },
        }
    }
}

impl fmt::Display for RuleOffset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RuleOffset::One(offset) => offset.fmt(f),
            RuleOffset::ByPriority(p) => {
                write!(f, "{{normal: {}", p.normal)?;
                if let Some(special) = &p.special {
                    write!(f, ", special: {special}")?;
                }
                if let Some(urgent) = &p.urgent {
                    write!(f, ", urgent: {urgent}")?;
                }
                f.write_str("}")
            }
        }
    }
}

/// A text is an [`Offset`] with its own message when it is wrong; a mapping is
/// one per priority (an untagged enum would say only "did not match").
impl<'de> Deserialize<'de> for RuleOffset {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Either;
        impl<'de> Visitor<'de> for Either {
            type Value = RuleOffset;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a duration, an order field holding one, or one per priority")
            }

            fn visit_str<E: de::Error>(self, text: &str) -> Result<RuleOffset, E> {
                Offset::deserialize(de::value::StrDeserializer::<E>::new(text)).map(RuleOffset::One)
            }

            fn visit_map<M: MapAccess<'de>>(self, map: M) -> Result<RuleOffset, M::Error> {
                PriorityOffsets::deserialize(de::value::MapAccessDeserializer::new(map))
                    .map(RuleOffset::ByPriority)
            }
        }
        d.deserialize_any(Either)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(yaml: &str) -> Result<RuleOffset, String> {
        serde_json::from_str(yaml).map_err(|e| e.to_string())
    }

    #[test]
    fn one_offset_or_one_per_priority_with_normal_for_those_left_out() {
        let one = parse(r#""1wd""#).expect("one");
        assert_eq!(one.for_priority(Priority::Urgent).to_string(), "1wd");
        let by = parse(r#"{"normal": "1wd", "urgent": "2h"}"#).expect("by priority");
        assert_eq!(by.for_priority(Priority::Urgent).to_string(), "2h");
        assert_eq!(by.for_priority(Priority::Special).to_string(), "1wd");
        assert_eq!(by.to_string(), "{normal: 1wd, urgent: 2h}");
    }

    #[test]
    fn a_wrong_offset_says_why() {
        assert!(
            parse(r#""25 days""#)
                .expect_err("bad")
                .contains("not a valid offset")
        );
        assert!(
            parse(r#"{"urgent": "2h"}"#)
                .expect_err("no normal")
                .contains("normal")
        );
        assert!(
            parse(r#"{"normal": "1wd", "rush": "1h"}"#)
                .expect_err("unknown")
                .contains("rush")
        );
    }
}
