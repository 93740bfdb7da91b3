//! The reports: each turns the ledger's orders, their schedules
//! and "now" into a [`Report`](crate::reports::report::Report). Pure: orders come
//! in already read, and nothing here prints.

pub mod agenda;
pub mod calendar;
mod calendar_updates;
pub mod changes;
pub mod due_row;
pub mod escalation;
pub mod history;
pub mod ics_text;
pub mod listing;
pub mod monthly;
pub mod order_view;
pub mod overdue;
pub mod receivables;
pub mod report;
pub mod sla;
pub mod slips;
pub mod tables;
pub mod upcoming;

use chrono::DateTime;
use chrono_tz::Tz;

use crate::engine::due::Calendars;
use crate::engine::schedule::Schedule;
use crate::i18n::{self, Arg, Lang};
use crate::model::Config;
use crate::model::config::Step;
use crate::model::order::Order;

/// What every report reads besides the orders, which come one at a time (see
/// `Ledger::map_orders`).
/// Each customer's name, by code.
pub type Names = std::collections::BTreeMap<String, String>;

#[derive(Clone, Copy)]
pub struct Book<'a> {
    pub config: &'a Config,
    pub calendars: &'a Calendars,
    pub tz: Tz,
    pub now: DateTime<Tz>,
    /// The language of the words reports write.
    pub lang: Lang,
}

impl<'a> Book<'a> {
    /// An order's schedule; `None` when its workflow is unknown (left to
    /// `validate`, which reports it).
    pub fn schedule<'o>(&self, order: &'o Order) -> Option<Schedule<'o>>
    where
        'a: 'o,
    {
        Schedule::of(self.config, self.calendars, order)
    }

    /// The same, with the chain behind every date written out.
    pub fn explained<'o>(&self, order: &'o Order) -> Option<Schedule<'o>>
    where
        'a: 'o,
    {
        Schedule::explained(self.config, self.calendars, order)
    }

    /// Who is expected to act on a step: the order's owner when they hold its role,
    /// otherwise everyone who does.
    pub fn assignee(&self, owner: &str, step: &Step) -> String {
        self.assignees(owner, step).join(", ")
    }

    /// The people `targets` name: a person, or everyone holding a role (as
    /// `notify` and `escalate.to` take them), sorted, each once.
    pub fn people_of(&self, targets: &[String]) -> Vec<String> {
        let mut keys: Vec<String> = Vec::new();
        for who in targets {
            if self.config.people.contains_key(who) {
                keys.push(who.clone());
            } else {
                keys.extend(self.config.holders(who).into_iter().map(str::to_owned));
            }
        }
        keys.sort();
        keys.dedup();
        keys
    }

    /// The same, one person each.
    pub fn assignees(&self, owner: &str, step: &Step) -> Vec<String> {
        if self.config.may_act_as(owner, &step.role) {
            return vec![owner.to_owned()];
        }
        self.config
            .holders(&step.role)
            .into_iter()
            .map(str::to_owned)
            .collect()
    }

    /// A message of the catalog in the book's language.
    pub fn t(&self, key: &str) -> String {
        i18n::t(self.lang, key)
    }

    /// A message with its arguments.
    pub fn tr(&self, key: &str, args: &[(&str, Arg<'_>)]) -> String {
        i18n::tr(self.lang, key, args)
    }

    /// A step's title in the book's language.
    pub fn title<'s>(&self, step: &'s Step) -> &'s str {
        step.title.get(self.lang)
    }

    /// A step as a sentence names it: by its id in English (the code people
    /// type in commands), by its title in another language, where an id is
    /// an English word.
    pub fn step_ref<'s>(&self, step: &'s Step) -> &'s str {
        if self.lang == Lang::En {
            &step.id
        } else {
            self.title(step)
        }
    }

    /// An installment (a payment term's `name`) as a reader names it: the
    /// catalog's word for the common names (`deposit` is 定金 in Chinese),
    /// any other name as written.
    pub fn installment(&self, name: &str) -> String {
        i18n::installment(self.lang, name)
    }

    /// An SLA policy as a reader names it: its id in English (a word already,
    /// and what JSON and CSV carry), its title in another language.
    pub fn policy(&self, id: &str) -> String {
        if self.lang == Lang::En {
            return id.to_owned();
        }
        self.config
            .sla
            .iter()
            .find(|p| p.id == id)
            .map_or_else(|| id.to_owned(), |p| p.title.get(self.lang).to_owned())
    }

    /// A due date's basis in the book's language. In English the steps a
    /// forecast passes through go by their ids (`forecast (via ORD-13)`); in
    /// another language by their titles in `workflow` (an id such as
    /// `feedback` is an English word there).
    pub fn basis(&self, workflow: Option<&str>, basis: &crate::engine::basis::Basis) -> String {
        if self.lang == Lang::En {
            return basis.label_in(self.lang);
        }
        let steps = self
            .config
            .workflow_of(workflow)
            .map(|(_, w)| w.steps.as_slice())
            .unwrap_or_default();
        basis.label_naming(self.lang, &|id| {
            steps
                .iter()
                .find(|s| s.id == id)
                .map(|s| self.title(s).to_owned())
        })
    }

    /// The title of an update-due row: the step's title and the last update.
    pub fn update_title(&self, step: &Step, last: Option<crate::engine::point::Point>) -> String {
        let title = self.title(step);
        match last {
            Some(last) => self.tr(
                "update-due",
                &[
                    ("title", title.into()),
                    ("last", last.to_string().as_str().into()),
                ],
            ),
            None => self.tr("update-due-first", &[("title", title.into())]),
        }
    }

    /// The as-of instant as reports print it.
    pub fn as_of(&self) -> String {
        self.now.format("%Y-%m-%d %H:%M %:z").to_string()
    }
}

/// Whether an installment is tracked by an open step of the schedule (a step
/// due `{payment: NAME}`), so it need not be listed on its own.
pub fn tracked_by_step(schedule: &Schedule<'_>, installment: &str) -> bool {
    tracking_step(schedule, installment).is_some()
}

/// The open step of the schedule that is due `{payment: NAME}` for the
/// installment, and so stands for it in `overdue` and the calendar.
pub fn tracking_step<'s>(schedule: &'s Schedule<'_>, installment: &str) -> Option<&'s str> {
    let lines = &schedule.installments;
    let index = lines.iter().position(|i| i.term.name == installment)?;
    schedule
        .steps
        .iter()
        .find(|line| {
            line.state.is_open()
                && line
                    .step
                    .due
                    .as_ref()
                    .and_then(|d| d.payment.as_deref())
                    .is_some_and(|named| {
                        crate::model::customer::installment_position(lines, |i| &i.term.name, named)
                            == Some(index)
                    })
        })
        .map(|line| line.step.id.as_str())
}
