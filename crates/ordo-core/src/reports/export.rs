//! `ordo export`: one flat row per order and one per step, for spreadsheets and BI
//! tools. Column meanings are in docs/reports.md.

use super::Book;
use crate::engine::schedule::StepState;
use crate::model::order::Order;
use crate::reports::report::{Cell, Report, Section, col};

/// The report around every order's rows (see [`rows`]).
pub fn report(book: &Book<'_>, rows: Vec<Vec<Vec<Cell>>>) -> Report {
    let mut section = Section::new(
        "rows",
        "",
        &[
            col("record"),
            col("order"),
            col("customer"),
            col("owner"),
            col("workflow"),
            col("status"),
            col("stage"),
            col("received"),
            col("channel"),
            col("priority"),
            col("kind"),
            col("requested_delivery"),
            col("currency"),
            col("total"),
            col("paid"),
            col("step"),
            col("title"),
            col("role"),
            col("state"),
            col("planned"),
            col("due"),
            col("basis"),
            col("done"),
            col("by"),
            col("skipped"),
        ],
    );
    for row in rows.into_iter().flatten() {
        section.push(row);
    }
    Report {
        name: "export",
        title: book.t("report-export"),
        as_of: book.as_of(),
        sections: vec![section],
        notes: Vec::new(),
        invalid: Vec::new(),
        commit: None,
        lang: book.lang,
    }
}

/// An order's rows: one for the order, one per applicable step.
pub fn rows(book: &Book<'_>, order: &Order) -> Vec<Vec<Cell>> {
    let mut rows = Vec::new();
    let Some(schedule) = book.schedule(order) else {
        return rows;
    };
    let base = |record: &str| -> Vec<Cell> {
        vec![
            record.into(),
            order.id.clone().into(),
            order.customer.clone().into(),
            order.owner.clone().into(),
            schedule.workflow_name.into(),
            schedule.status.as_str().into(),
            schedule.stage.map(|s| s.id.clone()).into(),
            order.received.to_string().into(),
            order.channel.as_str().into(),
            order.priority.as_str().into(),
            order.kind.as_str().into(),
            order.requested_delivery.map(|d| d.to_string()).into(),
            order.currency.clone().into(),
            format!("{:.2}", schedule.total).into(),
            format!("{:.2}", schedule.paid).into(),
        ]
    };
    let mut row = base("order");
    row.extend(std::iter::repeat_n(Cell::Empty, 10));
    rows.push(row);
    for line in &schedule.steps {
        let mut row = base("step");
        let (due, basis) = match &line.due {
            Ok(c) => (c.point.map(|p| p.to_string()), c.basis.kind().to_owned()),
            Err(e) => (None, format!("error: {e}")),
        };
        let record = line.record;
        row.extend([
            line.step.id.clone().into(),
            line.step.title.to_string().into(),
            line.step.role.clone().into(),
            match &line.state {
                StepState::Done => "done",
                StepState::Skipped => "skipped",
                StepState::Ready => "ready",
                StepState::Blocked(_) => "blocked",
            }
            .into(),
            record.and_then(|r| r.planned).map(|p| p.to_string()).into(),
            due.into(),
            basis.into(),
            record.and_then(|r| r.done).map(|d| d.to_string()).into(),
            record.and_then(|r| r.by.clone()).into(),
            record.and_then(|r| r.skipped.clone()).into(),
        ]);
        rows.push(row);
    }

    rows
}
