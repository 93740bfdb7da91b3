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
    /// The polyline's points (`x,y x,y`); empty for a bar chart.
    pub line: String,
    pub points: Vec<Point>,
    pub labels: Vec<Label>,
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
        line: String::new(),
        points: Vec::new(),
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

/// A bar per label (a month); a missing value draws no bar.
pub(crate) fn bars(id: &str, title: &str, labels: &[String], values: &[Option<f64>]) -> Chart {
    let max = values.iter().flatten().copied().fold(0.0, f64::max);
    let (top, ticks) = scale(max);
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
    let mut coords = Vec::new();
    for (i, (label, value)) in labels.iter().zip(values).enumerate() {
        let Some(value) = value else { continue };
        let x = round(LEFT + slot * (i as f64 + 0.5));
        let y = round(BOTTOM - (BOTTOM - TOP) * value / top);
        coords.push(format!("{x},{y}"));
        chart.points.push(Point {
            x,
            y,
            label: label.clone(),
            text: text(round(*value)),
        });
    }
    if coords.len() > 1 {
        chart.line = coords.join(" ");
    }
    chart
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
    pub id: String,
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
                id: s.id.clone(),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scales_round_up_and_bars_stand_on_the_axis() {
        let labels: Vec<String> = (1..=3).map(|m| format!("2026-0{m}")).collect();
        let chart = bars("c", "t", &labels, &[Some(3.0), None, Some(47.0)]);
        assert_eq!(chart.ticks.last().map(|t| t.label.as_str()), Some("50"));
        let small = bars("s", "t", &labels, &[Some(1.0), None, None]);
        let ticks: Vec<&str> = small.ticks.iter().map(|t| t.label.as_str()).collect();
        assert_eq!(ticks, ["0", "0.25", "0.5", "0.75", "1"]);
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
}
