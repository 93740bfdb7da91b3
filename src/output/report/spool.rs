//! Report rows set aside in an unnamed scratch file as they are made, and read
//! back in the order of their keys: the SLA detail of a 100,000-order ledger
//! is half a million rows, hundreds of megabytes as cells in memory, tens of
//! megabytes as bytes on disk. Only each row's key and place stay in memory.

use std::borrow::Cow;
use std::cell::RefCell;
use std::fs::File;
use std::io::{self, BufWriter, Read, Seek, SeekFrom, Write};

use ordo_core::reports::report::Cell;
use serde::{Deserialize, Serialize};

/// A cell as the scratch file holds it (the report's own serialisation is the
/// JSON one, which rounds numbers and loses the kind of an empty cell).
#[derive(Serialize, Deserialize)]
enum Stored<'a> {
    Text(#[serde(borrow)] Cow<'a, str>),
    Int(i64),
    Float(f64),
    Empty,
}

impl<'a> From<&'a Cell> for Stored<'a> {
    fn from(cell: &'a Cell) -> Self {
        match cell {
            Cell::Text(t) => Stored::Text(Cow::Borrowed(t)),
            Cell::Int(n) => Stored::Int(*n),
            Cell::Float(f) => Stored::Float(*f),
            Cell::Empty => Stored::Empty,
        }
    }
}

impl From<Stored<'_>> for Cell {
    fn from(stored: Stored<'_>) -> Self {
        match stored {
            Stored::Text(t) => Cell::Text(t.into_owned()),
            Stored::Int(n) => Cell::Int(n),
            Stored::Float(f) => Cell::Float(f),
            Stored::Empty => Cell::Empty,
        }
    }
}

/// Where one row lies, and what it sorts by.
struct Placed<K> {
    key: K,
    offset: u64,
    len: u32,
}

/// Rows written aside with a key each, then read back sorted by key (rows
/// with equal keys in the order they were added).
pub struct Spool<K> {
    writer: BufWriter<File>,
    end: u64,
    placed: Vec<Placed<K>>,
    /// The first read error; reading stops there and the renderer reports it.
    failed: RefCell<Option<io::Error>>,
}

impl<K: Ord> Spool<K> {
    pub fn new() -> io::Result<Self> {
        Ok(Spool {
            writer: BufWriter::with_capacity(1 << 16, tempfile::tempfile()?),
            end: 0,
            placed: Vec::new(),
            failed: RefCell::new(None),
        })
    }

    pub fn add(&mut self, key: K, row: &[Cell]) -> io::Result<()> {
        let stored: Vec<Stored<'_>> = row.iter().map(Stored::from).collect();
        let bytes = postcard::to_stdvec(&stored).map_err(io::Error::other)?;
        self.writer.write_all(&bytes)?;
        let len = u32::try_from(bytes.len()).map_err(|_| io::Error::other("a row over 4 GB"))?;
        self.placed.push(Placed {
            key,
            offset: self.end,
            len,
        });
        self.end += u64::from(len);
        Ok(())
    }

    /// Sorts the rows by key and makes them ready to read.
    pub fn seal(mut self) -> io::Result<Sealed> {
        self.writer.flush()?;
        self.placed.sort_by(|a, b| a.key.cmp(&b.key));
        let file = self.writer.into_inner().map_err(|e| e.into_error())?;
        Ok(Sealed {
            file,
            places: self.placed.iter().map(|p| (p.offset, p.len)).collect(),
            failed: self.failed,
        })
    }
}

/// The rows of a spool in key order, each read from the file when it is
/// reached (twice for a table: its widths, then its lines).
pub struct Sealed {
    file: File,
    places: Vec<(u64, u32)>,
    failed: RefCell<Option<io::Error>>,
}

impl Sealed {
    /// The rows from the first, at most `limit` of them.
    pub fn rows(&self, limit: usize) -> Rows<'_> {
        Rows {
            sealed: self,
            next: 0,
            limit: limit.min(self.places.len()),
            window: Vec::new(),
            window_at: 0,
        }
    }

    /// Why reading a row failed, if it did (the output then ended early).
    pub fn take_error(&self) -> Option<io::Error> {
        self.failed.borrow_mut().take()
    }
}

/// Reading ahead this much at once: rows in key order mostly lie near each
/// other in the file (orders are read in path order), so one read serves many.
const WINDOW: usize = 1 << 16;

#[derive(Clone)]
pub struct Rows<'a> {
    sealed: &'a Sealed,
    next: usize,
    limit: usize,
    window: Vec<u8>,
    window_at: u64,
}

impl Rows<'_> {
    /// How many rows are left to read.
    pub fn left(&self) -> usize {
        self.limit.saturating_sub(self.next)
    }

    fn read(&mut self, offset: u64, len: usize) -> io::Result<Vec<Cell>> {
        let end = offset + len as u64;
        let inside = offset >= self.window_at && end <= self.window_at + self.window.len() as u64;
        if !inside {
            self.window.resize(len.max(WINDOW), 0);
            let mut file = &self.sealed.file;
            file.seek(SeekFrom::Start(offset))?;
            let mut filled = 0;
            while filled < self.window.len() {
                match file.read(&mut self.window[filled..])? {
                    0 => break,
                    n => filled += n,
                }
            }
            if filled < len {
                return Err(io::Error::from(io::ErrorKind::UnexpectedEof));
            }
            self.window.truncate(filled);
            self.window_at = offset;
        }
        let start = (offset - self.window_at) as usize;
        let stored: Vec<Stored<'_>> =
            postcard::from_bytes(&self.window[start..start + len]).map_err(io::Error::other)?;
        Ok(stored.into_iter().map(Cell::from).collect())
    }
}

impl Iterator for Rows<'_> {
    type Item = Vec<Cell>;

    fn next(&mut self) -> Option<Vec<Cell>> {
        if self.next >= self.limit {
            return None;
        }
        let (offset, len) = self.sealed.places[self.next];
        self.next += 1;
        match self.read(offset, len as usize) {
            Ok(row) => Some(row),
            Err(error) => {
                self.sealed.failed.borrow_mut().get_or_insert(error);
                self.limit = 0;
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_come_back_in_key_order_with_every_kind_of_cell() {
        let mut spool = Spool::new().expect("scratch file");
        let long = "x".repeat(3 * WINDOW);
        let rows: Vec<(u32, Vec<Cell>)> = vec![
            (2, vec![Cell::Text("b".into()), Cell::Int(-7)]),
            (1, vec![Cell::Text(long.clone()), Cell::Empty]),
            (3, vec![Cell::Float(2.25), Cell::Text("订单".into())]),
            (1, vec![Cell::Text("a, later".into()), Cell::Int(0)]),
        ];
        for (key, row) in &rows {
            spool.add(*key, row).expect("spooled");
        }
        let sealed = spool.seal().expect("sealed");
        let back: Vec<Vec<Cell>> = sealed.rows(usize::MAX).collect();
        assert_eq!(
            back,
            vec![
                rows[1].1.clone(),
                rows[3].1.clone(),
                rows[0].1.clone(),
                rows[2].1.clone()
            ]
        );
        assert_eq!(sealed.rows(2).count(), 2);
        assert!(sealed.take_error().is_none());
    }
}
