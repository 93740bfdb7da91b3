//! Builds a `serde_json::Value` from a YAML text in one pass over saphyr's events,
//! with bounds that keep hostile input cheap: no aliases (no alias bombs), no tags,
//! one document, at most [`MAX_DEPTH`] levels of nesting, and no duplicate keys.
//! Plain scalars are resolved by the YAML 1.2 core schema ([`Scalar`]), so `no`
//! stays a string and `2026-05-01` stays a string for the model to parse as a date.

use saphyr_parser::{Event, Parser};
use serde_json::{Map, Value};

use super::scalar::Scalar;
use super::text::{LineIndex, Span};

/// Ledger files are a few levels deep; anything past this is refused unread.
pub const MAX_DEPTH: usize = 64;

/// Why a text is not a usable ledger YAML document, and where.
#[derive(Debug, Clone, PartialEq)]
pub struct YamlError {
    pub message: String,
    pub label: String,
    pub help: Option<String>,
    pub span: Span,
}

impl YamlError {
    fn new(message: impl Into<String>, label: impl Into<String>, span: Span) -> Self {
        YamlError {
            message: message.into(),
            label: label.into(),
            help: None,
            span,
        }
    }

    fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

enum Frame {
    Seq(Vec<Value>),
    Map {
        map: Map<String, Value>,
        key: Option<String>,
        key_starts: Vec<saphyr_parser::Span>,
    },
}

/// Parses one YAML document into a JSON value. An empty text is `null`.
pub fn parse(text: &str) -> Result<Value, YamlError> {
    // Positions are only turned into byte offsets for an error: clean files,
    // the common case, never pay for it.
    let lines = std::cell::OnceCell::new();
    let lines = || lines.get_or_init(|| LineIndex::new(text));
    let to_span = |s: saphyr_parser::Span| {
        Span::new(
            lines().offset(text, s.start.line(), s.start.col()),
            lines().offset(text, s.end.line(), s.end.col()),
        )
    };
    let mut stack: Vec<Frame> = Vec::new();
    let mut root: Option<Value> = None;
    let mut documents = 0usize;

    for event in Parser::new_from_str(text) {
        let (event, raw) = event.map_err(|e| {
            let at = lines().offset(text, e.marker().line(), e.marker().col());
            let end = text[at..].chars().next().map_or(at, |c| at + c.len_utf8());
            syntax_error(e.info(), Span::new(at, end))
        })?;
        match event {
            Event::StreamStart | Event::StreamEnd | Event::DocumentEnd | Event::Nothing => {}
            Event::DocumentStart(_) => {
                documents += 1;
                if documents > 1 {
                    return Err(YamlError::new(
                        "more than one YAML document in the file",
                        "a second document starts here",
                        to_span(raw),
                    )
                    .help("a ledger file holds exactly one document: remove the `---` and what follows, or move it to its own file"));
                }
            }
            Event::Alias(_) => {
                return Err(YamlError::new(
                    "aliases are not allowed in ledger files",
                    "alias",
                    to_span(raw),
                )
                .help("write the value out in full; aliases make files hard to review and can expand without bound"));
            }
            Event::Scalar(value, style, _anchor, tag) => {
                if let Some(Frame::Map {
                    map,
                    key,
                    key_starts,
                }) = stack.last_mut()
                    && key.is_none()
                {
                    if map.contains_key(value.as_ref()) {
                        let first = map
                            .keys()
                            .position(|k| k == value.as_ref())
                            .and_then(|i| key_starts.get(i))
                            .map(|at| at.start.line());
                        let mut error = YamlError::new(
                            format!("duplicate key `{value}`"),
                            "defined again here",
                            to_span(raw),
                        );
                        if let Some(line) = first {
                            error = error.help(format!(
                                "`{value}` is first defined on line {line}; keep one of them"
                            ));
                        }
                        return Err(error);
                    }
                    key_starts.push(raw);
                    *key = Some(value.into_owned());
                    continue;
                }
                let resolved = Scalar::resolve(value, style, tag.as_deref())
                    .map_err(|_| tag_error(to_span(raw)))?;
                add(&mut stack, &mut root, resolved.into());
            }
            Event::SequenceStart(_, ref tag) | Event::MappingStart(_, ref tag) => {
                if tag.is_some() {
                    return Err(tag_error(to_span(raw)));
                }
                if let Some(Frame::Map { key: None, .. }) = stack.last() {
                    return Err(YamlError::new(
                        "a mapping key must be a plain value",
                        "complex key",
                        to_span(raw),
                    ));
                }
                if stack.len() >= MAX_DEPTH {
                    return Err(YamlError::new(
                        format!("nesting deeper than {MAX_DEPTH} levels"),
                        "too deep",
                        to_span(raw),
                    )
                    .help("ledger files are a few levels deep; this file is not a ledger file"));
                }
                stack.push(match event {
                    Event::SequenceStart(..) => Frame::Seq(Vec::new()),
                    _ => Frame::Map {
                        map: Map::new(),
                        key: None,
                        key_starts: Vec::new(),
                    },
                });
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let value = match stack.pop() {
                    Some(Frame::Seq(items)) => Value::Array(items),
                    Some(Frame::Map { map, .. }) => Value::Object(map),
                    None => Value::Null,
                };
                add(&mut stack, &mut root, value);
            }
        }
    }
    Ok(root.unwrap_or(Value::Null))
}

fn add(stack: &mut [Frame], root: &mut Option<Value>, value: Value) {
    match stack.last_mut() {
        None => *root = Some(value),
        Some(Frame::Seq(items)) => items.push(value),
        Some(Frame::Map { map, key, .. }) => {
            if let Some(key) = key.take() {
                map.insert(key, value);
            }
        }
    }
}

fn syntax_error(info: &str, span: Span) -> YamlError {
    let help = if info.contains("tab") {
        "YAML indents with spaces only: replace the tab characters"
    } else {
        "check the indentation and the quoting on this line"
    };
    YamlError::new(format!("invalid YAML: {info}"), "here", span).help(help)
}

fn tag_error(span: Span) -> YamlError {
    YamlError::new("tags are not supported in ledger files", "tag", span)
        .help("remove the `!tag`; quote the value if it must stay a string")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn resolves_core_schema_scalars() {
        let value = parse(
            "a: no\nb: true\nc: 1.10\nd: 2026-05-01\ne:\nf: '12'\ng: 0x1F\nh: -3\ni: .inf\nj: 1e3\n",
        )
        .expect("valid yaml");
        assert_eq!(
            value,
            json!({"a": "no", "b": true, "c": 1.1, "d": "2026-05-01", "e": null,
                   "f": "12", "g": 31, "h": -3, "i": ".inf", "j": 1000.0})
        );
    }

    #[test]
    fn empty_text_is_null() {
        assert_eq!(parse("").expect("empty is fine"), Value::Null);
        assert_eq!(parse("# only a comment\n").expect("comment"), Value::Null);
    }

    #[test]
    fn duplicate_keys_point_at_the_second_key() {
        let text = "a: 1\nsteps:\n  x: 1\n  x: 2\n";
        let error = parse(text).expect_err("duplicate");
        assert_eq!(error.message, "duplicate key `x`");
        assert_eq!(&text[error.span.start..error.span.end], "x");
        assert_eq!(error.span.start, 21);
        assert_eq!(
            error.help.as_deref(),
            Some("`x` is first defined on line 3; keep one of them")
        );
    }

    #[test]
    fn aliases_are_refused_at_the_alias() {
        let text = "a: &x [1, 2]\nb: *x\n";
        let error = parse(text).expect_err("alias");
        assert_eq!(error.message, "aliases are not allowed in ledger files");
        assert_eq!(&text[error.span.start..error.span.end], "*x");
    }

    #[test]
    fn deep_nesting_stops_at_the_limit() {
        let block: String = (0..300)
            .map(|i| format!("{}a:\n", "  ".repeat(i)))
            .collect();
        let error = parse(&block).expect_err("too deep");
        assert!(
            error.message.starts_with("nesting deeper than"),
            "{}",
            error.message
        );
        let flow = "[".repeat(10_000);
        let error = parse(&flow).expect_err("too deep");
        assert!(error.span.start < 300, "stopped early: {error:?}");
    }

    #[test]
    fn second_document_is_refused() {
        let error = parse("a: 1\n---\nb: 2\n").expect_err("two docs");
        assert_eq!(error.message, "more than one YAML document in the file");
    }

    #[test]
    fn tags_are_refused_except_str() {
        assert_eq!(parse("a: !!str 12\n").expect("str tag"), json!({"a": "12"}));
        assert!(parse("a: !custom 12\n").is_err());
    }

    #[test]
    fn syntax_errors_are_located() {
        let text = "a: 1\n b: [\n";
        let error = parse(text).expect_err("syntax");
        assert!(error.message.starts_with("invalid YAML"));
        assert!(error.span.start >= 5);
    }
}
