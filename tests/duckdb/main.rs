//! The export read by a real analytics engine: DuckDB (its Python package)
//! reads every table of the example ledger's export in Parquet, JSON Lines and
//! CSV, and the types it finds are the documented ones (`export.json`, kept
//! equal to docs/export.md by the cli tests); decimals from the text formats
//! come out as the docs say (JSON strings as VARCHAR, CSV numbers as DuckDB's
//! sniffer types them). Overdue rows per customer computed in SQL (the
//! docs' query) equal `ordo overdue`'s.
//!
//! Ignored by `cargo test`: it needs `python3` with `duckdb`. `.ci/run`
//! installs it from PyPI when it is missing and runs this with `--ignored`.

use std::path::Path;
use std::process::Command;

const AS_OF: &str = "2026-11-20T12:00:00+08:00";

const CHECK: &str = r#"
import duckdb, json, sys
base, overdue = sys.argv[1], json.loads(sys.argv[2])
readers = {"parquet": "read_parquet", "jsonl": "read_json_auto", "csv": "read_csv_auto"}
# How the text formats' decimals read without a type given (docs/export.md).
text_decimals = {"jsonl": {"VARCHAR"}, "csv": {"DOUBLE", "BIGINT"}}
problems = []
for fmt, reader in readers.items():
    manifest = json.load(open(f"{base}/{fmt}/export.json"))
    for name, table in manifest["tables"].items():
        path = f"{base}/{fmt}/{table['file']}"
        got = duckdb.sql(f"DESCRIBE SELECT * FROM {reader}('{path}')").fetchall()
        got = [(row[0], row[1]) for row in got]
        want = [(c["name"], c["type"]) for c in table["columns"]]
        if [g[0] for g in got] != [w[0] for w in want]:
            problems.append(f"{fmt} {name}: columns {got}")
            continue
        for (column, found), (_, documented) in zip(got, want):
            ok = found == documented or (
                documented.startswith("DECIMAL") and found in text_decimals.get(fmt, ()))
            if not ok:
                problems.append(f"{fmt} {name}.{column}: {found}, documented {documented}")
        rows = duckdb.sql(f"SELECT count(*) FROM {reader}('{path}')").fetchall()[0][0]
        if rows != table["rows"]:
            problems.append(f"{fmt} {name}: {rows} rows, export.json says {table['rows']}")
    # docs/export.md's query: steps, progress updates and installments no
    # step tracks.
    per_customer = dict(duckdb.sql(f"""
        WITH s AS (SELECT * FROM {reader}('{base}/{fmt}/steps.{fmt}')),
             i AS (SELECT * FROM {reader}('{base}/{fmt}/installments.{fmt}')),
             late AS (
               SELECT order_id FROM s WHERE overdue
               UNION ALL SELECT order_id FROM s WHERE update_overdue
               UNION ALL SELECT order_id FROM i WHERE overdue AND tracked_by IS NULL)
        SELECT o.customer, count(*)
        FROM late JOIN {reader}('{base}/{fmt}/orders.{fmt}') o USING (order_id)
        GROUP BY o.customer""").fetchall())
    if per_customer != overdue:
        problems.append(f"{fmt}: overdue per customer {per_customer}, ordo overdue {overdue}")
    late = duckdb.sql(f"""SELECT count(*) FROM {reader}('{base}/{fmt}/steps.{fmt}')
        WHERE done_date IS NOT NULL AND late""").fetchall()[0][0]
    by_days = duckdb.sql(f"""SELECT count(*) FROM {reader}('{base}/{fmt}/steps.{fmt}')
        WHERE done_date IS NOT NULL AND basis IN ('firm', 'forecast')
        AND (CASE WHEN due_utc IS NULL THEN done_date > due_date
                  ELSE coalesce(done_utc > due_utc, done_date > due_date) END)""").fetchall()[0][0]
    if late != by_days:
        problems.append(f"{fmt}: {late} steps late by the column, {by_days} by the dates")
print("\n".join(problems))
sys.exit(1 if problems else 0)
"#;

fn ordo(ledger: &Path, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_ordo"))
        .current_dir(ledger)
        .env_remove("NO_COLOR")
        .env_remove("CI")
        .args(["--as-of", AS_OF])
        .args(args)
        .output()
        .expect("ordo runs");
    assert!(
        out.status.success(),
        "ordo {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

#[test]
#[ignore = "needs python3 with duckdb; .ci/run installs it and runs this with --ignored"]
fn duckdb_reads_every_table_with_the_documented_types() {
    let ledger = Path::new(env!("CARGO_MANIFEST_DIR")).join("example-ledger");
    let work = tempfile::tempdir().expect("temp");
    for format in ["parquet", "jsonl", "csv"] {
        let dir = work.path().join(format);
        ordo(
            &ledger,
            &[
                "export",
                "-o",
                dir.to_str().expect("path"),
                "--format",
                format,
            ],
        );
    }
    let report: serde_json::Value =
        serde_json::from_str(&ordo(&ledger, &["overdue", "--format", "json"])).expect("json");
    let mut overdue = serde_json::Map::new();
    for row in report["sections"]["rows"].as_array().expect("rows") {
        let customer = row["customer"].as_str().expect("customer").to_owned();
        let count = overdue.get(&customer).and_then(|v| v.as_u64()).unwrap_or(0);
        overdue.insert(customer, (count + 1).into());
    }
    let out = Command::new("python3")
        .args(["-c", CHECK])
        .arg(work.path())
        .arg(serde_json::Value::Object(overdue).to_string())
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}
