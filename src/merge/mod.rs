//! A three-way merge of ledger files by their structure, for git's merge
//! driver: mappings merge by key, lists of records by what identifies a record
//! (a step by its id, a line by its sku, an amendment by its time, ...), and
//! each side's one-sided changes are kept with their own lines, comments and
//! formatting, so the result differs from OURS by THEIRS's changes alone. Only
//! a value both sides changed to different things is a conflict, with git's
//! markers around just its lines.

mod identity;
mod text;
pub mod tree;

use std::ops::Range;

use identity::{ListRule, rule_for};
use text::{Edits, reindent};
use tree::{Entry, Node};

/// What a merge made.
#[derive(Debug)]
pub struct Merged {
    pub text: String,
    /// How many places hold conflict markers.
    pub conflicts: usize,
}

/// The labels and size of conflict markers (git passes the size).
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

/// Merges THEIRS's changes since BASE into OURS; `None` when a text is not
/// YAML the structural merge can work on (the caller falls back to a line
/// merge).
pub fn merge(base: &str, ours: &str, theirs: &str, markers: &Markers) -> Option<Merged> {
    let base_tree = if base.trim().is_empty() {
        None
    } else {
        Some(tree::parse(base)?)
    };
    let ours_tree = tree::parse(ours)?;
    let theirs_tree = tree::parse(theirs)?;
    let mut merge = Merge {
        base,
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

struct Merge<'a> {
    base: &'a str,
    ours: &'a str,
    theirs: &'a str,
    markers: &'a Markers,
    edits: Edits,
    conflicts: usize,
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
        let find = |entries: &[Entry], key: &str| {
            entries.iter().position(|e| e.key.as_deref() == Some(key))
        };
        let indent = o
            .first()
            .map_or_else(|| t.first().map_or(0, |e| e.indent), |e| e.indent);
        // Where THEIRS's next new entry goes in OURS: after the last entry
        // THEIRS has before it that OURS has too.
        let mut after: usize = o.first().map_or(end, |e| e.lines.start);
        for te in t {
            let key = te.key.clone().unwrap_or_default();
            let be = b.and_then(|b| find(b, &key)).and_then(|i| b.map(|b| &b[i]));
            match find(o, &key) {
                Some(i) => {
                    let oe = &o[i];
                    let mut child = path.to_vec();
                    child.push(key.clone());
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
            if find(t, key).is_some() {
                continue;
            }
            let Some(be) = b.and_then(|b| find(b, key)).and_then(|i| b.map(|b| &b[i])) else {
                continue;
            };
            if self.base_text(be) == self.ours_text(oe) {
                self.edits.replace(oe.lines.clone(), String::new());
            } else {
                let ours = self.ours_text(oe).to_owned();
                self.conflict(oe.lines.clone(), &ours, "");
            }
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
        if o.value.canon() == t.value.canon() {
            return;
        }
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
                self.carry_lead(b, o, t);
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
                self.carry_lead(b, o, t);
                self.list(path, bi, oi, ti, o.lines.end);
            }
            _ => match merge_values(b.map(|b| &b.value), &o.value, &t.value) {
                // Flow values both sides changed in different keys.
                Some(merged) if !o.value.is_block() => {
                    self.carry_lead(b, o, t);
                    self.edits.replace(o.value_span.clone(), merged);
                }
                _ => {
                    let ours = self.ours_text(o).to_owned();
                    let theirs = self.theirs_at(t, o.indent);
                    self.conflict(o.lines.clone(), &ours, &theirs);
                }
            },
        }
    }

    /// When both sides changed an entry, the comment lines THEIRS put above it
    /// come along (OURS's stay if it changed them too).
    fn carry_lead(&mut self, b: Option<&Entry>, o: &Entry, t: &Entry) {
        let Some(b) = b else { return };
        let lead = |text: &str, e: &Entry| text[e.lines.start..e.start].to_owned();
        let (bl, ol, tl) = (lead(self.base, b), lead(self.ours, o), lead(self.theirs, t));
        if tl != bl && ol == bl {
            self.edits
                .replace(o.lines.start..o.start, reindent(&tl, t.indent, o.indent));
        }
    }

    /// Merges the items of a block list at `path`, matched by what identifies
    /// them there.
    fn list(&mut self, path: &[String], b: Option<&[Entry]>, o: &[Entry], t: &[Entry], end: usize) {
        let rule = rule_for(path);
        let ids = |items: &[Entry]| -> Option<Vec<identity::Id>> {
            let ids: Vec<identity::Id> = items.iter().map(|i| rule.id(&i.value)).collect();
            let unique = ids.iter().collect::<std::collections::BTreeSet<_>>().len() == ids.len();
            unique.then_some(ids)
        };
        // Repeated identities (two lines of one sku): items go by position.
        let (oi, ti, bi) = match (ids(o), ids(t), b.map(ids)) {
            (Some(oi), Some(ti), None | Some(Some(_))) => {
                let bi = b.and_then(ids);
                (oi, ti, bi)
            }
            _ => {
                let position =
                    |items: &[Entry]| (0..items.len()).map(identity::Id::Position).collect();
                (position(o), position(t), b.map(position))
            }
        };
        let indent = o
            .first()
            .map_or_else(|| t.first().map_or(0, |e| e.indent), |e| e.indent);
        for (k, te) in t.iter().enumerate() {
            let id = &ti[k];
            let be = bi
                .as_ref()
                .and_then(|bi| bi.iter().position(|x| x == id))
                .and_then(|i| b.map(|b| &b[i]));
            match oi.iter().position(|x| x == id) {
                Some(i) => self.entry(path, be, &o[i], te),
                None => match be {
                    Some(be) if self.base_text(be) == self.theirs_text(te) => {}
                    Some(_) => {
                        let at = o.last().map_or(end, |e| e.lines.end);
                        self.conflict_at(at, "", &self.theirs_at(te, indent));
                    }
                    None => {
                        let at = insertion_point(&rule, o, te, end);
                        let text = self.theirs_at(te, indent);
                        self.edits.insert(at, text);
                    }
                },
            }
        }
        for (k, oe) in o.iter().enumerate() {
            if ti.contains(&oi[k]) {
                continue;
            }
            let Some(be) = bi
                .as_ref()
                .and_then(|bi| bi.iter().position(|x| *x == oi[k]))
                .and_then(|i| b.map(|b| &b[i]))
            else {
                continue;
            };
            if self.base_text(be) == self.ours_text(oe) {
                self.edits.replace(oe.lines.clone(), String::new());
            } else {
                let ours = self.ours_text(oe).to_owned();
                self.conflict(oe.lines.clone(), &ours, "");
            }
        }
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

/// Where a record new in THEIRS goes among OURS's: in time order for records
/// that carry a time, else after the last one.
fn insertion_point(rule: &ListRule, o: &[Entry], t: &Entry, end: usize) -> usize {
    let last = o.last().map_or(end, |e| e.lines.end);
    let Some(time) = rule.time(&t.value) else {
        return last;
    };
    o.iter()
        .find(|e| rule.time(&e.value).is_some_and(|other| other > time))
        .map_or(last, |e| e.lines.start)
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
mod tests;
