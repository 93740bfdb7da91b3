//! A YAML document as the merge sees it: mappings and sequences whose entries
//! know the lines they take in the text (leading comments included), so an entry
//! can be kept, replaced, inserted or deleted as text, with its formatting.

use saphyr_parser::{Event, Parser, ScalarStyle};

use ordo_core::yaml::LineIndex;

/// A node of the document.
#[derive(Debug, Clone)]
pub enum Node {
    Scalar {
        /// The value as YAML reads it (quotes resolved).
        value: String,
        /// The text as written (quotes kept), for writing it back.
        raw: String,
        /// Whether it was written in quotes (a quoted `1` is a string).
        quoted: bool,
    },
    Map {
        flow: bool,
        entries: Vec<Entry>,
    },
    Seq {
        flow: bool,
        items: Vec<Entry>,
    },
}

/// An entry of a mapping (with its key) or an item of a sequence (without).
#[derive(Debug, Clone)]
pub struct Entry {
    pub key: Option<String>,
    pub value: Node,
    /// The bytes of its lines: from the first line of the comments right above
    /// it (or its own first line) to the end of its last line. Empty for the
    /// entries of flow collections, which are merged by value.
    pub lines: std::ops::Range<usize>,
    /// Where its own first line starts (after the leading comments).
    pub start: usize,
    /// The value's own text.
    pub value_span: std::ops::Range<usize>,
    /// The column its key (or, in a sequence, its `-`) starts at.
    pub indent: usize,
}

impl Node {
    /// The node's value, for comparing what two texts mean.
    pub fn canon(&self) -> Canon {
        match self {
            Node::Scalar { value, quoted, .. } => Canon::Scalar(value.clone(), *quoted),
            Node::Map { entries, .. } => Canon::Map(
                entries
                    .iter()
                    .map(|e| (e.key.clone().unwrap_or_default(), e.value.canon()))
                    .collect(),
            ),
            Node::Seq { items, .. } => Canon::Seq(items.iter().map(|e| e.value.canon()).collect()),
        }
    }

    pub fn is_block(&self) -> bool {
        matches!(
            self,
            Node::Map { flow: false, .. } | Node::Seq { flow: false, .. }
        )
    }
}

/// What a node means, without its formatting.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Canon {
    Scalar(String, bool),
    Map(std::collections::BTreeMap<String, Canon>),
    Seq(Vec<Canon>),
}

/// Parses a document; `None` when it is not YAML the merge can work on (a
/// syntax error, an alias, a complex key).
pub fn parse(text: &str) -> Option<Node> {
    let lines = LineIndex::new(text);
    let offset = |m: saphyr_parser::Marker| lines.offset(text, m.line(), m.col());
    let mut builder = Builder {
        text,
        stack: Vec::new(),
        root: None,
    };
    for event in Parser::new_from_str(text) {
        let (event, span) = event.ok()?;
        let (start, end) = (offset(span.start), offset(span.end));
        match event {
            Event::Scalar(value, style, anchor, tag) => {
                if anchor != 0 || tag.is_some() {
                    return None;
                }
                let quoted = !matches!(style, ScalarStyle::Plain);
                let raw = text.get(start..end)?.to_owned();
                builder.scalar(value.into_owned(), raw, quoted, start, end)?;
            }
            Event::MappingStart(anchor, _) | Event::SequenceStart(anchor, _) if anchor != 0 => {
                return None;
            }
            Event::MappingStart(..) => {
                let flow = text.as_bytes().get(start) == Some(&b'{');
                builder.open(Open::Map(flow, Vec::new(), None), start)?;
            }
            Event::SequenceStart(..) => {
                let flow = text.as_bytes().get(start) == Some(&b'[');
                builder.open(Open::Seq(flow, Vec::new()), start)?;
            }
            Event::MappingEnd | Event::SequenceEnd => {
                let flow_end = matches!(
                    builder.stack.last(),
                    Some(Frame {
                        open: Open::Map(true, ..) | Open::Seq(true, ..),
                        ..
                    })
                );
                builder.close(if flow_end { start + 1 } else { 0 })?;
            }
            Event::Alias(_) => return None,
            _ => {}
        }
    }
    builder.root
}

enum Open {
    /// A mapping: flow, its entries, and the key waiting for its value.
    Map(bool, Vec<Entry>, Option<(String, usize)>),
    Seq(bool, Vec<Entry>),
}

struct Frame {
    open: Open,
    /// Where the collection starts (its `{`, `[`, first key or `-`).
    start: usize,
    /// The furthest content inside it (the end of its last scalar or flow end).
    end: usize,
}

struct Builder<'t> {
    text: &'t str,
    stack: Vec<Frame>,
    root: Option<Node>,
}

impl Builder<'_> {
    fn scalar(
        &mut self,
        value: String,
        raw: String,
        quoted: bool,
        start: usize,
        end: usize,
    ) -> Option<()> {
        if let Some(Frame {
            open: Open::Map(_, _, key @ None),
            ..
        }) = self.stack.last_mut()
        {
            *key = Some((value, start));
            return Some(());
        }
        self.place(Node::Scalar { value, raw, quoted }, start, end)
    }

    fn open(&mut self, open: Open, start: usize) -> Option<()> {
        self.stack.push(Frame {
            open,
            start,
            end: start,
        });
        Some(())
    }

    fn close(&mut self, flow_end: usize) -> Option<()> {
        let frame = self.stack.pop()?;
        let node = match frame.open {
            Open::Map(flow, entries, None) => Node::Map { flow, entries },
            Open::Seq(flow, items) => Node::Seq { flow, items },
            Open::Map(_, _, Some(_)) => return None,
        };
        let end = frame.end.max(flow_end);
        self.place(node, frame.start, end)
    }

    /// Puts a finished node where it belongs: the value of the waiting key, the
    /// next item, or the root.
    fn place(&mut self, node: Node, start: usize, end: usize) -> Option<()> {
        let text = self.text;
        let Some(parent) = self.stack.last_mut() else {
            self.root = Some(node);
            return Some(());
        };
        parent.end = parent.end.max(end);
        let flow = matches!(parent.open, Open::Map(true, ..) | Open::Seq(true, ..));
        match &mut parent.open {
            Open::Map(_, entries, key) => {
                let (key, key_start) = key.take()?;
                entries.push(entry(text, Some(key), node, key_start, start..end, flow));
            }
            Open::Seq(_, items) => {
                let dash = text[..start].rfind('-').filter(|_| !flow).unwrap_or(start);
                items.push(entry(text, None, node, dash, start..end, flow));
            }
        }
        Some(())
    }
}

/// An entry whose own text runs from `first` to the end of its value.
fn entry(
    text: &str,
    key: Option<String>,
    value: Node,
    first: usize,
    value_span: std::ops::Range<usize>,
    flow: bool,
) -> Entry {
    let end = value_span.end;
    let line_start = text[..first].rfind('\n').map_or(0, |i| i + 1);
    let indent = text[line_start..first].chars().count();
    if flow {
        return Entry {
            key,
            value,
            lines: 0..0,
            start: first,
            value_span,
            indent,
        };
    }
    let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i + 1);
    // The comment lines right above it, indented at least as far, go with it.
    let mut from = line_start;
    while from > 0 {
        let previous = text[..from - 1].rfind('\n').map_or(0, |i| i + 1);
        let line = &text[previous..from];
        let trimmed = line.trim_start();
        if trimmed.starts_with('#') && line.len() - trimmed.len() >= indent {
            from = previous;
        } else {
            break;
        }
    }
    Entry {
        key,
        value,
        lines: from..line_end,
        start: line_start,
        value_span,
        indent,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_know_their_lines_and_leading_comments() {
        let text = "id: X\n# the steps\nsteps:\n  # first\n  take: {done: 2026-11-02, by: ann}  # ok\n  pack:\n    done: 2026-11-03\nlines:\n  - {sku: A, qty: 1}\n";
        let Some(Node::Map { entries, .. }) = parse(text) else {
            panic!("a mapping");
        };
        let steps = &entries[1];
        assert_eq!(
            &text[steps.lines.clone()],
            "# the steps\nsteps:\n  # first\n  take: {done: 2026-11-02, by: ann}  # ok\n  pack:\n    done: 2026-11-03\n"
        );
        let Node::Map {
            entries: records, ..
        } = &steps.value
        else {
            panic!("steps");
        };
        assert_eq!(
            &text[records[0].lines.clone()],
            "  # first\n  take: {done: 2026-11-02, by: ann}  # ok\n"
        );
        assert_eq!(
            &text[records[1].lines.clone()],
            "  pack:\n    done: 2026-11-03\n"
        );
        let Node::Seq { items, .. } = &entries[2].value else {
            panic!("lines");
        };
        assert_eq!(&text[items[0].lines.clone()], "  - {sku: A, qty: 1}\n");
        assert_eq!(items[0].indent, 2);
    }
}
