//! `future` and the sense of dates: nothing that happened is dated after now, a
//! local time exists in the ledger's timezone, and periods end after they start.

use std::cmp::Ordering;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::finding::{Code, Finding};
use crate::model::moment::{Moment, Resolved};
use crate::model::order::Order;
use crate::yaml::Route;

use super::Context;

/// A dated field of an order, and whether it records something that happened
/// (and so cannot lie in the future).
struct Dated<'a> {
    place: Place<'a>,
    moment: Moment,
    happened: bool,
}

/// Where a dated field is, in parts: its route is only built for a finding
/// (most orders have none, and every order has dozens of dates).
#[derive(Clone, Copy)]
enum Place<'a> {
    /// `received`, `confirmation.sent`, ...
    Keys(&'static [&'static str]),
    /// `dates.<name>`, `steps.<id>.done`, ...
    Named(&'static str, &'a str, Option<&'static str>),
    /// `payments[i].received`, `amendments[i].review.done`, ...
    Indexed(&'static str, usize, &'static [&'static str]),
}

impl Place<'_> {
    fn route(self) -> Route {
        match self {
            Place::Keys(keys) => Route::keys(keys),
            Place::Named(list, name, leaf) => {
                let at = Route::root().key(list).key(name);
                leaf.map_or(at.clone(), |leaf| at.key(leaf))
            }
            Place::Indexed(list, i, keys) => keys
                .iter()
                .fold(Route::root().key(list).index(i), |at, k| at.key(*k)),
        }
    }
}

fn dated_fields<'a>(order: &'a Order) -> Vec<Dated<'a>> {
    let mut out = Vec::new();
    let mut add = |place: Place<'a>, moment: Moment, happened: bool| {
        out.push(Dated {
            place,
            moment,
            happened,
        });
    };
    add(Place::Keys(&["received"]), order.received.0, true);
    if let Some(c) = &order.confirmation {
        if let Some(sent) = c.sent {
            add(Place::Keys(&["confirmation", "sent"]), sent, true);
        }
        if let Some(signed) = c.signed {
            add(
                Place::Keys(&["confirmation", "signed"]),
                Moment::Date(signed),
                true,
            );
        }
    }
    if let Some(signed) = order.contract.as_ref().and_then(|c| c.signed) {
        add(
            Place::Keys(&["contract", "signed"]),
            Moment::Date(signed),
            true,
        );
    }
    for (name, moment) in &order.dates {
        add(Place::Named("dates", name, None), *moment, false);
    }
    for (id, record) in &order.steps {
        if let Some(planned) = record.planned {
            add(Place::Named("steps", id, Some("planned")), planned, false);
        }
        if let Some(done) = record.done {
            add(Place::Named("steps", id, Some("done")), done, true);
        }
    }
    for (i, p) in order.payments.iter().enumerate() {
        add(
            Place::Indexed("payments", i, &["received"]),
            p.received,
            true,
        );
    }
    for (i, a) in order.amendments.iter().enumerate() {
        add(Place::Indexed("amendments", i, &["at"]), a.at.0, true);
        if let Some(d) = a.reconfirmed {
            add(
                Place::Indexed("amendments", i, &["reconfirmed"]),
                Moment::Date(d),
                true,
            );
        }
        if let Some(r) = &a.review {
            add(
                Place::Indexed("amendments", i, &["review", "done"]),
                r.done,
                true,
            );
        }
    }
    for (i, incident) in order.incidents.iter().enumerate() {
        add(
            Place::Indexed("incidents", i, &["opened"]),
            incident.opened.0,
            true,
        );
        if let Some(resolved) = incident.resolved {
            add(
                Place::Indexed("incidents", i, &["resolved"]),
                resolved,
                true,
            );
        }
    }
    for (i, hold) in order.holds.iter().enumerate() {
        add(Place::Indexed("holds", i, &["from"]), hold.from, true);
        if let Some(to) = hold.to {
            add(Place::Indexed("holds", i, &["to"]), to, false);
        }
    }
    out
}

/// Local times that do not exist in the ledger's timezone (the clocks skip
/// them): no date can be computed from them, so the order cannot be used.
pub fn missing_local_times(rel: &Path, order: &Order, tz: chrono_tz::Tz) -> Vec<Finding> {
    dated_fields(order)
        .into_iter()
        .filter(|field| {
            matches!(field.moment, Moment::Local(_))
                && field.moment.resolve(tz) == Resolved::Missing
        })
        .map(|field| {
            Finding::error(
                Code::Schema,
                rel,
                format!(
                    "{} does not exist in {tz}: the clocks skip that hour",
                    field.moment
                ),
            )
            .at(field.place.route())
            .label("no such local time")
            .help("write the time with its offset, e.g. 2026-03-08T03:30:00-04:00")
        })
        .collect()
}

/// The span of "now" over which an order's `future` findings stay as they are:
/// from the last recorded instant that has passed up to the next one that has
/// not (Unix seconds; a date counts from the start of its day). A cache keeps an
/// order's findings only while "now" stays inside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Window {
    pub since: Option<i64>,
    pub until: Option<i64>,
}

impl Window {
    /// For an order whose answer cannot be pinned down (a date whose midnight
    /// the clocks skip): it holds at no time.
    pub const NEVER: Window = Window {
        since: Some(i64::MAX),
        until: Some(i64::MIN),
    };

    pub fn holds(&self, now: i64) -> bool {
        self.since.is_none_or(|s| now >= s) && self.until.is_none_or(|u| now < u)
    }

    /// Takes in an instant at which a verdict flips, seen from `now`.
    fn add(&mut self, at: i64, now: i64) {
        if at <= now {
            self.since = Some(self.since.map_or(at, |s| s.max(at)));
        } else {
            self.until = Some(self.until.map_or(at, |u| u.min(at)));
        }
    }
}

/// `future`, and periods that end before they start; returns the window of "now" over which the `future` findings hold.
pub fn check(ctx: &Context<'_>, rel: &Path, order: &Order, out: &mut Vec<Finding>) -> Window {
    let today = ctx.now.date_naive();
    let now = ctx.now.timestamp();
    let mut window = Window::default();
    for field in dated_fields(order) {
        if !field.happened {
            continue;
        }
        let resolved = field.moment.resolve(ctx.tz);
        // A date is in the future until its day starts; a time until it comes.
        let (future, flips) = match (field.moment, resolved) {
            (Moment::Date(d), Resolved::One(start) | Resolved::Ambiguous(start)) => {
                (d > today, Some(start.timestamp()))
            }
            (Moment::Date(d), Resolved::Missing) => (d > today, None),
            (_, Resolved::One(at) | Resolved::Ambiguous(at)) => {
                let ceil = at.timestamp() + i64::from(at.timestamp_subsec_nanos() > 0);
                (at > ctx.now, Some(ceil))
            }
            (_, Resolved::Missing) => (false, None),
        };
        match flips {
            Some(at) => window.add(at, now),
            None => window = Window::NEVER,
        }
        if future {
            let route = field.place.route();
            out.push(
                Finding::error(
                    Code::Future,
                    rel,
                    format!(
                        "`{route}` is {}, after now ({})",
                        field.moment,
                        ctx.now.format("%Y-%m-%d %H:%M %:z")
                    ),
                )
                .at(route)
                .label("in the future")
                .help("record things when they have happened; a plan goes in `planned`"),
            );
        }
    }
    let backwards = |start: &Moment, end: &Moment| end.cmp_in(start, ctx.tz) == Ordering::Less;
    for (i, incident) in order.incidents.iter().enumerate() {
        if let Some(resolved) = &incident.resolved
            && backwards(&incident.opened.0, resolved)
        {
            out.push(
                Finding::error(
                    Code::Order,
                    rel,
                    "the incident is resolved before it was opened",
                )
                .at(Route::root().key("incidents").index(i).key("resolved"))
                .label("before `opened`"),
            );
        }
    }
    for (i, hold) in order.holds.iter().enumerate() {
        if let Some(to) = &hold.to
            && backwards(&hold.from, to)
        {
            out.push(
                Finding::error(Code::Order, rel, "the hold ends before it starts")
                    .at(Route::root().key("holds").index(i).key("to"))
                    .label("before `from`"),
            );
        }
    }
    overlapping_holds(ctx, rel, order, out);
    window
}

/// `hold-overlap`: two holds of an order that share time. The clocks pause
/// once for it (their union); the warning is for the record, which is
/// probably wrong.
fn overlapping_holds(ctx: &Context<'_>, rel: &Path, order: &Order, out: &mut Vec<Finding>) {
    if order.holds.len() < 2 {
        return;
    }
    let mut spans: Vec<(usize, Moment, Option<Moment>)> = order
        .holds
        .iter()
        .enumerate()
        .map(|(i, h)| (i, h.from, h.to))
        .collect();
    spans.sort_by(|a, b| a.1.cmp_in(&b.1, ctx.tz));
    // The hold reaching furthest so far: a later one that starts before its
    // end overlaps it.
    let mut furthest: Option<(usize, Option<Moment>)> = None;
    for (i, from, to) in spans {
        if let Some((j, end)) = furthest
            && end.is_none_or(|end| from.cmp_in(&end, ctx.tz) == Ordering::Less)
        {
            out.push(
                Finding::warning(
                    Code::HoldOverlap,
                    rel,
                    format!(
                        "holds {} and {} overlap; SLA clocks pause once for the time they share",
                        j.min(i) + 1,
                        j.max(i) + 1
                    ),
                )
                .at(Route::root().key("holds").index(i).key("from"))
                .label(format!("within hold {}", j + 1))
                .help("merge them into one hold, or correct their times"),
            );
        }
        let reaches_further = match (&furthest, to) {
            (None, _) | (_, None) => true,
            (Some((_, None)), Some(_)) => false,
            (Some((_, Some(end))), Some(to)) => to.cmp_in(end, ctx.tz) == Ordering::Greater,
        };
        if reaches_further {
            furthest = Some((i, to));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::test_kit::{Desk, WORKFLOW_CONFIG, findings, order};

    #[test]
    fn nothing_that_happened_is_dated_after_now() {
        let desk = Desk::new(WORKFLOW_CONFIG);
        let done = order(
            "O-1",
            "steps:\n  S1: {done: 2026-11-25T10:00:00+08:00, by: ann}\n",
        );
        assert_eq!(
            findings(&desk, &done, "2026-11-20T12:00"),
            ["future at steps.S1.done"]
        );
        assert!(findings(&desk, &done, "2026-11-25T10:00").is_empty());
    }
}
