//! The driver on random edits of the example ledger's real orders, made by
//! ordo's own writers and by hand: every change of either side is in the
//! result (merged, or between markers), and a result the driver calls clean
//! validates with no error its sides did not have.

use std::path::{Path, PathBuf};

use proptest::prelude::*;
use yaml_serde::{Mapping, Value};

use super::driver::{self, Request};
use super::{Markers, has_markers};
use crate::edit::patch::{append_to_list, set_step_fields, set_top_level};

/// What an edit left in the text: a token that must survive the merge, or a
/// line that must not be there outside markers.
#[derive(Debug, Clone)]
enum Effect {
    Present(String),
    Absent(String),
}

/// An edit of an order's text: kind (0..10) and a number for its details.
type Edit = (u8, u32);

fn edit(text: &str, (kind, n): Edit, side: &str) -> Option<(String, Effect)> {
    let token = format!("{side}{n}");
    let people = ["alice", "bob", "carol", "dora", "erin"];
    let person = people[n as usize % people.len()];
    let steps = ["ORD-02", "ORD-05", "ORD-09", "ORD-12", "ORD-15", "ORD-17"];
    let step = steps[n as usize % steps.len()];
    let map = |pairs: &[(&str, &str)]| {
        let mut m = Mapping::new();
        for (k, v) in pairs {
            m.insert(Value::String((*k).into()), Value::String((*v).into()));
        }
        Value::Mapping(m)
    };
    let at = format!(
        "2026-11-{:02}T{:02}:{:02}:00+08:00",
        1 + n % 28,
        9 + n % 8,
        n % 60
    );
    Some(match kind {
        0 => (
            set_top_level(text, "owner", Value::String(person.into())).ok()?,
            Effect::Present(format!("owner: {person}")),
        ),
        1 => (
            append_to_list(
                text,
                "progress",
                map(&[("at", &at), ("by", person), ("status", &token)]),
            )
            .ok()?,
            Effect::Present(token),
        ),
        2 => (
            append_to_list(
                text,
                "amendments",
                map(&[
                    ("at", &at),
                    ("by", person),
                    ("summary", &token),
                    ("impact", "minor"),
                ]),
            )
            .ok()?,
            Effect::Present(token),
        ),
        3 => (
            set_step_fields(text, step, &[("note", Value::String(token.clone()))]).ok()?,
            Effect::Present(token),
        ),
        4 => (
            set_step_fields(
                text,
                step,
                &[
                    ("skipped", Value::String(token.clone())),
                    ("by", Value::String(person.into())),
                ],
            )
            .ok()?,
            Effect::Present(token),
        ),
        5 => {
            // A payment deleted by hand.
            let line = text.lines().find(|l| l.contains("{installment:"))?;
            (
                text.replacen(&format!("{line}\n"), "", 1),
                Effect::Absent(line.to_owned()),
            )
        }
        6 => {
            // A payment's amount corrected by hand.
            let line = text.lines().find(|l| l.contains("{installment:"))?;
            let amount = format!("amount: {}.{:02}", 1000 + n % 9000, n % 100);
            let changed = regex::Regex::new(r"amount: [0-9.]+")
                .ok()?
                .replace(line, amount.as_str())
                .into_owned();
            (text.replacen(line, &changed, 1), Effect::Present(amount))
        }
        7 => {
            // A comment above a top-level key.
            let key = ["owner:", "priority:", "lines:", "steps:"][n as usize % 4];
            let comment = format!("# {token}\n");
            let at = text.find(&format!("\n{key}"))? + 1;
            let mut out = text.to_owned();
            out.insert_str(at, &comment);
            (out, Effect::Present(comment))
        }
        8 => {
            let day = format!("2027-01-{:02}", 1 + n % 28);
            (
                set_top_level(text, "requested_delivery", Value::String(day.clone())).ok()?,
                Effect::Present(format!("requested_delivery: {day}")),
            )
        }
        _ => {
            // A step record deleted by hand, when it is on one line.
            let line = text
                .lines()
                .find(|l| l.starts_with("  ORD-") && l.contains('{') && l.contains("planned"))?;
            (
                text.replacen(&format!("{line}\n"), "", 1),
                Effect::Absent(line.to_owned()),
            )
        }
    })
}

/// The example ledger, copied once for every case.
fn ledger() -> &'static Path {
    static LEDGER: std::sync::OnceLock<tempfile::TempDir> = std::sync::OnceLock::new();
    LEDGER
        .get_or_init(|| {
            let dir = tempfile::tempdir().expect("tempdir");
            let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("example-ledger");
            std::fs::copy(from.join("ordo.yaml"), dir.path().join("ordo.yaml")).expect("copy");
            for folder in ["customers", "orders/2025", "orders/2026"] {
                std::fs::create_dir_all(dir.path().join(folder)).expect("mkdir");
                for entry in std::fs::read_dir(from.join(folder))
                    .expect("list")
                    .flatten()
                {
                    std::fs::copy(
                        entry.path(),
                        dir.path().join(folder).join(entry.file_name()),
                    )
                    .expect("copy");
                }
            }
            dir
        })
        .path()
}

fn orders() -> Vec<PathBuf> {
    let mut all: Vec<PathBuf> = ["orders/2025", "orders/2026"]
        .iter()
        .flat_map(|f| std::fs::read_dir(ledger().join(f)).expect("list").flatten())
        .map(|e| e.path().strip_prefix(ledger()).expect("inside").to_owned())
        .collect();
    all.sort();
    all
}

/// The text outside conflict markers.
fn outside_markers(text: &str) -> String {
    let mut out = String::new();
    let mut inside = false;
    for line in text.lines() {
        if line.starts_with("<<<<<<<") {
            inside = true;
        } else if line.starts_with(">>>>>>>") {
            inside = false;
        } else if !inside {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn every_change_of_either_side_is_in_the_result_and_a_clean_one_validates(
        which in 0usize..22,
        ours_edits in proptest::collection::vec((0u8..10, 0u32..10_000), 0..4),
        theirs_edits in proptest::collection::vec((0u8..10, 0u32..10_000), 0..4),
    ) {
        let orders = orders();
        let rel = &orders[which % orders.len()];
        let base = std::fs::read_to_string(ledger().join(rel)).expect("order");
        let apply = |edits: &[Edit], side: &str| {
            let mut text = base.clone();
            let mut effects: Vec<(Option<String>, Effect)> = Vec::new();
            for e in edits {
                if let Some((next, effect)) = edit(&text, *e, side) {
                    if next == text {
                        continue; // no change, nothing to keep
                    }
                    text = next;
                    // A later edit of the same field replaces the earlier one.
                    let field = match e.0 {
                        0 | 6 | 8 => Some(e.0.to_string()),
                        3 | 4 => Some(format!("{}-{}", e.0, e.1 % 6)),
                        _ => None,
                    };
                    if field.is_some() {
                        effects.retain(|(f, _)| *f != field);
                    }
                    // A deleted line takes what earlier edits wrote in it.
                    if let Effect::Absent(line) = &effect {
                        effects.retain(|(_, earlier)| {
                            !matches!(earlier, Effect::Present(t) if line.contains(t.trim_end()))
                        });
                    }
                    effects.push((field, effect));
                }
            }
            // A field set back to its base value is no change to keep (ours:
            // owner bob -> carol -> bob, theirs: bob -> carol merges to carol).
            let effects = effects
                .into_iter()
                .map(|(_, e)| e)
                .filter(|e| !matches!(e, Effect::Present(t) if base.contains(t.trim_end())))
                .collect::<Vec<_>>();
            (text, effects)
        };
        let (ours, ours_effects) = apply(&ours_edits, "ours");
        let (theirs, theirs_effects) = apply(&theirs_edits, "theirs");
        let dir = tempfile::tempdir().expect("tempdir");
        let file = |name: &str, text: &str| {
            let path = dir.path().join(name);
            std::fs::write(&path, text).expect("write");
            path
        };
        let (b, o, t) = (file("base", &base), file("ours", &ours), file("theirs", &theirs));
        let request = Request {
            base: &b,
            ours: &o,
            theirs: &t,
            path: rel,
            top: ledger(),
            markers: Markers::default(),
            base_label: String::new(),
            now: chrono::DateTime::parse_from_rfc3339("2026-11-20T12:00:00+08:00")
                .expect("time")
                .to_utc(),
        };
        let outcome = driver::run(&request).expect("the driver runs");
        let result = String::from_utf8(outcome.text).expect("utf-8");
        let marked = has_markers(&result);
        prop_assert!(!(outcome.clean && marked), "clean with markers:\n{result}");
        for effect in ours_effects.iter().chain(&theirs_effects) {
            match effect {
                Effect::Present(token) => prop_assert!(
                    result.contains(token.trim_end()),
                    "{token} is lost:\n{result}\n--- ours:\n{ours}"
                ),
                Effect::Absent(line) => prop_assert!(
                    marked || !outside_markers(&result).contains(line.as_str()),
                    "a deletion is lost ({line}):\n{result}"
                ),
            }
        }
        if outcome.clean {
            let ledger = crate::ledger::ledger::Ledger::open_lenient(ledger(), false)
                .ledger
                .expect("ledger");
            let Some(ordo_core::layout::LedgerFile::Order(order_file)) = ordo_core::layout::classify(rel) else {
                panic!("an order file");
            };
            let now = request.now.with_timezone(&ledger.tz);
            let errors = |text: &str| -> std::collections::BTreeSet<String> {
                crate::validate::text::check_text(&ledger, &order_file, text, now)
                    .1
                    .into_iter()
                    .filter(|f| f.severity == ordo_core::finding::Severity::Error)
                    .map(|f| format!("{}: {}", f.code, f.message))
                    .collect()
            };
            let before: std::collections::BTreeSet<String> =
                errors(&ours).union(&errors(&theirs)).cloned().collect();
            let new: Vec<String> = errors(&result).difference(&before).cloned().collect();
            prop_assert!(new.is_empty(), "{new:?}\n{result}");
        }
    }
}
