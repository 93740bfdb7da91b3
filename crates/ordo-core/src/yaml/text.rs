//! Byte spans and line/column arithmetic over a source text. The YAML parser counts
//! characters; editors, miette and GitHub annotations want bytes, lines and columns.

/// A byte range in a source text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Whether a line (without its line end) is a conflict marker: seven or more
/// `<`, `>` or `|` followed by nothing or a space and a label, or seven or
/// more `=` alone. git writes longer markers for conflicts inside conflicts
/// (eight for a rename/rename).
pub fn is_conflict_marker(line: &str) -> bool {
    let Some(first) = line.chars().next() else {
        return false;
    };
    if !matches!(first, '<' | '>' | '|' | '=') {
        return false;
    }
    let run = line.len() - line.trim_start_matches(first).len();
    let rest = &line[run..];
    run >= 7 && (rest.is_empty() || (first != '=' && rest.starts_with(' ')))
}

/// The byte offset where each line starts, for turning positions into line:col.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
    /// Whether every character is one byte (columns are then byte counts).
    ascii: bool,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex {
            starts,
            ascii: text.is_ascii(),
        }
    }

    /// The byte offset of a parser position: a 1-based line and a 0-based column
    /// counted in characters.
    pub fn offset(&self, text: &str, line: usize, col_chars: usize) -> usize {
        let Some(&start) = self.starts.get(line.saturating_sub(1)) else {
            return text.len();
        };
        if self.ascii {
            return (start + col_chars).min(text.len());
        }
        let rest = &text[start..];
        rest.char_indices()
            .nth(col_chars)
            .map_or(text.len(), |(i, _)| start + i)
    }

    /// The 1-based line and 1-based column (in characters) of a byte offset.
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = offset.min(text.len());
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts[line - 1];
        let col = text
            .get(start..offset)
            .map_or(offset - start, |s| s.chars().count());
        (line, col + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conflict_markers_of_any_length_from_seven() {
        for marker in [
            "<<<<<<< HEAD",
            "=======",
            ">>>>>>> theirs",
            "||||||| base",
            "<<<<<<<< HEAD:a.yaml",
            "========",
            ">>>>>>>",
        ] {
            assert!(is_conflict_marker(marker), "{marker}");
        }
        for not in [
            "<<<<<< six",
            "======= text",
            "note: <<<<<<<",
            "<<<<<<<x",
            "",
        ] {
            assert!(!is_conflict_marker(not), "{not}");
        }
    }

    #[test]
    fn converts_character_columns_to_bytes_and_back() {
        let text = "a: é\nb: 1\n";
        let index = LineIndex::new(text);
        assert_eq!(index.offset(text, 1, 3), 3);
        assert_eq!(index.offset(text, 2, 3), 9);
        assert_eq!(index.line_col(text, 9), (2, 4));
        assert_eq!(index.line_col(text, 3), (1, 4));
    }
}
