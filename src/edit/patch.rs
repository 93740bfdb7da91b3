//! The few edits the writing commands make, as yamlpatch operations on the
//! original text: set fields of a step record, append to a list at the top level.

use std::borrow::Cow;

use yaml_serde::{Mapping, Value};
use yamlpatch::{Op, Patch, apply_yaml_patches};
use yamlpath::{Component, Document, Route};

/// Why an edit could not be made.
#[derive(Debug, thiserror::Error)]
#[error("cannot edit the file: {0}")]
pub struct EditError(pub String);

fn route(keys: &[&str]) -> Route<'static> {
    Route::from(
        keys.iter()
            .map(|k| Component::Key(Cow::Owned((*k).to_owned())))
            .collect::<Vec<_>>(),
    )
}

fn document(text: &str) -> Result<Document, EditError> {
    Document::new(text).map_err(|e| EditError(e.to_string()))
}

fn apply(text: &str, patches: Vec<Patch<'_>>) -> Result<String, EditError> {
    if patches.is_empty() {
        return Ok(text.to_owned());
    }
    let mut shield = super::separators::Shield::default();
    let patches = patches
        .into_iter()
        .map(|patch| {
            Ok(Patch {
                route: patch.route,
                operation: match patch.operation {
                    Op::Replace(v) => Op::Replace(shield.value(v)?),
                    Op::Add { key, value } => Op::Add {
                        key,
                        value: shield.value(value)?,
                    },
                    Op::MergeInto { key, updates } => Op::MergeInto {
                        key,
                        updates: updates
                            .into_iter()
                            .map(|(k, v)| Ok((k, shield.value(v)?)))
                            .collect::<Result<_, EditError>>()?,
                    },
                    other => other,
                },
            })
        })
        .collect::<Result<Vec<_>, EditError>>()?;
    let doc = document(text)?;
    apply_yaml_patches(&doc, &patches)
        .map(|d| match_line_ends(text, shield.restore(d.source().to_owned())))
        .map_err(|e| EditError(e.to_string()))
}

/// A one-line value: a multi-line string would swallow a trailing comment.
pub fn one_line(text: &str) -> Result<Value, EditError> {
    if text.contains(['\n', '\r']) {
        return Err(EditError("values written by ordo fit on one line".into()));
    }
    Ok(Value::String(text.to_owned()))
}

/// Sets `fields` on `steps.<id>`, creating the record (and `steps:`) when missing.
/// Existing fields are replaced in place; new ones are added after the others.
pub fn set_step_fields(
    text: &str,
    id: &str,
    fields: &[(&str, Value)],
) -> Result<String, EditError> {
    let doc = document(text)?;
    if !doc.query_exists(&route(&["steps"])) {
        let mut record = Mapping::new();
        for (key, value) in fields {
            record.insert(Value::String((*key).to_owned()), value.clone());
        }
        let mut steps = Mapping::new();
        steps.insert(Value::String(id.to_owned()), Value::Mapping(record));
        return append_top_level(text, "steps", Value::Mapping(steps));
    }
    if !doc.query_exists(&route(&["steps", id])) {
        let mut record = Mapping::new();
        for (key, value) in fields {
            record.insert(Value::String((*key).to_owned()), value.clone());
        }
        if let Some(added) = add_block_record(text, id, &record) {
            return added;
        }
        return apply(
            text,
            vec![Patch {
                route: route(&["steps"]),
                operation: Op::Add {
                    key: id.to_owned(),
                    value: Value::Mapping(record),
                },
            }],
        );
    }
    if let Some(edited) = set_flow_record_fields(text, &[At::Key("steps"), At::Key(id)], fields) {
        return edited;
    }
    // One patch at a time: each later query sees the text the earlier one made.
    let mut current = text.to_owned();
    for (key, value) in fields {
        let doc = document(&current)?;
        let operation = if doc.query_exists(&route(&["steps", id, key])) {
            Patch {
                route: route(&["steps", id, key]),
                operation: Op::Replace(value.clone()),
            }
        } else {
            Patch {
                route: route(&["steps", id]),
                operation: Op::Add {
                    key: (*key).to_owned(),
                    value: value.clone(),
                },
            }
        };
        current = apply(&current, vec![operation])?;
    }
    Ok(current)
}

/// Adds a step record to a block `steps:` mapping, written after its last
/// record at its records' indentation. yamlpatch 1.26 indents a mapping
/// nested in the new record (an `override`) as if it were the record's own
/// fields. `None` when `steps` is not a block mapping (yamlpatch adds there).
fn add_block_record(text: &str, id: &str, record: &Mapping) -> Option<Result<String, EditError>> {
    use crate::merge::tree::{Node, parse};
    let Node::Map { entries, .. } = parse(text)? else {
        return None;
    };
    let steps = entries.iter().find(|e| e.key.as_deref() == Some("steps"))?;
    let Node::Map {
        flow: false,
        entries: records,
    } = &steps.value
    else {
        return None;
    };
    let last = records.last()?;
    let indent = " ".repeat(last.indent);
    let mut shield = super::separators::Shield::default();
    let body = match shield
        .value(Value::Mapping(record.clone()))
        .and_then(|v| yaml_serde::to_string(&v).map_err(|e| EditError(e.to_string())))
    {
        Ok(body) => shield.restore(body),
        Err(e) => return Some(Err(e)),
    };
    let mut block = format!("{indent}{id}:\n");
    for line in body.lines() {
        block.push_str(&format!("{indent}  {line}\n"));
    }
    let at = last.lines.end;
    let mut out = String::with_capacity(text.len() + block.len() + 1);
    out.push_str(&text[..at]);
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out.push_str(&block);
    out.push_str(&text[at..]);
    Some(Ok(match_line_ends(text, out)))
}

/// Sets fields of a step record written in flow style (`ORD-02: {done: …, by:
/// …}`) by writing into its text: each value in its place, new ones before the
/// `}`. yamlpatch 1.26 rewrites such a record as `{ key: value }` when it
/// replaces one of its values, dropping every other field. `None` when the
/// record is not a flow mapping (yamlpatch handles block records well).
/// One step of the way to a record: a mapping's key or a list's item.
#[derive(Clone, Copy)]
enum At<'a> {
    Key(&'a str),
    Item(usize),
}

fn set_flow_record_fields(
    text: &str,
    path: &[At<'_>],
    fields: &[(&str, Value)],
) -> Option<Result<String, EditError>> {
    use crate::merge::tree::{Node, parse};
    /// The record's fields with their values' spans, and where its `}` is.
    type Record = (Vec<(String, std::ops::Range<usize>)>, usize);
    let record_span = |text: &str| -> Option<Record> {
        let mut node = parse(text)?;
        let mut record = None;
        for at in path {
            let entry = match (at, node) {
                (At::Key(key), Node::Map { entries, .. }) => entries
                    .into_iter()
                    .find(|e| e.key.as_deref() == Some(*key))?,
                (At::Item(i), Node::Seq { items, .. }) => items.into_iter().nth(*i)?,
                _ => return None,
            };
            node = entry.value.clone();
            record = Some(entry);
        }
        let record = record?;
        let Node::Map {
            flow: true,
            entries: fields,
        } = &record.value
        else {
            return None;
        };
        let close = record.value_span.end.checked_sub(1)?;
        (text.as_bytes().get(close) == Some(&b'}')).then(|| {
            (
                fields
                    .iter()
                    .map(|f| (f.key.clone().unwrap_or_default(), f.value_span.clone()))
                    .collect(),
                close,
            )
        })
    };
    record_span(text)?;
    let mut current = text.to_owned();
    for (key, value) in fields {
        let Some((present, close)) = record_span(&current) else {
            return Some(Err(EditError("the record changed shape".into())));
        };
        let written = super::append::flow_value(value);
        match present.iter().find(|(k, _)| k == key) {
            Some((_, span)) => current.replace_range(span.clone(), &written),
            None => {
                let before = current[..close].trim_end();
                let separator = if before.ends_with('{') { "" } else { ", " };
                let at = before.len();
                current.replace_range(at..close, &format!("{separator}{key}: {written}"));
            }
        }
    }
    Some(Ok(current))
}

/// Replaces the value of the top-level key `key` (which must exist), keeping
/// its line's comment.
pub fn set_top_level(text: &str, key: &str, value: Value) -> Result<String, EditError> {
    apply(
        text,
        vec![Patch {
            route: route(&[key]),
            operation: Op::Replace(value),
        }],
    )
}

/// Sets `fields` on the top-level mapping `key` (the shipment), keeping its
/// other fields, its style and its comments; a new mapping at the end of the
/// file when there is none.
pub fn set_top_level_fields(
    text: &str,
    key: &str,
    fields: &[(&str, Value)],
) -> Result<String, EditError> {
    let doc = document(text)?;
    if !doc.query_exists(&route(&[key])) {
        let mut record = Mapping::new();
        for (field, value) in fields {
            record.insert(Value::String((*field).to_owned()), value.clone());
        }
        return append_top_level(text, key, Value::Mapping(record));
    }
    if let Some(edited) = set_flow_record_fields(text, &[At::Key(key)], fields) {
        return edited;
    }
    let mut current = text.to_owned();
    for (field, value) in fields {
        let doc = document(&current)?;
        let operation = if doc.query_exists(&route(&[key, field])) {
            Patch {
                route: route(&[key, field]),
                operation: Op::Replace(value.clone()),
            }
        } else {
            Patch {
                route: route(&[key]),
                operation: Op::Add {
                    key: (*field).to_owned(),
                    value: value.clone(),
                },
            }
        };
        current = apply(&current, vec![operation])?;
    }
    Ok(current)
}

/// Sets the top-level key `key` to `value`, added at the end when missing.
pub fn set_or_add_top_level(text: &str, key: &str, value: Value) -> Result<String, EditError> {
    if document(text)?.query_exists(&route(&[key])) {
        set_top_level(text, key, value)
    } else {
        append_top_level(text, key, value)
    }
}

/// Removes the top-level keys of `keys` that are there (with their values).
pub fn remove_top_level(text: &str, keys: &[&str]) -> Result<String, EditError> {
    let doc = document(text)?;
    let patches = keys
        .iter()
        .filter(|key| doc.query_exists(&route(&[key])))
        .map(|key| Patch {
            route: route(&[key]),
            operation: Op::Remove,
        })
        .collect();
    let mut out = apply(text, patches)?;
    // Removing the last keys takes the file's last line end with them.
    if text.ends_with('\n') && !out.is_empty() && !out.ends_with('\n') {
        out.push_str(if text.ends_with("\r\n") { "\r\n" } else { "\n" });
    }
    Ok(out)
}

/// Sets `field` on item `index` of the top-level list `key` (a hold's end),
/// keeping the item's other fields, its style and its comments.
pub fn set_list_item_field(
    text: &str,
    key: &str,
    index: usize,
    field: &str,
    value: Value,
) -> Result<String, EditError> {
    let item = || {
        Route::from(vec![
            Component::Key(Cow::Owned(key.to_owned())),
            Component::Index(index),
        ])
    };
    let doc = document(text)?;
    if !doc.query_exists(&item()) {
        return Err(EditError(format!("{key} has no item {index}")));
    }
    // A one-line record stays on its line, written as it was.
    if let Some(edited) = set_flow_record_fields(
        text,
        &[At::Key(key), At::Item(index)],
        &[(field, value.clone())],
    ) {
        return edited;
    }
    let existing = Route::from(vec![
        Component::Key(Cow::Owned(key.to_owned())),
        Component::Index(index),
        Component::Key(Cow::Owned(field.to_owned())),
    ]);
    let patch = if doc.query_exists(&existing) {
        Patch {
            route: existing,
            operation: Op::Replace(value),
        }
    } else {
        Patch {
            route: item(),
            operation: Op::Add {
                key: field.to_owned(),
                value,
            },
        }
    };
    apply(text, vec![patch])
}

/// Appends `item` to the top-level list `key`, creating the list when missing.
pub fn append_to_list(text: &str, key: &str, item: Value) -> Result<String, EditError> {
    let doc = document(text)?;
    if !doc.query_exists(&route(&[key])) {
        return append_top_level(text, key, Value::Sequence(vec![item]));
    }
    let out = super::append::append_item(text, key, &item)?;
    Ok(match_line_ends(text, out))
}

/// The edited text with the original's line ends: new lines of a CRLF file get
/// CRLF too (yamlpatch and the YAML writer write `\n`).
pub fn match_line_ends(original: &str, edited: String) -> String {
    let crlf = original
        .find('\n')
        .is_some_and(|i| original[..i].ends_with('\r'));
    if !crlf {
        return edited;
    }
    let mut out = String::with_capacity(edited.len() + 64);
    let mut previous = '\0';
    for c in edited.chars() {
        if c == '\n' && previous != '\r' {
            out.push('\r');
        }
        out.push(c);
        previous = c;
    }
    out
}

/// Adds a new top-level key at the end of the file. (yamlpatch 1.26 mis-indents
/// nested values added at the root, so a new top-level block is written here.)
fn append_top_level(text: &str, key: &str, value: Value) -> Result<String, EditError> {
    let is_list = matches!(value, Value::Sequence(_));
    let mut root = Mapping::new();
    root.insert(Value::String(key.to_owned()), value);
    let mut shield = super::separators::Shield::default();
    let root = shield.value(Value::Mapping(root))?;
    let block = shield.restore(yaml_serde::to_string(&root).map_err(|e| EditError(e.to_string()))?);
    let mut out = text.to_owned();
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
    for (i, line) in block.lines().enumerate() {
        // Lists are indented under their key, as in the ledger's own files.
        if i > 0 && is_list {
            out.push_str("  ");
        }
        out.push_str(line);
        out.push('\n');
    }
    Ok(match_line_ends(text, out))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_field_is_added_to_a_list_item_in_its_own_style() {
        let flow = "id: X\nholds:\n  - {from: 2026-10-15T09:00:00+08:00, reason: artwork}  # why\nstate: on-hold\n";
        let out = set_list_item_field(flow, "holds", 0, "to", Value::String("2026-11-02".into()))
            .expect("edited");
        assert_eq!(
            out,
            "id: X\nholds:\n  - {from: 2026-10-15T09:00:00+08:00, reason: artwork, to: 2026-11-02}  # why\nstate: on-hold\n"
        );
        let block = "holds:\n  - from: 2026-10-15\n    reason: artwork\n  - from: 2026-11-01\n    reason: parts\n";
        let out = set_list_item_field(block, "holds", 1, "to", Value::String("2026-11-02".into()))
            .expect("edited");
        assert_eq!(
            out,
            "holds:\n  - from: 2026-10-15\n    reason: artwork\n  - from: 2026-11-01\n    reason: parts\n    to: 2026-11-02\n"
        );
        assert!(set_list_item_field(block, "holds", 2, "to", Value::Null).is_err());
    }

    #[test]
    fn top_level_keys_are_set_added_and_removed() {
        let text = "id: X\nstate: on-hold  # waiting\nstate_reason: artwork\nnotes: kept\n";
        assert_eq!(
            remove_top_level(text, &["state", "state_reason", "absent"]).expect("edited"),
            "id: X\nnotes: kept\n"
        );
        // The last keys of a file: its last line keeps its line end.
        let last = "id: X\r\nholds:\r\n  - {from: 2026-10-15, reason: r}\r\nstate: on-hold\r\nstate_reason: r\r\n";
        assert_eq!(
            remove_top_level(last, &["state", "state_reason"]).expect("edited"),
            "id: X\r\nholds:\r\n  - {from: 2026-10-15, reason: r}\r\n"
        );
        assert_eq!(
            set_or_add_top_level("id: X\n", "state", Value::String("on-hold".into()))
                .expect("edited"),
            "id: X\nstate: on-hold\n"
        );
    }

    const ORDER: &str = "# An order\nid: X  # the id\nsteps:\n  ORD-01: {done: 2026-05-06, by: alice}  # first\n  ORD-03: {planned: 2026-05-15}\n\n# payments below\npayments:\n  - {installment: deposit, amount: 1500.00, received: 2026-05-14}\n";

    fn s(text: &str) -> Value {
        Value::String(text.to_owned())
    }

    #[test]
    fn adds_to_an_existing_record_and_keeps_everything_else() {
        let out = set_step_fields(
            ORDER,
            "ORD-03",
            &[("done", s("2026-05-16")), ("by", s("carol"))],
        )
        .expect("edits");
        assert_eq!(
            out,
            ORDER.replace(
                "  ORD-03: {planned: 2026-05-15}",
                "  ORD-03: {planned: 2026-05-15, done: 2026-05-16, by: carol}"
            )
        );
    }

    #[test]
    fn adds_a_new_record_to_the_steps() {
        let out = set_step_fields(
            ORDER,
            "ORD-02",
            &[("done", s("2026-05-07")), ("by", s("carol"))],
        )
        .expect("edits");
        assert_eq!(
            out,
            ORDER.replace(
                "  ORD-03: {planned: 2026-05-15}\n",
                "  ORD-03: {planned: 2026-05-15}\n  ORD-02:\n    done: 2026-05-07\n    by: carol\n"
            )
        );
    }

    #[test]
    fn creates_the_steps_when_there_are_none() {
        let out = set_step_fields(
            "id: X\n# end\n",
            "ORD-01",
            &[("done", s("2026-05-07")), ("by", s("carol"))],
        )
        .expect("edits");
        assert_eq!(
            out,
            "id: X\n# end\nsteps:\n  ORD-01:\n    done: 2026-05-07\n    by: carol\n"
        );
    }

    #[test]
    fn replaces_a_field_in_place_keeping_its_comment() {
        let text = "steps:\n  ORD-01:\n    planned: 2026-05-06  # baseline\n    by: alice\n";
        let out = set_step_fields(text, "ORD-01", &[("planned", s("2026-05-09"))]).expect("edits");
        assert_eq!(
            out,
            "steps:\n  ORD-01:\n    planned: 2026-05-09  # baseline\n    by: alice\n"
        );
    }

    #[test]
    fn appends_to_lists() {
        let out = append_to_list(
            ORDER,
            "payments",
            yaml_serde::from_str("{installment: balance, received: 2026-06-01}").expect("value"),
        )
        .expect("edits");
        // After one-line records, a one-line record.
        assert!(out.ends_with("  - {installment: deposit, amount: 1500.00, received: 2026-05-14}\n  - {installment: balance, received: 2026-06-01}\n"), "{out}");
        let out = append_to_list(
            "id: X\n",
            "amendments",
            yaml_serde::from_str("{by: alice}").expect("value"),
        )
        .expect("edits");
        assert_eq!(out, "id: X\namendments:\n  - by: alice\n");
    }

    #[test]
    fn refuses_multi_line_values() {
        assert!(one_line("two\nlines").is_err());
    }
}

#[cfg(test)]
mod flow_record_tests {
    use super::*;

    #[test]
    fn a_field_of_a_flow_record_is_set_without_losing_the_others() {
        // Regression: yamlpatch turned `{done: 2026-01-15, by: carol}` into
        // `{ done: alice }` when asked to replace `by`.
        let text = "id: A\nsteps:\n  ORD-02: {done: 2026-01-15, by: carol}  # by phone\n  ORD-03: {planned: 2026-01-20, note: x}\n";
        let out = set_step_fields(text, "ORD-02", &[("by", Value::String("alice".into()))])
            .expect("edited");
        assert_eq!(
            out,
            text.replace("by: carol}", "by: alice}"),
            "only the value changed"
        );
        let out = set_step_fields(
            text,
            "ORD-03",
            &[
                ("planned", Value::String("2026-01-22".into())),
                ("done", Value::String("2026-01-21".into())),
                ("by", Value::String("it's me".into())),
            ],
        )
        .expect("edited");
        assert!(
            out.contains(
                "  ORD-03: {planned: 2026-01-22, note: x, done: 2026-01-21, by: \"it's me\"}\n"
            ),
            "{out}"
        );
        let empty = "id: A\nsteps:\n  ORD-04: {}\n";
        let out = set_step_fields(
            empty,
            "ORD-04",
            &[("planned", Value::String("2026-01-22".into()))],
        )
        .expect("edited");
        assert!(out.contains("  ORD-04: {planned: 2026-01-22}\n"), "{out}");
    }
}

#[cfg(test)]
mod new_record_tests {
    use super::*;

    #[test]
    fn a_new_record_with_a_nested_mapping_keeps_its_nesting() {
        // Regression: yamlpatch wrote the override's fields at the record's
        // level, and `by` came twice.
        let text = "id: A\nsteps:\n  ORD-00: {done: 2026-01-11, by: ann}  # first\n\n# payments\npayments: []\n";
        let mut given = Mapping::new();
        given.insert("by".into(), Value::String("dora".into()));
        given.insert("reason".into(), Value::String("why not".into()));
        let out = set_step_fields(
            text,
            "ORD-01",
            &[
                ("done", Value::String("2026-01-13".into())),
                ("by", Value::String("eric".into())),
                ("override", Value::Mapping(given)),
            ],
        )
        .expect("edited");
        assert_eq!(
            out,
            "id: A\nsteps:\n  ORD-00: {done: 2026-01-11, by: ann}  # first\n  ORD-01:\n    done: 2026-01-13\n    by: eric\n    override:\n      by: dora\n      reason: why not\n\n# payments\npayments: []\n"
        );
    }
}
