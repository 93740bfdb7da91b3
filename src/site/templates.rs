//! The site's templates (minijinja, HTML auto-escaped), compiled into the
//! binary, and the catalog as the templates' `t("key", name=value)`.

use minijinja::value::{Kwargs, Value};
use minijinja::{AutoEscape, Environment, Error, ErrorKind};
use ordo_core::i18n::{Arg, Lang, tr};

const TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("templates/base.html")),
    ("macros.html", include_str!("templates/macros.html")),
    ("home.html", include_str!("templates/home.html")),
    ("people.html", include_str!("templates/people.html")),
    ("person.html", include_str!("templates/person.html")),
    ("orders.html", include_str!("templates/orders.html")),
    ("order.html", include_str!("templates/order.html")),
    ("monthly.html", include_str!("templates/monthly.html")),
    ("sla.html", include_str!("templates/sla.html")),
];

/// The static files every page links to.
pub const ASSETS: &[(&str, &str)] = &[
    ("assets/site.css", include_str!("assets/site.css")),
    ("assets/site.js", include_str!("assets/site.js")),
];

pub fn environment(lang: Lang) -> Result<Environment<'static>, Error> {
    let mut env = Environment::new();
    env.set_auto_escape_callback(|name| {
        if name.ends_with(".html") {
            AutoEscape::Html
        } else {
            AutoEscape::None
        }
    });
    // Printing a misspelt variable is an error, not an empty cell; a field an
    // order leaves out may still be tested with `if`.
    env.set_undefined_behavior(minijinja::UndefinedBehavior::SemiStrict);
    for (name, source) in TEMPLATES {
        env.add_template(name, source)?;
    }
    // Most calls name a message without arguments (the labels of every
    // page, about forty per order page): those are formatted once, here.
    let plain: std::collections::HashMap<String, Value> = ordo_core::i18n::keys(Lang::En)
        .into_iter()
        .chain(ordo_core::i18n::keys(lang))
        .map(|key| {
            let text = tr(lang, &key, &[]);
            (key, Value::from(text))
        })
        .collect();
    env.add_function(
        "t",
        move |key: &str, kwargs: Kwargs| -> Result<Value, Error> {
            if kwargs.args().next().is_none()
                && let Some(text) = plain.get(key)
            {
                return Ok(text.clone());
            }
            let values: Vec<(String, Value)> = kwargs
                .args()
                .map(|name| Ok((name.to_owned(), kwargs.get::<Value>(name)?)))
                .collect::<Result<_, Error>>()?;
            let texts: Vec<String> = values.iter().map(|(_, v)| v.to_string()).collect();
            let args: Vec<(&str, Arg<'_>)> = values
                .iter()
                .zip(&texts)
                .map(|((name, value), text)| {
                    let arg = match i64::try_from(value.clone()) {
                        Ok(n) if value.is_number() => Arg::Int(n),
                        _ => Arg::Text(text),
                    };
                    (name.as_str(), arg)
                })
                .collect();
            let text = tr(lang, key, &args);
            if text == key {
                return Err(Error::new(
                    ErrorKind::InvalidOperation,
                    format!("no message `{key}` in the catalog"),
                ));
            }
            Ok(Value::from(text))
        },
    );
    Ok(env)
}

/// The orders with a page, as templates test them (`id in pages`): a lookup,
/// not a scan of tens of thousands of ids per link.
#[derive(Debug)]
pub struct PageSet(pub std::collections::BTreeSet<String>);

impl minijinja::value::Object for PageSet {
    fn repr(self: &std::sync::Arc<Self>) -> minijinja::value::ObjectRepr {
        minijinja::value::ObjectRepr::Map
    }

    fn get_value(self: &std::sync::Arc<Self>, key: &Value) -> Option<Value> {
        key.as_str()
            .filter(|id| self.0.contains(*id))
            .map(|_| Value::from(true))
    }

    fn enumerate(self: &std::sync::Arc<Self>) -> minijinja::value::Enumerator {
        minijinja::value::Enumerator::NonEnumerable
    }
}

/// A long list a template loops over (the orders page's 24,000 rows at
/// 100,000 orders), each item made a template value only when the loop
/// reaches it, instead of the whole list copied into values up front.
#[derive(Debug)]
pub struct Lazy<T>(pub Vec<T>);

impl<T> minijinja::value::Object for Lazy<T>
where
    T: serde::Serialize + std::fmt::Debug + Send + Sync + 'static,
{
    fn repr(self: &std::sync::Arc<Self>) -> minijinja::value::ObjectRepr {
        minijinja::value::ObjectRepr::Seq
    }

    fn get_value(self: &std::sync::Arc<Self>, key: &Value) -> Option<Value> {
        self.0.get(key.as_usize()?).map(super::v)
    }

    fn enumerate(self: &std::sync::Arc<Self>) -> minijinja::value::Enumerator {
        minijinja::value::Enumerator::Seq(self.0.len())
    }
}
