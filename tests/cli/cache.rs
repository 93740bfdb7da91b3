//! The cache under `.ordo/`: used when nothing changed, never trusted when a file,
//! the configuration or the time has moved, or when it is corrupt.

use ordo::ledger::agenda_cache::AgendaEntry;
use ordo::ledger::cache::{Entry, Kept};

use crate::support::{AS_OF, Ledger, example_copy, run_in};

const ORDER: &str = "orders/2026/202611-ACME-001.yaml";

#[test]
fn the_cache_never_hides_a_change() {
    let ledger = Ledger::base();
    assert_eq!(ledger.run(&["validate"]).code, 0);
    let cache = ledger.path().join(Entry::FILE);
    assert!(cache.is_file(), "a whole-ledger run leaves a cache");
    assert_eq!(ledger.run(&["validate"]).code, 0, "a warm run agrees");

    // A changed file is read again.
    let text = std::fs::read_to_string(ledger.path().join(ORDER)).expect("read");
    ledger.write(ORDER, text.replace("channel: email", "channel: mail"));
    let run = ledger.run(&["validate"]);
    assert_eq!(run.code, 1, "{}", run.transcript());
    assert!(
        run.stdout.contains("`mail` is not one of"),
        "{}",
        run.stdout
    );

    // A corrupt cache is ignored.
    ledger.write(ORDER, text.clone());
    std::fs::write(&cache, b"not a cache").expect("write");
    assert_eq!(ledger.run(&["validate"]).code, 0);

    // A changed configuration invalidates every entry: ben loses his role.
    let config = std::fs::read_to_string(ledger.path().join("ordo.yaml")).expect("read");
    ledger.write(
        "ordo.yaml",
        config.replace("roles: [warehouse]", "roles: [sales]"),
    );
    let run = ledger.run(&["validate"]);
    assert!(
        run.stdout
            .contains("error[role]: ben does not hold the role `warehouse`"),
        "{}",
        run.stdout
    );
    ledger.write("ordo.yaml", config);

    // An added and a deleted file are seen.
    ledger.write("orders/2026/202611-ACME-002.yaml", "id: 202611-ACME-002\ncustomer: NOPE\nowner: ann\nreceived: 2026-11-05T09:00\nchannel: email\n");
    assert!(
        ledger
            .run(&["validate"])
            .stdout
            .contains("error[unknown-customer]")
    );
    std::fs::remove_file(ledger.path().join("orders/2026/202611-ACME-002.yaml")).expect("remove");
    assert_eq!(
        ledger.run(&["validate"]).stdout,
        "0 errors, 0 warnings in 1 order and 3 other files\n"
    );
}

#[test]
fn cached_future_findings_go_and_come_back_one_date_at_a_time() {
    let ledger = Ledger::base();
    let text = std::fs::read_to_string(ledger.path().join(ORDER)).expect("read");
    // Two things recorded ahead of "now": a date stops being in the future when
    // its day starts, a time when it comes.
    ledger.write(
        ORDER,
        text.replace(
            "pack: {done: 2026-11-03, by: ben}",
            "pack: {done: 2026-11-03, by: ben}\n  ship: {done: 2026-11-25, by: ben}",
        )
        .replace("received: 2026-11-09}", "received: 2026-11-28T09:00}"),
    );
    let futures = |as_of: &str| {
        let run = run_in(ledger.path(), &["--as-of", as_of, "validate"]);
        (run.stdout.matches("error[future]").count(), run.code)
    };
    assert_eq!(futures("2026-11-24"), (2, 1));
    assert_eq!(
        futures("2026-11-25"),
        (1, 1),
        "the shipping day has started"
    );
    assert_eq!(futures("2026-11-29"), (0, 0));
    assert_eq!(futures("2026-11-24"), (2, 1), "back before both");
}

fn overdue(root: &std::path::Path) -> String {
    let run = run_in(
        root,
        &[
            "--as-of",
            "2026-11-20",
            "--color",
            "never",
            "overdue",
            "--format",
            "csv",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.transcript());
    run.stdout
}

#[test]
fn overdue_from_the_agenda_cache_matches_a_cold_run_and_sees_every_change() {
    let dir = example_copy();
    let root = dir.path();
    let cold = overdue(root);
    let cache = root.join(AgendaEntry::FILE);
    assert!(cache.is_file(), "a report run leaves the agenda cache");
    assert_eq!(overdue(root), cold, "a warm run agrees with the cold one");
    assert!(
        cold.contains("202611-ABC-007,ABC,ABC Trading Co.,review,"),
        "{cold}"
    );

    // A step marked done leaves the report.
    let run = run_in(
        root,
        &[
            "--as-of",
            "2026-11-20",
            "advance",
            "202611-ABC-007",
            "review",
            "--by",
            "eric",
            // The order lacks what its review's gate asks for.
            "--override",
            "--reason",
            "the customer sends the address and terms with the PO",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.transcript());
    let after = overdue(root);
    assert!(
        !after.contains("202611-ABC-007,ABC,ABC Trading Co.,review,"),
        "{after}"
    );

    // A deleted order leaves it; a corrupt cache is ignored and rebuilt.
    std::fs::remove_file(root.join("orders/2026/202606-BJX-003.yaml")).expect("remove");
    std::fs::write(&cache, b"\x07 not a cache").expect("write");
    let fewer = overdue(root);
    assert!(!fewer.contains("202606-BJX-003"), "{fewer}");
    assert_eq!(overdue(root), fewer);

    // An order that no longer reads is named in both a cold and a warm run.
    std::fs::write(
        root.join("orders/2026/202611-ABC-006.yaml"),
        "id: [unclosed\n",
    )
    .expect("write");
    for _ in 0..2 {
        let run = run_in(
            root,
            &[
                "--as-of",
                "2026-11-20",
                "overdue",
                "--format",
                "json",
                "--strict",
            ],
        );
        assert_eq!(run.code, 1, "{}", run.transcript());
        assert!(
            run.stdout
                .contains("\"file\": \"orders/2026/202611-ABC-006.yaml\""),
            "{}",
            run.stdout
        );
    }
}

/// The stored cache entry of the order file at `rel` under `root`.
fn cached<E: Kept>(root: &std::path::Path, rel: &str) -> E {
    let ledger = ordo::ledger::ledger::Ledger::open(root).expect("ledger");
    let place = ledger
        .order_files
        .iter()
        .position(|f| f.rel == std::path::Path::new(rel))
        .expect("a listed order file");
    let mut cache: ordo::ledger::cache::Cache<E> =
        ordo::ledger::cache::Cache::load(root, ledger.fingerprint, &ledger.order_files);
    cache.take(place).expect("a cached entry")
}

/// A read time long after the file's last change: past the racy window.
fn settled(identity: &ordo::ledger::cache::Identity) -> i64 {
    identity.modified_ns.max(identity.changed_ns) + 60_000_000_000
}

/// Rewrites a file with the same bytes: a new modification and change time.
fn touch(path: &std::path::Path) {
    std::thread::sleep(std::time::Duration::from_millis(20));
    let bytes = std::fs::read(path).expect("read");
    std::fs::write(path, bytes).expect("write");
}

#[test]
fn an_agenda_entry_is_trusted_while_its_file_is_unchanged_and_only_then() {
    use ordo::ledger::agenda_cache::AgendaEntry;
    use ordo::ledger::cache::Cache;
    let dir = example_copy();
    let root = dir.path();
    overdue(root);
    // Doctor the cached agenda of one order: a run that shows the doctored
    // customer read the cache instead of the file.
    let ledger = ordo::ledger::ledger::Ledger::open(root).expect("ledger");
    let key = "orders/2026/202611-ABC-007.yaml";
    let mut entry: AgendaEntry = cached(root, key);
    if let Ok(part) = &mut entry.part
        && let Some(agenda) = &mut part.agenda
    {
        agenda.customer = "DOCTORED".into();
    }
    // As if read well after its file was written (a fresh one is read again).
    entry.read_ns = settled(&entry.identity);
    Cache::save(root, ledger.fingerprint, [(key, &entry)]).expect("saved");
    assert!(overdue(root).contains("202611-ABC-007,DOCTORED,,review,"));
    touch(&root.join(key));
    let fresh = overdue(root);
    assert!(
        fresh.contains("202611-ABC-007,ABC,ABC Trading Co.,review,"),
        "{fresh}"
    );
}

#[test]
fn a_list_entry_is_trusted_while_its_file_is_unchanged_and_only_then() {
    use ordo::ledger::agenda_cache::ListEntry;
    use ordo::ledger::cache::Cache;
    let dir = example_copy();
    let root = dir.path();
    let list = |root: &std::path::Path| {
        let run = run_in(root, &["--as-of", AS_OF, "list", "--format", "csv"]);
        assert_eq!(run.code, 0, "{}", run.transcript());
        run.stdout
    };
    let cold = list(root);
    assert!(root.join(ListEntry::FILE).is_file(), "list keeps a cache");
    // Warm, the same rows.
    assert_eq!(list(root), cold);
    // Doctor one order's cached row: a run that shows it read the cache.
    let ledger = ordo::ledger::ledger::Ledger::open(root).expect("ledger");
    let key = "orders/2026/202611-ABC-007.yaml";
    let mut entry: ListEntry = cached(root, key);
    if let Ok(Some(row)) = &mut entry.part {
        row.customer = "DOCTORED".into();
    }
    entry.read_ns = settled(&entry.identity);
    Cache::save(root, ledger.fingerprint, [(key, &entry)]).expect("saved");
    assert!(list(root).contains("202611-ABC-007,DOCTORED,"));
    // The filters apply to cached rows as to fresh ones.
    let filtered = run_in(
        root,
        &[
            "--as-of",
            AS_OF,
            "list",
            "--customer",
            "ABC",
            "--format",
            "csv",
        ],
    );
    assert!(
        !filtered.stdout.contains("202611-ABC-007"),
        "{}",
        filtered.stdout
    );
    touch(&root.join(key));
    let fresh = list(root);
    assert!(fresh.contains("202611-ABC-007,ABC,"), "{fresh}");
    assert_eq!(fresh, cold);
}

#[test]
fn a_validate_entry_is_trusted_while_its_file_is_unchanged_and_only_then() {
    use ordo::ledger::cache::{Cache, Entry};
    use ordo_core::finding::{Code, Finding};
    let ledger = Ledger::base();
    assert_eq!(ledger.run(&["validate"]).code, 0);
    let opened = ordo::ledger::ledger::Ledger::open(ledger.path()).expect("ledger");
    let mut entry: Entry = cached(ledger.path(), ORDER);
    entry
        .findings
        .push(Finding::error(Code::Role, ORDER, "doctored in the cache"));
    entry.read_ns = settled(&entry.identity);
    Cache::save(ledger.path(), opened.fingerprint, [(ORDER, &entry)]).expect("saved");
    let run = ledger.run(&["validate"]);
    assert!(
        run.stdout.contains("doctored in the cache"),
        "{}",
        run.stdout
    );
    touch(&ledger.path().join(ORDER));
    assert_eq!(ledger.run(&["validate"]).code, 0);
}

#[test]
fn a_cache_restored_into_a_fresh_clone_is_trusted_by_git_blob_and_only_while_unchanged() {
    use crate::support::{Team, copy_tree, git};
    use ordo::ledger::cache::{Cache, Entry};
    use ordo_core::finding::{Code, Finding};
    let team = Team::new();
    let a = team.clone("a");
    assert_eq!(team.ordo("a", &["validate"]).code, 0);
    // Doctor a's cached entry: a run that shows it trusted the cache.
    let opened = ordo::ledger::ledger::Ledger::open(&a).expect("ledger");
    let mut entry: Entry = cached(&a, ORDER);
    assert!(
        entry.identity.blob.is_some(),
        "the entry is keyed by its blob"
    );
    entry
        .findings
        .push(Finding::error(Code::Role, ORDER, "doctored in the cache"));
    Cache::save(&a, opened.fingerprint, [(ORDER, &entry)]).expect("saved");

    // A fresh clone (new inodes and times for every file), with a's cache
    // restored into it as a CI job restores it.
    let dir = team.dir.path();
    git(dir, &["clone", "--quiet", "origin.git", "c"]);
    let c = dir.join("c");
    copy_tree(&a.join(".ordo"), &c.join(".ordo"));
    // Past the window in which a same-size edit cannot be told by its times,
    // as a CI job's files are by the time it runs ordo.
    std::thread::sleep(std::time::Duration::from_millis(2100));
    let run = team.ordo("c", &["validate"]);
    assert!(
        run.stdout.contains("doctored in the cache"),
        "the restored entry is used: {}",
        run.stdout
    );
    // Found by its blob, the entry took this clone's stamps: the next run
    // finds it by them alone, without git (before, every later run asked git
    // again, and without git read every file afresh).
    let restamped: Entry = cached(&c, ORDER);
    let here = ordo::ledger::cache::Identity::of(&c.join(ORDER)).expect("stat");
    assert!(restamped.identity.same_stamps(&here), "still a's stamps");
    let no_git = tempfile::tempdir().expect("an empty PATH");
    let path = no_git.path().to_str().expect("utf-8");
    let run = crate::support::run_with_env(
        &c,
        &["--as-of", crate::support::AS_OF, "validate"],
        &[("PATH", path)],
    );
    assert!(
        run.stdout.contains("doctored in the cache"),
        "found by its stamps, without git: {}",
        run.transcript()
    );
    // Changed in the working tree: git no longer vouches for it.
    let text = std::fs::read_to_string(c.join(ORDER)).expect("read");
    std::fs::write(c.join(ORDER), format!("{text}# a comment\n")).expect("write");
    let run = team.ordo("c", &["validate"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert!(!run.stdout.contains("doctored"), "{}", run.stdout);
    // Outside git, the stamps alone decide: a copy of the clone is read afresh.
    let outside = tempfile::tempdir().expect("temp");
    copy_tree(&a, outside.path());
    std::fs::remove_dir_all(outside.path().join(".git")).expect("rm .git");
    let run = run_in(
        outside.path(),
        &["--as-of", crate::support::AS_OF, "validate"],
    );
    assert!(!run.stdout.contains("doctored"), "{}", run.stdout);
}
