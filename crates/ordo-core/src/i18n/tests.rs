use std::collections::{BTreeMap, BTreeSet};

use fluent_bundle::FluentResource;
use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};

use super::*;

#[test]
fn both_catalogs_parse() {
    for lang in Lang::ALL {
        assert_eq!(parse_errors(lang), Vec::<String>::new(), "{lang}");
    }
}

#[test]
fn no_message_is_missing_in_either_language() {
    let en: BTreeSet<String> = keys(Lang::En).into_iter().collect();
    let zh: BTreeSet<String> = keys(Lang::ZhCn).into_iter().collect();
    assert!(en.len() > 100, "{} messages", en.len());
    let only_en: Vec<&String> = en.difference(&zh).collect();
    let only_zh: Vec<&String> = zh.difference(&en).collect();
    assert!(only_en.is_empty(), "missing in zh-CN: {only_en:?}");
    assert!(only_zh.is_empty(), "missing in en: {only_zh:?}");
}

/// The variables each message uses: a translation that drops one loses a fact.
fn variables(lang: Lang) -> BTreeMap<String, BTreeSet<String>> {
    let resource = FluentResource::try_new(SOURCES[lang as usize].to_owned())
        .unwrap_or_else(|(partial, _)| partial);
    let mut out = BTreeMap::new();
    for entry in resource.entries() {
        if let Entry::Message(message) = entry {
            let mut found = BTreeSet::new();
            if let Some(value) = &message.value {
                pattern(value, &mut found);
            }
            out.insert(message.id.name.to_owned(), found);
        }
    }
    out
}

fn pattern(p: &Pattern<&str>, found: &mut BTreeSet<String>) {
    for element in &p.elements {
        if let PatternElement::Placeable { expression } = element {
            expr(expression, found);
        }
    }
}

fn expr(e: &Expression<&str>, found: &mut BTreeSet<String>) {
    match e {
        Expression::Inline(inline) => inline_expr(inline, found),
        Expression::Select { selector, variants } => {
            inline_expr(selector, found);
            for variant in variants {
                pattern(&variant.value, found);
            }
        }
    }
}

fn inline_expr(e: &InlineExpression<&str>, found: &mut BTreeSet<String>) {
    match e {
        InlineExpression::VariableReference { id } => {
            found.insert(id.name.to_owned());
        }
        InlineExpression::Placeable { expression } => expr(expression, found),
        _ => {}
    }
}

#[test]
fn translations_use_the_same_arguments() {
    let en = variables(Lang::En);
    let zh = variables(Lang::ZhCn);
    for (key, vars) in &en {
        if let Some(theirs) = zh.get(key) {
            assert_eq!(vars, theirs, "{key}");
        }
    }
}

#[test]
fn messages_format_with_their_arguments_and_fall_back_to_english() {
    assert_eq!(
        tr(Lang::En, "basis-forecast", &[("through", "ORD-13".into())]),
        "forecast (via ORD-13)"
    );
    assert_eq!(
        tr(
            Lang::ZhCn,
            "basis-forecast",
            &[("through", "ORD-13".into())]
        ),
        "预测(经 ORD-13)"
    );
    assert_eq!(heading(Lang::En, "days_late"), "days late");
    assert_eq!(t(Lang::ZhCn, "no-such-message"), "no-such-message");
}
