//! The chain of reasoning behind a due date, shared rather than copied: a date
//! reached through another step's date holds that step's chain by reference, so
//! a workflow whose rules chain thousands of steps costs one link per step, not
//! a copy of every chain before it.

use std::sync::Arc;

use crate::yaml::Route;

/// Where an input of a computation was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Order(Route),
    Config(Route),
}

/// One step of the reasoning behind a date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub text: String,
    pub source: Option<Source>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    Link(Link),
    Chain(Arc<Chain>),
}

/// Links in order; a chain may hold another (the date it was computed from).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Chain {
    pieces: Vec<Piece>,
}

impl Chain {
    pub fn push(&mut self, link: Link) {
        self.pieces.push(Piece::Link(link));
    }

    /// Appends another chain, shared.
    pub fn append(&mut self, other: Chain) {
        if other.pieces.is_empty() {
            return;
        }
        self.pieces.push(Piece::Chain(Arc::new(other)));
    }

    pub fn is_empty(&self) -> bool {
        self.iter().next().is_none()
    }

    /// Every link, in order, nested chains included (walked without recursion).
    pub fn iter(&self) -> impl Iterator<Item = &Link> {
        let mut stack: Vec<std::slice::Iter<'_, Piece>> = vec![self.pieces.iter()];
        std::iter::from_fn(move || {
            loop {
                let top = stack.last_mut()?;
                match top.next() {
                    Some(Piece::Link(link)) => return Some(link),
                    Some(Piece::Chain(chain)) => stack.push(chain.pieces.iter()),
                    None => {
                        stack.pop();
                    }
                }
            }
        })
    }
}

/// Dropped without recursion: a chain thousands of steps deep would otherwise
/// overflow the stack on its way out.
impl Drop for Chain {
    fn drop(&mut self) {
        let mut work = std::mem::take(&mut self.pieces);
        while let Some(piece) = work.pop() {
            if let Piece::Chain(shared) = piece
                && let Ok(mut chain) = Arc::try_unwrap(shared)
            {
                work.append(&mut chain.pieces);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link(text: &str) -> Link {
        Link {
            text: text.to_owned(),
            source: None,
        }
    }

    #[test]
    fn nested_chains_read_in_order_and_deep_ones_do_not_recurse() {
        let mut inner = Chain::default();
        inner.push(link("b"));
        let mut outer = Chain::default();
        outer.push(link("a"));
        outer.append(inner);
        outer.push(link("c"));
        let texts: Vec<&str> = outer.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts, ["a", "b", "c"]);
        let mut deep = Chain::default();
        for i in 0..200_000 {
            let mut next = Chain::default();
            next.push(link(&i.to_string()));
            next.append(deep);
            deep = next;
        }
        assert_eq!(deep.iter().count(), 200_000);
        assert_eq!(deep.iter().next().map(|l| l.text.as_str()), Some("199999"));
        // Dropping a deep chain must not overflow the stack either.
        drop(deep);
    }
}
