//! The site's calendar feeds. At 100,000 orders the events' text runs to tens
//! of megabytes, and each person's feed repeats part of it; so the text is
//! written to an unnamed scratch file as the orders are read, only where each
//! event lies is kept, and the feeds are then copied from it in a fixed order.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{BufWriter, Write};

use ordo_core::reports::calendar::{self, Entry};

use super::PersonRef;
use super::error::SiteError;
use super::output::SiteDir;
use super::scratch::{Scratch, Span, digest};

/// At most this many feeds are open at once: a ledger of thousands of people
/// gets its feeds in several passes rather than running out of descriptors.
const OPEN_FEEDS: usize = 200;

/// Where one event's text lies in the scratch file, and whom it invites (as
/// positions in the ledger's people, in key order).
#[derive(Debug)]
pub(crate) struct Placed {
    order: String,
    seq: u32,
    /// Tells apart two files that give the same order id (`validate` reports
    /// them), so their events still come out in one order.
    digest: u64,
    span: Span,
    people: Vec<u32>,
}

/// The scratch file the events are written to, from every reading thread.
pub(crate) struct Spool {
    scratch: Scratch,
    people: Vec<String>,
}

impl Spool {
    /// A spool inside the folder being built; `people` are the keys with a
    /// feed.
    pub(crate) fn new(dir: &SiteDir, people: Vec<String>) -> Result<Spool, SiteError> {
        Ok(Spool {
            scratch: Scratch::new(dir, "the calendar events")?,
            people,
        })
    }

    /// Writes `order`'s events aside and returns where they lie.
    pub(crate) fn add(&self, order: &str, events: Vec<Entry>) -> Result<Vec<Placed>, SiteError> {
        if events.is_empty() {
            return Ok(Vec::new());
        }
        let spans = self
            .scratch
            .append(events.iter().map(|e| e.text.as_bytes()))?;
        Ok(events
            .into_iter()
            .zip(spans)
            .enumerate()
            .map(|(seq, (event, span))| Placed {
                order: order.to_owned(),
                seq: seq as u32,
                digest: digest(event.text.as_bytes()),
                span,
                people: event
                    .people
                    .iter()
                    .filter_map(|p| self.people.binary_search(p).ok())
                    .map(|i| i as u32)
                    .collect(),
            })
            .collect())
    }

    /// Writes the whole ledger's feed (`all`: its file and name) and one
    /// feed per person (`feeds`, in the spool's people order) from the events
    /// in `placed` (in the order [`sort`] gives them).
    pub(crate) fn write_feeds(
        &self,
        dir: &SiteDir,
        placed: &[Placed],
        all: (&str, &str),
        feeds: &[(String, String)],
    ) -> Result<(), SiteError> {
        self.write_feeds_by(dir, placed, all, feeds, OPEN_FEEDS)
    }

    /// The same with at most `at_once` personal feeds open in each pass.
    fn write_feeds_by(
        &self,
        dir: &SiteDir,
        placed: &[Placed],
        all: (&str, &str),
        feeds: &[(String, String)],
        at_once: usize,
    ) -> Result<(), SiteError> {
        let people: Vec<(Option<u32>, &str, &str)> = feeds
            .iter()
            .enumerate()
            .map(|(i, (rel, name))| (Some(i as u32), rel.as_str(), name.as_str()))
            .collect();
        // The first pass also writes the whole ledger's feed (no person).
        let mut passes: Vec<Vec<(Option<u32>, &str, &str)>> =
            people.chunks(at_once.max(1)).map(<[_]>::to_vec).collect();
        match passes.first_mut() {
            Some(pass) => pass.insert(0, (None, all.0, all.1)),
            None => passes.push(vec![(None, all.0, all.1)]),
        }
        for pass in passes {
            let mut open = pass
                .into_iter()
                .map(|(person, rel, name)| Feed::open(dir, rel, name, person))
                .collect::<Result<Vec<Feed>, SiteError>>()?;
            // An order's events were set aside together: each run is read
            // in one go, and only when one of the open feeds invites to it.
            let invited: Vec<bool> = placed
                .iter()
                .map(|e| open.iter().any(|f| f.invites(e)))
                .collect();
            self.scratch.read_each(
                placed,
                |e| e.span,
                |run| invited[run].contains(&true),
                |event, bytes| {
                    for feed in open.iter_mut().filter(|f| f.invites(event)) {
                        feed.add(bytes)?;
                    }
                    Ok(())
                },
            )?;
            for feed in open {
                feed.close()?;
            }
        }
        Ok(())
    }
}

/// The feed of each person, as (file, calendar name), in key order.
pub(crate) fn files(ledger: &str, people: &BTreeMap<String, PersonRef>) -> Vec<(String, String)> {
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
pub(crate) fn sort(placed: &mut [Placed]) {
    placed.sort_unstable_by(|a, b| (&a.order, a.seq, a.digest).cmp(&(&b.order, b.seq, b.digest)));
}

/// A feed being written: the calendar's frame around its events, for one
/// person (by position) or, with none, for everyone.
struct Feed {
    rel: String,
    person: Option<u32>,
    writer: BufWriter<File>,
    tail: String,
}

impl Feed {
    fn open(dir: &SiteDir, rel: &str, name: &str, person: Option<u32>) -> Result<Feed, SiteError> {
        let (head, tail) = calendar::frame(name);
        let mut writer = dir.create(rel)?;
        writer
            .write_all(head.as_bytes())
            .map_err(SiteError::io(format!("write {rel}")))?;
        Ok(Feed {
            rel: rel.to_owned(),
            person,
            writer,
            tail,
        })
    }

    fn invites(&self, event: &Placed) -> bool {
        self.person
            .is_none_or(|p| event.people.binary_search(&p).is_ok())
    }

    fn add(&mut self, text: &[u8]) -> Result<(), SiteError> {
        let rel = &self.rel;
        self.writer
            .write_all(text)
            .map_err(SiteError::io(format!("write {rel}")))
    }

    /// Ends the feed and sends it to disk: the feeds are most of what a
    /// build writes after the orders are read, and this way they are on disk
    /// while the summary pages are still being made, not left for the flush
    /// before the swap.
    fn close(mut self) -> Result<(), SiteError> {
        self.writer
            .write_all(self.tail.as_bytes())
            .and_then(|()| self.writer.flush())
            .and_then(|()| self.writer.get_ref().sync_data())
            .map_err(SiteError::io(format!("write {}", self.rel)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A site's feeds written by `at_once` feeds per pass: the files' texts.
    fn feeds_by(at_once: usize) -> BTreeMap<String, String> {
        let root = tempfile::tempdir().expect("tempdir");
        let target = root.path().join("site");
        let dir = SiteDir::prepare(&target, &root.path().join("ledger")).expect("site dir");
        let people: Vec<String> = ["ann", "ben", "cy"].map(String::from).to_vec();
        let spool = Spool::new(&dir, people.clone()).expect("spool");
        let event = |text: &str, who: &[&str]| Entry {
            text: format!("BEGIN:VEVENT\r\nSUMMARY:{text}\r\nEND:VEVENT\r\n"),
            people: who.iter().map(|p| (*p).to_owned()).collect(),
        };
        // Added out of order, as the parallel pass does.
        let mut placed = spool
            .add(
                "B-2",
                vec![event("b2", &["cy"]), event("b2 too", &["ann", "cy"])],
            )
            .expect("spooled");
        placed.extend(
            spool
                .add("A-1", vec![event("a1", &["ann", "ben", "nobody"])])
                .expect("spooled"),
        );
        sort(&mut placed);
        let feeds: Vec<(String, String)> = people
            .iter()
            .map(|p| (format!("calendar/{p}.ics"), format!("L: {p}")))
            .collect();
        spool
            .write_feeds_by(&dir, &placed, ("calendar/all.ics", "L"), &feeds, at_once)
            .expect("written");
        dir.publish().expect("published");
        std::fs::read_dir(target.join("calendar"))
            .expect("calendar")
            .map(|e| {
                let path = e.expect("entry").path();
                let name = path
                    .file_name()
                    .expect("name")
                    .to_string_lossy()
                    .into_owned();
                (name, std::fs::read_to_string(&path).expect("read"))
            })
            .collect()
    }

    #[test]
    fn feeds_written_in_several_passes_are_those_of_one_pass() {
        let one = feeds_by(200);
        assert_eq!(
            one.keys().collect::<Vec<_>>(),
            ["all.ics", "ann.ics", "ben.ics", "cy.ics"]
        );
        let summaries = |name: &str| -> Vec<&str> {
            one[name]
                .lines()
                .filter_map(|l| l.strip_prefix("SUMMARY:"))
                .collect()
        };
        assert_eq!(summaries("all.ics"), ["a1", "b2", "b2 too"]);
        assert_eq!(summaries("ann.ics"), ["a1", "b2 too"]);
        assert_eq!(summaries("ben.ics"), ["a1"]);
        assert_eq!(summaries("cy.ics"), ["b2", "b2 too"]);
        assert!(one["cy.ics"].contains("NAME:L: cy"));
        assert_eq!(feeds_by(1), one);
        assert_eq!(feeds_by(2), one);
    }
}
