//! Durations as written in ledger files: `25wd`, `24h`, `30d+1mo`.
//! This module only parses and prints them; the calendar arithmetic lives with the
//! engine.

use std::fmt;
use std::str::FromStr;

use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::pattern::{Pattern, parse_str};

/// The unit of one term of a duration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Unit {
    /// `min`: elapsed minutes (on an SLA's working clock, working minutes).
    Minutes,
    /// `h`: elapsed hours in the ledger's timezone.
    Hours,
    /// `d`: calendar days.
    Days,
    /// `w`: calendar weeks.
    Weeks,
    /// `mo`: calendar months, clamped to the month's end.
    Months,
    /// `wd`: working days on a working calendar.
    WorkingDays,
    /// `wh`: working hours on a working calendar.
    WorkingHours,
}

impl Unit {
    const ALL: [(&'static str, Unit); 7] = [
        ("min", Unit::Minutes),
        ("wd", Unit::WorkingDays),
        ("wh", Unit::WorkingHours),
        ("mo", Unit::Months),
        ("h", Unit::Hours),
        ("d", Unit::Days),
        ("w", Unit::Weeks),
    ];

    pub fn suffix(self) -> &'static str {
        Unit::ALL
            .iter()
            .find(|(_, u)| *u == self)
            .map_or("", |(s, _)| s)
    }

    /// Whether the unit needs a working calendar.
    pub fn is_working(self) -> bool {
        matches!(self, Unit::WorkingDays | Unit::WorkingHours)
    }
}

/// One `<n><unit>` term.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Term {
    pub count: u32,
    pub unit: Unit,
}

/// A sum of terms, applied left to right.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Duration {
    pub terms: Vec<Term>,
}

/// Why a duration literal could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct DurationError {
    pub message: String,
}

impl Duration {
    pub fn uses_working_time(&self) -> bool {
        self.terms.iter().any(|t| t.unit.is_working())
    }
}

/// The largest count a term may have.
pub const MAX_COUNT: u32 = 100_000;

const UNITS_HELP: &str = "units: min (minutes), h (hours), d (days), w (weeks), mo (months), wd (working days), wh (working hours); e.g. 25wd or 30d+1mo";

impl FromStr for Duration {
    type Err = DurationError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let fail = |message: String| DurationError { message };
        if text.trim().is_empty() {
            return Err(fail(format!("an empty duration; {UNITS_HELP}")));
        }
        let mut terms = Vec::new();
        for raw in text.split('+') {
            let term = raw.trim();
            let digits = term.bytes().take_while(u8::is_ascii_digit).count();
            let (count, unit) = term.split_at(digits);
            if count.is_empty() {
                return Err(fail(format!(
                    "`{term}` in `{text}` does not start with a number; {UNITS_HELP}"
                )));
            }
            // Bounded so that date arithmetic can never overflow: no real term
            // comes near it.
            let count = count
                .parse::<u32>()
                .ok()
                .filter(|n| *n <= MAX_COUNT)
                .ok_or_else(|| {
                    fail(format!(
                        "`{count}` in `{text}` is too large (at most {MAX_COUNT})"
                    ))
                })?;
            let unit = Unit::ALL
                .iter()
                .find(|(suffix, _)| *suffix == unit)
                .map(|(_, u)| *u)
                .ok_or_else(|| fail(format!("`{unit}` in `{text}` is not a unit; {UNITS_HELP}")))?;
            terms.push(Term { count, unit });
        }
        Ok(Duration { terms })
    }
}

impl fmt::Display for Duration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, term) in self.terms.iter().enumerate() {
            if i > 0 {
                f.write_str("+")?;
            }
            write!(f, "{}{}", term.count, term.unit.suffix())?;
        }
        Ok(())
    }
}

impl Serialize for Duration {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Duration {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        parse_str(d, |text| {
            DURATION.check(text, "duration")?;
            text.parse().map_err(|e: DurationError| e.to_string())
        })
    }
}

/// The pattern the schemas use for a duration literal.
pub const DURATION_PATTERN: &str =
    r"^\s*[0-9]+(min|h|d|w|mo|wd|wh)\s*(\+\s*[0-9]+(min|h|d|w|mo|wd|wh)\s*)*$";
pub static DURATION: Pattern = Pattern::with_common(DURATION_PATTERN, |text| {
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0
        && matches!(
            &text[digits..],
            "min" | "h" | "d" | "w" | "mo" | "wd" | "wh"
        )
});

impl JsonSchema for Duration {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Duration".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "title": "Duration",
            "description": "A duration: <n><unit> with min (minutes), h (hours), d (days), w (weeks), mo (months, clamped to the month's end), wd (working days) or wh (working hours); terms may be summed and are applied left to right.",
            "pattern": DURATION_PATTERN,
            "examples": ["25wd", "24h", "30min", "30d+1mo"]
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_quick_test_stays_within_the_pattern() {
        crate::model::pattern::tests::assert_common_is_within(
            &DURATION,
            "7dwhmoin +",
            &["25wd", "30d+1mo", "120h", "30min", "7dd"],
        );
    }

    #[track_caller]
    fn ok(text: &str, expected: &[(u32, Unit)]) {
        let parsed: Duration = text.parse().expect("valid duration");
        let terms: Vec<(u32, Unit)> = parsed.terms.iter().map(|t| (t.count, t.unit)).collect();
        assert_eq!(terms, expected);
    }

    #[test]
    fn parses_every_unit_and_sums() {
        ok("24h", &[(24, Unit::Hours)]);
        ok("30min", &[(30, Unit::Minutes)]);
        ok("7d", &[(7, Unit::Days)]);
        ok("3w", &[(3, Unit::Weeks)]);
        ok("1mo", &[(1, Unit::Months)]);
        ok("25wd", &[(25, Unit::WorkingDays)]);
        ok("16wh", &[(16, Unit::WorkingHours)]);
        ok("0wd", &[(0, Unit::WorkingDays)]);
        ok("30d+1mo", &[(30, Unit::Days), (1, Unit::Months)]);
        ok(" 30d + 1mo ", &[(30, Unit::Days), (1, Unit::Months)]);
    }

    #[test]
    fn round_trips_through_display() {
        let parsed: Duration = "30d+1mo".parse().expect("valid");
        assert_eq!(parsed.to_string(), "30d+1mo");
    }

    #[test]
    fn rejects_bad_literals_with_a_reason() {
        for (text, needle) in [
            ("", "empty"),
            ("wd", "does not start with a number"),
            ("5", "is not a unit"),
            ("5days", "`days` in `5days` is not a unit"),
            ("5d+", "does not start with a number"),
            ("-5d", "does not start with a number"),
            ("99999999999d", "too large"),
            ("100001d", "too large (at most 100000)"),
        ] {
            let error = text.parse::<Duration>().expect_err(text);
            assert!(error.message.contains(needle), "{text}: {}", error.message);
        }
    }

    #[test]
    fn the_schema_pattern_agrees_with_the_parser() {
        let pattern = regex_lite(DURATION_PATTERN);
        for text in ["24h", "30d+1mo", "0wd", " 1w + 2d ", "30min", "1h+30min"] {
            assert!(pattern(text), "{text}");
            assert!(text.parse::<Duration>().is_ok(), "{text}");
        }
        for text in ["", "5", "d5", "5x", "5d+"] {
            assert!(!pattern(text), "{text}");
            assert!(text.parse::<Duration>().is_err(), "{text}");
        }
    }

    /// Checks a string against a pattern with the same engine the validator uses.
    fn regex_lite(pattern: &str) -> impl Fn(&str) -> bool {
        let schema = serde_json::json!({"type": "string", "pattern": pattern});
        let validator = jsonschema::validator_for(&schema).expect("valid schema");
        move |text| validator.is_valid(&serde_json::json!(text))
    }
}
