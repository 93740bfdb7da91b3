//! `ordo upcoming [--within 7d]`: the to-do list: steps and unpaid installments
//! falling due in the window, progress updates due in it, and reminders (`remind`) that fall in it.

use super::Book;
use super::agenda::{Agenda, What};
use crate::engine::arith::apply;
use crate::engine::due::Basis;
use crate::engine::point::Point;
use crate::model::Duration;
use crate::reports::report::{Report, Section, col};

struct Row {
    when: Point,
    kind: &'static str,
    order: String,
    customer: String,
    step: String,
    title: String,
    assignee: String,
    due: Point,
    basis: String,
}

pub fn report(
    book: &Book<'_>,
    agendas: &[Agenda],
    within: &Duration,
) -> Result<Report, crate::engine::due::DueError> {
    let calendar = book.calendars.get(None)?;
    let end = apply(Point::At(book.now), within, true, calendar)?.overdue_from(book.tz);
    let in_window = |p: Point| {
        let at = p.start(book.tz);
        p.overdue_from(book.tz) > book.now && at <= end
    };
    let mut rows = Vec::new();
    let mut uncounted: Vec<String> = Vec::new();
    for agenda in agendas {
        for item in &agenda.items {
            if matches!(item.basis, Basis::Waiting { .. }) {
                continue;
            }
            let point = item.due;
            let row =
                |when: Point, kind: &'static str, step: String, title: String, assignee: String| {
                    Row {
                        when,
                        kind,
                        order: agenda.order.clone(),
                        customer: agenda.customer.clone(),
                        step,
                        title,
                        assignee,
                        due: point,
                        basis: item.basis.label_in(book.lang),
                    }
                };
            match &item.what {
                What::Step(id) => {
                    let Some(step) = agenda.step(book.config, id) else {
                        continue;
                    };
                    let assignee = book.assignee(&agenda.owner, step);
                    if in_window(point) {
                        rows.push(row(
                            point,
                            "due",
                            id.clone(),
                            book.title(step).to_owned(),
                            assignee.clone(),
                        ));
                    }
                    if let Some(remind) = &step.remind {
                        let cal = book
                            .calendars
                            .get(step.due.as_ref().and_then(|d| d.calendar.as_deref()))
                            .ok();
                        let at = cal.map(|c| apply(point, remind, false, c));
                        if let Some(Err(_)) = &at {
                            uncounted.push(format!("{} {id}", agenda.order));
                        }
                        if let Some(Ok(at)) = at
                            && in_window(at)
                        {
                            rows.push(row(
                                at,
                                "reminder",
                                id.clone(),
                                book.title(step).to_owned(),
                                assignee,
                            ));
                        }
                    }
                }
                What::Update { step: id, last } => {
                    if let Some(step) = agenda.step(book.config, id)
                        && in_window(point)
                    {
                        rows.push(row(
                            point,
                            "update",
                            format!("update:{id}"),
                            book.update_title(step, *last),
                            book.assignee(&agenda.owner, step),
                        ));
                    }
                }
                What::Payment {
                    name,
                    outstanding,
                    decimals,
                    ..
                } => {
                    if in_window(point) {
                        rows.push(row(
                            point,
                            "payment",
                            format!("payment:{name}"),
                            book.tr(
                                "payment-outstanding-short",
                                &[
                                    ("name", name.into()),
                                    (
                                        "amount",
                                        crate::model::money::format(*outstanding, *decimals)
                                            .as_str()
                                            .into(),
                                    ),
                                ],
                            ),
                            agenda.owner.clone(),
                        ));
                    }
                }
            }
        }
    }
    // Compared by reference: cloning the ids per comparison shows at scale.
    uncounted.sort();
    rows.sort_by(|a, b| {
        (a.when.start(book.tz), &a.order, &a.step).cmp(&(b.when.start(book.tz), &b.order, &b.step))
    });
    let mut section = Section::new(
        "rows",
        "",
        &[
            col("when"),
            col("kind"),
            col("order"),
            col("customer"),
            col("step"),
            col("title"),
            col("assignee"),
            col("due"),
            col("basis"),
        ],
    );
    for r in &rows {
        section.push(vec![
            r.when.to_string().into(),
            book.t(&format!("kind-{}", r.kind)).into(),
            r.order.clone().into(),
            r.customer.clone().into(),
            r.step.clone().into(),
            r.title.clone().into(),
            r.assignee.clone().into(),
            r.due.to_string().into(),
            r.basis.clone().into(),
        ]);
    }
    Ok(Report {
        name: "upcoming",
        title: book.tr(
            "report-upcoming",
            &[("within", within.to_string().as_str().into())],
        ),
        as_of: book.as_of(),
        notes: [book.tr(
            "note-upcoming",
            &[
                ("rows", rows.len().into()),
                (
                    "until",
                    end.format("%Y-%m-%d %H:%M").to_string().as_str().into(),
                ),
            ],
        )]
        .into_iter()
        .chain((!uncounted.is_empty()).then(|| {
            book.tr(
                "note-upcoming-uncounted",
                &[
                    ("count", uncounted.len().into()),
                    ("list", uncounted.join(", ").as_str().into()),
                ],
            )
        }))
        .collect(),
        sections: vec![section],
        invalid: Vec::new(),
        commit: None,
        lang: book.lang,
    })
}
