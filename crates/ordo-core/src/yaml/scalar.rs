//! What a YAML scalar means: the YAML 1.2 core schema, shared by the value
//! builder and the direct decoder so both read `no`, `012` or `2026-05-01` alike.

use std::borrow::Cow;

use saphyr_parser::{ScalarStyle, Tag};
use serde_json::{Number, Value};

/// A resolved scalar; strings borrow from the text where the parser could.
#[derive(Debug, Clone, PartialEq)]
pub enum Scalar<'a> {
    Null,
    Bool(bool),
    Number(Number),
    Str(Cow<'a, str>),
}

/// A tag other than `!!str`: ledger files do not use them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TagRefused;

impl<'a> Scalar<'a> {
    /// Resolves a scalar as written: quoted scalars and `!!str` are strings, plain
    /// ones follow the core schema.
    pub fn resolve(
        text: Cow<'a, str>,
        style: ScalarStyle,
        tag: Option<&Tag>,
    ) -> Result<Self, TagRefused> {
        if let Some(tag) = tag {
            return if tag.handle == "tag:yaml.org,2002:" && tag.suffix == "str" {
                Ok(Scalar::Str(text))
            } else {
                Err(TagRefused)
            };
        }
        if style != ScalarStyle::Plain {
            return Ok(Scalar::Str(text));
        }
        Ok(resolve_plain(text))
    }
}

impl From<Scalar<'_>> for Value {
    fn from(scalar: Scalar<'_>) -> Value {
        match scalar {
            Scalar::Null => Value::Null,
            Scalar::Bool(b) => Value::Bool(b),
            Scalar::Number(n) => Value::Number(n),
            Scalar::Str(s) => Value::String(s.into_owned()),
        }
    }
}

/// The YAML 1.2 core schema: null, booleans, integers (decimal, `0o`, `0x`) and
/// floats; everything else is a string. Infinities and NaN have no JSON form and
/// stay strings, so a numeric field rejects them.
fn resolve_plain(text: Cow<'_, str>) -> Scalar<'_> {
    // Most scalars are words and dates: the first byte rules out the rest.
    match text.as_bytes().first() {
        None => return Scalar::Null,
        Some(b'~' | b'n' | b'N' | b't' | b'T' | b'f' | b'F') => match text.as_ref() {
            "~" | "null" | "Null" | "NULL" => return Scalar::Null,
            "true" | "True" | "TRUE" => return Scalar::Bool(true),
            "false" | "False" | "FALSE" => return Scalar::Bool(false),
            _ => {}
        },
        Some(b) if b.is_ascii_digit() || matches!(b, b'-' | b'+' | b'.') => {
            if let Some(n) = resolve_int(&text) {
                return Scalar::Number(n);
            }
            if is_core_float(&text)
                && let Some(n) = text.parse::<f64>().ok().and_then(Number::from_f64)
            {
                return Scalar::Number(n);
            }
        }
        Some(_) => {}
    }
    Scalar::Str(text)
}

fn resolve_int(text: &str) -> Option<Number> {
    if let Some(oct) = text.strip_prefix("0o") {
        return u64::from_str_radix(oct, 8).ok().map(Number::from);
    }
    if let Some(hex) = text.strip_prefix("0x") {
        return u64::from_str_radix(hex, 16).ok().map(Number::from);
    }
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if let Ok(n) = text.parse::<i64>() {
        return Some(Number::from(n));
    }
    if let Ok(n) = digits.parse::<u64>()
        && !text.starts_with('-')
    {
        return Some(Number::from(n));
    }
    text.parse::<f64>().ok().and_then(Number::from_f64)
}

/// `[-+]? ( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )?`
fn is_core_float(text: &str) -> bool {
    let s = text.strip_prefix(['-', '+']).unwrap_or(text).as_bytes();
    let (mantissa, exponent) = match s.iter().position(|&b| b == b'e' || b == b'E') {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s, None),
    };
    let (int, frac) = match mantissa.iter().position(|&b| b == b'.') {
        Some(i) => (&mantissa[..i], Some(&mantissa[i + 1..])),
        None => (mantissa, None),
    };
    let digits = |p: &[u8]| p.iter().all(u8::is_ascii_digit);
    let mantissa_ok = match frac {
        Some(frac) => digits(int) && digits(frac) && (!int.is_empty() || !frac.is_empty()),
        None => !int.is_empty() && digits(int),
    };
    let exponent_ok = exponent.is_none_or(|e| {
        let e = e
            .strip_prefix(b"-")
            .or_else(|| e.strip_prefix(b"+"))
            .unwrap_or(e);
        !e.is_empty() && digits(e)
    });
    mantissa_ok && exponent_ok
}
