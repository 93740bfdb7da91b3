//! The floor `ordo validate` is measured against: read every order file of a
//! ledger and parse it with the YAML crate, on all cores, and nothing else. It
//! uses the same allocator as `ordo` (mimalloc), so the comparison is of the
//! work done, not of the allocators.
//!
//! ```sh
//! cargo run --release --example parse-floor -- /tmp/l100k            # yaml_serde
//! cargo run --release --example parse-floor -- /tmp/l100k --events   # saphyr events only
//! ```

#![allow(clippy::print_stdout)] // a command-line tool: printing is its output

use rayon::prelude::*;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let mut args = std::env::args().skip(1);
    let root = std::path::PathBuf::from(args.next().unwrap_or_else(|| "example-ledger".into()));
    let events = args.next().as_deref() == Some("--events");
    let files = ordo::ledger::files::order_files(&root);
    let parsed: usize = files
        .par_iter()
        .map(|f| {
            let Ok(text) = std::fs::read_to_string(root.join(&f.rel)) else {
                return 0;
            };
            if events {
                saphyr_parser::Parser::new_from_str(&text).count()
            } else {
                usize::from(yaml_serde::from_str::<serde_json::Value>(&text).is_ok())
            }
        })
        .sum();
    println!("{} files, {parsed} parsed", files.len());
}
