//! What the core's unit tests share: a model value from YAML, and the smallest
//! ledger configuration a test adds its own keys to.

/// The model value `text` holds; the test fails when it does not decode.
#[track_caller]
pub(crate) fn load<T: serde::de::DeserializeOwned>(text: &str) -> T {
    let value = crate::yaml::parse(text).expect("yaml");
    serde_json::from_value(value).expect("model")
}

/// A ledger with one person, one calendar year (2026) and a one-step
/// workflow `w`, in Shanghai; a test appends the top-level keys it needs
/// (`credit:`, `fx:`, `currency:`).
pub(crate) const MINIMAL_CONFIG: &str = r#"
name: Test
timezone: Asia/Shanghai
default_workflow: w
calendars:
  default: {years: [2026]}
people:
  a: {name: A, email: a@x.example, roles: [r]}
workflows:
  w:
    title: W
    steps:
      - {id: S1, title: One, role: r, due: {after: received}}
"#;

/// [`MINIMAL_CONFIG`] with `extra` appended, decoded.
#[track_caller]
pub(crate) fn config(extra: &str) -> crate::model::Config {
    load(&format!("{MINIMAL_CONFIG}{extra}"))
}

/// A ledger with two people and a three-step workflow `w` (register, make,
/// ship; making reminds two days ahead and asks for a weekly update), in
/// Shanghai, for the reports' tests.
pub(crate) const WORKFLOW_CONFIG: &str = r#"
name: Test
timezone: Asia/Shanghai
default_workflow: w
currency: CNY
calendars:
  default: {years: [2026]}
people:
  ann: {name: Ann, email: a@x.example, roles: [sales]}
  bo: {name: Bo, email: b@x.example, roles: [plant]}
workflows:
  w:
    title: W
    steps:
      - {id: S1, title: Register, role: sales, due: {after: received, offset: 1d}}
      - {id: S2, title: Make, role: plant, requires: [S1], due: {after: S1, offset: 5wd}, remind: 2d, updates: 1w}
      - {id: S3, title: Ship, role: sales, requires: [S2], due: {after: S2, offset: 1d}}
"#;

/// An order of customer `C` owned by `ann`, received on Monday 2026-11-02 at
/// 09:00, with `extra` appended (steps, lines, terms, payments).
#[track_caller]
pub(crate) fn order(id: &str, extra: &str) -> crate::model::order::Order {
    load(&format!(
        "id: {id}\ncustomer: C\nowner: ann\nreceived: 2026-11-02T09:00:00+08:00\nchannel: email\n{extra}"
    ))
}

/// What a report needs besides the orders: the configuration, its calendars
/// and "now".
pub(crate) struct Desk {
    pub config: crate::model::Config,
    pub calendars: crate::engine::due::Calendars,
}

impl Desk {
    #[track_caller]
    pub(crate) fn new(config_text: &str) -> Desk {
        let config: crate::model::Config = load(config_text);
        let calendars = crate::engine::due::Calendars::new(&config, chrono_tz::Asia::Shanghai);
        Desk { config, calendars }
    }

    /// The book as of `now` (`2026-11-10T12:00`, Shanghai), in English.
    #[track_caller]
    pub(crate) fn book(&self, now: &str) -> crate::reports::Book<'_> {
        use chrono::TimeZone;
        let tz = chrono_tz::Asia::Shanghai;
        let naive = chrono::NaiveDateTime::parse_from_str(now, "%Y-%m-%dT%H:%M").expect("now");
        crate::reports::Book {
            config: &self.config,
            calendars: &self.calendars,
            tz,
            now: tz.from_local_datetime(&naive).single().expect("now"),
            lang: crate::i18n::Lang::En,
        }
    }

    /// The agendas of `orders` (those with something still to happen).
    pub(crate) fn agendas(
        &self,
        orders: &[crate::model::order::Order],
    ) -> Vec<crate::reports::agenda::Agenda> {
        orders
            .iter()
            .filter_map(|o| crate::reports::agenda::Agenda::of(&self.config, &self.calendars, o))
            .collect()
    }
}

/// The findings of every single-order check on `order` as of `now`, each as
/// `code at route` (customer `C` exists and keeps no documents), so a check's test reads like the
/// report a user gets.
#[track_caller]
pub(crate) fn findings(desk: &Desk, order: &crate::model::order::Order, now: &str) -> Vec<String> {
    use std::collections::{BTreeMap, BTreeSet};
    let customers = BTreeSet::from(["C".to_owned()]);
    let records = BTreeMap::from([(
        "C".to_owned(),
        load::<crate::model::Customer>("code: C\nname: C Ltd.\n"),
    )]);
    let book = desk.book(now);
    let ctx = crate::checks::Context {
        config: &desk.config,
        tz: book.tz,
        now: book.now,
        customers: &customers,
        customer_records: &records,
        id_format: None,
        calendars: Some(&desk.calendars),
    };
    let file = crate::layout::OrderFile {
        rel: format!("orders/2026/{}.yaml", order.id).into(),
        stem: order.id.clone(),
        year: Some("2026".into()),
    };
    crate::checks::check_order(&ctx, &file, order, &crate::checks::SetAside::new())
        .findings
        .iter()
        .map(|f| match &f.place {
            crate::finding::Place::Route(route, _) => format!("{} at {route}", f.code),
            _ => f.code.to_string(),
        })
        .collect()
}

/// The same, keeping only the findings of code `code`.
#[track_caller]
pub(crate) fn findings_of(
    desk: &Desk,
    order: &crate::model::order::Order,
    now: &str,
    code: &str,
) -> Vec<String> {
    findings(desk, order, now)
        .into_iter()
        .filter(|f| f.split(' ').next() == Some(code))
        .collect()
}

/// [`WORKFLOW_CONFIG`] with controls on shipping (S3): its gate (the deposit
/// paid, `ship_to` complete), done before the confirmation is sent, and the
/// artwork on file.
pub(crate) fn controlled_config() -> String {
    WORKFLOW_CONFIG.replace(
        "- {id: S3, title: Ship, role: sales, requires: [S2],",
        "- {id: S3, title: Ship, role: sales, requires: [S2], gate: {paid: [deposit], complete: [ship_to]}, done_before: [confirmation.sent], needs: [artwork],",
    ) + "documents:\n  artwork: {title: Artwork}\n"
}

/// An order of [`controlled_config`] shipped on 11-04 10:00, with every
/// control met; a test takes one away with `replace`.
pub(crate) const CONTROLLED_ORDER: &str = "ship_to: {name: W, address: 1 Road, contact: Mr Li}
lines:
  - {sku: A, qty: 1, unit: pcs, unit_price: 10}
contract:
  payment_terms:
    - {name: deposit, percent: 30, due: {after: S1}}
    - {name: balance, percent: 70, due: {after: S3}}
payments:
  - {installment: deposit, amount: 3, received: 2026-11-03T11:00:00+08:00}
documents:
  - {kind: artwork, ref: https://x.example/a.pdf, received: 2026-11-03T09:00:00+08:00, by: ann}
confirmation: {sent: 2026-11-05T09:00:00+08:00, via: email}
steps:
  S1: {done: 2026-11-02T10:00:00+08:00, by: ann}
  S2: {done: 2026-11-03T10:00:00+08:00, by: bo}
  S3: {done: 2026-11-04T10:00:00+08:00, by: ann}
";
