//! `future` and the sense of dates: nothing that happened is dated after now, a
//! local time exists in the ledger's timezone, and periods end after they start.

use std::cmp::Ordering;
use std::path::Path;

use crate::finding::{Code, Finding};
use crate::model::moment::{Moment, Resolved};
use crate::model::order::Order;
use crate::yaml::Route;

use super::Context;

/// A dated field of an order, and whether it records something that happened
/// (and so cannot lie in the future).
struct Dated {
    route: Route,
    moment: Moment,
    happened: bool,
}

fn dated_fields(order: &Order) -> Vec<Dated> {
    let mut out = Vec::new();
    let mut add = |route: Route, moment: Moment, happened: bool| {
        out.push(Dated {
            route,
            moment,
            happened,
        });
    };
    add(Route::keys(&["received"]), order.received.0, true);
    if let Some(c) = &order.confirmation {
        if let Some(sent) = c.sent {
            add(Route::keys(&["confirmation", "sent"]), sent, true);
        }
        if let Some(signed) = c.signed {
            add(
                Route::keys(&["confirmation", "signed"]),
                Moment::Date(signed),
                true,
            );
        }
    }
    if let Some(signed) = order.contract.as_ref().and_then(|c| c.signed) {
        add(
            Route::keys(&["contract", "signed"]),
            Moment::Date(signed),
            true,
        );
    }
    for (name, moment) in &order.dates {
        add(Route::keys(&["dates", name]), *moment, false);
    }
    for (id, record) in &order.steps {
        if let Some(planned) = record.planned {
            add(Route::keys(&["steps", id, "planned"]), planned, false);
        }
        if let Some(done) = record.done {
            add(Route::keys(&["steps", id, "done"]), done, true);
        }
    }
    for (i, p) in order.payments.iter().enumerate() {
        add(
            Route::root().key("payments").index(i).key("received"),
            p.received,
            true,
        );
    }
    for (i, a) in order.amendments.iter().enumerate() {
        let at = Route::root().key("amendments").index(i);
        add(at.clone().key("at"), a.at.0, true);
        if let Some(d) = a.reconfirmed {
            add(at.clone().key("reconfirmed"), Moment::Date(d), true);
        }
        if let Some(r) = &a.review {
            add(at.key("review").key("done"), r.done, true);
        }
    }
    for (i, incident) in order.incidents.iter().enumerate() {
        let at = Route::root().key("incidents").index(i);
        add(at.clone().key("opened"), incident.opened.0, true);
        if let Some(resolved) = incident.resolved {
            add(at.key("resolved"), resolved, true);
        }
    }
    for (i, hold) in order.holds.iter().enumerate() {
        let at = Route::root().key("holds").index(i);
        add(at.clone().key("from"), hold.from, true);
        if let Some(to) = hold.to {
            add(at.key("to"), to, false);
        }
    }
    out
}

/// The latest recorded date of things that happened (Unix seconds, a bare date
/// taken at its end): the `future` check only changes when "now" crosses it.
pub fn horizon(order: &Order, tz: chrono_tz::Tz) -> Option<i64> {
    dated_fields(order)
        .into_iter()
        .filter(|f| f.happened)
        .filter_map(|f| match f.moment.resolve(tz) {
            Resolved::One(at) | Resolved::Ambiguous(at) if f.moment.has_time() => {
                Some(at.timestamp())
            }
            Resolved::One(at) | Resolved::Ambiguous(at) => Some(at.timestamp() + 86_400),
            Resolved::Missing => None,
        })
        .max()
}

pub fn check(ctx: &Context<'_>, rel: &Path, order: &Order, out: &mut Vec<Finding>) {
    let today = ctx.now.date_naive();
    for field in dated_fields(order) {
        let resolved = field.moment.resolve(ctx.tz);
        if matches!(field.moment, Moment::Local(_)) && resolved == Resolved::Missing {
            out.push(
                Finding::error(
                    Code::Schema,
                    rel,
                    format!(
                        "{} does not exist in {}: the clocks skip that hour",
                        field.moment, ctx.tz
                    ),
                )
                .at(field.route.clone())
                .label("no such local time")
                .help("write the time with its offset, e.g. 2026-03-08T03:30:00-04:00"),
            );
            continue;
        }
        if !field.happened {
            continue;
        }
        let future = match (field.moment, resolved) {
            (Moment::Date(d), _) => d > today,
            (_, Resolved::One(at) | Resolved::Ambiguous(at)) => at > ctx.now,
            (_, Resolved::Missing) => false,
        };
        if future {
            out.push(
                Finding::error(
                    Code::Future,
                    rel,
                    format!(
                        "`{}` is {}, after now ({})",
                        field.route,
                        field.moment,
                        ctx.now.format("%Y-%m-%d %H:%M %:z")
                    ),
                )
                .at(field.route)
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
}
