//! Due rules evaluated for one order (DESIGN 3.2). Every result carries its basis
//! (firm, forecast or waiting) and the chain of links that produced it, each with
//! the place its input came from, for `ordo explain`.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};

use chrono_tz::Tz;

use super::arith::{apply, month_end, set_day};
use super::calendar::{CalendarError, WorkCalendar};
pub use super::chain::{Chain, Link, Source};
use super::point::Point;
use crate::model::config::{Config, Step, Workflow};
use crate::model::due::{Anchor, DueRule, Offset, Roll};
use crate::model::order::Order;
use crate::model::status::applies;
use crate::yaml::Route;

/// How sure a computed date is.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Basis {
    /// Every anchor in the chain has happened.
    Firm,
    /// The chain passes through a step or date that has not happened yet.
    Forecast { through: String },
    /// An anchor has no value and no due date; never reported as overdue.
    Waiting { on: String },
    /// The step has no due rule.
    None,
}

impl Basis {
    pub fn label(&self) -> String {
        match self {
            Basis::Firm => "firm".to_owned(),
            Basis::Forecast { through } => format!("forecast (via {through})"),
            Basis::Waiting { on } => format!("waiting for {on}"),
            Basis::None => "no due rule".to_owned(),
        }
    }

    pub fn kind(&self) -> &'static str {
        match self {
            Basis::Firm => "firm",
            Basis::Forecast { .. } => "forecast",
            Basis::Waiting { .. } => "waiting",
            Basis::None => "none",
        }
    }

    fn through(self, step: &str) -> Basis {
        match self {
            Basis::Firm => Basis::Forecast {
                through: step.to_owned(),
            },
            other => other,
        }
    }
}

/// A computed due date, its basis and how it was reached.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Computed {
    pub point: Option<Point>,
    pub basis: Basis,
    pub links: Chain,
}

impl From<CalendarError> for DueError {
    fn from(error: CalendarError) -> Self {
        DueError::Range {
            error,
            forecast: false,
        }
    }
}

impl DueError {
    /// The same error, reached through a date that is only a forecast.
    fn through_forecast(self) -> Self {
        match self {
            DueError::Range { error, .. } => DueError::Range {
                error,
                forecast: true,
            },
            other => other,
        }
    }
}

/// Why a due date could not be computed at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DueError {
    /// Working time could not be counted. `forecast` when the date would only
    /// have been a forecast (its chain passes through a step not done yet).
    #[error("{error}")]
    Range {
        error: CalendarError,
        forecast: bool,
    },
    #[error("the due rules form a cycle through {0}")]
    Cycle(String),
    #[error("no working calendar named `{0}`")]
    NoCalendar(String),
}

/// The ledger's working calendars, by name.
#[derive(Debug, Clone)]
pub struct Calendars {
    pub tz: Tz,
    map: HashMap<String, WorkCalendar>,
}

impl Calendars {
    pub fn new(config: &Config, tz: Tz) -> Self {
        Calendars {
            tz,
            map: config
                .calendars
                .iter()
                .map(|(name, c)| (name.clone(), WorkCalendar::new(name, c, tz)))
                .collect(),
        }
    }

    pub fn get(&self, name: Option<&str>) -> Result<&WorkCalendar, DueError> {
        let name = name.unwrap_or("default");
        self.map
            .get(name)
            .ok_or_else(|| DueError::NoCalendar(name.to_owned()))
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Key {
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
    calendars: &'a Calendars,
    explain: bool,
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

    fn tz(&self) -> Tz {
        self.calendars.tz
    }

    /// Adds a link to a chain, when links are being recorded.
    fn note(
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

    fn waiting(
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

    fn step(&self, id: &str) -> Option<(usize, &'a Step)> {
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

    fn step_route(&self, index: usize) -> Route {
        Route::keys(&["workflows", self.workflow_name, "steps"]).index(index)
    }

    fn evaluate(&self, rule: &DueRule, mut links: Chain) -> Result<Computed, DueError> {
        if let Some(name) = &rule.payment {
            let mut inner = self.installment_due(name)?;
            links.append(std::mem::take(&mut inner.links));
            inner.links = links;
            return Ok(inner);
        }
        let Some(anchor) = rule.anchor() else {
            return Ok(self.waiting(
                "a valid due rule",
                links,
                || "the rule has no anchor".into(),
                || None,
            ));
        };
        let base = self.anchor(anchor)?;
        links.append(base.links);
        let Some(mut point) = base.point else {
            return Ok(Computed {
                point: None,
                basis: base.basis,
                links,
            });
        };
        let basis = base.basis;
        let calendar = self.calendars.get(rule.calendar.as_deref())?;
        let tz = self.tz();
        if rule.from.is_some() {
            point = Point::Day(month_end(point.date()));
            self.note(
                &mut links,
                || format!("from the end of that month = {point}"),
                || None,
            );
        }
        if let Some(offset) = &rule.offset {
            let duration = match offset {
                Offset::Literal(d) => d.clone(),
                Offset::Field(field) => match self
                    .order
                    .contract
                    .as_ref()
                    .and_then(|c| c.production_time.clone())
                {
                    Some(d) if field == "contract.production_time" => d,
                    _ => {
                        return Ok(self.waiting(
                            field.clone(),
                            links,
                            || format!("{field} is not set"),
                            || Some(Source::Order(Route::keys(&["contract"]))),
                        ));
                    }
                },
            };
            let forward = rule.before.is_none();
            point = apply(point, &duration, forward, calendar).map_err(|e| forecast(e, &basis))?;
            self.note(
                &mut links,
                || {
                    let sign = if forward { "+" } else { "-" };
                    let on = if duration.uses_working_time() {
                        format!(" on calendar `{}`", calendar.name)
                    } else {
                        String::new()
                    };
                    let field = match offset {
                        Offset::Field(field) => format!(" ({field})"),
                        Offset::Literal(_) => String::new(),
                    };
                    format!("{sign} {duration}{field}{on} = {point}")
                },
                || match offset {
                    Offset::Field(_) => {
                        Some(Source::Order(Route::keys(&["contract", "production_time"])))
                    }
                    Offset::Literal(_) => None,
                },
            );
        }
        if let Some(day) = rule.day {
            point = point.with_date(set_day(point.date(), day), tz);
            self.note(
                &mut links,
                || format!("day {day} of the month = {point}"),
                || None,
            );
        }
        if rule.to.is_some() {
            point = point.with_date(month_end(point.date()), tz);
            self.note(
                &mut links,
                || format!("to the end of the month = {point}"),
                || None,
            );
        }
        if let Some(roll) = rule.roll {
            let following = roll == Roll::Following;
            let day = calendar
                .roll(point.date(), following)
                .map_err(|e| forecast(e, &basis))?;
            point = point.with_date(day, tz);
            self.note(
                &mut links,
                || {
                    let word = if following { "following" } else { "preceding" };
                    format!(
                        "rolled to the {word} working day on `{}` = {point}",
                        calendar.name
                    )
                },
                || None,
            );
        }
        Ok(Computed {
            point: Some(point),
            basis,
            links,
        })
    }

    /// The value of an anchor, with its basis.
    fn anchor(&self, anchor: &Anchor) -> Result<Computed, DueError> {
        let tz = self.tz();
        let order = self.order;
        let happened = |point: Point, what: &str, route: fn() -> Route| {
            let mut links = Chain::default();
            self.note(
                &mut links,
                || format!("{what} {point}"),
                || Some(Source::Order(route())),
            );
            Computed {
                point: Some(point),
                basis: Basis::Firm,
                links,
            }
        };
        let missing = |what: String, route: fn() -> Route| {
            let text = format!("{what} is not recorded yet");
            self.waiting(
                what,
                Chain::default(),
                || text,
                || Some(Source::Order(route())),
            )
        };
        Ok(match anchor {
            Anchor::Received => happened(
                Point::from_moment(&order.received.0, tz),
                "received",
                || Route::keys(&["received"]),
            ),
            Anchor::ConfirmationSent => match order.confirmation.as_ref().and_then(|c| c.sent) {
                Some(m) => happened(Point::from_moment(&m, tz), "confirmation sent", || {
                    Route::keys(&["confirmation", "sent"])
                }),
                None => missing("confirmation.sent".into(), || {
                    Route::keys(&["confirmation"])
                }),
            },
            Anchor::ConfirmationSigned => {
                match order.confirmation.as_ref().and_then(|c| c.signed) {
                    Some(d) => happened(Point::Day(d), "confirmation signed", || {
                        Route::keys(&["confirmation", "signed"])
                    }),
                    None => missing("confirmation.signed".into(), || {
                        Route::keys(&["confirmation"])
                    }),
                }
            }
            Anchor::ContractSigned => match order.contract.as_ref().and_then(|c| c.signed) {
                Some(d) => happened(Point::Day(d), "contract signed", || {
                    Route::keys(&["contract", "signed"])
                }),
                None => missing("contract.signed".into(), || Route::keys(&["contract"])),
            },
            Anchor::RequestedDelivery => match order.requested_delivery {
                Some(d) => happened(Point::Day(d), "requested delivery", || {
                    Route::keys(&["requested_delivery"])
                }),
                None => missing("requested_delivery".into(), Route::root),
            },
            Anchor::Date(name) => match order.dates.get(name) {
                Some(m) => {
                    let point = Point::from_moment(m, tz);
                    let mut links = Chain::default();
                    self.note(
                        &mut links,
                        || format!("dates.{name} {point}"),
                        || Some(Source::Order(Route::keys(&["dates", name]))),
                    );
                    Computed {
                        point: Some(point),
                        basis: Basis::Firm,
                        links,
                    }
                }
                None => missing(format!("dates.{name}"), || Route::keys(&["dates"])),
            },
            Anchor::Step(id) => return self.step_anchor(id),
        })
    }

    /// A step as an anchor: its `done` when done, otherwise its own due date.
    fn step_anchor(&self, id: &str) -> Result<Computed, DueError> {
        let record = self.order.steps.get(id);
        if let Some(done) = record.and_then(|r| r.done) {
            let point = Point::from_moment(&done, self.tz());
            let mut links = Chain::default();
            self.note(
                &mut links,
                || format!("{id} done {point}"),
                || Some(Source::Order(Route::keys(&["steps", id, "done"]))),
            );
            return Ok(Computed {
                point: Some(point),
                basis: Basis::Firm,
                links,
            });
        }
        if let Some((_, step)) = self.step(id)
            && !applies(step, self.order, self.workflow_name)
        {
            return Ok(self.waiting(
                format!("{id}, which does not apply to this order"),
                Chain::default(),
                || format!("{id} does not apply to this order"),
                || None,
            ));
        }
        let skipped = record.is_some_and(|r| r.skipped.is_some());
        let mut inner = self
            .step_due(id)
            .map_err(|e| if skipped { e } else { e.through_forecast() })?;
        let mut links = Chain::default();
        self.note(
            &mut links,
            || {
                if skipped {
                    format!("{id} was skipped; its due date stands in")
                } else {
                    format!("{id} is not done yet; its due date stands in")
                }
            },
            || record.map(|_| Source::Order(Route::keys(&["steps", id]))),
        );
        links.append(std::mem::take(&mut inner.links));
        inner.links = links;
        if !skipped {
            inner.basis = inner.basis.through(id);
        }
        Ok(inner)
    }
}

/// A calendar error of a computation whose basis is `basis`.
fn forecast(error: CalendarError, basis: &Basis) -> DueError {
    DueError::Range {
        error,
        forecast: !matches!(basis, Basis::Firm),
    }
}

/// A rule in the words of its YAML.
pub fn describe_rule(rule: &DueRule) -> String {
    let mut parts = Vec::new();
    if let Some(a) = &rule.after {
        parts.push(format!("after {a}"));
    }
    if let Some(b) = &rule.before {
        parts.push(format!("before {b}"));
    }
    if let Some(p) = &rule.payment {
        parts.push(format!("with installment `{p}`"));
    }
    if rule.from.is_some() {
        parts.push("from month-end".into());
    }
    if let Some(o) = &rule.offset {
        parts.push(format!("offset {o}"));
    }
    if let Some(d) = rule.day {
        parts.push(format!("day {d}"));
    }
    if rule.to.is_some() {
        parts.push("to month-end".into());
    }
    if let Some(r) = rule.roll {
        parts.push(format!(
            "roll {}",
            if r == Roll::Following {
                "following"
            } else {
                "preceding"
            }
        ));
    }
    if let Some(c) = &rule.calendar {
        parts.push(format!("calendar {c}"));
    }
    parts.join(", ")
}
