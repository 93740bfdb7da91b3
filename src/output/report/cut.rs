//! A report cut to a size (GitHub keeps a job summary under 1 MiB): rows are
//! dropped from the end until it fits, and a note says how many, and where
//! the whole report is.

use std::io::{self, Write};

use ordo_core::i18n::tr;

use super::view::View;
use super::{Format, write};

/// The report rendered in at most `max` bytes (when that is possible at all:
/// titles and notes are never cut).
pub fn fit(view: &View<'_>, format: Format, max: usize, more_at: Option<&str>) -> Vec<u8> {
    if let Some(full) = within(view, format, max) {
        return full;
    }
    let total = view.total_rows();
    let note = |kept: usize| {
        let args = [("left", (total - kept).into()), ("total", total.into())];
        let mut note = tr(view.report.lang, "note-cut", &args);
        if let Some(url) = more_at {
            note.push(' ');
            note.push_str(&tr(
                view.report.lang,
                "note-cut-more",
                &[("url", url.into())],
            ));
        }
        note
    };
    // The most rows that fit: a binary search over how many are kept.
    let (mut low, mut high) = (0, total);
    while low < high {
        let mid = (low + high).div_ceil(2);
        let note = note(mid);
        if within(&view.first(mid, &note), format, max).is_some() {
            low = mid;
        } else {
            high = mid - 1;
        }
    }
    let note = note(low);
    let mut out = Vec::new();
    // Writing to memory cannot fail.
    let _ = write(&view.first(low, &note), format, None, &mut out);
    out
}

/// The view's text if it fits in `max` bytes; rendering stops as soon as it
/// does not (a whole report may be hundreds of megabytes).
fn within(view: &View<'_>, format: Format, max: usize) -> Option<Vec<u8>> {
    let mut capped = Capped {
        text: Vec::new(),
        max,
    };
    write(view, format, None, &mut capped)
        .ok()
        .map(|()| capped.text)
}

struct Capped {
    text: Vec<u8>,
    max: usize,
}

impl Write for Capped {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        if self.text.len() + bytes.len() > self.max {
            return Err(io::Error::other("over the size"));
        }
        self.text.extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}
