//! The closed vocabularies of order files: channel, priority, kind, and the rest.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $text)] $variant),+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }
        }

        impl std::str::FromStr for $name {
            type Err = String;

            fn from_str(text: &str) -> Result<Self, String> {
                $name::ALL
                    .iter()
                    .copied()
                    .find(|v| v.as_str() == text)
                    .ok_or_else(|| {
                        let all: Vec<&str> = $name::ALL.iter().map(|v| v.as_str()).collect();
                        format!("`{text}` is not one of: {}", all.join(", "))
                    })
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

vocabulary! {
    /// How the order reached us.
    Channel {
        Email => "email",
        Phone => "phone",
        Fax => "fax",
        Online => "online",
        Crm => "crm",
        /// Taken by word of mouth: needs a signed confirmation afterwards.
        Verbal => "verbal",
        Visit => "visit",
    }
}

vocabulary! {
    /// How fast the order must be processed (SOP: 24h / 12h / 2h).
    Priority {
        Normal => "normal",
        Special => "special",
        Urgent => "urgent",
    }
}

vocabulary! {
    /// Whether the product is standard; custom orders need a design review.
    Kind {
        Regular => "regular",
        Custom => "custom",
    }
}

vocabulary! {
    /// An override of the derived status.
    State {
        /// Waiting on the customer; SLA clocks pause during holds.
        OnHold => "on-hold",
        Cancelled => "cancelled",
    }
}

vocabulary! {
    /// How far an amendment reaches (SOP: minor change, schedule change, structural change).
    Impact {
        /// A local change that keeps the product structure and the schedule.
        Minor => "minor",
        /// A change that moves the delivery schedule.
        Schedule => "schedule",
        /// A change of product structure or main components: needs a new review.
        Structural => "structural",
    }
}

vocabulary! {
    /// What went wrong.
    IncidentKind {
        LogisticsDelay => "logistics-delay",
        WrongAddress => "wrong-address",
        Damaged => "damaged",
        ShortShipped => "short-shipped",
        Quality => "quality",
        Complaint => "complaint",
        Other => "other",
    }
}

vocabulary! {
    /// How an incident was settled.
    Resolution {
        Reship => "reship",
        Return => "return",
        Discount => "discount",
        None => "none",
    }
}

vocabulary! {
    /// A day of the week, as calendars list weekends.
    Weekday {
        Mon => "mon",
        Tue => "tue",
        Wed => "wed",
        Thu => "thu",
        Fri => "fri",
        Sat => "sat",
        Sun => "sun",
    }
}

impl Weekday {
    pub fn to_chrono(self) -> chrono::Weekday {
        match self {
            Weekday::Mon => chrono::Weekday::Mon,
            Weekday::Tue => chrono::Weekday::Tue,
            Weekday::Wed => chrono::Weekday::Wed,
            Weekday::Thu => chrono::Weekday::Thu,
            Weekday::Fri => chrono::Weekday::Fri,
            Weekday::Sat => chrono::Weekday::Sat,
            Weekday::Sun => chrono::Weekday::Sun,
        }
    }
}

/// One value or a list of values, as `when` conditions take them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum OneOrMany<T> {
    One(T),
    Many(Vec<T>),
}

impl<T: PartialEq> OneOrMany<T> {
    pub fn contains(&self, value: &T) -> bool {
        match self {
            OneOrMany::One(one) => one == value,
            OneOrMany::Many(many) => many.contains(value),
        }
    }

    pub fn values(&self) -> &[T] {
        match self {
            OneOrMany::One(one) => std::slice::from_ref(one),
            OneOrMany::Many(many) => many,
        }
    }
}

/// A `when: {kind: …}` value: an order's kind (`regular`, `custom`), or, for
/// an SLA policy `per: incident`, an incident's (`complaint`), so a complaint
/// policy does not count logistics delays.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(untagged)]
pub enum KindFilter {
    Order(Kind),
    Incident(IncidentKind),
}

impl<'de> Deserialize<'de> for KindFilter {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        text.parse::<Kind>()
            .map(KindFilter::Order)
            .or_else(|_| text.parse::<IncidentKind>().map(KindFilter::Incident))
            .map_err(|_| {
                let names = |all: &[&str]| all.join(", ");
                serde::de::Error::custom(format!(
                    "`{text}` is not one of: {} (an order's kind) or {} (an incident's)",
                    names(&Kind::ALL.iter().map(|k| k.as_str()).collect::<Vec<_>>()),
                    names(
                        &IncidentKind::ALL
                            .iter()
                            .map(|k| k.as_str())
                            .collect::<Vec<_>>()
                    ),
                ))
            })
    }
}

impl JsonSchema for KindFilter {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "KindFilter".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "An order's kind, or (for an SLA policy `per: incident`) an incident's.",
            "anyOf": [generator.subschema_for::<Kind>(), generator.subschema_for::<IncidentKind>()]
        })
    }
}
