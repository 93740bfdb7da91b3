#!/usr/bin/env bash
# The install paths of README's "Installing a release", timed on this machine:
# the wheel into a fresh venv, the pre-commit hook's first install, the release
# archive unpacked, and (with --source) a build from source. Needs hyperfine
# (Debian), and maturin, ziglang and pre-commit (PyPI) for python3.
#
#   bash bench/install.sh [--source] [DIR]     # work goes to DIR (default /tmp/ordo-install-bench)
#
# The wheel is built as the release workflow builds it (the `dist` profile,
# manylinux2014 through zig): about 13 minutes on 2 cores the first time.
# Downloads are not timed: pip and the archive read local files.
set -euo pipefail
cd "$(dirname "$0")/.."
source_build=false
if [ "${1:-}" = --source ]; then source_build=true; shift; fi
dir=${1:-/tmp/ordo-install-bench}
repo=$PWD
version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)
mkdir -p "$dir/wheels"

if ! ls "$dir/wheels"/ordo_ledger-"$version"-*manylinux*.whl >/dev/null 2>&1; then
  (cd python && python3 -m maturin build --profile dist --locked --zig \
    --compatibility manylinux2014 --out "$dir/wheels")
fi
python3 -m auditwheel show "$dir"/wheels/ordo_ledger-"$version"-*.whl | tail -n 4 || true
ls -l "$dir"/wheels/
# The hook's package needs setuptools: the one virtualenv carries.
python3 - "$dir/wheels" <<'PY'
import pathlib, shutil, sys, virtualenv.seed.wheels.embed as e
best = max(pathlib.Path(e.__file__).parent.glob("setuptools-*.whl"),
           key=lambda p: tuple(int(x) for x in p.name.split("-")[1].split(".")))
shutil.copy(best, sys.argv[1])
PY
export PIP_NO_INDEX=1 PIP_FIND_LINKS=$dir/wheels PIP_DISABLE_PIP_VERSION_CHECK=1

echo "## the wheel into a fresh venv (venv creation included)"
hyperfine -w 1 -r 5 --prepare "rm -rf $dir/venv" \
  "python3 -m venv $dir/venv && $dir/venv/bin/pip install --quiet ordo-ledger==$version && $dir/venv/bin/ordo --version"

echo "## the pre-commit hook's first install (a fresh PRE_COMMIT_HOME)"
hooks=$dir/hooks
rm -rf "$hooks" "$dir/ledger"
mkdir -p "$hooks"
cp pyproject.toml .pre-commit-hooks.yaml "$hooks/"
git -C "$hooks" init -q && git -C "$hooks" add -A && git -C "$hooks" -c user.name=b -c user.email=b@x commit -qm hooks
git -C "$hooks" tag "v$version"
cp -r example-ledger "$dir/ledger"
printf 'repos:\n  - repo: %s\n    rev: v%s\n    hooks:\n      - id: ordo-validate\n' "$hooks" "$version" \
  > "$dir/ledger/.pre-commit-config.yaml"
git -C "$dir/ledger" init -q && git -C "$dir/ledger" add -A && git -C "$dir/ledger" -c user.name=b -c user.email=b@x commit -qm start
hyperfine -w 0 -r 3 --prepare "rm -rf $dir/pre-commit-home" \
  "cd $dir/ledger && PRE_COMMIT_HOME=$dir/pre-commit-home python3 -m pre_commit install-hooks"

echo "## the release archive: unpack and run"
target=$(rustc -vV | sed -n 's/^host: //p')
bin=$(python3 - "$dir/wheels" "$version" <<'PY'
import pathlib, sys, zipfile
wheel = next(pathlib.Path(sys.argv[1]).glob(f"ordo_ledger-{sys.argv[2]}-*.whl"))
with zipfile.ZipFile(wheel) as z:
    name = next(n for n in z.namelist() if n.endswith(".data/scripts/ordo"))
    out = pathlib.Path(sys.argv[1]).parent / "ordo"
    out.write_bytes(z.read(name))
    print(out)
PY
)
chmod +x "$bin"
mkdir -p "$dir/ordo-$target" && cp "$bin" README.md LICENSE-MIT LICENSE-APACHE "$dir/ordo-$target/"
tar czf "$dir/ordo-$target.tar.gz" -C "$dir" "ordo-$target"
ls -l "$dir/ordo-$target.tar.gz"
hyperfine -w 1 -r 10 --prepare "rm -rf $dir/unpacked && mkdir $dir/unpacked" \
  "tar xzf $dir/ordo-$target.tar.gz -C $dir/unpacked && $dir/unpacked/ordo-$target/ordo --version"

if $source_build; then
  echo "## from source: cargo install into a fresh target folder"
  rm -rf "$dir/source-target" "$dir/source-root"
  /usr/bin/time -f "%e s wall, %U s user" cargo install --locked --quiet --path "$repo" \
    --root "$dir/source-root" --target-dir "$dir/source-target"
fi
