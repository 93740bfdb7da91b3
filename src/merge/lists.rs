//! Merging a block list both sides changed, item by item. Items are matched
//! by what identifies them in their list (a payment by its installment and
//! day, a line by its sku), never by position. An item whose identity one side
//! edited (a payment re-dated) is still the same item: base items left without
//! a match are paired with a side's new items that share most of their
//! fields. A list whose identities repeat (two lines of one sku) cannot be
//! matched safely, and is left whole to the caller.

use std::collections::HashMap;

use super::Merge;
use super::identity::{Id, ListRule, rule_for};
use super::tree::{Canon, Entry, Node};

/// Beyond this many unmatched pairs to weigh, a list is not paired item by
/// item (the weighing grows with their product).
const MAX_PAIRINGS: usize = 100_000;

/// Which item of a side each base item is (`None`: gone on that side), and
/// the side's items that are new.
struct Matching {
    of_base: Vec<Option<usize>>,
    /// Whether a base item's match was found by its fields, its identity
    /// edited.
    paired: Vec<bool>,
    new: Vec<usize>,
}

impl Merge<'_> {
    /// Merges the items of a block list at `path`; `None` (and no edit made)
    /// when the list cannot be merged item by item.
    pub(super) fn list(
        &mut self,
        path: &[String],
        b: Option<&[Entry]>,
        o: &[Entry],
        t: &[Entry],
        end: usize,
    ) -> Option<()> {
        let rule = rule_for(path);
        let b = b.unwrap_or_default();
        let (bi, oi, ti) = (ids(&rule, b)?, ids(&rule, o)?, ids(&rule, t)?);
        let ours = matching(b, &bi, o, &oi)?;
        let theirs = matching(b, &bi, t, &ti)?;
        let indent = o
            .first()
            .map_or_else(|| t.first().map_or(0, |e| e.indent), |e| e.indent);
        let mut last_ours = None;
        for (k, be) in b.iter().enumerate() {
            match (ours.of_base[k], theirs.of_base[k]) {
                (Some(i), Some(j)) => {
                    // An item one side re-identified and the other changed
                    // too is one conflict, not a mix of the two.
                    let changed = |text: &str| text != self.base_text(be);
                    let (ot, tt) = (self.ours_text(&o[i]), self.theirs_text(&t[j]));
                    if (ours.paired[k] || theirs.paired[k])
                        && changed(ot)
                        && changed(tt)
                        && ot != tt
                    {
                        self.conflict_whole(&o[i], &t[j]);
                    } else {
                        self.entry(path, Some(be), &o[i], &t[j]);
                    }
                    last_ours = Some(i);
                }
                (Some(i), None) => {
                    self.deleted_by_theirs(be, &o[i]);
                    last_ours = Some(i);
                }
                (None, Some(j)) => {
                    // OURS deleted it: fine while THEIRS did not change it.
                    if self.base_text(be) != self.theirs_text(&t[j]) {
                        let at = last_ours.map_or_else(
                            || o.first().map_or(end, |e| e.lines.start),
                            |i: usize| o[i].lines.end,
                        );
                        self.conflict_at(at, "", &self.theirs_at(&t[j], indent));
                    }
                }
                (None, None) => {}
            }
        }
        // New on both sides: one record when they are the same one.
        let ours_new: HashMap<&Id, usize> = ours.new.iter().map(|&i| (&oi[i], i)).collect();
        let times = Times::of(&rule, o);
        for &j in &theirs.new {
            match ours_new.get(&ti[j]) {
                Some(&i) => self.entry(path, None, &o[i], &t[j]),
                None => {
                    let at = times.insertion_point(&rule, o, &t[j], end);
                    let text = self.theirs_at(&t[j], indent);
                    self.edits.insert(at, text);
                }
            }
        }
        Some(())
    }
}

/// The identities of a list's items; `None` when one repeats.
fn ids(rule: &ListRule, items: &[Entry]) -> Option<Vec<Id>> {
    let ids: Vec<Id> = items.iter().map(|i| rule.id(&i.value)).collect();
    let mut seen = std::collections::HashSet::with_capacity(ids.len());
    ids.iter().all(|id| seen.insert(id)).then_some(ids)
}

/// Matches a side's items to the base's: by identity, then, for those left,
/// by the fields they share.
fn matching(b: &[Entry], bi: &[Id], s: &[Entry], si: &[Id]) -> Option<Matching> {
    let place: HashMap<&Id, usize> = si.iter().enumerate().map(|(i, id)| (id, i)).collect();
    let mut of_base: Vec<Option<usize>> = bi.iter().map(|id| place.get(id).copied()).collect();
    let mut paired = vec![false; b.len()];
    let mut taken = vec![false; s.len()];
    for i in of_base.iter().flatten() {
        taken[*i] = true;
    }
    let lone_base: Vec<usize> = (0..b.len()).filter(|&k| of_base[k].is_none()).collect();
    let mut lone_side: Vec<usize> = (0..s.len()).filter(|&i| !taken[i]).collect();
    if !lone_base.is_empty() && !lone_side.is_empty() {
        if lone_base.len().saturating_mul(lone_side.len()) > MAX_PAIRINGS {
            return None;
        }
        for k in lone_base {
            let fields = fields(&b[k].value);
            let best = lone_side
                .iter()
                .enumerate()
                .map(|(n, &i)| (n, shared(&fields, &self::fields(&s[i].value))))
                .filter(|&(_, same)| same * 2 >= fields.len().max(1) && same > 0)
                .max_by_key(|&(n, same)| (same, std::cmp::Reverse(n)));
            if let Some((n, _)) = best {
                of_base[k] = Some(lone_side.remove(n));
                paired[k] = true;
            }
        }
    }
    Some(Matching {
        of_base,
        paired,
        new: lone_side,
    })
}

/// A record's fields and their values (a scalar item is its one field).
fn fields(node: &Node) -> Vec<(String, Canon)> {
    match node {
        Node::Map { entries, .. } => entries
            .iter()
            .map(|e| (e.key.clone().unwrap_or_default(), e.value.canon()))
            .collect(),
        other => vec![(String::new(), other.canon())],
    }
}

/// How many fields two records hold alike.
fn shared(a: &[(String, Canon)], b: &[(String, Canon)]) -> usize {
    a.iter().filter(|field| b.contains(field)).count()
}

/// Where records new in THEIRS go among OURS's: in time order for records
/// that carry a time, else after the last one. OURS's times are looked up
/// by halving when they are in order (as ordo writes them).
struct Times {
    times: Vec<Option<String>>,
    sorted: bool,
}

impl Times {
    fn of(rule: &ListRule, o: &[Entry]) -> Times {
        let times: Vec<Option<String>> = o.iter().map(|e| rule.time(&e.value)).collect();
        let sorted = times.iter().all(Option::is_some) && times.is_sorted();
        Times { times, sorted }
    }

    fn insertion_point(&self, rule: &ListRule, o: &[Entry], t: &Entry, end: usize) -> usize {
        let last = o.last().map_or(end, |e| e.lines.end);
        let Some(time) = rule.time(&t.value) else {
            return last;
        };
        let first_later = if self.sorted {
            let n = self
                .times
                .partition_point(|x| x.as_ref().is_some_and(|x| *x <= time));
            (n < o.len()).then_some(n)
        } else {
            self.times
                .iter()
                .position(|x| x.as_ref().is_some_and(|x| *x > time))
        };
        first_later.map_or(last, |i| o[i].lines.start)
    }
}
