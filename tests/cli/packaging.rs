//! The ways ordo is installed agree with each other: the pre-commit hook's
//! package asks for this release's wheel, the wheel is this binary, and
//! `cargo binstall` looks for the archives the release workflow makes.

use std::path::Path;

const VERSION: &str = env!("CARGO_PKG_VERSION");

fn toml_file(rel: &str) -> toml::Table {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(rel);
    let text = std::fs::read_to_string(&path).expect("read");
    text.parse().unwrap_or_else(|e| panic!("{rel}: {e}"))
}

#[test]
fn the_hook_package_installs_this_releases_wheel() {
    let hook = toml_file("pyproject.toml");
    assert_eq!(hook["project"]["version"].as_str(), Some(VERSION));
    let wanted = format!("ordo-ledger=={VERSION}");
    let dependencies = hook["project"]["dependencies"].as_array().expect("list");
    assert_eq!(
        dependencies
            .iter()
            .map(|d| d.as_str().expect("text"))
            .collect::<Vec<_>>(),
        vec![wanted.as_str()]
    );

    let wheel = toml_file("python/pyproject.toml");
    assert_eq!(wheel["project"]["name"].as_str(), Some("ordo-ledger"));
    let maturin = wheel["tool"]["maturin"].as_table().expect("[tool.maturin]");
    assert_eq!(maturin["bindings"].as_str(), Some("bin"));
    assert_eq!(maturin["manifest-path"].as_str(), Some("../Cargo.toml"));
    // The wheel's version is Cargo's, never written twice.
    let dynamic = wheel["project"]["dynamic"].as_array().expect("dynamic");
    assert!(dynamic.iter().any(|d| d.as_str() == Some("version")));
}

/// What `cargo binstall` asks for, `pkg-url` with its placeholders filled the
/// way cargo-binstall fills them.
fn binstall_file(target: &str) -> String {
    let cargo = toml_file("Cargo.toml");
    let meta = &cargo["package"]["metadata"]["binstall"];
    let format = meta["overrides"]
        .get(target)
        .and_then(|o| o.get("pkg-fmt"))
        .or(meta.get("pkg-fmt"))
        .and_then(|f| f.as_str())
        .expect("pkg-fmt");
    let suffix = match format {
        "tgz" => ".tar.gz",
        "zip" => ".zip",
        other => panic!("a format the release does not make: {other}"),
    };
    let url = meta["pkg-url"].as_str().expect("pkg-url");
    let file = url
        .replace("{ target }", target)
        .replace("{ version }", VERSION)
        .replace("{ archive-suffix }", suffix);
    file.rsplit('/').next().expect("a name").to_owned()
}

#[test]
fn binstall_finds_every_archive_the_release_makes() {
    let workflow = crate::support::repo_yaml(".github/workflows/release.yml");
    let job = &workflow["jobs"]["binaries"];
    let targets: Vec<&str> = job["strategy"]["matrix"]["include"]
        .as_array()
        .expect("matrix")
        .iter()
        .map(|row| row["target"].as_str().expect("target"))
        .collect();
    for wanted in [
        "x86_64-unknown-linux-musl",
        "aarch64-unknown-linux-musl",
        "x86_64-apple-darwin",
        "aarch64-apple-darwin",
        "x86_64-pc-windows-msvc",
    ] {
        assert!(targets.contains(&wanted), "{wanted} is released");
    }
    let archive = job["steps"]
        .as_array()
        .expect("steps")
        .iter()
        .find(|s| s["name"] == "Archive")
        .and_then(|s| s["run"].as_str())
        .expect("the archive step");
    assert!(archive.contains(r#"dir="ordo-$TARGET""#), "{archive}");
    for target in targets {
        let made = if target.contains("windows") {
            assert!(archive.contains(r#""$dir.zip""#));
            format!("ordo-{target}.zip")
        } else {
            assert!(archive.contains(r#""$dir.tar.gz""#));
            format!("ordo-{target}.tar.gz")
        };
        assert_eq!(binstall_file(target), made, "{target}");
    }
    // The binary sits in a folder named like the archive, as bin-dir says.
    let cargo = toml_file("Cargo.toml");
    assert_eq!(
        cargo["package"]["metadata"]["binstall"]["bin-dir"].as_str(),
        Some("ordo-{ target }/{ bin }{ binary-ext }")
    );
}
