//! Turns a [`Route`] into source spans by replaying the parser's events. Only files
//! that have findings are located, so the common path never pays for positions.

use std::collections::HashMap;

use saphyr_parser::{Event, Parser};

use super::route::{Route, Seg};
use super::text::{LineIndex, Span};

/// Where a node sits in the text: its key (when it is a mapping value) and itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Located {
    pub key: Option<Span>,
    pub value: Span,
    /// Whether the whole route was found, or only its deepest existing ancestor.
    pub exact: bool,
}

enum Frame {
    Seq { next: usize },
    Map { key: Option<(String, Span)> },
}

/// A container on the route whose end has not been seen yet.
struct Open {
    depth: usize,
    key: Option<Span>,
    start: usize,
}

/// Finds the node at `route`, or else the deepest ancestor of it that exists.
pub fn locate(text: &str, route: &Route) -> Located {
    let lines = LineIndex::new(text);
    let to_span = |s: saphyr_parser::Span| {
        Span::new(
            lines.offset(text, s.start.line(), s.start.col()),
            lines.offset(text, s.end.line(), s.end.col()),
        )
    };
    let mut best = Located {
        key: None,
        value: Span::new(0, text.find('\n').unwrap_or(text.len())),
        exact: route.is_root(),
    };
    let mut best_depth = 0;
    let mut stack: Vec<Frame> = Vec::new();
    let mut open: Vec<Open> = Vec::new();

    for event in Parser::new_from_str(text) {
        let Ok((event, raw)) = event else { break };
        let span = to_span(raw);
        match event {
            Event::Scalar(value, ..) => {
                if let Some(Frame::Map { key }) = stack.last_mut()
                    && key.is_none()
                {
                    *key = Some((value.into_owned(), span));
                    continue;
                }
                if let Some(key) = on_route(&stack, route) {
                    let found = Located {
                        key,
                        value: span,
                        exact: stack.len() == route.0.len(),
                    };
                    if found.exact {
                        return found;
                    }
                    if stack.len() > best_depth {
                        (best, best_depth) = (found, stack.len());
                    }
                }
                advance(&mut stack);
            }
            Event::SequenceStart(..) | Event::MappingStart(..) => {
                if let Some(key) = on_route(&stack, route) {
                    open.push(Open {
                        depth: stack.len(),
                        key,
                        start: span.start,
                    });
                }
                stack.push(match event {
                    Event::SequenceStart(..) => Frame::Seq { next: 0 },
                    _ => Frame::Map { key: None },
                });
            }
            Event::SequenceEnd | Event::MappingEnd => {
                stack.pop();
                if let Some(node) = open.pop_if(|o| o.depth == stack.len()) {
                    let found = Located {
                        key: node.key,
                        value: Span::new(node.start, span.end.max(node.start)),
                        exact: node.depth == route.0.len(),
                    };
                    if found.exact {
                        return found;
                    }
                    if node.depth >= best_depth {
                        (best, best_depth) = (found, node.depth);
                    }
                }
                advance(&mut stack);
            }
            _ => {}
        }
    }
    best
}

/// `Some(key span)` when the node about to start lies on `route` (its path is a
/// prefix of the route); the key span is that of its own key, if it has one.
fn on_route(stack: &[Frame], route: &Route) -> Option<Option<Span>> {
    if stack.len() > route.0.len() {
        return None;
    }
    let mut key_span = None;
    for (frame, seg) in stack.iter().zip(&route.0) {
        key_span = match (frame, seg) {
            (Frame::Seq { next }, Seg::Index(i)) if next == i => None,
            (
                Frame::Map {
                    key: Some((k, span)),
                },
                Seg::Key(want),
            ) if k == want => Some(*span),
            _ => return None,
        };
    }
    Some(key_span)
}

/// [`locate`] for many routes in one pass over the text (a long `explain`
/// chain points into one file thousands of times). Routes that are not in the
/// text fall back to their deepest ancestor, as with `locate`.
pub fn locate_all(text: &str, routes: &[Route]) -> Vec<Located> {
    let mut wanted: HashMap<&[Seg], Vec<usize>> = HashMap::new();
    for (i, route) in routes.iter().enumerate() {
        wanted.entry(route.0.as_slice()).or_default().push(i);
    }
    let lines = LineIndex::new(text);
    let to_span = |s: saphyr_parser::Span| {
        Span::new(
            lines.offset(text, s.start.line(), s.start.col()),
            lines.offset(text, s.end.line(), s.end.col()),
        )
    };
    let mut found: Vec<Option<Located>> = vec![None; routes.len()];
    let mut stack: Vec<Frame> = Vec::new();
    // Containers that are wanted, until their end is seen: depth, key, start, whose.
    let mut open: Vec<(usize, Option<Span>, usize, &Vec<usize>)> = Vec::new();
    let here = |stack: &[Frame]| -> Option<(Vec<Seg>, Option<Span>)> {
        let mut path = Vec::with_capacity(stack.len());
        let mut key_span = None;
        for frame in stack {
            match frame {
                Frame::Seq { next } => {
                    path.push(Seg::Index(*next));
                    key_span = None;
                }
                Frame::Map {
                    key: Some((k, span)),
                } => {
                    path.push(Seg::Key(k.clone()));
                    key_span = Some(*span);
                }
                Frame::Map { key: None } => return None,
            }
        }
        Some((path, key_span))
    };
    for event in Parser::new_from_str(text) {
        let Ok((event, raw)) = event else { break };
        let span = to_span(raw);
        match event {
            Event::Scalar(value, ..) => {
                if let Some(Frame::Map { key }) = stack.last_mut()
                    && key.is_none()
                {
                    *key = Some((value.into_owned(), span));
                    continue;
                }
                if let Some((path, key)) = here(&stack)
                    && let Some(whose) = wanted.get(path.as_slice())
                {
                    for &i in whose {
                        found[i] = Some(Located {
                            key,
                            value: span,
                            exact: true,
                        });
                    }
                }
                advance(&mut stack);
            }
            Event::SequenceStart(..) | Event::MappingStart(..) => {
                if let Some((path, key)) = here(&stack)
                    && let Some(whose) = wanted.get(path.as_slice())
                {
                    open.push((stack.len(), key, span.start, whose));
                }
                stack.push(match event {
                    Event::SequenceStart(..) => Frame::Seq { next: 0 },
                    _ => Frame::Map { key: None },
                });
            }
            Event::SequenceEnd | Event::MappingEnd => {
                stack.pop();
                if let Some((_, key, start, whose)) = open.pop_if(|o| o.0 == stack.len()) {
                    for &i in whose {
                        found[i] = Some(Located {
                            key,
                            value: Span::new(start, span.end.max(start)),
                            exact: true,
                        });
                    }
                }
                advance(&mut stack);
            }
            _ => {}
        }
    }
    found
        .into_iter()
        .zip(routes)
        .map(|(hit, route)| hit.unwrap_or_else(|| locate(text, route)))
        .collect()
}

fn advance(stack: &mut [Frame]) {
    match stack.last_mut() {
        Some(Frame::Seq { next }) => *next += 1,
        Some(Frame::Map { key }) => *key = None,
        None => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "id: X\nsteps:\n  ORD-01: {done: 2026-05-06, by: alice}\nlines:\n  - sku: A\n    qty: 3\n  - sku: B\n";

    fn at<'a>(span: Span) -> &'a str {
        &TEXT[span.start..span.end]
    }

    #[test]
    fn finds_scalars_in_flow_and_block_style() {
        let found = locate(TEXT, &Route::keys(&["steps", "ORD-01", "by"]));
        assert!(found.exact);
        assert_eq!(at(found.value), "alice");
        assert_eq!(found.key.map(at), Some("by"));

        let found = locate(TEXT, &Route::root().key("lines").index(1).key("sku"));
        assert_eq!(at(found.value), "B");
    }

    #[test]
    fn finds_containers_with_their_key() {
        let found = locate(TEXT, &Route::keys(&["steps", "ORD-01"]));
        assert!(found.exact);
        assert_eq!(found.key.map(at), Some("ORD-01"));
        assert_eq!(at(found.value), "{done: 2026-05-06, by: alice}");
    }

    #[test]
    fn many_routes_at_once_agree_with_one_at_a_time() {
        let routes = [
            Route::keys(&["steps", "ORD-01", "by"]),
            Route::keys(&["steps", "ORD-01"]),
            Route::root().key("lines").index(1).key("sku"),
            Route::root().key("lines"),
            Route::keys(&["steps", "ORD-01", "note"]),
            Route::keys(&["id"]),
        ];
        let one_by_one: Vec<Located> = routes.iter().map(|r| locate(TEXT, r)).collect();
        assert_eq!(locate_all(TEXT, &routes), one_by_one);
    }

    #[test]
    fn missing_routes_fall_back_to_the_deepest_ancestor() {
        let found = locate(TEXT, &Route::keys(&["steps", "ORD-01", "note"]));
        assert!(!found.exact);
        assert_eq!(found.key.map(at), Some("ORD-01"));

        let found = locate(TEXT, &Route::keys(&["missing"]));
        assert!(!found.exact);
        assert_eq!(found.value.start, 0);
    }
}
