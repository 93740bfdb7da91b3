//! Due rules evaluated for one order. Every result carries its basis
//! (firm, forecast or waiting) and the chain of links that produced it, each with
//! the place its input came from, for `ordo explain`.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};

use chrono_tz::Tz;

pub use super::basis::{Basis, Computed, DueError};
pub use super::calendars::Calendars;
pub use super::chain::{Chain, Link, Source};
pub use super::rule::describe_rule;
use crate::model::config::{Step, Workflow};
use crate::model::due::Anchor;
use crate::model::order::Order;
use crate::model::status::applies;
use crate::yaml::Route;

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(super) enum Key {
    Step(String),
    Installment(String),
}

/// Evaluates the due rules of one order, remembering each result. The chain of
/// links behind each date is only written out when asked for (`explaining`), as
/// `explain` and the calendar's descriptions do; the other readers only need dates.
pub struct DueEngine<'a> {
    pub order: &'a Order,
    pub workflow_name: &'a str,
    pub workflow: &'a Workflow,
    pub(super) calendars: &'a Calendars,
    pub(super) explain: bool,
    /// Each step's position in the workflow, by id (the first, if repeated).
    index: HashMap<&'a str, usize>,
    memo: RefCell<HashMap<Key, Result<Computed, DueError>>>,
}

impl<'a> DueEngine<'a> {
    pub fn new(
        order: &'a Order,
        workflow_name: &'a str,
        workflow: &'a Workflow,
        calendars: &'a Calendars,
    ) -> Self {
        let mut index = HashMap::with_capacity(workflow.steps.len());
        for (i, step) in workflow.steps.iter().enumerate() {
            index.entry(step.id.as_str()).or_insert(i);
        }
        DueEngine {
            order,
            workflow_name,
            workflow,
            calendars,
            explain: false,
            index,
            memo: RefCell::new(HashMap::new()),
        }
    }

    /// Records the chain of links behind every date.
    pub fn explaining(mut self) -> Self {
        self.explain = true;
        self
    }

    pub(super) fn tz(&self) -> Tz {
        self.calendars.tz
    }

    /// Adds a link to a chain, when links are being recorded.
    pub(super) fn note(
        &self,
        links: &mut Chain,
        text: impl FnOnce() -> String,
        source: impl FnOnce() -> Option<Source>,
    ) {
        if self.explain {
            links.push(Link {
                text: text(),
                source: source(),
            });
        }
    }

    pub(super) fn waiting(
        &self,
        on: impl Into<String>,
        mut links: Chain,
        text: impl FnOnce() -> String,
        source: impl FnOnce() -> Option<Source>,
    ) -> Computed {
        self.note(&mut links, text, source);
        Computed {
            point: None,
            basis: Basis::Waiting { on: on.into() },
            links,
        }
    }

    pub(super) fn step(&self, id: &str) -> Option<(usize, &'a Step)> {
        let i = *self.index.get(id)?;
        Some((i, &self.workflow.steps[i]))
    }

    /// The due date of a step of the order's workflow.
    pub fn step_due(&self, id: &str) -> Result<Computed, DueError> {
        self.due_of(Key::Step(id.to_owned()))
    }

    /// The due date of a payment installment of the order's contract.
    pub fn installment_due(&self, name: &str) -> Result<Computed, DueError> {
        self.due_of(Key::Installment(name.to_owned()))
    }

    fn terms(&self) -> &'a [crate::model::customer::PaymentTerm] {
        self.order
            .contract
            .as_ref()
            .map(|c| c.payment_terms.as_slice())
            .unwrap_or_default()
    }

    /// A remembered result, or one computed after the dates it depends on: the
    /// chain of dependencies not yet known is walked first and computed from the
    /// far end, so no computation recurses more than one level, however long
    /// the chain of due rules (each link is computed once per order).
    fn due_of(&self, key: Key) -> Result<Computed, DueError> {
        if let Some(known) = self.memo.borrow().get(&key) {
            return known.clone();
        }
        let mut chain = vec![key.clone()];
        let mut on_chain: HashSet<Key> = HashSet::from([key.clone()]);
        while let Some(next) = chain.last().and_then(|k| self.dependency(k)) {
            if self.memo.borrow().contains_key(&next) {
                break;
            }
            if !on_chain.insert(next.clone()) {
                // Around a cycle: the step it comes back to cannot be computed.
                let name = match &next {
                    Key::Step(s) => s.clone(),
                    Key::Installment(i) => format!("installment `{i}`"),
                };
                self.memo
                    .borrow_mut()
                    .insert(next, Err(DueError::Cycle(name)));
                break;
            }
            chain.push(next);
        }
        for key in chain.into_iter().rev() {
            let result = self.compute(&key);
            self.memo.borrow_mut().insert(key, result);
        }
        self.memo
            .borrow()
            .get(&key)
            .cloned()
            .unwrap_or_else(|| Err(DueError::Cycle(format!("{key:?}"))))
    }

    /// The one date a key's rule is computed from, when that is another key.
    fn dependency(&self, key: &Key) -> Option<Key> {
        let rule = match key {
            Key::Step(id) => self.step(id)?.1.due.as_ref()?,
            Key::Installment(name) => &self.terms().iter().find(|t| t.name == *name)?.due,
        };
        if let Some(name) = &rule.payment {
            return Some(Key::Installment(name.clone()));
        }
        let Some(Anchor::Step(id)) = rule.anchor() else {
            return None;
        };
        if self.order.steps.get(id).is_some_and(|r| r.done.is_some()) {
            return None;
        }
        match self.step(id) {
            Some((_, step)) if !applies(step, self.order, self.workflow_name) => None,
            _ => Some(Key::Step(id.clone())),
        }
    }

    fn compute(&self, key: &Key) -> Result<Computed, DueError> {
        match key {
            Key::Step(id) => self.compute_step(id),
            Key::Installment(name) => self.compute_installment(name),
        }
    }

    fn compute_step(&self, id: &str) -> Result<Computed, DueError> {
        let Some((index, step)) = self.step(id) else {
            return Ok(self.waiting(
                format!("step {id}"),
                Chain::default(),
                || format!("{id} is not a step of workflow {}", self.workflow_name),
                || None,
            ));
        };
        let mut links = Chain::default();
        let Some(rule) = &step.due else {
            self.note(
                &mut links,
                || format!("{id} has no due rule"),
                || Some(Source::Config(self.step_route(index))),
            );
            return Ok(Computed {
                point: None,
                basis: Basis::None,
                links,
            });
        };
        self.note(
            &mut links,
            || format!("{id} ({}) is due {}", step.title, describe_rule(rule)),
            || Some(Source::Config(self.step_route(index).key("due"))),
        );
        self.evaluate(rule, links)
    }

    fn compute_installment(&self, name: &str) -> Result<Computed, DueError> {
        let terms = self.terms();
        let Some((index, term)) = terms.iter().enumerate().find(|(_, t)| t.name == name) else {
            return Ok(self.waiting(
                format!("installment `{name}`"),
                Chain::default(),
                || format!("the contract has no installment `{name}`"),
                || Some(Source::Order(Route::keys(&["contract"]))),
            ));
        };
        let mut links = Chain::default();
        self.note(
            &mut links,
            || {
                format!(
                    "installment `{name}` ({}%) is due {}",
                    term.percent,
                    describe_rule(&term.due)
                )
            },
            || {
                Some(Source::Order(
                    Route::keys(&["contract", "payment_terms"])
                        .index(index)
                        .key("due"),
                ))
            },
        );
        self.evaluate(&term.due, links)
    }

    pub(super) fn step_route(&self, index: usize) -> Route {
        Route::keys(&["workflows", self.workflow_name, "steps"]).index(index)
    }
}
