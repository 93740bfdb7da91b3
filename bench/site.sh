#!/usr/bin/env bash
# The site at scale: `ordo site` against `ordo overdue` on the same ledger, both
# cold (no cache), in alternating pairs, and the site's peak memory. The target:
# within 2x of overdue's time and 300 MB. Each build writes a new folder, as a CI
# job on a fresh clone does; the folders are removed only after the last build.
# Removing one just before a build makes the build slower on an ext4 without a
# journal (its inode allocator skips inodes freed in the last minutes, checking
# each one): that case is timed apart, at the end. Each command starts with
# nothing left to write back from the one before (`sync`), so neither pays for
# the other's writes. Run it when nothing has removed many files in the last
# six minutes, for the same reason.
#
#   bash bench/site.sh [DIR]       # DIR holds l100000 (bench/run.sh makes it)
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-/tmp/ordo-bench}
cargo build --release --quiet --bin ordo --examples
ordo=$PWD/target/release/ordo
l=$dir/l100000
[ -f "$l/ordo.yaml" ] || ./target/release/examples/gen-ledger --orders 100000 --seed 1 --out "$l"
asof=2026-11-20
runs=$dir/site-runs-$$
mkdir -p "$runs"
# Untimed: brings the ledger's files into the page cache for both commands
# alike (the machine may have dropped some since they were last read).
"$ordo" -C "$l" overdue --as-of $asof > /dev/null
echo "## cold site against cold overdue, 100k orders, 3 alternating pairs"
for i in 1 2 3; do
  rm -rf "$l/.ordo"
  sync
  a=$( { /usr/bin/time -f "%e %M %U %S" "$ordo" -C "$l" site -o "$runs/$i" --as-of $asof > /dev/null; } 2>&1 )
  rm -rf "$l/.ordo"
  sync
  b=$( { /usr/bin/time -f "%e %M %U %S" "$ordo" -C "$l" overdue --as-of $asof > /dev/null; } 2>&1 )
  echo "$a $b"
done | awk '{ s += $1; o += $5; sc += $3 + $4; oc += $7 + $8; if ($2 > m) m = $2;
    printf "site %s s (%d MB, CPU %.1f s), overdue %s s (%d MB, CPU %.1f s), ratio %.2f\n", $1, $2 / 1024, $3 + $4, $5, $6 / 1024, $7 + $8, $1 / $5 }
  END { printf "total: site %.2f s, overdue %.2f s, ratio %.2f (CPU %.2f); site peak %d MB\n", s, o, s / o, sc / oc, m / 1024 }'
echo "## the site's size"
du -sh "$runs/1"
find "$runs/1" -name '*.html' | wc -l | sed 's/^/html pages: /'
echo "## a build right after the earlier builds' folders were removed"
rm -rf "$runs" "$dir/site" "$l/.ordo"
/usr/bin/time -f "site %e s (%M KB, CPU %U + %S s)" "$ordo" -C "$l" site -o "$dir/site" --as-of $asof > /dev/null
