//! The sales-order handbook's forms, filled from an order (shown on the
//! Chinese site): 销售订单登记表 (registration), 销售订单审核表 (review) and
//! 物流异常记录表 (logistics exceptions).

use ordo_core::i18n::t;
use ordo_core::model::Customer;
use ordo_core::model::enums::IncidentKind;
use ordo_core::model::order::Order;
use ordo_core::reports::Book;
use ordo_core::reports::order_view::OrderView;

use super::order_page::{Form, FormTable};

/// `awaiting`: whether the order awaits its credit approval (its customer's
/// exposure over the limit with it), once validation has judged the ledger.
pub(crate) fn forms(
    book: &Book<'_>,
    order: &Order,
    customer: Option<&Customer>,
    v: &OrderView<'_>,
    awaiting: Option<bool>,
) -> Vec<Form> {
    let lang = book.lang;
    let field = |key: &str, value: String| (t(lang, key), value);
    let person = |key: &str| {
        book.config
            .people
            .get(key)
            .map_or_else(|| key.to_owned(), |p| p.name.clone())
    };
    let contact = customer.and_then(|c| c.contacts.first());
    let join = |f: &dyn Fn(&ordo_core::model::order::Line) -> String| {
        order.lines.iter().map(f).collect::<Vec<_>>().join("; ")
    };
    let registration = Form {
        title: t(lang, "form-registration"),
        how: t(lang, "form-registration-how"),
        fields: vec![
            field("form-order-id", v.id.clone()),
            field(
                "form-customer",
                v.customer_name
                    .clone()
                    .unwrap_or_else(|| v.customer.clone()),
            ),
            field("form-source", v.channel.clone()),
            field(
                "form-contact",
                contact.map(|c| c.name.clone()).unwrap_or_default(),
            ),
            field(
                "form-contact-way",
                contact
                    .and_then(|c| c.phone.clone().or_else(|| c.email.clone()))
                    .unwrap_or_default(),
            ),
            field(
                "form-product",
                join(&|l| l.description.clone().unwrap_or_default()),
            ),
            field("form-model", join(&|l| l.sku.clone())),
            field("form-qty", join(&|l| l.qty.to_string())),
            field("form-price", join(&|l| l.unit_price.to_string())),
            field("form-total", format!("{} {}", v.currency, v.total)),
            field(
                "form-delivery",
                v.requested_delivery
                    .map(|d| d.to_string())
                    .unwrap_or_default(),
            ),
            field("form-urgency", v.priority.clone()),
            field("form-registrar", person(&order.owner)),
            field(
                "form-registered",
                order.received.0.local_date(book.tz).to_string(),
            ),
        ],
    };
    // Judged on the customer's whole exposure (as `validate` judges it), not
    // on this order's amount alone: an approval on record says it was not.
    let limit = customer.and_then(|c| book.config.credit_limit_of(c));
    let approved = book.config.credit.as_ref().is_some_and(|c| {
        order
            .steps
            .get(&c.approval_step)
            .is_some_and(|r| r.done.is_some())
    });
    let alone_over = match (limit, ordo_core::model::money::total(order)) {
        (Some(limit), Ok(total)) => total > limit,
        _ => false,
    };
    let sufficient = match limit {
        None => t(lang, "form-no-limit"),
        Some(_) if approved => t(lang, "form-no-approved"),
        Some(_) if awaiting.unwrap_or(alone_over) => t(lang, "form-no"),
        Some(_) => t(lang, "form-yes"),
    };
    let production = order
        .contract
        .as_ref()
        .and_then(|c| c.production_time.as_ref());
    let review = book
        .config
        .workflow_of(order.workflow.as_deref())
        .and_then(|(_, w)| w.review_step.as_deref())
        .and_then(|id| v.steps.iter().find(|s| s.id == id));
    let result = match review.map(|s| s.state) {
        Some("done") => t(lang, "form-passed"),
        Some("skipped") => t(lang, "state-skipped"),
        Some(_) => t(lang, "form-pending"),
        None => String::new(),
    };
    let review_form = Form {
        title: t(lang, "form-review"),
        how: t(lang, "form-review-how"),
        fields: vec![
            field("form-order-id", v.id.clone()),
            field(
                "form-customer",
                v.customer_name
                    .clone()
                    .unwrap_or_else(|| v.customer.clone()),
            ),
            field(
                "form-credit-limit",
                limit.map(|l| l.normalize().to_string()).unwrap_or_default(),
            ),
            field("form-order-amount", v.total.clone()),
            field("form-limit-sufficient", sufficient),
            field(
                "form-stock",
                t(
                    lang,
                    if production.is_some() {
                        "form-to-produce"
                    } else {
                        "form-in-stock"
                    },
                ),
            ),
            field(
                "form-cycle",
                production.map_or_else(|| "-".to_owned(), |d| ordo_core::i18n::duration(lang, d)),
            ),
            field("form-result", result),
            field(
                "form-reviewer",
                review
                    .and_then(|s| s.by.as_deref())
                    .map(person)
                    .unwrap_or_default(),
            ),
            field(
                "form-review-date",
                review.and_then(|s| s.done.clone()).unwrap_or_default(),
            ),
        ],
    };
    vec![registration, review_form]
}

/// The order's logistics incidents (delay, wrong address, damage, short shipment).
pub(crate) fn logistics(book: &Book<'_>, order: &Order) -> FormTable {
    // A moment as people read it (`2026-11-19 10:00`), in the ledger's zone.
    let shown = |m: &ordo_core::model::Moment| {
        ordo_core::engine::point::Point::from_moment(m, book.tz).to_string()
    };
    let lang = book.lang;
    let headings = [
        "form-order-id",
        "form-tracking",
        "form-carrier",
        "form-eta",
        "form-exception",
        "form-occurred",
        "form-description",
        "form-cause",
        "form-customer-update",
        "form-handling",
        "form-resolved",
    ]
    .iter()
    .map(|k| t(lang, k))
    .collect();
    let shipment = order.shipment.as_ref();
    let rows = order
        .incidents
        .iter()
        .filter(|i| {
            matches!(
                i.kind,
                IncidentKind::LogisticsDelay
                    | IncidentKind::WrongAddress
                    | IncidentKind::Damaged
                    | IncidentKind::ShortShipped
            )
        })
        .map(|i| {
            vec![
                order.id.clone(),
                shipment
                    .and_then(|s| s.tracking.clone())
                    .unwrap_or_default(),
                shipment.map(|s| s.carrier.clone()).unwrap_or_default(),
                shipment
                    .and_then(|s| s.eta)
                    .map(|m| shown(&m))
                    .unwrap_or_default(),
                t(lang, &format!("incident-{}", i.kind)),
                shown(&i.opened.0),
                i.summary.clone(),
                i.cause.clone().unwrap_or_default(),
                i.customer_update.clone().unwrap_or_default(),
                i.resolution
                    .map(|r| t(lang, &format!("resolution-{r}")))
                    .unwrap_or_default(),
                i.resolved.map(|r| shown(&r)).unwrap_or_default(),
            ]
        })
        .collect();
    FormTable {
        how: t(lang, "form-logistics-how"),
        headings,
        rows,
    }
}
