//! What the core's unit tests share: a model value from YAML, and the smallest
//! ledger configuration a test adds its own keys to.

/// The model value `text` holds; the test fails when it does not decode.
#[track_caller]
pub(crate) fn load<T: serde::de::DeserializeOwned>(text: &str) -> T {
    let value = crate::yaml::parse(text).expect("yaml");
    serde_json::from_value(value).expect("model")
}

/// A ledger with one person, one calendar year (2026) and a one-step
/// workflow `w`, in Shanghai; a test appends the top-level keys it needs
/// (`credit:`, `fx:`, `currency:`).
pub(crate) const MINIMAL_CONFIG: &str = r#"
name: Test
timezone: Asia/Shanghai
default_workflow: w
calendars:
  default: {years: [2026]}
people:
  a: {name: A, email: a@x.example, roles: [r]}
workflows:
  w:
    title: W
    steps:
      - {id: S1, title: One, role: r, due: {after: received}}
"#;

/// [`MINIMAL_CONFIG`] with `extra` appended, decoded.
#[track_caller]
pub(crate) fn config(extra: &str) -> crate::model::Config {
    load(&format!("{MINIMAL_CONFIG}{extra}"))
}
