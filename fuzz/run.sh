#!/usr/bin/env bash
# Run every fuzz target for SECS seconds (default 600), two at a time, niced, with an RSS and a
# per-input time limit. Needs cargo-fuzz (`cargo install cargo-fuzz`); on a stable toolchain
# RUSTC_BOOTSTRAP=1 lets cargo-fuzz pass its nightly flags. Logs: $FUZZ_TARGET_DIR/logs/<t>.log
# (the last `#N` line and "Done N runs" give the exec count). Crashes land in
# fuzz/artifacts/<target>/.
# Usage: fuzz/run.sh [SECS] [TARGET...]
set -uo pipefail
cd "$(dirname "$0")"
SECS="${1:-600}"
shift || true
TARGETS=("$@")
[ "${#TARGETS[@]}" -gt 0 ] || TARGETS=(pdf cmap xlsx csv normalize)
DIR="${FUZZ_TARGET_DIR:-/work/targets/harden-fuzz}"
mkdir -p "$DIR/logs"
[ -d corpus ] || ./seed.sh
export RUSTC_BOOTSTRAP=1
run() {
  nice -n 19 cargo fuzz run --target-dir "$DIR" "$1" -- \
    -max_total_time="$SECS" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
    > "$DIR/logs/$1.log" 2>&1
  echo "$1: exit $? $(grep -E '^#[0-9]+' "$DIR/logs/$1.log" | tail -1)"
}
i=0
for t in "${TARGETS[@]}"; do
  run "$t" &
  i=$((i + 1))
  if [ $((i % 2)) -eq 0 ]; then wait; fi
done
wait
