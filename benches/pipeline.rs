//! In-process benchmarks of each stage of reading a ledger, per order file, on the
//! ledger named by `ORDO_BENCH_LEDGER` (default: the example ledger). Make one with
//! `cargo run --release --example gen-ledger -- --orders 10000 --out /tmp/l10k`.
//! The parse-only stages are the floor the whole validation is compared with.
//!
//! ```sh
//! ORDO_BENCH_LEDGER=/tmp/l10k cargo bench --bench pipeline
//! ```

use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use divan::Bencher;
use ordo::ledger::files::{OrderFile, order_files};
use ordo_core::checks::{Context, check_order};
use ordo_core::model::{Config, Order};
use ordo_core::schema::FileKind;

fn main() {
    divan::main();
}

struct Corpus {
    root: PathBuf,
    files: Vec<OrderFile>,
    texts: Vec<String>,
}

static CORPUS: LazyLock<Corpus> = LazyLock::new(|| {
    let root = std::env::var_os("ORDO_BENCH_LEDGER").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("example-ledger"),
        PathBuf::from,
    );
    let files = order_files(&root);
    let texts = files
        .iter()
        .map(|f| std::fs::read_to_string(root.join(&f.rel)).expect("readable"))
        .collect();
    Corpus { root, files, texts }
});

fn texts() -> &'static [String] {
    &CORPUS.texts
}

#[divan::bench]
fn read_files(bencher: Bencher) {
    let corpus = &*CORPUS;
    bencher
        .counter(divan::counter::ItemsCount::new(corpus.files.len()))
        .bench(|| {
            corpus
                .files
                .iter()
                .map(|f| std::fs::read(corpus.root.join(&f.rel)).map_or(0, |b| b.len()))
                .sum::<usize>()
        });
}

#[divan::bench]
fn floor_saphyr_events(bencher: Bencher) {
    bencher
        .counter(divan::counter::ItemsCount::new(texts().len()))
        .bench(|| {
            texts()
                .iter()
                .map(|t| saphyr_parser::Parser::new_from_str(t).count())
                .sum::<usize>()
        });
}

#[divan::bench]
fn floor_yaml_serde_value(bencher: Bencher) {
    bencher
        .counter(divan::counter::ItemsCount::new(texts().len()))
        .bench(|| {
            texts()
                .iter()
                .filter_map(|t| yaml_serde::from_str::<serde_json::Value>(t).ok())
                .count()
        });
}

#[divan::bench]
fn parse_to_value(bencher: Bencher) {
    bencher
        .counter(divan::counter::ItemsCount::new(texts().len()))
        .bench(|| {
            texts()
                .iter()
                .filter_map(|t| ordo_core::yaml::parse(t).ok())
                .count()
        });
}

#[divan::bench]
fn decode_directly(bencher: Bencher) {
    bencher
        .counter(divan::counter::ItemsCount::new(texts().len()))
        .bench(|| {
            texts()
                .iter()
                .filter_map(|t| ordo_core::yaml::from_str::<Order>(t).ok())
                .count()
        });
}

#[divan::bench]
fn schema_check(bencher: Bencher) {
    let values: Vec<serde_json::Value> = texts()
        .iter()
        .filter_map(|t| ordo_core::yaml::parse(t).ok())
        .collect();
    let validator = FileKind::Order.validator();
    bencher
        .counter(divan::counter::ItemsCount::new(values.len()))
        .bench(|| values.iter().filter(|v| validator.is_valid(v)).count());
}

#[divan::bench]
fn typed_model(bencher: Bencher) {
    let values: Vec<serde_json::Value> = texts()
        .iter()
        .filter_map(|t| ordo_core::yaml::parse(t).ok())
        .collect();
    bencher
        .counter(divan::counter::ItemsCount::new(values.len()))
        .bench(|| {
            values
                .iter()
                .filter_map(|v| serde_path_to_error::deserialize::<_, Order>(v).ok())
                .count()
        });
}

#[divan::bench]
fn order_checks(bencher: Bencher) {
    let corpus = &*CORPUS;
    let config_text = std::fs::read_to_string(corpus.root.join("ordo.yaml")).expect("config");
    let config: Config =
        serde_json::from_value(ordo_core::yaml::parse(&config_text).expect("yaml"))
            .expect("config");
    let tz: chrono_tz::Tz = config.timezone.parse().expect("tz");
    let calendars = ordo_core::engine::due::Calendars::new(&config, tz);
    let customers = ordo::ledger::files::customer_files(&corpus.root)
        .into_keys()
        .collect();
    let format = ordo_core::model::id_format::IdFormat::parse(&config.id_format).ok();
    let now = chrono::TimeZone::with_ymd_and_hms(&tz, 2026, 11, 20, 12, 0, 0)
        .single()
        .expect("now");
    let ctx = Context {
        config: &config,
        tz,
        now,
        customers: &customers,
        // The generated customers keep no documents of their own.
        customer_records: &std::collections::BTreeMap::new(),
        id_format: format.as_ref(),
        calendars: Some(&calendars),
    };
    let orders: Vec<(OrderFile, Order)> = corpus
        .files
        .iter()
        .zip(texts())
        .filter_map(|(f, t)| {
            let value = ordo_core::yaml::parse(t).ok()?;
            Some((f.clone(), serde_json::from_value(value).ok()?))
        })
        .collect();
    bencher
        .counter(divan::counter::ItemsCount::new(orders.len()))
        .bench(|| {
            orders
                .iter()
                .map(|(f, o)| check_order(&ctx, f, o, &Default::default()).findings.len())
                .sum::<usize>()
        });
}

#[divan::bench(sample_count = 10)]
fn validate_whole_ledger(bencher: Bencher) {
    let corpus = &*CORPUS;
    bencher
        .counter(divan::counter::ItemsCount::new(corpus.files.len()))
        .bench(|| {
            ordo::validate::validate(&corpus.root, &ordo::validate::Selection::All, None, |tz| {
                chrono::TimeZone::with_ymd_and_hms(&tz, 2026, 11, 20, 12, 0, 0)
                    .single()
                    .expect("now")
            })
            .map(|o| o.findings.len())
        });
}
