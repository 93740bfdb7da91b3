//! Building the site: one pass over the orders (order pages written as they
//! come), then the reports, the summary pages, the data and the feeds.

use std::collections::BTreeMap;

use askama::Template;
use ordo_core::i18n::{Lang, t};
use ordo_core::reports::Book;
use ordo_core::reports::agenda::Agenda;
use ordo_core::reports::calendar;
use ordo_core::reports::monthly::{self, Month};
use ordo_core::reports::report::{Invalid, Report, Stamp};
use ordo_core::reports::sla::{self, By};
use ordo_core::reports::{overdue, upcoming};

use super::feeds::{self, Spool};
use super::gather::{self, Gathered, Page};
use super::output::SiteDir;
use super::pages::{self, items, people_of, table};
use super::summary::{self, Person, PersonRow};
use super::templates::{self, Frame};
use super::{Common, order_page};
use crate::cli::{Cli, SiteArgs};
use crate::commands::reporting::{Loaded, warn_left_out};
use crate::output::report::json_v1;
use crate::output::report::view::View;
use crate::{Environment as Env, Failure, exit};

/// How far ahead the "next days" lists look.
const UPCOMING_DAYS: i64 = 7;
/// The most rows a list shows on the home page (per person), and on a
/// person's or the SLA page; a note names the rest and where they are.
const HOME_ROWS: usize = 20;
const HOME_CUSTOMERS: usize = 50;
const HOME_UPCOMING: usize = 100;
const PAGE_ROWS: usize = 500;

pub fn run(cli: &Cli, args: &SiteArgs, env: &Env, out: &mut Vec<u8>) -> Result<u8, Failure> {
    let loaded = Loaded::open(cli, env, None)?;
    let ledger = &loaded.ledger;
    let lang = loaded.lang;
    let stamp = crate::ledger::stamp::stamp(&ledger.root);
    let prefix = crate::ledger::stamp::prefix(&ledger.root);
    let book = loaded.book();
    let common = Common::new(&ledger.config, lang, &book.as_of(), stamp.as_ref(), prefix);
    let dir = SiteDir::prepare(&env.cwd.join(&args.output)).map_err(Failure::Io)?;
    let spool = Spool::new(&dir, common.people.keys().cloned().collect()).map_err(Failure::Io)?;

    // Borrowed: a page's path is made only for the orders with a page.
    let files: BTreeMap<&str, &std::path::Path> = ledger
        .order_files
        .iter()
        .map(|f| (f.stem.as_str(), f.rel.as_path()))
        .collect();
    let cutoff = order_page::cutoff(&book, args.closed_months);
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
        match order_page::render(&common, book, order, schedule, customer, &rel)
            .and_then(|html| dir.write(&format!("orders/{}.html", order.id), html.as_bytes()))
        {
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
    };
    let (mut gathered, invalid) = dir.flushing(|| {
        loaded.fold(
            || Gathered::new(&months),
            |sum, book, order| sum.add(book, order, &options),
            Gathered::merge,
        )
    });
    gathered.settle();
    if let Some(failure) = gathered.failures.first() {
        return Err(Failure::Io(failure.clone()));
    }
    for left_out in &invalid {
        warn_left_out(left_out);
    }
    let site = Site {
        common: &common,
        dir: &dir,
        gathered: &gathered,
        invalid: &invalid,
        stamp: stamp.as_ref(),
        months: &months,
        closed_months: args.closed_months,
        spool: &spool,
    };
    let pages_written = site.write_all(&book)?;
    dir.publish().map_err(Failure::Io)?;
    out.extend(
        format!(
            "Wrote the site to {}: {} pages ({} orders), {} calendars; {} order files left out\n",
            args.output.display(),
            pages_written + gathered.pages.len(),
            gathered.pages.len(),
            common.people.len() + 1,
            invalid.len()
        )
        .bytes(),
    );
    Ok(if args.strict && !invalid.is_empty() {
        exit::FINDINGS
    } else {
        exit::OK
    })
}

/// `data/sla-breaches.json`, serialised straight from the breaches (a
/// `serde_json::Value` of them first would be a second copy of every one).
/// The keys are in the file's order.
#[derive(serde::Serialize)]
struct BreachesFile<'b> {
    as_of: String,
    breaches: &'b [super::gather::Breach],
    version: u32,
}

struct Site<'s> {
    common: &'s Common,
    dir: &'s SiteDir,
    gathered: &'s Gathered<'s>,
    invalid: &'s [Invalid],
    stamp: Option<&'s Stamp>,
    months: &'s [Month],
    closed_months: u32,
    spool: &'s Spool,
}

impl Site<'_> {
    fn page(&self, rel: &str, page: &impl Template) -> Result<(), Failure> {
        let html = page
            .render()
            .map_err(|e| Failure::Io(format!("{rel}: {e}")))?;
        self.dir.write(rel, html.as_bytes()).map_err(Failure::Io)
    }

    /// The layout of a page `root` away from the site's root.
    fn frame(&self, root: &'static str, page: &'static str, title: String) -> Frame<'_> {
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
    fn data(
        &self,
        name: &str,
        mut report: Report,
        lang: Lang,
        local: impl FnOnce() -> Result<Report, Failure>,
    ) -> Result<Report, Failure> {
        report.invalid = self.invalid.to_vec();
        report.commit = self.stamp.cloned();
        // Straight to the file: the text is megabytes at 100,000 orders.
        let rel = format!("data/{name}.json");
        let mut file = self.dir.create(&rel).map_err(Failure::Io)?;
        json_v1::write(&View::of(&report), &mut file)
            .and_then(|()| std::io::Write::flush(&mut file))
            .map_err(|e| Failure::Io(format!("cannot write {rel}: {e}")))?;
        if lang == Lang::En {
            Ok(report)
        } else {
            local()
        }
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
                Ok(Err(why)) => Err(Failure::Io(why)),
                Err(_) => Err(Failure::Io("the calendar feeds' writer stopped".into())),
            }
        })
    }

    /// The pages and data of `write_all`.
    fn write_pages(&self, book: &Book<'_>) -> Result<usize, Failure> {
        let g = self.gathered;
        let lang = book.lang;
        let english = Book {
            lang: Lang::En,
            ..*book
        };
        let within = format!("{UPCOMING_DAYS}d")
            .parse()
            .map_err(|e| Failure::Usage(format!("{e}")))?;
        let overdue = |b: &Book<'_>| overdue::report(b, &g.agendas, &overdue::Filters::default());
        let upcoming = |b: &Book<'_>| {
            upcoming::report(b, &g.agendas, &within).map_err(|e| Failure::Usage(e.to_string()))
        };
        let sla_of = |b: &Book<'_>, measured: &sla::Measured<'_>, by| {
            let options = sla::Options {
                by,
                from: None,
                to: None,
                detail: false,
            };
            sla::report(b, measured.clone(), &options)
        };
        let month = *self
            .months
            .last()
            .unwrap_or(&Month::previous(book.now.date_naive()));
        // The trend's tallies are of `self.months`, the report's month last.
        let figures: Vec<monthly::Figures> = g.trend.iter().map(monthly::Tally::figures).collect();
        let counted = g
            .trend
            .last()
            .cloned()
            .unwrap_or_else(|| monthly::Tally::new(month));

        let overdue = self.data("overdue", overdue(&english), lang, || Ok(overdue(book)))?;
        let upcoming = self.data("upcoming", upcoming(&english)?, lang, || upcoming(book))?;
        let sla_now = self.data(
            "sla",
            sla_of(&english, &g.by_priority, By::Priority),
            lang,
            || Ok(sla_of(book, &g.by_priority, By::Priority)),
        )?;
        let sla_months = self.data(
            "sla-by-month",
            sla_of(&english, &g.by_month, By::Month),
            lang,
            || Ok(sla_of(book, &g.by_month, By::Month)),
        )?;
        let monthly = self.data("monthly", monthly::report(&english, &counted), lang, || {
            Ok(monthly::report(book, &counted))
        })?;
        let overdue_rows = overdue.sections.first().map(items).unwrap_or_default();
        let upcoming_rows = upcoming.sections.first().map(items).unwrap_or_default();
        let agendas: BTreeMap<&str, &Agenda> =
            g.agendas.iter().map(|a| (a.order.as_str(), a)).collect();
        let section = |r: &Report, i: usize| r.sections.get(i).map(|s| table(lang, s));

        let open_orders = g.open;
        let overdue_orders: std::collections::BTreeSet<&str> =
            overdue_rows.iter().map(|r| r.order.as_str()).collect();
        let (customers, customers_more) = pages::cap(
            lang,
            pages::by_customer(&overdue_rows),
            HOME_CUSTOMERS,
            "data/overdue.json",
        );
        let (upcoming_home, upcoming_more) = pages::cap(
            lang,
            upcoming_rows.iter().collect(),
            HOME_UPCOMING,
            "data/upcoming.json",
        );
        self.page(
            "index.html",
            &summary::Home {
                f: self.frame("", "home", t(lang, "site-home")),
                overdue_count: overdue_rows.len(),
                overdue_orders: overdue_orders.len(),
                overdue_by_person: pages::by_assignee(book, &overdue_rows, HOME_ROWS),
                overdue_by_customer: customers,
                customers_more,
                upcoming_days: UPCOMING_DAYS,
                upcoming_count: upcoming_rows.len(),
                upcoming: upcoming_home,
                upcoming_more,
                open_orders,
                sla: section(&sla_now, 0),
                month: section(&monthly, 0),
                month_title: &monthly.title,
                invalid: self.invalid,
            },
        )?;

        // People: what concerns each, as their calendar invites them.
        let mut mine: BTreeMap<&str, (Vec<&pages::Item>, Vec<&pages::Item>)> = BTreeMap::new();
        for (rows, overdue) in [(&overdue_rows, true), (&upcoming_rows, false)] {
            for row in rows {
                for key in people_of(book, &agendas, row) {
                    if let Some((key, _)) = self.common.people.get_key_value(&key) {
                        let entry = mine.entry(key.as_str()).or_default();
                        if overdue {
                            entry.0.push(row)
                        } else {
                            entry.1.push(row)
                        }
                    }
                }
            }
        }
        let mut list = Vec::new();
        for (key, person) in &book.config.people {
            let file = &self.common.people[key].file;
            let (late, soon) = mine.get(key.as_str()).cloned().unwrap_or_default();
            let counts = (late.len(), soon.len());
            let (late, overdue_more) = pages::cap(lang, late, PAGE_ROWS, "data/overdue.json");
            let (soon, upcoming_more) = pages::cap(lang, soon, PAGE_ROWS, "data/upcoming.json");
            self.page(
                &format!("people/{file}.html"),
                &summary::PersonPage {
                    f: self.frame("../", "people", person.name.clone()),
                    person: Person {
                        name: &person.name,
                        email: &person.email,
                        roles: &person.roles,
                        file,
                    },
                    upcoming_days: UPCOMING_DAYS,
                    overdue: late,
                    upcoming: soon,
                    overdue_more,
                    upcoming_more,
                    owned: g.owned.get(key).map_or(&[], Vec::as_slice),
                },
            )?;
            list.push(PersonRow {
                key,
                file,
                roles: &person.roles,
                overdue: counts.0,
                upcoming: counts.1,
            });
        }
        self.page(
            "people.html",
            &summary::People {
                f: self.frame("", "people", t(lang, "site-people")),
                list,
                upcoming_days: UPCOMING_DAYS,
            },
        )?;

        let mut listed: Vec<Vec<String>> = g
            .listed
            .iter()
            .map(|r| r.iter().map(|c| c.text()).collect())
            .collect();
        listed.sort();
        self.page(
            "orders.html",
            &summary::Orders {
                f: self.frame("", "orders", t(lang, "site-orders")),
                rows: listed.into_iter().map(summary::OrderRow::of).collect(),
                closed_months: self.closed_months,
            },
        )?;

        let (charts, trend) = pages::trend(lang, self.months, &figures);
        self.page(
            "monthly.html",
            &summary::Monthly {
                f: self.frame("", "monthly", t(lang, "site-monthly")),
                month: month.label(),
                charts,
                trend,
                report_title: &monthly.title,
                summary: section(&monthly, 0),
                late_steps: section(&monthly, 1),
                notes: &monthly.notes,
            },
        )?;
        let sla_charts = sla_months
            .sections
            .first()
            .map(|s| pages::sla_charts(lang, self.months, s))
            .unwrap_or_default();
        let (breaches, breaches_more) = pages::cap(
            lang,
            g.breaches.iter().collect(),
            PAGE_ROWS,
            "data/sla-breaches.json",
        );
        let breaches_json = serde_json::to_string_pretty(&BreachesFile {
            as_of: book.as_of(),
            breaches: &g.breaches,
            version: 1,
        })
        .map_err(|e| Failure::Io(e.to_string()))?;
        self.dir
            .write("data/sla-breaches.json", breaches_json.as_bytes())
            .map_err(Failure::Io)?;
        let per_priority: Vec<(String, Report)> = g
            .by_priority_month
            .iter()
            .map(|(priority, measured)| {
                (
                    t(lang, &format!("priority-{priority}")),
                    sla_of(book, measured, By::Month),
                )
            })
            .collect();
        let sections: Vec<(String, &ordo_core::reports::report::Section)> = per_priority
            .iter()
            .filter_map(|(label, r)| Some((label.clone(), r.sections.first()?)))
            .collect();
        let by_priority_month = pages::sla_by_priority(self.months, &sections);
        let policy_titles: BTreeMap<&str, &str> = book
            .config
            .sla
            .iter()
            .map(|p| (p.title.get(Lang::En), p.title.get(lang)))
            .collect();
        self.page(
            "sla.html",
            &summary::Sla {
                f: self.frame("", "sla", t(lang, "report-sla")),
                summary: section(&sla_now, 0),
                by_month: section(&sla_months, 0),
                charts: sla_charts,
                breaches,
                breaches_more,
                policy_titles,
                by_priority_month,
                month_labels: self.months.iter().map(Month::label).collect(),
                notes: &sla_now.notes,
            },
        )?;

        for (rel, text) in templates::ASSETS {
            self.dir.write(rel, text.as_bytes()).map_err(Failure::Io)?;
        }
        Ok(5 + book.config.people.len())
    }
}
