//! A three-way merge of ledger files by their structure, for git's merge
//! driver: mappings merge by key, lists of records by what identifies a record
//! (a step by its id, a line by its sku, an amendment by its time, ...), and
//! each side's one-sided changes are kept with their own lines, comments and
//! formatting, so the result differs from OURS by THEIRS's changes alone. A
//! value, a comment or a record both sides changed differently (done on one
//! side, skipped on the other; deleted on one, edited on the other) is a
//! conflict, with git's markers around just its lines. A text the merge cannot
//! read safely (lone CR line ends, conflict markers already in it, YAML it
//! does not model) is left to the caller's line merge.

mod comments;
pub mod driver;
mod identity;
mod lists;
mod text;
pub mod tree;

use std::collections::HashMap;
use std::ops::Range;

use text::{Edits, reindent};
use tree::{Entry, Node};

/// What a merge made.
#[derive(Debug)]
pub struct Merged {
    pub text: String,
    /// How many places hold conflict markers.
    pub conflicts: usize,
}

/// The labels and size of conflict markers (git passes the size, and, from
/// git 2.44, the names of the two sides).
#[derive(Debug, Clone)]
pub struct Markers {
    pub size: usize,
    pub ours: String,
    pub theirs: String,
}

impl Default for Markers {
    fn default() -> Self {
        Markers {
            size: 7,
            ours: "ours".into(),
            theirs: "theirs".into(),
        }
    }
}

/// Merges THEIRS's changes since BASE (`None`: both sides added the file)
/// into OURS; `None` when a text is not one the structural merge can work on
/// safely (the caller falls back to a line merge).
pub fn merge(base: Option<&str>, ours: &str, theirs: &str, markers: &Markers) -> Option<Merged> {
    let texts = [base.unwrap_or_default(), ours, theirs];
    if texts.iter().any(|t| !mergeable(t)) {
        return None;
    }
    let base_tree = match base {
        Some(base) if !base.trim().is_empty() => Some(tree::parse(base)?),
        _ => None,
    };
    let ours_tree = tree::parse(ours)?;
    let theirs_tree = tree::parse(theirs)?;
    let mut merge = Merge {
        base: base.unwrap_or_default(),
        ours,
        theirs,
        markers,
        edits: Edits::default(),
        conflicts: 0,
    };
    match (&ours_tree, &theirs_tree) {
        (
            Node::Map {
                flow: false,
                entries: o,
            },
            Node::Map {
                flow: false,
                entries: t,
            },
        ) => {
            let b = match &base_tree {
                Some(Node::Map { entries, .. }) => Some(entries.as_slice()),
                _ => None,
            };
            merge.map(&[], b, o, t, ours.len());
        }
        _ => return None,
    }
    let conflicts = merge.conflicts;
    let text = merge.edits.apply(ours);
    // A merge without markers must be YAML (the line merge takes over if not).
    if conflicts == 0 {
        tree::parse(&text)?;
    }
    Some(Merged { text, conflicts })
}

/// Whether the structural merge may read `text`: no line ends of a lone CR
/// (its lines would not be lines) and no conflict markers from an earlier
/// merge (a clean result must never carry them on).
fn mergeable(text: &str) -> bool {
    let lone_cr = text
        .as_bytes()
        .windows(2)
        .any(|w| w[0] == b'\r' && w[1] != b'\n')
        || text.ends_with('\r');
    !lone_cr && !has_markers(text)
}

/// Whether a text holds a conflict marker line (of any length from seven,
/// as git writes them).
pub fn has_markers(text: &str) -> bool {
    text.lines()
        .any(|line| ordo_core::yaml::is_conflict_marker(line.trim_end_matches('\r')))
}

struct Merge<'a> {
    base: &'a str,
    ours: &'a str,
    theirs: &'a str,
    markers: &'a Markers,
    edits: Edits,
    conflicts: usize,
}

/// Entries by key, for finding one among thousands without a scan.
fn by_key(entries: &[Entry]) -> HashMap<&str, usize> {
    entries
        .iter()
        .enumerate()
        .map(|(i, e)| (e.key.as_deref().unwrap_or_default(), i))
        .collect()
}

impl Merge<'_> {
    fn base_text(&self, e: &Entry) -> &str {
        &self.base[e.lines.clone()]
    }

    fn ours_text(&self, e: &Entry) -> &str {
        &self.ours[e.lines.clone()]
    }

    fn theirs_text(&self, e: &Entry) -> &str {
        &self.theirs[e.lines.clone()]
    }

    /// THEIRS's lines of an entry, indented for where it goes in OURS.
    fn theirs_at(&self, t: &Entry, indent: usize) -> String {
        reindent(self.theirs_text(t), t.indent, indent)
    }

    /// Merges the entries of a block mapping at `path`; `end` is where OURS's
    /// mapping ends (new entries with nothing before them go first).
    fn map(&mut self, path: &[String], b: Option<&[Entry]>, o: &[Entry], t: &[Entry], end: usize) {
        let (bk, ok, tk) = (b.map(by_key), by_key(o), by_key(t));
        let base_of = |key: &str| {
            b.zip(bk.as_ref())
                .and_then(|(b, bk)| Some(&b[*bk.get(key)?]))
        };
        let indent = o
            .first()
            .map_or_else(|| t.first().map_or(0, |e| e.indent), |e| e.indent);
        // Where THEIRS's next new entry goes in OURS: after the last entry
        // THEIRS has before it that OURS has too.
        let mut after: usize = o.first().map_or(end, |e| e.lines.start);
        for te in t {
            let key = te.key.clone().unwrap_or_default();
            let be = base_of(&key);
            match ok.get(key.as_str()) {
                Some(&i) => {
                    let oe = &o[i];
                    let mut child = path.to_vec();
                    child.push(key);
                    self.entry(&child, be, oe, te);
                    after = oe.lines.end;
                }
                None => match be {
                    // OURS deleted it: fine while THEIRS did not change it.
                    Some(be) if self.base_text(be) == self.theirs_text(te) => {}
                    Some(_) => self.conflict_at(after, "", &self.theirs_at(te, indent)),
                    // New in THEIRS.
                    None => {
                        let text = self.theirs_at(te, indent);
                        self.edits.insert(after, text);
                    }
                },
            }
        }
        // What THEIRS deleted.
        for oe in o {
            let key = oe.key.as_deref().unwrap_or_default();
            if tk.contains_key(key) {
                continue;
            }
            let Some(be) = base_of(key) else {
                continue;
            };
            self.deleted_by_theirs(be, oe);
        }
    }

    /// An entry THEIRS deleted: gone while OURS did not change it.
    fn deleted_by_theirs(&mut self, b: &Entry, o: &Entry) {
        if self.base_text(b) == self.ours_text(o) {
            self.edits.replace(o.lines.clone(), String::new());
        } else {
            let ours = self.ours_text(o).to_owned();
            self.conflict(o.lines.clone(), &ours, "");
        }
    }

    /// Merges one entry (or list item) present in OURS and THEIRS.
    fn entry(&mut self, path: &[String], b: Option<&Entry>, o: &Entry, t: &Entry) {
        let (ot, tt) = (self.ours_text(o), self.theirs_text(t));
        let bt = b.map(|b| self.base_text(b));
        if bt == Some(tt) || ot == tt {
            return;
        }
        if bt == Some(ot) {
            let text = self.theirs_at(t, o.indent);
            self.edits.replace(o.lines.clone(), text);
            return;
        }
        // Both changed it. A step's outcome (done, skipped, by whom) is one
        // fact: two different outcomes conflict as one, never mixed.
        if is_step(path) && outcome_conflicts(b, o, t) {
            return self.conflict_whole(o, t);
        }
        let Some(lead) = self.lead(b, o, t) else {
            return self.conflict_whole(o, t);
        };
        match (&o.value, &t.value) {
            (
                Node::Map {
                    flow: false,
                    entries: oe,
                },
                Node::Map {
                    flow: false,
                    entries: te,
                },
            ) => {
                let be = match b.map(|b| &b.value) {
                    Some(Node::Map { entries, .. }) => Some(entries.as_slice()),
                    _ => None,
                };
                self.take_lead(o, lead);
                self.map(path, be, oe, te, o.lines.end);
            }
            (
                Node::Seq {
                    flow: false,
                    items: oi,
                },
                Node::Seq {
                    flow: false,
                    items: ti,
                },
            ) => {
                let bi = match b.map(|b| &b.value) {
                    Some(Node::Seq { items, .. }) => Some(items.as_slice()),
                    _ => None,
                };
                if self.list(path, bi, oi, ti, o.lines.end).is_none() {
                    return self.conflict_whole(o, t);
                }
                self.take_lead(o, lead);
            }
            _ if o.value.is_block() || t.value.is_block() => {
                if o.value.canon() != t.value.canon() {
                    self.conflict_whole(o, t);
                }
            }
            _ => {
                // Scalars and flow values, written on one line with their comment.
                let value = if o.value.canon() == t.value.canon() {
                    None
                } else {
                    match merge_values(b.map(|b| &b.value), &o.value, &t.value) {
                        Some(merged) => Some(merged),
                        None => return self.conflict_whole(o, t),
                    }
                };
                let Some(tail) = self.tail(b, o, t) else {
                    return self.conflict_whole(o, t);
                };
                self.take_lead(o, lead);
                if let Some(value) = value {
                    self.edits.replace(o.value_span.clone(), value);
                }
                if let Some(tail) = tail {
                    self.edits.replace(o.value_span.end..o.lines.end, tail);
                }
            }
        }
    }

    /// Markers around the whole entry: OURS's lines, then THEIRS's.
    fn conflict_whole(&mut self, o: &Entry, t: &Entry) {
        let ours = self.ours_text(o).to_owned();
        let theirs = self.theirs_at(t, o.indent);
        self.conflict(o.lines.clone(), &ours, &theirs);
    }

    /// Conflict markers around OURS's `lines`: OURS's text, then THEIRS's.
    fn conflict(&mut self, lines: Range<usize>, ours: &str, theirs: &str) {
        let text = self.marked(ours, theirs);
        self.edits.replace(lines, text);
        self.conflicts += 1;
    }

    /// Conflict markers inserted at `at` (a side that has no lines there).
    fn conflict_at(&mut self, at: usize, ours: &str, theirs: &str) {
        let text = self.marked(ours, theirs);
        self.edits.insert(at, text);
        self.conflicts += 1;
    }

    fn marked(&self, ours: &str, theirs: &str) -> String {
        let m = self.markers;
        let line = |c: char| c.to_string().repeat(m.size);
        let mut text = format!("{} {}\n{ours}", line('<'), m.ours);
        if !text.ends_with('\n') {
            text.push('\n');
        }
        text.push_str(&format!("{}\n{theirs}", line('=')));
        if !text.ends_with('\n') {
            text.push('\n');
        }
        text.push_str(&format!("{} {}\n", line('>'), m.theirs));
        text
    }
}

/// Whether `path` is a step's record (`steps: {ID: ...}`).
fn is_step(path: &[String]) -> bool {
    path.len() == 2 && path[0] == "steps"
}

/// The fields that say how a step ended, and who ended it.
const OUTCOME: &[&str] = &["done", "skipped", "by", "override"];

/// Whether both sides changed a step's outcome, to different ones.
fn outcome_conflicts(b: Option<&Entry>, o: &Entry, t: &Entry) -> bool {
    let outcome = |n: &Node| -> Vec<Option<tree::Canon>> {
        OUTCOME
            .iter()
            .map(|k| match n {
                Node::Map { entries, .. } => get(entries, k).map(Node::canon),
                _ => None,
            })
            .collect()
    };
    let (oo, to) = (outcome(&o.value), outcome(&t.value));
    let bo = b.map(|b| outcome(&b.value));
    oo != to && bo.as_ref() != Some(&oo) && bo.as_ref() != Some(&to)
}

/// The value of `key` among a mapping's entries.
fn get<'e>(entries: &'e [Entry], key: &str) -> Option<&'e Node> {
    entries
        .iter()
        .find(|e| e.key.as_deref() == Some(key))
        .map(|e| &e.value)
}

/// A three-way merge of values written in flow style (`{done: ..., by: ...}`),
/// as text; `None` when both sides changed one thing differently.
fn merge_values(b: Option<&Node>, o: &Node, t: &Node) -> Option<String> {
    let (bc, oc, tc) = (b.map(Node::canon), o.canon(), t.canon());
    if bc.as_ref() == Some(&tc) || oc == tc {
        return Some(text::flow(o));
    }
    if bc.as_ref() == Some(&oc) {
        return Some(text::flow(t));
    }
    let (Node::Map { entries: oe, .. }, Node::Map { entries: te, .. }) = (o, t) else {
        return None;
    };
    let be = match b {
        Some(Node::Map { entries, .. }) => entries.as_slice(),
        _ => &[],
    };
    let mut parts = Vec::new();
    for e in oe {
        let key = e.key.as_deref().unwrap_or_default();
        match get(te, key) {
            Some(tv) => parts.push(format!(
                "{key}: {}",
                merge_values(get(be, key), &e.value, tv)?
            )),
            // THEIRS deleted it: fine while OURS did not change it.
            None => match get(be, key) {
                Some(bv) if bv.canon() == e.value.canon() => {}
                Some(_) => return None,
                None => parts.push(format!("{key}: {}", text::flow(&e.value))),
            },
        }
    }
    for e in te {
        let key = e.key.as_deref().unwrap_or_default();
        if get(oe, key).is_some() {
            continue;
        }
        match get(be, key) {
            Some(bv) if bv.canon() == e.value.canon() => {}
            Some(_) => return None,
            None => parts.push(format!("{key}: {}", text::flow(&e.value))),
        }
    }
    Some(format!("{{{}}}", parts.join(", ")))
}

#[cfg(test)]
mod property_tests;
#[cfg(test)]
mod tests;
