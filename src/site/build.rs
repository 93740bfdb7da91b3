//! Building the site: one pass over the orders (order pages written as they
//! come), then the feeds beside the summary pages and data (`summary_pages`),
//! then the swap.

use std::collections::BTreeMap;

use askama::Template;
use ordo_core::i18n::Lang;
use ordo_core::reports::Book;
use ordo_core::reports::agenda::Agenda;
use ordo_core::reports::calendar;
use ordo_core::reports::monthly::Month;
use ordo_core::reports::report::{Invalid, Report, Stamp};
use ordo_core::reports::sla::{self, By};

use super::error::SiteError;
use super::fed::Fed;
use super::feeds::{self, Spool};
use super::gather::{self, Gathered, Page};
use super::output::SiteDir;
use super::templates::Frame;
use super::{Common, order_page};
use crate::Failure;
use crate::ledger::files::OrderFile;
use crate::ledger::opened::Opened;
use crate::output::report::json_v1;
use crate::output::report::view::View;
use crate::output::warn_left_out;
use ordo_core::model::status::is_open;
use std::collections::HashSet;
use std::path::Path;

/// A file's path as findings give it (`/` between folders).
fn rel_text(file: &OrderFile) -> String {
    file.rel.display().to_string().replace('\\', "/")
}

/// What a build made, for the command to say.
pub(crate) struct Built {
    pub pages: usize,
    pub order_pages: usize,
    pub calendars: usize,
    /// The order files left out (listed on the site).
    pub left_out: usize,
    /// The errors `validate` finds (listed on the site, their orders flagged).
    pub errors: usize,
    /// Files and folders in the output folder that ordo did not write, kept.
    pub kept: Vec<String>,
}

/// Builds the site of the opened ledger into `output` (from `cwd`): closed
/// orders get a page for `closed_months` after their last step.
pub(crate) fn build(
    loaded: &Opened,
    output: &Path,
    closed_months: u32,
    cwd: &Path,
) -> Result<Built, Failure> {
    let ledger = &loaded.ledger;
    let lang = loaded.lang;
    let stamp = crate::ledger::stamp::stamp(&ledger.root);
    let prefix = crate::ledger::stamp::prefix(&ledger.root);
    let book = loaded.book();
    let mut common = Common::new(
        &ledger.config,
        book.tz,
        lang,
        &book.as_of(),
        stamp.as_ref(),
        prefix,
    );
    common.customers = ledger.customer_names();
    let dir = SiteDir::prepare(&cwd.join(output), &ledger.root)?;
    let spool = Spool::new(&dir, common.people.keys().cloned().collect())?;
    let search = super::search::Rows::new(&dir)?;

    // Borrowed: a page's path is made only for the orders with a page.
    let files: BTreeMap<&str, &std::path::Path> = ledger
        .order_files
        .iter()
        .map(|f| (f.stem.as_str(), f.rel.as_path()))
        .collect();
    let cutoff = order_page::cutoff(&book, closed_months);
    let write_page = |book: &Book<'_>,
                      order: &ordo_core::model::Order,
                      schedule: &ordo_core::engine::schedule::Schedule<'_>|
     -> Page {
        if !order_page::published(book, order, schedule, cutoff) {
            return Page::NotPublished;
        }
        let rel = files
            .get(order.id.as_str())
            .map(|rel| rel.display().to_string().replace('\\', "/"))
            .unwrap_or_default();
        let customer = ledger.customers.get(&order.customer);
        match order_page::render(&common, book, order, schedule, customer, &rel).and_then(|html| {
            dir.write(&format!("orders/{}.html", order.id), html.as_bytes())
                .map_err(|e| e.to_string())
        }) {
            Ok(()) => Page::Written,
            Err(why) => Page::Failed(why),
        }
    };
    let months = Month::previous(loaded.now.date_naive()).trailing(12);
    let trend = Month::span(&months).unwrap_or(months[0]);
    let sla_options = |by| sla::Options {
        by,
        from: None,
        to: None,
        detail: false,
    };
    let options = gather::Options {
        trend,
        horizon: cutoff.min(trend.first),
        by_priority: sla_options(By::Priority),
        by_month: sla::Options {
            from: Some(trend.first),
            ..sla_options(By::Month)
        },
        write_page: &write_page,
        spool: &spool,
        search: &search,
    };
    let (mut gathered, invalid) = dir.flushing(|| {
        // One read of each order serves validation and the site: validation
        // hands over every order it reads; the cache answers for the rest,
        // which the site reads itself once the errors are known.
        let fed = Fed::new(|| Gathered::new(&months));
        let flags = super::flags::Flags::of(ledger, loaded.now, &|file, order| {
            if !ledger.duplicates.contains_key(&file.stem) {
                fed.add(&file.rel, |sum| sum.add(&book, order, &options));
            }
        });
        let (sum, handed) = fed.into_parts(Gathered::merge);
        let flags = flags?;
        // A page written before its order's errors were known shows them now
        // (errors are found by file: an order's id may not be its file's name),
        // and one awaiting its credit approval says so on its review form.
        let flagged_files: HashSet<&str> = flags
            .by_order
            .values()
            .flatten()
            .map(|flag| flag.file.as_str())
            .collect();
        let flagged: Vec<&OrderFile> = ledger
            .order_files
            .iter()
            .filter(|f| {
                handed.contains(&f.rel)
                    && (flagged_files.contains(rel_text(f).as_str())
                        || flags.awaiting_approval.contains_key(&f.stem))
            })
            .collect();
        let _ = common.flags.set(flags);
        for file in flagged {
            // Read well a moment ago: failing now, the file changed under the
            // build, and its page would not show its errors.
            let read = ledger.read(file).map_err(|_| {
                Failure::io(format!(
                    "{} changed while the site was built: build it again",
                    file.rel.display()
                ))
            })?;
            let order = &read.order;
            let schedule = if is_open(book.config, order) {
                book.explained(order)
            } else {
                book.schedule(order)
            };
            if let Some(schedule) = schedule
                && let Page::Failed(why) = write_page(&book, order, &schedule)
            {
                return Err(Failure::io(why));
            }
        }
        let (rest, invalid) = loaded.fold_where(
            |file| !handed.contains(&file.rel),
            || Gathered::new(&months),
            |sum, book, order| sum.add(book, order, &options),
            Gathered::merge,
        );
        Ok((sum.merge(rest), invalid))
    })?;
    // The credit approvals validation found wanting join their agendas and
    // the feeds (the few orders awaiting one are read again).
    if let Some(flags) = common.flags.get() {
        gathered.agendas = Agenda::with_approvals(std::mem::take(&mut gathered.agendas), |id| {
            flags.awaiting_approval.contains_key(id)
        });
        for id in flags.awaiting_approval.keys() {
            let Some(file) = ledger.order_file(id) else {
                continue;
            };
            let read = ledger.read(file).map_err(|_| {
                Failure::io(format!(
                    "{} changed while the site was built: build it again",
                    file.rel.display()
                ))
            })?;
            let events = calendar::approval_events(&book, &read.order);
            gathered.events.extend(spool.add(id, events)?);
        }
    }
    gathered.settle();
    if let Some(failure) = gathered.failures.first() {
        return Err(Failure::io(failure.clone()));
    }
    for left_out in &invalid {
        warn_left_out(left_out);
    }
    let found = std::mem::take(&mut gathered.found);
    let searchable = search.write(
        &dir,
        found,
        &common.customers,
        |id| gathered.pages.contains(id),
        &files,
    )?;
    let site = Site {
        common: &common,
        dir: &dir,
        gathered: &gathered,
        invalid: &invalid,
        stamp: stamp.as_ref(),
        months: &months,
        closed_months,
        searchable,
        spool: &spool,
        customers: &ledger.customers,
    };
    let pages_written = site.write_all(&book)?;
    let published = dir.publish()?;
    Ok(Built {
        pages: pages_written + gathered.pages.len(),
        order_pages: gathered.pages.len(),
        calendars: common.people.len() + 1,
        left_out: invalid.len(),
        errors: common.flags().errors(),
        kept: published.kept,
    })
}

pub(super) struct Site<'s> {
    pub(super) common: &'s Common,
    pub(super) dir: &'s SiteDir,
    pub(super) gathered: &'s Gathered<'s>,
    pub(super) invalid: &'s [Invalid],
    pub(super) stamp: Option<&'s Stamp>,
    pub(super) months: &'s [Month],
    pub(super) closed_months: u32,
    /// How many orders the search index holds.
    pub(super) searchable: usize,
    pub(super) spool: &'s Spool,
    /// The customers with a file: a page each.
    pub(super) customers: &'s BTreeMap<String, ordo_core::model::Customer>,
}

impl Site<'_> {
    pub(super) fn page(&self, rel: &str, page: &impl Template) -> Result<(), Failure> {
        let html = page
            .render()
            .map_err(|e| Failure::io(format!("{rel}: {e}")))?;
        self.dir.write(rel, html.as_bytes()).map_err(Failure::from)
    }

    /// The layout of a page `root` away from the site's root.
    pub(super) fn frame(&self, root: &'static str, page: &'static str, title: String) -> Frame<'_> {
        Frame {
            common: self.common,
            root,
            page,
            title,
            pages: &self.gathered.pages,
        }
    }

    /// Writes `data/NAME.json` of an English report, and gives the report
    /// back for the pages when they are in English too (the same rows, not
    /// made twice); else the pages' language makes its own.
    pub(super) fn data(
        &self,
        name: &str,
        report: Report,
        lang: Lang,
        local: impl FnOnce() -> Result<Report, Failure>,
    ) -> Result<Report, Failure> {
        let report = self.write_data(name, report)?;
        if lang == Lang::En {
            Ok(report)
        } else {
            local()
        }
    }

    /// Writes `data/NAME.json` of an English report (the pages make theirs
    /// from the typed rows).
    pub(super) fn write_data(&self, name: &str, mut report: Report) -> Result<Report, Failure> {
        report.invalid = self.invalid.to_vec();
        report.commit = self.stamp.cloned();
        // Straight to the file: the text is megabytes at 100,000 orders.
        let rel = format!("data/{name}.json");
        let mut file = self.dir.create(&rel)?;
        json_v1::write(&View::of(&report), &mut file)
            .and_then(|()| std::io::Write::flush(&mut file))
            .map_err(|e| Failure::io(format!("cannot write {rel}: {e}")))?;
        Ok(report)
    }

    /// Every page but the orders', the data and the feeds; the number of pages.
    fn write_all(&self, book: &Book<'_>) -> Result<usize, Failure> {
        // The feeds are copied from the spool while the pages are made.
        let name = calendar::ledger_calendar_name(book);
        let (spool, dir, events) = (self.spool, self.dir, &self.gathered.events);
        let feeds = feeds::files(&name, &self.common.people);
        std::thread::scope(|scope| {
            let feeds =
                scope.spawn(|| spool.write_feeds(dir, events, ("calendar/all.ics", &name), &feeds));
            let pages = self.write_pages(book);
            match feeds.join() {
                Ok(Ok(())) => pages,
                Ok(Err(why)) => Err(why.into()),
                Err(_) => Err(SiteError::Stopped("the calendar feeds' writer").into()),
            }
        })
    }
}
