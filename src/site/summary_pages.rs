//! The site's summary pages and data, made from what the pass over the orders
//! gathered: home, people, each person, the orders, the monthly analysis and
//! the service levels, and the reports' JSON.

use std::collections::BTreeMap;

use ordo_core::i18n::{Lang, t};
use ordo_core::reports::Book;
use ordo_core::reports::monthly::{self, Month};
use ordo_core::reports::report::Report;
use ordo_core::reports::sla::{self, By};
use ordo_core::reports::{overdue, upcoming};

use super::build::Site;
use super::pages::{self, table};
use super::summary::{self, Person, PersonRow};
use super::templates;
use crate::Failure;

/// How far ahead the "next days" lists look.
const UPCOMING_DAYS: i64 = 7;
/// The most rows a list shows on the home page (per person), and on a
/// person's or the SLA page; a note names the rest and where they are.
const HOME_ROWS: usize = 20;
const HOME_CUSTOMERS: usize = 50;
const HOME_UPCOMING: usize = 100;
const PAGE_ROWS: usize = 500;
/// Results the search page shows at most (a phone draws 200 rows at once).
const SEARCH_SHOWN: usize = 200;

/// `data/sla-breaches.json`, serialised straight from the breaches (a
/// `serde_json::Value` of them first would be a second copy of every one).
/// The keys are in the file's order.
#[derive(serde::Serialize)]
struct BreachesFile<'b> {
    as_of: String,
    breaches: &'b [ordo_core::reports::sla::Breach],
    version: u32,
}

impl Site<'_> {
    /// The pages and data of `write_all`.
    pub(super) fn write_pages(&self, book: &Book<'_>) -> Result<usize, Failure> {
        let g = self.gathered;
        let lang = book.lang;
        let english = Book {
            lang: Lang::En,
            ..*book
        };
        let within = format!("{UPCOMING_DAYS}d")
            .parse()
            .map_err(|e| Failure::usage(format!("{e}")))?;
        // The rows once, typed; each language's words are made from them.
        let late = overdue::rows(book, &g.agendas, &overdue::Filters::default());
        let soon =
            upcoming::rows(book, &g.agendas, &within).map_err(|e| Failure::usage(e.to_string()))?;

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

        self.write_data(
            "overdue",
            overdue::report(&english, &late, &self.common.customers),
        )?;
        self.write_data(
            "upcoming",
            upcoming::report(&english, &soon, &within, &self.common.customers),
        )?;
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
        let overdue_rows: Vec<pages::DueView> = late
            .iter()
            .map(|r| pages::DueView::of(book, r, r.title(book)))
            .collect();
        let upcoming_rows: Vec<pages::DueView> = soon
            .rows
            .iter()
            .map(|r| pages::DueView::of(book, r, upcoming::short_title(book, r)))
            .collect();
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
                errors_listed: super::flags::LISTED,
            },
        )?;

        // People: what concerns each, as their calendar invites them.
        let mut mine: BTreeMap<&str, (Vec<&pages::DueView>, Vec<&pages::DueView>)> =
            BTreeMap::new();
        for (typed, rows, overdue) in [
            (late.as_slice(), &overdue_rows, true),
            (soon.rows.as_slice(), &upcoming_rows, false),
        ] {
            for (typed, row) in typed.iter().zip(rows) {
                for key in typed.concerned(book) {
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
            let roles: Vec<String> = person
                .roles
                .iter()
                .map(|r| book.config.role_title(r, lang))
                .collect();
            let counts = (late.len(), soon.len());
            let (late, overdue_more) = pages::cap(lang, late, PAGE_ROWS, "data/overdue.json");
            let (soon, upcoming_more) = pages::cap(lang, soon, PAGE_ROWS, "data/upcoming.json");
            self.page(
                &format!("people/{file}.html"),
                &summary::PersonPage {
                    f: self.frame("../", "people", super::templates::isolate(&person.name)),
                    person: Person {
                        name: &person.name,
                        email: &person.email,
                        roles: roles.clone(),
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
                roles,
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

        let mut listed: Vec<&ordo_core::reports::listing::ListRow> = g.listed.iter().collect();
        listed.sort_by(|a, b| a.order.cmp(&b.order));
        let order_rows: Vec<summary::OrderRow> = listed
            .into_iter()
            .map(|r| summary::OrderRow::of(book, r))
            .collect();
        let customer_pages = self.write_customers(book, &order_rows)?;
        self.page(
            "orders.html",
            &summary::Orders {
                f: self.frame("", "orders", t(lang, "site-orders")),
                rows: order_rows,
                closed_months: self.closed_months,
            },
        )?;

        self.page(
            "search.html",
            &summary::Search {
                f: self.frame("", "search", t(lang, "site-search")),
                searchable: self.searchable,
                limit: SEARCH_SHOWN,
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
                late_steps: monthly::late_steps(book, &counted)
                    .iter()
                    .map(summary::LateStepRow::of)
                    .collect(),
                notes: &monthly.notes,
            },
        )?;
        let sla_charts = pages::sla_charts(book, self.months, &g.by_month);
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
        .map_err(|e| Failure::io(e.to_string()))?;
        self.dir
            .write("data/sla-breaches.json", breaches_json.as_bytes())?;
        let per_priority: Vec<(String, &sla::Measured<'_>)> = g
            .by_priority_month
            .iter()
            .map(|(priority, measured)| (t(lang, &format!("priority-{priority}")), measured))
            .collect();
        let by_priority_month = pages::sla_by_priority(book, self.months, &per_priority);
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
            self.dir.write(rel, text.as_bytes())?;
        }
        Ok(6 + book.config.people.len() + customer_pages)
    }
}
