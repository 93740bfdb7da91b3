#![allow(clippy::print_stdout)]
use rayon::prelude::*;
use std::time::Instant;
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
fn main() {
    let root = std::path::PathBuf::from(std::env::args().nth(1).expect("root"));
    let files = ordo::ledger::files::order_files(&root);
    for _ in 0..3 {
        let t = Instant::now();
        let n = files
            .par_iter()
            .filter(|f| {
                let Ok(text) = std::fs::read_to_string(root.join(&f.rel)) else {
                    return false;
                };
                yaml_serde::from_str::<serde_json::Value>(&text).is_ok()
            })
            .count();
        println!("floor {:?} {n}", t.elapsed());
        let t = Instant::now();
        let n = files
            .par_iter()
            .filter(|f| {
                let read = ordo::ledger::source::read_source(&root, &f.rel);
                let Some(s) = read.usable() else { return false };
                let mut fs = Vec::new();
                ordo_core::document::load::<ordo_core::model::Order>(
                    &f.rel,
                    &s.text,
                    ordo_core::schema::FileKind::Order,
                    &mut fs,
                )
                .is_some()
            })
            .count();
        println!("read+decode {:?} {n}", t.elapsed());
        let _ = std::fs::remove_dir_all(root.join(".ordo"));
        let t = Instant::now();
        let o = ordo::validate::validate(&root, &ordo::validate::Selection::All, None, |tz| {
            chrono::TimeZone::with_ymd_and_hms(&tz, 2026, 11, 20, 12, 0, 0)
                .single()
                .expect("now")
        })
        .expect("ok");
        println!("validate {:?} {}", t.elapsed(), o.orders);
    }
}
