//! Decodes a YAML text straight into a typed value from saphyr's events, with no
//! `serde_json::Value` in between: the fast path for the many clean order files.
//!
//! It refuses everything [`parse`](super::parse) refuses (aliases, tags, a second
//! document, complex keys, duplicate keys, deep nesting) and, inside structs,
//! every key the struct does not have except `x-` keys, which it skips, as the
//! closed schemas do. Scalars resolve as in the value builder ([`Scalar`]) and
//! reach the visitor as `serde_json::Value` would hand them over, so a file that
//! decodes here decodes to the same value there. A refusal carries no position:
//! the caller reads the file again through the located path to explain it.

use std::borrow::Cow;
use std::fmt;

use saphyr_parser::{Event, Parser, ScalarStyle, StrInput, Tag};
use serde::de::{self, DeserializeOwned, DeserializeSeed, IntoDeserializer, MapAccess, SeqAccess};

use super::MAX_DEPTH;
use super::scalar::Scalar;

/// Why a text could not be decoded directly; the located path says where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused(pub String);

impl fmt::Display for Refused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Refused {}

impl de::Error for Refused {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Refused(msg.to_string())
    }
}

fn refuse<T>(why: &str) -> Result<T, Refused> {
    Err(Refused(why.to_owned()))
}

/// Decodes one YAML document into `T`.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, Refused> {
    let mut events = Events {
        parser: Parser::new_from_str(text),
        peeked: None,
        depth: 0,
        keys: Vec::new(),
    };
    match events.next()? {
        Event::StreamStart => {}
        _ => return refuse("no stream start"),
    }
    match events.next()? {
        Event::DocumentStart(_) => {}
        _ => return refuse("an empty document"),
    }
    let value = T::deserialize(&mut events)?;
    // What follows the document: its end, then the stream's, and nothing else
    // (a second document, or a syntax error further on, is the slow path's to explain).
    loop {
        match events.next()? {
            Event::DocumentEnd => {}
            Event::StreamEnd => return Ok(value),
            _ => return refuse("more than one document"),
        }
    }
}

struct Events<'de> {
    parser: Parser<'de, StrInput<'de>>,
    peeked: Option<Event<'de>>,
    depth: usize,
    /// The keys of the open mappings, innermost last, to catch duplicates
    /// without a list per mapping.
    keys: Vec<Cow<'de, str>>,
}

impl<'de> Events<'de> {
    fn next(&mut self) -> Result<Event<'de>, Refused> {
        if let Some(event) = self.peeked.take() {
            return Ok(event);
        }
        match self.parser.next() {
            Some(Ok((event, _))) => Ok(event),
            Some(Err(error)) => Err(Refused(error.info().to_owned())),
            None => refuse("the text ended early"),
        }
    }

    fn peek(&mut self) -> Result<&Event<'de>, Refused> {
        if self.peeked.is_none() {
            self.peeked = Some(self.next()?);
        }
        match &self.peeked {
            Some(event) => Ok(event),
            None => refuse("the text ended early"),
        }
    }

    /// Enters a collection, refusing tags and nesting past the value builder's limit.
    fn enter(&mut self, tagged: bool) -> Result<(), Refused> {
        if tagged {
            return refuse("a tag");
        }
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return refuse("nesting too deep");
        }
        Ok(())
    }

    /// Reads past one whole node (an `x-` key's value), checking it as the value
    /// builder would.
    fn skip(&mut self) -> Result<(), Refused> {
        let start = self.depth;
        loop {
            match self.next()? {
                Event::Scalar(text, style, _, tag) => {
                    Resolved::of(text, style, tag.as_deref())?;
                }
                Event::SequenceStart(_, tag) => self.enter(tag.is_some())?,
                Event::MappingStart(_, tag) => {
                    self.enter(tag.is_some())?;
                    self.skip_mapping_entries()?;
                }
                Event::SequenceEnd => self.depth -= 1,
                _ => return refuse("an alias or a broken node"),
            }
            if self.depth == start {
                return Ok(());
            }
        }
    }

    /// Skips a mapping's entries up to and including its end, refusing complex and
    /// duplicate keys.
    fn skip_mapping_entries(&mut self) -> Result<(), Refused> {
        let start = self.keys.len();
        loop {
            match self.next()? {
                Event::MappingEnd => {
                    self.depth -= 1;
                    self.keys.truncate(start);
                    return Ok(());
                }
                Event::Scalar(key, ..) => {
                    self.add_key(start, key)?;
                    self.skip()?;
                }
                _ => return refuse("a complex key"),
            }
        }
    }

    /// Records a key of the mapping whose keys start at `start`.
    fn add_key(&mut self, start: usize, key: Cow<'de, str>) -> Result<(), Refused> {
        if self.keys[start..].contains(&key) {
            return refuse("a duplicate key");
        }
        self.keys.push(key);
        Ok(())
    }
}

impl<'de> de::Deserializer<'de> for &mut Events<'de> {
    type Error = Refused;

    fn deserialize_any<V: de::Visitor<'de>>(self, visitor: V) -> Result<V::Value, Refused> {
        match self.next()? {
            Event::Scalar(text, style, _, tag) => {
                Resolved::of(text, style, tag.as_deref())?.deserialize_any(visitor)
            }
            Event::SequenceStart(_, tag) => {
                self.enter(tag.is_some())?;
                visitor.visit_seq(Sequence { events: self })
            }
            Event::MappingStart(_, tag) => {
                self.enter(tag.is_some())?;
                visitor.visit_map(Mapping::new(self, None))
            }
            _ => refuse("an alias or a broken node"),
        }
    }

    fn deserialize_option<V: de::Visitor<'de>>(self, visitor: V) -> Result<V::Value, Refused> {
        match self.next()? {
            Event::Scalar(text, style, _, tag) => {
                Resolved::of(text, style, tag.as_deref())?.deserialize_option(visitor)
            }
            event => {
                self.peeked = Some(event);
                visitor.visit_some(self)
            }
        }
    }

    fn deserialize_struct<V: de::Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Refused> {
        match self.next()? {
            Event::MappingStart(_, tag) => {
                self.enter(tag.is_some())?;
                visitor.visit_map(Mapping::new(self, Some(fields)))
            }
            _ => refuse("expected a mapping"),
        }
    }

    fn deserialize_enum<V: de::Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Refused> {
        match self.next()? {
            Event::Scalar(text, style, _, tag) => {
                Resolved::of(text, style, tag.as_deref())?.deserialize_enum(name, variants, visitor)
            }
            _ => refuse("expected a string"),
        }
    }

    fn deserialize_newtype_struct<V: de::Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Refused> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_ignored_any<V: de::Visitor<'de>>(self, visitor: V) -> Result<V::Value, Refused> {
        self.skip()?;
        visitor.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct seq tuple tuple_struct map identifier
    }
}

/// A scalar resolved once, handed to visitors the way `serde_json::Value` does.
struct Resolved<'de>(Scalar<'de>);

impl<'de> Resolved<'de> {
    fn of(text: Cow<'de, str>, style: ScalarStyle, tag: Option<&Tag>) -> Result<Self, Refused> {
        Scalar::resolve(text, style, tag)
            .map(Resolved)
            .map_err(|_| Refused("a tag".into()))
    }
}

impl<'de> de::Deserializer<'de> for Resolved<'de> {
    type Error = Refused;

    fn deserialize_any<V: de::Visitor<'de>>(self, visitor: V) -> Result<V::Value, Refused> {
        visit_scalar(self.0, visitor)
    }

    fn deserialize_option<V: de::Visitor<'de>>(self, visitor: V) -> Result<V::Value, Refused> {
        match self.0 {
            Scalar::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_enum<V: de::Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Refused> {
        // The model's vocabularies are unit variants, written as strings.
        match self.0 {
            Scalar::Str(text) => visitor.visit_enum(text.into_deserializer()),
            _ => refuse("expected a string"),
        }
    }

    fn deserialize_newtype_struct<V: de::Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Refused> {
        visitor.visit_newtype_struct(self)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct seq tuple tuple_struct map struct identifier
        ignored_any
    }
}

fn visit_scalar<'de, V: de::Visitor<'de>>(
    scalar: Scalar<'de>,
    visitor: V,
) -> Result<V::Value, Refused> {
    match scalar {
        Scalar::Null => visitor.visit_unit(),
        Scalar::Bool(b) => visitor.visit_bool(b),
        Scalar::Number(n) => match (n.as_u64(), n.as_i64(), n.as_f64()) {
            (Some(u), _, _) => visitor.visit_u64(u),
            (None, Some(i), _) => visitor.visit_i64(i),
            (None, None, Some(f)) => visitor.visit_f64(f),
            (None, None, None) => refuse("a number out of range"),
        },
        Scalar::Str(Cow::Borrowed(s)) => visitor.visit_borrowed_str(s),
        Scalar::Str(Cow::Owned(s)) => visitor.visit_string(s),
    }
}

struct Sequence<'a, 'de> {
    events: &'a mut Events<'de>,
}

impl<'de> SeqAccess<'de> for Sequence<'_, 'de> {
    type Error = Refused;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Refused> {
        if matches!(self.events.peek()?, Event::SequenceEnd) {
            self.events.peeked = None;
            self.events.depth -= 1;
            return Ok(None);
        }
        seed.deserialize(&mut *self.events).map(Some)
    }
}

struct Mapping<'a, 'de> {
    events: &'a mut Events<'de>,
    /// A struct's fields: other keys are refused, `x-` keys skipped.
    fields: Option<&'static [&'static str]>,
    /// Where this mapping's keys start in `events.keys`.
    start: usize,
    /// The struct fields seen so far, by index: a duplicate is found without
    /// comparing keys (other keys go on the stack).
    seen: u64,
}

impl<'a, 'de> Mapping<'a, 'de> {
    fn new(events: &'a mut Events<'de>, fields: Option<&'static [&'static str]>) -> Self {
        let start = events.keys.len();
        Mapping {
            events,
            fields,
            start,
            seen: 0,
        }
    }
}

impl<'de> Mapping<'_, 'de> {
    /// Hands over a key checked for duplicates on the stack.
    fn stacked<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
        key: Cow<'de, str>,
    ) -> Result<K::Value, Refused> {
        self.events.add_key(self.start, key)?;
        let key = self.events.keys.last().map_or("", |k| k.as_ref());
        seed.deserialize(de::value::StrDeserializer::<Refused>::new(key))
    }
}

impl<'de> MapAccess<'de> for Mapping<'_, 'de> {
    type Error = Refused;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Refused> {
        loop {
            let key = match self.events.next()? {
                Event::MappingEnd => {
                    self.events.depth -= 1;
                    self.events.keys.truncate(self.start);
                    return Ok(None);
                }
                // A key is its text as written, whatever its tag or style.
                Event::Scalar(key, ..) => key,
                _ => return refuse("a complex key"),
            };
            let Some(fields) = self.fields else {
                return self.stacked(seed, key).map(Some);
            };
            match fields.iter().position(|f| *f == key.as_ref()) {
                Some(index) if index < 64 => {
                    if self.seen & (1 << index) != 0 {
                        return refuse("a duplicate key");
                    }
                    self.seen |= 1 << index;
                    return seed
                        .deserialize(de::value::StrDeserializer::<Refused>::new(fields[index]))
                        .map(Some);
                }
                Some(_) => return self.stacked(seed, key).map(Some),
                None if key.starts_with("x-") => {
                    self.events.add_key(self.start, key)?;
                    self.events.skip()?;
                }
                None => return Err(Refused(format!("unknown key `{key}`"))),
            }
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Refused> {
        seed.deserialize(&mut *self.events)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use serde::Deserialize;
    use serde_json::{Value, json};

    use super::*;

    #[derive(Debug, Deserialize, PartialEq)]
    struct Shape {
        name: String,
        #[serde(default)]
        count: Option<u8>,
        #[serde(default)]
        tags: Vec<String>,
        #[serde(default)]
        dates: BTreeMap<String, String>,
    }

    #[test]
    fn scalars_reach_visitors_as_from_the_value_builder() {
        let text = "a: no\nb: true\nc: 1.10\nd: 2026-05-01\ne:\nf: '12'\ng: 0x1F\nh: -3\ni: .inf\nj: 1e3\nk: [1, {x: y}]\n";
        let direct: Value = from_str(text).expect("decodes");
        assert_eq!(direct, super::super::parse(text).expect("parses"));
        assert_eq!(direct["k"], json!([1, {"x": "y"}]));
    }

    #[test]
    fn structs_skip_x_keys_and_refuse_unknown_ones() {
        let shape: Shape =
            from_str("name: a\nx-erp: {id: [1, 2]}\ncount: 3\n").expect("x- keys are skipped");
        assert_eq!(shape.name, "a");
        assert_eq!(shape.count, Some(3));
        let error = from_str::<Shape>("name: a\ncuont: 3\n").expect_err("typo");
        assert_eq!(error.0, "unknown key `cuont`");
        // In a map an `x-` key is an entry like any other.
        let shape: Shape = from_str("name: a\ndates: {x-a: b}\n").expect("map");
        assert_eq!(shape.dates.get("x-a").map(String::as_str), Some("b"));
    }

    #[test]
    fn refuses_what_the_value_builder_refuses() {
        for text in [
            "name: a\nname: b\n",
            "name: a\ndates: {k: a, k: b}\n",
            "name: a\nx-a: 1\nx-a: 2\n",
            "name: a\nx-a: {k: 1, k: 2}\n",
            "name: &n a\ncount: *n\n",
            "name: !custom a\n",
            "name: a\ntags: !!set [a]\n",
            "name: a\n---\nname: b\n",
            "name: a\n? [k]\n: v\n",
            "name: a\ntags: [a\n",
            "",
        ] {
            assert!(from_str::<Shape>(text).is_err(), "{text:?} was accepted");
        }
        let deep = format!("name: a\nx-deep: {}1{}\n", "[".repeat(100), "]".repeat(100));
        assert!(from_str::<Shape>(&deep).is_err());
    }

    #[test]
    fn types_are_as_strict_as_json() {
        assert!(from_str::<Shape>("name: 12\n").is_err());
        assert!(from_str::<Shape>("name: '12'\n").is_ok());
        assert!(from_str::<Shape>("name: a\ncount: 300\n").is_err());
        assert!(from_str::<Shape>("name: a\ncount: 1.0\n").is_err());
        assert_eq!(
            from_str::<Shape>("name: a\ncount: ~\n")
                .expect("null")
                .count,
            None
        );
        assert!(from_str::<Shape>("name: a\ntags: null\n").is_err());
        assert!(from_str::<Shape>("name: a\ntags: [1]\n").is_err());
        assert!(from_str::<Shape>("- name: a\n").is_err());
    }
}
