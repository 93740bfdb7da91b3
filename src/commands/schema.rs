//! `ordo schema KIND`: print a JSON Schema (the one the CLI enforces).

use crate::cli::{SchemaArgs, SchemaKind};
use crate::{Failure, exit};
use ordo_core::schema::FileKind;

pub(crate) fn run(args: &SchemaArgs, out: &mut Vec<u8>) -> Result<u8, Failure> {
    let kind = match args.kind {
        SchemaKind::Ordo => FileKind::Config,
        SchemaKind::Customer => FileKind::Customer,
        SchemaKind::Order => FileKind::Order,
    };
    out.extend_from_slice(kind.checked_in().as_bytes());
    Ok(exit::OK)
}
