//! Where ordo writes what it makes (`site -o`, `export -o`, `calendar -o`):
//! only files ordo wrote are ever replaced or removed, a folder that holds the
//! ledger is refused, links are written through and devices and pipes are
//! written as they are. Each test failed before the fix it is named after
//! (issue 24, items 1 and 15).

use std::path::Path;

use crate::support::{AS_OF, example_copy, git, run_in};

fn site(ledger: &Path, out: &str) -> crate::support::Run {
    run_in(ledger, &["--as-of", AS_OF, "site", "-o", out])
}

fn exists(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok()
}

/// A copy of the example ledger committed in a git repository of its own.
fn ledger_in_git() -> tempfile::TempDir {
    let ledger = example_copy();
    git(
        ledger.path(),
        &["init", "--quiet", "--initial-branch", "main"],
    );
    git(ledger.path(), &["config", "user.email", "ann@test.example"]);
    git(ledger.path(), &["config", "user.name", "Ann"]);
    git(ledger.path(), &["add", "-A"]);
    git(ledger.path(), &["commit", "--quiet", "-m", "ledger"]);
    ledger
}

#[test]
fn a_stray_marker_never_lets_a_build_into_the_ledger_delete_it() {
    // Before: with a `.ordo-site` in the ledger's root, `site -o .` removed
    // ordo.yaml, orders/ and .git.
    let ledger = ledger_in_git();
    let root = ledger.path();
    std::fs::write(root.join(".ordo-site"), "stray\n").expect("marker");
    for out in [".", "..", "orders/.."] {
        let run = site(root, out);
        assert_eq!(run.code, 2, "{out}: {}", run.transcript());
        assert!(run.stderr.contains("holds the ledger"), "{}", run.stderr);
        let run = run_in(
            root,
            &["--as-of", AS_OF, "export", "-o", out, "--format", "csv"],
        );
        assert_eq!(run.code, 2, "export -o {out}: {}", run.transcript());
        assert!(run.stderr.contains("holds the ledger"), "{}", run.stderr);
    }
    for kept in [
        "ordo.yaml",
        "orders/2026",
        ".git/HEAD",
        "customers/ABC.yaml",
    ] {
        assert!(exists(&root.join(kept)), "{kept} is still there");
    }
    assert!(!exists(&root.join("orders.csv")), "export wrote nothing");
    assert_eq!(git(root, &["status", "--porcelain"]), "?? .ordo-site\n");
}

#[test]
fn a_gh_pages_worktree_keeps_its_git_and_cname_across_rebuilds() {
    // Before: the first build refused the worktree (its `.git`), and a
    // rebuild over a committed site deleted `_site/.git` and `CNAME`.
    let ledger = ledger_in_git();
    let root = ledger.path();
    git(
        root,
        &[
            "worktree", "add", "--quiet", "--orphan", "-b", "gh-pages", "_site",
        ],
    );
    let pages = root.join("_site");
    std::fs::write(pages.join("CNAME"), "orders.example.com\n").expect("cname");
    std::fs::write(pages.join(".nojekyll"), "").expect("nojekyll");
    let run = site(root, "_site");
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert!(
        run.stdout.contains("CNAME") && run.stdout.contains(".git"),
        "the kept files are named: {}",
        run.stdout
    );
    git(&pages, &["add", "-A"]);
    git(&pages, &["commit", "--quiet", "-m", "site"]);
    assert!(pages.join("orders/202611-HKL-004.html").is_file());
    // An order goes; the next build drops its page and nothing else.
    std::fs::remove_file(root.join("orders/2026/202611-HKL-004.yaml")).expect("remove");
    let run = site(root, "_site");
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert!(exists(&pages.join(".git")), "the worktree's .git is kept");
    assert_eq!(
        std::fs::read_to_string(pages.join("CNAME")).expect("cname"),
        "orders.example.com\n"
    );
    assert!(exists(&pages.join(".nojekyll")));
    assert!(!exists(&pages.join("orders/202611-HKL-004.html")));
    assert!(pages.join("index.html").is_file());
    // The worktree still works, and git sees just the page that went.
    let status = git(&pages, &["status", "--porcelain"]);
    assert!(status.contains(" D orders/202611-HKL-004.html"), "{status}");
    let leftovers: Vec<_> = std::fs::read_dir(root)
        .expect("dir")
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains("ordo-site"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
#[cfg(unix)]
fn a_linked_site_or_export_folder_is_written_through_not_replaced() {
    let ledger = example_copy();
    let root = ledger.path();
    let elsewhere = tempfile::tempdir().expect("tempdir");
    std::os::unix::fs::symlink(elsewhere.path(), root.join("_site")).expect("link");
    for _ in 0..2 {
        let run = site(root, "_site");
        assert_eq!(run.code, 0, "{}", run.transcript());
        let meta = std::fs::symlink_metadata(root.join("_site")).expect("meta");
        assert!(meta.file_type().is_symlink(), "still a link");
        assert!(elsewhere.path().join("index.html").is_file());
    }
    let tables = tempfile::tempdir().expect("tempdir");
    std::os::unix::fs::symlink(tables.path(), root.join("tables")).expect("link");
    let run = run_in(
        root,
        &[
            "--as-of", AS_OF, "export", "-o", "tables", "--format", "csv",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert!(
        std::fs::symlink_metadata(root.join("tables"))
            .expect("meta")
            .file_type()
            .is_symlink()
    );
    assert!(tables.path().join("orders.csv").is_file());
}

#[test]
#[cfg(unix)]
fn an_output_file_that_is_a_link_or_a_pipe_is_written_as_such() {
    // Before: `-o` always renamed a temporary file over the path, so a link
    // became a plain file (its target never written) and a pipe was replaced.
    let ledger = example_copy();
    let root = ledger.path();
    std::fs::write(root.join("real.ics"), "old").expect("write");
    std::os::unix::fs::symlink("real.ics", root.join("link.ics")).expect("link");
    let run = run_in(root, &["--as-of", AS_OF, "calendar", "-o", "link.ics"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert!(
        std::fs::symlink_metadata(root.join("link.ics"))
            .expect("meta")
            .file_type()
            .is_symlink()
    );
    let written = std::fs::read_to_string(root.join("real.ics")).expect("read");
    assert!(written.starts_with("BEGIN:VCALENDAR"), "{written}");

    let fifo = root.join("events.fifo");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo");
    assert!(made.success());
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).expect("read the pipe"))
    };
    let run = run_in(root, &["--as-of", AS_OF, "calendar", "-o", "events.fifo"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    let through = reader.join().expect("reader");
    assert!(through.starts_with("BEGIN:VCALENDAR"), "{through}");
    use std::os::unix::fs::FileTypeExt;
    assert!(
        std::fs::symlink_metadata(&fifo)
            .expect("meta")
            .file_type()
            .is_fifo(),
        "still a pipe"
    );
}
