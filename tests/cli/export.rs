//! `ordo export`: typed tables that analytics engines read as documented,
//! exact amounts, days that stay days, an `overdue` that agrees with `ordo
//! overdue`, and what was left out named.

use std::collections::BTreeMap;
use std::path::Path;

use arrow_schema::DataType;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

use crate::support::{AS_OF, Ledger, example_copy, run_in};

const TABLES: [&str; 11] = [
    "orders",
    "lines",
    "steps",
    "installments",
    "payments",
    "amendments",
    "incidents",
    "holds",
    "documents",
    "progress",
    "sla",
];

/// docs/export.md's columns of every table, with their types.
fn documented() -> BTreeMap<String, Vec<(String, String)>> {
    let text =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/export.md"))
            .expect("docs/export.md");
    let mut tables = BTreeMap::new();
    let mut current: Option<String> = None;
    for line in text.lines() {
        if let Some(name) = line.strip_prefix("### ") {
            current = Some(name.trim().to_owned());
            tables.insert(name.trim().to_owned(), Vec::new());
        } else if let (Some(table), Some(rest)) = (&current, line.strip_prefix("| `")) {
            let cells: Vec<&str> = rest.split(" | ").collect();
            let name = cells[0].trim_end_matches('`').to_owned();
            tables
                .get_mut(table)
                .expect("table")
                .push((name, cells[1].trim().to_owned()));
        }
    }
    tables
}

fn export(ledger: &Path, format: &str) -> serde_json::Value {
    let dir = format!("out-{format}");
    let run = run_in(
        ledger,
        &["--as-of", AS_OF, "export", "-o", &dir, "--format", format],
    );
    assert_eq!(run.code, 0, "{}", run.transcript());
    let text = std::fs::read_to_string(ledger.join(&dir).join("export.json")).expect("manifest");
    serde_json::from_str(&text).expect("json")
}

fn jsonl(ledger: &Path, table: &str) -> Vec<serde_json::Map<String, serde_json::Value>> {
    let text =
        std::fs::read_to_string(ledger.join(format!("out-jsonl/{table}.jsonl"))).expect("table");
    text.lines()
        .map(|l| serde_json::from_str(l).expect("a JSON object per line"))
        .collect()
}

/// The SQL name of a Parquet column's type, as docs/export.md gives it.
fn sql_type(data_type: &DataType) -> String {
    match data_type {
        DataType::Utf8 => "VARCHAR".into(),
        DataType::Boolean => "BOOLEAN".into(),
        DataType::Int64 => "BIGINT".into(),
        DataType::Float64 => "DOUBLE".into(),
        DataType::Date32 => "DATE".into(),
        DataType::Timestamp(_, Some(_)) => "TIMESTAMP WITH TIME ZONE".into(),
        DataType::Decimal128(p, s) => format!("DECIMAL({p},{s})"),
        other => format!("{other:?}"),
    }
}

#[test]
fn every_table_has_the_documented_columns_and_types_in_every_format() {
    let ledger = example_copy();
    let ledger = ledger.path();
    let docs = documented();
    assert_eq!(
        docs.keys().cloned().collect::<Vec<_>>(),
        {
            let mut names: Vec<String> = TABLES.iter().map(|t| t.to_string()).collect();
            names.sort();
            names
        },
        "docs/export.md documents every table"
    );
    for format in ["parquet", "jsonl", "csv"] {
        let manifest = export(ledger, format);
        assert_eq!(manifest["left_out"], serde_json::json!([]));
        for table in TABLES {
            let entry = &manifest["tables"][table];
            let listed: Vec<(String, String)> = entry["columns"]
                .as_array()
                .expect("columns")
                .iter()
                .map(|c| {
                    (
                        c["name"].as_str().expect("name").to_owned(),
                        c["type"].as_str().expect("type").to_owned(),
                    )
                })
                .collect();
            assert_eq!(
                listed, docs[table],
                "{table}: export.json and docs/export.md"
            );
            let names: Vec<&str> = listed.iter().map(|(n, _)| n.as_str()).collect();
            let rows = entry["rows"].as_u64().expect("rows") as usize;
            assert!(rows > 0, "the example ledger has rows in {table}");
            let path = ledger.join(format!("out-{format}/{table}.{format}"));
            match format {
                "jsonl" => {
                    let lines = jsonl(ledger, table);
                    assert_eq!(lines.len(), rows, "{table}");
                    for line in lines {
                        let keys: Vec<&str> = line.keys().map(String::as_str).collect();
                        let mut sorted = names.clone();
                        sorted.sort();
                        // serde_json's map sorts keys; every column is there, no other.
                        assert_eq!(keys, sorted, "{table}");
                    }
                }
                "csv" => {
                    let mut reader = csv::Reader::from_path(&path).expect("csv");
                    let header: Vec<String> = reader
                        .headers()
                        .expect("header")
                        .iter()
                        .map(str::to_owned)
                        .collect();
                    assert_eq!(header, names, "{table}");
                    assert_eq!(reader.records().count(), rows, "{table}");
                }
                _ => {
                    let file = std::fs::File::open(&path).expect("parquet");
                    let builder = ParquetRecordBatchReaderBuilder::try_new(file).expect("reader");
                    let schema = builder.schema().clone();
                    let read: Vec<(String, String)> = schema
                        .fields()
                        .iter()
                        .map(|f| (f.name().clone(), sql_type(f.data_type())))
                        .collect();
                    assert_eq!(read, docs[table], "{table}: the Parquet schema");
                    let count: usize = builder
                        .build()
                        .expect("batches")
                        .map(|b| b.expect("batch").num_rows())
                        .sum();
                    assert_eq!(count, rows, "{table}");
                }
            }
        }
    }
}

#[test]
fn overdue_in_the_tables_agrees_with_ordo_overdue() {
    // Every row of `ordo overdue` (a step, a progress update a step asks
    // for, an installment no step tracks, a credit approval) is in the
    // tables, so SQL over the export counts what the report lists. Before,
    // the progress-update rows were in no table: BJX counted 3 against 4.
    let ledger = example_copy();
    let ledger = ledger.path();
    export(ledger, "jsonl");
    let customer: BTreeMap<String, String> = jsonl(ledger, "orders")
        .into_iter()
        .map(|o| {
            (
                o["order_id"].as_str().expect("id").to_owned(),
                o["customer"].as_str().expect("customer").to_owned(),
            )
        })
        .collect();
    let mut from_tables: BTreeMap<(String, &str), usize> = BTreeMap::new();
    let mut count = |order: &serde_json::Value, kind: &'static str| {
        *from_tables
            .entry((customer[order.as_str().expect("id")].clone(), kind))
            .or_default() += 1;
    };
    for step in jsonl(ledger, "steps") {
        if step["overdue"] == true {
            count(&step["order_id"], "step");
        }
        if step["update_overdue"] == true {
            count(&step["order_id"], "update");
        }
    }
    for installment in jsonl(ledger, "installments") {
        if installment["overdue"] == true && installment["tracked_by"].is_null() {
            count(&installment["order_id"], "payment");
        }
    }
    let run = run_in(ledger, &["--as-of", AS_OF, "overdue", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).expect("json");
    let mut from_report: BTreeMap<(String, &str), usize> = BTreeMap::new();
    for row in report["sections"]["rows"].as_array().expect("rows") {
        let step = row["step"].as_str().expect("step");
        let kind = if step.starts_with("payment:") {
            "payment"
        } else if step.starts_with("update:") {
            "update"
        } else {
            "step"
        };
        *from_report
            .entry((row["customer"].as_str().expect("customer").to_owned(), kind))
            .or_default() += 1;
    }
    assert!(
        from_report.contains_key(&("BJX".to_owned(), "update")),
        "the example has an overdue progress update: {from_report:?}"
    );
    assert_eq!(from_tables, from_report);
}

#[test]
fn amounts_are_exact_and_days_never_pretend_to_be_instants() {
    let ledger = example_copy();
    let ledger = ledger.path();
    export(ledger, "jsonl");
    let order = jsonl(ledger, "orders")
        .into_iter()
        .find(|o| o["order_id"] == "202606-BJX-003")
        .expect("BJX-003");
    assert_eq!(order["total"], "90000.00");
    assert_eq!(order["paid"], "27000.00");
    assert_eq!(order["received_at"], "2026-06-15T10:00:00+08:00");
    assert_eq!(order["received_utc"], "2026-06-15T02:00:00Z");
    assert_eq!(order["requested_delivery"], "2026-10-30");
    let steps = jsonl(ledger, "steps");
    let production = steps
        .iter()
        .find(|s| s["order_id"] == "202606-BJX-003" && s["step"] == "ORD-08")
        .expect("ORD-08");
    // Due on a day: no instant is made up for it.
    assert_eq!(production["due_date"], "2026-09-02");
    assert!(production["due_at"].is_null() && production["due_utc"].is_null());
    assert_eq!(production["days_late"], 79);
    assert_eq!(production["overdue"], true);
    let line = jsonl(ledger, "lines")
        .into_iter()
        .find(|l| l["order_id"] == "202606-BJX-003")
        .expect("line");
    assert_eq!(line["qty"], "600");
    assert_eq!(line["unit_price"], "150");

    // Parquet holds the same amounts as decimals.
    export(ledger, "parquet");
    let file = std::fs::File::open(ledger.join("out-parquet/orders.parquet")).expect("parquet");
    let reader = ParquetRecordBatchReaderBuilder::try_new(file)
        .expect("reader")
        .build()
        .expect("batches");
    let mut found = false;
    for batch in reader {
        let batch = batch.expect("batch");
        let ids = batch
            .column_by_name("order_id")
            .and_then(|c| {
                c.as_any()
                    .downcast_ref::<arrow_array::StringArray>()
                    .cloned()
            })
            .expect("ids");
        let totals = batch
            .column_by_name("total")
            .and_then(|c| {
                c.as_any()
                    .downcast_ref::<arrow_array::Decimal128Array>()
                    .cloned()
            })
            .expect("totals");
        for i in 0..batch.num_rows() {
            if ids.value(i) == "202606-BJX-003" {
                assert_eq!(totals.value_as_string(i), "90000.0000");
                found = true;
            }
        }
    }
    assert!(found);
}

/// `late` and `days_late` as `show` and the site mark steps: done after a due
/// day, done on it, open before a forecast date, skipped; and an installment
/// a step stands for names that step.
#[test]
fn steps_say_how_late_they_were_and_installments_which_step_tracks_them() {
    let ledger = example_copy();
    let ledger = ledger.path();
    export(ledger, "jsonl");
    let steps = jsonl(ledger, "steps");
    let step = |order: &str, id: &str| {
        let s = steps
            .iter()
            .find(|s| s["order_id"] == order && s["step"] == id)
            .unwrap_or_else(|| panic!("{order} {id}"));
        (s["late"].clone(), s["days_late"].clone())
    };
    // Due 18 April, done the 24th; due and done 7 March.
    assert_eq!(step("202503-ABC-001", "ORD-08"), (true.into(), 6.into()));
    assert_eq!(step("202503-ABC-001", "ORD-02"), (false.into(), 0.into()));
    // Open, forecast for 30 November (reported on ORD-08): not late yet.
    assert_eq!(step("202606-BJX-003", "ORD-10"), (false.into(), 0.into()));
    // Skipped: nothing to be late against.
    let skipped = step("202508-MLS-001", "ORD-07");
    assert!(skipped.0.is_null() && skipped.1.is_null(), "{skipped:?}");
    let installments = jsonl(ledger, "installments");
    let tracked = |order: &str, name: &str| {
        installments
            .iter()
            .find(|i| i["order_id"] == order && i["installment"] == name)
            .map(|i| i["tracked_by"].clone())
            .unwrap_or_else(|| panic!("{order} {name}"))
    };
    assert_eq!(tracked("202611-HKL-004", "deposit"), "ORD-03");
    assert_eq!(tracked("202611-HKL-004", "balance"), "ORD-11");
}

#[test]
fn one_table_on_stdout_is_the_folders_file() {
    let ledger = example_copy();
    let ledger = ledger.path();
    for format in ["csv", "jsonl"] {
        export(ledger, format);
        let run = run_in(
            ledger,
            &[
                "--as-of", AS_OF, "export", "--table", "steps", "--format", format,
            ],
        );
        assert_eq!(run.code, 0, "{}", run.transcript());
        let file = std::fs::read_to_string(ledger.join(format!("out-{format}/steps.{format}")))
            .expect("file");
        assert_eq!(run.stdout, file, "{format}");
    }
    let run = run_in(ledger, &["export", "--table", "stpes"]);
    assert_eq!(run.code, 2, "{}", run.transcript());
    assert!(
        run.stderr.contains("invalid value 'stpes'")
            && run
                .stderr
                .contains("[possible values: orders, lines, steps, installments"),
        "{}",
        run.stderr
    );
    let run = run_in(
        ledger,
        &["export", "--table", "steps", "--format", "parquet"],
    );
    assert_eq!(run.code, 2, "{}", run.transcript());
}

#[test]
fn a_bad_order_is_left_out_and_named_and_the_others_exported() {
    let ledger = Ledger::case("schema-enum");
    let run = ledger.run(&["export", "-o", "out"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert!(
        run.stderr.contains("202611-ACME-002.yaml left out"),
        "{}",
        run.stderr
    );
    let manifest: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(ledger.path().join("out/export.json")).expect("manifest"),
    )
    .expect("json");
    assert_eq!(
        manifest["left_out"][0]["file"],
        "orders/2026/202611-ACME-002.yaml"
    );
    assert_eq!(manifest["tables"]["orders"]["rows"], 1);
    let run = ledger.run(&["export", "-o", "out", "--strict"]);
    assert_eq!(run.code, 1, "{}", run.transcript());
}

#[test]
fn a_decimal_finer_than_its_parquet_column_is_null_and_named_never_rounded() {
    let ledger = Ledger::base();
    let path = "orders/2026/202611-ACME-001.yaml";
    let text = std::fs::read_to_string(ledger.path().join(path)).expect("order");
    ledger.write(path, text.replace("qty: 10,", "qty: 10.1234567,"));
    let run = ledger.run(&["export", "-o", "out"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert!(
        run.stderr
            .contains("lines.qty: 1 values have more decimals than the column's scale"),
        "{}",
        run.stderr
    );
    let manifest: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(ledger.path().join("out/export.json")).expect("manifest"),
    )
    .expect("json");
    assert_eq!(manifest["tables"]["lines"]["inexact"]["qty"], 1);
    // The text formats carry it exactly.
    let run = ledger.run(&["export", "--table", "lines"]);
    assert!(
        run.stdout.contains("\"qty\":\"10.1234567\""),
        "{}",
        run.stdout
    );
}
