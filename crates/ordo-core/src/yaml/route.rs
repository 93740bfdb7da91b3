//! A path into a YAML document (`steps.ORD-02.by`, `lines[1].qty`): how findings
//! name a place before a renderer turns it into a line and column.

use std::fmt;

/// One step of a [`Route`]: a mapping key or a sequence index.
#[derive(
    Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum Seg {
    Key(String),
    Index(usize),
}

/// A path from the document root to a node.
#[derive(
    Debug,
    Clone,
    Default,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    serde::Serialize,
    serde::Deserialize,
)]
pub struct Route(pub Vec<Seg>);

impl Route {
    pub fn root() -> Self {
        Route(Vec::new())
    }

    /// Builds a route from dotted keys, e.g. `Route::keys(&["steps", "ORD-02", "by"])`.
    pub fn keys(keys: &[&str]) -> Self {
        Route(keys.iter().map(|k| Seg::Key((*k).to_owned())).collect())
    }

    pub fn key(mut self, key: impl Into<String>) -> Self {
        self.0.push(Seg::Key(key.into()));
        self
    }

    pub fn index(mut self, index: usize) -> Self {
        self.0.push(Seg::Index(index));
        self
    }

    pub fn parent(&self) -> Option<Route> {
        let mut segs = self.0.clone();
        segs.pop()?;
        Some(Route(segs))
    }

    pub fn is_root(&self) -> bool {
        self.0.is_empty()
    }

    /// Builds a route from a JSON pointer (`/lines/1/qty`), using the value to tell
    /// a numeric mapping key from a sequence index.
    pub fn from_pointer(pointer: &str, value: &serde_json::Value) -> Self {
        let mut segs = Vec::new();
        let mut node = Some(value);
        for raw in pointer.split('/').skip(1) {
            let key = raw.replace("~1", "/").replace("~0", "~");
            match node {
                Some(serde_json::Value::Array(items)) => {
                    let index = key.parse::<usize>().unwrap_or(usize::MAX);
                    node = items.get(index);
                    segs.push(Seg::Index(index));
                }
                Some(serde_json::Value::Object(map)) => {
                    node = map.get(&key);
                    segs.push(Seg::Key(key));
                }
                _ => {
                    node = None;
                    segs.push(Seg::Key(key));
                }
            }
        }
        Route(segs)
    }
}

impl fmt::Display for Route {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut first = true;
        for seg in &self.0 {
            match seg {
                Seg::Key(k) => {
                    if !first {
                        f.write_str(".")?;
                    }
                    f.write_str(k)?;
                }
                Seg::Index(i) => write!(f, "[{i}]")?,
            }
            first = false;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn pointer_uses_the_value_to_tell_indexes_from_keys() {
        let value = json!({"lines": [{"qty": 1}], "steps": {"1": {"by": "x"}}});
        assert_eq!(
            Route::from_pointer("/lines/0/qty", &value),
            Route::root().key("lines").index(0).key("qty")
        );
        assert_eq!(
            Route::from_pointer("/steps/1/by", &value),
            Route::keys(&["steps", "1", "by"])
        );
    }

    #[test]
    fn displays_dotted_with_indexes() {
        let route = Route::root().key("lines").index(2).key("qty");
        assert_eq!(route.to_string(), "lines[2].qty");
    }
}
