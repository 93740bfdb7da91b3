//! Checking what decoded of an order whose schema errors lie in some of its
//! keys.

use std::collections::BTreeSet;

use jsonschema::error::ValidationErrorKind;
use serde_json::Value;

use crate::model::Order;
use crate::schema::FileKind;
use crate::yaml;

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
