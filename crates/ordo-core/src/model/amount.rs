//! Exact, non-negative decimal amounts (money, quantities, percentages). Files may
//! write `50.00` or `"50.00"`; both are read exactly, never through binary floats.

use std::fmt;

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::pattern::Pattern;

/// A non-negative decimal amount.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Amount(pub Decimal);

impl Amount {
    pub const ZERO: Amount = Amount(Decimal::ZERO);
}

impl fmt::Display for Amount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl Serialize for Amount {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Amount {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Amount;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a non-negative decimal number")
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Amount, E> {
                Ok(Amount(Decimal::from(v)))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Amount, E> {
                non_negative(Decimal::from(v))
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Amount, E> {
                // Rust prints the shortest text that reads back as the same f64, which
                // for any literal of up to 15 significant digits is the literal itself.
                parse(&v.to_string())
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Amount, E> {
                // Written as a string, an amount is plain digits (no sign, no exponent).
                AMOUNT.check(v, "decimal amount").map_err(E::custom)?;
                parse(v)
            }
        }
        d.deserialize_any(Visitor)
    }
}

fn parse<E: serde::de::Error>(text: &str) -> Result<Amount, E> {
    let parsed = text
        .trim()
        .parse::<Decimal>()
        .or_else(|_| Decimal::from_scientific(text.trim()))
        .map_err(|_| E::custom(format!("`{text}` is not a decimal number")))?;
    non_negative(parsed)
}

/// An amount written as a string.
const AMOUNT_PATTERN: &str = r"^\s*[0-9]+(\.[0-9]+)?\s*$";
static AMOUNT: Pattern = Pattern::with_common(AMOUNT_PATTERN, |text| {
    let digits = |part: &str| !part.is_empty() && part.bytes().all(|c| c.is_ascii_digit());
    match text.split_once('.') {
        Some((int, frac)) => digits(int) && digits(frac),
        None => digits(text),
    }
});

fn non_negative<E: serde::de::Error>(value: Decimal) -> Result<Amount, E> {
    if value.is_sign_negative() && !value.is_zero() {
        Err(E::custom(format!("{value} is negative")))
    } else {
        Ok(Amount(value))
    }
}

impl JsonSchema for Amount {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Amount".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": ["number", "string"],
            "title": "Decimal amount",
            "description": "A non-negative decimal, as a number or a quoted string; read exactly, never as a binary float.",
            "minimum": 0,
            "pattern": AMOUNT_PATTERN,
            "examples": ["50.00", "1250.50"]
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_quick_test_stays_within_the_pattern() {
        crate::model::pattern::tests::assert_common_is_within(
            &AMOUNT,
            "1.0 -e",
            &["1250.50", "1.2.3", "007"],
        );
    }
    use std::str::FromStr;

    fn amount(value: serde_json::Value) -> Result<Amount, serde_json::Error> {
        serde_json::from_value(value)
    }

    #[test]
    fn reads_numbers_and_strings_exactly() {
        let exact = |s: &str| Amount(Decimal::from_str(s).expect("decimal"));
        assert_eq!(amount(serde_json::json!(50.0)).expect("float"), exact("50"));
        assert_eq!(amount(serde_json::json!(0.1)).expect("float"), exact("0.1"));
        assert_eq!(
            amount(serde_json::json!("1250.50")).expect("string"),
            exact("1250.50")
        );
        assert_eq!(amount(serde_json::json!(7)).expect("int"), exact("7"));
        let sum = amount(serde_json::json!(0.1)).expect("a").0
            + amount(serde_json::json!(0.2)).expect("b").0;
        assert_eq!(sum, Decimal::from_str("0.3").expect("decimal"));
    }

    #[test]
    fn refuses_negative_and_non_numbers() {
        assert!(amount(serde_json::json!(-1)).is_err());
        assert!(amount(serde_json::json!("-2.5")).is_err());
        assert!(amount(serde_json::json!("abc")).is_err());
    }
}
