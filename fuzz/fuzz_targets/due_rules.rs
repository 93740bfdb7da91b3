//! Arbitrary text as durations, anchors, offsets and whole due rules: parsing and
//! then evaluating a rule on a working calendar must never panic or hang.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use ordo_core::model::Duration;
use ordo_core::model::due::{Anchor, DueRule, Offset};

/// The example ledger's configuration and an order received in 2026, parsed once
/// (parsing them on every input would spend the run on the fixed part).
static FIXED: LazyLock<(ordo_core::model::Config, ordo_core::model::Order)> = LazyLock::new(|| {
    let config_text = include_str!("../../example-ledger/ordo.yaml");
    let config = serde_json::from_value(ordo_core::yaml::parse(config_text).expect("yaml"))
        .expect("the example configuration");
    let order_text = "id: X\ncustomer: ABC\nowner: alice\nreceived: 2026-05-06T10:15\nchannel: email\ncontract: {signed: 2026-05-08, production_time: 25wd}\ndates: {pdca_sent: 2026-05-12}\nrequested_delivery: 2026-07-15\n";
    let order = serde_json::from_value(ordo_core::yaml::parse(order_text).expect("yaml"))
        .expect("order");
    (config, order)
});

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let _ = text.parse::<Duration>();
    let _ = text.parse::<Anchor>();
    let _ = text.parse::<Offset>();
    let _ = text.parse::<ordo_core::model::Moment>();
    // The text as the due rule of the first step of the example's main workflow.
    let Ok(value) = ordo_core::yaml::parse(text) else { return };
    let Ok(rule) = serde_json::from_value::<DueRule>(value) else { return };
    let (config, order) = &*FIXED;
    let mut config = config.clone();
    let Some(workflow) = config.workflows.get_mut("make-to-order") else { return };
    workflow.steps[0].due = Some(rule);
    let tz: chrono_tz::Tz = "Asia/Shanghai".parse().expect("tz");
    let calendars = ordo_core::engine::due::Calendars::new(&config, tz);
    let _ = ordo_core::engine::schedule::Schedule::explained(&config, &calendars, order);
});
