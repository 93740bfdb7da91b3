//! Schema errors in the words of a person: each `jsonschema` error becomes a
//! located finding that says what is wrong and how to fix it.

use std::path::Path;

use jsonschema::error::{TypeKind, ValidationErrorKind};
use serde_json::Value;

use crate::finding::{Code, Finding, Place};
use crate::suggest::closest;
use crate::yaml::{Route, Seg};

/// A missing key next to an unknown key that is its typo is one mistake: keep the
/// unknown key's finding, which says "did you mean".
pub(super) fn drop_missing_explained_by_typos(found: &mut Vec<Finding>) {
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

pub(super) fn route_of_path(path: &serde_path_to_error::Path) -> Route {
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
pub(super) fn schema_findings(
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
