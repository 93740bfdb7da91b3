#!/usr/bin/env bash
# Times `ordo slips` and `ordo history` on a repository with 10,000 commits, and
# the merge driver on one order file. The repository is a generated 1,000-order
# ledger whose orders are re-planned one commit at a time (git fast-import makes
# the commits: a date of one order moved per commit).
#
#   bash bench/history.sh [DIR]     # the repository goes to DIR (default /tmp/ordo-history)
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-/tmp/ordo-history}
cargo build --release --quiet --bin ordo --examples
ordo=$PWD/target/release/ordo
repo=$dir/repo
if [ ! -d "$repo/.git" ]; then
  rm -rf "$dir"; mkdir -p "$dir"
  ./target/release/examples/gen-ledger --orders 1000 --seed 1 --out "$repo" > /dev/null
  (cd "$repo" && git init -q -b main && git add -A && git -c user.name=gen -c user.email=gen@example.com commit -qm start)
  python3 - "$repo" <<'PY'
import os, re, subprocess, sys, random
repo = sys.argv[1]
random.seed(1)
files = []
for year in sorted(os.listdir(os.path.join(repo, "orders"))):
    for name in sorted(os.listdir(os.path.join(repo, "orders", year))):
        files.append(f"orders/{year}/{name}")
texts = {f: open(os.path.join(repo, f)).read() for f in files}
out = []
mark = 0
for n in range(10000):
    f = random.choice(files)
    text = texts[f]
    # Move the order's `received` a day on: every due date computed from it moves.
    def bump(m):
        d = int(m.group(3))
        return f"received: {m.group(1)}-{m.group(2)}-{(d % 27) + 1:02d}"
    text = re.sub(r"received: (\d{4})-(\d{2})-(\d{2})", bump, text, count=1)
    texts[f] = text
    data = text.encode()
    mark += 1
    out.append(f"commit refs/heads/main\ncommitter gen <gen@example.com> {1767225600 + n * 600} +0800\ndata 6\nedit {n % 10}\n")
    if n == 0:
        out.append("from refs/heads/main^0\n")
    out.append(f"M 100644 inline {f}\ndata {len(data)}\n")
    out.append(text + "\n")
stream = "".join(out).encode()
subprocess.run(["git", "-C", repo, "fast-import", "--quiet"], input=stream, check=True)
subprocess.run(["git", "-C", repo, "reset", "--quiet", "--hard", "main"], check=True)
PY
fi
echo "## $(git -C "$repo" rev-list --count HEAD) commits"
order=$(basename "$(git -C "$repo" log -1 --format= --name-only)" .yaml)
hyperfine -N -w 1 -r 3 \
  -n "slips (10,000 commits)" "$ordo -C $repo slips --as-of 2026-11-20" \
  -n "history of one order" "$ordo -C $repo history $order --as-of 2026-11-20"
# The merge driver on one order: base, ours (a step done), theirs (an amendment).
m=$dir/merge; mkdir -p "$m"
f=$(cd "$repo" && find orders -name "*.yaml" -print -quit)
cp "$repo/$f" "$m/base.yaml"
sed 's/^steps:$/steps:\n  x-probe: {note: ours}/' "$m/base.yaml" > "$m/ours.yaml"
printf 'x-theirs: 1\n' | cat "$m/base.yaml" - > "$m/theirs.yaml"
hyperfine -N -w 3 -r 50 -n "merge-file, one order" "$ordo merge-file $m/base.yaml $m/ours.yaml $m/theirs.yaml $f --stdout"
