#!/usr/bin/env bash
# How ordo grows with the ledger: every row of the "million orders" table of
# BENCHMARKS.md, each figure paired with its baseline in the same run, at each
# size given (default 100000 300000 1000000). Benchmark only, never CI: at
# 1,000,000 orders the ledger is 4.3 GB of small files, and generating it and
# `git add` take minutes; the whole run takes about an hour on 2 cores.
#
#   bash bench/million.sh [DIR] [SIZE...]   # ledgers in DIR (default /tmp/ordo-bench)
#
# Each ledger is a git repository (DIR/gSIZE, `.ordo/` ignored), as a team's is.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-/tmp/ordo-bench}
shift || true
sizes=${*:-100000 300000 1000000}
mkdir -p "$dir"
cargo build --release --quiet --bin ordo --examples
ordo=$PWD/target/release/ordo
floor=$PWD/target/release/examples/parse-floor
gen=$PWD/target/release/examples/gen-ledger
asof=2026-11-20
# Wall seconds and peak KB of one run of a command.
timed() { /usr/bin/time -o "$dir/.time" -f '%e %M' "$@" > /dev/null 2>&1 || true; tail -1 "$dir/.time"; }
# Median wall seconds of five runs (after one unmeasured).
median() {
  "$@" > /dev/null 2>&1 || true
  for _ in 1 2 3 4 5; do
    /usr/bin/time -o "$dir/.time" -f %e "$@" > /dev/null 2>&1 || true
    tail -1 "$dir/.time"
  done | sort -n | sed -n 3p
}
for n in $sizes; do
  l=$dir/g$n
  if [ ! -d "$l/.git" ]; then
    rm -rf "$l"
    echo "generating $n orders into $l: $(timed "$gen" --orders "$n" --seed 1 --out "$l") (s, peak KB)"
    printf '.ordo/\n' > "$l/.gitignore"
    git -C "$l" init --quiet
    # No packing in the background while the figures are taken.
    git -C "$l" config gc.auto 0
    git -C "$l" config maintenance.auto false
    echo "git add: $(timed git -C "$l" add -A) (s, peak KB)"
    git -C "$l" -c user.name=bench -c user.email=bench@example.com commit --quiet -m ledger
  fi
  echo "## $n orders ($(date -u +%FT%TZ), $(git rev-parse --short HEAD))"
  "$floor" "$l" > /dev/null
  echo "# cold validate against the parse floor (3 alternating pairs: validate s, floor s)"
  for _ in 1 2 3; do
    rm -rf "$l/.ordo"
    a=$(timed "$ordo" -C "$l" validate --as-of $asof)
    b=$(timed "$floor" "$l")
    echo "validate ${a%% *} (peak ${a##* } KB), floor ${b%% *}"
  done
  # Benchmarks measure clean ledgers, at every size (credit limits are met
  # only while a customer's orders stay few enough).
  if ! "$ordo" -C "$l" validate --as-of $asof > /dev/null; then
    echo "the generated ledger of $n orders has errors (ordo -C $l validate): update examples/gen-ledger.rs" >&2
    exit 1
  fi
  echo "# the warm runs (median of 5, wall s)"
  echo "validate: $(median "$ordo" -C "$l" validate --as-of $asof)"
  echo "overdue: $(median "$ordo" -C "$l" overdue --as-of $asof)"
  echo "overdue --format json (stamps its commit): $(median "$ordo" -C "$l" overdue --as-of $asof --format json)"
  echo "list: $(median "$ordo" -C "$l" list --as-of $asof)"
  echo "git status --porcelain: $(median git -C "$l" status --porcelain)"
  mv "$l/.git" "$l/.git-aside"
  echo "overdue, .git moved aside: $(median "$ordo" -C "$l" overdue --as-of $asof)"
  mv "$l/.git-aside" "$l/.git"
  echo "# the pre-commit hook: 10 orders changed and staged"
  # (awk reads to the end: `head` would stop git early, and pipefail the run)
  files=$(cd "$l" && git ls-files orders | awk 'NR % 997 == 1 && n < 10 { print; n++ }')
  for f in $files; do printf '# touched\n' >> "$l/$f"; done
  (cd "$l" && git add -- $files)
  echo "validate --since HEAD FILES (the hook): $(median "$ordo" -C "$l" validate --as-of $asof --since HEAD $files)"
  echo "validate FILES: $(median "$ordo" -C "$l" validate --as-of $asof $files)"
  (cd "$l" && git reset --quiet && git checkout --quiet -- $files)
  echo "# JSON Lines export against a cold validate (2 alternating pairs: export s, validate s)"
  for _ in 1 2; do
    rm -rf "$l/.ordo" "$dir/export$n"
    a=$(timed "$ordo" -C "$l" export --as-of $asof --format jsonl -o "$dir/export$n")
    rm -rf "$l/.ordo"
    b=$(timed "$ordo" -C "$l" validate --as-of $asof)
    echo "export ${a%% *} (peak ${a##* } KB), validate ${b%% *}"
  done
  echo "# peak memory (wall s, peak KB), warm"
  echo "validate: $(timed "$ordo" -C "$l" validate --as-of $asof)"
  echo "calendar -o: $(timed "$ordo" -C "$l" calendar --as-of $asof -o "$dir/g$n.ics")"
  rm -rf "$dir/site$n"
  echo "site: $(timed "$ordo" -C "$l" site --as-of $asof -o "$dir/site$n")"
done
