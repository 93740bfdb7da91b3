//! Reading one ledger file safely: bounded in size, never through a link that
//! leaves the ledger, and decoded as UTF-8 with the byte-order mark and CRLF line
//! ends reported rather than silently accepted.

use std::io::Read;
use std::path::{Path, PathBuf};

use super::cache::Identity;
use ordo_core::finding::{Code, Finding};
use ordo_core::yaml::{LineIndex, Span};

/// Files larger than this are refused unread: an order is a few kilobytes.
pub const MAX_FILE_SIZE: u64 = 1024 * 1024;

/// A ledger file's text.
#[derive(Debug, Clone)]
pub struct Source {
    /// The path relative to the ledger root, as findings name it.
    pub rel: PathBuf,
    /// The text, without a byte-order mark.
    pub text: String,
}

/// A file as read: its text when there is one to show, and what was wrong.
#[derive(Debug, Clone, Default)]
pub struct FileRead {
    pub source: Option<Source>,
    pub findings: Vec<Finding>,
    /// The file's identity as it was opened, for a cache: a regular file reached
    /// without a link.
    pub identity: Option<Identity>,
}

impl FileRead {
    /// The text, when the file could be read and decoded.
    pub fn usable(&self) -> Option<&Source> {
        let fatal = self.findings.iter().any(|f| f.code.is_fatal());
        self.source.as_ref().filter(|_| !fatal)
    }
}

/// Reads `root/rel`; never fails, but reports why a file cannot be used.
pub fn read_source(root: &Path, rel: &Path) -> FileRead {
    let path = root.join(rel);
    #[cfg(unix)]
    if let Some((bytes, identity)) = read_plain_file(&path) {
        return FileRead {
            identity: Some(identity),
            ..decode(rel, bytes)
        };
    }
    match read_bytes(&path, root, rel) {
        Ok(bytes) => decode(rel, bytes),
        Err(finding) => FileRead {
            source: None,
            findings: vec![*finding],
            identity: None,
        },
    }
}

/// The common case in one open: a regular file of a sane size, reached without
/// a link. The open neither follows a link nor blocks (on a FIFO); anything
/// else, or any error, is `None` and goes through [`read_bytes`], which says
/// what is wrong.
#[cfg(unix)]
fn read_plain_file(path: &Path) -> Option<(Vec<u8>, Identity)> {
    use rustix::fs::{Mode, OFlags};
    let flags = OFlags::RDONLY | OFlags::NOFOLLOW | OFlags::NONBLOCK | OFlags::CLOEXEC;
    let file = std::fs::File::from(rustix::fs::open(path, flags, Mode::empty()).ok()?);
    let meta = file.metadata().ok()?;
    if !meta.is_file() || meta.len() > MAX_FILE_SIZE {
        return None;
    }
    let identity = Identity::from_metadata(&meta)?;
    let bytes = read_capped(file, meta.len()).ok()?;
    (bytes.len() as u64 <= MAX_FILE_SIZE).then_some((bytes, identity))
}

/// Reads a file of (about) `len` bytes, stopping one byte past the size limit:
/// a file that grew after it was measured is never read whole.
fn read_capped(file: std::fs::File, len: u64) -> std::io::Result<Vec<u8>> {
    let mut bytes = Vec::with_capacity(len as usize);
    file.take(MAX_FILE_SIZE + 1).read_to_end(&mut bytes)?;
    Ok(bytes)
}

fn read_bytes(path: &Path, root: &Path, rel: &Path) -> Result<Vec<u8>, Box<Finding>> {
    let fail = |message: String| Box::new(Finding::error(Code::File, rel, message));
    let meta = std::fs::symlink_metadata(path)
        .map_err(|e| fail(format!("cannot read {}: {e}", rel.display())))?;
    if meta.file_type().is_symlink() {
        let target = std::fs::canonicalize(path)
            .map_err(|e| fail(format!("{} is a broken link: {e}", rel.display())))?;
        let root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
        if !target.starts_with(&root) {
            return Err(Box::new(
                fail(format!(
                    "{} links to {}, outside the ledger; it is not followed",
                    rel.display(),
                    target.display()
                ))
                .help("keep ledger files inside the ledger; replace the link with the file itself"),
            ));
        }
    }
    let meta = if meta.file_type().is_symlink() {
        std::fs::metadata(path).map_err(|e| fail(format!("cannot read {}: {e}", rel.display())))?
    } else {
        meta
    };
    if meta.is_dir() {
        return Err(fail(format!(
            "{} is a directory, not a file",
            rel.display()
        )));
    }
    if !meta.is_file() {
        return Err(fail(format!("{} is not a regular file", rel.display())));
    }
    if meta.len() > MAX_FILE_SIZE {
        return Err(too_large(rel, meta.len()));
    }
    let bytes = std::fs::File::open(path)
        .and_then(|f| read_capped(f, meta.len()))
        .map_err(|e| fail(format!("cannot read {}: {e}", rel.display())))?;
    if bytes.len() as u64 > MAX_FILE_SIZE {
        return Err(too_large(rel, bytes.len() as u64));
    }
    Ok(bytes)
}

fn too_large(rel: &Path, size: u64) -> Box<Finding> {
    Box::new(
        Finding::error(
            Code::File,
            rel,
            format!(
                "{} is {} bytes, over the {} byte limit for a ledger file",
                rel.display(),
                size,
                MAX_FILE_SIZE
            ),
        )
        .help("an order file is a few kilobytes; this is not an order file"),
    )
}

/// Decodes UTF-8, stripping a BOM and noting CRLF line ends.
pub fn decode(rel: &Path, mut bytes: Vec<u8>) -> FileRead {
    let mut warnings = Vec::new();
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
        warnings.push(
            Finding::warning(
                Code::Encoding,
                rel,
                "the file starts with a byte-order mark",
            )
            .at_span(Span::new(0, 0))
            .label("byte-order mark")
            .help("save the file as UTF-8 without a BOM"),
        );
    }
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => {
            let at = error.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(error.as_bytes()).into_owned();
            let (line, col) = LineIndex::new(&text).line_col(&text, at);
            let end = text[at..].chars().next().map_or(at, |c| at + c.len_utf8());
            warnings.push(
                Finding::error(
                    Code::Yaml,
                    rel,
                    format!("the file is not valid UTF-8 (byte {at}, line {line}, column {col})"),
                )
                .at_span(Span::new(at, end))
                .label("not UTF-8")
                .help("ledger files are UTF-8; re-save the file with that encoding"),
            );
            return FileRead {
                source: Some(Source {
                    rel: rel.to_path_buf(),
                    text,
                }),
                findings: warnings,
                identity: None,
            };
        }
    };
    if let Some(at) = text.find('\r').filter(|&at| text[at..].starts_with("\r\n")) {
        warnings.push(
            Finding::warning(Code::Encoding, rel, "the file has CRLF (Windows) line ends")
                .at_span(Span::new(at, at))
                .label("CRLF")
                .help("use LF line ends (e.g. `git config core.autocrlf input`); edits by ordo write LF"),
        );
    }
    FileRead {
        source: Some(Source {
            rel: rel.to_path_buf(),
            text,
        }),
        findings: warnings,
        identity: None,
    }
}
