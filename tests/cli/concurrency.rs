//! Safe writes under concurrency and failure: many writers at once never lose an
//! update (a stale one is refused with a clear message), and a writer killed in the
//! middle of a write leaves the old content and releases the ledger's lock.

use std::process::{Command, Stdio};
use std::time::Duration;

use crate::support::{AS_OF, Ledger};

const ORDER: &str = "orders/2026/202611-ACME-001.yaml";

fn ordo(ledger: &Ledger, args: &[&str]) -> Command {
    let mut command = Command::new(assert_cmd::cargo::cargo_bin("ordo"));
    command
        .current_dir(ledger.path())
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .args(["--as-of", AS_OF, "--color", "never"])
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    command
}

fn amendments(ledger: &Ledger, rel: &str) -> usize {
    std::fs::read_to_string(ledger.path().join(rel))
        .expect("read")
        .matches("  - at: ")
        .count()
}

#[test]
fn concurrent_writers_to_one_order_never_lose_an_update() {
    let ledger = Ledger::base();
    let children: Vec<_> = (0..8)
        .map(|i| {
            let summary = format!("change {i}");
            ordo(
                &ledger,
                &[
                    "amend",
                    "202611-ACME-001",
                    "--by",
                    "ann",
                    "--summary",
                    &summary,
                    "--impact",
                    "minor",
                ],
            )
            .spawn()
            .expect("spawns")
        })
        .collect();
    let mut written = 0;
    for child in children {
        let output = child.wait_with_output().expect("finishes");
        let stderr = String::from_utf8_lossy(&output.stderr);
        match output.status.code() {
            Some(0) => written += 1,
            Some(2) => assert!(
                stderr.contains("changed on disk since it was read; nothing was written"),
                "{stderr}"
            ),
            other => panic!("unexpected exit {other:?}: {stderr}"),
        }
    }
    assert!(written >= 1);
    // Every reported success is in the file: nothing was silently overwritten.
    assert_eq!(amendments(&ledger, ORDER), written);
    assert_eq!(ledger.run(&["validate"]).code, 0);
}

#[test]
fn concurrent_writers_to_different_orders_all_succeed() {
    let ledger = Ledger::base();
    let ids: Vec<String> = (2..8).map(|n| format!("202611-ACME-{n:03}")).collect();
    for id in &ids {
        ledger.write(
            &format!("orders/2026/{id}.yaml"),
            format!(
                "id: {id}\ncustomer: ACME\nowner: ann\nreceived: 2026-11-05T09:00\nchannel: email\n"
            ),
        );
    }
    let children: Vec<_> = ids
        .iter()
        .map(|id| {
            ordo(&ledger, &["advance", id, "take", "--by", "ann"])
                .spawn()
                .expect("spawns")
        })
        .collect();
    for child in children {
        let output = child.wait_with_output().expect("finishes");
        assert_eq!(
            output.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    for id in &ids {
        let text = std::fs::read_to_string(ledger.path().join(format!("orders/2026/{id}.yaml")))
            .expect("read");
        assert!(
            text.contains("take:\n    done: 2026-11-20T12:00:00+08:00\n    by: ann\n"),
            "{text}"
        );
    }
}

#[test]
fn a_writer_killed_mid_write_leaves_the_old_file_and_no_lock() {
    let ledger = Ledger::base();
    let before = std::fs::read(ledger.path().join(ORDER)).expect("read");
    let mut child = ordo(
        &ledger,
        &["advance", "202611-ACME-001", "ship", "--by", "ben"],
    )
    .env("ORDO_TEST_PAUSE_BEFORE_RENAME_MS", "30000")
    .spawn()
    .expect("spawns");
    // Wait until the writer holds the lock with its new content written aside.
    let dir = ledger.path().join("orders/2026");
    let mut waited = 0;
    while !std::fs::read_dir(&dir).expect("list").any(|e| {
        e.expect("entry")
            .file_name()
            .to_string_lossy()
            .starts_with(".ordo-write-")
    }) {
        assert!(waited < 600, "the writer never reached its rename");
        std::thread::sleep(Duration::from_millis(50));
        waited += 1;
    }
    child.kill().expect("killed");
    let _ = child.wait();
    assert_eq!(
        std::fs::read(ledger.path().join(ORDER)).expect("read"),
        before,
        "the old content, whole"
    );
    let leftovers = || {
        std::fs::read_dir(&dir)
            .expect("list")
            .filter(|e| {
                let name = e.as_ref().expect("entry").file_name();
                let name = name.to_string_lossy();
                name.starts_with(".ordo-write-") && name.ends_with(".tmp")
            })
            .count()
    };
    assert_eq!(leftovers(), 1, "the killed writer's temporary file");
    // The lock died with the process: the next writer gets through, and
    // removes what the killed one left.
    let run = ledger.run(&["advance", "202611-ACME-001", "ship", "--by", "ben"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert_eq!(leftovers(), 0, "the next writer removes the leftover");
    // The half-done temporary file is not an order and is never read as one.
    assert_eq!(ledger.run(&["validate"]).code, 0);
}

#[test]
fn sixteen_new_orders_at_once_for_one_customer_take_sixteen_ids() {
    let ledger = Ledger::base();
    let children: Vec<_> = (0..16)
        .map(|_| {
            ordo(
                &ledger,
                &[
                    "new",
                    "--customer",
                    "ACME",
                    "--owner",
                    "ann",
                    "--received",
                    "2026-11-19T10:00",
                ],
            )
            .spawn()
            .expect("spawns")
        })
        .collect();
    let mut paths = std::collections::BTreeSet::new();
    for child in children {
        let output = child.wait_with_output().expect("finishes");
        assert_eq!(
            output.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        paths.insert(String::from_utf8_lossy(&output.stdout).trim().to_owned());
    }
    assert_eq!(paths.len(), 16, "{paths:?}");
    assert!(
        paths.contains("orders/2026/202611-ACME-017.yaml"),
        "{paths:?}"
    );
    assert_eq!(
        crate::support::run_in(ledger.path(), &["--as-of", AS_OF, "validate"]).code,
        0
    );
}
