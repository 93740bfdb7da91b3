//! SVG charts as geometry: bars and lines over months for the templates, and
//! an order's timeline of planned, due and done dates (drawn by
//! `timeline_svg`). Coordinates are rounded so that the same data always gives
//! the same bytes.

use chrono::{Datelike, NaiveDate};
use ordo_core::reports::order_view::StepView;

const WIDTH: f64 = 360.0;
const HEIGHT: f64 = 180.0;
const LEFT: f64 = 40.0;
const RIGHT: f64 = WIDTH - 8.0;
const TOP: f64 = 10.0;
const BOTTOM: f64 = HEIGHT - 20.0;

#[derive(Debug)]
pub(crate) struct Chart {
    pub id: String,
    pub title: String,
    pub width: f64,
    pub height: f64,
    pub left: f64,
    pub right: f64,
    pub ticks: Vec<Tick>,
    pub bars: Vec<Bar>,
    /// The line's runs of consecutive months with a value, each a polyline's
    /// points (`x,y x,y`): a month without a value breaks the line rather
    /// than being bridged. Empty for a bar chart.
    pub segments: Vec<String>,
    pub points: Vec<Point>,
    pub labels: Vec<Label>,
    /// Said under the chart after its title (how many measurements it
    /// stands on); empty when there is nothing to add.
    pub note: String,
}

#[derive(Debug)]
pub(crate) struct Tick {
    pub y: f64,
    pub label: String,
}

#[derive(Debug)]
pub(crate) struct Bar {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
    pub label: String,
    pub text: String,
}

#[derive(Debug)]
pub(crate) struct Point {
    pub x: f64,
    pub y: f64,
    pub label: String,
    pub text: String,
}

#[derive(Debug)]
pub(crate) struct Label {
    pub x: f64,
    pub label: String,
}

fn round(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

fn text(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        format!("{v:.1}")
    }
}

/// A scale of whole numbers (a count of orders) from 0 to at least `max`:
/// ticks a round step apart (1, 2, 5, 10, 20, ...), never a fraction.
fn count_scale(max: f64) -> (f64, Vec<Tick>) {
    let max = max.ceil().max(1.0);
    let rough = max / 5.0;
    let step = if rough <= 1.0 {
        1.0
    } else {
        let power = 10f64.powf(rough.log10().floor());
        [1.0, 2.0, 5.0, 10.0]
            .into_iter()
            .map(|m| m * power)
            .find(|s| *s >= rough)
            .unwrap_or(10.0 * power)
    };
    let top = (max / step).ceil() * step;
    let count = (top / step).round() as u32;
    let ticks = (0..=count)
        .map(|i| {
            let value = step * f64::from(i);
            Tick {
                y: round(BOTTOM - (BOTTOM - TOP) * value / top),
                label: format!("{value:.0}"),
            }
        })
        .collect();
    (top, ticks)
}

/// A scale from 0 to a round maximum at least `max`, with its ticks.
fn scale(max: f64) -> (f64, Vec<Tick>) {
    let top = if max <= 0.0 {
        1.0
    } else {
        let step = 10f64.powf(max.log10().floor());
        let top = (max / step).ceil() * step;
        if top < max { top + step } else { top }
    };
    let ticks = (0..=4)
        .map(|i| {
            let value = top * f64::from(i) / 4.0;
            Tick {
                y: round(BOTTOM - (BOTTOM - TOP) * value / top),
                // Quarters of a small scale keep their two decimals (0.25).
                label: format!("{value:.2}")
                    .trim_end_matches('0')
                    .trim_end_matches('.')
                    .to_owned(),
            }
        })
        .collect();
    (top, ticks)
}

fn frame(id: &str, title: &str, labels: &[String], ticks: Vec<Tick>) -> Chart {
    let slot = (RIGHT - LEFT) / labels.len().max(1) as f64;
    Chart {
        id: id.to_owned(),
        title: title.to_owned(),
        width: WIDTH,
        height: HEIGHT,
        left: LEFT,
        right: RIGHT,
        ticks,
        bars: Vec::new(),
        segments: Vec::new(),
        points: Vec::new(),
        note: String::new(),
        // Every other month, so that twelve labels fit.
        labels: labels
            .iter()
            .enumerate()
            .filter(|(i, _)| labels.len() <= 6 || (labels.len() - 1 - i).is_multiple_of(2))
            .map(|(i, label)| Label {
                x: round(LEFT + slot * (i as f64 + 0.5)),
                label: label.get(2..).unwrap_or(label).to_owned(),
            })
            .collect(),
    }
}

/// A bar per label (a month) of a count; a missing value draws no bar.
pub(crate) fn bars(id: &str, title: &str, labels: &[String], values: &[Option<f64>]) -> Chart {
    let max = values.iter().flatten().copied().fold(0.0, f64::max);
    let (top, ticks) = count_scale(max);
    let mut chart = frame(id, title, labels, ticks);
    let slot = (RIGHT - LEFT) / labels.len().max(1) as f64;
    for (i, (label, value)) in labels.iter().zip(values).enumerate() {
        let Some(value) = value else { continue };
        let h = (BOTTOM - TOP) * value / top;
        chart.bars.push(Bar {
            x: round(LEFT + slot * i as f64 + slot * 0.15),
            y: round(BOTTOM - h),
            w: round(slot * 0.7),
            h: round(h),
            label: label.clone(),
            text: text(round(*value)),
        });
    }
    chart
}

/// A line through the labels' values; `ceiling` fixes the scale (100 for a rate).
pub(crate) fn line(
    id: &str,
    title: &str,
    labels: &[String],
    values: &[Option<f64>],
    ceiling: Option<f64>,
) -> Chart {
    let max = ceiling.unwrap_or_else(|| values.iter().flatten().copied().fold(0.0, f64::max));
    let (top, ticks) = scale(max);
    let mut chart = frame(id, title, labels, ticks);
    let slot = (RIGHT - LEFT) / labels.len().max(1) as f64;
    let mut run: Vec<String> = Vec::new();
    for (i, (label, value)) in labels.iter().zip(values).enumerate() {
        let Some(value) = value else {
            close_run(&mut chart.segments, &mut run);
            continue;
        };
        let x = round(LEFT + slot * (i as f64 + 0.5));
        let y = round(BOTTOM - (BOTTOM - TOP) * value / top);
        run.push(format!("{x},{y}"));
        chart.points.push(Point {
            x,
            y,
            label: label.clone(),
            text: text(round(*value)),
        });
    }
    close_run(&mut chart.segments, &mut run);
    chart
}

/// Ends a run of the line: two points or more make a segment; a lone point
/// stays a dot.
fn close_run(segments: &mut Vec<String>, run: &mut Vec<String>) {
    if run.len() > 1 {
        segments.push(run.join(" "));
    }
    run.clear();
}

#[derive(Debug)]
pub(crate) struct Timeline {
    pub width: f64,
    pub height: f64,
    pub months: Vec<Label>,
    pub now: Option<f64>,
    pub rows: Vec<Row>,
}

#[derive(Debug)]
pub(crate) struct Row {
    /// The step's title, whole (the marks' tooltips) and cut to fit the
    /// labels' column.
    pub title: String,
    pub label: String,
    pub y: f64,
    pub planned: Option<f64>,
    pub planned_text: String,
    pub due: Option<f64>,
    pub due_text: String,
    pub done: Option<f64>,
    pub done_text: String,
    pub forecast: bool,
    pub late: bool,
    pub span: Option<Span>,
}

#[derive(Debug)]
pub(crate) struct Span {
    pub x1: f64,
    pub x2: f64,
    pub class: &'static str,
}

const ROW: f64 = 20.0;
const LABEL: f64 = 150.0;
const TIMELINE_WIDTH: f64 = 760.0;

/// Each step on one row: planned (a hollow diamond), due (a bar, dashed when
/// a forecast), done (a dot); a late step's delay drawn in red, dashed while
/// it is still open.
pub(crate) fn timeline(steps: &[StepView], today: NaiveDate) -> Timeline {
    let days: Vec<NaiveDate> = steps
        .iter()
        .flat_map(|s| [s.days.planned, s.days.due, s.days.done])
        .flatten()
        .chain([today])
        .collect();
    let first = days.iter().min().copied().unwrap_or(today);
    let last = days.iter().max().copied().unwrap_or(today);
    let span_days = ((last - first).num_days().max(1) + 2) as f64;
    let x = |day: NaiveDate| {
        round(
            LABEL
                + (TIMELINE_WIDTH - LABEL - 10.0) * ((day - first).num_days() + 1) as f64
                    / span_days,
        )
    };
    let mut months = Vec::new();
    let mut month = NaiveDate::from_ymd_opt(first.year(), first.month(), 1).unwrap_or(first);
    while month <= last {
        if month >= first {
            months.push(Label {
                x: x(month),
                label: month.format("%Y-%m").to_string(),
            });
        }
        month = month
            .checked_add_months(chrono::Months::new(1))
            .unwrap_or(last + chrono::Days::new(1));
    }
    let rows = steps
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let y = ROW * i as f64 + ROW * 0.75;
            let due = s.days.due.map(x);
            let done = s.days.done.map(x);
            let span = match (s.late, due, done) {
                (true, Some(d), Some(e)) => Some(Span {
                    x1: d,
                    x2: e,
                    class: "span-late",
                }),
                (true, Some(d), None) => Some(Span {
                    x1: d,
                    x2: x(today),
                    class: "span-open",
                }),
                _ => None,
            };
            Row {
                title: s.title.clone(),
                label: fit_label(&s.title),
                y,
                planned: s.days.planned.map(x),
                planned_text: s.planned.clone().unwrap_or_default(),
                due,
                due_text: s.due.clone().unwrap_or_default(),
                done,
                done_text: s.done.clone().unwrap_or_default(),
                forecast: s.basis == "forecast",
                late: s.late,
                span,
            }
        })
        .collect::<Vec<_>>();
    Timeline {
        width: TIMELINE_WIDTH,
        height: ROW * rows.len() as f64 + 24.0,
        months,
        now: Some(x(today)),
        rows,
    }
}

/// How much of the labels' column a title may take, in halves of a CJK
/// character (a Latin letter is about one, a CJK character two).
const LABEL_UNITS: usize = 24;

/// `title` as the timeline's label: whole when it fits, else cut with `…`.
fn fit_label(title: &str) -> String {
    let width = |c: char| if (c as u32) >= 0x2E80 { 2 } else { 1 };
    if title.chars().map(width).sum::<usize>() <= LABEL_UNITS {
        return title.to_owned();
    }
    let mut used = 0;
    let mut label: String = title
        .chars()
        .take_while(|c| {
            used += width(*c);
            used < LABEL_UNITS
        })
        .collect();
    label.push('…');
    label
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_timeline_label_is_the_title_cut_to_its_column() {
        assert_eq!(fit_label("Production completed"), "Production completed");
        // 24 halves: 23 Latin letters and the ellipsis.
        assert_eq!(
            fit_label("Balance payment notice sent to the customer"),
            "Balance payment notice …"
        );
        // A CJK character takes two.
        assert_eq!(fit_label("生产完成"), "生产完成");
        assert_eq!(
            fit_label("录入物流单号并通知客户然后再做很多事情"),
            "录入物流单号并通知客户…"
        );
    }

    #[test]
    fn scales_round_up_and_bars_stand_on_the_axis() {
        let labels: Vec<String> = (1..=3).map(|m| format!("2026-0{m}")).collect();
        let chart = bars("c", "t", &labels, &[Some(3.0), None, Some(47.0)]);
        assert_eq!(chart.ticks.last().map(|t| t.label.as_str()), Some("50"));
        // A count has no fractional ticks (before: 0, 0.25, 0.5, 0.75, 1).
        let ticks = |values: &[Option<f64>]| -> Vec<String> {
            bars("s", "t", &labels, values)
                .ticks
                .into_iter()
                .map(|t| t.label)
                .collect()
        };
        assert_eq!(ticks(&[Some(1.0), None, None]), ["0", "1"]);
        assert_eq!(ticks(&[Some(3.0), None, None]), ["0", "1", "2", "3"]);
        assert_eq!(ticks(&[Some(7.0), None, None]), ["0", "2", "4", "6", "8"]);
        assert_eq!(ticks(&[Some(0.0), None, None]), ["0", "1"]);
        assert_eq!(chart.bars.len(), 2, "a missing value draws no bar");
        for bar in &chart.bars {
            assert!((bar.y + bar.h - BOTTOM).abs() < 0.2, "{bar:?}");
        }
        let rate = line(
            "r",
            "t",
            &labels,
            &[Some(100.0), Some(50.0), None],
            Some(100.0),
        );
        assert_eq!(rate.points.len(), 2);
        assert_eq!(rate.points[0].y, TOP);
    }

    #[test]
    fn a_month_without_a_value_breaks_the_line_instead_of_bridging_it() {
        let labels: Vec<String> = (1..=6).map(|m| format!("2026-0{m}")).collect();
        let values = [Some(0.0), Some(10.0), None, Some(100.0), None, Some(50.0)];
        let chart = line("r", "t", &labels, &values, Some(100.0));
        // Before: one polyline from 10 % in February to 100 % in April.
        assert_eq!(chart.segments.len(), 1, "{:?}", chart.segments);
        assert_eq!(chart.segments[0].split(' ').count(), 2);
        assert_eq!(chart.points.len(), 4, "April and June stay dots");
    }
}
