//! The site's calendar feeds. At 100,000 orders the events' text runs to tens
//! of megabytes, and each person's feed repeats part of it; so the text is
//! written to an unnamed scratch file as the orders are read, only where each
//! event lies is kept, and the feeds are then copied from it in a fixed order.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{BufWriter, Read, Seek, SeekFrom, Write};
use std::sync::Mutex;

use ordo_core::reports::calendar::{self, Entry};

use super::PersonRef;
use super::output::SiteDir;

/// At most this many feeds are open at once: a ledger of thousands of people
/// gets its feeds in several passes rather than running out of descriptors.
const OPEN_FEEDS: usize = 200;

/// Where one event's text lies in the scratch file, and whom it invites (as
/// positions in the ledger's people, in key order).
#[derive(Debug)]
pub struct Placed {
    order: String,
    seq: u32,
    /// Tells apart two files that give the same order id (`validate` reports
    /// them), so their events still come out in one order.
    digest: u64,
    offset: u64,
    len: u32,
    people: Vec<u32>,
}

/// The scratch file the events are written to, from every reading thread.
pub struct Spool {
    file: Mutex<(BufWriter<File>, u64)>,
    people: Vec<String>,
}

impl Spool {
    /// A spool inside the folder being built (an unnamed file: nothing is
    /// left behind, whatever happens); `people` are the keys with a feed.
    pub fn new(dir: &SiteDir, people: Vec<String>) -> Result<Spool, String> {
        let file = dir.scratch()?;
        Ok(Spool {
            file: Mutex::new((BufWriter::with_capacity(1 << 16, file), 0)),
            people,
        })
    }

    /// Writes `order`'s events aside and returns where they lie.
    pub fn add(&self, order: &str, events: Vec<Entry>) -> Result<Vec<Placed>, String> {
        if events.is_empty() {
            return Ok(Vec::new());
        }
        let mut placed = Vec::with_capacity(events.len());
        let mut guard = self.file.lock().map_err(|_| "the event spool broke")?;
        let (writer, end) = &mut *guard;
        for (seq, event) in events.into_iter().enumerate() {
            writer
                .write_all(event.text.as_bytes())
                .map_err(|e| format!("cannot spool the calendar events: {e}"))?;
            let len = event.text.len();
            placed.push(Placed {
                order: order.to_owned(),
                seq: seq as u32,
                digest: digest(event.text.as_bytes()),
                offset: *end,
                len: u32::try_from(len).map_err(|_| "a calendar event over 4 GB")?,
                people: event
                    .people
                    .iter()
                    .filter_map(|p| self.people.binary_search(p).ok())
                    .map(|i| i as u32)
                    .collect(),
            });
            *end += len as u64;
        }
        Ok(placed)
    }

    /// Writes the whole ledger's feed (`all`: its file and name) and one
    /// feed per person (`feeds`, in the spool's people order) from the events
    /// in `placed` (in the order [`sort`] gives them).
    pub fn write_feeds(
        &self,
        dir: &SiteDir,
        placed: &[Placed],
        all: (&str, &str),
        feeds: &[(String, String)],
    ) -> Result<(), String> {
        let mut guard = self.file.lock().map_err(|_| "the event spool broke")?;
        let (writer, _) = &mut *guard;
        writer
            .flush()
            .map_err(|e| format!("cannot spool the calendar events: {e}"))?;
        let file = writer.get_ref();
        let mut text = Vec::new();
        // The first pass also writes the whole ledger's feed.
        let mut first = 0;
        loop {
            let chunk = &feeds[first..feeds.len().min(first + OPEN_FEEDS)];
            let whole = (first == 0).then_some(all);
            let mut open: Vec<Feed> = Vec::with_capacity(chunk.len() + 1);
            for (rel, name) in whole.iter().copied().chain(
                chunk
                    .iter()
                    .map(|(rel, name)| (rel.as_str(), name.as_str())),
            ) {
                open.push(Feed::open(dir, rel, name)?);
            }
            let offset = usize::from(whole.is_some());
            for event in placed {
                let wanted = |i: usize| {
                    (i < offset)
                        || event
                            .people
                            .binary_search(&((first + i - offset) as u32))
                            .is_ok()
                };
                if !(0..open.len()).any(wanted) {
                    continue;
                }
                text.resize(event.len as usize, 0);
                let mut reader = file;
                reader
                    .seek(SeekFrom::Start(event.offset))
                    .and_then(|_| reader.read_exact(&mut text))
                    .map_err(|e| format!("cannot read the spooled calendar events: {e}"))?;
                for (i, feed) in open.iter_mut().enumerate() {
                    if wanted(i) {
                        feed.add(&text)?;
                    }
                }
            }
            for feed in open {
                feed.close()?;
            }
            first += chunk.len();
            if first >= feeds.len() {
                return Ok(());
            }
        }
    }
}

/// The feed of each person, as (file, calendar name), in key order.
pub fn files(ledger: &str, people: &BTreeMap<String, PersonRef>) -> Vec<(String, String)> {
    people
        .values()
        .map(|p| {
            (
                format!("calendar/{}.ics", p.file),
                format!("{ledger}: {}", p.name),
            )
        })
        .collect()
}

/// Puts events in the feeds' order: by order, then as the order lists them.
pub fn sort(placed: &mut [Placed]) {
    placed.sort_unstable_by(|a, b| (&a.order, a.seq, a.digest).cmp(&(&b.order, b.seq, b.digest)));
}

/// A feed being written: the calendar's frame around its events.
struct Feed {
    rel: String,
    writer: BufWriter<File>,
    tail: String,
}

impl Feed {
    fn open(dir: &SiteDir, rel: &str, name: &str) -> Result<Feed, String> {
        let (head, tail) = calendar::frame(name);
        let mut writer = dir.create(rel)?;
        writer
            .write_all(head.as_bytes())
            .map_err(|e| format!("cannot write {rel}: {e}"))?;
        Ok(Feed {
            rel: rel.to_owned(),
            writer,
            tail,
        })
    }

    fn add(&mut self, text: &[u8]) -> Result<(), String> {
        self.writer
            .write_all(text)
            .map_err(|e| format!("cannot write {}: {e}", self.rel))
    }

    fn close(mut self) -> Result<(), String> {
        self.writer
            .write_all(self.tail.as_bytes())
            .and_then(|()| self.writer.flush())
            .map_err(|e| format!("cannot write {}: {e}", self.rel))
    }
}

/// FNV-1a: stable across runs and builds, unlike the standard hasher's keys.
fn digest(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}
