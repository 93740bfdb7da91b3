//! Reading YAML with positions. Ledger files are parsed from saphyr's event stream
//! rather than through a serde YAML crate because the events carry a position for
//! every key and value and expose aliases and duplicate keys, which serde hides.
//! That lets one parse both build the value and refuse what ledger files never need
//! (aliases, tags, several documents), so alias bombs and deep nesting stay bounded.
//! Clean files skip the value altogether: [`from_str`] decodes them straight from
//! the events, under the same refusals.

mod de;
mod load;
mod locate;
mod route;
mod scalar;
mod text;

pub use de::{Refused, from_str};
pub use load::{MAX_DEPTH, YamlError, parse};
pub use locate::{Located, locate, locate_all};
pub use route::{Route, Seg};
pub use text::{LineIndex, Span, is_conflict_marker};
