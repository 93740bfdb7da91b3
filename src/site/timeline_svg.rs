//! An order's timeline as SVG text. Charts are drawn in Rust; this one is
//! written here rather than by the order page's template because it is on
//! every order page: the template's loop over its rows was an eighth of a
//! whole site's build.

use std::fmt::{self, Write};

use askama::filters::{Html, escape};
use ordo_core::i18n::{Lang, t};

use super::charts::Timeline;

/// The timeline's words in the site's language, looked up once per build.
pub(crate) struct Words {
    pub title: String,
    pub planned: String,
    pub due: String,
    pub done: String,
}

impl Words {
    pub(crate) fn new(lang: Lang) -> Words {
        Words {
            title: t(lang, "site-timeline"),
            planned: t(lang, "col-planned"),
            due: t(lang, "col-due"),
            done: t(lang, "col-done"),
        }
    }
}

/// A coordinate with its decimal point (`760.0`, `154.7`), written straight
/// into the page. Coordinates are rounded to tenths, so most are a whole number
/// or one decimal: those are written digit by digit, without the float
/// formatter, which was most of the timeline's cost; any other goes through it.
fn num(value: f64) -> Num {
    Num(value)
}

struct Num(f64);

impl std::fmt::Display for Num {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let v = self.0;
        // Tenths, when `v` is exactly the float nearest some tenth: then that
        // tenth is the shortest text that reads back as `v`, which is what the
        // float formatter writes. -0.0 keeps its sign, as the formatter does.
        let tenths = (v * 10.0).round();
        if tenths.abs() < 1e15 && tenths / 10.0 == v && !(v == 0.0 && v.is_sign_negative()) {
            return f.write_str(tenths_text(tenths as i64, &mut [0; 24]));
        }
        let text = v.to_string();
        f.write_str(&text)?;
        if !text.contains('.') {
            f.write_str(".0")?;
        }
        Ok(())
    }
}

/// `tenths / 10` with one decimal (`-3.0`, `154.7`), written into `buf`.
fn tenths_text(tenths: i64, buf: &mut [u8; 24]) -> &str {
    let mut n = tenths.unsigned_abs();
    let mut at = buf.len();
    let mut put = |byte: u8| {
        at -= 1;
        buf[at] = byte;
    };
    put(b'0' + (n % 10) as u8);
    put(b'.');
    n /= 10;
    loop {
        put(b'0' + (n % 10) as u8);
        n /= 10;
        if n == 0 {
            break;
        }
    }
    if tenths < 0 {
        put(b'-');
    }
    // Only ASCII digits, a point and a sign were written.
    std::str::from_utf8(&buf[at..]).unwrap_or("0.0")
}

/// A coordinate that is there (zero counts as none, as a template's `if`).
fn drawn(value: Option<f64>) -> Option<f64> {
    value.filter(|v| *v != 0.0)
}

impl Timeline {
    /// The `<svg>` element, its text escaped for HTML.
    pub(crate) fn svg(&self, words: &Words) -> String {
        let mut out = String::with_capacity(1024 + 700 * self.rows.len());
        // Writing to a String cannot fail.
        let _ = self.write(&mut out, words);
        out
    }

    fn write(&self, out: &mut String, words: &Words) -> std::fmt::Result {
        let h = self.height;
        writeln!(
            out,
            "<svg viewBox=\"0 0 {} {}\" role=\"img\" aria-labelledby=\"tl-t\">",
            num(self.width),
            num(h)
        )?;
        writeln!(out, "<title id=\"tl-t\">{}</title>", esc(&words.title))?;
        for month in &self.months {
            writeln!(
                out,
                "<line class=\"grid\" x1=\"{x}\" x2=\"{x}\" y1=\"0\" y2=\"{}\"/><text class=\"tick\" x=\"{}\" y=\"{}\">{}</text>",
                num(h - 16.0),
                num(month.x + 2.0),
                num(h - 4.0),
                esc(&month.label),
                x = num(month.x),
            )?;
        }
        out.push('\n');
        if let Some(now) = drawn(self.now) {
            write!(
                out,
                "<line class=\"now\" x1=\"{x}\" x2=\"{x}\" y1=\"0\" y2=\"{}\"/>",
                num(h - 16.0),
                x = num(now),
            )?;
        }
        out.push('\n');
        for row in &self.rows {
            // Escaped once: it is in every mark's title.
            let (id, y) = (esc(&row.title).to_string(), row.y);
            let late = if row.late { " late-mark" } else { "" };
            writeln!(out)?;
            writeln!(
                out,
                "<text class=\"step\" x=\"4\" y=\"{}\">{}</text>",
                num(y + 4.0),
                esc(&row.label)
            )?;
            if let Some(span) = &row.span {
                write!(
                    out,
                    "<line class=\"{}\" x1=\"{}\" x2=\"{}\" y1=\"{y}\" y2=\"{y}\"/>",
                    esc(span.class),
                    num(span.x1),
                    num(span.x2),
                    y = num(y),
                )?;
            }
            out.push('\n');
            if let Some(x) = drawn(row.planned) {
                write!(
                    out,
                    "<rect class=\"planned\" x=\"{}\" y=\"{}\" width=\"8\" height=\"8\" transform=\"rotate(45 {} {})\"><title>{id} {} {}</title></rect>",
                    num(x - 4.0),
                    num(y - 4.0),
                    num(x),
                    num(y),
                    esc(&words.planned),
                    esc(&row.planned_text),
                )?;
            }
            out.push('\n');
            if let Some(x) = drawn(row.due) {
                let forecast = if row.forecast { " forecast" } else { "" };
                write!(
                    out,
                    "<line class=\"due{forecast}{late}\" x1=\"{x}\" x2=\"{x}\" y1=\"{}\" y2=\"{}\"><title>{id} {} {}</title></line>",
                    num(y - 7.0),
                    num(y + 7.0),
                    esc(&words.due),
                    esc(&row.due_text),
                    x = num(x),
                )?;
            }
            out.push('\n');
            if let Some(x) = drawn(row.done) {
                write!(
                    out,
                    "<circle class=\"done{late}\" cx=\"{}\" cy=\"{}\" r=\"4\"><title>{id} {} {}</title></circle>",
                    num(x),
                    num(y),
                    esc(&words.done),
                    esc(&row.done_text),
                )?;
            }
            out.push('\n');
        }
        out.push('\n');
        out.push_str("</svg>");
        Ok(())
    }
}

/// `text` escaped for HTML and SVG.
fn esc(text: &str) -> impl fmt::Display + '_ {
    let Ok(escaped) = escape(text, Html);
    escaped
}

#[cfg(test)]
mod tests {
    use super::super::charts::{Label, Row, Span};
    use super::*;

    #[test]
    fn a_coordinate_prints_as_the_float_it_is_with_a_decimal_point() {
        for v in [
            0.0,
            -0.0,
            760.0,
            154.7,
            -3.0,
            4.0 - 4.0,
            0.1 + 0.2,
            1e15,
            1e16,
            -2.5e17,
            1e-7,
            0.05,
            -0.05,
            123.45,
        ]
        .into_iter()
        // Every tenth in a wide span, as the charts round them.
        .chain((-20_000..20_000).map(|i| f64::from(i) / 10.0))
        .chain((0..2_000).map(|i| (f64::from(i) * 0.37 * 10.0).round() / 10.0))
        {
            let float = v.to_string();
            let expected = if float.contains('.') {
                float
            } else {
                format!("{float}.0")
            };
            assert_eq!(num(v).to_string(), expected, "{v:?}");
        }
    }

    #[test]
    fn every_text_is_escaped_and_every_mark_placed() {
        let row = Row {
            title: "<b>&\"x\"".into(),
            label: "<i>…".into(),
            y: 15.0,
            planned: Some(160.0),
            planned_text: "2026-11-01".into(),
            due: Some(200.5),
            due_text: "2026-11-03 <forecast>".into(),
            done: None,
            done_text: String::new(),
            forecast: true,
            late: true,
            span: Some(Span {
                x1: 200.5,
                x2: 300.0,
                class: "span-open",
            }),
        };
        let timeline = Timeline {
            width: 760.0,
            height: 44.0,
            months: vec![Label {
                x: 152.7,
                label: "2026-11".into(),
            }],
            now: Some(300.0),
            rows: vec![row],
        };
        let words = Words {
            title: "Timeline & steps".into(),
            planned: "planned".into(),
            due: "due".into(),
            done: "done".into(),
        };
        let svg = timeline.svg(&words);
        assert!(!svg.contains("<b>"), "{svg}");
        assert!(svg.contains("&#60;b&#62;&#38;&#34;x&#34;"), "{svg}");
        assert!(svg.contains(">&#60;i&#62;…</text>"), "{svg}");
        assert!(svg.contains("Timeline &#38; steps"), "{svg}");
        assert!(svg.contains("&#60;forecast&#62;"), "{svg}");
        assert!(svg.starts_with("<svg viewBox=\"0 0 760.0 44.0\""), "{svg}");
        assert!(
            svg.contains("x=\"154.7\" y=\"40.0\">2026-11</text>"),
            "{svg}"
        );
        assert!(svg.contains("<line class=\"now\" x1=\"300.0\""), "{svg}");
        assert!(
            svg.contains("<line class=\"due forecast late-mark\" x1=\"200.5\""),
            "{svg}"
        );
        assert!(svg.contains("transform=\"rotate(45 160.0 15.0)\""), "{svg}");
        assert!(!svg.contains("<circle"), "nothing done, no dot: {svg}");
        assert!(svg.ends_with("</svg>"), "{svg}");
    }
}
