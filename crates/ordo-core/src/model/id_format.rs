//! Order ids made from `id_format` (`{yyyy}{mm}-{customer}-{seq:3}`): parsing the
//! format, reading an id back into its parts, and making the next id.

use std::fmt;

/// One piece of an id format.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    Text(String),
    Year4,
    Year2,
    Month,
    Customer,
    /// A counter per customer per month, zero-padded to this width.
    Seq(usize),
}

/// A parsed `id_format`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdFormat {
    pub pieces: Vec<Piece>,
}

/// The parts an id was made from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IdParts {
    pub year: Option<i32>,
    pub month: Option<u32>,
    pub customer: Option<String>,
    pub seq: Option<u32>,
}

impl IdFormat {
    pub fn parse(text: &str) -> Result<Self, String> {
        let mut pieces = Vec::new();
        let mut rest = text;
        while !rest.is_empty() {
            if let Some(after) = rest.strip_prefix('{') {
                let end = after
                    .find('}')
                    .ok_or_else(|| format!("`{text}`: a `{{` is never closed"))?;
                let name = &after[..end];
                pieces.push(match name {
                    "yyyy" => Piece::Year4,
                    "yy" => Piece::Year2,
                    "mm" => Piece::Month,
                    "customer" => Piece::Customer,
                    "seq" => Piece::Seq(1),
                    _ => match name.strip_prefix("seq:").map(str::parse::<usize>) {
                        Some(Ok(width)) if (1..=9).contains(&width) => Piece::Seq(width),
                        _ => {
                            return Err(format!(
                                "`{{{name}}}` is not a placeholder: use {{yyyy}}, {{yy}}, {{mm}}, {{customer}}, {{seq}} or {{seq:N}}"
                            ));
                        }
                    },
                });
                rest = &after[end + 1..];
            } else {
                let end = rest.find('{').unwrap_or(rest.len());
                let literal = &rest[..end];
                if literal.contains(['/', '\\', '}']) || literal.contains("..") {
                    return Err(format!("`{literal}` cannot be part of an id"));
                }
                pieces.push(Piece::Text(literal.to_owned()));
                rest = &rest[end..];
            }
        }
        if !pieces.iter().any(|p| matches!(p, Piece::Seq(_))) {
            return Err(format!("`{text}` has no {{seq}}: ids would repeat"));
        }
        Ok(IdFormat { pieces })
    }

    /// Reads an id back into its parts; `None` when it does not follow the format.
    pub fn read(&self, id: &str) -> Option<IdParts> {
        let mut parts = IdParts::default();
        let mut rest = id;
        for (i, piece) in self.pieces.iter().enumerate() {
            fn digits(s: &str, n: usize) -> Option<&str> {
                (s.len() >= n && s.as_bytes()[..n].iter().all(u8::is_ascii_digit)).then(|| &s[..n])
            }
            match piece {
                Piece::Text(t) => rest = rest.strip_prefix(t.as_str())?,
                Piece::Year4 => {
                    parts.year = Some(digits(rest, 4)?.parse().ok()?);
                    rest = &rest[4..];
                }
                Piece::Year2 => {
                    parts.year = Some(2000 + digits(rest, 2)?.parse::<i32>().ok()?);
                    rest = &rest[2..];
                }
                Piece::Month => {
                    parts.month = Some(digits(rest, 2)?.parse().ok()?);
                    rest = &rest[2..];
                }
                Piece::Seq(width) => {
                    let n = rest.bytes().take_while(u8::is_ascii_digit).count();
                    if n < *width {
                        return None;
                    }
                    parts.seq = Some(rest[..n].parse().ok()?);
                    rest = &rest[n..];
                }
                Piece::Customer => {
                    // The customer code runs up to the next literal piece.
                    let end = match self.pieces.get(i + 1) {
                        Some(Piece::Text(t)) => rest.find(t.as_str())?,
                        None => rest.len(),
                        Some(_) => return None,
                    };
                    parts.customer = Some(rest[..end].to_owned());
                    rest = &rest[end..];
                }
            }
        }
        rest.is_empty().then_some(parts)
    }

    /// Whether the format names the customer, so ids tell whose order a file is.
    pub fn has_customer(&self) -> bool {
        self.pieces.contains(&Piece::Customer)
    }

    /// Makes an id.
    pub fn render(&self, year: i32, month: u32, customer: &str, seq: u32) -> String {
        let mut id = String::new();
        for piece in &self.pieces {
            match piece {
                Piece::Text(t) => id.push_str(t),
                Piece::Year4 => id.push_str(&format!("{year:04}")),
                Piece::Year2 => id.push_str(&format!("{:02}", year.rem_euclid(100))),
                Piece::Month => id.push_str(&format!("{month:02}")),
                Piece::Customer => id.push_str(customer),
                Piece::Seq(width) => id.push_str(&format!("{seq:0width$}")),
            }
        }
        id
    }
}

impl fmt::Display for IdFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for piece in &self.pieces {
            match piece {
                Piece::Text(t) => f.write_str(t)?,
                Piece::Year4 => f.write_str("{yyyy}")?,
                Piece::Year2 => f.write_str("{yy}")?,
                Piece::Month => f.write_str("{mm}")?,
                Piece::Customer => f.write_str("{customer}")?,
                Piece::Seq(width) => write!(f, "{{seq:{width}}}")?,
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_and_reads_back() {
        let format = IdFormat::parse("{yyyy}{mm}-{customer}-{seq:3}").expect("valid");
        let id = format.render(2026, 5, "ABC", 1);
        assert_eq!(id, "202605-ABC-001");
        let parts = format.read(&id).expect("follows the format");
        assert_eq!(parts.year, Some(2026));
        assert_eq!(parts.month, Some(5));
        assert_eq!(parts.customer.as_deref(), Some("ABC"));
        assert_eq!(parts.seq, Some(1));
        assert_eq!(format.to_string(), "{yyyy}{mm}-{customer}-{seq:3}");
    }

    #[test]
    fn ids_that_do_not_follow_are_none() {
        let format = IdFormat::parse("{yyyy}{mm}-{customer}-{seq:3}").expect("valid");
        assert_eq!(format.read("2026-ABC-001"), None);
        assert_eq!(format.read("202605-ABC-01"), None);
        assert_eq!(format.read("202605-ABC"), None);
    }

    #[test]
    fn bad_formats_are_explained() {
        assert!(
            IdFormat::parse("{yyyy}-{customer}")
                .expect_err("no seq")
                .contains("no {seq}")
        );
        assert!(
            IdFormat::parse("{year}-{seq}")
                .expect_err("bad")
                .contains("not a placeholder")
        );
        assert!(IdFormat::parse("{yyyy}/{seq}").is_err());
    }
}
