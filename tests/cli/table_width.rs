//! Reports fitted to a terminal's width (`--width`, else the terminal's): text
//! is cut with `...`, the columns worth least are left out and named, and an
//! order id or a date is never broken; a pipe and `--wide` get every column.

use unicode_width::UnicodeWidthStr;

use crate::support::{example_copy, run_in};

const AS_OF: &str = "2026-11-20T12:00";

fn overdue(dir: &std::path::Path, extra: &[&str]) -> crate::support::Run {
    let mut args = vec!["--as-of", AS_OF, "overdue"];
    args.extend_from_slice(extra);
    run_in(dir, &args)
}

#[test]
fn overdue_fits_80_100_and_120_columns_without_breaking_an_id_or_a_date() {
    let copy = example_copy();
    let whole = overdue(copy.path(), &[]);
    let rows = whole
        .stdout
        .lines()
        .filter(|l| l.contains("  2026"))
        .count();
    for width in [80usize, 100, 120] {
        let run = overdue(copy.path(), &["--width", &width.to_string()]);
        assert_eq!(run.code, 0, "{}", run.transcript());
        let table: Vec<&str> = run
            .stdout
            .lines()
            .filter(|l| l.starts_with("  20") || l.starts_with("  order"))
            .collect();
        // One line per row, as many rows as the whole table.
        assert_eq!(table.len(), rows + 1, "{width}:\n{}", run.stdout);
        for line in &table {
            assert!(
                line.width() <= width,
                "{width}: {line:?} is {} wide",
                line.width()
            );
        }
        for line in &table[1..] {
            assert!(
                whole_id_and_date(line),
                "{width}: no whole id and date in {line:?}"
            );
        }
        assert!(
            run.stdout.contains(&format!(
                "left out to fit {width} columns; --wide or a pipe shows every column"
            )),
            "{}",
            run.stdout
        );
    }
    let narrow = overdue(copy.path(), &["--width", "80"]);
    // The step's id (for commands) goes before its title is cut short: the
    // title is what a reader reads (issue 27).
    assert!(narrow.stdout.contains("Production..."), "{}", narrow.stdout);
    assert!(
        narrow.stdout.contains(
            "(role, basis, priority, customer, step, customer name left out to fit 80 columns"
        ),
        "{}",
        narrow.stdout
    );
    // At 100 the customer is named, not only coded.
    let medium = overdue(copy.path(), &["--width", "100"]);
    assert!(
        medium.stdout.contains("北京鑫源商贸..."),
        "{}",
        medium.stdout
    );
    assert!(medium.stdout.contains("customer name"), "{}", medium.stdout);
}

#[test]
fn overdue_at_80_100_and_120_columns_as_a_reader_sees_it() {
    // The layouts themselves, so a change to what is cut or left out is seen
    // in review (the test above holds the rules every width keeps).
    let copy = example_copy();
    for width in [80, 100, 120] {
        let run = overdue(copy.path(), &["--width", &width.to_string()]);
        assert_eq!(run.code, 0, "{}", run.transcript());
        insta::assert_snapshot!(format!("overdue_width_{width}"), run.stdout);
    }
}

/// Whether the line holds a whole order id and a whole date.
fn whole_id_and_date(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    let id = words
        .iter()
        .any(|w| w.len() == 14 && w.as_bytes()[6] == b'-' && w.as_bytes()[10] == b'-');
    let date = words
        .iter()
        .any(|w| w.len() == 10 && w.starts_with("2026-") && w.as_bytes()[7] == b'-');
    id && date
}

#[test]
fn wide_and_a_pipe_keep_every_column_whole() {
    let copy = example_copy();
    let piped = overdue(copy.path(), &[]);
    let wide = overdue(copy.path(), &["--wide"]);
    assert_eq!(piped.stdout, wide.stdout);
    assert!(
        piped
            .stdout
            .contains("Order reviewed (completeness, credit, stock and lead time)")
    );
    assert!(!piped.stdout.contains("left out to fit"));
    let both = overdue(copy.path(), &["--wide", "--width", "80"]);
    assert_eq!(both.code, 2, "{}", both.transcript());
}

#[test]
fn chinese_text_is_cut_by_its_display_width() {
    let copy = example_copy();
    let run = run_in(
        copy.path(),
        &["--as-of", AS_OF, "--lang", "zh-CN", "list", "--width", "90"],
    );
    assert_eq!(run.code, 0, "{}", run.transcript());
    for line in run.stdout.lines().filter(|l| l.starts_with("  20")) {
        assert!(line.width() <= 90, "{line:?} is {} wide", line.width());
    }
}
