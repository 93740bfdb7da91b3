//! `ordo show --format json`: version 1 of one order's JSON, frozen here apart
//! from the core's view of an order. A field of the core renamed, added or
//! reordered changes nothing printed until it is written here, and a change
//! to what is printed is a new version (docs/json.md). What the order file
//! itself holds (lines, amendments, incidents, the shipment, documents,
//! progress updates, holds) is printed as the file has it: its form is the
//! order schema's, public already.

use chrono::NaiveDate;
use serde::Serialize;

use ordo_core::model::order::{Amendment, Document, Hold, Incident, Line, Progress, Shipment};
use ordo_core::reports::order_view::{Carried, InstallmentView, OrderView, StepView};

/// The document: `{"version": 1, "order": …}`.
#[derive(Serialize)]
struct Document1<'v> {
    version: u32,
    order: Order1<'v>,
}

/// The order. Version 1 prints every object's keys sorted by name.
#[derive(Serialize)]
struct Order1<'v> {
    id: &'v str,
    customer: &'v str,
    customer_name: Option<&'v str>,
    owner: &'v str,
    status: &'v str,
    stage: Option<&'v str>,
    last_done: Option<&'v str>,
    state_reason: Option<&'v str>,
    workflow: &'v str,
    received: &'v str,
    channel: &'v str,
    priority: &'v str,
    kind: &'v str,
    requested_delivery: Option<NaiveDate>,
    currency: &'v str,
    total: &'v str,
    paid: &'v str,
    outstanding: &'v str,
    lines: &'v [Line],
    steps: Vec<Step1<'v>>,
    installments: Vec<Installment1<'v>>,
    carried: Vec<Carried1<'v>>,
    amendments: &'v [Amendment],
    incidents: &'v [Incident],
    shipment: Option<&'v Shipment>,
    documents: &'v [Document],
    progress: &'v [Progress],
    holds: &'v [Hold],
}

#[derive(Serialize)]
struct Step1<'v> {
    id: &'v str,
    title: &'v str,
    role: &'v str,
    state: &'v str,
    after: &'v [String],
    planned: Option<&'v str>,
    due: Option<&'v str>,
    basis: &'v str,
    basis_text: &'v str,
    done: Option<&'v str>,
    by: Option<&'v str>,
    skipped: Option<&'v str>,
    needs: &'v [String],
    update: Option<&'v str>,
    update_late: bool,
    expected: Option<&'v str>,
    late: bool,
}

#[derive(Serialize)]
struct Installment1<'v> {
    name: &'v str,
    percent: &'v str,
    amount: &'v str,
    paid: &'v str,
    outstanding: &'v str,
    due: Option<&'v str>,
    basis: &'v str,
}

#[derive(Serialize)]
struct Carried1<'v> {
    from: Option<&'v str>,
    to: &'v str,
    amount: &'v str,
}

impl<'v> Step1<'v> {
    fn of(s: &'v StepView) -> Self {
        Step1 {
            id: &s.id,
            title: &s.title,
            role: &s.role,
            state: s.state,
            after: &s.after,
            planned: s.planned.as_deref(),
            due: s.due.as_deref(),
            basis: s.basis,
            basis_text: &s.basis_text,
            done: s.done.as_deref(),
            by: s.by.as_deref(),
            skipped: s.skipped.as_deref(),
            needs: &s.needs,
            update: s.update.as_deref(),
            update_late: s.update_late,
            expected: s.expected.as_deref(),
            late: s.late,
        }
    }
}

impl<'v> Installment1<'v> {
    fn of(i: &'v InstallmentView) -> Self {
        Installment1 {
            name: &i.name,
            percent: &i.percent,
            amount: &i.amount,
            paid: &i.paid,
            outstanding: &i.outstanding,
            due: i.due.as_deref(),
            basis: &i.basis,
        }
    }
}

impl<'v> Carried1<'v> {
    fn of(c: &'v Carried) -> Self {
        Carried1 {
            from: c.from.as_deref(),
            to: &c.to,
            amount: &c.amount,
        }
    }
}

impl<'v> Order1<'v> {
    fn of(v: &'v OrderView<'_>) -> Self {
        Order1 {
            id: &v.id,
            customer: &v.customer,
            customer_name: v.customer_name.as_deref(),
            owner: &v.owner,
            status: &v.status,
            stage: v.stage.as_deref(),
            last_done: v.last_done.as_deref(),
            state_reason: v.state_reason.as_deref(),
            workflow: &v.workflow,
            received: &v.received,
            channel: &v.channel,
            priority: &v.priority,
            kind: &v.kind,
            requested_delivery: v.requested_delivery,
            currency: &v.currency,
            total: &v.total,
            paid: &v.paid,
            outstanding: &v.outstanding,
            lines: v.lines,
            steps: v.steps.iter().map(Step1::of).collect(),
            installments: v.installments.iter().map(Installment1::of).collect(),
            carried: v.carried.iter().map(Carried1::of).collect(),
            amendments: v.amendments,
            incidents: v.incidents,
            shipment: v.shipment,
            documents: v.documents,
            progress: v.progress,
            holds: v.holds,
        }
    }
}

/// The order's JSON, version 1, pretty-printed with a final newline, every
/// object's keys sorted by name (through a `Value`, whose maps sort them).
pub(crate) fn write(view: &OrderView<'_>) -> serde_json::Result<String> {
    let value = serde_json::to_value(Document1 {
        version: 1,
        order: Order1::of(view),
    })?;
    let mut json = serde_json::to_string_pretty(&value)?;
    json.push('\n');
    Ok(json)
}
