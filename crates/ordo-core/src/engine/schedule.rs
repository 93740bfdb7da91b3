//! One order's schedule: every applicable step with its state and due date, and
//! every installment with what is owed. What `show`, `list`, the reports and the
//! writing commands all read.

use rust_decimal::Decimal;

use chrono::DateTime;
use chrono_tz::Tz;

use super::due::{Basis, Calendars, Computed, DueEngine, DueError};
use super::point::Point;
use crate::model::config::{Config, Step};
use crate::model::customer::PaymentTerm;
use crate::model::order::{Order, StepRecord};
use crate::model::status::{Status, applies, is_closed, status};

/// Where a step stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StepState {
    Done,
    Skipped,
    /// Open, and every step it requires is done or skipped.
    Ready,
    /// Open, waiting for these required steps.
    Blocked(Vec<String>),
}

impl StepState {
    pub fn is_open(&self) -> bool {
        matches!(self, StepState::Ready | StepState::Blocked(_))
    }

    /// The state's key in the JSON, the export and the site (`done`, `skipped`,
    /// `ready`, `blocked`).
    pub fn kind(&self) -> &'static str {
        match self {
            StepState::Done => "done",
            StepState::Skipped => "skipped",
            StepState::Ready => "ready",
            StepState::Blocked(_) => "blocked",
        }
    }

    pub fn label(&self) -> String {
        self.label_in(crate::i18n::Lang::En)
    }

    pub fn label_in(&self, lang: crate::i18n::Lang) -> String {
        use crate::i18n::{t, tr};
        match self {
            StepState::Done => t(lang, "state-done"),
            StepState::Skipped => t(lang, "state-skipped"),
            StepState::Ready => t(lang, "state-ready"),
            StepState::Blocked(on) => tr(
                lang,
                "state-after",
                &[("steps", on.join(", ").as_str().into())],
            ),
        }
    }
}

/// One applicable step of an order.
#[derive(Debug, Clone)]
pub struct StepLine<'a> {
    /// Its position in the workflow (for locating its rule in ordo.yaml).
    pub index: usize,
    pub step: &'a Step,
    pub record: Option<&'a StepRecord>,
    pub state: StepState,
    pub due: Result<Computed, DueError>,
}

/// Whether a step is or was late, and by how many whole days (0 when not).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Lateness {
    pub late: bool,
    pub days: i64,
}

impl StepLine<'_> {
    /// Measured against a firm or forecast due date only (a step due after an
    /// undated one has nothing to be late against): done after it, or still
    /// open once it has passed as of `now`. `None` for a step without such a
    /// date, and for a skipped one.
    pub fn lateness(&self, now: DateTime<Tz>, tz: Tz) -> Option<Lateness> {
        let due = self
            .due
            .as_ref()
            .ok()
            .filter(|c| c.basis == Basis::Firm || c.basis.is_forecast())?
            .point?;
        let done = self.record.and_then(|r| r.done.as_ref());
        let (late, days) = match done {
            Some(done) => {
                let done = Point::from_moment(done, tz);
                (
                    due.missed_by(&done, tz),
                    (done.date() - due.date()).num_days(),
                )
            }
            None if self.state.is_open() => (now >= due.overdue_from(tz), due.days_until(now)),
            None => return None,
        };
        Some(Lateness {
            late,
            days: if late { days.max(0) } else { 0 },
        })
    }
}

/// One installment of the contract.
#[derive(Debug, Clone)]
pub struct InstallmentLine<'a> {
    pub term: &'a PaymentTerm,
    pub amount: Decimal,
    pub paid: Decimal,
    pub outstanding: Decimal,
    pub due: Result<Computed, DueError>,
}

/// An order's schedule.
#[derive(Debug, Clone)]
pub struct Schedule<'a> {
    pub workflow_name: &'a str,
    pub status: Status,
    pub stage: Option<&'a Step>,
    pub steps: Vec<StepLine<'a>>,
    pub installments: Vec<InstallmentLine<'a>>,
    pub total: Decimal,
    pub paid: Decimal,
    /// Surpluses applied to other installments.
    pub carried: Vec<crate::model::money::Carry>,
    pub tz: chrono_tz::Tz,
}

impl<'a> Schedule<'a> {
    /// The schedule of an order; `None` when its workflow does not exist.
    pub fn of(config: &'a Config, calendars: &Calendars, order: &'a Order) -> Option<Self> {
        Self::build(config, calendars, order, false)
    }

    /// The schedule with the chain behind every date written out.
    pub fn explained(config: &'a Config, calendars: &Calendars, order: &'a Order) -> Option<Self> {
        Self::build(config, calendars, order, true)
    }

    fn build(
        config: &'a Config,
        calendars: &Calendars,
        order: &'a Order,
        explain: bool,
    ) -> Option<Self> {
        let (name, workflow) = config.workflow_of(order.workflow.as_deref())?;
        let mut engine = DueEngine::new(order, name, workflow, calendars);
        if explain {
            engine = engine.explaining();
        }
        let (status, stage) = status(config, order, name, workflow);
        let steps = workflow
            .steps
            .iter()
            .enumerate()
            .filter(|(_, s)| applies(s, order, name))
            .map(|(index, step)| {
                let record = order.steps.get(&step.id);
                let state = match record {
                    Some(r) if r.done.is_some() => StepState::Done,
                    Some(r) if r.skipped.is_some() => StepState::Skipped,
                    _ => {
                        let waiting: Vec<String> = step
                            .requires
                            .iter()
                            .filter(|req| {
                                engine
                                    .step(req)
                                    .is_some_and(|(_, s)| applies(s, order, name))
                                    && !is_closed(order, req)
                            })
                            .cloned()
                            .collect();
                        if waiting.is_empty() {
                            StepState::Ready
                        } else {
                            StepState::Blocked(waiting)
                        }
                    }
                };
                StepLine {
                    index,
                    step,
                    record,
                    state,
                    due: engine.step_due(&step.id),
                }
            })
            .collect();
        // Orders come from the loader, which refuses one whose money overflows.
        let money =
            crate::model::money::allocate(order, config.decimals_of(order.currency.as_deref()))
                .unwrap_or_default();
        let terms = order
            .contract
            .as_ref()
            .map(|c| c.payment_terms.as_slice())
            .unwrap_or_default();
        let installments = money
            .installments
            .iter()
            .map(|share| {
                let term = &terms[share.index];
                InstallmentLine {
                    term,
                    amount: share.amount,
                    paid: share.paid,
                    outstanding: share.outstanding,
                    due: engine.installment_due(&term.name),
                }
            })
            .collect();
        Some(Schedule {
            workflow_name: name,
            status,
            stage,
            steps,
            installments,
            total: money.total,
            paid: money.paid,
            carried: money.carried,
            tz: calendars.tz,
        })
    }

    /// The open steps whose requirements are met.
    pub fn ready(&self) -> Vec<&StepLine<'a>> {
        self.steps
            .iter()
            .filter(|s| s.state == StepState::Ready)
            .collect()
    }

    pub fn line(&self, id: &str) -> Option<&StepLine<'a>> {
        self.steps.iter().find(|s| s.step.id == id)
    }

    /// The step done last (by its `done` instant), and that day: what last
    /// happened on the order, beside the stage (what is next).
    pub fn last_done(&self) -> Option<(&'a crate::model::config::Step, chrono::NaiveDate)> {
        let tz = self.tz;
        self.steps
            .iter()
            .filter_map(|l| Some((l.step, l.record?.done?)))
            .max_by(|a, b| a.1.cmp_in(&b.1, tz))
            .map(|(step, at)| (step, at.local_date(tz)))
    }

    /// The earliest due date among the open steps, with the step.
    pub fn next_due(&self) -> Option<(&StepLine<'a>, &Computed)> {
        if self.status == Status::Cancelled {
            return None;
        }
        self.steps
            .iter()
            .filter(|s| s.state.is_open())
            .filter_map(|s| {
                s.due
                    .as_ref()
                    .ok()
                    .filter(|c| c.point.is_some())
                    .map(|c| (s, c))
            })
            .min_by_key(|(_, c)| c.point.map(|p| p.overdue_from(self.tz)))
    }
}
