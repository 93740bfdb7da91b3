//! Arbitrary bytes as an order file: decoding, YAML, schema, model, every order
//! check, and placing each finding in the text must never panic or hang; and
//! the direct decoder must agree with the located path.
#![no_main]

use std::path::Path;
use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use ordo_core::checks::{Context, check_order};
use ordo_core::engine::due::Calendars;
use ordo::ledger::files::{LedgerFile, classify};
use ordo_core::model::{Config, Order};
use ordo_core::schema::FileKind;

static CONFIG: LazyLock<Config> = LazyLock::new(|| {
    let text = include_str!("../../example-ledger/ordo.yaml");
    serde_json::from_value(ordo_core::yaml::parse(text).expect("yaml")).expect("config")
});

fuzz_target!(|data: &[u8]| {
    let rel = Path::new("orders/2026/202605-ABC-001.yaml");
    let read = ordo::ledger::source::decode(rel, data.to_vec());
    let mut findings = read.findings.clone();
    let Some(source) = read.usable() else { return };
    // The direct decoder takes only what the value builder, the schema and serde
    // take together, and makes the same order of it.
    if let Ok(direct) = ordo_core::yaml::from_str::<Order>(&source.text) {
        let value = ordo_core::yaml::parse(&source.text).expect("decoded directly, refused as YAML");
        assert!(FileKind::Order.validator().is_valid(&value), "decoded directly, refused by the schema");
        let located: Order = serde_json::from_value(value).expect("decoded directly, refused by serde");
        assert_eq!(format!("{direct:?}"), format!("{located:?}"));
    }
    let order = ordo_core::document::load::<Order>(rel, &source.text, FileKind::Order, &mut findings);
    if let Some(order) = order {
        let config = &*CONFIG;
        let tz: chrono_tz::Tz = "Asia/Shanghai".parse().expect("tz");
        let calendars = Calendars::new(config, tz);
        let customers = ["ABC".to_owned()].into_iter().collect();
        let now = chrono::TimeZone::with_ymd_and_hms(&tz, 2026, 11, 20, 12, 0, 0).single().expect("now");
        let ctx = Context {
            config,
            tz,
            now,
            customers: &customers,
            id_format: None,
            calendars: Some(&calendars),
        };
        let Some(LedgerFile::Order(file)) = classify(rel) else { return };
        findings.extend(check_order(&ctx, &file, &order, &Default::default()).findings);
        let _ = ordo_core::engine::schedule::Schedule::explained(config, &calendars, &order);
    }
    let sources = [(rel.to_path_buf(), source.text.clone())].into_iter().collect();
    let _ = ordo::output::human::render_all(&findings, &sources, false);
});
