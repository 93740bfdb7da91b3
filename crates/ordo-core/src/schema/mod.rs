//! The JSON Schemas of the three file kinds. They are generated from the model's
//! types; the copies checked in under `schema/` are what the CLI enforces, and a
//! test fails when they drift from the types (`UPDATE_SCHEMAS=1 cargo test`
//! rewrites them).

use std::sync::LazyLock;

use schemars::transform::RecursiveTransform;
use schemars::{JsonSchema, Schema};
use serde_json::Value;

use crate::model::{Config, Customer, Order};

/// The three kinds of ledger file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FileKind {
    Config,
    Customer,
    Order,
}

impl FileKind {
    pub const ALL: [FileKind; 3] = [FileKind::Config, FileKind::Customer, FileKind::Order];

    /// The schema's file name under `schema/`.
    pub fn schema_file(self) -> &'static str {
        match self {
            FileKind::Config => "ordo.schema.json",
            FileKind::Customer => "customer.schema.json",
            FileKind::Order => "order.schema.json",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            FileKind::Config => "ordo",
            FileKind::Customer => "customer",
            FileKind::Order => "order",
        }
    }

    /// The checked-in schema text, compiled into the binary.
    pub fn checked_in(self) -> &'static str {
        match self {
            FileKind::Config => include_str!("../../../../schema/ordo.schema.json"),
            FileKind::Customer => include_str!("../../../../schema/customer.schema.json"),
            FileKind::Order => include_str!("../../../../schema/order.schema.json"),
        }
    }

    /// The validator for this kind, built once per process.
    pub fn validator(self) -> &'static jsonschema::Validator {
        static VALIDATORS: LazyLock<[jsonschema::Validator; 3]> =
            LazyLock::new(|| FileKind::ALL.map(build_validator));
        &VALIDATORS[self as usize]
    }
}

fn build_validator(kind: FileKind) -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(kind.checked_in())
        .unwrap_or_else(|e| panic!("the built-in {} schema is not JSON: {e}", kind.name()));
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap_or_else(|e| panic!("the built-in {} schema is invalid: {e}", kind.name()))
}

/// Generates the schema of a file kind from the model's types.
pub fn generate(kind: FileKind) -> Value {
    match kind {
        FileKind::Config => generate_for::<Config>(),
        FileKind::Customer => generate_for::<Customer>(),
        FileKind::Order => generate_for::<Order>(),
    }
}

/// The text written to `schema/<kind>.schema.json`.
pub fn render(kind: FileKind) -> String {
    let mut text = serde_json::to_string_pretty(&generate(kind)).unwrap_or_default();
    text.push('\n');
    text
}

fn generate_for<T: JsonSchema>() -> Value {
    let generator = schemars::generate::SchemaSettings::draft2020_12()
        .with_transform(RecursiveTransform(closed_objects))
        .into_generator();
    generator.into_root_schema_for::<T>().to_value()
}

/// Objects are closed (an unknown key is a typo) except for `x-` keys, which are
/// room for a company's own fields.
fn closed_objects(schema: &mut Schema) {
    if schema.get("properties").is_some() {
        if schema.get("additionalProperties").is_none() {
            schema.insert("additionalProperties".into(), Value::Bool(false));
        }
        schema.insert(
            "patternProperties".into(),
            serde_json::json!({"^x-": {"description": "Company-specific field, kept and ignored by ordo."}}),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schemas_close_objects_but_allow_x_keys() {
        let validator = FileKind::Customer.validator();
        let base = serde_json::json!({"code": "ABC", "name": "ABC Co."});
        assert!(validator.is_valid(&base));
        let mut extra = base.clone();
        extra["x-erp-id"] = serde_json::json!(42);
        assert!(validator.is_valid(&extra));
        let mut typo = base;
        typo["credit_limt"] = serde_json::json!(1);
        assert!(!validator.is_valid(&typo));
    }
}
