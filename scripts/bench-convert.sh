#!/usr/bin/env bash
# Time `muniplan convert` over the dev corpus: a base commit against the working tree, in one run.
#
# Usage: scripts/bench-convert.sh [BASE_REV] [ROUNDS] [INPUT_DIR]
#   BASE_REV  default 00a9e88 (the state when issue #11 was filed: dev-corpus F1 0.573)
#   ROUNDS    default 5; each round converts INPUT_DIR into an empty OUT with base, then head
#             (interleaved, so machine load hits both alike)
#   INPUT_DIR default ../shared/dev-corpus/inputs
# The base is exported with `git archive` into target/bench-convert/src and built there with its
# own target dir (target/bench-convert/target, seeded once from target/release so only the
# workspace crates compile); head is this tree, built in target/. Prints the median wall time
# of each and the ratio head / base (target <= 1.2), and the median CPU time (user+sys of the
# child), which a loaded machine disturbs less than wall time.
set -euo pipefail
cd "$(dirname "$0")/.."
BASE="${1:-00a9e88}"
ROUNDS="${2:-5}"
INPUT="${3:-../shared/dev-corpus/inputs}"
[ -d "$INPUT" ] || { echo "bench-convert: no input folder $INPUT" >&2; exit 2; }
TARGET="${CARGO_TARGET_DIR:-target}"
WORK="$TARGET/bench-convert"
SRC="$WORK/src-$(git rev-parse --short "$BASE")"
BASE_TARGET="$WORK/target"
if [ ! -d "$SRC" ]; then
  mkdir -p "$SRC"
  git archive "$BASE" | tar -x -C "$SRC"
fi
if [ ! -d "$BASE_TARGET/release" ] && [ -d "$TARGET/release" ]; then
  mkdir -p "$BASE_TARGET"
  cp -r "$TARGET/release" "$BASE_TARGET/release"
fi
echo "bench-convert: building base $BASE and head" >&2
(cd "$SRC" && CARGO_TARGET_DIR="$(cd - >/dev/null && realpath "$BASE_TARGET")" cargo build -q --release -p muniplan)
cargo build -q --release -p muniplan
BASE_BIN="$BASE_TARGET/release/muniplan"
HEAD_BIN="$TARGET/release/muniplan"
OUT="$(mktemp -d)"
trap 'rm -rf "$OUT"' EXIT
python3 - "$BASE_BIN" "$HEAD_BIN" "$INPUT" "$OUT" "$ROUNDS" <<'PY'
import resource, shutil, statistics, subprocess, sys, time
base, head, inp, out, rounds = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])
def run(binary):
    dest = f"{out}/o"
    shutil.rmtree(dest, ignore_errors=True)
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    subprocess.run([binary, "convert", inp, "-o", dest], stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, check=False)
    wall = time.perf_counter() - t
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
    return wall, cpu
run(base); run(head)  # warm the page cache
times = {"base": [], "head": []}
cpus = {"base": [], "head": []}
for _ in range(rounds):
    for name, binary in (("base", base), ("head", head)):
        wall, cpu = run(binary)
        times[name].append(wall)
        cpus[name].append(cpu)
b, h = statistics.median(times["base"]), statistics.median(times["head"])
cb, ch = statistics.median(cpus["base"]), statistics.median(cpus["head"])
print(f"base: median {b:.3f} s over {rounds} runs ({', '.join(f'{x:.3f}' for x in times['base'])})")
print(f"head: median {h:.3f} s over {rounds} runs ({', '.join(f'{x:.3f}' for x in times['head'])})")
print(f"cpu time (user+sys): base median {cb:.3f} s, head median {ch:.3f} s, ratio {ch / cb:.3f}")
print(f"ratio head / base: {h / b:.3f} (target <= 1.2)")
PY
