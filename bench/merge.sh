#!/usr/bin/env bash
# The merge driver (`ordo merge-file`, what git runs for each order both sides
# changed): on a typical order of the example ledger, and on orders of many
# lines up to the largest file the ledger accepts (1 MiB), each side changing
# one line far from the other's. The time must grow with the file, not with
# its square. Needs hyperfine (Debian package).
#
#   bash bench/merge.sh [DIR]      # files go to DIR (default /tmp/ordo-bench/merge)
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-/tmp/ordo-bench/merge}
rm -rf "$dir"
mkdir -p "$dir"
cargo build --release --quiet --bin ordo
ordo=$PWD/target/release/ordo
cp -r example-ledger "$dir/ledger"

# A typical order: one side advances a step, the other records a payment.
f=orders/2026/202605-ABC-005.yaml
cp "example-ledger/$f" "$dir/base.yaml"
sed 's/^  ORD-11: {planned: 2026-06-22}$/  ORD-11: {planned: 2026-06-22, done: 2026-11-25, by: carol}/' "$dir/base.yaml" > "$dir/ours.yaml"
printf '  - {installment: balance, amount: 100.00, received: 2026-11-26}\n' | cat "$dir/base.yaml" - > "$dir/theirs.yaml"
echo "## a typical order ($(wc -c < "$dir/base.yaml") bytes)"
(cd "$dir/ledger" && hyperfine -N -w 3 -r 30 -n "merge-file, typical order" \
  "$ordo merge-file $dir/base.yaml $dir/ours.yaml $dir/theirs.yaml $f --stdout")

# Orders of N lines (about 42 bytes each): 25,000 lines is the 1 MiB limit.
echo "## orders of many lines, a change at each end"
for n in 3125 6250 12500 25000; do
  {
    printf 'id: 202611-ACME-001\ncustomer: ABC\nowner: alice\nreceived: 2026-11-02T10:00:00+08:00\nchannel: email\nsteps:\n  ORD-01: {done: 2026-11-02T10:00, by: alice}\nlines:\n'
    seq 0 $((n - 1)) | awk '{ printf "  - {sku: S-%05d, qty: 1, unit_price: 1.00}\n", $1 }'
  } > "$dir/big-base.yaml"
  sed 's/{sku: S-00010, qty: 1,/{sku: S-00010, qty: 2,/' "$dir/big-base.yaml" > "$dir/big-ours.yaml"
  sed "s/{sku: S-$(printf %05d $((n - 10))), qty: 1,/{sku: S-$(printf %05d $((n - 10))), qty: 3,/" "$dir/big-base.yaml" > "$dir/big-theirs.yaml"
  echo "### $n lines, $(wc -c < "$dir/big-base.yaml") bytes"
  (cd "$dir/ledger" && hyperfine -N -w 1 -r 5 -n "merge-file, $n lines" \
    "$ordo merge-file $dir/big-base.yaml $dir/big-ours.yaml $dir/big-theirs.yaml orders/2026/202611-ACME-001.yaml --stdout")
  /usr/bin/time -f "peak memory: %M KB" "$ordo" merge-file "$dir/big-base.yaml" "$dir/big-ours.yaml" \
    "$dir/big-theirs.yaml" orders/2026/202611-ACME-001.yaml --stdout > /dev/null
done
