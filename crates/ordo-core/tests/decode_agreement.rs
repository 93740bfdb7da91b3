//! The direct decoder of orders (straight from YAML events into the model)
//! must refuse everything the order schema refuses, and decode the rest to the
//! same order as the located path (YAML value, schema, serde). Every value of a
//! full order and of the example orders is edited in some 70 ways to hold it
//! to that.

use std::path::Path;

use ordo_core::model::Order;
use ordo_core::schema::FileKind;
use ordo_core::yaml;
use serde_json::Value;

/// An order with every field the model has, in the shapes files use.
const FULL: &str = r#"id: 202605-ABC-001
customer: ABC
owner: alice
received: 2026-05-06T10:15:00+08:00
channel: email
priority: urgent
kind: custom
workflow: make-to-order
requested_delivery: 2026-07-15
currency: CNY
ship_to: {name: ABC warehouse, address: 1 Road, contact: Mr Li}
confirmation: {sent: 2026-05-06T17:00, via: email, signed: 2026-05-07}
lines:
  - {sku: A-01, description: Product A, qty: 100, unit: pcs, unit_price: 50.25}
  - {sku: B-02, qty: '2.5', unit_price: '1200'}
contract:
  number: C-1
  signed: 2026-05-08
  production_time: 25wd
  payment_terms:
    - {name: deposit, percent: 30, due: {after: contract.signed, offset: 7d, roll: following}}
    - {name: balance, percent: 70, due: {before: shipped, offset: contract.production_time, from: month-end, day: 10, to: month-end, calendar: factory}}
    - {name: extra, percent: 0, due: {payment: deposit}}
dates: {pdca_sent: 2026-05-12, kickoff: 2026-05-13 09:00}
steps:
  registered: {planned: 2026-05-06, done: 2026-05-06T10:20:00Z, by: alice, note: fine}
  review: {skipped: not needed, by: bob}
payments:
  - {installment: deposit, amount: 1500.00, received: 2026-05-14, note: wire}
amendments:
  - at: 2026-05-20T09:00
    by: alice
    channel: phone
    summary: more units
    impact: structural
    reconfirmed: 2026-05-21
    rebaseline: [review]
    review: {done: 2026-05-22, by: bob, note: ok}
incidents:
  - {kind: logistics-delay, opened: 2026-06-01T08:00, summary: late, resolution: reship, resolved: 2026-06-03}
shipment: {carrier: SF, tracking: SF123}
holds:
  - {from: 2026-05-25, to: 2026-05-27, reason: waiting}
  - {from: 2026-06-10, reason: waiting again}
state: on-hold
state_reason: customer asked
x-erp: {id: 42}
"#;

/// Raw YAML put in place of one value: each type's edge cases, the forms
/// a schema pattern or format allows or refuses, and YAML's own quirks.
const VALUES: &[&str] = &[
    "",
    "~",
    "null",
    "true",
    "no",
    "0",
    "1",
    "-1",
    "31",
    "32",
    "300",
    "0.5",
    "-0.0",
    "1e3",
    "0x1F",
    "0o17",
    ".inf",
    "'12'",
    "\"12.50\"",
    "' 12.5 '",
    "'1e3'",
    "'-5'",
    "'+5'",
    "'5.'",
    "'.5'",
    "'0x10'",
    "2026-05-06",
    "2026-5-6",
    "2026-02-30",
    "'2026-05-06'",
    "2026-05-06T10:15",
    "2026-05-06T10:15+08:00",
    "2026-05-06 10:15:00Z",
    "2026-05-06T10:15:00.5",
    "2026-05-06T25:00",
    "7d",
    "' 7d + 2wd '",
    "7x",
    "7",
    "contract.production_time",
    "contract.signed",
    "dates.x",
    "dates.",
    "received",
    "a.b",
    "a/b",
    "../x",
    "a..b",
    "ABC",
    "abc",
    "CNY",
    "CN",
    "email",
    "verbal",
    "on-hold",
    "cancelled",
    "minor",
    "logistics-delay",
    "month-end",
    "following",
    "[]",
    "[a]",
    "[1, 2]",
    "{}",
    "{a: 1}",
    "{name: x}",
    "!!str 12",
    "!!str",
    "!!int 12",
    "&anchor v",
    "x-y",
];

/// The typed order the located path makes of a text: YAML, schema, serde.
fn through_the_schema(text: &str) -> Option<Order> {
    let value = yaml::parse(text).ok()?;
    if !FileKind::Order.validator().is_valid(&value) {
        return None;
    }
    serde_json::from_value(value).ok()
}

/// The places in a value, as JSON pointers: its scalars and its mappings.
#[derive(Default)]
struct Places {
    scalars: Vec<String>,
    mappings: Vec<String>,
}

fn places(value: &Value, at: String, out: &mut Places) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                let key = k.replace('~', "~0").replace('/', "~1");
                places(v, format!("{at}/{key}"), out);
            }
            out.mappings.push(at);
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                places(v, format!("{at}/{i}"), out);
            }
        }
        _ => out.scalars.push(at),
    }
}

/// The value written as YAML (JSON is YAML's flow style) with `raw` in place
/// of the marker.
fn render(value: &Value, raw: &str) -> String {
    let text = serde_json::to_string(value).expect("renders");
    text.replace("\"@@\"", &format!(" {raw} "))
}

/// Asserts that the direct decoder takes `text` only if the located path
/// does, and then to the same order; returns whether it took it.
#[track_caller]
fn agrees(text: &str) -> bool {
    let Ok(direct) = yaml::from_str::<Order>(text) else {
        return false;
    };
    let located = through_the_schema(text)
        .unwrap_or_else(|| panic!("decoded directly, refused by the schema:\n{text}"));
    assert_eq!(format!("{direct:?}"), format!("{located:?}"), "\n{text}");
    true
}

#[test]
fn orders_decode_directly_only_as_the_schema_allows_and_to_the_same_value() {
    let mut bases = vec![FULL.to_owned()];
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../example-ledger/orders");
    for year in std::fs::read_dir(examples).expect("examples") {
        for file in std::fs::read_dir(year.expect("year").path()).expect("year") {
            bases.push(std::fs::read_to_string(file.expect("file").path()).expect("read"));
        }
    }
    let (mut tried, mut direct) = (0, 0);
    for (n, base) in bases.iter().enumerate() {
        assert!(agrees(base), "a clean order is decoded directly:\n{base}");
        let value = yaml::parse(base).expect("yaml");
        let mut found = Places::default();
        places(&value, String::new(), &mut found);
        // Every edge value in every place of the full order; in the examples,
        // a sample of them (the full order has every field already).
        let values: Vec<&str> = if n == 0 {
            VALUES.to_vec()
        } else {
            VALUES.iter().copied().skip(n % 24).step_by(24).collect()
        };
        for place in &found.scalars {
            for raw in &values {
                let mut mutated = value.clone();
                *mutated.pointer_mut(place).expect("place") = Value::String("@@".into());
                tried += 1;
                direct += usize::from(agrees(&render(&mutated, raw)));
            }
        }
        for map in &found.mappings {
            let keys: Vec<String> = value
                .pointer(map)
                .and_then(Value::as_object)
                .map(|m| m.keys().cloned().collect())
                .unwrap_or_default();
            for key in keys {
                let mut mutated = value.clone();
                if let Some(m) = mutated.pointer_mut(map).and_then(Value::as_object_mut) {
                    m.remove(&key);
                }
                tried += 1;
                direct += usize::from(agrees(&render(&mutated, "")));
            }
            for (key, extra) in [("bogus", "1"), ("x-extra", "{a: [1, {b: c}]}"), ("x-", "1")] {
                let mut mutated = value.clone();
                if let Some(m) = mutated.pointer_mut(map).and_then(Value::as_object_mut) {
                    m.insert(key.to_owned(), Value::String("@@".into()));
                }
                tried += 1;
                direct += usize::from(agrees(&render(&mutated, extra)));
            }
        }
    }
    // Most edits break an order; enough of them must still be decoded
    // directly for the agreement to mean something.
    assert!(direct * 5 > tried, "{direct} of {tried} decoded directly");
}
