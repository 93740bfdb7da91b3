//! Line and paragraph separators (U+2028, U+2029, U+0085) in the values ordo
//! writes. YAML 1.2, which ordo reads, takes them as ordinary characters; the
//! YAML writer ordo's edits go through folds lines at them as YAML 1.1 did,
//! so the value came back with indentation inside it. Such a text is written
//! as a double-quoted scalar with the characters escaped: each is swapped for
//! a plain placeholder before the writer sees it, and the placeholder for the
//! quoted text after.

use yaml_serde::Value;

use super::patch::EditError;

const SEPARATORS: [char; 3] = ['\u{2028}', '\u{2029}', '\u{85}'];

/// The values swapped out of a value before it is written.
#[derive(Debug, Default)]
pub struct Shield {
    swapped: Vec<(String, String)>,
}

impl Shield {
    /// `value` with every string holding a separator swapped for a
    /// placeholder the writer leaves as it is.
    pub fn value(&mut self, value: Value) -> Result<Value, EditError> {
        Ok(match value {
            Value::String(text) if text.contains(SEPARATORS) => {
                let placeholder = format!(
                    "ordo-separators-{}-{}",
                    crate::ledger::ids::new_uid().map_err(EditError)?,
                    self.swapped.len()
                );
                self.swapped.push((placeholder.clone(), quoted(&text)));
                Value::String(placeholder)
            }
            Value::Sequence(items) => Value::Sequence(
                items
                    .into_iter()
                    .map(|v| self.value(v))
                    .collect::<Result<_, _>>()?,
            ),
            Value::Mapping(map) => {
                let mut out = yaml_serde::Mapping::new();
                for (k, v) in map {
                    out.insert(k, self.value(v)?);
                }
                Value::Mapping(out)
            }
            other => other,
        })
    }

    /// The written text with each placeholder replaced by its quoted text.
    pub fn restore(&self, mut text: String) -> String {
        for (placeholder, quoted) in &self.swapped {
            text = text.replacen(placeholder, quoted, 1);
        }
        text
    }
}

/// A double-quoted YAML scalar of `text`: JSON's escapes are YAML's too, and
/// the separators, which JSON leaves raw, are escaped as well.
fn quoted(text: &str) -> String {
    serde_json::to_string(text)
        .unwrap_or_default()
        .replace('\u{2028}', "\\u2028")
        .replace('\u{2029}', "\\u2029")
        .replace('\u{85}', "\\u0085")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_separator_is_written_escaped_and_reads_back_as_itself() {
        let text = "in transit\u{2028}second line\u{2029}and\u{85}more";
        let mut shield = Shield::default();
        let value = shield.value(Value::String(text.into())).expect("shielded");
        let written = yaml_serde::to_string(&value).expect("yaml");
        let restored = shield.restore(written);
        assert!(!restored.contains(SEPARATORS), "{restored}");
        let back: String = ordo_core::yaml::from_str(&restored).expect("reads");
        assert_eq!(back, text);
    }
}
