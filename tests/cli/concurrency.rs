//! Safe writes under concurrency and failure: many writers at once never lose an
//! update (a stale one is refused with a clear message), and a writer killed in the
//! middle of a write leaves the old content and releases the ledger's lock.

use std::process::Child;
use std::time::Duration;

use crate::support::{AS_OF, Ledger};

const ORDER: &str = "orders/2026/202611-ACME-001.yaml";

/// Starts `ordo ARGS` on the ledger, as of the tests' instant.
fn spawn(ledger: &Ledger, args: &[&str]) -> Child {
    crate::support::ordo(ledger.path())
        .args(&["--as-of", AS_OF, "--color", "never"])
        .args(args)
        .spawn()
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
            spawn(
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
        .map(|id| spawn(&ledger, &["advance", id, "take", "--by", "ann"]))
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
    // The test holds the ledger's write lock: the writer stages its new text
    // beside the order and waits for the lock, and is killed there.
    std::fs::create_dir_all(ledger.path().join(".ordo")).expect("mkdir");
    let lock = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(ledger.path().join(".ordo/write.lock"))
        .expect("lock file");
    lock.lock().expect("locked");
    let mut child = spawn(
        &ledger,
        &["advance", "202611-ACME-001", "ship", "--by", "ben"],
    );
    let dir = ledger.path().join("orders/2026");
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
    let mut waited = 0;
    while leftovers() == 0 {
        assert!(waited < 600, "the writer never staged its text");
        std::thread::sleep(Duration::from_millis(50));
        waited += 1;
    }
    child.kill().expect("killed");
    let _ = child.wait();
    lock.unlock().expect("unlocked");
    assert_eq!(
        std::fs::read(ledger.path().join(ORDER)).expect("read"),
        before,
        "the old content, whole"
    );
    assert_eq!(leftovers(), 1, "the killed writer's temporary file");
    // The next writer gets the lock, and removes what the killed one left.
    let run = ledger.run(&["advance", "202611-ACME-001", "ship", "--by", "ben"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert_eq!(leftovers(), 0, "the next writer removes the leftover");
    // The half-done temporary file is not an order and is never read as one.
    assert_eq!(ledger.run(&["validate"]).code, 0);
}

#[test]
#[cfg(target_os = "linux")]
fn a_lock_holder_that_dies_releases_the_lock() {
    let ledger = Ledger::base();
    std::fs::create_dir_all(ledger.path().join(".ordo")).expect("mkdir");
    // flock(1) takes the same kind of lock ordo takes, in a process of its own
    // (-o: the lock is its own, not the command's it runs).
    let mut holder = std::process::Command::new("flock")
        .arg("-o")
        .arg(ledger.path().join(".ordo/write.lock"))
        .args(["sleep", "60"])
        .spawn()
        .expect("flock runs");
    std::thread::sleep(Duration::from_millis(300));
    let mut writer = spawn(
        &ledger,
        &["advance", "202611-ACME-001", "ship", "--by", "ben"],
    );
    std::thread::sleep(Duration::from_millis(300));
    assert!(
        writer.try_wait().expect("polled").is_none(),
        "the writer waits for the lock"
    );
    holder.kill().expect("killed");
    let _ = holder.wait();
    let output = writer.wait_with_output().expect("finishes");
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn sixteen_new_orders_at_once_for_one_customer_take_sixteen_ids() {
    let ledger = Ledger::base();
    let children: Vec<_> = (0..16)
        .map(|_| {
            spawn(
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
