//! Appending a record to a top-level list by writing lines into the text: after
//! the last item's own line in a block list (so a comment or blank line after
//! the list stays where it was, its own line), before the `]` of a flow list,
//! and as a block under the key in place of an empty `[]`. yamlpatch 1.26's
//! append swallows a trailing comment into the new value and refuses flow lists.

use saphyr_parser::{Event, Parser};
use yaml_serde::Value;

use super::patch::EditError;
use ordo_core::yaml::LineIndex;

/// Where a top-level list sits in the text (byte offsets).
#[derive(Debug)]
enum ListPlace {
    /// A block list: the column of its `-`, the column its items' content starts
    /// at, and the end of the last item's content.
    Block {
        dash: usize,
        content: usize,
        end: usize,
        /// Whether its last item is a mapping in flow style (`- {a: 1}`): a
        /// new record is written the same way, as a person would.
        flow_record: bool,
    },
    /// A flow list: its `[`, its `]`, and whether it has items.
    Flow {
        open: usize,
        close: usize,
        empty: bool,
    },
}

/// Appends `item` to the list under the top-level `key`, which must exist.
pub fn append_item(text: &str, key: &str, item: &Value) -> Result<String, EditError> {
    let place = find_list(text, key)
        .ok_or_else(|| EditError(format!("`{key}` is not a list at the top of the file")))?;
    let out = match place {
        ListPlace::Block {
            dash,
            content,
            end,
            flow_record,
        } => {
            let at = line_end(text, end);
            let mut out = String::with_capacity(text.len() + 128);
            out.push_str(&text[..at]);
            if !out.ends_with('\n') {
                out.push('\n');
            }
            if flow_record && matches!(item, Value::Mapping(_)) {
                out.push_str(&" ".repeat(dash));
                out.push_str("- ");
                out.push_str(&flow(item));
                out.push('\n');
            } else {
                out.push_str(&block_item(item, dash, content)?);
            }
            out.push_str(&text[at..]);
            out
        }
        ListPlace::Flow {
            open,
            close,
            empty: true,
        } => {
            // `key: []` becomes `key:` with the item as a block under it; what
            // followed the brackets on the line (a comment) stays on it.
            let cut_from = if text[..open].ends_with(' ') {
                open - 1
            } else {
                open
            };
            let at = line_end(text, close + 1);
            let key_column = column(text, line_start(text, open), key_start(text, open));
            let mut out = String::with_capacity(text.len() + 128);
            out.push_str(&text[..cut_from]);
            out.push_str(&text[close + 1..at]);
            if !out.ends_with('\n') {
                out.push('\n');
            }
            out.push_str(&block_item(item, key_column + 2, key_column + 4)?);
            out.push_str(&text[at..]);
            out
        }
        ListPlace::Flow { close, .. } => {
            let before = text[..close].trim_end();
            let separator = if before.ends_with(',') { " " } else { ", " };
            let mut out = String::with_capacity(text.len() + 128);
            out.push_str(before);
            out.push_str(separator);
            out.push_str(&flow(item));
            out.push_str(&text[before.len()..close]);
            out.push_str(&text[close..]);
            out
        }
    };
    Ok(out)
}

/// The offset just past the line holding `offset` (past its `\n`), or the end.
fn line_end(text: &str, offset: usize) -> usize {
    text[offset..]
        .find('\n')
        .map_or(text.len(), |i| offset + i + 1)
}

fn line_start(text: &str, offset: usize) -> usize {
    text[..offset].rfind('\n').map_or(0, |i| i + 1)
}

/// The column (in characters) of `offset` on the line starting at `start`.
fn column(text: &str, start: usize, offset: usize) -> usize {
    text[start..offset].chars().count()
}

/// The start of the key whose value begins at `value` on the same line.
fn key_start(text: &str, value: usize) -> usize {
    let start = line_start(text, value);
    let line = &text[start..value];
    start + (line.len() - line.trim_start().len())
}

/// Finds the list under the top-level `key` by replaying the parser's events.
fn find_list(text: &str, key: &str) -> Option<ListPlace> {
    let lines = LineIndex::new(text);
    let offset = |m: saphyr_parser::Marker| lines.offset(text, m.line(), m.col());
    let mut events = Parser::new_from_str(text).map_while(Result::ok).peekable();
    // Down to the top-level mapping's entries.
    let mut depth = 0usize;
    let mut expecting_key = true;
    while let Some((event, _)) = events.next() {
        match event {
            Event::MappingStart(..) if depth == 0 => {
                depth = 1;
                expecting_key = true;
            }
            Event::Scalar(value, ..) if depth == 1 && expecting_key && value == key => {
                let (Event::SequenceStart(..), start) = events.next()? else {
                    return None;
                };
                let open = offset(start.start);
                if text[open..].starts_with('[') {
                    return flow_list(&mut events, open, offset);
                }
                return block_list(text, &mut events, offset);
            }
            Event::Scalar(..) if depth == 1 => expecting_key = !expecting_key,
            Event::SequenceStart(..) | Event::MappingStart(..) => depth += 1,
            Event::SequenceEnd | Event::MappingEnd => {
                depth -= 1;
                if depth == 1 {
                    expecting_key = true;
                }
            }
            _ => {}
        }
    }
    None
}

fn flow_list<'a>(
    events: &mut impl Iterator<Item = (Event<'a>, saphyr_parser::Span)>,
    open: usize,
    offset: impl Fn(saphyr_parser::Marker) -> usize,
) -> Option<ListPlace> {
    let mut depth = 0usize;
    let mut empty = true;
    for (event, span) in events {
        match event {
            Event::SequenceEnd if depth == 0 => {
                return Some(ListPlace::Flow {
                    open,
                    close: offset(span.start),
                    empty,
                });
            }
            Event::SequenceStart(..) | Event::MappingStart(..) => {
                depth += 1;
                empty = false;
            }
            Event::SequenceEnd | Event::MappingEnd => depth -= 1,
            Event::Scalar(..) => empty = false,
            _ => {}
        }
    }
    None
}

fn block_list<'a>(
    text: &str,
    events: &mut impl Iterator<Item = (Event<'a>, saphyr_parser::Span)>,
    offset: impl Fn(saphyr_parser::Marker) -> usize,
) -> Option<ListPlace> {
    let mut depth = 0usize;
    let mut first: Option<usize> = None;
    let mut end = 0;
    // Flow collections inside items, whose closing bracket ends content.
    let mut flows: Vec<bool> = Vec::new();
    let mut flow_record = false;
    for (event, span) in events {
        let start = offset(span.start);
        match event {
            Event::SequenceEnd | Event::MappingEnd if depth == 0 => break,
            Event::Scalar(..) => {
                first.get_or_insert(start);
                end = end.max(offset(span.end));
                if depth == 0 {
                    flow_record = false;
                }
            }
            Event::SequenceStart(..) | Event::MappingStart(..) => {
                first.get_or_insert(start);
                if depth == 0 {
                    flow_record = matches!(event, Event::MappingStart(..))
                        && text.as_bytes().get(start) == Some(&b'{');
                }
                depth += 1;
                flows.push(matches!(text.as_bytes().get(start), Some(b'[' | b'{')));
            }
            Event::SequenceEnd | Event::MappingEnd => {
                depth -= 1;
                if flows.pop() == Some(true) {
                    end = end.max(start + 1);
                }
            }
            _ => {}
        }
    }
    let first = first?;
    let start = line_start(text, first);
    let dash = text[start..first].rfind('-')?;
    Some(ListPlace::Block {
        dash: column(text, start, start + dash),
        content: column(text, start, first),
        end,
        flow_record,
    })
}

/// One list item as block lines: `-` at column `dash`, content at `content`.
fn block_item(item: &Value, dash: usize, content: usize) -> Result<String, EditError> {
    let mut shield = super::separators::Shield::default();
    let item = shield.value(item.clone())?;
    let body = shield.restore(yaml_serde::to_string(&item).map_err(|e| EditError(e.to_string()))?);
    let mut out = String::new();
    for (i, line) in body.lines().enumerate() {
        if i == 0 {
            out.push_str(&" ".repeat(dash));
            out.push('-');
            out.push_str(&" ".repeat(content.saturating_sub(dash + 1).max(1)));
        } else {
            out.push_str(&" ".repeat(content.max(dash + 2)));
        }
        out.push_str(line);
        out.push('\n');
    }
    Ok(out)
}

/// A value as it is written inside a flow collection.
pub fn flow_value(value: &Value) -> String {
    flow(value)
}

/// A value in flow style, on one line.
fn flow(value: &Value) -> String {
    match value {
        Value::Mapping(map) => {
            let entries: Vec<String> = map
                .iter()
                .map(|(k, v)| format!("{}: {}", flow(k), flow(v)))
                .collect();
            format!("{{{}}}", entries.join(", "))
        }
        Value::Sequence(items) => {
            let items: Vec<String> = items.iter().map(flow).collect();
            format!("[{}]", items.join(", "))
        }
        Value::String(text) if plain_in_flow(text) => text.clone(),
        Value::String(text) => serde_json::to_string(text)
            .unwrap_or_default()
            .replace('\u{2028}', "\\u2028")
            .replace('\u{2029}', "\\u2029")
            .replace('\u{85}', "\\u0085"),
        Value::Null => "null".to_owned(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::Tagged(tagged) => flow(&tagged.value),
    }
}

/// Whether a string can stand unquoted inside a flow collection and still read
/// back as the same string.
fn plain_in_flow(text: &str) -> bool {
    let first_ok = text
        .chars()
        .next()
        .is_some_and(|c| c.is_alphanumeric() || c == '_');
    let chars_ok = text
        .chars()
        .all(|c| c.is_alphanumeric() || " -_.:+@/".contains(c));
    let resolves_to_other = text.parse::<f64>().is_ok()
        || matches!(
            text.to_ascii_lowercase().as_str(),
            "true" | "false" | "null" | "~" | ".inf" | ".nan"
        );
    first_ok
        && chars_ok
        && !text.ends_with([' ', ':'])
        && !text.contains(": ")
        && !text.contains(" #")
        && !resolves_to_other
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item() -> Value {
        yaml_serde::from_str(
            "{at: 2026-11-20T09:00, by: ann, summary: 'x, y', rebaseline: [ORD-04]}",
        )
        .expect("value")
    }

    fn round_trip(text: &str, expected: &str) {
        let out = append_item(text, "amendments", &item()).expect("appends");
        assert_eq!(out, expected);
        let value: Value = yaml_serde::from_str(&out).expect("valid YAML");
        let list = value["amendments"].as_sequence().expect("a list");
        assert_eq!(list.last(), Some(&item()), "{out}");
    }

    #[test]
    fn a_block_list_gets_the_item_after_its_last_line_and_a_trailing_comment_stays() {
        // After a one-line record, a one-line record.
        round_trip(
            "id: X\namendments:\n  - {at: 2026-11-05T10:00, by: ann}  # first\n# checked by dora\n",
            "id: X\namendments:\n  - {at: 2026-11-05T10:00, by: ann}  # first\n  - {at: 2026-11-20T09:00, by: ann, summary: \"x, y\", rebaseline: [ORD-04]}\n# checked by dora\n",
        );
        round_trip(
            "amendments:\n- at: 2026-11-05T10:00\n  by: ann\n\n\nnext: 1\n",
            "amendments:\n- at: 2026-11-05T10:00\n  by: ann\n- at: 2026-11-20T09:00\n  by: ann\n  summary: x, y\n  rebaseline:\n  - ORD-04\n\n\nnext: 1\n",
        );
        round_trip(
            "amendments:\n  - summary: \"quoted\"",
            "amendments:\n  - summary: \"quoted\"\n  - at: 2026-11-20T09:00\n    by: ann\n    summary: x, y\n    rebaseline:\n    - ORD-04\n",
        );
    }

    #[test]
    fn flow_lists_take_the_item_in_flow_style_and_an_empty_one_becomes_a_block() {
        round_trip(
            "amendments: [{by: bob}]  # one\nx: 1\n",
            "amendments: [{by: bob}, {at: 2026-11-20T09:00, by: ann, summary: \"x, y\", rebaseline: [ORD-04]}]  # one\nx: 1\n",
        );
        round_trip(
            "id: X\namendments: []  # none yet\nx: 1\n",
            "id: X\namendments:  # none yet\n  - at: 2026-11-20T09:00\n    by: ann\n    summary: x, y\n    rebaseline:\n    - ORD-04\nx: 1\n",
        );
    }

    #[test]
    fn nested_lists_of_the_same_name_are_not_the_top_level_one() {
        let text = "steps:\n  a: {amendments: [1]}\namendments:\n  - {by: bob}\n";
        let out = append_item(text, "amendments", &item()).expect("appends");
        assert!(out.starts_with("steps:\n  a: {amendments: [1]}\n"), "{out}");
        assert!(append_item("amendments: 3\n", "amendments", &item()).is_err());
    }
}
