//! From a file's text to a typed value: YAML, then the file kind's JSON Schema,
//! then serde into the model. Each stage turns its errors into located findings.
//! Clean orders take a shortcut: straight from YAML into the model.

use std::path::Path;

use jsonschema::error::{TypeKind, ValidationErrorKind};
use serde::de::DeserializeOwned;
use serde_json::Value;

use std::collections::BTreeSet;

use crate::finding::{Code, Finding, Place};
use crate::model::Order;
use crate::schema::FileKind;
use crate::yaml::{self, Route, Seg};

/// Parses and checks one document; `None` when it has YAML or schema errors (all
/// of which are in `findings`).
pub fn load<T: DeserializeOwned>(
    rel: &Path,
    text: &str,
    kind: FileKind,
    findings: &mut Vec<Finding>,
) -> Option<T> {
    // Orders are many: a clean one is decoded straight from the YAML events. The
    // order types refuse everything the order schema refuses (a test in this
    // module proves it on mutated orders), so the located stages below run only
    // to explain a refusal.
    if kind == FileKind::Order
        && let Ok(typed) = yaml::from_str::<T>(text)
    {
        return Some(typed);
    }
    if let Some(marker) = conflict_marker(text) {
        findings.push(
            Finding::error(
                Code::Conflict,
                rel,
                "unresolved merge conflict: the file still holds git's conflict markers",
            )
            .at_span(marker)
            .label("conflict marker")
            .help("keep the lines you want between the markers, delete the markers, and commit (`ordo setup-git` lets git merge ledger files by their fields)"),
        );
        return None;
    }
    let value = match yaml::parse(text) {
        Ok(value) => value,
        Err(error) => {
            let mut finding = Finding::error(Code::Yaml, rel, error.message)
                .at_span(error.span)
                .label(error.label);
            finding.help = error.help;
            findings.push(finding);
            return None;
        }
    };
    let validator = kind.validator();
    if !validator.is_valid(&value) {
        let schema: Value = serde_json::from_str(kind.checked_in()).unwrap_or(Value::Null);
        let mut found: Vec<Finding> = Vec::new();
        for error in validator.iter_errors(&value) {
            for finding in schema_findings(rel, &value, &schema, &error) {
                if !found.contains(&finding) {
                    found.push(finding);
                }
            }
        }
        drop_missing_explained_by_typos(&mut found);
        findings.extend(found);
        return None;
    }
    // The common case moves the value into the model; only a failure pays for a
    // second parse to find the path of the failing field.
    match serde_json::from_value::<T>(value) {
        Ok(typed) => Some(typed),
        Err(_) => {
            let value = yaml::parse(text).unwrap_or_default();
            let (route, message) = match serde_path_to_error::deserialize::<_, T>(&value) {
                Ok(_) => (Route::root(), "the file does not fit the model".to_owned()),
                Err(error) => (route_of_path(error.path()), error.inner().to_string()),
            };
            findings.push(
                Finding::error(Code::Schema, rel, message)
                    .at(route)
                    .label("invalid value"),
            );
            None
        }
    }
}

/// An order whose schema errors are confined to some top-level keys, decoded
/// without them, so `validate` can run the checks those keys do not feed: one
/// run shows every finding of a file, not the schema's first. Returns the order
/// and the keys set aside (required ones hold placeholders, which the checks
/// that read them never see). `None` when nothing is left to decode.
pub fn salvage_order(text: &str) -> Option<(Order, BTreeSet<String>)> {
    let mut value = yaml::parse(text).ok()?;
    let validator = FileKind::Order.validator();
    let mut broken = BTreeSet::new();
    for error in validator.iter_errors(&value) {
        let pointer = error.instance_path().as_str();
        match pointer.split('/').nth(1) {
            Some(key) => {
                broken.insert(key.replace("~1", "/").replace("~0", "~"));
            }
            None => match error.kind() {
                ValidationErrorKind::Required { property } => {
                    broken.extend(property.as_str().map(str::to_owned));
                }
                ValidationErrorKind::AdditionalProperties { unexpected } => {
                    broken.extend(unexpected.iter().cloned());
                }
                _ => return None,
            },
        }
    }
    if broken.is_empty() {
        return None;
    }
    let map = value.as_object_mut()?;
    for key in &broken {
        map.remove(key);
    }
    for (key, placeholder) in [
        ("id", "set-aside"),
        ("customer", ""),
        ("owner", ""),
        ("received", "2000-01-01T00:00"),
        ("channel", "email"),
    ] {
        if broken.contains(key) {
            map.insert(key.to_owned(), Value::String(placeholder.to_owned()));
        }
    }
    let order = serde_json::from_value(value).ok()?;
    Some((order, broken))
}

/// The first line of a conflict left by a merge (`<<<<<<< `, `=======`,
/// `>>>>>>> `, and diff3's `||||||| `), which no ledger file holds otherwise.
fn conflict_marker(text: &str) -> Option<crate::yaml::Span> {
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let bare = line.trim_end_matches(['\n', '\r']);
        let marker = ["<<<<<<<", ">>>>>>>", "|||||||"]
            .iter()
            .any(|m| bare == *m || bare.starts_with(&format!("{m} ")))
            || bare == "=======";
        if marker {
            return Some(crate::yaml::Span::new(at, at + bare.len()));
        }
        at += line.len();
    }
    None
}

/// A missing key next to an unknown key that is its typo is one mistake: keep the
/// unknown key's finding, which says "did you mean".
fn drop_missing_explained_by_typos(found: &mut Vec<Finding>) {
    let typos: Vec<(Option<Route>, String)> = found
        .iter()
        .filter_map(|f| {
            let Place::Route(route, _) = &f.place else {
                return None;
            };
            let wanted = f
                .help
                .as_deref()?
                .strip_prefix("did you mean `")?
                .split('`')
                .next()?;
            f.message
                .starts_with("unknown key")
                .then(|| (route.parent(), wanted.to_owned()))
        })
        .collect();
    found.retain(|f| {
        let Place::Route(route, _) = &f.place else {
            return true;
        };
        let Some(missing) = f
            .message
            .strip_prefix("missing required key `")
            .and_then(|m| m.split('`').next())
        else {
            return true;
        };
        !typos
            .iter()
            .any(|(parent, wanted)| parent.as_ref() == Some(route) && wanted == missing)
    });
}

fn route_of_path(path: &serde_path_to_error::Path) -> Route {
    use serde_path_to_error::Segment;
    Route(
        path.iter()
            .filter_map(|seg| match seg {
                Segment::Seq { index } => Some(Seg::Index(*index)),
                Segment::Map { key } => Some(Seg::Key(key.clone())),
                Segment::Enum { .. } | Segment::Unknown => None,
            })
            .collect(),
    )
}

/// Turns one schema error into findings with messages a person can act on.
fn schema_findings(
    rel: &Path,
    value: &Value,
    schema: &Value,
    error: &jsonschema::ValidationError<'_>,
) -> Vec<Finding> {
    let route = Route::from_pointer(error.instance_path().as_str(), value);
    let instance = error.instance();
    let subschema = resolve_schema_path(schema, error.schema_path().as_str());
    let base = |message: String| Finding::error(Code::Schema, rel, message);
    match error.kind() {
        ValidationErrorKind::AdditionalProperties { unexpected } => unexpected
            .iter()
            .map(|key| {
                let known = subschema
                    .and_then(|s| s.get("properties"))
                    .and_then(Value::as_object)
                    .map(|p| p.keys().map(String::as_str).collect::<Vec<_>>())
                    .unwrap_or_default();
                let mut finding = base(format!("unknown key `{key}`"))
                    .at_key(route.clone().key(key.clone()))
                    .label("not a known key here");
                finding.help = Some(match closest(key, &known) {
                    Some(best) => {
                        format!("did you mean `{best}`? (a company's own fields start with `x-`)")
                    }
                    None if known.is_empty() => "a company's own fields start with `x-`".to_owned(),
                    None => format!(
                        "known keys here: {}; a company's own fields start with `x-`",
                        known.join(", ")
                    ),
                });
                finding
            })
            .collect(),
        ValidationErrorKind::Required { property } => {
            let name = property.as_str().unwrap_or_default();
            let place = if route.is_root() {
                base(format!("missing required key `{name}`")).at(route)
            } else {
                base(format!("missing required key `{name}` in `{route}`")).at_key(route)
            };
            vec![place.label(format!("`{name}` is required here"))]
        }
        ValidationErrorKind::Enum { options } => {
            let allowed: Vec<&str> = options
                .as_array()
                .map(|a| a.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            let shown = display_value(instance);
            let mut finding = base(format!("{shown} is not one of: {}", allowed.join(", ")))
                .at(route)
                .label("not an allowed value");
            if let Some(best) = instance.as_str().and_then(|s| closest(s, &allowed)) {
                finding = finding.help(format!("did you mean `{best}`?"));
            }
            vec![finding]
        }
        ValidationErrorKind::Type { kind } => {
            let expected = match kind {
                TypeKind::Single(t) => article(&t.to_string()),
                TypeKind::Multiple(set) => set
                    .iter()
                    .map(|t| article(&t.to_string()))
                    .collect::<Vec<_>>()
                    .join(" or "),
            };
            let label = format!("expected {expected}");
            vec![
                base(format!("expected {expected}, found {}", describe(instance)))
                    .at(route)
                    .label(label),
            ]
        }
        ValidationErrorKind::Format { format } => {
            let what = match format.as_str() {
                "date" => "date (YYYY-MM-DD) on the calendar",
                "date-time" => "date-time",
                "email" => "email address",
                other => other,
            };
            vec![
                base(format!("{} is not a valid {what}", display_value(instance)))
                    .at(route)
                    .label("invalid value"),
            ]
        }
        ValidationErrorKind::Pattern { .. } => {
            let title = subschema
                .and_then(|s| s.get("title"))
                .and_then(Value::as_str);
            let what = match (title, &route.0.last()) {
                (Some(title), _) => title.to_lowercase(),
                (None, Some(Seg::Key(key))) => format!("`{key}`"),
                (None, _) => "value".to_owned(),
            };
            let mut finding = base(format!("{} is not a valid {what}", display_value(instance)))
                .at(route)
                .label("invalid value");
            let description = subschema
                .and_then(|s| s.get("description"))
                .and_then(Value::as_str);
            let example = subschema
                .and_then(|s| s.get("examples"))
                .and_then(Value::as_array)
                .and_then(|e| e.first())
                .map(display_value);
            finding.help = match (description, example) {
                (Some(d), Some(e)) => {
                    Some(format!("{} (for example {e})", d.trim_end_matches('.')))
                }
                (Some(d), None) => Some(d.to_owned()),
                (None, Some(e)) => Some(format!("for example {e}")),
                (None, None) => None,
            };
            vec![finding]
        }
        ValidationErrorKind::Minimum { limit }
        | ValidationErrorKind::ExclusiveMinimum { limit } => {
            vec![
                base(format!(
                    "{} is below the minimum of {limit}",
                    display_value(instance)
                ))
                .at(route)
                .label("too small"),
            ]
        }
        ValidationErrorKind::Maximum { limit }
        | ValidationErrorKind::ExclusiveMaximum { limit } => {
            vec![
                base(format!(
                    "{} is above the maximum of {limit}",
                    display_value(instance)
                ))
                .at(route)
                .label("too large"),
            ]
        }
        ValidationErrorKind::OneOfNotValid { context } | ValidationErrorKind::AnyOf { context } => {
            // An optional field is "X or null": report why it is not X.
            let here = error.instance_path().as_str();
            let plausible: Vec<&Vec<jsonschema::ValidationError<'static>>> = context
                .iter()
                .filter(|errors| {
                    !(errors.len() == 1
                        && matches!(errors[0].kind(), ValidationErrorKind::Type { .. })
                        && errors[0].instance_path().as_str() == here)
                })
                .collect();
            if let [only] = plausible.as_slice() {
                return only
                    .iter()
                    .flat_map(|e| schema_findings(rel, value, schema, e))
                    .collect();
            }
            let variants: Vec<&Value> = subschema
                .and_then(|s| s.get("oneOf").or_else(|| s.get("anyOf")))
                .and_then(Value::as_array)
                .map(|v| v.iter().collect())
                .unwrap_or_default();
            let literal = |v: &Value| v.get("const").is_some() || v.get("enum").is_some();
            let constants: Vec<&str> = variants
                .iter()
                .flat_map(|v| {
                    let one = v.get("const").and_then(Value::as_str);
                    let many = v
                        .get("enum")
                        .and_then(Value::as_array)
                        .into_iter()
                        .flatten()
                        .filter_map(Value::as_str);
                    one.into_iter().chain(many)
                })
                .collect();
            if !variants.is_empty() && variants.iter().all(|v| literal(v)) {
                let mut finding = base(format!(
                    "{} is not one of: {}",
                    display_value(instance),
                    constants.join(", ")
                ))
                .at(route)
                .label("not an allowed value");
                if let Some(best) = instance.as_str().and_then(|s| closest(s, &constants)) {
                    finding = finding.help(format!("did you mean `{best}`?"));
                }
                return vec![finding];
            }
            let what = subschema
                .and_then(|s| s.get("title"))
                .and_then(Value::as_str)
                .map_or_else(|| "value".to_owned(), str::to_lowercase);
            let mut finding = base(format!("{} is not a valid {what}", display_value(instance)))
                .at(route)
                .label("invalid value");
            if let Some(description) = subschema
                .and_then(|s| s.get("description"))
                .and_then(Value::as_str)
            {
                finding = finding.help(description.to_owned());
            }
            vec![finding]
        }
        _ => vec![
            base(format!("{}: {}", route_name(&route), error.masked()))
                .at(route)
                .label("invalid value"),
        ],
    }
}

fn route_name(route: &Route) -> String {
    if route.is_root() {
        "the document".to_owned()
    } else {
        format!("`{route}`")
    }
}

/// Follows a schema path (which may pass through `$ref`s) to the subschema that
/// holds the failing keyword.
fn resolve_schema_path<'a>(schema: &'a Value, path: &str) -> Option<&'a Value> {
    let mut node = schema;
    let segments: Vec<&str> = path.split('/').skip(1).collect();
    let Some((_keyword, parents)) = segments.split_last() else {
        return Some(schema);
    };
    for raw in parents {
        let key = raw.replace("~1", "/").replace("~0", "~");
        if key == "$ref" {
            let target = node.get("$ref")?.as_str()?.strip_prefix('#')?;
            node = schema.pointer(target)?;
            continue;
        }
        node = match node {
            Value::Array(items) => items.get(key.parse::<usize>().ok()?)?,
            _ => node.get(&key)?,
        };
        if let Some(target) = node.get("$ref").and_then(Value::as_str)
            && node.get("properties").is_none()
        {
            node = schema.pointer(target.strip_prefix('#')?)?;
        }
    }
    Some(node)
}

/// The known word nearest to a typo, when it is near enough to be a guess.
pub fn closest<'a>(word: &str, known: &[&'a str]) -> Option<&'a str> {
    known
        .iter()
        .map(|k| (strsim::damerau_levenshtein(word, k), *k))
        .filter(|(d, k)| *d <= 2.max(k.len() / 3) && strsim::jaro_winkler(word, k) >= 0.75)
        .min()
        .map(|(_, k)| k)
}

fn article(kind: &str) -> String {
    match kind {
        "array" => "a list".to_owned(),
        "object" => "a mapping".to_owned(),
        "integer" => "an integer".to_owned(),
        "null" => "nothing".to_owned(),
        other => format!("a {other}"),
    }
}

fn describe(value: &Value) -> String {
    match value {
        Value::Null => "nothing".to_owned(),
        Value::Bool(b) => format!("the boolean {b}"),
        Value::Number(n) => format!("the number {n}"),
        Value::String(s) => format!("the string \"{s}\""),
        Value::Array(_) => "a list".to_owned(),
        Value::Object(_) => "a mapping".to_owned(),
    }
}

fn display_value(value: &Value) -> String {
    match value {
        Value::String(s) => format!("`{s}`"),
        other => format!("`{other}`"),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::Value;

    use super::*;
    use crate::model::Order;

    /// An order with every field the model has, in the shapes files use.
    const FULL: &str = r#"id: 202605-ABC-001
customer: ABC
owner: alice
received: 2026-05-06T10:15:00+08:00
channel: email
priority: urgent
kind: custom
workflow: make-to-order
requested_delivery: 2026-07-15
currency: CNY
ship_to: {name: ABC warehouse, address: 1 Road, contact: Mr Li}
confirmation: {sent: 2026-05-06T17:00, via: email, signed: 2026-05-07}
lines:
  - {sku: A-01, description: Product A, qty: 100, unit: pcs, unit_price: 50.25}
  - {sku: B-02, qty: '2.5', unit_price: '1200'}
contract:
  number: C-1
  signed: 2026-05-08
  production_time: 25wd
  payment_terms:
    - {name: deposit, percent: 30, due: {after: contract.signed, offset: 7d, roll: following}}
    - {name: balance, percent: 70, due: {before: shipped, offset: contract.production_time, from: month-end, day: 10, to: month-end, calendar: factory}}
    - {name: extra, percent: 0, due: {payment: deposit}}
dates: {pdca_sent: 2026-05-12, kickoff: 2026-05-13 09:00}
steps:
  registered: {planned: 2026-05-06, done: 2026-05-06T10:20:00Z, by: alice, note: fine}
  review: {skipped: not needed, by: bob}
payments:
  - {installment: deposit, amount: 1500.00, received: 2026-05-14, note: wire}
amendments:
  - at: 2026-05-20T09:00
    by: alice
    channel: phone
    summary: more units
    impact: structural
    reconfirmed: 2026-05-21
    rebaseline: [review]
    review: {done: 2026-05-22, by: bob, note: ok}
incidents:
  - {kind: logistics-delay, opened: 2026-06-01T08:00, summary: late, resolution: reship, resolved: 2026-06-03}
shipment: {carrier: SF, tracking: SF123}
holds:
  - {from: 2026-05-25, to: 2026-05-27, reason: waiting}
  - {from: 2026-06-10, reason: waiting again}
state: on-hold
state_reason: customer asked
x-erp: {id: 42}
"#;

    /// Raw YAML put in place of one value: each type's edge cases, the forms
    /// a schema pattern or format allows or refuses, and YAML's own quirks.
    const VALUES: &[&str] = &[
        "",
        "~",
        "null",
        "true",
        "no",
        "0",
        "1",
        "-1",
        "31",
        "32",
        "300",
        "0.5",
        "-0.0",
        "1e3",
        "0x1F",
        "0o17",
        ".inf",
        "'12'",
        "\"12.50\"",
        "' 12.5 '",
        "'1e3'",
        "'-5'",
        "'+5'",
        "'5.'",
        "'.5'",
        "'0x10'",
        "2026-05-06",
        "2026-5-6",
        "2026-02-30",
        "'2026-05-06'",
        "2026-05-06T10:15",
        "2026-05-06T10:15+08:00",
        "2026-05-06 10:15:00Z",
        "2026-05-06T10:15:00.5",
        "2026-05-06T25:00",
        "7d",
        "' 7d + 2wd '",
        "7x",
        "7",
        "contract.production_time",
        "contract.signed",
        "dates.x",
        "dates.",
        "received",
        "a.b",
        "a/b",
        "../x",
        "a..b",
        "ABC",
        "abc",
        "CNY",
        "CN",
        "email",
        "verbal",
        "on-hold",
        "cancelled",
        "minor",
        "logistics-delay",
        "month-end",
        "following",
        "[]",
        "[a]",
        "[1, 2]",
        "{}",
        "{a: 1}",
        "{name: x}",
        "!!str 12",
        "!!str",
        "!!int 12",
        "&anchor v",
        "x-y",
    ];

    /// The typed order the located path makes of a text: YAML, schema, serde.
    fn through_the_schema(text: &str) -> Option<Order> {
        let value = yaml::parse(text).ok()?;
        if !FileKind::Order.validator().is_valid(&value) {
            return None;
        }
        serde_json::from_value(value).ok()
    }

    /// The places in a value, as JSON pointers: its scalars and its mappings.
    #[derive(Default)]
    struct Places {
        scalars: Vec<String>,
        mappings: Vec<String>,
    }

    fn places(value: &Value, at: String, out: &mut Places) {
        match value {
            Value::Object(map) => {
                for (k, v) in map {
                    let key = k.replace('~', "~0").replace('/', "~1");
                    places(v, format!("{at}/{key}"), out);
                }
                out.mappings.push(at);
            }
            Value::Array(items) => {
                for (i, v) in items.iter().enumerate() {
                    places(v, format!("{at}/{i}"), out);
                }
            }
            _ => out.scalars.push(at),
        }
    }

    /// The value written as YAML (JSON is YAML's flow style) with `raw` in place
    /// of the marker.
    fn render(value: &Value, raw: &str) -> String {
        let text = serde_json::to_string(value).expect("renders");
        text.replace("\"@@\"", &format!(" {raw} "))
    }

    /// Asserts that the direct decoder takes `text` only if the located path
    /// does, and then to the same order; returns whether it took it.
    #[track_caller]
    fn agrees(text: &str) -> bool {
        let Ok(direct) = yaml::from_str::<Order>(text) else {
            return false;
        };
        let located = through_the_schema(text)
            .unwrap_or_else(|| panic!("decoded directly, refused by the schema:\n{text}"));
        assert_eq!(format!("{direct:?}"), format!("{located:?}"), "\n{text}");
        true
    }

    #[test]
    fn orders_decode_directly_only_as_the_schema_allows_and_to_the_same_value() {
        let mut bases = vec![FULL.to_owned()];
        let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("example-ledger/orders");
        for year in std::fs::read_dir(examples).expect("examples") {
            for file in std::fs::read_dir(year.expect("year").path()).expect("year") {
                bases.push(std::fs::read_to_string(file.expect("file").path()).expect("read"));
            }
        }
        let (mut tried, mut direct) = (0, 0);
        for (n, base) in bases.iter().enumerate() {
            assert!(agrees(base), "a clean order is decoded directly:\n{base}");
            let value = yaml::parse(base).expect("yaml");
            let mut found = Places::default();
            places(&value, String::new(), &mut found);
            // Every edge value in every place of the full order; in the examples,
            // a sample of them (the full order has every field already).
            let values: Vec<&str> = if n == 0 {
                VALUES.to_vec()
            } else {
                VALUES.iter().copied().skip(n % 24).step_by(24).collect()
            };
            for place in &found.scalars {
                for raw in &values {
                    let mut mutated = value.clone();
                    *mutated.pointer_mut(place).expect("place") = Value::String("@@".into());
                    tried += 1;
                    direct += usize::from(agrees(&render(&mutated, raw)));
                }
            }
            for map in &found.mappings {
                let keys: Vec<String> = value
                    .pointer(map)
                    .and_then(Value::as_object)
                    .map(|m| m.keys().cloned().collect())
                    .unwrap_or_default();
                for key in keys {
                    let mut mutated = value.clone();
                    if let Some(m) = mutated.pointer_mut(map).and_then(Value::as_object_mut) {
                        m.remove(&key);
                    }
                    tried += 1;
                    direct += usize::from(agrees(&render(&mutated, "")));
                }
                for (key, extra) in [("bogus", "1"), ("x-extra", "{a: [1, {b: c}]}"), ("x-", "1")] {
                    let mut mutated = value.clone();
                    if let Some(m) = mutated.pointer_mut(map).and_then(Value::as_object_mut) {
                        m.insert(key.to_owned(), Value::String("@@".into()));
                    }
                    tried += 1;
                    direct += usize::from(agrees(&render(&mutated, extra)));
                }
            }
        }
        // Most edits break an order; enough of them must still be decoded
        // directly for the agreement to mean something.
        assert!(direct * 5 > tried, "{direct} of {tried} decoded directly");
    }
}
