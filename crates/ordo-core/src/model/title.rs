//! A title in `ordo.yaml`: one text for every language, or one per language
//! (`title: {en: Goods shipped, zh-CN: 已发货}`).

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::i18n::Lang;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Title {
    Plain(String),
    ByLang(BTreeMap<Lang, String>),
}

impl Title {
    /// The text in `lang`: its own, else the English one, else the first given.
    pub fn get(&self, lang: Lang) -> &str {
        match self {
            Title::Plain(text) => text,
            Title::ByLang(texts) => texts
                .get(&lang)
                .or_else(|| texts.get(&Lang::En))
                .or_else(|| texts.values().next())
                .map_or("", String::as_str),
        }
    }
}

impl Default for Title {
    fn default() -> Self {
        Title::Plain(String::new())
    }
}

impl From<&str> for Title {
    fn from(text: &str) -> Self {
        Title::Plain(text.to_owned())
    }
}

/// The English text (or the only one), for messages that are not translated.
impl std::fmt::Display for Title {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.get(Lang::En))
    }
}

impl JsonSchema for Title {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Title".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "title": "Title",
            "description": "One text for every language, or a text per language (en, zh-CN); a language without its own text shows the English one.",
            "anyOf": [
                {"type": "string"},
                {
                    "type": "object",
                    "properties": {"en": {"type": "string"}, "zh-CN": {"type": "string"}},
                    "additionalProperties": false,
                    "minProperties": 1
                }
            ],
            "examples": ["Goods shipped", {"en": "Goods shipped", "zh-CN": "已发货"}]
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_title_falls_back_to_english_then_to_the_first_text() {
        let both: Title =
            serde_json::from_str(r#"{"en": "Shipped", "zh-CN": "已发货"}"#).expect("title");
        assert_eq!(both.get(Lang::ZhCn), "已发货");
        assert_eq!(both.get(Lang::En), "Shipped");
        let zh_only: Title = serde_json::from_str(r#"{"zh-CN": "已发货"}"#).expect("title");
        assert_eq!(zh_only.get(Lang::En), "已发货");
        let plain: Title = serde_json::from_str(r#""Shipped""#).expect("title");
        assert_eq!(plain.get(Lang::ZhCn), "Shipped");
        assert_eq!(plain.to_string(), "Shipped");
    }
}
