//! A report as the renderers read it: its sections' rows come from the report
//! itself or, for a section too large to hold, from a spool; and a cut report
//! shows only its first rows.

use std::borrow::Cow;

use ordo_core::reports::report::{Cell, Report, Section};

use super::spool::{self, Sealed};

#[derive(Clone, Copy)]
pub struct View<'a> {
    pub report: &'a Report,
    /// The section whose rows lie in a spool (its own rows are left empty).
    spooled: Option<(usize, &'a Sealed)>,
    /// At most this many rows in all, in section order.
    limit: usize,
    /// A note before the report's own (what a cut left out).
    lead: Option<&'a str>,
}

impl<'a> View<'a> {
    pub fn of(report: &'a Report) -> Self {
        View {
            report,
            spooled: None,
            limit: usize::MAX,
            lead: None,
        }
    }

    /// `report` with the rows of its section `section` read from `sealed`.
    pub fn spooled(report: &'a Report, section: usize, sealed: &'a Sealed) -> Self {
        View {
            report,
            spooled: Some((section, sealed)),
            limit: usize::MAX,
            lead: None,
        }
    }

    /// The same report showing only its first `limit` rows, with `note`
    /// before its own notes.
    pub fn first(self, limit: usize, note: &'a str) -> Self {
        View {
            limit,
            lead: Some(note),
            ..self
        }
    }

    /// The notes shown after the tables.
    pub fn notes(&self) -> Vec<&'a str> {
        self.lead
            .into_iter()
            .chain(self.report.notes.iter().map(String::as_str))
            .collect()
    }

    pub fn sections(&self) -> impl Iterator<Item = (&'a Section, Rows<'a>)> + '_ {
        let mut left = self.limit;
        self.report
            .sections
            .iter()
            .enumerate()
            .map(move |(i, section)| {
                let rows = self.rows(i, left);
                left -= rows.len();
                (section, rows)
            })
    }

    /// Every row of every section, however many are shown.
    pub fn total_rows(&self) -> usize {
        (0..self.report.sections.len())
            .map(|i| self.rows(i, usize::MAX).len())
            .sum()
    }

    fn rows(&self, section: usize, limit: usize) -> Rows<'a> {
        match self.spooled {
            Some((i, sealed)) if i == section => Rows::Spooled(sealed.rows(limit)),
            _ => {
                let rows = &self.report.sections[section].rows;
                Rows::Kept(rows[..limit.min(rows.len())].iter())
            }
        }
    }
}

/// The rows of one section, in order.
#[derive(Clone)]
pub enum Rows<'a> {
    Kept(std::slice::Iter<'a, Vec<Cell>>),
    Spooled(spool::Rows<'a>),
}

impl Rows<'_> {
    /// How many rows are left to read.
    pub fn len(&self) -> usize {
        match self {
            Rows::Kept(rows) => rows.len(),
            Rows::Spooled(rows) => rows.left(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl<'a> Iterator for Rows<'a> {
    type Item = Cow<'a, [Cell]>;

    fn next(&mut self) -> Option<Self::Item> {
        match self {
            Rows::Kept(rows) => rows.next().map(|r| Cow::Borrowed(r.as_slice())),
            Rows::Spooled(rows) => rows.next().map(Cow::Owned),
        }
    }
}
