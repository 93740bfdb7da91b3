//! The merge's edits on OURS's text, and the small text helpers they need.

use std::ops::Range;

use super::tree::Node;

/// Edits to a text: replacements of ranges and insertions at offsets, made
/// against the original and applied together.
#[derive(Debug, Default)]
pub(crate) struct Edits {
    edits: Vec<(Range<usize>, String, usize)>,
}

impl Edits {
    pub(crate) fn replace(&mut self, range: Range<usize>, text: String) {
        let n = self.edits.len();
        self.edits.push((range, text, n));
    }

    pub(crate) fn insert(&mut self, at: usize, text: String) {
        let n = self.edits.len();
        self.edits.push((at..at, text, n));
    }

    /// The text with every edit made. Insertions at one place keep the order
    /// they were made in, before a replacement that starts there.
    pub(crate) fn apply(mut self, text: &str) -> String {
        self.edits
            .sort_by_key(|(range, _, n)| (range.start, range.end > range.start, *n));
        let mut out = String::with_capacity(text.len() + 256);
        let mut at = 0;
        for (range, new, _) in self.edits {
            if range.start < at {
                // Overlaps an earlier edit (nested changes of one entry): the
                // outer edit already holds it.
                continue;
            }
            out.push_str(&text[at..range.start]);
            out.push_str(&new);
            at = range.end;
        }
        out.push_str(&text[at..]);
        out
    }
}

/// Lines indented at `from` moved to `to`.
pub(crate) fn reindent(text: &str, from: usize, to: usize) -> String {
    if from == to {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        if to > from {
            if !line.trim().is_empty() {
                out.push_str(&" ".repeat(to - from));
            }
            out.push_str(line);
        } else {
            let spaces = line.len() - line.trim_start_matches(' ').len();
            out.push_str(&line[spaces.min(from - to)..]);
        }
    }
    out
}

/// A node written in flow style, its scalars as they were written.
pub(crate) fn flow(node: &Node) -> String {
    match node {
        Node::Scalar { raw, .. } => raw.clone(),
        Node::Map { entries, .. } => {
            let parts: Vec<String> = entries
                .iter()
                .map(|e| {
                    format!(
                        "{}: {}",
                        e.key.as_deref().unwrap_or_default(),
                        flow(&e.value)
                    )
                })
                .collect();
            format!("{{{}}}", parts.join(", "))
        }
        Node::Seq { items, .. } => {
            let parts: Vec<String> = items.iter().map(|e| flow(&e.value)).collect();
            format!("[{}]", parts.join(", "))
        }
    }
}
