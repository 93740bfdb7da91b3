//! The JSON Schemas under `schema/` are the ones ordo enforces and editors
//! load: they must be exactly what the model's types generate
//! (`UPDATE_SCHEMAS=1 cargo test` rewrites them).

use ordo_core::schema::{FileKind, render};

#[test]
fn checked_in_schemas_match_the_types() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../schema");
    for kind in FileKind::ALL {
        let generated = render(kind);
        let path = dir.join(kind.schema_file());
        if std::env::var_os("UPDATE_SCHEMAS").is_some() {
            std::fs::write(&path, &generated).expect("write schema");
            continue;
        }
        assert_eq!(
            kind.checked_in(),
            generated,
            "{} is out of date: run `UPDATE_SCHEMAS=1 cargo test` and commit it",
            path.display()
        );
    }
}
