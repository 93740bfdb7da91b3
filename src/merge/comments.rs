//! The comments around an entry both sides changed: the lines right above it
//! (its lead) and what follows its value on its last line (its tail). Each is
//! merged three ways like a value: one side's change is kept, two different
//! changes are a conflict (a comment is what a person wrote; neither is
//! dropped for the other).

use super::Merge;
use super::text::reindent;
use super::tree::Entry;

/// What to do with OURS's comment: keep it, or put THEIRS's in its place.
pub(super) enum Choice {
    Keep,
    Take(String),
}

impl Merge<'_> {
    /// The merged lead of an entry both sides changed; `None` when both
    /// changed it differently.
    pub(super) fn lead(&self, b: Option<&Entry>, o: &Entry, t: &Entry) -> Option<Choice> {
        let lead = |text: &str, e: &Entry| text[e.lines.start..e.start].to_owned();
        let (ol, tl) = (lead(self.ours, o), lead(self.theirs, t));
        let bl = b.map(|b| lead(self.base, b));
        let tl_here = reindent(&tl, t.indent, o.indent);
        three_way(bl.as_deref(), &ol, &tl, tl_here)
    }

    /// Puts the merged lead in place.
    pub(super) fn take_lead(&mut self, o: &Entry, choice: Choice) {
        if let Choice::Take(text) = choice {
            self.edits.replace(o.lines.start..o.start, text);
        }
    }

    /// The merged tail (a trailing comment) of a one-line value both sides
    /// changed; `None` when both changed it differently.
    pub(super) fn tail(&self, b: Option<&Entry>, o: &Entry, t: &Entry) -> Option<Option<String>> {
        let tail = |text: &str, e: &Entry| text[e.value_span.end..e.lines.end].to_owned();
        let (ol, tl) = (tail(self.ours, o), tail(self.theirs, t));
        let bl = b.map(|b| tail(self.base, b));
        let taken = tl.clone();
        match three_way(bl.as_deref(), &ol, &tl, taken)? {
            Choice::Keep => Some(None),
            Choice::Take(text) => Some(Some(text)),
        }
    }
}

/// Three-way choice between OURS's text and THEIRS's (`theirs_here` is
/// THEIRS's text as it would stand in OURS).
fn three_way(base: Option<&str>, ours: &str, theirs: &str, theirs_here: String) -> Option<Choice> {
    if base == Some(theirs) || ours == theirs {
        Some(Choice::Keep)
    } else if base == Some(ours) {
        Some(Choice::Take(theirs_here))
    } else {
        None
    }
}
