//! The value of an anchor: a date recorded in the order, or a step's done date,
//! or else that step's own due date (a forecast through it).

use super::basis::{Basis, Computed, DueError};
use super::chain::{Chain, Source};
use super::due::DueEngine;
use super::point::Point;
use crate::model::due::Anchor;
use crate::model::status::applies;
use crate::yaml::Route;

impl DueEngine<'_> {
    /// The value of an anchor, with its basis.
    pub(super) fn anchor(&self, anchor: &Anchor) -> Result<Computed, DueError> {
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
        if !skipped
            && let Some(update) = super::updates::latest_expected(self.order, id, self.tz())
            && let Some(expect) = &update.expect
        {
            let point = Point::from_moment(expect, self.tz());
            let at = self
                .order
                .progress
                .iter()
                .position(|p| std::ptr::eq(p, update));
            let mut links = Chain::default();
            self.note(
                &mut links,
                || {
                    format!(
                        "{id} is not done yet; {} reported on {} that it is expected {point}",
                        update.by, update.at
                    )
                },
                || at.map(|i| Source::Order(Route::keys(&["progress"]).index(i).key("expect"))),
            );
            return Ok(Computed {
                point: Some(point),
                basis: Basis::Reported {
                    step: id.to_owned(),
                },
                links,
            });
        }
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
