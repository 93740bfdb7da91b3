//! A report cut to a size (GitHub keeps a job summary under 1 MiB): rows are
//! dropped from the end until it fits, and a note says how many, and where
//! the whole report is.

use ordo_core::i18n::tr;
use ordo_core::reports::report::Report;

use super::{Format, render};

/// The report rendered in at most `max` bytes (when that is possible at all:
/// titles and notes are never cut).
pub fn fit(report: &Report, format: Format, max: usize, more_at: Option<&str>) -> String {
    let full = render(report, format);
    if full.len() <= max {
        return full;
    }
    let total: usize = report.sections.iter().map(|s| s.rows.len()).sum();
    let attempt = |kept: usize| render(&keep(report, kept, total, more_at), format);
    // The most rows that fit: a binary search over how many are kept.
    let (mut low, mut high) = (0, total);
    while low < high {
        let mid = (low + high).div_ceil(2);
        if attempt(mid).len() <= max {
            low = mid;
        } else {
            high = mid - 1;
        }
    }
    attempt(low)
}

/// The first `kept` rows (in section order) and a note naming the rest.
fn keep(report: &Report, kept: usize, total: usize, more_at: Option<&str>) -> Report {
    let mut cut = report.clone();
    let mut left = kept;
    for section in &mut cut.sections {
        let here = section.rows.len().min(left);
        section.rows.truncate(here);
        left -= here;
    }
    let args = [("left", (total - kept).into()), ("total", total.into())];
    let mut note = tr(report.lang, "note-cut", &args);
    if let Some(url) = more_at {
        note.push(' ');
        note.push_str(&tr(report.lang, "note-cut-more", &[("url", url.into())]));
    }
    cut.notes.insert(0, note);
    cut
}
