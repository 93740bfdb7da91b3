//! `ordo site -o DIR`: the ledger as a static, self-contained site as of
//! `--as-of`: today's overdue and upcoming work by person and customer, a page
//! per person with their calendar feed, a page per open or recently closed
//! order, the monthly analysis and service levels with charts, the reports'
//! JSON and iCalendar feeds. Built in a folder beside DIR and swapped in whole,
//! so a reader never sees half a site and pages of orders gone are gone.

mod build;
mod charts;
mod customer_pages;
mod error;
mod fed;
mod feeds;
mod flags;
mod forms;
mod gather;
mod order_page;
mod output;
mod pages;
mod scratch;
mod search;
mod summary;
mod summary_pages;
mod templates;
mod timeline_svg;

use std::collections::BTreeMap;

use ordo_core::i18n::{Lang, tr};
use ordo_core::reports::ics_text::file_slug;
use ordo_core::reports::report::Stamp;

pub(crate) use build::build;
pub(crate) use output::shown;

/// A person as pages link to them.
#[derive(Debug, Clone)]
pub(crate) struct PersonRef {
    pub name: String,
    /// The file name of their page and calendar feed, without extension.
    pub file: String,
}

/// What every page shows: the ledger, when and from which commit, the people.
pub(crate) struct Common {
    pub ledger: String,
    pub lang: Lang,
    /// The ledger's timezone, in which moments are shown.
    pub tz: chrono_tz::Tz,
    pub stamp: String,
    /// What the site was made from, and who may read it.
    pub footer: String,
    pub people: BTreeMap<String, PersonRef>,
    /// Each customer's name, by code: rows name the customer, not only its code.
    pub customers: BTreeMap<String, String>,
    /// `repo_url` with the commit filled in, and the ledger's folder in the repository.
    pub source: Option<(String, String)>,
    /// What every order page's timeline says.
    pub timeline_words: timeline_svg::Words,
    /// The catalog in `lang`.
    pub words: templates::Words,
    /// The errors `validate` finds, by order: flagged wherever the order is
    /// shown. Set once validation is done (pages written before are written
    /// again if their order is flagged).
    pub flags: std::sync::OnceLock<flags::Flags>,
}

impl Common {
    pub(crate) fn new(
        config: &ordo_core::model::Config,
        tz: chrono_tz::Tz,
        lang: Lang,
        as_of: &str,
        stamp: Option<&Stamp>,
        prefix: Option<String>,
    ) -> Common {
        let when = as_of.into();
        let text = match stamp {
            Some(s) => {
                let short = s.commit.get(..12).unwrap_or(&s.commit);
                let key = if s.dirty {
                    "site-stamp-dirty"
                } else {
                    "site-stamp-commit"
                };
                tr(lang, key, &[("when", when), ("commit", short.into())])
            }
            None => tr(lang, "site-stamp-none", &[("when", when)]),
        };
        let version = env!("CARGO_PKG_VERSION").into();
        let footer = match stamp {
            Some(s) => {
                let short = s.commit.get(..12).unwrap_or(&s.commit).into();
                tr(
                    lang,
                    "site-footer-commit",
                    &[("version", version), ("commit", short)],
                )
            }
            None => tr(lang, "site-footer-files", &[("version", version)]),
        };
        let people = config
            .people
            .iter()
            .map(|(key, p)| {
                (
                    key.clone(),
                    PersonRef {
                        name: p.name.clone(),
                        file: file_slug(key),
                    },
                )
            })
            .collect();
        // A link to a file at a commit only means something for a clean tree.
        let source = match (&config.repo_url, stamp, prefix) {
            (Some(url), Some(s), Some(prefix)) if !s.dirty => {
                Some((url.replace("{commit}", &s.commit), prefix))
            }
            _ => None,
        };
        Common {
            ledger: config.name.clone(),
            lang,
            tz,
            stamp: text,
            footer,
            people,
            customers: BTreeMap::new(),
            source,
            timeline_words: timeline_svg::Words::new(lang),
            words: templates::Words::new(lang),
            flags: std::sync::OnceLock::new(),
        }
    }

    /// The errors found so far (none until validation is done).
    pub(crate) fn flags(&self) -> &flags::Flags {
        const NONE: &flags::Flags = &flags::Flags::NONE;
        self.flags.get().unwrap_or(NONE)
    }

    /// The address of a ledger file on the repository host (line 1).
    pub(crate) fn source_link(&self, rel: &str) -> Option<String> {
        let (url, prefix) = self.source.as_ref()?;
        let path = format!("{prefix}{rel}");
        Some(url.replace("{path}", &path).replace("{line}", "1"))
    }
}
