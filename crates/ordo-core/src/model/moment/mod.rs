//! Points in time as written in ledger files: a date (`2026-05-07`) or a date-time
//! with an optional offset (`2026-05-06T10:15:00+08:00`, `2026-05-06T10:15`). A
//! date-time without an offset is in the ledger's timezone; resolving it needs that
//! zone, so values stay as written here and are resolved by the engine.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, TimeZone};
use chrono_tz::Tz;
use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::pattern::{Pattern, parse_str, strict_date};

/// A date, a local date-time, or a date-time with an offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Moment {
    Date(NaiveDate),
    Local(NaiveDateTime),
    Fixed(DateTime<FixedOffset>),
}

/// Why a text is not a date or date-time.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct MomentError(pub String);

/// How a local date-time maps onto a timezone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resolved {
    One(DateTime<Tz>),
    /// The local time falls in a gap (clocks jump forward over it).
    Missing,
    /// The local time happens twice (clocks go back); the earlier is used.
    Ambiguous(DateTime<Tz>),
}

impl Moment {
    pub fn date_part(&self) -> NaiveDate {
        match self {
            Moment::Date(d) => *d,
            Moment::Local(dt) => dt.date(),
            Moment::Fixed(dt) => dt.date_naive(),
        }
    }

    pub fn has_time(&self) -> bool {
        !matches!(self, Moment::Date(_))
    }

    /// The instant in `tz`; a bare date is taken at the start of that day.
    pub fn resolve(&self, tz: Tz) -> Resolved {
        match self {
            Moment::Fixed(dt) => Resolved::One(dt.with_timezone(&tz)),
            Moment::Local(dt) => resolve_local(tz, *dt),
            Moment::Date(d) => resolve_local(tz, d.and_time(chrono::NaiveTime::MIN)),
        }
    }

    /// The date in `tz` (a date-time with another offset may fall on another day).
    pub fn local_date(&self, tz: Tz) -> NaiveDate {
        match self {
            Moment::Date(d) => *d,
            Moment::Local(dt) => dt.date(),
            Moment::Fixed(dt) => dt.with_timezone(&tz).date_naive(),
        }
    }
}

impl Moment {
    /// Orders two moments in `tz`: by instant when both have a time, else by date
    /// (a bare date is the whole day, so it neither precedes nor follows a time on
    /// that day).
    pub fn cmp_in(&self, other: &Moment, tz: Tz) -> std::cmp::Ordering {
        if self.has_time() && other.has_time() {
            let instant = |m: &Moment| match m.resolve(tz) {
                Resolved::One(dt) | Resolved::Ambiguous(dt) => Some(dt),
                Resolved::Missing => None,
            };
            if let (Some(a), Some(b)) = (instant(self), instant(other)) {
                return a.cmp(&b);
            }
        }
        self.local_date(tz).cmp(&other.local_date(tz))
    }
}

fn resolve_local(tz: Tz, local: NaiveDateTime) -> Resolved {
    match tz.from_local_datetime(&local) {
        chrono::LocalResult::Single(dt) => Resolved::One(dt),
        chrono::LocalResult::Ambiguous(early, _) => Resolved::Ambiguous(early),
        chrono::LocalResult::None => Resolved::Missing,
    }
}

const LOCAL_FORMATS: [&str; 4] = [
    "%Y-%m-%dT%H:%M:%S%.f",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%d %H:%M:%S%.f",
    "%Y-%m-%d %H:%M",
];

impl FromStr for Moment {
    type Err = MomentError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        strict_moment(text).map_or_else(|| general_moment(text), Ok)
    }
}

/// The shapes files hold, read by hand: `YYYY-MM-DD`, `YYYY-MM-DD[T ]HH:MM[:SS]`
/// and `YYYY-MM-DD[T ]HH:MM:SS` with `Z` or `±HH:MM`. Every text read here
/// matches the schema pattern and reads to what [`general_moment`] makes of it
/// (a test holds both to it); anything else goes to the general parser.
fn strict_moment(text: &str) -> Option<Moment> {
    let date = strict_date(text.get(..10)?)?;
    let b = text.as_bytes();
    let two = |i: usize| -> Option<u32> {
        match (b.get(i), b.get(i + 1)) {
            (Some(x), Some(y)) if x.is_ascii_digit() && y.is_ascii_digit() => {
                Some(u32::from(x - b'0') * 10 + u32::from(y - b'0'))
            }
            _ => None,
        }
    };
    match b.len() {
        10 => return Some(Moment::Date(date)),
        16 | 19 | 20 | 25 if matches!(b[10], b'T' | b' ') && b[13] == b':' => {}
        _ => return None,
    }
    let (hour, minute) = (two(11)?, two(14)?);
    if b.len() == 16 {
        return date.and_hms_opt(hour, minute, 0).map(Moment::Local);
    }
    if b[16] != b':' {
        return None;
    }
    let local = date.and_hms_opt(hour, minute, two(17)?)?;
    let offset = match &b[19..] {
        [] => return Some(Moment::Local(local)),
        [b'Z'] => 0,
        [sign @ (b'+' | b'-'), _, _, b':', _, _] => {
            let (h, m) = (two(20)?, two(23)?);
            if h > 23 || m > 59 {
                return None;
            }
            let seconds = i32::try_from(h * 3600 + m * 60).ok()?;
            if *sign == b'-' { -seconds } else { seconds }
        }
        _ => return None,
    };
    FixedOffset::east_opt(offset)?
        .from_local_datetime(&local)
        .single()
        .map(Moment::Fixed)
}

/// Every form the schema pattern allows, through chrono.
fn general_moment(text: &str) -> Result<Moment, MomentError> {
    if text.len() == 10
        && let Ok(date) = text.parse::<NaiveDate>()
    {
        return Ok(Moment::Date(date));
    }
    if let Ok(dt) = text.parse::<NaiveDateTime>() {
        return Ok(Moment::Local(dt));
    }
    if let Ok(dt) = DateTime::parse_from_rfc3339(text) {
        return Ok(Moment::Fixed(dt));
    }
    for format in [
        "%Y-%m-%d %H:%M:%S%.f%:z",
        "%Y-%m-%dT%H:%M%:z",
        "%Y-%m-%d %H:%M%:z",
    ] {
        if let Ok(dt) = DateTime::parse_from_str(text, format) {
            return Ok(Moment::Fixed(dt));
        }
    }
    // `Z` after minutes alone (RFC 3339 wants the seconds).
    if let Some(local) = text.strip_suffix('Z')
        && let Some(dt) = LOCAL_FORMATS
            .iter()
            .find_map(|f| NaiveDateTime::parse_from_str(local, f).ok())
    {
        return Ok(Moment::Fixed(dt.and_utc().fixed_offset()));
    }
    for format in LOCAL_FORMATS {
        if let Ok(dt) = NaiveDateTime::parse_from_str(text, format) {
            return Ok(Moment::Local(dt));
        }
    }
    Err(MomentError(explain_bad_moment(text)))
}

fn explain_bad_moment(text: &str) -> String {
    let date = text.get(..10).unwrap_or(text);
    let parts: Vec<Option<u32>> = date.split('-').map(|p| p.parse().ok()).collect();
    if let [Some(y), Some(m), Some(d)] = parts[..]
        && date.len() == 10
        && NaiveDate::from_ymd_opt(y as i32, m, d).is_none()
    {
        return format!("`{date}` is not a date on the calendar");
    }
    if text.len() > 10 && NaiveDate::parse_from_str(date, "%Y-%m-%d").is_ok() {
        return format!(
            "`{text}` is not a valid date-time; write YYYY-MM-DDTHH:MM[:SS] with an optional offset such as +08:00"
        );
    }
    format!("`{text}` is not a date (YYYY-MM-DD) or a date-time (YYYY-MM-DDTHH:MM[:SS][+HH:MM])")
}

impl fmt::Display for Moment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Moment::Date(d) => write!(f, "{}", d.format("%Y-%m-%d")),
            Moment::Local(dt) => write!(f, "{}", dt.format("%Y-%m-%dT%H:%M:%S")),
            Moment::Fixed(dt) => write!(f, "{}", dt.format("%Y-%m-%dT%H:%M:%S%:z")),
        }
    }
}

impl Serialize for Moment {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl Moment {
    /// A file's text as a moment, refused unless it matches `pattern` (the
    /// schema's: the general parser takes a few forms the schema does not).
    fn decode(text: &str, pattern: &Pattern, what: &str) -> Result<Moment, String> {
        if let Some(moment) = strict_moment(text) {
            return Ok(moment);
        }
        pattern.check(text, what)?;
        general_moment(text).map_err(|e| e.0)
    }
}

impl<'de> Deserialize<'de> for Moment {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        parse_str(d, |text| Moment::decode(text, &MOMENT, "date or date-time"))
    }
}

const MOMENT_PATTERN: &str = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$";
const TIMESTAMP_PATTERN: &str = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?(Z|[+-][0-9]{2}:[0-9]{2})?$";
static MOMENT: Pattern = Pattern::new(MOMENT_PATTERN);
static TIMESTAMP: Pattern = Pattern::new(TIMESTAMP_PATTERN);

impl JsonSchema for Moment {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "DateOrDateTime".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "title": "Date or date-time",
            "description": "A date (YYYY-MM-DD) or a date-time (YYYY-MM-DDTHH:MM[:SS]); a date-time without an offset is in the ledger's timezone.",
            "pattern": MOMENT_PATTERN,
            "examples": ["2026-05-07", "2026-05-06T10:15:00+08:00"]
        })
    }
}

/// A date-time (the offset is optional): where the time of day matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Timestamp(pub Moment);

impl FromStr for Timestamp {
    type Err = MomentError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Timestamp::of(text, text.parse()?)
    }
}

impl Timestamp {
    /// `moment`, read from `text`, unless it is a bare date.
    fn of(text: &str, moment: Moment) -> Result<Timestamp, MomentError> {
        match moment {
            Moment::Date(_) => Err(MomentError(format!(
                "`{text}` is a date; this field needs a date-time such as {text}T09:00"
            ))),
            moment => Ok(Timestamp(moment)),
        }
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        parse_str(d, |text| {
            let moment = Moment::decode(text, &TIMESTAMP, "date-time")?;
            Timestamp::of(text, moment).map_err(|e| e.0)
        })
    }
}

impl JsonSchema for Timestamp {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "DateTime".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "title": "Date-time",
            "description": "A date-time (YYYY-MM-DDTHH:MM[:SS]) with an optional offset; without one it is in the ledger's timezone.",
            "pattern": TIMESTAMP_PATTERN,
            "examples": ["2026-05-06T10:15:00+08:00", "2026-05-06T10:15"]
        })
    }
}

#[cfg(test)]
mod tests;
