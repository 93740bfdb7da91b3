//! The words ordo shows people, in English and Simplified Chinese, from one
//! Fluent message catalog per language (`i18n/LANG.ftl`, compiled in). Reports
//! look their text up here; JSON and CSV stay in English, as data.

mod lang;

use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

pub use lang::Lang;

/// The catalogs, in the order of [`Lang::ALL`].
const SOURCES: [&str; 2] = [
    include_str!("../../i18n/en.ftl"),
    include_str!("../../i18n/zh-CN.ftl"),
];

type Bundle = FluentBundle<FluentResource>;

fn bundles() -> &'static [Bundle; 2] {
    static BUNDLES: OnceLock<[Bundle; 2]> = OnceLock::new();
    BUNDLES.get_or_init(|| Lang::ALL.map(|lang| bundle(lang, SOURCES[lang as usize])))
}

fn bundle(lang: Lang, source: &str) -> Bundle {
    // The catalogs are compiled in and checked by the tests, so an error here
    // is a bug in ordo; a message that failed to parse is left out and its key
    // shown instead.
    let resource =
        FluentResource::try_new(source.to_owned()).unwrap_or_else(|(partial, _)| partial);
    let mut bundle = FluentBundle::new_concurrent(vec![lang.id()]);
    // No Unicode isolation marks: the text goes to terminals, Markdown and HTML.
    bundle.set_use_isolating(false);
    let _ = bundle.add_resource(resource);
    bundle
}

/// An argument of a message.
pub enum Arg<'a> {
    Text(&'a str),
    Int(i64),
}

impl<'a> From<&'a str> for Arg<'a> {
    fn from(text: &'a str) -> Self {
        Arg::Text(text)
    }
}

impl<'a> From<&'a String> for Arg<'a> {
    fn from(text: &'a String) -> Self {
        Arg::Text(text)
    }
}

impl From<i64> for Arg<'_> {
    fn from(n: i64) -> Self {
        Arg::Int(n)
    }
}

impl From<usize> for Arg<'_> {
    fn from(n: usize) -> Self {
        Arg::Int(n as i64)
    }
}

/// The message `key` in `lang`; English when `lang` lacks it (the tests keep
/// the catalogs equal), the key itself when neither has it.
pub fn t(lang: Lang, key: &str) -> String {
    tr(lang, key, &[])
}

/// The message `key` with its arguments.
pub fn tr(lang: Lang, key: &str, args: &[(&str, Arg<'_>)]) -> String {
    let mut fluent_args = FluentArgs::new();
    for (name, value) in args {
        match value {
            Arg::Text(text) => fluent_args.set(*name, FluentValue::from(*text)),
            Arg::Int(n) => fluent_args.set(*name, FluentValue::from(*n)),
        }
    }
    for lang in [lang, Lang::En] {
        let bundle = &bundles()[lang as usize];
        if let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) {
            let mut errors = Vec::new();
            return bundle
                .format_pattern(pattern, Some(&fluent_args), &mut errors)
                .into_owned();
        }
    }
    key.to_owned()
}

/// An installment (a payment term's `name`) as a reader names it: the
/// catalog's word for the common names, any other name as written.
pub fn installment(lang: Lang, name: &str) -> String {
    let key = format!("installment-{name}");
    let text = t(lang, &key);
    if text == key { name.to_owned() } else { text }
}

/// A duration in words (`1wd` -> "1 working day", "1 个工作日"); a sum's
/// terms joined with " + ". Files keep the compact form; what people read
/// says it.
pub fn duration(lang: Lang, duration: &crate::model::Duration) -> String {
    duration
        .terms
        .iter()
        .map(|term| {
            tr(
                lang,
                "duration-term",
                &[
                    ("count", i64::from(term.count).into()),
                    ("unit", term.unit.suffix().into()),
                ],
            )
        })
        .collect::<Vec<_>>()
        .join(" + ")
}

/// A column's heading, by its key (`days_late` -> "days late").
pub fn heading(lang: Lang, key: &str) -> String {
    t(lang, &format!("col-{key}"))
}

/// The message ids of a catalog, for the tests that keep them equal.
pub fn keys(lang: Lang) -> Vec<String> {
    let resource = match FluentResource::try_new(SOURCES[lang as usize].to_owned()) {
        Ok(resource) => resource,
        Err((resource, _)) => resource,
    };
    resource
        .entries()
        .filter_map(|entry| match entry {
            fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_owned()),
            _ => None,
        })
        .collect()
}

/// Whether a catalog parses without error.
pub fn parse_errors(lang: Lang) -> Vec<String> {
    match FluentResource::try_new(SOURCES[lang as usize].to_owned()) {
        Ok(_) => Vec::new(),
        Err((_, errors)) => errors.iter().map(|e| format!("{e:?}")).collect(),
    }
}

#[cfg(test)]
mod tests;
