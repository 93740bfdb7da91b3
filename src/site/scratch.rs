//! Text set aside while the orders are read (calendar events, the search
//! index's rows): at 100,000 orders it runs to tens of megabytes, so it goes
//! to an unnamed file in the folder being built, and only where each piece
//! lies is kept in memory until the files made from it are written.

use std::fs::File;
use std::io::{BufWriter, Read, Seek, SeekFrom, Write};
use std::sync::Mutex;

use super::error::SiteError;
use super::output::SiteDir;

/// Where one piece of text lies in the scratch file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Span {
    pub offset: u64,
    pub len: u32,
}

impl Span {
    /// Whether `next` starts where this one ends.
    pub(crate) fn followed_by(&self, next: &Span) -> bool {
        self.offset + u64::from(self.len) == next.offset
    }
}

/// The scratch file, written from every reading thread.
pub(crate) struct Scratch {
    file: Mutex<(BufWriter<File>, u64)>,
    /// What it holds, for messages ("the calendar events").
    what: &'static str,
}

impl Scratch {
    /// An unnamed file inside the folder being built: nothing is left
    /// behind, whatever happens.
    pub(crate) fn new(dir: &SiteDir, what: &'static str) -> Result<Scratch, SiteError> {
        let file = dir.scratch()?;
        Ok(Scratch {
            file: Mutex::new((BufWriter::with_capacity(1 << 16, file), 0)),
            what,
        })
    }

    /// Writes each of `texts` aside, one after the other, and says where
    /// each lies.
    pub(crate) fn append<'t>(
        &self,
        texts: impl IntoIterator<Item = &'t [u8]>,
    ) -> Result<Vec<Span>, SiteError> {
        let mut guard = self
            .file
            .lock()
            .map_err(|_| SiteError::Stopped(self.what))?;
        let (writer, end) = &mut *guard;
        let mut spans = Vec::new();
        for text in texts {
            let len = u32::try_from(text.len()).map_err(|_| SiteError::Io {
                what: format!("set aside {}", self.what),
                source: std::io::Error::other("one piece is over 4 GB"),
            })?;
            writer
                .write_all(text)
                .map_err(SiteError::io(format!("set aside {}", self.what)))?;
            spans.push(Span { offset: *end, len });
            *end += u64::from(len);
        }
        Ok(spans)
    }

    /// Reads `len` bytes from `offset` into `into` (replacing what it held).
    pub(crate) fn read(
        &self,
        offset: u64,
        len: usize,
        into: &mut Vec<u8>,
    ) -> Result<(), SiteError> {
        let mut guard = self
            .file
            .lock()
            .map_err(|_| SiteError::Stopped(self.what))?;
        let (writer, _) = &mut *guard;
        let reading = format!("read {} set aside", self.what);
        writer.flush().map_err(SiteError::io(reading.clone()))?;
        into.resize(len, 0);
        let mut file = writer.get_ref();
        file.seek(SeekFrom::Start(offset))
            .and_then(|_| file.read_exact(into))
            .map_err(SiteError::io(reading))
    }
}

impl Scratch {
    /// Gives `each` every item of `items` (in their order) with its text.
    /// Items set aside one after the other (an order's events) are read in
    /// one go; a run of them (by position in `items`) that `wanted` turns
    /// down is not read at all.
    pub(crate) fn read_each<T>(
        &self,
        items: &[T],
        span: impl Fn(&T) -> Span,
        wanted: impl Fn(std::ops::Range<usize>) -> bool,
        mut each: impl FnMut(&T, &[u8]) -> Result<(), SiteError>,
    ) -> Result<(), SiteError> {
        let mut text = Vec::new();
        let mut first = 0;
        for run in items.chunk_by(|a, b| span(a).followed_by(&span(b))) {
            let range = first..first + run.len();
            first = range.end;
            if !wanted(range) {
                continue;
            }
            let start = run.first().map_or(0, |e| span(e).offset);
            let len = run.iter().map(|e| span(e).len as usize).sum();
            self.read(start, len, &mut text)?;
            let mut at = 0;
            for item in run {
                let len = span(item).len as usize;
                each(item, &text[at..at + len])?;
                at += len;
            }
        }
        Ok(())
    }
}

/// FNV-1a: stable across runs and builds, unlike the standard hasher's keys;
/// tells apart two files that give the same order id.
pub(crate) fn digest(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}
