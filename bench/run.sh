#!/usr/bin/env bash
# Reproduces BENCHMARKS.md: generates 1k, 10k and 100k-order ledgers and times
# whole commands with hyperfine, peak memory with /usr/bin/time -v, and
# check-jsonschema on the same files; then bench/export.sh (the export in each
# format, every command's peak memory), bench/fresh-clone.sh, bench/site.sh and
# bench/merge.sh.
# Needs hyperfine (Debian package) and, for the comparison, check-jsonschema
# (PyPI). Takes about 40 minutes on 2 cores.
#
#   bash bench/run.sh [DIR]        # ledgers go to DIR (default /tmp/ordo-bench)
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-/tmp/ordo-bench}
mkdir -p "$dir"
cargo build --release --quiet --bin ordo --examples
ordo=$PWD/target/release/ordo
floor=$PWD/target/release/examples/parse-floor
for n in 1000 10000 100000; do
  [ -f "$dir/l$n/ordo.yaml" ] || ./target/release/examples/gen-ledger --orders "$n" --seed 1 --out "$dir/l$n"
done
asof=2026-11-20
# Benchmarks measure clean ledgers: a generator that falls behind the example's
# workflows makes every order an error, and the timings measure error output.
if ! "$ordo" -C "$dir/l1000" validate --as-of $asof > /dev/null; then
  echo "the generated ledger has errors (ordo -C $dir/l1000 validate): update examples/gen-ledger.rs" >&2
  exit 1
fi
runs() { if [ "$1" = 100000 ]; then echo 3; else echo 10; fi; }
for n in 1000 10000 100000; do
  l=$dir/l$n
  # Ten orders of customers without a credit limit (see BENCHMARKS.md for the others).
  staged=$(cd "$l" && ls orders/2026 | grep -v -E -- '-C[0-9]{3}0-' | sed -n '1,10p' | sed 's|^|orders/2026/|' | tr '\n' ' ' || true)
  echo "## $n orders"
  # One hyperfine run per command: a single --prepare would apply to all of them.
  hyperfine -N -w 1 -r "$(runs $n)" \
    -n "floor: read + yaml_serde" "$floor $l" \
    -n "floor: read + saphyr events" "$floor $l --events"
  hyperfine -N -w 0 -r "$(runs $n)" -n "validate (cold)" --prepare "rm -rf $l/.ordo" "$ordo -C $l validate --as-of $asof"
  hyperfine -N -w 0 -r "$(runs $n)" -n "overdue (cold)" --prepare "rm -rf $l/.ordo" "$ordo -C $l overdue --as-of $asof"
  hyperfine -N -w 1 -r "$(runs $n)" \
    -n "validate (warm)" "$ordo -C $l validate --as-of $asof" \
    -n "validate 10 staged files" "$ordo -C $l validate --as-of $asof $staged" \
    -n "overdue (warm)" "$ordo -C $l overdue --as-of $asof" \
    -n "sla" "$ordo -C $l sla --as-of $asof" \
    -n "monthly" "$ordo -C $l monthly --as-of $asof" \
    -n "calendar" "$ordo -C $l calendar --as-of $asof -o $dir/l$n.ics"
done
# The cold ratio, measured in pairs: on a shared machine the load drifts between
# hyperfine's blocks, so ordo and the floor alternate, five times each.
l=$dir/l100000
"$floor" "$l" > /dev/null
for cmd in validate overdue; do
  echo "## cold $cmd against the floor, 100k orders, 5 alternating pairs"
  for i in 1 2 3 4 5; do
    rm -rf "$l/.ordo"
    a=$( { /usr/bin/time -f %e "$ordo" -C "$l" $cmd --as-of $asof > /dev/null; } 2>&1 )
    b=$( { /usr/bin/time -f %e "$floor" "$l" > /dev/null; } 2>&1 )
    echo "$a $b"
  done | awk -v cmd="$cmd" '{ o += $1; f += $2; printf "%s %s s, floor %s s, ratio %.2f\n", cmd, $1, $2, $1 / $2 }
    END { printf "total: %s %.2f s, floor %.2f s, ratio %.2f\n", cmd, o, f, o / f }'
done
echo "## peak memory, 100k orders, no cache"
for cmd in "validate" "overdue" "upcoming" "sla" "sla --detail" "monthly" "calendar" "list" "export -o $dir/export" "site -o $dir/site"; do
  rm -rf "$dir/l100000/.ordo"
  /usr/bin/time -f "$cmd: %M KB, %e s" "$ordo" -C "$dir/l100000" $cmd --as-of $asof > /dev/null
done
if command -v check-jsonschema > /dev/null; then
  echo "## check-jsonschema, 1000 orders"
  hyperfine -N -w 0 -r 2 \
    -n "check-jsonschema" "check-jsonschema --schemafile $PWD/schema/order.schema.json $(cd "$dir/l1000" && ls -d "$PWD"/orders/*/*.yaml | tr '\n' ' ')" \
    -n "ordo validate (cold)" --prepare "rm -rf $dir/l1000/.ordo" "$ordo -C $dir/l1000 validate --as-of $asof"
fi
# The export in each format, the fresh-clone cache, the site and the merge
# driver, each in its own script.
bash bench/export.sh "$dir"
bash bench/fresh-clone.sh "$dir"
bash bench/site.sh "$dir"
bash bench/merge.sh "$dir/merge"
