//! Due rules evaluated for one order. Every result carries its basis
//! (firm, forecast or waiting) and the chain of links that produced it, each with
//! the place its input came from, for `ordo explain`.

use std::cell::RefCell;

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

/// A date the engine computes: a step of the workflow or an installment of
/// the contract, by position (an id that names neither is never remembered).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Key {
    Step(usize),
    Installment(usize),
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
    /// Each step's result, then each installment's, once computed: an
    /// order's handful of dates are found by position, without hashing.
    memo: RefCell<Vec<Option<Result<Computed, DueError>>>>,
}

impl<'a> DueEngine<'a> {
    pub fn new(
        order: &'a Order,
        workflow_name: &'a str,
        workflow: &'a Workflow,
        calendars: &'a Calendars,
    ) -> Self {
        let terms = order.contract.as_ref().map_or(0, |c| c.payment_terms.len());
        DueEngine {
            order,
            workflow_name,
            workflow,
            calendars,
            explain: false,
            memo: RefCell::new(vec![None; workflow.steps.len() + terms]),
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

    /// A step of the workflow by id, with its position (the first, if the
    /// id is repeated).
    pub(super) fn step(&self, id: &str) -> Option<(usize, &'a Step)> {
        self.workflow
            .steps
            .iter()
            .enumerate()
            .find(|(_, s)| s.id == id)
    }

    fn installment(&self, name: &str) -> Option<usize> {
        crate::model::customer::installment_index(self.terms(), name)
    }

    /// The due date of a step of the order's workflow.
    pub fn step_due(&self, id: &str) -> Result<Computed, DueError> {
        match self.step(id) {
            Some((i, _)) => self.due_of(Key::Step(i)),
            None => Ok(self.waiting(
                format!("step {id}"),
                Chain::default(),
                || format!("{id} is not a step of workflow {}", self.workflow_name),
                || None,
            )),
        }
    }

    /// The due date of a payment installment of the order's contract.
    pub fn installment_due(&self, name: &str) -> Result<Computed, DueError> {
        match self.installment(name) {
            Some(i) => self.due_of(Key::Installment(i)),
            None => Ok(self.waiting(
                format!("installment `{name}`"),
                Chain::default(),
                || format!("the contract has no installment `{name}`"),
                || Some(Source::Order(Route::keys(&["contract"]))),
            )),
        }
    }

    /// Where a key's result is remembered.
    fn slot(&self, key: Key) -> usize {
        match key {
            Key::Step(i) => i,
            Key::Installment(i) => self.workflow.steps.len() + i,
        }
    }

    fn known(&self, key: Key) -> Option<Result<Computed, DueError>> {
        self.memo.borrow()[self.slot(key)].clone()
    }

    fn remember(&self, key: Key, result: Result<Computed, DueError>) {
        let slot = self.slot(key);
        self.memo.borrow_mut()[slot] = Some(result);
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
        if let Some(known) = self.known(key) {
            return known;
        }
        // Chains are a few links long: a list is quicker than a set.
        let mut chain = vec![key];
        while let Some(next) = chain.last().and_then(|k| self.dependency(*k)) {
            if self.memo.borrow()[self.slot(next)].is_some() {
                break;
            }
            if chain.contains(&next) {
                // Around a cycle: the step it comes back to cannot be computed.
                let name = match next {
                    Key::Step(i) => self.workflow.steps[i].id.clone(),
                    Key::Installment(i) => format!("installment `{}`", self.terms()[i].name),
                };
                self.remember(next, Err(DueError::Cycle(name)));
                break;
            }
            chain.push(next);
        }
        for key in chain.into_iter().rev() {
            let result = self.compute(key);
            self.remember(key, result);
        }
        self.known(key)
            .unwrap_or_else(|| Err(DueError::Cycle(format!("{key:?}"))))
    }

    /// The one date a key's rule is computed from, when that is another key.
    fn dependency(&self, key: Key) -> Option<Key> {
        let rule = match key {
            Key::Step(i) => self.workflow.steps[i].due.as_ref()?,
            Key::Installment(i) => &self.terms()[i].due,
        };
        if let Some(name) = &rule.payment {
            return self.installment(name).map(Key::Installment);
        }
        let Some(Anchor::Step(id)) = rule.anchor() else {
            return None;
        };
        if self.order.steps.get(id).is_some_and(|r| r.done.is_some()) {
            return None;
        }
        match self.step(id) {
            Some((i, step)) if applies(step, self.order, self.workflow_name) => Some(Key::Step(i)),
            _ => None,
        }
    }

    fn compute(&self, key: Key) -> Result<Computed, DueError> {
        match key {
            Key::Step(i) => self.compute_step(i),
            Key::Installment(i) => self.compute_installment(i),
        }
    }

    fn compute_step(&self, index: usize) -> Result<Computed, DueError> {
        let step = &self.workflow.steps[index];
        let id = &step.id;
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

    fn compute_installment(&self, index: usize) -> Result<Computed, DueError> {
        let term = &self.terms()[index];
        let name = &term.name;
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
