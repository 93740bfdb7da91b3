//! What RFC 5545 asks of the text itself, where the icalendar crate falls short:
//! content lines folded to at most 75 octets (the crate's last continuation can
//! reach 76), parameter values that may hold any character (RFC 6868), and a UID
//! host that stays unique for a name with no ASCII letters.

/// The longest content line RFC 5545 allows, in octets, without its CRLF.
pub const LINE_OCTETS: usize = 75;

/// Unfolds `text` and folds every content line again so that no line exceeds
/// [`LINE_OCTETS`] octets, breaking only between characters. In one pass: each
/// physical line is copied on from where the output line stands, so a line the
/// crate folded is refolded without being joined first.
pub fn refold(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 32);
    // Octets on the output line so far (a continuation's leading space is one).
    let mut width = 0;
    let mut rest = text;
    while !rest.is_empty() {
        let (piece, after) = match line_end(rest) {
            Some(i) => (&rest[..i], &rest[i + 2..]),
            None => (rest, ""),
        };
        fold_onto(piece, &mut out, &mut width);
        match after.strip_prefix(' ') {
            // A continuation: the same content line goes on.
            Some(continued) => rest = continued,
            None => {
                out.push_str("\r\n");
                width = 0;
                rest = after;
            }
        }
    }
    out
}

/// Where the first CRLF in `text` is (a lone CR is text).
fn line_end(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(i) = bytes[from..].iter().position(|&b| b == b'\r') {
        let at = from + i;
        if bytes.get(at + 1) == Some(&b'\n') {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// Appends `piece` to the content line being written, folding it wherever the
/// line would pass [`LINE_OCTETS`].
fn fold_onto(mut piece: &str, out: &mut String, width: &mut usize) {
    loop {
        let room = LINE_OCTETS - *width;
        if piece.len() <= room {
            out.push_str(piece);
            *width += piece.len();
            return;
        }
        let mut cut = room;
        while !piece.is_char_boundary(cut) {
            cut -= 1;
        }
        out.push_str(&piece[..cut]);
        out.push_str("\r\n ");
        *width = 1;
        piece = &piece[cut..];
    }
}

/// A parameter value (such as an attendee's `CN`) that may hold a double quote,
/// a caret or a line break: encoded per RFC 6868 and always quoted, so `:`, `;`
/// and `,` in it never end or split it. The icalendar crate keeps a value that
/// already starts and ends with a quote as it is.
pub fn param_value(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        match c {
            '^' => out.push_str("^^"),
            '"' => out.push_str("^'"),
            '\n' => out.push_str("^n"),
            // Other control characters are not allowed in a parameter at all.
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The ledger's name as a UID host: `Example Trading Co.` -> `example-trading-co`.
/// A name with letters outside ASCII also gets a hash of the whole name, so
/// `华东贸易` and `华南贸易` never share UIDs (and never fall back to one host).
pub fn uid_host(name: &str) -> String {
    let slug: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let mut parts: Vec<String> = slug
        .split('-')
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect();
    if name.chars().any(|c| !c.is_ascii() && c.is_alphanumeric()) {
        parts.push(format!("{:08x}", fnv1a(name.as_bytes())));
    }
    if parts.is_empty() {
        "ordo".to_owned()
    } else {
        parts.join("-")
    }
}

/// A name as a file name: itself when it is made of ASCII letters, digits,
/// `_` and `-`; else its ASCII parts and a hash of the whole, so two names
/// never share a file (`王芳` -> `2c9a61f0`, `a.b` -> `a-b-4f1e02a3`).
pub fn file_slug(name: &str) -> String {
    let safe = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if safe {
        return name.to_owned();
    }
    let slug: Vec<String> = name
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect();
    let hash = format!("{:08x}", fnv1a(name.as_bytes()));
    if slug.is_empty() {
        hash
    } else {
        format!("{}-{hash}", slug.join("-"))
    }
}

/// FNV-1a, 32 bits: stable across releases and platforms, unlike std's hasher.
fn fnv1a(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0x811c_9dc5_u32, |hash, &b| {
        (hash ^ u32::from(b)).wrapping_mul(0x0100_0193)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_folded_line_fits_and_unfolds_to_the_original() {
        for len in 0..400 {
            for filler in ["a", "é", "贸", "𝄞"] {
                let line = format!("SUMMARY:{}", filler.repeat(len / filler.len()));
                let folded = refold(&format!("{line}\r\n"));
                for part in folded.split_terminator("\r\n") {
                    assert!(part.len() <= LINE_OCTETS, "{} octets: {part:?}", part.len());
                }
                assert_eq!(folded.replace("\r\n ", ""), format!("{line}\r\n"));
            }
        }
    }

    /// Unfold everything, then fold each line from its start: what `refold`
    /// must give, however its input was folded.
    fn unfold_then_fold(text: &str) -> String {
        let mut out = String::new();
        for line in text.replace("\r\n ", "").split_terminator("\r\n") {
            let mut width = 0;
            fold_onto(line, &mut out, &mut width);
            out.push_str("\r\n");
        }
        out
    }

    #[test]
    fn text_already_folded_elsewhere_is_refolded_as_if_unfolded_first() {
        // Lines folded at every width from 2 to 80 octets (the icalendar crate
        // folds at 76), with characters of one to four octets, and empty lines.
        for width in 2..80 {
            for filler in ["a", "é", "贸", "𝄞", "a贸é𝄞 "] {
                let line = format!("DESCRIPTION:{}", filler.repeat(40));
                let mut folded = String::new();
                let mut at = 0;
                while at < line.len() {
                    let mut end = (at + width).min(line.len());
                    while !line.is_char_boundary(end) {
                        end += 1;
                    }
                    if at > 0 {
                        folded.push_str("\r\n ");
                    }
                    folded.push_str(&line[at..end]);
                    at = end;
                }
                let text = format!("BEGIN:VEVENT\r\n{folded}\r\n\r\nEND:VEVENT\r\n");
                assert_eq!(refold(&text), unfold_then_fold(&text), "{width} {filler}");
            }
        }
        assert_eq!(refold("A\r\nB"), "A\r\nB\r\n");
        assert_eq!(refold("A\rB\r\nC\r"), unfold_then_fold("A\rB\r\nC\r"));
        assert_eq!(refold(""), "");
    }

    #[test]
    fn a_line_of_exactly_75_octets_is_not_folded_and_76_is() {
        let line = "X".repeat(75);
        assert_eq!(refold(&format!("{line}\r\n")), format!("{line}\r\n"));
        let line = "X".repeat(76);
        assert_eq!(
            refold(&format!("{line}\r\n")),
            format!("{}\r\n X\r\n", "X".repeat(75))
        );
    }

    #[test]
    fn parameter_values_are_caret_encoded_and_quoted() {
        assert_eq!(param_value(r#"Li "Lee" ^1"#), r#""Li ^'Lee^' ^^1""#);
        assert_eq!(param_value("Wang, Fang: QA"), r#""Wang, Fang: QA""#);
        assert_eq!(param_value("a\nb"), r#""a^nb""#);
    }

    #[test]
    fn uid_hosts_stay_ascii_and_distinct() {
        assert_eq!(uid_host("Example Trading Co."), "example-trading-co");
        let east = uid_host("华东贸易");
        let south = uid_host("华南贸易");
        assert!(east.is_ascii() && south.is_ascii());
        assert_ne!(east, south);
        assert_ne!(east, "ordo");
        assert!(uid_host("Acme 华东").starts_with("acme-"));
        assert_eq!(uid_host("!!!"), "ordo");
    }

    #[test]
    fn file_slugs_keep_safe_names_and_hash_the_rest() {
        assert_eq!(file_slug("alice"), "alice");
        assert_eq!(file_slug("a-b_1"), "a-b_1");
        assert_ne!(file_slug("a.b"), file_slug("a-b"));
        assert!(file_slug("王芳").chars().all(|c| c.is_ascii_hexdigit()));
        assert_ne!(file_slug("王芳"), file_slug("李明"));
        assert!(!file_slug("../x").contains('/'));
    }
}
