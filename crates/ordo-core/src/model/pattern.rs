//! What the schemas ask of a string beyond its type (a pattern, the `date`
//! format, a range), enforced by the types' own decoding as well. Order files are
//! decoded straight into the model and meet their JSON Schema only to explain a
//! failure (see `ledger::document`), so a type must refuse all its schema refuses.
//! Each pattern is written once, here or beside its type, and feeds both.

use std::sync::OnceLock;

use chrono::NaiveDate;
use regex::Regex;
use serde::de::Error as _;
use serde::{Deserialize, Deserializer};

/// A schema pattern, compiled on first use.
pub struct Pattern {
    source: &'static str,
    regex: OnceLock<Regex>,
    /// A quick test for the common shape, which the pattern always matches (a
    /// test holds them to it): most values never reach the regex.
    common: Option<fn(&str) -> bool>,
}

impl Pattern {
    pub const fn new(source: &'static str) -> Self {
        Pattern {
            source,
            regex: OnceLock::new(),
            common: None,
        }
    }

    pub const fn with_common(source: &'static str, common: fn(&str) -> bool) -> Self {
        Pattern {
            source,
            regex: OnceLock::new(),
            common: Some(common),
        }
    }

    pub fn is_match(&self, text: &str) -> bool {
        self.common.is_some_and(|common| common(text)) || self.matches_regex(text)
    }

    fn matches_regex(&self, text: &str) -> bool {
        self.regex
            .get_or_init(|| {
                Regex::new(self.source)
                    .unwrap_or_else(|e| panic!("schema pattern {} is invalid: {e}", self.source))
            })
            .is_match(text)
    }

    /// Refuses `text` unless it matches, naming what it should have been.
    pub fn check(&self, text: &str, what: &str) -> Result<(), String> {
        if self.is_match(text) {
            Ok(())
        } else {
            Err(format!("`{text}` is not a valid {what}"))
        }
    }
}

/// Decodes a string value with `parse`, borrowing it rather than copying: most
/// of an order's values are dates and durations parsed from text.
pub fn parse_str<'de, D, T, F>(d: D, parse: F) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    F: FnOnce(&str) -> Result<T, String>,
{
    struct Text<F>(F);
    impl<T, F: FnOnce(&str) -> Result<T, String>> serde::de::Visitor<'_> for Text<F> {
        type Value = T;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a string")
        }
        fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<T, E> {
            (self.0)(text).map_err(E::custom)
        }
    }
    d.deserialize_str(Text(parse))
}

/// Order ids: no path separators, no `..`.
pub const ID_PATTERN: &str = r"^[A-Za-z0-9]+([._-][A-Za-z0-9]+)*$";
/// ISO 4217 currency codes.
pub const CURRENCY_PATTERN: &str = r"^[A-Z]{3}$";

static ID: Pattern = Pattern::with_common(ID_PATTERN, |text| {
    let b = text.as_bytes();
    let word = |c: &u8| c.is_ascii_alphanumeric();
    b.first().is_some_and(word)
        && b.last().is_some_and(word)
        && b.iter().all(|c| word(c) || matches!(c, b'.' | b'_' | b'-'))
        && b.windows(2).all(|w| word(&w[0]) || word(&w[1]))
});
static CURRENCY: Pattern = Pattern::with_common(CURRENCY_PATTERN, |text| {
    text.len() == 3 && text.bytes().all(|c| c.is_ascii_uppercase())
});

/// Digits and ASCII letters, `_` and `-`: a step id, or a word in general.
pub fn is_plain_word(text: &str) -> bool {
    !text.is_empty()
        && text
            .bytes()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-'))
}

/// An order id (`deserialize_with`).
pub fn order_id<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let text = String::deserialize(d)?;
    ID.check(&text, "order id").map_err(D::Error::custom)?;
    Ok(text)
}

/// An optional order uid: an id's characters (`deserialize_with`).
pub fn order_uid<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    let text = Option::<String>::deserialize(d)?;
    if let Some(text) = &text {
        ID.check(text, "uid").map_err(D::Error::custom)?;
    }
    Ok(text)
}

/// Web addresses: the site links to them, so only `http` and `https`
/// (`javascript:` or `data:` would run in a reader's browser).
pub const WEB_ADDRESS_PATTERN: &str = r"^[Hh][Tt][Tt][Pp][Ss]?://[^\s]+$";

/// Whether a text is an `http` or `https` address.
pub fn is_web_address(text: &str) -> bool {
    let lower = text.get(..8).unwrap_or(text).to_ascii_lowercase();
    let rest = if lower.starts_with("https://") {
        &text[8..]
    } else if lower.starts_with("http://") {
        &text[7..]
    } else {
        return false;
    };
    !rest.is_empty() && !rest.chars().any(char::is_whitespace)
}

/// An optional web address (`deserialize_with`).
pub fn web_address<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    let text = Option::<String>::deserialize(d)?;
    if let Some(text) = &text
        && !is_web_address(text)
    {
        return Err(D::Error::custom(format!(
            "`{text}` is not an http or https address"
        )));
    }
    Ok(text)
}

/// An optional currency code (`deserialize_with`).
pub fn currency<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    let text = Option::<String>::deserialize(d)?;
    if let Some(text) = &text {
        CURRENCY
            .check(text, "currency code")
            .map_err(D::Error::custom)?;
    }
    Ok(text)
}

/// An optional calendar date, `YYYY-MM-DD` exactly, as the schema's `date`
/// format wants (`deserialize_with`).
pub fn date<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
    struct Date;
    impl<'de> serde::de::Visitor<'de> for Date {
        type Value = Option<NaiveDate>;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a date (YYYY-MM-DD)")
        }
        fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            parse_str(d, |text| {
                strict_date(text).ok_or_else(|| format!("`{text}` is not a date (YYYY-MM-DD)"))
            })
            .map(Some)
        }
    }
    d.deserialize_option(Date)
}

/// An optional day of the month, 1 to 31 (`deserialize_with`).
pub fn day_of_month<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u8>, D::Error> {
    let day = Option::<u8>::deserialize(d)?;
    match day {
        Some(day) if !(1..=31).contains(&day) => Err(D::Error::custom(format!(
            "{day} is not a day of the month (1 to 31)"
        ))),
        _ => Ok(day),
    }
}

/// `YYYY-MM-DD` with exactly those digits, on the calendar.
pub fn strict_date(text: &str) -> Option<NaiveDate> {
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let number = |range: std::ops::Range<usize>| {
        b[range].iter().try_fold(0u32, |n, &c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    let year = i32::try_from(number(0..4)?).ok()?;
    NaiveDate::from_ymd_opt(year, number(5..7)?, number(8..10)?)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    #[test]
    fn strict_dates_are_exactly_the_schema_format() {
        let format = jsonschema::options()
            .should_validate_formats(true)
            .build(&serde_json::json!({"format": "date"}))
            .expect("schema");
        for text in [
            "2026-05-01",
            "2024-02-29",
            "0000-01-01",
            "2026-02-29",
            "2026-5-1",
            "2026-05-1 ",
            "+2026-05-01",
            "2026/05/01",
            "2026-13-01",
            "2026-00-10",
            "2026-05-00",
            "20260-5-01",
            "2026-05-01T10:00",
            "２０２６-05-01",
        ] {
            assert_eq!(
                strict_date(text).is_some(),
                format.is_valid(&serde_json::json!(text)),
                "{text}"
            );
        }
        assert_eq!(
            strict_date("2026-05-01"),
            NaiveDate::from_ymd_opt(2026, 5, 1)
        );
    }

    /// Every string of up to four characters from `alphabet`.
    fn all_strings(alphabet: &str) -> Vec<String> {
        let mut all = vec![String::new()];
        let mut last = vec![String::new()];
        for _ in 0..4 {
            last = last
                .iter()
                .flat_map(|s| alphabet.chars().map(move |c| format!("{s}{c}")))
                .collect();
            all.extend(last.iter().cloned());
        }
        all
    }

    /// The quick test of a pattern never accepts what its regex refuses.
    pub(crate) fn assert_common_is_within(pattern: &Pattern, alphabet: &str, longer: &[&str]) {
        let common = pattern.common.expect("a quick test");
        let mut accepted = 0;
        for text in all_strings(alphabet)
            .iter()
            .map(String::as_str)
            .chain(longer.iter().copied())
        {
            if common(text) {
                accepted += 1;
                assert!(
                    pattern.matches_regex(text),
                    "{text:?} for {}",
                    pattern.source
                );
            }
        }
        assert!(
            accepted > 0,
            "the quick test of {} accepts nothing",
            pattern.source
        );
    }

    #[test]
    fn quick_tests_stay_within_their_patterns() {
        assert_common_is_within(&ID, "aZ9._-/ ", &["202605-ABC-001", "a..b", "x.y_z-1"]);
        assert_common_is_within(&CURRENCY, "ACnY1 ", &["CNY", "USD", "EURO"]);
    }

    #[test]
    fn patterns_match_whole_strings() {
        assert!(ID.is_match("202605-ABC-001"));
        assert!(!ID.is_match("../x"));
        assert!(CURRENCY.is_match("CNY"));
        assert!(!CURRENCY.is_match("cny"));
        assert!(!CURRENCY.is_match("CNYX"));
    }
}
