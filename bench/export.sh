#!/usr/bin/env bash
# The export and the report commands at 100,000 orders: cold `export -o DIR`
# in each format against a cold `validate` (alternating pairs, as the load of a
# shared machine drifts), and the peak memory of every report command.
#
#   bash bench/export.sh [DIR]     # ledgers in DIR (default /tmp/ordo-bench)
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-/tmp/ordo-bench}
mkdir -p "$dir"
cargo build --release --quiet --bin ordo --examples
ordo=$PWD/target/release/ordo
l=$dir/l100000
[ -f "$l/ordo.yaml" ] || ./target/release/examples/gen-ledger --orders 100000 --seed 1 --out "$l"
asof=2026-11-20
out=$dir/export
# wall s, CPU s (user + system), peak KB of one run with no cache.
run() { rm -rf "$l/.ordo"; /usr/bin/time -f "%e %U %S %M" "$ordo" -C "$l" --as-of $asof "$@" 2>&1 >/dev/null | tail -1; }
for format in parquet jsonl csv; do
  echo "## cold export --format $format against cold validate, 100k orders, 3 alternating pairs"
  for i in 1 2 3; do
    rm -rf "$out"
    e=$(run export -o "$out" --format "$format")
    v=$(run validate)
    echo "$e $v"
  done | awk '{ printf "export %s s (CPU %.1f s, %d MB), validate %s s (CPU %.1f s), ratio %.2f\n", $1, $2 + $3, $4 / 1024, $5, $6 + $7, $1 / $5; e += $1; v += $5 }
    END { printf "total: export %.2f s, validate %.2f s, ratio %.2f\n", e, v, e / v }'
  du -sh "$out"
done
echo "## peak memory, 100k orders, no cache (wall s, CPU user s, system s, peak KB)"
for cmd in "validate" "overdue" "upcoming" "list" "sla" "sla --detail" "monthly" "calendar" "export --table steps"; do
  # shellcheck disable=SC2086
  echo "$cmd: $(run $cmd)"
done
