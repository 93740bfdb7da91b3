//! Due rules evaluated for one order (DESIGN 3.2). Every result carries its basis
//! (firm, forecast or waiting) and the chain of links that produced it, each with
//! the place its input came from, for `ordo explain`.

use std::cell::RefCell;
use std::collections::HashMap;

use chrono_tz::Tz;

use super::arith::{apply, month_end, set_day};
use super::calendar::{OutOfRange, WorkCalendar};
use super::point::Point;
use crate::model::config::{Config, Step, Workflow};
use crate::model::due::{Anchor, DueRule, Offset, Roll};
use crate::model::order::Order;
use crate::model::status::applies;
use crate::yaml::Route;

/// How sure a computed date is.
#[derive(Debug, Clone, PartialEq, Eq)]
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

/// A computed due date, its basis and how it was reached.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Computed {
    pub point: Option<Point>,
    pub basis: Basis,
    pub links: Vec<Link>,
}

impl Computed {
    fn waiting(
        on: impl Into<String>,
        mut links: Vec<Link>,
        text: String,
        source: Option<Source>,
    ) -> Self {
        links.push(Link { text, source });
        Computed {
            point: None,
            basis: Basis::Waiting { on: on.into() },
            links,
        }
    }
}

/// Why a due date could not be computed at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DueError {
    #[error(transparent)]
    Range(#[from] OutOfRange),
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

/// Evaluates the due rules of one order, remembering each result.
pub struct DueEngine<'a> {
    pub order: &'a Order,
    pub workflow_name: &'a str,
    pub workflow: &'a Workflow,
    calendars: &'a Calendars,
    memo: RefCell<HashMap<Key, Result<Computed, DueError>>>,
    visiting: RefCell<Vec<Key>>,
}

impl<'a> DueEngine<'a> {
    pub fn new(
        order: &'a Order,
        workflow_name: &'a str,
        workflow: &'a Workflow,
        calendars: &'a Calendars,
    ) -> Self {
        DueEngine {
            order,
            workflow_name,
            workflow,
            calendars,
            memo: RefCell::new(HashMap::new()),
            visiting: RefCell::new(Vec::new()),
        }
    }

    fn tz(&self) -> Tz {
        self.calendars.tz
    }

    fn step(&self, id: &str) -> Option<(usize, &'a Step)> {
        self.workflow
            .steps
            .iter()
            .enumerate()
            .find(|(_, s)| s.id == id)
    }

    /// The due date of a step of the order's workflow.
    pub fn step_due(&self, id: &str) -> Result<Computed, DueError> {
        self.memoized(Key::Step(id.to_owned()), || {
            let Some((index, step)) = self.step(id) else {
                return Ok(Computed::waiting(
                    format!("step {id}"),
                    Vec::new(),
                    format!("{id} is not a step of workflow {}", self.workflow_name),
                    None,
                ));
            };
            let Some(rule) = &step.due else {
                return Ok(Computed {
                    point: None,
                    basis: Basis::None,
                    links: vec![Link {
                        text: format!("{id} has no due rule"),
                        source: Some(Source::Config(self.step_route(index))),
                    }],
                });
            };
            let head = Link {
                text: format!("{id} ({}) is due {}", step.title, describe_rule(rule)),
                source: Some(Source::Config(self.step_route(index).key("due"))),
            };
            self.evaluate(rule, head)
        })
    }

    /// The due date of a payment installment of the order's contract.
    pub fn installment_due(&self, name: &str) -> Result<Computed, DueError> {
        self.memoized(Key::Installment(name.to_owned()), || {
            let terms = self
                .order
                .contract
                .as_ref()
                .map(|c| c.payment_terms.as_slice())
                .unwrap_or_default();
            let Some((index, term)) = terms.iter().enumerate().find(|(_, t)| t.name == name) else {
                return Ok(Computed::waiting(
                    format!("installment `{name}`"),
                    Vec::new(),
                    format!("the contract has no installment `{name}`"),
                    Some(Source::Order(Route::keys(&["contract"]))),
                ));
            };
            let head = Link {
                text: format!(
                    "installment `{name}` ({}%) is due {}",
                    term.percent,
                    describe_rule(&term.due)
                ),
                source: Some(Source::Order(
                    Route::keys(&["contract", "payment_terms"])
                        .index(index)
                        .key("due"),
                )),
            };
            self.evaluate(&term.due, head)
        })
    }

    fn memoized(
        &self,
        key: Key,
        compute: impl FnOnce() -> Result<Computed, DueError>,
    ) -> Result<Computed, DueError> {
        if let Some(done) = self.memo.borrow().get(&key) {
            return done.clone();
        }
        if self.visiting.borrow().contains(&key) {
            let name = match &key {
                Key::Step(s) => s.clone(),
                Key::Installment(i) => format!("installment `{i}`"),
            };
            return Err(DueError::Cycle(name));
        }
        self.visiting.borrow_mut().push(key.clone());
        let result = compute();
        self.visiting.borrow_mut().pop();
        self.memo.borrow_mut().insert(key, result.clone());
        result
    }

    fn step_route(&self, index: usize) -> Route {
        Route::keys(&["workflows", self.workflow_name, "steps"]).index(index)
    }

    fn evaluate(&self, rule: &DueRule, head: Link) -> Result<Computed, DueError> {
        let mut links = vec![head];
        if let Some(name) = &rule.payment {
            let mut inner = self.installment_due(name)?;
            links.append(&mut inner.links);
            inner.links = links;
            return Ok(inner);
        }
        let Some(anchor) = rule.anchor() else {
            return Ok(Computed::waiting(
                "a valid due rule",
                links,
                "the rule has no anchor".into(),
                None,
            ));
        };
        let base = self.anchor(anchor)?;
        links.extend(base.links);
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
        let mut shaped = |point: Point, text: String| {
            links.push(Link {
                text: format!("{text} = {point}"),
                source: None,
            });
            point
        };
        if rule.from.is_some() {
            point = shaped(
                Point::Day(month_end(point.date())),
                "from the end of that month".into(),
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
                        return Ok(Computed::waiting(
                            field.clone(),
                            links,
                            format!("{field} is not set"),
                            Some(Source::Order(Route::keys(&["contract"]))),
                        ));
                    }
                },
            };
            let forward = rule.before.is_none();
            let sign = if forward { "+" } else { "-" };
            let on = if duration.uses_working_time() {
                format!(" on calendar `{}`", calendar.name)
            } else {
                String::new()
            };
            let source_note = match offset {
                Offset::Field(field) => format!(" ({field})"),
                Offset::Literal(_) => String::new(),
            };
            point = apply(point, &duration, forward, calendar)?;
            let text = format!("{sign} {duration}{source_note}{on}");
            let link_source = match offset {
                Offset::Field(_) => {
                    Some(Source::Order(Route::keys(&["contract", "production_time"])))
                }
                Offset::Literal(_) => None,
            };
            links.push(Link {
                text: format!("{text} = {point}"),
                source: link_source,
            });
        }
        let mut shaped = |point: Point, text: String| {
            links.push(Link {
                text: format!("{text} = {point}"),
                source: None,
            });
            point
        };
        if let Some(day) = rule.day {
            point = shaped(
                point.with_date(set_day(point.date(), day), tz),
                format!("day {day} of the month"),
            );
        }
        if rule.to.is_some() {
            point = shaped(
                point.with_date(month_end(point.date()), tz),
                "to the end of the month".into(),
            );
        }
        if let Some(roll) = rule.roll {
            let following = roll == Roll::Following;
            let day = calendar.roll(point.date(), following)?;
            let word = if following { "following" } else { "preceding" };
            point = shaped(
                point.with_date(day, tz),
                format!("rolled to the {word} working day on `{}`", calendar.name),
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
        let happened = |point: Point, text: String, route: Route| Computed {
            point: Some(point),
            basis: Basis::Firm,
            links: vec![Link {
                text: format!("{text} {point}"),
                source: Some(Source::Order(route)),
            }],
        };
        let missing = |what: &str, route: Route| {
            Computed::waiting(
                what,
                Vec::new(),
                format!("{what} is not recorded yet"),
                Some(Source::Order(route)),
            )
        };
        Ok(match anchor {
            Anchor::Received => happened(
                Point::from_moment(&order.received.0, tz),
                "received".into(),
                Route::keys(&["received"]),
            ),
            Anchor::ConfirmationSent => match order.confirmation.as_ref().and_then(|c| c.sent) {
                Some(m) => happened(
                    Point::from_moment(&m, tz),
                    "confirmation sent".into(),
                    Route::keys(&["confirmation", "sent"]),
                ),
                None => missing("confirmation.sent", Route::keys(&["confirmation"])),
            },
            Anchor::ConfirmationSigned => {
                match order.confirmation.as_ref().and_then(|c| c.signed) {
                    Some(d) => happened(
                        Point::Day(d),
                        "confirmation signed".into(),
                        Route::keys(&["confirmation", "signed"]),
                    ),
                    None => missing("confirmation.signed", Route::keys(&["confirmation"])),
                }
            }
            Anchor::ContractSigned => match order.contract.as_ref().and_then(|c| c.signed) {
                Some(d) => happened(
                    Point::Day(d),
                    "contract signed".into(),
                    Route::keys(&["contract", "signed"]),
                ),
                None => missing("contract.signed", Route::keys(&["contract"])),
            },
            Anchor::RequestedDelivery => match order.requested_delivery {
                Some(d) => Computed {
                    point: Some(Point::Day(d)),
                    basis: Basis::Firm,
                    links: vec![Link {
                        text: format!("requested delivery {d}"),
                        source: Some(Source::Order(Route::keys(&["requested_delivery"]))),
                    }],
                },
                None => missing("requested_delivery", Route::root()),
            },
            Anchor::Date(name) => match order.dates.get(name) {
                Some(m) => happened(
                    Point::from_moment(m, tz),
                    format!("dates.{name}"),
                    Route::keys(&["dates", name]),
                ),
                None => missing(&format!("dates.{name}"), Route::keys(&["dates"])),
            },
            Anchor::Step(id) => return self.step_anchor(id),
        })
    }

    /// A step as an anchor: its `done` when done, otherwise its own due date.
    fn step_anchor(&self, id: &str) -> Result<Computed, DueError> {
        let record = self.order.steps.get(id);
        if let Some(done) = record.and_then(|r| r.done) {
            let point = Point::from_moment(&done, self.tz());
            return Ok(Computed {
                point: Some(point),
                basis: Basis::Firm,
                links: vec![Link {
                    text: format!("{id} done {point}"),
                    source: Some(Source::Order(Route::keys(&["steps", id, "done"]))),
                }],
            });
        }
        if let Some((_, step)) = self.step(id)
            && !applies(step, self.order, self.workflow_name)
        {
            return Ok(Computed::waiting(
                format!("{id}, which does not apply to this order"),
                Vec::new(),
                format!("{id} does not apply to this order"),
                None,
            ));
        }
        let skipped = record.is_some_and(|r| r.skipped.is_some());
        let mut inner = self.step_due(id)?;
        let note = if skipped {
            format!("{id} was skipped; its due date stands in")
        } else {
            format!("{id} is not done yet; its due date stands in")
        };
        let mut links = vec![Link {
            text: note,
            source: record.map(|_| Source::Order(Route::keys(&["steps", id]))),
        }];
        links.append(&mut inner.links);
        inner.links = links;
        if !skipped {
            inner.basis = inner.basis.through(id);
        }
        Ok(inner)
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
