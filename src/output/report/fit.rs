//! Fitting a report's table to a terminal's width the way well-liked CLIs do:
//! long text (titles, stages, bases) is cut with `...`, then the columns worth
//! least are left out (and named), and an id, a date or a number is never
//! broken across lines. A pipe and `--wide` get every column whole.

use std::borrow::Cow;

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Columns whose text may be cut to fit.
const SHORTENED: &[&str] = &[
    "title",
    "customer_name",
    "stage",
    "last_done",
    "basis",
    "assignee",
    "policy",
    "metric",
    "reason",
    "summary",
];

/// Columns left out to fit, the least needed first; the others always stay.
/// Those after [`SPARED`] go only when text cut to [`MIN_TEXT`] still does
/// not fit (who is to act, and for whom, matter more than a longer title).
const LEFT_OUT_FIRST: &[&str] = &[
    "role",
    "basis",
    "priority",
    "owner",
    "kind",
    // A step's id is for commands; its title is what a reader reads.
    "step",
    "last_done",
    "customer",
    "customer_name",
    "assignee",
];

/// How many of [`LEFT_OUT_FIRST`] may go before text is cut below [`COMFORTABLE`].
const SPARED: usize = 7;

/// The narrowest a shortened column gets.
const MIN_TEXT: usize = 12;

/// The narrowest a shortened column gets before a column is left out instead.
const COMFORTABLE: usize = 24;

/// Which columns are shown and how wide, and which were left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    /// The columns shown, by index, with their widths.
    pub shown: Vec<(usize, usize)>,
    /// The columns left out, by index.
    pub left_out: Vec<usize>,
}

/// The line's width for these column widths: a leading space, each cell
/// padded by a space either side, one space between.
fn line_width(widths: impl Iterator<Item = usize>) -> usize {
    let (sum, count) = widths.fold((0, 0), |(s, n), w| (s + w, n + 1));
    sum + 3 * count
}

/// The layout of columns `keys` (with `headings`, and `natural` widths: the
/// widest cell or heading of each) within `width` terminal columns. Text is
/// first cut no shorter than [`COMFORTABLE`], leaving columns out as needed;
/// only when that cannot fit is it cut down to [`MIN_TEXT`].
pub fn layout(keys: &[&str], headings: &[&str], natural: &[usize], width: usize) -> Layout {
    // Where the customer's name is shown, its code is worth less than a
    // longer title; alone, it is the only way to tell the customer.
    let mut order = LEFT_OUT_FIRST.to_vec();
    if keys.contains(&"customer_name")
        && let Some(at) = order.iter().position(|k| *k == "customer")
        && let Some(step) = order.iter().position(|k| *k == "step")
    {
        let code = order.remove(at);
        order.insert(step.min(order.len()), code);
    }
    for (least, may_go) in [(COMFORTABLE, SPARED), (MIN_TEXT, order.len())] {
        let mut left_out = Vec::new();
        if let Some(shown) = fit(keys, headings, natural, width, least, &left_out) {
            return Layout { shown, left_out };
        }
        for key in &order[..may_go] {
            if let Some(i) = keys.iter().position(|k| k == key) {
                left_out.push(i);
                if let Some(shown) = fit(keys, headings, natural, width, least, &left_out) {
                    return Layout { shown, left_out };
                }
            }
        }
    }
    // Too narrow even so: every remaining column at its floor, never broken.
    let left_out: Vec<usize> = order
        .iter()
        .filter_map(|key| keys.iter().position(|k| k == key))
        .collect();
    let shown = (0..keys.len())
        .filter(|i| !left_out.contains(i))
        .map(|i| (i, floor(keys, headings, natural, i, MIN_TEXT)))
        .collect();
    Layout { shown, left_out }
}

/// How narrow column `i` may get when text is cut to `least`.
fn floor(keys: &[&str], headings: &[&str], natural: &[usize], i: usize, least: usize) -> usize {
    if SHORTENED.contains(&keys[i]) {
        natural[i].min(least.max(headings[i].width()))
    } else {
        natural[i]
    }
}

/// The columns not `left_out`, their text cut a column at a time from the
/// widest (so long texts share the room) until the line fits `width`.
fn fit(
    keys: &[&str],
    headings: &[&str],
    natural: &[usize],
    width: usize,
    least: usize,
    left_out: &[usize],
) -> Option<Vec<(usize, usize)>> {
    let mut shown: Vec<(usize, usize)> = (0..keys.len())
        .filter(|i| !left_out.contains(i))
        .map(|i| (i, natural[i]))
        .collect();
    let mut over = line_width(shown.iter().map(|(_, w)| *w)).saturating_sub(width);
    while over > 0 {
        let widest = shown
            .iter_mut()
            .filter(|(i, w)| *w > floor(keys, headings, natural, *i, least))
            .max_by_key(|(_, w)| *w)?;
        widest.1 -= 1;
        over -= 1;
    }
    Some(shown)
}

/// `text` within `width` columns: whole when it fits, else cut with `...`.
pub fn clip(text: &str, width: usize) -> Cow<'_, str> {
    if text.width() <= width {
        return Cow::Borrowed(text);
    }
    let room = width.saturating_sub(3);
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > room {
            break;
        }
        used += w;
        out.push(c);
    }
    out.truncate(out.trim_end().len());
    out.push_str("...");
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEYS: [&str; 5] = ["order", "step", "title", "role", "due"];
    const HEADINGS: [&str; 5] = ["order", "step", "title", "role", "due"];

    #[test]
    fn a_table_that_fits_is_left_whole() {
        let natural = [14, 6, 30, 10, 10];
        let layout = layout(&KEYS, &HEADINGS, &natural, 200);
        assert_eq!(
            layout.shown.iter().map(|(_, w)| *w).collect::<Vec<_>>(),
            natural
        );
        assert!(layout.left_out.is_empty());
    }

    #[test]
    fn text_is_cut_before_a_column_is_left_out_and_ids_are_never_cut() {
        let natural = [14, 6, 60, 10, 16];
        // 14 + 6 + 60 + 10 + 16 + 15 = 121: the title gives 21 columns.
        let layout = layout(&KEYS, &HEADINGS, &natural, 100);
        assert_eq!(
            layout.shown,
            vec![(0, 14), (1, 6), (2, 39), (3, 10), (4, 16)]
        );
        // At 60 the title stops at 12 and the role goes.
        let layout = super::layout(&KEYS, &HEADINGS, &natural, 60);
        assert_eq!(layout.left_out, vec![3]);
        assert_eq!(layout.shown, vec![(0, 14), (1, 6), (2, 12), (4, 16)]);
        assert!(line_width(layout.shown.iter().map(|(_, w)| *w)) <= 60);
    }

    #[test]
    fn clipping_counts_wide_characters_and_marks_the_cut() {
        assert_eq!(clip("Production completed", 30), "Production completed");
        assert_eq!(clip("Production completed", 12), "Productio...");
        assert_eq!(clip("生产完成并入库", 9), "生产完...");
        assert!(clip("生产完成并入库", 9).width() <= 9);
    }
}
