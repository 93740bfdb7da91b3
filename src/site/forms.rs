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

pub fn forms(
    book: &Book<'_>,
    order: &Order,
    customer: Option<&Customer>,
    v: &OrderView<'_>,
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
    let limit = customer.and_then(|c| c.credit_limit);
    let total = ordo_core::model::money::total(order).ok();
    let sufficient = match (limit, total) {
        (Some(limit), Some(total)) if total <= limit.0 => t(lang, "form-yes"),
        (Some(_), _) => t(lang, "form-no"),
        (None, _) => t(lang, "form-no-limit"),
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
                limit.map(|l| l.to_string()).unwrap_or_default(),
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
                production.map_or_else(|| "-".to_owned(), ToString::to_string),
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
pub fn logistics(book: &Book<'_>, order: &Order) -> FormTable {
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
                    .map(|m| m.to_string())
                    .unwrap_or_default(),
                t(lang, &format!("incident-{}", i.kind)),
                i.opened.to_string(),
                i.summary.clone(),
                i.cause.clone().unwrap_or_default(),
                i.customer_update.clone().unwrap_or_default(),
                i.resolution
                    .map(|r| t(lang, &format!("resolution-{r}")))
                    .unwrap_or_default(),
                i.resolved.map(|r| r.to_string()).unwrap_or_default(),
            ]
        })
        .collect();
    FormTable { headings, rows }
}
