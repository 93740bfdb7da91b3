#!/usr/bin/env bash
# A CI job's daily run at 100,000 orders: a fresh clone of the ledger with the
# `.ordo/` cache of an earlier run restored into it (as actions/cache or
# GitLab's cache: restore it), then `validate` and `overdue`.
#
#   bash bench/fresh-clone.sh [DIR]   # ledgers in DIR (default /tmp/ordo-bench)
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-/tmp/ordo-bench}
cargo build --release --quiet --bin ordo --examples
ordo=$PWD/target/release/ordo
src=$dir/l100000
[ -f "$src/ordo.yaml" ] || ./target/release/examples/gen-ledger --orders 100000 --seed 1 --out "$src"
repo=$dir/git100000
if [ ! -d "$repo/.git" ]; then
  rm -rf "$repo"
  cp -r "$src" "$repo"
  rm -rf "$repo/.ordo"
  printf '.ordo/\n' > "$repo/.gitignore"
  git -C "$repo" init --quiet
  git -C "$repo" add -A
  git -C "$repo" -c user.name=bench -c user.email=bench@example.com commit --quiet -m ledger
fi
asof=2026-11-20
# Yesterday's job: a clone that ran once and left its cache.
rm -rf "$dir/day1" "$dir/day2" "$dir/saved-ordo"
git clone --quiet "$repo" "$dir/day1"
"$ordo" -C "$dir/day1" validate --as-of $asof > /dev/null || true
"$ordo" -C "$dir/day1" overdue --as-of $asof > /dev/null
cp -r "$dir/day1/.ordo" "$dir/saved-ordo"
# Today's job: a fresh clone, the cache restored.
git clone --quiet "$repo" "$dir/day2"
cp -r "$dir/saved-ordo" "$dir/day2/.ordo"
echo "## fresh clone, cache restored, 100k orders (wall s, CPU user s, system s, peak KB)"
for cmd in validate overdue validate overdue; do
  echo "$cmd: $( { /usr/bin/time -f '%e %U %S %M' "$ordo" -C "$dir/day2" $cmd --as-of $asof > /dev/null; } 2>&1 | tail -1)"
done
# Later runs: the first run restamped what it found by git blob id, so the
# fresh clone's warm runs should match the clone that made the cache.
echo "## later runs: the fresh clone (day2) against the clone that made the cache (day1)"
"$ordo" -C "$dir/day1" validate --as-of $asof > /dev/null || true
hyperfine -N -w 1 -r 10 \
  -n "validate, day1 (made the cache)" "$ordo -C $dir/day1 validate --as-of $asof" \
  -n "validate, day2 (fresh clone, cache restored)" "$ordo -C $dir/day2 validate --as-of $asof"
hyperfine -N -w 1 -r 10 \
  -n "overdue, day1 (made the cache)" "$ordo -C $dir/day1 overdue --as-of $asof" \
  -n "overdue, day2 (fresh clone, cache restored)" "$ordo -C $dir/day2 overdue --as-of $asof"
echo "## the same clone without the cache (cold)"
rm -rf "$dir/day2/.ordo"
echo "validate: $( { /usr/bin/time -f '%e %U %S %M' "$ordo" -C "$dir/day2" validate --as-of $asof > /dev/null; } 2>&1 | tail -1)"
