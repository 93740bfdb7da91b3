//! A sandbox with no compiler on PATH, and the wheel built once for all tests.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

pub(crate) const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The interpreter `python3` names here, by its real path: pyenv's shims and
/// the like need more of the environment than a sandbox keeps.
fn python() -> &'static Path {
    static PYTHON: OnceLock<PathBuf> = OnceLock::new();
    PYTHON.get_or_init(|| {
        let out = Command::new("python3")
            .args(["-c", "import sys; print(sys.executable)"])
            .output()
            .expect("python3 runs");
        assert!(out.status.success(), "python3: {out:?}");
        PathBuf::from(String::from_utf8_lossy(&out.stdout).trim())
    })
}

fn target_dir() -> PathBuf {
    // CARGO_BIN_EXE_ordo is <target>/<profile>/ordo.
    let bin = Path::new(env!("CARGO_BIN_EXE_ordo"));
    bin.parent()
        .and_then(Path::parent)
        .expect("the target folder")
        .to_owned()
}

/// A folder holding the `ordo-ledger` wheel of this build and the setuptools
/// wheel that building the hook's package needs: all pip may read.
/// `ORDO_WHEELHOUSE` names one made elsewhere (a release build's wheels).
pub(crate) fn wheelhouse() -> &'static Path {
    static HOUSE: OnceLock<PathBuf> = OnceLock::new();
    HOUSE.get_or_init(|| {
        if let Some(dir) = std::env::var_os("ORDO_WHEELHOUSE") {
            return PathBuf::from(dir);
        }
        let target = target_dir();
        let house = target.join("install-test-wheelhouse");
        let _ = std::fs::remove_dir_all(&house);
        std::fs::create_dir_all(&house).expect("mkdir");
        let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
        // The dev profile and this target folder: cargo reuses the build the
        // tests run, and only packs it.
        let built = Command::new(python())
            .args([
                "-m",
                "maturin",
                "build",
                "--profile",
                "dev",
                "--locked",
                "--out",
            ])
            .arg(&house)
            .current_dir(manifest.join("python"))
            .env("CARGO_TARGET_DIR", &target)
            .output()
            .expect("maturin runs");
        assert!(
            built.status.success(),
            "maturin build: {}",
            String::from_utf8_lossy(&built.stderr)
        );
        // The setuptools wheel that virtualenv carries, for the hook's package.
        let embed = Command::new(python())
            .args([
                "-c",
                "import pathlib, virtualenv.seed.wheels.embed as e; \
                 print(max(pathlib.Path(e.__file__).parent.glob('setuptools-*.whl'), \
                 key=lambda p: tuple(int(x) for x in p.name.split('-')[1].split('.'))))",
            ])
            .output()
            .expect("python3 runs");
        assert!(embed.status.success(), "virtualenv's setuptools: {embed:?}");
        let setuptools = PathBuf::from(String::from_utf8_lossy(&embed.stdout).trim());
        std::fs::copy(
            &setuptools,
            house.join(setuptools.file_name().expect("name")),
        )
        .expect("copy setuptools");
        house
    })
}

/// A temporary folder, and commands that run with a PATH on which `cargo` and
/// `rustc` only record that they were called.
pub(crate) struct Sandbox {
    pub dir: tempfile::TempDir,
    path: String,
    marker: PathBuf,
}

impl Sandbox {
    pub(crate) fn new() -> Sandbox {
        let house = wheelhouse();
        let dir = tempfile::tempdir().expect("tempdir");
        let fake = dir.path().join("no-compiler");
        std::fs::create_dir(&fake).expect("mkdir");
        let marker = dir.path().join("compiler-called");
        for tool in ["cargo", "rustc", "rustup"] {
            let script = fake.join(tool);
            // pip asks `rustc --version` for its user agent: not a build.
            let harmless = if tool == "rustc" {
                "[ \"$*\" = --version ] && exit 1\n"
            } else {
                ""
            };
            std::fs::write(
                &script,
                format!(
                    "#!/bin/sh\n{harmless}echo \"{tool} $*\" >> '{}'\nexit 1\n",
                    marker.display()
                ),
            )
            .expect("write");
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755))
                .expect("chmod");
        }
        let python_bin = python().parent().expect("python's folder");
        let path = format!(
            "{}:{}:/usr/local/bin:/usr/bin:/bin",
            fake.display(),
            python_bin.display()
        );
        let sandbox = Sandbox { dir, path, marker };
        assert!(house.is_dir());
        sandbox
    }

    pub(crate) fn path(&self) -> &str {
        &self.path
    }

    pub(crate) fn command(&self, program: impl AsRef<std::ffi::OsStr>) -> Command {
        let program = program.as_ref();
        let program = if program == "python3" {
            python().as_os_str()
        } else {
            program
        };
        let mut command = Command::new(program);
        for (key, _) in std::env::vars_os() {
            let key = key.to_string_lossy().into_owned();
            if key.starts_with("GIT_")
                || key.starts_with("PIP_")
                || key.starts_with("CARGO")
                || key.starts_with("RUST")
                || [
                    "CI",
                    "NO_COLOR",
                    "VIRTUAL_ENV",
                    "PYTHONPATH",
                    "PRE_COMMIT_HOME",
                ]
                .contains(&key.as_str())
            {
                command.env_remove(&key);
            }
        }
        command
            .env("PATH", &self.path)
            .env("PIP_NO_INDEX", "1")
            .env("PIP_FIND_LINKS", wheelhouse())
            .env("PIP_DISABLE_PIP_VERSION_CHECK", "1")
            .env("PRE_COMMIT_HOME", self.dir.path().join("pre-commit-home"))
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_AUTHOR_NAME", "Ann")
            .env("GIT_AUTHOR_EMAIL", "ann@test.example")
            .env("GIT_COMMITTER_NAME", "Ann")
            .env("GIT_COMMITTER_EMAIL", "ann@test.example");
        command
    }

    pub(crate) fn git(&self, dir: &Path, args: &[&str]) -> String {
        run(self.command("git").arg("-C").arg(dir).args(args))
    }

    pub(crate) fn git_commit_all(&self, dir: &Path) {
        self.git(dir, &["init", "--quiet", "--initial-branch", "main"]);
        self.git(dir, &["add", "-A"]);
        self.git(dir, &["commit", "--quiet", "-m", "start"]);
    }

    /// A copy of the example ledger, committed to its own repository.
    pub(crate) fn example_ledger(&self) -> PathBuf {
        let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("example-ledger");
        let to = self.dir.path().join("ledger");
        for entry in walkdir::WalkDir::new(&from) {
            let entry = entry.expect("walk");
            let target = to.join(entry.path().strip_prefix(&from).expect("inside"));
            if entry.file_type().is_dir() {
                std::fs::create_dir_all(&target).expect("mkdir");
            } else {
                std::fs::copy(entry.path(), &target).expect("copy");
            }
        }
        self.git_commit_all(&to);
        to
    }

    pub(crate) fn assert_nothing_compiled(&self) {
        let called = std::fs::read_to_string(&self.marker).unwrap_or_default();
        assert!(called.is_empty(), "a compiler was called: {called}");
    }
}

/// Runs a command that must succeed; its standard output.
pub(crate) fn run(command: &mut Command) -> String {
    let out = command.output().expect("the command runs");
    assert!(
        out.status.success(),
        "{command:?}: {}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}
