//! The site's templates (askama: compiled into the binary from
//! `src/site/templates/`, HTML auto-escaped, and every value a page prints
//! checked when ordo is built), the layout every page shares, and the catalog
//! as the templates' `t("key")`.

use std::collections::{BTreeSet, HashMap};

use ordo_core::i18n::{Arg, Lang, tr};

use super::{Common, PersonRef};

/// The static files every page links to.
pub(crate) const ASSETS: &[(&str, &str)] = &[
    ("assets/site.css", include_str!("assets/site.css")),
    ("assets/site.js", include_str!("assets/site.js")),
    ("assets/search.js", include_str!("assets/search.js")),
];

/// Text people wrote (a customer's name, a note), isolated from what is around
/// it for bidirectional scripts: a right-to-left override in it (U+202E)
/// reorders only itself, never the sentence, the page or its title around it.
pub(crate) fn isolate(text: &str) -> String {
    format!("\u{2068}{text}\u{2069}")
}

/// The catalog in the site's language. Most labels take no arguments (about
/// forty on each order page): those are formatted once, here.
pub(crate) struct Words {
    lang: Lang,
    plain: HashMap<String, String>,
}

impl Words {
    pub(crate) fn new(lang: Lang) -> Words {
        let plain = ordo_core::i18n::keys(Lang::En)
            .into_iter()
            .chain(ordo_core::i18n::keys(lang))
            .map(|key| {
                let text = tr(lang, &key, &[]);
                (key, text)
            })
            .collect();
        Words { lang, plain }
    }

    /// The message `key` (the key itself when the catalog lacks it, which a
    /// test rules out for every key a template names).
    pub(crate) fn t<'w>(&'w self, key: &'w str) -> &'w str {
        self.plain.get(key).map_or(key, String::as_str)
    }

    pub(crate) fn tr(&self, key: &str, args: &[(&str, Arg<'_>)]) -> String {
        tr(self.lang, key, args)
    }
}

/// What the layout around every page shows, and where the page lies.
pub(crate) struct Frame<'a> {
    pub common: &'a Common,
    /// From the page to the site's root: "" or "../".
    pub root: &'static str,
    /// Which entry of the navigation is this page ("order" for none).
    pub page: &'static str,
    pub title: String,
    /// The orders with a page: a link is made only to those.
    pub pages: &'a BTreeSet<String>,
}

impl Frame<'_> {
    pub(crate) fn lang(&self) -> &'static str {
        self.common.lang.as_str()
    }

    /// The ledger's name, as its administrator wrote it, isolated.
    pub(crate) fn ledger(&self) -> String {
        isolate(&self.common.ledger)
    }

    /// A customer's name, when its file gives one.
    pub(crate) fn customer_name(&self, code: &str) -> Option<&str> {
        self.common
            .customers
            .get(code)
            .map(String::as_str)
            .filter(|name| !name.is_empty())
    }

    pub(crate) fn person(&self, key: &str) -> Option<&PersonRef> {
        self.common.people.get(key)
    }

    pub(crate) fn has_page(&self, order: &str) -> bool {
        self.pages.contains(order)
    }

    /// Whether `validate` finds errors in the order.
    pub(crate) fn flagged(&self, order: &str) -> bool {
        self.common.flags().by_order.contains_key(order)
    }
}

/// A page: its template struct holds the layout's [`Frame`], and its template
/// calls the catalog as `t("key")`, or with one or two arguments, a number
/// (`tn`, which picks the plural) or text (`ts`, `ts2`).
pub(crate) trait Framed {
    fn frame(&self) -> &Frame<'_>;

    fn t<'s>(&'s self, key: &'s str) -> &'s str {
        self.frame().common.words.t(key)
    }

    fn tn(&self, key: &str, name: &str, value: impl Count) -> String {
        self.frame()
            .common
            .words
            .tr(key, &[(name, Arg::Int(value.count()))])
    }

    /// A moment of the ledger as people read it (`2026-11-19 10:00`, in the
    /// ledger's timezone), never its stored form.
    fn at(&self, moment: &ordo_core::model::Moment) -> String {
        ordo_core::engine::point::Point::from_moment(moment, self.frame().common.tz).to_string()
    }

    /// An incident's kind in the page's language.
    /// A value of a closed vocabulary in words: the catalog's `KIND-VALUE`
    /// (`impact-schedule`), never the value as the file stores it.
    fn word(&self, kind: &str, value: &str) -> String {
        self.frame()
            .common
            .words
            .tr(&format!("{kind}-{value}"), &[])
    }

    /// A message around text someone wrote, which is isolated in it.
    fn ts(&self, key: &str, name: &str, value: impl std::fmt::Display) -> String {
        let value = isolate(&value.to_string());
        self.frame()
            .common
            .words
            .tr(key, &[(name, Arg::Text(&value))])
    }

    fn ts2(
        &self,
        key: &str,
        first: &str,
        first_value: impl std::fmt::Display,
        second: &str,
        second_value: impl std::fmt::Display,
    ) -> String {
        let (a, b) = (
            isolate(&first_value.to_string()),
            isolate(&second_value.to_string()),
        );
        self.frame()
            .common
            .words
            .tr(key, &[(first, Arg::Text(&a)), (second, Arg::Text(&b))])
    }
}

/// A number a message counts (its plural form follows it), however the
/// template holds it.
pub(crate) trait Count {
    fn count(&self) -> i64;
}

impl Count for i64 {
    fn count(&self) -> i64 {
        *self
    }
}

impl Count for usize {
    fn count(&self) -> i64 {
        i64::try_from(*self).unwrap_or(i64::MAX)
    }
}

impl Count for u32 {
    fn count(&self) -> i64 {
        i64::from(*self)
    }
}

impl<C: Count + ?Sized> Count for &C {
    fn count(&self) -> i64 {
        (**self).count()
    }
}

/// Implements [`Framed`] for page structs whose frame is the field `f`.
macro_rules! framed {
    ($($page:ident),* $(,)?) => {
        $(impl $crate::site::templates::Framed for $page<'_> {
            fn frame(&self) -> &$crate::site::templates::Frame<'_> {
                &self.f
            }
        })*
    };
}
pub(crate) use framed;

/// The filters the templates use beside askama's own.
// askama's filter macro makes public items of its own from a filter, which
// the module's visibility already keeps inside the crate.
#[allow(unreachable_pub)]
pub(crate) mod filters {
    use std::fmt;

    /// An optional value, or nothing.
    #[askama::filter_fn]
    pub fn opt<'a, T: fmt::Display>(
        value: &'a Option<T>,
        _: &dyn askama::Values,
    ) -> askama::Result<Opt<'a, T>> {
        Ok(Opt(value.as_ref()))
    }

    pub(crate) struct Opt<'a, T>(Option<&'a T>);

    impl<T: fmt::Display> fmt::Display for Opt<'_, T> {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            match self.0 {
                Some(value) => value.fmt(f),
                None => Ok(()),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A page prints a message's key where the catalog lacks it, so every key a
    /// template names must be in both languages' catalogs.
    #[test]
    fn every_message_a_template_names_is_in_both_catalogs() {
        let calls = regex::Regex::new(r#"\b(?:t|tn|ts|ts2)\("([^"]+)""#).expect("a valid pattern");
        // Every template there is, as askama finds them.
        let folder = concat!(env!("CARGO_MANIFEST_DIR"), "/src/site/templates");
        let templates: Vec<(String, String)> = std::fs::read_dir(folder)
            .expect("the templates' folder")
            .map(|entry| {
                let path = entry.expect("an entry").path();
                let text = std::fs::read_to_string(&path).expect("a template");
                (path.display().to_string(), text)
            })
            .collect();
        assert!(templates.len() >= 9, "{templates:?}");
        let mut named = 0;
        for lang in [Lang::En, Lang::ZhCn] {
            let keys: BTreeSet<String> = ordo_core::i18n::keys(lang).into_iter().collect();
            for (name, source) in &templates {
                for key in calls.captures_iter(source).map(|c| c[1].to_owned()) {
                    assert!(keys.contains(&key), "{name} names `{key}`, not in {lang:?}");
                    named += 1;
                }
            }
        }
        assert!(
            named > 200,
            "only {named} messages found: the pattern is wrong"
        );
    }

    #[test]
    fn a_missing_message_prints_its_key_and_a_present_one_its_text() {
        let words = Words::new(Lang::ZhCn);
        assert_eq!(words.t("no-such-message"), "no-such-message");
        assert_ne!(words.t("site-home"), "site-home");
    }
}
